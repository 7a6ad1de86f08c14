import { afterAll, describe, expect, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import { call } from './api-gateway';
import { hrSystem } from './hr-system';
import { lifecycleHarness } from './harness';

/**
 * HR events out of order (docs/lifecycle.md, "A departure older than the enrolment changes
 * nothing"; docs/admin-api.md, "Data rights: erasure"): an archive replay or a late delivery of
 * HR's ParticipantEnrolled must not bring back a person who was erased, and a leave that reached us
 * before the enrolment it follows must not be lost when its retry finds the person.
 */
const hris = hrSystem('hris.example');
afterAll(() => hris.close());
const { json, put, deadLettersOf } = hris;

const participantsOf = (programId: string) => json<Record<string, any>[]>(`/local/participants?programId=${programId}`);
const HOUR = 3_600_000;

describe('HR events out of order', () => {
  it('an HR event dated at or before an erasure brings nobody back and emails nobody; an update or leave says the person was erased; an enrolment dated after is a new person', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const employeeId = `E3001-${h.tag}`;
    const email = `erin-${h.tag}@example.com`;
    const intake = intakeInput({ programId, role: 'mentee', name: `Erin Erased${h.tag}`, email, employeeId });
    const hiredAt = await h.now();
    await put('ParticipantEnrolled', intake, hiredAt);
    const [erin] = await participantsOf(programId);
    await h.received(email, /^You are enrolled in /);
    await h.advance('P1D');

    const erased = await call<{ status: string; erasedAt: string }>('POST', `/participants/${erin!.participantId}/erase`);
    expect(erased.status).toBe(200);
    expect(erased.body.status).toBe('erased');
    const erasedAt = new Date(erased.body.erasedAt);
    const second = new Date(Math.floor(erasedAt.getTime() / 1000) * 1000).toISOString();
    const mails = (await h.emailsTo(email)).length;

    // The runbook's archive replay (the original intake and time), and one of the erasure's own second.
    const replay = await put('ParticipantEnrolled', intake, hiredAt);
    const sameSecond = await put('ParticipantEnrolled', intake, new Date(second));
    // HR's update and leave for the employee id, dated after the erasure.
    await h.advance('PT1M');
    const update = await put('ParticipantUpdated', { employeeId, department: 'Finance' }, await h.now());
    const leave = await put('ParticipantLeft', { employeeId }, await h.now());
    await h.advance('PT5M');

    expect((await participantsOf(programId)).map((p) => p.participantId)).toEqual([erin!.participantId]);
    expect(await h.emailsTo(email)).toHaveLength(mails);
    for (const [eventId, dated] of [
      [replay, new Date(Math.floor(hiredAt.getTime() / 1000) * 1000).toISOString()],
      [sameSecond, second],
    ] as const) {
      const dead = await deadLettersOf(eventId);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.reason).toBe(
        `ParticipantEnrolled event ${eventId} was rejected: employeeId names a person who was erased on ${second} (data rights), and this event is dated ${dated}, not after that: ` +
          'an HR event from before the erasure (delivered late, or replayed from the archive) changes nothing, and nothing was stored or sent',
      );
    }
    for (const [type, eventId] of [
      ['ParticipantUpdated', update],
      ['ParticipantLeft', leave],
    ] as const) {
      const dead = await deadLettersOf(eventId);
      expect(dead).toHaveLength(1);
      expect(dead[0]!.reason).toContain(
        `${type} event ${eventId} was rejected: employeeId names a person who was erased on ${second} (data rights): there is nothing to change`,
      );
      expect(dead[0]!.reason).not.toMatch(/enrol the person first/);
    }

    // HR enrols them again, after the erasure (with their consent): a new person, told they are enrolled.
    const again = await put('ParticipantEnrolled', intake, await h.now());
    const now = await participantsOf(programId);
    expect(now).toHaveLength(2);
    const newcomer = now.find((p) => p.participantId !== erin!.participantId)!;
    expect(newcomer).toMatchObject({ status: 'enrolled', email, employeeId });
    await h.advance('PT5M');
    const told = (await h.emailsTo(email)).slice(mails);
    expect(told.map((e) => e.subject)).toEqual([expect.stringMatching(/^You are enrolled in /)]);
    expect(await deadLettersOf(again)).toEqual([]);
  });

  it('a ParticipantLeft that arrived before the ParticipantEnrolled HR dated earlier applies when its retry finds the person', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const employeeId = `E3001-${h.tag}`;
    const email = `lee-${h.tag}@example.com`;
    const leftAt = await h.now();
    // The leave first: nobody is enrolled under the id yet, so Lambda will retry it about a minute later.
    const leave = await put('ParticipantLeft', { employeeId }, leftAt);
    await h.advance('PT20S');
    // Then the joiner event, which HR dated an hour before the leave.
    await put(
      'ParticipantEnrolled',
      intakeInput({ programId, role: 'mentee', name: `Lee Leaver${h.tag}`, email, employeeId }),
      new Date(leftAt.getTime() - HOUR),
    );
    const [lee] = await participantsOf(programId);
    expect(lee!.status).toBe('enrolled');

    await h.advance('PT5M');
    const after = (await participantsOf(programId)).find((p) => p.participantId === lee!.participantId)!;
    expect(after.status).toBe('left');
    expect(after.leftAt).toBe(new Date(Math.floor(leftAt.getTime() / 1000) * 1000).toISOString());
    expect(await deadLettersOf(leave)).toEqual([]);
  });
});
