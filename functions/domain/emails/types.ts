import type { PartnerCalls } from '../replies/standing-target';
import type { DateInput } from './format';

export const TEMPLATE_NAMES = [
  'enrolmentConfirmation',
  'introduction',
  'acceptanceReminder',
  'adminPairingNotStarted',
  'pairingNotStarted',
  'checkInRequest',
  'checkInThanks',
  'missedCheckInNudge',
  'seniorCommitmentNote',
  'adminEscalation',
  'adminDecisionRequest',
  'milestoneSurvey',
  'recognition',
  'managerNote',
  'partnerLeft',
  'pairingPaused',
  'pairingResumed',
  'meetingsRescheduled',
  'datesRescheduled',
  'pairingEnded',
  'clarificationRequest',
  'questionClosed',
  'notTheParticipant',
  'notAnAdmin',
  'declineRecorded',
  'standingAddressHelp',
  'nothingRunning',
  'matchingApprovalRequest',
  'adminPairingParked',
  'dataRightsConfirm',
  'dataExport',
  'dataErased',
  'waitlisted',
  'waitlistMatched',
  'waitlistProgramClosed',
  'adminRematchHeld',
  'adminDigest',
  'goalsConfirmed',
  'pairingStarted',
  'partnerNote',
  'concernReceived',
  'adminConcernRaised',
  'adminConcernEscalated',
  'fitCheckRequest',
  'adminFitUnsure',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** What every template returns and the mailer sends. */
export interface RenderedEmail {
  template: TemplateName;
  subject: string;
  html: string;
  text: string;
  attachments?: EmailAttachment[];
}

/** Who receives the email. `name` may be the full stored name: only its first name is shown. */
export interface Recipient {
  name?: string;
  /** IANA time zone: every date in the email is rendered in it. */
  timeZone: string;
  /**
   * A participant who no longer takes part (left the organisation, withdrew, their address was
   * suppressed: footer.ts, recipientNow): whatever the email, their footer offers only what still works.
   */
  noLongerTakingPart?: boolean;
  /**
   * The automatic rematches the reader has had (`rematchAttempts`), set as they stand when the email
   * is sent (footer.ts, recipientNow): at the program's cap, no email offers them a new partner.
   */
  rematchAttempts?: number;
  /**
   * How the reader names the partners of their running pairings ("Sam"), and how many more have a
   * partner no reply can name (replies/standing-target.ts, partnerCalls), set when they have more
   * than one (footer.ts, recipientNow): REMATCH and END to their standing address must then name
   * the partner (domain/replies/standing-target.ts), and the footer says so; the unnamed are counted
   * and told how to end one (a reply to one of that pairing's own emails), never offered a name.
   */
  runningPartners?: PartnerCalls;
  /**
   * How many of the reader's pairings in the program run (have not ended) as the email is sent,
   * set for a member's email (lifecycle/outbox.ts): 0 on the recognition of someone whose last
   * pairing it completes, so its footer offers STOP as "no more email" (recognition.ts).
   */
  pairingsRunning?: number;
  /**
   * Every pairing of the reader's in the program that runs is paused as the email is sent (set for
   * a member's email, lifecycle/outbox.ts): the footer offers PAUSE to change the resume date, not
   * "Need a break?" for a break already under way (QA events5).
   */
  allPaused?: boolean;
}

/** The program the email is about, and the admin people can write to privately. */
export interface ProgramContext {
  name: string;
  /**
   * Whom participants write to. `inPair` when every admin is one of the reader's pair (the address
   * is then a partner's): emails do not point to it as a private channel.
   */
  admin: { name: string; email: string; inPair?: boolean };
  /** The reader's signed link to the private concern form (participants only; added when the email is sent). */
  concernUrl?: string;
  /**
   * The program's automatic rematches per person (`rematch.maxAttempts`, program-contact.ts): at 0,
   * or once the reader had that many, a rematch puts them on the waitlist for the program team.
   */
  automaticRematches?: number;
  /**
   * The program has closed (rematch-policy.ts, programClosed; set by program-contact.ts from the
   * moment the email is decided): pairings still run to their end, but no new pairing starts, so no
   * email offers a new partner.
   */
  closed?: boolean;
  /**
   * The program's end date and zone, set for a pairing's emails (pairing/mail.ts, programContext):
   * `closed` is worked out again when the email goes (pairing/held.ts, withProgramAsItStands), so
   * one decided before the program closed and sent after it offers no new partner.
   */
  closing?: { endDate: string; timeZone: string };
  /**
   * The last day (YYYY-MM-DD) a pause of the reader's pairing may run to (pairing/controls.ts,
   * pauseBeyondEnd), and when that was decided: set for a pairing's emails, so that no PAUSE example
   * in them names a later day (pause-example.ts).
   */
  pauseBound?: { lastDay: string; decidedAt: string };
}

/** Every template input carries these two. */
export interface EmailBase {
  to: Recipient;
  program: ProgramContext;
}

/** The other person in the pairing; only the first name of `name` is ever shown. */
export interface Partner {
  name: string;
}

/** A signed answer URL made by the caller (the answer page asks to confirm before recording). */
export interface AnswerLink {
  label: string;
  url: string;
}

// ---- The content model both the HTML and the plain-text part are rendered from ----

export type Inline = string | { strong: string } | { link: string; href: string };

export type Block =
  | { kind: 'heading'; text: string }
  | { kind: 'paragraph'; parts: readonly Inline[] }
  | { kind: 'list'; items: readonly (readonly Inline[])[]; ordered?: boolean }
  | { kind: 'quote'; text: string }
  | { kind: 'facts'; rows: readonly { term: string; detail: string }[] };

/** Present when the email asks something: rendered as the "How to answer" block. */
export interface Question {
  prompt: string;
  /** Example replies, each shown verbatim (e.g. "YES 4 We tried shared docs"). */
  replyExamples: readonly string[];
  /** Extra guidance on the reply, one sentence each. */
  notes?: readonly string[];
  links: readonly AnswerLink[];
  answerBy?: DateInput;
}

/** 'erased': the one email after a person's erasure; they have no reply address any more. */
/**
 * Who reads the email, which sets its footer. `waiting`: a participant with no pairing running (just
 * enrolled, on the waitlist, or told nothing changed): their standing address takes STOP and
 * CONCERN, while PAUSE, END and REMATCH would change nothing, so the footer does not offer them.
 */
/**
 * Whose footer an email carries, i.e. which reply words work for its reader: `participant` (a
 * pairing runs: PAUSE, STOP, REMATCH), `introduced` (this email asks the reader's introduction
 * question: a reply NO with a date declines it), `introduced-elsewhere` (the reader's introduction
 * waits for their YES or NO, but this email's reply address is another one: NO goes to the
 * introduction email), `introduced-answered` (the reader answered their introduction, which waits
 * for their partner: no NO to offer), `waiting` (no pairing runs, or it just ended: STOP only),
 * `former` (no longer taking part: CONCERN, DATA and ERASE only), `admin`, `manager`, `erased`.
 */
export type Audience = 'participant' | 'introduced' | 'introduced-elsewhere' | 'introduced-answered' | 'waiting' | 'former' | 'admin' | 'manager' | 'erased';
/** A participant's footers: which depends on their pairings (footer.ts, participantAudience). */
export type ParticipantAudience = Extract<Audience, 'participant' | 'introduced' | 'introduced-elsewhere' | 'introduced-answered' | 'waiting'>;

export interface EmailContent {
  template: TemplateName;
  subject: string;
  audience: Audience;
  to: Recipient;
  program: ProgramContext;
  /** The single h1: what this email is about, in a few words. */
  title: string;
  blocks: readonly Block[];
  question?: Question;
  attachments?: EmailAttachment[];
}
