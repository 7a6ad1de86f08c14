import type { composeDigest } from '../../../functions/domain/digest';
import { adminDigest } from '../../../functions/domain/emails';
import { programSchema } from '../../../functions/domain/program';

/** The Spring program the digest tests read: admins' digest day Monday, London time. */
export const springProgram = programSchema.parse({
  programId: 'spring',
  name: 'Spring',
  startDate: '2027-01-04',
  timeZone: 'Europe/London',
  admins: ['a@example.com'],
});

/** The digest email of the Spring program, week of 1 March 2027, to an admin in London. */
export function springDigest(content: NonNullable<ReturnType<typeof composeDigest>>) {
  return adminDigest({
    to: { timeZone: 'Europe/London' },
    program: { name: 'Spring', admin: { name: 'the program team', email: 'a@example.com' } },
    programId: 'spring',
    weekOf: '2027-03-01',
    ...content,
  });
}
