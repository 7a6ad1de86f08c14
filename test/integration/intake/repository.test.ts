import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS } from '../../../functions/adapters/dynamo';
import {
  enrolParticipant,
  getParticipant,
  listParticipants,
  markAddressSuppressed,
  ParticipantNotFound,
  ParticipantVersionConflict,
  updateParticipantProfile,
  updateParticipantStatus,
} from '../../../functions/adapters/participants';
import { getProgram, listPrograms, ProgramVersionConflict, putProgram } from '../../../functions/adapters/programs';
import { EnrolmentConflict } from '../../../functions/domain/intake';
import { participantIntakeSchema, type ParticipantIntakeInput } from '../../../functions/domain/participant';
import { intakeInput } from '../../fixtures/intake/participants';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { TABLE_KEYS } from '../../../lib/stateful-stack';
import { startIntakeCloud, type IntakeCloud } from './dynamo-local';

let cloud: IntakeCloud;
beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
});
afterAll(async () => cloud?.stop());

const intake = (overrides: Partial<ParticipantIntakeInput> = {}) => participantIntakeSchema.parse(intakeInput(overrides));

describe('the table keys', () => {
  it('are the ones the stateful stack deploys', () => {
    expect(KEYS).toEqual({
      pk: TABLE_KEYS.partitionKey,
      sk: TABLE_KEYS.sortKey,
      gsi1: { name: TABLE_KEYS.gsi1.name, pk: TABLE_KEYS.gsi1.partitionKey, sk: TABLE_KEYS.gsi1.sortKey },
      gsi2: { name: TABLE_KEYS.gsi2.name, pk: TABLE_KEYS.gsi2.partitionKey, sk: TABLE_KEYS.gsi2.sortKey },
      ttl: TABLE_KEYS.ttl,
    });
  });
});

describe('programs', () => {
  it('are created once, read back, listed, and replaced only at the expected version', async () => {
    const spring = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, programId: 'spring-2027', name: 'Spring 2027' });
    const created = await putProgram(spring);
    expect(created.version).toBe(1);
    await expect(putProgram(spring)).rejects.toBeInstanceOf(ProgramVersionConflict);
    const renamed = await putProgram({ ...spring, name: 'Spring cohort 2027' }, { expectedVersion: 1 });
    expect(renamed).toMatchObject({ version: 2, createdAt: created.createdAt });
    await expect(putProgram({ ...spring, name: 'Stale' }, { expectedVersion: 1 })).rejects.toThrow(/changed by someone else since version 1/);
    expect(await getProgram('spring-2027')).toMatchObject({ name: 'Spring cohort 2027', version: 2, topics: spring.topics });
    expect(await getProgram('nope')).toBeUndefined();
    expect((await listPrograms()).map((p) => p.programId)).toEqual(['pilot', 'spring-2027']);
  });
});

describe('participants', () => {
  it('enrol once per email: the same answers again change nothing, other answers conflict on email', async () => {
    const first = await enrolParticipant(intake({ email: 'grace@example.com' }));
    expect(first.created).toBe(true);
    expect(first.participant).toMatchObject({ status: 'enrolled', version: 1, email: 'grace@example.com' });
    expect(first.participant.participantId).toMatch(/^pt_[a-z2-7]{20}$/);

    const before = await cloud.scanTable();
    const again = await enrolParticipant(intake({ email: 'grace@example.com' }));
    expect(again).toEqual({ participant: first.participant, created: false });
    expect(await cloud.scanTable()).toEqual(before);

    const conflict = enrolParticipant(intake({ email: 'grace@example.com', department: 'Sales' }));
    await expect(conflict).rejects.toBeInstanceOf(EnrolmentConflict);
    // The address is one answer whatever its letter case (docs/decisions.md): the same answers again.
    expect(await enrolParticipant(intake({ email: 'GRACE@Example.com' }))).toEqual({ participant: first.participant, created: false });
    expect(await cloud.scanTable()).toEqual(before);
  });

  it('let only one of two simultaneous enrolments of an address create a participant', async () => {
    const results = await Promise.allSettled([
      enrolParticipant(intake({ email: 'race@example.com' })),
      enrolParticipant(intake({ email: 'race@example.com' })),
    ]);
    const fulfilled = results.filter((r) => r.status === 'fulfilled').map((r) => r.value);
    expect(fulfilled.filter((r) => r.created)).toHaveLength(1);
    expect(new Set(fulfilled.map((r) => r.participant.participantId)).size).toBe(1);
    const stored = (await listParticipants('pilot')).filter((p) => p.email === 'race@example.com');
    expect(stored).toHaveLength(1);
  });

  it('enrol one employee id once: another address for it conflicts on employeeId, even when both arrive at once', async () => {
    const first = await enrolParticipant(intake({ email: 'annie@example.com', employeeId: 'E9001' }));
    expect(first.created).toBe(true);
    const before = await cloud.scanTable();
    await expect(enrolParticipant(intake({ email: 'annie.easley@example.com', employeeId: 'e9001' }))).rejects.toMatchObject({
      name: 'EnrolmentConflict',
      issues: [{ field: 'employeeId', message: expect.stringContaining(first.participant.participantId) }],
    });
    expect(await cloud.scanTable()).toEqual(before);

    const results = await Promise.allSettled([
      enrolParticipant(intake({ email: 'dual-1@example.com', employeeId: 'E9002' })),
      enrolParticipant(intake({ email: 'dual-2@example.com', employeeId: 'E9002' })),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const refused = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(refused?.reason).toMatchObject({ name: 'EnrolmentConflict', issues: [{ field: 'employeeId' }] });
    expect((await listParticipants('pilot')).filter((p) => p.employeeId === 'E9002')).toHaveLength(1);
  });

  it('enrol with the answers a person holds after an HR update as a repeat, and rejoin someone who left with them', async () => {
    const first = await enrolParticipant(intake({ email: 'rita@example.com', employeeId: 'E9100' }));
    const left = await updateParticipantStatus(first.participant.participantId, 1, 'left');
    await updateParticipantProfile(left, { department: 'Marketing' });
    const current = intake({ email: 'Rita@Example.com', employeeId: 'E9100', department: 'Marketing' });
    const back = await enrolParticipant(current);
    expect(back).toMatchObject({ created: true, participant: { participantId: first.participant.participantId, status: 'enrolled', department: 'Marketing' } });
    const before = await cloud.scanTable();
    expect(await enrolParticipant(current)).toMatchObject({ created: false, participant: { status: 'enrolled', version: back.participant.version } });
    // The first enrolment's answers stay a repeat (a redelivered event); answers nobody holds are a conflict.
    expect(await enrolParticipant(intake({ email: 'rita@example.com', employeeId: 'E9100' }))).toMatchObject({ created: false });
    await expect(enrolParticipant(intake({ email: 'rita@example.com', employeeId: 'E9100', department: 'Sales' }))).rejects.toMatchObject({
      issues: [{ field: 'email' }],
    });
    expect(await cloud.scanTable()).toEqual(before);
  });

  it('rejoin a re-hire who left under a new address with the same employee id: the address moves and the old one is free', async () => {
    const first = await enrolParticipant(intake({ email: 'mary@example.com', employeeId: 'E9200' }));
    await updateParticipantStatus(first.participant.participantId, 1, 'left');
    // Other answers than the ones they hold are a conflict still: update the participant first.
    const moved = intake({ email: 'mary.jackson@example.com', employeeId: 'E9200', department: 'Sales' });
    await expect(enrolParticipant(moved)).rejects.toMatchObject({ issues: [{ field: 'employeeId' }] });
    const back = await enrolParticipant(intake({ email: 'mary.jackson@example.com', employeeId: 'E9200' }));
    expect(back).toMatchObject({
      created: true,
      participant: { participantId: first.participant.participantId, status: 'enrolled', email: 'mary.jackson@example.com' },
    });
    expect(await enrolParticipant(intake({ email: 'mary.jackson@example.com', employeeId: 'E9200' }))).toMatchObject({ created: false });
    expect((await listParticipants('pilot')).filter((p) => p.employeeId === 'E9200')).toHaveLength(1);
    const someoneElse = await enrolParticipant(intake({ email: 'mary@example.com' }));
    expect(someoneElse.created).toBe(true);
    expect(someoneElse.participant.participantId).not.toBe(first.participant.participantId);
    // Someone enrolled (not left) under another address is a conflict, as before: update them instead.
    await expect(enrolParticipant(intake({ email: 'mary.j@example.com', employeeId: 'E9200' }))).rejects.toMatchObject({
      issues: [{ field: 'employeeId' }],
    });
  });

  it('refuse a new person under an address that bounced or complained, in its one transaction, storing nothing; a repeat stays a repeat', async () => {
    await markAddressSuppressed('Gone@Example.com', 'email-bounced', '2026-03-12T10:00:00.000Z');
    const before = await cloud.scanTable();
    for (const email of ['gone@example.com', 'GONE@example.com']) {
      const refused = enrolParticipant(intake({ email, employeeId: 'E9300' }));
      await expect(refused).rejects.toBeInstanceOf(EnrolmentConflict);
      await expect(enrolParticipant(intake({ email }))).rejects.toMatchObject({
        existingParticipantId: undefined,
        issues: [
          {
            field: 'email',
            message: 'is an address that no longer takes our email (it bounced on 12 March 2026): enrol the person under an address that works',
          },
        ],
      });
    }
    expect(await cloud.scanTable()).toEqual(before);

    // Someone enrolled whose address bounces afterwards is stored as suppressed: enrolling them
    // again under it is the repeat it was (the bounce's own handler sets the status).
    const ella = await enrolParticipant(intake({ email: 'ella@example.com', employeeId: 'E9301' }));
    await updateParticipantStatus(ella.participant.participantId, 1, 'suppressed');
    await markAddressSuppressed('ella@example.com', 'email-complaint', '2026-03-12T10:00:00.000Z');
    expect(await enrolParticipant(intake({ email: 'Ella@example.com', employeeId: 'E9301' }))).toMatchObject({
      created: false,
      participant: { participantId: ella.participant.participantId, status: 'suppressed' },
    });
  });

  it('refuse to bring back someone who left under an address that bounced or complained: their own, or a new one by employee id', async () => {
    const first = await enrolParticipant(intake({ email: 'ida@example.com', employeeId: 'E9400' }));
    const left = await updateParticipantStatus(first.participant.participantId, 1, 'left');
    await markAddressSuppressed('ida@example.com', 'email-complaint', '2026-03-12T10:00:00.000Z');
    await markAddressSuppressed('ida.gone@example.com', 'email-bounced', '2026-03-12T10:00:00.000Z');
    const before = await cloud.scanTable();
    // Under the address they had: its complaint is named.
    await expect(enrolParticipant(intake({ email: 'ida@example.com', employeeId: 'E9400' }))).rejects.toMatchObject({
      issues: [{ field: 'email', message: expect.stringContaining('its owner marked our email as spam on 12 March 2026') }],
    });
    // By employee id under another address that bounced: as for a suppressed person under one.
    await expect(enrolParticipant(intake({ email: 'ida.gone@example.com', employeeId: 'E9400' }))).rejects.toMatchObject({
      issues: [{ field: 'email', message: expect.stringMatching(/bounced or been marked as spam.*working address/) }],
    });
    expect(await cloud.scanTable()).toEqual(before);
    expect(await getParticipant(left.participantId)).toMatchObject({ status: 'left', email: 'ida@example.com' });
    // Under a working address they come back, as any re-hire does.
    expect(await enrolParticipant(intake({ email: 'ida.new@example.com', employeeId: 'E9400' }))).toMatchObject({
      created: true,
      participant: { participantId: left.participantId, status: 'enrolled', email: 'ida.new@example.com' },
    });
  });

  it('are read by id alone and listed per program, without key attributes', async () => {
    const { participant } = await enrolParticipant(
      intake({ email: 'katherine@example.com', role: 'mentee', topicsWanted: ['ai-tools'], topicsOffered: ['strategy'] }),
    );
    const read = await getParticipant(participant.participantId);
    expect(read).toEqual(participant);
    expect(read).not.toHaveProperty('PK');
    expect(read).not.toHaveProperty('intakeDigest');
    expect(await getParticipant('pt_aaaaaaaaaaaaaaaaaaaa')).toBeUndefined();
    expect((await listParticipants('pilot')).map((p) => p.participantId)).toContain(participant.participantId);
    expect(await listParticipants('spring-2027')).toEqual([]);
  });

  it('change status only at the expected version', async () => {
    const { participant } = await enrolParticipant(intake({ email: 'dorothy@example.com' }));
    const paired = await updateParticipantStatus(participant.participantId, 1, 'paired');
    expect(paired).toMatchObject({ status: 'paired', version: 2, createdAt: participant.createdAt });
    const stale = updateParticipantStatus(participant.participantId, 1, 'withdrawn');
    await expect(stale).rejects.toBeInstanceOf(ParticipantVersionConflict);
    await expect(stale).rejects.toMatchObject({ currentVersion: 2 });
    expect((await getParticipant(participant.participantId))?.status).toBe('paired');
    await expect(updateParticipantStatus('pt_bbbbbbbbbbbbbbbbbbbb', 1, 'paired')).rejects.toBeInstanceOf(ParticipantNotFound);
  });
});
