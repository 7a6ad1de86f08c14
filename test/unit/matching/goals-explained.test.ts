import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { goalTokens } from '../../../functions/domain/matching/text';
import { person, program } from './fixtures';

/** The one pair of a mentor and a mentee with these goals, goals weighing most (a shared word is a reason, none a trade-off). */
function pairWith(mentorGoals: string, menteeGoals: string) {
  const ana = person('ana', 'mentor', { name: 'Ana Souza', goals: mentorGoals });
  const mo = person('mo', 'mentee', { name: 'Mo Ibrahim', goals: menteeGoals });
  const [pair] = matchCohort({ program: program({ matching: { weights: { goals: 9 } } }), participants: [ana, mo] }).pairs;
  return pair!;
}

describe('what the admin reads about written goals', () => {
  const filler = 'Learn from each other and get better at what we both do';

  it('calls identical goals made only of filler too general to compare, not "no words in common" (QA)', () => {
    expect(goalTokens(filler)).toEqual([]);
    const pair = pairWith(filler, filler);
    expect(pair.tradeOffs).toContain('Their written goals are too general to compare');
    expect(pair.tradeOffs.join(' ')).not.toMatch(/no words in common/);
    // The score is unchanged: nothing to compare earns what goals without a shared word earn.
    expect(pair.score).toBe(pairWith('Coach a team', 'Run budget meetings').score);
  });

  it('names the one person whose goals are too general', () => {
    expect(pairWith('Coach a team through a reorganisation', filler).tradeOffs).toContain("Mo Ibrahim's written goals are too general to compare");
    expect(pairWith(filler, 'Run budget meetings').tradeOffs).toContain("Ana Souza's written goals are too general to compare");
  });

  it('says "no words in common" only when both wrote something to compare', () => {
    const pair = pairWith('Coach a team through a reorganisation', 'Present quarterly numbers to the board');
    expect(pair.tradeOffs).toContain('Their written goals have no words in common');
    expect(pair.tradeOffs.join(' ')).not.toMatch(/too general/);
  });

  it('never counts a filler word as an overlap: a cohort that all wrote "Learn and share" is explained one way for every pair (QA)', () => {
    expect(goalTokens('Learn and share')).toEqual([]);
    expect(goalTokens('Sharing knowledge, growing together and exchanging fresh perspectives')).toEqual([]);
    const people = ['ana', 'bo', 'cy'].flatMap((id) => [
      person(`${id}-mentor`, 'mentor', { name: `${id} Mentor`, goals: 'Learn and share' }),
      person(`${id}-mentee`, 'mentee', { name: `${id} Mentee`, goals: 'Learn and share' }),
    ]);
    const { pairs } = matchCohort({ program: program({ matching: { weights: { goals: 9 } } }), participants: people });
    expect(pairs).toHaveLength(3);
    for (const pair of pairs) {
      expect([...pair.reasons, ...Object.values(pair.reasonsFor).flat()].join(' ')).not.toMatch(/overlap on/);
      expect(pair.tradeOffs).toContain('Their written goals are too general to compare');
    }
    // A real word beside the filler still counts.
    expect(pairWith('Learn and share how customers buy', 'Share what customers think').reasons).toContain('Their goals overlap on customer');
  });

  it('finds the same word with or without accents, however the accent was typed, and in the plural', () => {
    expect(goalTokens('Améliorer la négociation')).toEqual(goalTokens('Ameliorer la negociation'));
    expect(goalTokens('Ame\u0301liorer la ne\u0301gociation')).toEqual(['ameliorer', 'negociation']);
    const accents = pairWith('Négociation avec les fournisseurs', 'Ne\u0301gociation de contrats');
    expect(accents.reasons.join(' ')).toMatch(/Their goals overlap on negociation/);
    expect(accents.tradeOffs.join(' ')).not.toMatch(/written goals/);
    const plural = pairWith('Talk to customers', 'Understand one customer');
    expect(plural.reasons.join(' ')).toMatch(/Their goals overlap on customer/);
    expect(plural.tradeOffs.join(' ')).not.toMatch(/written goals/);
  });
});
