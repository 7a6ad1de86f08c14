import { z } from 'zod';
import { matchingInput, propose, type ProposalSummary, type RunContext } from './cohort-matching';
import type { Pairing } from './adapters/pairings';
import type { Participant } from './domain/participant';
import { programClosed } from './domain/rematch-policy';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

const id = z.string().min(1).max(80);
/** RematchRequested's detail (functions/domain/events.ts) plus the run id CohortMatching gives it. */
const rematchSchema = z.object({
  runId: id,
  programId: id,
  participantIds: z.array(id),
  previousPairingId: id,
  reason: z.string(),
});
export type RematchEvent = z.input<typeof rematchSchema>;

/**
 * Who a rematch offers: the people the event names (the partners of a pairing that did not start
 * or ended, already within the rematch policy), the waitlist, and anyone else of the program whose
 * own rematch has not run yet (`awaiting-rematch`: two pairs losing a member each at once leave a
 * mentor and a mentee who fit; otherwise the first rematch put its person on the waitlist, told so,
 * and the second took them off it the same second; left unmatched, they are not waitlisted here but
 * by their own rematch, which follows the news of their ended pairing), except people held on the
 * waitlist at the rematch cap (`rematch-limit`: the admin decides for them) and people away until a
 * later date. The cap counts a person's own automatic rematches: someone whose last allowed rematch
 * found nobody waits with the waitlist's promise (considered first by every later run) and is kept
 * to it; only when a pairing of theirs ends past the cap are they held for the admin. Matched
 * against mentors' free places. Running pairs are not touched; the pairing being replaced counts as
 * ended, so its pair is never proposed again.
 */
export function rematchInput(
  people: readonly Participant[],
  pairings: readonly Pairing[],
  request: { participantIds: readonly string[]; previousPairingId: string },
  run?: RunContext,
) {
  const named = new Set(request.participantIds);
  const held = run?.heldForAdmin ?? new Set<string>();
  // Someone whose news of an ended pairing still waits for their send time is not offered yet: a new
  // introduction would arrive before the news it follows (QA rematch4). Their own rematch, which
  // follows that news, offers them; the people this rematch is for were told already.
  const owed = [...(run?.owedEndNews ?? [])].filter((id) => !named.has(id));
  const input = matchingInput(people, pairings, {
    waiting: (p) => named.has(p.participantId) || p.status === 'awaiting-rematch' || (p.status === 'waitlisted' && !held.has(p.participantId)),
    endedPairingIds: [request.previousPairingId],
    ...(run ? { now: run.now, closed: programClosed(run.program, run.now) } : {}),
    ...(owed.length > 0 ? { leaveOut: new Set(owed) } : {}),
  });
  // Someone else's rematch may pair them, but never waitlists them: the news that their pairing
  // ended may still be waiting for their send time, and their own rematch follows that news.
  const status = new Map(people.map((p) => [p.participantId, p.status]));
  return { ...input, waitingIds: input.waitingIds.filter((id) => named.has(id) || status.get(id) !== 'awaiting-rematch') };
}

/**
 * "Match the waiting people again" in CohortMatching: incremental matching after a rematch request,
 * without an approval round (the admin approved the program's matching; a rematch only fills
 * places). New pairs start through the same idempotent Map as a cohort; the rest stay waitlisted.
 */
export const handler = eventHandler('rematch', async (event: unknown): Promise<ProposalSummary> => {
  const e = rematchSchema.parse(event);
  logger.info('rematch requested', { programId: e.programId, runId: e.runId, previousPairingId: e.previousPairingId, people: e.participantIds.length });
  return propose('rematch', e.programId, e.runId, (people, pairings, run) => rematchInput(people, pairings, e, run), new Date());
});
