import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * A pause near the end of a pairing promises only what the resume brings (QA finale): "check-ins
 * start again at the usual rhythm" was said to a pair paused during the end-of-program review, who
 * then only got the end.
 */
const program = { lifecycle: { checkInCadenceDays: 7, durationMonths: 1 } as never };
const mentor = { participantId: 'pt_mentor' };
const flat = (e: SimResult['emails'][number]): string => renderIntent(e.template, e.input).text.replace(/\s+/g, ' ');
const dayAfter = (iso: string, days: number) => new Date(Date.parse(iso) + days * 86_400_000).toISOString().slice(0, 10);

/** Answers every question but the `nth` of this template (each side's own count): that one stays open through the pause. */
function answersBut(template: string, nth: number): SimOptions['answer'] {
  const seen = new Map<string, number>();
  return (email, side) => {
    if (email.template !== template) return agreeable!(email, side);
    const n = (seen.get(side) ?? 0) + 1;
    seen.set(side, n);
    return n >= nth ? undefined : agreeable!(email, side);
  };
}

/** The mentor's questions of this template in the run without a pause, by when they went. */
function asked(template: 'milestoneSurvey' | 'checkInRequest'): string[] {
  const r = simulate({ answer: agreeable, program, mentor });
  return r.emails.filter((e) => e.to === 'mentor@example.com' && e.template === template).map((e) => e.notBefore ?? e.sentAt);
}

/** Paused an hour after the `nth` question of this template went, which nobody has answered. */
function pausedAt(template: 'milestoneSurvey' | 'checkInRequest', nth: number) {
  const at = asked(template).at(nth - 1)!;
  const when = new Date(Date.parse(at) + 3_600_000).toISOString();
  const r = simulate({
    answer: answersBut(template, nth),
    program,
    mentor,
    controls: [{ at: when, request: { kind: 'pause', until: dayAfter(when, 10), participantId: 'pt_mentor' } }],
  });
  const email = r.emails.find((e) => e.template === 'pairingPaused' && e.input.startsOn === undefined);
  expect(email, 'a pause email').toBeDefined();
  return { r, text: flat(email!) };
}

describe('the pause email near the end of a pairing', () => {
  it('during the end-of-program review: no check-ins are promised, the end is', () => {
    const { text } = pausedAt('milestoneSurvey', asked('milestoneSurvey').length);
    expect(text).not.toContain('check-ins start again');
    expect(text).toMatch(/No check-ins are left in your pairing: on .+ it comes to its end/);
  });

  it('during the last check-in: the end-of-program review comes next, not more check-ins', () => {
    const { text } = pausedAt('checkInRequest', asked('checkInRequest').length);
    expect(text).not.toContain('check-ins start again');
    expect(text).toContain('the end-of-program review comes next');
  });

  it('during the first check-in: check-ins start again at the usual rhythm', () => {
    expect(pausedAt('checkInRequest', 1).text).toContain('On the resume date, check-ins start again at the usual rhythm.');
  });
});
