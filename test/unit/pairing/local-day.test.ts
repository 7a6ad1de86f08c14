import { describe, expect, it } from 'vitest';
import { endOfLocalDay, startOfLocalDay } from '../../../functions/domain/schedule';

const shown = (d: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    hourCycle: 'h23',
  }).format(d);

describe('a local day, where the clocks change', () => {
  it('ends at 23:59:59 of that day even when the next day begins at 01:00 (clocks forward at midnight)', () => {
    // Santiago moves its clocks from 00:00 to 01:00 on Sunday 3 September 2028: "answer by Saturday" holds all Saturday.
    const saturday = endOfLocalDay(new Date('2028-09-02T15:00:00Z'), 'America/Santiago');
    expect(shown(saturday, 'America/Santiago')).toBe('2028-09-02, 23:59:59');
    expect(shown(startOfLocalDay(new Date('2028-09-03T15:00:00Z'), 'America/Santiago'), 'America/Santiago')).toBe('2028-09-03, 01:00:00');
    expect(saturday.getTime() + 1).toBe(startOfLocalDay(new Date('2028-09-03T15:00:00Z'), 'America/Santiago').getTime());
  });

  it('is unchanged where the clocks change at another hour, and on ordinary days', () => {
    for (const [at, tz, end] of [
      ['2027-03-28T12:00:00Z', 'Europe/London', '2027-03-28, 23:59:59'],
      ['2027-11-07T12:00:00Z', 'America/New_York', '2027-11-07, 23:59:59'],
      ['2028-04-01T12:00:00Z', 'America/Santiago', '2028-04-01, 23:59:59'],
      ['2027-06-15T12:00:00Z', 'Asia/Kathmandu', '2027-06-15, 23:59:59'],
    ] as const) {
      expect(shown(endOfLocalDay(new Date(at), tz), tz), `${tz} ${at}`).toBe(end);
      expect(shown(startOfLocalDay(new Date(at), tz), tz).slice(12), `${tz} ${at}`).toBe('00:00:00');
    }
  });
});
