import { describe, expect, it } from 'vitest';
import type { StoredProgram } from '../../../functions/adapters/programs';
import { approvalWaits, repeatedAsk, stageDeadline } from '../../../functions/domain/approval-ask';
import { answerByOf, approvalClosesAt, longestApprovalSeconds, reminderDueAt, WORKING_DAYS_KEY } from '../../../functions/domain/approval-deadline';
import { formatDate } from '../../../functions/domain/emails/format';
import { programSchema } from '../../../functions/domain/program';
import { localDate } from '../../../functions/domain/schedule';
import { approvalEmail, type ApprovalProposal } from '../../../functions/lifecycle/admin-questions';

/**
 * The admins' matching approval deadline counts working days in the program's time zone: the
 * reminder goes on the 3rd working day after the ask, in working hours, and the run ends when the
 * 4th working day after the reminder is over. The day the email names is the day the wait ends
 * (QA: "Please answer by Friday 25 December 2026", a holiday, and a reminder on Saturday 26).
 */

const zone = 'Europe/Berlin';
const berlin = { timeZone: zone, nonWorkingDays: ['2026-12-24', '2026-12-25'] };
const DAY = 86_400;
const windows = { approvalSeconds: 3 * DAY, reminderSeconds: 4 * DAY };
const local = (at: Date | number) =>
  new Date(at).toLocaleString('en-GB', {
    timeZone: zone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
const isWorkingDay = (at: Date | number, cal = berlin) => {
  const day = localDate(new Date(at), cal.timeZone);
  const weekday = new Date(`${day}T12:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !cal.nonWorkingDays.includes(day);
};

describe('when the reminder goes out (3 working days after the ask)', () => {
  it('skips the program’s holidays and the weekend: asked Wednesday 23 December, reminded Wednesday 30 at the same hour', () => {
    const at = reminderDueAt(new Date('2026-12-23T12:00:00Z'), 3, berlin);
    expect(local(at)).toBe('Wednesday 30 December at 13:00');
    expect(at.toISOString()).toBe('2026-12-30T12:00:00.000Z');
  });

  it('skips a weekend: asked Thursday 3 December, reminded Tuesday 8 (not Sunday 6)', () => {
    expect(local(reminderDueAt(new Date('2026-12-03T09:00:00Z'), 3, berlin))).toBe('Tuesday 8 December at 10:00');
  });

  it('reminds in working hours when asked outside them, and over the year end', () => {
    // Asked on a Wednesday evening: the 3rd working day's morning.
    expect(local(reminderDueAt(new Date('2026-12-02T20:30:00Z'), 3, berlin))).toBe('Monday 7 December at 09:00');
    // The year end with New Year's Eve and Day off too.
    const yearEnd = { timeZone: zone, nonWorkingDays: ['2026-12-24', '2026-12-25', '2026-12-31', '2027-01-01'] };
    expect(local(reminderDueAt(new Date('2026-12-29T15:00:00Z'), 3, yearEnd))).toBe('Tuesday 5 January at 16:00');
  });
});

describe('when the run ends unapproved (4 working days after the reminder’s day, at its end)', () => {
  it('over the year end: reminded Wednesday 30 December, open until Tuesday 5 January 2027 is over', () => {
    const end = approvalClosesAt(new Date('2026-12-30T12:00:00Z'), 4, berlin);
    expect(end.toISOString()).toBe('2027-01-05T22:59:59.999Z');
  });

  it('skips a holiday and a weekend', () => {
    // Reminded Tuesday 22 December: Wednesday 23, (24, 25 off, weekend) Monday 28, Tuesday 29, Wednesday 30.
    expect(approvalClosesAt(new Date('2026-12-22T10:00:00Z'), 4, berlin).toISOString()).toBe('2026-12-30T22:59:59.999Z');
  });
});

describe('the waits the state machine times out are the days the emails name', () => {
  const cases = [
    { name: 'a holiday', askedAt: '2026-12-23T12:00:00Z', reminderDay: 'Wednesday 30 December 2026', lastDay: 'Tuesday 5 January 2027' },
    { name: 'a weekend', askedAt: '2026-12-03T09:00:00Z', reminderDay: 'Tuesday 8 December 2026', lastDay: 'Monday 14 December 2026' },
    { name: 'the year end', askedAt: '2026-12-28T08:00:00Z', reminderDay: 'Thursday 31 December 2026', lastDay: 'Wednesday 6 January 2027' },
  ];

  for (const c of cases) {
    it(`over ${c.name}: the first wait reminds on the day its email names, the reminder’s wait ends on the day its email names`, () => {
      const askedAt = new Date(c.askedAt);
      // "Time left to approve", then "Ask the admin to approve": the task's timeout and the questions' deadline.
      const waits = approvalWaits([], windows, askedAt, berlin);
      expect(waits.stage).toBe('ask');
      const remindsAt = askedAt.getTime() + waits.askSeconds * 1000;
      const ask = stageDeadline([], 'ask', windows, askedAt, berlin);
      expect(Math.abs(ask.closesAt.getTime() - remindsAt)).toBeLessThan(1000);
      expect(formatDate(new Date(remindsAt), zone)).toBe(c.reminderDay);
      expect(isWorkingDay(remindsAt)).toBe(true);
      expect(local(remindsAt)).toMatch(/ at (09|1[0-6]):/);
      expect(emailSays(ask.answerBy)).toContain(`Please answer by ${c.reminderDay}.`);

      // The reminder, sent when that wait timed out: its wait is the span the first measure gave it.
      const earlier = [{ issuedAt: askedAt.toISOString(), context: { askedAt: askedAt.toISOString() } }];
      const remindedAt = new Date(remindsAt);
      const remind = stageDeadline(earlier, 'reminder', windows, remindedAt, berlin);
      const endsAt = remindsAt + waits.remindSeconds * 1000;
      expect(Math.abs(remind.closesAt.getTime() - endsAt)).toBeLessThan(1000);
      expect(formatDate(remind.closesAt, zone)).toBe(c.lastDay);
      expect(isWorkingDay(remind.closesAt)).toBe(true);
      expect(emailSays(remind.answerBy)).toContain(`Please answer by ${c.lastDay}.`);
      // Measured again after the reminder (a restarted local cloud): the same end.
      const after = [{ issuedAt: remindedAt.toISOString(), context: { askedAt: askedAt.toISOString(), remindedAt: remindedAt.toISOString() } }];
      const again = approvalWaits(after, windows, remindedAt, berlin);
      expect(again.stage).toBe('reminder');
      expect(Math.abs(remindedAt.getTime() + again.remindSeconds * 1000 - endsAt)).toBeLessThan(1000);
    });
  }

  it('asks nobody again once the working-day window is over, and not before', () => {
    const askedAt = '2026-12-23T12:00:00Z';
    const q = {
      opaqueId: 'q1',
      purpose: 'approval' as const,
      programId: 'p',
      recipientEmailHash: 'h',
      closesAt: '2026-12-30T12:00:00Z',
      choices: ['approve'],
      issuedAt: askedAt,
      context: { runId: 'r', askedAt },
    };
    const admins = [{ email: 'ada@example.com', hash: 'h' }];
    // Saturday 26 December: three calendar days, but not three working days.
    expect(repeatedAsk([q], admins, new Date('2026-12-26T12:30:00Z'), { stage: 'ask', windows, calendar: berlin }).kind).toBe('again');
    expect(repeatedAsk([q], admins, new Date('2026-12-30T12:00:01Z'), { stage: 'ask', windows, calendar: berlin }).kind).toBe('over');
  });

  it('keeps elapsed time for windows that are no whole days (and with no calendar)', () => {
    const now = new Date('2026-12-23T12:00:00Z');
    expect(approvalWaits([], { approvalSeconds: 3600, reminderSeconds: 7200 }, now, berlin)).toEqual({ stage: 'ask', askSeconds: 3600, remindSeconds: 7200 });
    expect(approvalWaits([], windows, now)).toEqual({ stage: 'ask', askSeconds: 3 * DAY, remindSeconds: 4 * DAY });
  });
});

describe('how long a run may wait for its approval (its execution timeout)', () => {
  it('outlasts both working-day waits with weekends and every holiday a program may list in them', () => {
    const longest = longestApprovalSeconds(3 * DAY, 4 * DAY);
    // Asked on a Friday evening with 50 holidays right after (a working day is looked for within 60 days: schedule.ts): far longer than 3 + 4 calendar days.
    const holidays = Array.from({ length: 50 }, (_, i) => new Date(Date.UTC(2026, 11, 7 + i)).toISOString().slice(0, 10));
    const cal = { timeZone: zone, nonWorkingDays: holidays };
    const askedAt = new Date('2026-12-04T20:00:00Z');
    const reminded = reminderDueAt(askedAt, 3, cal);
    const ends = approvalClosesAt(reminded, 4, cal);
    expect(ends.getTime() - askedAt.getTime()).toBeGreaterThan(7 * DAY * 1000);
    expect(ends.getTime() - askedAt.getTime()).toBeLessThanOrEqual(longest * 1000);
    // Windows in hours stay elapsed time.
    expect(longestApprovalSeconds(3600, 7200)).toBe(3 * 3600);
  });
});

const program: StoredProgram = {
  ...programSchema.parse({
    programId: 'cohort-pilot',
    name: 'Pilot',
    startDate: '2026-11-02',
    admins: ['ada@example.com'],
    timeZone: zone,
    nonWorkingDays: berlin.nonWorkingDays,
  }),
  version: 1,
  createdAt: '2026-11-01T10:00:00Z',
  updatedAt: '2026-11-01T10:00:00Z',
};
const proposal: ApprovalProposal = {
  run: undefined,
  version: 0,
  pairs: [{ mentor: 'Mia Mentor', mentee: 'Sam Senior', score: 81, reasons: [], tradeOffs: [] }],
  pairCount: 1,
  unmatched: [],
  unmatchedCount: 0,
  nameOf: (id) => id,
};
describe('an approval email sent again for an open question (an answer to an older view of the proposal)', () => {
  it('names the day the first email named, read from the question counted in working days', () => {
    // Asked Wednesday 23 December 13:00 Berlin: the first email names Wednesday 30 December, when the reminder goes.
    const ask = stageDeadline([], 'ask', windows, new Date('2026-12-23T12:00:00Z'), berlin);
    expect(ask.workingDays).toBe(true);
    const context = { runId: 'run_1', askedAt: '2026-12-23T12:00:00Z', [WORKING_DAYS_KEY]: true };
    const again = answerByOf(ask.closesAt, context, berlin);
    expect(emailSays(again)).toContain('Please answer by Wednesday 30 December 2026.');
    expect(emailSays(ask.closesAt)).toContain('Please answer by Tuesday 29 December 2026.');
    // The reminder's close is already the end of its day: the same day either way.
    const remind = stageDeadline([{ issuedAt: '2026-12-23T12:00:00Z', context }], 'reminder', windows, ask.closesAt, berlin);
    expect(emailSays(answerByOf(remind.closesAt, context, berlin))).toContain('Please answer by Tuesday 5 January 2027.');
  });

  it('names its close when its wait runs in elapsed time (a window in hours)', () => {
    const hours = { approvalSeconds: 3600, reminderSeconds: 3600 };
    const ask = stageDeadline([], 'ask', hours, new Date('2026-12-23T12:00:00Z'), berlin);
    expect(ask.workingDays).toBe(false);
    expect(answerByOf(ask.closesAt, { runId: 'run_1' }, berlin)).toEqual(ask.closesAt);
  });
});

/** The approval email's text, as the ask renders it with `answerBy` (cohort-approval.ts). */
function emailSays(answerBy: Date): string {
  return approvalEmail({
    program,
    runId: 'run_1',
    proposal,
    question: { opaqueId: 'q1', replyAddress: 'reply+q1.sig@in.example.org', answerLinks: { approve: 'https://answers.example.org/r/q1.sig' } },
    admin: 'ada@example.com',
    closesAt: answerBy,
    now: new Date('2026-12-01T10:00:00Z'),
  }).text.replace(/\s+/g, ' ');
}
