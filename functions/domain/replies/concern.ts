import { escapeRegExp } from './escape-regexp';
/**
 * CONCERN: a private word to the program admins, in any email's reply, in the languages the reply
 * reader knows. It is read before anything else (a concern is never taken for a yes, a no or a
 * command), only at the start of the reply and only as a keyword: "CONCERN: ...", "Concern - ...",
 * "CONCERN" alone, or the word in capitals. "Concerned about the dates, yes we met" stays an answer.
 */

/** The keyword in each language, lower case. */
export const CONCERN_WORDS = [
  // en
  'concern',
  // de
  'anliegen',
  'bedenken',
  // fr
  'préoccupation',
  'preoccupation',
  'signalement',
  // es
  'preocupación',
  'preocupacion',
  // it
  'preoccupazione',
  'segnalazione',
  // pt
  'preocupação',
  'preocupacao',
  // nl
  'zorg',
  'melding',
  // pl
  'zastrzeżenie',
  'zgłoszenie',
  // sv, da, no
  'oro',
  'bekymring',
  // hi (Devanagari and romanised)
  'चिंता',
  'chinta',
  // ja, zh (no capitals: the word must open the reply and be followed by a colon or a line end)
  '懸念',
  '相談',
  '担忧',
  '顾虑',
  '顧慮',
] as const;

/**
 * Asking to leave the pairing, inside a concern: the concern then also ends the pairing without
 * fault (the same as a "no" to the fit check).
 */
const EXIT_PHRASES = [
  'i want to leave this pairing',
  'i want to leave the pairing',
  'i would like to leave this pairing',
  "i'd like to leave this pairing",
  'please end this pairing',
  'ich möchte diese paarung verlassen',
  'je veux quitter ce binôme',
  'quiero dejar esta pareja',
  'voglio lasciare questa coppia',
  'quero sair desta dupla',
  'ik wil deze koppeling verlaten',
] as const;

export interface ConcernReading {
  /** What the person wrote after the keyword (may be empty: CONCERN alone asks to be contacted). */
  readonly text: string;
  /** The keyword as written, for the reason line. */
  readonly word: string;
  /** The text asks to leave the pairing. */
  readonly exit: boolean;
}

/** The longest concern kept from a reply (the form takes at most 4,000 characters, and says so). */
export const CONCERN_EMAIL_TEXT_MAX = 20_000;

/** Each exit phrase as a whole-word pattern, compiled once. */
const EXIT_PATTERNS = EXIT_PHRASES.map((phrase) => new RegExp(`(?<![\\p{L}])${escapeRegExp(phrase)}(?![\\p{L}])`, 'u'));
const OPENING = new RegExp(
  `^[\\s*"'«»„“”>-]*(${[...CONCERN_WORDS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\p{L}\\p{N}])([\\s\\S]*)$`,
  'iu',
);

/** True when the line opens with a concern keyword (after quote marks or dashes): only then can a reply read from it be a concern. */
export function opensWithConcernWord(line: string): boolean {
  return OPENING.test(line);
}

/** The concern in a reply (normalised text, quoted history stripped), or undefined. */
export function readConcern(body: string): ConcernReading | undefined {
  const m = OPENING.exec(body);
  if (!m) return undefined;
  const word = m[1] ?? '';
  const after = m[2] ?? '';
  const marked = /^\s*[:：\-–—]/u.test(after);
  const alone = after.trim() === '' || /^[ \t]*\n/.test(after);
  const shouting = word === word.toUpperCase() && word !== word.toLowerCase();
  if (!(marked || alone || shouting)) return undefined;
  const whole = after.replace(/^\s*[:：\-–—]\s*/u, '').trim();
  // Kept whole up to a length no real concern reaches; beyond it, cut with a visible mark, so
  // that neither the admins nor the person (whose acknowledgement quotes it) think it is all.
  const text =
    whole.length <= CONCERN_EMAIL_TEXT_MAX
      ? whole
      : `${whole.slice(0, CONCERN_EMAIL_TEXT_MAX).trimEnd()}\n[The message was longer than ${CONCERN_EMAIL_TEXT_MAX.toLocaleString('en-GB')} characters and was cut here: please send the rest in another email.]`;
  return { text, word, exit: wantsToLeave(whole) };
}

/**
 * Words before an exit phrase in its sentence that make it no request: a doubt, a condition, a
 * question or someone else's words ("I am not sure if I want to leave this pairing", "Sam asked
 * me whether I want to leave this pairing"). An end cannot be undone: such a concern is passed on
 * to the admins as a concern, and they ask.
 */
const NOT_ASKING =
  /(?<![\p{L}])(?:if|whether|not sure|unsure|wonder(?:ing)?|asked me|asks me|asking me|don't know|do not know|maybe|perhaps|might|thinking (?:about|of)|considering|not yet|ob)(?![\p{L}])/u;

/** True when the text asks to leave the pairing (the concern form has a checkbox for it too). */
export function wantsToLeave(text: string): boolean {
  const lower = text.toLowerCase().replace(/[’‘`´]/g, "'");
  // Each sentence on its own: a request, not a question, a doubt or what someone else asked.
  for (const sentence of lower.match(/[^.!?\n]+[.!?]*/gu) ?? []) {
    for (const pattern of EXIT_PATTERNS) {
      const at = sentence.search(pattern);
      if (at < 0) continue;
      // Only the clause the phrase is in: "Because of his comments about my age, I want to leave
      // this pairing" and "I was not sure at first, but I have decided: I want to leave" ask.
      const clause =
        sentence
          .slice(0, at)
          .split(/[,;:–—]|\s-\s/u)
          .at(-1) ?? '';
      if (sentence.trimEnd().endsWith('?') || NOT_ASKING.test(clause)) continue;
      return true;
    }
  }
  return false;
}
