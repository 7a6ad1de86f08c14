import { describe, expect, it } from 'vitest';
import { erasedOn, refusedAfterErasure } from '../../../functions/domain/erased-hr-events';
import { erasedEmployeeIndexKey, erasedEmployeeIndexKeyOf, tombstoneOf } from '../../../functions/domain/erasure';
import { participantIntakeSchema, type Participant } from '../../../functions/domain/participant';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * QA: a replayed or late ParticipantEnrolled brought back a person who was erased and emailed them,
 * and an update or a leave for their employee id asked HR to enrol them first. An HR event dated
 * at or before the erasure changes nothing and is refused with both dates; an update or a leave has
 * nothing to act on whenever dated; an enrolment dated after the erasure is a new person.
 */

const ERASED_AT = '2027-03-10T14:30:05.700Z';
const NOW = new Date('2027-03-12T09:00:00Z');

const mia = (): Participant => ({
  ...participantIntakeSchema.parse(intakeInput({ programId: 'q3', name: 'Mia Mentor', email: 'mia@example.com', employeeId: 'E-3001' })),
  participantId: 'pt_mia',
  status: 'paired',
  createdAt: '2027-01-04T09:00:00.000Z',
  updatedAt: '2027-01-04T09:00:00.000Z',
  version: 3,
});

/** Erased at `erasedAt`; `null`: the erasure is still under way. */
const tombstone = (erasedAt: string | null = ERASED_AT, over: Partial<Participant> = {}) =>
  tombstoneOf(
    { ...mia(), ...over },
    { erasureId: 'er_1', startedAt: '2027-03-10T14:30:01.000Z', enrolments: ['pt_mia'], ...(erasedAt ? { erasedAt } : {}) },
    new Date('2027-03-10T14:30:01Z'),
  );

const refused = (event: 'ParticipantEnrolled' | 'ParticipantUpdated' | 'ParticipantLeft', eventAt: string | undefined, erased: Participant[] = [tombstone()]) =>
  refusedAfterErasure({ event, erased, eventAt, namedBy: { employeeId: true }, now: NOW });

describe('when the person was erased', () => {
  it('is the erasure’s end, to the second; the latest of several; one under way counts as now; nobody erased: undefined', () => {
    expect(erasedOn([tombstone()], NOW)).toBe('2027-03-10T14:30:05.000Z');
    expect(erasedOn([tombstone(), tombstone('2027-05-01T08:00:00.000Z')], NOW)).toBe('2027-05-01T08:00:00.000Z');
    expect(erasedOn([tombstone(null)], NOW)).toBe('2027-03-12T09:00:00.000Z');
    expect(erasedOn([mia()], NOW)).toBeUndefined();
    expect(erasedOn([], NOW)).toBeUndefined();
  });
});

describe('a ParticipantEnrolled for an erased employee id', () => {
  it('dated before the erasure (an archive replay) is refused with both dates, and the employee id stays out of the reason', () => {
    const reason = refused('ParticipantEnrolled', '2027-01-04T09:00:00Z');
    expect(reason).toBe(
      'employeeId names a person who was erased on 2027-03-10T14:30:05.000Z (data rights), and this event is dated 2027-01-04T09:00:00.000Z, not after that: ' +
        'an HR event from before the erasure (delivered late, or replayed from the archive) changes nothing, and nothing was stored or sent',
    );
    expect(reason).not.toContain('E-3001');
  });

  it('dated in the same second as the erasure is refused too; a second later it enrols a new person', () => {
    expect(refused('ParticipantEnrolled', '2027-03-10T14:30:05Z')).toMatch(/dated 2027-03-10T14:30:05\.000Z, not after that/);
    expect(refused('ParticipantEnrolled', '2027-03-10T14:30:06Z')).toBeUndefined();
    expect(refused('ParticipantEnrolled', NOW.toISOString())).toBeUndefined();
  });

  it('while the erasure is under way, refuses everything dated up to now', () => {
    expect(refused('ParticipantEnrolled', '2027-03-12T08:59:59Z', [tombstone(null)])).toMatch(/erased on 2027-03-12T09:00:00\.000Z/);
  });

  it('without a time counts as sent now: after the erasure, a new person', () => {
    expect(refused('ParticipantEnrolled', undefined)).toBeUndefined();
    expect(refused('ParticipantEnrolled', 'not a time')).toBeUndefined();
  });

  it('for an employee id nobody erased had: goes on', () => {
    expect(refused('ParticipantEnrolled', '2027-01-04T09:00:00Z', [])).toBeUndefined();
    expect(refused('ParticipantEnrolled', '2027-01-04T09:00:00Z', [mia()])).toBeUndefined();
  });
});

describe('a ParticipantUpdated or ParticipantLeft for an erased person', () => {
  it('dated at or before the erasure is refused as older than it', () => {
    for (const event of ['ParticipantUpdated', 'ParticipantLeft'] as const) {
      expect(refused(event, '2027-03-01T00:00:00Z')).toMatch(/erased on 2027-03-10T14:30:05\.000Z .*dated 2027-03-01T00:00:00\.000Z, not after that/);
      expect(refused(event, '2027-03-10T14:30:05.999Z')).toMatch(/not after that/);
    }
  });

  it('dated after it says the person was erased and there is nothing to change, never "enrol the person first"', () => {
    for (const event of ['ParticipantUpdated', 'ParticipantLeft'] as const) {
      const reason = refused(event, '2027-03-11T00:00:00Z');
      expect(reason).toBe(
        'employeeId names a person who was erased on 2027-03-10T14:30:05.000Z (data rights): there is nothing to change, their record keeps no profile. ' +
          'Stop sending events for them; should they join again, a ParticipantEnrolled dated now enrols them as a new person',
      );
      expect(reason).not.toMatch(/enrol the person first/);
    }
  });

  it('named by the tombstone’s participant id, names that id', () => {
    const reason = refusedAfterErasure({ event: 'ParticipantLeft', erased: [tombstone()], eventAt: undefined, namedBy: { participantId: 'pt_mia' }, now: NOW });
    expect(reason).toMatch(/^participantId pt_mia names a person who was erased on 2027-03-10T14:30:05\.000Z \(data rights\): there is nothing to change/);
  });
});

describe('what finds the tombstone by employee id: the digest it keeps anyway', () => {
  it('the tombstone’s index key is its reporting line’s digest, the one an event’s employee id gives in any letter case', () => {
    const t = tombstone();
    const key = erasedEmployeeIndexKey(t);
    expect(key).toBe(`ERASED#${t.reportingLine!.self[0]}`);
    expect(erasedEmployeeIndexKeyOf('E-3001')).toBe(key);
    expect(erasedEmployeeIndexKeyOf(' e-3001 ')).toBe(key);
    expect(erasedEmployeeIndexKeyOf('E-3002')).not.toBe(key);
    // Nothing readable: no employee id in the key.
    expect(key).not.toMatch(/3001/);
  });

  it('none for a person enrolled without an employee id: the tombstone keeps no digest of an address', () => {
    expect(erasedEmployeeIndexKey(tombstone(ERASED_AT, { employeeId: undefined }))).toBeUndefined();
    expect(erasedEmployeeIndexKeyOf('   ')).toBeUndefined();
  });
});
