import { describe, expect, it } from 'vitest';
import type { EmailIntent } from '../../../functions/domain/pairing/decision';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { replying, simulate } from './simulate';

/**
 * QA: the partner of the person who changed their goals read "Margaret changed their goals in your
 * last check-in" (it was Margaret's answer, not the reader's), and a reader who set no goals read
 * "Here are the goals you and Rajesh set" under "The goals you set". Each says who set which goals,
 * true for each reader.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(['yes', 'no', '1', '2', '3', '4', '5'].map((k) => [k, `https://a.example/${k}`]));

/** Only the senior (Sam Senior) states goals, at acceptance; the second check-in replaces them when `change`. */
function run(change: boolean) {
  let menteeCheckIns = 0;
  return simulate({
    answer: replying((e, side) => {
      if (e.question?.purpose === 'acceptance') return side === 'mentee' ? 'YES\nGOALS:\nLearn to prompt well' : 'YES';
      if (e.question?.purpose !== 'check-in') return undefined;
      if (side === 'mentor') return 'YES 5';
      menteeCheckIns++;
      return change && menteeCheckIns === 2 ? 'YES 4\nGOALS:\n1. Run one meeting fully async' : 'YES 4';
    }),
    program: { lifecycle: { durationMonths: 3 } },
  });
}

const render = (e: EmailIntent) => flat(renderIntent(e.template, e.input, LINKS).text);

describe('goals emails say who set which goals, true for each reader', () => {
  it('to the one who set none: the goals their partner set, never "you and" nor "the goals you set"', () => {
    const r = run(false);
    const confirmed = r.emails.filter((e) => e.template === 'goalsConfirmed');
    const toMentor = render(confirmed.find((e) => e.to === 'mentor@example.com')!);
    expect(toMentor).toContain('Here are the goals Sam set.');
    expect(toMentor).toContain('The goals Sam set');
    expect(toMentor).not.toMatch(/goals you and Sam|The goals you set|Your goals for/);
    const toMentee = render(confirmed.find((e) => e.to === 'mentee@example.com')!);
    expect(toMentee).toContain('Here are the goals you set.');
    expect(toMentee).toContain('The goals you set');
    expect(toMentee).not.toContain('you and Mia');
    // The check-ins quote them the same way.
    const checkIn = (to: string) => render(r.emails.find((e) => e.template === 'checkInRequest' && e.to === to)!);
    expect(checkIn('mentor@example.com')).toContain('The goals Sam set');
    expect(checkIn('mentor@example.com')).not.toContain('The goals you set');
    expect(checkIn('mentee@example.com')).toContain('The goals you set');
  });

  it('a change: the partner reads whose check-in answer it was, by name, not "your last check-in"', () => {
    const r = run(true);
    const changed = r.emails.filter((e) => e.template === 'goalsConfirmed' && e.input.changedBy !== undefined);
    const toMentor = render(changed.find((e) => e.to === 'mentor@example.com')!);
    expect(toMentor).toContain('Sam gave new goals when answering the check-in.');
    expect(toMentor).not.toMatch(/your last check-in|you and Sam have/);
    const toMentee = render(changed.find((e) => e.to === 'mentee@example.com')!);
    expect(toMentee).toContain('You gave new goals in your check-in answer.');
  });
});
