import { z } from 'zod';
import { recordApprovalQuestions } from './adapters/match-review';
import { approvalEmail, readProposal, runApprovalQuestions } from './lifecycle/admin-questions';
import { deliverEarlierAnswer, emailHash, issueQuestion, repointQuestion } from './adapters/reply-tokens';
import { getProgram } from './adapters/programs';
import { approvalStamps, approvalWaits, repeatedAsk, SHOWN_VERSION, type ApprovalWaits } from './domain/approval-ask';
import { sendEmail } from './lifecycle/context';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

const askSchema = z.object({
  taskToken: z.string().min(1),
  programId: z.string().min(1),
  runId: z.string().min(1),
  pairCount: z.number().int().min(0),
  unmatchedCount: z.number().int().min(0),
  /** What is left of this wait: its task's timeout (TimeoutSecondsPath), from "Time left to approve". */
  timeoutSeconds: z.number().int().positive(),
  reminder: z.boolean().default(false),
  // The whole windows, to tell a wait run again after its window from one still open. An
  // execution of an older definition passes neither: its wait's window is its timeout.
  approvalSeconds: z.number().int().positive().optional(),
  reminderSeconds: z.number().int().positive().optional(),
});
export type ApprovalAskEvent = z.input<typeof askSchema>;

const waitsSchema = z.object({
  measure: z.literal(true),
  programId: z.string().min(1),
  runId: z.string().min(1),
  approvalSeconds: z.number().int().positive(),
  reminderSeconds: z.number().int().positive(),
});

/**
 * "Ask the admin to approve" and "Remind the admin": emails every admin of the program the
 * proposal (each pair by name with its score, reasons and trade-offs, and who stays unmatched and
 * why), each behind their own reply address; the first APPROVE by reply or link resumes the run.
 * Invoked with `measure` ("Time left to approve"), it only says what is left of each wait.
 */
export const handler = eventHandler('cohort-approval', async (event: unknown): Promise<{ asked: 'admin'; admins: number } | ApprovalWaits> => {
  if ((event as { measure?: unknown } | null)?.measure !== undefined) return timeLeft(waitsSchema.parse(event));
  const a = askSchema.parse(event);
  const program = await getProgram(a.programId);
  if (!program) throw new Error(`Program ${a.programId} no longer exists: the matching run cannot ask for approval; request matching again once it exists.`);
  const now = new Date();
  const closesAt = new Date(now.getTime() + a.timeoutSeconds * 1000);
  const stage = a.reminder ? 'reminder' : 'ask';
  // Asked before (this task run again): the admins keep the request they have, and a wait whose
  // window has run out asks nobody (domain/approval-ask.ts).
  const earlier = await runApprovalQuestions(a.programId, a.runId);
  const repeat = repeatedAsk(
    earlier,
    program.admins.map((email) => ({ email, hash: emailHash(email) })),
    now,
    { stage, windows: { approvalSeconds: a.approvalSeconds ?? a.timeoutSeconds, reminderSeconds: a.reminderSeconds ?? a.timeoutSeconds } },
  );
  if (repeat.kind === 'answered') {
    await deliverEarlierAnswer(a.taskToken, repeat);
    logger.info('approval answered before this wait: delivered', { programId: a.programId, runId: a.runId, decision: repeat.decision });
    return { asked: 'admin', admins: 0 };
  }
  if (repeat.kind === 'over') {
    logger.info('approval wait over before it began: nobody asked', { programId: a.programId, runId: a.runId, reminder: a.reminder });
    return { asked: 'admin', admins: 0 };
  }
  let admins: readonly string[] = program.admins;
  const kept: string[] = [];
  if (repeat.kind === 'again') {
    // A question answered or closed in the moment between is asked again, as to a new admin.
    const again: string[] = [...repeat.askAdmins];
    for (const { opaqueId, admin } of repeat.repoint) {
      if (await repointQuestion(opaqueId, a.taskToken, closesAt)) kept.push(opaqueId);
      else again.push(admin);
    }
    admins = again;
  }
  const stamps = approvalStamps(earlier, stage, now);
  // Each question records the review version its email shows (read before the pairs): an APPROVE
  // to it approves that version only (lifecycle/admin-questions.ts answerAdminQuestion).
  const proposal = await readProposal(a.programId, a.runId);
  // A reminder reminds only those asked before: an admin HR added since gets the request itself.
  const askedBefore = a.reminder ? new Set(earlier.map((q) => q.recipientEmailHash)) : new Set<string>();
  const questions: string[] = [...kept];
  for (const admin of admins) {
    const q = await issueQuestion({
      taskToken: a.taskToken,
      purpose: 'approval',
      programId: a.programId,
      recipientEmail: admin,
      expiresAt: closesAt.toISOString(),
      choices: ['approve'],
      context: { runId: a.runId, ...stamps, [SHOWN_VERSION]: proposal.version },
    });
    questions.push(q.opaqueId);
    const email = approvalEmail({
      program,
      runId: a.runId,
      proposal,
      question: q,
      admin,
      closesAt,
      // The solve's counts stand until a review changes the proposal (a reminder then counts it as it is).
      ...(proposal.version === 0 ? { counts: { pairs: a.pairCount, unmatched: a.unmatchedCount } } : {}),
    });
    const remind = a.reminder && askedBefore.has(emailHash(admin));
    await sendEmail(admin, remind ? { ...email, subject: `Reminder: ${email.subject}` } : email, q.replyAddress);
  }
  // The admin API approves by answering one of these (functions/match-review-api.ts).
  await recordApprovalQuestions(a.programId, a.runId, questions);
  logger.info('approval asked', { programId: a.programId, runId: a.runId, reminder: a.reminder, admins: admins.length, kept: kept.length });
  return { asked: 'admin', admins: admins.length };
});

/**
 * "Time left to approve": which wait the run is in and what is left of each, counted from the ask
 * and reminder its questions record (domain/approval-ask.ts approvalWaits). Reads only.
 */
async function timeLeft(w: z.output<typeof waitsSchema>): Promise<ApprovalWaits> {
  const earlier = await runApprovalQuestions(w.programId, w.runId);
  const waits = approvalWaits(earlier, w, new Date());
  if (earlier.length > 0) logger.info('approval asked before: waits count from then', { programId: w.programId, runId: w.runId, ...waits });
  return waits;
}
