import { z } from 'zod';
import { recordApprovalQuestions } from './adapters/match-review';
import { runApprovalQuestions } from './lifecycle/admin-questions';
import { listParticipants } from './adapters/participants';
import { deliverEarlierAnswer, emailHash, issueQuestion, repointQuestion } from './adapters/reply-tokens';
import { getProgram } from './adapters/programs';
import { listProposedPairs, listUnmatched } from './adapters/waitlist';
import { repeatedAsk } from './domain/approval-ask';
import { APPROVAL_PAIRS_SHOWN, matchingApprovalRequest } from './domain/emails';
import { sendEmail } from './lifecycle/context';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

const askSchema = z.object({
  taskToken: z.string().min(1),
  programId: z.string().min(1),
  runId: z.string().min(1),
  pairCount: z.number().int().min(0),
  unmatchedCount: z.number().int().min(0),
  timeoutSeconds: z.number().int().positive(),
  reminder: z.boolean().default(false),
});
export type ApprovalAskEvent = z.input<typeof askSchema>;

/**
 * "Ask the admin to approve" and "Remind the admin": emails every admin of the program the
 * proposal (each pair by name with its score, reasons and trade-offs, and who stays unmatched and
 * why), each behind their own reply address; the first APPROVE by reply or link resumes the run.
 */
export const handler = eventHandler('cohort-approval', async (event: unknown): Promise<{ asked: 'admin'; admins: number }> => {
  const a = askSchema.parse(event);
  const program = await getProgram(a.programId);
  if (!program) throw new Error(`Program ${a.programId} no longer exists: the matching run cannot ask for approval; request matching again once it exists.`);
  const closesAt = new Date(Date.now() + a.timeoutSeconds * 1000);
  // Asked before (this task run again): the admins keep the request they have (domain/approval-ask.ts).
  let admins: readonly string[] = program.admins;
  const kept: string[] = [];
  if (!a.reminder) {
    const earlier = await runApprovalQuestions(a.programId, a.runId);
    const repeat = repeatedAsk(
      earlier,
      program.admins.map((email) => ({ email, hash: emailHash(email) })),
      new Date(),
    );
    if (repeat.kind === 'answered') {
      await deliverEarlierAnswer(a.taskToken, repeat);
      logger.info('approval answered before this wait: delivered', { programId: a.programId, runId: a.runId, decision: repeat.decision });
      return { asked: 'admin', admins: 0 };
    }
    if (repeat.kind === 'again') {
      // A question answered or closed in the moment between is asked again, as to a new admin.
      const again: string[] = [...repeat.askAdmins];
      for (const { opaqueId, admin } of repeat.repoint) {
        if (await repointQuestion(opaqueId, a.taskToken, closesAt)) kept.push(opaqueId);
        else again.push(admin);
      }
      admins = again;
    }
  }
  const [pairs, unmatched, people] = await Promise.all([
    listProposedPairs(a.programId, a.runId),
    listUnmatched(a.programId, a.runId),
    listParticipants(a.programId),
  ]);
  // Admins are staff: they read people by the full name stored at enrolment (an erased person by id).
  const nameOf = new Map(people.map((p) => [p.participantId, p.name]));
  const name = (id: string) => nameOf.get(id) ?? `participant ${id}`;
  const shownPairs = [...pairs]
    .sort((x, y) => y.score - x.score)
    .slice(0, APPROVAL_PAIRS_SHOWN)
    .map((p) => ({ mentor: name(p.mentorId), mentee: name(p.menteeId), score: p.score, reasons: p.reasons, tradeOffs: p.tradeOffs }));
  const shownUnmatched = unmatched.slice(0, APPROVAL_PAIRS_SHOWN).map((u) => ({ name: name(u.participantId), role: u.role, reason: u.reason }));
  // A reminder reminds only those asked before: an admin HR added since gets the request itself.
  const askedBefore = a.reminder ? await addressesAsked(a.programId, a.runId) : new Set<string>();
  const questions: string[] = [...kept];
  for (const admin of admins) {
    const q = await issueQuestion({
      taskToken: a.taskToken,
      purpose: 'approval',
      programId: a.programId,
      recipientEmail: admin,
      expiresAt: closesAt.toISOString(),
      choices: ['approve'],
      context: { runId: a.runId },
    });
    questions.push(q.opaqueId);
    const email = matchingApprovalRequest({
      to: { timeZone: program.timeZone },
      program: { name: program.name, admin: { name: 'the program team', email: program.admins[0] ?? admin } },
      pairs: shownPairs,
      proposedPairs: Math.max(a.pairCount, pairs.length),
      unmatched: shownUnmatched,
      unmatchedCount: Math.max(a.unmatchedCount, unmatched.length),
      answerBy: closesAt,
      proposalRoute: `GET /programs/${a.programId}/matching/${a.runId}`,
      answerLinks: { approve: q.answerLinks.approve! },
    });
    const remind = a.reminder && askedBefore.has(emailHash(admin));
    await sendEmail(admin, remind ? { ...email, subject: `Reminder: ${email.subject}` } : email, q.replyAddress);
  }
  // The admin API approves by answering one of these (functions/match-review-api.ts).
  await recordApprovalQuestions(a.programId, a.runId, questions);
  logger.info('approval asked', { programId: a.programId, runId: a.runId, reminder: a.reminder, admins: admins.length, kept: kept.length });
  return { asked: 'admin', admins: admins.length };
});

/** The addresses (as digests) the run's approval was asked of so far. */
async function addressesAsked(programId: string, runId: string): Promise<Set<string>> {
  return new Set((await runApprovalQuestions(programId, runId)).map((q) => q.recipientEmailHash));
}
