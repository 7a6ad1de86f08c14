import { settlementOf, type SettlingQuestion } from './admin-answer';
import { isClosed, type AskedQuestion } from './answer-link';
import { approvalAnswerBy, approvalClosesAt, reminderDueAt, workingDaysOf, type ApprovalCalendar } from './approval-deadline';

/**
 * The two waits of a matching run's approval: the first request's window, then the reminder's
 * (the construct's `approvalWindow` and `reminderWindow`, in seconds).
 */
export interface ApprovalWindows {
  readonly approvalSeconds: number;
  readonly reminderSeconds: number;
}

/** The first request, or the reminder: "Ask the admin to approve" or "Remind the admin". */
export type ApprovalStage = 'ask' | 'reminder';

/**
 * What the windows count from, as the run's approval questions record it: every question carries
 * in its context when the run's first request went out (`askedAt`) and a reminder's also when the
 * reminder went out (`remindedAt`), whoever it was put to and whenever. A question issued before
 * these were recorded counts from its own `issuedAt`, as a first request.
 */
export interface TimedQuestion {
  readonly issuedAt: string;
  readonly context?: Record<string, unknown>;
}

/** The stamps a question issued now records (its `context`, beside the run id): see TimedQuestion. */
export interface ApprovalStamps {
  readonly askedAt: string;
  readonly remindedAt?: string;
}

/**
 * Where a run's approval stands, for the state machine: which wait it is in and how many seconds
 * each has left, for the waits' `TimeoutSecondsPath`. On AWS an execution runs each wait once, so
 * this is always the first request with the whole windows ahead (`ask`, approvalSeconds,
 * reminderSeconds). A local cloud restarted runs a waiting execution again from its first state
 * (docs/local.md, Restarts): the waits then take only what is left of them, counted from the
 * stored ask and reminder, and a reminder already sent (or due) goes straight to the reminder's wait.
 */
export interface ApprovalWaits {
  readonly stage: ApprovalStage;
  /** Seconds left of the first request's window (unused once `stage` is `reminder`). */
  readonly askSeconds: number;
  /** Seconds left of the reminder's window: the whole of it while the reminder is still to go out. */
  readonly remindSeconds: number;
}

const stamp = (value: unknown): number | undefined => {
  const at = typeof value === 'string' ? Date.parse(value) : Number.NaN;
  return Number.isNaN(at) ? undefined : at;
};
const earliest = (times: readonly (number | undefined)[]): number | undefined => {
  const known = times.filter((t) => t !== undefined);
  return known.length > 0 ? Math.min(...known) : undefined;
};

/** A question's wait: a reminder's carries `remindedAt`. */
export const stageOf = (q: TimedQuestion): ApprovalStage => (stamp(q.context?.remindedAt) === undefined ? 'ask' : 'reminder');

/** When the run's first request and its reminder went out (undefined: not yet), from its questions. */
function askTimes(earlier: readonly TimedQuestion[]): { askedAt?: number; remindedAt?: number } {
  return {
    askedAt: earliest(earlier.map((q) => stamp(q.context?.askedAt) ?? stamp(q.issuedAt))),
    remindedAt: earliest(earlier.map((q) => stamp(q.context?.remindedAt))),
  };
}

/**
 * Whole seconds from `now` to `endsAt`, rounded up so that the wait never ends before its
 * deadline; at least 1 (a task's timeout must be positive: a window gone by ends at once) and at
 * most the window (a clock behind the one that stored the ask cannot lengthen it).
 */
export function secondsLeft(endsAt: number, now: Date, windowSeconds: number): number {
  return Math.min(windowSeconds, Math.max(1, Math.ceil((endsAt - now.getTime()) / 1000)));
}

/**
 * When each wait ends. With the program's calendar, a window of whole days counts working days in
 * the program's time zone (domain/approval-deadline.ts): the first wait ends, and the reminder goes
 * out, on the N-th working day after the ask, in working hours; the reminder's wait ends when the
 * M-th working day after the reminder's day is over. Without one (or for a window in hours), the
 * windows are elapsed time. A reminder not yet sent counts from when it is due (`askEnds`), or
 * from `now` once that has passed (it goes now).
 */
export interface ApprovalEnds {
  readonly askedAt: number;
  readonly askEnds: number;
  readonly remindedAt: number;
  readonly remindEnds: number;
}

export function approvalEnds(earlier: readonly TimedQuestion[], windows: ApprovalWindows, now: Date, calendar?: ApprovalCalendar): ApprovalEnds {
  const times = askTimes(earlier);
  const askedAt = times.askedAt ?? now.getTime();
  const askDays = calendar && workingDaysOf(windows.approvalSeconds);
  const askEnds = askDays ? reminderDueAt(new Date(askedAt), askDays, calendar).getTime() : askedAt + windows.approvalSeconds * 1000;
  const remindedAt = times.remindedAt ?? Math.max(askEnds, now.getTime());
  const remindDays = calendar && workingDaysOf(windows.reminderSeconds);
  const remindEnds = remindDays ? approvalClosesAt(new Date(remindedAt), remindDays, calendar).getTime() : remindedAt + windows.reminderSeconds * 1000;
  return { askedAt, askEnds, remindedAt, remindEnds };
}

/**
 * The deadline of a question issued now in `stage`: when its wait ends, as `approvalEnds` counts
 * it from the run's stamps (with this question's: an ask or reminder going out now), and what its
 * email gives as `answerBy`: with working days, the end of the day the wait ends (the day the
 * reminder goes, or the run's last day), so the day named is the day the product acts on.
 */
export function stageDeadline(
  earlier: readonly TimedQuestion[],
  stage: ApprovalStage,
  windows: ApprovalWindows,
  now: Date,
  calendar?: ApprovalCalendar,
): { readonly closesAt: Date; readonly answerBy: Date; readonly workingDays: boolean } {
  const stamps = approvalStamps(earlier, stage, now);
  const ends = approvalEnds([...earlier, { issuedAt: now.toISOString(), context: { ...stamps } }], windows, now, calendar);
  const closesAt = new Date(stage === 'ask' ? ends.askEnds : ends.remindEnds);
  const counted = calendar && workingDaysOf(stage === 'ask' ? windows.approvalSeconds : windows.reminderSeconds) !== undefined;
  return { closesAt, answerBy: approvalAnswerBy(closesAt, counted ? calendar : undefined), workingDays: counted === true };
}

export function approvalWaits(earlier: readonly TimedQuestion[], windows: ApprovalWindows, now: Date, calendar?: ApprovalCalendar): ApprovalWaits {
  const { remindedAt } = askTimes(earlier);
  const ends = approvalEnds(earlier, windows, now, calendar);
  // A wait never lasts longer than its whole span (working days may make it longer than the window).
  const askSpan = Math.max(windows.approvalSeconds, Math.ceil((ends.askEnds - ends.askedAt) / 1000));
  const remindSpan = Math.max(windows.reminderSeconds, Math.ceil((ends.remindEnds - ends.remindedAt) / 1000));
  return {
    stage: remindedAt !== undefined || now.getTime() >= ends.askEnds ? 'reminder' : 'ask',
    askSeconds: secondsLeft(ends.askEnds, now, askSpan),
    // The reminder's wait begins when the first one ends: its whole span until it is sent.
    remindSeconds: secondsLeft(ends.remindEnds, new Date(Math.max(now.getTime(), ends.remindedAt)), remindSpan),
  };
}

/** What a question issued now in `stage` records: the run's first ask, and its reminder (now when these are first). */
export function approvalStamps(earlier: readonly TimedQuestion[], stage: ApprovalStage, now: Date): ApprovalStamps {
  const { askedAt, remindedAt } = askTimes(earlier);
  const iso = (at: number | undefined) => new Date(at ?? now.getTime()).toISOString();
  return stage === 'ask' ? { askedAt: iso(askedAt) } : { askedAt: iso(askedAt), remindedAt: iso(remindedAt) };
}

/** True when the wait of `stage` has run out (for the first request: also once the reminder went out). */
function stageOver(earlier: readonly TimedQuestion[], stage: ApprovalStage, windows: ApprovalWindows, now: Date, calendar?: ApprovalCalendar): boolean {
  const { askedAt, remindedAt } = askTimes(earlier);
  const ends = approvalEnds(earlier, windows, now, calendar);
  if (stage === 'ask') return remindedAt !== undefined || (askedAt !== undefined && now.getTime() >= ends.askEnds);
  return remindedAt !== undefined && now.getTime() >= ends.remindEnds;
}

/**
 * What "Ask the admin to approve" or "Remind the admin" does when the run's approval was asked
 * before: the same task invoked again (Lambda retries an invocation; a local cloud restarted runs
 * the execution again from its first state, docs/local.md "Restarts"), each time with the task
 * token it waits on now. Only the questions of the same wait count (a reminder's for the reminder).
 * - `first`: nothing this wait asked is still open: ask every admin (the usual request or reminder).
 * - `answered`: an admin answered already (approved or rejected, by reply, link or the admin API),
 *   but the wait that answer completed is gone: complete this one with the same decision, and ask
 *   nobody again.
 * - `over`: this wait's window, counted from the stored ask (or reminder), has run out: ask nobody;
 *   the wait times out at once (its timeout is what is left, at least a second) into the next.
 * - `again`: the admins keep the request they have: its open questions move to this wait
 *   (`repoint`), and only an admin with no open question (added to the program since) is asked.
 */
export type RepeatedAsk =
  | { readonly kind: 'first' }
  | { readonly kind: 'over' }
  | { readonly kind: 'answered'; readonly answeredAt: string; readonly channel: string; readonly decision: 'approved' | 'rejected' }
  | { readonly kind: 'again'; readonly repoint: readonly { readonly opaqueId: string; readonly admin: string }[]; readonly askAdmins: readonly string[] };

export function repeatedAsk(
  earlier: readonly (AskedQuestion & SettlingQuestion & TimedQuestion)[],
  admins: readonly { readonly email: string; readonly hash: string }[],
  now: Date,
  wait: { readonly stage: ApprovalStage; readonly windows: ApprovalWindows; readonly calendar?: ApprovalCalendar },
): RepeatedAsk {
  // The first answer settles it (domain/admin-answer.ts): a REJECT is delivered as a rejection.
  const settled = settlementOf(earlier);
  if (settled) return { kind: 'answered', answeredAt: settled.at, channel: settled.via, decision: settled.decision };
  if (stageOver(earlier, wait.stage, wait.windows, now, wait.calendar)) return { kind: 'over' };
  const adminHashes = new Set(admins.map((a) => a.hash));
  // Questions of people who are admins no longer decide nothing (putToFormerAdmin): not kept.
  const open = earlier.filter((q) => stageOf(q) === wait.stage && !isClosed(q, now) && adminHashes.has(q.recipientEmailHash));
  if (open.length === 0) return { kind: 'first' };
  const adminOf = new Map(admins.map((a) => [a.hash, a.email]));
  const asked = new Set(open.map((q) => q.recipientEmailHash));
  return {
    kind: 'again',
    repoint: open.map((q) => ({ opaqueId: q.opaqueId, admin: adminOf.get(q.recipientEmailHash)! })),
    askAdmins: admins.filter((a) => !asked.has(a.hash)).map((a) => a.email),
  };
}

/**
 * The review version a question's email showed is kept in its context under this name: the run's
 * `reviewVersion` (how many match-review changes the proposal had) when the email was composed.
 */
export const SHOWN_VERSION = 'reviewVersion';

/** What these rules read of one entry of the run's audit (functions/adapters/match-review.ts ReviewChangeRecord). */
export interface AuditedChange {
  readonly at: string;
  readonly by: string;
  readonly action: string;
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly pairs?: Readonly<Record<string, { readonly mentorId: string; readonly menteeId: string }>>;
}

/** The run as these rules read it: its review version (0 or absent: never changed) and its audit. */
export interface ProposalState {
  readonly reviewVersion?: number;
  readonly changes?: readonly AuditedChange[];
}

/**
 * Whether an approval question's email still shows the proposal: `current` when no review change
 * came after it; else `changed`, with the changes since, in order. Every review change moves the
 * version on by one and appends one audit entry, so the changes since version v are the review
 * entries from the v-th on. A question issued before versions were recorded counts as having seen
 * the changes made before it was issued.
 */
export type ShownProposal =
  | { readonly kind: 'current'; readonly version: number }
  | { readonly kind: 'changed'; readonly shown: number; readonly version: number; readonly since: readonly AuditedChange[] };

export function shownProposal(question: TimedQuestion, run: ProposalState): ShownProposal {
  const version = run.reviewVersion ?? 0;
  const reviews = (run.changes ?? []).filter((c) => c.action !== 'approve');
  const recorded = question.context?.[SHOWN_VERSION];
  if (typeof recorded === 'number' && Number.isInteger(recorded) && recorded >= 0) {
    return recorded >= version ? { kind: 'current', version } : { kind: 'changed', shown: recorded, version, since: reviews.slice(recorded) };
  }
  const issued = Date.parse(question.issuedAt);
  const since = reviews.filter((c) => Date.parse(c.at) > issued);
  return since.length === 0 ? { kind: 'current', version } : { kind: 'changed', shown: version - since.length, version, since };
}

/** A pair of ids, as the audit names them. */
export interface IdPair {
  readonly mentorId: string;
  readonly menteeId: string;
}

/**
 * What the changes since an email come to, pair by pair (a pair added and removed again is no
 * change): the pairs no longer proposed and the new ones, each with its people when the audit
 * names them; and who made the changes, in order, each once.
 */
export interface NetChange {
  readonly removed: readonly (IdPair | undefined)[];
  readonly added: readonly (IdPair | undefined)[];
  readonly by: readonly string[];
}

export function netChange(since: readonly AuditedChange[]): NetChange {
  const removed = new Map<string, IdPair | undefined>();
  const added = new Map<string, IdPair | undefined>();
  for (const c of since) {
    for (const id of c.removed) {
      if (added.has(id)) added.delete(id);
      else removed.set(id, c.pairs?.[id]);
    }
    for (const id of c.added) {
      if (removed.has(id)) removed.delete(id);
      else added.set(id, c.pairs?.[id]);
    }
  }
  return { removed: [...removed.values()], added: [...added.values()], by: [...new Set(since.map((c) => c.by))] };
}

/**
 * What an APPROVE by reply or link does (the admin API shows the proposal as it is, and approves
 * that): approve when the email showed the proposal as it is now; otherwise approve nothing and
 * ask this admin again with the current proposal (`askAgain`), once per version: `toldAlready`
 * when this question was asked again for this version before (the same reply twice, or the page
 * pressed twice). Only a question still waiting counts: any other answer goes through as before.
 */
export type ApprovalAnswer =
  | { readonly kind: 'approve'; readonly version: number }
  | { readonly kind: 'ask-again'; readonly shown: number; readonly version: number; readonly since: readonly AuditedChange[]; readonly toldAlready: boolean };

export function approvalAnswer(question: TimedQuestion & { readonly askedAgainFor?: number }, run: ProposalState): ApprovalAnswer {
  const shown = shownProposal(question, run);
  if (shown.kind === 'current') return { kind: 'approve', version: shown.version };
  return { ...shown, kind: 'ask-again', toldAlready: (question.askedAgainFor ?? -1) >= shown.version };
}
