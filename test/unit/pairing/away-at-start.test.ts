import { describe, expect, it } from 'vitest';
import type { Side } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { replying, simulate, type SimOptions } from './simulate';

/**
 * A YES to the introduction that says the writer will be away ("YES, but I'm on leave until 1
 * March"): nothing can be paused before both accept, and words never pause a pairing, so as it
 * starts the writer is given the PAUSE line that would cover the days away (goals.ts, onAccepted).
 */
function accepting(mentor: string, mentee = 'YES', opts: Omit<SimOptions, 'answer'> = {}) {
  return simulate({
    ...opts,
    maxSteps: 40,
    answer: replying((e, side: Side) => (e.question?.purpose === 'acceptance' ? (side === 'mentor' ? mentor : mentee) : undefined)),
  });
}

const started = (r: ReturnType<typeof simulate>) => r.emails.filter((e) => e.template === 'pairingStarted');
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a YES that says the writer will be away', () => {
  it('gives that person, and only them, the PAUSE line as the pairing starts, with the next check-in', () => {
    const r = accepting("YES, but I'm on leave until 1 March");
    expect(r.statuses).toContain('active');
    const sent = started(r);
    expect(sent.map((e) => e.to)).toEqual(['mentor@example.com']);
    expect(sent[0]!.input.awayPause).toBe('PAUSE until 1 March');
    // Held for working hours: no news once paused, booked or ended by then.
    expect(sent[0]!).toMatchObject({ sendWhile: ['active'], sendWhileBooked: '' });
    const text = flat(renderIntent('pairingStarted', sent[0]!.input).text);
    expect(text).toContain('You and Sam both said YES, so your pairing has started.');
    expect(text).toContain('When you said YES, you mentioned being away.');
    expect(text).toContain('reply to this email with just "PAUSE until 1 March"');
    expect(text).toMatch(/The next check-in comes on \w+day \d+ \w+ 2027\./);
    expect(text).toContain('those without a meeting count as missed');
  });

  it('puts the line in the goals confirmation instead, when goals go back to them then', () => {
    const r = accepting('YES, but away from 1 February until 14 February\nGOALS:\n1. Lead my first cross-team meeting');
    expect(started(r)).toEqual([]);
    const toMentor = r.emails.find((e) => e.template === 'goalsConfirmed' && e.to === 'mentor@example.com')!;
    expect(toMentor.input.awayPause).toBe('PAUSE from 1 February until 14 February');
    expect(flat(renderIntent('goalsConfirmed', toMentor.input).text)).toContain('reply to this email with just "PAUSE from 1 February until 14 February"');
    const toMentee = r.emails.find((e) => e.template === 'goalsConfirmed' && e.to === 'mentee@example.com')!;
    expect(toMentee.input.awayPause).toBeUndefined();
    expect(renderIntent('goalsConfirmed', toMentee.input).text).not.toContain('mentioned being away');
  });

  it('sends nothing for a YES with no time away to come', () => {
    for (const yes of ['YES', 'YES, happy to', 'YES, I was on leave until 2 January, back now']) expect(started(accepting(yes))).toEqual([]);
  });

  it('never gives a line past the last day a pause may run to', () => {
    const r = accepting('YES, on parental leave until 30 June', 'YES', { program: { endDate: '2027-04-30', lifecycle: { durationMonths: 3 } } });
    const line = started(r)[0]!.input.awayPause as string;
    expect(line).toBe('PAUSE until 30 April');
  });
});
