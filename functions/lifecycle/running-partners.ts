import { isTerminal, pairingsOf, type Pairing } from '../adapters/pairings';
import { getParticipant } from '../adapters/participants';
import type { Participant } from '../domain/participant';
import { partnerIdOf } from '../domain/pairing/model';
import { partnerCalls, type PartnerCalls } from '../domain/replies/standing-target';

/**
 * How the person names the partners of their running pairings ("Sam"), when they have several:
 * their footer then says REMATCH must name the partner (footer.ts, recipientNow). A partner whose
 * name no reply can give (nothing readable, or none: erased) is counted in `unnamed`, so that the
 * footer still knows how many run. Undefined with fewer than two, the one read a person with a
 * single pairing pays for.
 */
export async function runningPartnerNames(
  person: Pick<Participant, 'participantId' | 'programId'>,
  pairings?: readonly Pairing[],
): Promise<PartnerCalls | undefined> {
  const running = (pairings ?? (await pairingsOf(person.participantId))).filter((p) => !isTerminal(p.status) && p.programId === person.programId);
  if (running.length < 2) return undefined;
  const partners = await Promise.all(running.map((p) => getParticipant(partnerIdOf(p, person.participantId))));
  return partnerCalls(partners.map((p) => ({ pairingId: '', ...(p?.name ? { partnerName: p.name } : {}) })));
}
