import { MetricUnit } from '@aws-lambda-powertools/metrics';
import type { S3Event } from 'aws-lambda';
import {
  emailHash,
  getQuestion,
  isClosed,
  issueStandingAddress,
  markClarification,
  markNotice,
  markStandingHelp,
  standingWithoutSignature,
  type StoredQuestion,
} from './adapters/reply-tokens';
import { getPairing, isTerminal, listChildren, pairingsOf, type Pairing, type PairingStatus } from './adapters/pairings';
import { PAIRING_KEYS, partnerIdOf, pauseDay } from './domain/pairing/model';
import { lastPauseDayOf } from './domain/pairing/controls';
import { closedOnOf, elsewhereAfterClosed, nextAfterClosed, recordAnswer } from './domain/pairing/answers';
import { metRoute, type MetRoute } from './domain/pairing/met-route';
import { claimMessage, decodeS3Key, messageKeyOf, readRawMessage, recordOutcome, releaseMessage } from './adapters/raw-mail';
import { replySigningKey, replySigningKeys, replyVerificationKeys } from './adapters/secrets';
import { publishControlRequest, type ControlRequest } from './adapters/workflow-callbacks';
import {
  answerOutsideReply,
  askedOf,
  claimedReplyAddressId,
  interpretReply,
  NOTHING_WRITTEN,
  parseInbound,
  parseReplyAddress,
  stripReply,
  verdictProblems,
  type InboundMessage,
  type ReplyAnswer,
  type SigningKeys,
} from './domain/replies';
import { createMailer, type Mailer } from './adapters/mailer';
import { enrolmentsOfSamePerson, getParticipant, otherProgramNames } from './adapters/participants';
import { getProgram } from './adapters/programs';
import { answerLinkLabel } from './domain/answer-page';
import { askedAgain, questionTopic } from './domain/emails/asked-again';
import { introductionComing, introductionToCome, toldPairings } from './domain/emails/introduction-coming';
import { pauseWindowOf } from './domain/emails/pause-example';
import {
  atIntroduction,
  clarificationRequest,
  dataRightsConfirm,
  declineRecorded,
  notTheParticipant,
  notAnAdmin,
  nothingRunning,
  afterEndOf,
  afterClosedOf,
  participantAudience,
  recipientNow,
  questionClosed,
  standingAddressHelp,
  standingOf,
  type NotActedOn,
  type PairingCommand,
  type ParticipantAudience,
  type ProgramContext,
  type ReaderPairing,
  type Recipient,
  type RenderedEmail,
} from './domain/emails';
import { readDataRightsRequest, replyAddress, signAnswerToken, signDataRightsToken, type DataRightsRequest } from './domain/replies';
import { endedSinceOf } from './domain/emails/replies';
import { pauseBeforeTheStart } from './domain/replies/before-start';
import { isPairingCommand } from './domain/replies/commands';
import { requireEnv } from './shared/config';
import { countBusiness } from './shared/business-metrics';
import { eventHandler } from './shared/event-handler';
import { logger, metrics } from './shared/powertools';
import { answerAdminQuestion, approvalFamilyOf, endedPairOf, putToFormerAdmin } from './lifecycle/admin-questions';
import { approvalRunOf, successorOf } from './domain/answer-link';
import { answeredAs, closedApprovalSettlement, decisionSettlement, settlementOn, type DecisionRecord, type Settlement } from './domain/admin-answer';
import { raiseConcern } from './lifecycle/concern';
import { lastPauseDayIn } from './lifecycle/pause-last-day';
import { emailKey, type Participant, type ParticipantStatus } from './domain/participant';
import { getRun } from './adapters/waitlist';
import { programContact } from './domain/program-contact';
import {
  elsewhereTarget,
  namesFormerPartner,
  namesUntoldPartner,
  partnerCalls,
  type PartnerCalls,
  questionTarget,
  standingTarget,
  type StandingPairing,
} from './domain/replies/standing-target';
import { runningPartnerNames } from './lifecycle/running-partners';
import { whatErasureEnds } from './lifecycle/erasure-ends';
import { isFormerAddressOf, wrongSenderNotice, type WrongSenderNotice } from './domain/replies/former-address';
import { concernBelow } from './domain/replies/concern-below';
import { declinedUntil } from './domain/replies/away-return';

/**
 * SES stores each message for the inbound domain in S3 and S3 invokes this function. A reply is
 * recorded only when every check passes (docs/inbound.md); everything else is logged by id and
 * counted, and answered by email only where a person can act on it. Nothing read from a message
 * is logged: it may be personal.
 */

export type InboundOutcome =
  | 'recorded'
  | 'duplicate'
  | 'unreadable'
  | 'verdict-failed'
  | 'no-reply-address'
  | 'forged-address'
  | 'unknown-question'
  | 'auto-reply'
  | 'wrong-sender'
  /** An admin question answered by someone HR has since removed from the program's admins. */
  | 'not-an-admin'
  | 'command'
  | 'closed'
  | 'clarification-sent'
  | 'unclear-again'
  /** Something other than a command, written to a standing address: told what it accepts. */
  | 'standing-help-sent'
  /** The same, past the standing address's daily cap (a mail robot answering every email): nothing sent. */
  | 'standing-help-capped'
  /** PAUSE, END or REMATCH on a standing address with no pairing running: told nothing changed. */
  | 'nothing-running'
  /** END or REMATCH to a standing address, with several pairings running and none named: nothing ended, the person is asked which. */
  | 'which-pairing'
  /** DATA or ERASE (docs/replies.md): a signed confirm link was emailed; nothing else happens yet. */
  | 'data-rights-confirm-sent'
  /** CONCERN: a private case for the program admins (functions/lifecycle/concern.ts). */
  | 'concern'
  /** APPROVE to an approval email whose proposal changed since: nothing approved, the current proposal sent. */
  | 'asked-again'
  /** APPROVE or REJECT from an admin who is now in a proposed pair: nothing decided, told (once) which pair and who approves. */
  | 'not-yours';

/** A pairing of the person that has not ended, as the standing address reads it. */
export interface RunningPairing extends StandingPairing {
  readonly programId: string;
  readonly status: string;
  readonly pausedUntil?: string;
  /** With the open round's asks: whether the person's own introduction has reached them (introductionToCome). */
  readonly mentorId?: string;
  readonly round?: ReaderPairing['round'];
}

/** A running pairing of the person's enrolment in another program (`participantId` is that enrolment). */
export interface ElsewherePairing extends RunningPairing {
  readonly participantId: string;
}

export interface OtherPairings {
  readonly elsewhere: readonly ElsewherePairing[];
  readonly formerPartners: readonly string[];
}

/** Everything the decision needs from the outside, so that tests can stand in for AWS. */
export interface InboundPorts {
  /** The keys a reply address may be signed with at `now` (current, and previous in its grace); `fresh` re-reads them. */
  verificationKeys(now: Date, opts?: { fresh?: boolean }): Promise<readonly string[]>;
  /** The signing secret's keys and dates. Without it, an address signed with a retired key is refused, standing or not. */
  readonly signingKeys?: () => Promise<SigningKeys>;
  readonly inboundDomain: string;
  /** `origin` lets an erasure find the raw object by its sender later. */
  claim(messageKey: string, now: Date, origin?: { objectKey: string; sender?: string }): Promise<boolean>;
  recordOutcome(messageKey: string, outcome: InboundOutcome, opaqueId?: string): Promise<void>;
  release(messageKey: string): Promise<void>;
  getQuestion: typeof getQuestion;
  markNotice: typeof markNotice;
  /** Claims a clarification for one unclear reply (each message once, a few per question). Without it: one per question. */
  readonly markClarification?: typeof markClarification;
  /** Claims the standing-address help for one message (each message once, a few per day). Without it: every message. */
  readonly markStandingHelp?: typeof markStandingHelp;
  answerQuestion: typeof answerAdminQuestion;
  publishControl(request: ControlRequest, requestedAt: string): Promise<void>;
  /**
   * The pairings of this participant that have not ended (for PAUSE, END and REMATCH on a standing
   * address); with several, each partner's name and the emails sent about it tie an END or REMATCH to one.
   */
  runningPairings(participantId: string, opts?: { named?: boolean }): Promise<readonly RunningPairing[]>;
  /**
   * What the same person's other enrolments hold (the same person by address or employee id, read
   * once): `elsewhere`, the running pairings of their enrolments in other programs with their
   * partners' names ("END Dan" to this program's email may mean Dan's pairing there), and
   * `formerPartners`, the names of their partners whose pairings have ended, in every program.
   */
  otherPairings?(participantId: string, programId: string): Promise<OtherPairings>;
  readonly notices: ReplyNotices;
  /** Opens a private concern case (the admins are emailed, the person acknowledged). */
  readonly raiseConcern?: typeof raiseConcern;
  /**
   * The participant's address as stored now (HR may have changed it since a question was sent),
   * and the addresses HR replaced (`formerEmails`: a reply from one is told the address changed).
   */
  readonly currentAddressOf?: (
    participantId: string,
  ) => Promise<{ email: string; timeZone?: string; formerEmails?: readonly string[]; name?: string } | undefined>;
  /**
   * When `from` is the address of the question's partner in the same pairing, the partner's own
   * question of the same round (a reply-all to the other's answer is the partner's answer).
   */
  readonly partnerQuestion?: (q: StoredQuestion, from: string) => Promise<StoredQuestion | undefined>;
  /** Whether an admin question went to someone no longer an admin of its program (they decide nothing). */
  readonly putToFormerAdmin?: (q: StoredQuestion) => Promise<boolean>;
  /**
   * How a pairing's question stands in its pairing now: closed when the pairing ended or moved past
   * its round (the question item itself is closed only when an answer finds that out).
   */
  readonly roundClosed?: (q: StoredQuestion, now: Date) => Promise<ClosedAs | undefined>;
  /**
   * The open question that took over from a closed one, for the same person: a matching approval
   * asked again by its reminder (the first request's task timed out into the reminder's).
   */
  readonly newerQuestion?: (q: StoredQuestion, now: Date) => Promise<StoredQuestion | undefined>;
  /**
   * A pairing's status now (and its resume date when paused), with the last day a PAUSE of it may
   * run to while it runs (`pauseLastDay`: controls.ts, lastPauseDayOf; none when nothing bounds a
   * pause); undefined when it is not stored. Read at most once per reply: the reading's PAUSE
   * examples keep to its last day, and the PAUSE rules read its status.
   */
  readonly pairingState?: (pairingId: string) => Promise<PairingNow | undefined>;
  /**
   * At a standing address (no pairing of its own): the last day a PAUSE from the person may run to,
   * the earliest of their running pairings' in the program (controls.ts, lastPauseDayOf); undefined
   * when nothing bounds a pause. The reading's PAUSE examples keep to it.
   */
  readonly standingPauseLastDay?: (participantId: string, programId: string) => Promise<string | undefined>;
}

type PairingNow = { status: PairingStatus; pausedUntil?: string; pauseLastDay?: string };

/**
 * Whether a reply comes from the person the question was put to: from their address as stored now.
 * After an email change through ParticipantUpdated that is the new address (the question went to
 * the old mailbox), and the old one acts for them no more: it may belong to someone else by now
 * (it may enrol again as a new person, docs/lifecycle.md). A question to an admin, or to a person
 * no longer stored, takes its recipient's address.
 */
async function fromTheParticipant(
  ports: InboundPorts,
  question: StoredQuestion,
  from: string,
): Promise<{ theirs: boolean; timeZone?: string; name?: string; person?: { email: string; formerEmails?: readonly string[] } }> {
  const current = question.participantId && ports.currentAddressOf ? await ports.currentAddressOf(question.participantId) : undefined;
  // Their zone comes along: "today" in what they write is their own day.
  if (current?.email)
    return {
      theirs: emailHash(current.email) === emailHash(from),
      ...(current.timeZone ? { timeZone: current.timeZone } : {}),
      // The name they were enrolled under: their signature starting with it is no part of a note (stripReply).
      ...(current.name ? { name: current.name } : {}),
      person: { email: current.email, ...(current.formerEmails ? { formerEmails: current.formerEmails } : {}) },
    };
  return { theirs: emailHash(from) === question.recipientEmailHash };
}

/**
 * What the wrong-sender notice says (domain/replies/former-address.ts): from the person's own former
 * address, whether the question still takes answers (its deadline, then its round in the pairing).
 */
async function noticeFor(
  ports: InboundPorts,
  question: StoredQuestion,
  from: string,
  person: { email: string; formerEmails?: readonly string[] } | undefined,
  now: Date,
): Promise<WrongSenderNotice> {
  const former = person !== undefined && isFormerAddressOf(person, from);
  // Whether the question still takes answers: the notice then asks it again.
  const open = !isClosed(question, now) && (ports.roundClosed ? (await ports.roundClosed(question, now)) === undefined : true);
  return wrongSenderNotice(former, { purpose: question.purpose, open });
}

/**
 * PAUSE to an introduction while the pairing has not started: nothing could pause, and the pairing
 * would count the reply as no answer at all. The person is asked again, told what works before the
 * start. Once the pairing runs (both said YES), a PAUSE to the old introduction email is a PAUSE
 * like any other: a question's address takes the commands (docs/emails.md).
 */
async function beforeTheStart(
  question: StoredQuestion,
  reading: ReplyAnswer,
  pairingNow: () => Promise<PairingNow | undefined>,
  writer: { now: Date; timeZone?: string },
): Promise<ReplyAnswer> {
  if (question.purpose !== 'acceptance' || reading.intent !== 'pause') return reading;
  const state = await pairingNow();
  if (state && (state.status === 'active' || state.status === 'paused')) return reading;
  return {
    intent: 'unclear',
    // The example is the day the PAUSE named, or the footer's (four weeks on), in the writer's zone.
    reason: pauseBeforeTheStart(writer.now, writer.timeZone, reading.pauseUntil),
  };
}

/** Why a command the person clearly gave did nothing, when the reading says so. */
function commandNotActedOn(reading: ReplyAnswer): NotActedOn | undefined {
  return reading.intent === 'unclear' && reading.command ? { command: reading.command, why: reading.reason } : undefined;
}

/** The intents of a check-in reading that say the pair met. */
const METS: ReadonlySet<string> = new Set(['yes', 'rating']);

/** Where a meeting told to the standing address still counts, from the person's pairings in the program (met-route.ts). */
async function metRouteOf(participantId: string, programId: string, now: Date): Promise<MetRoute | undefined> {
  const program = await getProgram(programId);
  if (!program) return undefined;
  const mine = (await pairingsOf(participantId))
    .filter((p) => p.programId === programId)
    .map((pairing) => ({ pairing, side: pairing.mentorId === participantId ? ('mentor' as const) : ('mentee' as const) }));
  return metRoute(mine, program.lifecycle, now);
}

/** Where a meeting told late to a closed question still counts, in that question's own pairing (met-route.ts). */
async function metRouteIn(q: StoredQuestion, pairing: Pairing | undefined, now: Date): Promise<MetRoute | undefined> {
  if (!pairing || !q.side || q.side === 'admin') return undefined;
  const program = await getProgram(q.programId);
  return program ? metRoute([{ pairing, side: q.side }], program.lifecycle, now) : undefined;
}

/** How long a DATA or ERASE confirm link works. */
const DATA_RIGHTS_LINK_DAYS = 7;

let defaults: InboundPorts | undefined;
function awsPorts(): InboundPorts {
  defaults ??= {
    verificationKeys: replyVerificationKeys,
    signingKeys: () => replySigningKeys(),
    inboundDomain: requireEnv('INBOUND_DOMAIN'),
    claim: claimMessage,
    recordOutcome,
    release: releaseMessage,
    getQuestion,
    markNotice,
    markClarification,
    markStandingHelp,
    // A matching approval's APPROVE approves only the proposal its email showed.
    answerQuestion: answerAdminQuestion,
    publishControl: (request, requestedAt) => publishControlRequest(request, { requestedAt, channel: 'email' }),
    runningPairings,
    otherPairings,
    currentAddressOf: async (participantId) => {
      const person = await getParticipant(participantId);
      return person
        ? { email: person.email, timeZone: person.timeZone, name: person.name, ...(person.formerEmails ? { formerEmails: person.formerEmails } : {}) }
        : undefined;
    },
    partnerQuestion,
    notices: replyNotices(),
    raiseConcern,
    roundClosed,
    newerQuestion: newerApprovalQuestion,
    pairingState: async (pairingId) => {
      const p = await getPairing(pairingId);
      if (!p) return undefined;
      const pauseLastDay = (await lastPauseDayIn([p], p.programId))?.lastDay;
      return { status: p.status, ...(p.pausedUntil ? { pausedUntil: p.pausedUntil } : {}), ...(pauseLastDay ? { pauseLastDay } : {}) };
    },
    standingPauseLastDay: async (participantId, programId) => (await lastPauseDayIn(await pairingsOf(participantId), programId))?.lastDay,
  };
  return defaults;
}

/**
 * A matching approval answered after its reminder went out: the run still waits, on the reminder's
 * question to the same admin. The first request's reply address keeps working until the run stops
 * waiting (docs/cohort-matching.md: one request, one reminder).
 */
async function newerApprovalQuestion(q: StoredQuestion, now: Date): Promise<StoredQuestion | undefined> {
  const newer = successorOf(q, await approvalFamilyOf(q));
  return newer && !isClosed(newer, now) ? newer : undefined;
}

/** The pairing's own view of a question's round: the same rule that refuses an answer to it. */
async function roundClosed(q: StoredQuestion, now: Date): Promise<ClosedAs | undefined> {
  if (!q.pairingId || !q.roundKey || !q.side) return undefined;
  const pairing = await getPairing(q.pairingId);
  if (!pairing) return { closedAt: now.toISOString() };
  const out = recordAnswer(pairing, q.roundKey, q.side, { intent: 'unclear', at: now.toISOString() }, now);
  if (out.status === 'closed') return { closedAt: out.closedAt };
  return out.status === 'already-answered' ? { answeredAt: out.answeredAt } : undefined;
}

/**
 * The partner's question of the same round, when the reply comes from the partner's address as
 * stored now; for a question put to the admins, the same question put to the admin who wrote (an
 * admin answering a colleague's forwarded copy answers for themselves).
 */
async function partnerQuestion(q: StoredQuestion, from: string): Promise<StoredQuestion | undefined> {
  if (q.purpose === 'approval' || q.purpose === 'admin-decision') return fellowAdminQuestion(q, from);
  if (!q.pairingId || !q.roundKey || (q.side !== 'mentor' && q.side !== 'mentee')) return undefined;
  const pairing = await getPairing(q.pairingId);
  if (!pairing) return undefined;
  const side = q.side === 'mentor' ? 'mentee' : 'mentor';
  const partner = await getParticipant(side === 'mentor' ? pairing.mentorId : pairing.menteeId);
  if (!partner?.email || emailHash(partner.email) !== emailHash(from)) return undefined;
  // The partner's own question email of this round (its reminder shares the round): the newest one issued.
  const entries = await listChildren<{ opaqueId?: string; email?: { question?: { roundKey?: string; side?: string } } }>(q.pairingId, PAIRING_KEYS.outbox(''));
  const ids = entries.filter((e) => e.opaqueId && e.email?.question?.roundKey === q.roundKey && e.email?.question?.side === side).map((e) => e.opaqueId!);
  for (const id of ids.reverse()) {
    const theirs = await getQuestion(id);
    if (theirs) return theirs;
  }
  return undefined;
}

/** The question of the same matching run or decision round put to the admin whose address `from` is. */
async function fellowAdminQuestion(q: StoredQuestion, from: string): Promise<StoredQuestion | undefined> {
  const mine = (c: StoredQuestion) => c.opaqueId !== q.opaqueId && c.recipientEmailHash === emailHash(from);
  if (q.purpose === 'approval') return (await approvalFamilyOf(q)).find(mine);
  if (!q.pairingId || !q.roundKey) return undefined;
  const entries = await listChildren<{ opaqueId?: string; email?: { question?: { roundKey?: string; side?: string } } }>(q.pairingId, PAIRING_KEYS.outbox(''));
  const ids = entries.filter((e) => e.opaqueId && e.email?.question?.roundKey === q.roundKey && e.email?.question?.side === 'admin').map((e) => e.opaqueId!);
  for (const id of ids.reverse()) {
    const theirs = await getQuestion(id);
    if (theirs && mine(theirs)) return theirs;
  }
  return undefined;
}

async function runningPairings(participantId: string, opts: { named?: boolean } = {}): Promise<RunningPairing[]> {
  return describeRunning(await pairingsOf(participantId), participantId, opts);
}

function describeRunning(pairings: readonly Pairing[], participantId: string, opts: { named?: boolean }): Promise<RunningPairing[]> {
  const running = pairings.filter((p) => !isTerminal(p.status));
  // Only someone with several pairings needs the partner's name and the emails sent about each
  // (an END or REMATCH to the standing address must then be tied to one: standing-target.ts), or
  // one whose END names a partner that may be in another program (`named`).
  const tie = running.length > 1 || opts.named === true;
  return Promise.all(
    running.map(async (p) => {
      const partner = tie ? await getParticipant(partnerIdOf(p, participantId)) : undefined;
      const sent = tie ? await listChildren<{ messageId?: string }>(p.pairingId, PAIRING_KEYS.outbox('')) : [];
      const sentMessageIds = sent.flatMap((e) => (e.messageId ? [e.messageId] : []));
      return {
        pairingId: p.pairingId,
        programId: p.programId,
        status: p.status,
        mentorId: p.mentorId,
        ...(p.round ? { round: p.round } : {}),
        ...(p.pausedUntil ? { pausedUntil: p.pausedUntil } : {}),
        ...(partner?.name ? { partnerName: partner.name } : {}),
        ...(sentMessageIds.length > 0 ? { sentMessageIds } : {}),
      };
    }),
  );
}

async function otherPairings(participantId: string, programId: string): Promise<OtherPairings> {
  const person = await getParticipant(participantId);
  if (!person) return { elsewhere: [], formerPartners: [] };
  const enrolments = await Promise.all(
    (await enrolmentsOfSamePerson(person)).map(async (p) => ({ enrolment: p, pairings: await pairingsOf(p.participantId) })),
  );
  const elsewhere = await Promise.all(
    enrolments
      .filter(({ enrolment }) => enrolment.programId !== programId)
      .map(async ({ enrolment, pairings }) =>
        (await describeRunning(pairings, enrolment.participantId, { named: true })).map((r) => ({ ...r, participantId: enrolment.participantId })),
      ),
  );
  const ended = enrolments.flatMap(({ enrolment, pairings }) =>
    pairings.filter((p) => isTerminal(p.status)).map((p) => partnerIdOf(p, enrolment.participantId)),
  );
  const partners = await Promise.all(ended.map((id) => getParticipant(id)));
  return { elsewhere: elsewhere.flat(), formerPartners: partners.flatMap((p) => (p?.name ? [p.name] : [])) };
}

/**
 * The emails a reply can trigger: the first three go out at most once per question; the
 * standing-address help once per message (a standing address never closes).
 */
export type ClosedAs = { readonly closedAt: string } | { readonly answeredAt: string; readonly settled?: Settlement };

export interface ReplyNotices {
  clarification(q: StoredQuestion, reading: ReplyAnswer, strippedText: string): Promise<void>;
  /** Closed at its deadline (or by the workflow), or already answered by this person. */
  /** `metLate`: the reply to a closed check-in said the pair met (the note says how that meeting is counted). */
  questionClosed(q: StoredQuestion, closed: ClosedAs, now: Date, opts?: { metLate?: boolean }): Promise<void>;
  /** `notice`: what it says; from the person's own former address, their address changed (and the open question asked again). */
  notTheParticipant(q: StoredQuestion, otherAddress: string, notice?: WrongSenderNotice): Promise<void>;
  /** An admin question answered after HR removed its recipient from the program's admins. */
  notAnAdmin?(q: StoredQuestion): Promise<void>;
  /** A NO to an introduction naming the day the person is back, recorded: which day was read (`availableFrom`, YYYY-MM-DD). */
  declineRecorded?(q: StoredQuestion, availableFrom: string, opts: { attachmentsNotKept?: true }): Promise<void>;
  /**
   * `notActedOn`: why a command the person gave did nothing (a PAUSE day that has passed, a STOP for
   * a while). `metReported`: the reply reads as a check-in's YES ("we met on Tuesday"): the help
   * says where that meeting still counts (pairing/met-route.ts).
   */
  standingHelp(q: StoredQuestion, notActedOn?: NotActedOn, opts?: { metReported: true; now: Date }): Promise<void>;
  /** PAUSE, END or REMATCH on a standing address while no pairing of the person runs. */
  nothingRunning(
    q: StoredQuestion,
    command: PairingCommand,
    why?: {
      ended?: boolean;
      pausedUntil?: string;
      /** The partners' names, and how many more pairings run with a partner no reply can name (partnerCalls). */
      whichPartner?: PartnerCalls;
      acrossPrograms?: boolean;
      formerPartner?: string;
    },
  ): Promise<void>;
  /** DATA or ERASE: the confirm link, to the participant the question was for. */
  dataRightsConfirm?(q: StoredQuestion, request: DataRightsRequest, now: Date): Promise<void>;
}

/** The signed answer links of a question asked again (none without an answer page). */
function answerLinksOf(q: StoredQuestion, key: string) {
  const base = process.env.ANSWER_BASE_URL?.replace(/\/+$/, '');
  return base
    ? q.choices.map((choice) => ({
        label: answerLinkLabel(choice, q.purpose),
        url: `${base}/r/${signAnswerToken({ opaqueId: q.opaqueId, choice, expiresAt: q.closesAt }, key)}`,
      }))
    : [];
}

function replyNotices(): ReplyNotices {
  let mailer: Mailer | undefined;
  const send = async (
    q: StoredQuestion,
    render: (
      to: Recipient,
      program: ProgramContext,
      reader: ParticipantAudience | 'admin',
      participant: Participant | undefined,
      closed: boolean,
      pairings: readonly Pairing[],
    ) => RenderedEmail,
    replyTo?: string,
    { evenIfSuppressed = false } = {},
  ) => {
    const program = await getProgram(q.programId);
    if (!program) {
      logger.warn('reply notice not sent: program not found', { programId: q.programId, opaqueId: q.opaqueId });
      return;
    }
    const participant = q.participantId ? await getParticipant(q.participantId) : undefined;
    // A hard bounce or a complaint stopped all mail to this person (docs/mail-feedback.md): a reply
    // from them is read, and acted on, but not answered; only a DATA or ERASE request still is.
    if (participant?.status === 'suppressed' && !evenIfSuppressed) {
      logger.info('reply notice not sent: address suppressed', { opaqueId: q.opaqueId, participantId: q.participantId });
      return;
    }
    // Someone who left or withdrew is offered only what still works for them (footer.ts, recipientNow).
    const pairings = q.participantId ? await pairingsOf(q.participantId) : [];
    const to: Recipient = recipientNow(
      { timeZone: participant?.timeZone ?? program.timeZone, ...(participant ? { name: participant.name } : {}) },
      participant?.status,
      participant?.rematchAttempts,
      // A partner whose introduction has not reached them yet is never named (introduction-coming.ts, toldPairings).
      participant ? await runningPartnerNames(participant, toldPairings(participant.participantId, pairings)) : undefined,
      participant?.mailStoppedAt,
      new Date(),
    );
    // Every email to a participant carries their standing address (STOP, PAUSE, END), the
    // one-click unsubscribe headers and their private concern link; a clarification keeps the
    // question's own address, so that the clarified answer comes back to the same question.
    const standing = participant
      ? await issueStandingAddress({ programId: participant.programId, participantId: participant.participantId, email: participant.email })
      : undefined;
    // A question with no participant was put to the admins: they read an admin's email. A
    // participant's footer offers only the words that would act on their pairings now, and names
    // an admin outside their pairings to write to.
    const partners = participant ? await partnersOf(participant, pairings) : [];
    // Every PAUSE example it gives (the help's, the footer's, a question asked again) is one the
    // pairing it reaches takes: near its last day, that day; after it, none (emails/pause-example.ts;
    // QA promise10). A participant's: their running pairings'. An admin's decision asked again (a
    // clarification, the notice to another address: `replyTo`) names one pairing: that pairing's.
    const decided = !q.participantId && replyTo !== undefined && q.purpose === 'admin-decision' && q.pairingId ? await getPairing(q.pairingId) : undefined;
    const lastPauseDay = lastPauseDayOf(program, q.participantId ? pairings : decided ? [decided] : []);
    const context: ProgramContext = {
      ...programContact(program, [q.recipientEmail, ...partners], new Date()),
      ...(standing ? { concernUrl: standing.concernUrl } : {}),
      ...(lastPauseDay !== undefined ? { pauseBound: { lastDay: lastPauseDay, decidedAt: new Date().toISOString() } } : {}),
    };
    mailer ??= createMailer({ from: requireEnv('MAIL_FROM') });
    // Only a clarification keeps the question's address: of an introduction, its reply takes NO with a date.
    const askedHere = replyTo !== undefined && q.purpose === 'acceptance' ? q.pairingId : undefined;
    const reader = q.participantId ? participantAudience(q.participantId, pairings, askedHere) : 'admin';
    // The program's last day has passed (its own zone): nobody waiting will be matched in it any more.
    const email = render(to, context, reader, participant, context.closed === true, pairings);
    const reply = replyTo ?? standing?.replyAddress;
    await mailer.send({
      // To the person's address as stored now: after an email change, the question's recipient is an old mailbox.
      to: participant?.email || q.recipientEmail,
      email,
      ...(reply ? { replyTo: reply } : {}),
      ...(standing ? { headers: standing.headers } : {}),
      tags: { programId: q.programId.replace(/[^A-Za-z0-9_-]/g, '-') },
    });
    logger.info('reply notice sent', { template: email.template, opaqueId: q.opaqueId, participantId: q.participantId });
  };
  return {
    async clarification(q, reading, strippedText) {
      const key = await replySigningKey();
      const links = answerLinksOf(q, key);
      const understood = reading.reason.replace(/\.$/, '');
      await send(
        q,
        (to, program, reader) => {
          // Asked again as its email asked it: the partner, the day a check-in asks about, a review's lines.
          const again = askedAgain(q, to.timeZone, new Date(), program.pauseBound ? pauseWindowOf(to, program) : undefined);
          return clarificationRequest({
            to,
            program,
            reader,
            quotedReply: strippedText.trim() || '(an empty reply)',
            // "Understood ..." reads on after "What we understood:"; a word in capitals (PAUSE) stays as it is.
            understood: /^\p{Lu}\p{Ll}/u.test(understood) ? understood.charAt(0).toLowerCase() + understood.slice(1) : understood,
            prompt: again.prompt,
            replyExamples: again.replyExamples,
            answerBy: q.closesAt,
            answerLinks: links,
          });
        },
        replyAddress(q.opaqueId, key, requireEnv('INBOUND_DOMAIN')),
      );
    },
    async questionClosed(q, closed, now, opts) {
      // What comes next is read from the pairing as it is now: a pause or an end since the question
      // was asked changes it (functions/domain/pairing/answers.ts, nextAfterClosed).
      const pairing = q.pairingId ? await getPairing(q.pairingId) : undefined;
      const own = nextAfterClosed(
        { roundKey: q.roundKey, side: q.side, stated: q.context?.nextQuestionAt, pausedMsAtAsk: q.context?.pausedMsAtAsk },
        pairing,
        now,
      );
      // Its pairing ended (or named no date): the person's other pairings may still ask them something,
      // a new introduction after a rematch above all, so "nothing else is needed" must not be said then.
      const participantId = q.participantId;
      const next =
        Object.keys(own).length > 0 || !participantId || q.purpose === 'standing'
          ? own
          : elsewhereAfterClosed(
              (await pairingsOf(participantId))
                .filter((p) => p.pairingId !== q.pairingId && p.programId === q.programId)
                .map((p) => ({ pairing: p, side: p.mentorId === participantId ? ('mentor' as const) : ('mentee' as const) })),
              now,
            );
      // An admin question another admin answered first: who, and what was decided (domain/admin-answer.ts).
      const settled = await settlementFor(q, closed, pairing);
      // An approval's audit names who approved (approvedBy): the email says the same.
      const approver = settled?.decision === 'approved' && settled.via !== 'api' ? await approvedByOf(q) : undefined;
      const mine = approver === undefined ? undefined : emailKey(approver) === emailKey(q.recipientEmail);
      const answeredOn = settled?.at ?? ('answeredAt' in closed ? closed.answeredAt : undefined);
      const closedOn = answeredOn ?? ('closedAt' in closed ? closedOnOf(closed.closedAt, pairing, q) : closed.answeredAt);
      // Closed at the deadline its email stated: named as that email named it ("Please answer by Sunday 14 May").
      const when =
        answeredOn !== undefined
          ? { closedOn, answeredOn, ...(settled ? { answeredAs: answeredAs(q.opaqueId, settled, mine) } : {}) }
          : { closedOn, ...(closedOn === q.closesAt ? { atDeadline: true } : {}) };
      // To an admin, about a pair whose pairing ended since (a member's STOP or END, a departure):
      // the pair as they stand now, so that the end, and where each of them stands, can be told.
      const pair = await endedPairOf(q, pairing);
      // A late "we met": where that meeting still counts in this check-in's pairing, if anywhere.
      const metLate = opts?.metLate ? await metRouteIn(q, pairing, now) : undefined;
      await send(q, (to, program, reader, person, programClosed, pairings) => {
        // Nothing more from its pairings: where the person stands, as an answer to a command says it.
        const nothingNext = Object.keys(next).length === 0 && reader !== 'admin';
        // A new introduction (after a decline and a rematch) may not have gone out yet: said when it comes, never to answer it.
        const coming = participantId && atIntroduction(reader) ? introductionComing(participantId, pairings, new Date()) : undefined;
        const endedSince =
          reader === 'admin' ? endedSinceOf(pairing, pair, { ...(settled ? { decided: settled.decision } : {}), programHasClosed: programClosed }) : undefined;
        return questionClosed({
          to,
          program,
          reader,
          question: questionTopic(q),
          ...when,
          ...next,
          ...(nothingNext ? afterClosedOf(person?.status, programClosed) : {}),
          ...(endedSince ? { endedSince } : {}),
          ...(metLate && reader !== 'admin' ? { metLate } : {}),
          ...(coming ? { introductionComing: coming } : {}),
        });
      });
    },
    async notTheParticipant(q, otherAddress, notice) {
      const former = notice?.kind === 'former-address';
      if (!notice?.askAgain)
        return send(q, (to, program, reader) => notTheParticipant({ to, program, reader, otherAddress, ...(former ? { formerAddress: {} } : {}) }));
      // The question asked again with its own reply address, as a clarification asks it: answering
      // this notice from the address the person has now answers the question.
      const key = await replySigningKey();
      const links = answerLinksOf(q, key);
      await send(
        q,
        (to, program, reader) => {
          const question = {
            ...askedAgain(q, to.timeZone, new Date(), program.pauseBound ? pauseWindowOf(to, program) : undefined),
            answerBy: q.closesAt,
            answerLinks: links,
          };
          return notTheParticipant({ to, program, reader, otherAddress, ...(former ? { formerAddress: { question } } : { question }) });
        },
        replyAddress(q.opaqueId, key, requireEnv('INBOUND_DOMAIN')),
      );
    },
    notAnAdmin: (q) => send(q, (to, program) => notAnAdmin({ to, program })),
    async declineRecorded(q, availableFrom, opts) {
      const [program, pairing] = await Promise.all([getProgram(q.programId), q.pairingId ? getPairing(q.pairingId) : undefined]);
      const partner = pairing && q.participantId ? await getParticipant(partnerIdOf(pairing, q.participantId)) : undefined;
      // The program's last day for new pairings, when it comes before they are back: no partner can be found in it.
      const endDate = program?.endDate;
      await send(q, (to, context, reader) =>
        declineRecorded({
          to,
          program: context,
          partner: { name: partner?.name ?? '' },
          availableFrom,
          ...(endDate !== undefined && endDate < availableFrom ? { matchingEndsOn: endDate } : {}),
          ...(opts.attachmentsNotKept ? { attachmentsNotKept: true } : {}),
          // Their introduction has closed: the footer of someone waiting, unless another pairing of theirs runs.
          ...(reader === 'participant' ? { reader } : {}),
        }),
      );
    },
    async standingHelp(q, notActedOn, opts) {
      const route = opts && q.participantId ? await metRouteOf(q.participantId, q.programId, opts.now) : undefined;
      await send(q, (to, program, reader, person, closed, pairings) => {
        const standing = standingOf(person?.status, closed);
        // Their introduction may not have gone out yet: the help says when it comes, never to answer it.
        const coming = q.participantId && atIntroduction(reader) ? introductionComing(q.participantId, pairings, new Date()) : undefined;
        return standingAddressHelp({
          to,
          program,
          reader,
          ...(notActedOn ? { notActedOn } : {}),
          ...(standing ? { standing } : {}),
          ...(route ? { metRoute: route } : {}),
          ...(coming ? { introductionComing: coming } : {}),
        });
      });
    },
    nothingRunning: (q, command, why = {}) =>
      send(q, (to, program, reader, person, closed, pairings) => {
        const standing = standingOf(person?.status, closed);
        // Introductions go at each person's own send time: theirs may not have gone out yet.
        const coming = q.participantId && atIntroduction(reader) ? introductionComing(q.participantId, pairings, new Date()) : undefined;
        return nothingRunning({
          to,
          program,
          command,
          waiting: person !== undefined && WAITING.has(person.status),
          ...(standing ? { standing } : {}),
          introduced: atIntroduction(reader),
          ...(coming ? { introductionComing: coming } : {}),
          // Whether the end offered them a new partner: their status says so now.
          ...(why.ended ? { ended: true, ...(why.formerPartner ? { formerPartner: why.formerPartner } : afterEndOf(person?.status)) } : {}),
          ...(why.pausedUntil ? { pausedUntil: why.pausedUntil } : {}),
          ...(why.whichPartner ? { whichPartner: why.whichPartner } : {}),
          ...(why.acrossPrograms ? { acrossPrograms: true } : {}),
          ...(reader === 'admin' ? {} : { reader }),
        });
      }),
    async dataRightsConfirm(q, request, now) {
      const base = process.env.ANSWER_BASE_URL?.replace(/\/+$/, '');
      if (!base || !q.participantId) {
        logger.warn('data-rights confirm not sent: no answer base URL or participant', { opaqueId: q.opaqueId });
        return;
      }
      const expiresAt = new Date(now.getTime() + DATA_RIGHTS_LINK_DAYS * 86_400_000).toISOString();
      const token = signDataRightsToken({ participantId: q.participantId, request, expiresAt }, await replySigningKey());
      // The request covers every enrolment under their address (docs/admin-api.md, Data rights):
      // the email names the other programs too.
      const person = await getParticipant(q.participantId);
      const otherPrograms = person?.email ? await otherProgramNames(person) : [];
      // What an ERASE would end as things stand: a pairing and a partner are named only when one runs.
      const ends = request === 'erase' && person ? await whatErasureEnds(person) : undefined;
      await send(
        q,
        (to, program, reader) =>
          dataRightsConfirm({
            to,
            program,
            request,
            confirmUrl: `${base}/d/${token}`,
            expiresAt,
            otherPrograms,
            ...(ends ? { ends } : {}),
            ...(reader === 'admin' ? {} : { reader }),
          }),
        undefined,
        { evenIfSuppressed: true },
      );
    },
  };
}

/**
 * What settled an admin question a reply came too late for: a matching approval's, as its
 * questions record it; a pairing's decision, from what the pairing keeps of the question's round
 * (its closing says "closed" otherwise, whichever way the reply found it so).
 */
/** Who the matching run an approval question belongs to records as having approved it (`approvedBy`), if anyone. */
async function approvedByOf(q: StoredQuestion): Promise<string | undefined> {
  const of = approvalRunOf(q);
  const run = of && ((await getRun(of.programId, of.runId)) as { approvedBy?: unknown } | undefined);
  return typeof run?.approvedBy === 'string' && run.approvedBy.includes('@') ? run.approvedBy : undefined;
}

async function settlementFor(q: StoredQuestion, closed: ClosedAs, pairing: Pairing | undefined): Promise<Settlement | undefined> {
  if (q.purpose === 'admin-decision' && q.pairingId) {
    return decisionSettlement(q, await listChildren<DecisionRecord>(q.pairingId, PAIRING_KEYS.decision('')), pairing?.round);
  }
  if ('answeredAt' in closed) return closed.settled ?? settlementOn(q);
  // A matching approval found closed: settled by any admin's answer to its run, else by the run's silence (not approved).
  const run = approvalRunOf(q);
  return run ? closedApprovalSettlement(q, await approvalFamilyOf(q), await getRun(run.programId, run.runId)) : undefined;
}

/** The addresses of the person's partners in pairings that have not ended. */
async function partnersOf(person: Participant, pairings: readonly Pairing[]): Promise<string[]> {
  const ids = pairings.filter((p) => !isTerminal(p.status) && p.programId === person.programId).map((p) => partnerIdOf(p, person.participantId));
  const found = await Promise.all(ids.map((id) => getParticipant(id)));
  return found.flatMap((p) => (p ? [p.email] : []));
}

/**
 * How "Which pairing did you mean?" tells the running pairings (partnerCalls): the partners' names,
 * and how many more run with a partner no reply can name. Every one is counted.
 */
interface WhichPartner {
  readonly whichPartner: PartnerCalls;
}

function whichPartnerOf(running: readonly StandingPairing[]): WhichPartner {
  return { whichPartner: partnerCalls(running) };
}

/** Statuses of a person who waits to be matched: PAUSE, END or REMATCH then has nothing to act on. */
const WAITING = new Set<ParticipantStatus>(['enrolled', 'waitlisted', 'awaiting-rematch']);

/**
 * What a command on a standing address asks: STOP withdraws the person; PAUSE acts on each of their
 * pairings that has not ended (none running: nothing to pause). END and REMATCH end one pairing: the
 * only one running, or the one the reply ties to (standing-target.ts); with several and none tied,
 * nothing ends and the person is asked which partner they meant (`whichPartner`). REMATCH ends the
 * pairing as `participant-rematch`: both are offered a new partner, nobody is blamed. A pairing
 * whose introduction has not reached the person yet (introductionToCome) is never ended so.
 */
async function standingControls(
  q: StoredQuestion,
  reading: ReplyAnswer,
  ports: InboundPorts,
  message: InboundMessage,
): Promise<ControlRequest[] | (WhichPartner & { acrossPrograms?: true }) | { alreadyEnded: string }> {
  if (!q.participantId) return [];
  const participantId = q.participantId;
  if (reading.intent === 'stop') return [{ type: 'ParticipantWithdrew', programId: q.programId, participantId }];
  const running = await ports.runningPairings(participantId);
  if (reading.intent === 'end' || reading.intent === 'rematch') {
    const across = await endElsewhere(q, reading, ports);
    if (across) return 'whichPartner' in across || 'alreadyEnded' in across ? across : [across];
    // A pairing whose introduction has not reached the person yet is not one they can mean: with
    // none other, nothing ends and they are told when the introduction comes (nothingRunning).
    const told = toldPairings(participantId, running);
    // An end cannot be undone: only the pairing the reply names (or answers) ends, or none.
    const target = standingTarget(told, { ...(reading.note ? { note: reading.note } : {}), inReplyTo: message.inReplyTo ? [message.inReplyTo] : [] });
    if (target.kind === 'unclear') return whichPartnerOf(target.running);
    const reason = reading.intent === 'rematch' ? { reason: 'participant-rematch' as const } : {};
    return target.pairings.map(({ pairingId, programId }) => ({ type: 'PairingEndRequested', programId, pairingId, participantId, ...reason }));
  }
  // A pairing still at its introduction has nothing to pause (the person is told so, below), and
  // one paused already changes only with a new date.
  const started = running.filter((r) => r.status !== 'proposed' && r.status !== 'introduced' && (reading.pauseUntil || r.status !== 'paused'));
  return started.map(({ pairingId, programId }) => ({
    type: 'PairingPauseRequested',
    programId,
    pairingId,
    participantId,
    ...(reading.pauseUntil ? { pauseUntil: reading.pauseUntil } : {}),
    ...(reading.pauseFrom ? { pauseFrom: reading.pauseFrom } : {}),
  }));
}

/**
 * END or REMATCH with a partner's name, before this program's own rules: a former partner's name
 * (namesFormerPartner) is `alreadyEnded`, nothing ends; the partner of the person's pairing in
 * another program (elsewhereTarget) is that pairing's end, asked as that enrolment; `whichPartner`
 * when the name ties to none; undefined when it names nobody there (this program's rules apply).
 * Only pairings the person has been told of count (toldPairings: here, the one the answered
 * question is about always is): one whose introduction has not reached them is never ended nor
 * named, and a name of its partner ends nothing else in its place (namesUntoldPartner): they are
 * asked which of the pairings they know they meant (none: this program's rules say nothing runs).
 */
async function endElsewhere(
  q: StoredQuestion,
  reading: ReplyAnswer,
  ports: InboundPorts,
): Promise<Extract<ControlRequest, { type: 'PairingEndRequested' }> | (WhichPartner & { acrossPrograms?: true }) | { alreadyEnded: string } | undefined> {
  if (!q.participantId || !reading.note || (reading.intent !== 'end' && reading.intent !== 'rematch')) return undefined;
  const { elsewhere, formerPartners } = ports.otherPairings ? await ports.otherPairings(q.participantId, q.programId) : { elsewhere: [], formerPartners: [] };
  const running = await ports.runningPairings(q.participantId, { named: true });
  const here = toldPairings(q.participantId, running, q.purpose === 'standing' ? undefined : q.pairingId);
  const there = elsewhere.filter((p) => !introductionToCome(p.participantId, p));
  const untold = [...running.filter((p) => !here.includes(p)), ...elsewhere.filter((p) => !there.includes(p))];
  // "END Cleo." again, after Cleo's pairing ended: never the one pairing left running.
  const former = namesFormerPartner(reading.note, [...here, ...there], formerPartners);
  if (former) return { alreadyEnded: former };
  // "REMATCH Bo" before Bo's introduction has reached them: neither Bo's pairing nor another ends.
  if (namesUntoldPartner(reading.note, [...here, ...there], untold) && here.length + there.length > 0)
    return { ...whichPartnerOf([...here, ...there]), ...(there.length > 0 ? { acrossPrograms: true as const } : {}) };
  if (there.length === 0) return undefined;
  const target = elsewhereTarget(here, there, reading.note);
  if (!target) return undefined;
  if (target.kind === 'unclear') return { ...whichPartnerOf(target.running), acrossPrograms: true };
  const { programId, pairingId, participantId } = target.pairing;
  return {
    type: 'PairingEndRequested',
    programId,
    pairingId,
    participantId,
    ...(reading.intent === 'rematch' ? { reason: 'participant-rematch' as const } : {}),
  };
}

function controlRequest(q: StoredQuestion, reading: ReplyAnswer): ControlRequest | undefined {
  if (!q.participantId || !isPairingCommand(reading.intent)) return undefined;
  const who = { programId: q.programId, participantId: q.participantId };
  if (reading.intent === 'stop') return { type: 'ParticipantWithdrew', ...who, ...(q.pairingId ? { pairingId: q.pairingId } : {}) };
  if (!q.pairingId) return undefined;
  if (reading.intent === 'end') return { type: 'PairingEndRequested', ...who, pairingId: q.pairingId };
  if (reading.intent === 'rematch') return { type: 'PairingEndRequested', ...who, pairingId: q.pairingId, reason: 'participant-rematch' };
  return {
    type: 'PairingPauseRequested',
    ...who,
    pairingId: q.pairingId,
    ...(reading.pauseUntil ? { pauseUntil: reading.pauseUntil } : {}),
    ...(reading.pauseFrom ? { pauseFrom: reading.pauseFrom } : {}),
  };
}

/**
 * The question a message is addressed to: by a signed reply address, or (signed with a key retired
 * since) a standing address its stored item vouches for, read here once (`question`).
 */
async function findQuestionId(
  message: InboundMessage,
  ports: InboundPorts,
  now: Date,
): Promise<{ opaqueId: string; question?: StoredQuestion } | { outcome: InboundOutcome }> {
  const scan = (keys: readonly string[]) => {
    let forged = false;
    for (const address of message.to) {
      const parsed = parseReplyAddress(address, keys, ports.inboundDomain);
      if ('opaqueId' in parsed) return parsed;
      if (parsed.error === 'bad-signature') forged = true;
    }
    return { outcome: forged ? ('forged-address' as const) : ('no-reply-address' as const) };
  };
  const first = scan(await ports.verificationKeys(now));
  if (!('outcome' in first) || first.outcome !== 'forged-address') return first;
  // Signed with a key this container has not read yet (a rotation in the last minute)? Read again.
  const fresh = scan(await ports.verificationKeys(now, { fresh: true }));
  if (!('outcome' in fresh) || !ports.signingKeys) return fresh;
  // Signed with a retired key: an old email's standing address still works (docs/security.md).
  const claimed = message.to.map((address) => claimedReplyAddressId(address, ports.inboundDomain)).find((id) => id !== undefined);
  const question = await standingWithoutSignature(claimed, await ports.signingKeys(), ports.getQuestion);
  return question ? { opaqueId: question.opaqueId, question } : fresh;
}

async function decide(message: InboundMessage, messageKey: string, ports: InboundPorts, now: Date): Promise<{ outcome: InboundOutcome; opaqueId?: string }> {
  if (message.reason) return { outcome: 'unreadable' };
  // Every message arrives through SES receipt, which stamps its verdicts: none means not checked.
  const problems = verdictProblems(message.verdicts, { requireSes: true });
  if (problems.length > 0) {
    // Verdict names only; a failed message gets no answer (it may be forged or malicious).
    logger.warn('inbound message rejected on verdicts', { verdicts: message.verdicts });
    return { outcome: 'verdict-failed' };
  }
  const found = await findQuestionId(message, ports, now);
  if ('outcome' in found) return found;
  const { opaqueId } = found;
  const question = found.question ?? (await ports.getQuestion(opaqueId));
  if (!question) return { outcome: 'unknown-question', opaqueId };
  // Before the sender check: a bounce comes from MAILER-DAEMON, and must not make us tell the
  // participant that "someone else" replied.
  if (message.autoReply) return { outcome: 'auto-reply', opaqueId };
  // Several senders (or a group) cannot be the one participant: refused, and nobody is told,
  // since the addresses are the sender's choice and telling them would answer a probe.
  if (message.fromProblem) return { outcome: 'wrong-sender', opaqueId };
  const sender = message.from ? await fromTheParticipant(ports, question, message.from) : { theirs: false };
  if (!message.from || !sender.theirs) {
    // The partner answering with reply-all to the other's answer: their own question of the round
    // takes it, and nobody is warned that "someone else" wrote.
    const theirs = message.from && ports.partnerQuestion ? await ports.partnerQuestion(question, message.from) : undefined;
    // (A fellow admin's own question is still checked: one removed from the program decides nothing.)
    if (theirs && !(await (ports.putToFormerAdmin ?? putToFormerAdmin)(theirs))) {
      logger.info('reply from the partner taken as their own answer', { opaqueId, partnerOpaqueId: theirs.opaqueId });
      return answer(theirs, message, messageKey, ports, now);
    }
    if (message.from && (await ports.markNotice(opaqueId, 'foreignSenderNoticeAt', now))) {
      await ports.notices.notTheParticipant(question, message.from, await noticeFor(ports, question, message.from, sender.person, now));
    }
    return { outcome: 'wrong-sender', opaqueId };
  }
  // An admin removed from the program since the question was asked decides nothing any more.
  if (await (ports.putToFormerAdmin ?? putToFormerAdmin)(question)) {
    logger.warn('reply from a former admin of the program not recorded', { opaqueId, purpose: question.purpose, programId: question.programId });
    // Told once per question (however often they answer), never left wondering.
    if (ports.notices.notAnAdmin && (await ports.markNotice(opaqueId, 'foreignSenderNoticeAt', now))) await ports.notices.notAnAdmin(question);
    return { outcome: 'not-an-admin', opaqueId };
  }
  return answer(question, message, messageKey, ports, now, {
    ...(sender.timeZone ? { timeZone: sender.timeZone } : {}),
    ...(sender.name ? { name: sender.name } : {}),
  });
}

/** A reply from the person the question was put to: read it and act on it. */
async function answer(
  question: StoredQuestion,
  message: InboundMessage,
  messageKey: string,
  ports: InboundPorts,
  now: Date,
  writer: { readonly timeZone?: string; readonly name?: string } = {},
  answeredTo?: StoredQuestion,
): Promise<{ outcome: InboundOutcome; opaqueId?: string }> {
  const { opaqueId } = question;
  const { timeZone } = writer;
  // The sender wrote it (the partner too, on a reply-all): their own signature at the end, from
  // their name as their address or enrolment gives it, is cut (stripReply).
  const text = stripReply(message.text, { ...(message.from ? { address: message.from } : {}), ...(writer.name ? { name: writer.name } : {}) });
  // DATA or ERASE, to any address of theirs: confirmed by a signed link before anything happens.
  const rights = question.participantId ? readDataRightsRequest(text) : undefined;
  if (rights && ports.notices.dataRightsConfirm) {
    await ports.notices.dataRightsConfirm(question, rights, now);
    logger.info('data rights asked by reply', { opaqueId, participantId: question.participantId, request: rights });
    return { outcome: 'data-rights-confirm-sent', opaqueId };
  }
  // The pairing's state, read at most once per reply (the examples' bound and the PAUSE rules below may each need it).
  let state: Promise<PairingNow | undefined> | undefined;
  const pairingNow = () => {
    state ??= question.pairingId && ports.pairingState ? ports.pairingState(question.pairingId) : Promise.resolve(undefined);
    return state;
  };
  // The PAUSE examples of the reading's reason are ones the pairing takes (its last pause day): the
  // question's pairing, read with its state (a participant's question, an admin's decision), or at
  // a standing address the earliest of the person's running pairings'.
  const pauseLastDay = question.pairingId
    ? (await pairingNow())?.pauseLastDay
    : question.participantId
      ? await ports.standingPauseLastDay?.(question.participantId, question.programId)
      : undefined;
  const options = { now, ...(timeZone ? { timeZone } : {}), ...(pauseLastDay ? { pauseLastDay } : {}), ...askedOf(question.context) };
  // An answer written only in the subject, or under the quoted email's header: said so, never acted on (QA mail8).
  const whole =
    answerOutsideReply(message, text, question.purpose, options) ??
    (message.text.trim() === '' ? NOTHING_WRITTEN : interpretReply(text, question.purpose, options));
  // "Yes 3\n\nCONCERN: ...": the concern opens a case as a first-word CONCERN does, and the answer
  // above it is read alone, so the concern never becomes the note the partner and reports see.
  const below = whole.intent !== 'concern' && question.participantId ? concernBelow(text, question.purpose) : undefined;
  const reading = await beforeTheStart(question, below ? interpretReply(below.above, question.purpose, options) : whole, pairingNow, options);
  // The partner named has no pairing running with them any more: nothing to end, and they are told so.
  const endedAlready = async (partner: string): Promise<{ outcome: InboundOutcome; opaqueId: string }> => {
    await ports.notices.nothingRunning(question, reading.intent as PairingCommand, { ended: true, formerPartner: partner });
    logger.info('command naming a partner whose pairing has ended', { opaqueId, participantId: question.participantId, intent: reading.intent });
    return { outcome: 'nothing-running', opaqueId };
  };
  // Seeded by the message, so the message delivered again is the same case.
  const raise = (participantId: string, text: string | undefined, exit: boolean) =>
    (ports.raiseConcern ?? raiseConcern)({
      programId: question.programId,
      participantId,
      ...(question.pairingId ? { pairingId: question.pairingId } : {}),
      ...(text ? { text } : {}),
      exit,
      channel: 'email',
      seed: messageKey,
      now,
    });
  if (reading.intent === 'concern' && question.participantId) {
    // Whatever the address (a question's, closed or not, or the standing one): the case opens, and
    // the question stays open for its real answer.
    await raise(question.participantId, reading.note, reading.exit === true);
    logger.info('concern received', { opaqueId, participantId: question.participantId, pairingId: question.pairingId });
    return { outcome: 'concern', opaqueId };
  }
  if (below && question.participantId) {
    // Raised whatever becomes of the answer above (recorded, or the question closed).
    await raise(question.participantId, below.concern.text, below.concern.exit);
    logger.info('concern received below an answer', { opaqueId, participantId: question.participantId, pairingId: question.pairingId });
    // Nothing above it to act on ("Sorry to bother you.\nCONCERN: ..."): a concern alone, as a first-word one.
    if (reading.intent === 'unclear' && !reading.command) return { outcome: 'concern', opaqueId };
  }
  if (question.purpose === 'standing') {
    if (!isPairingCommand(reading.intent)) {
      // Once per message (claimed once; auto-replies never get here), and a few per day: a robot
      // that answers every email without auto-reply headers would otherwise get one for ever.
      if (ports.markStandingHelp && !(await ports.markStandingHelp(opaqueId, messageKey, now))) {
        logger.warn('standing-address help not sent: cap reached', { opaqueId, participantId: question.participantId });
        return { outcome: 'standing-help-capped', opaqueId };
      }
      const notActedOn = commandNotActedOn(reading);
      // "We met on Tuesday" to a nudge: read as a check-in would read it, to point to where it counts.
      const met = !notActedOn && question.participantId !== undefined && METS.has(interpretReply(text, 'check-in', { now }).intent);
      await ports.notices.standingHelp(question, notActedOn, met ? { metReported: true, now } : undefined);
      return { outcome: 'standing-help-sent', opaqueId };
    }
    const asked = await standingControls(question, reading, ports, message);
    if ('alreadyEnded' in asked) return endedAlready(asked.alreadyEnded);
    if ('whichPartner' in asked) {
      await ports.notices.nothingRunning(question, reading.intent as PairingCommand, asked);
      logger.info('standing address command not tied to one pairing', { opaqueId, participantId: question.participantId, intent: reading.intent });
      return { outcome: 'which-pairing', opaqueId };
    }
    const requests = asked;
    if (requests.length === 0 && reading.intent === 'pause' && !reading.pauseUntil && question.participantId) {
      // Every pairing of theirs that could pause is paused already: a PAUSE without a date changes nothing.
      const paused = (await ports.runningPairings(question.participantId)).find((r) => r.status === 'paused');
      if (paused?.pausedUntil) {
        await ports.notices.nothingRunning(question, 'pause', { pausedUntil: pauseDay(paused.pausedUntil) });
        return { outcome: 'nothing-running', opaqueId };
      }
    }
    if (requests.length === 0 && reading.intent !== 'stop' && question.participantId) {
      // Nothing runs to pause, end or rematch: the person hears so (once per message, as above).
      await ports.notices.nothingRunning(question, reading.intent as PairingCommand);
      return { outcome: 'nothing-running', opaqueId };
    }
    for (const request of requests) await ports.publishControl(request, now.toISOString());
    logger.info('standing address command', { opaqueId, participantId: question.participantId, intent: reading.intent });
    return { outcome: 'command', opaqueId };
  }
  const across = await endElsewhere(question, reading, ports);
  if (across && 'alreadyEnded' in across) return endedAlready(across.alreadyEnded);
  if (across && 'whichPartner' in across) {
    await ports.notices.nothingRunning(question, reading.intent as PairingCommand, across);
    logger.info('command naming partners it cannot tie to one pairing not acted on', {
      opaqueId,
      participantId: question.participantId,
      intent: reading.intent,
    });
    return { outcome: 'which-pairing', opaqueId };
  }
  if (across) {
    await ports.publishControl(across, now.toISOString());
    logger.info('command for a pairing of the writer in another program', { opaqueId, participantId: question.participantId, pairingId: across.pairingId });
    return { outcome: 'command', opaqueId };
  }
  const control = controlRequest(question, reading);
  if (control?.type === 'PairingEndRequested' && reading.note && question.participantId) {
    // "REMATCH Tom" in reply to the check-in about Sam, as every email to someone with several
    // pairings offers: Tom's pairing ends, and the question stays open for its own answer.
    // Only pairings they have been told of (and this one): one whose introduction is still to come is never named nor ended.
    const told = toldPairings(question.participantId, await ports.runningPairings(question.participantId), control.pairingId);
    const target = questionTarget(told, control.pairingId, reading.note);
    if (target.kind === 'unclear') {
      await ports.notices.nothingRunning(question, reading.intent as PairingCommand, whichPartnerOf(target.running));
      logger.info('command naming several other partners not acted on', { opaqueId, participantId: question.participantId, intent: reading.intent });
      return { outcome: 'which-pairing', opaqueId };
    }
    if (target.kind === 'other') {
      await ports.publishControl({ ...control, pairingId: target.pairing.pairingId }, now.toISOString());
      logger.info('command for another pairing of the writer', {
        opaqueId,
        participantId: question.participantId,
        pairingId: target.pairing.pairingId,
        intent: reading.intent,
      });
      return { outcome: 'command', opaqueId };
    }
  }
  if (control && control.type !== 'ParticipantWithdrew' && question.pairingId && ports.pairingState) {
    // A command to the pairing this email was about: it must still run, and a PAUSE without a
    // date must change something. Otherwise the person hears that nothing changed, and why.
    const mine = await pairingNow();
    const command = reading.intent as PairingCommand;
    if (mine && isTerminal(mine.status)) {
      await ports.notices.nothingRunning(question, command, { ended: true });
      return { outcome: 'nothing-running', opaqueId };
    }
    if (mine && command === 'pause' && !reading.pauseUntil && mine.status === 'paused' && mine.pausedUntil) {
      await ports.notices.nothingRunning(question, command, { pausedUntil: pauseDay(mine.pausedUntil) });
      return { outcome: 'nothing-running', opaqueId };
    }
  }
  if (control) await ports.publishControl(control, now.toISOString());

  const closedNotice = async (closed: ClosedAs): Promise<{ outcome: InboundOutcome; opaqueId: string }> => {
    if (control) return { outcome: 'command', opaqueId };
    const notActedOn = question.participantId ? commandNotActedOn(reading) : undefined;
    if (notActedOn) {
      // A PAUSE with a day that has passed, to an old question: the person meant to pause, so they
      // hear why nothing paused, not that the question closed (once per message, as claimed).
      await ports.notices.standingHelp(question, notActedOn);
      return { outcome: 'standing-help-sent', opaqueId };
    }
    // A late "we met" to a check-in: the note says how that meeting is still counted.
    const metLate = question.purpose === 'check-in' && (reading.intent === 'yes' || reading.intent === 'rating');
    if (await ports.markNotice(opaqueId, 'closedNoticeAt', now)) await ports.notices.questionClosed(question, closed, now, metLate ? { metLate } : undefined);
    return { outcome: 'closed', opaqueId };
  };
  if (isClosed(question, now) && question.usedAt === undefined && ports.newerQuestion) {
    // Asked again since (an approval's reminder): the answer goes to the question open now.
    const newer = await ports.newerQuestion(question, now);
    if (newer) return answer(newer, message, messageKey, ports, now, writer, question);
  }
  if (isClosed(question, now)) return closedNotice(question.usedAt !== undefined ? { answeredAt: question.usedAt } : { closedAt: question.closesAt });
  if (reading.intent === 'unclear') {
    // Asked again only while its round is open: a pairing that ended (or moved on) since has
    // nothing to answer, and a clarification would name a deadline that no longer holds.
    const closed = ports.roundClosed ? await ports.roundClosed(question, now) : undefined;
    if (closed) return closedNotice(closed);
    // Each unclear reply is answered (a person who tried again is not met with silence), up to a
    // few per question: past that, or for the same message again, nothing more is sent.
    const claimed = ports.markClarification ? await ports.markClarification(opaqueId, messageKey, now) : await ports.markNotice(opaqueId, 'clarifiedAt', now);
    if (!claimed) return { outcome: 'unclear-again', opaqueId };
    await ports.notices.clarification(question, reading, text);
    return { outcome: 'clarification-sent', opaqueId };
  }
  // Files that came with the answer are neither read nor kept: its thanks says so (QA mail8).
  const result = await ports.answerQuestion(opaqueId, message.attachments ? { ...reading, attachmentsNotKept: true } : reading, {
    messageKey,
    channel: 'email',
    now,
    // Taken over from the email answered (an approval's reminder): that email's proposal is the one approved.
    ...(answeredTo ? { answeredTo: answeredTo.opaqueId } : {}),
  });
  switch (result.status) {
    case 'recorded':
    case 'duplicate':
      // Counted once: a duplicate is the same message delivered again.
      if (result.status === 'recorded') countBusiness('answersRecorded', question.programId);
      // Again for a duplicate: the same message after a failure, most likely this confirmation's send.
      await confirmDecline(question, reading, message, ports, now, timeZone);
      logger.info('reply recorded', {
        opaqueId,
        purpose: question.purpose,
        participantId: question.participantId,
        pairingId: question.pairingId,
        intent: reading.intent,
      });
      return { outcome: control ? 'command' : 'recorded', opaqueId };
    case 'already-answered':
      return closedNotice({ answeredAt: result.answeredAt, ...(result.settled ? { settled: result.settled } : {}) });
    case 'closed':
      return closedNotice({ closedAt: result.closedAt });
    case 'asked-again':
      return { outcome: 'asked-again', opaqueId };
    case 'not-yours':
      return { outcome: 'not-yours', opaqueId };
    default:
      return { outcome: 'unknown-question', opaqueId };
  }
}

/** A NO to the introduction with the day they are back, recorded: which day was read, as its footer promised (QA mail8). */
async function confirmDecline(
  question: StoredQuestion,
  reading: ReplyAnswer,
  message: InboundMessage,
  ports: InboundPorts,
  now: Date,
  timeZone: string | undefined,
): Promise<void> {
  const back = declinedUntil(question.purpose, reading, now, timeZone);
  if (back && ports.notices.declineRecorded) await ports.notices.declineRecorded(question, back, message.attachments ? { attachmentsNotKept: true } : {});
}

/**
 * Handles one raw message once: a message seen before (same Message-ID, or same object) is skipped.
 * Throws only on infrastructure failures, after giving the claim back so a retry can do the work.
 */
export async function processInboundMessage(raw: Buffer, objectKey: string, ports: InboundPorts = awsPorts(), now = new Date()): Promise<InboundOutcome> {
  const message = await parseInbound(raw);
  const messageKey = messageKeyOf(message.messageId, objectKey);
  const origin = { objectKey, ...(message.from ? { sender: message.from } : {}) };
  if (!(await ports.claim(messageKey, now, origin))) return count('duplicate');
  try {
    const { outcome, opaqueId } = await decide(message, messageKey, ports, now);
    await ports.recordOutcome(messageKey, outcome, opaqueId);
    logger.info('inbound message handled', { outcome, opaqueId, objectKey });
    return count(outcome);
  } catch (error) {
    await ports.release(messageKey).catch(() => undefined);
    throw error;
  }
}

function count(outcome: InboundOutcome): InboundOutcome {
  const name = outcome.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase());
  metrics.addMetric(`Inbound${name}`, MetricUnit.Count, 1);
  return outcome;
}

async function onObjectsCreated(event: S3Event): Promise<{ outcomes: { key: string; outcome: InboundOutcome | 'unreadable-object' }[] }> {
  const outcomes: { key: string; outcome: InboundOutcome | 'unreadable-object' }[] = [];
  for (const record of event.Records ?? []) {
    const bucket = record.s3?.bucket?.name;
    const key = record.s3?.object?.key ? decodeS3Key(record.s3.object.key) : undefined;
    if (!bucket || !key || !record.eventName?.startsWith('ObjectCreated')) continue;
    let raw: Buffer;
    try {
      raw = await readRawMessage(bucket, key);
    } catch (error) {
      const name = (error as Error)?.name;
      // Gone or impossible objects will not get better with a retry; anything else will.
      if (name !== 'NoSuchKey' && name !== 'RawMessageTooLarge') throw error;
      logger.warn('inbound object skipped', { key, errorName: name });
      metrics.addMetric('InboundUnreadableObject', MetricUnit.Count, 1);
      outcomes.push({ key, outcome: 'unreadable-object' });
      continue;
    }
    outcomes.push({ key, outcome: await processInboundMessage(raw, key) });
  }
  return { outcomes };
}

export const handler = eventHandler('inbound-mail', onObjectsCreated);
