import type { TemplateName } from './emails/types';
import { emailKey, type Participant } from './participant';

/**
 * Everything crossgen holds about one person (data rights: access and portability), assembled
 * from their enrolments. Their own answers only: of a check-in, their side; of the reviews, their
 * own; of a partner, the id alone (the partner's data is the partner's). Pure: the admin API
 * loads, this shapes (docs/admin-api.md, Data rights).
 */

export interface ExportPairingRecords {
  readonly pairing: { readonly pairingId: string; readonly programId: string; readonly mentorId: string; readonly menteeId: string } & Record<string, unknown>;
  readonly checkIns: readonly ({ readonly mentor?: unknown; readonly mentee?: unknown } & Record<string, unknown>)[];
  readonly reviews: readonly ({ readonly participantId?: string } & Record<string, unknown>)[];
  /** End-of-program KEEP/CHANGE answers (`FEEDBACK#`): in the person's own copy, under `reviews`. */
  readonly feedback?: readonly ({ readonly participantId?: string } & Record<string, unknown>)[];
  readonly audit: readonly Record<string, unknown>[];
  /** Fit check records (`FIT#<round>`): both answers; only the person's own is exported. */
  readonly fitChecks?: readonly ({ readonly mentor?: unknown; readonly mentee?: unknown } & Record<string, unknown>)[];
  /** The pairing's outbox (`OUTBOX#`): the emails it decided, to both members and the admins; only the person's own are listed. */
  readonly outbox?: readonly OutboxRecord[];
}

/** An outbox entry as stored (functions/lifecycle/outbox.ts), as far as the export reads it. */
export interface OutboxRecord {
  readonly kind?: string;
  readonly status?: string;
  /** When the step decided it. */
  readonly createdAt?: string;
  /** When it was sent, or cancelled. */
  readonly doneAt?: string;
  readonly messageId?: string;
  readonly cancelledBecause?: string;
  readonly email?: { readonly to?: string; readonly toParticipant?: string; readonly template?: string; readonly notBefore?: string };
}

/**
 * One email a pairing decided for the person: which (the template, and in plain words what it is
 * about, never its subject, which names the partner), when, and whether it went. Not its content:
 * no copy is kept, and what it was rendered from may hold the partner's words.
 */
export interface ExportedEmail {
  readonly template: string;
  readonly about: string;
  readonly status: 'sent' | 'cancelled' | 'pending';
  readonly decidedAt?: string;
  /** Held for the reader's working hours until then (not sent before). */
  readonly heldUntil?: string;
  readonly sentAt?: string;
  /** Amazon SES's id of the message sent, which the Message-ID header of the email received carries. */
  readonly messageId?: string;
  readonly cancelledAt?: string;
  /** Why a cancelled one was not sent, when that is recorded. */
  readonly notSentBecause?: string;
}

export interface ExportEnrolment {
  readonly participant: Participant;
  readonly pairings: readonly ExportPairingRecords[];
  readonly waitlist: readonly Record<string, unknown>[];
  /** The concern cases this person raised (a partner's cases about them are the partner's, and private). */
  readonly concerns?: readonly Record<string, unknown>[];
}

/**
 * Audit lines that would tell one member what the other said privately: a concern's escalation,
 * the fit check's answers. They stay with the admins; the person's own fit answer is exported
 * from the fit check record, their own concerns as cases.
 */
const PRIVATE_AUDIT_KINDS = new Set(['concern-escalated', 'concern-settled', 'fit-check']);

export interface ParticipantExport {
  readonly exportedAt: string;
  readonly participantId: string;
  readonly enrolments: {
    readonly programId: string;
    readonly participantId: string;
    readonly profile: Record<string, unknown>;
    readonly waitlist: readonly Record<string, unknown>[];
    readonly pairings: readonly {
      readonly pairingId: string;
      readonly role: 'mentor' | 'mentee';
      readonly partnerId: string;
      readonly pairing: Record<string, unknown>;
      readonly checkIns: readonly Record<string, unknown>[];
      readonly reviews: readonly Record<string, unknown>[];
      readonly audit: readonly Record<string, unknown>[];
      readonly fitChecks: readonly Record<string, unknown>[];
      /** The emails this pairing sent them, or decided and did not send (emailsTo). */
      readonly emails: readonly ExportedEmail[];
      /**
       * The question still open, whose answers are kept on the pairing until it closes (then they
       * become a check-in or a review above): the round and this person's own answer so far.
       */
      readonly openQuestion: {
        readonly key: string;
        readonly kind: string;
        readonly label: string;
        readonly closesAt: string;
        readonly answer: unknown;
      } | null;
    }[];
    readonly concerns: readonly Record<string, unknown>[];
  }[];
  /** What crossgen does not keep, so the reader knows the export is complete. */
  readonly notHeld: readonly string[];
  /** In an admin's download: what is held but left out, and why (ExportAudience). */
  readonly withheld?: readonly string[];
}

/**
 * Fields of a pairing about the pair as a whole (not the partner's own data). Not `statusReason`
 * (a decline's note, or "participant-rematch": who ended it and why is not for the partner) nor
 * `tradeOffs` (the admins' wording about other candidates).
 */
const PAIRING_FIELDS = [
  'pairingId',
  'programId',
  'status',
  'score',
  'reasons',
  'checkInsHeld',
  'checkInsMissed',
  'missedInRow',
  'startedAt',
  'acceptedAt',
  'lastCheckInAt',
  'lastCheckInAskedAt',
  'finalReviewAskedAt',
  'lastMetAt',
  'pausedAt',
  'pausedUntil',
  'pausedUntilDay',
  'endedAt',
  'createdAt',
  'updatedAt',
] as const;

/** The reasons as the person read them: their own list when the pairing has one per reader. */
function ownReasons(pairing: Record<string, unknown>, role: 'mentor' | 'mentee'): unknown {
  const perReader = pairing.reasonsFor as Partial<Record<'mentor' | 'mentee', unknown>> | undefined;
  return perReader?.[role] ?? pairing.reasons;
}

/** The pairing's open round as this person sees it: their own answer only (null: none yet). */
function openQuestion(round: unknown, role: 'mentor' | 'mentee'): ParticipantExport['enrolments'][number]['pairings'][number]['openQuestion'] {
  if (typeof round !== 'object' || round === null) return null;
  const r = round as { key?: unknown; kind?: unknown; label?: unknown; closesAt?: unknown; answers?: Partial<Record<string, unknown>> };
  if (r.kind === 'admin-decision') return null;
  return { key: String(r.key), kind: String(r.kind), label: String(r.label), closesAt: String(r.closesAt), answer: r.answers?.[role] ?? null };
}

/**
 * A concern case as its raiser reads it: without the bookkeeping of its emails, and without
 * `keptFromDigests` (whom it is kept from, as unsalted digests of their addresses: hashing a known
 * address, a partner's say, would tell whose they are; docs/lifecycle.md, Concerns).
 */
export function exportedConcern(c: Record<string, unknown>): Record<string, unknown> {
  const { adminsNotifiedAt: _a, acknowledgementSentAt: _b, watchedAt: _w, keptFromDigests: _k, ...rest } = c;
  return rest;
}

/** What each email a pairing may send its members is about, in plain words (the subjects name the partner). */
const EMAIL_ABOUT: Partial<Record<TemplateName, string>> = {
  introduction: 'Your introduction to your partner, asking whether you would start the pairing',
  acceptanceReminder: 'A reminder to answer your introduction',
  pairingNotStarted: 'News that your pairing will not start',
  checkInRequest: 'A check-in: whether you met your partner, and how it went',
  checkInThanks: 'Thanks for your check-in answer',
  missedCheckInNudge: 'A nudge to plan your next session with your partner',
  seniorCommitmentNote: 'A note on your commitment to your partner',
  milestoneSurvey: 'A milestone review: a few short questions about your pairing',
  recognition: 'The end of your pairing: thanks and recognition',
  partnerLeft: 'News that your partner has left the program',
  pairingPaused: 'News of a pause of your pairing',
  pairingResumed: "News that your pairing's pause is over or called off",
  meetingsRescheduled: 'News of a change to your meeting series with your partner',
  datesRescheduled: 'A new date for your next question',
  pairingEnded: 'News that your pairing has ended or will not start',
  goalsConfirmed: 'Your goals for the pairing, confirmed',
  pairingStarted: 'News that your pairing has started, with how to pause it while you are away',
  partnerNote: 'A note your partner wrote for you at the end of the program',
  fitCheckRequest: 'A fit check: whether your pairing is a good fit',
  nothingRunning: 'Word that you have no pairing running',
  managerNote: 'A note to a manager about this pairing',
};

/** Why a decided email was not sent, as the outbox records it (outbox.ts, markDone). */
const NOT_SENT_BECAUSE: Readonly<Record<string, string>> = {
  'address-suppressed': 'Mail to your address had bounced or been marked as spam when it was due.',
};

/**
 * The emails a pairing's lifecycle decided for this person, oldest first: the outbox entries
 * addressed to them (`toParticipant`; an entry from before that field, by their address), never
 * the partner's or the admins' (unless addressed to them), and never what they were rendered from.
 */
export function emailsTo(person: Pick<Participant, 'participantId' | 'email'>, outbox: readonly OutboxRecord[]): ExportedEmail[] {
  const own = person.email?.trim() ? emailKey(person.email) : undefined;
  const toThem = (e: NonNullable<OutboxRecord['email']>) =>
    e.toParticipant !== undefined ? e.toParticipant === person.participantId : own !== undefined && !!e.to?.trim() && emailKey(e.to) === own;
  return outbox
    .filter((o) => o.kind === 'email' && o.email !== undefined && toThem(o.email))
    .map((o): ExportedEmail => {
      const template = String(o.email?.template);
      const status = o.status === 'sent' || o.status === 'cancelled' ? o.status : 'pending';
      const because = o.cancelledBecause === undefined ? undefined : NOT_SENT_BECAUSE[o.cancelledBecause];
      return {
        template,
        about:
          EMAIL_ABOUT[template as TemplateName] ??
          (template.startsWith('admin') ? 'An email to the program admins about this pairing' : 'An email about this pairing'),
        status,
        ...(o.createdAt ? { decidedAt: o.createdAt } : {}),
        ...(o.email?.notBefore ? { heldUntil: o.email.notBefore } : {}),
        ...(status === 'sent' && o.doneAt ? { sentAt: o.doneAt } : {}),
        ...(status === 'sent' && o.messageId ? { messageId: o.messageId } : {}),
        ...(status === 'cancelled' && o.doneAt ? { cancelledAt: o.doneAt } : {}),
        ...(status === 'cancelled' && because ? { notSentBecause: because } : {}),
      };
    })
    .sort((a, b) => (a.decidedAt ?? '').localeCompare(b.decidedAt ?? '') || (a.sentAt ?? '').localeCompare(b.sentAt ?? ''));
}

export const NOT_HELD = [
  'Copies of the emails sent: crossgen sends through Amazon SES and keeps no copy. What it keeps of them is here: each pairing\'s "emails" lists those it sent you, or decided and then did not send (which email, when decided, when sent), and a waitlist entry says when you were told of it. Your enrolment confirmation and the answers to your own replies and concerns are not listed.',
  'Replies as received: raw messages are kept encrypted for 30 days, by message and not by person, and then deleted; what was read from them is in the check-ins, reviews and open questions here.',
] as const;

/**
 * Who receives the export. The person (a confirmed DATA request) gets everything. An admin who
 * downloads it through the admin API does not get the person's end-of-program KEEP/CHANGE feedback:
 * the review promised that admins read it only grouped with at least four other people's, without
 * names (QA finale). `withheld` says so, and how the person gets it.
 */
export type ExportAudience = 'participant' | 'admin';

const FEEDBACK_WITHHELD =
  "Program feedback (the KEEP and CHANGE answers of the end-of-program review): the review promised that admins read it only grouped with at least four other people's, without names, so it is not in an export an admin downloads. The person gets it in their own copy: reply DATA to any email from the program.";

export function participantExport(
  participantId: string,
  enrolments: readonly ExportEnrolment[],
  now: Date,
  audience: ExportAudience = 'participant',
): ParticipantExport {
  const forAdmin = audience === 'admin';
  const heldBack = forAdmin && enrolments.some((e) => e.pairings.some((p) => (p.feedback ?? []).some((r) => r.participantId === e.participant.participantId)));
  return {
    exportedAt: now.toISOString(),
    participantId,
    enrolments: enrolments.map(({ participant, pairings, waitlist, concerns = [] }) => {
      const { intakeDigest: _digest, ...profile } = participant as Participant & { intakeDigest?: string };
      return {
        programId: participant.programId,
        participantId: participant.participantId,
        profile,
        waitlist,
        concerns: concerns.map(exportedConcern),
        pairings: pairings.map(({ pairing, checkIns, reviews, feedback = [], audit, fitChecks = [], outbox = [] }) => {
          const role = pairing.mentorId === participant.participantId ? ('mentor' as const) : ('mentee' as const);
          return {
            pairingId: pairing.pairingId,
            role,
            partnerId: role === 'mentor' ? pairing.menteeId : pairing.mentorId,
            // The reasons as this person read them in their introduction (the admin's list names the partner in full).
            pairing: {
              ...Object.fromEntries(PAIRING_FIELDS.filter((f) => pairing[f] !== undefined).map((f) => [f, pairing[f]])),
              reasons: ownReasons(pairing, role),
              // Their own goals for the pairing, not the partner's.
              ...((pairing.goals as Record<string, unknown> | undefined)?.[role] ? { goals: (pairing.goals as Record<string, unknown>)[role] } : {}),
            },
            checkIns: checkIns.map(({ mentor, mentee, ...rest }) => ({ ...rest, answer: (role === 'mentor' ? mentor : mentee) ?? null })),
            reviews: [...reviews, ...(forAdmin ? [] : feedback)].filter((r) => r.participantId === participant.participantId),
            // What happened and when, without the details: a decline's note or an end's reason is the partner's ("they will not see it").
            audit: audit.filter((l) => !PRIVATE_AUDIT_KINDS.has(String(l.kind))).map(({ at, kind }) => ({ at, kind })),
            fitChecks: fitChecks.map(({ mentor, mentee, ...rest }) => ({ ...rest, answer: (role === 'mentor' ? mentor : mentee) ?? null })),
            emails: emailsTo(participant, outbox),
            openQuestion: openQuestion(pairing.round, role),
          };
        }),
      };
    }),
    notHeld: NOT_HELD,
    ...(heldBack ? { withheld: [FEEDBACK_WITHHELD] } : {}),
  };
}
