import type { TemplateName } from '../emails';
import type { ProgramContext } from '../emails/types';
import type { PauseAsker, PauseOverruled, PeopleChange, WithoutRematch } from '../emails/control';
import { countOf, formatDate, fullNameOrErased, hasNextQuestion, nextQuestionSentence, partnerFirstName } from '../emails/format';
import { checkInStarters } from '../emails/starters';
import { oneOfAddresses, type Participant } from '../participant';
import { saysMet, type AcceptanceAnswer } from './answers';
import type { EmailIntent, QuestionIntent } from './decision';
import { deliverAt, nextCheckInFor, nextQuestionFor, openNotBefore, sendTimeFor, upcoming, type LifecycleContext } from './context';
import { calendarCancel, calendarUpdate, introductionMeeting, seriesRescheduled, type PersonMoved } from './meeting';
import {
  isTerminal,
  PERSON_SIDES,
  pauseDay,
  type Answer,
  type ControlRequest,
  type EndReason,
  type Pairing,
  type PauseBooking,
  type PersonSide,
  type Round,
  type Side,
} from './model';
import { localDate } from '../schedule';
import { pastRematchCap, programClosed, rematchFactsOf, rematchOutcome, rematchSettingsOf } from '../rematch-policy';
import { programContact } from '../program-contact';
import { askFor, templateExtras } from './goals';
import type { PersonOutcome } from './rematch';
import { firstHeldBringsFitCheck, fitQuestion } from './fit-check';
import { datesBasis, datesMayMove, whileDatesHold } from './held';
import { awayForAdmins, awayInNote, saysNotMet } from './away';
import { pauseBeyondEnd as pauseBound, type PauseBeyondEnd } from './controls';
import { finalReviewOutlasting } from './paused-review';
import { endAsScheduled, onlyReviewAfterPause } from './final-review-day';

/**
 * The emails of the lifecycle as intents: the template, its input (dates as ISO strings) and, for
 * a question, the reply channel to open. Rendering and sending happen in the shell, once per key.
 */

export function pairingTopics(ctx: Pick<LifecycleContext, 'mentor' | 'mentee'>): string[] {
  const forward = ctx.mentee.topicsWanted.filter((t) => ctx.mentor.topicsOffered.includes(t));
  const reverse = ctx.mentor.topicsWanted.filter((t) => ctx.mentee.topicsOffered.includes(t));
  const all = [...forward, ...reverse];
  return all.length ? [...new Set(all)] : [...ctx.mentee.topicsWanted.slice(0, 2)];
}

/**
 * The program as the pair's emails name it: whom to write to is an admin outside the pair; whether
 * it has closed by now, with its end date to work that out again when the email goes (held.ts,
 * withProgramAsItStands); the last day a pause of the pairing may run to, which no PAUSE example in
 * the email goes past (emails/pause-example.ts).
 */
export function programContext(ctx: LifecycleContext): ProgramContext {
  const { endDate, timeZone } = ctx.program;
  // A day no pause may reach: what comes back is the last day one may (controls.ts, pauseBeyondEnd).
  const lastDay = pauseBound('9999-12-31', ctx.program, ctx.pairing)?.lastDay;
  return {
    ...programContact(ctx.program, [ctx.mentor.email, ctx.mentee.email], ctx.now),
    ...(endDate !== undefined ? { closing: { endDate, timeZone } } : {}),
    ...(lastDay !== undefined ? { pauseBound: { lastDay, decidedAt: ctx.now.toISOString() } } : {}),
  };
}

const member = (ctx: LifecycleContext, side: PersonSide): Participant => (side === 'mentor' ? ctx.mentor : ctx.mentee);
const other = (side: PersonSide): PersonSide => (side === 'mentor' ? 'mentee' : 'mentor');

function base(ctx: LifecycleContext, side: PersonSide) {
  const p = member(ctx, side);
  return { to: { name: p.name, timeZone: p.timeZone }, program: programContext(ctx), partner: { name: member(ctx, other(side)).name } };
}

function adminBase(ctx: LifecycleContext) {
  return { to: { timeZone: ctx.program.timeZone }, program: programContext(ctx) };
}

/** What an end with a rematch would do for the pair now, as the admins' emails say it: who is past their cap, whether the program has closed. */
export function rematchFacts(ctx: LifecycleContext) {
  return rematchFactsOf([ctx.mentor, ctx.mentee], ctx.program, ctx.now);
}

/**
 * Why the reader's partner would not be matched again if the reader's silence stops the pairing
 * (the acceptance reminder says so): the program has closed by the deadline, or the partner is past their cap.
 */
function partnerAfterSilence(ctx: LifecycleContext, side: PersonSide, round: Round): { partnerNotRematched?: 'program-closed' | 'capped' } {
  if (programClosed(ctx.program, new Date(round.closesAt))) return { partnerNotRematched: 'program-closed' };
  return pastRematchCap(member(ctx, other(side)), rematchSettingsOf(ctx.program)) ? { partnerNotRematched: 'capped' } : {};
}

/** Admins are staff: they read both people by their full names as stored. */
function people(ctx: LifecycleContext) {
  return { mentor: ctx.mentor.name, mentee: ctx.mentee.name };
}

/**
 * Why the pair was made, in the reader's own voice. A pairing made by hand (POST /local/pairings,
 * or one stored before reasons were written per reader) has only `reasons`: those are shown as given.
 */
export function reasonsForReader(pairing: Pick<Pairing, 'reasons' | 'reasonsFor'>, reader: Side): string[] {
  return pairing.reasonsFor?.[reader] ?? pairing.reasons;
}

function personal(
  ctx: LifecycleContext,
  key: string,
  side: PersonSide,
  template: TemplateName,
  input: Record<string, unknown>,
  question?: QuestionIntent,
): EmailIntent {
  return { key, to: member(ctx, side).email, template, input, ...(question ? { question } : {}) };
}

/** One intent per program admin; each admin's copy is keyed apart. */
/**
 * One email per program admin, except an admin who is a member of this pairing: what admins read
 * about a pairing (a concern about them, a decision on their own pairing, the senior's note) is not
 * for either of its two people.
 */
export function toAdmins(
  ctx: LifecycleContext,
  key: string,
  build: (to: string) => { template: TemplateName; input: Record<string, unknown>; question?: QuestionIntent },
  /** An admin the email is kept from besides the pair (a concern's raiser's partner in another program). */
  keptFrom: (to: string) => boolean = () => false,
): EmailIntent[] {
  const member = oneOfAddresses([ctx.mentor.email, ctx.mentee.email]);
  return ctx.program.admins.flatMap((to, i) => {
    if (member(to) || keptFrom(to)) return [];
    const e = build(to);
    return [
      { key: `${key}:admin-${i + 1}`, to, template: e.template, input: withContactFor(ctx, to, e.input), ...(e.question ? { question: e.question } : {}) },
    ];
  });
}

/**
 * The program team as an admin's email names it: another admin, never the reader (as the weekly
 * digest does, admin-digest.ts), nor one of this pair. With no such admin (the reader is the
 * program's only admin outside the pair), the footer names nobody to ask (`inPair`, footer.ts):
 * neither the reader themselves nor a member of the pair (QA hrfirst5).
 */
function withContactFor(ctx: LifecycleContext, reader: string, input: Record<string, unknown>): Record<string, unknown> {
  const program = input.program as ProgramContext | undefined;
  if (!program) return input;
  const other = programContact(ctx.program, [ctx.mentor.email, ctx.mentee.email, reader], ctx.now).admin;
  return { ...input, program: { ...program, admin: other.inPair ? { ...program.admin, inPair: true } : other } };
}

/**
 * The question in words with the people's names, stored with the question: the answer page, a
 * clarification and "that question has closed" then say which pairing it is about. An admin reads
 * both people by full name; a participant their partner by first name.
 */
function wordingFor(ctx: LifecycleContext, pairing: Pairing, round: Round, side: Side): Record<string, string> {
  if (side === 'admin') {
    const pair = `${fullNameOrErased(ctx.mentor.name)} (mentor) and ${fullNameOrErased(ctx.mentee.name)} (mentee)`;
    return {
      prompt: `The pairing of ${pair} has missed ${countOf(pairing.missedInRow, 'check-in')} in a row. What should happen to it?`,
      topic: `the decision about the pairing of ${pair}`,
    };
  }
  const partner = partnerFirstName(member(ctx, other(side)).name);
  if (round.kind === 'acceptance') {
    return { prompt: `Will you take part in your pairing with ${partner}?`, topic: `whether you would take part in your pairing with ${partner}` };
  }
  if (round.kind === 'check-in') {
    // The day the email asks about, as it names it in the reader's zone (never "the last check-in" before the first one).
    const since = formatDate(checkInSince(pairing, side), member(ctx, side).timeZone);
    return {
      prompt: `Did you meet ${partner} since ${since}? If you did, how did it go from 1 to 5?`,
      topic: `the check-in about your meetings with ${partner} since ${since}`,
    };
  }
  // "the end of program review of your pairing with Sam": the label opens a sentence elsewhere, not
  // here; "Day 30 review" keeps its capital, as the name of a day.
  const review = /^\p{Lu}\p{Ll}+(?!\s+\d)(?=\s|$)/u.test(round.label) ? round.label.charAt(0).toLowerCase() + round.label.slice(1) : round.label;
  return {
    prompt: `How much progress have you made in your pairing with ${partner} (1 to 5), and how likely are you to recommend the program (0 to 10)?`,
    topic: `the ${review} of your pairing with ${partner}`,
  };
}

/**
 * The day a check-in asks about meetings since: when the reader's last check-in was asked, not when
 * it closed (a meeting held between the question and its deadline is asked about too, and "since"
 * is never this morning). Each reader's own last question: in another time zone or after a holiday
 * of theirs it went out on another day than their partner's. Before any, the pairing's start.
 */
function checkInSince(pairing: Pairing, side: PersonSide): string {
  return (
    pairing.lastCheckInAskedOf?.[side] ?? pairing.lastCheckInAskedAt ?? pairing.lastCheckInAt ?? pairing.acceptedAt ?? pairing.startedAt ?? pairing.createdAt
  );
}

/** The question email of a round for `side` (its first ask or the reminder), with its reply channel. */
export function question(ctx: LifecycleContext, pairing: Pairing, round: Round, side: Side, which: 'ask' | 'remind'): EmailIntent[] {
  const key = `${round.key}:${which}:${side}`;
  if (side === 'admin') {
    const q: QuestionIntent = {
      purpose: 'admin-decision',
      roundKey: round.key,
      side,
      closesAt: round.closesAt,
      choices: ['continue', 'pause', 'end', 'rematch'],
      context: wordingFor(ctx, pairing, round, side),
    };
    return toAdmins(ctx, key, () => ({
      template: 'adminDecisionRequest',
      input: {
        ...adminBase(ctx),
        pairingId: pairing.pairingId,
        people: people(ctx),
        missedCount: pairing.missedInRow,
        answerBy: round.closesAt,
        ...rematchFacts(ctx),
        // Time away one of them told of in a check-in answer: the days, never the note's words.
        ...awayForAdmins(pairing),
        ...(pairing.lastDecision ? { earlierDecision: pairing.lastDecision } : {}),
        // Nothing went to the pair before the decision: the program's ladder starts with it.
        ...(ctx.program.lifecycle.escalation.nudgeAfter >= ctx.program.lifecycle.escalation.adminDecisionAfter ? { unnudged: true } : {}),
      },
      question: q,
    }));
  }
  const p = member(ctx, side);
  const partner = member(ctx, other(side));
  const common = { ...base(ctx, side), answerBy: round.closesAt };
  const following = nextCheckInFor(ctx, afterRound(pairing, round), side);
  // Goals, a number per topic, review answers: what the reply may carry beyond its ordinary answer (goals.ts).
  const ask = askFor(ctx, pairing, round, side);
  // With the time paused so far: a pause after this question moves `nextQuestionAt` (answers.ts, nextAfterClosed).
  const context = {
    ...wordingFor(ctx, pairing, round, side),
    ...(following ? { nextQuestionAt: following, pausedMsAtAsk: pairing.pausedMs ?? 0 } : {}),
    ...(ask ? { ask } : {}),
  };
  const extras = templateExtras(ctx, pairing, round, side);
  switch (round.kind) {
    case 'acceptance': {
      const q: QuestionIntent = {
        purpose: 'acceptance',
        roundKey: round.key,
        side,
        closesAt: round.closesAt,
        choices: ['yes', 'no'],
        participantId: p.participantId,
        // No next date: a pairing that does not start has no next question.
        context: { ...wordingFor(ctx, pairing, round, side), ...(ask ? { ask } : {}) },
      };
      if (which === 'remind') return [personal(ctx, key, side, 'acceptanceReminder', { ...common, ...partnerAfterSilence(ctx, side, round) }, q)];
      return [
        personal(
          ctx,
          key,
          side,
          'introduction',
          {
            ...common,
            role: side,
            partner: { name: partner.name, role: other(side), goals: partner.goals, topicsOffered: partner.topicsOffered, topicsWanted: partner.topicsWanted },
            reasons: reasonsForReader(pairing, side),
            topics: pairingTopics(ctx),
            catalogue: ctx.program.topics,
            ...introductionMeeting(ctx, pairing, round, side),
            ...extras,
          },
          q,
        ),
      ];
    }
    case 'check-in': {
      const q: QuestionIntent = {
        purpose: 'check-in',
        roundKey: round.key,
        side,
        closesAt: round.closesAt,
        choices: ['yes', 'no', '1', '2', '3', '4', '5'],
        participantId: p.participantId,
        context,
      };
      return [
        personal(
          ctx,
          key,
          side,
          'checkInRequest',
          {
            ...common,
            since: checkInSince(pairing, side),
            role: side,
            starters: checkInStarters(pairingTopics(ctx), Number(round.key.replace(/\D/g, '')) || 1),
            ...extras,
          },
          q,
        ),
      ];
    }
    case 'fit-check':
      return [fitQuestion(ctx, round, side, which)];
    default: {
      const q: QuestionIntent = {
        purpose: 'milestone',
        roundKey: round.key,
        side,
        closesAt: round.closesAt,
        choices: ['review'],
        participantId: p.participantId,
        context: { label: round.label, ...context },
      };
      return [
        personal(
          ctx,
          key,
          side,
          'milestoneSurvey',
          { ...common, role: side, milestone: round.label, goals: p.goals, topics: pairingTopics(ctx), catalogue: ctx.program.topics, ...extras },
          q,
        ),
      ];
    }
  }
}

export function thanks(ctx: LifecycleContext, pairing: Pairing, round: Round, side: PersonSide, checkInsHeld: number, answer: Answer): EmailIntent {
  // Answered while the pairing is paused: no date can be promised before the pause ends.
  const paused = pairing.status === 'paused' && pairing.pausedUntil ? { pausedUntil: pauseDay(pairing.pausedUntil) } : undefined;
  // Answered on a question an early end kept open: nothing comes next in this pairing.
  const ended = isTerminal(pairing.status) ? { ended: true } : undefined;
  const email = personal(ctx, `${round.key}:thanks:${side}`, side, 'checkInThanks', {
    ...base(ctx, side),
    checkInsHeld,
    // Thanked means met: the first check-in held brings the fit check as it closes (fit-check.ts).
    ...(ended ?? paused ?? nextQuestionFor(ctx, afterRound(pairing, round), side, round.kind === 'check-in' && firstHeldBringsFitCheck(pairing))),
    ...(answer.rating !== undefined ? { rating: answer.rating } : {}),
    ...awayNoted(ctx, pairing, side, answer),
    ...(answer.attachmentsNotKept ? { attachmentsNotKept: true } : {}),
  });
  // A pause or an end decided in the same step (a request met a round that had run its course) moves the date it names.
  return whileDatesHold(ctx, pairing, email);
}

/**
 * An answer whose note says the writer will be away ("YES 4 ... I'm off from 21 Dec, back 11 Jan")
 * pauses nothing: their thanks gives the PAUSE line that would, unless the pairing is already
 * paused, has a pause booked, or has ended (QA journey3: they believed HR now knew).
 */
function awayNoted(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, answer: Answer): { awayPause?: string } {
  if (pairing.status !== 'active' || pairing.pauseBooked) return {};
  const line = awayPauseFor(ctx, ctx.pairing, side, answer);
  return line ? { awayPause: line } : {};
}

/**
 * The PAUSE line that would cover the time away an answer's note tells of, never a line `pairing`
 * would refuse as after its end (controls.ts, pauseBeyondEnd); undefined when it tells of no time
 * away still to come. Also for one whose YES to the introduction said they will be away ("YES, but
 * I'm on leave until 10 March"), read as the pairing starts (`pairing` already active, so the bound
 * is its planned end): nothing could be paused before both accepted (controls.ts, pauseBeforeStart).
 */
export function awayPauseFor(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, answer: Answer | undefined): string | undefined {
  if (!answer?.note) return undefined;
  const lastDay = pauseBound('9999-12-31', ctx.program, pairing)?.lastDay;
  return awayInNote(answer.note, ctx.now, member(ctx, side).timeZone, lastDay)?.line;
}

/**
 * "Your pairing with Sam has started", with that PAUSE line, to one who gets no goals confirmed
 * then (goals.ts, onAccepted). Held for working hours, it goes only while the pairing runs with no
 * pause booked: after a PAUSE, or once paused or ended, the line is no news.
 */
export function startedWhileAway(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, awayPause: string): EmailIntent {
  const email = personal(ctx, `started:${side}`, side, 'pairingStarted', { ...base(ctx, side), ...nextQuestionFor(ctx, pairing, side), awayPause });
  return { ...whileDatesHold(ctx, pairing, email), sendWhile: ['active'], sendWhileBooked: '' };
}

/**
 * A NO whose note says the writer will be away ("NO, I'm on holiday until 29 December") is
 * answered as a YES with such a note is: their note pauses nothing, and their thanks gives the
 * PAUSE line that would (QA quiet4: a plain NO asks for no answer, and this one got none, then the
 * nudge and the senior's note while away). Undefined for any other answer, and when the pairing is
 * paused, has a pause booked or has ended (awayNoted).
 */
export function awayAcknowledged(ctx: LifecycleContext, pairing: Pairing, round: Round, side: PersonSide, answer: Answer): EmailIntent | undefined {
  if (round.kind !== 'check-in' || !saysNotMet(answer)) return undefined;
  const away = awayNoted(ctx, pairing, side, answer);
  if (!away.awayPause) return undefined;
  // The pairing's first held check-in brings the fit check as it closes: held by the partner's
  // answer, that comes next; while the partner may still say they met, no next date is named.
  const partner = round.answers[other(side)];
  const fitCheckFirst = round.kind === 'check-in' && firstHeldBringsFitCheck(pairing);
  const undecided = fitCheckFirst && !saysMet(partner) && !saysNotMet(partner);
  const email = personal(ctx, `${round.key}:thanks:${side}`, side, 'checkInThanks', {
    ...base(ctx, side),
    checkInsHeld: pairing.checkInsHeld,
    notMet: true,
    ...(undecided ? {} : nextQuestionFor(ctx, afterRound(pairing, round), side, fitCheckFirst && saysMet(partner))),
    ...away,
    ...(answer.attachmentsNotKept ? { attachmentsNotKept: true } : {}),
  });
  return whileDatesHold(ctx, pairing, email);
}

export function nudge(ctx: LifecycleContext, pairing: Pairing, round: Round, side: PersonSide): EmailIntent {
  const next = nextQuestionFor(ctx, pairing, side);
  const checkInLeft = upcoming(ctx, pairing).some((i) => i.kind === 'check-in');
  const review = finalReviewWhenRead(ctx, pairing, side, next);
  const email = personal(ctx, `${round.key}:nudge:${side}`, side, 'missedCheckInNudge', {
    ...base(ctx, side),
    ...next,
    // A meeting the closed check-in missed is reported on the next one, while one is to come (docs/lifecycle.md).
    ...(checkInLeft ? { checkInLeft: true } : {}),
    ...(review === 'ahead' ? {} : { finalReviewArrives: review }),
  });
  // Held for working hours: not sent naming a next check-in, or the end-of-program review's day, that a pause, an end or HR's change of the schedule has moved by then.
  return whileDatesHold(ctx, pairing, email, { namesFinalReviewDay: true });
}

/**
 * Where the end-of-program review stands for `side` when an email of the ladder decided now (the
 * nudge, the senior's note) reaches them: `ahead` while a check-in or another question comes before
 * it (as the templates tell it), else as finalReviewAsNudged says.
 */
function finalReviewWhenRead(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, next: ReturnType<typeof nextQuestionFor>): 'ahead' | 'today' | 'sent' {
  if (hasNextQuestion(next) || upcoming(ctx, pairing).some((i) => i.kind === 'check-in')) return 'ahead';
  const { timeZone } = member(ctx, side);
  // It goes as decide.ts holds it (emailInHours, from now): in the reader's working hours.
  return finalReviewAsNudged(next.finalReviewNextOn, finalReviewAsked(pairing), deliverAt(ctx, timeZone, ctx.now), timeZone);
}

/**
 * Where the end-of-program review stands for a reader when their nudge or senior's note after the
 * last check-in reaches them (`goesAt`): `ahead` on a later day, so meeting once more before it is
 * still possible; `today` later on the email's own day in their zone, or at the same moment (the
 * review asked as the last check-in closed, both held for the same working morning); `sent` before
 * the email, or asked already. Only `ahead` lets the nudge say "meet once more before it" and the
 * note say it "comes next" (QA: the nudge and the review arrived together). No day known and not
 * asked: `ahead`, as before.
 */
export function finalReviewAsNudged(reviewAt: string | undefined, asked: boolean, goesAt: Date, timeZone: string): 'ahead' | 'today' | 'sent' {
  if (asked) return 'sent';
  if (reviewAt === undefined) return 'ahead';
  const at = new Date(reviewAt);
  if (at.getTime() < goesAt.getTime()) return 'sent';
  return localDate(at, timeZone) === localDate(goesAt, timeZone) ? 'today' : 'ahead';
}

/** The end review's round is open, or has been asked (the plan no longer holds it: context.ts, upcoming). */
function finalReviewAsked(pairing: Pairing): boolean {
  return pairing.round?.kind === 'final-review' || pairing.finalReviewAskedAt !== undefined;
}

export function seniorNote(ctx: LifecycleContext, pairing: Pairing, round: Round, missedInRow: number): EmailIntent {
  const next = nextQuestionFor(ctx, pairing, 'mentee');
  const review = finalReviewWhenRead(ctx, pairing, 'mentee', next);
  // Held for working hours: as the nudge, not sent naming a date that has moved by then.
  const email = personal(ctx, `${round.key}:senior-note`, 'mentee', 'seniorCommitmentNote', {
    ...base(ctx, 'mentee'),
    missedCount: missedInRow,
    ...next,
    // Nothing else planned: the note still says what comes, as the last check-in's thanks does; never "next" of a review out by the time it is read.
    ...(review !== 'ahead'
      ? { finalReviewArrives: review }
      : next.nextCheckIn === undefined && upcoming(ctx, pairing).some((i) => i.kind === 'final-review')
        ? { finalReviewNext: true }
        : {}),
    ...(adminOutsidePair(ctx) ? {} : { noAdminOutsidePair: true }),
  });
  // "Comes today" or "has come" holds only while the review's day does (a pause before the note goes moves it).
  return whileDatesHold(ctx, pairing, email, { namesFinalReviewDay: review !== 'ahead' });
}

/** Some program admin is not one of the pair: toAdmins has someone to write to (QA quiet3). */
export function adminOutsidePair(ctx: Pick<LifecycleContext, 'program' | 'mentor' | 'mentee'>): boolean {
  const member = oneOfAddresses([ctx.mentor.email, ctx.mentee.email]);
  return ctx.program.admins.some((a) => !member(a));
}

/**
 * The program's ladder puts the nudge and the senior's note at the same miss: the mentor, who
 * missed too, has the nudge with it (the mentee has the firmer note instead), never nothing.
 */
export function nudgeWithSeniorNote(ctx: Pick<LifecycleContext, 'program'>): boolean {
  const { nudgeAfter, seniorNoteAfter } = ctx.program.lifecycle.escalation;
  return nudgeAfter >= seniorNoteAfter;
}

export function adminEscalation(ctx: LifecycleContext, pairing: Pairing, missedInRow: number) {
  return {
    template: 'adminEscalation' as const,
    input: {
      ...adminBase(ctx),
      pairingId: pairing.pairingId,
      people: people(ctx),
      missedCount: missedInRow,
      ...(pairing.lastMetAt ? { lastMetOn: pairing.lastMetAt } : {}),
      ...awayForAdmins(pairing),
      ...(pairing.lastDecision ? { earlierDecision: pairing.lastDecision } : {}),
      ...whatComesAfterEscalation(ctx, pairing, missedInRow),
      ...(nudgeWithSeniorNote(ctx) ? { nudged: 'mentor' as const } : {}),
    },
  };
}

/**
 * What the escalation may promise: the decision request comes only if enough check-ins are left to
 * be missed (milestone reviews do not count, decide.ts closeCheckIn); otherwise the pair runs on to
 * its end-of-program review, and the admins are told that instead.
 */
function whatComesAfterEscalation(ctx: LifecycleContext, pairing: Pairing, missedInRow: number) {
  const toDecision = Math.max(1, ctx.program.lifecycle.escalation.adminDecisionAfter - missedInRow);
  const left = upcoming(ctx, pairing);
  const checkInsLeft = left.filter((i) => i.kind === 'check-in').length;
  if (checkInsLeft >= toDecision) return { decisionAfterMissed: toDecision };
  const finalReview = left.find((i) => i.kind === 'final-review');
  if (!finalReview) return { checkInsLeft };
  // The day the review reaches the first of the pair, as their emails name it: at their send time,
  // on a working day, never before the round before it closes (nextQuestionFor); not its plan day.
  const asked = new Date(Math.max(finalReview.dueAt.getTime(), ctx.now.getTime(), openNotBefore(pairing)));
  const sent = Math.min(...PERSON_SIDES.map((side) => sendTimeFor(ctx, side, asked).getTime()));
  return { checkInsLeft, finalReviewOn: new Date(sent).toISOString() };
}

export function adminNotStarted(ctx: LifecycleContext, pairing: Pairing, state: Record<PersonSide, AcceptanceAnswer>, answers: Round['answers']) {
  const row = (side: PersonSide) => ({
    participantId: side === 'mentor' ? pairing.mentorId : pairing.menteeId,
    name: member(ctx, side).name,
    role: side,
    answer: state[side],
    ...(state[side] === 'declined' && answers[side]?.note ? { reason: answers[side]!.note } : {}),
  });
  return {
    template: 'adminPairingNotStarted' as const,
    input: { ...adminBase(ctx), pairingId: pairing.pairingId, participants: [row('mentor'), row('mentee')], ...rematchFacts(ctx) },
  };
}

/**
 * To whoever did not decline a pairing that will not start; `after` as for an end (`afterEnd`): a new
 * partner is looked for only while the program still matches people, and past the rematch cap this
 * email is their waitlist notice.
 */
export function partnerDidNotStart(ctx: LifecycleContext, side: PersonSide, after: AfterEnd = 'new-partner', answered = true): EmailIntent {
  return personal(ctx, `not-started:${side}`, side, 'pairingNotStarted', {
    ...base(ctx, side),
    ...calendarCancel(ctx, ctx.pairing, ctx.now.toISOString()),
    ...(after === 'new-partner' ? {} : { rematchRequested: false, otherwise: after }),
    ...(answered ? {} : { answered }),
  });
}

/** Who asked for a pause, as `side` reads it: `by` is whoever asked by reply, none for HR and the admins. */
function pauseAsker(side: PersonSide, by: PersonSide | undefined): PauseAsker {
  if (by === undefined) return 'team';
  return by === side ? 'reader' : 'partner';
}

/**
 * The pause email; `changedAt` when a pause already under way gets a new date (a second PAUSE with
 * a date): the same words with the new date, and no calendar cancel (the series was cancelled).
 * `by`: who asked by reply for this pause or this date (none: HR or the admins).
 */
export function paused(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, until: string, by: PersonSide | undefined, changedAt?: string): EmailIntent {
  // A question already asked stays open through the pause (decide.ts, keepAskedRound).
  const open = pairing.round?.asks[side]?.sent && !pairing.round.answers[side] ? { openQuestionUntil: pairing.round.closesAt } : {};
  const email = namingOpenQuestion(
    pairing,
    side,
    personal(ctx, `pause:${pairing.pausedAt}:${changedAt ? `changed:${changedAt}:` : ''}${side}`, side, 'pairingPaused', {
      ...base(ctx, side),
      resumeOn: pauseDay(until),
      askedBy: pauseAsker(side, by),
      ...open,
      // A pause under way moves every date to come by its length: each item left comes after it.
      ...afterPauseOf(ctx, pairing, Number.NEGATIVE_INFINITY),
      ...reviewOutlasting(pairing, until),
      ...(changedAt ? {} : calendarCancel(ctx, pairing, pairing.pausedAt ?? ctx.now.toISOString())),
    }),
  );
  // Held for working hours: not sent if the pair has resumed (or ended) by then, or if a second
  // PAUSE has moved the date (its own email, with the new date, goes instead).
  return { ...email, sendWhile: ['paused'], sendWhilePausedUntil: until };
}

/**
 * A pause booked for a later day: its days, and the next question until then (its date moved past
 * the pause when it falls in it). Held for working hours, it goes only while that booking stands (a
 * new one, its cancellation or its start drops it).
 */
export function pauseBooked(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, booking: PauseBooking): EmailIntent {
  const email = personal(ctx, `pause-booked:${booking.requestedAt}:${booking.fromDay}:${booking.untilDay}:${side}`, side, 'pairingPaused', {
    ...base(ctx, side),
    startsOn: booking.fromDay,
    resumeOn: booking.untilDay,
    askedBy: pauseAsker(side, booking.by),
    // Items from the booked day on move past the pause (bookedShift); those before it come first.
    ...afterPauseOf(ctx, pairing, Date.parse(booking.fromDay)),
    // A round open now is not the next question: the one after it is.
    ...afterOpenRound(ctx, pairing, side),
  });
  // Goes while that booking stands (not dropped by HR's change of the schedule: its dates are then left out).
  return datesMayMove(ctx, pairing, { ...email, sendWhile: ['active', 'paused'], sendWhileBooked: datesBasis(ctx, pairing).booked ?? '' });
}

/**
 * What the pause email says comes after it, when no check-in or milestone review is left from the
 * resume on: only the end-of-program review, or the end itself (the final review already asked).
 */
function afterPauseOf(ctx: LifecycleContext, pairing: Pairing, fromMs: number): { afterPause?: 'final-review' | 'end' } {
  // The round open now stays open through the pause: it is asked already, not to come.
  const left = upcoming(ctx, pairing).filter((i) => !(pairing.round && i.kind === pairing.round.kind && i.label === pairing.round.label));
  if (left.some((i) => (i.kind === 'check-in' || i.kind === 'milestone') && i.dueAt.getTime() >= fromMs)) return {};
  return { afterPause: left.some((i) => i.kind === 'final-review') ? 'final-review' : 'end' };
}

/**
 * The end-of-program review kept open through the pause, still open when it ends (`until`): the
 * pairing comes to its end when that review closes, and the pause email names its deadline instead
 * of the resume day (paused-review.ts).
 */
function reviewOutlasting(pairing: Pairing, until: string): { finalReviewOpenUntil?: string } {
  const closesAt = finalReviewOutlasting(pairing.round, until);
  return closesAt === undefined ? {} : { finalReviewOpenUntil: closesAt };
}

/** A pause asked for days after the pairing's end: nothing is booked, and the asker is told why. */
export function pauseAfterEnd(ctx: LifecycleContext, side: PersonSide, request: ControlRequest, endsOn: string): EmailIntent {
  return personal(ctx, `pause-after-end:${request.requestedAt}:${side}`, side, 'pairingPaused', {
    ...base(ctx, side),
    startsOn: request.from!,
    resumeOn: request.until!,
    programEndsOn: endsOn,
  });
}

/**
 * A reply's pause until a day after the program's end (or the pairing's, when later): nothing
 * paused or changed, and the asker is told the last day a pause may run to. A pairing paused
 * already stays paused until the day it had.
 */
export function pauseBeyondEnd(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, request: ControlRequest, beyond: PauseBeyondEnd): EmailIntent {
  return personal(ctx, `pause-past-end:${request.requestedAt}:${side}`, side, 'pairingPaused', {
    ...base(ctx, side),
    resumeOn: request.until!,
    pastEnd: {
      lastDay: beyond.lastDay,
      ...(beyond.pairingEndsLater ? { pairingEnds: true } : {}),
      ...(pairing.status === 'paused' && pairing.pausedUntil ? { stillPausedUntil: pauseDay(pairing.pausedUntil) } : {}),
    },
  });
}

/** HR cancelled a booked pause: the pair goes on as usual, with the next question's date as it now stands. */
export function pauseBookingCancelled(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, booking: PauseBooking, at: string): EmailIntent {
  const email = personal(ctx, `pause-cancelled:${at}:${side}`, side, 'pairingResumed', {
    ...base(ctx, side),
    cancelledPause: { from: booking.fromDay, until: booking.untilDay },
    ...afterOpenRound(ctx, pairing, side),
  });
  return datesMayMove(ctx, pairing, { ...email, sendWhile: ['active'] });
}

/**
 * What comes after a round kept open through a pause. The pairing's first check-in, once held,
 * brings the fit check as it closes: when one of the pair said they met, that comes next; while
 * nobody has said so yet, no question or date is named (it depends on their answers), only that
 * the open check-in comes first.
 */
function afterOpenRound(ctx: LifecycleContext, pairing: Pairing, side: PersonSide) {
  const round = pairing.round;
  if (!round) return nextQuestionFor(ctx, pairing, side);
  // A fit check the pause caught before it reached this reader: it is their next question.
  if (round.kind === 'fit-check' && !round.asks[side]?.sent) return nextQuestionFor(ctx, pairing, side, true);
  // Their own question of the round open now has not gone out yet (it waits for their send time): it is their next.
  const ownAsk = round.asks[side];
  if ((round.kind === 'check-in' || round.kind === 'milestone') && ownAsk && !ownAsk.sent)
    return { nextCheckIn: ownAsk.sendAt, ...(round.kind === 'milestone' ? { nextReview: round.label } : {}) };
  if (round.kind === 'check-in' && firstHeldBringsFitCheck(pairing)) {
    return PERSON_SIDES.some((s) => saysMet(round.answers[s])) ? nextQuestionFor(ctx, pairing, side, true) : { openCheckIn: true };
  }
  return nextQuestionFor(ctx, afterRound(pairing, round), side);
}

/**
 * The "has resumed" email. `newEnd`: HR's change of the schedule during the pause moved the end, and
 * this reader has not been told it (decide.ts, resume): the welcome back names the new end, the
 * day its end-of-program review comes (endAsScheduled), as the email of the change would have.
 */
export function resumed(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, at: string, newEnd = false): EmailIntent {
  // Resumed early with only the end-of-program review open (decide.ts, resume): told they are back,
  // that review's deadline and that the pairing ends when it closes; no next session or question.
  const review = pairing.round?.kind === 'final-review' ? pairing.round : undefined;
  if (review) {
    const open = review.asks[side]?.sent && !review.answers[side] ? { reviewUnanswered: true } : {};
    const email = personal(ctx, `resume:${at}:${side}`, side, 'pairingResumed', { ...base(ctx, side), finalReviewOpenUntil: review.closesAt, ...open });
    return { ...email, sendWhile: ['active'] };
  }
  const email = personal(ctx, `resume:${at}:${side}`, side, 'pairingResumed', {
    ...base(ctx, side),
    // The admins are asked again first (a decision the pause closed): the next question waits for
    // their answer, or the end of its window, so no date is named (decide.ts, activeStep).
    // A round kept open through the pause is not the next question: the one after it is.
    ...(pairing.pendingDecision && !pairing.round ? { afterDecision: true } : afterOpenRound(ctx, pairing, side)),
    ...(newEnd ? endMovedInPause(ctx, pairing, side) : {}),
    ...calendarUpdate(ctx, pairing, at),
  });
  // Held for working hours: not sent if the pair has paused again (or ended) by then; the next
  // question's date is left out if HR has changed the schedule meanwhile (held.ts).
  return datesMayMove(ctx, pairing, { ...email, sendWhile: ['active'] });
}

/** The new end a welcome back names (resumed, `newEnd`): the day of the end-of-program review, when the plan gives one. */
function endMovedInPause(ctx: LifecycleContext, pairing: Pairing, side: PersonSide): { pairingEndsOn?: string; endMovedInPause?: true } {
  const end = endAsScheduled(ctx, pairing, side);
  return end.pairingEndsOn === undefined ? {} : { ...end, endMovedInPause: true };
}

/**
 * Whether HR's change of a setting the next dates follow (`before`: the context on the settings
 * before it) moved `side`'s next question: it is not what an email would have named before (its
 * day in the reader's zone, or what it is: a check-in, a review, none before the final review).
 */
export function nextQuestionMoved(before: LifecycleContext, ctx: LifecycleContext, pairing: Pairing, side: PersonSide, pairingBefore = pairing): boolean {
  // What they were told was dated in their zone then (`before`: HR may have moved them since).
  const told = nextQuestionSentence(afterOpenRound(before, pairingBefore, side), member(before, side).timeZone);
  return told !== nextQuestionSentence(afterOpenRound(ctx, pairing, side), member(ctx, side).timeZone);
}

/**
 * What of the pair changed, as `side` reads it (emails/control.ts, PeopleChange): their own zone or
 * hours, the partner's zone (which they see already) or only that the partner's hours changed.
 * Nothing when the change was the program's schedule (`moved` absent or empty).
 */
function peopleChange(ctx: LifecycleContext, side: PersonSide, at: string, moved: readonly PersonMoved[] = []): { change?: PeopleChange } {
  if (moved.length === 0) return {};
  const flags = (m: PersonMoved | undefined) => (m ? { ...(m.timeZone ? { timeZone: true } : {}), ...(m.hours ? { hours: true } : {}) } : undefined);
  const yours = flags(moved.find((m) => m.side === side));
  const theirs = moved.find((m) => m.side === other(side));
  const partners = theirs && { ...(theirs.timeZone ? { timeZone: member(ctx, other(side)).timeZone } : {}), ...(theirs.hours ? { hours: true } : {}) };
  return { change: { on: at, ...(yours ? { yours } : {}), ...(partners ? { partners } : {}) } };
}

/**
 * HR's change moved the next question (nextQuestionMoved) of a pair whose calendar series it left
 * as it was (meetingsRescheduled says it otherwise): the question as it now stands, so that no date
 * named before is waited for. Or, `onlyEndMoved`, it moved the pairing's end alone (endMoved: a
 * pair without a series, whose next question stays): the new end, with that question. Held for
 * working hours, with its date left out if HR changes the schedule again before it goes (held.ts).
 */
export function datesRescheduled(
  ctx: LifecycleContext,
  pairing: Pairing,
  side: PersonSide,
  at: string,
  moved?: readonly PersonMoved[],
  onlyEndMoved = false,
): EmailIntent {
  const email = personal(ctx, `dates:${at}:${side}`, side, 'datesRescheduled', {
    ...base(ctx, side),
    ...afterOpenRound(ctx, pairing, side),
    ...endAsScheduled(ctx, pairing, side, moved),
    ...peopleChange(ctx, side, at, moved),
    ...(onlyEndMoved ? { onlyEndMoved: true } : {}),
  });
  return datesMayMove(ctx, pairing, { ...email, sendWhile: ['active'] });
}

/**
 * HR's change of the schedule moved the end of a paused pairing (decide.ts, announcePausedEnd): the
 * day the pause ends, unchanged, and the new end, the day its end-of-program review comes once it
 * has resumed (endAsScheduled); that only that review is left after the pause, when so. Held for
 * working hours, it goes only while that pause stands, its date left out if HR changes the schedule
 * again before it goes (held.ts). The next question is named by the resume email, worked out then.
 */
export function pausedEndRescheduled(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, at: string): EmailIntent {
  const until = pairing.pausedUntil ?? at;
  const email = personal(ctx, `dates:${at}:${side}`, side, 'datesRescheduled', {
    ...base(ctx, side),
    ...endAsScheduled(ctx, pairing, side),
    onlyEndMoved: true,
    pausedUntil: pauseDay(until),
    ...(onlyReviewAfterPause(ctx, pairing) ? { onlyReviewAfterPause: true } : {}),
  });
  return datesMayMove(ctx, pairing, { ...email, sendWhile: ['paused'], sendWhilePausedUntil: until });
}

/**
 * HR changed the schedule the pair's calendar series was made for, or one person's time zone or
 * hours (`moved`): the series sent again to match (or cancelled when their hours no longer overlap).
 */
export function meetingsRescheduled(ctx: LifecycleContext, pairing: Pairing, side: PersonSide, at: string, moved?: readonly PersonMoved[]): EmailIntent {
  const series = seriesRescheduled(ctx, pairing, side, at);
  // The next question under the new schedule: a date an earlier email named may no longer hold.
  // Ending, the day of the end-of-program review is named too, whatever the change (QA: "comes next", with no day).
  const next = { ...afterOpenRound(ctx, pairing, side), ...endAsScheduled(ctx, pairing, side, moved, series.ending) };
  const email = personal(ctx, `series:${at}:${side}`, side, 'meetingsRescheduled', {
    ...base(ctx, side),
    ...series,
    ...next,
    ...peopleChange(ctx, side, at, moved),
  });
  // Held for working hours: not sent if the pair has paused (the pause cancels the series) or ended
  // by then; the date is left out if HR changes the schedule again meanwhile (held.ts).
  return datesMayMove(ctx, pairing, { ...email, sendWhile: ['active'] });
}

const EMAIL_END_REASON: Record<EndReason, string> = {
  'participant-request': 'participant-request',
  'admin-decision': 'admin-decision',
  'admin-rematch': 'admin-decision',
  'not-meeting': 'not-meeting',
  'circumstances-changed': 'circumstances-changed',
  'participant-left': 'circumstances-changed',
  'participant-withdrew': 'participant-request',
  'address-suppressed': 'circumstances-changed',
  'reporting-line-changed': 'circumstances-changed',
  'department-changed': 'circumstances-changed',
  'participant-rematch': 'program-change',
  // Both read the same neutral words: neither learns who said it was not a fit.
  'not-a-fit': 'changing-pairings',
};

/**
 * How a person of a pairing that ended early goes on, as their end email says: a new partner is
 * looked for (the program still matches); the program has closed; they wait on the waitlist for the
 * program team (the rematch cap); or they are back among those the next matching run considers.
 */
export type AfterEnd = 'new-partner' | WithoutRematch;

export function afterEnd(ctx: LifecycleContext, rematched: boolean, status: PersonOutcome['status'] | undefined, placeHeld?: boolean): AfterEnd {
  if (programClosed(ctx.program, ctx.now)) return 'program-closed';
  if (rematched) return 'new-partner';
  if (status !== 'waitlisted') return 'pool';
  // She keeps her other pairing: not the waitlist, only the freed place waits for the program team.
  if (placeHeld) return 'place-held';
  // Held at a cap of none: no search was ever made, so none is said to have been.
  return rematchSettingsOf(ctx.program).maxAttempts === 0 ? 'waitlist-no-rematches' : 'waitlist';
}

/**
 * To whoever asked by reply for a pause that the step found with nothing left to pause (the round
 * that closed first ended the pairing): the answer a PAUSE to an ended pairing gets (inbound-mail.ts).
 */
export function nothingToPause(ctx: LifecycleContext, side: PersonSide, requestedAt: string): EmailIntent {
  const p = member(ctx, side);
  return personal(ctx, `pause:${requestedAt}:ended:${side}`, side, 'nothingRunning', {
    to: { name: p.name, timeZone: p.timeZone },
    program: programContext(ctx),
    command: 'pause',
    waiting: false,
    ended: true,
    ...afterClosingRound(ctx, side),
  });
}

/**
 * What the round that closed in this step did for the reader, when it ended the pairing, as their
 * end email says it: a fit check ends it only on a "no" (not-a-fit: a new partner for both, within
 * the rematch policy, rematch.ts); the final review completes it, and nothing more is offered.
 */
function afterClosingRound(ctx: LifecycleContext, side: PersonSide): { afterEnd?: AfterEnd } {
  if (ctx.pairing.round?.kind !== 'fit-check') return {};
  const outcome = rematchOutcome(member(ctx, side), { answer: 'ended', wantsRematch: true }, rematchSettingsOf(ctx.program), ctx.now);
  return { afterEnd: afterEnd(ctx, outcome.kind === 'rematch', outcome.status) };
}

/**
 * The end email; `fitCheckClosed` when the reader was asked the fit check and had not answered: the
 * end closes it (whether to go on is answered), and the email says so plainly. `pauseOverruled`:
 * the reader's own PAUSE that the end overruled in the same step (decide.ts, endEarly), answered
 * with the day from which a new partner may be matched with them.
 */
export function ended(
  ctx: LifecycleContext,
  pairing: Pairing,
  side: PersonSide,
  reason: EndReason,
  partnerLeft: boolean,
  after: AfterEnd,
  fitCheckClosed = false,
  pauseOverruled?: PauseOverruled,
): EmailIntent {
  const next = {
    ...(after === 'new-partner' ? { rematchRequested: true } : { rematchRequested: false, otherwise: after }),
    // A question the end kept open for this reader (ended-round.ts): its deadline still holds.
    ...(pairing.round && pairing.keptAfterEnd?.sides.includes(side) && !pairing.round.answers[side] ? { openQuestionUntil: pairing.round.closesAt } : {}),
    ...(fitCheckClosed ? { fitCheckClosed } : {}),
    ...(pauseOverruled ? { pauseOverruled } : {}),
    ...(reason === 'participant-rematch' && askedToEndBy(ctx, side, 'participant-rematch') ? { askedForRematch: true } : {}),
    ...(reason === 'participant-request' && askedToEndBy(ctx, side, 'participant-request') ? { askedToEnd: true } : {}),
  };
  if (partnerLeft)
    return namingOpenQuestion(
      pairing,
      side,
      personal(ctx, `ended:${side}`, side, 'partnerLeft', {
        ...base(ctx, side),
        leaving: reason === 'participant-left' ? 'organisation' : 'program',
        checkInsHeld: pairing.checkInsHeld,
        ...next,
        // Left while the introduction still waited for answers: no session to speak of.
        ...(neverStarted(pairing) ? { started: false } : {}),
        ...calendarCancel(ctx, pairing, pairing.endedAt ?? ctx.now.toISOString()),
      }),
    );
  return namingOpenQuestion(
    pairing,
    side,
    personal(ctx, `ended:${side}`, side, 'pairingEnded', {
      ...base(ctx, side),
      reason: EMAIL_END_REASON[reason],
      checkInsHeld: pairing.checkInsHeld,
      ...next,
      // Ended while its introduction still waited for answers (a REMATCH or END reply to it, an
      // admin's end): it never started, so nothing "has ended" and no one is thanked for a try.
      ...(neverStarted(pairing) ? { started: false } : {}),
      ...calendarCancel(ctx, pairing, pairing.endedAt ?? ctx.now.toISOString()),
    }),
  );
}

/**
 * Whether `side` replied REMATCH or END themselves (a request of theirs with that reason among those
 * the step acts on, as decide.ts reads a departure): their end email says it ended as they asked,
 * while their partner reads "the program is changing some pairings" (REMATCH) or "one of you asked
 * to end it" (END).
 */
function askedToEndBy(ctx: LifecycleContext, side: PersonSide, reason: 'participant-rematch' | 'participant-request'): boolean {
  const id = member(ctx, side).participantId;
  return (ctx.pairing.controls ?? []).some((c) => c.kind === 'end' && c.reason === reason && c.participantId === id);
}

/**
 * An email that tells its reader their question is still open (`openQuestionUntil`) says which
 * one: held for working hours, it says so only while that stays true (held.ts).
 */
function namingOpenQuestion(pairing: Pairing, side: PersonSide, email: EmailIntent): EmailIntent {
  if (email.input.openQuestionUntil === undefined || !pairing.round) return email;
  return { ...email, openQuestion: { round: pairing.round.key, side } };
}

/** Both never said YES: no acceptance, no check-in (a pairing stored before `acceptedAt` has check-ins if it ran). */
function neverStarted(pairing: Pairing): boolean {
  return pairing.acceptedAt === undefined && pairing.checkInsHeld + pairing.checkInsMissed === 0 && pairing.lastCheckInAt === undefined;
}

export function managerCanBeTold(p: Participant): boolean {
  return p.consent.shareProgressWithManager && p.manager?.email !== undefined;
}

/** Recognition for `side`, and a note to their manager when they consented to it. */
export function recognition(ctx: LifecycleContext, pairing: Pairing, side: PersonSide): EmailIntent[] {
  const p = member(ctx, side);
  const partner = member(ctx, other(side));
  // Only the reader's own milestone ratings: a partner's private answer is never shown, nor averaged in.
  const journey = {
    startedOn: pairing.acceptedAt ?? pairing.startedAt ?? pairing.createdAt,
    completedOn: pairing.endedAt ?? pairing.updatedAt,
    checkInsHeld: pairing.checkInsHeld,
    topics: pairingTopics(ctx),
    milestones: [] as { label: string; progress: number }[],
  };
  const out = [personal(ctx, `recognition:${side}`, side, 'recognition', { ...base(ctx, side), role: side, journey, catalogue: ctx.program.topics })];
  // A manager hears of a journey that happened: not of a pairing that never met.
  if (managerCanBeTold(p) && pairing.checkInsHeld > 0) {
    out.push({
      key: `manager-note:${side}`,
      to: p.manager!.email!,
      template: 'managerNote',
      input: {
        to: { ...(p.manager?.name ? { name: p.manager.name } : {}), timeZone: p.timeZone },
        program: programContext(ctx),
        report: { name: p.name, role: side },
        journey,
        contributed: p.topicsOffered.filter((t) => partner.topicsWanted.includes(t)),
        learned: p.topicsWanted.filter((t) => partner.topicsOffered.includes(t)),
        highlights: [],
        catalogue: ctx.program.topics,
      },
    });
  }
  return out;
}

/** The pairing as it will be once `round` is done: its plan item counts as done. */
function afterRound(pairing: Pairing, round: Round): Pairing {
  return round.planOffsetMs === undefined ? pairing : { ...pairing, planDoneMs: round.planOffsetMs, previousRoundClosesAt: round.closesAt };
}
