import { appendAudit, getPairing, isTerminal, listChildren, pairingIdsOf, putPairingRecord, updatePairing } from '../adapters/pairings';
import { ParticipantVersionConflict, updateParticipantStatus } from '../adapters/participants';
import type { Participant } from '../domain/participant';
import { publish } from '../adapters/events';
import { END_REASONS, managerNote, pairingEnded, partnerLeft, recognition, type Journey } from '../domain/emails';
import { answerOf, type BranchResult } from './answers';
import { loadPairing, pairingTopics, sendEmail, type PairingContext } from './context';
import { nextWake } from './plan';

interface Review {
  label: string;
  participantId: string;
  progress?: number;
  recommend?: number;
  note?: string;
  topics: string[];
  at: string;
}

/** Stores each person's milestone review against the pairing's topics (skills over time). */
export async function recordReview(pairingId: string, label: string, results: [BranchResult, BranchResult], now: Date): Promise<{ at: string }> {
  const ctx = await loadPairing(pairingId);
  const topics = pairingTopics(ctx);
  const people = [ctx.mentor, ctx.mentee];
  const events = [];
  for (let i = 0; i < 2; i++) {
    const a = answerOf(results[i]!);
    if (!a.answered) continue;
    const review: Review = { label, participantId: people[i]!.participantId, ...(a.rating !== undefined ? { progress: a.rating } : {}), ...(a.score !== undefined ? { recommend: a.score } : {}), ...(a.note ? { note: a.note } : {}), topics, at: now.toISOString() };
    if (await putPairingRecord(pairingId, `REVIEW#${label}#${review.participantId}`, { type: 'MilestoneReview', ...review })) {
      events.push({ type: 'MilestoneReviewed' as const, detail: { pairingId, programId: ctx.pairing.programId, milestone: label, participantId: review.participantId, ...(review.progress !== undefined ? { progress: review.progress } : {}), ...(review.recommend !== undefined ? { recommend: review.recommend } : {}) } });
    }
  }
  const updated = await updatePairing(pairingId, ctx.pairing.version, { planPosition: (ctx.pairing.planPosition ?? 0) + 1 }, now);
  await appendAudit(pairingId, 'review', { label, answered: events.length }, now);
  await publish(...events);
  return { at: nextWake({ ...ctx, pairing: updated }, updated, now) };
}

function journeyOf(ctx: PairingContext, reviews: Review[], now: Date): Journey {
  const byLabel = new Map<string, number[]>();
  for (const r of reviews) if (r.progress !== undefined) byLabel.set(r.label, [...(byLabel.get(r.label) ?? []), r.progress]);
  return {
    startedOn: ctx.pairing.acceptedAt ?? ctx.pairing.startedAt ?? ctx.pairing.createdAt,
    completedOn: now,
    checkInsHeld: ctx.pairing.checkInsHeld,
    topics: pairingTopics(ctx),
    milestones: [...byLabel].map(([label, xs]) => ({ label, progress: Math.round((xs.reduce((a, b) => a + b, 0) / xs.length) * 10) / 10 })),
  };
}

/** Recognition for both, a note to each consenting participant's manager, and the outbound events. */
export async function completePairing(pairingId: string, now: Date): Promise<{ completed: true }> {
  const ctx = await loadPairing(pairingId);
  const reviews = await listChildren<Review>(pairingId, 'REVIEW#');
  const journey = journeyOf(ctx, reviews, now);
  const managersTold: string[] = [];
  for (const [person, partner, role] of [[ctx.mentor, ctx.mentee, 'mentor'], [ctx.mentee, ctx.mentor, 'mentee']] as const) {
    await sendEmail(person.email, recognition({ to: { name: person.name, timeZone: person.timeZone }, program: ctx.programContext, role, partner: { name: partner.name }, journey, catalogue: ctx.program.topics }));
    const managerEmail = person.manager?.email;
    if (person.consent.shareProgressWithManager && managerEmail) {
      const own = reviews.filter((r) => r.participantId === person.participantId && r.note).map((r) => r.note!);
      await sendEmail(
        managerEmail,
        managerNote({
          to: { ...(person.manager?.name ? { name: person.manager.name } : {}), timeZone: person.timeZone },
          program: ctx.programContext,
          report: { name: person.name, role },
          journey,
          contributed: person.topicsOffered.filter((t) => partner.topicsWanted.includes(t)),
          learned: person.topicsWanted.filter((t) => partner.topicsOffered.includes(t)),
          highlights: own,
          catalogue: ctx.program.topics,
        }),
      );
      managersTold.push(person.participantId);
    }
  }
  await updatePairing(pairingId, ctx.pairing.version, { status: 'completed', endedAt: now.toISOString() }, now);
  for (const person of [ctx.mentor, ctx.mentee]) await graduate(person, pairingId);
  await putPairingRecord(pairingId, 'RECOGNITION', { type: 'Recognition', at: now.toISOString(), checkInsHeld: journey.checkInsHeld, topics: journey.topics, milestones: journey.milestones, managersTold });
  await appendAudit(pairingId, 'completed', { checkInsHeld: journey.checkInsHeld, managersTold: managersTold.length }, now);
  const ref = { pairingId, programId: ctx.pairing.programId };
  await publish({ type: 'PairingCompleted', detail: { ...ref, checkInsHeld: journey.checkInsHeld } }, { type: 'RecognitionAwarded', detail: { ...ref, participantIds: [ctx.pairing.mentorId, ctx.pairing.menteeId] } });
  return { completed: true };
}

/** Early end (asked for, decided by the admin, or a participant left the company). */
export async function endPairing(pairingId: string, now: Date): Promise<{ ended: string }> {
  const ctx = await loadPairing(pairingId);
  const control = ctx.pairing.control;
  const left = control?.kind === 'left' ? control.participantId : undefined;
  const rematch = left !== undefined || control?.reason === 'admin-rematch';
  const reasonText = left ? 'participant-left' : (control?.reason ?? 'participant-request');
  await updatePairing(pairingId, ctx.pairing.version, { status: 'ended', statusReason: reasonText, endedAt: now.toISOString(), control: null }, now);
  await appendAudit(pairingId, 'ended', { reason: reasonText }, now);
  const pairs = [[ctx.mentor, ctx.mentee], [ctx.mentee, ctx.mentor]] as const;
  for (const [person, partner] of pairs) {
    if (person.participantId === left) continue;
    const to = { name: person.name, timeZone: person.timeZone };
    const email = left
      ? partnerLeft({ to, program: ctx.programContext, partner: { name: partner.name }, checkInsHeld: ctx.pairing.checkInsHeld, rematchRequested: true })
      : pairingEnded({ to, program: ctx.programContext, partner: { name: partner.name }, reason: endReason(reasonText), checkInsHeld: ctx.pairing.checkInsHeld, rematchRequested: rematch });
    await sendEmail(person.email, email);
  }
  const ref = { pairingId, programId: ctx.pairing.programId };
  const stay = [ctx.pairing.mentorId, ctx.pairing.menteeId].filter((id) => id !== left);
  await publish(
    { type: 'PairingEnded', detail: { ...ref, reason: reasonText } },
    ...(rematch ? [{ type: 'RematchRequested' as const, detail: { programId: ref.programId, participantIds: stay, previousPairingId: pairingId, reason: reasonText } }] : []),
  );
  return { ended: reasonText };
}

function endReason(text: string): (typeof END_REASONS)[number] {
  if (text === 'admin-decision' || text === 'admin-rematch') return 'admin-decision';
  if (text === 'not-meeting') return 'not-meeting';
  return (END_REASONS as readonly string[]).includes(text) ? (text as (typeof END_REASONS)[number]) : 'participant-request';
}

/**
 * After a completed pairing, a person with no other pairing running is `completed`: an alumnus of
 * the program, counted as such in the report and not offered to matching again. A mentor with a
 * second mentee stays `paired` until that pairing finishes too.
 */
async function graduate(person: Participant, completedPairingId: string): Promise<void> {
  // `enrolled` too: a pairing created outside matching (an admin's own pair) never marked them paired.
  // A waitlisted mentor still has free places on offer and stays in the pool.
  if (person.status !== 'paired' && person.status !== 'enrolled') return;
  for (const id of await pairingIdsOf(person.participantId)) {
    if (id === completedPairingId) continue;
    const other = await getPairing(id);
    if (other && !isTerminal(other.status)) return;
  }
  try {
    await updateParticipantStatus(person.participantId, person.version, 'completed');
  } catch (error) {
    // Changed meanwhile (left, withdrew, or a retry already did this): that status stands.
    if (!(error instanceof ParticipantVersionConflict)) throw error;
  }
}
