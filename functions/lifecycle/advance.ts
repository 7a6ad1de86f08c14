import { clearPendingSettle, commitStep, getPairing, isTerminal, pairingIdsOf, storeWakeToken, type Pairing } from '../adapters/pairings';
import { ParticipantVersionConflict, getParticipant, updateParticipantStanding, updateParticipantStatus } from '../adapters/participants';
import { getProgram } from '../adapters/programs';
import { withReviewAnswerTimes } from '../domain/pairing/answers';
import { decideNext } from '../domain/pairing/decide';
import { datesBasis } from '../domain/pairing/held';
import { heldWakeMs, type SendBacklog } from '../domain/send-rate';
import type { PersonOutcome } from '../domain/pairing/rematch';
import { mergeSettle } from '../domain/pairing/settle';
import { executionName } from '../domain/pairing/model';
import type { LifecycleMetric } from '../domain/pairing/decision';
import { deliverAt } from '../domain/pairing/context';
import { countBusiness } from '../shared/business-metrics';
import { logger } from '../shared/powertools';
import { loadPairing } from './context';
import { flushOutbox, outboxItems, parsePendingRef } from './outbox';
import { waitlistAndTell } from './waitlist-notices';
import { claimWaitlistNotice, markWaitlistAnnounced, putWaitlistEntry } from '../adapters/waitlist';
import { publish } from '../adapters/events';

/** The execution a step runs in, from `$$.Execution`. */
export interface ExecutionRef {
  readonly id: string;
  readonly name: string;
  readonly startedAt: string;
}

/** What the state machine reads after a step: carry on (wait), stop, or hand over. */
export interface StepOutcome {
  readonly action: 'wait' | 'done' | 'hand-over';
  /** For the wait: seconds until the next due moment (at least 1). */
  readonly waitSeconds: number;
  /** The pairing version the wait is for: anything newer wakes the execution at once. */
  readonly version: number;
  /** For a hand-over: the successor execution's name. */
  readonly successor?: string;
}

/** `<pairingId>` is generation 1, `<pairingId>-2` the first successor, and so on. */
export function generationOf(pairingId: string, executionName: string): number {
  const m = new RegExp(`^${pairingId}-(\\d+)$`).exec(executionName);
  return m ? Number(m[1]) : 1;
}

/**
 * One step of PairingLifecycle: load, decide (pure), store the decision with its outbox in one
 * conditional transaction, then dispatch. Safe to run twice: a retry finds the decision stored
 * (nothing new to decide) and only dispatches what is still pending.
 */
export async function advance(pairingId: string, execution: ExecutionRef, now: Date): Promise<StepOutcome> {
  const loaded = await loadPairing(pairingId, now, { startedAt: execution.startedAt, generation: generationOf(pairingId, execution.name) });
  let { pairing } = loaded.item;
  let pending = loaded.item.pendingOutbox;
  let decision = decideNext(loaded.ctx);
  // An end that holds the mentor past the rematch cap is decided again knowing whether another
  // pairing of hers runs: she keeps it, and her emails and the admins' say only the freed place waits.
  const mentorId = loaded.ctx.mentor.participantId;
  if (decision.people.some((p) => p.participantId === mentorId && p.status === 'waitlisted') && (await runsElsewhere(mentorId, pairingId)))
    decision = decideNext({ ...loaded.ctx, mentorRunsElsewhere: true });
  const executions = pairing.executions ?? [];
  const known = executions.includes(execution.id);
  let written: ReturnType<typeof outboxItems> = [];
  // People an earlier attempt decided about and did not finish settling: settled now, before anything new.
  let toSettle = loaded.item.pendingSettle;
  if (decision.changed || !known) {
    const after: Pairing = { ...decision.pairing, executions: known ? executions : [...executions, execution.id], executionArn: execution.id };
    const outbox = outboxItems(decision, now);
    written = outbox;
    pending = [...pending, ...outbox.map((o) => String(o.item.ref))];
    toSettle = mergeSettle(toSettle, { graduate: decision.graduate, people: decision.people });
    pairing = await commitStep(pairing, after, {
      // Each review with the moment its writer answered, from the answers the step read.
      records: withReviewAnswerTimes(decision.records, loaded.ctx.pairing),
      outbox,
      pendingOutbox: pending,
      ...(toSettle ? { settle: toSettle } : {}),
      ...(loaded.undecided ? { undecided: loaded.undecided } : {}),
      now,
    });
    for (const [name, n] of Object.entries(decision.metrics) as [LifecycleMetric, number][]) countBusiness(name, pairing.programId, n);
    logger.info('pairing step', {
      pairingId,
      status: pairing.status,
      version: pairing.version,
      emails: decision.emails.length,
      events: decision.events.length,
      next: decision.next.action,
    });
  }
  // Stored with the step, so a retry settles what a failed attempt did not; removed once done.
  if (toSettle) {
    if (toSettle.graduate.length > 0) await settle(toSettle.graduate, pairingId, 'completed');
    // Before the outbox publishes RematchRequested: the rematch finds everyone's new status.
    if (toSettle.people.length > 0) await settlePeople(toSettle.people, pairingId, pairing.programId, now);
    await clearPendingSettle(pairingId);
  }
  // Everything decided and due goes out now, including what a crashed attempt stored but did not send.
  let held: string[] = [];
  let backlog: SendBacklog | undefined;
  if (pending.length > 0) {
    ({ held, backlog } = await flushOutbox(pairingId, pairing.programId, pending, now, pairing.status, {
      written,
      members: [loaded.ctx.mentor, loaded.ctx.mentee],
      dates: datesBasis(loaded.ctx, pairing),
      inHours: (timeZone, at) => deliverAt(loaded.ctx, timeZone, at),
      ...(pairing.round ? { round: pairing.round } : {}),
    }));
  }
  const next = decision.next;
  // Emails held for the reader's working hours, or by a full send queue, keep the execution alive until they are sent.
  const heldUntil = heldWakeMs(
    held.map((ref) => Date.parse(parsePendingRef(ref).dueAt)),
    now.getTime(),
    backlog && { retryAfterMs: backlog.retryAfterMs, key: pairingId },
  );
  const waitFor = (at: number) => ({ action: 'wait' as const, waitSeconds: Math.max(1, Math.ceil((at - now.getTime()) / 1000)), version: pairing.version });
  if (next.action === 'wait') return waitFor(heldUntil !== undefined ? Math.min(heldUntil, Date.parse(next.at)) : Date.parse(next.at));
  if (heldUntil !== undefined) return waitFor(heldUntil);
  if (next.action === 'hand-over')
    return { action: 'hand-over', waitSeconds: 1, version: pairing.version, successor: executionName(pairingId, next.generation) };
  return { action: 'done', waitSeconds: 1, version: pairing.version };
}

/**
 * Parks the execution's task token on the pairing while it waits. If anything arrived after the
 * step decided to wait (the version moved on), the execution is woken at once instead.
 */
export async function park(pairingId: string, version: number, taskToken: string, wake: (token: string) => Promise<unknown>): Promise<'parked' | 'woken'> {
  if (await storeWakeToken(pairingId, version, taskToken)) return 'parked';
  await wake(taskToken);
  return 'woken';
}

/** True when another pairing of the person (not `except`) is still running. */
async function runsElsewhere(participantId: string, except: string): Promise<boolean> {
  for (const other of await pairingIdsOf(participantId)) {
    if (other === except) continue;
    const p = await getPairing(other);
    if (p && !isTerminal(p.status)) return true;
  }
  return false;
}

/** Statuses a pairing's end may move a person from; anyone who left, withdrew or was suppressed keeps that. */
const SETTLED_FROM = ['paired', 'enrolled', 'awaiting-rematch', 'waitlisted'] as const;

/**
 * After a pairing completes, a person with no other pairing running becomes `completed` (an
 * alumnus, counted as such and not offered to matching again). A mentor with a second mentee stays `paired`.
 */
async function settle(participantIds: readonly string[], completedPairingId: string, to: 'completed'): Promise<void> {
  for (const id of participantIds) {
    const person = await getParticipant(id);
    // `enrolled` too: a pairing created outside matching (an admin's own pair) never marked them paired.
    if (!person || (person.status !== 'paired' && person.status !== 'enrolled')) continue;
    if (await runsElsewhere(id, completedPairingId)) continue;
    try {
      await updateParticipantStatus(person.participantId, person.version, to);
    } catch (error) {
      // Changed meanwhile (left, withdrew, or a retry already did this): that status stands.
      if (!(error instanceof ParticipantVersionConflict)) throw error;
    }
  }
}

/**
 * After a pairing ends early or does not start, each person takes the status the rematch policy
 * chose (`awaiting-rematch`, `enrolled`, `inactive`, or `waitlisted` past the rematch cap, or after
 * an end that never reached them (`partner-unavailable`, waitlistedByEnd), then told why) with its standing (an "away until" date, counters). The standing is stored even for a mentor
 * whose other pairing keeps them `paired` (past the cap, `placesHeldSince` then holds her freed
 * place for the admins instead of a waitlist entry: rematch-policy.ts, placesHeldForAdmin); whoever left, withdrew or was suppressed keeps that status.
 */
async function settlePeople(outcomes: readonly PersonOutcome[], endedPairingId: string, programId: string, now: Date): Promise<void> {
  for (const outcome of outcomes) {
    for (let attempt = 0; attempt < 5; attempt++) {
      const person = await getParticipant(outcome.participantId);
      if (!person || !(SETTLED_FROM as readonly string[]).includes(person.status)) break;
      const status = (await runsElsewhere(person.participantId, endedPairingId)) ? person.status : outcome.status;
      try {
        await updateParticipantStanding(person.participantId, person.version, status, outcome.standing);
      } catch (error) {
        // Changed meanwhile (a reply, another pairing's end): read it again and decide again.
        if (error instanceof ParticipantVersionConflict) continue;
        throw error;
      }
      if (status === 'waitlisted' && outcome.waitlistReason) {
        const program = await getProgram(programId);
        const entry = {
          programId,
          participantId: person.participantId,
          role: person.role,
          code: outcome.waitlistCode ?? ('rematch-limit' as const),
          reason: outcome.waitlistReason,
          runId: endedPairingId,
        };
        if (program && outcome.toldInEndEmail) {
          // Their end email told them: the entry is marked told, so no second notice follows.
          await putWaitlistEntry(entry, now);
          await claimWaitlistNotice(programId, person.participantId, 'toldAt', now);
        } else if (program && outcome.waitlistCode) {
          // Waitlisted as a matching run would leave them: announced as the run announces it.
          const { eventOwed } = await waitlistAndTell(program, entry, now, { announce: true });
          if (eventOwed) {
            await publish({ type: 'ParticipantWaitlisted', detail: { programId, participantId: person.participantId, code: outcome.waitlistCode } });
            await markWaitlistAnnounced(programId, person.participantId);
          }
        } else if (program) await waitlistAndTell(program, entry, now);
      }
      break;
    }
  }
}
