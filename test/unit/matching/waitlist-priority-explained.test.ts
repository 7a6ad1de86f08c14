import { describe, expect, it } from 'vitest';
import { matchCohort, matchIncrementally } from '../../../functions/domain/matching/match';
import { person, program } from './fixtures';

// QA matching3 bug 1: the waitlist goes first (most pairs, then most waiting people, then score).
// When that, not a better total, decides a pair, the admins must not read "better matches".

/** Ann waits on the waitlist and fits Wes badly; Bea is new and fits Wes very well. */
function annBeaWes() {
  const ann = person('ann', 'mentor', {
    name: 'Ann Weak',
    topicsOffered: ['sustainability'],
    topicsWanted: ['leadership'],
    interests: ['knitting'],
    availability: [{ day: 'fri', start: '15:00', end: '16:00' }],
    goals: 'Contracts',
    communicationStyle: 'reflective',
  });
  const bea = person('bea', 'mentor', {
    name: 'Bea Strong',
    topicsOffered: ['ai-tools', 'social-media'],
    topicsWanted: ['strategy'],
    interests: ['tennis', 'jazz'],
    goals: 'Sales strategy',
    communicationStyle: 'direct',
  });
  const wes = person('wes', 'mentee', {
    name: 'Wes Lead',
    topicsOffered: ['strategy'],
    topicsWanted: ['ai-tools', 'social-media'],
    interests: ['tennis', 'jazz'],
    goals: 'AI tools for sales strategy',
    communicationStyle: 'direct',
  });
  return { program: program(), participants: [ann, bea, wes] };
}

describe('explanations when the waitlist decides', () => {
  for (const mode of ['exact', 'sparse'] as const) {
    it(`says a waiting mentor was paired first, not that she fit the cohort better, and names the better mentor (${mode})`, () => {
      const cohort = annBeaWes();
      const plain = matchCohort({ ...cohort, mode });
      expect(plain.pairs.map((p) => p.mentorId)).toEqual(['bea']);
      const beaScore = Math.round(plain.pairs[0]!.score);

      const out = matchCohort({ ...cohort, mode, priorityIds: ['ann'] });
      expect(out.pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ann', 'wes']]); // the documented order still chooses
      const pair = out.pairs[0]!;
      const all = pair.tradeOffs.join(' | ');
      expect(all).not.toMatch(/cohort as a whole/);
      expect(pair.tradeOffs).toContain(
        `Wes Lead was paired with Ann Weak, who is on the waitlist: people waiting are paired first, though Bea Strong would fit Wes better (${beaScore} against ${Math.round(pair.score)})`,
      );
      expect(beaScore - pair.score).toBeGreaterThan(50);
      // The people never read about the waitlist.
      expect(JSON.stringify(pair.reasonsFor.mentee)).not.toMatch(/waitlist/);
      expect(JSON.stringify(pair.reasonsFor.mentor)).not.toMatch(/waitlist/);
    });

    it(`tells the admins the better mentor lost her mentee to a mentor on the waitlist (${mode})`, () => {
      const out = matchCohort({ ...annBeaWes(), mode, priorityIds: ['ann'] });
      const bea = out.unmatched.find((u) => u.participantId === 'bea')!;
      expect(bea.code).toBe('capacity');
      expect(bea.reason).not.toMatch(/fit them better/);
      expect(bea.reason).toBe('The only eligible mentee went to a mentor on the waitlist, who is matched first. Free for late joiners and rematches.');
    });
  }

  it('says so in incremental runs too (late joiners against a waiting mentor)', () => {
    const out = matchIncrementally({ ...annBeaWes(), activePairs: [], priorityIds: ['ann'] });
    expect(out.pairs[0]!.tradeOffs.some((t) => t.startsWith('Wes Lead was paired with Ann Weak, who is on the waitlist: '))).toBe(true);
    expect(out.pairs[0]!.tradeOffs.join(' | ')).not.toMatch(/cohort as a whole/);
  });

  it('names the waitlist when a waiting mentee took the better mentor, and the mentor chosen is not waiting', () => {
    // Carl fits Yan best; Walt (waiting) can only have Carl; Zoe can only have Dan. Plain: Carl-Yan, Dan-Zoe.
    // Waitlist first: Carl-Walt, and Dan-Yan (the better of the two left), so Zoe waits.
    const carl = person('carl', 'mentor', { name: 'Carl Best', interests: ['golf', 'chess', 'opera'] });
    const dan = person('dan', 'mentor', { name: 'Dan Next', interests: ['golf', 'knitting', 'sailing'] });
    const walt = person('walt', 'mentee', { name: 'Walt Waiting', doNotPairWith: ['dan@example.com'] });
    const yan = person('yan', 'mentee', { name: 'Yan Young', interests: ['golf', 'chess', 'opera'] });
    const zoe = person('zoe', 'mentee', { name: 'Zoe Zed', doNotPairWith: ['carl@example.com'] });
    const cohort = { program: program(), participants: [carl, dan, walt, yan, zoe] };
    const plain = matchCohort(cohort);
    expect(plain.pairs.map((p) => [p.mentorId, p.menteeId]).sort()).toEqual([
      ['carl', 'yan'],
      ['dan', 'zoe'],
    ]);
    const carlYan = Math.round(plain.pairs.find((p) => p.menteeId === 'yan')!.score);
    for (const mode of ['exact', 'sparse'] as const) {
      const out = matchCohort({ ...cohort, mode, priorityIds: ['walt'] });
      expect(out.pairs.map((p) => [p.mentorId, p.menteeId]).sort(), mode).toEqual([
        ['carl', 'walt'],
        ['dan', 'yan'],
      ]);
      const yanPair = out.pairs.find((p) => p.menteeId === 'yan')!;
      expect(yanPair.tradeOffs, mode).toContain(
        `Yan Young was paired with Dan Next because people on the waitlist are paired first: otherwise Yan would have had Carl Best (${carlYan} against ${Math.round(yanPair.score)})`,
      );
      expect(yanPair.tradeOffs.join(' | '), mode).not.toMatch(/cohort as a whole/);
    }
  });

  it('says a mentor whose mentee went elsewhere for the waitlist was displaced by it, not by better fits', () => {
    // Plain: Carl-Xia and Dan-Yan. Pat (waiting) can only have Xia, so Xia goes to Pat, Yan to Carl, Dan is left.
    const carl = person('carl', 'mentor', { name: 'Carl Best', interests: ['golf', 'chess', 'opera'] });
    const dan = person('dan', 'mentor', { name: 'Dan Next', interests: ['golf', 'knitting', 'sailing'] });
    const pat = person('pat', 'mentor', { name: 'Pat Waiting', doNotPairWith: ['yan@example.com'] });
    const xia = person('xia', 'mentee', { name: 'Xia Xu', interests: ['golf', 'chess', 'opera'] });
    const yan = person('yan', 'mentee', { name: 'Yan Young', interests: ['golf', 'chess'] });
    const cohort = { program: program(), participants: [carl, dan, pat, xia, yan] };
    expect(
      matchCohort(cohort)
        .pairs.map((p) => [p.mentorId, p.menteeId])
        .sort(),
    ).toEqual([
      ['carl', 'xia'],
      ['dan', 'yan'],
    ]);
    const out = matchCohort({ ...cohort, priorityIds: ['pat'] });
    expect(out.pairs.map((p) => [p.mentorId, p.menteeId]).sort()).toEqual([
      ['carl', 'yan'],
      ['pat', 'xia'],
    ]);
    const dans = out.unmatched.find((u) => u.participantId === 'dan')!;
    expect(dans.reason).toBe(
      'All 2 eligible mentees were paired with other mentors so that people on the waitlist could be matched first. Free for late joiners and rematches.',
    );
  });

  it('keeps "better matches for the cohort" when the waitlist cost the cohort nothing', () => {
    // Nobody waiting is paired any differently: the waiting mentor is also the best choice.
    const strong = person('ann', 'mentor', { name: 'Ann Strong', interests: ['tennis', 'jazz'] });
    const weak = person('bea', 'mentor', { name: 'Bea Weak' });
    const e1 = person('e1', 'mentee', { interests: ['tennis', 'jazz'] });
    const e2 = person('e2', 'mentee', { interests: ['tennis', 'jazz'] });
    const cohort = { program: program(), participants: [strong, weak, e1, e2] };
    const plain = matchCohort(cohort);
    const out = matchCohort({ ...cohort, priorityIds: ['ann'] });
    expect(out.pairs.map((p) => [p.mentorId, p.menteeId, p.score, p.tradeOffs])).toEqual(
      plain.pairs.map((p) => [p.mentorId, p.menteeId, p.score, p.tradeOffs]),
    );
    expect(out.pairs.flatMap((p) => p.tradeOffs).join(' ')).toMatch(/gave the cohort as a whole better matches/);
    expect(out.pairs.flatMap((p) => p.tradeOffs).join(' ')).not.toMatch(/waitlist/);
  });
});
