import { describe, expect, it } from 'vitest';
import { composeDigest } from '../../../functions/domain/digest';
import { pairsAtRisk } from '../../../functions/domain/report-risk';
import { springDigest, springProgram } from '../digest/spring';

/**
 * QA: a pairing with one check-in, rated 2 ("José is great, we met on Tuesday"), was flagged as at
 * risk for low ratings in the report and in the digest. The documented rule (docs/admin-api.md,
 * Pairs at risk) reads the last two rated check-ins: one rating is not a trend. And a run of one
 * missed check-in is not "1 check-in in a row".
 */

type Entry = Parameters<typeof pairsAtRisk>[0][number];
type CheckIn = Entry['checkIns'][number];

const running = (pairingId: string, checkIns: CheckIn[], missedInRow = 0): Entry => ({
  pairing: {
    pairingId,
    mentorId: `m_${pairingId}`,
    menteeId: `s_${pairingId}`,
    status: 'active',
    checkInsHeld: checkIns.length,
    checkInsMissed: 0,
    missedInRow,
  },
  checkIns,
  reviews: [],
});
const rated = (at: string, mentor?: number, mentee?: number): CheckIn => ({
  at,
  met: true,
  mentor: mentor === undefined ? { answered: false } : { answered: true, rating: mentor },
  mentee: mentee === undefined ? { answered: false } : { answered: true, rating: mentee },
});
const now = new Date('2027-03-01T09:30:00Z');
const codes = (entries: Entry[]) => pairsAtRisk(entries, springProgram, now).map((p) => [p.pairingId, p.risks.map((r) => r.code)]);

describe('pairs at risk: low ratings need the last two rated check-ins', () => {
  it('does not flag a pairing with a single rated check-in, however low', () => {
    expect(codes([running('pr_one', [rated('2027-02-15T09:00:00Z', 2)])])).toEqual([]);
    expect(codes([running('pr_both', [rated('2027-02-15T09:00:00Z', 1, 1)])])).toEqual([]);
    // A check-in nobody rated does not count as one of the two.
    expect(codes([running('pr_unrated', [rated('2027-02-01T09:00:00Z'), rated('2027-02-15T09:00:00Z', 2)])])).toEqual([]);
  });

  it('flags two rated check-ins that average 2 or less, and names them as two', () => {
    const [risk] = pairsAtRisk([running('pr_two', [rated('2027-02-01T09:00:00Z', 2), rated('2027-02-15T09:00:00Z', 3, 1)])], springProgram, now);
    expect(risk?.risks).toEqual([
      {
        code: 'low-ratings',
        reason: 'The last two rated check-ins averaged 2 or lower out of 5.',
        action: 'Ask each partner, separately, how the pairing is going; offer a rematch if it does not work.',
      },
    ]);
    // Only the last two count: an earlier happy one does not lift them, a later one does.
    expect(codes([running('pr_older', [rated('2027-01-15T09:00:00Z', 5, 5), rated('2027-02-01T09:00:00Z', 2), rated('2027-02-15T09:00:00Z', 2)])])).toEqual([
      ['pr_older', ['low-ratings']],
    ]);
    expect(codes([running('pr_better', [rated('2027-02-01T09:00:00Z', 1), rated('2027-02-15T09:00:00Z', 4)])])).toEqual([]);
  });

  it('the digest does not list the pair with one rating, and words the rule as the report does', () => {
    const digestOf = (entries: Entry[]) => {
      const atRisk = pairsAtRisk(entries, springProgram, now).map((p) => ({ ...p, people: { mentor: 'José Ruiz', mentee: 'Sam Lee' } }));
      const content = composeDigest({ program: springProgram, now, atRisk, pairings: [], waitlistSize: 0, approvals: [], notices: [] });
      return content ? springDigest(content).text.replace(/\s+/g, ' ') : '';
    };
    expect(digestOf([running('pr_one', [rated('2027-02-15T09:00:00Z', 2)])])).not.toContain('rated');
    const two = digestOf([running('pr_two', [rated('2027-02-01T09:00:00Z', 2), rated('2027-02-15T09:00:00Z', 2)])]);
    expect(two).toContain('The last two rated check-ins averaged 2 or lower out of 5.');
    expect(two).not.toContain('The latest check-ins were rated');
  });
});

describe('pairs at risk: missed check-ins in words', () => {
  it('one missed check-in is "its last check-in", not "1 check-in in a row"', () => {
    const [one] = pairsAtRisk([running('pr_missed1', [], 1)], springProgram, now);
    expect(one?.risks[0]?.reason).toBe('The pair missed its last check-in.');
    const [two] = pairsAtRisk([running('pr_missed2', [], 2)], springProgram, now);
    expect(two?.risks[0]?.reason).toBe('The pair missed 2 check-ins in a row.');
  });

  it('an escalation raised after one missed check-in (adminDecisionAfter 1) says so in words', () => {
    const program = { ...springProgram, lifecycle: { ...springProgram.lifecycle, escalation: { nudgeAfter: 1, seniorNoteAfter: 1, adminDecisionAfter: 1 } } };
    const entry = running('pr_decide', [], 1);
    const [risk] = pairsAtRisk([{ ...entry, pairing: { ...entry.pairing, pendingDecision: true } }], program, now);
    expect(risk?.risks[0]?.reason).toBe("The pair missed its last check-in and the escalation waits for an admin's decision.");
  });
});
