import { describe, expect, it } from 'vitest';
import { lastReviewDay, programSchema } from '../../../functions/domain/program';
import { pairingPlan } from '../../../functions/domain/schedule';
import { toFieldIssues } from '../../../functions/domain/validation';

const base = { programId: 'p1', name: 'Pilot', startDate: '2027-01-04', admins: ['hr@example.com'] };

describe('milestone reviews fall inside the program', () => {
  it('refuses a review day at or after the end of the shortest run of the program’s months, naming the last day allowed', () => {
    const r = programSchema.safeParse({ ...base, lifecycle: { durationMonths: 6, milestoneDays: [30, 178, 179] } });
    expect(r.success).toBe(false);
    expect(toFieldIssues(r.error!)).toEqual([
      { field: 'lifecycle.milestoneDays.2', message: expect.stringMatching(/^must be at most 178: day 179 falls at or after the end of a 6-month program/) },
    ]);
  });

  it('the last day allowed is asked for every start date (none is dropped from a plan)', () => {
    for (const months of [1, 2, 3, 6, 12, 24]) {
      const settings = programSchema.parse({ ...base, lifecycle: { durationMonths: months, milestoneDays: [lastReviewDay(months)] } }).lifecycle;
      for (let day = 0; day < 2 * 365; day += 13) {
        const start = new Date(Date.UTC(2027, 0, 1 + day, 9));
        const reviews = pairingPlan(start, settings).filter((i) => i.kind === 'milestone');
        expect(
          reviews.map((i) => i.index),
          `${months} months from ${start.toISOString()}`,
        ).toEqual([lastReviewDay(months)]);
      }
    }
  });

  it('without milestoneDays, a program has the default reviews that fit in it', () => {
    expect(programSchema.parse(base).lifecycle.milestoneDays).toEqual([30, 90]);
    expect(programSchema.parse({ ...base, lifecycle: { durationMonths: 3 } }).lifecycle.milestoneDays).toEqual([30]);
    expect(programSchema.parse({ ...base, lifecycle: { durationMonths: 1 } }).lifecycle.milestoneDays).toEqual([]);
    expect(programSchema.parse({ ...base, lifecycle: { durationMonths: 3, milestoneDays: [] } }).lifecycle.milestoneDays).toEqual([]);
  });

  it('stores the program time zone as the clock library spells it', () => {
    expect(programSchema.parse({ ...base, timeZone: 'europe/berlin' }).timeZone).toBe('Europe/Berlin');
    expect(programSchema.safeParse({ ...base, timeZone: 'Europe/Atlantis' }).success).toBe(false);
  });
});

describe('program ids and send times are refused for what is wrong with them', () => {
  it('a malformed send time is the one issue: the send window is not blamed for it', () => {
    const r = programSchema.safeParse({ ...base, lifecycle: { sendTime: '9:00' } });
    expect(r.success).toBe(false);
    expect(toFieldIssues(r.error!)).toEqual([{ field: 'lifecycle.sendTime', message: 'must be a time of day as HH:MM (24-hour)' }]);
  });

  it.each(['t', 'a'.repeat(64), '-pilot'])('the refusal of program id %j states the whole rule, length included', (programId) => {
    const r = programSchema.safeParse({ ...base, programId });
    expect(r.success).toBe(false);
    expect(toFieldIssues(r.error!)).toEqual([
      { field: 'programId', message: 'must be a program id (2 to 63 lowercase letters, digits and dashes, not starting with a dash)' },
    ]);
  });

  // QA attacker3: an id is written into the public intake page's element ids, CSV columns and replies.
  it.each(['"><meta http-equiv=refresh content=0;url=//evil.example>', 'ai tools', 'ai\ntools', '-ai'])(
    'refuses topic id %j, naming the field and the rule',
    (id) => {
      const r = programSchema.safeParse({ ...base, topics: [{ id, label: 'AI tools', side: 'mentor' }] });
      expect(r.success).toBe(false);
      expect(toFieldIssues(r.error!)).toEqual([
        { field: 'topics.0.id', message: "must be letters, digits, '-' or '_' (for example ai-tools), starting with a letter or digit" },
      ]);
    },
  );

  it('takes topic ids such as ai-tools, Esports_2 and 3d', () => {
    const r = programSchema.safeParse({ ...base, topics: ['ai-tools', 'Esports_2', '3d'].map((id) => ({ id, label: id, side: 'mentor' })) });
    expect(r.success).toBe(true);
  });
});

describe('pairingPlan: the end of a program of months', () => {
  const settings = (durationMonths: number) => programSchema.parse({ ...base, lifecycle: { durationMonths, milestoneDays: [] } }).lifecycle;
  const endOf = (start: string, months: number) =>
    pairingPlan(new Date(start), settings(months))
      .find((i) => i.kind === 'final-review')!
      .dueAt.toISOString();

  it('falls on the same day of the month, or on the last day of a shorter month (never in the month after)', () => {
    expect(endOf('2026-11-30T10:00:00.000Z', 3)).toBe('2027-02-28T10:00:00.000Z');
    expect(endOf('2027-01-31T10:00:00.000Z', 1)).toBe('2027-02-28T10:00:00.000Z');
    expect(endOf('2027-03-31T10:00:00.000Z', 1)).toBe('2027-04-30T10:00:00.000Z');
    expect(endOf('2028-02-29T10:00:00.000Z', 12)).toBe('2029-02-28T10:00:00.000Z');
    expect(endOf('2026-11-30T10:00:00.000Z', 1)).toBe('2026-12-30T10:00:00.000Z');
    expect(endOf('2026-12-21T10:00:00.000Z', 1)).toBe('2027-01-21T10:00:00.000Z');
  });

  it('a plan shifted by time paused keeps every item at its place in the plan: only its dates move, by exactly that time', () => {
    const shift = 22 * 86_400_000;
    for (const months of [1, 2, 3, 6]) {
      const plain = pairingPlan(new Date('2026-11-30T10:00:00.000Z'), settings(months));
      const paused = pairingPlan(new Date('2026-11-30T10:00:00.000Z'), settings(months), shift);
      expect(paused.map((i) => [i.kind, i.index, i.dueAt.getTime() - shift])).toEqual(plain.map((i) => [i.kind, i.index, i.dueAt.getTime()]));
    }
  });
});

describe('a program leaves room for at least one check-in', () => {
  it('refuses a cadence that asks none (2 months, every 30 days: day 30 is the review’s, day 60 too near the end), naming the longest that asks one', () => {
    const r = programSchema.safeParse({ ...base, lifecycle: { durationMonths: 2, checkInCadenceDays: 30 } });
    expect(r.success).toBe(false);
    expect(toFieldIssues(r.error!)).toEqual([
      {
        field: 'lifecycle.checkInCadenceDays',
        message: expect.stringMatching(/^must leave room for at least one check-in: every 30 days, a 2-month program asks none .*every 27 days would ask one$/),
      },
    ]);
  });

  it('says so when no cadence from 7 days up leaves room, never naming one below the minimum (verify15)', () => {
    const r = programSchema.safeParse({ ...base, lifecycle: { durationMonths: 1, checkInCadenceDays: 7, milestoneDays: [7, 14, 21] } });
    expect(r.error?.issues[0]?.message).toMatch(/no cadence of 7 days or more asks one with these review days: choose fewer reviews or a longer program$/);
  });

  it('the cadence it names asks a check-in whatever day a pairing starts, and so does every accepted one', () => {
    for (const [months, cadence] of [
      [1, 28],
      [2, 30],
      [2, 45],
      [3, 60],
    ] as const) {
      const r = programSchema.safeParse({ ...base, lifecycle: { durationMonths: months, checkInCadenceDays: cadence } });
      const fits = Number(/every (\d+) days would ask one/.exec(r.error?.issues[0]?.message ?? '')?.[1]);
      expect(fits, `${months} months, every ${cadence} days`).toBeGreaterThan(0);
      const settings = programSchema.parse({ ...base, lifecycle: { durationMonths: months, checkInCadenceDays: fits } }).lifecycle;
      for (let day = 0; day < 2 * 365; day += 11) {
        const start = new Date(Date.UTC(2027, 0, 1 + day, 9));
        expect(
          pairingPlan(start, settings).some((i) => i.kind === 'check-in'),
          `${months} months, every ${fits} days, from ${start.toISOString()}`,
        ).toBe(true);
      }
    }
  });
});
