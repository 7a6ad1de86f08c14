import { randomBytes } from 'node:crypto';
import {
  deleteItem,
  deleteMarkers,
  deleteRawMessage,
  finishTombstone,
  forgetLedgerOrigin,
  getErasureAudit,
  getReplyItem,
  ledgerBySender,
  ledgerOfSenderFor,
  pairingItems,
  participantItem,
  programItems,
  recordErasure,
  putTombstone,
  concernItem,
  concernItems,
  replaceItem,
  rewriteConcernItem,
  replacePairingItem,
} from '../adapters/erasure';
import { KEYS } from '../adapters/dynamo';
import { getPairing, isTerminal, pairingIdsOf } from '../adapters/pairings';
import {
  getParticipant,
  listParticipants,
  ParticipantVersionConflict,
  participantsByEmail,
  sameAddressEnrolments,
  updateParticipantProfile,
} from '../adapters/participants';
import { listPrograms } from '../adapters/programs';
import { forgetStandingAddress } from '../adapters/reply-tokens';
import {
  addCounts,
  isErased,
  isOnlyTheirWords,
  NO_COUNTS,
  redactionTargets,
  scrubConcern,
  scrubPairing,
  scrubPairingRecord,
  tombstoneOf,
  type ConcernErasure,
  type ErasureAudit,
  type ErasureCounts,
  type ErasureMark,
  type RedactionTargets,
} from '../domain/erasure';
import { awaitsErasureUnderWay, enrolmentStep, erasureToJoin } from '../domain/erasure-claim';
import { oneOfAddresses, type Participant } from '../domain/participant';
import { PAIRING_KEYS } from '../domain/pairing/model';
import { logger } from '../shared/powertools';
import { requestControl } from './departure';

/**
 * Erases a person (docs/security.md, Erasure): every enrolment under their address becomes a
 * tombstone first (so that a step of their pairings running from now on reads no name and emails
 * nobody), their running pairings end as a departure would (the partner is told kindly and
 * rematched), then every record that names them is scrubbed or deleted, and one audit entry with
 * counts only remains. Safe to run twice: the tombstone keeps what to look for until the end, so a
 * retry after a crash finishes the work; a finished erasure answers with its audit entry.
 * Requests at once join one erasure (functions/domain/erasure-claim.ts): one id, one audit entry.
 */

export interface ErasureResult {
  readonly participantId: string;
  readonly erasureId: string;
  readonly status: 'erased' | 'already-erased';
  readonly erasedAt: string;
  readonly counts: ErasureCounts;
}

export interface ErasureOptions {
  readonly now?: Date;
  readonly requestedBy?: ErasureAudit['requestedBy'];
  /** The inbound-mail bucket (INBOUND_BUCKET); without it raw mail is left to its lifecycle rule. */
  readonly bucket?: string;
}

const ATTEMPTS = 5;
/** How long a request that joined an erasure under way waits for its audit entry (within API Gateway's 30 s). */
const JOIN_WAIT_MS = 20_000;
const JOIN_POLL_MS = 200;

/** Polls for the audit entry for `ms` of real time (`performance`: the local cloud's clock moves `Date` only). */
async function auditWrittenWithin(erasureId: string, ms: number): Promise<ErasureAudit | undefined> {
  const deadline = performance.now() + ms;
  for (;;) {
    const audit = await getErasureAudit(erasureId);
    if (audit || performance.now() >= deadline) return audit;
    await new Promise((resolve) => setTimeout(resolve, JOIN_POLL_MS));
  }
}

export async function eraseParticipant(participantId: string, opts: ErasureOptions = {}): Promise<ErasureResult | undefined> {
  const now = opts.now ?? new Date();
  const found = await getParticipant(participantId);
  if (!found) return undefined;
  const start = await startErasure(found, now);
  if ('done' in start) return { ...start.done, participantId, status: 'already-erased' };
  const { mark, people, joined } = start;
  // Another request is doing this erasure (asked for at once): its answer, once written, is ours.
  if (joined && awaitsErasureUnderWay(mark, now)) {
    const audit = await auditWrittenWithin(mark.erasureId, JOIN_WAIT_MS);
    if (audit) return { participantId, erasureId: audit.erasureId, status: 'already-erased', erasedAt: audit.erasedAt, counts: audit.counts };
  }
  const targets = mark.pending!;
  let counts: ErasureCounts = { ...NO_COUNTS, enrolments: people.length };

  for (const person of people) counts = addCounts(counts, await eraseEnrolment(person, targets, opts.bucket, now));
  // A replaced address someone else holds now is their manager reference, not this person's (QA verify22).
  const heldByOthers = await Promise.all(
    (targets.formerEmails ?? []).map(async (e) =>
      (await participantsByEmail(e)).some((p) => !isErased(p) && !mark.enrolments.includes(p.participantId)) ? e : undefined,
    ),
  );
  const theirAddresses = targets.emails.filter((e) => !heldByOthers.includes(e));
  counts = addCounts(counts, { managerReferencesCleared: await forgetAsManager(theirAddresses) });
  counts = addCounts(counts, { concernsScrubbed: await scrubConcerns({ participantIds: mark.enrolments, addresses: theirAddresses }, targets, now) });
  const ours: ErasureAudit = {
    erasureId: mark.erasureId,
    startedAt: mark.startedAt,
    erasedAt: new Date().toISOString(),
    requestedBy: opts.requestedBy ?? 'admin',
    counts,
  };
  // Only the caller that writes the audit entry first answers "erased" (and so sends the last
  // email); one that finished a crashed erasure counts what it did.
  const { claimed, audit } = await recordErasure(ours);
  for (const person of people) await finishTombstone(person.programId, person.participantId, { ...mark, erasedAt: audit.erasedAt });
  logger.info('participant erased', { erasureId: mark.erasureId, claimed, ...audit.counts });
  return { participantId, erasureId: mark.erasureId, status: claimed ? 'erased' : 'already-erased', erasedAt: audit.erasedAt, counts: audit.counts };
}

/**
 * The person may also be someone's manager (in any program): that participant's `manager` loses
 * the address and name, keeping an employee id if HR gave one (reporting lines still hold), so no
 * manager note ever goes to them again.
 */
async function forgetAsManager(emails: readonly string[]): Promise<number> {
  const theirs = oneOfAddresses(emails);
  let cleared = 0;
  for (const program of await listPrograms()) {
    for (const p of await listParticipants(program.programId)) {
      if (p.manager?.email === undefined || !theirs(p.manager.email)) continue;
      const manager = p.manager.employeeId !== undefined ? { employeeId: p.manager.employeeId } : null;
      for (let attempt = 0, current: Participant | undefined = p; current?.manager?.email !== undefined; attempt++) {
        try {
          await updateParticipantProfile(current, { manager });
          cleared++;
          break;
        } catch (error) {
          if (!(error instanceof ParticipantVersionConflict) || attempt >= ATTEMPTS) throw error;
          current = await getParticipant(p.participantId);
        }
      }
    }
  }
  return cleared;
}

/**
 * Concern cases of every program (docs/admin-api.md, Data rights: erasure): theirs lose their words;
 * their partner's lose their name; and any case loses the digests of their addresses, which a
 * partner's case raised in another program holds too (scrubConcern). Each case is written only if
 * unchanged since read, else read again and decided again; a case already scrubbed is not written.
 */
async function scrubConcerns(erased: ConcernErasure, targets: RedactionTargets, now: Date): Promise<number> {
  let scrubbed = 0;
  for (const program of await listPrograms()) {
    for (const listed of await concernItems(program.programId)) {
      for (let attempt = 0, item: Record<string, unknown> | undefined = listed; item; attempt++) {
        const next = scrubConcern(item, erased, targets, now, program.admins);
        if (!next) break;
        if (await rewriteConcernItem(item, next)) {
          scrubbed++;
          break;
        }
        if (attempt >= ATTEMPTS) throw new Error(`Concern ${String(item.concernId)} kept changing during the erasure; it will be retried.`);
        item = await concernItem(String(item.concernId));
      }
    }
  }
  return scrubbed;
}

/** The profile as the lifecycle reads it, plus what it was before it became a tombstone. */
interface Enrolment {
  readonly participantId: string;
  readonly programId: string;
  /** The profile before the erasure (for markers), absent when a retry starts from a tombstone. */
  readonly before?: Participant;
  readonly standingReplyId?: string;
}

/**
 * Tombstones every enrolment of the address under one erasure, or joins the erasure already on
 * the profile (functions/domain/erasure-claim.ts): one under way or crashed is carried on, one
 * done is answered. The tombstones are written before anything else, each only if unchanged since
 * read; a caller whose first tombstone loses to another erasure joins that one.
 */
async function startErasure(
  found: Participant,
  now: Date,
): Promise<{ mark: ErasureMark; people: Enrolment[]; joined: boolean } | { done: Omit<ErasureResult, 'participantId' | 'status'> }> {
  const joined = erasureToJoin(found);
  if (joined.kind === 'finished') {
    const audit = await getErasureAudit(joined.mark.erasureId);
    return { done: { erasureId: joined.mark.erasureId, erasedAt: joined.mark.erasedAt!, counts: audit?.counts ?? NO_COUNTS } };
  }
  const mark = joined.kind === 'unfinished' ? joined.mark : await newMark(found, now);
  const people: Enrolment[] = [];
  for (const id of mark.enrolments) {
    let current = id === found.participantId ? found : await getParticipant(id);
    const standing = current ? await standingOf(current) : {};
    for (let attempt = 0; current; attempt++) {
      const step = enrolmentStep(current, mark);
      if (step === 'theirs') {
        if (id === found.participantId) return startErasure(current, now);
        break;
      }
      if (step === 'ours') {
        people.push({ participantId: id, programId: current.programId, ...standing });
        break;
      }
      if (attempt >= ATTEMPTS) throw new Error(`Participant ${id} kept changing during the erasure; it will be retried.`);
      if (await putTombstone(tombstoneOf(current, mark, now), current.version)) {
        people.push({ participantId: id, programId: current.programId, before: current, ...standing });
        break;
      }
      current = await getParticipant(id);
    }
  }
  return { mark, people, joined: joined.kind === 'unfinished' };
}

/** A new erasure of the person: every enrolment under their address, and every name to look for. */
async function newMark(found: Participant, now: Date): Promise<ErasureMark> {
  // The same person's enrolments under the address, not a colleague who shares it (same-person.ts).
  const others = (await sameAddressEnrolments(found)).filter((p) => !isErased(p));
  const profiles = [found, ...others];
  return {
    erasureId: `er_${randomBytes(12).toString('hex')}`,
    startedAt: now.toISOString(),
    enrolments: profiles.map((p) => p.participantId),
    pending: redactionTargets(profiles),
  };
}

async function standingOf(p: Participant): Promise<{ standingReplyId?: string }> {
  const item = await participantItem(p.programId, p.participantId);
  return typeof item?.standingReplyId === 'string' ? { standingReplyId: item.standingReplyId } : {};
}

async function eraseEnrolment(person: Enrolment, targets: RedactionTargets, bucket: string | undefined, now: Date): Promise<Partial<ErasureCounts>> {
  const { participantId, programId } = person;
  let pairingsEnded = 0;
  let pairingRecordsScrubbed = 0;
  let replyTokensDeleted = 0;
  let rawMessagesDeleted = 0;
  const questionIds = new Set<string>();
  const partnerEmails = new Set<string>();

  for (const pairingId of await pairingIdsOf(participantId)) {
    const pairing = await getPairing(pairingId);
    if (!pairing) continue;
    // As a departure: the partner is told kindly and offered a new partner (decide.ts endEarly).
    if (!isTerminal(pairing.status)) {
      if (await requestControl(pairingId, { kind: 'left', requestedAt: now.toISOString(), participantId, reason: 'withdrawn' })) pairingsEnded++;
    }
    const side = pairing.mentorId === participantId ? ('mentor' as const) : pairing.menteeId === participantId ? ('mentee' as const) : undefined;
    const partnerId = side === 'mentor' ? pairing.menteeId : pairing.mentorId;
    const partner = await getParticipant(partnerId);
    if (partner?.email) partnerEmails.add(partner.email);
    const erased = { participantId, ...(side ? { side } : {}), emails: targets.emails };
    const scrubbed = await scrubPairingItems(pairingId, erased, targets, questionIds);
    pairingRecordsScrubbed += scrubbed.records;
    replyTokensDeleted += scrubbed.replyTokens;
  }

  // Replies as received: theirs, and the partner's replies to these pairings' questions (they
  // quote emails that name them). The rest of the bucket expires by its lifecycle rule.
  if (bucket) {
    const ledger = [
      // A replaced address may be someone else's now: only its replies to this person's pairings are theirs.
      ...(await Promise.all(targets.emails.map((e) => (targets.formerEmails?.includes(e) ? ledgerOfSenderFor(e, questionIds) : ledgerBySender(e))))).flat(),
      ...(await Promise.all([...partnerEmails].map((e) => ledgerOfSenderFor(e, questionIds)))).flat(),
    ];
    for (const entry of ledger) {
      if (typeof entry.objectKey === 'string') {
        await deleteRawMessage(bucket, entry.objectKey);
        rawMessagesDeleted++;
      }
      await forgetLedgerOrigin(entry);
    }
  }

  forgetStandingAddress(programId, participantId);
  if (person.standingReplyId && (await deleteItem(`REPLY#${person.standingReplyId}`, '#REPLY'))) replyTokensDeleted++;
  const markersDeleted = person.before ? await deleteMarkers(person.before) : 0;
  const waitlistEntriesDeleted = (await deleteItem(`PROGRAM#${programId}`, `WAITLIST#${participantId}`)) ? 1 : 0;
  let proposalItemsScrubbed = 0;
  for (const item of await programItems(programId, 'MATCHING#')) {
    const mentionsThem = item.mentorId === participantId || item.menteeId === participantId || item.participantId === participantId;
    const next = mentionsThem ? scrubPairingRecord(item, { participantId, emails: targets.emails }, targets) : undefined;
    if (next) {
      await replaceItem(next);
      proposalItemsScrubbed++;
    }
  }
  return {
    pairingsEnded,
    pairingRecordsScrubbed,
    markersDeleted,
    waitlistEntriesDeleted,
    proposalItemsScrubbed,
    replyTokensDeleted,
    rawMessagesDeleted,
  };
}

/**
 * Scrubs every item of one pairing; one that is only their words (their program feedback) is
 * deleted, so it leaves the report and any export. The questions it asked are collected (their reply items and
 * raw replies hold the person too): a question to the erased person is deleted, one to the
 * partner keeps its answer and loses the name.
 */
async function scrubPairingItems(
  pairingId: string,
  erased: { participantId: string; side?: 'mentor' | 'mentee'; emails: readonly string[] },
  targets: RedactionTargets,
  questionIds: Set<string>,
): Promise<{ records: number; replyTokens: number }> {
  let records = 0;
  let replyTokens = 0;
  for (let attempt = 0; ; attempt++) {
    const items = await pairingItems(pairingId);
    const pairingItem = items.find((i) => i[KEYS.sk] === PAIRING_KEYS.item);
    const next = pairingItem ? scrubPairing(pairingItem, erased.side, targets, items) : undefined;
    if (!next || (await replacePairingItem(next))) {
      if (next) records++;
      break;
    }
    if (attempt >= ATTEMPTS) throw new Error(`Pairing ${pairingId} kept changing during the erasure; it will be retried.`);
  }
  for (const item of await pairingItems(pairingId)) {
    if (item[KEYS.sk] === PAIRING_KEYS.item) continue;
    if (isOnlyTheirWords(item, erased.participantId)) {
      if (await deleteItem(String(item[KEYS.pk]), String(item[KEYS.sk]))) records++;
      continue;
    }
    const opaqueId = typeof item.opaqueId === 'string' ? item.opaqueId : undefined;
    const to = (item.email as { to?: string } | undefined)?.to;
    if (opaqueId) {
      questionIds.add(opaqueId);
      const toThem = to !== undefined && erased.emails.some((e) => e.toLowerCase() === to.trim().toLowerCase());
      if (toThem) {
        if (await deleteItem(`REPLY#${opaqueId}`, '#REPLY')) replyTokens++;
      } else {
        const reply = await getReplyItem(opaqueId);
        const scrubbed = reply ? scrubPairingRecord(reply, erased, targets) : undefined;
        if (scrubbed) await replaceItem(scrubbed);
      }
    }
    const scrubbed = scrubPairingRecord(item, erased, targets);
    if (scrubbed) {
      await replaceItem(scrubbed);
      records++;
    }
  }
  return { records, replyTokens };
}
