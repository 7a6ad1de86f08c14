import { z } from 'zod';
import type { LifecycleContext } from './pairing/context';
import { pauseBeyondEnd, pauseBeyondEndIssue, pauseBeyondEndProblem, pauseDayHasPassed } from './pairing/controls';
import type { Pairing } from './pairing/model';
import { boundIssues, describeIssues, fieldIssuesOf, type FieldIssue } from './validation';

/** Why an admin pauses a pairing (codes only; a pause always ends by a date or a resume). */
export const PAUSE_REASONS = ['leave', 'workload', 'circumstances-changed', 'other'] as const;

const reviewId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an id crossgen gave (letters, digits, - and _)');

/**
 * A day as YYYY-MM-DD that exists ("2026-13-01" does not), checked with the rest of the body so
 * that one answer names every bad field (QA hr8: a bad `reason` hid a month 13 until it was fixed).
 */
const pauseDaySchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine(
    (day) => {
      const at = new Date(`${day}T00:00:00Z`);
      return !Number.isNaN(at.getTime()) && at.toISOString().slice(0, 10) === day;
    },
    { message: 'is not a calendar date', when: (payload) => payload.issues.length === 0 },
  );

/**
 * Request bodies of the admin API (docs/admin-api.md). Every body is optional: no body is `{}`.
 * Unknown fields are refused, so a typo ("untill") is an error rather than silently ignored.
 */
export const adminRequestSchemas = {
  matching: z.object({}).strict(),
  pause: z
    .object({
      /** The pairing resumes by itself once this day has begun for both; without it, on the day two weeks ahead. A resume request ends it sooner. */
      until: pauseDaySchema.optional(),
      /** A later day it starts on (with `until`): the pause is booked, and the pairing runs as usual until then. */
      from: pauseDaySchema.optional(),
      /**
       * Why, as a code: the request is published as an event (kept 90 days in the bus archive), so
       * it carries no typed text, which could say more about a person than the program needs.
       */
      reason: z.enum(PAUSE_REASONS).optional(),
    })
    .strict(),
  resume: z.object({}).strict(),
  end: z
    .object({
      /** What both participants are told (functions/domain/emails/control.ts); `admin-decision` by default. */
      reason: z.enum(['admin-decision', 'not-meeting', 'circumstances-changed', 'participant-request']).optional(),
      /** Look for new partners for both (a RematchRequested event after the end). */
      rematch: z.boolean().optional(),
    })
    .strict(),
  // Match review (docs/admin-api.md, Match review): approve or change a proposal before it starts.
  approve: z.object({}).strict(),
  reject: z.object({}).strict(),
  swap: z
    .object({
      /** The two proposed pairs whose partners change places: each mentor takes the other's mentee. */
      pairIds: z.tuple([reviewId, reviewId]).refine(([a, b]) => a !== b, 'must name two different pairs'),
    })
    .strict(),
  force: z.object({ mentorId: reviewId, menteeId: reviewId }).strict(),
  forbid: z.object({ mentorId: reviewId, menteeId: reviewId }).strict(),
} as const;

export type AdminEndRequest = z.output<typeof adminRequestSchemas.end>;
export type AdminPauseRequest = z.output<typeof adminRequestSchemas.pause>;

/**
 * What is wrong with the days of a pause request whose form is right, every problem at once (QA
 * hr8: one answer names each bad field): a day that has passed, an `until` past the program's (or
 * the pairing's) end, a `from` without an `until` after it. Each problem has its sentence, for the
 * answer's message, and its field issue. `program` absent: the end is not checked.
 */
export function pauseDayProblems(
  body: AdminPauseRequest,
  pairing: Pairing,
  now: Date,
  program?: LifecycleContext['program'],
): { readonly sentence: string; readonly issue: FieldIssue }[] {
  const problems: { sentence: string; issue: FieldIssue }[] = [];
  if (body.until !== undefined) {
    const beyond = program ? pauseBeyondEnd(body.until, program, pairing) : undefined;
    if (pauseDayHasPassed(body.until, now))
      problems.push({ sentence: `A pause must last until a day after today, not ${body.until}.`, issue: { field: 'until', message: 'must be after today' } });
    else if (beyond)
      problems.push({
        sentence: pauseBeyondEndProblem(pairing.pairingId, body.until, beyond),
        issue: { field: 'until', message: pauseBeyondEndIssue(beyond) },
      });
  }
  if (body.from !== undefined) {
    // A booking is for days to come: "from" today or before would pause at once, which a pause
    // with "until" alone says plainly (QA apidocs: one was accepted and paused the pair at once).
    if (pauseDayHasPassed(body.from, now))
      problems.push({
        sentence: `A pause booked "from" a day must start after today, not on ${body.from}: to pause now, send "until" alone.`,
        issue: { field: 'from', message: 'must be after today' },
      });
    if (body.until === undefined)
      problems.push({ sentence: `A pause from ${body.from} needs the day it ends, in "until".`, issue: { field: 'until', message: 'is required with from' } });
    else if (body.until <= body.from)
      problems.push({
        sentence: `A pause from ${body.from} must end after it, not on ${body.until}.`,
        issue: { field: 'until', message: 'must be after from' },
      });
  }
  return problems;
}

/** A pause request checked whole: its body, or every problem of it in one answer (message and issues). */
export type PauseCheck =
  | { readonly ok: true; readonly body: AdminPauseRequest }
  | { readonly ok: false; readonly message: string; readonly issues: FieldIssue[] };

/**
 * A pause request's body (`input`: the JSON as sent, `{}` for none), checked for its form and its
 * days at once (QA hr8: a bad `reason` hid a month 13, which hid a day that has passed): with
 * problems of form, each day valid on its own is still checked, and a problem on a field that is
 * wrong in form already is not said twice.
 */
export function checkPauseRequest(input: unknown, pairing: Pairing, now: Date, program?: LifecycleContext['program']): PauseCheck {
  const parsed = adminRequestSchemas.pause.safeParse(input);
  if (parsed.success) {
    const problems = pauseDayProblems(parsed.data, pairing, now, program);
    if (problems.length === 0) return { ok: true, body: parsed.data };
    return { ok: false, message: problems.map((p) => p.sentence).join(' '), issues: problems.map((p) => p.issue) };
  }
  const formIssues = fieldIssuesOf(parsed.error);
  const wrong = new Set(formIssues.map((i) => i.field.split('.')[0]));
  const sent = input !== null && typeof input === 'object' ? (input as Record<string, unknown>) : {};
  const days: { until?: string; from?: string } = {};
  for (const key of ['until', 'from'] as const) {
    const day = pauseDaySchema.safeParse(sent[key]);
    if (day.success) days[key] = day.data;
  }
  const dayIssues = pauseDayProblems(days, pairing, now, program)
    .map((p) => p.issue)
    .filter((i) => !wrong.has(i.field));
  const issues = boundIssues([...formIssues, ...dayIssues]);
  return { ok: false, message: `A pause request was not accepted: ${describeIssues(issues)}.`, issues };
}

/**
 * The end reason an admin's end request is published with, or why it is refused. A rematch is
 * carried by the reason (`admin-rematch`: the lifecycle offers both a new partner for it, and
 * their end emails say the program team decided to close the pairing and that a new partner is
 * being looked for); a control request has no rematch of its own to add to another reason. So a
 * rematch with any reason but the program team's decision is refused: it would be ended with
 * words other than the ones HR chose, or without the rematch HR asked for.
 */
export function endRequestReason(
  body: AdminEndRequest,
): { readonly reason: string } | { readonly refused: { readonly field: 'reason'; readonly issue: string; readonly message: string } } {
  if (!body.rematch) return { reason: body.reason ?? 'admin-decision' };
  if (body.reason === undefined || body.reason === 'admin-decision') return { reason: 'admin-rematch' };
  return {
    refused: {
      field: 'reason',
      issue: 'cannot be given with rematch: leave it out (or send admin-decision)',
      message: `With rematch, both people are told that the program team decided to close the pairing and that a new partner is being looked for: their end emails cannot give "${body.reason}" as the reason too. To rematch, leave reason out (or send "admin-decision"); to end with "${body.reason}", leave rematch out (both then wait for the next matching run).`,
    },
  };
}
