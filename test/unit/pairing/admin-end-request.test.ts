import { describe, expect, it } from 'vitest';
import { adminRequestSchemas, endRequestReason } from '../../../functions/domain/admin-requests';
import { toFieldIssues } from '../../../functions/domain/validation';

/**
 * QA hrops5: POST /pairings/{id}/end {"reason":"circumstances-changed","rematch":true} was ended as
 * `admin-rematch`, so both read "The program team decided to close it after looking at how it was
 * going", not the no-blame reason HR chose. A control request carries its rematch in the reason
 * (the lifecycle rematches `admin-rematch`), so the two cannot both be honoured: refused, naming reason.
 */

describe('endRequestReason', () => {
  it('ends with the reason given, or the program team’s decision by default', () => {
    expect(endRequestReason({})).toEqual({ reason: 'admin-decision' });
    expect(endRequestReason({ reason: 'not-meeting' })).toEqual({ reason: 'not-meeting' });
    expect(endRequestReason({ reason: 'circumstances-changed', rematch: false })).toEqual({ reason: 'circumstances-changed' });
  });

  it('rematches without a reason, or with the program team’s decision, which is what both are told', () => {
    expect(endRequestReason({ rematch: true })).toEqual({ reason: 'admin-rematch' });
    expect(endRequestReason({ reason: 'admin-decision', rematch: true })).toEqual({ reason: 'admin-rematch' });
  });

  it.each(['circumstances-changed', 'not-meeting', 'participant-request'] as const)(
    'refuses rematch with %s, naming reason and what to send instead',
    (reason) => {
      const out = endRequestReason({ reason, rematch: true });
      expect(out).toMatchObject({ refused: { field: 'reason', issue: 'cannot be given with rematch: leave it out (or send admin-decision)' } });
      const message = 'refused' in out ? out.refused.message : '';
      expect(message).toContain(`cannot give "${reason}" as the reason too`);
      expect(message).toContain('To rematch, leave reason out');
      expect(message).toContain(`to end with "${reason}", leave rematch out`);
    },
  );
});

describe('swap request', () => {
  it('refuses the same pair named twice: 400 naming pairIds', () => {
    const out = adminRequestSchemas.swap.safeParse({ pairIds: ['pr_a', 'pr_a'] });
    expect(out.success).toBe(false);
    expect(out.error && toFieldIssues(out.error)).toEqual([{ field: 'pairIds', message: 'must name two different pairs' }]);
    expect(adminRequestSchemas.swap.safeParse({ pairIds: ['pr_a', 'pr_b'] }).success).toBe(true);
  });
});
