import { z } from 'zod';
import { recordApprovalQuestions } from './adapters/match-review';
import { approvalEmail, conflictEmail, readProposal, runApprovalQuestions, standingsOf } from './lifecycle/admin-questions';
import { deliverEarlierAnswer, emailHash, issueQuestion, repointQuestion } from './adapters/reply-tokens';
import { getProgram, type StoredProgram } from './adapters/programs';
import { approvalStamps, approvalWaits, repeatedAsk, SHOWN_VERSION, stageDeadline, type ApprovalStamps, type ApprovalWaits } from './domain/approval-ask';
import { type ApprovalCalendar, WORKING_DAYS_KEY } from './domain/approval-deadline';
import { CONFLICTED_ADMIN, CONFLICTED_PAIRS, emailAtThisWait, type ApprovalStanding } from './domain/approval-conflict';
import { sendEmail } from './lifecycle/context';
import { eventHandler } from './shared/event-handler';
import { requireEnv } from './shared/config';
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
  const stage = a.reminder ? 'reminder' : 'ask';
  // Asked before (this task run again): the admins keep the request they have, and a wait whose
  // window has run out asks nobody (domain/approval-ask.ts).
  const earlier = await runApprovalQuestions(a.programId, a.runId);
  // An execution of an older definition passes no windows: its wait is its timeout, in elapsed time.
  const counted = a.approvalSeconds !== undefined && a.reminderSeconds !== undefined;
  const windows = { approvalSeconds: a.approvalSeconds ?? a.timeoutSeconds, reminderSeconds: a.reminderSeconds ?? a.timeoutSeconds };
  const calendar = counted ? calendarOf(program) : undefined;
  const repeat = repeatedAsk(
    earlier,
    program.admins.map((email) => ({ email, hash: emailHash(email) })),
    now,
    { stage, windows, ...(calendar ? { calendar } : {}) },
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
  // The questions close when this wait ends, as "Time left to approve" timed it: in the program's
  // working days (domain/approval-deadline.ts); the emails name the day it ends, the day the
  // product acts on (the reminder goes, or the run ends once that day is over).
  const { closesAt, answerBy, workingDays } = calendar
    ? stageDeadline(earlier, stage, windows, now, calendar)
    : { closesAt: new Date(now.getTime() + a.timeoutSeconds * 1000), answerBy: new Date(now.getTime() + a.timeoutSeconds * 1000), workingDays: false };
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
  // An admin in a proposed pair is not asked to approve it (domain/approval-conflict.ts).
  const standings = (await standingsOf(program, a.runId)).of;
  const questions: string[] = [...kept];
  for (const admin of admins) {
    const standing = standings(admin);
    if (standing.kind === 'conflicted') {
      questions.push(
        await tellConflicted({ a, program, admin, standing, stamps, version: proposal.version, pairCount: proposal.pairCount, closesAt, answerBy, earlier }),
      );
      continue;
    }
    const q = await issueQuestion({
      taskToken: a.taskToken,
      purpose: 'approval',
      programId: a.programId,
      recipientEmail: admin,
      expiresAt: closesAt.toISOString(),
      choices: ['approve'],
      // Counted in working days: an email sent for it later (asked again) names the same day.
      context: { runId: a.runId, ...stamps, [SHOWN_VERSION]: proposal.version, ...(workingDays ? { [WORKING_DAYS_KEY]: true } : {}) },
    });
    questions.push(q.opaqueId);
    const email = approvalEmail({
      program,
      runId: a.runId,
      proposal,
      question: q,
      admin,
      closesAt: answerBy,
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
  const [earlier, program] = await Promise.all([runApprovalQuestions(w.programId, w.runId), getProgram(w.programId)]);
  // A program deleted meanwhile: elapsed time (the ask then says it no longer exists).
  const waits = approvalWaits(earlier, w, new Date(), program ? calendarOf(program) : undefined);
  if (earlier.length > 0) logger.info('approval asked before: waits count from then', { programId: w.programId, runId: w.runId, ...waits });
  return waits;
}

/** The program's time zone and holidays: the admins' approval deadlines count its working days. */
const calendarOf = (program: StoredProgram): ApprovalCalendar => ({ timeZone: program.timeZone, nonWorkingDays: program.nonWorkingDays ?? [] });

/**
 * An admin in a proposed pair: the wait gets, in their place, a question put to the admin API's own
 * address (domain/approval-conflict.ts, CONFLICTED_ADMIN), which no reply can answer; and they are
 * told once per run which pair they cannot approve and who can. Returns that question's id.
 */
async function tellConflicted(input: {
  readonly a: z.output<typeof askSchema>;
  readonly program: StoredProgram;
  readonly admin: string;
  readonly standing: Extract<ApprovalStanding, { kind: 'conflicted' }>;
  readonly stamps: ApprovalStamps;
  readonly version: number;
  readonly pairCount: number;
  readonly closesAt: Date;
  /** The end of the day the emails name (approvalAnswerBy). */
  readonly answerBy: Date;
  readonly earlier: readonly { readonly context?: Record<string, unknown> }[];
}): Promise<string> {
  const { a, program, admin, standing, closesAt } = input;
  const adminHash = emailHash(admin);
  const q = await issueQuestion({
    taskToken: a.taskToken,
    purpose: 'approval',
    programId: a.programId,
    recipientEmail: `${ADMIN_API_RECIPIENT}@${requireEnv('INBOUND_DOMAIN')}`,
    expiresAt: closesAt.toISOString(),
    choices: [],
    context: {
      runId: a.runId,
      ...input.stamps,
      [SHOWN_VERSION]: input.version,
      [CONFLICTED_ADMIN]: adminHash,
      [CONFLICTED_PAIRS]: standing.own.map((p) => p.pairingId),
    },
  });
  if (emailAtThisWait(standing, input.earlier, adminHash)) {
    const email = conflictEmail({
      program,
      runId: a.runId,
      admin,
      standing,
      proposedPairs: Math.max(input.pairCount, input.version === 0 ? a.pairCount : 0),
      answerBy: input.answerBy,
      reminderAhead: !a.reminder,
    });
    // No reply address: nothing they write back approves or rejects the run.
    await sendEmail(admin, email);
  }
  logger.info('approval not asked of an admin in a proposed pair', { programId: a.programId, runId: a.runId, pairs: standing.own.length });
  return q.opaqueId;
}

/** The local part of the address the admin API's question of a wait is put to (no mail goes there). */
const ADMIN_API_RECIPIENT = 'matching-approval-api';
