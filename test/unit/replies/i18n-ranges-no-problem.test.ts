import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';

/**
 * QA i18n2: pause ranges and "no problem" as native speakers of the reader's other languages write
 * them. A Dutch or Portuguese range paused at once until the day they leave; "No hay problema" was
 * read as "we did not meet"; Polish dates, always declined ("15 marca"), were never read.
 */
const now = new Date('2026-12-16T10:00:00Z');
const read = (text: string) => interpretReply(text, 'check-in', { now } as never);

describe('a pause from one day until another, in each language', () => {
  it.each([
    'PAUSE van 15 februari tot 1 maart',
    'PAUSE de 15 de fevereiro a 1 de março',
    'PAUSE de 15 de fevereiro até 1 de março',
    'PAUSE da 15 febbraio a 1 marzo',
    'PAUSE od 15 lutego do 1 marca',
    'PAUSE a partir del 15 de febrero hasta el 1 de marzo',
    'PAUSE du 15 février au 1er mars',
  ])('%s is booked from 15 February until 1 March', (text) => {
    const r = read(text);
    expect(r.intent).toBe('pause');
    expect(r.pauseUntil).toBe('2027-03-01');
    expect((r as { pauseFrom?: string }).pauseFrom).toBe('2027-02-15');
  });

  it('reads Polish months as they are written, declined', () => {
    expect(read('PAUSE do 15 marca').pauseUntil).toBe('2027-03-15');
    expect(read('PAUSE do 3 lutego').pauseUntil).toBe('2027-02-03');
  });

  it('leaves English as it was: a start alone is asked about, a duration is read', () => {
    expect(read('PAUSE for a week').pauseUntil).toBe('2026-12-23');
    expect(read('PAUSE from 3 January').intent).toBe('unclear');
  });
});

describe('a pause for a length, in each language', () => {
  it.each([
    ['PAUSE pendant 3 semaines', '2027-01-06'],
    ['PAUSE per 3 settimane', '2027-01-06'],
    ['PAUSE voor 3 weken', '2027-01-06'],
    ['PAUSE na 3 tygodnie', '2027-01-06'],
    ['PAUSE durante 10 dias', '2026-12-26'],
    ['PAUSE für 2 Wochen', '2026-12-30'],
  ])('%s pauses until %s', (text, until) => {
    const r = read(text);
    expect(r.intent).toBe('pause');
    expect(r.pauseUntil).toBe(until);
  });
});

describe('"no problem" opens a yes in every language the reader knows', () => {
  it.each([
    'No hay problema, nos vimos el martes. 4/5',
    "Non c'è problema, ci siamo visti martedì. 4/5",
    'Não tem problema, nos encontramos na terça. 4/5',
    'Nie ma problemu, spotkaliśmy się we wtorek. 4/5',
  ])('%s is a meeting rated 4', (text) => {
    const r = read(text);
    expect(r.intent).toBe('yes');
    expect(r.rating).toBe(4);
  });

  it('a plain no in those languages is still no', () => {
    for (const text of ['No, no pudimos vernos', 'Nie, nie spotkaliśmy się', 'Não, não nos encontramos']) expect(read(text).intent).toBe('no');
  });
});
