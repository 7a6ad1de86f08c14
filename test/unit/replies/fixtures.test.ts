import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readReply, type ReplyPurpose } from '../../../functions/domain/replies';

const DIR = join(import.meta.dirname, '../../fixtures/replies');
// "pause until March 1" depends on today: the corpus is read as of this day.
const NOW = new Date('2026-06-15T12:00:00Z');
const names = readdirSync(DIR)
  .filter((f) => f.endsWith('.eml'))
  .map((f) => f.slice(0, -4))
  .sort();

describe('reply fixture corpus', () => {
  it('holds at least 60 raw messages, each with its expected reading', () => {
    expect(names.length).toBeGreaterThanOrEqual(60);
    const jsons = readdirSync(DIR)
      .filter((f) => f.endsWith('.json'))
      .map((f) => f.slice(0, -5))
      .sort();
    expect(jsons).toEqual(names);
  });

  it.each(names)('%s reads as expected', async (name) => {
    const { purpose, ...expected } = JSON.parse(readFileSync(join(DIR, `${name}.json`), 'utf8')) as {
      purpose?: ReplyPurpose;
    };
    const actual = await readReply(readFileSync(join(DIR, `${name}.eml`)), purpose, { now: NOW });
    expect(actual).toEqual(expected);
    expect(Object.keys(actual).slice(0, 7)).toEqual(['from', 'autoReply', 'intent', 'rating', 'score', 'note', 'reason']);
  });
});

function withAttachment(text: string, attachmentBytes: number): Buffer {
  const head = [
    'From: Jane Doe <jane.doe@example.com>',
    'To: crossgen <reply+k7q2mz4xw5ab3cd6ef7gh2ij.m3n4o5p6q7r2s3t4@in.crossgen.example>',
    'Subject: Re: Did you meet Sam this week?',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="big"',
    '',
    '--big',
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '--big',
    'Content-Type: video/mp4',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="session-recording.mp4"',
    '',
    '',
  ].join('\r\n');
  const line = `${'QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0NTY3ODkwYWJjZGVmZ2hpamtsbW5vcHFyc3R1dnd4'}\r\n`;
  return Buffer.concat([Buffer.from(head), Buffer.from(line.repeat(Math.ceil(attachmentBytes / line.length))), Buffer.from('--big--\r\n')]);
}

describe('huge attachments (generated here, not committed)', () => {
  it('reads the answer of a 12 MB message from its first part and says only the head was read', async () => {
    const raw = withAttachment('Yes, 5 - recording attached', 12 * 1024 * 1024);
    expect(raw.length).toBeGreaterThan(10 * 1024 * 1024);
    const reading = await readReply(raw, 'check-in');
    expect(reading).toMatchObject({ from: 'jane.doe@example.com', autoReply: false, intent: 'yes', rating: 5, note: 'recording attached' });
    expect(reading.reason).toContain('Only the first megabyte');
  });

  it('parses a 3 MB message in full', async () => {
    const reading = await readReply(withAttachment('No, we had to cancel', 3 * 1024 * 1024), 'check-in');
    expect(reading).toMatchObject({ intent: 'no', note: 'we had to cancel' });
    expect(reading.reason).not.toContain('first megabyte');
  });
});
