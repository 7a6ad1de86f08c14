import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, KEYS } from '../adapters/dynamo';
import { publish } from '../adapters/events';
import { clearPendingOutbox, isTerminal, pairingsOf, type PairingItem, type StepItem } from '../adapters/pairings';
import { isAddressSuppressed } from '../adapters/participants';
import { issueRoundQuestion, issueStandingAddress, type StandingAddress } from '../adapters/reply-tokens';
import { recipientNow, type Recipient } from '../domain/emails';
import { isErased } from '../domain/erasure';
import { emailKey, type Participant } from '../domain/participant';
import type { DatesBasis, Decision, EmailIntent, EventIntent } from '../domain/pairing/decision';
import { stillHolds, withDatesAsTheyStand, withOpenQuestionAsItStands } from '../domain/pairing/held';
import { sendOrder, type PendingSend, type SendOrder } from '../domain/pairing/notice-order';
import { PAIRING_KEYS, type PairingStatus, type Round } from '../domain/pairing/model';
import { renderIntent } from '../domain/pairing/render';
import { newOpaqueId } from '../domain/replies';
import { SendBacklog } from '../domain/send-rate';
import { asksAddressMarker, cancelledAsSuppressed } from '../domain/suppression';
import { logger } from '../shared/powertools';
import { sendEmail } from './context';
import { runningPartnerNames } from './running-partners';

/**
 * The lifecycle's outbox: every email and event a step decides is stored with the step (one
 * transaction) and dispatched after it, once per key. A step that crashed after its write is
 * retried, finds the entries still pending and sends them; an entry already sent is skipped. So a
 * step run twice never sends, counts or publishes twice.
 */

type Entry =
  | { readonly kind: 'email'; readonly key: string; readonly email: EmailIntent; readonly opaqueId?: string; readonly status: 'pending' | 'sent' | 'cancelled' }
  | {
      readonly kind: 'event';
      readonly key: string;
      readonly event: EventIntent;
      readonly status: 'pending' | 'sent' | 'cancelled';
      readonly createdAt?: string;
    };

/** When the step decided an entry (written with it); entries from before the field, now. */
function decidedAt(entry: { readonly createdAt?: string }, now: Date): Date {
  const at = entry.createdAt === undefined ? Number.NaN : Date.parse(entry.createdAt);
  return Number.isNaN(at) ? now : new Date(at);
}

/**
 * A pending entry as listed on the pairing item: `<due time>|<order>|<key>`, so that the list sorts
 * by due time, then in the order decided, and the step knows when to wake for held emails without
 * reading them.
 */
export function pendingRef(key: string, dueAt: string, order: number): string {
  return `${dueAt}|${String(order).padStart(3, '0')}|${key}`;
}

export function parsePendingRef(ref: string): { key: string; dueAt: string } {
  const [dueAt = '', , ...rest] = ref.split('|');
  return { key: rest.join('|'), dueAt };
}

/**
 * When an email held for a member's working hours should go instead, if HR has moved them to
 * another zone since it was held and it is not yet their working hours there; undefined otherwise.
 */
function movedSinceHeld(email: EmailIntent, now: Date, context: FlushContext): string | undefined {
  if (!email.heldForZone || !email.toParticipant || !context.inHours) return undefined;
  const member = context.members.find((m) => m.participantId === email.toParticipant);
  if (!member || member.timeZone === email.heldForZone) return undefined;
  const at = context.inHours(member.timeZone, now);
  return at.getTime() > now.getTime() ? at.toISOString() : undefined;
}

/** An email this long overdue is not waited for: its pairing's execution has failed (a redrive sends it). */
const OVERDUE_AFTER_MS = 2 * 24 * 3600 * 1000;

/**
 * The members to whom ended pairings still owe an email (the news of the end, held for their
 * working hours, and anything that follows it): a matching run other than their own rematch leaves
 * them out until it has gone, so that no introduction or waitlist email arrives before that news.
 */
export async function stillToBeToldOfEnd(items: readonly PairingItem[], now: Date): Promise<Set<string>> {
  const owed = items.flatMap((i) =>
    isTerminal(i.pairing.status)
      ? i.pendingOutbox
          .map(parsePendingRef)
          .filter((r) => r.key.startsWith('email:') && Date.parse(r.dueAt) > now.getTime() - OVERDUE_AFTER_MS)
          .map((r) => ({ pairingId: i.pairing.pairingId, key: r.key }))
      : [],
  );
  const entries = await Promise.all(owed.map((o) => getEntry(o.pairingId, o.key)));
  return new Set(entries.flatMap((e) => (e?.kind === 'email' && e.status === 'pending' && e.email.toParticipant ? [e.email.toParticipant] : [])));
}

/** Outbox items for a decision; each question gets its opaque reply id now, so a resend reuses it. */
export function outboxItems(d: Decision, now: Date): StepItem[] {
  const at = now.toISOString();
  // Events first, each list in the order decided: a consumer sees PairingCompleted before RecognitionAwarded.
  const events = d.events.map(
    (event, i): StepItem => ({
      sk: PAIRING_KEYS.outbox(`event:${event.key}`),
      item: {
        type: 'Outbox',
        kind: 'event',
        key: `event:${event.key}`,
        ref: pendingRef(`event:${event.key}`, event.notBefore ?? at, i),
        event,
        status: 'pending',
        createdAt: at,
      },
    }),
  );
  const emails = d.emails.map(
    (email, i): StepItem => ({
      sk: PAIRING_KEYS.outbox(`email:${email.key}`),
      item: {
        type: 'Outbox',
        kind: 'email',
        key: `email:${email.key}`,
        ref: pendingRef(`email:${email.key}`, email.notBefore ?? at, d.events.length + i),
        email,
        ...(email.question ? { opaqueId: newOpaqueId() } : {}),
        status: 'pending',
        createdAt: at,
      },
    }),
  );
  return [...events, ...emails];
}

async function getEntry(pairingId: string, key: string): Promise<Entry | undefined> {
  const { client, tableName } = dynamo();
  const out = await client.send(
    new GetCommand({ TableName: tableName, Key: { [KEYS.pk]: PAIRING_KEYS.pk(pairingId), [KEYS.sk]: PAIRING_KEYS.outbox(key) }, ConsistentRead: true }),
  );
  return out.Item as Entry | undefined;
}

async function markDone(
  pairingId: string,
  key: string,
  status: 'sent' | 'cancelled',
  now: Date,
  messageId?: string,
  why?: 'address-suppressed',
): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(
    new UpdateCommand({
      TableName: tableName,
      Key: { [KEYS.pk]: PAIRING_KEYS.pk(pairingId), [KEYS.sk]: PAIRING_KEYS.outbox(key) },
      UpdateExpression: `SET #status = :status, doneAt = :now${messageId ? ', messageId = :mid' : ''}${why ? ', cancelledBecause = :why' : ''}`,
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':status': status, ':now': now.toISOString(), ...(messageId ? { ':mid': messageId } : {}), ...(why ? { ':why': why } : {}) },
    }),
  );
}

/** Tries of the write that marks an entry sent, and the first pause between them (doubling). */
const SENT_MARK_TRIES = 6;
const SENT_MARK_FIRST_PAUSE_MS = 200;

/**
 * Marks an entry sent once its email or event has gone out. Nothing takes a send back, and a step
 * that failed on this write would be retried and find the entry still pending, so it would send
 * again: the write is tried harder than the SDK's own attempts (a throttled or briefly unavailable
 * table), about 6 s in all, before the step gives up. Beyond that a repeat is possible; an event
 * repeated so carries the same `time` as the first (publish at the entry's decision time), so that
 * a consumer can tell (docs/lifecycle.md, Safe to run twice).
 */
async function markSent(pairingId: string, key: string, now: Date, messageId?: string): Promise<void> {
  for (let tries = 1; ; tries++) {
    try {
      return await markDone(pairingId, key, 'sent', now, messageId);
    } catch (error) {
      if (tries >= SENT_MARK_TRIES) throw error;
      logger.warn('outbox entry sent, its mark not yet written: trying again', { pairingId, key, tries, error: (error as Error).name });
      await new Promise((resolve) => setTimeout(resolve, SENT_MARK_FIRST_PAUSE_MS * 2 ** (tries - 1)));
    }
  }
}

/**
 * Where an email goes now: a member's email to the address they have now (HR may have changed it
 * while the email was held for working hours), anyone else's to the address it was decided for.
 */
function currentAddress(email: Pick<EmailIntent, 'to' | 'toParticipant'>, members: readonly Participant[]): string {
  const member = email.toParticipant === undefined ? undefined : members.find((m) => m.participantId === email.toParticipant);
  return member && !isErased(member) && member.email?.trim() ? member.email : email.to;
}

/**
 * Whether the address an email goes to now bounced or complained since the email was decided
 * (docs/mail-feedback.md): a member's status says it, a manager's address its suppression marker.
 */
async function suppressedSince(email: EmailIntent, known: Known): Promise<boolean> {
  const to = currentAddress(email, known.members);
  const member = known.members.find((m) => emailKey(m.email) === emailKey(to));
  const addressSuppressed = asksAddressMarker(email, member) && (await isAddressSuppressed(to));
  return cancelledAsSuppressed(email, { ...(member ? { member } : {}), addressSuppressed });
}

async function dispatchEmail(pairingId: string, programId: string, entry: Extract<Entry, { kind: 'email' }>, now: Date, known: Known): Promise<string> {
  const email = { ...entry.email, to: currentAddress(entry.email, known.members) };
  let links: Record<string, string> = {};
  let replyTo: string | undefined;
  if (email.question && entry.opaqueId) {
    const q = email.question;
    const issued = await issueRoundQuestion(
      {
        opaqueId: entry.opaqueId,
        purpose: q.purpose,
        programId,
        pairingId,
        roundKey: q.roundKey,
        side: q.side,
        ...(q.participantId ? { participantId: q.participantId } : {}),
        recipientEmail: email.to,
        closesAt: q.closesAt,
        choices: q.choices,
        ...(q.context ? { context: q.context } : {}),
      },
      now,
    );
    links = issued.answerLinks;
    replyTo = issued.replyAddress;
  }
  const member = known.members.find((m) => emailKey(m.email) === emailKey(email.to));
  const standing = member && (await standingOf(member, now, known));
  // A participant's email carries their own link to the private concern form (footer), and its
  // footer offers only what still works for them as they stand now: one decided before they left
  // or withdrew (an end notice held for their working hours) offers no STOP or PAUSE.
  const pairings = member && (await pairingsOf(member.participantId));
  const input = member
    ? {
        ...email.input,
        to: {
          ...recipientNow(
            email.input.to as Recipient,
            member.status,
            member.rematchAttempts,
            await runningPartnerNames(member, pairings),
            member.mailStoppedAt,
            now,
          ),
          ...runningHere((pairings ?? []).filter((p) => !isTerminal(p.status) && p.programId === member.programId)),
        },
        ...(standing ? { program: { ...(email.input.program as object), concernUrl: standing.concernUrl } } : {}),
      }
    : email.input;
  const rendered = renderIntent(email.template, input, links, process.env.MAIL_FROM);
  // An email without a question is answered at the person's standing address (STOP, PAUSE, END);
  // every email to a member carries the one-click unsubscribe headers.
  const { messageId } = await sendEmail(
    email.to,
    rendered,
    replyTo ?? standing?.replyAddress,
    { programId: programId.replace(/[^A-Za-z0-9_-]/g, '-') },
    standing?.headers,
    'bulk',
  );
  return messageId;
}

/** The standing address of the pairing's member this email goes to (admins and managers have none). */
async function standingOf(p: Participant, now: Date, known: Known): Promise<StandingAddress | undefined> {
  // One issue per person and flush: a step that sends someone two emails writes their address once.
  let issued = known.standing.get(p.participantId);
  if (!issued) {
    issued = issueStandingAddress({ programId: p.programId, participantId: p.participantId, email: p.email, version: p.version }, now);
    known.standing.set(p.participantId, issued);
  }
  return issued;
}

/** What the step that flushes already holds, so that the flush need not read it again. */
export interface FlushContext {
  /** Outbox entries this invocation has just stored, by key: pending, as written. */
  readonly written?: readonly StepItem[];
  /** The pairing's two members as the step read them (consistent reads, this invocation). */
  readonly members: readonly Participant[];
  /** The pairing's schedule now (held.ts, datesBasis): a held email whose dates were decided on another is dropped. */
  readonly dates: DatesBasis;
  /** The pairing's round now: a held email's "still open until" goes only while it is (held.ts, withOpenQuestionAsItStands). */
  readonly round?: Round;
  /** When an email held for a reader's working hours may go in `timeZone` (context.ts, deliverAt): for a member HR moved meanwhile. */
  readonly inHours?: (timeZone: string, now: Date) => Date;
}

interface Known {
  readonly entries: ReadonlyMap<string, Entry>;
  readonly members: readonly Participant[];
  readonly standing: Map<string, Promise<StandingAddress | undefined>>;
}

/**
 * Dispatches the pending entries that are due (in due-time order) and returns what is still held
 * for later. When the send queue is full (SendBacklog) the email and everything after it stay
 * pending, and `backlog` says how long until the queue has room: the execution waits for it in
 * Step Functions rather than in the function. A held email whose pairing has ended meanwhile is dropped if it must never follow an end,
 * and one whose news or dates no longer hold when it is due (held.ts, stillHolds) is dropped then.
 * A notice held for a member's working hours goes with the question sent to them now, just before
 * it, never after it (notice-order.ts).
 */
export async function flushOutbox(
  pairingId: string,
  programId: string,
  refs: readonly string[],
  now: Date,
  status: PairingStatus,
  context: FlushContext,
): Promise<{ emails: number; events: number; held: string[]; backlog?: SendBacklog }> {
  const ended = status === 'ended' || status === 'not-started';
  let emails = 0;
  let backlog: SendBacklog | undefined;
  let events = 0;
  const held: string[] = [];
  const known: Known = {
    entries: new Map((context.written ?? []).map((o) => [String(o.item.key), o.item as unknown as Entry])),
    members: context.members,
    standing: new Map(),
  };
  // Refs whose entry is settled, removed from the pairing's pending list in one write at the end
  // (a crash before it leaves them listed: the retry reads each entry, finds it done and skips it).
  const settled: string[] = [];
  const read = new Map<string, Entry | undefined>(known.entries);
  const entryOf = async (key: string): Promise<Entry | undefined> => {
    if (!read.has(key)) read.set(key, await getEntry(pairingId, key));
    return read.get(key);
  };
  const { order, withQuestion } = await orderOf(refs, now, entryOf);
  for (const ref of order) {
    // The send queue is full: this entry and every one after it wait, in order, for the next flush.
    if (backlog !== undefined) {
      held.push(ref);
      continue;
    }
    const { key, dueAt } = parsePendingRef(ref);
    // A notice that goes with its reader's question goes now, before it (notice-order.ts).
    const notYet = Date.parse(dueAt) > now.getTime() && !withQuestion.has(ref);
    if (notYet && !ended) {
      held.push(ref);
      continue;
    }
    // Written by this very invocation a moment ago: pending, as in memory. Anything else is read.
    const entry = await entryOf(key);
    if (entry?.status === 'pending') {
      // Held for the working hours of a zone the reader has left since: when to send it instead.
      const movedTo = entry.kind === 'email' && !notYet && !withQuestion.has(ref) ? movedSinceHeld(entry.email, now, context) : undefined;
      if (
        entry.kind === 'email' &&
        ((ended && entry.email.cancelIfEnded) || !entry.email?.to?.trim() || (!notYet && !stillHolds(entry.email, { status, dates: context.dates })))
      ) {
        // No address: decided for someone erased meanwhile (functions/lifecycle/erasure.ts); never sent.
        await markDone(pairingId, key, 'cancelled', now);
      } else if (notYet) {
        held.push(ref);
        continue;
      } else if (movedTo !== undefined) {
        // It waits for the reader's working hours where they are now.
        held.push(pendingRef(key, movedTo, 0));
        continue;
      } else if (entry.kind === 'email' && (await suppressedSince(entry.email, known))) {
        // Its address bounced or complained since it was decided: never sent (docs/mail-feedback.md).
        await markDone(pairingId, key, 'cancelled', now, undefined, 'address-suppressed');
        logger.info('email cancelled: address suppressed', { pairingId, key });
      } else if (entry.kind === 'email') {
        let messageId: string;
        try {
          messageId = await dispatchEmail(
            pairingId,
            programId,
            { ...entry, email: withOpenQuestionAsItStands(withDatesAsTheyStand(entry.email, context.dates), context.round, now) },
            now,
            known,
          );
        } catch (error) {
          if (!(error instanceof SendBacklog)) throw error;
          backlog = error;
          held.push(ref);
          continue;
        }
        await markSent(pairingId, key, now, messageId);
        emails++;
      } else {
        await publish({ type: entry.event.type, detail: entry.event.detail, time: decidedAt(entry, now) });
        await markSent(pairingId, key, now);
        events++;
      }
    }
    settled.push(ref);
  }
  if (settled.length > 0) await clearPendingOutbox(pairingId, settled);
  if (emails + events > 0 || backlog) logger.info('outbox dispatched', { pairingId, emails, events, held: held.length, backlogged: backlog !== undefined });
  return { emails, events, held, ...(backlog ? { backlog } : {}) };
}

/**
 * The order a flush goes through the pending refs (notice-order.ts, sendOrder). Only the emails due
 * now are read for it, and those held for later only when one of them sends a member a question.
 */
async function orderOf(refs: readonly string[], now: Date, entryOf: (key: string) => Promise<Entry | undefined>): Promise<SendOrder> {
  const listed = refs.map((ref) => ({ ref, ...parsePendingRef(ref) }));
  const pendingEmail = async (key: string) => {
    const entry = key.startsWith('email:') ? await entryOf(key) : undefined;
    return entry?.kind === 'email' && entry.status === 'pending' ? entry.email : undefined;
  };
  const dueNow = listed.filter((r) => !(Date.parse(r.dueAt) > now.getTime()));
  const asking = (await Promise.all(dueNow.map((r) => pendingEmail(r.key)))).some((e) => e?.question && e.toParticipant);
  if (!asking) return { order: [...refs].sort(), withQuestion: new Set() };
  const pending = await Promise.all(
    listed.map(async (r): Promise<PendingSend> => {
      const email = await pendingEmail(r.key);
      return {
        ref: r.ref,
        dueAt: r.dueAt,
        ...(email?.toParticipant ? { reader: email.toParticipant, asks: email.question !== undefined, heldForHours: email.heldForZone !== undefined } : {}),
      };
    }),
  );
  return sendOrder(pending, now);
}

/** How many of the member's pairings in the program run as the email goes, and whether all of them are paused (the footer's PAUSE line). */
function runningHere(running: readonly { readonly status: string }[]): { pairingsRunning: number; allPaused?: true } {
  return { pairingsRunning: running.length, ...(running.length > 0 && running.every((p) => p.status === 'paused') ? { allPaused: true as const } : {}) };
}
