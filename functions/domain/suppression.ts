import type { TemplateName } from './emails';
import { emailKey, givesCurrentAnswers, type Participant, type ParticipantIntake, type ParticipantStatus } from './participant';

/**
 * Suppression (docs/mail-feedback.md): a hard bounce or a spam complaint stops our email to an
 * address. It belongs to the address, not to the person: whoever was enrolled under it is
 * `suppressed`, and comes back as soon as HR gives them a working address; the address itself
 * stays suppressed for good (its hashed marker, functions/adapters/participants.ts).
 */

/**
 * Whether a suppressed person comes back (`enrolled` again, offered to matching) on moving to
 * `newAddress`: an address other than the one that bounced or complained, and not one that did
 * so itself. Anyone else is left as they are: the same address stays suppressed.
 */
export function comesBackUnder(person: Pick<Participant, 'status' | 'email'>, newAddress: string, newAddressSuppressed: boolean): boolean {
  return person.status === 'suppressed' && emailKey(newAddress) !== emailKey(person.email) && !newAddressSuppressed;
}

/**
 * What someone enrolled again (a re-hire, a suppressed person under a working address) starts
 * without, as a new person would: an "away until", their counts of unanswered introductions and of
 * automatic rematches (rematch-policy.ts).
 */
export const CLEARED_ON_COMEBACK = ['availableFrom', 'unansweredIntroductions', 'rematchAttempts'] as const;

/**
 * What an enrolment under a new address does when its employee id is already enrolled in the
 * program (`holder`): with the holder's current answers but the address, someone who left (a
 * re-hire) or whose address was suppressed comes back on the same record under the new address
 * (`rejoin`), unless that address is suppressed too (`address-suppressed`: they must be given a
 * working one); anything else is one person enrolled twice (`conflict`).
 */
export function enrolmentOfKnownEmployee(
  holder: Participant,
  intake: ParticipantIntake,
  newAddressSuppressed: boolean,
): 'rejoin' | 'address-suppressed' | 'conflict' {
  if (!givesCurrentAnswers(intake, holder, { exceptEmail: true })) return 'conflict';
  if (holder.status === 'left') return 'rejoin';
  if (holder.status !== 'suppressed') return 'conflict';
  return comesBackUnder(holder, intake.email, newAddressSuppressed) ? 'rejoin' : 'address-suppressed';
}

/**
 * Whether what a person writes to us is answered by email. Not once their address is suppressed:
 * what they write is still read and acted on (STOP, a CONCERN reaches the admins), but only a DATA
 * or ERASE request is answered, which their data rights require.
 */
export function answeredByEmail(status: ParticipantStatus | undefined, request: 'notice' | 'data-rights' = 'notice'): boolean {
  return status !== 'suppressed' || request === 'data-rights';
}

/** Emails to a participant's manager, who is no participant: their address's suppression is known only by its marker. */
const TO_MANAGERS: readonly TemplateName[] = ['managerNote'];

/** Whether the outbox must read the address's suppression marker before sending this email (a manager's; a member's status says it). */
export function asksAddressMarker(email: { readonly template: TemplateName }, member: Pick<Participant, 'status'> | undefined): boolean {
  return member === undefined && TO_MANAGERS.includes(email.template);
}

/**
 * Whether an email decided earlier (held for working hours, or for the end of a program) is
 * cancelled when it falls due because its address stopped taking our email meanwhile: a member of
 * the pairing whose status is `suppressed` now, or a manager's address with a suppression marker.
 * Admins' addresses are not checked: they run the program, and the SES dashboard shows theirs.
 */
export function cancelledAsSuppressed(
  email: { readonly template: TemplateName },
  reader: { readonly member?: Pick<Participant, 'status'>; readonly addressSuppressed?: boolean },
): boolean {
  if (reader.member) return reader.member.status === 'suppressed';
  return asksAddressMarker(email, undefined) && reader.addressSuppressed === true;
}
