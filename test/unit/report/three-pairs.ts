import type { ProgramReportInput, ReportParticipant } from '../../../functions/domain/report';

type Item = ProgramReportInput['pairings'][number];

/** What a test changes in one pair: its pairing's fields, its check-ins, reviews or skill ratings. */
export type PairChange = { pairing?: Partial<Item['pairing']> } & Partial<Omit<Item, 'pairing'>>;

/**
 * Three active pairs (mentors m0..m2 with mentees s0..s2, accepted on 10 January 2027, no check-in
 * yet), the smallest group a report shows: `each` changes pair i (its pairing, check-ins, skills).
 */
export function threePairs(each: (i: number) => PairChange = () => ({})) {
  const participants: ReportParticipant[] = [];
  const pairings: Item[] = [];
  for (let i = 0; i < 3; i++) {
    participants.push({ participantId: `m${i}`, role: 'mentor', status: 'paired' }, { participantId: `s${i}`, role: 'mentee', status: 'paired' });
    const { pairing, ...rest } = each(i);
    pairings.push({
      pairing: {
        pairingId: `p${i}`,
        mentorId: `m${i}`,
        menteeId: `s${i}`,
        status: 'active',
        acceptedAt: '2027-01-10',
        checkInsHeld: 0,
        checkInsMissed: 0,
        ...pairing,
      },
      checkIns: [],
      reviews: [],
      ...rest,
    });
  }
  return { participants, pairings };
}
