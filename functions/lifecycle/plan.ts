import type { Pairing } from '../adapters/pairings';
import type { LifecycleSettings } from '../domain/program';
import { pairingPlan, type DueItem } from '../domain/schedule';
import type { PairingContext } from './context';

/** The pairing's plan, shifted by the time it spent paused; scheduled in the mentee's time zone. */
export function planOf(ctx: PairingContext): DueItem[] {
  const start = new Date(ctx.pairing.acceptedAt ?? ctx.pairing.startedAt ?? ctx.pairing.createdAt);
  const shifted = new Date(start.getTime() + (ctx.pairing.pausedMs ?? 0));
  return pairingPlan(shifted, ctx.program.lifecycle as LifecycleSettings, ctx.mentee.timeZone);
}

export function nextItem(ctx: PairingContext, pairing: Pairing = ctx.pairing): DueItem | undefined {
  return planOf(ctx)[pairing.planPosition ?? 0];
}

/** When the workflow should next wake up: the next item of the plan (or now if one is due). */
export function nextWake(ctx: PairingContext, pairing: Pairing, now: Date): string {
  const item = nextItem(ctx, pairing);
  if (!item || pairing.pendingDecision) return now.toISOString();
  return (item.dueAt > now ? item.dueAt : now).toISOString();
}
