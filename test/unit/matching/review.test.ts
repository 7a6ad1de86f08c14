import { describe, expect, it } from 'vitest';
import type { MatchParticipant, PastPair } from '../../../functions/domain/matching/match';
import { NO_REVIEW, REJECTED_CODE, reviewProposal, type ReviewCohort, type ReviewRefusal } from '../../../functions/domain/matching/review';
import { scorePair } from '../../../functions/domain/matching/score';
import { person, program } from './fixtures';
import { cohort, first, ok } from './review-fixtures';

/**
 * The best assignment by brute force: most pairs first, then the highest total score, over every
 * one-to-one matching that keeps `forced`, avoids `forbidden` and abides by the hard rules.
 */
function bruteForce(c: ReviewCohort, forced: PastPair[], forbidden: PastPair[]): { pairs: number; total: number } {
  const mentors = c.participants.filter((p) => p.role === 'mentor');
  const mentees = c.participants.filter((p) => p.role === 'mentee');
  const rules = c.program.matching.rules;
  const allowed = (m: MatchParticipant, e: MatchParticipant): number | undefined => {
    if (forbidden.some((f) => f.mentorId === m.participantId && f.menteeId === e.participantId)) return undefined;
    if (rules.notSameDepartment && m.department === e.department) return undefined;
    if (e.manager?.email === m.email || m.manager?.email === e.email) return undefined;
    const s = scorePair(m, e, c.program.matching.weights, { referenceDate: c.program.startDate, topics: c.program.topics });
    if (s.missingMustHaves.length > 0 || s.overlapMinutes < rules.minOverlapHours * 60) return undefined;
    return s.score;
  };
  let best = { pairs: -1, total: -Infinity };
  const walk = (i: number, used: Set<string>, pairs: number, total: number) => {
    if (i === mentees.length) {
      if (pairs > best.pairs || (pairs === best.pairs && total > best.total + 1e-9)) best = { pairs, total };
      return;
    }
    const e = mentees[i]!;
    const fixed = forced.find((f) => f.menteeId === e.participantId);
    for (const m of mentors) {
      if (used.has(m.participantId) || (fixed && fixed.mentorId !== m.participantId)) continue;
      const s = allowed(m, e);
      if (s === undefined) continue;
      used.add(m.participantId);
      walk(i + 1, used, pairs + 1, total + s);
      used.delete(m.participantId);
    }
    if (!fixed) walk(i + 1, used, pairs, total);
  };
  walk(0, new Set(), 0, 0);
  return best;
}

const total = (pairs: readonly { score: number }[]) => pairs.reduce((a, p) => a + p.score, 0);

describe('match review', () => {
  it('the first proposal is the brute-force optimum (the reference the review is held to)', () => {
    const c = cohort();
    const proposal = first(c);
    const best = bruteForce(c, [], []);
    expect(proposal.pairs).toHaveLength(best.pairs);
    expect(total(proposal.pairs)).toBeCloseTo(best.total, 1);
  });

  it('forcing a pair keeps it and solves everyone else optimally around it, with fresh explanations', () => {
    const c = cohort();
    const proposal = first(c);
    const taken = new Set(proposal.pairs.map((p) => `${p.mentorId}/${p.menteeId}`));
    // A pair the solver did not choose.
    const pair = { mentorId: 'mentor0', menteeId: taken.has('mentor0/mentee1') ? 'mentee2' : 'mentee1' };
    expect(taken.has(`${pair.mentorId}/${pair.menteeId}`)).toBe(false);
    const out = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair }));
    expect(out.proposal.pairs).toContainEqual(expect.objectContaining(pair));
    const best = bruteForce(c, [pair], []);
    expect(out.proposal.pairs).toHaveLength(best.pairs);
    expect(total(out.proposal.pairs)).toBeCloseTo(best.total, 1);
    expect(out.state.forced).toEqual([pair]);
    const added = out.changes.added.find((p) => p.mentorId === pair.mentorId && p.menteeId === pair.menteeId)!;
    expect(added.reasons.length).toBeGreaterThan(0);
    // The forced pair is not the mentee's best: the explanation says what was given up.
    expect(added.tradeOffs.join(' ')).toMatch(/best possible score/);
    expect(out.changes.removed.length).toBeGreaterThan(0);
  });

  it('forbidding a pair removes it and re-solves to the optimum without that cell', () => {
    const c = cohort();
    const proposal = first(c);
    const victim = proposal.pairs[0]!;
    const pair = { mentorId: victim.mentorId, menteeId: victim.menteeId };
    const out = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'forbid', pair }));
    expect(out.proposal.pairs.some((p) => p.mentorId === pair.mentorId && p.menteeId === pair.menteeId)).toBe(false);
    const best = bruteForce(c, [], [pair]);
    expect(out.proposal.pairs).toHaveLength(best.pairs);
    expect(total(out.proposal.pairs)).toBeCloseTo(best.total, 1);
    expect(out.changes.removed).toContainEqual(expect.objectContaining(pair));
    expect(out.state.ruledOut).toEqual([pair]);
  });

  it('a later change keeps earlier ones: forbid after force keeps the forced pair', () => {
    const c = cohort();
    const proposal = first(c);
    const forced = { mentorId: 'mentor3', menteeId: 'mentee0' };
    const step1 = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair: forced }));
    const other = step1.proposal.pairs.find((p) => p.menteeId !== 'mentee0')!;
    const forbidden = { mentorId: other.mentorId, menteeId: other.menteeId };
    const step2 = ok(reviewProposal(c, step1.proposal, step1.state, { kind: 'forbid', pair: forbidden }));
    expect(step2.proposal.pairs).toContainEqual(expect.objectContaining(forced));
    const best = bruteForce(c, [forced], [forbidden]);
    expect(total(step2.proposal.pairs)).toBeCloseTo(best.total, 1);
  });

  it('refuses to force a pair inside one reporting chain, and says why', () => {
    const c = cohort({ mentees: [{}, { manager: { email: 'mentor0@example.com' } }] });
    const proposal = first(c);
    const out = reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair: { mentorId: 'mentor0', menteeId: 'mentee1' } });
    expect(out.refused).toBe(true);
    const refusal = out as ReviewRefusal;
    expect(refusal.status).toBe(409);
    expect(refusal.rules).toEqual(['reportingChain']);
    expect(refusal.message).toMatch(/Mentor0 Lastname and Mentee1 Lastname cannot be paired: they are in the same reporting line\./);
  });

  it('refuses a swap that would break a hard rule, and one between unknown pairs', () => {
    const c = cohort({ mentees: [{}, {}, {}, { languages: ['fr'] }] });
    const proposal = first(c);
    const p3 = proposal.pairs.find((p) => p.menteeId === 'mentee3');
    // mentee3 speaks French only: nobody can take them, so they are unmatched.
    expect(p3).toBeUndefined();
    const [a, b] = proposal.pairs;
    const unknown = reviewProposal(c, proposal, NO_REVIEW, { kind: 'swap', pairs: [a!, { mentorId: 'mentor0', menteeId: 'mentee3' }] });
    expect(unknown).toMatchObject({ refused: true, status: 404, field: 'pairIds.1' });
    const c2 = cohort({ mentees: [{ manager: { email: 'mentor1@example.com' } }] });
    const p2 = first(c2);
    const withMentee0 = p2.pairs.find((p) => p.menteeId === 'mentee0')!;
    const withMentor1 = p2.pairs.find((p) => p.mentorId === 'mentor1')!;
    const refused = reviewProposal(c2, p2, NO_REVIEW, { kind: 'swap', pairs: [withMentee0, withMentor1] });
    expect(refused).toMatchObject({ refused: true, status: 409, rules: ['reportingChain'] });
    expect(b).toBeDefined();
  });

  it('a swap exchanges the partners of two pairs, keeps the others and explains the new pairs', () => {
    const c = cohort();
    const proposal = first(c);
    const [a, b] = proposal.pairs;
    const out = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'swap', pairs: [a!, b!] }));
    const keys = out.proposal.pairs.map((p) => `${p.mentorId}/${p.menteeId}`).sort();
    const expected = [
      `${a!.mentorId}/${b!.menteeId}`,
      `${b!.mentorId}/${a!.menteeId}`,
      ...proposal.pairs.slice(2).map((p) => `${p.mentorId}/${p.menteeId}`),
    ].sort();
    expect(keys).toEqual(expected);
    expect(out.changes.added).toHaveLength(2);
    expect(out.changes.removed.map((p) => p.menteeId).sort()).toEqual([a!.menteeId, b!.menteeId].sort());
    for (const p of out.changes.added) {
      const direct = scorePair(
        c.participants.find((x) => x.participantId === p.mentorId)!,
        c.participants.find((x) => x.participantId === p.menteeId)!,
        c.program.matching.weights,
        { referenceDate: c.program.startDate, topics: c.program.topics },
      );
      expect(p.score).toBeCloseTo(direct.score, 1);
      expect(p.reasonsFor.admin).toEqual(p.reasons);
    }
    expect(out.state.forced).toHaveLength(2);
  });

  it('rejecting a pair sends both people to the waitlist and never proposes them in this run again', () => {
    const c = cohort();
    const proposal = first(c);
    const victim = proposal.pairs[0]!;
    const out = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair: victim }));
    const ids = out.proposal.pairs.flatMap((p) => [p.mentorId, p.menteeId]);
    expect(ids).not.toContain(victim.mentorId);
    expect(ids).not.toContain(victim.menteeId);
    expect(out.proposal.unmatched).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ participantId: victim.mentorId, code: REJECTED_CODE, reason: expect.stringMatching(/^Rejected in review/) }),
        expect.objectContaining({ participantId: victim.menteeId, code: REJECTED_CODE }),
      ]),
    );
    expect(out.changes.removed).toEqual([victim]);
    // The others are still the best the remaining people can do.
    const rest = { ...c, participants: c.participants.filter((p) => p.participantId !== victim.mentorId && p.participantId !== victim.menteeId) };
    expect(total(out.proposal.pairs)).toBeCloseTo(bruteForce(rest, [], []).total, 1);
    // A later forbid keeps the rejection.
    const other = out.proposal.pairs[0]!;
    const again = ok(reviewProposal(c, out.proposal, out.state, { kind: 'forbid', pair: other }));
    expect(again.proposal.pairs.flatMap((p) => [p.mentorId, p.menteeId])).not.toContain(victim.menteeId);
  });

  it('never tells an idle mentor that a mentee set aside by a rejection is "already in a pairing" (QA review2)', () => {
    // Two mentors and two mentees who all fit; one pair rejected, the other forbidden.
    const mentors = [0, 1].map((i) => person(`m${i}`, 'mentor', { topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] }));
    const mentees = [0, 1].map((i) => person(`e${i}`, 'mentee', { topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] }));
    const participants = [...mentors, ...mentees];
    const c: ReviewCohort = { program: program(), participants, activePairs: [], previousPairs: [], waitingIds: participants.map((p) => p.participantId) };
    const proposal = first(c);
    const out = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'reject', pair: proposal.pairs[0]! }));
    const again = ok(reviewProposal(c, out.proposal, out.state, { kind: 'forbid', pair: out.proposal.pairs[0]! }));
    const idle = again.proposal.unmatched.filter((u) => u.code !== REJECTED_CODE);
    expect(idle.length).toBeGreaterThan(0);
    const reasons = idle.map((u) => u.reason).join('\n');
    expect(reasons).not.toMatch(/already in a pairing/);
    expect(reasons).toContain('The only mentee who fits is in a running pairing or a pair set in review (capacity).');
  });

  it('does not call a pair re-explained when only the order of its stored keys differs (as DynamoDB returns them)', () => {
    const c = cohort();
    const proposal = first(c);
    const reversed = <T extends object>(o: T): T => Object.fromEntries(Object.entries(o).reverse()) as T;
    const stored = { ...proposal, pairs: proposal.pairs.map((p) => reversed({ ...p, ...(p.reasonsFor ? { reasonsFor: reversed(p.reasonsFor) } : {}) })) };
    expect(proposal.pairs.some((p) => p.reasonsFor && Object.keys(p.reasonsFor).length > 1)).toBe(true);
    const out = ok(reviewProposal(c, stored, NO_REVIEW, { kind: 'reject', pair: stored.pairs[0]! }));
    const kept = out.proposal.pairs.filter((p) => stored.pairs.some((q) => q.mentorId === p.mentorId && q.menteeId === p.menteeId));
    expect(kept.length).toBeGreaterThan(0);
    const moved = (p: (typeof kept)[number]) => {
      const q = proposal.pairs.find((x) => x.mentorId === p.mentorId && x.menteeId === p.menteeId)!;
      return p.score !== q.score || JSON.stringify(p.reasons) !== JSON.stringify(q.reasons);
    };
    expect(out.changes.reexplained).toEqual(kept.filter(moved));
  });

  it('refuses a force for a mentor who is full or for people not in the run', () => {
    const c = { ...cohort(), activePairs: [{ mentorId: 'mentor0', menteeId: 'someone-running' }] };
    const proposal = first({ ...c, participants: c.participants });
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair: { mentorId: 'mentor0', menteeId: 'mentee1' } })).toMatchObject({
      refused: true,
      status: 409,
      field: 'mentorId',
    });
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair: { mentorId: 'nobody', menteeId: 'mentee1' } })).toMatchObject({
      status: 404,
      field: 'mentorId',
    });
    expect(reviewProposal(c, proposal, NO_REVIEW, { kind: 'forbid', pair: { mentorId: 'mentor1', menteeId: 'mentor2' } })).toMatchObject({
      status: 404,
      field: 'menteeId',
    });
  });

  it('forcing the same pair twice changes nothing', () => {
    const c = cohort();
    const proposal = first(c);
    const pair = { mentorId: 'mentor2', menteeId: 'mentee0' };
    const once = ok(reviewProposal(c, proposal, NO_REVIEW, { kind: 'force', pair }));
    const twice = ok(reviewProposal(c, once.proposal, once.state, { kind: 'force', pair }));
    expect(twice.proposal).toEqual(once.proposal);
    expect(twice.changes).toEqual({ added: [], removed: [], reexplained: [] });
  });
});
