import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { programReport, type ProgramReportInput } from '../../../functions/domain/report';

const program = programSchema.parse({ programId: 'q3', name: 'Q3 cohort', objectives: ['AI fluency at the top'], startDate: '2027-01-04', admins: ['hr@example.com'] });
const now = new Date('2027-07-01T00:00:00Z');
type Item = ProgramReportInput['pairings'][number];
const pairing = (status: Item['pairing']['status'], o: Partial<Item['pairing']> = {}, checkIns: Item['checkIns'] = [], reviews: Item['reviews'] = []): Item => ({
  pairing: { status, checkInsHeld: 0, checkInsMissed: 0, ...o },
  checkIns,
  reviews,
});

describe('program report', () => {
  it('says "no data" (null) rather than 0% for a program that has not started', () => {
    const r = programReport({ program, participants: [], pairings: [], now });
    expect(r).toMatchObject({ programId: 'q3', name: 'Q3 cohort', objectives: ['AI fluency at the top'], generatedAt: now.toISOString() });
    expect(r.pairings).toMatchObject({ total: 0, acceptanceRate: null, completionRate: null });
    expect(r.engagement).toMatchObject({ attendanceRate: null, averageCheckInRating: null, checkInRatings: 0 });
    expect(r.retention.rate).toBeNull();
    expect(r.satisfaction).toEqual({ reviews: 0, averageRecommend: null, netPromoterScore: null });
    expect(r.skills).toEqual([]);
    expect(r.participants.byStatus).toEqual({ enrolled: 0, paired: 0, waitlisted: 0, completed: 0, withdrawn: 0, left: 0, suppressed: 0 });
  });

  it('measures participation, acceptance, completion, attendance, retention, skills per topic and satisfaction', () => {
    const participants = [
      { role: 'mentor' as const, status: 'paired' as const },
      { role: 'mentor' as const, status: 'paired' as const },
      { role: 'mentor' as const, status: 'left' as const },
      { role: 'mentee' as const, status: 'paired' as const },
      { role: 'mentee' as const, status: 'withdrawn' as const },
      { role: 'mentee' as const, status: 'waitlisted' as const },
    ];
    const pairings = [
      pairing('completed', { acceptedAt: '2027-01-10', checkInsHeld: 5, checkInsMissed: 1 }, [{ met: true, mentor: { rating: 5 }, mentee: { rating: 4 } }, { met: true, mentee: { rating: 3 } }, { met: false }], [
        { progress: 4, recommend: 10, topics: ['ai-tools', 'strategy'] },
        { progress: 2, recommend: 6, topics: ['ai-tools', 'strategy'] },
      ]),
      pairing('ended', { acceptedAt: '2027-01-11', checkInsHeld: 1, checkInsMissed: 3 }, [], [{ progress: 3, recommend: 8, topics: ['social-media'] }]),
      pairing('not-started'),
      pairing('active', { acceptedAt: '2027-02-01', checkInsHeld: 2 }),
    ];
    const r = programReport({ program, participants, pairings, now });
    expect(r.participants).toMatchObject({ total: 6, mentors: 3, mentees: 3 });
    expect(r.participants.byStatus).toMatchObject({ paired: 3, left: 1, withdrawn: 1, waitlisted: 1 });
    expect(r.pairings.byStatus).toMatchObject({ completed: 1, ended: 1, 'not-started': 1, active: 1, paused: 0 });
    expect(r.pairings.acceptanceRate).toBe(0.75); // 3 accepted of 4 decided
    expect(r.pairings.completionRate).toBe(0.5); // 1 completed of 2 finished after starting
    expect(r.engagement).toEqual({ checkInsHeld: 8, checkInsMissed: 4, attendanceRate: 0.667, averageCheckInRating: 4, checkInRatings: 3 });
    expect(r.retention).toEqual({ stayed: 4, left: 1, withdrawn: 1, suppressed: 0, rate: 0.667 });
    expect(r.skills).toEqual([
      { topic: 'ai-tools', label: 'AI tools', reviews: 2, averageProgress: 3 },
      { topic: 'strategy', label: expect.any(String), reviews: 2, averageProgress: 3 },
      { topic: 'social-media', label: expect.any(String), reviews: 1, averageProgress: 3 },
    ]);
    // Promoters 10; passives 8; detractors 6: (1 - 1) / 3 = 0.
    expect(r.satisfaction).toEqual({ reviews: 3, averageRecommend: 8, netPromoterScore: 0 });
  });
});
