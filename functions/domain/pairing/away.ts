import { awayPauseLine } from '../replies/interpret';
import { readPauseDate } from '../replies/pause-date';
import { saysMet } from './answers';
import { PERSON_SIDES, type Answer, type Pairing, type PersonSide, type Round } from './model';

/**
 * Time away a check-in answer told of ("NO, I'm on holiday until 29 December", "YES 4 ... I'm off
 * from 21 Dec, back 11 Jan"). Words never pause a pairing: the writer is given the PAUSE line that
 * would (mail.ts, thanks), and the admins, who decide about a pair that stopped meeting, read the
 * days (never the note itself) in the ladder's emails to them (QA quiet4).
 */
export interface AwayNote {
  /** The day they are back (YYYY-MM-DD), as the PAUSE line gives it. */
  readonly until: string;
  /** The day they leave (YYYY-MM-DD), when the note names one still to come. */
  readonly from?: string;
  /** When the answer that told of it was recorded. */
  readonly saidAt: string;
}

export type AwayNotes = Partial<Record<PersonSide, AwayNote>>;

/** What a note says of time away on days still to come: the PAUSE line that would cover it, and its days. */
export interface AwayInNote {
  /** "PAUSE until 29 December", "PAUSE from 21 December until 11 January" (awayPauseLine). */
  readonly line: string;
  readonly until: string;
  readonly from?: string;
}

/**
 * The time away a note tells of, read as the PAUSE line is (`awayPauseLine`, the same line and
 * the same date reader), or undefined when it tells of none still to come. `lastDay`: the last day
 * a pause of the pairing may run to, when known: the line then never runs past it (near the end it
 * stops on that day, and time away from that day on gives none), while `until` and `from` stay the
 * days the note told of, for the admins.
 */
export function awayInNote(note: string | undefined, now: Date, timeZone?: string, lastDay?: string): AwayInNote | undefined {
  if (!note) return undefined;
  const line = awayPauseLine(note, now, timeZone, lastDay);
  if (!line) return undefined;
  // The line awayPauseLine read: the first that gives a line on its own (an earlier one told of no time away).
  const told = note.split('\n').find((l) => awayPauseLine(l, now, timeZone) !== undefined);
  const when = told === undefined ? null : readPauseDate(told, now, timeZone);
  if (!when || !('date' in when)) return undefined;
  return { line, until: when.date, ...(when.from ? { from: when.from } : {}) };
}

/** Whether an answer says the pair did not meet (a NO), as against a meeting or an unclear reply. */
export function saysNotMet(a: Answer | undefined): boolean {
  return a?.intent === 'no';
}

/**
 * The away notes the pairing keeps once a check-in round closes: those of its answers, each
 * person's latest in place of their earlier one. A held check-in drops those told before it (the
 * pair met since); so does a ladder that starts again with nobody told (`restarted`: every admin
 * is one of the pair). A pause and the admins' decision drop them too (decide.ts).
 */
export function awayNotesAfterCheckIn(
  kept: AwayNotes | undefined,
  round: Round,
  zones: Record<PersonSide, string>,
  now: Date,
  restarted = false,
): AwayNotes | undefined {
  const met = PERSON_SIDES.some((side) => saysMet(round.answers[side]));
  const notes: Record<string, AwayNote> = met || restarted ? {} : { ...kept };
  for (const side of PERSON_SIDES) {
    const a = round.answers[side];
    if (!a?.note) continue;
    const at = Number.isNaN(Date.parse(a.at)) ? now : new Date(a.at);
    const away = awayInNote(a.note, at, zones[side]);
    if (away) notes[side] = { until: away.until, ...(away.from ? { from: away.from } : {}), saidAt: at.toISOString() };
  }
  return Object.keys(notes).length > 0 ? (notes as AwayNotes) : undefined;
}

/** One person's time away as the admins' ladder emails name it (emails/admin.ts, `away`). */
export interface AwayForAdmins {
  readonly role: PersonSide;
  readonly saidOn: string;
  readonly until: string;
  readonly from?: string;
}

/** The pairing's away notes for the admins' escalation and decision request: the days only, never the note's words. */
export function awayForAdmins(pairing: Pick<Pairing, 'awayNotes'>): { away?: AwayForAdmins[] } {
  const away = PERSON_SIDES.flatMap((role) => {
    const n = pairing.awayNotes?.[role];
    return n ? [{ role, saidOn: n.saidAt, until: n.until, ...(n.from ? { from: n.from } : {}) }] : [];
  });
  return away.length > 0 ? { away } : {};
}
