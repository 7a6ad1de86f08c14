import { describe, expect, it } from 'vitest';
import { agreeable, simulate, type SimEmail } from './simulate';
import { localDate } from '../../../functions/domain/schedule';
import { resumedState } from '../../../functions/domain/pairing/resumed';

/**
 * The first check-in after a pause asks about meetings since the check-in before the pause, not
 * since the resume: the nudge and the help to "we met" promise that the next check-in "asks about
 * every meeting since the last check-in" (emails/replies.ts, metRoute), and a meeting between that
 * question and the pause would otherwise have no question left to count it (docs/lifecycle.md).
 */
const checkIns = (emails: readonly SimEmail[], to: string) => emails.filter((e) => e.template === 'checkInRequest' && e.to === to);
const dayOf = (iso: string) => localDate(new Date(iso), 'Europe/London');
const sinceOf = (e: SimEmail) => dayOf(String((e.input as { since: string }).since));
const mentor = 'mentor@example.com';

describe('the check-in after a pause', () => {
  const plain = simulate({ answer: agreeable, maxSteps: 300 });
  const [first, second] = checkIns(plain.emails, mentor);

  it('without a pause, asks since the check-in before', () => {
    expect(second).toBeDefined();
    expect(sinceOf(second!)).toBe(dayOf(first!.sentAt));
  });

  it('after a pause, still asks since the check-in before the pause, in the email and the stored question', () => {
    const at = new Date(Date.parse(first!.sentAt) + 3 * 86_400_000).toISOString();
    const until = new Date(Date.parse(at) + 28 * 86_400_000).toISOString().slice(0, 10);
    const r = simulate({ answer: agreeable, maxSteps: 300, controls: [{ at, request: { kind: 'pause', until } }] });
    const resumedAt = r.events.find((e) => e.type === 'PairingResumed')?.at;
    expect(resumedAt).toBeDefined();
    const after = checkIns(r.emails, mentor).find((e) => e.sentAt > resumedAt!);
    expect(after).toBeDefined();
    const before = checkIns(r.emails, mentor)
      .filter((e) => e.sentAt < at)
      .at(-1)!;
    expect(sinceOf(after!)).toBe(dayOf(before.sentAt));
    expect(sinceOf(after!) < dayOf(at)).toBe(true);
    const day = new Date(`${sinceOf(after!)}T12:00:00Z`).toLocaleDateString('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });
    expect(String(after!.question!.context?.prompt)).toContain(day);
  });
});

describe('resumedState, the one reading of what a resume changes', () => {
  it('adds the whole pause to pausedMs and clears the pause', () => {
    const p = simulate({ answer: agreeable, maxSteps: 5 }).pairing;
    const paused = {
      ...p,
      status: 'paused' as const,
      pausedMs: 1000,
      pausedAt: '2027-02-01T09:00:00.000Z',
      pausedUntil: '2027-02-15T00:00:00.000Z',
      pausedUntilDay: '2027-02-15',
      pausedBy: 'mentor' as const,
    };
    const after = resumedState(paused, new Date('2027-02-15T00:00:00.000Z'));
    expect(after.status).toBe('active');
    expect(after.pausedMs).toBe(1000 + 14 * 86_400_000 - 9 * 3_600_000);
    expect([after.pausedAt, after.pausedUntil, after.pausedUntilDay, after.pausedBy]).toEqual([undefined, undefined, undefined, undefined]);
  });
});
