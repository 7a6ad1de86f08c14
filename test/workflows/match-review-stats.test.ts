import { describe, expect, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * A run's stats follow its proposal through match review (docs/cohort-matching.md, What is stored).
 * QA: after force, reject, swap and forbid, GET of the run showed pairCount 21 and unmatchedCount 8
 * while `stats` still said 22 pairs, 0 unmatched mentees and the first proposal's scores.
 */

type Stats = { pairs: number; unmatchedMentees: number; unmatchedMentors: number; totalScore: number; averageScore: number; mentors: number; mode: string };
type Run = {
  status: string;
  pairCount: number;
  unmatchedCount: number;
  stats: Stats;
  pairs: { pairingId: string; mentorId: string; menteeId: string; score: number }[];
  unmatched: { participantId: string; role?: string }[];
};

const round2 = (x: number) => Math.round(x * 100) / 100;

/** The stats agree with the run's pairs and unmatched people as they stand. */
function expectStatsOf(run: Run) {
  const total = round2(run.pairs.reduce((sum, p) => sum + p.score, 0));
  expect(run.stats).toMatchObject({
    pairs: run.pairCount,
    totalScore: total,
    averageScore: run.pairs.length > 0 ? round2(total / run.pairs.length) : 0,
  });
  expect(run.stats.pairs).toBe(run.pairs.length);
  expect(run.stats.unmatchedMentees + run.stats.unmatchedMentors).toBe(run.unmatchedCount);
}

describe('match review keeps the run stats true', () => {
  it('counts the pairs, unmatched people and scores again after a reject and a force, as GET of the run shows them', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
    const A = await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], department: 'Data' });
    await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' });
    await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
    const Y = await enrol({ role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await h.idle();
    const base = `/programs/${programId}/matching/${started.body.runId as string}`;
    const first = (await call<Run>('GET', base)).body;
    expect(first.status).toBe('proposed');
    expect(first.stats).toMatchObject({ pairs: 2, unmatchedMentees: 0, unmatchedMentors: 0, mentors: 2 });

    // Reject Ana's pair: one pair left, both of its people unmatched ("rejected in review").
    const anaPair = first.pairs.find((p) => p.mentorId === A.participantId)!;
    const rejected = await call<Run>('POST', `${base}/pairs/${anaPair.pairingId}/reject`);
    expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
    const afterReject = (await call<Run>('GET', base)).body;
    expect(afterReject).toMatchObject({ pairCount: 1, unmatchedCount: 2 });
    expect(afterReject.stats).toMatchObject({ pairs: 1, unmatchedMentees: 1, unmatchedMentors: 1, mentors: 2, mode: first.stats.mode });
    expectStatsOf(afterReject);
    // The answer to the change shows the same stats as GET.
    expect(rejected.body.stats).toEqual(afterReject.stats);

    // Force Ana with Yuri: Ana's place is taken again, and the scores are those of the new pairs.
    const forced = await call<Run>('POST', `${base}/force`, { mentorId: A.participantId, menteeId: Y.participantId });
    expect(forced.status, JSON.stringify(forced.body)).toBe(200);
    const afterForce = (await call<Run>('GET', base)).body;
    expectStatsOf(afterForce);
    expect(afterForce.stats.totalScore).not.toBe(first.stats.totalScore);
  });
});
