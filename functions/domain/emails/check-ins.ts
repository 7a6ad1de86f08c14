import { bullets, heading, paragraph } from './blocks';
import { capitalised, countOf, formatDate, hasNextQuestion, nextQuestionSentence, partnerFirstName, type DateInput, type NextQuestion } from './format';
import type { Role } from '../participant';
import { exampleGoalLines, goalsBlocks } from './goals';
import { renderEmail } from './layout';
import { ATTACHMENTS_NOT_KEPT, awayPauseSentence, WITHOUT_A_PAUSE } from './replies';
import type { EmailBase, Partner, RenderedEmail } from './types';

export interface CheckInRequestInput extends EmailBase {
  partner: Partner;
  /** Start of the period asked about: the previous check-in, or the start of the pairing. */
  since: DateInput;
  answerBy: DateInput;
  /** Signed links: yes, no, and a rating link for each of 1..5 (in that order). */
  answerLinks: { yes: string; no: string; ratings: readonly [string, string, string, string, string] };
  /** Conversation starters for the pair's topics, different at each check-in (checkInStarters). */
  starters?: readonly string[];
  /** The pair's goals, quoted back: the reader's own and their partner's. */
  goals?: { mine?: readonly string[]; partner?: readonly string[] };
  /** The reader has no goals yet: this check-in asks for up to three. */
  askGoals?: boolean;
  /** The reader's role: the example goals are in their own voice. @default 'mentee' */
  role?: Role;
}

/** Sent to both partners at every check-in of the cadence. */
export function checkInRequest(input: CheckInRequestInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  const since = formatDate(input.since, input.to.timeZone);
  return renderEmail({
    template: 'checkInRequest',
    subject: `Check-in: did you meet ${partner} since ${since}?`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'A quick check-in',
    blocks: [
      paragraph(`Did you and ${partner} meet since ${since}? One line is enough; it keeps your pairing on track and helps us improve the program.`),
      ...(input.starters && input.starters.length > 0 ? [heading('Something to talk about next time'), bullets(...input.starters)] : []),
      ...goalsBlocks(input.goals ?? {}, input.partner.name),
      ...(input.askGoals
        ? [
            paragraph(
              'You have not named goals for this pairing yet. Add up to three to your reply, one per line under GOALS:, and both of you will get them back.',
            ),
          ]
        : (input.goals?.mine?.length ?? 0) > 0
          ? [paragraph('Goals can change as you go: to replace yours, add up to three new ones to your reply, one per line under GOALS:.')]
          : []),
    ],
    question: {
      prompt: `Did you meet ${partner} since ${since}? Reply YES or NO. If you met, add how it went from 1 (not useful) to 5 (very useful) and, if you like, a short note.`,
      replyExamples: [
        'YES 4 We tried writing the team update in a shared doc',
        ...(input.askGoals ? [['YES 4', ...exampleGoalLines(input.role)].join('\n')] : []),
        'YES',
        'NO',
      ],
      notes: ['Your rating and note are read by the program admin only, never by your partner.'],
      answerBy: input.answerBy,
      links: [
        { label: 'Yes, we met', url: input.answerLinks.yes },
        { label: 'No, not this time', url: input.answerLinks.no },
        ...input.answerLinks.ratings.map((url, i) => ({ label: `We met: ${i + 1} of 5`, url })),
      ],
    },
  });
}

export interface CheckInThanksInput extends EmailBase, NextQuestion {
  partner: Partner;
  checkInsHeld: number;
  /** Answered during a pause: check-ins start again after this date (no next date is named). */
  pausedUntil?: DateInput;
  /** Answered on a question kept open after the pairing ended early: no next check-in. */
  ended?: boolean;
  /** The rating just given, if any: a low one earns a pointer to the private channel. */
  rating?: number;
  /** Their note says they will be away: the PAUSE line that would pause the pairing then ("PAUSE from 21 December until 11 January"). */
  awayPause?: string;
  /** Their reply came with files, which are not kept or passed on (ATTACHMENTS_NOT_KEPT). */
  attachmentsNotKept?: boolean;
  /**
   * They answered NO, with a note that they will be away (`awayPause`): no meeting is recorded, and
   * the email is their answer's acknowledgement with that PAUSE line. Without a next question, the
   * next date is left out (their partner may still report a meeting that decides it).
   */
  notMet?: boolean;
}

export function checkInThanks(input: CheckInThanksInput): RenderedEmail {
  if (input.notMet) return awayAcknowledged(input);
  const partner = partnerFirstName(input.partner.name);
  // After an early end, no tip for the next session: there is none in this pairing.
  const low = !input.ended && input.rating !== undefined && input.rating <= 2;
  return renderEmail({
    template: 'checkInThanks',
    subject: 'Thank you for checking in',
    // After an early end, the footer of the end email: this pairing takes no PAUSE or END any more.
    audience: input.ended ? 'waiting' : 'participant',
    to: input.to,
    program: input.program,
    title: 'Thank you, it is recorded',
    blocks: [
      paragraph(
        `Thank you: your meeting with ${partner} is recorded. That makes ${countOf(input.checkInsHeld, 'meeting')} ${input.ended ? 'together in all' : 'so far'}.`,
      ),
      ...(low
        ? [
            paragraph(
              `It sounds like the last session was not very useful. That is common early on; trying a different format (a shared task instead of a conversation, say) often helps. If something is not working, ${input.program.admin.name} can help, privately.`,
            ),
          ]
        : []),
      paragraph(
        input.ended
          ? `Your pairing with ${partner} has ended, so no more check-ins come for it. Our separate email about the end says what happens next for you.`
          : input.pausedUntil
            ? `Your pairing is paused until ${formatDate(input.pausedUntil, input.to.timeZone)}; check-ins start again after that.`
            : hasNextQuestion(input)
              ? nextQuestionSentence(input, input.to.timeZone)
              : 'That was the last check-in: the end-of-program review comes next.',
      ),
      ...(input.awayPause && !input.ended && !input.pausedUntil ? [paragraph(awayPauseSentence(input.awayPause))] : []),
      ...(input.attachmentsNotKept ? [paragraph(ATTACHMENTS_NOT_KEPT)] : []),
    ],
  });
}

/**
 * A NO whose note says the writer will be away: recorded, and the PAUSE line that would cover the
 * days away, since without it the check-ins go on and count as missed (the nudge, the senior's note).
 */
function awayAcknowledged(input: CheckInThanksInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'checkInThanks',
    subject: 'Thank you for checking in',
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Thank you, it is recorded',
    blocks: [
      paragraph(`Thank you for letting us know that you and ${partner} did not meet this time: your answer is recorded.`),
      ...(input.awayPause ? [paragraph(awayPauseSentence(input.awayPause)), paragraph(WITHOUT_A_PAUSE)] : []),
      ...(hasNextQuestion(input) ? [paragraph(nextQuestionSentence(input, input.to.timeZone))] : []),
      ...(input.attachmentsNotKept ? [paragraph(ATTACHMENTS_NOT_KEPT)] : []),
    ],
  });
}

export interface MissedCheckInNudgeInput extends EmailBase, NextQuestion {
  partner: Partner;
  /**
   * A check-in is still to come: a meeting the last one missed is reported by answering YES to it
   * (it asks about meetings since the closed one was asked), as the closed one takes no answer.
   */
  checkInLeft?: boolean;
  /**
   * Only the end-of-program review is left, and it is out or about to be (FinalReviewArrives): no
   * meeting "before it" is then suggested, nor a PAUSE to resume later.
   */
  finalReviewArrives?: FinalReviewArrives;
}

/**
 * After the last check-in, the end-of-program review is not ahead of the email for its reader
 * (pairing/mail.ts, finalReviewAsNudged): `sent` it reached them before this one; `today` it
 * reaches them later on the day this one goes, or with it. The email then says so, never that the
 * review "comes next" (QA: both arrived together).
 */
export type FinalReviewArrives = 'sent' | 'today';

/** What the email says of an end-of-program review that has come, or comes today, and why to answer it though the pair did not meet. */
const reviewOutSentences = (arrives: FinalReviewArrives, partner: string) =>
  `That was the last check-in, and your end-of-program review ${arrives === 'sent' ? 'has come' : 'comes today'}, in a separate email. It asks how your pairing with ${partner} went as a whole, not only lately, so please answer it even though you could not meet this time.`;

/** First rung of the ladder, to both: friendly, practical, no blame. */
export function missedCheckInNudge(input: MissedCheckInNudgeInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  // No check-in or milestone review is left: "book your next three sessions" would be advice for
  // sessions the program no longer asks about; what comes is the end-of-program review (QA finale3).
  const last = !input.checkInLeft && !hasNextQuestion(input);
  if (last && input.finalReviewArrives) return reviewAlreadyHere(input, partner, input.finalReviewArrives);
  if (last) {
    const review = input.finalReviewNextOn ? `, on ${formatDate(input.finalReviewNextOn, input.to.timeZone)}` : '';
    return renderEmail({
      template: 'missedCheckInNudge',
      subject: `One more session with ${partner}?`,
      audience: 'participant',
      to: input.to,
      program: input.program,
      title: 'Finding time for a last session',
      blocks: [
        paragraph(`It looks like you and ${partner} did not manage to meet this time. Diaries fill up; it happens to almost every pair.`),
        paragraph(
          `That was the last check-in: your end-of-program review comes next${review}. If you can, meet once more before it, even for 20 minutes, to look back together on what you learned; it makes the review easier to answer.`,
        ),
        paragraph('If now is simply the wrong moment, reply PAUSE with a date to resume.'),
      ],
    });
  }
  return renderEmail({
    template: 'missedCheckInNudge',
    subject: `Time for your next session with ${partner}?`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Finding time again',
    blocks: [
      paragraph(`It looks like you and ${partner} did not manage to meet this time. Diaries fill up; it happens to almost every pair.`),
      heading('A tip that works for many pairs'),
      bullets(
        'Book your next three sessions now, at the same time each time, so they stop competing with everything else.',
        'Short counts: 20 minutes on one question is better than waiting for a free hour.',
        'Meet where you already are: a video call between meetings, or a coffee on an office day.',
      ),
      paragraph(
        `${hasNextQuestion(input) ? `${nextQuestionSentence(input, input.to.timeZone)} ` : ''}If now is simply the wrong moment, reply PAUSE with a date to resume.`,
      ),
      // A reply to this email cannot record a meeting (it asks no question; docs/lifecycle.md, "A
      // meeting the last check-in missed"): the way that does, said before anyone tries (QA quiet4).
      ...(input.checkInLeft
        ? [
            paragraph(
              'Did you meet after all? The last check-in has closed and takes no answer now, and a reply here cannot record a meeting: answer YES to your next check-in instead, with the day you met. It then counts as held, and these follow-ups stop.',
            ),
          ]
        : []),
    ],
  });
}

/**
 * The nudge after the last check-in when the end-of-program review has come already, or comes the
 * same day (QA: both arrived together, the nudge asking to "meet once more before it"): what the
 * review asks, so that a pair who did not meet this time still answers it; a last session is
 * still welcome, but no longer before the review.
 */
function reviewAlreadyHere(input: MissedCheckInNudgeInput, partner: string, arrives: FinalReviewArrives): RenderedEmail {
  return renderEmail({
    template: 'missedCheckInNudge',
    subject: `After your last check-in with ${partner}: the end-of-program review`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Your end-of-program review',
    blocks: [
      paragraph(`It looks like you and ${partner} did not manage to meet this time. Diaries fill up; it happens to almost every pair.`),
      paragraph(reviewOutSentences(arrives, partner)),
      paragraph(
        'Meeting once more to look back together on what you learned is still welcome, even for 20 minutes; you need not wait for that meeting to answer the review.',
      ),
    ],
  });
}

export interface SeniorCommitmentNoteInput extends EmailBase, NextQuestion {
  partner: Partner;
  missedCount: number;
  /** No check-in or milestone is left: the end-of-program review comes next. */
  finalReviewNext?: boolean;
  /** No check-in or milestone is left, and the end-of-program review is out or about to be: said so, in place of `finalReviewNext`. */
  finalReviewArrives?: FinalReviewArrives;
  /** Every program admin is one of the pair: no admin was told (mail.ts, toAdmins), so none is said to be. */
  noAdminOutsidePair?: boolean;
}

/**
 * Second rung, to the mentee only: the senior leader is the one who can make time appear, and the
 * junior mentor is the one least able to chase. Firm about the commitment, respectful in tone.
 */
export function seniorCommitmentNote(input: SeniorCommitmentNoteInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'seniorCommitmentNote',
    subject: `Your commitment to ${partner}`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'About the time you committed',
    blocks: [
      paragraph(
        `${countOf(input.missedCount, 'check-in')} in a row ${input.missedCount === 1 ? 'has' : 'have'} passed without a meeting with ${partner}. We know a senior diary is full, so we are writing to you directly rather than to both of you.`,
      ),
      paragraph(
        `When you joined, you committed to protecting this time. ${capitalised(partner)} is earlier in their career and may not feel able to ask a senior leader for a meeting, so the next step is most likely to happen if it comes from you.`,
      ),
      heading('What would help now'),
      // After the last check-in (only the end-of-program review is left) no session is left to book
      // and nothing to resume: a PAUSE would only hold the review back, so it is not offered.
      !onlyFinalReviewLeft(input)
        ? bullets(
            `Suggest two or three times to ${partner} this week, and book a recurring slot.`,
            'If the coming weeks truly cannot work, reply PAUSE with the date to resume: a planned pause is better than silence.',
            `If the pairing is not right, write to ${input.program.admin.name}: ending is possible, without blame on either side.`,
          )
        : bullets(
            `Suggest a last session to ${partner}, even 20 minutes, to look back together on what you learned.`,
            `If the pairing was not right, write to ${input.program.admin.name}: it helps the program, without blame on either side.`,
          ),
      paragraph(
        `${seniorWhatComes(input, partner)}${
          input.noAdminOutsidePair
            ? 'Every admin of the program is part of your pairing, so no admin has been told; if you need help, your HR team can ask someone outside your pairing.'
            : 'The program admin has been told that check-ins were missed, so they can help if needed.'
        }`,
      ),
    ],
  });
}

/** No check-in or milestone is left for the senior, only the end-of-program review (next, come or coming today). */
function onlyFinalReviewLeft(input: SeniorCommitmentNoteInput): boolean {
  return !hasNextQuestion(input) && (input.finalReviewArrives !== undefined || input.finalReviewNext === true);
}

/** The senior's note on what comes: the next question on its date, or the end-of-program review, next or already out; with a space after it. */
function seniorWhatComes(input: SeniorCommitmentNoteInput, partner: string): string {
  if (hasNextQuestion(input)) return `${nextQuestionSentence(input, input.to.timeZone)} `;
  if (input.finalReviewArrives) return `${reviewOutSentences(input.finalReviewArrives, partner)} `;
  return input.finalReviewNext ? 'The end-of-program review comes next. ' : '';
}
