import { describe, expect, it } from 'vitest';
import type { SimEmail } from './simulate';
import { agreeable, simulate, type SimOptions } from './simulate';
import { renderIntent } from '../../../functions/domain/pairing/render';

/** What the lifecycle's emails promise, as each reader gets them (QA: /work/qa/promises). */

const LINKS = Object.fromEntries(
  ['yes', 'no', '1', '2', '3', '4', '5', 'review', 'continue', 'pause', 'end', 'rematch'].map((k) => [k, `https://answers.example.org/${k}`]),
);
const text = (e: SimEmail) => renderIntent(e.template, e.input, LINKS).text.replace(/\s+/g, ' ');
const to = (emails: SimEmail[], template: string, who: string) => emails.filter((e) => e.template === template && e.to === who);

describe('reply examples in the reader’s own voice', () => {
  const r = simulate({ answer: agreeable, program: { lifecycle: { checkInCadenceDays: 14, durationMonths: 3, milestoneDays: [30] } } });

  it('the mentor’s introduction and reviews give a mentor’s examples; the mentee’s a senior’s', () => {
    const [mentorIntro] = to(r.emails, 'introduction', 'mentor@example.com');
    const [menteeIntro] = to(r.emails, 'introduction', 'mentee@example.com');
    expect(text(mentorIntro!)).not.toContain('Use an AI assistant for my weekly report');
    expect(text(mentorIntro!)).toContain('Understand how budget decisions are really made');
    expect(text(menteeIntro!)).toContain('Use an AI assistant for my weekly report');
    const mentorReviews = to(r.emails, 'milestoneSurvey', 'mentor@example.com');
    const menteeReviews = to(r.emails, 'milestoneSurvey', 'mentee@example.com');
    expect(mentorReviews.length).toBeGreaterThanOrEqual(2); // Day 30 and the end of the program
    for (const e of mentorReviews) expect(text(e)).toMatch(/LEARNED: how budget decisions are really made TAUGHT: how the team uses shared docs/);
    for (const e of menteeReviews) expect(text(e)).toMatch(/LEARNED: how the team uses shared docs instead of long email threads TAUGHT: how budget decisions/);
  });
});

describe('REMATCH to an introduction', () => {
  // Nobody answers the introduction; the mentee replies REMATCH the next day.
  const silent: SimOptions['answer'] = () => undefined;
  const r = simulate({ answer: silent, controls: [{ at: '2027-01-05T12:00:00Z', request: { kind: 'end', reason: 'participant-rematch' } }] });

  it('tells both the introduction closed, not that a pairing ended, and that someone new is sought', () => {
    const ended = r.emails.filter((e) => e.template === 'pairingEnded');
    expect(ended.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
    for (const e of ended) {
      expect(e.input).toMatchObject({ started: false });
      const t = text(e);
      expect(t).not.toMatch(/has ended|giving it a try/);
      expect(t).toMatch(/introduction to (Sam|Mia) is closed, and the pairing will not start/);
      if (e.input.rematchRequested) expect(t).toMatch(/looking for someone new for you/);
    }
  });

  it('a pairing that started still reads "has ended"', () => {
    const started = simulate({ answer: agreeable, controls: [{ at: '2027-01-20T12:00:00Z', request: { kind: 'end', reason: 'participant-rematch' } }] });
    const ended = started.emails.filter((e) => e.template === 'pairingEnded');
    expect(ended).toHaveLength(2);
    for (const e of ended) {
      expect(e.input.started).toBeUndefined();
      expect(text(e)).toMatch(/Your pairing with (Sam|Mia) has ended/);
    }
  });
});

describe('the admins’ escalation at the second missed check-in', () => {
  const quiet: SimOptions['answer'] = (email) => {
    if (email.question?.purpose === 'check-in') return { text: { intent: 'no' } };
    return agreeable!(email, email.question!.side);
  };

  it('promises no decision request when no check-in is left, and says the end-of-program review comes', () => {
    // One month, a check-in every 10 days: two check-ins, then the end-of-program review.
    const r = simulate({ answer: quiet, program: { lifecycle: { checkInCadenceDays: 10, durationMonths: 1 } } });
    const [escalation] = r.emails.filter((e) => e.template === 'adminEscalation');
    expect(escalation).toBeDefined();
    expect(escalation!.input).toMatchObject({ checkInsLeft: 0 });
    const t = text(escalation!);
    expect(t).not.toMatch(/If the next check-in is missed too/);
    expect(t).toMatch(/none will be asked: no check-in is left before the end-of-program review, sent on \w+ \d+ \w+ 2027\./);
    expect(r.emails.some((e) => e.template === 'adminDecisionRequest')).toBe(false);
  });

  it('names the day the end-of-program review reaches the first of the pair, in zones far apart and over a weekend (QA)', () => {
    for (const [mentor, mentee, startDate] of [
      ['Asia/Kathmandu', 'Asia/Kathmandu', '2027-01-04'],
      ['Pacific/Kiritimati', 'Pacific/Pago_Pago', '2027-01-06'],
      ['Europe/London', 'America/Los_Angeles', '2027-01-08'],
    ] as const) {
      const r = simulate({
        answer: quiet,
        mentor: { timeZone: mentor },
        mentee: { timeZone: mentee },
        program: { startDate, timeZone: mentor, lifecycle: { checkInCadenceDays: 10, durationMonths: 1 } },
      });
      const [escalation] = r.emails.filter((e) => e.template === 'adminEscalation');
      const reviews = r.emails
        .filter((e) => e.question?.purpose === 'milestone' && e.key.includes(':ask:'))
        .map((e) => e.sentAt)
        .sort();
      expect(reviews.length, mentor).toBeGreaterThan(0);
      expect(escalation!.input.finalReviewOn, `${mentor} / ${mentee}`).toBe(reviews[0]);
    }
  });

  it('keeps the note written under the decision, as the request promises; silence is kept as "continue", unanswered (QA)', () => {
    const noted: SimOptions['answer'] = (email, side) =>
      email.question?.purpose === 'admin-decision'
        ? { text: { intent: 'yes', decision: 'continue', note: 'Spoke to both: Sam was on leave.' }, delayHours: 2 }
        : quiet!(email, side);
    const r = simulate({ answer: noted, program: { lifecycle: { checkInCadenceDays: 7, durationMonths: 2 } } });
    const decisions = [...r.records.entries()].filter(([k]) => k.startsWith('DECISION#')).map(([, v]) => v);
    expect(decisions.length).toBeGreaterThan(0);
    expect(decisions[0]).toMatchObject({ type: 'AdminDecision', decision: 'continue', answered: true, note: 'Spoke to both: Sam was on leave.' });
    const silent = simulate({
      answer: (e, side) => (e.question?.purpose === 'admin-decision' ? undefined : quiet!(e, side)),
      program: { lifecycle: { checkInCadenceDays: 7, durationMonths: 2 } },
    });
    const kept = [...silent.records.entries()].filter(([k]) => k.startsWith('DECISION#')).map(([, v]) => v);
    expect(kept[0]).toMatchObject({ decision: 'continue', answered: false });
    expect(kept[0]!.note).toBeUndefined();
  });

  it('still promises the decision request when the next check-in can bring it', () => {
    const r = simulate({ answer: quiet, program: { lifecycle: { checkInCadenceDays: 7, durationMonths: 2 } } });
    const [escalation] = r.emails.filter((e) => e.template === 'adminEscalation');
    expect(escalation!.input).toMatchObject({ decisionAfterMissed: 1 });
    expect(text(escalation!)).toMatch(/If the next check-in is missed too, you will be asked whether to continue, pause, end or rematch/);
    expect(r.emails.some((e) => e.template === 'adminDecisionRequest')).toBe(true);
  });
});

describe('names written "Last, First"', () => {
  it('the meeting invitation’s title names both by first name', () => {
    const r = simulate({ answer: agreeable, mentor: { name: 'Mentor, Mia' }, mentee: { name: 'Senior, Sam' }, maxSteps: 5 });
    const [intro] = to(r.emails, 'introduction', 'mentor@example.com');
    const rendered = renderIntent(intro!.template, intro!.input, LINKS, 'crossgen <no-reply@example.org>');
    const ics = rendered.attachments!.find((a) => a.filename.endsWith('.ics'))!.content.toString('utf8');
    expect(ics).toContain('SUMMARY:Reverse mentoring: Sam and Mia');
    expect(rendered.text).toContain('Hello Mia,');
    expect(rendered.subject).toBe('Meet Sam, your reverse-mentoring partner');
  });
});

describe('no new partner promised once the program has closed', () => {
  const declines: SimOptions['answer'] = (e, side) =>
    e.question?.purpose === 'acceptance' ? { text: side === 'mentee' ? { intent: 'no' } : { intent: 'yes' } } : undefined;

  it('tells the person who said yes that the pairing will not start, without "looking for a new partner", after the end date', () => {
    const closed = simulate({ answer: declines, program: { startDate: '2026-12-01', endDate: '2026-12-15' } });
    const [note] = to(closed.emails, 'pairingNotStarted', 'mentor@example.com');
    expect(note, 'the willing one is told').toBeDefined();
    expect(text(note!)).not.toMatch(/looking for a new partner/);
    // While the program still matches people, the same note promises one.
    const open = simulate({ answer: declines });
    expect(text(to(open.emails, 'pairingNotStarted', 'mentor@example.com')[0]!)).toMatch(/looking for a new partner/);
  });
});
