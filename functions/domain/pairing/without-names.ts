import { foldedName, nameReplacer, partsOfNames } from '../names-in-text';

/**
 * Names out of free text that admins read grouped "without names" (the end-of-program KEEP and
 * CHANGE answers). It fails closed: names are found as ../names-in-text.ts finds them (any letter
 * case, accents, possessives, hyphens, text without spaces). The one exception is a name that is
 * also a common English word: written all in lower case it is the word ("we may meet more", "I
 * will"), so only its other forms go ("May", "MAY").
 */

/**
 * Names that are also everyday English words, kept when written all in lower case. Small on
 * purpose: each entry is a word a KEEP/CHANGE answer could well use; anything not listed is
 * removed in every case.
 */
export const COMMON_WORD_NAMES: ReadonlySet<string> = new Set(
  `an art bill black brown chance chase cook dawn do drew faith frank grace grant green guy hall hill
  hope joy king long mark max may miles my norm park pat penny rich rose sky so summer sunny white
  will young`.split(/\s+/),
);

const PLACEHOLDER = '[name]';

/** A common-word name written all in lower case is the word (COMMON_WORD_NAMES). */
const isTheWord = (found: string, name: string) => COMMON_WORD_NAMES.has(foldedName(name)) && found === found.toLowerCase();

/** Replaces both people's names (full, each part, each part of a hyphenated name) with `[name]`. */
export function withoutNames(text: string, names: readonly string[]): string {
  const full = names.map((n) => n.trim()).filter((n) => /\s/.test(n));
  const parts = partsOfNames(names);
  // A full name goes in any case ("will grace join"): only a single word can be a common word.
  const withoutFull = nameReplacer(full, PLACEHOLDER)(text);
  return nameReplacer(parts, PLACEHOLDER, isTheWord)(withoutFull);
}
