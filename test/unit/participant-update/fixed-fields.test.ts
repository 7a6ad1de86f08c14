import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkParticipantChanges, participantChanges } from '../../../functions/domain/events';
import { changeIssues } from '../../../functions/domain/participant-update';
import { fieldIssuesOf } from '../../../functions/domain/validation';
import { participant } from '../pairing/simulate';

/**
 * QA: `PATCH /participants/{id} {"role":"mentee"}` was answered "role is not a known field" and
 * "(body) must change at least one of …": role is a participant's field, one that cannot change.
 * The answer says so in the import's words ("employeeId cannot be changed once enrolled").
 */

const sam = participant('mentor', { participantId: 'pt_mentor', email: 'sam@example.com' });
const patchBody = z.object(participantChanges).strict().superRefine(checkParticipantChanges);

function problems(body: Record<string, unknown>) {
  const parsed = patchBody.safeParse(body);
  return changeIssues(sam, body, parsed.success ? [] : fieldIssuesOf(parsed.error), participantChanges);
}

describe('PATCH /participants/{id}: fields fixed at enrolment', () => {
  it('answers a role alone as a field that cannot be changed, without the "must change at least one of" of an empty change', () => {
    expect(problems({ role: 'mentee' })).toEqual([{ field: 'role', message: 'cannot be changed once enrolled' }]);
  });

  it('names every fixed field of the enrolment so, the id the path names too', () => {
    const body = { participantId: 'pt_other', programId: 'sales', employeeId: 'E9', consent: { dataProcessing: true }, doNotPairWith: [] };
    expect(problems(body)).toEqual(Object.keys(body).map((field) => ({ field, message: 'cannot be changed once enrolled' })));
  });

  it('keeps a real change beside a fixed field, and an unknown field stays unknown', () => {
    expect(problems({ name: 'Sam Lee', role: 'mentee', emial: 'x' })).toEqual([
      { field: 'role', message: 'cannot be changed once enrolled' },
      { field: 'emial', message: 'is not a known field' },
    ]);
    // With an unknown field, the empty change still lists what may be changed.
    expect(problems({ role: 'mentee', emial: 'x' }).map((i) => i.field)).toEqual(['(body)', 'role', 'emial']);
  });
});
