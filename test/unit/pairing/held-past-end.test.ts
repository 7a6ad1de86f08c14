import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { QUIET_PAIR_PROGRAM } from '../../fixtures/quiet-pair-program';
import { simulate } from './simulate';

/**
 * QA: a quiet pair ran past its planned end. Its second "Decision needed" closed after the end, then
 * the check-in it had held was asked (after the end), and the end-of-program review came a week
 * after that, completed 12 days late. A held check-in that could only open less than half a
 * cadence before the end is not asked: the end review takes its place (context.ts, upcoming).
 */

const berlin = { timeZone: 'Europe/Berlin' };

describe('a quiet pair near the end of its program', () => {
  const r = simulate({
    start: '2027-03-01T06:00:00Z',
    program: { timeZone: QUIET_PAIR_PROGRAM.timeZone, lifecycle: QUIET_PAIR_PROGRAM.lifecycle as never },
    mentor: berlin,
    mentee: berlin,
    answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined),
  });
  const plannedEnd = '2027-05-01T09:50:15.000Z';
  const decisions = r.emails.filter((e) => e.template === 'adminDecisionRequest');
  const lastDecision = decisions.at(-1)!;

  it('is accepted on 1 March, and its last decision runs past the planned end (the case QA found)', () => {
    expect(r.pairing.acceptedAt).toBe('2027-03-01T09:50:15.000Z');
    expect(decisions.length).toBe(2);
    expect(lastDecision.question!.closesAt > plannedEnd).toBe(true);
  });

  it('is asked no check-in after its planned end', () => {
    const checkIns = r.emails.filter((e) => e.question?.purpose === 'check-in');
    expect(checkIns.length).toBeGreaterThan(0);
    expect(checkIns.filter((e) => e.sentAt >= '2027-04-27')).toEqual([]);
  });

  it('gets the end-of-program review as soon as the decision closes, and completes by its deadline', () => {
    const finals = r.emails.filter((e) => e.template === 'milestoneSurvey' && e.input.final === true);
    expect(finals).toHaveLength(2);
    for (const e of finals) expect(e.sentAt).toBe('2027-05-04T06:50:15.000Z');
    expect(r.pairing.status).toBe('completed');
    // The review's deadline: its answer window after the morning after the decision closed (not 13 May).
    expect(r.pairing.endedAt).toBe('2027-05-07T21:59:59.999Z');
  });
});

describe('the decision email near the end of the pairing', () => {
  const link = (a: string) => `https://answers.example.org/r/tok?answer=${a}`;
  const render = (answerBy: string) =>
    emails
      .adminDecisionRequest({
        to: { name: 'Priya Shah', timeZone: 'Europe/Berlin', sentAt: '2027-04-27T07:00:00Z' },
        program: {
          name: 'Spring Cohort 2027',
          admin: { name: 'Priya Shah', email: 'priya@example.org' },
          pauseBound: { lastDay: '2027-05-01', decidedAt: '2027-04-26T22:00:00Z' },
        },
        pairingId: 'pair-0042',
        people: { mentor: 'Bruno Costa', mentee: 'Mia Park' },
        missedCount: 3,
        answerBy,
        answerLinks: { continue: link('continue'), pause: link('pause'), end: link('end'), rematch: link('rematch') },
      } as never)
      .text.replace(/\s+/g, ' ');

  it('says until when PAUSE may be answered when that is before the deadline', () => {
    const text = render('2027-05-04T21:59:59.999Z');
    expect(text).toContain('Please answer by Tuesday 4 May 2027');
    // A pause until 1 May is the last one taken, and only while 1 May is still ahead: by 30 April.
    expect(text).toContain(
      'Reply CONTINUE, PAUSE (answer by Friday 30 April 2027) with how long or a resume date (no later than Saturday 1 May 2027), END or REMATCH.',
    );
    expect(text).toContain('Only until Friday 30 April 2027: a pause may run to Saturday 1 May 2027 at the latest');
  });

  it('adds nothing when PAUSE may be answered until the deadline', () => {
    const text = render('2027-04-29T21:59:59.999Z');
    expect(text).not.toContain('answer by Friday');
    expect(text).not.toContain('Only until');
  });
});
