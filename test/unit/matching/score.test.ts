import { describe, expect, it } from 'vitest';
import { scorePair } from '../../../functions/domain/matching/score';
import { toUtcWeek } from '../../../functions/domain/matching/time-windows';
import { matchingWeightsSchema } from '../../../functions/domain/program';
import { person } from './fixtures';

const weights = matchingWeightsSchema.parse({});

describe('availability across time zones', () => {
  const berlin = person('b', 'mentor', { timeZone: 'Europe/Berlin', availability: [{ day: 'tue', start: '17:00', end: '19:00' }] });
  const newYork = person('n', 'mentee', { timeZone: 'America/New_York', availability: [{ day: 'tue', start: '11:00', end: '13:00' }] });

  it('is DST-aware: the overlap depends on the reference week', () => {
    // Six hours apart in January and April; between 14 and 28 March 2027 New York is already on
    // summer time and Berlin is not, so the windows slide an hour apart.
    expect(scorePair(berlin, newYork, weights, { referenceDate: '2027-01-12' }).overlapMinutes).toBe(120);
    expect(scorePair(berlin, newYork, weights, { referenceDate: '2027-03-16' }).overlapMinutes).toBe(60);
    expect(scorePair(berlin, newYork, weights, { referenceDate: '2027-04-13' }).overlapMinutes).toBe(120);
  });

  it('wraps windows across the UTC week boundary', () => {
    const sydney = toUtcWeek([{ day: 'mon', start: '08:00', end: '10:00' }], 'Australia/Sydney', '2027-01-04');
    // Monday 08:00 in Sydney (UTC+11) is Sunday 21:00 UTC: the end of the shared week.
    expect(Array.from(sydney.bounds)).toEqual([10080 - 180, 10080 - 60]);
    expect(sydney.localDays[0]).toBe(0);
  });
});

describe('scorePair', () => {
  it('weighs the topic the mentee ranked first above a later one', () => {
    const mentee = person('m', 'mentee', { topicsWanted: ['ai-tools', 'social-media', 'hybrid-work'] });
    const first = scorePair(person('a', 'mentor', { topicsOffered: ['ai-tools'] }), mentee, weights, { referenceDate: '2027-01-04' });
    const third = scorePair(person('c', 'mentor', { topicsOffered: ['hybrid-work'] }), mentee, weights, { referenceDate: '2027-01-04' });
    expect(first.score).toBeGreaterThan(third.score);
    const topics = first.factors.find((f) => f.factor === 'topics')!;
    expect(topics.value).toBeCloseTo(1 / (1 + 1 / 2 + 1 / 3), 9);
  });

  it('compares interests case-insensitively, ignores goal stop words and reports contributions that add up', () => {
    const mentor = person('a', 'mentor', { interests: ['Sustainability', 'Jazz'], goals: 'I want to learn about customer trust.' });
    const mentee = person('m', 'mentee', { interests: ['sustainability'], goals: 'Better customer trust and innovation.' });
    const s = scorePair(mentor, mentee, weights, { referenceDate: '2027-01-04' });
    expect(s.factors.find((f) => f.factor === 'interests')!.value).toBe(1);
    expect(s.factors.find((f) => f.factor === 'goals')!.value).toBe(1); // "customer" and "trust", out of 2
    expect(s.factors.reduce((a, f) => a + f.contribution, 0)).toBeCloseTo(s.score, 9);
    expect(s.score).toBeGreaterThan(0);
    expect(s.score).toBeLessThanOrEqual(100);
  });

  it('lists a missing must-have and scores video versus in-person as incompatible', () => {
    const s = scorePair(
      person('a', 'mentor', { meetingPreference: 'video' }),
      person('m', 'mentee', { meetingPreference: 'in-person' }),
      { ...weights, meetingPreference: 10 },
      { referenceDate: '2027-01-04' },
    );
    expect(s.missingMustHaves).toEqual(['meetingPreference']);
  });
});
