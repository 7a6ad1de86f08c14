import { describe, expect, it } from 'vitest';
import { metaCharset, utf8Body } from '../../../functions/domain/replies/body-charset';

const decodeUndeclared = (bytes: Buffer, html: boolean) => utf8Body(bytes, html).toString('utf8');
import { parseInbound } from '../../../functions/domain/replies/inbound';
import { readReply } from '../../../functions/domain/replies';

// QA: a text part whose Content-Type names no charset was read as UTF-8, so an Outlook HTML reply
// declaring windows-1252 only in its <meta> ("Sí, encaja muy bien – gracias.") and a Latin-1 text
// part sent 8bit ("Sí, 4 – très utile") came out with "�" for every accented letter, read as
// unclear and were asked again ("> S�, encaja muy bien � gracias.").
const now = new Date('2027-03-01T10:00:00Z');
const HEAD = ['From: Ana Lima <ana.lima@example.com>', 'To: reply+abc@in.example.org', 'Subject: Re: Is this a good fit?', 'MIME-Version: 1.0'];

/** Windows-1252 bytes of a text: its letters here are all in Latin-1 but for the dashes. */
function cp1252(text: string): Buffer {
  const high: Record<string, number> = { '–': 0x96, '—': 0x97, '’': 0x92, '€': 0x80 };
  return Buffer.from([...text].map((c) => high[c] ?? c.charCodeAt(0)));
}

/** Quoted-printable of bytes, as Outlook writes a body: every byte over 0x7e as =XX. */
function qp(bytes: Buffer): string {
  return [...bytes]
    .map((b) => (b === 0x0a ? '\r\n' : b > 0x7e || b === 0x3d ? `=${b.toString(16).toUpperCase().padStart(2, '0')}` : String.fromCharCode(b)))
    .join('');
}

const message = (headers: string[], body: Buffer | string) => Buffer.concat([Buffer.from(`${[...HEAD, ...headers].join('\r\n')}\r\n\r\n`), Buffer.from(body)]);

const OUTLOOK_HTML = (charset: string, answer: string) =>
  `<html><head><meta http-equiv="Content-Type" content="text/html; charset=${charset}"><meta name="Generator" content="Microsoft Word 15 (filtered medium)"><style>p.MsoNormal{margin:0}</style></head><body lang="ES"><div class="WordSection1"><p class="MsoNormal">${answer}</p></div></body></html>\n`;

describe('a text part with no charset', () => {
  it('HTML in quoted-printable, windows-1252 declared only in its <meta http-equiv> (QA)', async () => {
    const raw = message(
      ['Content-Type: text/html', 'Content-Transfer-Encoding: quoted-printable'],
      qp(cp1252(OUTLOOK_HTML('windows-1252', 'Sí, encaja muy bien – gracias.'))),
    );
    expect((await parseInbound(raw)).text).toBe('Sí, encaja muy bien – gracias.');
    expect(await readReply(raw, 'fit', { now })).toMatchObject({ intent: 'yes', note: 'encaja muy bien – gracias' });
  });

  it('plain text sent 8bit in Latin-1 (QA)', async () => {
    const raw = message(['Content-Type: text/plain', 'Content-Transfer-Encoding: 8bit'], cp1252('Sí, 4 – très utile\n'));
    expect(await readReply(raw, 'check-in', { now })).toMatchObject({ intent: 'yes', rating: 4, note: 'très utile' });
    // No Content-Type at all: mailparser reads it as text/plain, and so as this.
    const bare = message(['Content-Transfer-Encoding: 8bit'], cp1252('Sí, 4 – très utile\n'));
    expect((await parseInbound(bare)).text).toBe('Sí, 4 – très utile\n');
  });

  it('<meta charset> in Shift_JIS and in UTF-8, 8bit', async () => {
    const sjis = Buffer.from([0x82, 0xcd, 0x82, 0xa2]); // はい
    const html = Buffer.concat([Buffer.from('<html><head><meta charset="Shift_JIS"></head><body><p>'), sjis, Buffer.from('</p></body></html>')]);
    expect((await parseInbound(message(['Content-Type: text/html', 'Content-Transfer-Encoding: 8bit'], html))).text).toBe('はい');
    const utf8 = '<html><head><meta charset=utf-8></head><body><p>Sí, 4 – très utile</p></body></html>';
    expect((await parseInbound(message(['Content-Type: text/html', 'Content-Transfer-Encoding: 8bit'], utf8))).text).toBe('Sí, 4 – très utile');
  });

  it('valid UTF-8 with nothing declared is UTF-8, never read as windows-1252', async () => {
    const raw = message(['Content-Type: text/plain', 'Content-Transfer-Encoding: 8bit'], 'Sí, 4 – très utile 😊');
    expect((await parseInbound(raw)).text).toBe('Sí, 4 – très utile 😊');
    const html = message(['Content-Type: text/html', 'Content-Transfer-Encoding: 8bit'], '<p>Sí, 4 – très utile</p>');
    expect((await parseInbound(html)).text).toBe('Sí, 4 – très utile');
  });

  it('a <meta> that says UTF-8 over bytes that are not: windows-1252', async () => {
    const raw = message(['Content-Type: text/html', 'Content-Transfer-Encoding: quoted-printable'], qp(cp1252(OUTLOOK_HTML('utf-8', 'Sí, 4 – très utile'))));
    expect((await parseInbound(raw)).text).toBe('Sí, 4 – très utile');
  });

  it('"us-ascii" with 8-bit bytes in it says nothing of them either', async () => {
    const raw = message(['Content-Type: text/plain; charset=us-ascii', 'Content-Transfer-Encoding: 8bit'], cp1252('Sí, 4 – très utile'));
    expect((await parseInbound(raw)).text).toBe('Sí, 4 – très utile');
  });

  it('the text part of a multipart/alternative, beside its HTML', async () => {
    const raw = message(
      ['Content-Type: multipart/alternative; boundary="b"'],
      Buffer.concat([
        Buffer.from('--b\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: 8bit\r\n\r\n'),
        cp1252('Oui, 4 – très utile'),
        Buffer.from('\r\n--b\r\nContent-Type: text/html\r\nContent-Transfer-Encoding: 8bit\r\n\r\n<p>'),
        cp1252('Oui, 4 – très utile'),
        Buffer.from('</p>\r\n--b--\r\n'),
      ]),
    );
    expect((await parseInbound(raw)).text).toBe('Oui, 4 – très utile');
  });
});

describe('a charset the message declares is still what it is read in', () => {
  it('the Content-Type charset over a <meta> that says otherwise', async () => {
    const raw = message(['Content-Type: text/html; charset=utf-8', 'Content-Transfer-Encoding: 8bit'], OUTLOOK_HTML('windows-1252', 'Sí, 4 – très utile'));
    expect((await parseInbound(raw)).text).toBe('Sí, 4 – très utile');
  });

  it('ISO-8859-1 in the Content-Type, as before', async () => {
    const raw = message(['Content-Type: text/plain; charset=iso-8859-1', 'Content-Transfer-Encoding: 8bit'], cp1252('Sí, très utile'));
    expect((await parseInbound(raw)).text).toBe('Sí, très utile');
  });
});

describe('utf8Body', () => {
  it('a UTF-8 body cut inside its last character (a message over the size cap) is still UTF-8', () => {
    const bytes = Buffer.from('Sí, 4 – très utile 😊', 'utf8');
    expect(decodeUndeclared(bytes.subarray(0, bytes.length - 2), false)).toMatch(/^Sí, 4 – très utile /);
    expect(decodeUndeclared(bytes.subarray(0, bytes.length - 2), false)).not.toContain('Ã');
  });

  it('a byte order mark says the charset, and is not part of the text', () => {
    expect(decodeUndeclared(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('Sí')]), false)).toBe('Sí');
    expect(decodeUndeclared(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('Yes 4', 'utf16le')]), false)).toBe('Yes 4');
  });

  it('reads the <meta> only within the first 64 KB, and passes over a charset it cannot decode', () => {
    expect(metaCharset(Buffer.from('<meta content="text/html; charset=windows-1252" http-equiv="Content-Type">'))).toBe('windows-1252');
    expect(metaCharset(Buffer.from(`<p>${'x'.repeat(64 * 1024)}</p><meta charset="windows-1252">`))).toBeUndefined();
    expect(metaCharset(Buffer.from('<meta charset="x-klingon">'))).toBeUndefined();
    expect(metaCharset(Buffer.from('<meta charset="utf-16">'))).toBe('utf-8');
    expect(decodeUndeclared(cp1252('<meta charset="x-klingon"><p>Sí</p>'), true)).toBe('<meta charset="x-klingon"><p>Sí</p>');
  });
});
