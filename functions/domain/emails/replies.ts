import { afterRematchEnd, pauseDecidedText } from './admin';
import { paragraph, quote } from './blocks';
import { laterResumeExample, LOOKING_FOR_PARTNER, WAITLIST_NEXT, withoutRematchText, type WithoutRematch } from './control';
import { atIntroduction, awayExample, insteadOfNewPartner, type FooterReader } from './footer';
import type { IntroductionComing } from './introduction-coming';
import { replyToItsOwnEmails, unnamedPairingLine, unnamedPartners } from './unnamed-partners';
import { formatDate, formatDeadline, fullNameOrErased, joinAnd, maskAddress, partnerFirstName, type DateInput } from './format';
import { renderEmail } from './layout';
import { pauseExample, pauseWindowOf } from './pause-example';
import type { AnsweredAs, Decided } from '../admin-answer';
import type { EndReason } from '../pairing/model';
import type { MetRoute } from '../pairing/met-route';
import type { PartnerCalls } from '../replies/standing-target';
import type { AnswerLink, Block, EmailBase, ParticipantAudience, RenderedEmail } from './types';

/** Answers to replies the inbound path could not record as they were. */

/**
 * Who wrote the reply: a participant, or an admin answering an admin question (a pairing decision,
 * a matching approval). An admin reads an admin's email: no participant footer, whose "reply STOP"
 * an admin question's address would read as a decision to end the pairing.
 */
export interface ReplyNoticeReader {
  /** A participant's footer follows their pairings (participantAudience); default `participant`. */
  reader?: ParticipantAudience | 'admin';
}

export interface ClarificationRequestInput extends EmailBase, ReplyNoticeReader {
  /** The first lines of their reply, quoted back so they see what we read. */
  quotedReply: string;
  /** What we understood, in a sentence (e.g. "a YES, but no rating between 1 and 5"). */
  understood: string;
  /** The question, asked again. */
  prompt: string;
  replyExamples: readonly string[];
  answerBy?: DateInput;
  answerLinks: readonly AnswerLink[];
}

export function clarificationRequest(input: ClarificationRequestInput): RenderedEmail {
  return renderEmail({
    template: 'clarificationRequest',
    subject: 'Could you say that again? We did not quite understand your reply',
    audience: input.reader ?? 'participant',
    to: input.to,
    program: input.program,
    title: 'Could you say that again?',
    blocks: [
      paragraph('Thank you for your reply. We read:'),
      quote(input.quotedReply.length > 500 ? `${input.quotedReply.slice(0, 500)}...` : input.quotedReply),
      paragraph(`What we understood: ${input.understood}. We did not want to record the wrong thing, so nothing has been recorded yet.`),
    ],
    question: {
      prompt: input.prompt,
      replyExamples: input.replyExamples,
      ...(input.answerBy === undefined ? {} : { answerBy: input.answerBy }),
      links: input.answerLinks,
    },
  });
}

export interface QuestionClosedInput extends EmailBase, ReplyNoticeReader {
  /** What the reply was about, e.g. "the check-in about your meetings since Monday 1 March". */
  question: string;
  closedOn: DateInput;
  /** `closedOn` is the deadline the question's email stated: it is named as that email named it (formatDeadline). */
  atDeadline?: boolean;
  /** Set when this person had already answered it (on that date): the first answer counts. */
  answeredOn?: DateInput;
  /** An admin question answered (on `answeredOn`; a matching approval, a pairing's decision): who answered it, and what was decided. */
  answeredAs?: AnsweredAs;
  /** When the next question comes, if one is planned and that date still holds. */
  nextOn?: DateInput;
  /** A newer question to this person is open now. */
  waiting?: boolean;
  /** The pairing is paused until then: no date before it can be promised. */
  pausedUntil?: DateInput;
  /** A question will come, on a date not known yet (a pause moved the plan). */
  later?: boolean;
  /**
   * With nothing else to come from the pairing: where the person stands now, as an answer to a
   * command would say it (`standingOf`, `afterEndOf`). No partner can come (they stopped answering,
   * left, finished; the program closed), a new partner is looked for, or the next matching run may
   * offer one. Never "nothing else is needed" to someone who is out of the program (QA rematch4).
   */
  standing?: NoPartnerToCome;
  afterEnd?: 'new-partner' | 'pool' | 'waitlisted';
  /**
   * To an admin: the pair's pairing ended since the question was asked, other than by the decision
   * the note already names (`endedSinceOf`): when, why in neutral words, and where each of the pair
   * who still takes part stands now, so that a decision the admin just sent reads as moot.
   */
  endedSince?: PairingEndedSince;
  /**
   * The reply to a closed check-in said the pair met: where that meeting still counts in the check-in's
   * pairing (pairing/met-route.ts, metRoute), by answering YES with the day to a check-in, which asks
   * about the meetings since (docs/lifecycle.md, "A meeting the last check-in missed"; QA quiet4):
   * `open`, the check-in waiting in their inbox; `next`, the next check-in (a newer question waiting
   * then is no check-in, and records no meeting; QA raw replies). Absent when no check-in is left.
   */
  metLate?: MetRoute;
  /**
   * The reader's current pairing waits at an introduction that has not reached them yet (a decline,
   * then an automatic rematch: introduction-coming.ts): the note says when it comes instead of "the
   * next question", and its footer offers NO and REMATCH for once it arrives, never as replies to an
   * introduction in their inbox (the closed one is the only one there).
   */
  introductionComing?: IntroductionComing;
}

const ANSWERED_BY: Record<Exclude<AnsweredAs['by'], 'nobody'>, string> = {
  you: 'by you',
  'another-admin': 'by another admin of the program',
  'admin-api': 'through the admin API',
};

const DECIDED: Record<Exclude<AnsweredAs['decision'], 'pause' | 'rematch' | 'not-approved'>, string> = {
  approved: 'the proposal was approved, and its pairs are starting',
  rejected: 'the proposal was rejected, so none of its pairs start; to match these people, request matching again for a new proposal',
  continue: 'the pairing continues',
  end: 'the pairing has ended',
};

/** Who of the pair waits for a new partner, as the rematch policy applies it; who was past their own cap is not known here. */
const UNKNOWN_PAIR = { mentor: 'the mentor', mentee: 'the mentee' };

function decided(a: AnsweredAs, tz: string, program: QuestionClosedInput['program']): string {
  if (a.decision === 'pause') return pauseDecidedText(a.pausedUntil, a.pausedFrom, tz);
  // As "Decision needed" and adminRematchHeld say it (emails/admin.ts): at rematch.maxAttempts 0 the
  // pair waits on the waitlist for the admins, and once the program has closed no new pairing starts.
  if (a.decision === 'rematch')
    return `the pairing has ended${afterRematchEnd(program, UNKNOWN_PAIR, { cappedUnknown: true, programClosed: program.closed === true })}`;
  if (a.decision === 'not-approved') return 'the proposal closed without approval, so nobody was introduced';
  return DECIDED[a.decision];
}

/** Who answered an admin question first: named when known, else every one who could have. */
function answeredBy(input: QuestionClosedInput, answeredOn: DateInput, tz: string): string {
  const on = formatDate(answeredOn, tz);
  if (!input.answeredAs || input.answeredAs.by === 'nobody')
    return `which was already answered on ${on}, by you, another admin of the program or through the admin API`;
  return `which was already answered on ${on} ${ANSWERED_BY[input.answeredAs.by]}: ${decided(input.answeredAs, tz, input.program)}`;
}

/**
 * An admin question nobody answered by its deadline (`answeredAs.by` is `nobody`): what its silence
 * decided, as the question's email promised, and what the admin can still do now. A reply to it
 * acts on nothing (an admin has no standing address): only the admin API does.
 */
function silenceDecided(input: QuestionClosedInput, silence: AnsweredAs, tz: string): Block[] {
  const closed = `Thank you for answering. Your reply was about ${input.question}, which closed at the end of ${formatDeadline(input.closedOn, tz)} with no answer from any admin, so it could not be recorded.`;
  if (silence.decision === 'not-approved')
    return [
      paragraph(`${closed} As the approval email said, with no answer the proposal closed without approval, so nobody was introduced.`),
      paragraph(
        'To match these people, request matching again for a new proposal (POST /programs/{programId}/matching on the admin API), and approve that one.',
      ),
    ];
  const pairing = silence.pairingId ?? '{pairingId}';
  // Ended since (a member's STOP or END, a departure): nothing is left to change through the API.
  if (input.endedSince)
    return [
      paragraph(`${closed} As the decision email said, with no answer the pairing continued as it was.`),
      ...endedSinceBlocks(input.endedSince, tz),
      paragraph(`GET /pairings/${pairing} on the admin API shows where the pairing stands.`),
    ];
  return [
    paragraph(`${closed} As the decision email said, with no answer the pairing continued as it was.`),
    // Paused since (by a member, or the admin API): said before what can be done now.
    ...(input.pausedUntil !== undefined
      ? [paragraph(`The pairing is paused until ${formatDate(input.pausedUntil, tz)}; questions start again after that.`)]
      : []),
    paragraph(
      `To change that now, use the admin API: POST /pairings/${pairing}/pause with the day it should resume ({"until": "YYYY-MM-DD"}), or POST /pairings/${pairing}/end, with {"rematch": true} to end it with a rematch. GET /pairings/${pairing} shows where the pairing stands.`,
    ),
  ];
}

/** Something still comes from the pairing: a newer question, a pause's end, a dated or a later question. */
const hasNext = (input: QuestionClosedInput) =>
  input.waiting === true || input.introductionComing !== undefined || input.pausedUntil !== undefined || input.nextOn !== undefined || input.later === true;

/** The note's last word on what comes next: never a date the lifecycle will not keep. */
function afterClosedSentence(input: QuestionClosedInput, tz: string): string {
  if (input.waiting) return 'A newer question is already waiting in your inbox; please answer that one.';
  // An admin reads of the pair's pairing, and of its pause once only when that was the decision.
  if (input.pausedUntil !== undefined && input.answeredAs?.decision !== 'pause')
    return `${input.reader === 'admin' ? 'The' : 'Your'} pairing is paused until ${formatDate(input.pausedUntil, tz)}; questions start again after that.`;
  if (input.nextOn !== undefined) return `The next question comes on ${formatDate(input.nextOn, tz)}; please answer that one when it arrives.`;
  if (input.reader !== 'admin' && input.introductionComing !== undefined)
    return `Your introduction to a new partner comes by email ${comingWhen(input.introductionComing, tz)}; please answer that one when it arrives.`;
  if (input.later) return 'The next question will come by email; please answer that one when it arrives.';
  if (input.reader !== 'admin' && input.standing) return noPartnerSentence(input.standing, input.program);
  if (input.reader !== 'admin' && input.afterEnd === 'new-partner') return LOOKING_FOR_PARTNER;
  if (input.reader !== 'admin' && input.afterEnd === 'pool') return withoutRematchText('pool', input.program.admin.name);
  if (input.reader !== 'admin' && input.afterEnd === 'waitlisted')
    return `You are on the waitlist: ${WAITLIST_NEXT[0]!.toLowerCase()}${WAITLIST_NEXT.slice(1)}`;
  return 'There is no open question for you right now; nothing else is needed from you.';
}

/** Where a meeting told to a closed check-in still counts (QuestionClosedInput.metLate). */
function metLateSentence(route: MetRoute, newerWaiting: boolean): string {
  if (route === 'open')
    return 'If you met since that check-in was asked, answer YES to the check-in waiting in your inbox, with the day you met: it asks about every meeting since, so the meeting then counts.';
  const next = 'answer YES to your next check-in, with the day you met: it asks about every meeting since, so the meeting then counts.';
  return newerWaiting
    ? `That newer question does not record meetings: if you met since that check-in was asked, ${next}`
    : `If you met since that check-in was asked, ${next}`;
}

export function questionClosed(input: QuestionClosedInput): RenderedEmail {
  const tz = input.to.timeZone;
  // An admin question is answered once for all the program's admins (or through the admin API):
  // the one writing may not be the one who answered it. Nobody answered one that closed in silence.
  const shared = input.reader === 'admin';
  const silence = shared && input.answeredAs?.by === 'nobody' ? input.answeredAs : undefined;
  const answeredOn = silence ? undefined : input.answeredOn;
  const answeredTitle = shared ? 'That question has already been answered' : 'You have already answered that question';
  const title = answeredOn === undefined ? 'That question has already closed' : answeredTitle;
  // Their footer offers NO and REMATCH to an introduction not sent yet only for once it arrives.
  const coming = input.reader !== 'admin' && input.introductionComing !== undefined;
  const to: FooterReader = coming ? { ...input.to, introductionToCome: true } : input.to;
  return renderEmail({
    template: 'questionClosed',
    subject: title,
    audience: input.reader ?? 'participant',
    to,
    program: input.program,
    title,
    blocks: silence
      ? silenceDecided(input, silence, tz)
      : [
          paragraph(
            answeredOn === undefined
              ? `Thank you for answering. Your reply was about ${input.question}, which closed ${input.atDeadline ? `at the end of ${formatDeadline(input.closedOn, tz)}` : `on ${formatDate(input.closedOn, tz)}`}, so it could not be recorded.`
              : shared
                ? `Thank you. Your reply was about ${input.question}, ${answeredBy(input, answeredOn, tz)}. The first answer is the one that counts, so this reply was not recorded.`
                : `Thank you. Your reply was about ${input.question}, which you already answered on ${formatDate(answeredOn, tz)}. The first answer is the one that counts, so this reply was not recorded.`,
          ),
          ...(input.reader === 'admin' && input.endedSince ? endedSinceBlocks(input.endedSince, tz) : [paragraph(afterClosedSentence(input, tz))]),
          ...(input.metLate && answeredOn === undefined ? [paragraph(metLateSentence(input.metLate, input.waiting === true))] : []),
          // Someone out of the program, or back in the pool, was just told whom to write to.
          ...(input.reader === 'admin' || ((input.standing || input.afterEnd === 'pool') && !hasNext(input))
            ? []
            : [paragraph(`If there is something you wanted us to know, write to ${input.program.admin.name}.`)]),
        ],
  });
}

/**
 * To someone who answered an admin question (an approval, a decision) after HR removed them from
 * the program's admins: nothing was recorded, and the current admins decide.
 */
export function notAnAdmin(input: EmailBase): RenderedEmail {
  return renderEmail({
    template: 'notAnAdmin',
    subject: `Your answer was not recorded: you are no longer an admin of ${input.program.name}`,
    audience: 'admin',
    to: input.to,
    program: input.program,
    title: 'Your answer was not recorded',
    blocks: [
      paragraph(
        `We received your answer to a question sent to you as an admin of ${input.program.name}. You have since been removed from the program's admins, so your answer was not recorded and decides nothing.`,
      ),
      paragraph("The program's current admins decide now. If you should still be one of them, ask HR to add you to the program's admins again."),
    ],
  });
}

/**
 * Words never pause a pairing: the sentence with the PAUSE line that would, to the writer of a note
 * about being away (`withYes`: the note came with their YES to the introduction, as the pairing starts).
 */
export const awayPauseSentence = (line: string, withYes = false) =>
  withYes
    ? `When you said YES, you mentioned being away. Your check-ins do not pause by themselves: to pause your pairing for that time, reply to this email with just "${line}".`
    : `You mention being away. Your check-ins do not pause by themselves, and your note does not pause them: to pause your pairing then, reply to this email with just "${line}".`;

/** What follows without that PAUSE (QA quiet4: the nudge, then the senior's note, while away). */
export const WITHOUT_A_PAUSE = 'Without a pause, check-ins are still asked while you are away, and those without a meeting count as missed.';

/** One line for an answer that came with files: they are not kept (QA mail8: a check-in's PDF vanished without a word). */
export const ATTACHMENTS_NOT_KEPT =
  'Your reply came with attachments: only the words you write are read, and attachments are not kept or passed on. To share a file with your partner, send it to them directly.';

export interface DeclineRecordedInput extends EmailBase {
  /** The partner of the introduction they declined. */
  partner: { name: string };
  /** The day read from their NO (YYYY-MM-DD): the rematch policy offers them nobody before it. */
  availableFrom: string;
  /** The program's last day for new pairings (its `endDate`), when it comes before `availableFrom`. */
  matchingEndsOn?: string;
  /** The reply came with attachments, which are not kept. */
  attachmentsNotKept?: boolean;
  /** Their footer, from their pairings now: another pairing may run. @default 'waiting' */
  reader?: ParticipantAudience;
}

/**
 * To someone whose NO to an introduction named the day they are back, and was recorded: which day
 * was read, as the introduction's footer promised ("you are matched again from that date"), so a
 * day read wrongly can be put right (QA mail8: nothing confirmed it).
 */
export function declineRecorded(input: DeclineRecordedInput): RenderedEmail {
  const tz = input.to.timeZone;
  const partner = partnerFirstName(input.partner.name);
  const back = formatDate(input.availableFrom, tz);
  const admin = input.program.admin;
  return renderEmail({
    template: 'declineRecorded',
    subject: `Your answer is recorded: no new partner before ${back}`,
    audience: input.reader ?? 'waiting',
    to: input.to,
    program: input.program,
    title: 'Thank you, your answer is recorded',
    blocks: [
      paragraph(`Thank you for letting us know. Your introduction to ${partner} has closed, without blame on either of you.`),
      paragraph(
        input.matchingEndsOn !== undefined
          ? `We read that you are back on ${back}. ${input.program.name} pairs people only until ${formatDate(input.matchingEndsOn, tz)}, so no new partner will be found for you in it.`
          : `We read that you are back on ${back}: you will not be matched with a new partner before that day. From then on, a matching run may pair you again.`,
      ),
      paragraph(
        admin.inPair
          ? 'If that is not the day you meant, tell the program team.'
          : `If that is not the day you meant, write to ${admin.name} at ${admin.email}.`,
      ),
      ...(input.attachmentsNotKept ? [paragraph(ATTACHMENTS_NOT_KEPT)] : []),
    ],
  });
}

export interface NotTheParticipantInput extends EmailBase, ReplyNoticeReader {
  /** The address the reply came from: shown masked, so its owner can recognise it. */
  otherAddress: string;
  /**
   * `otherAddress` is the reader's own former address, which HR replaced with the one this notice
   * goes to (domain/replies/former-address.ts): the email was sent there, and the reader is told
   * their address changed, not that someone else wrote. `question`: the question it answered, still
   * open, asked again (this notice then carries that question's reply address).
   */
  formerAddress?: { question?: RepeatedQuestion };
  /**
   * From another address (not `formerAddress`): the participant's question it answered, still
   * open, asked again (this notice then carries that question's reply address).
   */
  question?: RepeatedQuestion;
}

/** A question asked again in a notice, as a clarification asks it. */
interface RepeatedQuestion {
  prompt: string;
  replyExamples: readonly string[];
  answerBy?: DateInput;
  answerLinks: readonly AnswerLink[];
}

const NOT_RECORDED_SUBJECT = 'A reply from another address was not recorded';

/** To the real participant when a reply came from another address: nothing was recorded. */
export function notTheParticipant(input: NotTheParticipantInput): RenderedEmail {
  const { title, blocks, question } = input.formerAddress
    ? fromFormerAddress(input, input.formerAddress.question)
    : {
        title: 'A reply was not recorded',
        blocks: [
          paragraph(
            `We received a reply to one of our emails to you, sent from another address (${maskAddress(input.otherAddress)}). To protect your answers, we only record replies from the address this email was sent to, so nothing was recorded.`,
          ),
          paragraph(
            `${
              input.question
                ? 'If it was you, for example from a personal account: the question it answered is still open, and is asked again below. Reply to this email from this address, and your answer counts.'
                : 'If it was you, for example from a personal account, please answer again from this address.'
            } If it was not you, there is nothing to do${input.reader === 'admin' ? '.' : '; you may want to tell the program admin.'}`,
          ),
        ],
        question: input.question,
      };
  return renderEmail({
    template: 'notTheParticipant',
    subject: NOT_RECORDED_SUBJECT,
    audience: input.reader ?? 'participant',
    to: input.to,
    program: input.program,
    title,
    blocks,
    ...(question
      ? {
          question: {
            prompt: question.prompt,
            replyExamples: question.replyExamples,
            ...(question.answerBy === undefined ? {} : { answerBy: question.answerBy }),
            links: question.answerLinks,
          },
        }
      : {}),
  });
}

/**
 * A reply from the reader's former address (docs/inbound.md, "A reply from a former address"). It
 * goes only to the address they have now, so it names that one as "this address" and the former
 * one masked: nothing is ever written to the old mailbox, which may be someone else's by now. The
 * subject stays the notice's one subject; the title and text say what happened, and the question,
 * while it is open, is asked again below them.
 */
function fromFormerAddress(input: NotTheParticipantInput, question: RepeatedQuestion | undefined) {
  const admin = input.program.admin;
  return {
    title: 'A reply from your previous address was not recorded',
    blocks: [
      paragraph(
        `We received a reply to one of our emails from your previous address (${maskAddress(input.otherAddress)}). Your address for ${input.program.name} has been changed to this one, and replies are now recorded only from this address, so nothing was recorded.`,
      ),
      paragraph(
        question
          ? 'That reply was to a question that is still open: please answer it again from this address, as shown below.'
          : 'Our emails now come to this address: please reply to them from here.',
      ),
      paragraph(
        `If that mailbox is no longer yours and you did not write, there is nothing to do: nothing sent from it is recorded. If your address should not have changed, write to ${admin.name} at ${admin.email}.`,
      ),
    ],
    question,
  };
}

/**
 * To a person who wrote to their standing address (the Reply-To of emails that ask nothing)
 * something other than a command: what that address accepts. Nothing was recorded.
 */
export interface StandingAddressHelpInput extends EmailBase, ReplyNoticeReader {
  /**
   * A command that could not be acted on, and why (PAUSE with a day that has passed, a STOP with a
   * time limit that reads as a break): said first, with what to write instead. Shown to someone
   * with a pairing running (the command acts there).
   */
  notActedOn?: NotActedOn;
  /** No partner can come any more (`standingOf`): no word but CONCERN acts, and nothing is promised. */
  standing?: NoPartnerToCome;
  /**
   * They wrote that they met (it reads as a check-in's YES or rating): where that meeting can
   * still be reported so that it counts (pairing/met-route.ts). Absent when no check-in is left.
   */
  metRoute?: MetRoute;
  /**
   * At an introduction (reader `introduced-elsewhere`): their own introduction email has not gone
   * out yet (introductionComing). The help says when it comes and what to answer it then, never to
   * answer one not in their inbox, and leaves out REMATCH, which this address does not act on until
   * then (inbound-mail.ts, standingControls).
   */
  introductionComing?: IntroductionComing;
}

/** How a meeting told to the standing address still counts: by the check-in open now, or the next one. */
const MET_ROUTE: Record<MetRoute, string> = {
  open: 'If you wrote to tell us you met: your check-in email is waiting for your answer. Reply YES to it, with the day you met, and the meeting counts.',
  next: 'If you wrote to tell us you met: answer YES to your next check-in email, with the day you met. It asks about every meeting since the last check-in, so the meeting then counts.',
};

/** A command the person gave that did nothing, and the reading's reason why. */
export interface NotActedOn {
  readonly command: 'pause' | 'stop' | 'resume';
  readonly why: string;
}

/** The opening of the note on a command not acted on: the subject, the title and the first paragraph. */
function notActedOnOpening(n: NotActedOn, admin: string): { subject: string; title: string; first: string; words: string } {
  const ended = /[.!?)]$/.test(n.why) ? n.why : `${n.why}.`;
  // After "Nothing was paused:" the reading's own sentence goes on in lower case ("the reply mentions ..."), an acronym or a quote as written.
  const why = /^\p{Lu}\p{Ll}/u.test(ended) ? `${ended[0]!.toLowerCase()}${ended.slice(1)}` : ended;
  if (n.command === 'resume')
    return {
      subject: 'Your RESUME was not acted on: reply PAUSE with an earlier day',
      title: 'Your RESUME was not acted on',
      first: `Thank you for writing. ${ended} A paused pairing resumes by itself on the day its pause email named. To start again sooner, reply PAUSE with an earlier day: "PAUSE for 1 day" resumes it tomorrow, and both of you are told. You can also write to ${admin}.`,
      words: 'Reply to this email with any of these words, at the start of a reply:',
    };
  return n.command === 'stop'
    ? {
        subject: 'Your STOP was not acted on: a break, or leaving the program?',
        title: 'Your STOP was not acted on',
        first: `Thank you for writing. You are still in the program: ${why}`,
        words: 'Reply to this email with any of these words, at the start of a reply:',
      }
    : {
        // Only a date that could not be used asks for another date; a PAUSE inside a sentence asks for it on a line of its own.
        subject: /inside a sentence/u.test(n.why)
          ? 'Your PAUSE was not acted on: please write it on a line of its own'
          : 'Your PAUSE was not acted on: please give another date',
        title: 'Your PAUSE was not acted on',
        first: `Thank you for writing. Nothing was paused: ${why}`,
        words: 'Reply to this email with it, or with any of these words, at the start of a reply:',
      };
}

export function standingAddressHelp(input: StandingAddressHelpInput): RenderedEmail {
  // Only the words that can act on where this person stands, as their footer offers them: someone
  // waiting to be matched has no pairing to pause, end or change; a pairing at its introduction has
  // nothing to pause yet, and NO to the introduction declines it.
  const reader = input.reader ?? 'participant';
  const instead = insteadOfNewPartner(input.to, input.program);
  // Before their introduction has reached them, no partner is named and REMATCH here changes nothing.
  const coming = atIntroduction(reader) && reader !== 'introduced-answered' ? input.introductionComing : undefined;
  // Someone whose pairings all completed: STOP only stops the program's email, as their footer
  // says; once they replied STOP, it is offered no more (QA finale3).
  const reading = input.to as FooterReader;
  const completed = reading.completedProgram === true;
  const stop = !completed
    ? { word: 'STOP', text: 'STOP, to leave the program.' }
    : reading.mailStopped
      ? undefined
      : { word: 'STOP', text: 'STOP, to hear nothing more from the program unless you write to us: your completed pairing stays on record.' };
  // A PAUSE example taken when sent back (pause-example.ts), as the footer's: near the last day a
  // pause may run to (the program's pauseBound, when the email is about a pairing), that day; on or
  // after it none, and no PAUSE is offered. Without a bound ("PAUSE for 3 weeks") nothing refuses it.
  const pauseWindow = pauseWindowOf(input.to, input.program);
  const pauseReply = reader === 'participant' ? pauseExample(pauseWindow, [{ weeks: 3 }, 'last-day']) : undefined;
  const noLater =
    pauseReply?.startsWith('PAUSE until') && pauseWindow.lastDay !== undefined ? `, no later than ${formatDate(pauseWindow.lastDay, input.to.timeZone)}` : '';
  const words: { word: string; text: string }[] = [
    ...(pauseReply
      ? [
          {
            word: 'PAUSE',
            text: `PAUSE, to take a break from your pairing, with how long or the date to resume if you know it${noLater} (for example "${pauseReply}").`,
          },
        ]
      : []),
    ...(reader === 'participant' ? [{ word: 'END', text: 'END, to end your pairing early.' }] : []),
    ...(reader === 'waiting' || coming
      ? []
      : [
          {
            word: 'REMATCH',
            text: instead
              ? `REMATCH, to end your pairing without blame on either side: then ${instead}.`
              : 'REMATCH, to ask for a new partner: your pairing ends and both of you are offered someone new, without blame on either side.',
          },
        ]),
    ...(stop ? [stop] : []),
    {
      word: 'CONCERN',
      text: 'CONCERN and what is on your mind, to raise something privately: only the program admins read it, and your partner never sees it.',
    },
  ];
  // Someone no partner can come to any more (they left, or the program closed): STOP changes nothing either.
  const gone = reader === 'waiting' ? input.standing : undefined;
  const former = input.to.noLongerTakingPart === true;
  const kept = (w: { word: string }) => w.word === 'CONCERN' || (completed && w.word === 'STOP');
  // DATA and ERASE: every address of a participant takes them, whatever their standing (inbound-mail.ts
  // reads them before anything else; docs/replies.md, Data rights), so the list that says what the
  // address "only takes" names them too (QA: they were listed only to someone no longer taking part).
  const rights =
    reader === 'admin'
      ? []
      : [
          { word: 'DATA', text: 'DATA, for a copy of the data the program holds about you (we send you a link to confirm first).' },
          { word: 'ERASE', text: 'ERASE, to have your data erased (we send you a link to confirm first).' },
        ];
  const offered = [...(gone || former ? words.filter((w) => kept(w) && !(former && w.word === 'STOP')) : words), ...rights];
  const list = offered.map((w) => w.word);
  const listed = list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} or ${list.at(-1)!}`;
  const why = reader === 'participant' && input.notActedOn ? notActedOnOpening(input.notActedOn, input.program.admin.name) : undefined;
  // Their footer offers NO to the introduction for when it arrives.
  const to: FooterReader = coming ? { ...input.to, introductionToCome: true } : input.to;
  return renderEmail({
    template: 'standingAddressHelp',
    subject: why ? why.subject : `Your reply was not recorded: this address takes ${listed}`,
    audience: reader,
    to,
    program: input.program,
    title: why ? why.title : 'Your reply was not recorded',
    blocks: [
      ...(why
        ? [paragraph(why.first), paragraph(why.words)]
        : [
            paragraph(
              offered.length === 1
                ? 'Thank you for writing. The email you answered asked no question, so its reply address only takes this word, at the start of a reply:'
                : 'Thank you for writing. The email you answered asked no question, so its reply address only takes these words, at the start of a reply:',
            ),
          ]),
      ...offered.map((w) => paragraph(w.text)),
      ...(gone ? [paragraph(noPartnerSentence(gone, input.program))] : []),
      ...(reader === 'waiting' && !gone
        ? [paragraph('Once you have a partner, the emails about your pairing say how to pause it, end it or ask for someone new.')]
        : []),
      ...(coming && reader !== 'admin' ? [paragraph(atIntroductionText({ to: input.to, reader, introductionComing: coming }))] : []),
      ...((reader === 'introduced' || reader === 'introduced-elsewhere') && !coming
        ? [paragraph('To accept or decline your partner, reply YES or NO to your introduction email.')]
        : []),
      ...(reader === 'introduced-answered'
        ? [paragraph('You have already answered your introduction; your pairing starts once your partner has said YES too.')]
        : []),
      ...(reader === 'participant' && !gone && input.metRoute ? [paragraph(MET_ROUTE[input.metRoute])] : []),
      paragraph(
        `Nothing was recorded. To answer a question, reply to the email that asked it. For anything else, write to ${input.program.admin.name} at ${input.program.admin.email}.`,
      ),
    ],
  });
}

/** A command that acts on a running pairing: PAUSE, END or REMATCH. */
export type PairingCommand = 'pause' | 'end' | 'rematch';

export interface NothingRunningInput extends EmailBase {
  /** What the person wrote. */
  command: PairingCommand;
  /** True when they wait to be matched (enrolled, on the waitlist or awaiting a rematch). */
  waiting: boolean;
  /** Their pairing waits for YES or NO to its introduction: PAUSE has nothing to act on yet. */
  introduced?: boolean;
  /**
   * With `introduced`: their own introduction email has not gone out yet (introductionComing), so
   * none is in their inbox to answer: it comes by email on that day, or shortly.
   */
  introductionComing?: IntroductionComing;
  /** The pairing the answered email was about has ended (the person may have others running). */
  ended?: boolean;
  /**
   * END or REMATCH to the standing address of someone with several pairings running that named
   * none of them: how they name each partner ("Sam"), and how many more of those pairings run with
   * a partner no reply can name (partnerCalls, standing-target.ts): counted and told, never offered
   * by name; a reply to one of that pairing's own emails ends it. Nothing ended.
   */
  whichPartner?: PartnerCalls;
  /** With `ended`: the partner the reply named ("END Cleo"), whose pairing with them has ended already. */
  formerPartner?: string;
  /** With `whichPartner`: the partners are in this and the person's other programs, so no one program is named. */
  acrossPrograms?: boolean;
  /**
   * With `ended`: what that end did for them, as their end email says it: a new partner looked for
   * or found (`afterEndOf`), or how they go on otherwise (control.ts). Unknown: they may ask the admin.
   */
  afterEnd?: 'new-partner' | WithoutRematch;
  /** PAUSE without a date to a pairing already paused until then: nothing to change. */
  pausedUntil?: DateInput;
  /** Their footer, from their pairings now (participantAudience). */
  reader?: ParticipantAudience;
  /** With no pairing running: no partner can come any more (`standingOf`); overrides `waiting`. */
  standing?: NoPartnerToCome;
}

/**
 * Why no partner will come to someone with no pairing running: the program has closed while they
 * waited, or they no longer take part (they left, finished, were withdrawn or stopped answering).
 * Answers to their replies then promise no match, only how to join a later program.
 */
export type NoPartnerToCome = 'closed' | 'gone';

const WAITING_STATUSES = new Set(['enrolled', 'waitlisted', 'awaiting-rematch', 'paired']);

/** Where a person with no pairing running stands (undefined: a partner may still come). */
export function standingOf(status: string | undefined, programHasClosed: boolean): NoPartnerToCome | undefined {
  if (status === undefined) return undefined;
  if (!WAITING_STATUSES.has(status)) return 'gone';
  return programHasClosed ? 'closed' : undefined;
}

/** The sentence for someone no partner will come to. */
function noPartnerSentence(standing: NoPartnerToCome, program: EmailBase['program']): string {
  const later = `To take part in a later program, write to ${program.admin.name} at ${program.admin.email}.`;
  return standing === 'closed'
    ? `${program.name} has closed, so no new partner will be found in it. ${later}`
    : `You are no longer taking part in ${program.name}, so nothing more is needed from you. ${later}`;
}

/**
 * Where someone with nothing more to come from their pairings stands, for "that question has
 * closed": no partner can come (`standingOf`), a new partner is looked for, the next matching run
 * may offer one, or they wait on the waitlist; nothing to say for anyone else (a paired person's
 * other pairing speaks for itself).
 */
export function afterClosedOf(status: string | undefined, programHasClosed: boolean): Pick<QuestionClosedInput, 'standing' | 'afterEnd'> {
  const standing = standingOf(status, programHasClosed);
  if (standing) return { standing };
  if (status === 'awaiting-rematch') return { afterEnd: 'new-partner' };
  if (status === 'enrolled') return { afterEnd: 'pool' };
  return status === 'waitlisted' ? { afterEnd: 'waitlisted' } : {};
}

/** Where one of an ended pairing's pair who still takes part stands now, as an admin reads it. */
export type StandsAfterEnd = 'new-partner' | 'paired' | 'pool' | 'waitlisted' | 'closed';

/** A pairing that ended after an admin question about it was asked, as the admin's closed notice tells it. */
export interface PairingEndedSince {
  /** When it ended. */
  readonly on: string;
  /** Why: the pairing's end reason, `completed` at the end of its plan, or `unknown` for a reason not known here. */
  readonly why: EndReason | 'completed' | 'unknown';
  /** Each of the pair who still takes part, by full name (erased: in words), and where they stand. */
  readonly stays: readonly { readonly name: string; readonly now: StandsAfterEnd }[];
}

/**
 * Why a pairing ended, in neutral words an admin may read: who of the pair asked is not said, and
 * neither is anything a person wrote (a note, a concern, the reason for a STOP).
 */
const ENDED_BECAUSE: Record<PairingEndedSince['why'], string> = {
  'participant-request': 'one of the pair ended it',
  'participant-rematch': 'one of the pair asked for a new partner',
  'participant-left': 'one of the pair left the program',
  'participant-withdrew': 'one of the pair left the program',
  'address-suppressed': 'email to one of the pair can no longer be delivered, so they take no further part',
  'not-a-fit': 'it was found not to be a good fit',
  'admin-decision': "the program's admins ended it",
  'admin-rematch': "the program's admins ended it with a rematch",
  'not-meeting': 'it was ended on request because the pair was not meeting',
  'circumstances-changed': 'it was ended on request because circumstances changed',
  'reporting-line-changed': 'a change of manager put the pair in one reporting line',
  'department-changed': "a change of department put the pair in the same department, which the program's rules do not allow",
  completed: 'it reached the end of its program',
  unknown: 'it ended early',
};

const STANDS: Record<StandsAfterEnd, (name: string) => string> = {
  'new-partner': (name) => `${name} is offered a new partner: one is being looked for, and they will be introduced when there is a good match.`,
  paired: (name) => `${name} is paired with someone else in the program.`,
  pool: (name) => `${name} stays in the program: the next matching run may offer them a new partner.`,
  waitlisted: (name) => `${name} is on the waitlist for a new partner: a matching run you approve may pair them.`,
  closed: (name) => `${name} is still in the program, but it has closed, so no new partner will be found for them in it.`,
};

/** The pairing ended since: said instead of "nothing else is needed", whatever the admin decided. */
function endedSinceBlocks(e: PairingEndedSince, tz: string): Block[] {
  return endedSinceParagraphs(e, tz).map((text) => paragraph(text));
}

/** The paragraphs telling an admin that a pairing ended since (the closed notice, and the page of the admin's link). */
export function endedSinceParagraphs(e: PairingEndedSince, tz: string): string[] {
  const ended = e.why === 'completed' ? 'The pairing has since completed' : 'The pairing has since ended';
  return [
    `${ended}, on ${formatDate(e.on, tz)}: ${ENDED_BECAUSE[e.why]}. No decision about it is needed any more, and none was recorded.`,
    // A pair that completed together has nothing more to be told of.
    ...(e.stays.length > 0
      ? [e.stays.map((s) => STANDS[s.now](s.name)).join(' ')]
      : e.why === 'completed'
        ? []
        : ['Neither of the pair takes part in the program any more.']),
  ];
}

/**
 * Why a pairing ended and where each of the pair who still takes part stands, in the neutral words
 * above, for the admins' weekly digest (emails/digest.ts): who of the pair asked is not said, and
 * neither is anything a person wrote.
 */
export function endedInWords(e: Pick<PairingEndedSince, 'why' | 'stays'>): { readonly because: string; readonly stands: readonly string[] } {
  return { because: ENDED_BECAUSE[e.why], stands: e.stays.map((s) => STANDS[s.now](s.name)) };
}

const ENDED_STATUSES = new Set(['ended', 'completed']);

/**
 * For an admin's reply to a question about a pairing that has since ended (a member's STOP or END,
 * a departure, a change of manager): when and why it ended, and where each of the pair who still
 * takes part stands (`people`, their statuses now). Undefined while the pairing has not ended, or
 * when the decision that settled the question is what ended it (`decided`: the note says so).
 */
export function endedSinceOf(
  pairing: { readonly status: string; readonly statusReason?: string; readonly endedAt?: string; readonly updatedAt?: string } | undefined,
  people: readonly { readonly name: string; readonly status: string | undefined }[],
  { decided, programHasClosed }: { readonly decided?: Decided; readonly programHasClosed: boolean },
): PairingEndedSince | undefined {
  if (!pairing || !ENDED_STATUSES.has(pairing.status)) return undefined;
  if (decided === 'end' || decided === 'rematch') return undefined;
  const on = pairing.endedAt ?? pairing.updatedAt;
  if (on === undefined) return undefined;
  const reason = pairing.statusReason;
  const why: PairingEndedSince['why'] =
    pairing.status === 'completed'
      ? 'completed'
      : reason !== undefined && reason in ENDED_BECAUSE && reason !== 'completed' && reason !== 'unknown'
        ? (reason as EndReason)
        : 'unknown';
  const stays = people.flatMap(({ name, status }) => {
    const now = standsAfterEnd(status, programHasClosed);
    return now ? [{ name: fullNameOrErased(name), now }] : [];
  });
  return { on, why, stays };
}

/** Where someone stands after their pairing ended (undefined: they take no part any more). */
function standsAfterEnd(status: string | undefined, programHasClosed: boolean): StandsAfterEnd | undefined {
  if (status === 'paired') return 'paired';
  if (status === undefined || standingOf(status, programHasClosed) === 'gone') return undefined;
  if (programHasClosed) return 'closed';
  if (status === 'awaiting-rematch') return 'new-partner';
  return status === 'enrolled' ? 'pool' : 'waitlisted';
}

/**
 * What the end of their pairing did for someone whose status is this now, as far as it tells: the
 * end offered them a new partner, who is being looked for (`awaiting-rematch`) or was found
 * (`paired`); or it put them back among the people the next matching run considers (`enrolled`),
 * as their end email said. Anyone else is told to write to the program team.
 */
export function afterEndOf(status: string | undefined): Pick<NothingRunningInput, 'afterEnd'> {
  if (status === 'awaiting-rematch' || status === 'paired') return { afterEnd: 'new-partner' };
  return status === 'enrolled' ? { afterEnd: 'pool' } : {};
}

/**
 * What someone whose pairing waits at its introduction can do: nothing once they answered it; YES
 * or NO to it when it is in their inbox; or, before it has reached them, when it comes by email,
 * and that they can then answer it so (never "reply to the introduction" with none to reply to).
 */
function atIntroductionText(input: Pick<NothingRunningInput, 'to' | 'reader' | 'introductionComing'>): string {
  if (input.reader === 'introduced-answered') return 'You have already answered your introduction; your pairing starts once your partner has said YES too.';
  const answers = `to begin, or NO with the date you are back${awayExample(input.to)}: the introduction then closes without blame, and you are matched again from that date.`;
  const coming = input.introductionComing;
  if (!coming) return `Reply YES to the introduction ${answers}`;
  return `Your introduction to your partner comes by email ${comingWhen(coming, input.to.timeZone)}. When it arrives, reply YES to it ${answers}`;
}

/** "on Tuesday 2 March 2027" (the day of the reader's own send time, in their zone), or "shortly". */
function comingWhen(coming: IntroductionComing, timeZone: string): string {
  return 'on' in coming ? `on ${formatDate(coming.on, timeZone)}` : 'shortly';
}

/**
 * END or REMATCH whose name is of no partner in a pairing they have been told of (a partner whose
 * introduction has not reached them: inbound-mail.ts, namesUntoldPartner), while one such pairing
 * runs: nothing ends, and only that pairing's partner is named; one no reply can name (undefined)
 * is not, and that pairing ends by a reply to one of its own emails.
 */
function whichOfOne(input: NothingRunningInput, partner: string | undefined): Block[] {
  const word = input.command.toUpperCase();
  const where = input.acrossPrograms ? 'in your programs' : `in ${input.program.name}`;
  return [
    paragraph(
      `Thank you for writing. You wrote ${word}, but the name in your reply is not that of your partner in the pairing you have running ${where}${partner === undefined ? '' : ` (with ${partner})`}, so nothing was changed: an ended pairing cannot be started again.`,
    ),
    paragraph(
      `To ${input.command === 'rematch' ? 'end it and be offered someone new' : 'end it'}, ${partner === undefined ? `${replyToItsOwnEmails(word)}.` : `reply "${word} ${partner}".`}`,
    ),
  ];
}

/**
 * END or REMATCH that ties to none of several running pairings: how many run (those whose partner
 * no reply can name counted too, never offered by a name), and how to end each one alone.
 */
function whichOfSeveral(input: NothingRunningInput, { names, unnamed }: PartnerCalls): Block[] {
  const word = input.command.toUpperCase();
  const endOne = input.command === 'rematch' ? 'end one and be offered someone new' : 'end one';
  const partners = unnamed > 0 ? [...names, unnamedPartners(unnamed)] : names;
  const how =
    names.length === 0
      ? `To ${endOne}, ${replyToItsOwnEmails(word)}.`
      : `To ${endOne}, reply ${word} with that partner's name: ${names.map((n) => `"${word} ${n}"`).join(' or ')}. You can also reply ${word} to that pairing's own check-in question.${unnamed > 0 ? ` ${unnamedPairingLine(word, unnamed)}` : ''}`;
  return [
    paragraph(
      `Thank you for writing. You wrote ${word}, but you have ${names.length + unnamed} pairings running${input.acrossPrograms ? ' in your programs' : ` in ${input.program.name}`} (with ${joinAnd(partners)}), and your reply does not say which one you meant, so nothing was changed: an ended pairing cannot be started again.`,
    ),
    paragraph(`${how} Your other pairings go on.`),
  ];
}

/** "Sam", "Sam and Tom", "Sam, Tom and Uma". */
const NOTHING_TO = { pause: 'Nothing to pause', end: 'Nothing to end', rematch: 'No pairing to change' } as const;

/**
 * To a person who wrote PAUSE, END or REMATCH to their standing address while no pairing of theirs
 * runs: nothing was changed, and where they stand.
 */
export function nothingRunning(input: NothingRunningInput): RenderedEmail {
  const word = input.command.toUpperCase();
  const thanks = 'Thank you for writing. You wrote';
  const writeToAdmin = `write to ${input.program.admin.name} at ${input.program.admin.email}`;
  const { subject, audience, title, blocks } = input.whichPartner
    ? {
        subject: 'Which pairing did you mean? Nothing was changed',
        audience: input.reader ?? 'participant',
        title: 'Which pairing did you mean?',
        blocks:
          input.whichPartner.names.length + input.whichPartner.unnamed === 1
            ? whichOfOne(input, input.whichPartner.names[0])
            : whichOfSeveral(input, input.whichPartner),
      }
    : input.introduced && input.command === 'pause'
      ? {
          subject: 'Nothing to pause yet: your pairing has not started',
          // Sent to the standing address, which takes no YES or NO: the footer names the introduction email.
          audience: input.reader ?? ('introduced-elsewhere' as const),
          title: 'Nothing to pause yet',
          blocks: [
            paragraph(`${thanks} PAUSE, but your pairing in ${input.program.name} has not started yet, so nothing was changed.`),
            paragraph(atIntroductionText(input)),
          ],
        }
      : input.pausedUntil !== undefined
        ? {
            subject: 'Your pairing is already paused',
            audience: input.reader ?? 'participant',
            title: 'Already paused',
            blocks: [
              paragraph(
                `${thanks} PAUSE, but your pairing in ${input.program.name} is already paused until ${formatDate(input.pausedUntil, input.to.timeZone)}, so nothing was changed.`,
              ),
              paragraph(
                `To change the date, reply PAUSE with the new one (for example "${laterResumeExample(input.pausedUntil, input.to.timeZone)}"). To resume earlier, ${writeToAdmin}.`,
              ),
            ],
          }
        : input.ended
          ? {
              subject: `${NOTHING_TO[input.command]}: that pairing has ended`,
              audience: input.reader ?? 'waiting',
              title: NOTHING_TO[input.command],
              blocks: [
                paragraph(
                  input.formerPartner
                    ? `${thanks} ${word}, but your pairing with ${input.formerPartner} has already ended, so nothing was changed: your other pairings go on.`
                    : `${thanks} ${word}, but the pairing the email you answered was about has already ended, so nothing was changed.`,
                ),
                paragraph(
                  input.reader === 'participant'
                    ? 'To pause, end or change a pairing that runs now, reply to an email about that pairing.'
                    : // A new pairing waits at its introduction: where that stands, never "if you would like a partner again".
                      input.introduced
                      ? atIntroductionText(input)
                      : input.standing
                        ? noPartnerSentence(input.standing, input.program)
                        : input.afterEnd === 'new-partner'
                          ? LOOKING_FOR_PARTNER
                          : input.afterEnd
                            ? withoutRematchText(input.afterEnd, input.program.admin.name)
                            : `If you would like a partner again, ${writeToAdmin}.`,
                ),
              ],
            }
          : input.introduced && input.introductionComing
            ? {
                // END or REMATCH before the person's introduction has reached them: a pairing they
                // have not been told of is not ended (inbound-mail.ts, standingControls).
                subject: `${NOTHING_TO[input.command]} yet: your pairing has not started`,
                audience: input.reader ?? ('introduced-elsewhere' as const),
                title: `${NOTHING_TO[input.command]} yet`,
                blocks: [
                  paragraph(`${thanks} ${word}, but your pairing in ${input.program.name} has not started yet, so nothing was changed.`),
                  paragraph(
                    `Your introduction to your partner comes by email ${comingWhen(input.introductionComing, input.to.timeZone)}. When it arrives, you can reply NO to it with the date you are back${awayExample(input.to)}: the introduction then closes without blame, and you are matched again from that date. Or reply STOP to it to leave the program.`,
                  ),
                ],
              }
            : {
                subject: `${NOTHING_TO[input.command]}: you have no pairing running`,
                audience: 'waiting' as const,
                title: NOTHING_TO[input.command],
                blocks: [
                  paragraph(`${thanks} ${word}, but you have no pairing running in ${input.program.name} right now, so nothing was changed.`),
                  paragraph(
                    input.standing
                      ? noPartnerSentence(input.standing, input.program)
                      : input.waiting
                        ? input.command === 'rematch'
                          ? 'You are already waiting for a partner: we will email you as soon as you are matched, and the introduction will say who it is.'
                          : 'You are waiting for a partner: we will email you as soon as you are matched.'
                        : `If you would like a partner again, ${writeToAdmin}.`,
                  ),
                ],
              };
  // Their footer offers NO to an introduction that has not reached them yet only once it arrives.
  const to: FooterReader = input.introductionComing ? { ...input.to, introductionToCome: true } : input.to;
  return renderEmail({ template: 'nothingRunning', subject, audience, to, program: input.program, title, blocks });
}
