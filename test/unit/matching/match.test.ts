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

  it('matches the waitlist first: a waiting mentee takes the one free place a newcomer fits better, in both modes', () => {
    // One mentor place; the newcomer shares more topics (a better score), the waiting mentee fits too.
    const mentor = person('ana', 'mentor', { interests: ['running', 'jazz'] });
    const newcomer = person('nico', 'mentee', { interests: ['running', 'jazz'] });
    const waiting = person('wendy', 'mentee');
    const cohort = { program: program(), participants: [mentor, newcomer, waiting] };
    const plain = matchCohort(cohort);
    expect(plain.pairs.map((p) => p.menteeId)).toEqual(['nico']);
    for (const mode of ['exact', 'sparse'] as const) {
      const first = matchCohort({ ...cohort, mode, priorityIds: ['wendy'] });
      expect(
        first.pairs.map((p) => [p.mentorId, p.menteeId]),
        mode,
      ).toEqual([['ana', 'wendy']]);
      // The score is the pair's own (no bonus shows), and only the admin reads why.
      expect(first.pairs[0]!.score).toBeLessThan(plain.pairs[0]!.score);
      expect(first.pairs[0]!.score).toBeLessThanOrEqual(100);
      expect(first.pairs[0]!.reasons).toContain('Wendy Lastname was on the waitlist, so is matched first');
      expect(JSON.stringify(first.pairs[0]!.reasonsFor.mentee)).not.toMatch(/waitlist/);
      expect(JSON.stringify(first.pairs[0]!.reasonsFor.mentor)).not.toMatch(/waitlist/);
      expect(first.stats.totalScore).toBe(first.pairs[0]!.score);
    }
  });

  it('never pairs fewer people to favour the waitlist: the most pairs still come first', () => {
    // Wendy (waiting) fits only Ana; Nico fits Ana and Ben. Two pairs are possible only with Wendy on Ana.
    const ana = person('ana', 'mentor', { topicsOffered: ['ai-tools'] });
    const ben = person('ben', 'mentor', { topicsOffered: ['social-media'] });
    const nico = person('nico', 'mentee', { topicsWanted: ['ai-tools', 'social-media'] });
    const wendy = person('wendy', 'mentee', { topicsWanted: ['ai-tools'], availability: [{ day: 'mon', start: '10:00', end: '12:00' }] });
    const benOnly = { ...ben, availability: [{ day: 'tue' as const, start: '10:00', end: '12:00' }] };
    const anaBoth = {
      ...ana,
      availability: [
        { day: 'mon' as const, start: '10:00', end: '12:00' },
        { day: 'tue' as const, start: '10:00', end: '12:00' },
      ],
    };
    // Wendy meets only Ana (Mondays); Nico fits both. Favouring Nico's priority must not leave Wendy out.
    const rules = { minOverlapHours: 1 };
    const out = matchCohort({ program: program({ matching: { rules } }), participants: [anaBoth, benOnly, nico, wendy], priorityIds: ['nico'] });
    expect(out.pairs.map((p) => [p.mentorId, p.menteeId]).sort()).toEqual([
      ['ana', 'wendy'],
      ['ben', 'nico'],
    ]);
  });

  it('counts a waiting mentor with two places once: two waiting mentors paired beat one mentor twice, in both modes', () => {
    // Wendy (waiting, two places) fits both mentees best; Victor (waiting) fits them less well.
    const wendy = person('wendy', 'mentor', { capacity: 2, interests: ['running', 'jazz', 'chess'] });
    const victor = person('victor', 'mentor');
    const a = person('a', 'mentee', { interests: ['running', 'jazz', 'chess'] });
    const b = person('b', 'mentee', { interests: ['running', 'jazz', 'chess'] });
    const cohort = { program: program({ matching: { rules: { maxMenteesPerMentor: 2 } } }), participants: [wendy, victor, a, b] };
    expect(matchCohort(cohort).pairs.map((p) => p.mentorId)).toEqual(['wendy', 'wendy']);
    for (const mode of ['exact', 'sparse'] as const) {
      const out = matchCohort({ ...cohort, mode, priorityIds: ['wendy', 'victor'] });
      expect(out.pairs.map((p) => p.mentorId).sort(), mode).toEqual(['victor', 'wendy']);
      expect(out.unmatched, mode).toEqual([]);
    }
  });

  it("says a forced pair's trade-off was the admin's choice, not better matches for the cohort", () => {
    const m1 = person('m1', 'mentor', { interests: ['golf', 'chess', 'tennis'] });
    const m2 = person('m2', 'mentor', { interests: ['opera'] });
    const e1 = person('e1', 'mentee', { interests: ['golf', 'chess', 'tennis'] });
    const e2 = person('e2', 'mentee', { interests: ['opera'] });
    const cohort = { program: program(), participants: [m1, m2, e1, e2] };
    const optimal = matchCohort(cohort);
    const out = matchCohort({ ...cohort, forcedPairs: [{ mentorId: 'm2', menteeId: 'e1' }] });
    expect(out.stats.totalScore).toBeLessThan(optimal.stats.totalScore);
    const forced = out.pairs.find((p) => p.menteeId === 'e1')!;
    expect(forced.mentorId).toBe('m2');
    const line = forced.tradeOffs.find((t) => t.includes('best possible score'))!;
    expect(line).toMatch(/^E1 Lastname's best possible score was \d+ with another mentor; an admin chose M2 Lastname \(\d+\) for them in review$/);
    expect(out.pairs.flatMap((p) => p.tradeOffs).join(' ')).not.toMatch(/cohort as a whole/);
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

  it('tells a lone mentor that no mentee is waiting, and a lone mentee that no mentor has a place', () => {
    const mentor = matchCohort({ program: program(), participants: [person('ana', 'mentor')] }).unmatched[0]!;
    expect(mentor).toMatchObject({ code: 'no-partners-in-cohort' });
    expect(mentor.reason).toBe('No mentee is waiting to be matched in this cohort; waitlisted until one joins or a pairing ends.');
    const mentee = matchCohort({ program: program(), participants: [person('e1', 'mentee')] }).unmatched[0]!;
    expect(mentee.reason).toBe('No mentor has a free place in this cohort; waitlisted until one joins or a place frees up.');
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

  it('tells a late joiner whose only fitting mentor is booked that it is capacity, not that nobody fits or nobody is there (QA matching)', () => {
    // Amy is in a pairing with Xeno, her only place. Yan fits Amy; the free mentor, Felix, speaks only French.
    const amy = person('amy', 'mentor');
    const felix = person('felix', 'mentor', { languages: ['fr'] });
    const xeno = person('xeno', 'mentee');
    const yan = person('yan', 'mentee');
    const run = (mentors: ReturnType<typeof person>[]) =>
      matchIncrementally({
        program: program(),
        participants: [...mentors, xeno, yan],
        activePairs: [{ mentorId: 'amy', menteeId: 'xeno' }],
        previousPairs: [],
      });
    for (const mentors of [[amy, felix], [amy]]) {
      const { unmatched } = run(mentors);
      const waiting = unmatched.find((u) => u.participantId === 'yan');
      expect(waiting, mentors.map((m) => m.participantId).join()).toMatchObject({ code: 'capacity' });
      expect(waiting!.reason).toBe(
        'The only mentor who fits has no free place: running pairings, or pairs set in review, take them (capacity). Waitlisted for a freed place or a new mentor.',
      );
      // Felix, idle, is told the truth too: no mentee of the cohort (free or in a pairing) shares his language.
      if (mentors.includes(felix)) expect(unmatched.find((u) => u.participantId === 'felix')).toMatchObject({ code: 'no-eligible-partner' });
    }
    // Nobody fits at all: the rules are named, counted over every mentor of the cohort, booked or not.
    const french = person('fr', 'mentee', { languages: ['fr'] });
    const none = matchIncrementally({
      program: program(),
      participants: [amy, xeno, { ...french, languages: ['ja'] }],
      activePairs: [{ mentorId: 'amy', menteeId: 'xeno' }],
      previousPairs: [],
    });
    expect(none.unmatched[0]).toMatchObject({ participantId: 'fr', code: 'no-eligible-partner' });
    expect(none.unmatched[0]!.reason).toMatch(/^No eligible mentor: of the 1 mentor, /);
  });
});
