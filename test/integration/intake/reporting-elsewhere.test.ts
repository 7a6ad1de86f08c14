import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enrolmentsByEmail, enrolmentsOfAddressesIn, enrolParticipant } from '../../../functions/adapters/participants';
import { putProgram } from '../../../functions/adapters/programs';
import { reportingLinesElsewhere } from '../../../functions/adapters/reporting-elsewhere';
import { participantIntakeSchema, type ParticipantIntakeInput } from '../../../functions/domain/participant';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { intakeInput } from '../../fixtures/intake/participants';
import { type IntakeCloud, startIntakeCloud } from './dynamo-local';

/**
 * A matching run reads the reporting lines other programs record for its members
 * (reportingLinesElsewhere). With many members and few other programs it reads each other program's
 * address markers whole instead of one GSI2 query per member (each rematch run read one a member):
 * both ways find the same enrolments and the same lines, on DynamoDB Local.
 */
let cloud: IntakeCloud;
const enrol = async (overrides: Partial<ParticipantIntakeInput>) => (await enrolParticipant(participantIntakeSchema.parse(intakeInput(overrides)))).participant;
const address = (i: number) => `member${i}@example.com`;

beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
  for (const programId of ['rm-eng', 'rm-sales']) await putProgram(programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, programId, name: programId }));
  // rm-sales: 12 members, none with a manager here. rm-eng holds two of them with their managers,
  // and the pilot one more; Gina is enrolled only in rm-eng, as the manager of member 3.
  for (let i = 0; i < 12; i++) await enrol({ programId: 'rm-sales', email: address(i), name: `Member ${i}` });
  await enrol({ programId: 'rm-eng', email: address(3), name: 'Member 3', manager: { email: 'gina@example.com' } });
  await enrol({ programId: 'rm-eng', email: address(7), name: 'Member 7', manager: { email: address(1) } });
  await enrol({ programId: 'rm-eng', email: 'gina@example.com', name: 'Gina Boss', manager: { email: 'wendy@example.com' } });
  await enrol({ programId: 'pilot', email: address(9), name: 'Member 9', manager: { email: address(10) } });
});
afterAll(async () => cloud?.stop());

describe('the enrolments of many addresses in a few programs', () => {
  it('are the ones the per-address lookups find, read from each program’s address markers', async () => {
    const addresses = Array.from({ length: 12 }, (_, i) => address(i));
    const byProgram = await enrolmentsOfAddressesIn(['rm-eng', 'pilot'], addresses);
    const oneByOne = (await Promise.all(addresses.map((a) => enrolmentsByEmail(a)))).flat().filter((e) => e.programId !== 'rm-sales');
    const key = (e: { programId: string; participantId: string }) => `${e.programId}/${e.participantId}`;
    expect(byProgram.map(key).sort()).toEqual(oneByOne.map(key).sort());
    expect(byProgram).toHaveLength(3);
  });

  it('give a matching run of 12 members the lines other programs record, up the chain to a manager held elsewhere', async () => {
    const members = Array.from({ length: 12 }, (_, i) => ({ email: address(i) }));
    const lines = await reportingLinesElsewhere('rm-sales', members);
    const managerOf = (email: string) => lines.find((l) => l.email === email)?.manager?.email;
    expect(managerOf(address(3))).toBe('gina@example.com');
    expect(managerOf(address(7))).toBe(address(1));
    expect(managerOf(address(9))).toBe(address(10));
    // Gina is no member: her line comes from following member 3's manager into rm-eng.
    expect(managerOf('gina@example.com')).toBe('wendy@example.com');
    // The same members looked up a few at a time (the per-address reads) give the same lines.
    const few = await reportingLinesElsewhere('rm-sales', members.slice(3, 4));
    expect(few.find((l) => l.email === address(3))?.manager?.email).toBe('gina@example.com');
    expect(few.find((l) => l.email === 'gina@example.com')?.manager?.email).toBe('wendy@example.com');
  });
});
