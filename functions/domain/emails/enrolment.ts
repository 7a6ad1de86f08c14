import type { Role } from '../participant';
import { bullets, heading, paragraph, steps, strong } from './blocks';
import { formatDate, type DateInput } from './format';
import { FRAMING, roleName } from './guidance';
import { renderEmail } from './layout';
import type { EmailBase, RenderedEmail } from './types';

export interface EnrolmentConfirmationInput extends EmailBase {
  role: Role;
  /** The participant's consent choice: their manager hears about progress only when true. */
  sharesProgressWithManager: boolean;
  /**
   * Whether HR gave the manager's email address: without one no note can be sent, whatever the
   * consent (functions/domain/pairing/mail.ts, managerCanBeTold). @default true
   */
  managerEmailKnown?: boolean;
  /**
   * When matching is planned to be done (the cohort's start), if it has a date. Said as an aim, not
   * a promise: someone the matching cannot pair waits for a later match.
   */
  matchingExpectedBy?: DateInput;
  /**
   * The program's check-in cadence (`lifecycle.checkInCadenceDays`): the email says the rhythm the
   * check-ins really come at ("every week"), never one a weekly program does not keep.
   */
  checkInCadenceDays?: number;
}

/** Sent once on every enrolment (issue 3): what happens next, how data is used, how to withdraw. */
export function enrolmentConfirmation(input: EnrolmentConfirmationInput): RenderedEmail {
  const aim = input.matchingExpectedBy === undefined ? '' : ` (we aim to match everyone by ${formatDate(input.matchingExpectedBy, input.to.timeZone)})`;
  return renderEmail({
    template: 'enrolmentConfirmation',
    subject: `You are enrolled in ${input.program.name}`,
    audience: 'waiting',
    to: input.to,
    program: input.program,
    title: 'You are enrolled',
    blocks: [
      paragraph(`Thank you for joining ${input.program.name} as a `, strong(roleName(input.role)), `. ${FRAMING}`),
      heading('What happens next'),
      steps(
        'We match you with a partner on complementary topics, interests, availability and how you like to communicate, not on job titles.',
        `When we have found you a good match${aim}, you receive an introduction email: your partner's first name, their goals and topics, why you were matched, and a few ideas for your first conversation. If nobody fits yet, you get an email saying you are on the waitlist, and another when a partner is found.`,
        `You both answer YES to your introduction to begin. From then on, a short check-in email arrives ${checkInRhythm(input.checkInCadenceDays)}; you answer by replying to it.`,
      ),
      heading('How your information is used'),
      bullets(
        'Your answers are used to find you a good match and to run your pairing, nothing else.',
        'Your partner sees, in the emails, your first name, your topics, your goals, your time zone and why you were matched (such as shared interests, availability or communication style). The calendar invitation for your meetings also shows them your full name and work email address, and the certificate at the end carries your full name.',
        managerLine(input),
        'The program admin sees your check-in answers so that pairings that struggle get help.',
      ),
      heading('Changed your mind?'),
      paragraph('Reply STOP to this email to withdraw. No reason is needed, and nothing further is sent to you.'),
    ],
  });
}

const WEEKS = [
  '',
  'every week',
  'every two weeks',
  'every three weeks',
  'every four weeks',
  'every five weeks',
  'every six weeks',
  'every seven weeks',
  'every eight weeks',
];

/**
 * "every week", "every 10 days", "every month": the cadence as the plan keeps it (check-ins every
 * that many days, functions/domain/schedule.ts), a month only for the 30 or 31 days that read as one.
 * Without a cadence (a caller that has none), no rhythm is promised.
 */
export function checkInRhythm(cadenceDays: number | undefined): string {
  if (cadenceDays === undefined) return "at the program's regular rhythm";
  if (cadenceDays % 7 === 0 && WEEKS[cadenceDays / 7]) return WEEKS[cadenceDays / 7]!;
  if (cadenceDays === 30 || cadenceDays === 31) return 'every month';
  return `every ${cadenceDays} days`;
}

/** What the confirmation may say about a note to the manager: never one that cannot be sent. */
function managerLine(input: EnrolmentConfirmationInput): string {
  if (!input.sharesProgressWithManager) return 'Your manager is not told about your progress: you chose not to share it.';
  if (input.managerEmailKnown === false)
    return `You agreed to share your progress with your manager, but we have no email address for them, so no note can be sent. If you would like one sent at the end, ask ${input.program.admin.name} at ${input.program.admin.email} to add your manager's email address.`;
  return `You agreed that your manager may receive a short note at the end on what you contributed and learned. To change your mind, write to ${input.program.admin.name} at ${input.program.admin.email}.`;
}
