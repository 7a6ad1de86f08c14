import { describe, expect, it } from 'vitest';
import { finalReviewOutlasting, tellOfResume } from '../../../functions/domain/pairing/paused-review';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions, type SimResult } from './simulate';

/**
 * Pauses taken while a review is open (docs/lifecycle.md, "A pause keeps what was already asked"):
 * a review kept open through the pause is done at its deadline, answered or not; the end-of-program
 * review still open when the pause ends closes at its deadline and the pairing completes then, which
 * the pause email names; an early resume by the program team tells both they are back.
 */
const SAO_PAULO = 'America/Sao_Paulo';
const TOKYO = 'Asia/Tokyo';
const FINAL = 'End of program review';
const flat = (e: SimResult['emails'][number]): string => renderIntent(e.template, e.input).text.replace(/\s+/g, ' ');
const audits = (r: SimResult) =>
  r.decisions.flatMap((d) =>
    d.decision.records.flatMap((x) => (x.item.type === 'Audit' ? [x.item as { kind: string; detail?: Record<string, unknown> }] : [])),
  );
const of = (r: SimResult, template: string) => r.emails.filter((e) => e.template === template);

/** Two months, check-ins every 21 days: the Day 30 review is asked on 26 February, the end-of-program review on 27 March (deadline Saturday 3 April). */
function run(controls: SimOptions['controls'], unanswered: (milestone: string) => boolean): SimResult {
  return simulate({
    start: '2027-01-26T08:00:00Z',
    program: { startDate: '2027-01-26', endDate: '2027-03-31', timeZone: SAO_PAULO, lifecycle: { checkInCadenceDays: 21, durationMonths: 2 } as never },
    mentor: { participantId: 'pt_mentor', timeZone: SAO_PAULO },
    mentee: { participantId: 'pt_mentee', timeZone: TOKYO },
    controls,
    answer: (e, side) => (e.template === 'milestoneSurvey' && unanswered(String(e.input.milestone)) ? undefined : agreeable!(e, side)),
  });
}

describe('the decisions', () => {
  it('the end-of-program review outlasts a pause only when its deadline comes after the pause ends', () => {
    const review = { kind: 'final-review' as const, closesAt: '2027-04-04T02:59:59.999Z' };
    expect(finalReviewOutlasting(review, '2027-03-31T03:00:00.000Z')).toBe(review.closesAt);
    expect(finalReviewOutlasting(review, '2027-04-04T03:00:00.000Z')).toBeUndefined();
    expect(finalReviewOutlasting({ ...review, kind: 'milestone' }, '2027-03-31T03:00:00.000Z')).toBeUndefined();
    expect(finalReviewOutlasting(undefined, '2027-03-31T03:00:00.000Z')).toBeUndefined();
  });

  it('the resume tells the pair, except on its own day with only the end-of-program review open', () => {
    expect(tellOfResume(false, 'date')).toBe(true);
    expect(tellOfResume(false, 'request')).toBe(true);
    expect(tellOfResume(true, 'date')).toBe(false);
    expect(tellOfResume(true, 'request')).toBe(true);
  });
});

describe('a PAUSE until a day before the end-of-program review closes', () => {
  const r = run([{ at: '2027-03-29T12:00:00Z', request: { kind: 'pause', until: '2027-03-31', participantId: 'pt_mentor' } }], (m) => m === FINAL);

  it('the pause email names the review deadline as when the pairing ends, not the resume day', () => {
    const paused = of(r, 'pairingPaused');
    expect(paused.map((e) => e.to)).toEqual(['mentor@example.com', 'mentee@example.com']);
    for (const e of paused) {
      expect(flat(e)).toContain(
        'No check-ins are left in your pairing: the end-of-program review stays open until Saturday 3 April 2027, and when it closes your pairing comes to its end. We will write to you both then.',
      );
      expect(flat(e)).not.toContain('on Wednesday 31 March 2027 it comes to its end');
    }
  });

  it('and that is what happens: resumed on its day without a "welcome back", completed when the review closes', () => {
    expect(audits(r).find((a) => a.kind === 'resumed')?.detail).toEqual({ why: 'date', finalReviewOpen: true });
    expect(of(r, 'pairingResumed')).toEqual([]);
    expect(r.pairing.status).toBe('completed');
    expect(r.pairing.endedAt).toBe('2027-04-04T02:59:59.999Z');
    expect(audits(r).filter((a) => a.kind === 'asked' && a.detail?.kind === 'final-review')).toHaveLength(1);
  });
});

describe("the program team's early resume while the end-of-program review is open", () => {
  const r = run(
    [
      { at: '2027-03-29T12:00:00Z', request: { kind: 'pause', until: '2027-04-03', participantId: 'pt_mentor' } },
      { at: '2027-03-30T12:00:00Z', request: { kind: 'resume' } },
    ],
    (m) => m === FINAL,
  );

  it('tells both they are back and when the pairing ends, proposing no next session or question', () => {
    expect(audits(r).find((a) => a.kind === 'resumed')?.detail).toEqual({ why: 'request', finalReviewOpen: true });
    const resumed = of(r, 'pairingResumed');
    expect(resumed.map((e) => e.to)).toEqual(['mentor@example.com', 'mentee@example.com']);
    for (const e of resumed) {
      const text = flat(e);
      expect(renderIntent(e.template, e.input).subject).toMatch(/^Your pairing with \w+ has resumed$/);
      expect(text).toContain('The program team ended the pause of your pairing with');
      expect(text).toContain('the end-of-program review stays open until Saturday 3 April 2027, and when it closes your pairing comes to its end');
      expect(text).not.toMatch(/next session|comes next|check-ins start again/);
    }
    // Only the mentee had been sent the review and not answered it.
    expect(resumed.map((e) => flat(e).includes('still open for you to answer'))).toEqual([false, true]);
    // Held for working hours, and only while the pairing runs.
    for (const e of resumed) expect(e.sendWhile).toEqual(['active']);
    expect(r.pairing.status).toBe('completed');
    expect(r.pairing.endedAt).toBe('2027-04-04T02:59:59.999Z');
  });
});

describe('a Day 30 review nobody answered during a pause', () => {
  const r = run([{ at: '2027-02-27T12:00:00Z', request: { kind: 'pause', until: '2027-03-12', participantId: 'pt_mentor' } }], (m) => m !== FINAL);
  const milestones = audits(r).filter((a) => a.kind === 'asked' && a.detail?.kind === 'milestone');

  it('closes at its deadline, as the pause email said, and is not asked again after the pause', () => {
    const mentorPaused = of(r, 'pairingPaused').find((e) => e.to === 'mentor@example.com')!;
    expect(flat(mentorPaused)).toContain('The question you already received is still open: you can answer it until Friday 5 March 2027');
    expect(milestones).toHaveLength(1);
    const round = milestones[0]!.detail!.round;
    expect(audits(r).find((a) => a.kind === 'review' && a.detail?.round === round)?.detail).toEqual({ round, answered: 0 });
    expect(audits(r).filter((a) => a.kind === 'round-closed' && a.detail?.why === 'paused')).toEqual([]);
    expect(of(r, 'milestoneSurvey').filter((e) => e.input.milestone !== FINAL)).toHaveLength(1);
  });

  it('the resume names the next check-in, not the review', () => {
    const resumed = of(r, 'pairingResumed');
    expect(resumed).toHaveLength(2);
    for (const e of resumed) {
      expect(flat(e)).toMatch(/The next check-in comes on/);
      expect(flat(e)).not.toMatch(/Day 30 review/);
    }
  });
});
