import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from './simulate';

/**
 * HR changes the cadence after the pair was told "The next check-in comes on <date>" (QA settings):
 * the email that follows the change names the next check-in as it now stands, and that is when it
 * comes; the date named before is said not to hold.
 */
describe('the email of a schedule change', () => {
  it('names the next check-in under the new cadence, and it comes that day', () => {
    const plain = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } as never } });
    const checkIns = (r: typeof plain) =>
      r.emails.filter((e) => e.template === 'checkInRequest' && (e.input.to as { timeZone: string }).timeZone === 'Europe/Berlin');
    // The day after the first check-in was asked, HR spaces the check-ins by 21 days instead of 14.
    const firstAsked = checkIns(plain)[0]!.sentAt;
    const changeAt = new Date(Date.parse(firstAsked) + 2 * 86_400_000).toISOString();
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: { sendWindowMinutes: 0 } as never },
      programChanges: [{ at: changeAt, program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 21 } as never } }],
    });
    const told = r.emails.filter((e) => e.template === 'meetingsRescheduled');
    expect(told.length).toBeGreaterThan(0);
    for (const e of told) {
      const zone = (e.input.to as { timeZone: string }).timeZone;
      const next = e.input.nextCheckIn as string;
      expect(next, zone).toBeDefined();
      const asked = r.emails.filter(
        (x) => x.template === 'checkInRequest' && (x.input.to as { timeZone: string }).timeZone === zone && x.sentAt > e.sentAt,
      )[0]!;
      expect(asked.sentAt.slice(0, 10), zone).toBe(new Date(next).toISOString().slice(0, 10));
      const text = renderIntent('meetingsRescheduled', e.input).text.replace(/\s+/g, ' ');
      expect(text).toMatch(/With the new schedule: (the next check-in comes|next comes your) .* on /);
    }
  });
});
