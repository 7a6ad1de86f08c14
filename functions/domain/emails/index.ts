/**
 * Every email crossgen sends. Handlers call a template with typed input and hand the result to the
 * mailer adapter (functions/adapters/mailer.ts); no HTML is built anywhere else.
 */
export { enrolmentConfirmation, type EnrolmentConfirmationInput } from './enrolment';
export { adminDigest, type AdminDigestInput } from './digest';
export {
  introduction,
  acceptanceReminder,
  pairingNotStarted,
  pairingStarted,
  type IntroductionInput,
  type PairingStartedInput,
  type AcceptanceReminderInput,
  type PairingNotStartedInput,
} from './acceptance';
export {
  adminPairingNotStarted,
  adminEscalation,
  adminDecisionRequest,
  adminPairingParked,
  matchingApprovalRequest,
  APPROVAL_PAIRS_SHOWN,
  type AdminPairingNotStartedInput,
  type AdminPairingParkedInput,
  type AdminEscalationInput,
  type AdminDecisionRequestInput,
  type MatchingApprovalRequestInput,
} from './admin';
export {
  checkInRequest,
  checkInThanks,
  missedCheckInNudge,
  seniorCommitmentNote,
  type CheckInRequestInput,
  type CheckInThanksInput,
  type MissedCheckInNudgeInput,
  type SeniorCommitmentNoteInput,
} from './check-ins';
export { milestoneSurvey, MILESTONE_REPLY_EXAMPLE, MILESTONE_REPLY_EXAMPLES, type MilestoneSurveyInput } from './milestone';
export { goalsConfirmed, partnerNote, type GoalsConfirmedInput, type PartnerNoteInput } from './goals';
export { recognition, managerNote, CERTIFICATE_FILENAME, type RecognitionInput, type ManagerNoteInput } from './recognition';
export { certificateSvg, journeyFacts, type Journey } from './certificate';
export {
  partnerLeft,
  pairingPaused,
  pairingResumed,
  meetingsRescheduled,
  datesRescheduled,
  pairingEnded,
  END_REASONS,
  type EndReason,
  type PartnerLeftInput,
  type PairingPausedInput,
  type PairingResumedInput,
  type DatesRescheduledInput,
  type PairingEndedInput,
} from './control';
export {
  clarificationRequest,
  questionClosed,
  notTheParticipant,
  notAnAdmin,
  declineRecorded,
  ATTACHMENTS_NOT_KEPT,
  standingAddressHelp,
  nothingRunning,
  afterEndOf,
  afterClosedOf,
  standingOf,
  type NotActedOn,
  type PairingCommand,
  type NothingRunningInput,
  type ClarificationRequestInput,
  type QuestionClosedInput,
  type NotTheParticipantInput,
  type DeclineRecordedInput,
} from './replies';
export {
  waitlisted,
  waitlistMatched,
  waitlistProgramClosed,
  adminRematchHeld,
  type WaitlistCode,
  type WaitlistedInput,
  type AdminRematchHeldInput,
} from './waitlist';
export {
  concernReceived,
  adminConcernRaised,
  adminConcernEscalated,
  fitCheckRequest,
  adminFitUnsure,
  type ConcernReceivedInput,
  type AdminConcernInput,
  type FitCheckRequestInput,
  type AdminFitUnsureInput,
} from './concerns';
export { conversationStarters, STARTERS_BY_TOPIC } from './starters';
export { formatDate, formatDeadline, firstNameOf } from './format';
export { html, raw, escapeMarkup, Markup } from './markup';
export { dataRightsConfirm, dataExport, dataErased, type DataRightsConfirmInput, type DataExportInput } from './data-rights';
export {
  TEMPLATE_NAMES,
  type TemplateName,
  type RenderedEmail,
  type EmailAttachment,
  type EmailBase,
  type Recipient,
  type ProgramContext,
  type ParticipantAudience,
  type AnswerLink,
} from './types';
export { atIntroduction, awayExampleDay, participantAudience, recipientNow, type ReaderPairing } from './footer';
