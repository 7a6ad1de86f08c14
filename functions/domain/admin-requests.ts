import { z } from 'zod';
import './validation';

/** Why an admin pauses a pairing (codes only; a pause always ends by a date or a resume). */
export const PAUSE_REASONS = ['leave', 'workload', 'circumstances-changed', 'other'] as const;

const reviewId = z.string().regex(/^[A-Za-z0-9_-]{1,80}$/, 'must be an id crossgen gave (letters, digits, - and _)');

/**
 * Request bodies of the admin API (docs/admin-api.md). Every body is optional: no body is `{}`.
 * Unknown fields are refused, so a typo ("untill") is an error rather than silently ignored.
 */
export const adminRequestSchemas = {
  matching: z.object({}).strict(),
  pause: z
    .object({
      /** The pairing resumes by itself once this day has begun for both; without it, on the day two weeks ahead. A resume request ends it sooner. */
      until: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
        .optional(),
      /** A later day it starts on (with `until`): the pause is booked, and the pairing runs as usual until then. */
      from: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
        .optional(),
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
