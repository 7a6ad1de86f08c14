import { createMailer, type Mailer } from '../adapters/mailer';
import type { SendPriority } from '../domain/send-rate';
import { loadPairingItem, otherSeries, PairingNotFound, pairingItemOf, pairingKey, type PairingItem } from '../adapters/pairings';
import { enrolmentsByEmail, participantKey, toParticipant } from '../adapters/participants';
import type { Participant } from '../domain/participant';
import { programKey, type StoredProgram } from '../adapters/programs';
import { getItems, withoutKeys } from '../adapters/dynamo';
import { getConcern } from '../adapters/concerns';
import { dueConcerns } from '../domain/pairing/concerns';
import type { ConcernCase } from '../domain/concerns';
import type { LifecycleContext } from '../domain/pairing/context';
import { decidesSeries } from '../domain/pairing/meeting';
import type { RenderedEmail } from '../domain/emails';
import { requireEnv } from '../shared/config';

/** A pairing with everything a step decides from, read fresh (consistent reads) at every step. */
export interface LoadedPairing {
  readonly item: PairingItem;
  readonly program: StoredProgram;
  readonly ctx: LifecycleContext;
  /** For the steps that decide the pair's series: the people's pairings with no slot yet, which their commit checks still have none. */
  readonly undecided?: readonly string[];
}

/** Who a pairing is between, which never changes (its id is made from them): remembered by a warm container. */
interface Members {
  readonly programId: string;
  readonly mentorId: string;
  readonly menteeId: string;
}
const membersOf = new Map<string, Members>();
const MEMBERS_CACHE_MAX = 20_000;

const memberKeys = (m: Members) => [programKey(m.programId), participantKey(m.programId, m.mentorId), participantKey(m.programId, m.menteeId)];

/**
 * The pairing item, its program and both people, each by a consistent read (a GSI could lag
 * behind their last change). The first step a container runs for a pairing reads the pairing to
 * learn who it is between, then the rest; later steps read all four in one BatchGetItem.
 */
async function readPairingAndPeople(pairingId: string): Promise<{ item: PairingItem; rest: (Record<string, unknown> | undefined)[] }> {
  const known = membersOf.get(pairingId);
  if (known) {
    const [raw, ...rest] = await getItems([pairingKey(pairingId), ...memberKeys(known)]);
    if (!raw) throw new PairingNotFound(pairingId);
    const item = pairingItemOf(raw);
    const { programId, mentorId, menteeId } = item.pairing;
    if (programId === known.programId && mentorId === known.mentorId && menteeId === known.menteeId) return { item, rest };
  }
  const item = await loadPairingItem(pairingId);
  if (!item) throw new PairingNotFound(pairingId);
  const { programId, mentorId, menteeId } = item.pairing;
  if (membersOf.size >= MEMBERS_CACHE_MAX) membersOf.clear();
  membersOf.set(pairingId, { programId, mentorId, menteeId });
  return { item, rest: await getItems(memberKeys({ programId, mentorId, menteeId })) };
}

export async function loadPairing(pairingId: string, now: Date, execution: LifecycleContext['execution']): Promise<LoadedPairing> {
  const { item, rest } = await readPairingAndPeople(pairingId);
  const { pairing } = item;
  const [programItem, mentorItem, menteeItem] = rest;
  const program = programItem ? withoutKeys<StoredProgram>(programItem) : undefined;
  const mentor = mentorItem ? toParticipant(mentorItem) : undefined;
  const mentee = menteeItem ? toParticipant(menteeItem) : undefined;
  if (!program) throw new Error(`Program ${pairing.programId} of pairing ${pairingId} does not exist.`);
  if (!mentor || !mentee) throw new Error(`A member of pairing ${pairingId} no longer exists.`);
  // Concern cases are read only when one is due for its escalation check.
  const due = dueConcerns(pairing, now);
  const concerns =
    due.length > 0 ? (await Promise.all(due.map((w) => getConcern(w.concernId)))).filter((c): c is ConcernCase & { version: number } => c !== undefined) : [];
  const read: LifecycleContext = { pairing, program, mentor, mentee, now, execution, ...(concerns.length > 0 ? { concerns } : {}) };
  // The people's other series are read only by the steps that decide the pair's series (introduce,
  // resume, follow a schedule change): they store it (docs/decisions.md, "Meeting slot").
  const others = decidesSeries(read) ? await otherSeries(await enrolmentIds([mentor, mentee]), pairingId) : undefined;
  const ctx: LifecycleContext = others ? { ...read, busySeries: others.series } : read;
  return { item, program, ctx, ...(others && others.undecided.length > 0 ? { undecided: others.undecided } : {}) };
}

/** Every enrolment of the people, in any program (one person may be in two), by their address markers. */
async function enrolmentIds(people: readonly Participant[]): Promise<string[]> {
  const found = await Promise.all(people.map((p) => (p.email ? enrolmentsByEmail(p.email) : [])));
  return [...new Set([...people.map((p) => p.participantId), ...found.flat().map((e) => e.participantId)])];
}

const mailers: Partial<Record<SendPriority, Mailer>> = {};

/**
 * Sends one rendered email; the reply address, when given, is where answers come back. `bulk`
 * (the outbox's emails) gives way when the send queue is full: it throws SendBacklog instead of
 * waiting (functions/domain/send-rate.ts).
 */
export async function sendEmail(
  to: string,
  email: RenderedEmail,
  replyTo?: string,
  tags?: Record<string, string>,
  headers?: Record<string, string>,
  priority: SendPriority = 'interactive',
): Promise<{ messageId: string }> {
  const mailer = (mailers[priority] ??= createMailer({ from: requireEnv('MAIL_FROM'), priority }));
  return mailer.send({ to, email, ...(replyTo ? { replyTo } : {}), ...(tags ? { tags } : {}), ...(headers ? { headers } : {}) });
}
