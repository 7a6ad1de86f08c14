import { appendAudit, putPairingRecord, updatePairing, type Pairing } from '../adapters/pairings';
import { publish } from '../adapters/events';
import { adminEscalation, checkInThanks, missedCheckInNudge, pairingPaused, pairingResumed, seniorCommitmentNote } from '../domain/emails';
import { addDays } from '../domain/schedule';
import { answerOf, saysYes, type BranchResult } from './answers';
import { loadPairing, sendEmail, type PairingContext } from './context';
import { nextItem, nextWake } from './plan';

export type NextAction =
  | { action: 'wait'; at: string }
  | { action: 'check-in' | 'milestone' | 'final-review'; label: string; at: string }
  | { action: 'admin-decision' | 'end'; at: string };

const both = (ctx: PairingContext) =>
  [
    [ctx.mentor, ctx.mentee],
    [ctx.mentee, ctx.mentor],
  ] as const;

/**
 * Decides what is due now. Control requests (pause, resume, end, participant left) are honoured
 * here, at the next step, so nothing already recorded is lost.
 */
export async function decideNext(pairingId: string, now: Date): Promise<NextAction> {
  const ctx = await loadPairing(pairingId);
  let p = ctx.pairing;
  const control = p.control;
  if (control && (control.kind === 'end' || control.kind === 'left')) return { action: 'end', at: now.toISOString() };
  if (control?.kind === 'pause' && p.status !== 'paused') {
    const until = control.until ?? addDays(now, 14).toISOString().slice(0, 10);
    const resumeAt = new Date(`${until}T00:00:00Z`) > now ? new Date(`${until}T00:00:00Z`) : addDays(now, 1);
    p = await updatePairing(pairingId, p.version, { status: 'paused', pausedAt: now.toISOString(), pausedUntil: resumeAt.toISOString(), control: null }, now);
    await appendAudit(pairingId, 'paused', { until: resumeAt.toISOString() }, now);
    for (const [person, partner] of both(ctx)) {
      await sendEmail(person.email, pairingPaused({ to: { name: person.name, timeZone: person.timeZone }, program: ctx.programContext, partner: { name: partner.name }, resumeOn: resumeAt }));
    }
    await publish({ type: 'PairingPaused', detail: { pairingId, programId: p.programId, until: resumeAt.toISOString() } });
    return { action: 'wait', at: resumeAt.toISOString() };
  }
  if (p.status === 'paused') {
    const due = control?.kind === 'resume' || (p.pausedUntil !== undefined && new Date(p.pausedUntil) <= now);
    if (!due) return { action: 'wait', at: p.pausedUntil ?? now.toISOString() };
    const pausedMs = (p.pausedMs ?? 0) + (now.getTime() - new Date(p.pausedAt ?? now.toISOString()).getTime());
    p = await updatePairing(pairingId, p.version, { status: 'active', pausedMs, pausedAt: null, pausedUntil: null, control: null }, now);
    await appendAudit(pairingId, 'resumed', undefined, now);
    const next = nextWake({ ...ctx, pairing: p }, p, now);
    for (const [person, partner] of both(ctx)) {
      await sendEmail(person.email, pairingResumed({ to: { name: person.name, timeZone: person.timeZone }, program: ctx.programContext, partner: { name: partner.name }, nextCheckIn: next }));
    }
    await publish({ type: 'PairingResumed', detail: { pairingId, programId: p.programId } });
    return { action: 'wait', at: next };
  }
  if (control?.kind === 'resume') await updatePairing(pairingId, p.version, { control: null }, now);
  if (p.pendingDecision) return { action: 'admin-decision', at: now.toISOString() };
  const item = nextItem(ctx, p);
  if (!item) return { action: 'final-review', label: 'End of program review', at: now.toISOString() };
  if (item.dueAt > now) return { action: 'wait', at: item.dueAt.toISOString() };
  return { action: item.kind, label: item.label, at: now.toISOString() };
}

/** Records both answers; a pair that met is thanked, a missed check-in climbs the ladder. */
export async function recordCheckIn(pairingId: string, label: string, results: [BranchResult, BranchResult], now: Date): Promise<{ at: string }> {
  const ctx = await loadPairing(pairingId);
  const p = ctx.pairing;
  const [mentor, mentee] = results.map(answerOf) as [ReturnType<typeof answerOf>, ReturnType<typeof answerOf>];
  const met = saysYes(mentor) || saysYes(mentee);
  const number = p.checkInsHeld + p.checkInsMissed + 1;
  await putPairingRecord(pairingId, `CHECKIN#${String(number).padStart(3, '0')}`, { type: 'CheckIn', number, label, at: now.toISOString(), met, mentor, mentee });
  const s = ctx.program.lifecycle.escalation;
  const missedInRow = met ? 0 : p.missedInRow + 1;
  const updated: Pairing = await updatePairing(
    pairingId,
    p.version,
    {
      planPosition: (p.planPosition ?? 0) + 1,
      lastCheckInAt: now.toISOString(),
      ...(met ? { checkInsHeld: p.checkInsHeld + 1, lastMetAt: now.toISOString() } : { checkInsMissed: p.checkInsMissed + 1 }),
      missedInRow,
      ...(missedInRow >= s.adminDecisionAfter ? { pendingDecision: true } : {}),
    },
    now,
  );
  const next = nextWake({ ...ctx, pairing: updated }, updated, now);
  const ratings = [mentor.rating, mentee.rating].filter((r): r is number => r !== undefined);
  const rating = ratings.length ? Math.round((ratings.reduce((a, b) => a + b, 0) / ratings.length) * 10) / 10 : undefined;
  await appendAudit(pairingId, met ? 'check-in-held' : 'check-in-missed', { number, ...(rating !== undefined ? { rating } : {}), missedInRow }, now);
  const ref = { pairingId, programId: p.programId };
  if (met) {
    for (const [person, partner] of both(ctx)) {
      const own = person.participantId === p.mentorId ? mentor.rating : mentee.rating;
      await sendEmail(person.email, checkInThanks({ to: { name: person.name, timeZone: person.timeZone }, program: ctx.programContext, partner: { name: partner.name }, checkInsHeld: updated.checkInsHeld, nextCheckIn: next, ...(own !== undefined ? { rating: own } : {}) }));
    }
    await publish({ type: 'CheckInCompleted', detail: { ...ref, checkIn: number, ...(rating !== undefined ? { rating } : {}) } });
    return { at: next };
  }
  await publish({ type: 'CheckInMissed', detail: { ...ref, checkIn: number, missedInRow } });
  await climbLadder(ctx, missedInRow, next);
  return { at: next };
}

async function climbLadder(ctx: PairingContext, missedInRow: number, next: string): Promise<void> {
  const s = ctx.program.lifecycle.escalation;
  const ref = { pairingId: ctx.pairing.pairingId, programId: ctx.pairing.programId };
  if (missedInRow >= s.adminDecisionAfter) {
    await publish({ type: 'EscalationRaised', detail: { ...ref, level: 'admin-decision', missedInRow } });
    return; // the workflow asks the admin next
  }
  if (missedInRow >= s.seniorNoteAfter) {
    const { mentee, mentor } = ctx;
    await sendEmail(mentee.email, seniorCommitmentNote({ to: { name: mentee.name, timeZone: mentee.timeZone }, program: ctx.programContext, partner: { name: mentor.name }, missedCount: missedInRow, nextCheckIn: next }));
    await sendEmail(ctx.program.admins[0]!, adminEscalation({ to: { timeZone: ctx.program.timeZone }, program: ctx.programContext, pairingId: ref.pairingId, missedCount: missedInRow, ...(ctx.pairing.lastMetAt ? { lastMetOn: ctx.pairing.lastMetAt } : {}) }));
    await publish({ type: 'EscalationRaised', detail: { ...ref, level: 'senior-note', missedInRow } });
    return;
  }
  if (missedInRow >= s.nudgeAfter) {
    for (const [person, partner] of both(ctx)) {
      await sendEmail(person.email, missedCheckInNudge({ to: { name: person.name, timeZone: person.timeZone }, program: ctx.programContext, partner: { name: partner.name }, nextCheckIn: next }));
    }
    await publish({ type: 'EscalationRaised', detail: { ...ref, level: 'nudge', missedInRow } });
  }
}

/** The admin's answer at the top of the ladder (silence = continue, the least disruptive). */
export async function applyDecision(pairingId: string, result: BranchResult, now: Date): Promise<{ at: string; decision: string }> {
  const ctx = await loadPairing(pairingId);
  const a = answerOf(result);
  const decision = a.decision ?? (a.intent === 'pause' ? 'pause' : a.intent === 'end' ? 'end' : a.intent === 'no' ? 'rematch' : 'continue');
  const p = ctx.pairing;
  const base = { pendingDecision: false, missedInRow: 0 };
  if (decision === 'pause') {
    await updatePairing(pairingId, p.version, { ...base, control: { kind: 'pause', requestedAt: now.toISOString(), until: a.pauseUntil ?? addDays(now, 14).toISOString().slice(0, 10), reason: 'admin decision' } }, now);
  } else if (decision === 'end' || decision === 'rematch') {
    await updatePairing(pairingId, p.version, { ...base, control: { kind: 'end', requestedAt: now.toISOString(), reason: decision === 'rematch' ? 'admin-rematch' : 'admin-decision' } }, now);
  } else {
    await updatePairing(pairingId, p.version, base, now);
  }
  await appendAudit(pairingId, 'admin-decision', { decision, answered: a.answered }, now);
  return { at: now.toISOString(), decision };
}
