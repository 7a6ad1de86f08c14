import { isTerminal, partnerIdOf, type Pairing, type PersonSide } from './pairing/model';

/**
 * What an erasure ends, as its confirm email, its confirm page and its last email say it
 * (docs/emails.md, dataRightsConfirm and dataErased). An erasure ends every running pairing of
 * every enrolment it covers as a departure would (lifecycle/erasure.ts), and the end tells the
 * partner only when their introduction has gone out (pairing/decide.ts, endEarly: nobody hears of
 * the end of a pairing they never knew). Someone with no pairing running (waiting, or whose
 * pairing ended already) reads nothing about a pairing or a partner (QA: an ERASE from a
 * waitlisted person was told "your partner is told kindly"). Pure.
 */
export interface ErasureEnds {
  /** The running pairings (not completed, not started, not ended) of the enrolments erased. */
  readonly pairings: number;
  /** Of those, how many have a partner whom the end tells. */
  readonly partnersTold: number;
}

export const NOTHING_ENDS: ErasureEnds = { pairings: 0, partnersTold: 0 };

type EndsPairing = Pick<Pairing, 'pairingId' | 'status' | 'mentorId' | 'menteeId' | 'round'>;

/** Whether the person on `side` knows of the pairing: always once it has started; before, once their introduction went out. */
function heardOf(pairing: EndsPairing, side: PersonSide): boolean {
  if (pairing.status !== 'proposed' && pairing.status !== 'introduced') return true;
  return pairing.round?.kind === 'acceptance' && pairing.round.asks[side]?.sent === true;
}

/**
 * What erasing the enrolments `erased` (one person's, every program under their address) ends,
 * from their pairings as they stand: each running one once, and whether its partner is told.
 */
export function erasureEnds(pairings: readonly EndsPairing[], erased: readonly string[]): ErasureEnds {
  const theirs = new Set(erased);
  const seen = new Set<string>();
  let running = 0;
  let told = 0;
  for (const p of pairings) {
    if (seen.has(p.pairingId) || isTerminal(p.status)) continue;
    const self = theirs.has(p.mentorId) ? p.mentorId : theirs.has(p.menteeId) ? p.menteeId : undefined;
    if (self === undefined) continue;
    seen.add(p.pairingId);
    running++;
    const partner = partnerIdOf(p, self);
    // A partner who is the same person (two enrolments of theirs) is erased too, and told nothing.
    if (theirs.has(partner)) continue;
    if (heardOf(p, partner === p.mentorId ? 'mentor' : 'mentee')) told++;
  }
  return { pairings: running, partnersTold: told };
}
