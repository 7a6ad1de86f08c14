import type { Role } from '../participant';
import type { Topic } from '../topics';
import { bullets, heading, paragraph, quote, strong } from './blocks';
import { LOOKING_FOR_PARTNER, withoutRematchText, type WithoutRematch } from './control';
import {
  capitalised,
  ERASED_PARTNER,
  formatDate,
  formatDeadline,
  hasNextQuestion,
  joinAnd,
  nextQuestionSentence,
  partnerFirstName,
  topicLabels,
  type DateInput,
  type NextQuestion,
} from './format';
import { FRAMING, ROLE_GUIDANCE, roleName } from './guidance';
import { renderEmail } from './layout';
import { ATTACHMENTS_NOT_KEPT, awayPauseSentence, WITHOUT_A_PAUSE } from './replies';
import { meetingBlocks, type MeetingProposal } from './meeting-text';
import { goalAndBaselineAsk, goalsReplyExample } from './goals';
import { conversationStarters } from './starters';
import type { EmailBase, Partner, RenderedEmail } from './types';

export interface IntroductionInput extends EmailBase {
  /** The recipient's role in this pairing: it selects the guidance. */
  role: Role;
  partner: Partner & { role: Role; goals: string; topicsOffered: readonly string[]; topicsWanted: readonly string[] };
  /** The explanation from matching, one reason per string. */
  reasons: readonly string[];
  /** Topic ids the pairing is about, most important first: they choose the conversation starters. */
  topics: readonly string[];
  answerBy: DateInput;
  answerLinks: { accept: string; decline: string };
  catalogue?: readonly Topic[];
  /** The proposed recurring slot (its invitation is attached by the lifecycle's renderer). */
  meeting?: MeetingProposal;
  /**
   * Topic ids the reader will learn about: with YES they state up to three goals and rate where
   * they start on each (1-5). Absent: the email asks only YES or NO.
   */
  rateTopics?: readonly string[];
}

/** One per person at the start of a pairing: who, why, how to behave, and "will you take part?". */
export function introduction(input: IntroductionInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  // Erased or with nothing readable in the name (format.ts), the partner is "your partner": a
  // sentence that says "partner" already does not name them twice ("Meet your partner, your partner").
  const unnamed = partner === ERASED_PARTNER;
  const guidance = ROLE_GUIDANCE[input.role];
  const offered = topicLabels(input.partner.topicsOffered, input.catalogue);
  const wanted = topicLabels(input.partner.topicsWanted, input.catalogue);
  return renderEmail({
    template: 'introduction',
    subject: unnamed ? 'Meet your reverse-mentoring partner' : `Meet ${partner}, your reverse-mentoring partner`,
    audience: 'introduced',
    to: input.to,
    program: input.program,
    title: unnamed ? 'Meet your partner' : `Meet ${partner}, your partner`,
    blocks: [
      paragraph(
        unnamed ? 'You have been matched with a partner who joins as the ' : `You have been matched with ${partner}, who joins as the `,
        strong(roleName(input.partner.role)),
        '. You are the ',
        strong(roleName(input.role)),
        '.',
      ),
      // An admin's own pair may come with no reasons: no heading over nothing (QA life7).
      ...(input.reasons.length > 0 ? [heading('Why you were matched'), bullets(...input.reasons)] : []),
      heading(`About ${partner}`),
      paragraph(`${capitalised(partner)}'s goals, in their own words:`),
      quote(input.partner.goals),
      bullets(['Can share: ', offered.length > 0 ? joinAnd(offered) : 'to be discovered together'], ['Wants to learn: ', joinAnd(wanted)]),
      heading(guidance.title),
      paragraph(FRAMING),
      bullets(...guidance.points),
      heading('Three ways to start your first conversation'),
      bullets(...conversationStarters(input.topics)),
      ...(input.meeting
        ? meetingBlocks(input.meeting, input.to.timeZone, input.answerBy)
        : [paragraph('A first meeting of 30 minutes is plenty. Agree together how often you meet; a check-in email will ask you both how it is going.')]),
      ...(input.rateTopics ? goalAndBaselineAsk(input.rateTopics, input.catalogue) : []),
    ],
    question: {
      prompt: input.rateTopics
        ? 'Will you take part? Reply YES or NO. With YES, add your goals and where you start on each topic (both optional).'
        : 'Will you take part? Reply YES or NO.',
      replyExamples: [
        ...(input.rateTopics ? [goalsReplyExample(input.rateTopics, input.catalogue, input.role)] : ['YES']),
        'NO I am away for most of the next two months',
      ],
      notes: [`If you say no, a line on why helps us find a better match. ${capitalised(partner)} will not see it.`],
      answerBy: input.answerBy,
      links: [
        { label: 'Yes, I will take part', url: input.answerLinks.accept },
        { label: 'No, not this time', url: input.answerLinks.decline },
      ],
    },
  });
}

export interface AcceptanceReminderInput extends EmailBase {
  partner: Partner;
  answerBy: DateInput;
  answerLinks: { accept: string; decline: string };
  /**
   * Why the partner would not be matched again if the pairing does not start: the program will
   * have closed by the deadline, or they had every automatic rematch the program allows (not said:
   * their rematches are theirs to know, unless the program makes none at all).
   */
  partnerNotRematched?: 'program-closed' | 'capped';
}

export interface PairingStartedInput extends EmailBase, NextQuestion {
  partner: Partner;
  /** Their YES said they will be away: the PAUSE line that would pause the pairing then (pairing/away.ts, awayInNote). */
  awayPause: string;
}

/**
 * To one whose YES to the introduction said they will be away ("YES, but I'm on leave until 10
 * March"), as the pairing starts: a pairing cannot be paused before both accept, and words never
 * pause it, so without this the check-ins would come while they are away and count as missed.
 * Whoever also gets the pair's goals then reads the same lines there (goalsConfirmed) instead.
 */
export function pairingStarted(input: PairingStartedInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'pairingStarted',
    subject: `Your pairing with ${partner} has started`,
    audience: 'participant',
    to: input.to,
    program: input.program,
    title: 'Your pairing has started',
    blocks: [
      paragraph(`You and ${partner} both said YES, so your pairing has started.`),
      ...(hasNextQuestion(input) ? [paragraph(nextQuestionSentence(input, input.to.timeZone))] : []),
      paragraph(awayPauseSentence(input.awayPause, true)),
      paragraph(WITHOUT_A_PAUSE),
    ],
  });
}

/** What a pairing that does not start for want of the reader's answer means for their partner. */
function ifNoAnswer(input: AcceptanceReminderInput, partner: string): string {
  const notStarted = `If we have no answer by ${formatDeadline(input.answerBy, input.to.timeZone)}, the pairing will not start`;
  if (input.partnerNotRematched === 'program-closed')
    return `${notStarted}, and as the program will have closed by then, no new pairing will start for ${partner}.`;
  if (input.program.automaticRematches === 0)
    return `${notStarted}, and ${partner} will wait on the waitlist while ${input.program.admin.name} decides with them how to go on.`;
  return input.partnerNotRematched === 'capped' ? `${notStarted}.` : `${notStarted} and ${partner} will be matched with someone else.`;
}

/** Sent on the reminder day of the acceptance window to whoever has not answered yet. */
export function acceptanceReminder(input: AcceptanceReminderInput): RenderedEmail {
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'acceptanceReminder',
    subject: `Reminder: will you start your pairing with ${partner}?`,
    audience: 'introduced',
    to: input.to,
    program: input.program,
    title: `Your pairing with ${partner} is waiting`,
    blocks: [
      paragraph(`A few days ago we introduced you to ${partner}. We have not had your answer yet, and inboxes are busy, so here is a short reminder.`),
      paragraph(`${ifNoAnswer(input, partner)} That is fine too: no one is blamed.`),
    ],
    question: {
      prompt: 'Will you take part? Reply YES or NO.',
      replyExamples: ['YES', 'NO'],
      answerBy: input.answerBy,
      links: [
        { label: 'Yes, I will take part', url: input.answerLinks.accept },
        { label: 'No, not this time', url: input.answerLinks.decline },
      ],
    },
  });
}

export interface PairingNotStartedInput extends EmailBase {
  partner: Partner;
  /** False when no new partner is looked for now (the rematch cap, or the program has closed). @default true */
  rematchRequested?: boolean;
  /**
   * Without a rematch, how they go on (control.ts): past the rematch cap this email is their
   * waitlist notice, so it says all the `waitlisted` email would. `inactive`: their silence was
   * the last the rematch policy forgives, so nobody looks for a partner for them on their own.
   * @default 'waitlist'
   */
  otherwise?: WithoutRematch | 'inactive';
  /** False for someone who had not answered yet when the partner declined: nothing to thank, nothing left to answer. @default true */
  answered?: boolean;
  /**
   * The reader's own part closed the introduction (decide.ts, notStarted): `no-answer`, no answer
   * from them by its deadline (`answerBy`); `declined`, their NO, acknowledged here (the reply
   * reader confirms a NO by reply that names the day they are back itself: `declineRecorded`).
   */
  closedBy?: 'no-answer' | 'declined';
  /** `no-answer`: the introduction's deadline, as it named it. */
  answerBy?: DateInput;
  /** `declined`: the day (YYYY-MM-DD) their note says they are back; nobody is matched with them before it. */
  availableFrom?: string;
  /** `declined`: the program's last day for new pairings, when it comes before `availableFrom`. */
  matchingEndsOn?: string;
  /** `declined`: their NO came with a reason, which only the program team reads. */
  reasonGiven?: boolean;
  /** `declined`: their reply came with files, which are not kept. */
  attachmentsNotKept?: boolean;
}

/** How someone whose introduction closed goes on: a new partner is looked for, or as `otherwise` says. */
function afterIntroduction(input: PairingNotStartedInput): string {
  const admin = input.program.admin;
  if (input.rematchRequested !== false) return LOOKING_FOR_PARTNER;
  if (input.otherwise === 'inactive')
    return `As we have not heard back from you, we will not look for a new partner for you on our own any more. If you would like to take part after all, write to ${admin.inPair ? 'the program team' : `${admin.name} at ${admin.email}`}.`;
  return withoutRematchText(input.otherwise ?? 'waitlist', admin.name);
}

/** What follows a NO: back among the people a matching run considers, from the day they are back when they named one. */
function afterDecline(input: PairingNotStartedInput): string {
  const tz = input.to.timeZone;
  if (input.otherwise === 'program-closed') return withoutRematchText('program-closed', input.program.admin.name);
  if (input.availableFrom === undefined) return withoutRematchText('pool', input.program.admin.name);
  const back = formatDate(input.availableFrom, tz);
  if (input.matchingEndsOn !== undefined)
    return `We read that you are back on ${back}. ${input.program.name} pairs people only until ${formatDate(input.matchingEndsOn, tz)}, so no new partner will be found for you in it. Thank you for taking part.`;
  return `We read that you are back on ${back}: you will not be matched with a new partner before that day. From then on, a matching run may pair you again, and you will get an introduction email then.`;
}

/**
 * To someone whose own part closed their introduction: their NO, acknowledged, or no answer by its
 * deadline. Where they stand now; of the partner nothing beyond what the partner's own notice
 * tells the partner (that the pairing will not go ahead, never why).
 */
function introductionClosed(input: PairingNotStartedInput & { closedBy: 'no-answer' | 'declined' }): RenderedEmail {
  const named = partnerFirstName(input.partner.name);
  const partner = named === ERASED_PARTNER ? 'your partner' : named;
  if (input.closedBy === 'declined')
    return renderEmail({
      template: 'pairingNotStarted',
      subject: `Your introduction to ${partner} is closed`,
      audience: 'waiting',
      to: input.to,
      program: input.program,
      title: 'Thank you for letting us know',
      blocks: [
        paragraph(
          `We have recorded your NO: your introduction to ${partner} is closed and the pairing will not start. No one is blamed, and ${partner} is not told why${input.reasonGiven ? ': the reason you gave is read only by the program team' : ''}.`,
        ),
        paragraph(afterDecline(input)),
        ...(input.attachmentsNotKept ? [paragraph(ATTACHMENTS_NOT_KEPT)] : []),
      ],
    });
  const by = input.answerBy !== undefined ? ` by ${formatDeadline(input.answerBy, input.to.timeZone)}` : ' in time';
  return renderEmail({
    template: 'pairingNotStarted',
    subject:
      input.rematchRequested !== false
        ? `Your introduction to ${partner} has closed: we are finding you a new match`
        : `Your introduction to ${partner} has closed`,
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: 'Your introduction has closed',
    blocks: [
      paragraph(
        `We did not have your answer${by}, so your introduction to ${partner} has closed and the pairing will not start. Inboxes are busy, and no one is blamed.`,
      ),
      paragraph(afterIntroduction(input)),
    ],
  });
}

/**
 * To the person who did accept when the other declined or stayed silent. It never says which: the
 * partner's reasons are theirs, and the reader should feel no fault on either side.
 */
export function pairingNotStarted(input: PairingNotStartedInput): RenderedEmail {
  if (input.closedBy !== undefined) return introductionClosed({ ...input, closedBy: input.closedBy });
  const partner = partnerFirstName(input.partner.name);
  return renderEmail({
    template: 'pairingNotStarted',
    subject: input.rematchRequested === false ? 'Your pairing will not start' : 'Your pairing will not start: we are finding you a new match',
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: input.rematchRequested === false ? 'Your pairing will not start' : 'We are finding you a new match',
    blocks: [
      paragraph(
        input.answered === false
          ? `Your pairing with ${partner} will not go ahead after all: the timing did not work out this time, so there is no need to answer that introduction. This happens in every program, and it says nothing about you.`
          : `Thank you for saying yes. Your pairing with ${partner} will not go ahead after all: the timing did not work out this time. This happens in every program, and it says nothing about you.`,
      ),
      paragraph(
        input.rematchRequested === false
          ? afterIntroduction(input)
          : 'We are already looking for a new partner for you. You will receive a new introduction email as soon as there is a good match; there is nothing you need to do.',
      ),
    ],
  });
}
