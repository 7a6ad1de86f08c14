import type { z } from 'zod';
import { type inboundEvents, REMOVABLE_FIELDS, UPDATABLE_FIELDS, type UpdatableField } from './events';
import { buildReportingChains, type ReportingLink } from './matching/reporting-chain';
import { interestKey } from './matching/text';
import type { EndReason } from './pairing/model';
import { fixedFieldIssues } from './fixed-fields';
import { checkTopics, emailKey, employeeIdKey, receivesMail, type Participant } from './participant';
import type { MatchingRules } from './program';
import { returnStamps, toTheSecond } from './rejoin';
import { type AddressSuppression, CLEARED_ON_COMEBACK, comesBackUnder, suppressedAddressMessage } from './suppression';
import type { FieldIssue } from './validation';

/** A ParticipantUpdated detail, parsed (functions/domain/events.ts). */
export type ParticipantUpdate = z.output<(typeof inboundEvents)['ParticipantUpdated']>;
type RemovableField = (typeof REMOVABLE_FIELDS)[number];

/** What a stored participant becomes: the fields that really change (`null` removes a manager, a job title, a communication style). */
export type ProfileChanges = Partial<Pick<Participant, Exclude<UpdatableField, RemovableField>>> & {
  readonly [F in RemovableField]?: NonNullable<Participant[F]> | null;
};

/** A pairing of the program that has not ended (introduced, active or paused). */
export interface RunningPairing {
  readonly pairingId: string;
  readonly mentorId: string;
  readonly menteeId: string;
}

export interface UpdateInput {
  readonly participant: Participant;
  readonly update: ParticipantUpdate;
  /** Everyone enrolled in the participant's program. */
  readonly cohort: readonly Participant[];
  /**
   * The reporting lines of the managers the cohort names but the program does not hold, from their
   * enrolments in other programs (functions/adapters/reporting-elsewhere.ts), as matching reads
   * them: Sam's new manager Omar is enrolled only in another program, where his record names Priya;
   * Priya, Sam's mentee here, is now Sam's manager's manager (QA matching3).
   */
  readonly linesElsewhere?: readonly ReportingLink[];
  /** The program's running pairings. */
  readonly running: readonly RunningPairing[];
  readonly rules: Pick<MatchingRules, 'notSameDepartment'>;
  /** The program's topic catalogue (a new topic list must come from it, as at intake); the default catalogue when not given. */
  readonly topics?: readonly { readonly id: string }[];
  /**
   * When the HR system says the change happened (the event's `time`). A field a later event, or a
   * later return (a re-hire's new address, rejoin.ts), has already set is left as it is: events
   * arrive out of order, and an archive replay resends old ones. So is every field when the event is
   * older than the enrolment (olderThanEnrolment).
   */
  readonly at?: string;
  /** Whether the address the event gives has itself bounced or complained (its suppression marker). */
  readonly newAddressSuppressed?: boolean;
  /** With `newAddressSuppressed`: why and when, from the marker, for the refusal's words. */
  readonly newAddressSuppression?: AddressSuppression;
}

export type UpdateDecision =
  | { readonly ok: false; readonly issues: FieldIssue[] }
  | {
      readonly ok: true;
      /** Only the fields whose value differs from the stored one (empty when the event repeats). */
      readonly changes: ProfileChanges;
      /** The participant as it should be stored. */
      readonly participant: Participant;
      /** Running pairings that must end now, each with why; nobody's fault, both are rematched. */
      readonly end: { readonly pairingId: string; readonly reason: Extract<EndReason, 'reporting-line-changed' | 'department-changed'> }[];
      /** Fields the event names that a later event, the enrolment or a return already set: not applied. */
      readonly stale: UpdatableField[];
      /** The event is dated before the enrolment (olderThanEnrolment): every field it names is stale, nothing changes, no pairing ends. */
      readonly olderThanEnrolment?: true;
      /** When each field the event set was last set by HR, when that moved on (to store with the changes). */
      readonly fieldUpdatedAt?: Readonly<Record<string, string>>;
      /**
       * What to write on the stored participant: the changes, the names a rename leaves, the field
       * times and, when they come back, when (`rejoinedAt`). Empty: nothing.
       */
      readonly writes: ProfileChanges & Pick<Participant, 'formerNames' | 'formerEmails' | 'fieldUpdatedAt' | 'rejoinedAt'>;
      /**
       * A suppressed person moved to a working address (suppression.ts, comesBackUnder): the
       * suppression belonged to the old address, so they are enrolled again with it, as an
       * enrolment under the new address would enrol them (a new confirmation, offered to matching).
       * The event's time is their return (`rejoinedAt`, rejoin.ts): a departure dated before it does
       * not make them leave again.
       */
      readonly comesBack?: true;
    };

/**
 * What a ParticipantUpdated event means for the participant and the program's running pairings.
 * Pure. Name, time zone, languages and availability are simply stored: every email reads the
 * participant fresh, so they apply from the next email, and matching reads them for any rematch.
 * A mentor's capacity too: matching proposes by it from then on, and running pairings beyond a
 * lowered capacity carry on (as with a lowered program cap, maxMenteesPerMentor).
 * So are the answers matching scores by (topics, from the program's catalogue, interests, goals,
 * meeting preference, communication style, location, job title): every matching run after the
 * change reads the new ones; a pairing already made is not ended or scored again for them: why it
 * was matched (its score and reasons) stays as stored on it, while its later emails read the
 * person fresh (a review asks about the topics the two share now).
 * Two changes can make a running pairing one the program would never have made:
 * - a manager change, or a new address: every running pairing of the program is checked again,
 *   because one person's new manager can put another pair in one reporting line (A now reports to
 *   the mentor and manages the mentee), and so can an address another person's manager field names;
 *   the lines are matching's, a manager held only in another program included (`linesElsewhere`);
 * - a department change, when the program pairs people of different departments only: the
 *   participant's own pairings are checked.
 * The checks run on what the event says, not on what changed, so a repeated event (Lambda's
 * retries) ends the same pairings whether or not the first attempt already stored the change.
 */
/**
 * The running pairings whose mentor and mentee are in one reporting line of `cohort` (built as
 * matching builds it, from everyone the program holds, and `linesElsewhere`: the lines of
 * managers held only in other programs): each ends with `reporting-line-changed`.
 * A manager change, a new address and a new enrolment all decide by it.
 */
export function inOneReportingLine(
  cohort: readonly Participant[],
  running: readonly RunningPairing[],
  linesElsewhere: readonly ReportingLink[] = [],
): { readonly pairingId: string; readonly reason: 'reporting-line-changed' }[] {
  const byId = new Map(cohort.map((p, i) => [p.participantId, i]));
  const chains = buildReportingChains(cohort, linesElsewhere);
  return running
    .filter((pairing) => {
      const mentor = byId.get(pairing.mentorId);
      const mentee = byId.get(pairing.menteeId);
      return mentor !== undefined && mentee !== undefined && chains.sameChain(mentor, mentee);
    })
    .map((pairing) => ({ pairingId: pairing.pairingId, reason: 'reporting-line-changed' as const }));
}

/** The names a rename leaves behind (an erasure still finds them in what was written before). */
export function formerNamesAfter(current: Participant, changes: { readonly name?: string }): Pick<Participant, 'formerNames'> {
  if (changes.name === undefined || changes.name === current.name) return {};
  const former = (current.formerNames ?? []).filter((n) => n !== current.name && n !== changes.name);
  return { formerNames: [...former, current.name] };
}

/** The addresses a move leaves behind (an erasure still finds them: raw mail sent from them, a manager reference, notes). */
export function formerEmailsAfter(current: Participant, changes: { readonly email?: string }): Pick<Participant, 'formerEmails'> {
  if (changes.email === undefined || emailKey(changes.email) === emailKey(current.email)) return {};
  const former = (current.formerEmails ?? []).filter((e) => emailKey(e) !== emailKey(current.email) && emailKey(e) !== emailKey(changes.email!));
  return { formerEmails: [...former, current.email] };
}

/**
 * Whether an update dated `at` is older than the participant's enrolment (when HR enrolled them,
 * `enrolledAt`: an HR event's own time; else when it was stored, `createdAt`), to the second as HR
 * events give their time: an update HR made after the enrolment event but that arrives before it
 * was processed is newer, not older. The enrolment gave every field an update can name (a
 * missing manager included: none was known) without stamping them in `fieldUpdatedAt`, so without
 * this any update from before it counted as newer and put back what the enrolment replaced (QA
 * events5: an update from a month before restored an old name and department). A return (a
 * re-hire, an address after a suppression) stamps the fields it changes itself (rejoin.ts,
 * returnStamps); the others it leaves as HR last set them. An update of the same second as the
 * enrolment, or without a time, is not older.
 */
export function olderThanEnrolment(participant: Pick<Participant, 'createdAt' | 'enrolledAt'>, at: string | undefined): boolean {
  const enrolled = participant.enrolledAt ?? participant.createdAt;
  if (at === undefined || Number.isNaN(Date.parse(at)) || Number.isNaN(Date.parse(enrolled))) return false;
  return toTheSecond(at) < toTheSecond(enrolled);
}

export function decideParticipantUpdate(input: UpdateInput): UpdateDecision {
  const { participant: current } = input;
  const issues = [...managerIssues(current, input.update), ...topicIssues(current, input.update, input.topics)];
  if (issues.length > 0) return { ok: false, issues };

  // Out of order: a field a later HR event, the enrolment or a return already set keeps that value.
  const times = current.fieldUpdatedAt ?? {};
  const beforeEnrolment = olderThanEnrolment(current, input.at);
  const stale = UPDATABLE_FIELDS.filter((f) => input.update[f] !== undefined && input.at !== undefined && (beforeEnrolment || (times[f] ?? '') > input.at));
  const update = Object.fromEntries(Object.entries(input.update).filter(([f]) => !stale.includes(f as UpdatableField))) as ParticipantUpdate;
  const moved = input.at === undefined ? [] : UPDATABLE_FIELDS.filter((f) => update[f] !== undefined && (times[f] ?? '') < input.at!);
  const fieldUpdatedAt = moved.length > 0 ? { ...times, ...Object.fromEntries(moved.map((f) => [f, input.at!])) } : undefined;

  const changes: Record<string, unknown> = {};
  for (const field of UPDATABLE_FIELDS) {
    const value = update[field];
    if (value === undefined) continue;
    // The same address in other letters is the same mailbox (markers compare without case): no change.
    if (field === 'email' && emailKey(value as string) === emailKey(current.email)) continue;
    if (value === null ? current[field] !== undefined : !sameValue(value, current[field])) changes[field] = value;
  }
  if (changes.email !== undefined && input.newAddressSuppressed === true && receivesMail(current.status)) {
    // Someone still taking part, moved to an address that bounced or complained: every email to
    // them would be dropped (by SES's suppression list on AWS) while HR believes it reaches them.
    // Refused as an enrolment under that address is; nothing of the event is stored.
    return { ok: false, issues: [{ field: 'email', message: suppressedAddressMessage(input.newAddressSuppression ?? {}, current.timeZone) }] };
  }
  const comesBack = changes.email !== undefined && comesBackUnder(current, changes.email as string, input.newAddressSuppressed === true);
  // The field times are the event's own (above); the return is recorded with them.
  const returned = comesBack && input.at !== undefined ? returnStamps(current, [], input.at).rejoinedAt : undefined;
  const writes = {
    ...changes,
    ...formerNamesAfter(current, changes),
    ...formerEmailsAfter(current, changes as { email?: string }),
    ...(fieldUpdatedAt ? { fieldUpdatedAt } : {}),
    ...(returned ? { rejoinedAt: returned } : {}),
  } as Extract<UpdateDecision, { ok: true }>['writes'];
  const next: Record<string, unknown> = { ...current, ...writes };
  for (const removed of REMOVABLE_FIELDS) if (next[removed] === null) delete next[removed];
  if (comesBack) {
    next.status = 'enrolled';
    for (const cleared of CLEARED_ON_COMEBACK) delete next[cleared];
  }
  const participant = next as unknown as Participant;

  const cohort = [...input.cohort.filter((p) => p.participantId !== participant.participantId), participant];
  const byId = new Map(cohort.map((p, i) => [p.participantId, i]));
  const end: Extract<UpdateDecision, { ok: true }>['end'] = [];

  // A new address can join chains too: another person's manager field may name it (QA events3).
  if (update.manager !== undefined || update.email !== undefined) end.push(...inOneReportingLine(cohort, input.running, input.linesElsewhere));
  if (update.department !== undefined && input.rules.notSameDepartment) {
    const own = interestKey(participant.department);
    for (const pairing of input.running) {
      if (end.some((e) => e.pairingId === pairing.pairingId)) continue;
      const partnerId =
        pairing.mentorId === participant.participantId ? pairing.menteeId : pairing.menteeId === participant.participantId ? pairing.mentorId : undefined;
      const partner = partnerId === undefined ? undefined : cohort[byId.get(partnerId) ?? -1];
      if (partner && interestKey(partner.department) === own) end.push({ pairingId: pairing.pairingId, reason: 'department-changed' });
    }
  }
  return {
    ok: true,
    changes: changes as ProfileChanges,
    participant,
    end,
    stale,
    ...(beforeEnrolment ? { olderThanEnrolment: true as const } : {}),
    writes,
    ...(fieldUpdatedAt ? { fieldUpdatedAt } : {}),
    ...(comesBack ? { comesBack: true as const } : {}),
  };
}

/**
 * Every problem of a change HR sent at once (docs/admin-api.md: "400 naming each field"; QA hr8: an
 * unknown field hid a mentee's capacity of 2, their own address as manager and a topic not in the
 * catalogue until it was fixed): the schema's issues (`schemaIssues`: unknown fields, values of the
 * wrong form), and, on each field that is valid on its own (`fields`: its own schema), the checks
 * decideParticipantUpdate makes against the participant as stored and the program's catalogue. In
 * the order the body gives its fields; a problem of the whole body first.
 */
export function changeIssues(
  current: Participant,
  body: unknown,
  schemaIssues: readonly FieldIssue[],
  fields: Readonly<Record<string, z.ZodType>>,
  topics?: UpdateInput['topics'],
): FieldIssue[] {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return [...schemaIssues];
  const keys = Object.keys(body);
  const valid: Record<string, unknown> = {};
  for (const key of keys) {
    const schema = Object.hasOwn(fields, key) ? fields[key] : undefined;
    const parsed = schema?.safeParse((body as Record<string, unknown>)[key]);
    if (parsed?.success) valid[key] = parsed.data;
  }
  const update = valid as ParticipantUpdate;
  const issues = [...fixedFieldIssues(keys, schemaIssues), ...managerIssues(current, update), ...topicIssues(current, update, topics)];
  const order = (i: FieldIssue) => {
    if (i.field === '(body)') return -1;
    const at = keys.indexOf(i.field.split('.')[0]!);
    return at < 0 ? keys.length : at;
  };
  return issues
    .map((issue, at) => ({ issue, at }))
    .sort((a, b) => order(a.issue) - order(b.issue) || a.at - b.at)
    .map((x) => x.issue);
}

/** A person is not their own manager, and a mentee takes one partner (the same rules as at intake). */
function managerIssues(p: Participant, update: ParticipantUpdate): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (update.capacity !== undefined && update.capacity > 1 && p.role === 'mentee') {
    issues.push({ field: 'capacity', message: 'must be 1 for a mentee (only mentors may take several partners)' });
  }
  const m = update.manager;
  if (!m) return issues;
  if (m.email !== undefined && emailKey(m.email) === emailKey(p.email)) {
    issues.push({
      field: 'manager.email',
      message: "is the participant's own email: a person cannot be their own manager; give their manager's email",
    });
  }
  if (m.employeeId !== undefined && p.employeeId !== undefined && employeeIdKey(m.employeeId) === employeeIdKey(p.employeeId)) {
    issues.push({
      field: 'manager.employeeId',
      message: "is the participant's own employee id: a person cannot be their own manager; give their manager's employee id",
    });
  }
  return issues;
}

/**
 * A new topic list comes from the program's catalogue, as at intake (checkTopics). A list that
 * changes nothing is not checked again: the catalogue may have lost a topic since the person
 * chose it, and a repeated update must stay a repeat.
 */
function topicIssues(p: Participant, update: ParticipantUpdate, catalogue: UpdateInput['topics']): FieldIssue[] {
  const changed = {
    ...(update.topicsOffered !== undefined && !sameValue(update.topicsOffered, p.topicsOffered) ? { topicsOffered: update.topicsOffered } : {}),
    ...(update.topicsWanted !== undefined && !sameValue(update.topicsWanted, p.topicsWanted) ? { topicsWanted: update.topicsWanted } : {}),
  };
  return checkTopics(changed, catalogue);
}

/** Plain data (strings, lists, objects of them) compared by value, object keys in any order. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  }
  if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
  const keys = (o: object) =>
    Object.entries(o)
      .filter(([, v]) => v !== undefined)
      .map(([k]) => k)
      .sort();
  const ka = keys(a);
  const kb = keys(b);
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && sameValue((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}
