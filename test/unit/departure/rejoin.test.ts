import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import type { Participant } from '../../../functions/domain/participant';
import { decideParticipantUpdate } from '../../../functions/domain/participant-update';
import { departureIsOlder, enrolledSince, enrolmentIsOlderThanLeave, futureDatedIssue, returnStamps, toTheSecond } from '../../../functions/domain/rejoin';
import { participant } from '../pairing/simulate';

/**
 * A return (a re-hire enrolled again, a suppressed person back under a working address) and the
 * HR events from before it (docs/lifecycle.md, "Out of order"): a late or replayed departure or
 * address update does not undo it.
 */

// Maya enrolled on 1 January, HR moved her address on 1 March, she left on 2 March and was
// re-hired under a new address on 22 March at 10:15:30.250.
const ENROLLED = '2027-01-01T09:00:00.000Z';
const T0 = '2027-03-01T09:00:00.000Z';
const LEFT = '2027-03-02T09:00:00.000Z';
const REHIRED = '2027-03-22T10:15:30.250Z';

const maya = (over: Partial<Participant> = {}) =>
  participant('mentor', {
    participantId: 'pt_maya',
    email: 'maya.married@example.com',
    createdAt: ENROLLED,
    fieldUpdatedAt: { email: T0 },
    status: 'left',
    ...over,
  });

/** Maya as the re-hire stores her: the return's stamps with the new address. */
const rehired = () => {
  const before = maya();
  return maya({ status: 'enrolled', email: 'maya.back@example.com', ...returnStamps(before, ['email'], REHIRED) });
};

const update = (who: Participant, detail: Record<string, unknown>, at: string, newAddressSuppressed = false) =>
  decideParticipantUpdate({
    participant: who,
    update: inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...detail }),
    cohort: [who],
    running: [],
    rules: { notSameDepartment: false },
    at,
    newAddressSuppressed,
  });

describe('a return records when it happened, to the second, as HR events give their time', () => {
  it('stamps the return and each field it changes; a later time already stored is kept', () => {
    expect(toTheSecond(REHIRED)).toBe('2027-03-22T10:15:30.000Z');
    expect(returnStamps(maya(), [], REHIRED)).toEqual({ rejoinedAt: '2027-03-22T10:15:30.000Z' });
    expect(returnStamps(maya(), ['email'], new Date(REHIRED))).toEqual({
      rejoinedAt: '2027-03-22T10:15:30.000Z',
      fieldUpdatedAt: { email: '2027-03-22T10:15:30.000Z' },
    });
    // An HR event dated ahead of the return (a future effective date) and a later return stay.
    const ahead = maya({ fieldUpdatedAt: { email: '2027-04-01T00:00:00.000Z', name: T0 }, rejoinedAt: '2027-05-01T00:00:00.000Z' });
    expect(returnStamps(ahead, ['email'], REHIRED)).toEqual({
      rejoinedAt: '2027-05-01T00:00:00.000Z',
      fieldUpdatedAt: { email: '2027-04-01T00:00:00.000Z', name: T0 },
    });
  });

  it('an enrolment began at its last return, else at its first enrolment', () => {
    expect(enrolledSince(maya())).toBe(ENROLLED);
    expect(enrolledSince(rehired())).toBe('2027-03-22T10:15:30.000Z');
  });
});

describe('a departure older than the enrolment as it stands changes nothing', () => {
  it('a ParticipantLeft from before the re-hire (late, or replayed from the archive) is older; one after it is not', () => {
    expect(departureIsOlder(rehired(), LEFT)).toBe(true);
    expect(departureIsOlder(rehired(), '2027-03-22T10:15:29Z')).toBe(true);
    expect(departureIsOlder(rehired(), '2027-03-23T08:00:00Z')).toBe(false);
    // Without a return, the same departure applies to the enrolment it names.
    expect(departureIsOlder(maya({ status: 'enrolled' }), LEFT)).toBe(false);
  });

  it('one of the same second as the return applies (the last delivered wins, as for two HR events of one second)', () => {
    expect(departureIsOlder(rehired(), '2027-03-22T10:15:30Z')).toBe(false);
    expect(departureIsOlder(rehired(), '2027-03-22T10:15:30.900Z')).toBe(false);
  });

  it('an enrolment made after the departure (a re-hire enrolled in another program) is not left by it', () => {
    const newCohort = participant('mentor', { participantId: 'pt_maya2', createdAt: '2027-03-25T08:00:00.120Z', status: 'paired' });
    expect(departureIsOlder(newCohort, LEFT)).toBe(true);
    // HR names an enrolment only once it exists: a departure of the very second it was made applies.
    expect(departureIsOlder(newCohort, '2027-03-25T08:00:00Z')).toBe(false);
  });

  it('a departure whose time is unknown applies', () => {
    expect(departureIsOlder(rehired(), undefined)).toBe(false);
    expect(departureIsOlder(rehired(), 'not a time')).toBe(false);
  });

  it('someone back from a suppression under a new address (an HR update) came back at the update: an older departure is older', () => {
    const sam = participant('mentee', {
      participantId: 'pt_sam',
      email: 'sam@example.com',
      createdAt: ENROLLED,
      status: 'suppressed',
    });
    const d = update(sam, { email: 'sam.new@example.com' }, '2027-03-10T12:00:00.000Z');
    if (!d.ok) throw new Error('rejected');
    expect(d.comesBack).toBe(true);
    expect(d.writes).toMatchObject({
      email: 'sam.new@example.com',
      rejoinedAt: '2027-03-10T12:00:00.000Z',
      fieldUpdatedAt: { email: '2027-03-10T12:00:00.000Z' },
    });
    expect(departureIsOlder(d.participant, '2027-03-09T17:00:00Z')).toBe(true);
    expect(departureIsOlder(d.participant, '2027-03-10T12:00:00Z')).toBe(false);
    // An update that brings nobody back records no return.
    const stays = update(sam, { email: 'sam.new@example.com' }, '2027-03-10T12:00:00.000Z', true);
    if (!stays.ok) throw new Error('rejected');
    expect(stays.writes.rejoinedAt).toBeUndefined();
  });
});

describe("an address update older than a re-hire's new address leaves it", () => {
  it('the replayed update that set the old address changes nothing; a later one moves it', () => {
    const back = rehired();
    const replay = update(back, { email: 'maya.married@example.com', timeZone: 'Asia/Tokyo' }, T0);
    if (!replay.ok) throw new Error('rejected');
    expect(replay.stale).toEqual(['email']);
    expect(replay.changes).toEqual({ timeZone: 'Asia/Tokyo' });
    expect(replay.participant.email).toBe('maya.back@example.com');
    const later = update(back, { email: 'maya.work@example.com' }, '2027-03-23T08:00:00.000Z');
    if (!later.ok) throw new Error('rejected');
    expect(later.changes).toEqual({ email: 'maya.work@example.com' });
  });

  it('one of the same second as the re-hire applies, as the later of two HR events of one second does', () => {
    const d = update(rehired(), { email: 'maya.work@example.com' }, '2027-03-22T10:15:30.000Z');
    if (!d.ok) throw new Error('rejected');
    expect(d.stale).toEqual([]);
    expect(d.changes).toEqual({ email: 'maya.work@example.com' });
  });
});

describe("HR's enrolment and the person's leaving", () => {
  const left = maya({ status: 'left', leftAt: LEFT });
  it('an enrolment from before they left (a late delivery, a replay) re-hires nobody', () => {
    expect(enrolmentIsOlderThanLeave(left, ENROLLED)).toBe(true);
    expect(enrolmentIsOlderThanLeave(left, '2027-03-02T08:59:59Z')).toBe(true);
  });
  it('one of the same second or later, or without a time (the HTTP API), re-hires', () => {
    expect(enrolmentIsOlderThanLeave(left, '2027-03-02T09:00:00.900Z')).toBe(false);
    expect(enrolmentIsOlderThanLeave(left, REHIRED)).toBe(false);
    expect(enrolmentIsOlderThanLeave(left, undefined)).toBe(false);
    expect(enrolmentIsOlderThanLeave(left, 'not a time')).toBe(false);
  });
  it('nobody who has not left, or whose leaving was not dated, is concerned', () => {
    expect(enrolmentIsOlderThanLeave(maya({ status: 'enrolled', leftAt: LEFT }), ENROLLED)).toBe(false);
    expect(enrolmentIsOlderThanLeave(maya({ status: 'left' }), ENROLLED)).toBe(false);
  });
});

describe('an HR event dated ahead of its arrival (QA events3)', () => {
  const received = new Date('2027-03-01T10:00:00.000Z');
  it('is refused beyond five minutes ahead, naming both times', () => {
    expect(futureDatedIssue('2027-03-31T10:00:00Z', received)).toBe(
      'time is 2027-03-31T10:00:00.000Z, later than when the event was handled (2027-03-01T10:00:00.000Z): date an HR event when the change happened, never ahead, and send it again',
    );
    expect(futureDatedIssue('2027-03-01T10:05:01Z', received)).toBeDefined();
  });
  it('is taken within five minutes of clock difference, in the past, or without a time', () => {
    expect(futureDatedIssue('2027-03-01T10:05:00Z', received)).toBeUndefined();
    expect(futureDatedIssue('2027-02-01T10:00:00Z', received)).toBeUndefined();
    expect(futureDatedIssue(undefined, received)).toBeUndefined();
  });
});
