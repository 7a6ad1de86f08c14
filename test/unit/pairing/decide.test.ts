import { describe, expect, it } from 'vitest';
import { formatDeadline } from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { endOfLocalDay, localDate, pauseEndsAt, sendOffsetSeconds, zonedTime } from '../../../functions/domain/schedule';
import type { ProgramInput } from '../../../functions/domain/program';
import { agreeable, participant, simulate } from './simulate';

const localHour = (iso: string, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso)));
const localClock = (iso: string, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }).format(new Date(iso));
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const localDay = (iso: string, timeZone: string) => new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' }).format(new Date(iso));

describe('decideNext: a whole program on the pure core', () => {
  it('runs a 6-month program from introduction to recognition when both answer everything', () => {
    const r = simulate({ answer: agreeable });
    expect(r.pairing.status).toBe('completed');
    expect(r.statuses).toEqual(['proposed', 'introduced', 'active', 'completed']);
    const checkIns = [...r.records.entries()].filter(([k]) => k.startsWith('CHECKIN#'));
    expect(checkIns.length).toBeGreaterThan(8);
    expect(r.pairing.checkInsHeld).toBe(checkIns.filter(([, v]) => v.met).length);
    expect(r.emails.filter((e) => e.template === 'recognition')).toHaveLength(2);
    expect(r.emails.filter((e) => e.template === 'managerNote').map((e) => e.to)).toEqual(['mentee-boss@example.com']);
    expect(r.events.map((e) => e.type)).toEqual(
      expect.arrayContaining(['PairingAccepted', 'CheckInCompleted', 'MilestoneReviewed', 'PairingCompleted', 'RecognitionAwarded']),
    );
  });

  it('names the member each of their emails is for (it follows an address changed before it goes); admins and managers are addressed as decided', () => {
    const r = simulate({ answer: agreeable });
    const ids: Record<string, string> = { 'mentor@example.com': 'pt_mentor', 'mentee@example.com': 'pt_mentee' };
    expect(r.emails.length).toBeGreaterThan(20);
    for (const e of r.emails) expect(e.toParticipant, `${e.template} to ${e.to}`).toBe(ids[e.to]);
    expect(r.emails.some((e) => e.to === 'admin@example.com' || e.to === 'mentee-boss@example.com')).toBe(true);
  });

  it('a pair that never met completes without a certificate, a recognition event or a note to a manager', async () => {
    const r = simulate({ answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined) });
    expect(r.pairing.status).toBe('completed');
    expect(r.pairing.checkInsHeld).toBe(0);
    expect(r.events.map((e) => e.type)).toContain('PairingCompleted');
    expect(r.events.map((e) => e.type)).not.toContain('RecognitionAwarded');
    expect(r.emails.filter((e) => e.template === 'managerNote')).toEqual([]);
    const endings = r.emails.filter((e) => e.template === 'recognition');
    expect(endings).toHaveLength(2);
    const { renderIntent } = await import('../../../functions/domain/pairing/render');
    const rendered = renderIntent(endings[0]!.template, endings[0]!.input, {});
    expect(rendered.subject).toMatch(/has come to an end/);
    expect(rendered.text.replace(/\s+/g, ' ')).toMatch(/No meeting was recorded/);
    expect(rendered.attachments ?? []).toEqual([]);
  });

  it("sends every question in the reader's own morning on a working day", () => {
    const r = simulate({ answer: agreeable, mentor: { timeZone: 'Asia/Singapore' }, mentee: { timeZone: 'America/New_York' } });
    const questions = r.emails.filter((e) => e.question && e.question.side !== 'admin');
    expect(questions.length).toBeGreaterThan(10);
    // 09:00 plus the pairing's own moment in the default two-hour send window, the same every time.
    const offset = sendOffsetSeconds('pr_sim', 120);
    const expected = `${String(9 + Math.floor(offset / 3600)).padStart(2, '0')}:${String(Math.floor(offset / 60) % 60).padStart(2, '0')}:${String(offset % 60).padStart(2, '0')}`;
    for (const e of questions) {
      const tz = e.question!.side === 'mentor' ? 'Asia/Singapore' : 'America/New_York';
      expect(localClock(e.sentAt, tz), `${e.key} at ${e.sentAt}`).toBe(expected);
      expect(localHour(e.sentAt, tz)).toBeGreaterThanOrEqual(9);
      expect(localHour(e.sentAt, tz)).toBeLessThan(11);
      expect(['Sat', 'Sun']).not.toContain(localDay(e.sentAt, tz));
    }
  });

  it('keeps one deadline for the introduction and its reminder: a YES after the reminder still counts', () => {
    const r = simulate({
      answer: (e, side) =>
        e.question?.purpose === 'acceptance'
          ? side === 'mentee' && e.template === 'introduction'
            ? undefined
            : { text: { intent: 'yes' }, delayHours: side === 'mentee' ? 1 : 1 }
          : agreeable!(e, side),
    });
    const intro = r.emails.find((e) => e.template === 'introduction' && e.question?.side === 'mentee')!;
    const reminder = r.emails.find((e) => e.template === 'acceptanceReminder' && e.question?.side === 'mentee')!;
    expect(reminder.question!.closesAt).toBe(intro.question!.closesAt);
    expect(intro.input.answerBy).toBe(intro.question!.closesAt);
    expect(r.statuses).toContain('active');
  });

  it('keeps every "Please answer by <day>": answers count until that day ends where the reader is, and the window is not cut short', () => {
    // Far apart: the mentor's day ends 21 hours before the mentee's.
    const zones = { mentor: 'Pacific/Auckland', mentee: 'America/Los_Angeles' } as const;
    const r = simulate({
      answer: agreeable,
      mentor: { timeZone: zones.mentor },
      mentee: { timeZone: zones.mentee },
      program: { lifecycle: { durationMonths: 3 } },
    });
    const questions = r.emails.filter((e) => e.question && e.question.side !== 'admin' && e.key.includes(':ask:'));
    expect(questions.length).toBeGreaterThan(8);
    for (const e of questions) {
      const tz = zones[e.question!.side as 'mentor' | 'mentee'];
      const closesAt = Date.parse(e.question!.closesAt);
      // The day the email names ("Monday 18 January 2027"), read back as a calendar day in the reader's zone.
      const stated = formatDeadline(e.question!.closesAt, tz);
      const [, d, month, y] = stated.split(' ');
      const noon = zonedTime(Number(y), MONTHS.indexOf(month!) + 1, Number(d), 12, 0, tz);
      // The instant that day ends for this reader: the question is still open then.
      const statedEnds = endOfLocalDay(noon, tz).getTime();
      expect(statedEnds, `${e.key}: ${stated}`).toBeLessThanOrEqual(closesAt);
      // And the window is whole: the day named is no earlier than the reader's own day, the window's length after the email came.
      const window = e.question!.purpose === 'acceptance' ? 7 : 5;
      expect(statedEnds, `${e.key}: ${stated}`).toBeGreaterThanOrEqual(endOfLocalDay(new Date(Date.parse(e.sentAt) + window * 86_400_000), tz).getTime());
    }
  });

  it('names what comes next truthfully: the check-in on that date, or the review that takes its place', () => {
    // Thanks after each check-in, and the ladder's emails when nobody answers: every date they name is kept.
    for (const answer of [
      agreeable,
      (e: Parameters<NonNullable<typeof agreeable>>[0]) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined),
    ]) {
      const r = simulate({ answer, program: { lifecycle: { durationMonths: 3, milestoneDays: [30, 60] } } });
      const naming = r.emails.filter((e) => typeof e.input.nextCheckIn === 'string');
      expect(naming.length).toBeGreaterThan(2);
      for (const e of naming) {
        const side = e.to === 'mentor@example.com' ? 'mentor' : 'mentee';
        const after = Date.parse(e.notBefore ?? e.sentAt);
        // The first check-in or review asked after it (a fit check is neither, and is not promised).
        const next = r.emails.find(
          (q) =>
            q.question?.side === side && q.key.includes(':ask:') && ['checkInRequest', 'milestoneSurvey'].includes(q.template) && Date.parse(q.sentAt) > after,
        )!;
        expect(next, `${e.key}: nothing was asked after it`).toBeDefined();
        expect(next.sentAt, `${e.key} named ${String(e.input.nextCheckIn)}; ${next.key} ${next.template}`).toBe(e.input.nextCheckIn);
        if (e.input.nextReview) expect([next.template, next.input.milestone]).toEqual(['milestoneSurvey', e.input.nextReview]);
        else expect(next.template, e.key).toBe('checkInRequest');
      }
      expect(naming.some((e) => typeof e.input.nextReview === 'string' && /^Day \d+ review$/.test(e.input.nextReview))).toBe(true);
      // Where the fit check comes first, no date is named for the check-in that waits for it; the
      // fit check is the next thing this person is asked.
      for (const e of r.emails.filter((x) => x.input.fitCheck === 'next')) {
        expect(e.input.nextCheckIn, e.key).toBeUndefined();
        const side = e.to === 'mentor@example.com' ? 'mentor' : 'mentee';
        const next = r.emails.find((q) => q.question?.side === side && q.key.includes(':ask:') && Date.parse(q.sentAt) > Date.parse(e.notBefore ?? e.sentAt));
        expect(next?.template, e.key).toBe('fitCheckRequest');
      }
    }
  });

  it('asks each check-in about meetings since the previous check-in was asked, never since it closed', () => {
    // Nobody answers a check-in: each round runs to its deadline, days after it was asked.
    const r = simulate({
      answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined),
      program: { lifecycle: { checkInCadenceDays: 7, durationMonths: 2, milestoneDays: [30] } },
    });
    const asks = r.emails.filter((e) => e.template === 'checkInRequest' && e.to === 'mentor@example.com');
    expect(asks.length).toBeGreaterThan(2);
    for (let i = 1; i < asks.length; i++) {
      const since = String(asks[i]!.input.since);
      // The previous check-in's own send (to either of the two), days before this email.
      expect(since <= asks[i - 1]!.sentAt, `${asks[i]!.key} since ${since}`).toBe(true);
      expect(Date.parse(asks[i]!.sentAt) - Date.parse(since), asks[i]!.key).toBeGreaterThanOrEqual(6 * 86_400_000);
    }
  });

  it('after the first check-in held, names the fit check that comes first, not a check-in date the fit check would move', () => {
    // The mentor thanks at once; the mentee answers only on the last day; nobody answers the fit check.
    const r = simulate({
      answer: (e, side) => {
        if (e.question?.purpose === 'acceptance') return { text: { intent: 'yes' } };
        if (e.template !== 'checkInRequest') return undefined;
        return side === 'mentor' ? { text: { intent: 'yes', rating: 4 } } : { text: { intent: 'yes', rating: 4 }, delayHours: 24 * 5 };
      },
      program: { lifecycle: { checkInCadenceDays: 7, durationMonths: 2, milestoneDays: [30] } },
    });
    const [firstThanks] = r.emails.filter((e) => e.template === 'checkInThanks' && e.to === 'mentor@example.com');
    expect(firstThanks?.input.fitCheck).toBe('next');
    expect(firstThanks?.input.nextCheckIn).toBeUndefined();
    const fit = r.emails.find((e) => e.template === 'fitCheckRequest' && e.to === 'mentor@example.com')!;
    const second = r.emails.filter((e) => e.template === 'checkInRequest' && e.to === 'mentor@example.com')[1]!;
    expect(Date.parse(second.sentAt)).toBeGreaterThan(Date.parse(fit.sentAt));
    // The text says so, without a date.
    const text = renderIntent('checkInThanks', firstThanks!.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('Next comes a short question on whether the pairing is a good fit for you; the next check-in follows once it closes.');
    expect(text).not.toMatch(/The next check-in comes on/);
  });

  it('names the review, not a check-in, when a review comes after the fit check (QA: the resume said "the next check-in follows")', () => {
    // Every 14 days with a Day 30 review: the day 28 check-in merges into the review, which comes after the fit check.
    const r = simulate({
      answer: (e, side) => {
        if (e.question?.purpose === 'acceptance') return { text: { intent: 'yes' } };
        if (e.template !== 'checkInRequest') return undefined;
        return side === 'mentor' ? { text: { intent: 'yes', rating: 4 } } : { text: { intent: 'yes', rating: 4 }, delayHours: 24 * 5 };
      },
      program: { lifecycle: { checkInCadenceDays: 14, durationMonths: 3, milestoneDays: [30] } },
    });
    const [firstThanks] = r.emails.filter((e) => e.template === 'checkInThanks' && e.to === 'mentor@example.com');
    expect(firstThanks?.input).toMatchObject({ fitCheck: 'next', nextReview: 'Day 30 review' });
    const text = renderIntent('checkInThanks', firstThanks!.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('Next comes a short question on whether the pairing is a good fit for you; your Day 30 review follows once it closes.');
    expect(text).not.toMatch(/the next check-in follows/);
  });

  it('thanks only those who answered, and climbs the ladder when nobody does', () => {
    const r = simulate({
      answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined),
      program: { lifecycle: { durationMonths: 3 } },
    });
    expect(r.emails.filter((e) => e.template === 'checkInThanks')).toHaveLength(0);
    expect(r.emails.some((e) => e.template === 'missedCheckInNudge')).toBe(true);
    expect(r.emails.some((e) => e.template === 'seniorCommitmentNote')).toBe(true);
    const decisions = r.emails.filter((e) => e.template === 'adminDecisionRequest');
    expect(decisions.length).toBeGreaterThan(0);
    // Asked in the admins' working hours, though the missed round closed at the end of a day.
    for (const e of decisions) expect(localHour(e.sentAt, 'Europe/London'), e.sentAt).toBeGreaterThanOrEqual(9);
    for (const e of decisions) expect(localHour(e.sentAt, 'Europe/London'), e.sentAt).toBeLessThan(17);
    expect(r.pairing.status).toBe('completed');
  });

  it('a decline ends the pairing as not started and asks a rematch only for the willing', () => {
    const r = simulate({
      answer: (_e, side) => (side === 'mentee' ? { text: { intent: 'no', note: 'I am away for two months' } } : { text: { intent: 'yes' } }),
    });
    expect(r.pairing.status).toBe('not-started');
    const rematch = r.events.find((e) => e.type === 'RematchRequested')!;
    expect(rematch.detail.participantIds).toEqual(['pt_mentor']);
    expect(JSON.stringify(r.events)).not.toContain('away');
  });

  it('an end request acts at once and nothing is asked afterwards', () => {
    const r = simulate({ answer: agreeable, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'admin-decision' } }] });
    expect(r.pairing.status).toBe('ended');
    expect(r.pairing.endedAt).toBe('2027-02-10T10:00:00.000Z');
    const after = r.emails.filter((e) => e.sentAt > '2027-02-10T10:00:00.000Z');
    expect(after.every((e) => !e.question)).toBe(true);
  });

  it('asks for the rematch only once the one who stays has been told, in their working hours', () => {
    // The mentee withdraws on a Wednesday evening: the mentor hears of it the next morning, and only then is a new partner looked for.
    const r = simulate({
      answer: agreeable,
      controls: [{ at: '2027-02-10T18:30:00Z', request: { kind: 'left', participantId: 'pt_mentee', reason: 'withdrawn' } }],
    });
    const step = r.decisions.find((d) => d.decision.events.some((e) => e.type === 'RematchRequested'))!;
    const told = step.decision.emails.find((e) => e.template === 'partnerLeft' && e.to === 'mentor@example.com')!;
    const rematch = step.decision.events.find((e) => e.type === 'RematchRequested')!;
    expect(told.notBefore).toBeDefined();
    expect(localHour(told.notBefore!, 'Europe/London')).toBeGreaterThanOrEqual(9);
    expect(rematch.notBefore).toBe(told.notBefore);
    expect(rematch.detail).toMatchObject({ participantIds: ['pt_mentor'], reason: 'participant-withdrew' });
  });

  it('pause then early resume: resumes at once and the plan shifts by the time paused', () => {
    const r = simulate({
      answer: agreeable,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-04-01' } },
        { at: '2027-02-20T10:00:00Z', request: { kind: 'resume' } },
      ],
    });
    expect(r.statuses).toEqual(['proposed', 'introduced', 'active', 'paused', 'active', 'completed']);
    const resumed = r.decisions.find((d) => d.decision.events.some((e) => e.type === 'PairingResumed'))!;
    expect(resumed.at).toBe('2027-02-20T10:00:00.000Z');
    expect(r.pairing.pausedMs).toBe(10 * 86_400_000);
  });

  describe('a pause while a check-in is open', () => {
    // The mentee answers the first check-in two days after it comes; the mentor pauses the day after it came.
    const slowMentee: NonNullable<typeof agreeable> = (e, side) =>
      e.question?.purpose === 'check-in' && e.question.roundKey === firstCheckIn().roundKey
        ? side === 'mentee'
          ? { text: { intent: 'rating', rating: 4 }, delayHours: 48 }
          : undefined
        : agreeable!(e, side);
    let first: { roundKey: string; sentAt: string; closesAt: string } | undefined;
    const firstCheckIn = () => {
      if (first) return first;
      const ask = simulate({ answer: agreeable }).emails.find((e) => e.template === 'checkInRequest' && e.question?.side === 'mentee')!;
      first = { roundKey: ask.question!.roundKey, sentAt: ask.sentAt, closesAt: ask.question!.closesAt };
      return first;
    };
    const pauseAt = (hours: number) => new Date(Date.parse(firstCheckIn().sentAt) + hours * 3_600_000).toISOString();

    it("records the partner's answer before the deadline its email stated, and thanks without promising a date inside the pause", () => {
      const asked = firstCheckIn();
      const r = simulate({ answer: slowMentee, controls: [{ at: pauseAt(24), request: { kind: 'pause', until: '2027-06-01' } }] });
      expect(r.statuses).toEqual(['proposed', 'introduced', 'active', 'paused', 'active', 'completed']);
      const record = r.records.get(`CHECKIN#${asked.roundKey}`)!;
      expect(record).toMatchObject({ met: true, mentee: { intent: 'rating', rating: 4 }, mentor: { answered: false } });
      // The pause email tells the one still asked that the question stays open, and until when.
      const pausedTo = (side: string) => r.emails.find((e) => e.template === 'pairingPaused' && e.to === `${side}@example.com`)!;
      expect(pausedTo('mentee').input.openQuestionUntil).toBe(asked.closesAt);
      expect(pausedTo('mentor').input.openQuestionUntil).toBe(asked.closesAt);
      const thanks = r.emails.find((e) => e.template === 'checkInThanks' && e.key.startsWith(asked.roundKey))!;
      // The day named: the pause ends when 1 June has begun for both (London and Berlin).
      expect(localDate(new Date(thanks.input.pausedUntil as string), 'Europe/London')).toBe('2027-06-01');
      expect(thanks.input.nextCheckIn).toBeUndefined();
      // Nothing is asked and nothing counted as missed while paused.
      const during = r.emails.filter((e) => e.sentAt > pauseAt(24) && e.sentAt < '2027-06-01' && e.question);
      expect(during).toEqual([]);
      expect([...r.records.values()].filter((v) => v.type === 'CheckIn' && v.met === false)).toEqual([]);
    });

    it('welcome back after a pause inside the first check-in, once one said they met: the fit check comes next, no review date (QA)', () => {
      const asked = firstCheckIn();
      const until = localDate(new Date(Date.parse(asked.sentAt) + 2 * 86_400_000), 'Europe/London');
      const r = simulate({ answer: slowMentee, controls: [{ at: pauseAt(50), request: { kind: 'pause', until } }] });
      expect(until < asked.closesAt.slice(0, 10)).toBe(true);
      for (const side of ['mentor', 'mentee']) {
        const welcome = r.emails.find((e) => e.template === 'pairingResumed' && e.to === `${side}@example.com`)!;
        expect(welcome.input.fitCheck, side).toBe('next');
        expect(welcome.input.nextCheckIn, side).toBeUndefined();
        const next = r.emails.find((e) => e.question && e.to === `${side}@example.com` && e.sentAt > welcome.sentAt)!;
        expect(next.template, side).toBe('fitCheckRequest');
      }
      // Paused before anyone answered: what comes next depends on the open check-in, and the email says only that.
      const early = simulate({ answer: slowMentee, controls: [{ at: pauseAt(2), request: { kind: 'pause', until } }] });
      const welcome = early.emails.find((e) => e.template === 'pairingResumed' && e.to === 'mentor@example.com')!;
      expect(welcome.input).toMatchObject({ openCheckIn: true });
      expect(welcome.input.nextCheckIn).toBeUndefined();
      expect(renderIntent(welcome.template, welcome.input, {}, 'crossgen <no-reply@example.org>').text.replace(/\s+/g, ' ')).toContain(
        'Your current check-in is still open: please answer it if you have not yet. The next question comes once it closes.',
      );
    });

    it('a pause and resume both after working hours tell nobody anything: no "welcome back" for a pause never announced (QA)', () => {
      // The check-in goes out at about 09:00 in London; paused at about 20:00, resumed at 22:00.
      const r = simulate({
        answer: agreeable,
        controls: [
          { at: pauseAt(11), request: { kind: 'pause' } },
          { at: pauseAt(13), request: { kind: 'resume' } },
        ],
      });
      const pausing = r.decisions.find((d) => d.decision.emails.some((e) => e.template === 'pairingPaused'))!;
      for (const e of pausing.decision.emails.filter((x) => x.template === 'pairingPaused')) expect(e.notBefore! > pauseAt(13), e.to).toBe(true);
      const resuming = r.decisions.find((d) => d.decision.pairing.status === 'active' && d.at === pauseAt(13))!;
      expect(resuming.decision.emails.filter((e) => e.template === 'pairingResumed')).toEqual([]);
      // Resumed the next afternoon, after both pause emails went: both are welcomed back.
      const later = simulate({
        answer: agreeable,
        controls: [
          { at: pauseAt(11), request: { kind: 'pause' } },
          { at: pauseAt(30), request: { kind: 'resume' } },
        ],
      });
      const back = later.decisions.find((d) => d.at === pauseAt(30))!;
      expect(
        back.decision.emails
          .filter((e) => e.template === 'pairingResumed')
          .map((e) => e.to)
          .sort(),
      ).toEqual(['mentee@example.com', 'mentor@example.com']);
    });

    it('whoever asked for the pause by reply is told at once, and welcomed back, even when HR resumes before morning (QA)', () => {
      const r = simulate({
        answer: agreeable,
        controls: [
          { at: pauseAt(11), request: { kind: 'pause', participantId: 'pt_mentee' } },
          { at: pauseAt(13), request: { kind: 'resume' } },
        ],
      });
      const pausing = r.decisions.find((d) => d.at === pauseAt(11))!;
      const told = (to: string) => pausing.decision.emails.find((e) => e.template === 'pairingPaused' && e.to === to)!;
      // The mentee's answers what she just wrote: no wait for the morning. The mentor's waits.
      expect(told('mentee@example.com').notBefore).toBeUndefined();
      expect(told('mentor@example.com').notBefore! > pauseAt(13)).toBe(true);
      const resuming = r.decisions.find((d) => d.at === pauseAt(13))!;
      expect(resuming.decision.emails.filter((e) => e.template === 'pairingResumed').map((e) => e.to)).toEqual(['mentee@example.com']);
    });

    it('a check-in nobody answers by its deadline is not counted as missed and is asked again after the pause', () => {
      const asked = firstCheckIn();
      const silent: NonNullable<typeof agreeable> = (e, side) => (e.question?.roundKey === asked.roundKey ? undefined : agreeable!(e, side));
      const r = simulate({ answer: silent, controls: [{ at: pauseAt(24), request: { kind: 'pause', until: '2027-06-01' } }] });
      expect(r.records.get(`CHECKIN#${asked.roundKey}`)).toBeUndefined();
      const closed = r.decisions.find((d) => d.decision.records.some((x) => x.item.kind === 'round-closed'))!;
      expect(closed.at).toBe(asked.closesAt);
      const after = r.emails.find((e) => e.template === 'checkInRequest' && e.sentAt > '2027-06-01')!;
      expect(after.input.since).toBeDefined();
      expect(r.pairing.checkInsMissed).toBe(0);
      // "Welcome back: the next check-in comes on ..." names when it is asked again, never a day before the pause ended.
      for (const side of ['mentor', 'mentee']) {
        const welcome = r.emails.find((e) => e.template === 'pairingResumed' && e.to === `${side}@example.com`)!;
        const again = r.emails.find((e) => e.template === 'checkInRequest' && e.to === `${side}@example.com` && e.sentAt > '2027-06-01')!;
        expect(welcome.input.nextCheckIn, side).toBe(again.sentAt);
        expect(String(welcome.input.nextCheckIn) >= welcome.sentAt, side).toBe(true);
      }
    });
  });

  it('a pause past the final review completes the pairing when it ends, without a "welcome back" naming a question that never comes', () => {
    const plain = simulate({ answer: agreeable });
    const last = plain.emails.filter((e) => e.question && e.question.purpose !== 'admin-decision').at(-1)!;
    const pausedAt = new Date(Date.parse(last.sentAt) + 3_600_000).toISOString();
    const until = new Date(Date.parse(last.sentAt) + 5 * 86_400_000).toISOString().slice(0, 10);
    // The mentee answers the final review at once; the mentor two days after it came, during the pause.
    const late: NonNullable<typeof agreeable> = (e, side) =>
      e.question?.roundKey === last.question!.roundKey && side === 'mentor' ? { ...agreeable!(e, side)!, delayHours: 48 } : agreeable!(e, side);
    const r = simulate({ answer: late, controls: [{ at: pausedAt, request: { kind: 'pause', until } }] });
    expect(r.statuses).toEqual(['proposed', 'introduced', 'active', 'paused', 'completed']);
    expect(r.emails.filter((e) => e.template === 'pairingResumed')).toEqual([]);
    const ending = r.decisions.find((d) => d.decision.pairing.status === 'completed')!;
    expect(ending.at).toBe(pauseEndsAt(until, ['Europe/London', 'Europe/Berlin']).toISOString());
    expect(ending.decision.emails.map((e) => e.template)).toContain('recognition');
    expect(r.pairing.pausedMs).toBe(pauseEndsAt(until, ['Europe/London', 'Europe/Berlin']).getTime() - Date.parse(pausedAt));
  });

  it('a second pause with a new date moves the resume date, keeps when the pause began, and tells both; the same date again changes nothing', () => {
    const r = simulate({
      answer: agreeable,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-04-01' } },
        { at: '2027-02-12T10:00:00Z', request: { kind: 'pause', until: '2027-03-01' } },
        { at: '2027-02-13T10:00:00Z', request: { kind: 'pause', until: '2027-03-01' } },
      ],
    });
    expect(r.statuses).toEqual(['proposed', 'introduced', 'active', 'paused', 'active', 'completed']);
    const notes = r.emails.filter((e) => e.template === 'pairingPaused');
    const zoneOf = (to: string) => (to.startsWith('mentor') ? 'Europe/London' : 'Europe/Berlin');
    expect(notes.map((e) => [e.to, localDate(new Date(e.input.resumeOn as string), zoneOf(e.to))])).toEqual([
      ['mentor@example.com', '2027-04-01'],
      ['mentee@example.com', '2027-04-01'],
      ['mentor@example.com', '2027-03-01'],
      ['mentee@example.com', '2027-03-01'],
    ]);
    const resumed = r.decisions.find((d) => d.decision.events.some((e) => e.type === 'PairingResumed'))!;
    expect(resumed.at).toBe('2027-03-01T00:00:00.000Z');
    expect(r.pairing.pausedMs).toBe(Date.parse('2027-03-01T00:00:00Z') - Date.parse('2027-02-10T10:00:00Z'));
  });

  it('two pauses with different dates in the same instant: both announced, each with its own event key, the later date kept', () => {
    const r = simulate({
      answer: agreeable,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-01' } },
        { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-08' } },
      ],
    });
    const paused = r.decisions.flatMap((d) => d.decision.events).filter((e) => e.type === 'PairingPaused');
    expect(paused.map((e) => (e.detail as { until?: string }).until)).toEqual(['2027-03-01T00:00:00.000Z', '2027-03-08T00:00:00.000Z']);
    expect(new Set(paused.map((e) => e.key)).size).toBe(2);
    const resumed = r.decisions.find((d) => d.decision.events.some((e) => e.type === 'PairingResumed'))!;
    expect(resumed.at).toBe('2027-03-08T00:00:00.000Z');
  });

  it('a pause until a day names that day to every reader, west of UTC too', async () => {
    const { renderIntent } = await import('../../../functions/domain/pairing/render');
    const r = simulate({
      answer: agreeable,
      mentee: { timeZone: 'America/New_York' },
      mentor: { timeZone: 'Europe/London' },
      controls: [{ at: '2027-02-10T15:00:00Z', request: { kind: 'pause', until: '2027-03-01' } }],
    });
    for (const e of r.emails.filter((x) => x.template === 'pairingPaused')) {
      expect(renderIntent(e.template, e.input).subject, e.to).toMatch(/is paused until Monday 1 March 2027$/);
    }
  });

  it('a pause email says who asked for it: the asker reads "as you asked", the partner their name, a pause by HR the program team', () => {
    /** Each reader's pause emails in order, as text on one line. */
    const pauseEmails = (participantId?: string, booked = false) => {
      const request = { kind: 'pause' as const, until: '2027-03-01', ...(booked ? { from: '2027-02-22' } : {}), ...(participantId ? { participantId } : {}) };
      const r = simulate({ answer: agreeable, controls: [{ at: '2027-02-10T10:00:00Z', request }] });
      const text = (to: string) =>
        r.emails.filter((e) => e.template === 'pairingPaused' && e.to === to).map((e) => renderIntent(e.template, e.input).text.replace(/\s+/g, ' '));
      return { mentor: text(mentor.email), mentee: text(mentee.email) };
    };
    const [mentor, mentee] = [participant('mentor'), participant('mentee')];
    const [mia, sam] = [mentor.name.split(' ')[0], mentee.name.split(' ')[0]];
    const byMentee = pauseEmails('pt_mentee');
    expect(byMentee.mentee).toEqual([expect.stringContaining(`Your pairing with ${mia} is paused until Monday 1 March 2027, as you asked.`)]);
    expect(byMentee.mentor).toEqual([expect.stringContaining(`Your pairing with ${sam} is paused until Monday 1 March 2027, as ${sam} asked.`)]);
    const byTeam = pauseEmails();
    for (const told of [byTeam.mentor, byTeam.mentee])
      expect(told).toEqual([expect.stringMatching(/is paused until Monday 1 March 2027, as the program team decided\./)]);
    // Booked by the mentor: told at the booking, and again when it starts, in the same voice.
    const booked = pauseEmails('pt_mentor', true);
    expect(booked.mentor).toEqual([
      expect.stringContaining('will pause from Monday 22 February 2027 until Monday 1 March 2027, as you asked.'),
      expect.stringContaining('is paused until Monday 1 March 2027, as you asked.'),
    ]);
    expect(booked.mentee).toEqual([
      expect.stringContaining(`will pause from Monday 22 February 2027 until Monday 1 March 2027, as ${mia} asked.`),
      expect.stringContaining(`is paused until Monday 1 March 2027, as ${mia} asked.`),
    ]);
  });

  it("the introduction's meeting series ends by the end of the pairing, however soon both accept", () => {
    for (const delayHours of [0, 50]) {
      const accept: NonNullable<typeof agreeable> = (e, side) =>
        e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' }, delayHours } : agreeable!(e, side);
      const r = simulate({ answer: accept, program: { lifecycle: { durationMonths: 1, checkInCadenceDays: 7 } } });
      expect(r.pairing.status).toBe('completed');
      const series = r.emails
        .filter((e) => e.template === 'introduction')
        .map((e) => (e.input.calendar as { slot?: { until: string } } | undefined)?.slot?.until);
      expect(series.length).toBeGreaterThan(0);
      for (const until of series) expect(Date.parse(until!), `accepted after ${delayHours} h`).toBeLessThanOrEqual(Date.parse(r.pairing.endedAt!));
    }
  });

  it('a 24-month program with a 3-month pause hands over before each execution reaches a year', () => {
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: { durationMonths: 24, checkInCadenceDays: 30, milestoneDays: [90, 365] } },
      controls: [{ at: '2027-06-01T10:00:00Z', request: { kind: 'pause', until: '2027-09-01' } }],
    });
    expect(r.pairing.status).toBe('completed');
    expect(r.generations).toBe(3);
  });
});

describe('every lifecycle email intent renders', () => {
  it('renders each email of a full program, with its links, for every reader', async () => {
    const { renderIntent } = await import('../../../functions/domain/pairing/render');
    const r = simulate({ answer: agreeable, program: { lifecycle: { durationMonths: 3 } } });
    const silent = simulate({ answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined) });
    const ended = simulate({ answer: agreeable, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'left', participantId: 'pt_mentee' } }] });
    const templates = new Set<string>();
    for (const e of [...r.emails, ...silent.emails, ...ended.emails]) {
      const links = Object.fromEntries((e.question?.choices ?? []).map((c) => [c, `https://answers.example.com/r/${c}`]));
      const rendered = renderIntent(e.template, e.input, links);
      expect(rendered.text.length, e.key).toBeGreaterThan(50);
      if (e.question) expect(rendered.text).toContain('https://answers.example.com/r/');
      templates.add(e.template);
    }
    expect([...templates].sort()).toEqual(
      [
        'acceptanceReminder',
        'adminDecisionRequest',
        'adminEscalation',
        'checkInRequest',
        'checkInThanks',
        'fitCheckRequest',
        'introduction',
        'managerNote',
        'milestoneSurvey',
        'missedCheckInNudge',
        'partnerLeft',
        'recognition',
        'seniorCommitmentNote',
      ]
        .filter((t) => templates.has(t))
        .sort(),
    );
    expect(templates.has('recognition') && templates.has('partnerLeft') && templates.has('adminDecisionRequest')).toBe(true);
  });
});

describe('a program whose cadence changes mid-way', () => {
  it('carries on after the last item done, at the new cadence, without asking an earlier one again', async () => {
    const { upcoming } = await import('../../../functions/domain/pairing/context');
    const { decideNext } = await import('../../../functions/domain/pairing/decide');
    const { programSchema } = await import('../../../functions/domain/program');
    const { participant } = await import('./simulate');
    // Two months of a fortnightly program, everyone answering.
    const r = simulate({ answer: agreeable, maxSteps: 60 });
    const p = r.pairing;
    expect(p.status).toBe('active');
    expect(p.planDoneMs).toBeGreaterThan(0);
    const weekly = programSchema.parse({
      programId: 'sim',
      name: 'Sim cohort',
      startDate: '2027-01-04',
      admins: ['admin@example.com'],
      lifecycle: { checkInCadenceDays: 7 },
    });
    const ctx = {
      pairing: p,
      program: weekly,
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      now: new Date(r.decisions.at(-1)!.at),
      execution: { startedAt: p.createdAt, generation: 1 },
    };
    const next = upcoming(ctx)[0]!;
    expect(next.offsetMs).toBeGreaterThan(p.planDoneMs!);
    // The first weekly item after the last one done: less than a week (plus the merge window) later.
    expect(next.offsetMs - p.planDoneMs!).toBeLessThanOrEqual(9 * 86_400_000);
    const d = decideNext({ ...ctx, now: new Date(Math.max(ctx.now.getTime(), next.dueAt.getTime())) });
    expect(d.pairing.round?.planOffsetMs ?? next.offsetMs).toBeGreaterThan(p.planDoneMs!);
  });
});

describe('a cadence shortened mid-run', () => {
  it('asks the latest check-in now due, once, and carries on at the new cadence from there (no check-ins back to back)', async () => {
    const { decideNext } = await import('../../../functions/domain/pairing/decide');
    const { participant, simPairing, simProgram } = await import('./simulate');
    // Accepted on 4 January; the first check-in was planned for day 14, and HR set the cadence to 7 days before it came.
    const program = simProgram({ lifecycle: { checkInCadenceDays: 7 } as ProgramInput['lifecycle'] });
    const pairing = simPairing('2027-01-04T09:00:00.000Z', {
      status: 'active',
      acceptedAt: '2027-01-04T10:00:00.000Z',
      startedAt: '2027-01-04T09:00:00.000Z',
      planPosition: 0,
      fitCheckAskedAt: '2027-01-04T10:00:00.000Z',
    });
    const now = new Date('2027-01-19T10:00:00.000Z'); // day 15: the old plan's wake
    const d = decideNext({
      pairing,
      program,
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      now,
      execution: { startedAt: '2027-01-04T09:00:00.000Z', generation: 1 },
    });
    const round = d.pairing.round!;
    expect(round.kind).toBe('check-in');
    expect(round.planOffsetMs).toBe(14 * 86_400_000);
    expect(Object.keys(round.asks).sort()).toEqual(['mentee', 'mentor']);
  });
});

describe('a program shortened mid-run', () => {
  it('past the point the pairing has reached, asks the end-of-program review now instead of completing without it', async () => {
    const { decideNext } = await import('../../../functions/domain/pairing/decide');
    const { upcoming } = await import('../../../functions/domain/pairing/context');
    const { participant, simPairing, simProgram } = await import('./simulate');
    // Accepted on 4 January, six check-ins done (day 84); HR then cut the program to one month.
    const program = simProgram({ lifecycle: { durationMonths: 1, checkInCadenceDays: 14, milestoneDays: [] } as unknown as ProgramInput['lifecycle'] });
    const pairing = simPairing('2027-01-04T09:00:00.000Z', {
      status: 'active',
      acceptedAt: '2027-01-04T10:00:00.000Z',
      startedAt: '2027-01-04T09:00:00.000Z',
      checkInsHeld: 6,
      planDoneMs: 84 * 86_400_000,
      fitCheckAskedAt: '2027-01-20T10:00:00.000Z',
    });
    const ctx = {
      pairing,
      program,
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      execution: { startedAt: '2027-01-04T09:00:00.000Z', generation: 1 },
    };
    const d = decideNext({ ...ctx, now: new Date('2027-03-30T10:00:00.000Z') });
    expect(d.pairing.status).toBe('active');
    expect(d.pairing.round?.kind).toBe('final-review');
    expect(d.pairing.finalReviewAskedAt).toBeDefined();
    // Once asked, it is not asked again: closing it completes the pairing.
    expect(upcoming({ ...ctx, pairing: d.pairing, now: new Date('2027-03-30T10:00:00.000Z') }).filter((i) => i.kind === 'final-review')).toEqual([]);
  });
});

describe('a pause during the end-of-program review, across months of different lengths', () => {
  // Accepted on 30 November: one month is 30 days (to 30 December). A pause of three weeks from the
  // review would move the plan's start to late December, from where one month is 31 days: the
  // review done at day 30 must not look like a day-31 item still to do.
  const finalReviewAsk = (e: { template: string; question?: { purpose: string; roundKey: string } }) =>
    e.template === 'milestoneSurvey' && e.question?.purpose === 'milestone';

  function run(menteeAnswers: boolean) {
    const program = { lifecycle: { durationMonths: 1, checkInCadenceDays: 14 } } as Partial<ProgramInput>;
    const answer: NonNullable<Parameters<typeof simulate>[0]>['answer'] = (e, side) => {
      if (finalReviewAsk(e as never) && side === 'mentee')
        return menteeAnswers ? { text: { intent: 'rating', rating: 4, score: 9 }, delayHours: 24 } : undefined;
      return agreeable!(e, side);
    };
    // A first run without the pause finds when the review reached both; the second is the same run with the pause.
    const plain = simulate({ start: '2026-11-30T07:00:00Z', program, answer });
    const asks = plain.emails.filter(finalReviewAsk);
    expect(asks).toHaveLength(2);
    const lastAsk = Math.max(...asks.map((e) => Date.parse(e.sentAt)));
    const pauseAt = new Date(lastAsk + 3 * 3_600_000);
    const until = new Date(pauseAt.getTime() + 22 * 86_400_000).toISOString().slice(0, 10);
    const r = simulate({
      start: '2026-11-30T07:00:00Z',
      program,
      answer,
      controls: [{ at: pauseAt.toISOString(), request: { kind: 'pause', until, participantId: 'pt_mentee' } }],
    });
    return { r, until, pauseAt };
  }

  for (const menteeAnswers of [true, false]) {
    it(`${menteeAnswers ? 'both answered (one during the pause)' : 'only the mentor answered'}: the pairing completes when the pause ends, with no "welcome back" and no second review`, () => {
      const { r, until, pauseAt } = run(menteeAnswers);
      expect(r.statuses).toEqual(['proposed', 'introduced', 'active', 'paused', 'completed']);
      // Each asked the review once, never again.
      expect(
        r.emails
          .filter(finalReviewAsk)
          .map((e) => e.to)
          .sort(),
      ).toEqual(['mentee@example.com', 'mentor@example.com']);
      expect(r.emails.map((e) => e.template)).not.toContain('pairingResumed');
      const recognition = r.emails.filter((e) => e.template === 'recognition');
      expect(recognition).toHaveLength(2);
      // On the day the pause ends, not a week later after a second review's deadline.
      for (const e of recognition) expect(e.sentAt.slice(0, 10)).toBe(until);
      // Opened once, before the pause (a second review would have opened it again on resuming).
      expect(Date.parse(r.pairing.finalReviewAskedAt!)).toBeLessThan(pauseAt.getTime());
    });
  }

  it('upcoming(): a final review done before a pause stays done, whatever month lengths the pause moves the plan across', async () => {
    const { upcoming } = await import('../../../functions/domain/pairing/context');
    const { participant, simPairing, simProgram } = await import('./simulate');
    const program = simProgram({ lifecycle: { durationMonths: 1 } as ProgramInput['lifecycle'] });
    const accepted = '2026-11-30T10:00:00.000Z';
    const pairing = simPairing(accepted, {
      status: 'active',
      acceptedAt: accepted,
      startedAt: accepted,
      checkInsHeld: 2,
      fitCheckAskedAt: '2026-12-15T10:00:00.000Z',
    });
    const ctx = {
      pairing,
      program,
      mentor: participant('mentor'),
      mentee: participant('mentee'),
      now: new Date(accepted),
      execution: { startedAt: accepted, generation: 1 },
    };
    const final = upcoming(ctx).find((i) => i.kind === 'final-review')!;
    expect(final.offsetMs).toBe(30 * 86_400_000);
    for (let pausedDays = 1; pausedDays <= 70; pausedDays++) {
      const done = { ...pairing, planDoneMs: final.offsetMs, finalReviewAskedAt: '2026-12-30T09:00:00.000Z', pausedMs: pausedDays * 86_400_000 };
      expect(upcoming(ctx, done), `${pausedDays} days paused`).toEqual([]);
      // The plan only moves by the time paused: every item keeps its place in it.
      expect(upcoming(ctx, { ...pairing, pausedMs: pausedDays * 86_400_000 }).map((i) => [i.kind, i.offsetMs])).toEqual(
        upcoming(ctx).map((i) => [i.kind, i.offsetMs]),
      );
    }
  });
});
