import { PARTICIPANT_ID } from '../domain/participant';
import { HttpError, type HttpEvent } from './http';

/**
 * The participant id a `/participants/{id}` route names, or a 400 naming the field `id` when it
 * cannot be one: only a well-formed id that names nobody is 404 (docs/admin-api.md). "not-an-id"
 * answered 404 "there is no participant", as if a typo of an id could be enrolled later (QA hr8,
 * where erase answered 400 first: functions/erasure-api.ts).
 */
export function participantPathId(event: HttpEvent): string {
  const id = event.pathParameters?.id ?? '';
  if (!PARTICIPANT_ID.test(id))
    throw new HttpError(400, `"${shown(id)}" is not a participant id: a participant id is "pt_" and 20 letters and digits, as enrolment answered it.`, [
      { field: 'id', message: 'is not a valid id' },
    ]);
  return id;
}

// The path is the caller's own text: a long one is not repeated whole.
const shown = (id: string) => (id.length > 80 ? `${id.slice(0, 79)}\u2026` : id);
