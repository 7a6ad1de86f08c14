import { z } from 'zod';

/** What a waitForTaskToken branch yields: the SendTaskSuccess output, or the Catch's timeout. */
export const branchResultSchema = z.union([
  z.object({
    answer: z.object({ intent: z.string(), rating: z.number().nullish(), score: z.number().nullish(), note: z.string().nullish(), pauseUntil: z.string().nullish(), decision: z.string().nullish() }).passthrough(),
    answeredBy: z.string().optional(),
    channel: z.string().optional(),
    answeredAt: z.string().optional(),
  }).passthrough(),
  z.object({ silent: z.literal(true) }).passthrough(),
]);
export type BranchResult = z.infer<typeof branchResultSchema>;

export interface Answer {
  readonly answered: boolean;
  readonly intent?: string;
  readonly rating?: number;
  readonly score?: number;
  readonly note?: string;
  readonly pauseUntil?: string;
  readonly decision?: string;
}

export function answerOf(result: BranchResult): Answer {
  if (!('answer' in result)) return { answered: false };
  const a = result.answer as { intent: string; rating?: number | null; score?: number | null; note?: string | null; pauseUntil?: string | null; decision?: string | null };
  return {
    answered: true,
    intent: a.intent,
    ...(a.rating != null ? { rating: a.rating } : {}),
    ...(a.score != null ? { score: a.score } : {}),
    ...(a.note ? { note: a.note } : {}),
    ...(a.pauseUntil ? { pauseUntil: a.pauseUntil } : {}),
    ...(a.decision ? { decision: a.decision } : {}),
  };
}

/** A check-in counts as held when either partner says they met (one confirmation is enough). */
export function saysYes(a: Answer): boolean {
  return a.answered && (a.intent === 'yes' || (a.intent === 'rating' && a.rating !== undefined));
}
