/**
 * Retention of free-text notes (docs/decisions.md, Retention): the notes people write in replies
 * (check-ins, milestone reviews) are kept while the pairing runs and for the program's
 * `retention.notesDays` after it ends (completed, ended or not started), then removed by the daily
 * sweep (functions/notes-retention.ts). Ratings, yes/no answers and dates stay: the report needs
 * them, and they say nothing in a person's own words. Pure: the sweep loads and writes.
 */

export const DEFAULT_NOTES_DAYS = 365;
const DAY_MS = 86_400_000;
const FINISHED = new Set(['completed', 'ended', 'not-started']);

interface PairingDates {
  readonly status: string;
  readonly endedAt?: string;
  readonly updatedAt: string;
  readonly notesRemovedAt?: string;
}

/** When the pairing's notes are due to go: `notesDays` after it ended; undefined while it runs. */
export function notesDueAt(pairing: PairingDates, notesDays: number): string | undefined {
  if (!FINISHED.has(pairing.status)) return undefined;
  const ended = Date.parse(pairing.endedAt ?? pairing.updatedAt);
  if (Number.isNaN(ended)) return undefined;
  return new Date(ended + notesDays * DAY_MS).toISOString();
}

/** Whether the sweep must remove the pairing's notes now (once: a pairing swept stays swept). */
export function notesExpired(pairing: PairingDates, notesDays: number, now: Date): boolean {
  if (pairing.notesRemovedAt !== undefined) return false;
  const due = notesDueAt(pairing, notesDays);
  return due !== undefined && Date.parse(due) <= now.getTime();
}

type Item = Record<string, unknown>;

function answerWithoutNote(answer: unknown): { value: unknown; changed: boolean } {
  if (answer === null || typeof answer !== 'object' || !('note' in answer)) return { value: answer, changed: false };
  const { note: _note, ...rest } = answer as Item;
  return { value: rest, changed: true };
}

/** A check-in or review without its notes; undefined when it holds none. */
export function withoutNotes(item: Item): Item | undefined {
  if (item.type === 'CheckIn') {
    const mentor = answerWithoutNote(item.mentor);
    const mentee = answerWithoutNote(item.mentee);
    if (!mentor.changed && !mentee.changed) return undefined;
    return { ...item, mentor: mentor.value, mentee: mentee.value };
  }
  if (item.type === 'MilestoneReview' && item.note !== undefined) {
    const { note: _note, ...rest } = item;
    return rest;
  }
  return undefined;
}
