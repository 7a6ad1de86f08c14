import { describe, expect, it, vi } from 'vitest';
import * as concernModule from '../../../functions/domain/replies/concern';
import { concernBelow } from '../../../functions/domain/replies/concern-below';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { MAX_READ_CHARS, READ_CUT_MARK, readableHead } from '../../../functions/domain/replies/read-head';
import { stripReply } from '../../../functions/domain/replies/strip';

// Counts how often concernBelow reads the rest of a reply as a concern (each read covers the rest).
vi.mock('../../../functions/domain/replies/concern', async (original) => {
  const actual = await original<typeof import('../../../functions/domain/replies/concern')>();
  return { ...actual, readConcern: vi.fn(actual.readConcern) };
});

// QA: a 9.5 MB plain-text reply from the right sender ran past the inbound Lambda's 60 s timeout.
const PROSE = 'We met on Tuesday and talked about the project plan, the next steps, and how to share the work.\n';
const MB = 1024 * 1024;
const reply = (head: string, bytes: number, unit = PROSE) => head + unit.repeat(Math.ceil((bytes - head.length) / unit.length));
const writer = { address: 'jane.doe@example.com', name: 'Jane Doe' };
const read = (text: string) => interpretReply(stripReply(text, writer), 'check-in', { now: new Date('2026-12-02T12:00:00Z') });

describe('a very long reply is read on its first 64 KB of text', () => {
  it('leaves a reply within the bound as it is, and cuts a longer one at a line end, with the mark on a line of its own', () => {
    expect(readableHead('YES 4\nGood chat.')).toBe('YES 4\nGood chat.');
    const head = readableHead(reply('YES\n', 4 * MB));
    expect(head.length).toBeLessThanOrEqual(MAX_READ_CHARS);
    expect(head.length).toBeGreaterThan(MAX_READ_CHARS - PROSE.length - READ_CUT_MARK.length - 2);
    expect(head.endsWith(`${PROSE.trim()}\n${READ_CUT_MARK}`)).toBe(true);
    expect(readableHead(head)).toBe(head);
  });

  it('keeps the start of one very long line, and never splits a character written with two code units', () => {
    const line = readableHead(`YES ${'🙂'.repeat(MB)}`);
    expect(line.startsWith('YES 🙂🙂')).toBe(true);
    expect(line.length).toBeLessThanOrEqual(MAX_READ_CHARS);
    expect(line.slice(0, -READ_CUT_MARK.length - 1)).toMatch(/^YES (?:🙂)+$/u);
  });

  it('reads a 4 MB reply as it reads its first 60 KB: the same answer, note and reason', () => {
    const big = reply('YES 4\n', 4 * MB);
    const small = big.slice(0, big.lastIndexOf('\n', 60 * 1024));
    const answer = read(big);
    expect(answer).toEqual(read(small));
    expect(answer).toMatchObject({ intent: 'yes', rating: 4 });
    expect(answer.note).toMatch(/\[cut here: the reply was longer than 4,000 characters\]$/);
    // One line of 4 MB without a line break: the same.
    const line = reply('YES 4 ', 4 * MB, PROSE.replace('\n', ' '));
    expect(read(line)).toEqual(read(line.slice(0, 60 * 1024)));
  });

  it('never looks past the bound: replies that differ only after it strip to the same bounded text', () => {
    const head = reply('YES 4\n', 200 * 1024);
    const tails = ['\nCONCERN: she was late again\n', '\nSTOP\n> On Mon, Jane wrote:\n> quoted\n', `\n${'x'.repeat(MB)}`, '\nJane\n'];
    const stripped = tails.map((tail) => stripReply(`${head}${tail}${PROSE.repeat(10_000)}`, writer));
    for (const text of stripped) {
      expect(text).toBe(stripped[0]);
      expect(text.length).toBeLessThanOrEqual(MAX_READ_CHARS);
    }
    expect(stripped[0]!.endsWith(READ_CUT_MARK)).toBe(true);
  });

  it('a head of quoted history alone leaves nothing written, not the mark', () => {
    expect(stripReply(reply('', MB, '> quoted line of our email\n'))).toBe('');
  });
});

describe('a CONCERN below the answer is looked for without reading the rest once per line', () => {
  const readConcern = vi.mocked(concernModule.readConcern);

  it('reads no rest of a long reply none of whose lines opens with the keyword', () => {
    readConcern.mockClear();
    // Under the bound, so only the search itself is counted: one read of the rest per line was quadratic.
    expect(concernBelow(reply('Yes 4\n\n', 60 * 1024, `${PROSE}\n`), 'check-in')).toBeUndefined();
    expect(readConcern).not.toHaveBeenCalled();
  });

  it('reads the rest once per line that opens with the keyword, from the blank lines and marks above it', () => {
    readConcern.mockClear();
    const found = concernBelow(`Yes 4\nconcern about the room\n\n-\n>\nCONCERN: she was late again\nTwice.`, 'check-in');
    expect(found).toMatchObject({ above: 'Yes 4\nconcern about the room', concern: { text: 'she was late again\nTwice.', word: 'CONCERN' } });
    expect(readConcern).toHaveBeenCalledTimes(2);
  });

  it('a concern that runs to the cut ends with the mark, so the admins see it was cut', () => {
    const big = `${reply('Yes 4\n', 50 * 1024)}CONCERN: she was late again\n${PROSE.repeat(100_000)}`;
    const found = concernBelow(stripReply(big, writer), 'check-in');
    expect(found?.concern.text.startsWith('she was late again\n')).toBe(true);
    expect(found?.concern.text.endsWith(READ_CUT_MARK)).toBe(true);
    expect(interpretReply(found!.above, 'check-in')).toMatchObject({ intent: 'yes', rating: 4 });
  });
});
