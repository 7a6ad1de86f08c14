import { describe, expect, it } from 'vitest';
import { matchCohort } from '../../../functions/domain/matching/match';
import { person, program } from './fixtures';

// QA: "Ben Okafor does not cover AI tools, Chen, Wei's first choice" reads as a list. A name
// written "Surname, First" takes no possessive in what the admin reads, and lists of topics in the
// reasons are set off by semicolons when a label holds "and".

describe('what the admin reads about a person enrolled as "Surname, First"', () => {
  it('names their first choice without a possessive', () => {
    const ben = person('ben', 'mentor', { name: 'Ben Okafor', topicsOffered: ['strategy'] });
    const wei = person('wei', 'mentee', { name: 'Chen, Wei', topicsWanted: ['ai-tools', 'strategy'] });
    const [pair] = matchCohort({ program: program({ matching: { weights: { topics: 9 } } }), participants: [ben, wei] }).pairs;
    expect(pair!.tradeOffs).toContain('Ben Okafor does not cover AI tools, the first choice of Chen, Wei');
    expect(pair!.tradeOffs.join(' ')).not.toMatch(/Wei's/);
  });

  it('keeps the possessive for a name without a comma', () => {
    const ben = person('ben', 'mentor', { name: 'Ben Okafor', topicsOffered: ['strategy'] });
    const priya = person('priya', 'mentee', { name: 'Priya Patel', topicsWanted: ['ai-tools', 'strategy'] });
    const [pair] = matchCohort({ program: program({ matching: { weights: { topics: 9 } } }), participants: [ben, priya] }).pairs;
    expect(pair!.tradeOffs).toContain("Ben Okafor does not cover AI tools, Priya Patel's first choice");
  });

  it('says their written goals are too general without a possessive', () => {
    const filler = 'Learn from each other and get better at what we both do';
    const ana = person('ana', 'mentor', { name: 'Souza, Ana', goals: filler });
    const mo = person('mo', 'mentee', { name: 'Mo Ibrahim', goals: 'Run budget meetings' });
    const [pair] = matchCohort({ program: program({ matching: { weights: { goals: 9 } } }), participants: [ana, mo] }).pairs;
    expect(pair!.tradeOffs).toContain('The written goals of Souza, Ana are too general to compare');
  });

  it('says their best possible score without a possessive', () => {
    const m1 = person('m1', 'mentor', { interests: ['golf', 'chess', 'tennis'] });
    const m2 = person('m2', 'mentor', { interests: ['opera'] });
    const e1 = person('e1', 'mentee', { name: 'Lastname, E1', interests: ['golf', 'chess', 'tennis'] });
    const e2 = person('e2', 'mentee', { interests: ['opera'] });
    const out = matchCohort({ program: program(), participants: [m1, m2, e1, e2], forcedPairs: [{ mentorId: 'm2', menteeId: 'e1' }] });
    const line = out.pairs.find((p) => p.menteeId === 'e1')!.tradeOffs.find((t) => t.includes('best possible score'))!;
    expect(line).toMatch(/^The best possible score of Lastname, E1 was \d+ with another mentor; an admin chose M2 Lastname \(\d+\) for them in review$/);
  });
});

describe('lists of topics in the reasons', () => {
  it('are set off by semicolons when a label holds "and"', () => {
    const ana = person('ana', 'mentor', { name: 'Ana Souza', topicsOffered: ['ai-tools'], topicsWanted: ['strategy', 'social-media', 'leadership'] });
    const mo = person('mo', 'mentee', { name: 'Mo Ibrahim', topicsWanted: ['ai-tools'], topicsOffered: ['strategy', 'social-media', 'leadership'] });
    const [pair] = matchCohort({ program: program({ matching: { weights: { reverseTopics: 9 } } }), participants: [ana, mo] }).pairs;
    expect(pair!.reasonsFor.admin.join(' | ')).toContain('Mo Ibrahim can share strategy; social media and creator platforms; and leadership');
  });
});
