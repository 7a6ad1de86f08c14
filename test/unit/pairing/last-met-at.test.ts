import { describe, expect, it } from 'vitest';
import { formatDate } from '../../../functions/domain/emails/format';
import { metAt } from '../../../functions/domain/pairing/answers';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { simulate } from './simulate';

/**
 * QA: the admins' escalation said "Last met: Tuesday 15 December 2026" for a pair that met on the
 * 10th: `lastMetAt` was the moment the check-in round closed at its deadline, not when someone
 * answered that they met.
 */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** The mentor answers YES 3 to the first check-in only; the senior never answers a check-in. */
function run() {
  let checkIns = 0;
  return simulate({
    answer: (e, side) => {
      if (e.question?.purpose === 'acceptance') return { text: { intent: 'yes' } };
      if (e.question?.purpose !== 'check-in' || side !== 'mentor') return undefined;
      checkIns++;
      return checkIns === 1 ? { text: { intent: 'rating', rating: 3, note: 'good first chat' }, delayHours: 3 } : undefined;
    },
    program: { lifecycle: { durationMonths: 3 } },
  });
}

describe('lastMetAt: when someone said they met, not when the round closed', () => {
  it('is the moment of the YES, days before the round closed at its deadline', () => {
    const r = run();
    const checkIns = [...r.records.entries()].filter(([sk]) => sk.startsWith('CHECKIN#')).map(([, item]) => item);
    expect(checkIns.map((c) => c.met)).toEqual([true, ...checkIns.slice(1).map(() => false)]);
    const held = checkIns[0]!;
    const yesAt = (held.mentor as { at: string }).at;
    // The round closed at its deadline, days after the mentor's answer.
    expect(Date.parse(held.at as string) - Date.parse(yesAt)).toBeGreaterThan(2 * 86_400_000);
    const escalation = r.decisions.find((d) => d.decision.emails.some((e) => e.template === 'adminEscalation'));
    expect(escalation, 'the admins were told of 2 missed check-ins').toBeDefined();
    expect(escalation!.decision.pairing.lastMetAt).toBe(yesAt);
    const email = escalation!.decision.emails.find((e) => e.template === 'adminEscalation')!;
    expect(email.input.lastMetOn).toBe(yesAt);
    const day = formatDate(yesAt, 'Europe/London');
    expect(formatDate(held.at as string, 'Europe/London')).not.toBe(day);
    expect(flat(renderIntent('adminEscalation', email.input).text)).toContain(`Last meeting reported: ${day}`);
    expect(r.pairing.lastMetAt).toBe(yesAt);
  });

  it('takes the earliest answer saying they met, and ignores answers that do not', () => {
    expect(
      metAt({
        answers: {
          mentor: { intent: 'yes', at: '2026-12-12T09:00:00Z' },
          mentee: { intent: 'rating', rating: 4, at: '2026-12-10T12:00:00Z' },
        },
      }),
    ).toBe('2026-12-10T12:00:00Z');
    expect(metAt({ answers: { mentor: { intent: 'no', at: '2026-12-10T12:00:00Z' }, mentee: { intent: 'yes', at: '2026-12-11T08:00:00Z' } } })).toBe(
      '2026-12-11T08:00:00Z',
    );
    expect(metAt({ answers: { mentor: { intent: 'no', at: '2026-12-10T12:00:00Z' } } })).toBeUndefined();
  });
});
