import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import { decideParticipantUpdate } from '../../../functions/domain/participant-update';
import type { Participant, ParticipantIntake } from '../../../functions/domain/participant';
import { answeredByEmail, asksAddressMarker, cancelledAsSuppressed, comesBackUnder, enrolmentOfKnownEmployee } from '../../../functions/domain/suppression';
import { participant } from '../pairing/simulate';

/**
 * Suppression belongs to the address (docs/mail-feedback.md): a person whose address bounced or
 * complained comes back under a working one; the address itself stays suppressed.
 */

const suppressed = (over: Partial<Participant> = {}) =>
  participant('mentee', { email: 'sam@example.com', employeeId: 'E2', status: 'suppressed', rematchAttempts: 2, unansweredIntroductions: 1, ...over });

/** The intake that gives a participant's current answers, under `email`. */
function intakeOf(p: Participant, email: string, over: Partial<ParticipantIntake> = {}): ParticipantIntake {
  const {
    participantId: _id,
    status: _status,
    createdAt: _created,
    updatedAt: _updated,
    version: _version,
    rematchAttempts: _attempts,
    unansweredIntroductions: _unanswered,
    ...intake
  } = p;
  return { ...(intake as ParticipantIntake), email, ...over };
}

describe('a suppressed person comes back under a working address', () => {
  it('comes back under another address, not under the one that bounced (in any letter case) nor one that is suppressed itself', () => {
    const sam = suppressed();
    expect(comesBackUnder(sam, 'sam.new@example.com', false)).toBe(true);
    expect(comesBackUnder(sam, 'SAM@Example.com', false)).toBe(false);
    expect(comesBackUnder(sam, 'sam.new@example.com', true)).toBe(false);
    // Nobody else is changed by a new address.
    for (const status of ['enrolled', 'paired', 'withdrawn', 'left'] as const)
      expect(comesBackUnder(suppressed({ status }), 'sam.new@example.com', false)).toBe(false);
  });

  it('an enrolment under a new address with their employee id and current answers brings them back; the address must work', () => {
    const sam = suppressed();
    expect(enrolmentOfKnownEmployee(sam, intakeOf(sam, 'sam.new@example.com'), false)).toBe('rejoin');
    expect(enrolmentOfKnownEmployee(sam, intakeOf(sam, 'sam.new@example.com'), true)).toBe('address-suppressed');
    // Other answers as well: one person enrolled twice, as for anyone (update them first).
    expect(enrolmentOfKnownEmployee(sam, intakeOf(sam, 'sam.new@example.com', { department: 'Legal' }), false)).toBe('conflict');
  });

  it('a re-hire who left comes back as before; someone enrolled or who withdrew is one person enrolled twice', () => {
    const left = suppressed({ status: 'left' });
    expect(enrolmentOfKnownEmployee(left, intakeOf(left, 'sam.new@example.com'), false)).toBe('rejoin');
    // Not under an address that bounced or complained: their confirmation would go nowhere.
    expect(enrolmentOfKnownEmployee(left, intakeOf(left, 'sam.new@example.com'), true)).toBe('address-suppressed');
    for (const status of ['enrolled', 'paired', 'withdrawn'] as const) {
      const p = suppressed({ status });
      expect(enrolmentOfKnownEmployee(p, intakeOf(p, 'sam.new@example.com'), false)).toBe('conflict');
    }
  });

  it("HR's ParticipantUpdated with a new address brings them back: enrolled, as a new person, with the address moved", () => {
    const sam = suppressed();
    const update = inboundEvents.ParticipantUpdated.parse({ participantId: sam.participantId, email: 'sam.new@example.com' });
    const d = decideParticipantUpdate({ participant: sam, update, cohort: [sam], running: [], rules: { notSameDepartment: false } });
    if (!d.ok) throw new Error('rejected');
    expect(d.comesBack).toBe(true);
    expect(d.writes.email).toBe('sam.new@example.com');
    expect(d.participant).toMatchObject({ status: 'enrolled', email: 'sam.new@example.com' });
    expect(d.participant.rematchAttempts).toBeUndefined();
    expect(d.participant.unansweredIntroductions).toBeUndefined();
  });

  it('an update that keeps the address, names a suppressed address, or comes too late stays suppressed', () => {
    const sam = suppressed({ fieldUpdatedAt: { email: '2027-03-01T00:00:00.000Z' } });
    const decide = (detail: Record<string, unknown>, extra: { at?: string; newAddressSuppressed?: boolean } = {}) => {
      const update = inboundEvents.ParticipantUpdated.parse({ participantId: sam.participantId, ...detail });
      const d = decideParticipantUpdate({ participant: sam, update, cohort: [sam], running: [], rules: { notSameDepartment: false }, ...extra });
      if (!d.ok) throw new Error('rejected');
      return d;
    };
    for (const d of [
      decide({ email: 'SAM@example.com', department: 'Legal' }),
      decide({ email: 'sam.new@example.com' }, { newAddressSuppressed: true }),
      decide({ email: 'sam.new@example.com' }, { at: '2027-02-01T00:00:00.000Z' }),
    ]) {
      expect(d.comesBack).toBeUndefined();
      expect(d.participant.status).toBe('suppressed');
    }
  });
});

describe("HR's ParticipantUpdated moving someone still taking part to a suppressed address", () => {
  const decide = (who: Participant, extra: { newAddressSuppressed?: boolean; newAddressSuppression?: { reason?: string; suppressedAt?: string } } = {}) =>
    decideParticipantUpdate({
      participant: who,
      update: inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, email: 'sam.new@example.com', department: 'Legal' }),
      cohort: [who],
      running: [],
      rules: { notSameDepartment: false },
      ...extra,
    });

  it('is refused on email, with what happened and when, and nothing of the event is applied', () => {
    for (const status of ['enrolled', 'paired', 'completed', 'awaiting-rematch'] as const) {
      const d = decide(suppressed({ status, timeZone: 'Europe/Berlin' }), {
        newAddressSuppressed: true,
        newAddressSuppression: { reason: 'email-bounced', suppressedAt: '2027-03-12T23:30:00.000Z' },
      });
      expect(d).toEqual({
        ok: false,
        issues: [
          {
            field: 'email',
            message: 'is an address that no longer takes our email (it bounced on 13 March 2027): enrol the person under an address that works',
          },
        ],
      });
    }
  });

  it('a working new address is stored as before; a suppressed, left or withdrawn person keeps the documented behaviour', () => {
    const moved = decide(suppressed({ status: 'paired' }));
    expect(moved.ok && moved.changes.email).toBe('sam.new@example.com');
    for (const status of ['suppressed', 'left', 'withdrawn'] as const) {
      const d = decide(suppressed({ status }), { newAddressSuppressed: true });
      expect(d.ok && d.changes.email).toBe('sam.new@example.com');
    }
  });
});

describe('nothing more is written to a suppressed address', () => {
  it('a suppressed person is answered only for their data rights', () => {
    expect(answeredByEmail('suppressed')).toBe(false);
    expect(answeredByEmail('suppressed', 'data-rights')).toBe(true);
    for (const status of ['enrolled', 'paired', 'withdrawn', 'left', undefined] as const) expect(answeredByEmail(status)).toBe(true);
  });

  it("an email decided earlier is cancelled when it falls due if its reader's address was suppressed meanwhile", () => {
    for (const template of ['pairingEnded', 'partnerLeft', 'recognition', 'pairingResumed'] as const) {
      expect(cancelledAsSuppressed({ template }, { member: { status: 'suppressed' } })).toBe(true);
      expect(cancelledAsSuppressed({ template }, { member: { status: 'withdrawn' } })).toBe(false);
      expect(cancelledAsSuppressed({ template }, { member: { status: 'paired' } })).toBe(false);
    }
  });

  it("a manager's note is cancelled when the manager's address bounced or complained; the marker is read only for it", () => {
    expect(asksAddressMarker({ template: 'managerNote' }, undefined)).toBe(true);
    expect(cancelledAsSuppressed({ template: 'managerNote' }, { addressSuppressed: true })).toBe(true);
    expect(cancelledAsSuppressed({ template: 'managerNote' }, { addressSuppressed: false })).toBe(false);
    // Members are known by their status; admins' emails are not checked.
    expect(asksAddressMarker({ template: 'recognition' }, { status: 'paired' })).toBe(false);
    expect(asksAddressMarker({ template: 'adminDecisionRequest' }, undefined)).toBe(false);
    expect(cancelledAsSuppressed({ template: 'adminDecisionRequest' }, { addressSuppressed: true })).toBe(false);
  });
});
