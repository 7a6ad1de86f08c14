import { describe, expect, it } from 'vitest';
import { matchCohort, matchIncrementally } from '../../../functions/domain/matching/match';
import { syntheticCohort } from '../../../functions/domain/matching/synthetic-cohort';
import { person, program } from './fixtures';

describe('matchCohort', () => {
  it('is deterministic and agrees with sparse mode when the candidate lists hold everyone', () => {
    const cohort = syntheticCohort({ size: 80, seed: 3 });
    const a = matchCohort(cohort);
    const b = matchCohort({ ...cohort, participants: cohort.participants.map((p) => ({ ...p })) });
    expect(b).toEqual(a);
    const sparse = matchCohort({ ...cohort, mode: 'sparse', candidatesPerMentee: 1000 });
    expect(sparse.stats.totalScore).toBeCloseTo(a.stats.totalScore, 2);
    expect(sparse.stats.pairs).toBe(a.stats.pairs);
  });

  it('lets a mentor take several mentees up to the program cap, and explains who is left over', () => {
    const mentor = person('ana', 'mentor', { capacity: 5 });
    const mentees = ['m1', 'm2', 'm3'].map((id) => person(id, 'mentee'));
    const result = matchCohort({ program: program({ matching: { rules: { maxMenteesPerMentor: 2 } } }), participants: [mentor, ...mentees] });
    expect(result.pairs).toHaveLength(2);
    expect(result.stats.mentorPlaces).toBe(2);
    expect(result.unmatched).toEqual([expect.objectContaining({ participantId: 'm3', role: 'mentee', code: 'capacity' })]);
    expect(result.unmatched[0]!.reason).toMatch(/fully booked/);
  });

  it('incremental matching keeps running pairs and only fills free places', () => {
    const mentors = [person('ana', 'mentor', { capacity: 2 }), person('ben', 'mentor')];
    const mentees = ['m1', 'm2', 'm3'].map((id) => person(id, 'mentee'));
    const result = matchIncrementally({
      program: program({ matching: { rules: { maxMenteesPerMentor: 2 } } }),
      participants: [...mentors, ...mentees],
      activePairs: [
        { mentorId: 'ana', menteeId: 'm1' },
        { mentorId: 'ben', menteeId: 'm2' },
      ],
      previousPairs: [],
    });
    expect(result.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ana', 'm3']]);
    expect(result.unmatched).toEqual([]);
  });
});
