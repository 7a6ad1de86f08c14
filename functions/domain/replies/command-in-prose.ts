import { readPauseDate } from './pause-date';

/**
 * A command word in capitals that a sentence in mixed case goes on from, as a signature's
 * disclaimer writes it ("If you are not the intended recipient, please STOP reading and delete it.",
 * "Any misuse may END in legal action.", "PAUSE before you click links."): no command, so the answer
 * above it is read (QA raw replies: every reply over such a signature was "answers the question and
 * also says STOP"). Only when both hold:
 * - the word after it is in lower case and does not go on as a command ("STOP sending", "STOP
 *   please", "PAUSE for 2 weeks", "END this", "PAUSE the check-ins": GOES_ON), and the next few
 *   words name no email, question, pairing or time (MEANT), nor a day or a length a PAUSE reads;
 * - it sits inside a sentence (words of its sentence before it on its line: "please STOP reading"),
 *   or under at least two other lines, where a signature's paragraph is (the answer, then the name).
 * "Yes 4 but PAUSE for 2 weeks", "Yes we met. STOP", "YES and STOP", "STOP and don't email me again"
 * stay commands beside the answer, asked about.
 */
const GOES_ON =
  /^(?:the|my|our|this|that|it|its|all|everything|things|any|these|those|your|me|us|them|now|please|pls|asap|immediately|here|for|until|till|to|from|with|after|at|by|starting|e-?mails?|e-?mailing|mails?|mailing|messages?|messaging|sending|writing|contacting|reminders?|check-?ins?|questions?|notifications?)$/u;

const MONTHS = 'january|february|march|april|may|june|july|august|september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec';

/** Words that say what a command would be about (email, the pairing, the program) or for how long. */
const MEANT = new RegExp(
  `(?<![\\p{L}])(?:e-?mail\\p{L}*|mail\\p{L}*|messag\\p{L}*|remind\\p{L}*|check-?ins?|questions?|notifications?|program\\p{L}*|pairing|partner\\p{L}*|mentor\\p{L}*|meetings?|sessions?|contact\\p{L}*|send\\p{L}*|writ\\p{L}*|unsubscrib\\p{L}*|leav\\p{L}*|quit\\p{L}*|until|till|while|during|over|through|back|returning|away|holidays?|vacation|christmas|easter|summer|winter|days?|weeks?|months?|today|tomorrow|next|${MONTHS})(?![\\p{L}])|\\p{N}`,
  'iu',
);

/** How many words after the command word are looked at for what it would be about. */
const NEAR_WORDS = 5;
/** Any day will do to tell whether a day or a length is written at all. */
const ANY_DAY = new Date(0);

/**
 * Whether the command word in capitals at `at` in `line` (`length` characters) is prose, not a
 * command: see above. `linesAbove`: how many lines with text are above the line.
 */
export function commandInProse(line: string, at: number, length: number, linesAbove: number): boolean {
  const after = line.slice(at + length);
  const next = /^[ \t]+(\p{Ll}[\p{L}'’-]*)/u.exec(after);
  if (!next || GOES_ON.test(next[1] ?? '')) return false;
  const sentence = after.split(/[.!?;]/u)[0] ?? '';
  const near = sentence.trim().split(/\s+/u).slice(0, NEAR_WORDS).join(' ');
  if (MEANT.test(near) || readPauseDate(sentence, ANY_DAY) !== null) return false;
  const before =
    line
      .slice(0, at)
      .split(/[.!?;:](?=\s|$)/u)
      .at(-1) ?? '';
  return /\p{L}/u.test(before) || linesAbove >= 2;
}
