import { receivesMail, type ParticipantStatus } from './participant';

/**
 * Enrolment confirmations that could not be sent when the person was enrolled (SES failing or
 * throttling, the send queue full) stay pending in their outbox (functions/adapters/confirmations.ts)
 * and are sent later by a sweep every 15 minutes, without anyone repeating the request. Pure: the
 * sweep (functions/confirmation-sweep.ts) loads, sends and writes.
 */

/** How often the sweep runs (the EventBridge schedule, lib/workflow-stack.ts). */
export const CONFIRMATION_SWEEP_MINUTES = 15;
/**
 * A pending confirmation is left alone this long after its last try: the request that enrolled the
 * person, its retry, an event's Lambda retry or an import's step may still be sending it.
 */
export const CONFIRMATION_QUIET_MS = 10 * 60 * 1000;
/**
 * The longest wait for the first sweep that may send it: the quiet time, then the next sweep, then
 * a margin for a sweep's own length; what the answer that says "pending" promises.
 */
export const CONFIRMATION_RETRY_WITHIN_MINUTES = CONFIRMATION_QUIET_MS / 60_000 + CONFIRMATION_SWEEP_MINUTES + 5;

/** Tries in all before the sweep stops (about 6 hours of sweeps): the failure is then logged for the team. */
export const CONFIRMATION_MAX_ATTEMPTS = 24;

export interface PendingConfirmation {
  readonly attempts: number;
  readonly createdAt: string;
  readonly lastTriedAt?: string;
}

export type ConfirmationRetry = 'send' | 'not-yet' | 'cancel' | 'give-up';

/**
 * What the sweep does with one pending confirmation: `cancel` when the person is no longer stored
 * (erased) or no longer hears from the program, `give-up` after the last try, `not-yet` while a
 * recent try may still be running, else `send`.
 */
export function confirmationRetry(
  item: PendingConfirmation,
  person: { readonly status: ParticipantStatus; readonly email: string } | undefined,
  now: Date,
): ConfirmationRetry {
  // An erased person's profile is a tombstone without an address.
  if (person === undefined || person.email.trim() === '' || !receivesMail(person.status)) return 'cancel';
  if (item.attempts >= CONFIRMATION_MAX_ATTEMPTS) return 'give-up';
  const last = Date.parse(item.lastTriedAt ?? item.createdAt);
  if (Number.isFinite(last) && now.getTime() - last < CONFIRMATION_QUIET_MS) return 'not-yet';
  return 'send';
}
