import type { ReplyIntent } from './interpret';

/**
 * Intents of a participant's reply that is a command to the pairing (STOP, PAUSE, END, REMATCH),
 * not an answer to the question it was written to: its control request does the work, and the
 * question stays open for a real answer (a REMATCH to a check-in, then "YES 3 we did meet once
 * more" before its deadline: the meeting counts, QA). An admin's PAUSE, END or REMATCH to
 * "Decision needed" is that decision's answer, and is not read here.
 */
const PAIRING_COMMANDS: ReadonlySet<string> = new Set<ReplyIntent>(['stop', 'pause', 'end', 'rematch']);

/** Whether a participant's reply with this intent is a command to the pairing rather than an answer. */
export function isPairingCommand(intent: string | undefined): boolean {
  return intent !== undefined && PAIRING_COMMANDS.has(intent);
}
