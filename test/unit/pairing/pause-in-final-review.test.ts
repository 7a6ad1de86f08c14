import { describe, expect, it } from 'vitest';
import { localDate } from '../../../functions/domain/schedule';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * A PAUSE during the end-of-program review until the pairing's end day (QA): the pause email says
 * the question stays open until its deadline and the pairing comes to its end on the resume day.
 * The review closed unanswered at its deadline during the pause as a check-in nobody held does
 * (`round-closed` paused), stayed in the plan, and the resume welcomed the pair back and asked it
 * a second time, completing the pairing a week past the day every email had named.
 */
const SAO_PAULO = 'America/Sao_Paulo';
const TOKYO = 'Asia/Tokyo';
const flat = (e: SimResult['emails'][number]): string => renderIntent(e.template, e.input).text.replace(/\s+/g, ' ');

interface Case {
  readonly start: string;
  readonly lifecycle: { checkInCadenceDays: number; durationMonths: number };
  readonly endDate: string;
  readonly controls: SimOptions['controls'];
  /** The end day the pause email names, as the reply "PAUSE until <day>" gave it. */
  readonly endDay: string;
  readonly endSentence: string;
  /** The mentee answers the review during the pause: it is kept open for them, and counts. */
  readonly menteeAnswers?: boolean;
  /** The review's deadline comes after the pause ends: the pairing runs on, silently, until it closes. */
  readonly reviewOutlastsPause?: boolean;
}

function run(c: Case): SimResult {
  return simulate({
    start: c.start,
    program: { startDate: c.start.slice(0, 10), endDate: c.endDate, timeZone: SAO_PAULO, lifecycle: c.lifecycle as never },
    // Beatriz / Mariana (São Paulo) asks for the pause; Haruto is in Tokyo.
    mentor: { participantId: 'pt_mentor', timeZone: SAO_PAULO },
    mentee: { participantId: 'pt_mentee', timeZone: TOKYO },
    controls: c.controls,
    answer: (e, side) => {
      if (e.template !== 'milestoneSurvey' || e.input.milestone !== 'End of program review') return agreeable!(e, side);
      // Three days after it went: inside the pause, before the deadline.
      return side === 'mentee' && c.menteeAnswers ? { text: { intent: 'rating', rating: 5, score: 10 }, delayHours: 72 } : undefined;
    },
  });
}

const audits = (r: SimResult) =>
  r.decisions.flatMap((d) =>
    d.decision.records.flatMap((x) => (x.item.type === 'Audit' ? [x.item as { kind: string; detail?: Record<string, unknown> }] : [])),
  );

function expectEndsOnTheDayNamed(c: Case): SimResult {
  const r = run(c);
  const finalReviews = audits(r).filter((a) => a.kind === 'asked' && a.detail?.kind === 'final-review');
  expect(finalReviews, 'the end-of-program review is asked once').toHaveLength(1);
  const round = finalReviews[0]!.detail!.round;
  expect(
    audits(r).filter((a) => a.kind === 'round-closed' && a.detail?.round === round),
    'not closed as a pause closes a check-in',
  ).toEqual([]);
  expect(audits(r).find((a) => a.kind === 'review' && a.detail?.round === round)?.detail).toEqual({ round, answered: c.menteeAnswers ? 1 : 0 });
  expect(r.emails.filter((e) => e.template === 'milestoneSurvey' && e.input.milestone === 'End of program review')).toHaveLength(2);

  const paused = r.emails.filter((e) => e.template === 'pairingPaused' && e.input.pastEnd === undefined);
  expect(paused.length).toBeGreaterThan(0);
  for (const e of paused) expect(flat(e)).toContain(c.endSentence);

  // No "welcome back … the end-of-program review comes next": the pairing completes at the resume.
  expect(r.emails.filter((e) => e.template === 'pairingResumed')).toEqual([]);
  expect(r.statuses.slice(-2)).toEqual(c.reviewOutlastsPause ? ['active', 'completed'] : ['paused', 'completed']);
  expect(audits(r).find((a) => a.kind === 'resumed')?.detail).toEqual(
    c.reviewOutlastsPause ? { why: 'date', finalReviewOpen: true } : { why: 'date', nothingLeft: true },
  );
  const endedAt = new Date(r.pairing.endedAt!);
  expect(localDate(endedAt, SAO_PAULO)).toBe(c.endDay);
  expect(localDate(endedAt, TOKYO)).toBe(c.endDay);
  expect(r.emails.filter((e) => e.template === 'recognition').map((e) => e.to)).toEqual(['mentor@example.com', 'mentee@example.com']);
  return r;
}

const beatriz: Case = {
  // Two months, check-ins every 21 days: the review is due "Saturday 3 April 2027" for both.
  start: '2027-01-26T08:00:00Z',
  lifecycle: { checkInCadenceDays: 21, durationMonths: 2 },
  endDate: '2027-03-31',
  controls: [
    { at: '2027-03-30T12:00:00Z', request: { kind: 'pause', until: '2027-04-07', participantId: 'pt_mentor' } },
    { at: '2027-03-30T14:00:00Z', request: { kind: 'pause', until: '2027-04-04', participantId: 'pt_mentor' } },
  ],
  endDay: '2027-04-04',
  endSentence: 'No check-ins are left in your pairing: on Sunday 4 April 2027 it comes to its end',
};

const mariana: Case = {
  // One month, check-ins every 14 days: the review is due Tuesday 18 May, the pairing ends on the 19th.
  start: '2027-04-11T08:00:00Z',
  lifecycle: { checkInCadenceDays: 14, durationMonths: 1 },
  endDate: '2027-05-15',
  controls: [{ at: '2027-05-13T14:00:00Z', request: { kind: 'pause', until: '2027-05-19', participantId: 'pt_mentor' } }],
  endDay: '2027-05-19',
  endSentence: 'No check-ins are left in your pairing: on Wednesday 19 May 2027 it comes to its end',
};

/**
 * A week earlier the review's last email goes to Haruto, in Tokyo: its deadline is the end of
 * Saturday 3 April there (Beatriz is told Friday 2 April), and the pairing's last day is Saturday 3
 * April. A pause until then ends at midnight in São Paulo, while the review is still open.
 */
const beatrizWeekEarlier: Case = {
  start: '2027-01-25T08:00:00Z',
  lifecycle: { checkInCadenceDays: 21, durationMonths: 2 },
  endDate: '2027-03-31',
  controls: [
    { at: '2027-03-30T12:00:00Z', request: { kind: 'pause', until: '2027-04-06', participantId: 'pt_mentor' } },
    { at: '2027-03-30T14:00:00Z', request: { kind: 'pause', until: '2027-04-03', participantId: 'pt_mentor' } },
  ],
  endDay: '2027-04-03',
  endSentence: 'No check-ins are left in your pairing: on Saturday 3 April 2027 it comes to its end',
  reviewOutlastsPause: true,
};

describe('a PAUSE during the end-of-program review until the end day', () => {
  it('Beatriz: the day past the end is refused, the pause until the end day ends the pairing that day, the review asked once', () => {
    const r = expectEndsOnTheDayNamed(beatriz);
    const refused = r.emails.filter((e) => e.template === 'pairingPaused' && e.input.pastEnd !== undefined);
    expect(refused.map((e) => flat(e))).toEqual([expect.stringContaining('PAUSE until 4 April')]);
    const asked = r.emails.find((e) => e.template === 'pairingPaused' && e.input.pastEnd === undefined && e.to === 'mentor@example.com')!;
    expect(flat(asked)).toContain('you can answer it until Saturday 3 April 2027');
  });

  it('Mariana: one month, every 14 days, PAUSE until 19 May ends the pairing on 19 May', () => {
    expectEndsOnTheDayNamed(mariana);
  });

  it('the review still open when the pause ends: no "welcome back", the pairing completes when it closes, that same day', () => {
    const r = expectEndsOnTheDayNamed(beatrizWeekEarlier);
    const refused = r.emails.filter((e) => e.template === 'pairingPaused' && e.input.pastEnd !== undefined);
    expect(refused.map((e) => flat(e))).toEqual([expect.stringContaining('PAUSE until 3 April')]);
  });

  it("the partner's answer during the pause counts, and the pairing still ends on the day named", () => {
    const r = expectEndsOnTheDayNamed({ ...beatriz, menteeAnswers: true });
    const reviews = [...r.records.values()].filter((x) => x.type === 'MilestoneReview' && x.label === 'End of program review');
    expect(reviews).toEqual([expect.objectContaining({ participantId: 'pt_mentee', progress: 5, recommend: 10 })]);
  });
});
