import { describe, expect, it } from 'vitest';
import { pauseAgainstBound, pauseBoundOf } from '../../../functions/domain/pairing/pause-bound';
import { interpretReply } from '../../../functions/domain/replies';

/**
 * "Decision needed" says a pause may run to the pairing's last pause day at the latest, and the
 * lifecycle takes an admin's decision as it is read: so the reader refuses an admin's PAUSE whose
 * day (or length) runs past that day, names it and gives one the pairing takes; once no pause can
 * be taken, it says so and offers the other answers. A participant's PAUSE past it reaches the
 * pairing, which refuses it with its own email (decide.ts, pastTheEnd).
 */
const zone = 'Europe/Berlin';
const now = new Date('2027-04-26T08:00:00Z');
const lastDay = '2027-05-10';
const options = { now, timeZone: zone, pauseLastDay: lastDay };
const decide = (text: string, at = options) => interpretReply(text, 'admin-decision', at);

describe("an admin's PAUSE and the last day a pause may run to", () => {
  it('takes a PAUSE until that very day', () => {
    expect(decide('PAUSE until 10 May')).toMatchObject({ intent: 'pause', decision: 'pause', pauseUntil: '2027-05-10' });
    expect(decide('PAUSE for 2 weeks')).toMatchObject({ intent: 'pause', pauseUntil: '2027-05-10' });
  });

  it('refuses one a day later, naming the last day and a PAUSE the pairing takes', () => {
    const r = decide('PAUSE until 11 May\nThey are both swamped.');
    expect(r.intent).toBe('unclear');
    expect(r.command).toBe('pause');
    expect(r.decision).toBeUndefined();
    expect(r.pauseUntil).toBeUndefined();
    expect(r.reason).toBe(
      'A pause until Tuesday 11 May 2027 would run past Monday 10 May 2027, the last day a pause of this pairing may run to, so nothing was decided: reply PAUSE with the day the pairing should resume, on or before Monday 10 May 2027 (for example "PAUSE until 10 May"), or CONTINUE, END or REMATCH.',
    );
  });

  it('refuses a length that runs past it, and a booked pause that ends after it', () => {
    const weeks = decide('PAUSE for 6 weeks');
    expect(weeks.intent).toBe('unclear');
    expect(weeks.reason).toContain('A pause until Monday 7 June 2027 would run past Monday 10 May 2027');
    const booked = decide('PAUSE from 3 May until 24 May');
    expect(booked).toMatchObject({ intent: 'unclear', command: 'pause' });
    expect(booked.pauseFrom).toBeUndefined();
    expect(decide('PAUSE from 3 May until 10 May')).toMatchObject({ intent: 'pause', pauseFrom: '2027-05-03', pauseUntil: '2027-05-10' });
  });

  it('on the day before it still takes a pause until it; on the day itself none, and says which answers remain', () => {
    const dayBefore = { ...options, now: new Date('2027-05-09T21:30:00Z') }; // 23:30 in Berlin
    expect(decide('PAUSE until 10 May', dayBefore)).toMatchObject({ intent: 'pause', pauseUntil: '2027-05-10' });
    const onTheDay = { ...options, now: new Date('2027-05-09T22:30:00Z') }; // 00:30 on 10 May in Berlin
    for (const text of ['PAUSE until 20 May', 'PAUSE', 'PAUSE until 1 May']) {
      const r = decide(text, onTheDay);
      expect(r, text).toMatchObject({ intent: 'unclear', command: 'pause' });
      expect(r.reason, text).toBe(
        'No pause can be taken any more: Monday 10 May 2027, the last day a pause of this pairing may run to, is today, so nothing was decided: reply CONTINUE, END or REMATCH.',
      );
    }
    expect(decide('PAUSE until 20 May', { ...options, now: new Date('2027-05-12T08:00:00Z') }).reason).toContain('may run to, has passed');
  });

  it('keeps what was written with a refused PAUSE, as the other refusals do', () => {
    expect(decide('PAUSE for 6 weeks\nMia is on leave.').note).toContain('Mia is on leave');
  });

  it('without a known last day, takes any day after today as before', () => {
    expect(interpretReply('PAUSE for 6 weeks', 'admin-decision', { now, timeZone: zone })).toMatchObject({ intent: 'pause', pauseUntil: '2027-06-07' });
  });

  it("leaves a participant's PAUSE past it to the pairing, which answers it with its own email", () => {
    expect(interpretReply('PAUSE until 20 May', 'check-in', options)).toMatchObject({ intent: 'pause', pauseUntil: '2027-05-20' });
    expect(interpretReply('PAUSE for 6 weeks', 'standing', options)).toMatchObject({ intent: 'pause', pauseUntil: '2027-06-07' });
  });
});

describe('pauseBoundOf', () => {
  it('gives the last day a pause may run to and the day before it, across months and years', () => {
    expect(pauseBoundOf('2027-05-01')).toEqual({ runsTo: '2027-05-01', lastDayToAsk: '2027-04-30' });
    expect(pauseBoundOf('2028-03-01')).toEqual({ runsTo: '2028-03-01', lastDayToAsk: '2028-02-29' });
    expect(pauseBoundOf('2028-01-01')).toEqual({ runsTo: '2028-01-01', lastDayToAsk: '2027-12-31' });
  });

  it('judges a PAUSE against it', () => {
    const bound = pauseBoundOf('2027-05-01');
    expect(pauseAgainstBound(bound, '2027-04-30', '2027-05-01')).toBe('within');
    expect(pauseAgainstBound(bound, '2027-04-30', '2027-05-02')).toBe('past-last-day');
    expect(pauseAgainstBound(bound, '2027-04-30')).toBe('within');
    expect(pauseAgainstBound(bound, '2027-05-01')).toBe('none-left');
    expect(pauseAgainstBound(bound, '2027-05-01', '2027-05-01')).toBe('none-left');
  });
});
