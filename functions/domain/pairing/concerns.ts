import { keptFrom, type ConcernCase } from '../concerns';
import type { LifecycleContext } from './context';
import type { EmailIntent } from './decision';
import { programClosed } from '../rematch-policy';
import { programContext, rematchFacts, toAdmins } from './mail';
import { isTerminal, type ConcernWatch, type Pairing, type PersonSide } from './model';

/**
 * The lifecycle's part in the concern channel: a case raised about this pairing is watched on the
 * pairing (`concerns`), the step wakes at its escalation date, and if no admin has acknowledged it
 * by then every admin is emailed again. Nothing here touches the partner: no email, no change of
 * plan, no event (docs/decisions.md, Concern escalation).
 */

/** What the rule needs of the step under construction (decide.ts's Step has all of it). */
export interface ConcernStep {
  readonly ctx: LifecycleContext;
  readonly now: Date;
  readonly p: Pairing;
  set(changes: { concerns?: readonly ConcernWatch[] | undefined }): void;
  audit(kind: string, detail?: Record<string, unknown>): void;
  emailInHours(intent: EmailIntent, reader: PersonSide | 'admin'): void;
}

/** The watched cases whose escalation date has come. */
export function dueConcerns(pairing: Pick<Pairing, 'concerns'>, now: Date): ConcernWatch[] {
  return (pairing.concerns ?? []).filter((w) => Date.parse(w.escalateAt) <= now.getTime());
}

/** The earliest escalation still ahead, for the step's next wake. */
export function nextConcernWake(pairing: Pick<Pairing, 'concerns'>, now: Date): number | undefined {
  const ahead = (pairing.concerns ?? []).map((w) => Date.parse(w.escalateAt)).filter((t) => t > now.getTime());
  return ahead.length > 0 ? Math.min(...ahead) : undefined;
}

/**
 * What the exit's end did for the pair, as far as is known now: once the pairing has ended its
 * rematches are counted, so who was past their cap is not told from them; the program's close is
 * read at the end.
 */
function exitFacts(ctx: LifecycleContext) {
  if (!isTerminal(ctx.pairing.status)) return rematchFacts(ctx);
  return { cappedUnknown: true, ...(programClosed(ctx.program, new Date(ctx.pairing.endedAt ?? ctx.now)) ? { programClosed: true } : {}) };
}

/** The admins' email about a case, as an intent input (the escalation; the first email goes at once from the shell). */
export function adminConcernInput(ctx: LifecycleContext, c: ConcernCase) {
  const raiser = c.participantId === ctx.mentor.participantId ? ctx.mentor : ctx.mentee;
  const partner = raiser === ctx.mentor ? ctx.mentee : ctx.mentor;
  // A case about one of the raiser's several pairings, not told which: this pairing only watches
  // it, and the email does not name this partner as the one it is about.
  const about =
    c.pairingId === undefined && (c.amongPairingIds ?? []).length > 0 ? { unclearPairing: true } : { partner: { name: partner.name, role: partner.role } };
  return {
    to: { timeZone: ctx.program.timeZone },
    program: programContext(ctx),
    concernId: c.concernId,
    raisedAt: c.raisedAt,
    // Their address, for the admin to write to them as the email asks (never the partner's).
    raisedBy: { name: raiser.name, role: raiser.role, ...(raiser.email ? { email: raiser.email } : {}) },
    ...about,
    ...(c.text ? { text: c.text } : {}),
    ...(c.exit ? { exit: true, ...exitFacts(ctx) } : {}),
    ...(c.leaveUnclear ? { leaveUnclear: true } : {}),
    ...(c.leaveWithNone ? { leaveWithNone: true } : {}),
    ...('partner' in about ? { pairingId: ctx.pairing.pairingId } : {}),
    ...(isTerminal(ctx.pairing.status) ? { pairingEnded: true } : {}),
    workingDays: ctx.program.lifecycle.concernEscalationDays,
    escalated: true,
  };
}

/**
 * Escalates each watched case whose date has come and that is still open; a case an admin has
 * acknowledged or resolved meanwhile is simply no longer watched.
 */
export function watchConcerns(s: ConcernStep): void {
  const due = dueConcerns(s.p, s.now);
  if (due.length === 0) return;
  // One escalation per case, even if it was watched twice: its emails are keyed by the case.
  const ids = [...new Set(due.map((w) => w.concernId))];
  for (const concernId of ids) {
    const c = s.ctx.concerns?.find((x) => x.concernId === concernId);
    if (c?.state === 'open') {
      // Kept, as when it was raised, from the person's partner in any program (the case's keptFromDigests).
      const emails = toAdmins(
        s.ctx,
        `concern:${concernId}:escalated`,
        () => ({ template: 'adminConcernEscalated', input: adminConcernInput(s.ctx, c) }),
        (to) => keptFrom(c, to),
      );
      for (const e of emails) s.emailInHours(e, 'admin');
      s.audit('concern-escalated', { concernId: concernId });
    } else {
      s.audit('concern-settled', { concernId: concernId, state: c?.state ?? 'missing' });
    }
  }
  const keep = (s.p.concerns ?? []).filter((w) => !due.includes(w));
  s.set({ concerns: keep.length > 0 ? keep : undefined });
}
