import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseInbound, readReply, type ReplyReading } from '../../../functions/domain/replies';

const ANSWERS = new Set(['yes', 'no', 'rating', 'score']);
const fixture = readFileSync(join(import.meta.dirname, '../../fixtures/replies/gmail-checkin-yes-rating-note.eml'), 'latin1');

function wellFormed(r: ReplyReading): void {
  expect(['yes', 'no', 'rating', 'score', 'stop', 'pause', 'end', 'unclear']).toContain(r.intent);
  if (r.rating !== null) expect(r.rating >= 1 && r.rating <= 5).toBe(true);
  if (r.score !== null) expect(r.score >= 0 && r.score <= 10).toBe(true);
  expect(r.reason.length).toBeGreaterThan(0);
}

// Bytes that can spell no word or digit in ASCII, Latin-1 or UTF-8 answer cues.
const junkByte = fc
  .integer({ min: 0, max: 255 })
  .filter((b) => !(b >= 0x30 && b <= 0x39) && !(b >= 0x41 && b <= 0x5a) && !(b >= 0x61 && b <= 0x7a) && b < 0x80);
const junk = (max: number) => fc.array(junkByte, { maxLength: max }).map((a) => Buffer.from(a));

describe('malformed MIME never throws and never answers from garbage', () => {
  it('random bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 2000 }), async (bytes) => {
        wellFormed(await readReply(Buffer.from(bytes)));
        await parseInbound(Buffer.from(bytes));
      }),
      { numRuns: 300 },
    );
  });

  it('valid headers with junk bodies, wrong boundaries and invalid charsets', async () => {
    const contentType = fc.constantFrom(
      'multipart/alternative; boundary="right"',
      'multipart/mixed; boundary=',
      'multipart/mixed',
      'text/plain; charset="x-klingon"',
      'text/html; charset=utf-7',
      'text/plain; charset=utf-16',
      'message/rfc822',
      'multipart/report; report-type=delivery-status; boundary="b"',
      'application/octet-stream',
      'text/plain; charset=iso-2022-jp',
    );
    const encoding = fc.constantFrom('base64', 'quoted-printable', '7bit', '8bit', 'binary', 'x-uuencode', 'bogus');
    await fc.assert(
      fc.asyncProperty(contentType, encoding, junk(3000), fc.constantFrom('--wrong', '--right', '', '--b--'), async (ct, cte, body, boundary) => {
        const head = `From: Jane <jane@example.com>\r\nSubject: Re: Did you meet?\r\nMIME-Version: 1.0\r\nContent-Type: ${ct}\r\nContent-Transfer-Encoding: ${cte}\r\n\r\n${boundary}\r\n`;
        const r = await readReply(Buffer.concat([Buffer.from(head), body]), 'check-in');
        wellFormed(r);
        // In UTF-16 every two bytes are one character, so junk can spell a real answer (0x14 0x27 is "✔"):
        // that case is read as the sender's charset says, tested below. Every other charset must find nothing.
        if (!ct.includes('utf-16')) expect(ANSWERS.has(r.intent)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });

  it('a UTF-16 body is read in UTF-16: two junk-looking bytes that spell "✔" are a yes (found by the property above)', async () => {
    const head = 'From: Jane <jane@example.com>\r\nSubject: Re: Did you meet?\r\nContent-Type: text/plain; charset=utf-16le\r\n\r\n';
    const yes = await readReply(Buffer.concat([Buffer.from(head), Buffer.from('✔', 'utf16le')]), 'check-in');
    expect(yes.intent).toBe('yes');
    const no = await readReply(Buffer.concat([Buffer.from(head), Buffer.from('No, not yet', 'utf16le')]), 'check-in');
    expect(no.intent).toBe('no');
  });

  it('a real reply truncated anywhere or with its boundary altered', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: fixture.length }), fc.boolean(), async (cut, breakBoundary) => {
        const text = breakBoundary ? fixture.replace(/boundary="[^"]+"/, 'boundary="nothing-matches"') : fixture;
        wellFormed(await readReply(Buffer.from(text.slice(0, cut), 'latin1'), 'check-in'));
      }),
      { numRuns: 200 },
    );
  });

  it('a reply cut off right after a part\'s "Content-Type:" (found by the property above)', async () => {
    const cut = fixture.indexOf('Content-Type:', fixture.indexOf('--000000000000a1b2c3d4e5f60718')) + 'Content-Type:'.length;
    expect(cut).toBeGreaterThan(100);
    const r = await readReply(Buffer.from(fixture.slice(0, cut), 'latin1'), 'check-in');
    wellFormed(r);
    expect(r.from).toBe((await readReply(Buffer.from(fixture, 'latin1'), 'check-in')).from);
  });

  it('a 10 MB body of junk is judged without an answer', async () => {
    const head =
      'From: Jane <jane@example.com>\r\nSubject: Re: hi\r\nContent-Type: multipart/mixed; boundary="x"\r\n\r\n--x\r\nContent-Type: application/zip\r\nContent-Transfer-Encoding: base64\r\n\r\n';
    const body = Buffer.alloc(10 * 1024 * 1024 + 10, '+/==\r\n');
    const r = await readReply(Buffer.concat([Buffer.from(head), body]), 'check-in');
    expect(r.intent).toBe('unclear');
    expect(r.from).toBe('jane@example.com');
  });

  it('a huge single HTML part is read from its head only', async () => {
    const head = 'From: Jane <jane@example.com>\r\nSubject: Re: hi\r\nContent-Type: text/html\r\n\r\n';
    const r = await readReply(Buffer.concat([Buffer.from(head), Buffer.alloc(11 * 1024 * 1024, '<div><blockquote>')]));
    expect(r.intent).toBe('unclear');
  });
});
