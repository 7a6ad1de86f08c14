import { describe, expect, it } from 'vitest';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimOptions } from './simulate';

/** The fit check (issue 13 point 2) on the pure lifecycle core. */

const fitAnswer =
  (mentor: string, mentee: string, note?: string): SimOptions['answer'] =>
  (email, side) => {
    if (email.question?.purpose === 'fit') return { text: { intent: side === 'mentor' ? mentor : mentee, ...(note ? { note } : {}) } };
    return agreeable!(email, side);
  };

const hourIn = (iso: string, timeZone: string) =>
  Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(iso)));

describe('fit check', () => {
  it("is asked once, after the first check-in in which the pair met, at each person's own send time, with one deadline", () => {
    // At the send time itself (no spread over the send window), so that the hour can be named.
    const r = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } } });
    const asks = r.emails.filter((e) => e.template === 'fitCheckRequest');
    expect(asks.map((e) => e.question?.side).sort()).toEqual(['mentee', 'mentor']);
    expect(new Set(asks.map((e) => e.question?.closesAt)).size).toBe(1);
    expect(new Set(asks.map((e) => e.question?.roundKey)).size).toBe(1);
    const mentorAsk = asks.find((e) => e.question?.side === 'mentor')!;
    const menteeAsk = asks.find((e) => e.question?.side === 'mentee')!;
    expect(hourIn(mentorAsk.sentAt, 'Europe/London')).toBe(9);
    expect(hourIn(menteeAsk.sentAt, 'Europe/Berlin')).toBe(9);
    const firstHeld = [...r.records.values()].find((i) => i.type === 'CheckIn' && i.met === true)!;
    expect(Date.parse(mentorAsk.sentAt)).toBeGreaterThanOrEqual(Date.parse(String(firstHeld.at)));
    expect(mentorAsk.question?.choices).toEqual(['yes', 'unsure', 'no']);
    expect(r.pairing.status).toBe('completed');
  });

  it('a pause between the first held check-in and the fit check going out keeps it: asked after the resume, and the welcome back says so (QA)', () => {
    const plain = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } } });
    const closed = Date.parse(String([...plain.records.values()].find((i) => i.type === 'CheckIn' && i.met === true)!.at));
    const firstAsk = Math.min(...plain.emails.filter((e) => e.template === 'fitCheckRequest').map((e) => Date.parse(e.sentAt)));
    expect(firstAsk).toBeGreaterThan(closed);
    const pauseAt = new Date((closed + firstAsk) / 2).toISOString();
    const until = new Date(firstAsk + 10 * 86_400_000).toISOString().slice(0, 10);
    const r = simulate({ answer: agreeable, program: { lifecycle: { sendWindowMinutes: 0 } }, controls: [{ at: pauseAt, request: { kind: 'pause', until } }] });
    const asks = r.emails.filter((e) => e.template === 'fitCheckRequest');
    expect(asks.map((e) => e.question?.side).sort()).toEqual(['mentee', 'mentor']);
    for (const ask of asks) expect(ask.sentAt >= until).toBe(true);
    const welcome = r.emails.filter((e) => e.template === 'pairingResumed');
    expect(welcome).toHaveLength(2);
    for (const w of welcome) expect(w.input.fitCheck).toBe('next');
  });

  it('is not asked while the pair has not met', () => {
    const r = simulate({ answer: (e) => (e.question?.purpose === 'acceptance' ? { text: { intent: 'yes' } } : undefined), maxSteps: 60 });
    expect(r.emails.some((e) => e.template === 'fitCheckRequest')).toBe(false);
  });

  it('"no" from either ends the pairing as not-a-fit: the same neutral email to both, a rematch for both, nothing counted against anyone', () => {
    const r = simulate({ answer: fitAnswer('yes', 'no', 'we do not click') });
    expect(r.pairing.status).toBe('ended');
    expect(r.pairing.statusReason).toBe('not-a-fit');
    expect(r.pairing.checkInsMissed).toBe(0);
    const ended = r.emails.filter((e) => e.template === 'pairingEnded');
    expect(ended.map((e) => e.input.reason)).toEqual(['changing-pairings', 'changing-pairings']);
    expect(ended.map((e) => e.input.rematchRequested)).toEqual([true, true]);
    const rematch = r.events.find((e) => e.type === 'RematchRequested');
    expect(rematch?.detail).toMatchObject({ participantIds: ['pt_mentor', 'pt_mentee'], reason: 'not-a-fit' });
    expect(r.events.find((e) => e.type === 'PairingEnded')?.detail.reason).toBe('not-a-fit');
    // The note stays with the admins: in the fit record, never in an email or event.
    const record = [...r.records.values()].find((i) => i.type === 'FitCheck');
    expect(record).toMatchObject({ mentor: { answer: 'yes' }, mentee: { answer: 'no', note: 'we do not click' } });
    expect(JSON.stringify(r.events)).not.toContain('we do not click');
    expect(JSON.stringify(r.emails)).not.toContain('we do not click');
  });

  it('"not sure" tells the admins privately and the pairing carries on', () => {
    const r = simulate({ answer: fitAnswer('unsure', 'yes', 'different expectations') });
    const notes = r.emails.filter((e) => e.template === 'adminFitUnsure');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.to).toBe('admin@example.com');
    expect(notes[0]!.input.unsure).toEqual([{ name: 'Mia Mentor', role: 'mentor', note: 'different expectations' }]);
    expect(r.pairing.status).toBe('completed');
    expect(r.emails.filter((e) => e.to !== 'admin@example.com').some((e) => JSON.stringify(e.input).includes('different expectations'))).toBe(false);
  });

  it('silence is not a no: the pairing carries on', () => {
    const r = simulate({ answer: (e, side) => (e.question?.purpose === 'fit' ? undefined : agreeable!(e, side)) });
    expect(r.pairing.status).toBe('completed');
    expect([...r.records.values()].find((i) => i.type === 'FitCheck')).toMatchObject({ mentor: { answer: 'no-answer' }, mentee: { answer: 'no-answer' } });
  });

  describe('a pause between the two fit-check emails (the mentee in Berlin is asked an hour before the mentor in London)', () => {
    const program = { lifecycle: { sendWindowMinutes: 0 } };
    const plain = simulate({ answer: agreeable, program });
    const sends = plain.emails.filter((e) => e.template === 'fitCheckRequest').map((e) => Date.parse(e.sentAt));
    const pauseAt = new Date((Math.min(...sends) + Math.max(...sends)) / 2).toISOString();
    const until = new Date(Math.max(...sends) + 10 * 86_400_000).toISOString().slice(0, 10);
    const withMentee =
      (mentee: { intent: string; note?: string; delayHours: number } | undefined): SimOptions['answer'] =>
      (email, side) => {
        if (email.question?.purpose !== 'fit') return agreeable!(email, side);
        if (side === 'mentor') return { text: { intent: 'yes' } };
        return mentee && { text: { intent: mentee.intent, ...(mentee.note ? { note: mentee.note } : {}) }, delayHours: mentee.delayHours };
      };

    it.each([
      ['answered before the pause', { intent: 'unsure', note: 'too early to say', delayHours: 0.2 }, true],
      ['answered during the pause', { intent: 'unsure', note: 'too early to say', delayHours: 5 }, false],
      ['silent', undefined, false],
    ] as const)('mentee %s: the mentor is asked after the resume, the mentee not again, and every answer counts', (_, mentee, answeredBeforePause) => {
      const r = simulate({ answer: withMentee(mentee), program, controls: [{ at: pauseAt, request: { kind: 'pause', until } }] });
      const asks = r.emails.filter((e) => e.template === 'fitCheckRequest');
      expect(asks.map((e) => e.question?.side).sort()).toEqual(['mentee', 'mentor']);
      const mentorAsk = asks.find((e) => e.question?.side === 'mentor')!;
      const menteeAsk = asks.find((e) => e.question?.side === 'mentee')!;
      expect(menteeAsk.sentAt < pauseAt).toBe(true);
      expect(mentorAsk.sentAt >= until).toBe(true);
      // The round the mentor answers is the one the mentee was asked in, open at least as long as the mentee was told.
      expect(mentorAsk.question?.roundKey).toBe(menteeAsk.question?.roundKey);
      expect(mentorAsk.question!.closesAt >= menteeAsk.question!.closesAt).toBe(true);
      const fit = [...r.records.values()].filter((i) => i.type === 'FitCheck');
      expect(fit).toHaveLength(1);
      expect(fit[0]).toMatchObject({
        mentor: { answer: 'yes' },
        mentee: mentee ? { answer: 'unsure', note: 'too early to say' } : { answer: 'no-answer' },
      });
      expect(r.emails.filter((e) => e.template === 'adminFitUnsure')).toHaveLength(mentee ? 1 : 0);
      // The pause email tells the mentee their question stays open unless they answered it; the mentor was asked nothing yet.
      const paused = r.emails.filter((e) => e.template === 'pairingPaused');
      expect(paused.find((e) => e.to === 'mentee@example.com')!.input.openQuestionUntil).toBe(answeredBeforePause ? undefined : menteeAsk.question?.closesAt);
      expect(paused.find((e) => e.to === 'mentor@example.com')!.input.openQuestionUntil).toBeUndefined();
      // The welcome back: the fit check comes next for the mentor; for the mentee it is out already.
      const welcome = r.emails.filter((e) => e.template === 'pairingResumed');
      const mentorWelcome = welcome.find((e) => e.to === 'mentor@example.com')!;
      const menteeWelcome = welcome.find((e) => e.to === 'mentee@example.com')!;
      expect(mentorWelcome.input.fitCheck).toBe('next');
      expect(menteeWelcome.input.fitCheck).toBe('open');
      expect(renderIntent(mentorWelcome.template, mentorWelcome.input).text.replace(/\s+/g, ' ')).toContain(
        'Next comes a short question on whether the pairing is a good fit for you',
      );
      expect(mentorWelcome.sentAt <= mentorAsk.sentAt).toBe(true);
      // No check-in opens while the fit check is out, and the pairing runs to its end.
      const nextCheckIn = r.emails.find((e) => e.template === 'checkInRequest' && e.sentAt > menteeAsk.sentAt)!;
      expect(Date.parse(nextCheckIn.sentAt)).toBeGreaterThan(Date.parse(String(fit[0]!.at)) - 1);
      expect(r.pairing.status).toBe('completed');
    });
  });
});
