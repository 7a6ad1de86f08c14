/**
 * Questions go at each reader's send time, which a program may set before the working day (08:30),
 * while notices that answer nothing just said wait for the reader's working hours, 09:00 or later
 * (context.ts, deliverAt). A notice that says what comes next would then reach its reader after
 * that very question: the nudge decided at midnight, when a check-in closed unanswered and the next
 * one was planned for 08:30, held until 09:00 (QA: "The next check-in comes on Friday 16 April" at
 * 09:00, after that check-in came at 08:30); the "welcome back" held until 09:05 after the fit check
 * the resume sent at 08:35. So a notice still held for its reader's working hours goes with the
 * next question that reaches them, just before it (docs/emails.md, "When each email goes").
 */

/** One pending outbox entry of a pairing, as its flush reads it (functions/lifecycle/outbox.ts). */
export interface PendingSend {
  /** `<due time>|<order>|<key>` (outbox.ts, pendingRef): sorts by due time, then in the order decided. */
  readonly ref: string;
  readonly dueAt: string;
  /** The pairing member a pending email goes to; none for an event or an email to an admin or a manager. */
  readonly reader?: string;
  /** The email asks a question (it opens a reply channel). */
  readonly asks?: boolean;
  /** The email is held for its reader's working hours (EmailIntent.heldForZone). */
  readonly heldForHours?: boolean;
}

export interface SendOrder {
  /** Every ref, in the order the flush goes through them. */
  readonly order: readonly string[];
  /**
   * The notices that go now, just before their reader's question: held or not, they are due now,
   * and are not held again for the working hours of a zone HR moved the reader to (the question
   * goes at the reader's send time as they stand now).
   */
  readonly withQuestion: ReadonlySet<string>;
}

/**
 * The order in which a flush at `now` goes through the pending entries: by due time, then in the
 * order decided, except that an email to a member who is sent a question now, one that asks
 * nothing and is due now or held for their working hours, goes just before that member's first
 * question. Emails to admins and managers, events, and an email held for another reason (the
 * thanks that must follow an end email) keep their own time.
 */
export function sendOrder(pending: readonly PendingSend[], now: Date): SendOrder {
  const sorted = [...pending].sort((a, b) => (a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0));
  // As the flush reads a ref: due unless its time is later than now.
  const due = (p: PendingSend) => !(Date.parse(p.dueAt) > now.getTime());
  const asked = new Set(sorted.flatMap((p) => (p.asks && p.reader !== undefined && due(p) ? [p.reader] : [])));
  const goesWith = (p: PendingSend) => p.reader !== undefined && asked.has(p.reader) && !p.asks && (due(p) || p.heldForHours === true);
  const order: string[] = [];
  const placed = new Set<string>();
  for (const p of sorted) {
    if (goesWith(p)) continue;
    if (p.asks && p.reader !== undefined && due(p) && !placed.has(p.reader)) {
      placed.add(p.reader);
      order.push(...sorted.filter((n) => n.reader === p.reader && goesWith(n)).map((n) => n.ref));
    }
    order.push(p.ref);
  }
  return { order, withQuestion: new Set(sorted.filter(goesWith).map((p) => p.ref)) };
}
