import { isErased } from '../domain/erasure';
import type { MatchParticipant, PairedElsewhere } from '../domain/matching/match';
import { emailKey, type Participant } from '../domain/participant';
import { isSamePerson } from '../domain/same-person';
import { listPairings } from './pairings';
import { enrolmentsByEmail, getParticipantIn } from './participants';
import { getProgram } from './programs';

/** How many address lookups run at once (one GSI2 query each). */
const LOOKUP_CONCURRENCY = 16;

/**
 * The pairings people of a solve had with each other in other programs, as data for the matching
 * (domain/matching/past-partners.ts). Every pair a solve can propose has a member who waits for a
 * partner (`waitingIds`; a mentor with a free place beside a running pairing only joins one who
 * waits): only their other enrolments are looked up, by their address markers, as a bounce or
 * HR's ParticipantLeft finds them (one GSI2 query each), so a rematch in a large cohort costs a
 * few queries, not one per person. Then one listing
 * of the pairings of each program where they were enrolled; the partner there is found here by
 * address, and both are kept only when they are the same person (domain/same-person.ts: the same
 * employee id when both have one).
 */
export async function pairedElsewhere(programId: string, people: readonly MatchParticipant[], waitingIds: readonly string[]): Promise<PairedElsewhere[]> {
  const byAddress = new Map(people.map((p) => [emailKey(p.email), p]));
  // Another program's participant id -> the program, for the people who may be offered.
  const elsewhere = new Map<string, string>();
  const waiting = new Set(waitingIds);
  const free = people.filter((p) => waiting.has(p.participantId));
  for (let i = 0; i < free.length; i += LOOKUP_CONCURRENCY) {
    const found = await Promise.all(free.slice(i, i + LOOKUP_CONCURRENCY).map((p) => enrolmentsByEmail(p.email)));
    for (const e of found.flat()) if (e.programId !== programId) elsewhere.set(e.participantId, e.programId);
  }
  const history: PairedElsewhere[] = [];
  for (const other of new Set(elsewhere.values())) {
    const theirs = (await listPairings(other)).filter((p) => elsewhere.has(p.mentorId) || elsewhere.has(p.menteeId));
    if (theirs.length === 0) continue;
    const programName = (await getProgram(other))?.name ?? other;
    for (const p of theirs) {
      const [mentorThen, menteeThen] = await Promise.all([getParticipantIn(other, p.mentorId), getParticipantIn(other, p.menteeId)]);
      const here = (then: Participant | undefined) => {
        const now = then && !isErased(then) ? byAddress.get(emailKey(then.email)) : undefined;
        return now && isSamePerson(now, then!) ? now : undefined;
      };
      const [mentor, mentee] = [here(mentorThen), here(menteeThen)];
      if (!mentor || !mentee) continue;
      history.push({
        mentorId: mentor.participantId,
        menteeId: mentee.participantId,
        programName,
        status: p.status,
        ...(p.status === 'ended' && p.statusReason ? { endReason: p.statusReason } : {}),
      });
    }
  }
  return history;
}
