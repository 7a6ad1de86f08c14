import type { UPDATABLE_FIELDS } from './events';
import type { Participant } from './participant';

/**
 * A person's return (docs/decisions.md, "Enrolling again someone who left"): a re-hire enrolled
 * again, or someone whose address was suppressed back under a working one. HR events arrive late
 * and archive replays resend old ones, so a return records when it happened, and an HR event from
 * before it does not undo it: an older `ParticipantLeft` does not make them leave again, an older
 * `ParticipantUpdated` does not move back the address the return gave (participant-update.ts).
 *
 * HR events carry their time to the second (EventBridge writes `time` without milliseconds), so a
 * return is recorded to the second too, and an event of the same second as a return is not older
 * than it: it applies, as the later of two HR events of the same second does (the last delivered
 * wins). A leave is undone only by a return that came a second or more after it.
 */

type UpdatableField = (typeof UPDATABLE_FIELDS)[number];

/** A time as HR events give theirs: to the whole second (ISO, `.000Z`). */
export function toTheSecond(at: Date | string): string {
  const ms = typeof at === 'string' ? Date.parse(at) : at.getTime();
  return new Date(Math.floor(ms / 1000) * 1000).toISOString();
}

/** How far ahead of the receiving clock an HR event's `time` may be: clocks of two systems differ a little. */
export const EVENT_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * Why an HR event dated after it arrived is refused, or undefined. Its time would be stored as when
 * the fields changed (`fieldUpdatedAt`), so every correction sent before that date would count as
 * older and be dropped in silence (QA events3: an update stamped 30 days ahead blocked them all).
 */
export function futureDatedIssue(eventAt: string | undefined, receivedAt: Date): string | undefined {
  if (eventAt === undefined || Number.isNaN(Date.parse(eventAt))) return undefined;
  if (Date.parse(eventAt) - receivedAt.getTime() <= EVENT_CLOCK_SKEW_MS) return undefined;
  return `time is ${toTheSecond(eventAt)}, later than when the event was handled (${toTheSecond(receivedAt)}): date an HR event when the change happened, never ahead, and send it again`;
}

/**
 * When HR says an enrolment or a return happened, to the second, as it is recorded: the event's
 * `time`, never later than when it was handled (an event dated ahead counts from then, so that no
 * departure HR sends meanwhile counts as older), or then when there is no event time (the HTTP API,
 * an import: HR enrols now).
 */
export function hrEventTime(eventAt: string | undefined, handledAt: Date | string): string {
  const handled = toTheSecond(handledAt);
  if (eventAt === undefined || Number.isNaN(Date.parse(eventAt))) return handled;
  const at = toTheSecond(eventAt);
  return at < handled ? at : handled;
}

/**
 * When the enrolment as it stands began, by HR's clock: its last return, else its enrolment's own
 * time (`enrolledAt`: the `ParticipantEnrolled`'s `time`), else, stored before that was kept, when
 * it was stored. HR cannot name an enrolment before it exists, so a departure dated earlier
 * concerns an enrolment of the same person that came before this one, such as the one a re-hire
 * left in another program. Not when it was stored: HR events arrive out of order, and a leave dated
 * after the enrolment that reached us before it (its retry, or a re-sent dead letter, finding the
 * person) is the person's leave, not an older one (QA: the leaver who stayed enrolled).
 */
export function enrolledSince(enrolment: Pick<Participant, 'createdAt' | 'enrolledAt' | 'rejoinedAt'>): string {
  return toTheSecond(enrolment.rejoinedAt ?? enrolment.enrolledAt ?? enrolment.createdAt);
}

/**
 * Whether a departure dated `eventAt` (`ParticipantLeft`'s or `ParticipantWithdrew`'s `time`) is
 * older than the enrolment as it stands, and so changes nothing: it is from a second before HR
 * enrolled the person or they last came back (a late delivery, an archive replay). A departure of
 * the same second, or one whose time is unknown, applies, and so does one dated after the
 * enrolment, however late it arrives.
 */
export function departureIsOlder(enrolment: Pick<Participant, 'createdAt' | 'enrolledAt' | 'rejoinedAt'>, eventAt: string | undefined): boolean {
  if (eventAt === undefined || Number.isNaN(Date.parse(eventAt))) return false;
  const since = enrolledSince(enrolment);
  return !Number.isNaN(Date.parse(since)) && toTheSecond(eventAt) < since;
}

/**
 * Whether an enrolment dated `eventAt` (`ParticipantEnrolled`'s `time`) is older than the person's
 * leaving, and so is no re-hire: HR's enrolment from before they left, delivered late or replayed
 * from the archive, leaves them `left` (a repeat: nothing written, nothing sent). An enrolment of
 * the same second or later, or one whose time is unknown (the HTTP API: HR enrols now), re-hires.
 */
export function enrolmentIsOlderThanLeave(person: Pick<Participant, 'status' | 'leftAt'>, eventAt: string | undefined): boolean {
  if (person.status !== 'left' || person.leftAt === undefined || eventAt === undefined || Number.isNaN(Date.parse(eventAt))) return false;
  return toTheSecond(eventAt) < toTheSecond(person.leftAt);
}

/**
 * What a return writes besides its status: when it happened (`rejoinedAt`, to the second) and, for
 * each field it changes (a re-hire's new address), that time in `fieldUpdatedAt`, as an HR update
 * of the field would, so that an older `ParticipantUpdated` leaves the field as the return set it.
 * A time already later than the return (an event dated ahead, a later return) is kept.
 */
export function returnStamps(
  current: Pick<Participant, 'fieldUpdatedAt' | 'rejoinedAt'>,
  changed: readonly UpdatableField[],
  at: Date | string,
): { readonly rejoinedAt: string; readonly fieldUpdatedAt?: Readonly<Record<string, string>> } {
  const now = toTheSecond(at);
  const later = (stored: string | undefined) => (stored !== undefined && stored > now ? stored : now);
  const rejoinedAt = later(current.rejoinedAt);
  if (changed.length === 0) return { rejoinedAt };
  const times = current.fieldUpdatedAt ?? {};
  return { rejoinedAt, fieldUpdatedAt: { ...times, ...Object.fromEntries(changed.map((f) => [f, later(times[f])])) } };
}
