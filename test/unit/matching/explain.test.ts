import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { syntheticCohort } from '../../../functions/domain/matching/synthetic-cohort';
import { person, program } from './fixtures';

describe('explanations', () => {
  it('names the real shared things, the ranked topic and the best day, to the mentee with first names only', () => {
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
    expect(pair!.reasonsFor.mentee).toContain('You both care about sustainability');
    expect(pair!.reasonsFor.mentee).toContain('Ana can help with AI tools, which you ranked first');
    expect(pair!.reasonsFor.mentee.join(' ')).not.toMatch(/Souza|Ibrahim/);
    const availability = matchCohort({ program: program({ matching: { weights: { availability: 10, interests: 0, topics: 1 } } }), participants: [ana, mo] })
      .pairs[0]!;
    expect(availability.reasonsFor.mentee[0]).toBe('2 hours of shared availability on Tuesdays (in your time zone)');
  });

  it('calls a person enrolled as "Lovelace, Ada" Ada, as the emails around the reasons do', () => {
    const ada = person('ada', 'mentor', { name: 'Lovelace, Ada', topicsOffered: ['ai-tools'] });
    const mo = person('mo', 'mentee', { name: 'Ibrahim, Mo', topicsWanted: ['ai-tools'], topicsOffered: ['strategy'] });
    const [pair] = matchCohort({ program: program(), participants: [ada, mo] }).pairs;
    expect(pair!.reasonsFor.mentee).toContain('Ada can help with AI tools, which you ranked first');
    expect(pair!.reasonsFor.mentor).toContain('You can help Mo with AI tools, which Mo ranked first');
    expect([...pair!.reasonsFor.mentee, ...pair!.reasonsFor.mentor].join(' ')).not.toMatch(/Lovelace|Ibrahim/);
  });

  it('names a person whose name is a formula as the emails do: the link label, or "the mentor" with nothing readable', () => {
    const formula = (name: string) => {
      const mentor = person('f', 'mentor', { name, topicsOffered: ['ai-tools'] });
      const mo = person('mo', 'mentee', { name: 'Ibrahim, Mo', topicsWanted: ['ai-tools'], topicsOffered: ['strategy'] });
      const [pair] = matchCohort({ program: program(), participants: [mentor, mo] }).pairs;
      return [...pair!.reasonsFor.mentee, ...pair!.reasonsFor.mentor, ...pair!.reasonsFor.admin, ...pair!.tradeOffs].join(' | ');
    };
    const label = formula('=HYPERLINK("http://x.test","Click me")');
    expect(label).toContain('Click can help with AI tools, which you ranked first');
    expect(label).not.toMatch(/HYPERLINK|x\.test/);
    const none = formula("+SUM(1+1)*cmd|' /C calc'!A0");
    expect(none).toContain('The mentor can help with AI tools, which you ranked first');
    expect(none).not.toMatch(/SUM\(|calc'/);
  });

  describe('each reader gets their own words', () => {
    // Ana (London) offers AI tools and wants strategy; Mo (Singapore) wants AI tools and offers strategy.
    const ana = person('ana', 'mentor', {
      name: 'Ana Souza',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      interests: ['Jazz'],
      availability: [{ day: 'mon', start: '09:00', end: '11:00' }],
    });
    const mo = person('mo', 'mentee', {
      name: 'Mo Ibrahim',
      timeZone: 'Asia/Singapore',
      topicsWanted: ['ai-tools'],
      topicsOffered: ['strategy'],
      interests: ['jazz'],
      availability: [{ day: 'mon', start: '16:00', end: '19:00' }],
    });
    const weights = { topics: 10, reverseTopics: 8, interests: 6, availability: 4 };
    const [pair] = matchCohort({ program: program({ matching: { weights } }), participants: [ana, mo] }).pairs;
    const { mentor, mentee, admin } = pair!.reasonsFor;

    it('gives every reader the same reasons, in the same order', () => {
      expect(mentor.length).toBeGreaterThan(1);
      expect(mentee).toHaveLength(mentor.length);
      expect(admin).toHaveLength(mentor.length);
      expect(pair!.reasons, 'the stored `reasons` are the admin list').toEqual(admin);
    });

    it('tells the mentor what they bring and what they will learn, naming the mentee by first name', () => {
      expect(mentor).toContain('You can help Mo with AI tools, which Mo ranked first');
      expect(mentor).toContain('You will learn about strategy from Mo, who offered to share it');
      expect(mentor).toContain('You both care about jazz');
      expect(mentor.join(' ')).not.toMatch(/Ibrahim|Souza|which you ranked|Ana/);
    });

    it('tells the mentee what the mentor can help with and what they can share', () => {
      expect(mentee).toContain('Ana can help with AI tools, which you ranked first');
      expect(mentee).toContain('You can share strategy, which Ana wants to learn about');
      expect(mentee.join(' ')).not.toMatch(/Ibrahim|Souza|Mo\b/);
    });

    it("counts shared time in each reader's own time zone", () => {
      // Monday 21:00-23:00 in London (January) is Tuesday 05:00-07:00 in Singapore.
      const late = person('ana', 'mentor', { name: 'Ana Souza', availability: [{ day: 'mon', start: '21:00', end: '23:00' }] });
      const early = person('mo', 'mentee', { name: 'Mo Ibrahim', timeZone: 'Asia/Singapore', availability: [{ day: 'tue', start: '05:00', end: '07:00' }] });
      const [p] = matchCohort({ program: program({ matching: { weights: { availability: 10, topics: 1 } } }), participants: [late, early] }).pairs;
      expect(p!.reasonsFor.mentor[0]).toBe('2 hours of shared availability on Mondays (in your time zone)');
      expect(p!.reasonsFor.mentee[0]).toBe('2 hours of shared availability on Tuesdays (in your time zone)');
      expect(p!.reasonsFor.admin[0]).toBe("2 hours of shared availability on Tuesdays (in Mo's time zone)");
    });

    it('tells the admin about both people in the third person, by full name', () => {
      expect(admin).toContain('Ana Souza can help Mo Ibrahim with AI tools, which Mo ranked first');
      expect(admin).toContain('Mo Ibrahim can share strategy, which Ana Souza wants to learn about');
      expect(admin).toContain('Both care about jazz');
      for (const r of admin) expect(r, 'no sentence speaks to "you"').not.toMatch(/\b(you|your)\b/i);
    });

    it('writes trade-offs for the admin too', () => {
      const [weak] = matchCohort({
        program: program({ matching: { weights: { topics: 10, interests: 5 } } }),
        participants: [ana, person('kim', 'mentee', { name: 'Kim Park', topicsWanted: ['ai-tools'], interests: ['golf'] })],
      }).pairs;
      expect(weak!.tradeOffs).toContain('They have no interests in common');
      for (const t of weak!.tradeOffs) expect(t).not.toMatch(/\b(you|your)\b/i);
    });
  });

  it('only ever mentions interests the two people really share', () => {
    const cohort = syntheticCohort({ size: 60, seed: 9 });
    const byId = new Map(cohort.participants.map((p) => [p.participantId, p]));
    for (const pair of matchCohort(cohort).pairs) {
      const interest = pair.reasonsFor.mentee.find((r) => r.startsWith('You both care about '));
      if (!interest) continue;
      expect(pair.reasonsFor.mentor).toContain(interest);
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

  it('never says an in-person meeting fits across two cities, and names the distance as a trade-off', () => {
    const ana = person('ana', 'mentor', { name: 'Ana Paris', location: 'Paris', meetingPreference: 'either' });
    const mo = person('mo', 'mentee', { name: 'Mo London', location: 'London', meetingPreference: 'in-person' });
    const weights = { meetingPreference: 9 };
    const [pair] = matchCohort({ program: program({ matching: { weights } }), participants: [ana, mo] }).pairs;
    for (const list of [pair!.reasons, pair!.reasonsFor.mentee, pair!.reasonsFor.mentor])
      expect(list.join(' ')).not.toMatch(/happy to meet the way|meet in person/);
    expect(pair!.tradeOffs).toContain(
      'Mo London prefers meeting in person, in London, but Ana Paris is in Paris: meeting in person means travelling, or they meet by video',
    );
    // In one city the same preferences are a reason, not a trade-off.
    const [near] = matchCohort({ program: program({ matching: { weights } }), participants: [{ ...ana, location: 'London' }, mo] }).pairs;
    expect(near!.reasons).toContain('They can meet in person: both are in London');
    expect(near!.tradeOffs.join(' ')).not.toMatch(/travelling/);
  });
});
