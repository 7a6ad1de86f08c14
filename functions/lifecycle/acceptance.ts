import { appendAudit, updatePairing } from '../adapters/pairings';
import { publish } from '../adapters/events';
import { adminPairingNotStarted, pairingNotStarted } from '../domain/emails';
import { answerOf, type BranchResult } from './answers';
import { loadPairing, sendEmail, type PairingContext } from './context';
import { nextWake } from './plan';

const DAY_S = 86_400;

/** Introduces the pair: marks the start and returns the question windows of this program. */
export async function startPairing(pairingId: string, now: Date) {
  const ctx = await loadPairing(pairingId);
  const s = ctx.program.lifecycle;
  if (ctx.pairing.status === 'proposed') {
    await updatePairing(pairingId, ctx.pairing.version, { status: 'introduced', startedAt: now.toISOString() }, now);
    await appendAudit(pairingId, 'introduced', undefined, now);
  }
  // The question windows of this program, read by the state machine's TimeoutSecondsPath.
  return {
    acceptanceFirst: s.acceptanceReminderDay * DAY_S,
    acceptanceRest: (s.acceptanceWindowDays - s.acceptanceReminderDay) * DAY_S,
    answer: s.checkInAnswerWindowDays * DAY_S,
    decision: 7 * DAY_S,
  };
}

/** Both must accept. A decline or silence ends the pairing as "not started" and asks for a rematch. */
export async function concludeAcceptance(pairingId: string, results: [BranchResult, BranchResult], now: Date) {
  const ctx = await loadPairing(pairingId);
  const [mentor, mentee] = results.map(answerOf) as [ReturnType<typeof answerOf>, ReturnType<typeof answerOf>];
  const state = (a: typeof mentor) => (!a.answered ? 'no-answer' : a.intent === 'yes' ? 'accepted' : 'declined') as 'accepted' | 'declined' | 'no-answer';
  const answers = { mentor: state(mentor), mentee: state(mentee) };
  if (answers.mentor === 'accepted' && answers.mentee === 'accepted') {
    const updated = await updatePairing(pairingId, ctx.pairing.version, { status: 'active', acceptedAt: now.toISOString(), planPosition: 0 }, now);
    await appendAudit(pairingId, 'accepted', undefined, now);
    await publish({ type: 'PairingAccepted', detail: { pairingId, programId: ctx.pairing.programId } });
    return { accepted: true, at: nextWake(ctx, updated, now) };
  }
  await notStarted(ctx, answers, { mentor: mentor.note, mentee: mentee.note }, now);
  return { accepted: false };
}

async function notStarted(ctx: PairingContext, answers: Record<'mentor' | 'mentee', 'accepted' | 'declined' | 'no-answer'>, notes: Record<'mentor' | 'mentee', string | undefined>, now: Date) {
  const { pairing } = ctx;
  const declinedBy = answers.mentor === 'declined' ? pairing.mentorId : answers.mentee === 'declined' ? pairing.menteeId : undefined;
  const reason = declinedBy ? 'declined' : 'no-answer';
  const note = declinedBy === pairing.mentorId ? notes.mentor : declinedBy ? notes.mentee : undefined;
  await updatePairing(pairing.pairingId, pairing.version, { status: 'not-started', statusReason: note ? `${reason}: ${note}` : reason, endedAt: now.toISOString() }, now);
  await appendAudit(pairing.pairingId, 'not-started', { reason, answers, ...(note ? { note } : {}) }, now);
  const admin = ctx.program.admins[0]!;
  await sendEmail(
    admin,
    adminPairingNotStarted({
      to: { timeZone: ctx.program.timeZone },
      program: ctx.programContext,
      pairingId: pairing.pairingId,
      participants: [
        { participantId: pairing.mentorId, role: 'mentor', answer: answers.mentor, ...(answers.mentor === 'declined' && notes.mentor ? { reason: notes.mentor } : {}) },
        { participantId: pairing.menteeId, role: 'mentee', answer: answers.mentee, ...(answers.mentee === 'declined' && notes.mentee ? { reason: notes.mentee } : {}) },
      ],
    }),
  );
  for (const [side, person, partner] of [['mentor', ctx.mentor, ctx.mentee], ['mentee', ctx.mentee, ctx.mentor]] as const) {
    if (answers[side] === 'accepted') {
      await sendEmail(person.email, pairingNotStarted({ to: { name: person.name, timeZone: person.timeZone }, program: ctx.programContext, partner: { name: partner.name } }));
    }
  }
  await publish(
    { type: 'PairingNotStarted', detail: { pairingId: pairing.pairingId, programId: pairing.programId, reason, ...(declinedBy ? { declinedBy } : {}), ...(note ? { note } : {}) } },
    { type: 'RematchRequested', detail: { programId: pairing.programId, participantIds: [pairing.mentorId, pairing.menteeId], previousPairingId: pairing.pairingId, reason: `pairing not started (${reason})` } },
  );
}
