import { describe, expect, it } from 'vitest';
import { matchCohort, type MatchParticipant } from '../../../functions/domain/matching/match';
import { NO_REVIEW, reviewProposal, type ReviewCohort } from '../../../functions/domain/matching/review';
import { person, program } from './fixtures';

/**
 * QA hrops5: refused review changes carried the issue "cannot be changed so", which says nothing.
 * Each refusal's issue says what is wrong with its field; a swap naming one pair twice is 400.
 */

function cohort(mentees: Partial<MatchParticipant>[] = []): ReviewCohort {
  const mentors = [0, 1].map((i) => person(`mentor${i}`, 'mentor', { topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] }));
  const people = [0, 1].map((i) => person(`mentee${i}`, 'mentee', { topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], ...(mentees[i] ?? {}) }));
  const participants = [...mentors, ...people];
  return { program: program(), participants, activePairs: [], previousPairs: [], waitingIds: participants.map((p) => p.participantId) };
}

const proposalOf = (c: ReviewCohort) => matchCohort({ program: c.program, participants: c.participants });

describe('review refusals say what is wrong', () => {
  it('a swap naming the same pair twice is 400: "pairIds must name two different pairs"', () => {
    const c = cohort();
    const proposal = proposalOf(c);
    const [a] = proposal.pairs;
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'swap', pairs: [a!, a!] })).toMatchObject({
      refused: true,
      status: 400,
      field: 'pairIds',
      issue: 'must name two different pairs',
    });
  });

  it('names the problem of every other refusal', () => {
    const c = { ...cohort(), activePairs: [{ mentorId: 'mentor0', menteeId: 'someone-running' }] };
    const proposal = proposalOf(c);
    const full = reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair: { mentorId: 'mentor0', menteeId: 'mentee1' } });
    expect(full).toMatchObject({ status: 409, field: 'mentorId', issue: 'has no free place left: running or fixed pairs take them all' });
    const sameMentor = [
      { mentorId: 'mentor1', menteeId: 'mentee0' },
      { mentorId: 'mentor1', menteeId: 'mentee1' },
    ];
    const twoPlaces = { ...cohort(), participants: cohort().participants.map((p) => (p.participantId === 'mentor1' ? { ...p, capacity: 2 } : p)) };
    const both = { pairs: sameMentor.map((p) => ({ ...proposal.pairs[0]!, ...p })), unmatched: [] };
    expect(reviewProposal(twoPlaces, both, NO_REVIEW, { kind: 'swap', pairs: [sameMentor[0]!, sameMentor[1]!] })).toMatchObject({
      status: 409,
      field: 'pairIds',
      issue: 'name two pairs with the same mentor',
    });
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair: { mentorId: 'mentor9', menteeId: 'mentee9' } })).toMatchObject({
      status: 404,
      issue: 'is not a pair of this proposal',
    });
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'forbid', pair: { mentorId: 'nobody', menteeId: 'mentee0' } })).toMatchObject({
      status: 404,
      issue: 'is not a mentor of this run',
    });
  });

  it('a pair breaking the hard rules names them', () => {
    const c = cohort([{}, { manager: { email: 'mentor0@example.com' } }]);
    expect(reviewProposal(c, proposalOf(c), NO_REVIEW, { kind: 'force', pair: { mentorId: 'mentor0', menteeId: 'mentee1' } })).toMatchObject({
      status: 409,
      field: 'menteeId',
      issue: 'breaks the hard rules: reportingChain',
    });
  });

  it('no refusal is left without an issue, nor says "cannot be changed so"', () => {
    const c = cohort();
    const proposal = proposalOf(c);
    const [a] = proposal.pairs;
    const ops = [
      { kind: 'swap', pairs: [a!, a!] },
      { kind: 'swap', pairs: [a!, { mentorId: 'x', menteeId: 'y' }] },
      { kind: 'force', pair: { mentorId: 'mentor0', menteeId: 'nobody' } },
    ] as const;
    for (const op of ops) {
      const out = reviewProposal(c, proposal, NO_REVIEW, op);
      expect(out.refused).toBe(true);
      if (out.refused) {
        expect(out.issue.length).toBeGreaterThan(0);
        expect(out.issue).not.toContain('cannot be changed so');
      }
    }
  });
});
