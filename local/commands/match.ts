import { z } from 'zod';
import { checkTopics, participantIntakeSchema, type FieldIssue } from '../../functions/domain/participant';
import { programSchema } from '../../functions/domain/program';
import { describeIssues, toFieldIssues } from '../../functions/domain/validation';
import { matchCohort, type MatchParticipant, type MatchResult } from '../../functions/domain/matching/match';
import { firstNameOf } from '../../functions/domain/emails/format';
import { parseFileArgs, readJsonInput } from './assign';
import type { CommandIo } from './usage';

export const USAGE = 'Usage: crossgen match <cohort.json> [--table]   (the file holds {"program": {...}, "participants": [...]})';

const cohortFileSchema = z
  .object({
    program: programSchema,
    participants: z.array(z.record(z.string(), z.unknown(), { message: 'must be a participant object' })),
    previousPairs: z.array(z.object({ mentorId: z.string().min(1), menteeId: z.string().min(1) }).strict()).default([]),
    referenceDate: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
      .optional(),
  })
  .strict();

/** Each participant is an intake plus an id; the id defaults to the email, programId to the program's. */
function parseParticipants(raw: Record<string, unknown>[], programId: string, topics: readonly { id: string }[]): MatchParticipant[] | FieldIssue[] {
  const issues: FieldIssue[] = [];
  const out: MatchParticipant[] = [];
  raw.forEach((entry, i) => {
    const { participantId, ...intake } = entry;
    if (participantId !== undefined && (typeof participantId !== 'string' || participantId.trim() === '')) {
      issues.push({ field: `participants.${i}.participantId`, message: 'must be a non-empty string' });
    }
    const parsed = participantIntakeSchema.safeParse({ programId, ...intake });
    // Every problem of an entry at once, its topics too, as the intake reports them (validateIntake).
    const found = [...(parsed.success ? [] : toFieldIssues(parsed.error)), ...checkTopics(parsed.success ? parsed.data : intake, topics)];
    for (const issue of found) issues.push({ field: `participants.${i}.${issue.field}`, message: issue.message });
    if (parsed.success) out.push({ ...parsed.data, participantId: typeof participantId === 'string' ? participantId.trim() : parsed.data.email });
  });
  return issues.length > 0 ? issues : out;
}

function table(result: MatchResult, names: ReadonlyMap<string, string>): string {
  const name = (id: string) => names.get(id) ?? id;
  const rows = result.pairs.map((p) => [name(p.mentorId), name(p.menteeId), p.score.toFixed(1), p.reasons[0] ?? '', p.tradeOffs[0] ?? '']);
  const header = ['Mentor', 'Mentee', 'Score', 'Top reason', 'Main trade-off'];
  const widths = header.map((h, c) => Math.min(60, Math.max(h.length, ...rows.map((r) => r[c]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((cell, c) => (cell.length > widths[c]! ? `${cell.slice(0, widths[c]! - 1)}…` : cell.padEnd(widths[c]!)))
      .join('  ')
      .trimEnd();
  const out = [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
  if (result.unmatched.length > 0) {
    out.push('', 'Unmatched:');
    for (const u of result.unmatched) out.push(`  ${name(u.participantId)} (${u.role}): ${u.reason}`);
  }
  const s = result.stats;
  out.push(
    '',
    `${s.pairs} pairs, average score ${s.averageScore}; ${s.unmatchedMentees} mentees and ${s.unmatchedMentors} mentors unmatched (${s.mode} solve).`,
  );
  return `${out.join('\n')}\n`;
}

/**
 * `crossgen match <cohort.json> [--table]`: optimal pairs with scores and reasons, and why anyone
 * stayed unmatched, as JSON (default) or a table for people. Exit 0, or 2 on bad input.
 */
export async function run(args: string[], io: CommandIo): Promise<number> {
  const parsed = parseFileArgs(args, ['--table'], USAGE, io);
  if (!parsed) return 2;
  if (parsed.help) {
    io.stdout(`${USAGE}\n`);
    return 0;
  }
  const json = await readJsonInput(parsed.file, 'cohort', USAGE, io);
  if (json === undefined) return 2;
  const cohort = cohortFileSchema.safeParse(json);
  const fail = (issues: readonly FieldIssue[]) => {
    io.stderr(`${parsed.file} is not a valid cohort: ${describeIssues(issues)}. Fix these fields and run crossgen match again.\n`);
    return 2;
  };
  if (!cohort.success) return fail(toFieldIssues(cohort.error));
  const { program, previousPairs, referenceDate } = cohort.data;
  const participants = parseParticipants(cohort.data.participants, program.programId, program.topics);
  if (participants.length > 0 && !('participantId' in participants[0]!)) return fail(participants as FieldIssue[]);
  const people = participants as MatchParticipant[];
  const ids = new Set<string>();
  const duplicates = people.filter((p) => {
    if (ids.has(p.participantId)) return true;
    ids.add(p.participantId);
    return false;
  });
  if (duplicates.length > 0) {
    return fail(duplicates.map((p) => ({ field: 'participants', message: `use the participant id "${p.participantId}" more than once (ids must be unique)` })));
  }
  const result = matchCohort({ program, participants: people, previousPairs, referenceDate });
  if (parsed.flags.has('--table')) {
    io.stdout(table(result, new Map(people.map((p) => [p.participantId, `${firstNameOf(p.name)} (${p.participantId})`]))));
  } else {
    io.stdout(`${JSON.stringify(result, null, 2)}\n`);
  }
  return 0;
}
