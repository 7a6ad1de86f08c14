import { describe, expect, it } from 'vitest';
import type { UnmatchedParticipant } from '../../../functions/domain/matching/unmatched';
import { knownName, withNames } from '../../../functions/domain/matching/proposal-names';

/**
 * HR reviewing a proposal through the API read people by id only (GET
 * /programs/{programId}/matching/{runId}, the review routes' answers): each pair gets `mentorName`
 * and `menteeName`, each person left unmatched `name`, beside every field it had.
 */

const pair = (mentorId: string, menteeId: string) => ({
  pairingId: `pr_${mentorId}_${menteeId}`,
  mentorId,
  menteeId,
  score: 81.5,
  reasons: ['Ana offers AI tools, which Xena wants to learn.'],
  tradeOffs: [],
});
const waiting = (participantId: string): UnmatchedParticipant => ({
  participantId,
  role: 'mentee',
  code: 'no-eligible-partner',
  reason: 'No mentor shares a language with them.',
});

const people = [
  { participantId: 'pt_ana', name: 'Ana Mentor' },
  { participantId: 'pt_xena', name: 'Xena Senior' },
  { participantId: 'pt_yuri', name: 'Yuri Senior' },
  // An erased person's tombstone keeps no name.
  { participantId: 'pt_gone', name: '' },
];

describe('a proposal with its people named', () => {
  it('names the mentor and mentee of each pair and each person unmatched, every other field as it was', () => {
    const named = withNames({ pairs: [pair('pt_ana', 'pt_xena')], unmatched: [waiting('pt_yuri')] }, people);
    expect(named.pairs).toEqual([{ ...pair('pt_ana', 'pt_xena'), mentorName: 'Ana Mentor', menteeName: 'Xena Senior' }]);
    expect(named.unmatched).toEqual([{ ...waiting('pt_yuri'), name: 'Yuri Senior' }]);
  });

  it('gives no name for someone erased or not found, rather than one that names nobody', () => {
    const named = withNames({ pairs: [pair('pt_ana', 'pt_gone'), pair('pt_nobody', 'pt_xena')], unmatched: [waiting('pt_gone')] }, people);
    expect(named.pairs[0]).toEqual({ ...pair('pt_ana', 'pt_gone'), mentorName: 'Ana Mentor' });
    expect(named.pairs[1]).toEqual({ ...pair('pt_nobody', 'pt_xena'), menteeName: 'Xena Senior' });
    expect(named.unmatched[0]).toEqual(waiting('pt_gone'));
    expect(named.unmatched[0]).not.toHaveProperty('name');
  });

  it('keeps the order of the pairs and the people, and changes nothing it was given', () => {
    const pairs = [pair('pt_ana', 'pt_yuri'), pair('pt_ana', 'pt_xena')];
    const before = structuredClone(pairs);
    const named = withNames({ pairs, unmatched: [] }, people);
    expect(named.pairs.map((p) => p.menteeName)).toEqual(['Yuri Senior', 'Xena Senior']);
    expect(pairs).toEqual(before);
  });
});

describe('knownName: a name as the admin API shows it', () => {
  it('is the stored name, and undefined for someone erased (an empty name) or not found', () => {
    expect(knownName({ name: 'Ana Souza' })).toBe('Ana Souza');
    expect(knownName({ name: '' })).toBeUndefined();
    expect(knownName({ name: '  ' })).toBeUndefined();
    expect(knownName(undefined)).toBeUndefined();
  });
});
