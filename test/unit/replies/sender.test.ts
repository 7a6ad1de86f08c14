import { describe, expect, it } from 'vitest';
import { emailKey } from '../../../functions/domain/participant';
import { parseInbound } from '../../../functions/domain/replies/inbound';
import { readSender } from '../../../functions/domain/replies/sender';

const b64 = (text: string) => `=?UTF-8?B?${Buffer.from(text).toString('base64')}?=`;

describe('emailKey: one canonical form of an address', () => {
  it.each([
    ['max@xn--mnchen-3ya.de', 'max@xn--mnchen-3ya.de'],
    ['MAX@XN--MNCHEN-3YA.DE', 'max@xn--mnchen-3ya.de'],
    ['max@münchen.de', 'max@xn--mnchen-3ya.de'],
    [' Max@MÜNCHEN.DE ', 'max@xn--mnchen-3ya.de'],
    ['Ada@Example.com', 'ada@example.com'],
  ])('%s -> %s', (address, key) => expect(emailKey(address)).toBe(key));

  it.each([
    ['a soft hyphen', 'ted@exa\u00admple.com'],
    ['a full-width letter', 'ted@\uff45xample.com'],
    ['a zero-width space', 'ted@exa\u200bmple.com'],
    ['the Kelvin sign, which lower-cases to "k"', 'ted@\u212Apmg.com'],
    ['a full-width letter beside a real Unicode one', 'max@\uff4dünchen.de'],
  ])('keeps a domain with %s apart from the domain it looks like (QA attacker4)', (_name, address) => {
    const real = address
      .normalize('NFKC')
      .replace(/[\u00ad\u200b]/g, '')
      .toLowerCase()
      .replace('münchen', 'xn--mnchen-3ya');
    expect(emailKey(address)).not.toBe(emailKey(real));
    expect(emailKey(address)).not.toMatch(/^[\x20-\x7e]*$/);
  });

  it('reads a From written with the Kelvin sign as no ASCII address (it lower-cases to "k")', () => {
    const { from } = readSender(['Mia <mia@\u212aestrel.example>']);
    expect(emailKey(from ?? '')).not.toBe('mia@kestrel.example');
  });

  it.each([
    ['the Angstrom sign, composed to "å" (QA verify23)', 'asa@\u212Bre.example', 'asa@xn--re-xia.example'],
    ['the Ohm sign, composed to "Ω"', 'li@\u2126mega.example', 'li@\u03c9mega.example'],
    ['a letter written decomposed, which IDNA takes only composed', 'max@mu\u0308nchen.de', 'max@xn--mnchen-3ya.de'],
  ])('keeps a domain with %s apart from the composed one', (_name, address, real) => {
    expect(emailKey(address)).not.toBe(emailKey(real));
  });

  it('leaves what is no host name as it is (the URL parser would read "a/b.de" as "a")', () => {
    expect(emailKey('ada@ä/b.de')).toBe('ada@ä/b.de');
    expect(emailKey('no-at-sign')).toBe('no-at-sign');
  });
});

describe('readSender', () => {
  it.each([
    ['a bare address', 'Ada@Example.com', 'ada@example.com'],
    ['a display name', 'Ada Lovelace <ada@example.com>', 'ada@example.com'],
    ['a quoted name with a comma', '"Lovelace, Ada" <ada@example.com>', 'ada@example.com'],
    ['a quoted name with quotes inside', '"Ada \\"Countess\\" Lovelace" <ada@example.com>', 'ada@example.com'],
    ['a Q-encoded name with a comma', '=?UTF-8?Q?Lovelace=2C_Ad=C3=A1?= <ada@example.com>', 'ada@example.com'],
    ['a B-encoded name', `${b64('Adá Lövelace')} <ada@example.com>`, 'ada@example.com'],
    ['a comment as the name', 'ada@example.com (Ada Lovelace)', 'ada@example.com'],
    ['a comment after the address', 'Ada <ada@example.com> (work)', 'ada@example.com'],
    ['the address as its own display name', '"ada@example.com" <ada@example.com>', 'ada@example.com'],
    ['the address as its own name in another case', '"ADA@Example.com" <ada@example.com>', 'ada@example.com'],
    ['the address as its own encoded name', `${b64('ada@example.com')} <ada@example.com>`, 'ada@example.com'],
    ['an "@" that is no address in the name', '"Ada @ home" <ada@example.com>', 'ada@example.com'],
    ['a punycode domain, kept as written', 'max@xn--mnchen-3ya.de', 'max@xn--mnchen-3ya.de'],
    ['a Unicode domain named in the display name too', '"max@münchen.de" <max@xn--mnchen-3ya.de>', 'max@xn--mnchen-3ya.de'],
  ])('accepts %s', (_name, from, address) => {
    expect(readSender([from])).toEqual({ from: address });
  });

  it.each([
    ['an address after the closing bracket', '<ada@example.com>@evil.example'],
    ['an address in a Q-encoded name', '=?UTF-8?Q?Ada_<ada@example.com>?= <evil@evil.example>'],
    ['an address in a B-encoded name', `${b64('Ada <ada@example.com>')} <evil@evil.example>`],
    ['another address as the display name', 'ada@example.com <evil@evil.example>'],
    ['another quoted address as the display name', '"ada@example.com" <evil@evil.example>'],
    ['a second bare address', 'ada@example.com evil@evil.example'],
    ['another address after the mailbox', 'Ada <ada@example.com> evil@evil.example'],
    ['another address in a comment', 'Ada <ada@example.com> (for evil@evil.example)'],
    ['an encoded address in a comment', `Ada <ada@example.com> (${b64('evil@evil.example')})`],
    ['a full-width at sign', '"ada＠example.com" <evil@evil.example>'],
    ['a quoted local part', '"Ada" <"ada"@example.com>'],
    ['two mailboxes', 'Ada <ada@example.com>, Eve <eve@evil.example>'],
    ['a group', 'Team: ada@example.com;'],
    ['an address written as an encoded word (no "@" in the raw field)', 'Eve <=?UTF-8?Q?ada=40example.com?=>'],
    ['an address whose "@" is an encoded word', 'Eve <ada=?UTF-8?Q?=40?=example.com>'],
  ])('refuses %s', (_name, from) => {
    expect(readSender([from]).problem).toEqual(expect.any(String));
  });

  it('refuses two From fields, and reads a From with no address as no sender', () => {
    expect(readSender(['ada@example.com', 'eve@evil.example']).problem).toBe('The message has more than one From field.');
    expect(readSender(['Ada'])).toEqual({ from: null });
    expect(readSender([])).toEqual({ from: null });
    // A whole From that is one encoded word is a name, whatever it decodes to: no sender.
    expect(readSender(['=?UTF-8?B?YWRhQGV4YW1wbGUuY29t?='])).toEqual({ from: null });
  });

  it('is what parseInbound reads: the punycode domain not turned into Unicode, the two attacks refused', async () => {
    const eml = (from: string) => `From: ${from}\r\nTo: reply+abc@in.example\r\nSubject: Re: hi\r\n\r\nYES`;
    expect(await parseInbound(eml('max@xn--mnchen-3ya.de'))).toMatchObject({ from: 'max@xn--mnchen-3ya.de' });
    expect((await parseInbound(eml('max@xn--mnchen-3ya.de'))).fromProblem).toBeUndefined();
    // Written in raw UTF-8 (SMTPUTF8): read as UTF-8, the same mailbox as its punycode spelling.
    const utf8 = await parseInbound(Buffer.from(eml('Max Müller <max@münchen.de>'), 'utf8'));
    expect(utf8).toMatchObject({ from: 'max@münchen.de' });
    expect(emailKey(utf8.from!)).toBe('max@xn--mnchen-3ya.de');
    expect((await parseInbound(eml('<ada@example.com>@evil.example'))).fromProblem).toEqual(expect.any(String));
    expect((await parseInbound(eml('=?UTF-8?Q?Ada_<ada@example.com>?= <evil@evil.example>'))).fromProblem).toEqual(expect.any(String));
  });
});
