import { describe, expect, it } from 'vitest';
import { sendConfirmation, validateIntake, IntakeRejected } from '../../../functions/domain/intake';
import type { RenderedEmail } from '../../../functions/domain/emails/types';
import { participantIntakeSchema, type Participant } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';
import { intakeInput } from '../../fixtures/intake/participants';

const person = (programId: string): Participant => ({
  ...participantIntakeSchema.parse(intakeInput({ programId })),
  participantId: 'pt_1',
  status: 'enrolled',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  version: 1,
});

async function confirmationText(startDate: string): Promise<string> {
  const program = programSchema.parse({ programId: 'p1', name: 'Pilot', startDate, admins: ['hr@example.com'] });
  let sent: RenderedEmail | undefined;
  const mailer = {
    send: async (m: { email: RenderedEmail }) => {
      sent = m.email;
      return { messageId: 'm-1' };
    },
  };
  await sendConfirmation(mailer, async () => undefined, person('p1'), program);
  return sent!.text.replace(/\s+/g, ' ');
}

describe('the enrolment confirmation names a matching date only while it is ahead', () => {
  it('before the cohort starts: "we aim to match everyone by" its start', async () => {
    expect(await confirmationText('2099-03-02')).toMatch(/we aim to match everyone by Monday 2 March 2099/);
  });

  it('once the cohort has started: no date (a later run matches newcomers)', async () => {
    expect(await confirmationText('2020-01-06')).not.toMatch(/aim to match everyone by/);
  });
});

describe('a closed program takes nobody', () => {
  it('refuses an enrolment after its last day to match, naming programId and the day', () => {
    const program = programSchema.parse({ programId: 'p1', name: 'Pilot', startDate: '2027-01-04', endDate: '2027-03-31', admins: ['hr@example.com'] });
    const input = intakeInput({ programId: 'p1' });
    expect(validateIntake(input, program, new Date('2027-03-31T22:00:00Z')).programId).toBe('p1');
    const refuse = () => validateIntake(input, program, new Date('2027-04-01T00:30:00Z'));
    expect(refuse).toThrow(IntakeRejected);
    expect(refuse).toThrow(/programId names a program that closed after 2027-03-31/);
  });
});
