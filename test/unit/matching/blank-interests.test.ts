import { describe, expect, it } from 'vitest';
import { participantIntakeSchema } from '../../../functions/domain/participant';
import { matchCohort } from '../../../functions/domain/matching/match';
import { person, program } from './fixtures';

/** The one pair of a mentor and a mentee with these interests, interests weighing most. */
function pairWith(mentorInterests: string[], menteeInterests: string[]) {
  const ana = person('ana', 'mentor', { name: 'Ana Souza', interests: mentorInterests });
  const mo = person('mo', 'mentee', { name: 'Mo Ibrahim', interests: menteeInterests });
  return matchCohort({ program: program({ matching: { weights: { interests: 9 } } }), participants: [ana, mo] }).pairs[0]!;
}

describe('a blank interest (only spaces)', () => {
  it('is no interest: two blanks are not shared, and count nowhere in the score', () => {
    const blanks = pairWith(['golf', '   '], [' ', 'jazz']);
    const plain = pairWith(['golf'], ['jazz']);
    expect(blanks.score).toBe(plain.score);
    expect(blanks.tradeOffs).toContain('They have no interests in common');
    expect(blanks.reasons.join(' ')).not.toMatch(/interest/i);
    // One real interest in common: its share is of the real lists, not of lists padded by blanks.
    expect(pairWith(['golf', ' ', '  '], ['golf', 'jazz', ' ']).score).toBe(pairWith(['golf'], ['golf', 'jazz']).score);
  });

  it('is refused at intake with a 400 naming the item, as any blank list item is', () => {
    const input = {
      programId: 'p1',
      name: 'Ana Souza',
      email: 'ana@example.com',
      role: 'mentor',
      department: 'Finance',
      location: 'Lisbon',
      timeZone: 'Europe/Lisbon',
      topicsWanted: ['strategy'],
      availability: [{ day: 'mon', start: '09:00', end: '10:00' }],
      languages: ['en'],
      goals: 'Learn how budgets are made',
      consent: { dataProcessing: true, shareProgressWithManager: false },
    };
    const issues = participantIntakeSchema.safeParse({ ...input, interests: ['jazz', '   '] }).error?.issues ?? [];
    expect(issues.map((i) => [i.path.join('.'), i.message])).toEqual([['interests.1', 'must not be empty']]);
  });
});
