import { digestKey, identityKeys, type ReportingLineDigests } from './matching/reporting-chain';
import { keptFromAfterErasure } from './concerns';
import { firstNameOf } from './emails/format';
import { foldedName, nameReplacer, partsOfNames } from './names-in-text';
import { emailKey, employeeIdKey, type Participant, type ParticipantStatus } from './participant';

/**
 * Erasure of a participant (data rights, docs/security.md "Erasure"): what their profile becomes,
 * how the records they share with a partner are scrubbed, and the audit entry that remains. Pure:
 * functions/lifecycle/erasure.ts loads and writes.
 *
 * The participant id stays on the records (pairings, check-ins, reviews): it is random, and once
 * the profile is a tombstone it points to nothing personal, while the report still counts the
 * pairing, the ratings and the distinct people behind them.
 */

/** What is looked for in the records that remain: the person's names and addresses. */
export interface RedactionTargets {
  readonly names: readonly string[];
  readonly emails: readonly string[];
  /**
   * Those of `emails` an HR update replaced (`formerEmails`): another person may hold one now, so
   * only the mail from it that answered this person's own questions is theirs to delete.
   */
  readonly formerEmails?: readonly string[];
}

/** Stands in for a name or address found inside a longer text. */
export const REMOVED = '[removed]';

/**
 * Words that join the parts of a name without being a name ("van" in Ludwig van Beethoven, "de",
 * "bin"): alone they name nobody, and a partner's note in Dutch, Spanish or Arabic is full of them.
 */
const NAME_PARTICLES: ReadonlySet<string> = new Set(
  `al bin bint da das de del della den der di do dos du el ibn la le ten ter van von zu ابن بن بنت آل בן בת`.split(/\s+/),
);

/** A part of a name that stands for the person alone: not a particle, nor an initial ("J." in Ada J. Lovelace). */
const isNamePart = (part: string) => !NAME_PARTICLES.has(foldedName(part)) && (part.match(/\p{L}/gu)?.length ?? 0) >= 2;

/**
 * What an erasure looks for: every name the person had (the current one, any an HR update
 * replaced, `formerNames`), the first name of each, since emails greet and name partners by first
 * name and partners write it in their notes, and each other part of each (a surname, each half of a
 * hyphenated name), as program feedback takes names out (names-in-text.ts, partsOfNames): "Quixby
 * rocks" names Zoltan Quixby as surely as "Zoltan" does. And every address, those an HR update
 * replaced too (`formerEmails`).
 */
export function redactionTargets(people: readonly Pick<Participant, 'name' | 'email' | 'formerNames' | 'formerEmails'>[]): RedactionTargets {
  const full = people.flatMap((p) => [p.name, ...(p.formerNames ?? [])]).filter((n) => n.trim() !== '');
  const current = new Set(people.map((p) => emailKey(p.email)));
  const former = [...new Set(people.flatMap((p) => p.formerEmails ?? []))].filter((e) => e.trim() !== '' && !current.has(emailKey(e)));
  return {
    names: [...new Set([...full, ...full.map(firstNameOf), ...partsOfNames(full).filter(isNamePart)])],
    // The addresses HR replaced too: mail sent from them, a manager reference to them (QA privacy3).
    emails: [...new Set(people.flatMap((p) => [p.email, ...(p.formerEmails ?? [])]).filter((e) => e.trim() !== ''))],
    ...(former.length > 0 ? { formerEmails: former } : {}),
  };
}

/**
 * Attributes that hold nobody's words or name, at any depth of a record: the table's keys
 * (adapters/dynamo.ts, KEYS) and other keys and references, fingerprints of settings and time
 * zones (which the lifecycle compares as stored), and codes. Names are found between digits and
 * punctuation ("Ed" in "pr_ed2x", in "12ed34"), and an id, key or token rewritten points nowhere: an
 * item whose key changed is not found to be rewritten, and keeps the name.
 */
const NOT_WORDS: ReadonlySet<string> = new Set([
  ...['PK', 'SK', 'GSI1PK', 'GSI1SK', 'GSI2PK', 'GSI2SK', 'id', 'key', 'ref', 'executions', 'toParticipant', 'version'],
  ...['planSettings', 'seriesBasis', 'schedule', 'meetingSlot', 'timeZone', 'heldForZone'],
  ...['type', 'kind', 'status', 'state', 'role', 'side', 'sides', 'channel', 'template', 'purpose', 'intent', 'decision', 'action', 'choices', 'sendWhile'],
]);

/** Ids, keys, digests and hashes, tokens, ARNs and dates, by their name: `pairingId`, `roundKey`, `keptFromDigests`, `taskToken`, `closesAt`. */
const NOT_WORDS_ENDING = /(?:Ids?|Keys?|Digests?|Hash|Token|Arn|At)$/;

/** Whether an attribute may hold people's words or names: the only ones an erasure looks into (redact). */
export const holdsWords = (attribute: string): boolean => !NOT_WORDS.has(attribute) && !NOT_WORDS_ENDING.test(attribute);

/**
 * The value with every occurrence of the targets removed: a string that is exactly a name or an
 * address becomes empty, one that contains it gets `[removed]` in its place. Names are found as
 * names-in-text.ts finds them, with no exception for names that are also words (an erasure errs
 * on the side of removing: "I will" loses "will" for a Will). Objects and lists are walked, but for
 * attributes that hold no words (holdsWords: ids, keys, digests, tokens, dates, codes); other values
 * are kept. Every scrub of an erasure takes names out through this one walk.
 */
export function redact<T>(value: T, targets: RedactionTargets): { value: T; changed: boolean } {
  // Addresses are looked for as names are: before the names they hold ("mia" in mia@example.com).
  const without = nameReplacer([...targets.emails, ...targets.names], REMOVED);
  let changed = false;
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') {
      const out = without(v);
      if (out === v.normalize('NFC')) return v;
      changed = true;
      return out.trim() === REMOVED ? '' : out;
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v instanceof Set) return new Set([...v].map(walk));
    if (v !== null && typeof v === 'object')
      return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, holdsWords(k) ? walk(x) : x]));
    return v;
  };
  const out = walk(value) as T;
  return { value: changed ? out : value, changed };
}

export interface ErasureMark {
  readonly erasureId: string;
  readonly startedAt: string;
  /** Set once every record was scrubbed; until then `pending` holds what to look for. */
  readonly erasedAt?: string;
  /** Every enrolment erased together (one person, one address, several programs). */
  readonly enrolments: readonly string[];
  /** Kept only while the erasure runs, so that a retry after a crash can finish it. */
  readonly pending?: RedactionTargets;
}

export type ErasedParticipant = Participant & { readonly erasure: ErasureMark };

export function isErased(p: Participant | undefined): p is ErasedParticipant {
  return p !== undefined && (p as Partial<ErasedParticipant>).erasure !== undefined;
}

/** Enrolments with those not erased first: an HR event naming the person acts on a live one when there is one. */
export function liveFirst(enrolments: readonly Participant[]): Participant[] {
  return [...enrolments.filter((p) => !isErased(p)), ...enrolments.filter((p) => isErased(p))];
}

/** Where a departure leaves someone: an alumnus stays one, anyone else has withdrawn. */
function statusAfterErasure(status: ParticipantStatus): ParticipantStatus {
  return status === 'completed' || status === 'left' || status === 'suppressed' ? status : 'withdrawn';
}

/**
 * The profile as it remains: role, status and dates (the report's counts), nothing that says who
 * the person was. Text fields are empty rather than absent, so that code reading a participant
 * (a partner's last email, the report) still finds the fields it expects.
 */
export function tombstoneOf(p: Participant, mark: ErasureMark, now: Date): ErasedParticipant {
  return {
    participantId: p.participantId,
    programId: p.programId,
    role: p.role,
    status: statusAfterErasure(p.status),
    name: '',
    email: '',
    department: '',
    location: '',
    timeZone: 'UTC',
    topicsOffered: [],
    topicsWanted: [],
    interests: [],
    availability: [],
    meetingPreference: 'either',
    languages: [],
    goals: '',
    capacity: p.capacity,
    doNotPairWith: [],
    // No consent is held any more: nothing may be processed for this person, nor told to a manager.
    consent: { dataProcessing: false, shareProgressWithManager: false },
    ...reportingLineOf(p),
    createdAt: p.createdAt,
    updatedAt: now.toISOString(),
    version: p.version + 1,
    erasure: mark,
  } as unknown as ErasedParticipant;
}

/**
 * What the tombstone keeps of the person's place in the reporting lines: digests of their employee
 * id and their manager's (never an address or a name), so that nobody is later paired with their
 * manager's manager through them. A line known only by address ends with the erasure.
 */
function reportingLineOf(p: Participant): { reportingLine: ReportingLineDigests } | Record<string, never> {
  const self = identityKeys(undefined, p.employeeId).map(digestKey);
  if (self.length === 0) return {};
  return { reportingLine: { self, manager: identityKeys(undefined, p.manager?.employeeId).map(digestKey) } };
}

/**
 * The index key (GSI2PK) under which a tombstone is found by the employee id the person had: the
 * digest its reporting line already keeps (`reportingLine.self`), nothing more, so HR's late or
 * replayed events about them are known for what they are (domain/erased-hr-events.ts). None
 * without an employee id: the tombstone keeps no digest of an address.
 */
export function erasedEmployeeIndexKey(tombstone: Pick<Participant, 'reportingLine'>): string | undefined {
  const digest = tombstone.reportingLine?.self[0];
  return digest === undefined ? undefined : `ERASED#${digest}`;
}

/** The index key of the tombstones an HR event's employee id would have left (erasedEmployeeIndexKey). */
export function erasedEmployeeIndexKeyOf(employeeId: string): string | undefined {
  if (employeeIdKey(employeeId) === '') return undefined;
  const [digest] = identityKeys(undefined, employeeId).map(digestKey);
  return digest === undefined ? undefined : `ERASED#${digest}`;
}

type Item = Record<string, unknown>;

/**
 * An answer without the person's own words: note, goals, what to keep and change, a note for the
 * partner (the rating, yes or no and dates stay: anonymous aggregates).
 */
function withoutNote(answer: unknown): unknown {
  if (answer === null || typeof answer !== 'object') return answer;
  const { note: _note, goals: _goals, keep: _keep, change: _change, partnerNote: _partnerNote, ...rest } = answer as Item;
  return rest;
}

/**
 * Whether a record under a pairing is the erased person's own words and nothing else, so it goes
 * whole rather than being scrubbed: their end-of-program KEEP/CHANGE answer (FEEDBACK#). Without
 * its words nothing is left to count, so the report's people who gave feedback drop by them.
 */
export function isOnlyTheirWords(item: Item, participantId: string): boolean {
  return item.type === 'ProgramFeedback' && item.participantId === participantId;
}

/**
 * One record under a pairing of the erased person, as it may remain: their own notes go, and their
 * name or address is removed from whatever else is there (the partner's notes, the emails decided
 * for the partner, the audit trail). An email decided for the erased person loses its content and,
 * if not sent yet, is cancelled; one for someone else not sent yet is cancelled if it is about them
 * or their words (CANCELLED_WITH_THEM), and otherwise goes without their words and name. Undefined
 * when nothing changes.
 */
export function scrubPairingRecord(
  item: Item,
  erased: { readonly participantId: string; readonly side?: 'mentor' | 'mentee'; readonly emails: readonly string[] },
  targets: RedactionTargets,
): Item | undefined {
  let next: Item = item;
  let changed = false;
  const type = item.type;
  // A check-in's or a fit check's answer of theirs keeps its yes or no and loses their words.
  if ((type === 'CheckIn' || type === 'FitCheck') && erased.side && item[erased.side] !== undefined) {
    const before = item[erased.side];
    const after = withoutNote(before);
    if (JSON.stringify(after) !== JSON.stringify(before)) {
      next = { ...next, [erased.side]: after };
      changed = true;
    }
  }
  // The note they gave when declining the pairing is kept in its audit line too.
  const detail = item.detail as Item | undefined;
  if (type === 'Audit' && item.kind === 'not-started' && erased.side && detail?.note !== undefined && declinedBy([item], erased.side)) {
    const { note: _note, ...rest } = detail;
    next = { ...next, detail: rest };
    changed = true;
  }
  // Their self-ratings keep each goal's progress (by number, as the pairing's goal ratings) and lose the goal's words.
  const goals = item.goals;
  if (type === 'SkillRatings' && item.participantId === erased.participantId && Array.isArray(goals) && goals.some((g) => g?.goal !== undefined)) {
    next = { ...next, goals: goals.map(({ goal: _goal, ...rest }: Item) => rest) };
    changed = true;
  }
  if (type === 'MilestoneReview' && item.participantId === erased.participantId && item.note !== undefined) {
    const { note: _note, ...rest } = next;
    next = rest;
    changed = true;
  }
  if (type === 'Outbox' && item.kind === 'email') {
    const email = item.email as { to?: string } | undefined;
    const to = email?.to?.trim().toLowerCase();
    if (email && to !== undefined && erased.emails.some((e) => e.trim().toLowerCase() === to)) {
      const { email: _email, ...rest } = next;
      return { ...rest, status: item.status === 'pending' ? 'cancelled' : item.status, erased: true };
    }
    // Not sent yet, and about them or their words, or bound to a pairing the erasure ends: it never goes.
    if (email && item.status === 'pending' && cancelledWithThem(email as PendingEmail, erased.side)) {
      const { template, to: recipient } = email as Item;
      return redactedIfChanged({ ...next, email: { to: recipient, template }, status: 'cancelled', erased: true }, true, targets);
    }
    // Still to go: without their words (and, below, their name).
    if (email && item.status === 'pending' && erased.side) {
      const input = (email as Item).input as Item | undefined;
      const kept = input && withoutTheirWords(input, erased.side);
      if (kept && JSON.stringify(kept) !== JSON.stringify(input)) {
        next = { ...next, email: { ...email, input: kept } };
        changed = true;
      }
    }
    // An email that went out (or never will) needs its content no more: the partner's copy of an
    // introduction describes the erased person (goals, topics), not only by name.
    if (email && item.status !== 'pending' && (email as Item).input !== undefined) {
      const { input: _input, ...kept } = email as Item;
      next = { ...next, email: kept };
      changed = true;
    }
  }
  return redactedIfChanged(next, changed, targets);
}

/** An outbox email as stored (functions/domain/pairing/decision.ts, EmailIntent): what the scrub reads of it. */
interface PendingEmail {
  readonly template?: string;
  readonly input?: Item;
  readonly cancelIfEnded?: boolean;
  readonly sendWhile?: readonly string[];
}

type Side = 'mentor' | 'mentee';
const raisedByThem = (input: Item, side?: Side) => side !== undefined && (input.raisedBy as Item | undefined)?.role === side;

/**
 * Emails for someone else, not sent yet, that are cancelled with the erased person
 * (docs/admin-api.md, Data rights: erasure), by template: what each says is about them or is
 * their words, and without those nothing is left worth sending.
 */
const CANCELLED_WITH_THEM: Readonly<Record<string, (input: Item, side?: Side) => boolean>> = {
  // Their goals quoted back to the partner, for a pairing the erasure ends.
  goalsConfirmed: () => true,
  // The note they wrote for the partner at the end: nothing but their words.
  partnerNote: () => true,
  // Describes them to the partner (goals, topics, why they were matched), for a pairing that will not start.
  introduction: () => true,
  // A "not sure" and its note, about a pairing that the erasure ends (an end cancels it too).
  adminFitUnsure: () => true,
  // Their journey told to their manager: no consent is held any more (tombstoneOf).
  managerNote: (input, side) => side !== undefined && (input.report as Item | undefined)?.role === side,
  // Their own concern, in their words: the erasure resolves the case (scrubConcern).
  adminConcernRaised: raisedByThem,
  adminConcernEscalated: raisedByThem,
};

function cancelledWithThem(email: PendingEmail, side?: Side): boolean {
  // An email that must not follow an end, or goes only while the pairing runs or is paused
  // (held.ts, stillHolds), never goes: the erasure ends the pairing. Cancelled here rather than by
  // the step that ends it, which may mark it cancelled just as the scrub rewrites the item: the
  // scrub's copy must not bring it back as pending, to stay so for good.
  if (email.cancelIfEnded === true || (email.sendWhile !== undefined && !email.sendWhile.includes('ended'))) return true;
  const about = email.template === undefined ? undefined : CANCELLED_WITH_THEM[email.template];
  return about?.(email.input ?? {}, side) === true;
}

/**
 * A pending email to someone else without the erased person's words, for emails that carry them
 * beside their own news: a check-in quotes the partner's goals ("Zoltan's: ...") to the partner;
 * an admin's notice of a pairing that did not start quotes the reason they declined it.
 */
function withoutTheirWords(input: Item, side: Side): Item {
  let out = input;
  const goals = input.goals as Item | undefined;
  if (goals !== null && typeof goals === 'object' && !Array.isArray(goals) && goals.partner !== undefined) {
    const { partner: _theirs, ...mine } = goals;
    out = { ...out, goals: mine };
  }
  const partner = input.partner as Item | undefined;
  if (partner !== null && typeof partner === 'object' && partner.goals !== undefined) {
    const { goals: _goals, ...rest } = partner;
    out = { ...out, partner: rest };
  }
  for (const list of ['participants', 'unsure'] as const) {
    const rows = input[list];
    if (!Array.isArray(rows)) continue;
    out = {
      ...out,
      [list]: rows.map((row: Item) => {
        if (row?.role !== side) return row;
        const { reason: _reason, note: _note, ...kept } = row;
        return kept;
      }),
    };
  }
  return out;
}

/** `next` with the names taken out, or undefined when neither that nor an earlier step changed it. */
function redactedIfChanged(next: Item, changed: boolean, targets: RedactionTargets): Item | undefined {
  const red = redact(next, targets);
  if (red.changed) return red.value;
  return changed ? next : undefined;
}

/** Whether `side` declined the pairing, as its `not-started` audit line records. */
function declinedBy(records: readonly Item[], side: 'mentor' | 'mentee'): boolean {
  return records.some((r) => r.type === 'Audit' && r.kind === 'not-started' && (r.detail as { answers?: Item } | undefined)?.answers?.[side] === 'declined');
}

/**
 * The pairing's own item: the erased side's answers lose their notes, and the note they gave when
 * declining it (`statusReason`, found theirs through the pairing's `records`) goes; names are
 * removed from the reasons.
 */
export function scrubPairing(pairing: Item, side: 'mentor' | 'mentee' | undefined, targets: RedactionTargets, records: readonly Item[] = []): Item | undefined {
  let next = pairing;
  let changed = false;
  if (side && typeof pairing.statusReason === 'string' && pairing.statusReason.startsWith('declined: ') && declinedBy(records, side)) {
    next = { ...next, statusReason: 'declined' };
    changed = true;
  }
  const round = pairing.round as { answers?: Record<string, unknown> } | undefined;
  if (side && round?.answers?.[side] !== undefined) {
    const after = withoutNote(round.answers[side]);
    if (JSON.stringify(after) !== JSON.stringify(round.answers[side])) {
      next = { ...next, round: { ...round, answers: { ...round.answers, [side]: after } } };
      changed = true;
    }
  }
  // Their goals for the pairing are their words too (the goal ratings stay, by number).
  const goals = pairing.goals as Record<string, unknown> | undefined;
  if (side && goals?.[side] !== undefined) {
    const { [side]: _theirs, ...others } = goals;
    next = { ...next, goals: others };
    changed = true;
  }
  return redactedIfChanged(next, changed, targets);
}

/** What an erasure takes out of concern cases, of every program (scrubConcern). */
export interface ConcernErasure {
  /** Every enrolment erased together (ErasureMark.enrolments). */
  readonly participantIds: readonly string[];
  /** The addresses they had that nobody else holds now: their digests go from the cases. */
  readonly addresses: readonly string[];
}

/**
 * A concern case, as it may remain (the report and the admins' list count it): a case the erased
 * person raised loses their words and the admin's note about it, and is resolved, since nobody can
 * be contacted about it any more; a case their partner raised loses their name; and any case, in
 * any program, loses the digests of their addresses it was kept from, a case they raised every
 * digest, but those of the program's `admins` now (keptFromAfterErasure). Undefined when nothing
 * changes, so a second run writes nothing.
 */
export function scrubConcern(item: Item, erased: ConcernErasure, targets: RedactionTargets, now: Date, admins: readonly string[]): Item | undefined {
  let next: Item = item;
  const raisedByThem = erased.participantIds.includes(String(item.participantId));
  const aboutThem = erased.participantIds.includes(String(item.partnerId));
  if (raisedByThem) {
    const { text: _text, note: _note, acknowledgedNote: _ack, resolvedNote: _resolved, ...rest } = item;
    next = { ...rest, erased: true, ...(item.state === 'resolved' ? {} : { state: 'resolved', resolvedAt: now.toISOString() }) };
  }
  const before = Array.isArray(item.keptFromDigests) ? (item.keptFromDigests as string[]) : [];
  const kept = keptFromAfterErasure(before, { addresses: erased.addresses, raisedByThem }, admins);
  // A subset in the same order: as long, it is the same list.
  if (kept.length < before.length) {
    const { keptFromDigests: _all, ...rest } = next;
    next = kept.length > 0 ? { ...rest, keptFromDigests: kept } : rest;
  }
  // Names are looked for only in the cases by or about them (another's words keep a "Will" that is
  // no name of theirs), and only in words (redact): an id or a digest is no text, and "Ed" is found in "12ed34".
  if (raisedByThem || aboutThem) next = redact(next, targets).value;
  return JSON.stringify(next) !== JSON.stringify(item) ? next : undefined;
}

/** How many items an erasure changed, by kind: the audit entry holds these counts and nothing else. */
export interface ErasureCounts {
  readonly enrolments: number;
  readonly pairingsEnded: number;
  readonly pairingRecordsScrubbed: number;
  readonly markersDeleted: number;
  readonly waitlistEntriesDeleted: number;
  readonly proposalItemsScrubbed: number;
  readonly concernsScrubbed: number;
  readonly managerReferencesCleared: number;
  readonly replyTokensDeleted: number;
  readonly rawMessagesDeleted: number;
}

export const NO_COUNTS: ErasureCounts = {
  enrolments: 0,
  pairingsEnded: 0,
  pairingRecordsScrubbed: 0,
  markersDeleted: 0,
  waitlistEntriesDeleted: 0,
  proposalItemsScrubbed: 0,
  concernsScrubbed: 0,
  managerReferencesCleared: 0,
  replyTokensDeleted: 0,
  rawMessagesDeleted: 0,
};

export function addCounts(a: ErasureCounts, b: Partial<ErasureCounts>): ErasureCounts {
  const out: Record<string, number> = { ...a };
  for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + (v ?? 0);
  return out as unknown as ErasureCounts;
}

/** The audit entry of an erasure: an id, when, through which channel, and counts. No participant id, name or address. */
export interface ErasureAudit {
  readonly erasureId: string;
  readonly startedAt: string;
  readonly erasedAt: string;
  readonly requestedBy: 'admin' | 'participant';
  readonly counts: ErasureCounts;
}
