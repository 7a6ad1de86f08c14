import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run } from '../../../local/commands/reply';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, io: { stdout: (s: string) => void (out.stdout += s), stderr: (s: string) => void (out.stderr += s) } };
}

const dir = mkdtempSync(join(tmpdir(), 'crossgen-reply-'));
const file = join(dir, 'reply.eml');
writeFileSync(file, 'From: Jane <jane@example.com>\r\nSubject: Re: Did you meet?\r\n\r\nYes, 4 - great chat about AI\r\n');

describe('crossgen reply', () => {
  it('prints the reading as one JSON line', async () => {
    const { out, io } = capture();
    expect(await run([file, '--purpose', 'check-in'], io)).toBe(0);
    expect(JSON.parse(out.stdout)).toEqual({
      from: 'jane@example.com',
      autoReply: false,
      intent: 'yes',
      rating: 4,
      score: null,
      note: 'great chat about AI',
      reason: 'Understood "Yes" as yes, rating 4 of 5 and a note.',
    });
    expect(out.stderr).toBe('');
  });

  it('exits 2 with a sentence when the file is missing', async () => {
    const { out, io } = capture();
    expect(await run([join(dir, 'nope.eml')], io)).toBe(2);
    expect(out.stderr).toContain('does not exist');
    expect(out.stdout).toBe('');
  });

  it('exits 2 on no file, an unknown purpose or option', async () => {
    for (const args of [[], [file, '--purpose', 'lunch'], [file, '--purpose'], [file, '--verbose'], [file, file]]) {
      const { out, io } = capture();
      expect(await run(args, io)).toBe(2);
      expect(out.stderr).toContain('Usage: crossgen reply');
    }
  });
});
