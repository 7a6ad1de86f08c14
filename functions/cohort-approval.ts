import { z } from 'zod';
import { issueQuestion } from './adapters/reply-tokens';
import { getProgram } from './adapters/programs';
import { matchingApprovalRequest } from './domain/emails';
import { sendEmail } from './lifecycle/context';
import { eventHandler } from './shared/event-handler';
import { logger } from './shared/powertools';

const askSchema = z.object({
  taskToken: z.string().min(1),
  programId: z.string().min(1),
  runId: z.string().min(1),
  /** The CohortMatching execution, for the console link in the email. */
  executionArn: z.string().min(1),
  pairCount: z.number().int().min(0),
  unmatchedCount: z.number().int().min(0),
  timeoutSeconds: z.number().int().positive(),
  reminder: z.boolean().default(false),
});
export type ApprovalAskEvent = z.input<typeof askSchema>;

/** Where an admin reviews the proposal: the execution in the Step Functions console. */
export function executionConsoleUrl(executionArn: string): string {
  const region = executionArn.split(':')[3] || process.env.AWS_REGION || 'us-east-1';
  return `https://${region}.console.aws.amazon.com/states/home?region=${region}#/v2/executions/details/${encodeURIComponent(executionArn)}`;
}

/**
 * "Ask the admin to approve" and "Remind the admin": parks the task token behind a reply address
 * (APPROVE by reply or the signed link resumes the run) and emails the program's first admin.
 */
export const handler = eventHandler('cohort-approval', async (event: unknown): Promise<{ asked: 'admin' }> => {
  const a = askSchema.parse(event);
  const program = await getProgram(a.programId);
  if (!program) throw new Error(`Program ${a.programId} no longer exists: the matching run cannot ask for approval; request matching again once it exists.`);
  const admin = program.admins[0]!;
  const closesAt = new Date(Date.now() + a.timeoutSeconds * 1000);
  const q = await issueQuestion({
    taskToken: a.taskToken,
    purpose: 'approval',
    programId: a.programId,
    recipientEmail: admin,
    expiresAt: closesAt.toISOString(),
    choices: ['approve'],
    context: { runId: a.runId },
  });
  const email = matchingApprovalRequest({
    to: { timeZone: program.timeZone },
    program: { name: program.name, admin: { name: 'the program team', email: admin } },
    cohortId: a.programId,
    proposedPairs: a.pairCount,
    unmatched: a.unmatchedCount,
    answerBy: closesAt,
    consoleUrl: executionConsoleUrl(a.executionArn),
    answerLinks: { approve: q.answerLinks.approve! },
  });
  await sendEmail(admin, a.reminder ? { ...email, subject: `Reminder: ${email.subject}` } : email, q.replyAddress);
  logger.info('approval asked', { programId: a.programId, runId: a.runId, reminder: a.reminder });
  return { asked: 'admin' };
});
