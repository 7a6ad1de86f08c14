import * as fs from 'node:fs';
import * as path from 'node:path';
import { describe, expect, it } from 'vitest';
import { TEMPLATE_NAMES } from '../../../functions/domain/emails';
import { answerExamples } from '../emails/reader-checks';
import { READERS_OF, SAMPLES } from '../emails/reader-samples';

/** docs/emails.md lists every template: who gets it, when (local time) and how to answer it. */
const doc = fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'emails.md'), 'utf8');

function section(title: string): string {
  const at = doc.indexOf(`\n## ${title}`);
  if (at < 0) throw new Error(`docs/emails.md has no section "${title}".`);
  const end = doc.indexOf('\n## ', at + 1);
  return doc.slice(at, end < 0 ? undefined : end);
}

/** The catalogue's rows by template: When, To, Asks. */
const rows = new Map(
  section('Catalogue')
    .split('\n')
    .map((line) => /^\| `(\w+)` \|(.*)\|\s*$/.exec(line))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => {
      const [when = '', to = '', asks = ''] = m[2]!.split(' | ').map((c) => c.trim());
      return [m[1]!, { when, to, asks }] as const;
    }),
);
const sendTimes = section('Local send time of each template');

describe('docs/emails.md', () => {
  it.each([...TEMPLATE_NAMES])('lists %s with when it goes, who gets it and how to answer it', (name) => {
    const row = rows.get(name);
    expect(row, `add a row for \`${name}\` to the Catalogue of docs/emails.md`).toBeDefined();
    expect(row!.when).not.toBe('');
    expect(row!.to).not.toBe('');
    expect(row!.asks).not.toBe('');
  });

  it.each([...TEMPLATE_NAMES])('gives the local send time of %s', (name) => {
    const mentions = sendTimes.match(new RegExp(`\`${name}\``, 'g')) ?? [];
    expect(mentions, `list \`${name}\` once under "Local send time of each template" in docs/emails.md`).toHaveLength(1);
  });

  it.each([...TEMPLATE_NAMES])('names the readers %s reaches', (name) => {
    const to = rows.get(name)?.to ?? '';
    const readers = READERS_OF[name] ?? [];
    if (readers.includes('admin')) expect(to).toMatch(/admin/);
    if (readers.includes('manager')) expect(to).toMatch(/manager/);
    if (readers.includes('mentor') || readers.includes('mentee')) expect(to).toMatch(/participant|partner|both|mentee|mentor|sender|whoever|answered/);
  });

  it.each([...TEMPLATE_NAMES])('says how to answer %s with the words its email asks for', (name) => {
    const asks = rows.get(name)?.asks ?? '';
    const words = new Set(
      (SAMPLES[name]?.() ?? []).flatMap((d) => answerExamples(d.email.text).map((example) => /^[A-Z]{2,}/.exec(example)?.[0])).filter((w) => w !== undefined),
    );
    // A clarification asks again whatever its question asked: its row says so instead of listing words.
    if (name === 'clarificationRequest') return void expect(asks).toMatch(/the same question/);
    for (const word of words) expect(asks, `the ${name} row should say to reply ${word}`).toContain(word);
  });

  it('lists no template that does not exist', () => {
    expect([...rows.keys()].filter((name) => !(TEMPLATE_NAMES as readonly string[]).includes(name))).toEqual([]);
  });
});
