import type { Participant } from './participant';

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

export const NOT_HELD = [
  'Copies of the emails sent: crossgen sends through Amazon SES and keeps no copy; the audit trail of each pairing records what was sent and when.',
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
        pairings: pairings.map(({ pairing, checkIns, reviews, feedback = [], audit, fitChecks = [] }) => {
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
            openQuestion: openQuestion(pairing.round, role),
          };
        }),
      };
    }),
    notHeld: NOT_HELD,
    ...(heldBack ? { withheld: [FEEDBACK_WITHHELD] } : {}),
  };
}
