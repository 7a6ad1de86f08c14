import { getProgram } from '../adapters/programs';
import { emailHash, type StoredQuestion } from '../adapters/reply-tokens';

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
