import { describe, expect, it } from 'vitest';
import { parseInbound } from '../../../functions/domain/replies';
import { readPauseDate } from '../../../functions/domain/replies/pause-date';
import { MAX_FROM_CHARS, readSender } from '../../../functions/domain/replies/sender';

/**
 * What an attacker sends to the inbound domain (QA attack6): a From field of megabytes, a PAUSE
 * followed by a long run of spaces, text-direction overrides in a reply. Each is read as a person's
 * reply would be, or refused, in one pass over the text.
 */
const now = new Date('2026-12-01T09:00:00Z');
const raw = (from: string, body: string) =>
  `From: ${from}\r\nTo: r-abc@reply.example.com\r\nSubject: Re: hello\r\nMessage-ID: <m1@example.com>\r\n\r\n${body}\r\n`;

describe('hostile input to the inbound reader', () => {
  it('refuses a From field too long to be a name and an address, before parsing it', async () => {
    const name = 'A'.repeat(500_000);
    expect(readSender([`"${name}" <eve@example.com>`])).toEqual({
      from: null,
      problem: `The From field is ${name.length + 20} characters long, too long to be one person's name and address.`,
    });
    const folded = Array.from({ length: 1500 }, () => `=?UTF-8?Q?${'A'.repeat(60)}?=`).join('\r\n ');
    const message = await parseInbound(raw(`${folded} <eve@evil.example>`, 'hello'));
    expect(message.fromProblem).toMatch(/^The From field is \d+ characters long/);
  });

  it('still reads a long display name within the bound, and still refuses another address shown in it', () => {
    const name = 'Ada '.repeat(Math.floor((MAX_FROM_CHARS - 40) / 4)).trim();
    expect(readSender([`"${name}" <ada@example.com>`])).toEqual({ from: 'ada@example.com' });
    expect(readSender([`"${name} eve@evil.example" <ada@example.com>`]).problem).toBe(
      'The From field shows another address besides the sender, so who wrote it is unclear.',
    );
  });

  it('reads a pause after a long run of spaces', () => {
    expect(readPauseDate(`${' '.repeat(200_000)}for 2 weeks`, now)).toMatchObject({ date: '2026-12-15' });
    expect(readPauseDate(`until 20 December ${' '.repeat(200_000)}\n  back then`, now)).toMatchObject({ date: '2026-12-20' });
  });

  it('drops text-direction overrides from a reply, keeping the words in the order they were written', async () => {
    const message = await parseInbound(raw('ada@example.com', 'YES\nGOALS:\n1. Review invoice\u202Efdp.exe\u202C today\n2. Learn \u2067RTL\u2069 things'));
    expect(message.text).toContain('1. Review invoicefdp.exe today');
    expect(message.text).toContain('2. Learn RTL things');
    expect(message.text).not.toMatch(/[\u202a-\u202e\u2066-\u2069]/u);
  });
});
