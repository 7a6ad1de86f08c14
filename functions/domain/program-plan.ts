import { checkInsAsked, type LifecycleSettings } from './program';
import type { Objective } from './objectives';

/**
 * What a program's plan can never do, told to HR when they create or change it (QA program8): a
 * 3-month program with a check-in every 30 days asks one check-in (the Day 30 review and the end
 * take the others), so a quiet pair never reaches the second and third rungs of the escalation
 * ladder, and "at least 2 meetings per pair" can never be met. The plan is valid (refusing it
 * would refuse a choice HR may mean), so these are warnings beside the stored program, each naming
 * the setting and what would change it.
 */

const RUNGS = [
  ['seniorNoteAfter', "the senior's note to the pair"],
  ['adminDecisionAfter', "the admins' decision"],
] as const;

const checkIns = (n: number) => `${n} check-in${n === 1 ? '' : 's'}`;

export function planWarnings(lifecycle: LifecycleSettings, objectives: readonly Objective[] = []): string[] {
  const { fewest, most } = checkInsAsked(lifecycle, lifecycle.checkInCadenceDays);
  const plan = `with a check-in every ${lifecycle.checkInCadenceDays} days, a ${lifecycle.durationMonths}-month program asks ${fewest === most ? checkIns(fewest) : `${fewest} to ${most} check-ins`} a pairing (a check-in near a review or the end is left out)`;
  const out: string[] = [];
  for (const [rung, what] of RUNGS) {
    const after = lifecycle.escalation[rung];
    if (after <= fewest) continue;
    out.push(
      `lifecycle.escalation.${rung} is ${after} missed check-ins in a row, but ${plan}: ${after > most ? 'a quiet pair never reaches' : 'a quiet pair may never reach'} ${what}; choose a shorter checkInCadenceDays or a lower ${rung}`,
    );
  }
  objectives.forEach((o, i) => {
    // Meetings are recorded by the check-ins: a pair cannot have more recorded than it is asked about.
    if (o.measure === 'meetings-per-pair' && o.target !== undefined && o.target > most) {
      out.push(
        `objectives.${i}.target is ${o.target} meetings per pair, but ${plan}, and meetings are recorded by check-ins: it can never be met; choose a shorter checkInCadenceDays or a lower target`,
      );
    }
  });
  return out;
}
