import { readUnsure } from './fit';
import { readPauseDate } from './pause-date';
import { VALEDICTION } from './quote-markers';
import { nameWordsOf } from './strip';

/**
 * The notes people write with an answer, as kept for the program admins: what the person meant to
 * say, not the answer word already recorded, nor the name they signed with. Pure. The reply
 * reader (interpret.ts) has already joined a note's lines into one (tidyNote), cut the quoted
 * history, the signature under "--", a closing formula on its own line and the writer's own name
 * alone on the last line (strip.ts, stripReply with the writer's address): what is left of a
 * sign-off is a name at the end of a line, maybe after a closing on it ("Thanks, Ada").
 */

/** What tidyNote cuts from a note's end: the note ends with its last word. */
const TRAILING = /[\s,.;:!?\-–—~(/&+*·•]+$/u;
/** A word of a name as people sign: "Ada", "O'Neill", "Jean-Luc", an initial "L.". */
const NAME_WORD = /^\p{L}[\p{L}'’-]*\.?$/u;
/** What may end the text before a signed name: a sentence's end, a comma, a dash. */
const BEFORE_NAME = /[.!?,;:\-–—~]$/u;

const wordKey = (word: string) => word.replace(/\.$/, '').toLowerCase();

/**
 * An admin's note on a decision without their sign-off (docs/emails.md, adminDecisionRequest: the
 * lines after the first are kept as the note). Cut from its end: a name (up to three words) whose
 * first word is a word of the writer's address, alone ("Ada", once "Ada\n--\nsignature" lost its
 * signature) or after a sentence's end, a comma or a dash ("They never met. Bob"); and any name
 * after a closing formula ("… Thanks, Ada", "… Kind regards Sam"). A name the note talks about
 * ("please talk to Ada") stays. Undefined when nothing but the sign-off was written.
 */
export function decisionNote(note: string | undefined, writerAddress: string): string | undefined {
  if (!note) return undefined;
  const ours = nameWordsOf(writerAddress);
  const words = note.trim().split(/\s+/);
  for (let n = Math.min(3, words.length); n >= 1; n--) {
    const name = words.slice(-n);
    if (!name.every((w) => NAME_WORD.test(w))) continue;
    const before = words.slice(0, -n);
    const signed = ours.has(wordKey(name[0]!));
    if (signed && before.length === 0) return undefined;
    for (let k = Math.min(4, before.length); k >= 1; k--) {
      // After a closing, any name is a sign-off: a capitalised one, or the writer's own in any case.
      if (VALEDICTION.test(before.slice(-k).join(' ')) && (signed || /^\p{Lu}/u.test(name[0]!))) return rest(before.slice(0, -k));
    }
    if (signed && BEFORE_NAME.test(before.at(-1)!)) return rest(before);
  }
  return note;
}

function rest(words: readonly string[]): string | undefined {
  const text = words.join(' ').replace(TRAILING, '').trim();
  return text === '' ? undefined : text;
}

/** What may open a note before its first word: quote marks, a list dash. */
const LEADING = /^[\s*"'«»„“”>-]*/u;
/** What the answer word is followed by when it was written as the answer: punctuation (or a line break, which tidyNote made a space before a new sentence). */
const AFTER_ANSWER = /^(?:$|[\s]*[,.;:!?\-–—)])/u;

/**
 * A "not sure" to the fit check keeps its whole text as the note (the cue may stand anywhere and
 * carry context: "I'm not sure we click"). The admins' email already says they answered "not sure":
 * a note that opens with the answer as written ("NOT SURE", "Not sure." or "Not sure" on its own
 * line, "NOT SURE\nWe struggle to find common ground.") is kept from what follows it. Undefined
 * when the answer was all there was.
 */
export function fitNote(note: string | undefined): string | undefined {
  if (!note) return undefined;
  const lead = LEADING.exec(note)?.[0] ?? '';
  const cue = readUnsure(note);
  if (!cue || !note.startsWith(cue, lead.length)) return note;
  const after = note.slice(lead.length + cue.length);
  const written = cue === cue.toUpperCase() && /\p{Lu}/u.test(cue);
  // A new sentence after it: its own line once ("Not sure\nWe struggle"), joined by tidyNote.
  const ownLine = /^\s+\p{Lu}\p{Ll}/u.test(after);
  if (!written && !ownLine && !AFTER_ANSWER.test(after)) return note;
  const kept = after.replace(/^[\s,.;:!?\-–—)]+/u, '').trim();
  return kept === '' ? undefined : kept;
}

/** Where a reason may follow the day on a PAUSE line: a dash, a comma or a colon, or a word that gives a reason. */
const REASON_SEPARATOR = /\s+[-–—]\s+|[,;:]\s+|\s+(?=(?:because|as|since|due to)\s)/giu;
/** What a part of a day would open with, never a reason: "…, 2027", "…, back 17 March", "…, Monday 1 March". */
const DATE_PART =
  /^(?:\d|(?:back|returning|return|until|till|til|to|through|thru|from|next|january|february|march|april|june|july|august|september|october|november|december|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?![\p{L}]))/iu;

/**
 * The reason an admin wrote on the PAUSE line itself, after the day ("PAUSE until 3 March, she is
 * on leave", "pause until 1 February please - Sam is on parental leave"): the text after the first
 * dash, comma, colon or "because" for which the words before still name the same day on their own.
 * `line` is the PAUSE line after its first word. Undefined when the line holds only the day.
 */
export function pauseLineReason(line: string, now: Date, timeZone?: string): string | undefined {
  const text = line.replace(/\s+/g, ' ').trim();
  const whole = readPauseDate(text, now, timeZone);
  if (!whole || !('date' in whole)) return undefined;
  for (const m of text.matchAll(REASON_SEPARATOR)) {
    const reason = text
      .slice(m.index + m[0].length)
      .replace(TRAILING, '')
      .trim();
    if (!reason || DATE_PART.test(reason) || !/\p{L}{2}/u.test(reason)) continue;
    const head = readPauseDate(text.slice(0, m.index), now, timeZone);
    if (head && 'date' in head && head.date === whole.date && head.from === whole.from) return reason;
  }
  return undefined;
}
