import { describe, expect, it } from 'vitest';
import { NO_REVIEW, pairNamed, reviewProposal } from '../../../functions/domain/matching/review';
import { cohort, first, ok, pairOf } from './review-fixtures';

/** A change sent again (a retry after a lost answer) is recognised as made: nothing new to store. */

const NOTHING = { added: [], removed: [], reexplained: [] };

describe('a review change sent again', () => {
  it('a second reject of a pair rejected in this review changes nothing: same proposal, same state', () => {
    const c = cohort();
    const proposal = first(c);
    const pair = pairOf(proposal.pairs[0]!);
    const once = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair }));
    expect(once.changed).toBe(true);
    expect(once.changes.removed.map(pairOf)).toContainEqual(pair);
    const twice = ok(reviewProposal(c, once.proposal, once.state, { kind: 'reject', pair }));
    expect(twice.changed).toBe(false);
    expect(twice.state).toEqual(once.state);
    expect(twice.proposal).toEqual(once.proposal);
    expect(twice.changes).toEqual(NOTHING);
  });

  it('a reject of a pair never proposed, nor rejected, is still refused with 404', () => {
    const c = cohort();
    const proposal = first(c);
    const [a, b] = proposal.pairs;
    const never = { mentorId: a!.mentorId, menteeId: b!.menteeId };
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair: never })).toMatchObject({ refused: true, status: 404, field: 'pairingId' });
  });

  it('a rejection undone by a later force is not "made already": rejecting the old pair again is a 404', () => {
    const c = cohort();
    const proposal = first(c);
    const pair = pairOf(proposal.pairs[0]!);
    const rejected = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair }));
    const other = proposal.pairs.find((p) => p.menteeId !== pair.menteeId)!;
    const forced = ok(reviewProposal(c, rejected.proposal, rejected.state, { kind: 'force', pair: { mentorId: pair.mentorId, menteeId: other.menteeId } }));
    expect(forced.state.rejected).toEqual([]);
    expect(reviewProposal(c, forced.proposal, forced.state, { kind: 'reject', pair })).toMatchObject({ refused: true, status: 404 });
  });

  it('a second forbid of the same pair changes nothing', () => {
    const c = cohort();
    const proposal = first(c);
    const pair = pairOf(proposal.pairs[1]!);
    const once = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'forbid', pair }));
    expect(once.changed).toBe(true);
    const twice = ok(reviewProposal(c, once.proposal, once.state, { kind: 'forbid', pair }));
    expect(twice.changed).toBe(false);
    expect(twice.state).toEqual(once.state);
    expect(twice.proposal).toEqual(once.proposal);
    expect(twice.changes).toEqual(NOTHING);
  });

  it('a forbid of a pair ruled out already, its keys stored in another order, changes nothing', () => {
    const c = cohort();
    const proposal = first(c);
    const pair = pairOf(proposal.pairs[1]!);
    const once = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'forbid', pair }));
    const stored = { ...once.state, ruledOut: once.state.ruledOut.map((p) => ({ menteeId: p.menteeId, mentorId: p.mentorId })) };
    expect(ok(reviewProposal(c, once.proposal, stored, { kind: 'forbid', pair })).changed).toBe(false);
  });

  it('a second force of the same pair changes nothing', () => {
    const c = cohort();
    const proposal = first(c);
    const [a, b] = proposal.pairs;
    const pair = { mentorId: a!.mentorId, menteeId: b!.menteeId };
    const once = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair }));
    expect(once.changed).toBe(true);
    const twice = ok(reviewProposal(c, once.proposal, once.state, { kind: 'force', pair }));
    expect(twice.changed).toBe(false);
    expect(twice.state).toEqual(once.state);
    expect(twice.changes).toEqual(NOTHING);
  });

  it('a second swap of the same two pairs changes nothing, while both pairs it made are kept', () => {
    const c = cohort();
    const proposal = first(c);
    const pairs: [ReturnType<typeof pairOf>, ReturnType<typeof pairOf>] = [pairOf(proposal.pairs[0]!), pairOf(proposal.pairs[1]!)];
    const once = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'swap', pairs }));
    expect(once.changed).toBe(true);
    const twice = ok(reviewProposal(c, once.proposal, once.state, { kind: 'swap', pairs }));
    expect(twice.changed).toBe(false);
    expect(twice.state).toEqual(once.state);
    expect(twice.proposal).toEqual(once.proposal);
    // Once one of the swapped pairs is rejected, the swap is no longer in place: the old pairs are not in the proposal.
    const made = once.state.forced[0]!;
    const rejected = ok(reviewProposal(c, once.proposal, once.state, { kind: 'reject', pair: made }));
    expect(reviewProposal(c, rejected.proposal, rejected.state, { kind: 'swap', pairs })).toMatchObject({ refused: true, status: 404 });
  });
});

describe('pairNamed', () => {
  const proposal = [{ pairingId: 'pr_a', mentorId: 'm1', menteeId: 'e1' }];
  const audit: { pairs?: Record<string, { mentorId: string; menteeId: string }> }[] = [
    { pairs: { pr_b: { mentorId: 'm2', menteeId: 'e2' } } },
    {},
    { pairs: { pr_c: { mentorId: 'm3', menteeId: 'e3' } } },
  ];

  it('names a pair of the proposal, or one a change of this review took out (from its audit)', () => {
    expect(pairNamed('pr_a', proposal, audit)).toEqual({ mentorId: 'm1', menteeId: 'e1' });
    expect(pairNamed('pr_b', proposal, audit)).toEqual({ mentorId: 'm2', menteeId: 'e2' });
    expect(pairNamed('pr_c', proposal, audit)).toEqual({ mentorId: 'm3', menteeId: 'e3' });
  });

  it('knows no id the run never proposed', () => {
    expect(pairNamed('pr_never', proposal, audit)).toBeUndefined();
    expect(pairNamed('pr_a', [], [])).toBeUndefined();
  });
});
