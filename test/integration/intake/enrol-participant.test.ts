import type { EventBridgeEvent } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getParticipant } from '../../../functions/adapters/participants';
import { putProgram } from '../../../functions/adapters/programs';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { handler } from '../../../functions/enrol-participant';
import { intakeInput } from '../../fixtures/intake/participants';
import { startIntakeCloud, type IntakeCloud } from './dynamo-local';
import { lambdaContext } from './lambda-events';

let cloud: IntakeCloud;
beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
});
afterAll(async () => cloud?.stop());

const event = (detail: unknown, detailType = 'ParticipantEnrolled'): EventBridgeEvent<string, unknown> => ({
  version: '0',
  id: crypto.randomUUID(),
  'detail-type': detailType,
  source: 'hris.example',
  account: '000000000000',
  time: new Date().toISOString(),
  region: 'eu-west-1',
  resources: [],
  detail,
});
const invoke = (e: EventBridgeEvent<string, unknown>) => handler(e, lambdaContext('EnrolParticipant'));

describe('ParticipantEnrolled events', () => {
  it('enrol through the same path as the API, once per redelivery', async () => {
    const first = await invoke(event(intakeInput({ email: 'hris@example.com' })));
    expect(first.created).toBe(true);
    expect(await getParticipant(first.participantId)).toMatchObject({ email: 'hris@example.com', status: 'enrolled' });
    const before = await cloud.scanTable();
    expect(await invoke(event(intakeInput({ email: 'hris@example.com' })))).toEqual({ participantId: first.participantId, created: false });
    // The address in other letters is the same answer (docs/decisions.md): a repeat too.
    expect(await invoke(event(intakeInput({ email: 'HRIS@example.com' })))).toEqual({ participantId: first.participantId, created: false });
    expect(await cloud.scanTable()).toEqual(before);
    expect((await cloud.mails()).filter((m) => m.destination.to.includes('hris@example.com'))).toHaveLength(1);
  });

  it('throw with the fields named, for the dead-letter queue, and store nothing', async () => {
    const before = await cloud.scanTable();
    const bad = invoke(event({ ...intakeInput({ email: 'not-an-email' }), timeZone: 'Atlantis/Capital', topicsWanted: ['knitting'] }));
    await expect(bad).rejects.toThrow(/email must be a valid email address; timeZone must be an IANA time zone/);
    await expect(invoke(event(intakeInput({ programId: 'gone' })))).rejects.toThrow(/programId names no known program/);
    await expect(invoke(event(intakeInput({ email: 'HRIS@example.com', department: 'Sales' })))).rejects.toThrow(/email is already enrolled/);
    await expect(invoke(event(intakeInput(), 'ParticipantLeft'))).rejects.toThrow(/not ParticipantLeft/);
    expect(await cloud.scanTable()).toEqual(before);
  });
});
