import { describe, expect, it } from 'vitest';
import {
  apiApprovalRefusal,
  approvalStandings,
  CONFLICTED_ADMIN,
  emailAtThisWait,
  ownPairs,
  pairsShownTo,
  reviewChangeRefusal,
  type PairPerson,
  type ProposedPairIds,
} from '../../../functions/domain/approval-conflict';

/**
 * A program admin who is also one of the people of a proposed pair does not approve the proposal
 * (docs/decisions.md, "An admin in a proposed pair does not approve it"): a run is approved as a
 * whole, so their approval cannot count for the other pairs alone; another admin in no proposed
 * pair, or HR through the admin API, approves it.
 */

const people: PairPerson[] = [
  { participantId: 'pt_ada', email: 'Ada.Admin@Example.com', name: 'Ada Admin' },
  { participantId: 'pt_sam', email: 'sam@example.com', name: 'Sam Senior' },
  { participantId: 'pt_vera', email: 'vera@example.com', name: 'Vera Senior' },
  { participantId: 'pt_ben', email: 'ben@example.com', name: 'Ben Mentor' },
  { participantId: 'pt_cleo', email: 'cleo.admin@example.com', name: 'Cleo Admin' },
  // Erased: no address left.
  { participantId: 'pt_gone', name: '' },
];
const pairs: ProposedPairIds[] = [
  { pairingId: 'pr_ben_sam', mentorId: 'pt_ben', menteeId: 'pt_sam' },
  { pairingId: 'pr_ada_vera', mentorId: 'pt_ada', menteeId: 'pt_vera' },
];

describe('ownPairs: the proposed pairs an address is one of the people of', () => {
  it('matches the address without letter case, in either part', () => {
    expect(ownPairs('ada.admin@example.com', pairs, people)).toEqual([
      { pairingId: 'pr_ada_vera', role: 'mentor', partnerId: 'pt_vera', partnerName: 'Vera Senior' },
    ]);
    expect(ownPairs('ADA.ADMIN@EXAMPLE.COM', pairs, people)).toHaveLength(1);
    expect(ownPairs('  ada.admin@example.com ', pairs, people)).toHaveLength(1);
  });

  it('knows a mentee, and a mentor with two mentees (mentor pairs first)', () => {
    const two = [...pairs, { pairingId: 'pr_ada_sam2', mentorId: 'pt_ada', menteeId: 'pt_sam' }];
    expect(ownPairs('sam@example.com', two, people).map((p) => [p.pairingId, p.role])).toEqual([
      ['pr_ben_sam', 'mentee'],
      ['pr_ada_sam2', 'mentee'],
    ]);
    expect(ownPairs('ada.admin@example.com', two, people).map((p) => p.pairingId)).toEqual(['pr_ada_vera', 'pr_ada_sam2']);
  });

  it('finds none for a participant in no proposed pair, an address that is nobody’s, or a caller named by an IAM identity', () => {
    expect(ownPairs('cleo.admin@example.com', pairs, people)).toEqual([]);
    expect(ownPairs('hr@example.com', pairs, people)).toEqual([]);
    expect(ownPairs('arn:aws:iam::123456789012:user/hris', pairs, people)).toEqual([]);
    // An erased person has no address: an empty one matches nobody.
    expect(ownPairs('', [{ pairingId: 'pr_x', mentorId: 'pt_gone', menteeId: 'pt_sam' }], people)).toEqual([]);
  });
});

describe('approvalStandings: who of the program’s admins may approve', () => {
  it('an admin in a proposed pair is conflicted, and the admins in none approve instead', () => {
    const standings = approvalStandings(['ada.admin@example.com', 'cleo.admin@example.com', 'hr@example.com'], pairs, people);
    expect(standings).toEqual([
      {
        admin: 'ada.admin@example.com',
        standing: {
          kind: 'conflicted',
          own: [{ pairingId: 'pr_ada_vera', role: 'mentor', partnerId: 'pt_vera', partnerName: 'Vera Senior' }],
          approvers: ['cleo.admin@example.com', 'hr@example.com'],
        },
      },
      { admin: 'cleo.admin@example.com', standing: { kind: 'free' } },
      { admin: 'hr@example.com', standing: { kind: 'free' } },
    ]);
  });

  it('names nobody to approve when every admin is in a proposed pair, or the program has no other admin', () => {
    const alone = approvalStandings(['Ada.Admin@example.com'], pairs, people);
    expect(alone).toMatchObject([{ standing: { kind: 'conflicted', approvers: [] } }]);
    const both = approvalStandings(['ada.admin@example.com', 'sam@example.com'], pairs, people);
    expect(both.map((s) => s.standing)).toMatchObject([
      { kind: 'conflicted', approvers: [] },
      { kind: 'conflicted', approvers: [] },
    ]);
  });

  it('lists an admin written twice (in another letter case) once', () => {
    expect(approvalStandings(['hr@example.com', 'HR@example.com'], pairs, people)).toEqual([{ admin: 'hr@example.com', standing: { kind: 'free' } }]);
  });
});

describe('emailAtThisWait: an admin in a proposed pair is told once per run', () => {
  const conflicted = approvalStandings(['ada.admin@example.com', 'hr@example.com'], pairs, people)[0]!.standing;
  it('tells them when nothing of the run says they were told, and not again when it does', () => {
    expect(emailAtThisWait(conflicted, [], 'hash-ada')).toBe(true);
    expect(emailAtThisWait(conflicted, [{ context: { [CONFLICTED_ADMIN]: 'hash-other' } }], 'hash-ada')).toBe(true);
    expect(emailAtThisWait(conflicted, [{ context: { runId: 'r1' } }, { context: { [CONFLICTED_ADMIN]: 'hash-ada' } }], 'hash-ada')).toBe(false);
  });
  it('always emails an admin free to approve (their request, or its reminder)', () => {
    expect(emailAtThisWait({ kind: 'free' }, [{ context: { [CONFLICTED_ADMIN]: 'hash-ada' } }], 'hash-ada')).toBe(true);
  });
});

describe('apiApprovalRefusal: the admin API’s answer to a caller in a proposed pair', () => {
  const own = ownPairs('ada.admin@example.com', pairs, people);
  it('says which pair, and who can approve instead', () => {
    expect(apiApprovalRefusal('ada.admin@example.com', own, { programId: 'pilot', runId: 'run_1', approvers: ['cleo.admin@example.com'] })).toBe(
      "ada.admin@example.com is one of the people of the pair pr_ada_vera (mentor, with Vera Senior) in matching run run_1, so cannot approve it: a run is approved as a whole, and nobody approves a proposal that holds their own pair. It can be approved by cleo.admin@example.com, the program's admin in no proposed pair, by replying to their approval email, or with POST /programs/pilot/matching/run_1/approve by anyone signed in who is in no proposed pair.",
    );
  });
  it('names the API as the one route when no admin is free', () => {
    expect(apiApprovalRefusal('ada.admin@example.com', own, { programId: 'pilot', runId: 'run_1', approvers: [] })).toContain(
      'It can be approved only with POST /programs/pilot/matching/run_1/approve by someone signed in who is in no proposed pair (HR): every admin of the program is in one.',
    );
  });
  it('refuses nobody in no proposed pair', () => {
    expect(apiApprovalRefusal('hr@example.com', [], { programId: 'pilot', runId: 'run_1', approvers: [] })).toBeUndefined();
  });
});

describe('pairsShownTo: a proposal as the admin API shows it to its caller', () => {
  const scored = [
    { pairingId: 'pr_ada_vera', mentorId: 'pt_ada', menteeId: 'pt_vera', score: 91, reasons: ['AI tools for strategy'], tradeOffs: ['Different time zones'] },
    { pairingId: 'pr_ben_sam', mentorId: 'pt_ben', menteeId: 'pt_sam', score: 74, reasons: ['Social media for sales'], tradeOffs: [] },
  ];

  it("shows a caller's own pair without its score, reasons or trade-offs, marked as theirs and listed last", () => {
    expect(pairsShownTo('ADA.admin@example.com', scored, people)).toEqual([
      scored[1],
      { pairingId: 'pr_ada_vera', mentorId: 'pt_ada', menteeId: 'pt_vera', yourPair: true },
    ]);
  });

  it('shows everything, in its order, to a caller in no pair: HR, another admin, a system', () => {
    for (const caller of ['hr@example.com', 'cleo.admin@example.com', 'arn:aws:iam::123456789012:role/hris', 'unknown caller']) {
      expect(pairsShownTo(caller, scored, people), caller).toEqual(scored);
    }
  });
});

describe('reviewChangeRefusal: nobody reviews a proposal that holds their own pair', () => {
  const base = { people, runId: 'run-1', approvers: ['cleo.admin@example.com'], named: [] as string[] };
  const benSam = pairs[0]!;
  const adaVera = pairs[1]!;

  it('refuses a caller in a pair of the proposal as it is, naming the pair and who can make the change', () => {
    const refused = reviewChangeRefusal({ ...base, caller: 'ADA.admin@example.com', before: pairs, after: [benSam] });
    expect(refused).toEqual({
      message:
        "ADA.admin@example.com is one of the people of the pair pr_ada_vera (mentor, with Vera Senior) in matching run run-1, so cannot change its proposal: nobody reviews a proposal that holds their own pair. cleo.admin@example.com, the program's admin in no proposed pair, or anyone signed in who is in no proposed pair, can make it.",
      field: 'runId',
      issue: 'holds a pair you are in',
    });
  });

  it('refuses a change that names the caller, or that the re-solve would put them in a pair by', () => {
    const named = reviewChangeRefusal({ ...base, caller: 'ada.admin@example.com', before: [benSam], after: [benSam], named: ['pt_ada', 'pt_vera'] });
    expect(named?.issue).toBe('names you');
    expect(named?.message).toMatch(/^ada\.admin@example\.com is the participant pt_ada this change names, so cannot make it/);
    const after = reviewChangeRefusal({ ...base, caller: 'ada.admin@example.com', before: [benSam], after: [benSam, adaVera], approvers: [] });
    expect(after?.issue).toBe('would put you in a pair');
    expect(after?.message).toContain('Someone signed in who is in no proposed pair (HR) can make it: every admin of the program is in one.');
  });

  it('lets anyone else change it: HR, an admin in no pair, a system', () => {
    for (const caller of ['hr@example.com', 'cleo.admin@example.com', 'arn:aws:iam::123456789012:role/hris']) {
      expect(reviewChangeRefusal({ ...base, caller, before: pairs, after: [benSam], named: ['pt_ben', 'pt_vera'] }), caller).toBeUndefined();
    }
  });
});
