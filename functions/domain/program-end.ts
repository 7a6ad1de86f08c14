import { timeZoneSchema } from './participant';
import { calendarDate, type Program } from './program';
import type { ProgramChange } from './program-changes';
import { programToday } from './rematch-policy';
import type { FieldIssue } from './validation';

/**
 * A program's `endDate` is the last day people can be matched; the program closes when the next
 * day begins in its time zone (programClosed, rematch-policy.ts). From then on nobody can enrol, a
 * pairing that ends is not rematched, and the first matching or rematch run tells everyone still
 * waiting that no partner was found and takes them off the waitlist, which setting the date again
 * does not undo (docs/decisions.md, When a program closes). So a new end date before today is a
 * typo to refuse, not a date to store (QA hr7: "2027-01-10" for a running program closed it for good).
 */

/** The time zone a program has once `input` (a new program, or a merge patch of `stored`) is applied. */
function zoneAfter(stored: Pick<Program, 'timeZone'> | undefined, input: Record<string, unknown>): string {
  const fallback = stored?.timeZone ?? 'UTC';
  if (!('timeZone' in input)) return fallback;
  // null puts the default back; a zone that is not one is refused on its own field.
  return input.timeZone === null ? 'UTC' : (timeZoneSchema.safeParse(input.timeZone).data ?? fallback);
}

/**
 * The issue of an `endDate` before today in the program's time zone, in a new program (`stored`
 * undefined) or a change. The end date the program already has is never refused for being sent
 * again: a program read with GET after it ended goes back whole. A date that is not one is left to
 * the schema, which names it.
 */
export function pastEndDateIssue(stored: Pick<Program, 'endDate' | 'timeZone'> | undefined, input: Record<string, unknown>, now: Date): FieldIssue | undefined {
  const { endDate } = input;
  if (typeof endDate !== 'string' || !calendarDate.safeParse(endDate).success || endDate === stored?.endDate) return undefined;
  const timeZone = zoneAfter(stored, input);
  const today = programToday({ timeZone }, now);
  if (endDate >= today) return undefined;
  return {
    field: 'endDate',
    message: `must not be before today (${today} in ${timeZone}): it is the last day people can be matched. To close the program soonest, set today's date: it closes when tomorrow begins, and the next matching or rematch run then tells whoever still waits that no partner was found`,
  };
}

/** What a change of the end date to today does at once, said with the change: the program closes tonight. */
export function closingNote(program: Pick<Program, 'endDate' | 'timeZone'>, now: Date): string | undefined {
  const today = programToday(program, now);
  if (program.endDate !== today) return undefined;
  return `today (${today} in ${program.timeZone}) is the program's last day: it closes when tomorrow begins. From then on nobody can enrol, a pairing that ends is not rematched, and the next matching or rematch run tells everyone still waiting that no partner was found and takes them off the waitlist`;
}

/** A changed setting as the answer to a change lists it, with `note` where it does more than `appliesTo` says. */
export interface AnsweredChange extends ProgramChange {
  readonly note?: string;
}

/** The changes of a saved change, the end date's with the closing note when it is today. */
export function answeredChanges(changes: readonly ProgramChange[], program: Pick<Program, 'endDate' | 'timeZone'>, now: Date): AnsweredChange[] {
  const note = closingNote(program, now);
  return changes.map((c) => (c.field === 'endDate' && note ? { ...c, note } : c));
}
