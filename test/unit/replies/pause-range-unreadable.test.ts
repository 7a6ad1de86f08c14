import { describe, expect, it } from 'vitest';
import { interpretReply } from '../../../functions/domain/replies/interpret';
import { readPauseDate } from '../../../functions/domain/replies/pause-date';

/**
 * QA regress NEW-1: a PAUSE range with one part that cannot be read. Written on Wednesday 2
 * December 2026, like the QA runs: a return that cannot be read paused now until the day the
 * person leaves, and a start that cannot be read was dropped (paused now until the return).
 */
const now = new Date('2026-12-02T10:00:00Z');
const read = (text: string) => interpretReply(text, 'check-in', { now });

function askedAgain(text: string) {
  const a = read(text);
  expect(a.intent).toBe('unclear');
  expect(a.command).toBe('pause');
  expect(a.pauseUntil).toBeUndefined();
  expect(a.pauseFrom).toBeUndefined();
  return a;
}

describe('a PAUSE range whose return cannot be read is asked again, never paused until the day they leave', () => {
  it.each([
    ['PAUSE 21 December until I am back', 'until I am back'],
    ['PAUSE from 21 December until the 4th', 'until the 4th'],
    ['PAUSE 21 December until the 4th', 'until the 4th'],
    ['PAUSE 21 December until 4/1', 'until 4/1'],
    ['PAUSE 21 December till mid January', 'till mid January'],
    ['PAUSE from 21 December until after New Year', 'until after New Year'],
    ['PAUSE 21 December until early January', 'until early January'],
    ['PAUSE 21 December - early January', 'early January'],
    ['PAUSE 21 December to the 4th', 'to the 4th'],
    ['PAUSE 21 December, back early January', 'back early January'],
    ['PAUSE starting 21 December until I am back', 'until I am back'],
    ['PAUSE 21 December until further notice', 'until further notice'],
    ['PAUSE from 21 December until 4th', 'until 4th'],
  ])('%j: "%s" is named, with an example that keeps the day they leave (QA regress NEW-1)', (text, part) => {
    expect(askedAgain(text).reason).toBe(
      `"${part}" could not be read as the date you will be back, so nothing was paused: reply PAUSE with the day it starts and then the date you will be back, each written as a day and a month name (for example "PAUSE from 21 December until 4 January").`,
    );
  });

  it('a weekday start keeps its day in the example', () => {
    expect(askedAgain('PAUSE Monday until the 4th').reason).toContain('"until the 4th" could not be read as the date you will be back');
    expect(read('PAUSE Monday until the 4th').reason).toContain('(for example "PAUSE from 7 December until 21 December")');
  });

  it('an admin is asked for the day the pairing should resume, and nothing is decided', () => {
    const a = interpretReply('PAUSE 21 December until she is back', 'admin-decision', { now });
    expect(a).toMatchObject({ intent: 'unclear', command: 'pause' });
    expect(a.pauseUntil).toBeUndefined();
    expect(a.reason).toBe(
      '"until she is back" could not be read as the day the pairing should resume, so nothing was paused: reply PAUSE with the day it starts and then the day the pairing should resume, each written as a day and a month name (for example "PAUSE from 21 December until 4 January").',
    );
  });

  it('quotes only the PAUSE line: the lines below are a note', () => {
    const a = askedAgain('PAUSE 21 December until I am back\n\nThanks, Mia');
    expect(a.reason.startsWith('"until I am back" could not be read')).toBe(true);
  });

  it('readPauseDate says which part and the days of the example', () => {
    expect(readPauseDate('21 December until I am back', now)).toEqual({
      unreadable: 'until I am back',
      part: 'return',
      from: '2026-12-21',
      until: '2027-01-04',
    });
    // A start that has passed is now: the example is a return from today.
    expect(readPauseDate('from 1 December until I am back', now)).toEqual({ unreadable: 'until I am back', part: 'return', until: '2026-12-23' });
  });
});

describe('a PAUSE range whose start cannot be read is asked again, never paused from today', () => {
  it.each([
    ['PAUSE from Christmas until 11 January', 'from Christmas', '28 December', '11 January'],
    ['PAUSE from mid-December until 11 January', 'from mid-December', '28 December', '11 January'],
    ['PAUSE off from Christmas until 11 January', 'from Christmas', '28 December', '11 January'],
    ['PAUSE from tomorrow until 4 January', 'from tomorrow', '21 December', '4 January'],
    ['PAUSE from next week until 4 January', 'from next week', '21 December', '4 January'],
    ['PAUSE from the weekend until 4 January', 'from the weekend', '21 December', '4 January'],
    // (A slash date that reads both ways: "21/12" is read, as 21 December, since QA time7.)
    ['PAUSE from 7/12 until 4 January', 'from 7/12', '21 December', '4 January'],
    ['PAUSE tomorrow to 4 January', 'tomorrow', '21 December', '4 January'],
    ['PAUSE off next week, back 4 January', 'off next week', '21 December', '4 January'],
  ])('%j: "%s" is named, with an example and the line that pauses from today (QA regress NEW-1)', (text, part, from, until) => {
    expect(askedAgain(text).reason).toBe(
      `"${part}" could not be read as the day the pause starts, so nothing was paused: reply PAUSE with the day it starts and then the date you will be back, each written as a day and a month name (for example "PAUSE from ${from} until ${until}"); to pause from today, reply "PAUSE until ${until}".`,
    );
  });

  it('readPauseDate keeps the return as the example day, with a start two weeks before it', () => {
    expect(readPauseDate('from Christmas until 11 January', now)).toEqual({
      unreadable: 'from Christmas',
      part: 'start',
      until: '2027-01-11',
      from: '2026-12-28',
    });
  });
});

describe('a start written after the return is asked again', () => {
  it.each([
    ['PAUSE back 11 January, leaving 21 December', 'back 11 January, leaving 21 December', '11 January'],
    ['PAUSE until 4 January, I am away from 21 December', 'until 4 January, I am away from 21 December', '4 January'],
    ['PAUSE until 4 January (from 21 December)', 'until 4 January (from 21 December)', '4 January'],
  ])('%j (QA regress NEW-1)', (text, part, until) => {
    expect(askedAgain(text).reason).toBe(
      `"${part}" could not be read as a pause from one day until another, so nothing was paused: reply PAUSE with the day it starts and then the date you will be back, each written as a day and a month name (for example "PAUSE from 21 December until ${until}").`,
    );
  });
});

describe('a start alone, also with "leaving" or a later line that is a note', () => {
  it.each([
    ['PAUSE leaving 21 December', 'leaving 21 December'],
    ["PAUSE from 21 December\nI'll be back to work soon", 'from 21 December'],
  ])('%j says when the pause starts but not when it ends', (text, part) => {
    expect(askedAgain(text).reason.startsWith(`"${part}" says when the pause starts but not when it ends, so nothing was paused`)).toBe(true);
  });
});

describe('readings that stay as they were', () => {
  it.each([
    ['PAUSE from now until 4 January', { pauseUntil: '2027-01-04' }],
    ['PAUSE from today until 4 January', { pauseUntil: '2027-01-04' }],
    ['PAUSE, away on holiday until 4 January', { pauseUntil: '2027-01-04' }],
    ['PAUSE away from the office until 4 January', { pauseUntil: '2027-01-04' }],
    ['PAUSE until 4 January to recover', { pauseUntil: '2027-01-04' }],
    ['PAUSE until 4 January - back at work on the 5th', { pauseUntil: '2027-01-04' }],
    ['PAUSE until 4 January\nto be discussed with Sam', { pauseUntil: '2027-01-04' }],
    ['PAUSE 21 December - thanks', { pauseUntil: '2026-12-21' }],
    ['PAUSE from 21 December until 4 January', { pauseFrom: '2026-12-21', pauseUntil: '2027-01-04' }],
    ["PAUSE I'm away from 21 December until 4 January", { pauseFrom: '2026-12-21', pauseUntil: '2027-01-04' }],
    ['PAUSE off 21 Dec back 11 Jan', { pauseFrom: '2026-12-21', pauseUntil: '2027-01-11' }],
    ['PAUSE 21 December to 4 January', { pauseFrom: '2026-12-21', pauseUntil: '2027-01-04' }],
    ['PAUSE from Monday until Friday', { pauseFrom: '2026-12-07', pauseUntil: '2026-12-11' }],
    ['PAUSE du 21 décembre au 4 janvier', { pauseFrom: '2026-12-21', pauseUntil: '2027-01-04' }],
  ])('%j', (text, dates) => {
    expect(read(text)).toMatchObject({ intent: 'pause', ...dates });
  });

  it('words of time that open no range stay out of it (a decline note: "sorry I am late")', () => {
    expect(readPauseDate('no - hi, sorry i am late. pause until 15 january', now)).toEqual({ date: '2027-01-15' });
  });
});
