import { describe, expect, it } from 'vitest';
import { enrolmentConfirmation } from '../../../functions/domain/emails';
import type { RenderedEmail } from '../../../functions/domain/emails/types';
import { sendConfirmation } from '../../../functions/domain/intake';
import { participantIntakeSchema, type Participant } from '../../../functions/domain/participant';
import { programSchema } from '../../../functions/domain/program';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * The enrolment confirmation says how often the check-ins come as the program's cadence has them
 * (QA promises4, bug 2: a weekly program's email said "every few weeks").
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

const person: Participant = {
  ...participantIntakeSchema.parse(intakeInput({ programId: 'p1' })),
  participantId: 'pt_1',
  status: 'enrolled',
  createdAt: '2026-11-01T09:00:00.000Z',
  updatedAt: '2026-11-01T09:00:00.000Z',
  version: 1,
};

async function sentFor(checkInCadenceDays: number): Promise<string> {
  const program = programSchema.parse({
    programId: 'p1',
    name: 'Pilot',
    startDate: '2099-03-02',
    admins: ['hr@example.com'],
    lifecycle: { checkInCadenceDays, checkInAnswerWindowDays: 5 },
  });
  let sent: RenderedEmail | undefined;
  const mailer = {
    send: async (m: { email: RenderedEmail }) => {
      sent = m.email;
      return { messageId: 'm-1' };
    },
  };
  await sendConfirmation(mailer, async () => undefined, person, program);
  return flat(sent!.text);
}

describe('the enrolment confirmation names the check-in rhythm', () => {
  it('of a weekly program: "every week", as the check-ins then come', async () => {
    const text = await sentFor(7);
    expect(text).toContain('From then on, a short check-in email arrives every week; you answer by replying to it.');
    expect(text).not.toContain('every few weeks');
  });

  it.each([
    [14, 'every two weeks'],
    [21, 'every three weeks'],
    [28, 'every four weeks'],
    [10, 'every 10 days'],
    [30, 'every month'],
    [45, 'every 45 days'],
  ])('of a program with check-ins every %i days: "%s"', async (days, rhythm) => {
    expect(await sentFor(days)).toContain(`a short check-in email arrives ${rhythm};`);
  });

  it('given no cadence, promises no rhythm it cannot know', () => {
    const text = flat(
      enrolmentConfirmation({
        to: { name: 'Alex Morgan', timeZone: 'Europe/London' },
        program: { name: 'Spring Cohort 2027', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
        role: 'mentor',
        sharesProgressWithManager: false,
      }).text,
    );
    expect(text).toContain("a short check-in email arrives at the program's regular rhythm;");
    expect(text).not.toContain('every few weeks');
  });
});
