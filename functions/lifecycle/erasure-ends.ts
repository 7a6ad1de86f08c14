import { pairingsOf } from '../adapters/pairings';
import { sameAddressEnrolments } from '../adapters/participants';
import { isErased } from '../domain/erasure';
import { erasureEnds, type ErasureEnds } from '../domain/erasure-ends';
import type { Participant } from '../domain/participant';

/**
 * What erasing the person would end now (domain/erasure-ends.ts), over every enrolment the erasure
 * covers: theirs and the same person's under their address not erased yet, as lifecycle/erasure.ts
 * finds them. `others`: those enrolments, when the caller has read them already.
 */
export async function whatErasureEnds(person: Participant, others?: readonly Participant[]): Promise<ErasureEnds> {
  const enrolments = [person, ...(others ?? (await sameAddressEnrolments(person))).filter((p) => !isErased(p) && p.participantId !== person.participantId)];
  const pairings = (await Promise.all(enrolments.map((p) => pairingsOf(p.participantId)))).flat();
  return erasureEnds(
    pairings,
    enrolments.map((p) => p.participantId),
  );
}
