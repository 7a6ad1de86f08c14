import type { LifecycleSettings } from '../program';

export type Rung = 'none' | 'nudge' | 'senior-note' | 'admin-decision';

/**
 * Missed check-ins in a row climb one rung at a time: nudge both, then a note to the senior (whose
 * commitment fizzles first) with the admins told, then the admins decide.
 */
export function escalationLadder(missedInRow: number, escalation: LifecycleSettings['escalation']): Rung {
  if (missedInRow <= 0) return 'none';
  if (missedInRow >= escalation.adminDecisionAfter) return 'admin-decision';
  if (missedInRow >= escalation.seniorNoteAfter) return 'senior-note';
  if (missedInRow >= escalation.nudgeAfter) return 'nudge';
  return 'none';
}
