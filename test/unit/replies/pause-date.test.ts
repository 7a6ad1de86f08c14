import { describe, expect, it } from 'vitest';
import { interpretReply, type ReplyPurpose } from '../../../functions/domain/replies/interpret';
import { readPauseDate } from '../../../functions/domain/replies/pause-date';
import { readAwayUntil } from '../../../functions/domain/rematch-policy';

const on = (day: string) => new Date(`${day}T10:00:00Z`);
const pause = (text: string, day: string, purpose: ReplyPurpose = 'check-in') => interpretReply(text, purpose, { now: on(day) });

describe('PAUSE until a day without a year that has just passed', () => {
  it('asks again instead of pausing until the same day next year (QA: 13 January 2027)', () => {
    expect(pause('PAUSE until 10 January', '2027-01-13')).toEqual({
      intent: 'unclear',
      command: 'pause',
      reason: '"10 January" has passed: reply PAUSE with the date you will be back, after today (for example "PAUSE until 3 February").',
      note: 'until 10 January',
    });
  });

  it.each([
    ['PAUSE until 16 May', '2027-05-19', '"16 May" has passed'],
    ['pause until May 16th', '2027-05-19', '"May 16th" has passed'],
    ['PAUSE until 16.5.', '2027-05-19', '"16.5." has passed'],
    ['PAUSE until 13 January', '2027-01-13', '"13 January" is today'],
    // 60 days back still reads as a slip.
    ['PAUSE until 20 March', '2027-05-19', '"20 March" has passed'],
  ])('%s on %s: %s', (text, day, said) => {
    const answer = pause(text, day);
    expect(answer.intent).toBe('unclear');
    expect(answer.pauseUntil).toBeUndefined();
    expect(answer.reason.startsWith(`${said}: reply PAUSE with the date you will be back, after today`)).toBe(true);
  });

  it('asks an admin for the day the pairing should resume', () => {
    expect(pause('PAUSE until 10 January', '2027-01-13', 'admin-decision').reason).toBe(
      '"10 January" has passed: reply PAUSE with the day the pairing should resume, after today (for example "PAUSE until 3 February").',
    );
  });

  it.each([
    ['PAUSE until 5 January', '2026-12-20', '2027-01-05'],
    ['pause until March 1', '2026-11-23', '2027-03-01'],
    ['PAUSE until 19 March', '2027-05-19', '2028-03-19'],
    ['PAUSE until 20 May', '2027-05-19', '2027-05-20'],
  ])('%s on %s still pauses until %s (a day meant for next year, or ahead)', (text, day, date) => {
    expect(pause(text, day)).toMatchObject({ intent: 'pause', pauseUntil: date });
  });

  it('reads the passed day as that day, quoted as written, for every caller', () => {
    expect(readPauseDate('until 10 January', on('2027-01-13'))).toEqual({ date: '2027-01-10', passed: '10 January' });
    expect(readPauseDate('until 10 January', on('2026-12-20'))).toEqual({ date: '2027-01-10' });
    expect(readPauseDate('until 10 January 2027', on('2027-01-13'))).toEqual({ date: '2027-01-10', passed: '10 January 2027' });
    expect(readPauseDate('until 2027-01-14', on('2027-01-13'))).toEqual({ date: '2027-01-14' });
  });

  it("reads today in the writer's own zone: the evening of 4 February in Los Angeles is the 5th in UTC (QA)", () => {
    // 05:30 UTC on 5 February: 21:30 on the 4th in Los Angeles, 06:30 on the 5th in Berlin.
    const now = new Date('2027-02-05T05:30:00Z');
    for (const text of ['PAUSE until 5 February', 'PAUSE until 2027-02-05']) {
      expect(interpretReply(text, 'check-in', { now, timeZone: 'America/Los_Angeles' }), text).toMatchObject({ intent: 'pause', pauseUntil: '2027-02-05' });
      const berlin = interpretReply(text, 'check-in', { now, timeZone: 'Europe/Berlin' });
      expect(berlin.intent, text).toBe('unclear');
      expect(berlin.reason, text).toMatch(/" is today: reply PAUSE/);
    }
  });
});

describe("PAUSE for a length counts from the writer's own today (QA: dates)", () => {
  it('"for 1 week" on Monday morning in Auckland (Sunday in UTC) ends the next Monday, not the Sunday', () => {
    // 19:00 UTC on Sunday 3 January: 08:00 on Monday 4 January in Auckland.
    const now = new Date('2027-01-03T19:00:00Z');
    expect(readPauseDate('for 1 week', now, 'Pacific/Auckland')).toEqual({ date: '2027-01-11' });
    expect(readPauseDate('for 1 day', now, 'Pacific/Auckland')).toEqual({ date: '2027-01-05' });
    expect(interpretReply('PAUSE for 1 week', 'check-in', { now, timeZone: 'Pacific/Auckland' })).toMatchObject({ intent: 'pause', pauseUntil: '2027-01-11' });
  });

  it('"for 2 weeks" on Sunday evening in Los Angeles (Monday in UTC) ends two weeks after the Sunday', () => {
    // 05:30 UTC on Monday 11 January: 21:30 on Sunday 10 January in Los Angeles.
    const now = new Date('2027-01-11T05:30:00Z');
    expect(readPauseDate('2 weeks', now, 'America/Los_Angeles')).toEqual({ date: '2027-01-24' });
    expect(readPauseDate('for 14 days', now, 'Europe/London')).toEqual({ date: '2027-01-25' });
  });

  it('a length that ends today has passed: quoted back, nothing paused', () => {
    expect(readPauseDate('for 0 days', on('2027-01-13'))).toEqual({ date: '2027-01-13', passed: 'for 0 days' });
  });

  it('a NO "away for 2 weeks" counts from the writer\'s today as well', () => {
    expect(readAwayUntil('No - away for 2 weeks', new Date('2027-01-11T05:30:00Z'), 'America/Los_Angeles')).toBe('2027-01-24');
  });
});

describe('a NO "away" with a start that a pause would ask again', () => {
  it('keeps the return day: only it matters for a rematch', () => {
    expect(readAwayUntil('No - away from next week until 4 January', on('2026-12-02'))).toBe('2027-01-04');
    expect(readAwayUntil('No, on leave from Christmas until 11 January', on('2026-12-02'))).toBe('2027-01-11');
    expect(readAwayUntil('No - away 21 December until I am back', on('2026-12-02'))).toBeUndefined();
  });
});

describe('a NO "away until" a day that has just passed', () => {
  it('sets no date (the person returns to the pool) rather than one almost a year away', () => {
    expect(readAwayUntil('No - away until 10 January', on('2027-01-13'))).toBeUndefined();
    expect(readAwayUntil('No, on leave until January 10', on('2027-01-13'))).toBeUndefined();
    expect(readAwayUntil('No - away until 5 January', on('2026-12-20'))).toBe('2027-01-05');
  });
});

describe('PAUSE until a slash date whose order cannot be mistaken (QA time7)', () => {
  it.each([
    // Day first: the first number cannot be a month.
    ['PAUSE until 23/04/2027', '2027-04-23'],
    ['PAUSE until 23/4', '2027-04-23'],
    // Month first, as in the US: the second cannot.
    ['PAUSE until 4/23/2027', '2027-04-23'],
    ['pause until 04/23', '2027-04-23'],
  ])('%s pauses until %s', (text, date) => {
    expect(pause(text, '2027-03-10')).toMatchObject({ intent: 'pause', pauseUntil: date });
  });

  it('reads a range of them, and a NO "away until" one', () => {
    expect(pause('PAUSE from 23/04/2027 until 30/04/2027', '2027-03-10')).toMatchObject({ intent: 'pause', pauseUntil: '2027-04-30', pauseFrom: '2027-04-23' });
    expect(pause('PAUSE 23/04/2027 - 30/04/2027', '2027-03-10')).toMatchObject({ intent: 'pause', pauseUntil: '2027-04-30', pauseFrom: '2027-04-23' });
    expect(readAwayUntil('away until 23/04/2027', on('2027-03-10'))).toBe('2027-04-23');
    expect(pause('PAUSE from 21/12 until 4 January', '2026-12-02')).toMatchObject({ intent: 'pause', pauseUntil: '2027-01-04', pauseFrom: '2026-12-21' });
  });

  it('still refuses one that reads both ways, a day that does not exist and a two-digit year', () => {
    for (const text of ['PAUSE until 3/1', 'PAUSE until 04/05/2027', 'PAUSE until 31/31/2027', 'PAUSE until 23/04/27', 'PAUSE until 4/5 or 23/5']) {
      const answer = pause(text, '2027-03-10');
      expect(answer, text).toMatchObject({ intent: 'unclear', command: 'pause' });
      expect(answer.pauseUntil, text).toBeUndefined();
    }
    expect(readPauseDate('from 23/04/2027 until 4/5', on('2027-03-10'))).toMatchObject({ unreadable: 'until 4/5', part: 'return' });
  });

  it('a day first one that has passed is quoted back as written', () => {
    expect(pause('PAUSE until 23/02/2027', '2027-03-10').reason).toMatch(/^"23\/02\/2027" has passed/);
  });
});
