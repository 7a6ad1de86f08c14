/**
 * A matching approval is asked of every admin of the program, each under their own question, and
 * the first answer (by reply, link or the admin API) settles it for all. The questions of the
 * others then record it as answered (`settled`), so that a later reply from any of them hears who
 * answered and what was decided, not that the question "closed" (docs/emails.md, questionClosed).
 * Pure: the adapter loads the run's questions and writes what these rules return.
 */

import { approvalRunOf, type AskedQuestion } from './answer-link';

/** What settled an approval, as each of the run's questions records it. */
export interface Settlement {
  /** When the first answer was given. */
  readonly at: string;
  /** The question that answer was given to (an admin's own, or the one the admin API answered). */
  readonly opaqueId: string;
  readonly via: 'email' | 'link' | 'api';
  readonly decision: 'approved' | 'rejected';
}

/** What these rules read of an approval question (functions/adapters/reply-tokens.ts StoredQuestion). */
export interface SettlingQuestion {
  readonly opaqueId: string;
  readonly usedAt?: string;
  readonly channel?: 'email' | 'link' | 'api';
  /** The intent of the question's own answer (absent when it has none). */
  readonly answeredIntent?: string;
  readonly settled?: Settlement;
}

/**
 * The answer that settled the run's approval: the one a question records already, else the first
 * question answered for itself (the workflow's "Approved?" takes only `yes` as an approval).
 * Undefined while nobody answered (the wait timed out, or is still open).
 */
export function settlementOf(family: readonly SettlingQuestion[]): Settlement | undefined {
  const recorded = family.find((q) => q.settled !== undefined)?.settled;
  if (recorded) return recorded;
  const answered = family
    .filter((q) => q.usedAt !== undefined && q.answeredIntent !== undefined)
    .sort((a, b) => Date.parse(a.usedAt!) - Date.parse(b.usedAt!))[0];
  if (!answered) return undefined;
  return {
    at: answered.usedAt!,
    opaqueId: answered.opaqueId,
    via: answered.channel ?? 'email',
    decision: answered.answeredIntent === 'yes' ? 'approved' : 'rejected',
  };
}

/** What an answered approval question holds of its settlement (undefined for any other question). */
export function settlementOn(q: SettlingQuestion & Pick<AskedQuestion, 'purpose' | 'programId' | 'context'>): Settlement | undefined {
  return approvalRunOf(q) ? settlementOf([q]) : undefined;
}

/**
 * The questions that do not record the settlement yet (each write is safe to repeat), and those
 * whose own answer, given as the wait was completed by another, was taken back since.
 */
export function unsettled(family: readonly SettlingQuestion[]): string[] {
  return family.filter((q) => q.settled === undefined || q.usedAt === undefined).map((q) => q.opaqueId);
}

/** Who answered, as the admin writing to `opaqueId`'s address reads it, and what was decided. */
export interface AnsweredAs {
  readonly by: 'you' | 'another-admin' | 'admin-api';
  readonly decision: Settlement['decision'];
}

export function answeredAs(opaqueId: string, settled: Settlement): AnsweredAs {
  const by = settled.via === 'api' ? 'admin-api' : settled.opaqueId === opaqueId ? 'you' : 'another-admin';
  return { by, decision: settled.decision };
}
