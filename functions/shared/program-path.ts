import { isProgramId, PROGRAM_ID_RULE, quotedProgramId } from '../domain/program-id';
import { HttpError, type HttpEvent } from './http';

/**
 * The program id a `/programs/{programId}...` route names, or a 400 naming the field `programId`
 * when it cannot be one: only a well-formed id that names no program is 404 (docs/admin-api.md).
 * `GET /programs/UPPER` answered 400 but `/programs/UPPER/report`, `/concerns` and `/matching`
 * answered 404 for the same id (QA): every program route takes its id here.
 */
export function programPathId(event: HttpEvent): string {
  const value = event.pathParameters?.programId ?? '';
  if (!isProgramId(value)) {
    throw new HttpError(400, `"${quotedProgramId(value)}" is not a program id: a program id is ${PROGRAM_ID_RULE}.`, [
      { field: 'programId', message: 'is not a valid program id' },
    ]);
  }
  return value;
}
