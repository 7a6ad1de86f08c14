import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { run as assign } from '../../../local/commands/assign';
import { run as match } from '../../../local/commands/match';
import { person } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'crossgen-match-cli-'));
function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}
async function call(cmd: typeof assign, args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await cmd(args, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
  return { code, stdout, stderr };
}
const programInput = { programId: 'pilot', name: 'Pilot', startDate: '2027-01-04', admins: ['programs@example.com'] };
const strip = ({ programId: _p, ...rest }: ReturnType<typeof person>) => rest;

describe('crossgen assign', () => {
  it('maximises the total on a rectangular matrix with forbidden cells', async () => {
    const r = await call(assign, [
      file('s.json', {
        scores: [
          [1, 9, null],
          [8, null, 2],
        ],
      }),
    ]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      pairs: [
        [0, 1],
        [1, 0],
      ],
      total: 17,
    });
  });

  it.each([
    [{ scores: [[1, 2], [3]] }, /scores\.1 has 1 cells but row 0 has 2/],
    [{ scores: [[1, 'x']] }, /scores\.0\.1 must be a number/],
    [{ matrix: [[1]] }, /matrix is not a known field/],
    ['{not json', /is not valid JSON/],
  ])('refuses bad input %# with exit code 2 and names the problem', async (content, message) => {
    const r = await call(assign, [file('bad.json', content)]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });

  it('exits 2 when the file is missing', async () => {
    const r = await call(assign, [join(dir, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/does not exist/);
  });
});

describe('crossgen match', () => {
  const participants = [strip(person('ana', 'mentor', { name: 'Ana Souza' })), strip(person('mo', 'mentee', { name: 'Mo Ibrahim' }))];

  it('prints pairs with reasons as JSON, or as a table', async () => {
    const path = file('cohort.json', { program: programInput, participants });
    const json = await call(match, [path]);
    expect(json.code).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.pairs).toEqual([
      expect.objectContaining({
        mentorId: 'ana',
        menteeId: 'mo',
        // The admin's voice (full names); each participant's own words ride along.
        reasons: expect.arrayContaining([expect.stringMatching(/Ana Souza can help Mo Ibrahim with AI tools/)]),
        reasonsFor: expect.objectContaining({ mentee: expect.arrayContaining([expect.stringMatching(/Ana can help with AI tools/)]) }),
      }),
    ]);
    const table = await call(match, [path, '--table']);
    expect(table.stdout).toMatch(/Mentor\s+Mentee\s+Score/);
    expect(table.stdout).toMatch(/Ana \(ana\)\s+Mo \(mo\)/);
  });

  it('runs the sample cohort of docs/examples and says why the best-fitting pair is missing', async () => {
    const r = await call(match, [join(__dirname, '../../../docs/examples/cohort.json')]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as {
      pairs: { mentorId: string; menteeId: string; tradeOffs: string[] }[];
      unmatched: { participantId: string; reason: string }[];
    };
    expect(out.pairs).toHaveLength(3);
    // Priya offers the two topics Marcus wants most, but reports to him: never paired, and the admins read why.
    expect(out.pairs.find((p) => p.mentorId === 'priya.shah@example.com')?.menteeId).not.toBe('marcus.webb@example.com');
    const marcus = out.pairs.find((p) => p.menteeId === 'marcus.webb@example.com')!;
    expect(marcus.tradeOffs[0]).toMatch(/^Priya Shah would have fitted Marcus Webb better \(\d+\), but the two are in one reporting line/);
    // Nobody else's trade-offs name a reporting line: only a mentor kept away by it, and better, is named.
    expect(out.pairs.filter((p) => p.tradeOffs.some((t) => t.includes('reporting line')))).toHaveLength(1);
    expect(out.unmatched).toEqual([expect.objectContaining({ participantId: 'yuki.tanaka@example.com', reason: expect.stringMatching(/share no language/) })]);
  });

  it('names no reporting line when the mentor kept away by it would not have fitted better', async () => {
    const cohort = [
      strip(person('ana', 'mentor', { name: 'Ana Souza', topicsOffered: ['sustainability'], manager: { email: 'mo@example.com' } })),
      strip(person('bo', 'mentor', { name: 'Bo Chen' })),
      strip(person('mo', 'mentee', { name: 'Mo Ibrahim' })),
    ];
    const r = await call(match, [file('chain-worse.json', { program: programInput, participants: cohort })]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout) as { pairs: { mentorId: string; tradeOffs: string[] }[] };
    expect(out.pairs).toEqual([expect.objectContaining({ mentorId: 'bo' })]);
    expect(out.pairs[0]!.tradeOffs.join(' ')).not.toMatch(/reporting line/);
  });

  it('refuses an invalid cohort with exit code 2, naming the participant field', async () => {
    const bad = [participants[0], { ...participants[1], email: 'not-an-email', topicsWanted: ['astrology'] }];
    const r = await call(match, [file('bad-cohort.json', { program: programInput, participants: bad })]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/participants\.1\.email must be a valid email address/);
    // Its unknown topic is named in the same run, as the intake names every problem at once.
    expect(r.stderr).toMatch(/participants\.1\.topicsWanted\.0 "astrology" is not a topic of this program/);
    const topics = await call(match, [
      file('bad-topic.json', { program: programInput, participants: [participants[0], { ...participants[1], topicsWanted: ['astrology'] }] }),
    ]);
    expect(topics.stderr).toMatch(/participants\.1\.topicsWanted\.0 "astrology" is not a topic of this program/);
    const noProgram = await call(match, [file('no-program.json', { participants })]);
    expect(noProgram.code).toBe(2);
    expect(noProgram.stderr).toMatch(/program is required/);
  });

  it('refuses unknown options', async () => {
    const r = await call(match, ['--fast']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--fast is not known/);
  });
});
