import type { PersonOutcome } from './rematch';

/**
 * What a step decided about the people of a pairing that ended (functions/lifecycle/advance.ts
 * applies it after the step's transaction): who graduates (`completed`), and each person's new
 * status and standing after an early end. It is stored on the pairing item with the step's
 * transaction and removed once applied, so that a step that failed while applying it (a conflict,
 * a throttled write, SES failing on a waitlist notice) applies it on its retry: the retry decides
 * nothing new and would otherwise never apply it.
 */
export interface PendingSettle {
  readonly graduate: readonly string[];
  readonly people: readonly PersonOutcome[];
}

/**
 * `carried` (stored by an earlier step and not yet applied) and what this step decided, as one:
 * graduates once each, and per person the latest outcome. Undefined when there is nothing to apply.
 */
export function mergeSettle(carried: PendingSettle | undefined, decided: PendingSettle | undefined): PendingSettle | undefined {
  const graduate = [...new Set([...(carried?.graduate ?? []), ...(decided?.graduate ?? [])])];
  const people = new Map<string, PersonOutcome>();
  for (const p of [...(carried?.people ?? []), ...(decided?.people ?? [])]) people.set(p.participantId, p);
  return graduate.length + people.size === 0 ? undefined : { graduate, people: [...people.values()] };
}
