import { isErased } from '../domain/erasure';
import type { MatchParticipant, PairedElsewhere } from '../domain/matching/match';
import { isSamePerson } from '../domain/same-person';
import { listPairings } from './pairings';
import { enrolmentsByEmail, getParticipantIn } from './participants';
import { getProgram } from './programs';

/** How many address lookups run at once (one GSI2 query each). */
const LOOKUP_CONCURRENCY = 16;

/**
 * The pairings people of a solve had with each other in other programs, as data for the matching
 * (domain/matching/past-partners.ts). A person's other enrolments are found by their address
 * markers, as a bounce or HR's ParticipantLeft finds them, and kept only when they are the same
 * person (domain/same-person.ts: the same employee id when both have one). One GSI2 query per
 * person, then one listing of the pairings of each other program where two of them were enrolled.
 */
export async function pairedElsewhere(programId: string, people: readonly MatchParticipant[]): Promise<PairedElsewhere[]> {
  // Another program's participant id -> who that is here.
  const here = new Map<string, { person: MatchParticipant; programId: string }>();
  for (let i = 0; i < people.length; i += LOOKUP_CONCURRENCY) {
    const chunk = people.slice(i, i + LOOKUP_CONCURRENCY);
    const found = await Promise.all(chunk.map((p) => enrolmentsByEmail(p.email)));
    chunk.forEach((person, k) => {
      for (const e of found[k] ?? []) if (e.programId !== programId) here.set(e.participantId, { person, programId: e.programId });
    });
  }
  const perProgram = new Map<string, number>();
  for (const h of here.values()) perProgram.set(h.programId, (perProgram.get(h.programId) ?? 0) + 1);
  const history: PairedElsewhere[] = [];
  for (const [other, enrolled] of perProgram) {
    if (enrolled < 2) continue;
    const theirs = (await listPairings(other)).filter((p) => here.has(p.mentorId) && here.has(p.menteeId));
    if (theirs.length === 0) continue;
    const programName = (await getProgram(other))?.name ?? other;
    for (const p of theirs) {
      const [mentor, mentee] = [here.get(p.mentorId)!, here.get(p.menteeId)!];
      const [mentorThen, menteeThen] = await Promise.all([getParticipantIn(other, p.mentorId), getParticipantIn(other, p.menteeId)]);
      const same = (now: MatchParticipant, then: typeof mentorThen) => then !== undefined && !isErased(then) && isSamePerson(now, then);
      if (!same(mentor.person, mentorThen) || !same(mentee.person, menteeThen)) continue;
      history.push({
        mentorId: mentor.person.participantId,
        menteeId: mentee.person.participantId,
        programName,
        status: p.status,
        ...(p.status === 'ended' && p.statusReason ? { endReason: p.statusReason } : {}),
      });
    }
  }
  return history;
}
