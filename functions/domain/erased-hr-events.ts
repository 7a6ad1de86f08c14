import { isErased } from './erasure';
import type { Participant } from './participant';
import { toTheSecond } from './rejoin';

/**
 * HR events about someone who was erased (docs/decisions.md, "An erased person stays erased").
 * HR systems keep the person after an erasure in crossgen, deliver events late and replay them from
 * the archive with their original `time`; none of that may bring the person back, write a name
 * again or email them. What the erasure left to know them by is the digest of their employee id on
 * the tombstone (domain/erasure.ts, reportingLine), found by the employee id an event names, or the
 * tombstone itself, named by its participant id.
 *
 * - An event of any kind dated at or before the erasure (the same second counts, as for every HR
 *   event: they carry whole seconds) changes nothing and sends nothing, and is refused with the
 *   erasure's date and its own, so HR sees in the dead letters why.
 * - A `ParticipantUpdated` or `ParticipantLeft` for an erased person, however dated, has nothing
 *   to act on (the tombstone keeps no profile): refused, saying so.
 * - A `ParticipantEnrolled` dated after the erasure is HR enrolling the person again, with the
 *   consent the intake carries: a new person, as through the HTTP API or an import (which HR sends
 *   now, and which this never refuses).
 * Pure: the handlers read the tombstones and reject the event with the reason given here.
 */

export type HrEvent = 'ParticipantEnrolled' | 'ParticipantUpdated' | 'ParticipantLeft';

/**
 * When the person was erased, to the second: the latest of their erasures (erased, enrolled again
 * and erased again, the last counts), one still under way as of `now`. Undefined: nobody erased.
 */
export function erasedOn(enrolments: readonly Participant[], now: Date): string | undefined {
  const times = enrolments.filter(isErased).map((p) => toTheSecond(p.erasure.erasedAt ?? now));
  return times.length === 0 ? undefined : times.reduce((a, b) => (a > b ? a : b));
}

/** How the event named the person, for the reason HR reads (an employee id itself stays out of it and of logs). */
export type NamedBy = { readonly participantId: string } | { readonly employeeId: true };

/**
 * Why the event is refused because it names an erased person (`erased`: their tombstones, from
 * erasedOn), or undefined: nobody erased, or an enrolment dated after the erasure (a new person).
 * `eventAt`: the event's own `time` (an event without one counts as sent now).
 */
export function refusedAfterErasure(input: {
  readonly event: HrEvent;
  readonly erased: readonly Participant[];
  readonly eventAt: string | undefined;
  readonly namedBy: NamedBy;
  readonly now: Date;
}): string | undefined {
  const on = erasedOn(input.erased, input.now);
  if (on === undefined) return undefined;
  const who = 'participantId' in input.namedBy ? `participantId ${input.namedBy.participantId}` : 'employeeId';
  const dated = input.eventAt !== undefined && !Number.isNaN(Date.parse(input.eventAt)) ? toTheSecond(input.eventAt) : undefined;
  if (dated !== undefined && dated <= on)
    return (
      `${who} names a person who was erased on ${on} (data rights), and this event is dated ${dated}, not after that: ` +
      'an HR event from before the erasure (delivered late, or replayed from the archive) changes nothing, and nothing was stored or sent'
    );
  if (input.event === 'ParticipantEnrolled') return undefined;
  return (
    `${who} names a person who was erased on ${on} (data rights): there is nothing to change, their record keeps no profile. ` +
    'Stop sending events for them; should they join again, a ParticipantEnrolled dated now enrols them as a new person'
  );
}

/** An HR event refused because it names an erased person (refusedAfterErasure: the reason). */
export class RefusedAfterErasure extends Error {
  override readonly name = 'RefusedAfterErasure';
}
