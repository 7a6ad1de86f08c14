import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { simulate } from './simulate';

/**
 * HR changes the cadence while the pair's first check-in is open and nobody has answered it (QA
 * hrops5): what comes next depends on that check-in, and the schedule-change email says so, never
 * "the check-in asked before the pause" of a pair that was never paused.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const silent = () => undefined;

describe('a schedule change while the first check-in is open', () => {
  it('says the first check-in is still open, and names no pause', () => {
    const base = simulate({ answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' }, delayHours: 1 } : undefined) });
    const first = base.emails.find((e) => e.question?.purpose === 'check-in')!;
    const at = new Date(Date.parse(first.sentAt) + 86_400_000).toISOString();
    const r = simulate({
      answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' }, delayHours: 1 } : silent()),
      programChanges: [{ at, program: { lifecycle: { checkInCadenceDays: 21 } as never } }],
    });
    const changed = r.emails.filter((e) => (e.template === 'meetingsRescheduled' || e.template === 'datesRescheduled') && e.sentAt >= at);
    expect(changed.length).toBeGreaterThan(0);
    const opened = changed.filter((e) => e.input.openCheckIn === true);
    expect(opened.length).toBeGreaterThan(0);
    for (const e of opened) {
      const text = flat(renderIntent(e.template, e.input, {}).text);
      expect(text).toContain('your current check-in is still open: please answer it if you have not yet.');
      expect(text).not.toContain('before the pause');
    }
  });
});
