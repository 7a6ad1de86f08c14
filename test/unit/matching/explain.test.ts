import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { syntheticCohort } from '../../../functions/domain/matching/synthetic-cohort';
import { person, program } from './fixtures';

describe('explanations', () => {
  it('names the real shared things, the ranked topic and the best day, with first names only', () => {
    const ana = person('ana', 'mentor', {
      name: 'Ana Souza',
      topicsOffered: ['ai-tools', 'sustainability'],
      interests: ['Sustainability', 'Jazz'],
      availability: [{ day: 'tue', start: '09:00', end: '12:00' }],
    });
    const mo = person('mo', 'mentee', {
      name: 'Mo Ibrahim',
      topicsWanted: ['ai-tools', 'social-media'],
      interests: ['sustainability', 'golf'],
      availability: [{ day: 'tue', start: '08:00', end: '11:00' }],
    });
    const [pair] = matchCohort({ program: program({ matching: { weights: { interests: 9 } } }), participants: [ana, mo] }).pairs;
    expect(pair!.reasons).toContain('You both care about sustainability');
    expect(pair!.reasons).toContain('Ana can help with AI tools, which you ranked first');
    expect(pair!.reasons.join(' ')).not.toMatch(/Souza|Ibrahim/);
    const availability = matchCohort({ program: program({ matching: { weights: { availability: 10, interests: 0, topics: 1 } } }), participants: [ana, mo] })
      .pairs[0]!;
    expect(availability.reasons[0]).toBe('2 hours of shared availability on Tuesdays (in your time zone)');
  });

  it('only ever mentions interests the two people really share', () => {
    const cohort = syntheticCohort({ size: 60, seed: 9 });
    const byId = new Map(cohort.participants.map((p) => [p.participantId, p]));
    for (const pair of matchCohort(cohort).pairs) {
      const interest = pair.reasons.find((r) => r.startsWith('You both care about '));
      if (!interest) continue;
      const named = interest.replace('You both care about ', '').split(/, | and /);
      const both = (id: string) => new Set(byId.get(id)!.interests.map((i) => i.toLowerCase()));
      for (const n of named) {
        expect(both(pair.mentorId).has(n)).toBe(true);
        expect(both(pair.menteeId).has(n)).toBe(true);
      }
    }
  });

  it('says why nobody fits: which rules exclude every mentor', () => {
    const result = matchCohort({
      program: program(),
      participants: [
        person('t1', 'mentor', { languages: ['fr'] }),
        person('t2', 'mentor', { manager: { email: 'boss@example.com' } }),
        person('boss', 'mentee'),
      ],
    });
    expect(result.unmatched.find((u) => u.participantId === 'boss')).toEqual({
      participantId: 'boss',
      role: 'mentee',
      code: 'no-eligible-partner',
      reason: 'No eligible mentor: of the 2 mentors, 1 is in the same reporting line and 1 shares no language. Waitlisted; a late joiner may fit.',
    });
  });
});
