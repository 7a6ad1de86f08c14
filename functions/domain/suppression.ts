import type { TemplateName } from './emails';
import { dateTimeFormat } from './intl';
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
 * working one; a re-hire's confirmation would go to an address that takes no email); anything
 * else is one person enrolled twice (`conflict`).
 */
export function enrolmentOfKnownEmployee(
  holder: Participant,
  intake: ParticipantIntake,
  newAddressSuppressed: boolean,
): 'rejoin' | 'address-suppressed' | 'conflict' {
  if (!givesCurrentAnswers(intake, holder, { exceptEmail: true })) return 'conflict';
  if (holder.status === 'left') return newAddressSuppressed ? 'address-suppressed' : 'rejoin';
  if (holder.status !== 'suppressed') return 'conflict';
  return comesBackUnder(holder, intake.email, newAddressSuppressed) ? 'rejoin' : 'address-suppressed';
}

/**
 * An address's suppression marker as stored (docs/data-model.md, "Suppressed address"): why and
 * when it stopped taking our email. Read from the marker an enrolment's transaction met.
 */
export interface AddressSuppression {
  readonly reason?: string;
  readonly suppressedAt?: string;
}

/**
 * Why a new enrolment is refused when its address is suppressed (field `email`), in words HR
 * reads: what happened and when (the day in the enrolled person's time zone), and what to do. A
 * bounce asks for an address that works; a complaint is the person's wish not to get our email,
 * so only another address of theirs, if they want to take part. Nothing else of the person's.
 */
export function suppressedAddressMessage(suppression: AddressSuppression, timeZone = 'UTC'): string {
  const day = dayOf(suppression.suppressedAt, timeZone);
  const on = day ? ` on ${day}` : '';
  if (suppression.reason === 'email-complaint')
    return `is an address that no longer takes our email (its owner marked our email as spam${on}): enrol the person under another address if they want to take part`;
  if (suppression.reason === 'email-bounced')
    return `is an address that no longer takes our email (it bounced${on}): enrol the person under an address that works`;
  return `is an address that no longer takes our email (it bounced or its owner marked our email as spam${on}): enrol the person under another address that works`;
}

/** "12 March 2026" in `timeZone` (UTC for a zone the runtime does not know); undefined for no date. */
function dayOf(at: string | undefined, timeZone: string): string | undefined {
  const when = at === undefined ? Number.NaN : Date.parse(at);
  if (Number.isNaN(when)) return undefined;
  const format = (zone: string) => dateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(when);
  try {
    return format(timeZone);
  } catch {
    return format('UTC');
  }
}

/** What the items of a cancelled enrolment transaction said (docs/data-model.md, "Email marker"). */
export interface CancelledEnrolment {
  /** The address is enrolled in the program (its email marker). */
  readonly addressEnrolled: boolean;
  /** The employee id is enrolled in the program under another address (its employee marker). */
  readonly employeeEnrolled: boolean;
  /** Another transaction held one of the items at the same moment (`TransactionConflict`). */
  readonly contended: boolean;
  /** The address's suppression marker exists. */
  readonly addressSuppressed: boolean;
}

/**
 * What an enrolment does when its transaction is cancelled; DynamoDB reports every item whose
 * condition failed. The enrolments of the program come first, so that a repeat is answered as
 * before whatever the address has met since (the same person under the same address: the
 * existing participant, `suppressed` if that address was; another person's employee id or a
 * returning person by it: as `enrolmentOfKnownEmployee` decides). A contended marker is tried
 * again, since the winner may make this a repeat. Only a new person is refused for the address's
 * suppression (`address-suppressed`); anything else is an error to throw.
 */
export function cancelledEnrolmentOutcome(
  cancelled: CancelledEnrolment,
  canRetry: boolean,
): 'repeat-or-conflict' | 'known-employee' | 'retry' | 'address-suppressed' | 'unexplained' {
  if (cancelled.addressEnrolled) return 'repeat-or-conflict';
  if (cancelled.employeeEnrolled) return 'known-employee';
  if (cancelled.contended && canRetry) return 'retry';
  if (cancelled.addressSuppressed) return 'address-suppressed';
  return 'unexplained';
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
