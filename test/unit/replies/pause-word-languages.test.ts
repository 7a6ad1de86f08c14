import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies';

const now = new Date('2026-12-01T09:00:00Z');
const read = (text: string) => interpretReply(text, 'standing', { now });

/**
 * Spanish, Italian and Portuguese write "pausa", Dutch "pauze" (QA world): the same command as
 * PAUSE, with the dates those languages write.
 */
describe('PAUSE in other languages', () => {
  it.each([
    ['PAUSA hasta el 15 de marzo', '2027-03-15'],
    ['Pausa fino al 3 aprile', '2027-04-03'],
    ['pausa até 10 de janeiro', '2027-01-10'],
    ['PAUZE tot 1 februari', '2027-02-01'],
    ['Por favor pausa hasta el 15 de marzo', '2027-03-15'],
  ])('%s pauses until %s', (text, date) => {
    const answer = read(text);
    expect(answer).toMatchObject({ intent: 'pause', pauseUntil: date });
    expect(answer.reason).toBe(`Understood the command PAUSE until ${date}.`);
  });

  it('PAUSA alone is read as PAUSE alone', () => {
    expect(read('PAUSA')).toEqual(read('PAUSE'));
    expect(read('Pauze graag.')).toEqual(read('Pause please.'));
    expect(read('Pausa por favor').intent).toBe('pause');
  });

  it('is not read into a sentence that only mentions a break', () => {
    expect(read('pausa para el café y seguimos').intent).not.toBe('pause');
    expect(read('Pauze was fijn, we zagen elkaar').intent).not.toBe('pause');
  });
});

/**
 * In lower case, "pause" with until/to/for is the command only when a day or a length follows
 * (one that cannot be read is asked again): "pause to reflect" paused the pairing for two weeks.
 */
describe('lower-case pause words that are not a command', () => {
  it.each(['pause to reflect', 'pause for lunch was nice', 'pausa per un caffè'])('%s pauses nothing', (text) => {
    const answer = read(text);
    expect(answer.intent).not.toBe('pause');
    expect(answer.pauseUntil).toBeUndefined();
  });

  it('a day or a length after it is still the command, and one that cannot be read is asked again', () => {
    expect(read('pause until 22 December')).toMatchObject({ intent: 'pause', pauseUntil: '2026-12-22' });
    expect(read('pause for 3 weeks')).toMatchObject({ intent: 'pause', pauseUntil: '2026-12-22' });
    expect(read('pause until 2/3')).toMatchObject({ intent: 'unclear', command: 'pause' });
  });
});
