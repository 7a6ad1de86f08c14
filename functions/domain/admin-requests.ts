import { z } from 'zod';
import './validation';

/**
 * Request bodies of the admin API (docs/admin-api.md). Every body is optional: no body is `{}`.
 * Unknown fields are refused, so a typo ("untill") is an error rather than silently ignored.
 */
export const adminRequestSchemas = {
  matching: z.object({}).strict(),
  pause: z
    .object({
      /** The pairing resumes by itself on this day (00:00 UTC); without it, after 14 days. A resume request ends it sooner. */
      until: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD').optional(),
      reason: z.string().trim().min(1).max(500).optional(),
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
} as const;
