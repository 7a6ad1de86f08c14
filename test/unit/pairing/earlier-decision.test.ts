import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { simulate, type SimOptions } from './simulate';

/**
 * A pair that never meets reaches the admins again and again (QA quiet4): each escalation and
 * decision request after the first says what was decided last time, and when.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(['continue', 'pause', 'end', 'rematch'].map((k) => [k, `https://answers.example.com/r/${k}`]));
const lifecycle = { durationMonths: 6, checkInCadenceDays: 14, sendWindowMinutes: 0 } as never;

/** Both accept, then never answer a check-in; the admins answer the decision request as `admin` says. */
const quiet =
  (admin: SimOptions['answer']): SimOptions['answer'] =>
  (e, side) => {
    if (e.question?.purpose === 'acceptance') return { text: { intent: 'yes' } };
    if (e.question?.purpose === 'admin-decision') return admin?.(e, side);
    return undefined;
  };

const adminTexts = (r: ReturnType<typeof simulate>, template: string) =>
  r.emails.filter((e) => e.template === template && e.to === 'admin@example.com').map((e) => flat(renderIntent(e.template, e.input, LINKS).text));

describe('the ladder reaching the admins again', () => {
  it('says the first time nothing, then what an admin decided last time and when', () => {
    const r = simulate({ answer: quiet(() => ({ text: { intent: 'yes', decision: 'continue' } })), program: { lifecycle } });
    const requests = adminTexts(r, 'adminDecisionRequest');
    expect(requests.length).toBeGreaterThan(1);
    expect(requests[0]).not.toContain('This is not the first time');
    for (const text of requests.slice(1)) {
      expect(text).toMatch(
        /This is not the first time: on \w+day \d+ \w+ \d{4}, an admin decided to let the pairing continue, and the check-ins have been missed again since\./,
      );
    }
    const escalations = adminTexts(r, 'adminEscalation');
    expect(escalations.slice(1).every((t) => t.includes('This is not the first time'))).toBe(true);
  });

  it('says when no admin answered last time, so the pairing continued', () => {
    const r = simulate({ answer: quiet(() => undefined), program: { lifecycle } });
    const requests = adminTexts(r, 'adminDecisionRequest');
    expect(requests.length).toBeGreaterThan(1);
    expect(requests[1]).toContain('no admin answered the decision request, so the pairing continued as it was');
  });
});
