import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions } from './simulate';

/**
 * "YES 4 ... I'm off from 1 March, back 15 March" answers the check-in and pauses nothing (words
 * never pause a pairing): the thanks says so and gives the PAUSE line that would (QA journey3: the
 * person believed HR now knew they were away).
 */
describe('a check-in answer that says the writer will be away', () => {
  const withNote =
    (note: string): SimOptions['answer'] =>
    (email, side) =>
      email.question?.purpose === 'check-in' && side === 'mentee' ? { text: { intent: 'rating', rating: 4, note } } : agreeable!(email, side);
  const thanksTo = (r: ReturnType<typeof simulate>, zone: string) =>
    r.emails.filter((e) => e.template === 'checkInThanks' && (e.input.to as { timeZone: string }).timeZone === zone);

  it('is thanked with the PAUSE line for those days, and nothing is paused', () => {
    const r = simulate({
      answer: withNote("Great chat. Heads-up: I'm off from 1 March, back 15 March"),
      program: { lifecycle: { durationMonths: 3 } as never },
    });
    const first = thanksTo(r, 'Europe/Berlin')[0]!;
    const again = simulate({ answer: withNote("I'm off 1 March, I'm back 15 March"), program: { lifecycle: { durationMonths: 3 } as never } });
    expect(thanksTo(again, 'Europe/Berlin')[0]!.input.awayPause).toBe('PAUSE from 1 March until 15 March');
    expect(first.input.awayPause).toBe('PAUSE from 1 March until 15 March');
    const text = renderIntent('checkInThanks', first.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('reply to this email with just "PAUSE from 1 March until 15 March"');
    expect(r.statuses).not.toContain('paused');
    // The partner's thanks says nothing of it.
    expect(thanksTo(r, 'Europe/London').every((e) => e.input.awayPause === undefined)).toBe(true);
  });

  it('a note that tells of no time away, or of days already past, adds nothing', () => {
    for (const note of ['Great chat, we talked about AI tools', 'I was off from 1 January, back 3 January']) {
      const r = simulate({ answer: withNote(note), program: { lifecycle: { durationMonths: 3 } as never } });
      const thanks = thanksTo(r, 'Europe/Berlin');
      expect(thanks.length, note).toBeGreaterThan(0);
      expect(
        thanks.every((e) => e.input.awayPause === undefined),
        note,
      ).toBe(true);
    }
  });
});
