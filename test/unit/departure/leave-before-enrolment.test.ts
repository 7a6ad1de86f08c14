import { describe, expect, it } from 'vitest';
import type { Participant } from '../../../functions/domain/participant';
import { departureIsOlder, enrolledSince, hrEventTime, returnStamps } from '../../../functions/domain/rejoin';
import { participant } from '../pairing/simulate';

/**
 * QA: a leaver event that arrives before the joiner event was lost. HR put ParticipantLeft at T;
 * 20 s later the ParticipantEnrolled HR dated T - 1h; the leave's retry found the person but
 * judged it older than the enrolment, which was stored (createdAt) after T. An enrolment is dated
 * by HR's own time (`enrolledAt`), and a leave dated after it applies whenever it arrives.
 */

const T = '2027-03-15T10:00:00.000Z';
const ENROLLED_BY_HR = '2027-03-15T09:00:00.000Z';
const STORED = '2027-03-15T10:00:20.412Z';

const joiner = (over: Partial<Participant> = {}) =>
  participant('mentee', { participantId: 'pt_e3001', status: 'enrolled', enrolledAt: ENROLLED_BY_HR, createdAt: STORED, ...over });

describe('when HR enrolled someone: the event’s time, to the second, never ahead of when it was handled', () => {
  it('takes an earlier event time to the second, and the handling time for an event dated ahead or without a time', () => {
    expect(hrEventTime('2027-03-15T09:00:00.900Z', STORED)).toBe(ENROLLED_BY_HR);
    expect(hrEventTime('2027-04-01T00:00:00Z', STORED)).toBe('2027-03-15T10:00:20.000Z');
    expect(hrEventTime(undefined, new Date(STORED))).toBe('2027-03-15T10:00:20.000Z');
    expect(hrEventTime('not a time', STORED)).toBe('2027-03-15T10:00:20.000Z');
  });
});

describe('a leave that arrived before the enrolment it follows', () => {
  it('is judged against when HR enrolled the person, not when the enrolment was stored: it applies', () => {
    expect(enrolledSince(joiner())).toBe(ENROLLED_BY_HR);
    expect(departureIsOlder(joiner(), T)).toBe(false);
    // The same leave re-sent from the dead letters with its original time, days later, still applies.
    expect(departureIsOlder(joiner({ updatedAt: '2027-03-20T00:00:00.000Z' }), T)).toBe(false);
  });

  it('one dated before HR enrolled them still concerns an earlier enrolment, and changes nothing', () => {
    expect(departureIsOlder(joiner(), '2027-03-15T08:59:59Z')).toBe(true);
    // The same second as the enrolment applies, as for every HR event of one second.
    expect(departureIsOlder(joiner(), '2027-03-15T09:00:00.500Z')).toBe(false);
  });

  it('an enrolment stored before its HR time was kept is judged by when it was stored, as before', () => {
    const legacy = joiner({ enrolledAt: undefined });
    expect(enrolledSince(legacy)).toBe('2027-03-15T10:00:20.000Z');
    expect(departureIsOlder(legacy, T)).toBe(true);
  });

  it('a re-hire is dated by its enrolment event too: a leave after it, arriving after the re-hire was stored, applies', () => {
    const left = joiner({ status: 'left', leftAt: '2027-02-01T00:00:00.000Z' });
    const rehired = { ...left, status: 'enrolled' as const, ...returnStamps(left, [], hrEventTime(ENROLLED_BY_HR, STORED)) };
    expect(enrolledSince(rehired)).toBe(ENROLLED_BY_HR);
    expect(departureIsOlder(rehired, T)).toBe(false);
    expect(departureIsOlder(rehired, '2027-02-01T00:00:00Z')).toBe(true);
  });
});
