import { capitalised, formatDate, formatDeadline } from './emails/format';
import { upcomingIn } from './pairing/context';
import type { Pairing } from './pairing/model';
import type { Program } from './program';
import type { ReportPairing, ReportPairingRecords } from './report-facts';

export type RiskCode = 'escalated' | 'missed-check-ins' | 'low-ratings';

export interface Risk {
  readonly code: RiskCode;
  /** Why, in a sentence an admin reads. */
  readonly reason: string;
  /** What the admin can do about it. */
  readonly action: string;
}

/** A running pairing that needs an admin's eye now, by id only (GET /pairings/{id} has the rest). */
export interface PairAtRisk {
  readonly pairingId: string;
  readonly status: string;
  readonly missedInRow: number;
  readonly lastMetAt: string | null;
  readonly risks: Risk[];
}

/** A rating at or below this, on average over the last two rated check-ins, is low (1-5 scale). */
export const LOW_RATING = 2;
const RECENT_RATED_CHECK_INS = 2;

/** "missed its last check-in", "missed 2 check-ins in a row": a run of one is no run. */
const missedInWords = (n: number) => (n === 1 ? 'missed its last check-in' : `missed ${n} check-ins in a row`);
const RUNNING = new Set(['introduced', 'active', 'paused']);

/**
 * What the actions read of the stored pairing beyond the report's facts: the round open now (the
 * admins' decision, a review: pairing/model.ts, Round), the pause that may have closed it, and
 * where the pairing is in its plan (what is still to be asked: pairing/context.ts, upcomingIn).
 */
interface RiskPairing extends ReportPairing, Partial<Pick<Pairing, 'planDoneMs' | 'pausedMs' | 'finalReviewAskedAt' | 'pauseBooked'>> {
  readonly round?: {
    readonly kind: string;
    readonly closesAt: string;
    readonly asks: { readonly admin?: { readonly sendAt: string; readonly sent?: boolean } };
  };
  readonly pausedUntil?: string;
  readonly pausedUntilDay?: string;
}

/** The program as the risks read it: its ladder and plan, and the time zone its admins' emails name days in. */
type RiskProgram = Pick<Program, 'timeZone'> & { readonly lifecycle: Program['lifecycle'] };

/**
 * Pairs at risk now: an open escalation (the ladder reached the admin), check-ins missed in a row
 * (from the ladder's first rung), or low ratings at the last two rated check-ins. Most urgent first.
 * `nudgesToGo`: when the pair's nudges decided but not sent yet go (held for the readers' working
 * hours; the admins' digest reads them from the outbox), so that the action says "were nudged"
 * only of nudges sent by `now`.
 */
export function pairsAtRisk(
  pairings: readonly (ReportPairingRecords & { readonly pairing: RiskPairing; readonly nudgesToGo?: readonly string[] })[],
  program: RiskProgram,
  now?: Date,
): PairAtRisk[] {
  const { escalation } = program.lifecycle;
  const out: PairAtRisk[] = [];
  for (const { pairing, checkIns, nudgesToGo } of pairings) {
    if (!RUNNING.has(pairing.status)) continue;
    const risks: Risk[] = [];
    const missed = pairing.missedInRow ?? 0;
    if (pairing.pendingDecision) {
      risks.push({
        code: 'escalated',
        reason: `The pair ${missedInWords(missed || escalation.adminDecisionAfter)} and the escalation waits for an admin's decision.`,
        action: decisionAction(pairing, program.timeZone),
      });
    } else if (missed >= escalation.nudgeAfter) {
      risks.push({
        code: 'missed-check-ins',
        reason: `The pair ${missedInWords(missed)}.`,
        action:
          missed >= escalation.seniorNoteAfter
            ? 'Check in with the senior partner about protecting the time.'
            : nudgedAction(pairing, program, nudgedWords(nudgesToGo ?? [], program.timeZone, now)),
      });
    }
    const recent = [...checkIns]
      .sort((a, b) => (a.at ?? '').localeCompare(b.at ?? ''))
      .map((c) => [c.mentor?.rating, c.mentee?.rating].filter((r): r is number => typeof r === 'number'))
      .filter((rs) => rs.length > 0)
      .slice(-RECENT_RATED_CHECK_INS);
    // One low rating is not a trend (QA: a single check-in rated 2 flagged a pair that had just
    // started): the documented rule needs two rated check-ins (docs/admin-api.md, Pairs at risk).
    const rated = recent.flat();
    if (recent.length === RECENT_RATED_CHECK_INS && rated.reduce((a, b) => a + b, 0) / rated.length <= LOW_RATING) {
      risks.push({
        code: 'low-ratings',
        reason: `The last two rated check-ins averaged ${LOW_RATING} or lower out of 5.`,
        action: 'Ask each partner, separately, how the pairing is going; offer a rematch if it does not work.',
      });
    }
    if (risks.length > 0) out.push({ pairingId: pairing.pairingId, status: pairing.status, missedInRow: missed, lastMetAt: pairing.lastMetAt ?? null, risks });
  }
  const urgency = (p: PairAtRisk) => (p.risks.some((r) => r.code === 'escalated') ? 2 : 0) + (p.risks.some((r) => r.code === 'low-ratings') ? 1 : 0);
  return out.sort((a, b) => urgency(b) - urgency(a) || b.missedInRow - a.missedInRow || a.pairingId.localeCompare(b.pairingId));
}

/**
 * What to do about a pair nudged for missed check-ins: watch the next check-in, while one is left
 * in the pairing's plan (the round open now included). With none left, what does come: a review
 * (open now until its deadline, or next), or nothing, the pairing completing (QA finale3: admins
 * were told to watch a check-in that would never come, while the end review was due the next day).
 */
function nudgedAction(p: RiskPairing, program: RiskProgram, nudged: string): string {
  const watch = `Nothing yet: ${nudged}; watch the next check-in.`;
  // A pairing stored without the moment its plan starts: what is left cannot be told, as before.
  if (Number.isNaN(Date.parse(p.acceptedAt ?? p.startedAt ?? p.createdAt ?? ''))) return watch;
  // upcomingIn reads only the plan's fields of the pairing (its start, pauses, progress, booking).
  const left = upcomingIn(program.lifecycle, p as unknown as Pairing);
  if (left.some((i) => i.kind === 'check-in')) return watch;
  const next = left[0];
  if (!next) {
    const until = p.status === 'paused' ? (p.pausedUntilDay ?? p.pausedUntil) : undefined;
    return `Nothing to do: no check-in or review is left, and the pairing ${until ? `completes when its pause ends on ${formatDate(until, program.timeZone)}` : 'is ending'}.`;
  }
  const review = next.kind === 'final-review' ? 'the end-of-program review' : `the ${next.label}`;
  const open = p.round?.kind === next.kind ? p.round : undefined;
  const when = open ? `${review} is open until ${formatDeadline(open.closesAt, program.timeZone)}` : `${review} comes next`;
  return `${capitalised(nudged)}, and no check-in is left: ${when}. Watch whether they answer it.`;
}

/**
 * The nudges as they stand at `now`: sent, or still to go (QA: the 09:30 digest said "both were
 * nudged" of nudges held for the readers' send time, 10:36 that morning). A nudge due already and
 * not sent yet goes as the pairing's next step runs: today.
 */
function nudgedWords(toGo: readonly string[], timeZone: string, now?: Date): string {
  if (toGo.length === 0) return 'both were nudged';
  const last = toGo.reduce((a, b) => (Date.parse(a) > Date.parse(b) ? a : b));
  const today = now !== undefined && (Date.parse(last) <= now.getTime() || formatDate(last, timeZone) === formatDate(now, timeZone));
  const when = today ? 'today' : `on ${formatDate(last, timeZone)}`;
  return toGo.length >= 2 ? `both are nudged ${when}` : `one of them was nudged, the other is nudged ${when}`;
}

/**
 * What to do about a pair waiting for the admins' decision, as the lifecycle has it
 * (pairing/decide.ts): the "Decision needed" email takes the answer until the day it names, and
 * with no answer by then the pairing continues. A pair that paused (a member's PAUSE) before the
 * admins answered is asked again when it resumes. Days are named as the admins' emails name them.
 */
function decisionAction(p: RiskPairing, timeZone: string): string {
  const round = p.round?.kind === 'admin-decision' ? p.round : undefined;
  if (round) {
    const ask = round.asks.admin;
    const goesOut = ask && !ask.sent ? ` (it goes out on ${formatDate(ask.sendAt, timeZone)})` : '';
    return `Talk to both, then answer the "Decision needed" email${goesOut} by ${formatDeadline(round.closesAt, timeZone)}: continue, pause, end or rematch. Without an answer by then, the pairing continues as it is.`;
  }
  if (p.status === 'paused') {
    const until = p.pausedUntilDay ?? p.pausedUntil;
    return `Nothing to answer yet: the pair paused before the admins decided, and the "Decision needed" email comes again when the pairing resumes${until ? ` on ${formatDate(until, timeZone)}` : ''}.`;
  }
  return 'Talk to both; the "Decision needed" email asks the admins to continue, pause, end or rematch.';
}
