import { describe, expect, it } from 'vitest';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { pairsAtRisk } from '../../../functions/domain/report-risk';
import { simProgram, simulate, type SimOptions, type SimResult } from '../pairing/simulate';

/**
 * The suggested action for a pair nudged for a missed check-in (the digest's "Pairs at risk", the
 * report's atRisk) names what really comes next: the next check-in while one is left, else the
 * review that comes instead (QA finale3, bug 4: "watch the next check-in" when only the
 * end-of-program review was left, which the same digest listed for the next day).
 */

const WATCH = 'Nothing yet: both were nudged; watch the next check-in.';
const LINKS = { review: 'https://answers.example.com/r/review' };
const twoMonths = (milestoneDays: number[], escalation?: object) =>
  ({ lifecycle: { durationMonths: 2, checkInCadenceDays: 14, milestoneDays, ...(escalation ? { escalation } : {}) } }) as never;

/** Each side's first check-in, by round: the one they meet at. */
const firstCheckIn = new Map<string, string>();

/** They meet at the first check-in only: from the second on the mentee says NO and the mentor stays silent; no review is answered. */
const rarely: SimOptions['answer'] = (email, side) => {
  if (!email.question) return undefined;
  if (email.question.purpose === 'acceptance') return { text: { intent: 'yes' } };
  if (email.question.purpose !== 'check-in') return undefined;
  if (!firstCheckIn.has(side)) firstCheckIn.set(side, email.question.roundKey);
  if (email.question.roundKey === firstCheckIn.get(side)) return { text: { intent: 'rating', rating: 3 } };
  return side === 'mentee' ? { text: { intent: 'no' } } : undefined;
};

function run(program: never): SimResult {
  firstCheckIn.clear();
  return simulate({ program, answer: rarely });
}

/** The action for the pairing as each step stored it, with the step's time. */
function actions(r: SimResult, program: never): { at: string; pairing: Pairing; action?: string }[] {
  return r.decisions.map((d) => {
    const [risk] = pairsAtRisk([{ pairing: d.decision.pairing, checkIns: [], reviews: [] }], simProgram(program));
    const nudged = risk?.risks.find((x) => x.code === 'missed-check-ins');
    return { at: d.at, pairing: d.decision.pairing, ...(nudged ? { action: nudged.action } : {}) };
  });
}

/** The question emails to the mentor after `at`, by template. */
const questionsAfter = (r: SimResult, at: string) =>
  r.emails.filter((e) => e.sentAt > at && e.to === 'mentor@example.com' && e.question).map((e) => e.template);

describe('the suggested action for a nudged pair', () => {
  it('with only the end-of-program review left: names it, not a check-in that never comes', () => {
    const program = twoMonths([30]);
    const r = run(program);
    const nudged = actions(r, program).find((a) => a.action && !a.pairing.round)!;
    expect(nudged.pairing.missedInRow).toBe(1);
    expect(nudged.action).toBe('Both were nudged, and no check-in is left: the end-of-program review comes next. Watch whether they answer it.');
    expect(nudged.action).not.toMatch(/check-in\.$/);
    // As the lifecycle has it: no check-in is asked again, the end review is.
    expect(questionsAfter(r, nudged.at)).toEqual(['milestoneSurvey']);
    expect(r.emails.find((e) => e.sentAt > nudged.at && e.template === 'milestoneSurvey')!.input).toMatchObject({ milestone: 'End of program review' });
  });

  it('with the end-of-program review out: names the day it must be answered by, as its email states it', () => {
    const program = twoMonths([30]);
    const r = run(program);
    const open = actions(r, program).find((a) => a.action && a.pairing.round?.kind === 'final-review')!;
    const email = r.emails.find((e) => e.to === 'mentor@example.com' && e.template === 'milestoneSurvey' && e.sentAt >= open.at)!;
    const stated = /Please answer by (\w+ \d+ \w+ \d{4})/.exec(renderIntent(email.template, email.input, LINKS).text.replace(/\s+/g, ' '))![1];
    expect(open.action).toBe(`Both were nudged, and no check-in is left: the end-of-program review is open until ${stated}. Watch whether they answer it.`);
  });

  it('with a milestone review left before the end and no check-in: names that review', () => {
    // Check-ins on days 14 and 28 (the one on day 42 is left to the Day 45 review); the senior's note only from a third miss.
    const program = twoMonths([45], { nudgeAfter: 1, seniorNoteAfter: 3, adminDecisionAfter: 3 });
    const r = run(program);
    const first = actions(r, program).find((a) => a.action && !a.pairing.round && a.pairing.missedInRow === 1)!;
    expect(first.action).toBe(WATCH);
    expect(questionsAfter(r, first.at)[0]).toBe('checkInRequest');
    // The second miss opens the Day 45 review in the same step; no check-in follows it.
    const second = actions(r, program).find((a) => a.action && a.pairing.round?.kind === 'milestone' && a.pairing.missedInRow === 2)!;
    const email = r.emails.find((e) => e.to === 'mentor@example.com' && e.template === 'milestoneSurvey' && e.sentAt >= second.at)!;
    expect(email.input).toMatchObject({ milestone: 'Day 45 review' });
    const stated = /Please answer by (\w+ \d+ \w+ \d{4})/.exec(renderIntent(email.template, email.input, LINKS).text.replace(/\s+/g, ' '))![1];
    expect(second.action).toBe(`Both were nudged, and no check-in is left: the Day 45 review is open until ${stated}. Watch whether they answer it.`);
    expect(questionsAfter(r, second.at)).toEqual(['milestoneSurvey', 'milestoneSurvey']);
    // Once it has closed, the end-of-program review comes next.
    const after = actions(r, program).find((a) => a.action && !a.pairing.round && a.at > second.at)!;
    expect(after.action).toBe('Both were nudged, and no check-in is left: the end-of-program review comes next. Watch whether they answer it.');
  });

  it('with a check-in left: watch the next check-in, as before', () => {
    const program = twoMonths([45], { nudgeAfter: 1, seniorNoteAfter: 3, adminDecisionAfter: 3 });
    const r = run(program);
    const open = actions(r, program).find((a) => a.action && a.pairing.round?.kind === 'check-in')!;
    expect(open.action).toBe(WATCH);
  });

  it('with nothing left to ask: nothing to do, the pairing completes as its pause ends', () => {
    const program = twoMonths([30]);
    const r = run(program);
    const p = actions(r, program).find((a) => a.action && a.pairing.round?.kind === 'final-review')!.pairing;
    // Its end review closed during a pause (decide.ts, pausedRoundStep): the pairing completes at the resume.
    const paused: Pairing = {
      ...p,
      status: 'paused',
      pausedAt: '2027-03-05T15:00:00.000Z',
      pausedUntil: '2027-03-20T00:00:00.000Z',
      pausedUntilDay: '2027-03-20',
      round: undefined,
      planDoneMs: p.round!.planOffsetMs!,
    };
    const [risk] = pairsAtRisk([{ pairing: paused, checkIns: [], reviews: [] }], simProgram(program));
    expect(risk!.risks[0]!.action).toBe(
      'Nothing to do: no check-in or review is left, and the pairing completes when its pause ends on Saturday 20 March 2027.',
    );
  });

  it('a pairing stored without the moment its plan starts: watch the next check-in, as before', () => {
    const bare = { pairingId: 'pr_old', mentorId: 'a', menteeId: 'b', status: 'active' as const, checkInsHeld: 1, checkInsMissed: 1, missedInRow: 1 };
    const [risk] = pairsAtRisk([{ pairing: bare, checkIns: [], reviews: [] }], simProgram());
    expect(risk!.risks[0]!.action).toBe(WATCH);
  });
});
