import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { MatchParticipant } from '../../../functions/domain/matching/features';
import { matchCohort } from '../../../functions/domain/matching/match';
import { buildReportingChains, proposedPairsRuledOut } from '../../../functions/domain/matching/reporting-chain';
import { syntheticCohort } from '../../../functions/domain/matching/synthetic-cohort';
import { person, program } from './fixtures';

/** Independent reference: walk each person's manager references upwards, by email or employee id. */
function inSameChain(people: readonly MatchParticipant[], a: MatchParticipant, b: MatchParticipant): boolean {
  const find = (ref: { email?: string; employeeId?: string }) =>
    people.find((p) => (ref.email && p.email.toLowerCase() === ref.email.toLowerCase()) || (ref.employeeId && p.employeeId === ref.employeeId));
  const isAbove = (boss: MatchParticipant, report: MatchParticipant) => {
    const seen = new Set<MatchParticipant>();
    for (let cur = report; cur.manager && !seen.has(cur); ) {
      seen.add(cur);
      if (
        (cur.manager.email && cur.manager.email.toLowerCase() === boss.email.toLowerCase()) ||
        (cur.manager.employeeId && cur.manager.employeeId === boss.employeeId)
      )
        return true;
      const next = find(cur.manager);
      if (!next) return false;
      cur = next;
    }
    return false;
  };
  return isAbove(a, b) || isAbove(b, a);
}

describe('reporting chains', () => {
  const boss = person('boss', 'mentee', { employeeId: 'E1' });
  const lead = person('lead', 'mentee', { manager: { employeeId: 'E1' } });
  const junior = person('junior', 'mentor', { manager: { email: 'LEAD@example.com' } });
  const other = person('other', 'mentor', { manager: { email: 'someone-else@example.com' } });
  const chains = buildReportingChains([boss, lead, junior, other]);

  it('links a direct manager, a skip-level manager found through a different identifier, but not strangers', () => {
    expect(chains.sameChain(2, 1)).toBe(true);
    expect(chains.sameChain(2, 0)).toBe(true);
    expect(chains.sameChain(0, 2)).toBe(true);
    expect(chains.sameChain(3, 0)).toBe(false);
  });

  it('treats everyone on a management cycle (bad HR data) as one chain', () => {
    const a = person('a', 'mentor', { manager: { email: 'b@example.com' } });
    const b = person('b', 'mentee', { manager: { email: 'c@example.com' } });
    const c = person('c', 'mentee', { manager: { email: 'a@example.com' } });
    const d = person('d', 'mentor', { manager: { email: 'c@example.com' } });
    const cyc = buildReportingChains([a, b, c, d]);
    for (const [x, y] of [
      [0, 1],
      [0, 2],
      [1, 2],
      [3, 1],
      [3, 2],
    ] as const)
      expect(cyc.sameChain(x, y)).toBe(true);
  });
});

describe('hard rules in matchCohort', () => {
  it('never pairs people in one reporting line or without a common language, on random cohorts', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 10_000 }), fc.integer({ min: 4, max: 40 }), (seed, size) => {
        const { program: prog, participants } = syntheticCohort({ size, seed });
        // Denser reporting lines than the generator's: every third person reports to a random other.
        const people = participants.map((p, i) => (i % 3 === 0 ? { ...p, manager: { employeeId: participants[(i * 7 + seed) % size]!.employeeId } } : p));
        const result = matchCohort({ program: prog, participants: people });
        const byId = new Map(people.map((p) => [p.participantId, p]));
        for (const pair of result.pairs) {
          const mentor = byId.get(pair.mentorId)!;
          const mentee = byId.get(pair.menteeId)!;
          expect(inSameChain(people, mentor, mentee)).toBe(false);
          expect(mentor.languages.some((l) => mentee.languages.some((m) => l.split('-')[0] === m.split('-')[0]))).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('honours do-not-pair lists from either side, past pairs, departments, capacity and must-haves', () => {
    const mentees = ['ma', 'mb', 'mc', 'md'].map((id) => person(id, 'mentee', { department: 'Sales' }));
    const mentors = [person('ta', 'mentor', { capacity: 5, doNotPairWith: ['ma@example.com'] }), person('tb', 'mentor', { department: 'Sales' })];
    mentees[1] = { ...mentees[1]!, doNotPairWith: ['TA@example.com'] };
    const result = matchCohort({
      program: program({ matching: { rules: { notSameDepartment: true, maxMenteesPerMentor: 2 } } }),
      participants: [...mentors, ...mentees],
      previousPairs: [{ mentorId: 'ta', menteeId: 'mc' }],
    });
    // ta may only take md (ma and mb blocked, mc a past pair); tb shares the Sales department.
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ta', 'md']]);
    const reasons = Object.fromEntries(result.unmatched.map((u) => [u.participantId, u.reason]));
    expect(reasons.ma).toMatch(/do-not-pair list/);
    expect(reasons.mc).toMatch(/partner.* before/);
    expect(reasons.ma).toMatch(/same department/);

    const mustHave = matchCohort({
      program: program({ matching: { weights: { interests: 10 } } }),
      participants: [person('t', 'mentor', { interests: ['chess'] }), person('m', 'mentee', { interests: ['golf'] })],
    });
    expect(mustHave.pairs).toEqual([]);
    expect(mustHave.unmatched.find((u) => u.participantId === 'm')?.reason).toMatch(/must-have/);
  });
});

describe('proposedPairsRuledOut: a proposal checked again at approval', () => {
  const someone = (participantId: string, department: string, manager?: string) => ({
    participantId,
    email: `${participantId}@example.com`,
    department,
    ...(manager ? { manager: { email: `${manager}@example.com` } } : {}),
  });
  const pairs = [
    { mentorId: 'ana', menteeId: 'xena' },
    { mentorId: 'ben', menteeId: 'yves' },
    { mentorId: 'cat', menteeId: 'zoe' },
  ];

  it('finds a pair now in one reporting line, also through someone between them who left', () => {
    // ana reports to xena directly; ben reports to mid (who left), who reports to yves.
    const people = [
      someone('ana', 'IT', 'xena'),
      someone('xena', 'Sales'),
      someone('ben', 'IT', 'mid'),
      someone('mid', 'Ops', 'yves'),
      someone('yves', 'Ops'),
      someone('cat', 'IT'),
      someone('zoe', 'HR'),
    ];
    expect(proposedPairsRuledOut(pairs, people, { notSameDepartment: false })).toEqual([
      { index: 0, reason: 'the mentor and mentee are now in one reporting line' },
      { index: 1, reason: 'the mentor and mentee are now in one reporting line' },
    ]);
  });

  it('finds a pair now in one department only when the program rules it out, in any letter case', () => {
    const people = [
      someone('ana', 'IT'),
      someone('xena', 'Sales'),
      someone('ben', 'IT'),
      someone('yves', 'Ops'),
      someone('cat', 'Finance'),
      someone('zoe', 'finance'),
    ];
    expect(proposedPairsRuledOut(pairs, people, { notSameDepartment: false })).toEqual([]);
    expect(proposedPairsRuledOut(pairs, people, { notSameDepartment: true })).toEqual([
      { index: 2, reason: 'the mentor and mentee are now in the same department' },
    ]);
  });

  it('leaves a pair alone whose people it does not know (erased)', () => {
    expect(proposedPairsRuledOut(pairs, [someone('ana', 'IT', 'xena')], { notSameDepartment: true })).toEqual([]);
  });
});

describe('a person with no place in the lines (an erased person who had no employee id)', () => {
  // Their tombstone keeps no key at all: reportingLine.self is empty (functions/domain/erasure.ts).
  const tomb = { email: '', reportingLine: { self: [], manager: [] } };
  const plain = (name: string) => ({ email: `${name}@example.com` });

  it('is in nobody’s reporting line, not even another such person’s', () => {
    const chains = buildReportingChains([tomb, plain('mia'), tomb, plain('boss'), { ...plain('jun'), manager: { email: 'boss@example.com' } }]);
    expect(chains.sameChain(0, 1)).toBe(false);
    expect(chains.sameChain(1, 0)).toBe(false);
    expect(chains.sameChain(0, 2)).toBe(false);
    expect(chains.sameChain(0, 3)).toBe(false);
    expect(chains.sameChain(3, 4)).toBe(true);
    expect(chains.sameChain(1, 4)).toBe(false);
  });

  it('leaves a proposed pair with someone erased or gone to the "no longer in the program" check', () => {
    const people = [
      { participantId: 'gone', department: 'IT', status: 'withdrawn' as const, ...tomb },
      { participantId: 'mia', department: 'Ops', status: 'enrolled' as const, ...plain('mia') },
      { participantId: 'left', department: 'Ops', status: 'left' as const, ...plain('left'), manager: { email: 'ned@example.com' } },
      { participantId: 'ned', department: 'Ops', status: 'enrolled' as const, ...plain('ned') },
    ];
    const pairs = [
      { mentorId: 'gone', menteeId: 'mia' },
      { mentorId: 'ned', menteeId: 'left' },
    ];
    expect(proposedPairsRuledOut(pairs, people, { notSameDepartment: true })).toEqual([]);
  });
});
