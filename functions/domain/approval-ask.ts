import { settlementOf, type SettlingQuestion } from './admin-answer';
import { isClosed, type AskedQuestion } from './answer-link';

/**
 * What "Ask the admin to approve" does when the run's approval was asked before: the same task
 * invoked again (Lambda retries an invocation; a local cloud restarted runs the execution again
 * from its first state, docs/local.md "Restarts"), each time with the task token it waits on now.
 * - `first`: nothing asked before is still open: ask every admin (the usual request).
 * - `answered`: an admin answered already (approved or rejected, by reply, link or the admin API),
 *   but the wait that answer completed is gone: complete this one with the same decision, and ask
 *   nobody again.
 * - `again`: the admins keep the request they have: its open questions move to this wait
 *   (`repoint`), and only an admin with no open question (added to the program since) is asked.
 */
export type RepeatedAsk =
  | { readonly kind: 'first' }
  | { readonly kind: 'answered'; readonly answeredAt: string; readonly channel: string; readonly decision: 'approved' | 'rejected' }
  | { readonly kind: 'again'; readonly repoint: readonly { readonly opaqueId: string; readonly admin: string }[]; readonly askAdmins: readonly string[] };

export function repeatedAsk(
  earlier: readonly (AskedQuestion & SettlingQuestion)[],
  admins: readonly { readonly email: string; readonly hash: string }[],
  now: Date,
): RepeatedAsk {
  // The first answer settles it (domain/admin-answer.ts): a REJECT is delivered as a rejection.
  const settled = settlementOf(earlier);
  if (settled) return { kind: 'answered', answeredAt: settled.at, channel: settled.via, decision: settled.decision };
  const adminHashes = new Set(admins.map((a) => a.hash));
  // Questions of people who are admins no longer decide nothing (putToFormerAdmin): not kept.
  const open = earlier.filter((q) => !isClosed(q, now) && adminHashes.has(q.recipientEmailHash));
  if (open.length === 0) return { kind: 'first' };
  const adminOf = new Map(admins.map((a) => [a.hash, a.email]));
  const asked = new Set(open.map((q) => q.recipientEmailHash));
  return {
    kind: 'again',
    repoint: open.map((q) => ({ opaqueId: q.opaqueId, admin: adminOf.get(q.recipientEmailHash)! })),
    askAdmins: admins.filter((a) => !asked.has(a.hash)).map((a) => a.email),
  };
}
