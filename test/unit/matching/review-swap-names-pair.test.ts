import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { NO_REVIEW, reviewProposal, type ReviewCohort, type ReviewRefusal } from '../../../functions/domain/matching/review';
import { cohort, ok, pairOf } from './review-fixtures';

/**
 * QA hr8: a swap naming a pair rejected earlier in the review was refused with 404 and the issue
 * "are not both pairs of this proposal" on `pairIds`, without saying which of the two was wrong.
 * The refusal names that pair (its place in `pairIds`, its id and its people) and why.
 */

const nameOf = (c: ReviewCohort, id: string) => c.participants.find((p) => p.participantId === id)!.name;

describe('a swap naming a pair that is not in the proposal any more (QA hr8)', () => {
  it('names the rejected pair by its place, id and people, and says it was rejected', () => {
    const c = cohort();
    const proposal = matchCohort({ program: c.program, participants: c.participants });
    const rejected = pairOf(proposal.pairs[0]!);
    const after = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair: rejected }));
    const kept = pairOf(after.proposal.pairs.find((p) => p.mentorId !== rejected.mentorId)!);
    const refused = reviewProposal(c, after.proposal, after.state, { kind: 'swap', pairs: [kept, rejected], ids: ['pr_kept', 'pr_rejected'] });
    expect(refused).toMatchObject({
      refused: true,
      status: 404,
      field: 'pairIds.1',
      issue: 'was rejected in this review: it is not a pair of this proposal any more',
    });
    expect((refused as ReviewRefusal).message).toBe(
      `Pair "pr_rejected" (${nameOf(c, rejected.mentorId)} and ${nameOf(c, rejected.menteeId)}) was rejected in this review: it is not a pair of this proposal any more. ` +
        'Read the proposal again and pick another of its pairs to swap.',
    );
  });

  it('names a pair an earlier swap replaced, in the first place, and both when neither is proposed, each with why', () => {
    const c = cohort();
    const proposal = matchCohort({ program: c.program, participants: c.participants });
    const [a, b, third] = proposal.pairs.map(pairOf);
    const swapped = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'swap', pairs: [a!, b!] }));
    const stillThere = pairOf(swapped.proposal.pairs.find((p) => p.mentorId === third!.mentorId)!);
    expect(reviewProposal(c, swapped.proposal, swapped.state, { kind: 'swap', pairs: [a!, stillThere], ids: ['pr_a', 'pr_c'] })).toMatchObject({
      status: 404,
      field: 'pairIds.0',
      issue: 'is not a pair of this proposal (any more)',
    });
    const rejected = ok(reviewProposal(c, swapped.proposal, swapped.state, { kind: 'reject', pair: stillThere }));
    const both = reviewProposal(c, rejected.proposal, rejected.state, { kind: 'swap', pairs: [a!, stillThere] });
    expect(both).toMatchObject({ status: 404, field: 'pairIds', issue: 'are not pairs of this proposal (any more)' });
    expect((both as ReviewRefusal).message).toMatch(
      /^Pair \(.+\) is not a pair of this proposal \(any more\)\. Pair \(.+\) was rejected in this review: .+ pick two of its pairs to swap\.$/,
    );
  });
});
