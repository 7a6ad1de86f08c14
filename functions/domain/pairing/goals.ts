import { goalLabels, MAX_GOALS, type AskedItem, type AskedStructure } from '../replies/structured';
import { topicLabel } from '../topics';
import { person, type LifecycleContext } from './context';
import type { EmailIntent, RecordIntent } from './decision';
import { awayPauseFor, programContext, startedWhileAway } from './mail';
import { PAIRING_KEYS, PERSON_SIDES, type Answer, type Pairing, type PersonSide, type Round } from './model';
import { withoutNames } from './without-names';

/**
 * Goals per pair, skills per topic before and after, program feedback and the partner note
 * (issue 13, points 3, 4 and 6). Pure: decide.ts calls these when a round opens or closes and
 * applies what they return.
 *
 * - Acceptance: with YES each person may state up to three goals and rate themselves 1-5 on each
 *   topic they learn (the baseline). Goals are stored on the pairing and confirmed to both at once.
 * - The first check-in asks whoever has no goals yet; goals given there are confirmed the same way.
 * - Any check-in takes new goals (GOALS: in the reply): they replace the person's, and both are told.
 * - Every check-in quotes the pair's goals; every review asks each topic again (1-5) and how far
 *   along each of the reader's goals is (1-5).
 * - The end-of-program review also asks what the program should keep and change (stored without
 *   the people's names in the text) and offers a note for the partner, sent only with SHARE.
 */

const other = (side: PersonSide): PersonSide => (side === 'mentor' ? 'mentee' : 'mentor');
const idOf = (pairing: Pairing, side: PersonSide) => (side === 'mentor' ? pairing.mentorId : pairing.menteeId);

/**
 * The topics `side` learns in this pairing: the mentee what the mentor offers, the mentor what the
 * senior offers (strategy, leadership...). When the two lists do not meet, what the person wanted.
 */
export function learningTopics(ctx: Pick<LifecycleContext, 'mentor' | 'mentee'>, side: PersonSide): string[] {
  const learner = side === 'mentor' ? ctx.mentor : ctx.mentee;
  const teacher = side === 'mentor' ? ctx.mentee : ctx.mentor;
  const shared = learner.topicsWanted.filter((t) => teacher.topicsOffered.includes(t));
  if (shared.length > 0) return [...new Set(shared)];
  return learner.topicsWanted.length > 0 ? learner.topicsWanted.slice(0, 2) : teacher.topicsOffered.slice(0, 2);
}

export function topicItems(ctx: Pick<LifecycleContext, 'mentor' | 'mentee' | 'program'>, side: PersonSide): AskedItem[] {
  return learningTopics(ctx, side).map((id) => ({ key: id, labels: [topicLabel(id, ctx.program.topics), id] }));
}

export function goalItems(goals: readonly string[]): AskedItem[] {
  return goals.map((goal, i) => ({ key: `goal-${i + 1}`, labels: goalLabels(i + 1, goal) }));
}

function isFirstCheckIn(pairing: Pairing): boolean {
  return pairing.checkInsHeld + pairing.checkInsMissed === 0;
}

/** What a round's email to `side` asks beyond its ordinary answer (stored with the question). */
export function askFor(ctx: LifecycleContext, pairing: Pairing, round: Round, side: PersonSide): AskedStructure | undefined {
  switch (round.kind) {
    case 'acceptance':
      return { goals: true, items: topicItems(ctx, side) };
    case 'check-in':
      // Every check-in takes goals: a person's first, or new ones that replace theirs.
      return { goals: true };
    case 'milestone':
      return { items: [...topicItems(ctx, side), ...goalItems(pairing.goals?.[side] ?? [])] };
    case 'final-review':
      return { items: [...topicItems(ctx, side), ...goalItems(pairing.goals?.[side] ?? [])], programFeedback: true, partnerNote: true };
    default:
      return undefined;
  }
}

/** What a round's email template shows for goals and topics (added to its input). */
export function templateExtras(ctx: LifecycleContext, pairing: Pairing, round: Round, side: PersonSide): Record<string, unknown> {
  const mine = pairing.goals?.[side] ?? [];
  const partner = pairing.goals?.[other(side)] ?? [];
  switch (round.kind) {
    case 'acceptance':
      return { rateTopics: learningTopics(ctx, side) };
    case 'check-in':
      return {
        ...(mine.length + partner.length > 0 ? { goals: { mine, partner } } : {}),
        // Asked for in words only at the first check-in of someone who has none yet.
        ...(isFirstCheckIn(pairing) && mine.length === 0 ? { askGoals: true } : {}),
      };
    case 'milestone':
    case 'final-review':
      return {
        rateTopics: learningTopics(ctx, side),
        ...(mine.length > 0 ? { pairGoals: mine } : {}),
        ...(round.kind === 'final-review' ? { final: true } : {}),
      };
    default:
      return {};
  }
}

/** What closing a round adds to the step: changes to the pairing, records, emails (each in its reader's hours), audit lines. */
export interface Outcome {
  readonly goals?: Pairing['goals'];
  readonly records: RecordIntent[];
  readonly emails: { readonly intent: EmailIntent; readonly reader: PersonSide }[];
  readonly audits: { readonly kind: string; readonly detail: Record<string, unknown> }[];
}

const empty = (): { records: RecordIntent[]; emails: Outcome['emails']; audits: Outcome['audits'] } => ({ records: [], emails: [], audits: [] });

/** The 1-5 ratings of an answer for the topics `side` was asked about (nothing else is kept). */
function topicRatings(ctx: LifecycleContext, side: PersonSide, a: Answer | undefined): Record<string, number> {
  const asked = new Set(learningTopics(ctx, side));
  return Object.fromEntries(Object.entries(a?.items ?? {}).filter(([k, v]) => asked.has(k) && Number.isInteger(v) && v >= 1 && v <= 5));
}

function skillRecord(pairing: Pairing, round: Round, side: PersonSide, ratings: Record<string, number>, at: string, extra = {}): RecordIntent {
  const participantId = idOf(pairing, side);
  return {
    sk: PAIRING_KEYS.skills(round.key, participantId),
    item: {
      type: 'SkillRatings',
      participantId,
      role: side,
      round: round.key,
      label: round.label,
      baseline: round.kind === 'acceptance',
      ratings,
      at,
      ...extra,
    },
  };
}

/**
 * Goals stated in this round: a person's first goals, or new ones replacing theirs (goals change as
 * a pairing goes; a GOALS: block in any check-in reply is how to say so). The pair's goals once
 * changed, and whose changed; undefined when nothing changed.
 */
function addGoals(pairing: Pairing, round: Round): { goals: NonNullable<Pairing['goals']>; changed: PersonSide[] } | undefined {
  let goals = pairing.goals ?? {};
  let touched = false;
  const changed: PersonSide[] = [];
  for (const side of PERSON_SIDES) {
    const stated = round.answers[side]?.goals?.slice(0, MAX_GOALS);
    if (!stated?.length) continue;
    const before = goals[side] ?? [];
    if (before.length === stated.length && before.every((g, i) => g === stated[i])) continue;
    goals = { ...goals, [side]: stated };
    touched = true;
    if (before.length > 0) changed.push(side);
  }
  return touched ? { goals, changed } : undefined;
}

function confirmation(
  ctx: LifecycleContext,
  goals: NonNullable<Pairing['goals']>,
  round: Round,
  baselines: Partial<Record<PersonSide, Record<string, number>>>,
  changed: readonly PersonSide[] = [],
): { reader: PersonSide; intent: EmailIntent }[] {
  return PERSON_SIDES.map((side) => {
    const reader = person(ctx, side);
    const baseline = Object.entries(baselines[side] ?? {}).map(([topic, rating]) => ({ topic, rating }));
    return {
      reader: side,
      intent: {
        key: `goals-confirmed:${round.key}:${side}`,
        to: reader.email,
        template: 'goalsConfirmed' as const,
        // It promises check-ins and reviews: held for working hours, it never goes once the pairing has ended (held.ts, stillHolds).
        cancelIfEnded: true,
        input: {
          to: { name: reader.name, timeZone: reader.timeZone },
          program: programContext(ctx),
          partner: { name: person(ctx, other(side)).name },
          goals: { mine: goals[side] ?? [], partner: goals[other(side)] ?? [] },
          ...(round.kind === 'acceptance' ? { goalsAskedLater: true } : {}),
          ...(changed.length > 0 ? { changedBy: changed.map((by) => (by === side ? 'you' : 'partner')) } : {}),
          ...(baseline.length > 0 ? { baseline } : {}),
          catalogue: ctx.program.topics,
        },
      },
    };
  });
}

/**
 * Both accepted: goals onto the pairing, each person's baseline per topic, the goals confirmed to
 * both. One whose YES said they will be away is given the PAUSE line that would cover it: in their
 * goals confirmation, or else in an email of its own (mail.ts, startedWhileAway).
 */
export function onAccepted(ctx: LifecycleContext, pairing: Pairing, round: Round, at: string): Outcome {
  const out = empty();
  const baselines: Partial<Record<PersonSide, Record<string, number>>> = {};
  for (const side of PERSON_SIDES) {
    const ratings = topicRatings(ctx, side, round.answers[side]);
    if (Object.keys(ratings).length === 0) continue;
    baselines[side] = ratings;
    out.records.push(skillRecord(pairing, round, side, ratings, at));
  }
  const stated = addGoals(pairing, round);
  const goals = stated?.goals;
  const confirmed = goals ? confirmation(ctx, goals, round, baselines) : [];
  for (const side of PERSON_SIDES) {
    const awayPause = awayPauseFor(ctx, pairing, side, round.answers[side]);
    if (awayPause === undefined) continue;
    const i = confirmed.findIndex((e) => e.reader === side);
    if (i >= 0) confirmed[i] = { reader: side, intent: { ...confirmed[i]!.intent, input: { ...confirmed[i]!.intent.input, awayPause } } };
    else out.emails.push({ reader: side, intent: startedWhileAway(ctx, pairing, side, awayPause) });
  }
  out.emails.push(...confirmed);
  out.audits.push({
    kind: 'goals-and-baselines',
    detail: { goals: PERSON_SIDES.map((side) => goals?.[side]?.length ?? 0), baselines: PERSON_SIDES.map((side) => Object.keys(baselines[side] ?? {}).length) },
  });
  return { ...(goals ? { goals } : {}), ...out };
}

/**
 * A check-in closed: goals stated in it (someone's first, or new ones replacing theirs) are stored
 * and confirmed to both, saying whose changed.
 */
export function onCheckInClosed(ctx: LifecycleContext, pairing: Pairing, round: Round): Outcome {
  const out = empty();
  const stated = addGoals(pairing, round);
  if (!stated) return out;
  const { goals, changed } = stated;
  out.emails.push(...confirmation(ctx, goals, round, {}, changed));
  out.audits.push({
    kind: changed.length > 0 ? 'goals-changed' : 'goals-stated',
    detail: { round: round.key, goals: PERSON_SIDES.map((side) => goals[side]?.length ?? 0), ...(changed.length > 0 ? { changed } : {}) },
  });
  return { goals, ...out };
}

/**
 * A review closed (milestone or end): each answer's ratings per topic and per goal, and at the end
 * the program feedback. Stored once per person per round.
 */
export function onReviewClosed(ctx: LifecycleContext, pairing: Pairing, round: Round, at: string): Outcome {
  const out = empty();
  for (const side of PERSON_SIDES) {
    const a = round.answers[side];
    if (!a || a.intent === 'unclear') continue;
    const ratings = topicRatings(ctx, side, a);
    const goals = (pairing.goals?.[side] ?? [])
      .map((goal, i) => ({ goal, progress: a.items?.[`goal-${i + 1}`] }))
      .filter((g): g is { goal: string; progress: number } => typeof g.progress === 'number' && g.progress >= 1 && g.progress <= 5);
    if (Object.keys(ratings).length > 0 || goals.length > 0)
      out.records.push(skillRecord(pairing, round, side, ratings, at, goals.length > 0 ? { goals } : {}));
    if (round.kind === 'final-review' && (a.keep || a.change)) {
      const names = [ctx.mentor.name, ctx.mentee.name];
      const participantId = idOf(pairing, side);
      out.records.push({
        sk: PAIRING_KEYS.feedback(round.key, participantId),
        item: {
          type: 'ProgramFeedback',
          participantId,
          round: round.key,
          ...(a.keep ? { keep: withoutNames(a.keep, names) } : {}),
          ...(a.change ? { change: withoutNames(a.change, names) } : {}),
          at,
        },
      });
    }
  }
  return out;
}

/**
 * The end-of-program review closed: each note a person wrote for their partner and agreed to send
 * (SHARE) goes to the partner. A note without consent never reached the pairing (the reply reader drops it).
 */
export function partnerNotes(ctx: LifecycleContext, round: Round): Outcome {
  const out = empty();
  if (round.kind !== 'final-review') return out;
  for (const side of PERSON_SIDES) {
    const note = round.answers[side]?.partnerNote;
    if (!note || (!note.valued && !note.try)) continue;
    const to = other(side);
    const reader = person(ctx, to);
    out.emails.push({
      reader: to,
      intent: {
        key: `partner-note:${round.key}:${side}`,
        to: reader.email,
        template: 'partnerNote',
        input: { to: { name: reader.name, timeZone: reader.timeZone }, program: programContext(ctx), partner: { name: person(ctx, side).name }, note },
      },
    });
    out.audits.push({ kind: 'partner-note-shared', detail: { from: side } });
  }
  return out;
}
