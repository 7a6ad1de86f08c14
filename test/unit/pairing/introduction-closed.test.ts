import { describe, expect, it } from 'vitest';
import { formatDeadline } from '../../../functions/domain/emails/format';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { PersonOutcome } from '../../../functions/domain/pairing/rematch';
import { simulate, type SimOptions, type SimResult } from './simulate';

/**
 * How an introduction that closes without both YES leaves each person (docs/lifecycle.md, Rematch
 * policy; docs/emails.md, `pairingNotStarted`). HR QA: nobody who stayed silent was told anything
 * (the outbox held only the introduction and its reminder, and the rematch's waitlist email was left
 * out as "already promised"); a plain NO was recorded and never acknowledged; a STOP to the
 * introduction made the pairing `ended` and listed it among pairings that ended early.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const silent: SimOptions['answer'] = () => undefined;
const acceptanceAnswer =
  (mentor: Record<string, unknown> | undefined, mentee: Record<string, unknown> | undefined): SimOptions['answer'] =>
  (e, side) => {
    if (e.question?.purpose !== 'acceptance') return undefined;
    const text = side === 'mentor' ? mentor : mentee;
    return text ? { text: text as { intent: string } } : undefined;
  };

function emailsTo(r: SimResult, to: string) {
  return r.emails.filter((e) => e.to === to);
}

function closedNote(r: SimResult, to: string) {
  const notes = emailsTo(r, to).filter((e) => e.template === 'pairingNotStarted');
  expect(
    notes,
    emailsTo(r, to)
      .map((e) => e.template)
      .join(', '),
  ).toHaveLength(1);
  const note = notes[0]!;
  return { intent: note, text: flat(renderIntent(note.template, note.input).text), subject: renderIntent(note.template, note.input).subject };
}

function outcomeOf(r: SimResult, participantId: string): PersonOutcome | undefined {
  return r.decisions.flatMap((d) => d.decision.people).find((p) => p.participantId === participantId);
}

describe('an introduction neither person answers', () => {
  it('tells each of them, once and in their working hours, that it closed unanswered and that a new partner is looked for', () => {
    const r = simulate({ answer: silent });
    expect(r.pairing).toMatchObject({ status: 'not-started', statusReason: 'no-answer' });
    const deadline = r.decisions.find((d) => d.decision.pairing.round?.kind === 'acceptance')!.decision.pairing.round!.closesAt;
    for (const [who, id, zone] of [
      ['mentor@example.com', 'pt_mentor', 'Europe/London'],
      ['mentee@example.com', 'pt_mentee', 'Europe/Berlin'],
    ] as const) {
      const { intent, text, subject } = closedNote(r, who);
      expect(subject).toMatch(/^Your introduction to \w+ has closed: we are finding you a new match$/);
      // The day it names is the day the introduction and its reminder gave.
      expect(text).toContain(`We did not have your answer by ${formatDeadline(deadline, zone)}, so your introduction to`);
      expect(text).toContain('has closed and the pairing will not start');
      expect(text).toContain('We are looking for a new partner for you, and you will receive an introduction email when there is a good match.');
      // A notice: held for the reader's working hours (the deadline passes at the end of a day).
      expect(intent.notBefore).toBeDefined();
      const local = new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(intent.notBefore!));
      expect(Number(local)).toBeGreaterThanOrEqual(9);
      expect(Number(local)).toBeLessThan(17);
      // The promise holds: both are asked for by the rematch, which waits until they have read this.
      expect(outcomeOf(r, id)).toMatchObject({ status: 'awaiting-rematch' });
    }
    const rematch = r.decisions.flatMap((d) => d.decision.events).find((e) => e.type === 'RematchRequested')!;
    expect(rematch.detail).toMatchObject({ participantIds: ['pt_mentor', 'pt_mentee'], reason: 'not-started-no-answer' });
    const notes = r.emails.filter((e) => e.template === 'pairingNotStarted').map((e) => e.notBefore!);
    expect(rematch.notBefore! >= notes.sort().at(-1)!).toBe(true);
  });

  it('after an earlier unanswered introduction: says no new partner is looked for on their own, and whom to write to', () => {
    const r = simulate({ answer: silent, mentor: { unansweredIntroductions: 1 } });
    expect(outcomeOf(r, 'pt_mentor')).toMatchObject({ status: 'inactive' });
    const { text, subject } = closedNote(r, 'mentor@example.com');
    expect(subject).toMatch(/has closed$/);
    expect(text).toContain('we will not look for a new partner for you on our own any more');
    expect(text).toMatch(/If you would like to take part after all, write to .+ at admin@example\.com\./);
    expect(text).not.toMatch(/looking for a new partner/);
    // Never offered: the rematch names the mentee alone.
    const rematch = r.decisions.flatMap((d) => d.decision.events).find((e) => e.type === 'RematchRequested')!;
    expect(rematch.detail).toMatchObject({ participantIds: ['pt_mentee'] });
  });

  it('past the rematch cap: the note is their waitlist notice, so no second one follows', () => {
    const r = simulate({ answer: silent, mentee: { rematchAttempts: 3 } });
    expect(outcomeOf(r, 'pt_mentee')).toMatchObject({ status: 'waitlisted', toldInEndEmail: true });
    expect(closedNote(r, 'mentee@example.com').text).toContain('you are now on the waitlist and the program team will decide with you how to go on');
  });

  it('the silent one whose partner said YES is told too; the partner gets the usual notice, which names no one', () => {
    const r = simulate({ answer: acceptanceAnswer({ intent: 'yes' }, undefined) });
    expect(closedNote(r, 'mentee@example.com').text).toContain('We did not have your answer by');
    const partner = closedNote(r, 'mentor@example.com').text;
    expect(partner).toContain('Thank you for saying yes.');
    expect(partner).not.toMatch(/did not have|answer/i);
  });
});

describe('a plain NO to an introduction', () => {
  const reason = 'I would prefer someone who knows AI tools';
  const declined = (extra: Record<string, unknown> = {}) => simulate({ answer: acceptanceAnswer({ intent: 'yes' }, { intent: 'no', note: reason, ...extra }) });

  it('is acknowledged once, in working hours: the introduction is closed, the partner is not told why, and they stay in the pool', () => {
    const r = declined();
    expect(r.pairing).toMatchObject({ status: 'not-started', statusReason: `declined: ${reason}` });
    const { intent, text, subject } = closedNote(r, 'mentee@example.com');
    expect(subject).toBe('Your introduction to Mia is closed');
    expect(text).toContain('We have recorded your NO: your introduction to Mia is closed and the pairing will not start.');
    expect(text).toContain('Mia is not told why: the reason you gave is read only by the program team.');
    expect(text).toMatch(/the next time .+ matches people, you may be offered a new partner/);
    expect(intent.notBefore === undefined || intent.heldForZone === 'Europe/Berlin').toBe(true);
    // The promise holds: back in the pool for the next matching run, available at once.
    expect(outcomeOf(r, 'pt_mentee')).toMatchObject({ status: 'enrolled' });
    expect(outcomeOf(r, 'pt_mentee')!.standing.availableFrom).toBeUndefined();
    // The partner's notice says no more than before: nothing of the NO or its reason.
    const partner = closedNote(r, 'mentor@example.com').text;
    expect(partner).not.toMatch(/\bNO\b|declin|AI tools|reason you|not told why/);
    expect(
      emailsTo(r, 'mentor@example.com')
        .filter((e) => !e.question)
        .map((e) => e.template),
    ).toEqual(['pairingNotStarted']);
  });

  it('by the answer link with the day they are back: the acknowledgement names that day, the one stored', () => {
    const r = declined({ note: 'away until 1 March', channel: 'link' });
    const from = outcomeOf(r, 'pt_mentee')!.standing.availableFrom;
    expect(from).toBe('2027-03-01');
    expect(closedNote(r, 'mentee@example.com').text).toContain(
      'We read that you are back on Monday 1 March 2027: you will not be matched with a new partner before that day.',
    );
  });

  it('by reply with the day they are back: the reply reader confirmed it (declineRecorded), so the lifecycle sends nothing more', () => {
    const r = declined({ note: 'away until 1 March', channel: 'email' });
    expect(emailsTo(r, 'mentee@example.com').filter((e) => e.template === 'pairingNotStarted')).toEqual([]);
  });
});

describe('a STOP to an introduction before anyone accepted', () => {
  it('leaves the pairing not started, with its reason, and announces it as such (not as an early end)', () => {
    const r = simulate({
      answer: silent,
      controls: [{ at: '2027-01-05T10:00:00Z', request: { kind: 'left', participantId: 'pt_mentee', reason: 'withdrawn' } }],
    });
    expect(r.pairing).toMatchObject({ status: 'not-started', statusReason: 'participant-withdrew' });
    expect(r.statuses).not.toContain('ended');
    const types = r.events.map((e) => e.type);
    expect(types).toContain('PairingNotStarted');
    expect(types).not.toContain('PairingEnded');
    expect(r.events.find((e) => e.type === 'PairingNotStarted')!.detail).toMatchObject({ reason: 'declined' });
  });

  it('once the pairing runs, a STOP still ends it', () => {
    const r = simulate({
      answer: acceptanceAnswer({ intent: 'yes' }, { intent: 'yes' }),
      controls: [{ at: '2027-01-20T10:00:00Z', request: { kind: 'left', participantId: 'pt_mentee', reason: 'withdrawn' } }],
    });
    expect(r.pairing).toMatchObject({ status: 'ended', statusReason: 'participant-withdrew' });
  });
});
