import {
  acceptanceReminder,
  adminDecisionRequest,
  adminEscalation,
  adminPairingNotStarted,
  adminPairingParked,
  adminRematchHeld,
  adminConcernEscalated,
  adminFitUnsure,
  fitCheckRequest,
  checkInRequest,
  checkInThanks,
  goalsConfirmed,
  introduction,
  managerNote,
  milestoneSurvey,
  missedCheckInNudge,
  nothingRunning,
  pairingEnded,
  pairingNotStarted,
  pairingPaused,
  pairingResumed,
  pairingStarted,
  meetingsRescheduled,
  datesRescheduled,
  partnerLeft,
  partnerNote,
  recognition,
  seniorCommitmentNote,
  type RenderedEmail,
  type TemplateName,
} from '../emails';
import { calendarAttachment, organizerOf, type CalendarInvite } from '../emails/calendar';
import { withProgramAsItStands } from './held';

type Links = Readonly<Record<string, string>>;

/** Puts a question's answer links where each template expects them. */
function withLinks(template: TemplateName, input: Record<string, unknown>, links: Links): Record<string, unknown> {
  switch (template) {
    case 'introduction':
    case 'acceptanceReminder':
      return { ...input, answerLinks: { accept: links.yes, decline: links.no } };
    case 'checkInRequest':
      return { ...input, answerLinks: { yes: links.yes, no: links.no, ratings: ['1', '2', '3', '4', '5'].map((n) => links[n]) } };
    case 'milestoneSurvey':
      return { ...input, answerLink: links.review };
    case 'fitCheckRequest':
      return { ...input, answerLinks: { yes: links.yes, unsure: links.unsure, no: links.no } };
    case 'adminDecisionRequest':
      return { ...input, answerLinks: { continue: links.continue, pause: links.pause, end: links.end, rematch: links.rematch } };
    default:
      return input;
  }
}

// Each template validates nothing itself: the intent was built for it by the lifecycle core.
const TEMPLATES: Partial<Record<TemplateName, (input: never) => RenderedEmail>> = {
  introduction,
  acceptanceReminder,
  pairingNotStarted,
  adminPairingNotStarted,
  adminPairingParked,
  adminRematchHeld,
  checkInRequest,
  checkInThanks,
  missedCheckInNudge,
  seniorCommitmentNote,
  adminEscalation,
  adminDecisionRequest,
  milestoneSurvey,
  recognition,
  managerNote,
  partnerLeft,
  pairingPaused,
  pairingResumed,
  meetingsRescheduled,
  datesRescheduled,
  pairingEnded,
  goalsConfirmed,
  pairingStarted,
  partnerNote,
  fitCheckRequest,
  adminFitUnsure,
  adminConcernEscalated,
  nothingRunning,
};

/** Every template a lifecycle email intent may name. */
export const LIFECYCLE_TEMPLATES = Object.keys(TEMPLATES) as TemplateName[];

/**
 * Renders a lifecycle email intent (with its question's links, if it asks something), with the
 * program as it stands when it goes (held.ts, withProgramAsItStands). An intent
 * that carries a calendar invitation (introduction, pause, resume, end) gets it attached, with the
 * program's sending address (`sender`, MAIL_FROM) as its organiser.
 */
export function renderIntent(template: TemplateName, input: Record<string, unknown>, links: Links = {}, sender?: string): RenderedEmail {
  const render = TEMPLATES[template];
  if (!render) throw new Error(`Template ${template} is not a lifecycle email.`);
  // Whether the program has closed is read as the email goes, not as it was decided (held.ts).
  const email = render(withLinks(template, withProgramAsItStands(input), links) as never);
  const invite = input.calendar as CalendarInvite | undefined;
  if (!invite) return email;
  const organizer = organizerOf(sender ?? (input.program as { admin: { email: string } }).admin.email);
  return { ...email, attachments: [...(email.attachments ?? []), calendarAttachment(invite, organizer)] };
}
