import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import { updateEventRefusal } from '../../../functions/domain/fixed-fields';

/**
 * QA: `PATCH /participants/{id} {"role":"mentee"}` says "role cannot be changed once enrolled.
 * Leave it out: …", but the same change as an HRIS ParticipantUpdated event was dead-lettered with
 * "role is not a known field". The event now gives the API's reason.
 */
function refusal(detail: Record<string, unknown>): string {
  const parsed = inboundEvents.ParticipantUpdated.safeParse(detail);
  if (parsed.success) throw new Error('expected the event to be refused');
  return updateEventRefusal(detail, parsed.error);
}

describe('ParticipantUpdated: fields fixed at enrolment', () => {
  it('a role alone reads as a field that cannot be changed, with what to do, not "not a known field" nor "must change at least one of"', () => {
    expect(refusal({ participantId: 'pt_abc', role: 'mentee' })).toBe(
      'role cannot be changed once enrolled. Leave it out: a change sends only the fields it changes.',
    );
  });

  it('an HR system naming the person by employee id: the id is how the event names them, not a change', () => {
    expect(refusal({ employeeId: 'E1', consent: { dataProcessing: true }, programId: 'sales' })).toBe(
      'consent cannot be changed once enrolled; programId cannot be changed once enrolled. Leave them out: a change sends only the fields it changes.',
    );
  });

  it('beside a real problem, the fixed field is named as such and the other is still to fix (no "leave it out")', () => {
    const text = refusal({ participantId: 'pt_abc', role: 'mentee', timeZone: 'Atlantis/Capital' });
    expect(text).toContain('role cannot be changed once enrolled');
    expect(text).toContain('timeZone must be an IANA time zone');
    expect(text).not.toContain('not a known field');
    expect(text).not.toContain('Leave it out');
  });

  it('an unknown field stays unknown, and naming the person twice is still said', () => {
    expect(refusal({ participantId: 'pt_abc', emial: 'x@example.com', name: 'Sam' })).toBe('emial is not a known field');
    expect(refusal({ participantId: 'pt_abc', employeeId: 'E1', name: 'Sam' })).toBe(
      'employeeId cannot be given with participantId: give exactly one of them to name the person',
    );
  });
});
