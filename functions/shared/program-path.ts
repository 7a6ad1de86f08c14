import { PROGRAM_ID_PATTERN, PROGRAM_ID_RULE, quotedProgramId } from '../domain/program-id';
import type { HttpEvent } from './http';
import { wellFormedPathId } from './path-id';

/**
 * The program id a `/programs/{programId}...` route names, or a 400 naming the field `programId`.
 * `GET /programs/UPPER` answered 400 but `/programs/UPPER/report`, `/concerns` and `/matching`
 * answered 404 for the same id (QA): every program route takes its id here.
 */
export function programPathId(event: HttpEvent): string {
  return wellFormedPathId(event, {
    param: 'programId',
    pattern: PROGRAM_ID_PATTERN,
    what: 'a program',
    rule: PROGRAM_ID_RULE,
    issue: 'is not a valid program id',
    quote: quotedProgramId,
  });
}
