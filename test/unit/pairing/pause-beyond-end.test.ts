import { describe, expect, it } from 'vitest';
import { pauseBeyondEnd, pauseBeyondEndIssue, pauseBeyondEndProblem } from '../../../functions/domain/pairing/controls';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simPairing, simProgram, simulate } from './simulate';

/**
 * QA hrops5: "until 2028-01-05" on a 3-month pairing of a program ending 2027-03-31 (a typo for
 * 2027) was taken, pausing the pair long after the program. A pause may last until the program's
 * end date, or the pairing's own planned end when that comes later.
 */

const accepted = '2027-01-11T09:00:00.000Z';
const program = simProgram({ endDate: '2027-03-31', lifecycle: { durationMonths: 3 } });
const active = simPairing('2027-01-04T09:00:00.000Z', { status: 'active', acceptedAt: accepted });

describe('pauseBeyondEnd', () => {
  it('refuses a day after the program end date, naming it', () => {
    // The pairing comes to its end on 11 April (three months from acceptance), after 31 March.
    expect(pauseBeyondEnd('2028-01-05', program, active)).toEqual({ lastDay: '2027-04-11', programEndDate: '2027-03-31', pairingEndsLater: true });
    const early = simPairing('2026-12-01T09:00:00.000Z', { status: 'active', acceptedAt: '2026-12-01T09:00:00.000Z' });
    expect(pauseBeyondEnd('2028-01-05', program, early)).toEqual({ lastDay: '2027-03-31', programEndDate: '2027-03-31', pairingEndsLater: false });
    expect(pauseBeyondEnd('2027-04-01', program, early)).toBeDefined();
  });

  it('words the refusal once, for the admin API and a dead-lettered event: the last day and what to do', () => {
    const later = pauseBeyondEnd('2028-01-05', program, active)!;
    expect(pauseBeyondEndProblem('p-1', '2028-01-05', later)).toBe(
      'Pairing p-1 cannot be paused until 2028-01-05: it comes to its end on 2027-04-11, after the program\'s end date (2027-03-31). Send an "until" on or before 2027-04-11 (check the year), or end the pairing if it cannot go on.',
    );
    expect(pauseBeyondEndIssue(later)).toBe("must not be after the pairing's end (2027-04-11)");
    const early = pauseBeyondEnd('2028-01-05', program, simPairing('2026-12-01T09:00:00.000Z', { status: 'active', acceptedAt: '2026-12-01T09:00:00.000Z' }))!;
    expect(pauseBeyondEndProblem('p-2', '2028-01-05', early)).toBe(
      'Pairing p-2 cannot be paused until 2028-01-05: the program ends on 2027-03-31. Send an "until" on or before 2027-03-31 (check the year), or end the pairing if it cannot go on.',
    );
    expect(pauseBeyondEndIssue(early)).toBe("must not be after the program's end date (2027-03-31)");
  });

  it('takes a day up to the later of the two ends, and any day in a program without an end date', () => {
    expect(pauseBeyondEnd('2027-03-31', program, active)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-11', program, active)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-12', program, active)).toBeDefined();
    expect(pauseBeyondEnd('2028-01-05', simProgram({ lifecycle: { durationMonths: 3 } }), active)).toBeUndefined();
  });

  it('counts a pause under way in the pairing end, as its resume will', () => {
    const paused = { ...active, status: 'paused' as const, pausedAt: '2027-03-01T09:00:00.000Z', pausedUntil: '2027-03-15T00:00:00.000Z' };
    // Two weeks paused, less 9 hours: the end moves from 11 April 09:00 to 25 April 00:00.
    expect(pauseBeyondEnd('2027-04-25', program, paused)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-26', program, paused)).toMatchObject({ lastDay: '2027-04-25', pairingEndsLater: true });
  });

  it("bounds a pairing in its end-of-program review by the review's deadline, when that comes later (QA time7)", () => {
    // The plan ended on 11 April and the program on 31 March; the review is open until 21 April.
    const review = {
      ...active,
      finalReviewAskedAt: '2027-04-11T09:00:00.000Z',
      round: {
        key: 'round-009',
        kind: 'final-review' as const,
        label: 'End of program review',
        dueAt: '2027-04-11T09:00:00.000Z',
        closesAt: '2027-04-21T23:00:00.000Z',
        asks: {},
        answers: {},
      },
    };
    expect(pauseBeyondEnd('2027-04-21', program, review)).toBeUndefined();
    expect(pauseBeyondEnd('2027-04-22', program, review)).toEqual({ lastDay: '2027-04-21', programEndDate: '2027-03-31', pairingEndsLater: true });
  });

  it('bounds a pairing not started yet by the program end date alone', () => {
    const introduced = simPairing('2027-03-20T09:00:00.000Z', { status: 'introduced' });
    expect(pauseBeyondEnd('2027-04-02', program, introduced)).toEqual({ lastDay: '2027-03-31', programEndDate: '2027-03-31', pairingEndsLater: false });
  });
});

/**
 * The same bound on a PAUSE by reply: "PAUSE until 30 June" on a program ending 31 March paused the
 * pair into July and moved every date after it (the admin API refused the same day). Nothing is
 * paused or changed, and the person who asked is told the last day a pause may run to.
 */
describe('a reply PAUSE past the end', () => {
  const MENTOR = 'mentor@example.com';
  const options = { answer: agreeable, program: { endDate: '2027-03-31', lifecycle: { durationMonths: 3 } as never }, mentor: { participantId: 'pt_mentor' } };
  const told = (r: ReturnType<typeof simulate>) => r.emails.filter((e) => e.template === 'pairingPaused' && e.input.pastEnd !== undefined);

  it('pauses nothing, and tells only the asker the last day, at once', () => {
    const r = simulate({ ...options, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-06-30', participantId: 'pt_mentor' } }] });
    expect(r.events.some((e) => e.type === 'PairingPaused')).toBe(false);
    expect(r.statuses).not.toContain('paused');
    const [email, ...more] = told(r);
    expect(more).toEqual([]);
    expect(email!.to).toBe(MENTOR);
    expect(email!.sentAt).toBe('2027-02-10T10:00:00.000Z');
    const rendered = renderIntent(email!.template, email!.input);
    expect(rendered.subject).toBe('Your pairing with Sam was not paused: Wednesday 30 June 2027 is after the end');
    const text = rendered.text.replace(/\s+/g, ' ');
    // Accepted on 4 January, three months run to 4 April: later than the program's 31 March.
    expect(text).toContain('but your pairing with Sam comes to its end on Sunday 4 April 2027. A pause cannot run past that day, so nothing was paused');
    expect(text).toContain('reply PAUSE with a day on or before Sunday 4 April 2027 (for example "PAUSE until 4 April")');
    expect(r.pairing.status).toBe('completed');
  });

  it('leaves a pause under way as it was, and says until when', () => {
    const r = simulate({
      ...options,
      controls: [
        { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-02-24', participantId: 'pt_mentor' } },
        { at: '2027-02-12T10:00:00Z', request: { kind: 'pause', until: '2027-09-01', participantId: 'pt_mentor' } },
      ],
    });
    const [email] = told(r);
    const text = renderIntent(email!.template, email!.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('so the date was not changed: your pairing stays paused until Wednesday 24 February 2027.');
    expect(r.events.find((e) => e.type === 'PairingResumed')!.at.slice(0, 10)).toBe('2027-02-24');
  });

  it('from HR (no asker) changes nothing and emails nobody', () => {
    const r = simulate({ ...options, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-06-30' } }] });
    expect(r.events.some((e) => e.type === 'PairingPaused')).toBe(false);
    expect(told(r)).toEqual([]);
  });

  it('a day up to the end still pauses', () => {
    const r = simulate({ ...options, controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-10', participantId: 'pt_mentor' } }] });
    expect(r.events.some((e) => e.type === 'PairingPaused')).toBe(true);
    expect(told(r)).toEqual([]);
  });
});
