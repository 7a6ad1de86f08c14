import type { z } from 'zod';
import { UPDATABLE_FIELDS } from './events';
import { participantIntakeSchema } from './participant';
import { boundIssues, describeIssues, type FieldIssue, fieldIssuesOf } from './validation';

/** The issue of a field no change may touch, in the import's words for it. */
export const FIXED_FIELD_MESSAGE = 'cannot be changed once enrolled';

/**
 * What an enrolment holds that no change may touch: the intake's answers a change does not take
 * (role, employee id, program, consent, doNotPairWith) and the participant's id, which the path
 * names. Known fields, so not "not a known field".
 */
const FIXED_FIELDS: readonly string[] = [
  'participantId',
  ...Object.keys(participantIntakeSchema.shape).filter((f) => !(UPDATABLE_FIELDS as readonly string[]).includes(f)),
];

/**
 * The schema's issues with each fixed field (FIXED_FIELDS) answered as the import answers a repeat
 * that differs in it: "role cannot be changed once enrolled" (intake.ts, differingAnswersRemedy),
 * not "is not a known field". A body of fixed fields alone has that one problem: the schema's "must
 * change at least one of …" is left out, as it would send HR looking for a change they did send.
 */
export function fixedFieldIssues(keys: readonly string[], schemaIssues: readonly FieldIssue[]): FieldIssue[] {
  const fixed = keys.filter((k) => FIXED_FIELDS.includes(k));
  if (fixed.length === 0) return [...schemaIssues];
  const onlyFixed = fixed.length === keys.length;
  const kept = schemaIssues.filter((i) => !fixed.includes(i.field) && !(onlyFixed && i.field === '(body)'));
  return [...kept, ...fixed.map((field) => ({ field, message: FIXED_FIELD_MESSAGE }))];
}

/** How a ParticipantUpdated event names its person (functions/domain/events.ts): no change, whichever it gives. */
const PERSON_REF: readonly string[] = ['participantId', 'employeeId'];

/**
 * Why a ParticipantUpdated event its schema refuses is rejected, each fixed field said as PATCH
 * /participants/{id} says it (fixedFieldIssues), with the same remedy: an HR system that sends a
 * role reads "role cannot be changed once enrolled. Leave it out: …", not "role is not a known
 * field". The id the event names its person by is no change, so it is neither a fixed field here
 * nor counted among the fields the event sends.
 */
export function updateEventRefusal(detail: unknown, error: z.ZodError): string {
  const keys = detail !== null && typeof detail === 'object' && !Array.isArray(detail) ? Object.keys(detail) : [];
  const issues = boundIssues(
    fixedFieldIssues(
      keys.filter((k) => !PERSON_REF.includes(k)),
      fieldIssuesOf(error),
    ),
  );
  const remedy = fixedFieldsRemedy(issues);
  return remedy ? `${describeIssues(issues)}. ${remedy}` : describeIssues(issues);
}

/**
 * What HR does about a change whose only problems are fields fixed at enrolment: nothing to fix in
 * them, only to leave them out. Undefined when another problem needs fixing.
 */
export function fixedFieldsRemedy(issues: readonly FieldIssue[]): string | undefined {
  if (issues.length === 0 || !issues.every((i) => i.message === FIXED_FIELD_MESSAGE)) return undefined;
  return `Leave ${issues.length === 1 ? 'it' : 'them'} out: a change sends only the fields it changes.`;
}
