import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkParticipantChanges, participantChanges } from '../../../functions/domain/events';
import { changeIssues } from '../../../functions/domain/participant-update';
import { fieldIssuesOf } from '../../../functions/domain/validation';
import { participant } from '../pairing/simulate';

/**
 * QA hr8: PATCH /participants/{id} with an unknown field named only the schema's problems (the
 * unknown field, `role`); once those were fixed it named three more (a mentee's capacity of 2, the
 * participant's own address as manager, a topic not in the catalogue). The answer names every bad
 * field at once, as POST /participants does (docs/admin-api.md: "400 naming each field").
 */

const sam = participant('mentee', { participantId: 'pt_mentee', email: 'karl.meyer@example.com' });
const catalogue = [{ id: 'ai-tools' }, { id: 'strategy' }, { id: 'leadership' }];
/** The body of `PATCH /participants/{id}`, as functions/participants-api.ts builds it. */
const patchBody = z.object(participantChanges).strict().superRefine(checkParticipantChanges);

function problems(body: Record<string, unknown>) {
  const parsed = patchBody.safeParse(body);
  return changeIssues(sam, body, parsed.success ? [] : fieldIssuesOf(parsed.error), participantChanges, catalogue);
}

describe('PATCH /participants/{id}: every bad field in one answer (QA hr8)', () => {
  it('names the unknown fields and the checks against the stored participant and the catalogue together, in the order sent', () => {
    const body = { emial: 'x', manager: { email: 'karl.meyer@example.com' }, topicsOffered: ['strategy', 'quantum'], capacity: 2, role: 'mentor' };
    expect(problems(body).map((i) => i.field)).toEqual(['emial', 'manager.email', 'topicsOffered.1', 'capacity', 'role']);
    expect(problems(body)).toContainEqual({ field: 'capacity', message: 'must be 1 for a mentee (only mentors may take several partners)' });
    expect(problems(body).find((i) => i.field === 'topicsOffered.1')?.message).toMatch(/^"quantum" is not a topic of this program/);
  });

  it('checks a field against the stored participant only when its value is valid on its own, and each field once', () => {
    // A capacity of 7 is out of range: that is its problem, not that a mentee takes one partner.
    expect(problems({ capacity: 7, emial: 'x' })).toEqual([
      { field: 'capacity', message: 'must be at most 5' },
      { field: 'emial', message: 'is not a known field' },
    ]);
    // A manager of the wrong form names the form; a list with a topic twice and an unknown one names both.
    expect(problems({ manager: { email: 'not-an-address' }, emial: 'x' }).map((i) => i.field)).toEqual(['manager.email', 'emial']);
    expect(problems({ topicsWanted: ['quantum', 'quantum'], emial: 'x' }).map((i) => i.field)).toEqual([
      'topicsWanted',
      'topicsWanted.0',
      'topicsWanted.1',
      'emial',
    ]);
  });

  it('a body that is no object keeps the one problem it has', () => {
    expect(problems([] as unknown as Record<string, unknown>)).toEqual([{ field: '(body)', message: 'must be a JSON object, not a list' }]);
  });
});
