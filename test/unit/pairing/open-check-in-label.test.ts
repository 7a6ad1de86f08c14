import { describe, expect, it } from 'vitest';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { simulate } from './simulate';

/**
 * QA hr8: HR changed the check-in cadence while a pair's check-in 3 was open, the two before it
 * missed. The schedule-change email said "your first check-in is still open": the check-in open
 * is the one that decides what comes next (the first held brings the fit check), not the first.
 * The sentence names no ordinal it cannot know; the welcome back after a pause shares it.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const checkInRounds: string[] = [];
/** Both say NO (did not meet) to the first two check-ins, and nothing to the third. */
const twoMissed = (e: EmailIntent) => {
  if (e.question?.purpose === 'acceptance') return { text: { intent: 'yes' }, delayHours: 1 };
  if (e.question?.purpose !== 'check-in') return undefined;
  const round = e.question.roundKey;
  if (!checkInRounds.includes(round)) checkInRounds.push(round);
  return checkInRounds.indexOf(round) < 2 ? { text: { intent: 'no' }, delayHours: 2 } : undefined;
};

describe('the open check-in that decides what comes next, named as the one open (QA hr8)', () => {
  it('a schedule change while check-in 3 is open, two missed: "your current check-in is still open", never "your first"', () => {
    checkInRounds.length = 0;
    const base = simulate({ answer: twoMissed });
    const third = base.emails.filter((e) => e.question?.purpose === 'check-in')[4]!;
    expect(third.question?.roundKey).toBe(checkInRounds[2]);
    const at = new Date(Date.parse(third.sentAt) + 86_400_000).toISOString();
    checkInRounds.length = 0;
    const r = simulate({ answer: twoMissed, programChanges: [{ at, program: { lifecycle: { checkInCadenceDays: 21 } as never } }] });
    const opened = r.emails.filter((e) => e.sentAt >= at && e.input.openCheckIn === true);
    expect(opened.length).toBeGreaterThan(0);
    for (const e of opened) {
      const text = flat(renderIntent(e.template, e.input, {}).text);
      expect(text).toContain('your current check-in is still open: please answer it if you have not yet.');
      expect(text).not.toContain('first check-in');
    }
  });

  it('the welcome back after a pause inside that check-in says the same', () => {
    checkInRounds.length = 0;
    const base = simulate({ answer: twoMissed });
    const third = base.emails.filter((e) => e.question?.purpose === 'check-in')[4]!;
    const pauseAt = new Date(Date.parse(third.sentAt) + 3_600_000).toISOString();
    const until = new Date(Date.parse(third.sentAt) + 2 * 86_400_000).toISOString().slice(0, 10);
    checkInRounds.length = 0;
    const r = simulate({ answer: twoMissed, controls: [{ at: pauseAt, request: { kind: 'pause', until } }] });
    const welcome = r.emails.filter((e) => e.template === 'pairingResumed' && e.input.openCheckIn === true);
    expect(welcome.length).toBeGreaterThan(0);
    for (const e of welcome) {
      const text = flat(renderIntent(e.template, e.input, {}).text);
      expect(text).toContain('Your current check-in is still open: please answer it if you have not yet. The next question comes once it closes.');
      expect(text).not.toContain('first check-in');
    }
  });
});
