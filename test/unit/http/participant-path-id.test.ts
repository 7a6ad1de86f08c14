import { describe, expect, it } from 'vitest';
import { HttpError, type HttpEvent } from '../../../functions/shared/http';
import { participantPathId } from '../../../functions/shared/participant-path';

/**
 * The participant routes (GET/PATCH /participants/{id}, GET /participants/{id}/export, as erase
 * already did: QA hr8) take an id that can never be a participant's as a 400 naming `id`, never as
 * a 404 "there is no participant", which reads as if a person under it might be enrolled later.
 */

const withId = (id: string | undefined) => ({ pathParameters: id === undefined ? {} : { id } }) as unknown as HttpEvent;

function refusal(id: string | undefined): HttpError {
  try {
    participantPathId(withId(id));
  } catch (error) {
    if (error instanceof HttpError) return error;
    throw error;
  }
  throw new Error(`"${id}" was taken as a participant id`);
}

describe('a participant id in the path', () => {
  it('is taken when it is one enrolment could give: pt_ and 20 base32 characters (lowercase letters and digits 2 to 7)', () => {
    expect(participantPathId(withId('pt_abcdefghijklmnopqrst'))).toBe('pt_abcdefghijklmnopqrst');
    expect(participantPathId(withId('pt_a2b3c4d5e6f7g2h3i4j5'))).toBe('pt_a2b3c4d5e6f7g2h3i4j5');
  });

  it('is refused with 400 on `id` when it cannot be one, saying what one looks like', () => {
    for (const id of ['not-an-id', 'pt_short', 'PT_ABCDEFGHIJKLMNOPQRST', 'pt_abcdefghijklmnopqrs1', 'has space', '', undefined]) {
      const error = refusal(id);
      expect(error.statusCode, String(id)).toBe(400);
      expect(error.issues).toEqual([{ field: 'id', message: 'is not a valid id' }]);
      expect(error.message).toMatch(/is not a participant id: a participant id is "pt_" and 20 lowercase letters and digits 2 to 7/);
    }
  });

  it('repeats a long path only in part', () => {
    expect(refusal('x'.repeat(5000)).message.length).toBeLessThan(250);
  });
});
