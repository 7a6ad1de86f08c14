import { describe, expect, it } from 'vitest';
import {
  CONFIRMATION_MAX_ATTEMPTS,
  CONFIRMATION_QUIET_MS,
  CONFIRMATION_RETRY_WITHIN_MINUTES,
  CONFIRMATION_SWEEP_MINUTES,
  confirmationRetry,
} from '../../../functions/domain/confirmation-retry';
import { ConfirmationNotSent } from '../../../functions/domain/intake';
import type { Participant } from '../../../functions/domain/participant';

const now = new Date('2027-03-01T10:00:00Z');
const ago = (ms: number) => new Date(now.getTime() - ms).toISOString();
const person = { status: 'enrolled' as const, email: 'ana@example.org' };

describe('the sweep of pending enrolment confirmations', () => {
  it('sends one whose last try is older than the quiet time, and leaves a recent one to whoever is still trying', () => {
    expect(confirmationRetry({ attempts: 1, createdAt: ago(60 * 60_000), lastTriedAt: ago(CONFIRMATION_QUIET_MS) }, person, now)).toBe('send');
    expect(confirmationRetry({ attempts: 1, createdAt: ago(60 * 60_000), lastTriedAt: ago(CONFIRMATION_QUIET_MS - 1) }, person, now)).toBe('not-yet');
    // Never tried (a function died before it could): measured from the enrolment.
    expect(confirmationRetry({ attempts: 0, createdAt: ago(CONFIRMATION_QUIET_MS + 1) }, person, now)).toBe('send');
    expect(confirmationRetry({ attempts: 0, createdAt: ago(1000) }, person, now)).toBe('not-yet');
  });

  it('cancels it for someone erased, gone, withdrawn or suppressed, and gives up after the last try', () => {
    const item = { attempts: 2, createdAt: ago(CONFIRMATION_QUIET_MS * 2) };
    expect(confirmationRetry(item, undefined, now)).toBe('cancel');
    expect(confirmationRetry(item, { status: 'withdrawn', email: '' }, now)).toBe('cancel'); // an erasure's tombstone
    for (const status of ['withdrawn', 'left', 'suppressed'] as const) expect(confirmationRetry(item, { ...person, status }, now)).toBe('cancel');
    for (const status of ['paired', 'waitlisted', 'awaiting-rematch'] as const) expect(confirmationRetry(item, { ...person, status }, now)).toBe('send');
    expect(confirmationRetry({ ...item, attempts: CONFIRMATION_MAX_ATTEMPTS - 1 }, person, now)).toBe('send');
    expect(confirmationRetry({ ...item, attempts: CONFIRMATION_MAX_ATTEMPTS }, person, now)).toBe('give-up');
  });

  it('promises in the answer the time the first sweep that may send it takes at most', () => {
    // A try that fails at t is left alone until t + quiet; the next sweep comes at most one period later.
    expect(CONFIRMATION_RETRY_WITHIN_MINUTES).toBeGreaterThanOrEqual(CONFIRMATION_QUIET_MS / 60_000 + CONFIRMATION_SWEEP_MINUTES);
    const error = new ConfirmationNotSent({ participantId: 'pt_1' } as Participant, true, new Error('SES'));
    expect(error.message).toContain(`within ${CONFIRMATION_RETRY_WITHIN_MINUTES} minutes`);
    expect(error.message).toContain(`every ${CONFIRMATION_SWEEP_MINUTES} minutes`);
  });
});
