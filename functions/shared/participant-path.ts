import { PARTICIPANT_ID } from '../domain/participant';
import type { HttpEvent } from './http';
import { wellFormedPathId } from './path-id';

/**
 * The participant id a `/participants/{id}` route names (GET, PATCH, export, erase), or a 400
 * naming the field `id`: "not-an-id" answered 404 "there is no participant", as if a typo of an id
 * could be enrolled later (QA hr8).
 */
export function participantPathId(event: HttpEvent): string {
  return wellFormedPathId(event, {
    param: 'id',
    pattern: PARTICIPANT_ID,
    what: 'a participant',
    rule: '"pt_" and 20 lowercase letters and digits 2 to 7, as enrolment answered it',
  });
}
