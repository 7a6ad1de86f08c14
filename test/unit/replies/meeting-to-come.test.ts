import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';

const now = new Date('2027-01-13T10:00:00Z');
const read = (text: string, purpose: ReplyPurpose = 'check-in') => interpretReply(text, purpose, { now });
const reason = (said: string, toCome: string) =>
  `The reply says yes ("${said}") but speaks of a meeting still to come ("${toCome}"), not one held: reply YES once you have met, or NO if you have not met since the day the check-in asks about.`;

describe('a check-in yes that speaks only of a meeting still to come is asked about again (QA replies5)', () => {
  it.each([
    ['Yes but next week', 'Yes', 'next week'],
    ['Yes, but only next week', 'Yes', 'next week'],
    ['Yes we will meet next Tuesday', 'Yes', 'we will meet'],
    ['Ja, aber erst nächste Woche - Hugo war krank.', 'Ja', 'nächste Woche'],
    ['Oui mais la semaine prochaine', 'Oui', 'la semaine prochaine'],
    ['Sí, pero la próxima semana', 'Sí', 'la próxima semana'],
  ])('QA: %j is unclear, nothing recorded', (text, said, toCome) => {
    expect(read(text)).toEqual({ intent: 'unclear', reason: reason(said, toCome), note: expect.any(String) });
  });

  it.each([
    'Yes. But only next week.',
    'yes - next Tuesday',
    'Yes, tomorrow at 10',
    'Yes, we are meeting on Thursday',
    "Yes, we'll catch up next week",
    'YES\nWe will meet next week',
    'Ja, wir treffen uns morgen',
    'Ja, wir werden uns nächste Woche treffen',
    'Oui, on se verra demain',
    'Sí, mañana',
    'Sì, ma la prossima settimana',
    'Sim, mas só na próxima semana',
    'Ja, maar pas volgende week',
    'Tak, ale dopiero w przyszłym tygodniu',
    "Yes but we haven't had time to meet, next week",
    'Yes, but next week works better for me',
  ])('%j is unclear', (text) => {
    expect(read(text)).toMatchObject({ intent: 'unclear', reason: expect.stringMatching(/but speaks of a meeting still to come/) });
  });

  it.each([
    ['Yes, we met on Tuesday and plan to meet again next week', 'we met on Tuesday and plan to meet again next week'],
    ['Yes, we met last week', 'we met last week'],
    ['Ja, letzte Woche', 'letzte Woche'],
    ['Oui, mardi dernier', 'mardi dernier'],
    ['Ja, gestern, nächste Woche wieder', 'gestern, nächste Woche wieder'],
    ['Yes, it went well, next week again', 'it went well, next week again'],
    ['Yes, we had a great session, next one next week', 'we had a great session, next one next week'],
    ['Yes, great chat. See you next week', 'great chat. See you next week'],
    ['YES\nNext week we will discuss budgets', 'Next week we will discuss budgets'],
    ['Yes, next week we will talk about AI', 'next week we will talk about AI'],
    ['Ja, heute morgen', 'heute morgen'],
    ['Sí, esta mañana', 'esta mañana'],
  ])('a meeting held, or a later plan, stays a yes: %j', (text, note) => {
    expect(read(text)).toMatchObject({ intent: 'yes', note: expect.stringContaining(note) });
  });

  it('stays a yes when a rating says how the meeting went', () => {
    expect(read('Yes 4 but next week again')).toMatchObject({ intent: 'yes', rating: 4 });
    expect(read('yes')).toEqual({ intent: 'yes', reason: 'Understood "yes" as yes.' });
    expect(read('4')).toMatchObject({ intent: 'rating', rating: 4 });
  });

  it('reads only the check-in so: an introduction accepted for next week is a yes', () => {
    expect(read('Yes, but next week works better for me', 'acceptance')).toMatchObject({ intent: 'yes' });
    expect(read('Yes but next week', 'fit')).toMatchObject({ intent: 'yes' });
  });

  it('a no stays a no', () => {
    expect(read('No, but next week')).toMatchObject({ intent: 'no' });
  });
});
