import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { person, program } from './fixtures';

/** The one pair of a mentor and a mentee with these interests, interests weighing most (none shared is a trade-off). */
function pairWith(mentorInterests: string[], menteeInterests: string[]) {
  const ana = person('ana', 'mentor', { name: 'Ana Souza', interests: mentorInterests });
  const mo = person('mo', 'mentee', { name: 'Mo Ibrahim', interests: menteeInterests });
  const [pair] = matchCohort({ program: program({ matching: { weights: { interests: 9 } } }), participants: [ana, mo] }).pairs;
  return pair!;
}

describe('what the admin reads about interests shared by nobody', () => {
  it('names the person who listed no interests, rather than "no interests in common"', () => {
    expect(pairWith([], ['jazz', 'hiking']).tradeOffs).toContain('Ana Souza listed no interests');
    expect(pairWith(['jazz'], ['  ']).tradeOffs).toContain('Mo Ibrahim listed no interests');
    for (const pair of [pairWith([], ['jazz']), pairWith(['jazz'], [])]) expect(pair.tradeOffs.join(' ')).not.toMatch(/in common/);
  });

  it('says neither listed any when both lists are empty', () => {
    const pair = pairWith([], []);
    expect(pair.tradeOffs).toContain('Neither of them listed any interests');
    expect(pair.tradeOffs.join(' ')).not.toMatch(/in common/);
  });

  it('says "no interests in common" only when both listed some', () => {
    expect(pairWith(['golf'], ['jazz']).tradeOffs).toContain('They have no interests in common');
  });
});
