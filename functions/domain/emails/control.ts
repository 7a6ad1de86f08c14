import { paragraph } from './blocks';
import {
  capitalised,
  countOf,
  formatDate,
  formatDeadline,
  hasNextQuestion,
  nextQuestionSentence,
  partnerFirstName,
  type DateInput,
  type NextQuestion,
} from './format';
import { renderEmail } from './layout';
import { dayAndMonth } from '../replies/pause-date';
import type { CalendarInvite } from './calendar';
import { dayOf, pauseExample, pauseWindowOf, weekAfterDay } from './pause-example';
import { meetingBlocks, whenIn, zoneName, type MeetingProposal } from './meeting-text';
import type { Block, EmailBase, Partner, ProgramContext, RenderedEmail } from './types';

/**
 * Emails for pause, resume and the ways a pairing ends early. None of them says who asked or who
 * is at fault: a no-fault way to end is what lets people be honest when a pairing does not work.
 */

/**
 * How a person goes on after their pairing ended, when no new partner is being looked for at once:
 * the program has closed; they had every automatic rematch the program allows and wait on the
 * waitlist for the program team (this email is their waitlist notice); the program makes no
 * automatic rematches at all (`rematch.maxAttempts` 0), so they wait on the waitlist for the program
 * team from the start; a mentor past the cap who keeps another running pairing, whose freed place
 * waits for the program team (`place-held`: she is not on the waitlist); or they are back among the people the next matching run considers.
 */
export type WithoutRematch = 'program-closed' | 'waitlist' | 'waitlist-no-rematches' | 'place-held' | 'pool';

/** The sentence for someone an end offered a new partner: one is being looked for. */
export const LOOKING_FOR_PARTNER =
  'We are looking for a new partner for you, and you will receive an introduction email when there is a good match. There is nothing you need to do.';

export const WAITLIST_NEXT = 'You will get an introduction email as soon as there is a good match, or an email if the program closes before then.';

/** The sentence an end or not-started email closes with when no new partner is looked for. */
export function withoutRematchText(after: WithoutRematch, admin: string): string {
  switch (after) {
    case 'program-closed':
      return 'As the program has closed, no new pairing will start. Thank you for taking part.';
    case 'waitlist':
      return `We have already looked for a new partner for you as many times as the program does on its own, so you are now on the waitlist and ${admin} will decide with you how to go on. ${WAITLIST_NEXT}`;
    case 'waitlist-no-rematches':
      return `This program does not look for new partners on its own when a pairing ends, so you are now on the waitlist and ${admin} will decide with you how to go on. ${WAITLIST_NEXT} If you have a question about it, write to ${admin}.`;
    case 'place-held':
      return `Your other pairing carries on as before. The program does not look for a new partner for this place on its own any more: ${admin} will decide with you whether to fill it, and you will get an introduction email if they do.`;
    case 'pool':
      return `You stay in the program: the next time ${admin} matches people, you may be offered a new partner, and you will get an introduction email then. If you would rather not be matched again, write to ${admin}.`;
  }
}

/**
 * A PAUSE the reader asked for by reply that an end in the same step overruled, or the pause they
 * asked for that the pairing was on when it ended (decide.ts, endEarly): they said they are away,
 * so no new partner is matched with them before they are back (`availableFrom`, as for a NO with a
 * return date), and their end email says so instead of leaving their PAUSE unanswered.
 */
export interface PauseOverruled {
  /** The day (YYYY-MM-DD) their pause would have ended: no new partner before it. */
  until: string;
  /** The program's last day for new pairings (its `endDate`), when it comes before `until`: no new partner in it. */
  matchingEndsOn?: string;
  /** The pairing was already paused at their request (not a PAUSE that arrived with the end): the pause under way is what ends. */
  underWay?: boolean;
}

/** The PAUSE acknowledged: nothing is left to pause, and the day they are back is kept. */
function pauseOverruledBlock(pause: PauseOverruled, timeZone: string) {
  const asked = pause.underWay
    ? `Your pairing was paused until ${formatDate(pause.until, timeZone)}, as you asked.`
    : `We also received your request to pause until ${formatDate(pause.until, timeZone)}.`;
  return paragraph(`${asked} With the pairing ended there is nothing left to pause, but we have noted that you are away until then.`);
}

/**
 * What comes next for someone whose PAUSE the end overruled: a new partner looked for from the day
 * they are back, not now; back in the pool from that day; or the waitlist, not matched before it.
 */
function afterOverruledPause(pause: PauseOverruled, rematchRequested: boolean, after: WithoutRematch, program: ProgramContext, timeZone: string): string {
  const back = formatDate(pause.until, timeZone);
  const admin = program.admin.name;
  if (!rematchRequested && after === 'program-closed') return withoutRematchText(after, admin);
  if (pause.matchingEndsOn !== undefined)
    return `${program.name} pairs people only until ${formatDate(pause.matchingEndsOn, timeZone)}, before you are back, so no new partner will be found for you in it. Thank you for taking part.`;
  if (rematchRequested)
    return `We will look for a new partner for you from ${back}, when you are back, and you will receive an introduction email when there is a good match. Until then you will not be matched with anyone. There is nothing you need to do.`;
  if (after === 'pool')
    return `You stay in the program, and you will not be matched with a new partner before ${back}. From then on, the next time ${admin} matches people, you may be offered a new partner, and you will get an introduction email then. If you would rather not be matched again, write to ${admin}.`;
  return `You will not be matched with a new partner before ${back}. ${withoutRematchText(after, admin)}`;
}

/** A question the reader was sent before the end: kept open until its deadline, or closed by the end (decide.ts, endEarly). */
interface OpenAfterEnd {
  /** Its deadline: an answer until then is recorded, a meeting counted with those above. */
  openQuestionUntil?: DateInput;
  /** The fit check they had not answered: the end closes it, since whether to go on is answered. */
  fitCheckClosed?: boolean;
}

function openAfterEndBlocks(input: OpenAfterEnd & EmailBase) {
  if (input.openQuestionUntil)
    return [
      paragraph(
        `The question you already received is still open: you can answer it until ${formatDeadline(input.openQuestionUntil, input.to.timeZone)}, by replying to that email as usual, and your answer will be recorded.`,
      ),
    ];
  return input.fitCheckClosed
    ? [paragraph('The question on whether your pairing is a good fit is closed now that the pairing has ended: there is nothing more to answer.')]
    : [];
}

export interface PartnerLeftInput extends EmailBase, OpenAfterEnd {
  partner: Partner;
  checkInsHeld: number;
  /** Whether a new match is being looked for. */
  rematchRequested: boolean;
  /** How the reader goes on otherwise. @default 'program-closed' */
  otherwise?: WithoutRematch;
  /**
   * `organisation` only when HR said they left the company; otherwise (STOP, an undeliverable
   * address, an erasure) nothing more than that they no longer take part: we do not know more, and
   * would not say it.
   */
  leaving?: 'organisation' | 'program';
  /** False when the partner left while the introduction still waited for answers: no session ever happened. @default true */
  started?: boolean;
  /** Their own PAUSE, asked in the same step as the partner's departure or under way then: acknowledged, and no new partner before its day. */
  pauseOverruled?: PauseOverruled;
}

export function partnerLeft(input: PartnerLeftInput): RenderedEmail {
  const partner = capitalised(partnerFirstName(input.partner.name));
  const met =
    input.checkInsHeld > 0
      ? ` The ${countOf(input.checkInsHeld, 'meeting')} you had together ${input.checkInsHeld === 1 ? 'is' : 'are'} recorded: thank you for ${input.checkInsHeld === 1 ? 'it' : 'them'}.`
      : '';
  return renderEmail({
    template: 'partnerLeft',
    subject: `${partner} has left the program`,
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: `${partner} has moved on`,
    blocks: [
      paragraph(
        input.started === false
          ? `${partner} ${input.leaving === 'organisation' ? 'is leaving the organisation' : 'is no longer taking part in the program'}, so your introduction is closed and your pairing will not start: there is nothing more to answer in it. We know that can be disappointing, and it has nothing to do with you.`
          : `${partner} ${input.leaving === 'organisation' ? 'is leaving the organisation' : 'is no longer taking part in the program'}, so your pairing ends here. We know that can be disappointing, and it has nothing to do with you or with how your sessions went.${met}`,
      ),
      ...openAfterEndBlocks(input),
      ...(input.pauseOverruled && input.started !== false ? [pauseOverruledBlock(input.pauseOverruled, input.to.timeZone)] : []),
      paragraph(
        input.pauseOverruled && input.started !== false
          ? afterOverruledPause(input.pauseOverruled, input.rematchRequested, input.otherwise ?? 'program-closed', input.program, input.to.timeZone)
          : input.rematchRequested
            ? LOOKING_FOR_PARTNER
            : withoutRematchText(input.otherwise ?? 'program-closed', input.program.admin.name),
      ),
    ],
  });
}

export type PauseAsker = 'reader' | 'partner' | 'team';

/** ", as you asked": who asked for the pause, in the reader's words (empty when not known). */
function pauseAskedBy(input: PairingPausedInput, partner: string, team: string): string {
  if (input.askedBy === 'reader') return ', as you asked';
  if (input.askedBy === 'partner') return `, as ${partner} asked`;
  return input.askedBy === 'team' ? `, as ${team}` : '';
}

export interface PairingPausedInput extends EmailBase, NextQuestion {
  partner: Partner;
  resumeOn: DateInput;
  /**
   * Who asked for this pause (or its new date, or the booking): the reader by reply, their partner by
   * reply, or the program team (HR or the admins). Said after the dates, so nobody reads a pause
   * they asked for as news, or wonders who paused the pairing.
   */
  askedBy?: PauseAsker;
  /** The deadline of a question this reader was already asked and has not answered: it stays open. */
  openQuestionUntil?: DateInput;
  /**
   * A pause booked for a later day (YYYY-MM-DD): the email says it is booked, that everything goes
   * on until then (with the next question's date, moved past the pause when it falls in it), and
   * how to change it.
   */
  startsOn?: string;
  /** With `startsOn`: the pairing ends (this instant) before that day, so nothing was booked. */
  programEndsOn?: DateInput;
  /**
   * A PAUSE until `resumeOn`, a day after the last day a pause may run to (the program's end date, or
   * the pairing's planned end when later): nothing was paused; a pairing paused already stays paused
   * until `stillPausedUntil`.
   */
  pastEnd?: { lastDay: string; pairingEnds?: boolean; stillPausedUntil?: string };
  /**
   * No check-in or milestone review is left after the pause: what comes instead of "check-ins start
   * again" (QA finale: a PAUSE during the end-of-program review was promised check-ins that never came).
   */
  afterPause?: 'final-review' | 'end';
  /**
   * With `afterPause` 'end': the deadline of the end-of-program review kept open through the pause,
   * when it closes after the pause ends. The pairing completes when that review closes, not on the
   * resume day (paused-review.ts, finalReviewOutlasting).
   */
  finalReviewOpenUntil?: string;
}

/** The end-of-program review open until `until` (as the reader's emails name its deadline) is all that is left. */
function endsWithReview(until: string): string {
  return `No check-ins are left in your pairing: the end-of-program review stays open until ${until}, and when it closes your pairing comes to its end. We will write to you both then.`;
}

/**
 * When the pairing ends, only the end-of-program review left: on the resume day, or, with that review
 * still open after it, when the review closes (its deadline, or once everyone asked has answered).
 * A pause until a day before that deadline was told "on <resume day> it comes to its end", and the
 * pairing ran on, silently, to the deadline.
 */
function endSentence(input: { to: { timeZone: string }; finalReviewOpenUntil?: string }, resume: string): string {
  const closes = input.finalReviewOpenUntil;
  // Closing later on the resume day itself (the reader's day of that instant), the pairing does end
  // on the day named: its deadline as emails state it (the last whole day) may even read as earlier.
  if (closes && formatDate(closes, input.to.timeZone) !== resume) return endsWithReview(formatDeadline(closes, input.to.timeZone));
  return `No check-ins are left in your pairing: on ${resume} it comes to its end, and we will write to you both then.`;
}

/** What the resume brings: check-ins again, or only the end-of-program review, or the end. */
function afterPauseSentence(input: PairingPausedInput, resume: string): string {
  if (input.afterPause === 'final-review')
    return `After the pause no check-ins are left: the end-of-program review comes next, with dates moved by the pause's length.`;
  if (input.afterPause === 'end') return endSentence(input, resume);
  return `On ${resume}, check-ins start again at the usual rhythm, and the dates after the pause move by its length.`;
}

/**
 * "10 March": the day and month a week after a day as the reader's email names it (formatDate: a
 * calendar date is that day everywhere, an instant is the reader's day), for examples that would be
 * read as a date to come. A resume at local midnight east of UTC falls on the day before in UTC
 * (QA time7: "paused until Tuesday 30 March" offered "PAUSE until 5 April").
 */
function weekAfter(day: DateInput, timeZone: string): string {
  return dayAndMonth(new Date(`${weekAfterDay(day, timeZone)}T12:00:00Z`));
}

/**
 * "PAUSE until 10 March": a week after the day a pause now ends, an example of a new date that would
 * be read. `timeZone`: the reader's, in which their email names that day.
 */
export function laterResumeExample(resumeOn: DateInput, timeZone = 'UTC'): string {
  return `PAUSE until ${weekAfter(resumeOn, timeZone)}`;
}

/**
 * How to change a booked pause: "PAUSE from 10 March until 24 March", a week after the booked days;
 * when that would run past the last day a pause may run to, the same first day until that last day;
 * when neither would be taken (pause-example.ts), no example, and the last day it may end.
 */
function changeBooking(input: PairingPausedInput & { startsOn: string }): string {
  const zone = input.to.timeZone;
  const window = pauseWindowOf(input.to, input.program);
  const resume = dayOf(input.resumeOn, zone);
  const last = window.lastDay;
  const example = pauseExample(window, [
    { from: weekAfterDay(input.startsOn, zone), until: weekAfterDay(input.resumeOn, zone) },
    ...(last !== undefined && last > resume ? [{ from: input.startsOn, until: last }] : []),
  ]);
  if (example !== undefined) return `To change the dates, reply PAUSE with the new ones (for example "${example}").`;
  return `To change the dates, reply PAUSE with the new ones, back no later than ${formatDate(last ?? resume, zone)}.`;
}

function pauseBooked(input: PairingPausedInput & { startsOn: string }): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const start = formatDate(input.startsOn, input.to.timeZone);
  const resume = formatDate(input.resumeOn, input.to.timeZone);
  const next = hasNextQuestion(input) ? ` ${nextQuestionSentence(input, input.to.timeZone)}` : '';
  return renderEmail({
    template: 'pairingPaused',
    subject: `Your pairing with ${partner} will pause from ${start} until ${resume}`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'A pause is booked',
    blocks: [
      paragraph(
        `Your pairing with ${partner} will pause from ${start} until ${resume}${pauseAskedBy(input, partner, 'the program team arranged')}. Until then, everything goes on as usual.${next}`,
      ),
      paragraph(`From ${start}, no check-in emails are sent and no missed meetings are counted. ${afterPauseSentence(input, resume)}`),
      paragraph(`${changeBooking(input)} To cancel the pause, write to ${input.program.admin.name}.`),
    ],
  });
}

/** A break before the end, offered only with an example that would be taken (pause-example.ts). */
function breakBeforeEnd(input: PairingPausedInput) {
  const window = pauseWindowOf(input.to, input.program);
  const example = pauseExample(window, [{ weeks: 2 }, 'last-day']);
  if (example === undefined) return [];
  const bounded = example.startsWith('PAUSE until') && window.lastDay !== undefined ? `, no later than ${formatDate(window.lastDay, input.to.timeZone)}` : '';
  return [paragraph(`If you need a break before then, reply PAUSE with the date you will be back, or for how long${bounded} (for example "${example}").`)];
}

/** A pause asked for days after the pairing ends: nothing to pause, everything goes on until the end. */
function pauseAfterEnd(input: PairingPausedInput & { startsOn: string; programEndsOn: DateInput }): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const end = formatDate(input.programEndsOn, input.to.timeZone);
  return renderEmail({
    template: 'pairingPaused',
    subject: `Your pairing with ${partner} ends before the pause you asked for`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Nothing to pause',
    blocks: [
      paragraph(
        `You asked to pause your pairing with ${partner} from ${formatDate(input.startsOn, input.to.timeZone)}, but the pairing comes to its end on ${end}, before that day: there is nothing to pause, so no pause was booked. Everything goes on as usual until the end.`,
      ),
      ...breakBeforeEnd(input),
    ],
  });
}

/** A pause asked until after the program's (or pairing's) end: nothing paused, and the last day a pause may run to. */
function pauseBeyondEnd(input: PairingPausedInput & { pastEnd: NonNullable<PairingPausedInput['pastEnd']> }): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const { lastDay, pairingEnds, stillPausedUntil } = input.pastEnd;
  const last = formatDate(lastDay, input.to.timeZone);
  const asked = formatDate(input.resumeOn, input.to.timeZone);
  const end = pairingEnds ? `your pairing with ${partner} comes to its end on ${last}` : `the program ends on ${last}`;
  const breakExample = pauseExample(pauseWindowOf(input.to, input.program, lastDay), ['last-day']);
  const now = stillPausedUntil
    ? `so the date was not changed: your pairing stays paused until ${formatDate(stillPausedUntil, input.to.timeZone)}.`
    : 'so nothing was paused: everything goes on as usual.';
  return renderEmail({
    template: 'pairingPaused',
    subject: stillPausedUntil
      ? `Your pause was not changed: ${asked} is after the end`
      : `Your pairing with ${partner} was not paused: ${asked} is after the end`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: stillPausedUntil ? 'Pause not changed' : 'Nothing paused',
    blocks: [
      paragraph(`You asked to pause your pairing with ${partner} until ${asked}, but ${end}. A pause cannot run past that day, ${now}`),
      paragraph(
        // The example is the last day itself: a length ("for 2 weeks") may run past it (QA time7);
        // none once that day has come, when no pause can be taken (pause-example.ts).
        `${breakExample === undefined ? '' : `To take a break before then, reply PAUSE with a day on or before ${last} (for example "${breakExample}"). `}If you cannot go on with the pairing, reply END, or write to ${input.program.admin.name}.`,
      ),
    ],
  });
}

/**
 * How to move the day a pause under way ends: "PAUSE until 10 March", a week after it; near the last
 * day a pause may run to, that day; when no later day would be taken (pause-example.ts), that the
 * date cannot move later.
 */
function changePause(input: PairingPausedInput): string {
  const zone = input.to.timeZone;
  const window = pauseWindowOf(input.to, input.program);
  const resume = dayOf(input.resumeOn, zone);
  const later = window.lastDay !== undefined && window.lastDay > resume;
  const example = pauseExample(window, [{ until: weekAfterDay(input.resumeOn, zone) }, ...(later ? (['last-day'] as const) : [])]);
  if (example === undefined)
    return window.lastDay === undefined
      ? 'To change the date, reply PAUSE with the new date.'
      : `The date cannot move later than ${formatDate(window.lastDay, zone)}, the last day a pause can run to.`;
  const bounded =
    example === `PAUSE until ${weekAfter(input.resumeOn, zone)}` || window.lastDay === undefined ? '' : `, no later than ${formatDate(window.lastDay, zone)}`;
  return `To change the date, reply PAUSE with the new date${bounded} (for example "${example}").`;
}

export function pairingPaused(input: PairingPausedInput): RenderedEmail {
  if (input.pastEnd !== undefined) return pauseBeyondEnd({ ...input, pastEnd: input.pastEnd });
  if (input.startsOn !== undefined && input.programEndsOn !== undefined)
    return pauseAfterEnd({ ...input, startsOn: input.startsOn, programEndsOn: input.programEndsOn });
  if (input.startsOn !== undefined) return pauseBooked({ ...input, startsOn: input.startsOn });
  const partner = partnerFirstName(input.partner.name);
  const resume = formatDate(input.resumeOn, input.to.timeZone);
  return renderEmail({
    template: 'pairingPaused',
    subject: `Your pairing with ${partner} is paused until ${resume}`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Your pairing is paused',
    blocks: [
      paragraph(
        `Your pairing with ${partner} is paused until ${resume}${pauseAskedBy(input, partner, 'the program team decided')}. Until then, no check-in emails are sent and no missed meetings are counted.`,
      ),
      ...(input.openQuestionUntil
        ? [
            paragraph(
              `The question you already received is still open: you can answer it until ${formatDeadline(input.openQuestionUntil, input.to.timeZone)}, by replying to that email as usual.`,
            ),
          ]
        : []),
      paragraph(
        `Nothing you have recorded is lost. ${input.afterPause ? afterPauseSentence(input, resume) : 'On the resume date, check-ins start again at the usual rhythm.'}`,
      ),
      paragraph(`${changePause(input)} To resume earlier, write to ${input.program.admin.name}.`),
    ],
  });
}

export interface PairingResumedInput extends EmailBase, NextQuestion {
  partner: Partner;
  /** The program team cancelled a pause booked for later (its first and return days): the pairing goes on as usual. */
  cancelledPause?: { from: string; until: string };
  /** HR changed the program's schedule after the resume was decided: the date it named no longer holds, so none is named. */
  datesMoved?: boolean;
  /** The series sent again (meeting.ts, calendarUpdate), attached: the email names its first meeting. */
  calendar?: CalendarInvite;
  /**
   * The program team decides first (a "Decision needed" the pause closed is asked again at the
   * resume): the next question waits for that decision, so no date is named.
   */
  afterDecision?: boolean;
  /**
   * The pause ended early (the program team's resume) while the end-of-program review was open: the
   * review's deadline. Nothing is left to ask, so no next session or question is proposed; the
   * pairing comes to its end when that review closes, as a PAUSE with an earlier day would have
   * told them (the pause email's own sentence).
   */
  finalReviewOpenUntil?: string;
  /** With `finalReviewOpenUntil`: this reader has not answered that review yet. */
  reviewUnanswered?: boolean;
  /**
   * HR's change of the schedule during the pause moved the pairing's end (`pairingEndsOn`, the day
   * of its end-of-program review), and this reader has not been told it (pairing/decide.ts, resume:
   * the change came with the resume, or its email was still held for their working hours): the
   * welcome back tells it, once.
   */
  endMovedInPause?: boolean;
}

/** What a "has resumed" email says under its shared subject: its title and paragraphs. */
interface ResumedWording {
  title: string;
  blocks: readonly Block[];
}

/** The "Your pairing with … has resumed" email: check-ins go on ("Welcome back"), or only the end-of-program review is left. */
function resumedEmail(input: PairingResumedInput, partner: string, wording: ResumedWording): RenderedEmail {
  return renderEmail({
    template: 'pairingResumed',
    subject: `Your pairing with ${partner} has resumed`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: wording.title,
    blocks: wording.blocks,
  });
}

/** Resumed early with only the end-of-program review open: told they are back, and when the pairing ends. */
function resumedInFinalReview(input: PairingResumedInput & { finalReviewOpenUntil: string }, partner: string): RenderedEmail {
  const zone = input.to.timeZone;
  return resumedEmail(input, partner, {
    title: 'Your pause has ended',
    blocks: [
      paragraph(`${capitalised(input.program.admin.name)} ended the pause of your pairing with ${partner} early: your pairing has resumed.`),
      ...(input.reviewUnanswered ? [paragraph('Your end-of-program review is still open for you to answer: reply to its email as usual.')] : []),
      paragraph(endsWithReview(formatDeadline(input.finalReviewOpenUntil, zone))),
    ],
  });
}

export function pairingResumed(input: PairingResumedInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  if (input.finalReviewOpenUntil !== undefined && input.cancelledPause === undefined)
    return resumedInFinalReview({ ...input, finalReviewOpenUntil: input.finalReviewOpenUntil }, partner);
  const cancelled = input.cancelledPause;
  if (cancelled) {
    const span = `from ${formatDate(cancelled.from, input.to.timeZone)} until ${formatDate(cancelled.until, input.to.timeZone)}`;
    return renderEmail({
      template: 'pairingResumed',
      subject: `The pause of your pairing with ${partner} is cancelled`,
      audience: 'participant',
      to: input.to,
      program: input.program,
      title: 'No pause after all',
      blocks: [
        paragraph(
          `${input.program.admin.name} cancelled the pause of your pairing with ${partner} that was booked ${span}: your pairing goes on as usual, without a break.`,
        ),
        ...(hasNextQuestion(input) && !input.datesMoved ? [paragraph(nextQuestionSentence(input, input.to.timeZone))] : []),
      ],
    });
  }
  // The end is its own sentence here (newEndInPause), not appended to the next question's.
  const next = { ...input, pairingEndsOn: undefined };
  const newEnd = newEndInPause(input, partner, next);
  return resumedEmail(input, partner, {
    title: 'Welcome back',
    blocks: [
      paragraph(
        input.calendar?.method === 'REQUEST' && input.calendar.slot
          ? `Your pairing with ${partner} has resumed. The invitation attached puts your regular meetings back in your calendar, the first on ${whenIn(input.calendar.slot.start, input.to.timeZone)}; if it does not suit you, agree another time together and move it.`
          : `Your pairing with ${partner} has resumed. A good first step is to agree on a time for your next session.`,
      ),
      ...(newEnd ? [paragraph(newEnd.sentence)] : []),
      // With only the end-of-program review left (a schedule shortened during the pause), its day is named.
      ...(newEnd?.namesNext
        ? []
        : [
            paragraph(
              input.datesMoved
                ? `The program team has changed the schedule of ${input.program.name} since: your next question follows the new one, and its email will come on its day.`
                : input.afterDecision
                  ? `Your next question will come by email: ${input.program.admin.name} will first look at how your pairing is going, so its date is not set yet.`
                  : hasNextQuestion(next) || next.finalReviewNextOn !== undefined
                    ? nextQuestionSentence(next, input.to.timeZone)
                    : 'That was the last check-in: the end-of-program review comes next.',
            ),
          ]),
    ],
  });
}

/**
 * The new end HR's change during the pause gave the pairing, for a reader not told it yet
 * (`endMovedInPause`): "The program team changed the schedule of … during the pause, and that
 * moves the end of your pairing with …: it now ends with your end-of-program review, which comes
 * on …", before the next question. With only that review left, the one sentence says it comes
 * next, and on which day (`namesNext`: no second sentence repeats it). Nothing when HR has changed
 * the schedule again since it was decided (`datesMoved`).
 */
function newEndInPause(input: PairingResumedInput, partner: string, next: PairingResumedInput): { sentence: string; namesNext: boolean } | undefined {
  if (!input.endMovedInPause || input.pairingEndsOn === undefined || input.datesMoved) return undefined;
  const changed = `The program team changed the schedule of ${input.program.name} during the pause, and that moves the end of your pairing with ${partner}`;
  if (!input.afterDecision && !hasNextQuestion(next) && next.finalReviewNextOn !== undefined) {
    const sentence = nextQuestionSentence(next, input.to.timeZone);
    return { sentence: `${changed}: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}`, namesNext: true };
  }
  return {
    sentence: `${changed}: it now ends with your end-of-program review, which comes on ${formatDate(input.pairingEndsOn, input.to.timeZone)}.`,
    namesNext: false,
  };
}

/**
 * Not the program's schedule but one of the pair changed (HR's update to a participant): the
 * reader's own time zone or weekly hours, or the partner's. The partner's new zone may be named
 * (every email shows the reader the partner's zone already); their hours never are, only that
 * they changed. `on`: when the change was followed (the zones are named as they stand that day).
 */
export interface PeopleChange {
  on: string;
  yours?: { timeZone?: boolean; hours?: boolean };
  partners?: { timeZone?: string; hours?: boolean };
}

/**
 * "Your time zone is now Eastern Standard Time (America/New_York)", "Dee now works in Japan
 * Standard Time (Asia/Tokyo)", "Dee now has other hours for the program": what changed, as a clause.
 */
function whatChanged(change: PeopleChange, readerZone: string, partner: string): string {
  const parts: string[] = [];
  const yours = change.yours;
  const here = zoneName(change.on, readerZone);
  if (yours?.timeZone && yours.hours) parts.push(`your time zone is now ${here} and your hours for the program have changed`);
  else if (yours?.timeZone) parts.push(`your time zone is now ${here}`);
  else if (yours?.hours) parts.push('your hours for the program have changed');
  const theirs = change.partners;
  const there = theirs?.timeZone ? zoneName(change.on, theirs.timeZone) : '';
  if (theirs?.timeZone && theirs.hours) parts.push(`${partner} now works in ${there}, with other hours for the program`);
  else if (theirs?.timeZone) parts.push(`${partner} now works in ${there}`);
  else if (theirs?.hours) parts.push(`${partner} now has other hours for the program`);
  return capitalised(parts.length > 0 ? parts.join(', and ') : `your hours or ${partner}'s have changed`);
}

export interface MeetingsRescheduledInput extends EmailBase, NextQuestion {
  partner: Partner;
  /** Made again because one of the pair changed, not the schedule (absent: the program team changed the schedule). */
  change?: PeopleChange;
  /** The series as it now stands for this reader (a slot, or none when the hours no longer overlap or the pairing is ending). */
  meeting: MeetingProposal;
  /** The pairing's new end leaves no room for another meeting: the series stops, the end-of-program review comes next. */
  ending?: boolean;
  /**
   * HR changed the schedule again before this email went (held.ts, withDatesAsTheyStand): the date
   * decided with it no longer holds, so none is named.
   */
  datesMoved?: boolean;
}

/** "With the new schedule: the next check-in comes on …" (or the review that comes then, the end-of-program one included). */
function underNewSchedule(input: NextQuestion & EmailBase & { datesMoved?: boolean }): string {
  const sentence = input.datesMoved ? '' : nextQuestionSentence(input, input.to.timeZone);
  return sentence ? `With the new schedule: ${sentence.charAt(0).toLowerCase()}${sentence.slice(1)}` : '';
}

/** The next question under the new schedule (whether or not it moved), so that no earlier date is waited for. */
function nextUnderNewSchedule(input: MeetingsRescheduledInput): ReturnType<typeof paragraph>[] {
  const sentence = underNewSchedule(input);
  return sentence ? [paragraph(sentence)] : [];
}

/** Only the end-of-program review is left (and its day is named): no check-in follows the new schedule. */
const onlyFinalReviewLeft = (input: MeetingsRescheduledInput) => !hasNextQuestion(input) && input.finalReviewNextOn !== undefined && !input.datesMoved;

/**
 * HR changed the program's schedule (how often the pairs meet, how long it runs, its working
 * hours, its holidays): the calendar series follows it. The invitation attached replaces the
 * earlier one, or removes it: when the pairing is now coming to its end (never blamed on hours that
 * do overlap), or when the pair's hours no longer overlap.
 */
export function meetingsRescheduled(input: MeetingsRescheduledInput): RenderedEmail {
  if (input.change) return meetingsMadeAgain(input, input.change);
  const partner = partnerFirstName(input.partner.name);
  const changed = `The program team changed the schedule of ${input.program.name}`;
  return seriesChangedEmail(input, partner, {
    title: "The program's schedule has changed",
    ending: `${changed}, and your pairing with ${partner} is now coming to its end, so there is no time left for another regular meeting. The invitation attached removes the rest of the series from your calendar.`,
    madeSubject: `Your meetings with ${partner} follow the program's new schedule`,
    made: `${changed}, so we have updated your regular meeting with ${partner} to match. The invitation attached replaces the earlier series in your calendar${onlyFinalReviewLeft(input) ? '.' : '; your check-ins follow the new schedule too.'}`,
    cancelled: `${changed}, and your regular meeting with ${partner} no longer fits it. The invitation attached removes the earlier series from your calendar${onlyFinalReviewLeft(input) ? '.' : '; your check-ins follow the new schedule.'}`,
    meeting: meetingBlocks(input.meeting, input.to.timeZone, undefined, 'new'),
    next: nextUnderNewSchedule(input),
  });
}

/** The next question, worded for a pair whose schedule has not changed: "Your next check-in comes on …". */
function nextAsItStands(input: MeetingsRescheduledInput): ReturnType<typeof paragraph>[] {
  const sentence = input.datesMoved ? '' : nextQuestionSentence(input, input.to.timeZone);
  return sentence ? [paragraph(sentence)] : [];
}

/**
 * One of the pair now works in another time zone or has other hours (HR's update): the series is
 * made again inside both people's availability and the program's working hours, or removed when
 * their hours no longer meet there (the meeting text says why), or when the pairing is coming to
 * its end. Says what changed, never the partner's hours; the next question as it now stands.
 */
function meetingsMadeAgain(input: MeetingsRescheduledInput, change: PeopleChange): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const why = whatChanged(change, input.to.timeZone, partner);
  return seriesChangedEmail(input, partner, {
    title: 'Your meeting series has changed',
    ending: `${why}. Your pairing with ${partner} is coming to its end, so we have not made a new regular meeting: the invitation attached removes the rest of the series from your calendar. Agree any last meeting together.`,
    madeSubject: `Your regular meeting with ${partner} has a new time`,
    made: `${why}, so we have made your regular meeting with ${partner} again, inside both your hours. The invitation attached replaces the earlier series in your calendar.`,
    cancelled: `${why}, and your regular meeting with ${partner} no longer fits both your hours. The invitation attached removes the earlier series from your calendar.`,
    meeting: meetingBlocks(input.meeting, input.to.timeZone, change.on, 'new'),
    next: nextAsItStands(input),
  });
}

/** What a change to the series says, in the words of why it changed (the schedule, or one of the pair). */
interface SeriesChangeWording {
  title: string;
  /** The opening paragraph when the pairing is coming to its end and the series stops. */
  ending: string;
  /** The subject and opening paragraph when the series is made again at a new time. */
  madeSubject: string;
  made: string;
  /** The opening paragraph when no time fits any more and the series is removed. */
  cancelled: string;
  /** The meeting as it now stands, then the next question (both left out when the series stops). */
  meeting: ReturnType<typeof paragraph>[];
  next: ReturnType<typeof paragraph>[];
}

/**
 * What comes as the pairing ends and its series stops: the end-of-program review on its day (as the
 * lifecycle will ask it, `pairingEndsOn`), or a check-in or review still due before it, then the
 * review's day (QA: "comes next" named no day). No day when HR changed the schedule again since.
 */
function endingNext(input: MeetingsRescheduledInput): string {
  const zone = input.to.timeZone;
  const on = input.datesMoved ? undefined : (input.pairingEndsOn ?? input.finalReviewNextOn);
  if (on === undefined) return 'Your end-of-program review comes next: we will ask you both how the pairing went.';
  if (hasNextQuestion(input)) return nextQuestionSentence({ ...input, pairingEndsOn: on }, zone);
  return `Your end-of-program review comes next, on ${formatDate(on, zone)}: we will ask you both how the pairing went.`;
}

/** The email of a changed series (meetingsRescheduled): stopped at the end, made again, or cancelled. */
function seriesChangedEmail(input: MeetingsRescheduledInput, partner: string, wording: SeriesChangeWording): RenderedEmail {
  const { subject, blocks } = input.ending
    ? {
        subject: `Your regular meetings with ${partner} stop as your pairing comes to its end`,
        blocks: [paragraph(wording.ending), paragraph(endingNext(input))],
      }
    : input.meeting.slot.found
      ? { subject: wording.madeSubject, blocks: [paragraph(wording.made), ...wording.meeting, ...wording.next] }
      : { subject: `Your meeting series with ${partner} is cancelled`, blocks: [paragraph(wording.cancelled), ...wording.meeting, ...wording.next] };
  return renderEmail({
    template: 'meetingsRescheduled',
    subject,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: wording.title,
    blocks,
  });
}

export interface DatesRescheduledInput extends EmailBase, NextQuestion {
  partner: Partner;
  /** Moved because one of the pair changed (their time zone), not the schedule (absent: the program team changed the schedule). */
  change?: PeopleChange;
  /** HR changed the schedule again before this email went (held.ts, withDatesAsTheyStand): no date is named. */
  datesMoved?: boolean;
  /**
   * The schedule change moved the pairing's end (`pairingEndsOn`, the day of its end-of-program
   * review) and left the next question where it was: the email tells the new end, not a moved question.
   */
  onlyEndMoved?: boolean;
  /** With `onlyEndMoved`: the pairing is paused until this day, which the change leaves as it was (decide.ts, announcePausedEnd). */
  pausedUntil?: DateInput;
  /** With `pausedUntil`: no check-in or review is left after the pause, only the end-of-program review. */
  onlyReviewAfterPause?: boolean;
}

/** The new end, after the next question as it stands: "With the new schedule: … Your pairing ends with your end-of-program review, which comes on …". */
function newEndSentence(input: DatesRescheduledInput): string {
  if (input.pausedUntil !== undefined) return pausedEndSentence(input, input.pausedUntil);
  if (hasNextQuestion(input) || input.finalReviewNextOn !== undefined || input.pairingEndsOn === undefined) return underNewSchedule(input);
  return `With the new schedule: ${endsWithReviewOn(input, input.pairingEndsOn)}.`;
}

const endsWithReviewOn = (input: DatesRescheduledInput, on: DateInput) =>
  `your pairing ends with your end-of-program review, which comes on ${formatDate(on, input.to.timeZone)}`;

/**
 * A paused pairing's new end (decide.ts, announcePausedEnd): the pause keeps its day, and the
 * end-of-program review comes on the day its resume brings; when no check-in or review is left
 * after the pause (the program was shortened to it), that review is what comes after it.
 */
function pausedEndSentence(input: DatesRescheduledInput, pausedUntil: DateInput): string {
  const still = `Your pairing stays paused until ${formatDate(pausedUntil, input.to.timeZone)}, as before.`;
  if (input.pairingEndsOn === undefined) return still;
  const ends = endsWithReviewOn(input, input.pairingEndsOn);
  return input.onlyReviewAfterPause
    ? `${still} With the new schedule, no check-ins or reviews are left after the pause: ${ends}.`
    : `${still} With the new schedule: ${ends}.`;
}

/** What an email of a change to the pair's dates says under its template: its subject, title and paragraphs. */
interface DatesChangedWording {
  subject: string;
  title: string;
  /** What changed, and what of the pairing it moves. */
  opening: string;
  /** The question or the end as it now stands. */
  next: string;
  /** What comes by email from now on: the next question, or each one. */
  closing: string;
}

const nothingToDo = (what: string) => `There is nothing to do now: ${what} will come by email on its day.`;

/** The email of a change to the pair's dates (datesRescheduled): the schedule's or one of the pair's. */
function datesChangedEmail(input: DatesRescheduledInput, wording: DatesChangedWording): RenderedEmail {
  return renderEmail({
    template: 'datesRescheduled',
    subject: wording.subject,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: wording.title,
    blocks: [paragraph(wording.opening), paragraph(wording.next), paragraph(wording.closing)],
  });
}

const SCHEDULE_CHANGED = "The program's schedule has changed";
const newQuestionSubject = (input: DatesRescheduledInput) => `A new date for your next question in ${input.program.name}`;

/**
 * HR changed a setting the pair's next dates follow (the days of the milestone reviews, the send
 * time, the time zone...) in a way that moved this reader's next question, while their calendar
 * series stays as it was (meetingsRescheduled tells a change to the series): the next question as
 * it now stands, or that none comes before the end-of-program review. Or it moved only the end
 * (`onlyEndMoved`): the new end (endRescheduled).
 */
export function datesRescheduled(input: DatesRescheduledInput): RenderedEmail {
  if (input.change) return datesMovedForPeople(input, input.change);
  if (input.onlyEndMoved) return endRescheduled(input);
  const partner = partnerFirstName(input.partner.name);
  // Changed again since: whatever was decided then (a question, or none before the end review) may not hold.
  const next = input.datesMoved
    ? 'The program team has changed the schedule again since: your next question follows the newest one.'
    : underNewSchedule(input) || 'With the new schedule: no more check-ins or reviews come before your end-of-program review, which comes next.';
  return datesChangedEmail(input, {
    subject: newQuestionSubject(input),
    title: SCHEDULE_CHANGED,
    opening: `The program team changed the schedule of ${input.program.name}, and that moves the next question of your pairing with ${partner}. A date named in an earlier email no longer holds.`,
    next,
    closing: nothingToDo('the question'),
  });
}

/**
 * HR's change of the schedule moved the pairing's end and left its next question where it was (a
 * pair without a meeting series, whose email would otherwise have carried it), or a paused pair's
 * end (`pausedUntil`: its pause keeps its day): the new end, the day of the end-of-program review,
 * after the next question as it stands. Nothing said of an earlier date no longer holding: none did move.
 */
function endRescheduled(input: DatesRescheduledInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const next = input.datesMoved
    ? 'The program team has changed the schedule again since: the end of your pairing and your next question follow the newest one.'
    : newEndSentence(input);
  return datesChangedEmail(input, {
    subject: `A new end date for your pairing in ${input.program.name}`,
    title: SCHEDULE_CHANGED,
    opening: `The program team changed the schedule of ${input.program.name}, and that moves the end of your pairing with ${partner}.`,
    next,
    closing: nothingToDo(input.pausedUntil === undefined ? 'each question' : 'after the pause, each question'),
  });
}

/**
 * The reader's next question moved because one of the pair changed (their own new time zone: it
 * comes at their send time there), while the series stayed as it was: the question as it now
 * stands, and that a date named before no longer holds.
 */
function datesMovedForPeople(input: DatesRescheduledInput, change: PeopleChange): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const sentence = input.datesMoved ? '' : nextQuestionSentence(input, input.to.timeZone);
  const next = input.datesMoved
    ? 'The program team has changed the schedule since: your next question follows the new one, and its email will come on its day.'
    : sentence || 'No more check-ins or reviews come before your end-of-program review, which comes next.';
  return datesChangedEmail(input, {
    subject: newQuestionSubject(input),
    title: 'Your next question has moved',
    opening: change.yours?.timeZone
      ? `${whatChanged(change, input.to.timeZone, partner)}, so the questions of your pairing with ${partner} now come in your own morning there. That moves your next question: a date named in an earlier email no longer holds.`
      : `${whatChanged(change, input.to.timeZone, partner)}, and that moves the next question of your pairing with ${partner}: a date named in an earlier email no longer holds.`,
    next,
    closing: nothingToDo('the question'),
  });
}

export const END_REASONS = ['participant-request', 'admin-decision', 'not-meeting', 'circumstances-changed', 'program-change', 'changing-pairings'] as const;
export type EndReason = (typeof END_REASONS)[number];

const END_REASON_TEXT: Record<EndReason, string> = {
  'participant-request': 'One of you asked to end it, which is always a fair choice: not every pairing fits, and saying so is the right thing to do.',
  'admin-decision': 'The program team decided to close it after looking at how it was going. This is not a judgement on either of you.',
  'not-meeting': "Finding time to meet turned out to be hard. That happens to many pairs, and it is no one's fault.",
  'circumstances-changed': 'Circumstances changed, and the pairing could not continue as planned.',
  // A REMATCH reply: never says who asked, so nobody reads it as blame.
  'program-change': 'The program is changing some pairings, and yours is one of them. This is not a judgement on either of you.',
  // Not a fit (the fit check or an exit through the concern form): the same words to both.
  'changing-pairings': 'The program is changing pairings, and this one ends here. This is not a judgement on either of you.',
};

/**
 * The same reasons for a pairing that ended before it started (its introduction still waited for
 * answers): nothing "has ended", and nobody is thanked for trying what never began.
 */
const NOT_STARTED_REASON_TEXT: Record<EndReason, string> = {
  'participant-request': 'One of you asked not to go ahead, which is always a fair choice: not every introduction fits.',
  'admin-decision': 'The program team decided not to go ahead with it. This is not a judgement on either of you.',
  'not-meeting': "The timing did not work out. That happens in every program, and it is no one's fault.",
  'circumstances-changed': 'Circumstances changed, and the pairing could not start as planned.',
  'program-change': 'The program is changing some introductions, and yours is one of them. This is not a judgement on either of you.',
  'changing-pairings': 'The program is changing pairings, and this introduction closes here. This is not a judgement on either of you.',
};

export interface PairingEndedInput extends EmailBase, OpenAfterEnd {
  partner: Partner;
  reason: EndReason;
  checkInsHeld: number;
  rematchRequested: boolean;
  /** How the reader goes on otherwise. @default 'pool' */
  otherwise?: WithoutRematch;
  /** False when it ended while its introduction still waited for answers. @default true */
  started?: boolean;
  /** Their own PAUSE, asked in the same step as the end or under way then: acknowledged, and no new partner before its day. */
  pauseOverruled?: PauseOverruled;
  /**
   * The reader replied REMATCH themselves (reason `program-change`): they read that it ended as they
   * asked, and that their partner reads only the program's neutral words, not the reason their
   * partner reads as if it were news to them.
   */
  askedForRematch?: boolean;
  /**
   * The reader replied END themselves (reason `participant-request`): they read that it ended as they
   * asked, not "one of you asked", which would read as if their partner had.
   */
  askedToEnd?: boolean;
}

/** To whoever replied REMATCH: it ended as they asked; the partner is told only the neutral reason, never who asked. */
function asYouAsked(partner: string, started: boolean): string {
  return started
    ? `Your pairing with ${partner} has ended, as you asked when you replied REMATCH. Asking for a different partner is always a fair choice: not every pairing fits. ${capitalised(partner)} is told only that the program is changing some pairings, never who asked.`
    : `Your introduction to ${partner} is closed, as you asked when you replied REMATCH, and the pairing will not start: there is nothing more to answer in it. ${capitalised(partner)} is told only that the program is changing some introductions, never who asked.`;
}

/** To whoever replied END: it ended as they asked; the partner reads that one of them asked. */
function endedAsYouAsked(partner: string, started: boolean): string {
  return started
    ? `Your pairing with ${partner} has ended, as you asked when you replied END. Ending a pairing is always a fair choice: not every pairing fits. ${capitalised(partner)} is told that one of you asked to end it.`
    : `Your introduction to ${partner} is closed, as you asked when you replied END, and the pairing will not start: there is nothing more to answer in it. ${capitalised(partner)} is told that one of you asked not to go ahead.`;
}

/** The end's opening line: as the reader asked (REMATCH or END by reply), else the reason both read. */
function endOpening(input: PairingEndedInput, partner: string, started: boolean): string {
  if (input.askedForRematch) return asYouAsked(partner, started);
  if (input.askedToEnd && input.reason === 'participant-request') return endedAsYouAsked(partner, started);
  return started
    ? `Your pairing with ${partner} has ended. ${END_REASON_TEXT[input.reason]}`
    : `Your introduction to ${partner} is closed, and the pairing will not start: there is nothing more to answer in it. ${NOT_STARTED_REASON_TEXT[input.reason]}`;
}

export function pairingEnded(input: PairingEndedInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  if (input.started === false) {
    return renderEmail({
      template: 'pairingEnded',
      subject: `Your pairing with ${partner} will not start`,
      audience: 'waiting',
      to: input.to,
      program: input.program,
      title: 'Your pairing will not start',
      blocks: [
        paragraph(endOpening(input, partner, false)),
        paragraph(
          input.rematchRequested
            ? 'We are looking for someone new for you and will send an introduction email when there is a good match. There is nothing you need to do.'
            : withoutRematchText(input.otherwise ?? 'pool', input.program.admin.name),
        ),
      ],
    });
  }
  return renderEmail({
    template: 'pairingEnded',
    subject: `Your pairing with ${partner} has ended`,
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: 'Your pairing has ended',
    blocks: [
      paragraph(endOpening(input, partner, true)),
      paragraph(
        input.checkInsHeld > 0
          ? `Thank you for the ${countOf(input.checkInsHeld, 'meeting')} you had together: ${input.checkInsHeld === 1 ? 'it is' : 'they are'} recorded.`
          : 'Thank you for giving it a try.',
      ),
      ...openAfterEndBlocks(input),
      ...(input.pauseOverruled ? [pauseOverruledBlock(input.pauseOverruled, input.to.timeZone)] : []),
      paragraph(
        input.pauseOverruled
          ? afterOverruledPause(input.pauseOverruled, input.rematchRequested, input.otherwise ?? 'pool', input.program, input.to.timeZone)
          : input.rematchRequested
            ? 'We are looking for a new partner for you and will send an introduction email when there is a good match.'
            : withoutRematchText(input.otherwise ?? 'pool', input.program.admin.name),
      ),
    ],
  });
}
