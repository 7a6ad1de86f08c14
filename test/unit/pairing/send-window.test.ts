import { describe, expect, it } from 'vitest';
import { programSchema } from '../../../functions/domain/program';
import { nextSendTime, sendOffsetSeconds } from '../../../functions/domain/schedule';
import { agreeable, simulate } from './simulate';

const clock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));

describe('a cohort’s scheduled questions spread over the send window', () => {
  it('gives 5,000 pairings moments spread evenly over two hours: at most a handful share a second', () => {
    const perSecond = new Map<number, number>();
    for (let i = 0; i < 5000; i++) {
      const offset = sendOffsetSeconds(`pr_${(i * 7919).toString(36)}x${i}`, 120);
      expect(offset).toBeGreaterThanOrEqual(0);
      expect(offset).toBeLessThan(7200);
      perSecond.set(offset, (perSecond.get(offset) ?? 0) + 1);
    }
    // 5,000 pairings (10,000 emails) over 7,200 seconds: without the spread all in one second.
    expect(perSecond.size).toBeGreaterThan(3000);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(7);
    const firstHalf = [...perSecond].filter(([s]) => s < 3600).reduce((n, [, c]) => n + c, 0);
    expect(firstHalf).toBeGreaterThan(2300);
    expect(firstHalf).toBeLessThan(2700);
  });

  it('keeps one pairing at the same moment from one question to the next, for both people in their own zones', () => {
    const r = simulate({ answer: agreeable, mentor: { timeZone: 'Asia/Singapore' }, mentee: { timeZone: 'America/New_York' } });
    const scheduled = r.emails.filter(
      (e) => e.question && e.question.side !== 'admin' && ['introduction', 'checkInRequest', 'milestoneSurvey'].includes(e.template),
    );
    expect(scheduled.length).toBeGreaterThan(10);
    const times = new Set(scheduled.map((e) => clock(e.sentAt, e.question!.side === 'mentor' ? 'Asia/Singapore' : 'America/New_York')));
    expect(times.size).toBe(1);
    expect([...times][0]).not.toBe('09:00:00');
  });

  it('sends notices within working hours (09:00-17:00) even when questions go at 08:30', () => {
    const r = simulate({
      answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined),
      // No send window: the pairing's moment is the send time itself, 08:30.
      program: { lifecycle: { sendTime: '08:30', sendWindowMinutes: 0, durationMonths: 3 } },
    });
    const zoneOf = (to: string) => (to === 'mentor@example.com' ? 'Europe/London' : to === 'mentee@example.com' ? 'Europe/Berlin' : 'Europe/London');
    // Nudges, the senior's note, recognition... (an email decided outside working hours carries notBefore).
    const notices = r.emails.filter((e) => ['missedCheckInNudge', 'seniorCommitmentNote', 'recognition', 'adminEscalation'].includes(e.template));
    expect(notices.length).toBeGreaterThan(3);
    for (const e of notices) {
      const at = clock(e.notBefore ?? e.sentAt, zoneOf(e.to));
      expect(at >= '09:00:00' && at < '17:00:00', `${e.key} at ${at}`).toBe(true);
    }
    // The questions themselves keep the program's 08:30 send time.
    const asked = r.emails.filter((e) => e.template === 'checkInRequest' && e.to === 'mentor@example.com');
    expect(asked.length).toBeGreaterThan(2);
    expect(asked.every((e) => clock(e.sentAt, 'Europe/London') === '08:30:00')).toBe(true);
  });

  it('sends at the send time itself with a window of 0, and within a shorter window when set', () => {
    const atNine = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } } });
    const narrow = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 10 } } });
    // The simulated mentor works in London, the mentee in Berlin.
    const zone = (e: (typeof atNine.emails)[number]) => (e.question?.side === 'mentor' ? 'Europe/London' : 'Europe/Berlin');
    const checkIns = (r: typeof atNine) => r.emails.filter((x) => x.template === 'checkInRequest');
    expect(checkIns(atNine).length).toBeGreaterThan(4);
    for (const e of checkIns(atNine)) expect(clock(e.sentAt, zone(e))).toBe('09:00:00');
    for (const e of checkIns(narrow)) expect(clock(e.sentAt, zone(e)) >= '09:00:00' && clock(e.sentAt, zone(e)) < '09:10:00').toBe(true);
  });

  it('moves the send time by the offset on the right working day, across a change to daylight saving time', () => {
    // Friday 26 March 2027 (Europe/London is on GMT) after 10:00: the next send time is Monday 29 March, on BST.
    const at = nextSendTime(new Date('2027-03-26T10:30:00Z'), 'Europe/London', '09:00', [], 1800);
    expect(at.toISOString()).toBe('2027-03-29T08:30:00.000Z');
  });

  it('refuses a window that runs past the end of the working day, naming the field', () => {
    const base = { programId: 'pilot-window', name: 'P', startDate: '2027-01-04', admins: ['a@example.com'], timeZone: 'Europe/London' };
    const late = programSchema.safeParse({ ...base, lifecycle: { sendTime: '16:00', sendWindowMinutes: 90 } });
    expect(late.success).toBe(false);
    expect(late.error?.issues[0]?.path).toEqual(['lifecycle', 'sendWindowMinutes']);
    expect(late.error?.issues[0]?.message).toMatch(/17:00/);
    expect(programSchema.parse({ ...base, lifecycle: { sendTime: '16:00', sendWindowMinutes: 60 } }).lifecycle.sendWindowMinutes).toBe(60);
    expect(programSchema.parse(base).lifecycle.sendWindowMinutes).toBe(120);
  });
});
