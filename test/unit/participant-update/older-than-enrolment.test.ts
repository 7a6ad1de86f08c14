import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import type { Participant } from '../../../functions/domain/participant';
import { decideParticipantUpdate, olderThanEnrolment, type RunningPairing } from '../../../functions/domain/participant-update';
import { returnStamps } from '../../../functions/domain/rejoin';
import { participant } from '../pairing/simulate';

/**
 * QA events5: Lee (employee E201) was enrolled on 1 December; HR's update dated 1 November, delivered
 * after it, put back an old name and department. An update older than the enrolment changes nothing
 * the enrolment set, a manager included (a stale manager ends no pairing), and is not refused.
 */
const ENROLLED = '2026-12-01T06:35:12.480Z';
const NOVEMBER = '2026-11-01T09:00:00.000Z';

const lee = (over: Partial<Participant> = {}) =>
  participant('mentee', {
    participantId: 'pt_lee',
    name: 'Lee Current',
    email: 'lee@example.com',
    employeeId: 'E201',
    department: 'Strategy',
    createdAt: ENROLLED,
    ...over,
  });
const mia = participant('mentor', { participantId: 'pt_mia', email: 'mia@example.com', employeeId: 'E100', department: 'Digital' });
const running: RunningPairing[] = [{ pairingId: 'pr_lee', mentorId: 'pt_mia', menteeId: 'pt_lee' }];

function decide(who: Participant, detail: Record<string, unknown>, at: string | undefined) {
  const d = decideParticipantUpdate({
    participant: who,
    update: inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...detail }),
    cohort: [who, mia],
    running,
    rules: { notSameDepartment: true },
    ...(at ? { at } : {}),
  });
  if (!d.ok) throw new Error('rejected');
  return d;
}

describe('an update older than the enrolment', () => {
  it('is older from the second before the enrolment; the same second, a later one, or no time is not', () => {
    expect(olderThanEnrolment(lee(), NOVEMBER)).toBe(true);
    expect(olderThanEnrolment(lee(), '2026-12-01T06:35:11Z')).toBe(true);
    expect(olderThanEnrolment(lee(), '2026-12-01T06:35:12Z')).toBe(false);
    expect(olderThanEnrolment(lee(), '2026-12-02T09:00:00Z')).toBe(false);
    expect(olderThanEnrolment(lee(), undefined)).toBe(false);
    expect(olderThanEnrolment(lee(), 'not a time')).toBe(false);
  });

  it('counts from when HR enrolled the person, not from when the enrolment event was processed', () => {
    // Enrolled by an HR event of 06:00 that was stored at 06:35:12: an update HR made at 06:20 is newer.
    const byEvent = lee({ enrolledAt: '2026-12-01T06:00:00Z' });
    expect(olderThanEnrolment(byEvent, '2026-12-01T06:20:00Z')).toBe(false);
    expect(olderThanEnrolment(byEvent, '2026-12-01T05:59:59Z')).toBe(true);
  });

  it('changes no field the enrolment set, stamps none, and says why (QA events5)', () => {
    const d = decide(lee(), { name: 'Lee OldName', department: 'OldDept', timeZone: 'Asia/Tokyo' }, NOVEMBER);
    expect(d.olderThanEnrolment).toBe(true);
    expect(d.stale).toEqual(['name', 'department', 'timeZone']);
    expect(d.changes).toEqual({});
    expect(d.writes).toEqual({});
    expect(d.fieldUpdatedAt).toBeUndefined();
    expect(d.participant).toMatchObject({ name: 'Lee Current', department: 'Strategy', timeZone: 'Europe/Berlin' });
    expect(d.participant.formerNames).toBeUndefined();
  });

  it('a stale manager ends no pairing, though it would put the pair in one reporting line; nor does a stale department', () => {
    const d = decide(lee(), { manager: { email: 'mia@example.com' }, department: 'Digital' }, NOVEMBER);
    expect(d.stale).toEqual(['department', 'manager']);
    expect(d.end).toEqual([]);
    expect(d.participant.manager).toEqual({ email: 'mentee-boss@example.com' });
    // Nor does one that would remove the manager the enrolment gave, or give one the enrolment had not.
    expect(decide(lee(), { manager: null }, NOVEMBER).changes).toEqual({});
    const { manager: _none, ...withoutManager } = lee();
    expect(decide(withoutManager as Participant, { manager: { email: 'boss@example.com' } }, NOVEMBER).changes).toEqual({});
  });

  it('the same update dated after the enrolment applies, and ends the pair it puts in one reporting line', () => {
    const d = decide(lee(), { name: 'Lee NewName', manager: { email: 'mia@example.com' } }, '2026-12-02T09:00:00.000Z');
    expect(d.olderThanEnrolment).toBeUndefined();
    expect(d.stale).toEqual([]);
    expect(d.changes).toEqual({ name: 'Lee NewName', manager: { email: 'mia@example.com' } });
    expect(d.end).toEqual([{ pairingId: 'pr_lee', reason: 'reporting-line-changed' }]);
  });

  it('an update without a time (not from the bus) applies as before', () => {
    expect(decide(lee(), { name: 'Lee NewName' }, undefined).changes).toEqual({ name: 'Lee NewName' });
  });

  it('after a return, only the fields the return set are its own: an update between the enrolment and the return still sets the others', () => {
    const rehiredAt = '2027-02-01T10:00:00.000Z';
    const back = lee({ email: 'lee.back@example.com', ...returnStamps(lee(), ['email'], rehiredAt) });
    const d = decide(back, { email: 'lee.old@example.com', department: 'Finance' }, '2027-01-15T09:00:00.000Z');
    expect(d.olderThanEnrolment).toBeUndefined();
    expect(d.stale).toEqual(['email']);
    expect(d.changes).toEqual({ department: 'Finance' });
    // One from before the first enrolment changes nothing, whatever came since.
    expect(decide(back, { department: 'Finance' }, NOVEMBER).changes).toEqual({});
  });
});
