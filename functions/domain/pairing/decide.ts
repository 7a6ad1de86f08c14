import { emailKey, receivesMail } from '../participant';
import { addDays, deadlineAfter, localDate, pauseEndsAt, pauseStartsAt } from '../schedule';
import { deliverAt, openNotBefore, person, planEnd, sendTimeFor, upcoming, type LifecycleContext } from './context';
import { acceptance, acceptanceOf, metAt, saysMet } from './answers';
import { applyControls, pauseBeyondEnd, pausesOverruled, todayFor } from './controls';
import type { Decision, EmailIntent, EventIntent, LifecycleMetric, Next, RecordIntent } from './decision';
import * as goals from './goals';
import { escalationLadder } from './ladder';
import { decisionOf } from '../admin-answer';
import type { AdminDecision } from '../replies';
import type { PauseOverruled } from '../emails/control';
import {
  endReasonOf,
  HAND_OVER_AFTER_DAYS,
  isLegalTransition,
  isTerminal,
  PAIRING_KEYS,
  PERSON_SIDES,
  REMATCH_BOTH_REASONS,
  type ControlRequest,
  type Pairing,
  type PauseBooking,
  type PairingStatus,
  type PersonSide,
  type Round,
  type RoundKind,
  type Side,
  type EndReason,
} from './model';
import * as mail from './mail';
import { introductionSlot, nextSeries, peopleBasis, peopleMoved, rescheduledSeries, sameSeries, seriesBasis, type PersonMoved } from './meeting';
import { planRematch, type PersonOutcome, type RematchPlan } from './rematch';
import { programClosed } from '../rematch-policy';
import { waitlistedByEnd } from '../waitlist-reason';
import { nextConcernWake, watchConcerns } from './concerns';
import { closeFitCheck, fitAnswerOf, fitCheckDue, fitCheckPartlyAsked, FIT_ROUND_LABEL } from './fit-check';
import { roundKeptAtEnd } from './ended-round';
import { introductionClosed } from './introduction-closed';
import { onPlanSettings, planSettings, whileDatesHold } from './held';
import { awayNotesAfterCheckIn, saysNotMet } from './away';
import { tellOfResume } from './paused-review';
import { endMoved, resumesAt } from './final-review-day';
import { resumedPatch, resumedState } from './resumed';

const DAY_MS = 86_400_000;
/** How long the admins have to decide at the top of the ladder before "continue" is assumed. */
export const ADMIN_DECISION_DAYS = 7;

/** The decision under construction; one per step. */
class Step {
  p: Pairing;
  changed = false;
  readonly records: RecordIntent[] = [];
  readonly emails: EmailIntent[] = [];
  readonly events: EventIntent[] = [];
  readonly graduate: string[] = [];
  readonly people: PersonOutcome[] = [];
  readonly metrics: Partial<Record<LifecycleMetric, number>> = {};
  private audits = 0;

  constructor(
    readonly ctx: LifecycleContext,
    readonly now: Date,
  ) {
    this.p = ctx.pairing;
  }

  get iso(): string {
    return this.now.toISOString();
  }

  set(changes: Partial<{ -readonly [K in keyof Pairing]: Pairing[K] | undefined }>): void {
    const next: Record<string, unknown> = { ...this.p };
    for (const [k, v] of Object.entries(changes)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    this.p = next as unknown as Pairing;
    this.changed = true;
  }

  moveTo(status: PairingStatus, changes: Parameters<Step['set']>[0] = {}): void {
    if (!isLegalTransition(this.p.status, status)) throw new Error(`Pairing ${this.p.pairingId} cannot go from ${this.p.status} to ${status}.`);
    // A pairing that has finished has no pause to come, nor a ladder for the days away told of.
    this.set({ ...changes, status, ...(isTerminal(status) ? { pauseBooked: undefined, awayNotes: undefined } : {}) });
  }

  audit(kind: string, detail?: Record<string, unknown>): void {
    this.audits++;
    this.records.push({
      sk: PAIRING_KEYS.audit(this.iso, `${String(this.audits).padStart(2, '0')}-${kind}`),
      item: { type: 'Audit', at: this.iso, kind, ...(detail ? { detail } : {}) },
    });
  }

  email(intent: EmailIntent): void {
    this.emails.push(this.addressed(intent));
  }

  /** An email that answers nothing just said: it waits for the reader's working hours. */
  emailInHours(intent: EmailIntent, reader: PersonSide | 'admin', cancelIfEnded = false, notBefore?: string): void {
    const tz = reader === 'admin' ? this.ctx.program.timeZone : person(this.ctx, reader).timeZone;
    // `notBefore`: not before then either, and in the reader's working hours from then on.
    const from = notBefore !== undefined && notBefore > this.iso ? new Date(notBefore) : this.now;
    const at = deliverAt(this.ctx, tz, from);
    const held = at.getTime() > this.now.getTime();
    this.emails.push({
      ...this.addressed(intent),
      ...(held ? { notBefore: at.toISOString() } : {}),
      ...(held && reader !== 'admin' ? { heldForZone: tz } : {}),
      ...(cancelIfEnded ? { cancelIfEnded } : {}),
    });
  }

  /** An email to one of the pair names them: it goes to their address as it stands when it is sent. */
  private addressed(intent: EmailIntent): EmailIntent {
    const to = emailKey(intent.to);
    const member = [this.ctx.mentor, this.ctx.mentee].find((m) => emailKey(m.email) === to);
    return member ? { ...intent, toParticipant: member.participantId } : intent;
  }

  event<N extends EventIntent['type']>(key: string, type: N, detail: EventIntent<N>['detail'], notBefore?: string): void {
    this.events.push({ key, type, detail, ...(notBefore && notBefore > this.iso ? { notBefore } : {}) } as EventIntent);
  }

  count(metric: LifecycleMetric, n = 1): void {
    this.metrics[metric] = (this.metrics[metric] ?? 0) + n;
  }
}

/**
 * Decides what is due for one pairing at `ctx.now`, from its stored state alone. Pure: the same
 * context always gives the same decision, and a decision never repeats an email, record or event
 * of an earlier one (keys are unique over the pairing's life). Acts on control requests first, so
 * an end or a departure is never followed by another question.
 */
export function decideNext(ctx: LifecycleContext): Decision {
  const s = new Step(ctx, ctx.now);
  // Concerns are escalated whatever else the step does, also after the pairing ended (below): an
  // admin must hear of an unread one by the date its raiser was given.
  watchConcerns(s);
  let outcome: Next | undefined;
  // A step may settle several things at once (a round closes and the next one opens).
  for (let guard = 0; guard < 20 && !outcome; guard++) {
    const before = s.p;
    outcome = advanceOnce(s);
    if (!outcome && s.p === before) break;
  }
  return {
    pairing: s.p,
    changed: s.changed,
    records: s.records,
    emails: s.emails,
    events: s.events,
    graduate: s.graduate,
    people: s.people,
    next: outcome ? stillWatching(s, outcome) : nextWake(s),
    metrics: s.metrics,
  };
}

/**
 * A pairing that ended (or completed) while it watched a private concern keeps its execution until
 * the concern's escalation date: the admins are reminded of an unread case whatever became of the
 * pairing meanwhile (a partner's exit, an admin's end, the program's end). One that ended early
 * with a question kept open (ended-round.ts) keeps it until that round closes.
 */
function stillWatching(s: Step, outcome: Next): Next {
  if (outcome.action !== 'done') return outcome;
  // A round an early end kept open (endedRoundStep): its answers or its deadline wake the pairing.
  if (s.p.round) return nextWake(s);
  const concernAt = nextConcernWake(s.p, s.now);
  return concernAt === undefined ? outcome : capped(s, concernAt);
}

function advanceOnce(s: Step): Next | undefined {
  const p = s.p;
  if (isTerminal(p.status)) return p.round ? endedRoundStep(s) : { action: 'done', outcome: p.status as 'completed' | 'ended' | 'not-started' };
  let controls = p.controls ?? [];
  if (p.fault) {
    // On hold after an error: only an admin's resume (or an end) moves it again.
    if (!controls.some((c) => c.kind !== 'pause')) return capped(s, s.now.getTime() + 30 * DAY_MS);
    s.set({ fault: undefined });
    s.audit('fault-cleared');
    // The resume that freed it answered the hold: it does not also cancel a pause booked for later.
    if (p.pauseBooked) {
      controls = controls.filter((c) => c.kind !== 'resume');
      s.set({ controls: controls.length > 0 ? controls : undefined });
    }
  }
  if (controls.length > 0) {
    // A round that ran its course before the request (everyone asked answered, or its deadline
    // passed) closes as it would have a moment earlier; only a round still open meets the request.
    // A PAUSE among the requests still says its asker is away when that round's close ends the pairing.
    const open = s.p;
    const closed = closeRoundDue(s, awayAfterEnd(s, controls));
    if (closed) return afterRequestsEnded(s, controls, closed);
    if (s.p !== open) return undefined;
    s.set({ controls: undefined });
    const c = applyControls(p.status, controls, p.pauseBooked !== undefined);
    // An admin's own pause, end or rematch while the admins' decision is asked is that decision; a
    // pause booked for later days answers nothing about the pair now (the question stays open).
    const booking = c.action === 'pause' && p.status === 'active' && bookedStart(s, c.request) !== undefined;
    const decided = (c.action === 'end' || c.action === 'pause') && !booking ? decidedByRequest(s.p, c.request) : undefined;
    // A member's PAUSE that the end overrules (or the pause they are on) still says they are away: kept for their rematch and their end email.
    const away = c.action === 'end' ? awayAfterEnd(s, controls) : {};
    if (decided) return applyAdminDecision(s, s.p.round!, decided, away);
    if (c.action === 'end') return endEarly(s, c.request, away);
    if (c.action === 'pause' && pastTheEnd(s, c.request)) return undefined;
    if (booking) book(s, c.request);
    else if (c.action === 'pause') (p.status === 'paused' ? changePause : pause)(s, c.request);
    else if (c.action === 'resume') return resume(s, 'request');
    else if (c.action === 'cancel-booking') cancelBooking(s);
    else s.audit('control-ignored', { kinds: controls.map((x) => x.kind), status: p.status });
    return undefined;
  }
  switch (p.status) {
    case 'proposed':
      introduce(s);
      return undefined;
    case 'introduced':
      replanAsks(s);
      return acceptanceStep(s);
    case 'paused': {
      // A question asked before the pause stays open to its deadline (see keepAskedRound).
      if (p.round) {
        const out = pausedRoundStep(s);
        if (out || s.p !== p) return out;
      }
      const ends = pauseEndsNow(s);
      if (ends !== undefined && ends <= s.now.getTime()) return resume(s, 'date');
      announcePausedEnd(s);
      return undefined;
    }
    case 'active':
      if (p.pauseBooked && Date.parse(p.pauseBooked.startsAt) <= s.now.getTime()) {
        startBookedPause(s, p.pauseBooked);
        return undefined;
      }
      {
        const people = followPeople(s);
        announceMovedDates(s, rescheduleSeries(s, people.moved), people);
      }
      return activeStep(s);
    default:
      return undefined;
  }
}

/**
 * The round a request found due, closed by its status's own rule (activeStep, pausedRoundStep).
 * `away`: the members whose PAUSE among the requests (awayAfterEnd) an end that the close brings
 * (a fit check's "no", an admin's END by reply) overrules, as an end among the requests would.
 */
function closeRoundDue(s: Step, away: AwayAfterEnd): Next | undefined {
  const round = s.p.round;
  if (!round || !roundComplete(round, s.now)) return undefined;
  if (s.p.status === 'active') return activeStep(s, away);
  if (s.p.status === 'paused') return pausedRoundStep(s, away);
  return undefined;
}

/**
 * The requests a closing round left nothing to act on (a fit check's "no" ended the pairing, a final
 * review completed it): each is dropped, and whoever asked by reply for a pause is told as for any
 * PAUSE to a pairing that has ended (inbound-mail.ts), unless the end already answered it in their
 * end email (endEarly: they are away, and not matched before they are back).
 */
function afterRequestsEnded(s: Step, controls: readonly ControlRequest[], outcome: Next): Next {
  s.set({ controls: undefined });
  s.audit('control-ignored', { kinds: controls.map((x) => x.kind), status: s.p.status });
  const answered = new Set(s.records.flatMap((r) => (r.item.kind === 'pause-overruled' ? [(r.item.detail as { side: PersonSide }).side] : [])));
  for (const request of controls.filter((c) => c.kind === 'pause')) {
    const by = askedBy(s, request);
    if (by && !answered.has(by)) s.email(mail.nothingToPause(s.ctx, by, request.requestedAt));
  }
  return outcome;
}

// ---- Acceptance ----

function introduce(s: Step): void {
  const { lifecycle } = s.ctx.program;
  const asks: Round['asks'] = {};
  let last = 0;
  for (const side of PERSON_SIDES) {
    const sendAt = sendTimeFor(s.ctx, side, s.now);
    last = Math.max(last, sendAt.getTime());
    const remindAt = sendTimeFor(s.ctx, side, addDays(sendAt, lifecycle.acceptanceReminderDay));
    asks[side] = { sendAt: sendAt.toISOString(), remindAt: remindAt.toISOString() };
  }
  const round: Round = {
    key: 'acceptance',
    kind: 'acceptance',
    label: 'Introduction',
    dueAt: s.iso,
    closesAt: deadlineAfter(
      last,
      lifecycle.acceptanceWindowDays,
      PERSON_SIDES.map((side) => person(s.ctx, side).timeZone),
      s.ctx.program.nonWorkingDays ?? [],
    ),
    asks,
    answers: {},
  };
  // The basis is kept only for a pair whose introduction carries a series: one that has none is not
  // sent one later (nothing would say where it came from).
  // The slot is decided here, once, and kept: the introductions that go out later (each in its
  // reader's morning) read it, and the people's next pairings take it as busy.
  const meetingSlot = introductionSlot(s.ctx, { ...s.p, startedAt: s.iso }, round);
  s.moveTo('introduced', {
    startedAt: s.iso,
    round,
    meetingSlot,
    peopleBasis: peopleBasis(s.ctx),
    ...(meetingSlot.found ? { seriesBasis: seriesBasis(s.ctx) } : {}),
  });
  s.audit('introduced', { closesAt: round.closesAt });
  s.count('pairingsStarted');
}

function acceptanceStep(s: Step): Next | undefined {
  const round = s.p.round;
  if (round?.kind !== 'acceptance') return notStarted(s, 'no-answer', {});
  const verdict = acceptance(round, s.now);
  if (verdict === 'open') {
    sendDueAsks(s);
    sendDueReminders(s);
    return undefined;
  }
  if (verdict === 'accepted') {
    s.moveTo('active', { acceptedAt: s.iso, planPosition: 0, round: undefined, planSettings: planSettings(s.ctx) });
    s.audit('accepted');
    applyOutcome(s, goals.onAccepted(s.ctx, s.p, round, s.iso));
    s.event('accepted', 'PairingAccepted', { pairingId: s.p.pairingId, programId: s.p.programId });
    return undefined;
  }
  return notStarted(s, verdict, round.answers);
}

/** Whether `side` has heard of this pairing: it has started, or their introduction went out. */
function heardOf(s: Step, side: PersonSide): boolean {
  if (s.p.status !== 'introduced' && s.p.status !== 'proposed') return true;
  return s.p.round?.kind === 'acceptance' && s.p.round.asks[side]?.sent === true;
}

function notStarted(s: Step, reason: 'declined' | 'no-answer', answers: Round['answers']): Next {
  const { mentorId, menteeId } = s.p;
  // Someone whose introduction had not gone out yet hears nothing of a pairing they never knew.
  const heard = { mentor: heardOf(s, 'mentor'), mentee: heardOf(s, 'mentee') };
  const state = { mentor: acceptanceOf(answers.mentor), mentee: acceptanceOf(answers.mentee) };
  const declinedSide = state.mentor === 'declined' ? 'mentor' : state.mentee === 'declined' ? 'mentee' : undefined;
  const note = declinedSide ? answers[declinedSide]?.note : undefined;
  // The reason a person gave for declining stays with the pairing (for the admins), never in an event.
  s.moveTo('not-started', { statusReason: note ? `${reason}: ${note}` : reason, endedAt: s.iso, round: undefined });
  s.audit('not-started', { reason, answers: state, ...(note ? { note } : {}) });
  // A decline is final for this pairing (the decliner returns to the pool, from the date an "away
  // until" note gives); whoever did not decline is offered a new partner, within the policy's limits.
  const plan = planRematch(
    s.ctx,
    s.p,
    PERSON_SIDES.map((side) => ({
      side,
      // Cut short by the partner's decline is not silence: only a deadline that passed counts.
      answer: reason === 'declined' && state[side] === 'no-answer' ? 'interrupted' : state[side],
      ...(answers[side]?.note ? { note: answers[side]!.note } : {}),
      wantsRematch: state[side] !== 'declined',
    })),
    s.now,
  );
  // The admins read it in their weekly digest (functions/admin-digest.ts keeps PairingNotStarted), not one email each.
  const told = new Set<string>();
  for (const side of PERSON_SIDES) {
    const outcome = plan.people.find((p) => p.participantId === (side === 'mentor' ? mentorId : menteeId));
    // Whoever's own NO or silence closed it is told where they stand now, once (a NO by reply that
    // names the day they are back was confirmed by the reply reader): nobody is left to guess.
    const own = state[side] === 'declined' ? 'declined' : reason === 'no-answer' && state[side] === 'no-answer' ? 'no-answer' : undefined;
    if (own && heard[side]) {
      const closed = introductionClosed(s.ctx, side, own, outcome, plan.rematched.has(side));
      if (closed) s.emailInHours(closed, side);
      if (closed && outcome?.waitlistReason) told.add(outcome.participantId);
      continue;
    }
    // Someone whose introduction the partner's decline closed is told too: their question is off.
    const cutShort = reason === 'declined' && state[side] === 'no-answer' && heard[side];
    if (state[side] !== 'accepted' && !cutShort) continue;
    s.emailInHours(mail.partnerDidNotStart(s.ctx, side, mail.afterEnd(s.ctx, plan.rematched.has(side), outcome?.status, outcome?.placeHeld), !cutShort), side);
    // As after an end: this email tells them they wait, so it is their waitlist notice.
    if (outcome?.waitlistReason) told.add(outcome.participantId);
  }
  s.event('not-started', 'PairingNotStarted', {
    pairingId: s.p.pairingId,
    programId: s.p.programId,
    reason,
    ...(declinedSide ? { declinedBy: declinedSide === 'mentor' ? mentorId : menteeId } : {}),
  });
  applyPlan(s, toldOfWaitlist(plan, told), `not-started-${reason}`);
  s.count('pairingsEnded');
  return { action: 'done', outcome: 'not-started' };
}

/** The plan with those whose end or not-started email told them they wait: no separate waitlist notice follows. */
function toldOfWaitlist(plan: RematchPlan, told: ReadonlySet<string>): RematchPlan {
  return { ...plan, people: plan.people.map((p) => (told.has(p.participantId) ? { ...p, toldInEndEmail: true as const } : p)) };
}

/** The plan with those an end puts on the waitlist (waitlistedByEnd): their entry's code and reason. */
function waitlisting(plan: RematchPlan, waits: ReturnType<typeof waitlistedByEnd>): RematchPlan {
  const why = new Map(waits.map((w) => [w.participantId, w]));
  return {
    ...plan,
    people: plan.people.map((p) => {
      const w = why.get(p.participantId);
      // Only someone the policy puts back in the pool: a status it chose for another reason stands.
      return w && (p.status === 'enrolled' || p.status === 'awaiting-rematch')
        ? { ...p, status: 'waitlisted' as const, waitlistCode: w.code, waitlistReason: w.reason }
        : p;
    }),
  };
}

/** Stores the policy's outcome for each person, tells the admins who is held back, and asks for the rematch. */
function applyPlan(s: Step, plan: RematchPlan, reason: 'not-started-declined' | 'not-started-no-answer' | EndReason): void {
  s.people.push(...plan.people);
  for (const e of plan.adminEmails) s.emailInHours(e, 'admin');
  // Held by the policy; someone an end waitlists (waitlistCode) is not held back from rematches.
  const held = plan.people.filter((p) => (p.status === 'inactive' || p.status === 'waitlisted') && !p.waitlistCode);
  if (held.length > 0) s.audit('rematch-held', { people: held.map((p) => p.status) });
  const waits = plan.people.filter((p) => p.waitlistCode);
  if (waits.length > 0) s.audit('waitlisted-unheard', { people: waits.map((p) => p.waitlistCode) });
  if (plan.rematchIds.length > 0) {
    // After the people it rematches have read why their pairing ended (their emails wait for their
    // working hours): the rematch's own news (a new introduction, or the waitlist) never comes first.
    const rematched = new Set(plan.rematchIds.map((id) => (id === s.p.mentorId ? s.ctx.mentor.email : id === s.p.menteeId ? s.ctx.mentee.email : id)));
    const told = s.emails.filter((e) => rematched.has(e.to) && e.notBefore !== undefined).map((e) => e.notBefore!);
    s.event(
      'rematch',
      'RematchRequested',
      { programId: s.p.programId, participantIds: [...plan.rematchIds], previousPairingId: s.p.pairingId, reason },
      told.length > 0 ? told.sort().at(-1) : undefined,
    );
  }
}

// ---- Rounds ----

function sendDueAsks(s: Step): void {
  const round = s.p.round!;
  let asks = round.asks;
  for (const side of Object.keys(asks) as Side[]) {
    const ask = asks[side]!;
    if (ask.sent || Date.parse(ask.sendAt) > s.now.getTime() || round.answers[side]) continue;
    for (const e of mail.question(s.ctx, s.p, round, side, 'ask')) s.email(e);
    asks = { ...asks, [side]: { ...ask, sent: true } };
  }
  if (asks !== round.asks) s.set({ round: { ...round, asks } });
}

function sendDueReminders(s: Step): void {
  const round = s.p.round!;
  let asks = round.asks;
  for (const side of PERSON_SIDES) {
    const ask = asks[side];
    if (!ask?.sent || ask.reminded || !ask.remindAt || Date.parse(ask.remindAt) > s.now.getTime() || round.answers[side]) continue;
    if (Date.parse(ask.remindAt) >= Date.parse(round.closesAt)) continue;
    for (const e of mail.question(s.ctx, s.p, round, side, 'remind')) s.email(e);
    asks = { ...asks, [side]: { ...ask, reminded: true } };
  }
  if (asks !== round.asks) s.set({ round: { ...round, asks } });
}

/**
 * Thanks at once to each person whose answer says the pair met (never to the silent), and to
 * whoever answered NO with a note that they will be away: that note pauses nothing, and their
 * thanks gives the PAUSE line that would (QA quiet4). A plain NO asks for no answer.
 */
function thankAnswers(s: Step): void {
  const round = s.p.round!;
  if (round.kind !== 'check-in') return;
  let asks = round.asks;
  const metNow = PERSON_SIDES.some((side) => saysMet(round.answers[side]));
  for (const side of PERSON_SIDES) {
    const a = round.answers[side];
    if (!a || asks[side]?.thanked) continue;
    const thanks = saysMet(a)
      ? mail.thanks(s.ctx, s.p, round, side, s.p.checkInsHeld + (metNow ? 1 : 0), a)
      : saysNotMet(a)
        ? mail.awayAcknowledged(s.ctx, s.p, round, side, a)
        : undefined;
    if (!thanks) continue;
    const after = isTerminal(s.p.status) ? afterEndEmail(s, side) : undefined;
    s.email(after ? { ...thanks, notBefore: after } : thanks);
    asks = { ...asks, [side]: { ...(asks[side] ?? { sendAt: s.iso }), thanked: true } };
  }
  if (asks !== round.asks) s.set({ round: { ...round, asks } });
}

/** Rounds are numbered in the order they open: a round asked again after a pause is a new round. */
function openRound(s: Step, kind: RoundKind, label: string, dueAt: Date, planOffsetMs?: number): void {
  const n = (s.p.roundsOpened ?? 0) + 1;
  const key = `${kind === 'admin-decision' ? 'decision' : 'round'}-${String(n).padStart(3, '0')}`;
  const { asks, closesAt } = kind === 'admin-decision' ? askAdmins(s) : askPeople(s, PERSON_SIDES, new Date(Math.max(dueAt.getTime(), s.now.getTime())));
  s.set({
    roundsOpened: n,
    round: {
      key,
      kind,
      label,
      dueAt: dueAt.toISOString(),
      closesAt,
      asks,
      answers: {},
      ...(planOffsetMs !== undefined ? { planOffsetMs } : {}),
    },
    // The end review is asked once: the plan keeps it until then (context.ts, upcoming).
    ...(kind === 'final-review' ? { finalReviewAskedAt: s.iso } : {}),
  });
  s.audit('asked', { round: key, kind });
}

/** In the admins' working hours: a check-in round closes at the end of a day, and nobody should be asked to decide at midnight. */
function askAdmins(s: Step): { asks: Round['asks']; closesAt: string } {
  const sendAt = deliverAt(s.ctx, s.ctx.program.timeZone, s.now);
  return {
    asks: { admin: { sendAt: sendAt.toISOString() } },
    closesAt: deadlineAfter(sendAt.getTime(), ADMIN_DECISION_DAYS, [s.ctx.program.timeZone], s.ctx.program.nonWorkingDays ?? []),
  };
}

/**
 * `sides` asked at each one's next send time from `from`, and the round's deadline: the answer
 * window after the last of those sends, at the end of that day for the pair (deadlineAfter).
 */
function askPeople(s: Step, sides: readonly PersonSide[], from: Date): { asks: Round['asks']; closesAt: string } {
  const asks: Round['asks'] = Object.fromEntries(sides.map((side) => [side, { sendAt: sendTimeFor(s.ctx, side, from).toISOString() }]));
  const last = Math.max(...sides.map((side) => Date.parse(asks[side]!.sendAt)));
  const zones = PERSON_SIDES.map((side) => person(s.ctx, side).timeZone);
  return { asks, closesAt: deadlineAfter(last, s.ctx.program.lifecycle.checkInAnswerWindowDays, zones, s.ctx.program.nonWorkingDays ?? []) };
}

/** When a round was first asked: its earliest send, or its due moment if nobody was sent it. */
function askedAt(round: Round): string {
  const sends = Object.values(round.asks)
    .map((a) => a?.sendAt)
    .filter((t): t is string => typeof t === 'string')
    .sort();
  return sends[0] ?? round.dueAt;
}

/**
 * Each person's own send of the round, what their next check-in asks about meetings "since". A side
 * this round never reached (a pause came before their email was sent: keepAskedRound) keeps the day
 * their own previous question went out, as their next email would have named it: the partner's
 * send, or the one planned for them and dropped, would leave the weeks before it unasked.
 */
function askedOf(p: Pairing, round: Round): Partial<Record<PersonSide, string>> {
  const sends: Partial<Record<PersonSide, string>> = {};
  for (const side of PERSON_SIDES) {
    const at = round.asks[side]?.sent ? round.asks[side]!.sendAt : (p.lastCheckInAskedOf?.[side] ?? p.lastCheckInAskedAt ?? p.lastCheckInAt ?? p.acceptedAt);
    if (at) sends[side] = at;
  }
  return sends;
}

function roundComplete(round: Round, now: Date): boolean {
  if (Date.parse(round.closesAt) <= now.getTime()) return true;
  return (Object.keys(round.asks) as Side[]).every((side) => round.answers[side] !== undefined);
}

/** `away`: as closeRoundDue gives it, for a round whose close ends the pairing. */
function activeStep(s: Step, away?: AwayAfterEnd): Next | undefined {
  const round = s.p.round;
  if (round) {
    sendDueAsks(s);
    thankAnswers(s);
    if (!roundComplete(s.p.round!, s.now)) return undefined;
    return closeRound(s, s.p.round!, away);
  }
  if (s.p.pendingDecision) {
    const again = s.p.decisionAskedAt !== undefined;
    openRound(s, 'admin-decision', 'Admin decision', s.now);
    s.set({ decisionAskedAt: s.p.decisionAskedAt ?? s.iso });
    // Asked again after a pause closed it: a new "Decision needed" goes out, so it is announced as
    // the first was (the first with the missed check-in that raised it, closeCheckIn).
    if (again)
      s.event(`${s.p.round!.key}:escalation`, 'EscalationRaised', {
        pairingId: s.p.pairingId,
        programId: s.p.programId,
        level: 'admin-decision',
        missedInRow: s.p.missedInRow,
      });
    sendDueAsks(s);
    return undefined;
  }
  if (fitCheckDue(s.p)) {
    openRound(s, 'fit-check', FIT_ROUND_LABEL, s.now);
    s.set({ fitCheckAskedAt: s.iso });
    sendDueAsks(s);
    return undefined;
  }
  const items = upcoming(s.ctx, s.p);
  if (!items[0]) return complete(s);
  if (items[0].dueAt.getTime() > s.now.getTime() || openNotBefore(s.p) > s.now.getTime()) return undefined;
  // Several check-ins due at once (HR shortened the cadence mid-run): the latest of them is asked,
  // once, and the plan carries on from it, instead of asking them back to back.
  let i = 0;
  const dueCheckIn = (n: number) => items[n]?.kind === 'check-in' && items[n]!.dueAt.getTime() <= s.now.getTime();
  while (dueCheckIn(i) && dueCheckIn(i + 1)) i++;
  const item = items[i]!;
  openRound(s, item.kind, item.label, item.dueAt, item.offsetMs);
  sendDueAsks(s);
  return undefined;
}

/** A plan round is done: the plan carries on after its item (whatever the cadence is by then). */
function planDone(s: Step, round: Round): Pick<Pairing, 'planPosition' | 'planDoneMs' | 'previousRoundClosesAt'> {
  return {
    planPosition: (s.p.planPosition ?? 0) + 1,
    previousRoundClosesAt: round.closesAt,
    ...(round.planOffsetMs !== undefined ? { planDoneMs: round.planOffsetMs } : {}),
  };
}

function closeRound(s: Step, round: Round, away?: AwayAfterEnd): Next | undefined {
  switch (round.kind) {
    case 'check-in':
      applyOutcome(s, goals.onCheckInClosed(s.ctx, s.p, round));
      closeCheckIn(s, round);
      return undefined;
    case 'milestone':
      storeReviews(s, round);
      s.set({ round: undefined, ...planDone(s, round) });
      return undefined;
    case 'final-review':
      storeReviews(s, round);
      applyOutcome(s, goals.partnerNotes(s.ctx, round));
      s.set({ round: undefined, ...planDone(s, round) });
      // Closed by its deadline: the pairing ran to the deadline's day, not to the moment the wake
      // after it came (a second later, already the next day where the deadline's reader is).
      return complete(s, new Date(Math.min(s.now.getTime(), Date.parse(round.closesAt))).toISOString());
    case 'admin-decision':
      return applyAdminDecision(s, round, undefined, away);
    case 'fit-check': {
      const fit = closeFitCheck(s.ctx, round, s.now);
      s.records.push(...fit.records);
      s.set({ round: undefined });
      s.audit('fit-check', { mentor: fit.answers.mentor, mentee: fit.answers.mentee });
      // "The pairing carries on", it says: not sent if an end came meanwhile (in this very step, say).
      for (const e of fit.adminEmails) s.emailInHours(e, 'admin', true);
      return fit.end ? endEarly(s, { kind: 'end', requestedAt: s.iso, reason: 'not-a-fit' }, away) : undefined;
    }
    default:
      s.set({ round: undefined });
      return undefined;
  }
}

function closeCheckIn(s: Step, round: Round): void {
  const p = s.p;
  const { mentor, mentee } = round.answers;
  const met = saysMet(mentor) || saysMet(mentee);
  const number = p.checkInsHeld + p.checkInsMissed + 1;
  const climbed = met ? 0 : p.missedInRow + 1;
  const ladder = met ? 'none' : escalationLadder(climbed, s.ctx.program.lifecycle.escalation);
  // Every admin is one of the pair: nobody could be asked to decide, so no "Decision needed" round
  // holds the plan for a week and the report points to no email that never went. The pair goes on,
  // as an unanswered decision would have it, and the ladder starts again (QA quiet3).
  const nobodyToAsk = ladder === 'admin-decision' && !mail.adminOutsidePair(s.ctx);
  const missedInRow = nobodyToAsk ? 0 : climbed;
  const rung = nobodyToAsk ? 'none' : ladder;
  s.records.push({
    sk: PAIRING_KEYS.checkIn(round.key),
    item: {
      type: 'CheckIn',
      number,
      label: round.label,
      round: round.key,
      at: s.iso,
      met,
      mentor: mentor ?? { answered: false },
      mentee: mentee ?? { answered: false },
    },
  });
  s.set({
    round: undefined,
    ...planDone(s, round),
    lastCheckInAt: s.iso,
    lastCheckInAskedAt: askedAt(round),
    lastCheckInAskedOf: askedOf(p, round),
    ...(met ? { checkInsHeld: p.checkInsHeld + 1, lastMetAt: metAt(round) ?? s.iso } : { checkInsMissed: p.checkInsMissed + 1 }),
    missedInRow,
    ...(rung === 'admin-decision' ? { pendingDecision: true } : {}),
    // The days away this round's answers told of, for the admins' emails of the ladder it climbs. A
    // round kept through a pause (or after an end) closes into no ladder: the pause is the answer.
    awayNotes:
      p.status === 'active'
        ? awayNotesAfterCheckIn(p.awayNotes, round, { mentor: s.ctx.mentor.timeZone, mentee: s.ctx.mentee.timeZone }, s.now, nobodyToAsk)
        : undefined,
  });
  const ratings = [mentor?.rating, mentee?.rating].filter((r): r is number => r !== undefined);
  s.audit(met ? 'check-in-held' : 'check-in-missed', { number, missedInRow, answered: ratings.length });
  const ref = { pairingId: p.pairingId, programId: p.programId };
  if (met) {
    // The contract has one `rating` per check-in: the mean of the ratings given in it (one person's, or both), as the report averages them; none when nobody rated.
    const rating = ratings.length > 0 ? ratings.reduce((sum, r) => sum + r, 0) / ratings.length : undefined;
    s.event(`${round.key}:held`, 'CheckInCompleted', { ...ref, checkIn: number, ...(rating !== undefined ? { rating } : {}) });
    return;
  }
  s.event(`${round.key}:missed`, 'CheckInMissed', { ...ref, checkIn: number, missedInRow });
  if (rung === 'none') return;
  s.event(`${round.key}:escalation`, 'EscalationRaised', { ...ref, level: rung, missedInRow });
  s.count('escalations');
  if (rung === 'nudge') {
    for (const side of PERSON_SIDES) s.emailInHours(mail.nudge(s.ctx, s.p, round, side), side, true);
  } else if (rung === 'senior-note') {
    const first = s.emails.length;
    s.emailInHours(mail.seniorNote(s.ctx, s.p, round, missedInRow), 'mentee', true);
    // The nudge rung is this same miss: the mentor, who missed too, is not left without a word.
    if (missedInRow === s.ctx.program.lifecycle.escalation.seniorNoteAfter && mail.nudgeWithSeniorNote(s.ctx))
      s.emailInHours(mail.nudge(s.ctx, s.p, round, 'mentor'), 'mentor', true);
    // The admins read that the nudge and the note were sent ("has had"): theirs goes once the last of
    // them has, and is dropped with them when a pause or an end drops them first (QA quiet3).
    const toPair = s.emails.slice(first);
    const lastGoes = toPair
      .map((e) => e.notBefore ?? s.iso)
      .sort()
      .at(-1);
    const pairWhile = toPair.find((e) => e.sendWhile !== undefined);
    // One that names the end-of-program review's day is not sent once a pause or a schedule change has moved it.
    for (const e of mail.toAdmins(s.ctx, `${round.key}:escalation`, () => mail.adminEscalation(s.ctx, s.p, missedInRow))) {
      const held = whileDatesHold(s.ctx, s.p, e);
      s.emailInHours(pairWhile?.sendWhile && !held.sendWhile ? { ...held, sendWhile: pairWhile.sendWhile } : held, 'admin', true, lastGoes);
    }
  }
}

function storeReviews(s: Step, round: Round): void {
  const topics = mail.pairingTopics(s.ctx);
  let answered = 0;
  for (const side of PERSON_SIDES) {
    const a = round.answers[side];
    if (!a || a.intent === 'unclear') continue;
    const participantId = side === 'mentor' ? s.p.mentorId : s.p.menteeId;
    const review = {
      label: round.label,
      round: round.key,
      participantId,
      ...(a.rating !== undefined ? { progress: a.rating } : {}),
      ...(a.score !== undefined ? { recommend: a.score } : {}),
      ...(a.note ? { note: a.note } : {}),
      topics,
      at: s.iso,
    };
    s.records.push({ sk: PAIRING_KEYS.review(round.key, participantId), item: { type: 'MilestoneReview', ...review } });
    s.event(`${round.key}:review:${side}`, 'MilestoneReviewed', {
      pairingId: s.p.pairingId,
      programId: s.p.programId,
      milestone: round.label,
      participantId,
      ...(a.rating !== undefined ? { progress: a.rating } : {}),
      ...(a.score !== undefined ? { recommend: a.score } : {}),
    });
    answered++;
  }
  s.audit('review', { round: round.key, answered });
  applyOutcome(s, goals.onReviewClosed(s.ctx, s.p, round, s.iso));
}

/** Goals, skills per topic, program feedback and partner notes (goals.ts) added to the step. */
function applyOutcome(s: Step, o: goals.Outcome): void {
  if (o.goals) s.set({ goals: o.goals });
  s.records.push(...o.records);
  for (const e of o.emails) s.emailInHours(e.intent, e.reader);
  for (const a of o.audits) s.audit(a.kind, a.detail);
}

/**
 * The admins' decision as an admin's own request gives it: a pause, an end or a rematch that no
 * member of the pair asked for (the admin API, or HR's system, sends none with a participant) while
 * the admins are asked to decide (an open admin-decision round, sent or not yet). It settles the
 * question as the matching reply would (PAUSE, END, REMATCH): otherwise the pause would close the
 * question unanswered, and the resume would ask it again of admins who had acted already. A
 * member's PAUSE or END is theirs, not the admins' answer. A resume never meets an open decision
 * round: the round is asked only while the pairing runs, and a pause closes it.
 */
interface DecidedByRequest {
  readonly decision: AdminDecision;
  readonly request: ControlRequest;
}

function decidedByRequest(p: Pairing, request: ControlRequest): DecidedByRequest | undefined {
  if (p.round?.kind !== 'admin-decision' || request.participantId !== undefined) return undefined;
  if (request.kind === 'pause') return { decision: 'pause', request };
  if (request.kind === 'end') return { decision: request.reason === 'admin-rematch' ? 'rematch' : 'end', request };
  return undefined;
}

/**
 * Closes the admins' decision round with its decision: the first admin's answer, an admin's own
 * request (`by`, decidedByRequest), or "continue" when nobody answered in time. Either way the
 * ladder starts again (`missedInRow` 0) and nothing is pending.
 */
function applyAdminDecision(s: Step, round: Round, by?: DecidedByRequest, away?: AwayAfterEnd): Next | undefined {
  const a = by ? undefined : round.answers.admin;
  const decision = by ? by.decision : decisionOf(a);
  const answered = by !== undefined || a !== undefined;
  // The admins have read the days away the ladder's emails named: a later ladder names only new ones.
  s.set({
    round: undefined,
    pendingDecision: undefined,
    decisionAskedAt: undefined,
    missedInRow: 0,
    awayNotes: undefined,
    // Dated by the answer (or the round's close when nobody answered), so that a rerun sets the same.
    lastDecision: { decision, at: by?.request.requestedAt ?? a?.at ?? round.closesAt, answered },
  });
  s.audit('admin-decision', { decision, answered, ...(by ? { by: 'request' } : {}) });
  const pauseUntil = by ? by.request.until : a?.pauseUntil;
  // "PAUSE from 6 January until 27 January" (QA admins5): booked from its first day, as a member's or
  // HR's pause for later days is (book). Dated by the answer, not by this step, so that the booking's
  // emails keep their keys when the step runs again.
  const pauseFrom = by || !pauseUntil ? undefined : a?.pauseFrom;
  if (decision === 'pause') {
    const request: ControlRequest = by?.request ?? {
      kind: 'pause',
      requestedAt: a?.at ?? s.iso,
      ...(pauseUntil ? { until: pauseUntil } : {}),
      ...(pauseFrom ? { from: pauseFrom } : {}),
      reason: 'admin-decision',
    };
    if (s.p.status === 'active' && bookedStart(s, request) !== undefined) book(s, request);
    else pause(s, request);
  }
  // The decision request promises: "Anything after the first line is kept as your note on the decision."
  // The record also tells an admin who replies later what was decided, and how (domain/admin-answer.ts).
  s.records.push({
    sk: PAIRING_KEYS.decision(round.key),
    item: {
      type: 'AdminDecision',
      round: round.key,
      decision,
      answered,
      at: s.iso,
      ...(by ? { answeredAt: by.request.requestedAt, channel: 'api' } : {}),
      ...(a?.at ? { answeredAt: a.at } : {}),
      ...(a?.channel ? { channel: a.channel } : {}),
      ...(pauseUntil ? { pauseUntil } : {}),
      ...(pauseFrom ? { pauseFrom } : {}),
      ...(decision === 'pause' && s.p.status === 'paused' && s.p.pausedUntil ? { pausedUntil: s.p.pausedUntil } : {}),
      ...(a?.note ? { note: a.note } : {}),
    },
  });
  if (decision === 'pause') return undefined;
  if (decision === 'end' || decision === 'rematch')
    return endEarly(s, by?.request ?? { kind: 'end', requestedAt: s.iso, reason: decision === 'rematch' ? 'admin-rematch' : 'admin-decision' }, away);
  return undefined;
}

// ---- Controls ----

/** Closes whatever round is open when the pairing pauses or ends: what was answered stays. */
function abandonRound(s: Step): void {
  const round = s.p.round;
  if (!round) return;
  if (round.kind === 'check-in' && PERSON_SIDES.some((side) => saysMet(round.answers[side]))) {
    closeCheckIn(s, round);
    return;
  }
  if ((round.kind === 'milestone' || round.kind === 'final-review') && PERSON_SIDES.some((side) => round.answers[side])) storeReviews(s, round);
  // A fit check answer already given is kept for the admins, as its email promised; closed by the
  // pause or the end, it neither ends the pairing nor asks the admins to look (that is for a round that ran its course).
  if (round.kind === 'fit-check' && PERSON_SIDES.some((side) => fitAnswerOf(round, side) !== 'no-answer')) {
    const fit = closeFitCheck(s.ctx, round, s.now);
    s.records.push(...fit.records);
    s.audit('fit-check', { mentor: fit.answers.mentor, mentee: fit.answers.mentee, closedBy: 'control' });
  }
  // A fit check closed before it went to anyone was not asked: it opens again once the pairing runs
  // (fitCheckDue), as the thanks for the first check-in promised.
  const unasked = round.kind === 'fit-check' && !Object.values(round.asks).some((ask) => ask?.sent);
  s.set({ round: undefined, ...(unasked ? { fitCheckAskedAt: undefined } : {}) });
  s.audit('round-closed', { round: round.key, why: 'control' });
}

/**
 * A pause stops new questions, not the ones already asked: each email stated a deadline, and an
 * answer that arrives before it is recorded (the partner's PAUSE must not refuse it). The round
 * keeps only its asks already sent, closes at its own deadline or once they are answered
 * (pausedRoundStep), and sends no reminder meanwhile. Nothing asked yet, or an admin's decision
 * round: closed now, as before.
 */
function keepAskedRound(s: Step): void {
  const round = s.p.round;
  if (!round) return;
  if (fitCheckPartlyAsked(round)) {
    s.audit('round-kept-open', { round: round.key, closesAt: round.closesAt, untilResume: true });
    return;
  }
  const waiting = (Object.keys(round.asks) as Side[]).some((side) => round.asks[side]?.sent && !round.answers[side]);
  const personal = round.kind === 'check-in' || round.kind === 'milestone' || round.kind === 'final-review' || round.kind === 'fit-check';
  if (!personal || !waiting || Date.parse(round.closesAt) <= s.now.getTime()) {
    abandonRound(s);
    return;
  }
  const asks = Object.fromEntries(Object.entries(round.asks).filter(([, ask]) => ask?.sent)) as Round['asks'];
  s.set({ round: { ...round, asks } });
  s.audit('round-kept-open', { round: round.key, closesAt: round.closesAt });
}

/**
 * The kept round of a paused pairing: thanks for each answer as it comes, and once everyone asked
 * has answered or the deadline passed, what was answered counts. A check-in someone says was held
 * is held; reviews (a milestone and the end-of-program review) are done at their deadline even
 * unanswered, stored and not asked again; a check-in nobody held is not counted as missed (the pause email
 * promises so) and is asked again after the pause, like a round with no answer.
 */
function pausedRoundStep(s: Step, away?: AwayAfterEnd): Next | undefined {
  if (fitCheckPartlyAsked(s.p.round!)) return undefined;
  thankAnswers(s);
  const round = s.p.round!;
  if (!roundComplete(round, s.now)) return undefined;
  const answered = PERSON_SIDES.some((side) => round.answers[side] && round.answers[side]!.intent !== 'unclear');
  if (round.kind === 'check-in' && PERSON_SIDES.some((side) => saysMet(round.answers[side]))) return closeRound(s, round, away);
  if (round.kind === 'fit-check' && answered) return closeRound(s, round, away);
  // A review is done at its deadline answered or not, as the pause email's "you can answer it
  // until …" says: stored, the plan moves past it, never asked after the resume.
  if (round.kind === 'milestone') return closeRound(s, round, away);
  if (round.kind === 'final-review') {
    // The end-of-program review has run its course, answered or not, as it would have while running
    // (closeRound): whatever was answered is stored and it is done, never asked again. The pairing
    // completes when the pause ends (nothing is left to ask by then, resume), on the day the pause
    // email named as its end. Closed as a check-in nobody held would be, it stayed in the plan: the
    // resume asked it a second time, past that day (QA: PAUSE until the end day).
    storeReviews(s, round);
    applyOutcome(s, goals.partnerNotes(s.ctx, round));
    s.set({ round: undefined, ...planDone(s, round) });
    return undefined;
  }
  s.set({ round: undefined });
  s.audit('round-closed', { round: round.key, why: 'paused' });
  return undefined;
}

/**
 * The fit check a pause caught between its two emails (fitCheckPartlyAsked), at the resume: whoever
 * was not asked yet is asked at their next send time, in the same round, so an answer already given
 * counts and nobody is asked twice. The deadline moves to the window after that send; never earlier
 * than the one the first email stated.
 */
function askRestOfFitCheck(s: Step, round: Round): Round {
  const rest = askPeople(
    s,
    PERSON_SIDES.filter((side) => !round.asks[side]?.sent),
    s.now,
  );
  return { ...round, asks: { ...round.asks, ...rest.asks }, closesAt: rest.closesAt > round.closesAt ? rest.closesAt : round.closesAt };
}

/** A pause "until <day>" lasts until that day has begun for both people (schedule.ts, pauseEndsAt). */
function pauseEnd(s: Step, day: string): Date {
  return pauseEndsAt(
    day,
    PERSON_SIDES.map((side) => person(s.ctx, side).timeZone),
  );
}

/**
 * A pause now. One booked earlier (`booked`) starts on its day: both are told in their working
 * hours, as neither has just written. A pause now keeps a booking for later days (resume).
 */
/**
 * When the pause under way ends: for a pause until a day, when that day has begun for both people in
 * the zones they have now (HR may have moved one since the pause began: nobody is told "has resumed"
 * on the day before the one they were given); otherwise the instant stored.
 */
function pauseEndsNow(s: Step): number | undefined {
  return resumesAt(s.ctx, s.p);
}

/**
 * The day (YYYY-MM-DD) a pause asked for now lasts until. Without a date: two weeks, to the day
 * (the asker's, or the program's for HR), so that the pause ends, like any pause until a day, when
 * that day has begun for both wherever they are by then.
 */
function pauseDay(s: Step, request: ControlRequest, by: PersonSide | undefined): string {
  return request.until ?? localDate(addDays(s.now, 14), by ? person(s.ctx, by).timeZone : s.ctx.program.timeZone);
}

function pause(s: Step, request: ControlRequest, booked = false): void {
  const by = askedBy(s, request);
  const untilDay = pauseDay(s, request, by);
  const requested = pauseEnd(s, untilDay);
  const until = requested.getTime() > s.now.getTime() ? requested : addDays(s.now, 1);
  keepAskedRound(s);
  const day = until === requested ? { pausedUntilDay: untilDay } : {};
  // A booking is kept through a pause now (someone else's, or for later days): it starts when due,
  // or, reached while paused, carries the pause on to its own last day (resume).
  // A pause is a break both are told of: the silence before it no longer counts, and the ladder
  // starts again after it. Its held nudges are dropped by it, so an admins' email later saying "Both
  // partners had a friendly nudge" would be untrue (QA quiet3, verify20), and a first miss after the
  // resume would go straight to a decision with nobody warned.
  s.moveTo('paused', {
    pausedAt: s.iso,
    pausedUntil: until.toISOString(),
    missedInRow: 0,
    // Time away told of before it is this pause's, or past by its end: not for the next ladder's emails.
    awayNotes: undefined,
    ...day,
    ...(by ? { pausedBy: by } : {}),
    ...(booked ? { pauseBooked: undefined } : {}),
  });
  s.audit('paused', { until: until.toISOString(), ...(booked ? { booked: true } : {}) });
  tellPause(s, booked ? undefined : by, (side) => mail.paused(s.ctx, s.p, side, until.toISOString(), by));
  s.event(`pause:${s.iso}`, 'PairingPaused', { pairingId: s.p.pairingId, programId: s.p.programId, until: until.toISOString() });
}

/**
 * The start of a pause asked for a later day ("PAUSE from 3 March until 17 March"), while that day
 * has begun for neither of the pair; undefined for a pause that starts now.
 */
function bookedStart(s: Step, request: ControlRequest): Date | undefined {
  if (!request.from || !request.until) return undefined;
  const startsAt = pauseStartsAt(
    request.from,
    PERSON_SIDES.map((side) => person(s.ctx, side).timeZone),
  );
  return startsAt.getTime() > s.now.getTime() ? startsAt : undefined;
}

/**
 * Books a pause for later: the pairing runs as usual until the day it starts, and the plan's items
 * from then on move by its length (context.ts, upcomingIn), so the dates the emails name hold. A new
 * booking replaces the one before. Whoever asked is told at once, the other in working hours.
 */
function book(s: Step, request: ControlRequest): void {
  const startsAt = bookedStart(s, request)!;
  const endsAt = pauseEnd(s, request.until!);
  const by = askedBy(s, request);
  const before = s.p.pauseBooked;
  // The same days again (a request delivered twice, a second reply) change nothing and tell nobody.
  if (before !== undefined && before.fromDay === request.from && before.untilDay === request.until) {
    s.audit('control-ignored', { kinds: ['pause'], status: 'active', why: 'same booking' });
    return;
  }
  // A pause that would start after the program's end never happens: the asker is told, nothing is booked.
  const end = planEnd(s.ctx, s.p);
  if (startsAt.getTime() >= end.getTime()) {
    s.audit('control-ignored', { kinds: ['pause'], status: 'active', why: 'starts after the end' });
    if (by) s.email(mail.pauseAfterEnd(s.ctx, by, request, end.toISOString()));
    return;
  }
  const booking: PauseBooking = {
    fromDay: request.from!,
    untilDay: request.until!,
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    requestedAt: request.requestedAt,
    ...(by ? { by } : {}),
  };
  s.set({ pauseBooked: booking });
  s.audit('pause-booked', { startsAt: booking.startsAt, endsAt: booking.endsAt });
  tellPause(s, by, (side) => mail.pauseBooked(s.ctx, s.p, side, booking));
}

/**
 * HR's resume before a booked pause began: the booking is cancelled, and whoever had heard of it is
 * told (not a partner whose booking email was still held for their working hours: it is then never sent).
 */
function cancelBooking(s: Step): void {
  const booking = s.p.pauseBooked!;
  s.set({ pauseBooked: undefined });
  s.audit('pause-booking-cancelled', { startsAt: booking.startsAt });
  const heard = (side: PersonSide) =>
    side === booking.by || deliverAt(s.ctx, person(s.ctx, side).timeZone, new Date(booking.requestedAt)).getTime() <= s.now.getTime();
  for (const side of PERSON_SIDES.filter(heard)) s.emailInHours(mail.pauseBookingCancelled(s.ctx, s.p, side, booking, s.iso), side, true);
}

/** The booked pause's day has come: it starts, as a pause asked for now would. */
function startBookedPause(s: Step, booking: PauseBooking): void {
  pause(s, bookedRequest(s, booking), true);
}

/** The pause request a booking stands for, as its asker made it (until its last day). */
function bookedRequest(s: Step, booking: PauseBooking): ControlRequest {
  const participantId = booking.by ? person(s.ctx, booking.by).participantId : undefined;
  return { kind: 'pause', requestedAt: booking.requestedAt, until: booking.untilDay, ...(participantId ? { participantId } : {}) };
}

/** The member who asked for a pause by reply, if one did. */
/**
 * A pause until a day after the program's end date (or the pairing's planned end, when later) is
 * not taken, as the admin API refuses it (controls.ts, pauseBeyondEnd): nothing is paused, booked or
 * moved, and whoever asked by reply is told why and what would do instead. True when it was dropped.
 */
function pastTheEnd(s: Step, request: ControlRequest): boolean {
  if (request.until === undefined) return false;
  const beyond = pauseBeyondEnd(request.until, s.ctx.program, s.p);
  if (!beyond) return false;
  s.audit('control-ignored', { kinds: ['pause'], status: s.p.status, why: 'until after the end' });
  const by = askedBy(s, request);
  if (by) s.email(mail.pauseBeyondEnd(s.ctx, s.p, by, request, beyond));
  return true;
}

function askedBy(s: Step, request: ControlRequest): PersonSide | undefined {
  return PERSON_SIDES.find((side) => request.participantId !== undefined && person(s.ctx, side).participantId === request.participantId);
}

/**
 * The pause email: to whoever asked by reply at once (it answers what they just wrote), to the
 * other in their working hours (it answers nothing they said).
 */
function tellPause(s: Step, by: PersonSide | undefined, email: (side: PersonSide) => EmailIntent): void {
  for (const side of PERSON_SIDES) {
    if (side === by) s.email(email(side));
    else s.emailInHours(email(side), side, true);
  }
}

/** A new resume date for a pause under way: both are told the new date; the time paused so far stands. */
function changePause(s: Step, request: ControlRequest, fromBooking = false): void {
  const requested = pauseEnd(s, request.until!);
  const until = (requested.getTime() > s.now.getTime() ? requested : addDays(s.now, 1)).toISOString();
  if (until === s.p.pausedUntil) {
    s.audit('control-ignored', { kinds: ['pause'], status: 'paused', why: 'same date' });
    return;
  }
  s.set({ pausedUntil: until, pausedUntilDay: until === requested.toISOString() ? request.until : undefined });
  s.audit('pause-changed', { until });
  const by = askedBy(s, request);
  tellPause(s, fromBooking ? undefined : by, (side) => mail.paused(s.ctx, s.p, side, until, by, s.iso));
  // A new end told while paused and still held for its reader's working hours goes only while the
  // pause keeps the day it named: it is dropped, so it is sent again, with the new day and the end it brings.
  const endHeld = PERSON_SIDES.filter((side) => newEndHeld(s, side, s.p.pausedEndToldAt?.[side]));
  if (endHeld.length > 0) tellPausedEnd(s, endHeld);
  // Its own key: a change decided in the same instant as the pause is a second announcement, not a
  // duplicate of the first (the outbox publishes each key once).
  s.event(`pause:${s.p.pausedAt}:changed:${s.iso}`, 'PairingPaused', { pairingId: s.p.pairingId, programId: s.p.programId, until });
}

function resume(s: Step, why: 'request' | 'date'): Next | undefined {
  // A pause booked for days that have begun meanwhile: the pairing stays paused until its last day.
  const booked = s.p.pauseBooked;
  if (booked && Date.parse(booked.startsAt) <= s.now.getTime()) {
    s.set({ pauseBooked: undefined });
    // (HR's resume ends it too: the pair is to go on now.)
    if (why === 'date' && Date.parse(booked.endsAt) > s.now.getTime()) {
      changePause(s, bookedRequest(s, booked), true);
      return undefined;
    }
  }
  const pausedAt = Date.parse(s.p.pausedAt ?? s.iso);
  // HR's change of the schedule read in this step (the settings stored are not the program's): the resume takes it.
  const settingsWere = s.p.planSettings;
  const changedNow = settingsWere !== undefined && settingsWere !== planSettings(s.ctx) ? onPlanSettings(s.ctx, settingsWere) : undefined;
  const endToldAt = s.p.pausedEndToldAt;
  const resumed = resumedPatch(s.p, s.now);
  if (nothingLeftAfterPause(s)) {
    // A pause that ran past the last question (its final review answered during the pause): the
    // pairing completes now. A "welcome back, your next check-in is on..." would name a question
    // that never comes, in the same breath as the recognition.
    s.set(resumed);
    s.audit('resumed', { why, nothingLeft: true });
    return complete(s);
  }
  // The series sent again is stored: the resumed emails read it, the people's other pairings avoid it.
  // It is made for the people as they are now, and so is a question kept through the pause not sent yet.
  // With only the end-of-program review left (kept open through the pause), no series: the pairing
  // completes when that review closes, and no email sends an invitation for it (mail.resumed).
  const meetingSlot = s.p.round?.kind === 'final-review' ? { found: false as const } : nextSeries(s.ctx, { ...s.p, ...resumed }, s.iso);
  const pausedBy = s.p.pausedBy;
  replanAsks(s);
  const round = s.p.round && fitCheckPartlyAsked(s.p.round) ? askRestOfFitCheck(s, s.p.round) : s.p.round;
  s.moveTo('active', {
    ...resumed,
    round,
    meetingSlot,
    seriesBasis: meetingSlot.found ? seriesBasis(s.ctx) : undefined,
    planSettings: planSettings(s.ctx),
    peopleBasis: peopleBasis(s.ctx),
  });
  // The end-of-program review kept open through the pause is all that is left: the pairing completes
  // when it closes, as the pause email said (its deadline, or the resume day when that is the same
  // day), with the recognition. A "welcome back" would propose a next session and name that review
  // as still to come. Resumed on its day, the pair knows it already; resumed early by the program
  // team (a request), nobody would know they are back: both are told, with that review's deadline
  // and that the pairing ends when it closes (mail.resumed), as a PAUSE with an earlier day tells them.
  const onlyTheReview = round?.kind === 'final-review';
  s.audit('resumed', { why, ...(onlyTheReview ? { finalReviewOpen: true } : {}) });
  // A reader whose pause email was still held for their working hours is never sent it (it holds
  // only while paused): no "welcome back" either, for a pause they never heard of. Whoever asked
  // for it by reply was told at once.
  const toldOfPause = (side: PersonSide) =>
    side === pausedBy || deliverAt(s.ctx, person(s.ctx, side).timeZone, new Date(pausedAt)).getTime() <= s.now.getTime();
  // The new end HR's change gave the pairing, to whoever has not had it (endStillToTell): in the
  // welcome back, or, for a reader who gets none, in the email of a change to the pair's dates.
  const newEnd = PERSON_SIDES.filter((side) => endStillToTell(s, side, changedNow, endToldAt?.[side]));
  if (newEnd.length > 0) s.audit('end-rescheduled', { sides: newEnd, resumed: true });
  const welcomed = tellOfResume(onlyTheReview, why) ? PERSON_SIDES.filter(toldOfPause) : [];
  for (const side of PERSON_SIDES) {
    const withEnd = newEnd.includes(side);
    if (welcomed.includes(side)) s.emailInHours(mail.resumed(s.ctx, s.p, side, s.iso, withEnd), side, true);
    else if (withEnd) s.emailInHours(mail.datesRescheduled(s.ctx, s.p, side, s.iso, undefined, true), side, true);
  }
  s.event(`resume:${s.iso}`, 'PairingResumed', { pairingId: s.p.pairingId, programId: s.p.programId });
  return undefined;
}

/** Who of the pair HR moved since the pair's dates and series were decided, and the pairing and people as they stood before. */
interface PeopleFollowed {
  readonly moved: readonly PersonMoved[];
  readonly before: Pick<LifecycleContext, 'pairing' | 'mentor' | 'mentee'>;
}

/**
 * HR gave one of the pair another time zone or other weekly hours (the update wakes the pairing,
 * functions/lifecycle/wake.ts): their questions not sent yet go at their send time in the new zone
 * (replanAsks), and the people are kept as they now are (`peopleBasis`), which the series follows
 * (rescheduleSeries). A pairing stored before the people were kept only starts keeping them.
 */
function followPeople(s: Step): PeopleFollowed {
  const stored = s.p.peopleBasis;
  const now = peopleBasis(s.ctx);
  const moved = peopleMoved(stored, now);
  const was = (side: PersonSide) => ({ ...person(s.ctx, side), ...(stored ? { timeZone: stored[side].timeZone } : {}) });
  const before = { pairing: s.p, mentor: was('mentor'), mentee: was('mentee') };
  replanAsks(s);
  if (!stored || moved.length > 0) s.set({ peopleBasis: now });
  return { moved, before };
}

/**
 * The questions of the open round not sent yet to someone HR moved to another time zone since
 * they were planned (their reminder too): at their send time in the new zone, not the old one's
 * (09:00 in London is 04:00 in New York). Each keeps the zone it was planned in, so a second step
 * plans nothing again; the deadline moves to the window after the last send, never earlier than
 * the one stated.
 */
function replanAsks(s: Step): void {
  const round = s.p.round;
  if (!round || round.kind === 'admin-decision') return;
  const { lifecycle } = s.ctx.program;
  let asks = round.asks;
  for (const side of PERSON_SIDES) {
    const ask = asks[side];
    const zone = person(s.ctx, side).timeZone;
    const plannedIn = ask?.timeZone ?? s.p.peopleBasis?.[side].timeZone;
    if (!ask || round.answers[side] || plannedIn === undefined || plannedIn === zone || (ask.sent && (ask.reminded || !ask.remindAt))) continue;
    const sendAt = ask.sent ? ask.sendAt : sendTimeFor(s.ctx, side, new Date(Math.max(Date.parse(round.dueAt), s.now.getTime()))).toISOString();
    // An introduction's reminder (the only asks that have one) follows to the same day after it, in the new zone.
    const remindFrom = new Date(Math.max(addDays(new Date(sendAt), lifecycle.acceptanceReminderDay).getTime(), s.now.getTime()));
    const remindAt = ask.remindAt === undefined ? {} : { remindAt: sendTimeFor(s.ctx, side, remindFrom).toISOString() };
    asks = { ...asks, [side]: { ...ask, sendAt, ...remindAt, timeZone: zone } };
  }
  if (asks === round.asks) return;
  const last = Math.max(...PERSON_SIDES.flatMap((side) => (asks[side] ? [Date.parse(asks[side]!.sendAt)] : [])));
  const window = round.kind === 'acceptance' ? lifecycle.acceptanceWindowDays : lifecycle.checkInAnswerWindowDays;
  const zones = PERSON_SIDES.map((side) => person(s.ctx, side).timeZone);
  const closesAt = deadlineAfter(last, window, zones, s.ctx.program.nonWorkingDays ?? []);
  s.set({ round: { ...round, asks, closesAt: closesAt > round.closesAt ? closesAt : round.closesAt } });
  s.audit('asks-replanned', { round: round.key, sides: PERSON_SIDES.filter((side) => asks[side] !== round.asks[side]) });
}

/**
 * HR changed the cadence, the length, the working hours or the holidays the pair's calendar series
 * was made for (ProgramChanged wakes the pairing), or one person's time zone or weekly hours
 * (`moved`: their update wakes it): both get the series again, matching the new schedule or
 * inside both people's hours as they now are, so their calendars do not keep meetings every four
 * weeks when check-ins come every week, past the program's new end, or at 04:00 for someone who
 * moved to New York. A people's change that leaves the series as it was (sameSeries) sends
 * nothing, nor one for a pair that had no meeting left and has none now. A pair with no series (or
 * introduced before the basis was kept) has no basis and is left as it is.
 */
function rescheduleSeries(s: Step, moved: readonly PersonMoved[]): boolean {
  if (s.p.seriesBasis === undefined) return false;
  const basis = seriesBasis(s.ctx);
  const schedule = s.p.seriesBasis !== basis;
  if (!schedule && moved.length === 0) return false;
  const slot = rescheduledSeries(s.ctx, s.p, s.iso);
  if (!schedule) {
    const was = s.p.meetingSlot;
    const meetingsLeft = was?.found === true && Date.parse(was.until) >= s.now.getTime();
    if (sameSeries(was, slot) || (!meetingsLeft && !slot.found)) {
      s.audit('series-kept', { sides: moved.map((m) => m.side) });
      return false;
    }
  }
  s.set({ seriesBasis: basis, meetingSlot: slot });
  s.audit('series-rescheduled', schedule ? undefined : { sides: moved.map((m) => m.side) });
  for (const side of PERSON_SIDES) s.emailInHours(mail.meetingsRescheduled(s.ctx, s.p, side, s.iso, schedule ? undefined : moved), side, true);
  return true;
}

/**
 * HR changed a setting the pair's next dates follow (ProgramChanged wakes the pairing), or moved
 * one of the pair to another time zone (`people`): each person whose next question it moved
 * (another day, or another kind: a Day 45 review instead of a Day 30 one, none at all) is told how
 * it now stands, so that no date an earlier email named is waited for (QA hrops3: new milestone
 * days broke the "Day 30 review on 1 January" a nudge had named). A pair sent its series again
 * (`seriesSent`) is told in that email. The settings are kept on the pairing (`planSettings`) from
 * its acceptance on; a pairing without them only starts keeping them.
 */
function announceMovedDates(s: Step, seriesSent: boolean, people: PeopleFollowed): void {
  const now = planSettings(s.ctx);
  const was = s.p.planSettings;
  const schedule = was !== now;
  if (!schedule && people.moved.length === 0) return;
  if (schedule) s.set({ planSettings: now });
  const onSettings = !schedule ? s.ctx : was === undefined ? undefined : onPlanSettings(s.ctx, was);
  if (seriesSent || !onSettings) return;
  // As the people were (their zones then) when only they moved; the schedule's dates are told alike.
  const before = people.moved.length > 0 ? { ...onSettings, mentor: people.before.mentor, mentee: people.before.mentee } : onSettings;
  const pairingBefore = people.moved.length > 0 ? people.before.pairing : s.p;
  const moved = PERSON_SIDES.filter((side) => mail.nextQuestionMoved(before, s.ctx, s.p, side, pairingBefore));
  // A schedule change that leaves the next question where it was may still move the end (a pair
  // without a series is told nothing else): that person is told the new end.
  const endOnly = schedule ? PERSON_SIDES.filter((side) => !moved.includes(side) && endMoved(before, s.ctx, s.p, side)) : [];
  if (moved.length > 0) s.audit('dates-rescheduled', { sides: moved });
  if (endOnly.length > 0) s.audit('end-rescheduled', { sides: endOnly });
  const why = schedule ? undefined : people.moved;
  for (const side of PERSON_SIDES) {
    if (moved.includes(side) || endOnly.includes(side)) s.emailInHours(mail.datesRescheduled(s.ctx, s.p, side, s.iso, why, endOnly.includes(side)), side, true);
  }
}

/**
 * HR changed a setting the pair's dates follow while the pairing is paused (ProgramChanged wakes
 * it): each person whose end the resume now brings elsewhere (endMoved, as the pairing resumes on
 * its day) is told the new end once, held for their working hours, so that nobody resumes on a
 * schedule whose end moved unsaid (their next question is named by the resume email, worked out
 * then). The pause keeps its day: a schedule change neither ends nor shortens it. The settings are
 * kept now (`planSettings`), so a later wake or the resume tells nobody again.
 */
function announcePausedEnd(s: Step): void {
  const now = planSettings(s.ctx);
  const was = s.p.planSettings;
  if (was === now) return;
  s.set({ planSettings: now });
  const before = was === undefined ? undefined : onPlanSettings(s.ctx, was);
  if (!before) return;
  // Not again to whoever a new pause day in this step told the end already, on these settings (changePause).
  const sides = PERSON_SIDES.filter((side) => s.p.pausedEndToldAt?.[side] !== s.iso && endMoved(before, s.ctx, s.p, side));
  if (sides.length > 0) tellPausedEnd(s, sides);
}

/**
 * The new end of a paused pairing to `sides` (mail.pausedEndRescheduled), held for their working
 * hours; when each was sent it is kept (`pausedEndToldAt`), for the resume to know whether it went.
 */
function tellPausedEnd(s: Step, sides: readonly PersonSide[]): void {
  s.audit('end-rescheduled', { sides, paused: true });
  s.set({ pausedEndToldAt: { ...s.p.pausedEndToldAt, ...Object.fromEntries(sides.map((side) => [side, s.iso])) } });
  for (const side of sides) s.emailInHours(mail.pausedEndRescheduled(s.ctx, s.p, side, s.iso), side, true);
}

/**
 * Whether the new end sent to `side` while paused (`toldAt`: announcePausedEnd) is still held for
 * their working hours now: a resume or a new pause day in this step drops it (it goes only while
 * the pause keeps its day), even when it is due this very moment (the outbox sends after the step).
 */
function newEndHeld(s: Step, side: PersonSide, toldAt: string | undefined): boolean {
  return toldAt !== undefined && deliverAt(s.ctx, person(s.ctx, side).timeZone, new Date(toldAt)).getTime() >= s.now.getTime();
}

/**
 * Whether `side` is still to hear the new end HR's change gave this paused pairing when it resumes
 * now: the change arrives with the resume, in this very step (`before`: the context on the settings
 * the pair's dates were decided on, and the end the resume now brings differs from theirs:
 * endMoved, on the pairing as resumed), or the email that told it while paused is still held for
 * their working hours (newEndHeld), to be dropped as the outbox finds the pairing running.
 */
function endStillToTell(s: Step, side: PersonSide, before: LifecycleContext | undefined, toldAt: string | undefined): boolean {
  return (before !== undefined && endMoved(before, s.ctx, s.p, side)) || newEndHeld(s, side, toldAt);
}

function nothingLeftAfterPause(s: Step): boolean {
  if (s.p.round || s.p.pendingDecision) return false;
  const after = resumedState(s.p, s.now);
  return !fitCheckDue(after) && upcoming(s.ctx, after).length === 0;
}

/** The members whose PAUSE an end overruled (awayAfterEnd): the day each is back, and whether the program still pairs people then. */
type AwayAfterEnd = Partial<Record<PersonSide, PauseOverruled>>;

/**
 * For each member who asked by reply for a pause that the end acting now overrules (controls.ts,
 * pausesOverruled): the day their pause would have ended (its "until", or two weeks on, as pause()
 * takes one without a date). They said they are away until then, so the end neither offers them
 * a new partner before it nor leaves their PAUSE unanswered (endEarly). The pause the pairing is
 * on, when a member asked for it by reply (pauseUnderWay), counts as their first such request: the
 * end overrules it alike (`underWay`), unless a resume among the requests called it off or their
 * own later PAUSE moved its day. A day already begun where they are is no absence; one after the
 * program's last day for new pairings (`endDate`) means no new partner in it.
 */
function awayAfterEnd(s: Step, requests: readonly ControlRequest[]): AwayAfterEnd {
  const away: AwayAfterEnd = {};
  const endDate = s.ctx.program.endDate;
  const underWay = pauseUnderWay(s);
  for (const request of pausesOverruled([...underWay, ...requests])) {
    const by = askedBy(s, request);
    if (!by) continue;
    const until = pauseDay(s, request, by);
    if (until <= todayFor(s.now, person(s.ctx, by).timeZone)) continue;
    away[by] = {
      until,
      ...(endDate !== undefined && endDate < until ? { matchingEndsOn: endDate } : {}),
      ...(underWay.includes(request) ? { underWay: true } : {}),
    };
  }
  return away;
}

/**
 * The pause the pairing is on, as the request of the member who asked for it by reply (`pausedBy`;
 * a booked one they asked for too): until the day both were told it lasts until (`pausedUntilDay`,
 * two weeks on for a PAUSE without a date, or a date HR moved it to since), or, for a pause that
 * stored only an instant, that instant's day where they are. A pause HR or the admins set names
 * nobody away (pausesOverruled): none.
 */
function pauseUnderWay(s: Step): ControlRequest[] {
  const by = s.p.status === 'paused' ? s.p.pausedBy : undefined;
  if (!by || s.p.pausedUntil === undefined) return [];
  const until = s.p.pausedUntilDay ?? localDate(new Date(s.p.pausedUntil), person(s.ctx, by).timeZone);
  return [{ kind: 'pause', requestedAt: s.p.pausedAt ?? s.iso, participantId: person(s.ctx, by).participantId, until }];
}

/**
 * The plan with each person who is away (awayAfterEnd) not matched before they are back: their
 * standing keeps the day (`availableFrom`, as a NO with a return date does), and they are left out
 * of the rematch asked for now; `later` lists them with their day, for a rematch of their own then.
 */
function backFrom(plan: RematchPlan, away: ReadonlyMap<string, PauseOverruled>): { plan: RematchPlan; later: { participantId: string; until: string }[] } {
  if (away.size === 0) return { plan, later: [] };
  const later = plan.rematchIds.filter((id) => away.has(id)).map((id) => ({ participantId: id, until: away.get(id)!.until }));
  return {
    plan: {
      ...plan,
      people: plan.people.map((p) => (away.has(p.participantId) ? { ...p, standing: { ...p.standing, availableFrom: away.get(p.participantId)!.until } } : p)),
      rematchIds: plan.rematchIds.filter((id) => !away.has(id)),
    },
    later,
  };
}

/** `away`: as awayAfterEnd gives it; by default, for an end no request brought, the pause the pairing is on. */
function endEarly(s: Step, request: ControlRequest, away: AwayAfterEnd = awayAfterEnd(s, [])): Next {
  const left = request.kind === 'left' ? request.participantId : undefined;
  const reason = left
    ? request.reason === 'withdrawn'
      ? 'participant-withdrew'
      : request.reason === 'suppressed'
        ? 'address-suppressed'
        : 'participant-left'
    : endReasonOf(request.reason);
  // Someone whose introduction had not gone out yet is not told of an end (nor sent a calendar cancel) for a pairing they never knew.
  const heard = { mentor: heardOf(s, 'mentor'), mentee: heardOf(s, 'mentee') };
  const idOf = (side: PersonSide) => (side === 'mentor' ? s.p.mentorId : s.p.menteeId);
  const gone = departed(s);
  const staying: PersonSide[] = PERSON_SIDES.filter((side) => idOf(side) !== left && !gone.has(idOf(side)));
  const open = s.p.round;
  // A question those who stay were already sent stays answerable until its deadline (their end email says so).
  const kept = roundKeptAtEnd(open, staying, s.now);
  if (kept) {
    const sides = PERSON_SIDES.filter((side) => kept.asks[side]);
    s.set({ round: kept, keptAfterEnd: { roundKey: kept.key, sides } });
    s.audit('round-kept-open', { round: kept.key, closesAt: kept.closesAt, why: 'ended' });
  } else abandonRound(s);
  // One of the pair closed the introduction before both said YES (STOP, a departure, an address that
  // bounced, END or REMATCH by reply): the pairing never started, and is `not-started` with the
  // end's reason, as after a NO (report, digest); its emails say so already (mail.ts, neverStarted).
  const closedBy = s.p.status === 'introduced' ? (left ?? request.participantId) : undefined;
  s.moveTo(closedBy ? 'not-started' : 'ended', { statusReason: reason, endedAt: s.iso });
  s.audit(closedBy ? 'not-started' : 'ended', { reason });
  const rematch = left !== undefined || REMATCH_BOTH_REASONS.includes(reason);
  // Only those who stay: a PAUSE then a STOP from the same person is their leaving.
  const awayFor = (side: PersonSide) => (staying.includes(side) ? away[side] : undefined);
  for (const side of PERSON_SIDES) {
    const pause = awayFor(side);
    if (pause) s.audit('pause-overruled', { side, until: pause.until });
  }
  // Without a rematch now, whoever stays is back in the pool for the next matching run; with one,
  // each is offered a new partner unless the policy's cap says the admin decides. Someone away
  // until after the program's last day for new pairings is offered nobody: they are back too late.
  const plan = planRematch(
    s.ctx,
    s.p,
    staying.map((side) => ({ side, answer: 'ended' as const, wantsRematch: rematch && awayFor(side)?.matchingEndsOn === undefined })),
    s.now,
  );
  // Without a rematch, whoever never heard of the pairing waits, first in line, and is told so (waitlistedByEnd).
  const waits = waitlistedByEnd(
    { pairingId: s.p.pairingId, rematch, programClosed: programClosed(s.ctx.program, s.now) },
    staying.filter((side) => !heard[side]).map((side) => person(s.ctx, side)),
  );
  const told = new Set<string>();
  for (const side of staying.filter((side) => heard[side])) {
    const outcome = plan.people.find((p) => p.participantId === idOf(side));
    const after = mail.afterEnd(s.ctx, plan.rematched.has(side), outcome?.status, outcome?.placeHeld);
    // A fit check they were asked and had not answered closes with the end: their end email says so.
    const fitClosed = open?.kind === 'fit-check' && open.asks[side]?.sent === true && fitAnswerOf(open, side) === 'no-answer';
    s.emailInHours(mail.ended(s.ctx, s.p, side, reason, left !== undefined, after, fitClosed, awayFor(side)), side);
    // Their end email says they wait on the waitlist (or that the program has closed): that is their
    // waitlist notice, so no second one arrives, and none before the news it follows.
    if (outcome?.waitlistReason) told.add(outcome.participantId);
  }
  // Its reason says how the introduction closed (one of the pair closed it: declined); the end's code
  // stays on the pairing. Nobody is named: a departure may be an erasure, whose person no event keeps.
  if (closedBy) s.event('not-started', 'PairingNotStarted', { pairingId: s.p.pairingId, programId: s.p.programId, reason: 'declined' });
  else s.event('ended', 'PairingEnded', { pairingId: s.p.pairingId, programId: s.p.programId, reason });
  const awayIds = new Map(staying.flatMap((side) => (awayFor(side) ? [[idOf(side), awayFor(side)!] as const] : [])));
  const { plan: planNow, later } = backFrom(toldOfWaitlist(waitlisting(plan, waits), told), awayIds);
  applyPlan(s, planNow, reason);
  // Each one away is looked for a partner from the day they are back, as their end email says: a
  // rematch of their own, once that day has begun where they are and for matching (availableOn, UTC).
  for (const { participantId, until } of later) {
    const zone = person(s.ctx, participantId === s.p.mentorId ? 'mentor' : 'mentee').timeZone;
    s.event(
      `rematch:${participantId}`,
      'RematchRequested',
      { programId: s.p.programId, participantIds: [participantId], previousPairingId: s.p.pairingId, reason },
      pauseEndsAt(until, [zone, 'UTC']).toISOString(),
    );
  }
  s.count('pairingsEnded');
  return { action: 'done', outcome: closedBy ? 'not-started' : 'ended' };
}

/**
 * Who of the pair has left the program by the time this step ends the pairing: a departure among
 * the requests it acts on (both may reply STOP, or HR remove one while the other's STOP waits,
 * before one step runs), or a status that says so (a departure changes the status before its
 * request reaches the pairing). Their own leaving is their news: they are told nothing of this end,
 * not that a partner left, and offered no new partner.
 */
function departed(s: Step): Set<string> {
  const ids = new Set((s.ctx.pairing.controls ?? []).flatMap((c) => (c.kind === 'left' && c.participantId ? [c.participantId] : [])));
  for (const side of PERSON_SIDES) if (!receivesMail(person(s.ctx, side).status)) ids.add(person(s.ctx, side).participantId);
  return ids;
}

/**
 * The round an early end kept for those who stay (ended-round.ts): a meeting reported in time is
 * thanked and counts, a review is stored. Once everyone it was kept for has answered, or at its
 * deadline, it closes: nothing is counted as missed, nothing is asked, and the pairing stays ended.
 */
function endedRoundStep(s: Step): Next | undefined {
  thankAnswers(s);
  const round = s.p.round!;
  if (!roundComplete(round, s.now)) return undefined;
  if (round.kind === 'check-in' && PERSON_SIDES.some((side) => saysMet(round.answers[side]))) closeCheckIn(s, round);
  else if (round.kind !== 'check-in' && PERSON_SIDES.some((side) => round.answers[side])) storeReviews(s, round);
  s.set({ round: undefined });
  s.audit('round-closed', { round: round.key, why: 'ended' });
  return undefined;
}

/**
 * When thanks after an early end may go: never before the reader's end email (held for their
 * working hours), whose count of meetings recorded is from before this one. Undefined: at once.
 */
function afterEndEmail(s: Step, side: PersonSide): string | undefined {
  const endEmail = deliverAt(s.ctx, person(s.ctx, side).timeZone, new Date(s.p.endedAt ?? s.iso)).getTime();
  // A second later: due at the same moment, the thanks would sort (and go) first.
  return endEmail > s.now.getTime() ? new Date(endEmail + 1000).toISOString() : undefined;
}

// ---- Completion ----

function complete(s: Step, endedAt = s.iso): Next {
  const reviews = s.records.filter((r) => r.item.type === 'MilestoneReview');
  s.moveTo('completed', { endedAt, round: undefined });
  for (const side of PERSON_SIDES) {
    for (const e of mail.recognition(s.ctx, s.p, side)) s.emailInHours(e, side);
  }
  const managersTold =
    s.p.checkInsHeld > 0 ? PERSON_SIDES.filter((side) => mail.managerCanBeTold(person(s.ctx, side))).map((side) => person(s.ctx, side).participantId) : [];
  s.records.push({
    sk: PAIRING_KEYS.recognition,
    item: { type: 'Recognition', at: s.iso, checkInsHeld: s.p.checkInsHeld, topics: mail.pairingTopics(s.ctx), managersTold, finalReviews: reviews.length },
  });
  s.audit('completed', { checkInsHeld: s.p.checkInsHeld, managersTold: managersTold.length });
  const ref = { pairingId: s.p.pairingId, programId: s.p.programId };
  s.event('completed', 'PairingCompleted', { ...ref, checkInsHeld: s.p.checkInsHeld });
  // Recognition is for a journey made: a pair that never met completes without it.
  if (s.p.checkInsHeld > 0) s.event('recognised', 'RecognitionAwarded', { ...ref, participantIds: [s.p.mentorId, s.p.menteeId] });
  s.graduate.push(s.p.mentorId, s.p.menteeId);
  s.count('pairingsCompleted');
  return { action: 'done', outcome: 'completed' };
}

// ---- When to wake ----

/** Waits until `at`, but hands over before the execution nears AWS's one-year limit. */
function capped(s: Step, at: number): Next {
  const limit = Date.parse(s.ctx.execution.startedAt) + HAND_OVER_AFTER_DAYS * DAY_MS;
  if (s.now.getTime() >= limit) return { action: 'hand-over', generation: s.ctx.execution.generation + 1 };
  return { action: 'wait', at: new Date(Math.min(at, limit)).toISOString() };
}

/** The earliest moment something is due: a send, a reminder, a deadline, the next item, a resume. */
function nextWake(s: Step): Next {
  const p = s.p;
  const times: number[] = [];
  const round = p.round;
  if (round) {
    times.push(Date.parse(round.closesAt));
    for (const ask of Object.values(round.asks)) {
      if (!ask) continue;
      // A fit check kept whole through a pause sends nothing until the resume.
      if (!ask.sent && p.status !== 'paused') times.push(Date.parse(ask.sendAt));
      if (ask.sent && !ask.reminded && ask.remindAt) times.push(Date.parse(ask.remindAt));
    }
  }
  if (p.status === 'paused' && p.pausedUntil) {
    times.push(pauseEndsNow(s)!);
  } else if (!round && p.status === 'active') {
    const item = upcoming(s.ctx, p)[0];
    if (item) times.push(Math.max(item.dueAt.getTime(), openNotBefore(p)));
  }
  if (p.status === 'active' && p.pauseBooked) times.push(Date.parse(p.pauseBooked.startsAt));
  const concernAt = nextConcernWake(p, s.now);
  if (concernAt !== undefined) times.push(concernAt);
  const future = times.filter((t) => Number.isFinite(t) && t > s.now.getTime());
  // An execution must end before AWS's one-year limit: a successor carries on from the stored state.
  return capped(s, future.length > 0 ? Math.min(...future) : s.now.getTime() + 30 * DAY_MS);
}
