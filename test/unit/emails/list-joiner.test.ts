import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { proposalChangedSentence } from '../../../functions/domain/emails/admin';
import { journeyFacts } from '../../../functions/domain/emails/certificate';
import { joinAnd, possessive } from '../../../functions/domain/emails/format';

// QA: a topic label holding "and" ("Social media and creator platforms") or a name written
// "Surname, First" ("Chen, Wei") made comma-and lists unreadable: a reader could not tell where one
// item ends. Every prose list goes through joinAnd, which sets such items off by semicolons.

const program = { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Alex Morgan', timeZone: 'Europe/London' };
const TOPICS = ['ai-tools', 'social-media', 'strategy'];
const SEMICOLONS = 'AI tools; Social media and creator platforms; and Strategy';
/** The plain-text part wraps at 72 columns: read it as one line. */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const journey = {
  startedOn: '2027-01-12T09:00:00Z',
  completedOn: '2027-07-13T09:00:00Z',
  checkInsHeld: 11,
  topics: TOPICS,
  milestones: [{ label: 'Day 30', progress: 3 }],
};

describe('the list joiner', () => {
  it('joins plain items with commas and a final "and"', () => {
    expect(joinAnd([])).toBe('');
    expect(joinAnd(['AI tools'])).toBe('AI tools');
    expect(joinAnd(['AI tools', 'Strategy'])).toBe('AI tools and Strategy');
    expect(joinAnd(['AI tools', 'Strategy', 'Leadership'])).toBe('AI tools, Strategy and Leadership');
  });

  it('sets items off by semicolons when one holds "and" or a comma', () => {
    expect(joinAnd(['AI tools', 'Social media and creator platforms', 'Strategy'])).toBe(SEMICOLONS);
    expect(joinAnd(['AI tools', 'Social media and creator platforms'])).toBe('AI tools; and Social media and creator platforms');
    expect(joinAnd(['Research And Development', 'Strategy'])).toBe('Research And Development; and Strategy');
    expect(joinAnd(['Tom Reed with Priya Patel', 'Ben Okafor with Chen, Wei', 'Lovelace, Ada with Greta Nilsson'])).toBe(
      'Tom Reed with Priya Patel; Ben Okafor with Chen, Wei; and Lovelace, Ada with Greta Nilsson',
    );
    // A word that merely contains "and" is no conjunction.
    expect(joinAnd(['Brand voice', 'Handover planning', 'Strategy'])).toBe('Brand voice, Handover planning and Strategy');
  });

  it('gives a name written "Surname, First" no possessive', () => {
    expect(possessive('Priya Patel', 'first choice')).toBe("Priya Patel's first choice");
    expect(possessive('Chen, Wei', 'first choice')).toBe('the first choice of Chen, Wei');
  });
});

describe('lists of topics in the emails', () => {
  it('the journey facts (recognition email and SVG certificate)', () => {
    expect(journeyFacts(journey, 'Europe/London')).toContainEqual({ term: 'Topics covered', detail: SEMICOLONS });
    const svg = emails.certificateSvg({
      programName: 'Pilot',
      name: 'Alex Morgan',
      role: 'mentee',
      partnerName: 'Sam Lee',
      journey,
      timeZone: 'Europe/London',
    });
    expect(svg.toString('utf8')).toContain(`Topics covered: ${SEMICOLONS}.`);
    const email = emails.recognition({ to, program, role: 'mentor', partner: { name: 'Sam Lee' }, journey });
    expect(flat(email.text)).toContain(SEMICOLONS);
  });

  it('the Day 30 and end reviews', () => {
    const email = emails.milestoneSurvey({
      to,
      program,
      milestone: 'Day 30 review',
      goals: 'Learn the tools',
      topics: TOPICS,
      answerBy: '2027-02-18T23:59:59.999Z',
      answerLink: 'https://answers.example.org/r/tok',
      partner: { name: 'Sam Lee' },
    });
    expect(flat(email.text)).toContain(`Your pairing covers ${SEMICOLONS}.`);
  });

  it('the manager note', () => {
    const email = emails.managerNote({
      to: { name: 'Jordan Blake', timeZone: 'Europe/London' },
      program,
      report: { name: 'Alex Morgan', role: 'mentor' },
      journey,
      contributed: TOPICS,
      learned: ['strategy', 'social-media'],
    });
    expect(flat(email.text)).toContain(`Contributed: ${SEMICOLONS}`);
    expect(flat(email.text)).toContain('Learned about: Strategy; and Social media and creator platforms');
  });

  it('the introduction', () => {
    const email = emails.introduction({
      to,
      program,
      role: 'mentee',
      partner: { name: 'Sam Lee', role: 'mentor', goals: 'Grow', topicsOffered: ['ai-tools', 'social-media'], topicsWanted: ['strategy'] },
      reasons: ['You are both free on Tuesday mornings'],
      topics: ['ai-tools'],
      answerBy: '2027-01-19T23:59:59.999Z',
      answerLinks: { accept: 'https://a.example.org/yes', decline: 'https://a.example.org/no' },
    });
    expect(flat(email.text)).toContain('Can share: AI tools; and Social media and creator platforms');
  });
});

describe('lists of names written "Surname, First"', () => {
  it('the pairs a changed proposal took out', () => {
    const sentence = proposalChangedSentence(
      {
        shownPairs: 5,
        removed: [
          { mentor: 'Tom Reed', mentee: 'Priya Patel' },
          { mentor: 'Ben Okafor', mentee: 'Chen, Wei' },
          { mentor: 'Lovelace, Ada', mentee: 'Greta Nilsson' },
        ],
        added: [{ mentor: 'Nia Brown', mentee: 'José Álvarez' }],
        by: ['ann@x.org'],
      },
      3,
    );
    expect(sentence).toContain(
      ': 3 pairs were taken out (Tom Reed with Priya Patel; Ben Okafor with Chen, Wei; and Lovelace, Ada with Greta Nilsson) and 1 pair was added (Nia Brown with José Álvarez); it now proposes 3 pairs',
    );
  });

  it('the people held from a rematch and the people not sure of a fit', () => {
    const held = emails.adminRematchHeld({
      to,
      program,
      pairingId: 'pr_abc',
      people: [
        { name: 'Chen, Wei', role: 'mentor', held: 'inactive', count: 2 },
        { name: 'Lovelace, Ada', role: 'mentee', held: 'inactive', count: 2 },
      ],
    });
    expect(held.subject).toBe('Not rematched automatically: Chen, Wei; and Lovelace, Ada');
    const unsure = emails.adminFitUnsure({
      to,
      program,
      pairingId: 'pr_abc',
      people: { mentor: 'Chen, Wei', mentee: 'Lovelace, Ada' },
      unsure: [
        { name: 'Chen, Wei', role: 'mentor' },
        { name: 'Lovelace, Ada', role: 'mentee' },
      ],
    });
    expect(flat(unsure.text)).toContain('Chen, Wei (mentor); and Lovelace, Ada (mentee) answered "not sure"');
  });
});
