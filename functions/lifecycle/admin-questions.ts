import { getProgram } from '../adapters/programs';
import { emailHash, runApprovalQuestions, type StoredQuestion } from '../adapters/reply-tokens';
import { approvalRunOf } from '../domain/answer-link';

export { runApprovalQuestions };

/** Questions put to a program's admins: approving a matching run, deciding for a quiet pair. */
const ADMIN_PURPOSES: ReadonlySet<string> = new Set(['approval', 'admin-decision']);

/**
 * Whether an admin question was put to someone who is no longer one of the program's admins (HR
 * changed `admins` since): their answer decides nothing, by reply or by link. Read from the
 * program as it is now; a program that no longer exists has no admins.
 */
export async function putToFormerAdmin(question: Pick<StoredQuestion, 'purpose' | 'programId' | 'recipientEmailHash'>): Promise<boolean> {
  if (!ADMIN_PURPOSES.has(question.purpose)) return false;
  const program = await getProgram(question.programId);
  return !program?.admins.some((admin) => emailHash(admin) === question.recipientEmailHash);
}

/**
 * The questions of an approval question's matching run as they stand (the reminder's replace the
 * first request's in the run's list); none for any other question.
 */
export async function approvalFamilyOf(question: StoredQuestion): Promise<StoredQuestion[]> {
  const run = approvalRunOf(question);
  return run ? runApprovalQuestions(run.programId, run.runId) : [];
}
