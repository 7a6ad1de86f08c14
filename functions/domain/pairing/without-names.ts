/**
 * Names out of free text that admins read grouped "without names" (the end-of-program KEEP and
 * CHANGE answers). It fails closed: a name goes in any letter case, with or without its accents
 * ("jose" for José, "Lukasz" for Łukasz), hyphenated or not ("Mary Jane" for Mary-Jane), and
 * before a possessive ("zara's", "Zaras"). The one exception is a name that is also a common
 * English word: written all in lower case it is the word ("we may meet more", "I will"), so only
 * its other forms go ("May", "MAY").
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

/** Letters with a stroke rather than an accent (NFD does not take them apart), by their plain letter. */
const STROKED: Readonly<Record<string, string>> = { l: 'ł', o: 'ø', d: 'đ', h: 'ħ', i: 'ı' };
const PLAIN = Object.fromEntries(Object.entries(STROKED).map(([plain, stroked]) => [stroked, plain]));

/** A name without accents or strokes, lower case: how a name is compared and looked up in COMMON_WORD_NAMES. */
const folded = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[łøđħı]/g, (c) => PLAIN[c]!)
    .replace(/ß/g, 'ss');

/**
 * A letter that joins a name to the word around it. Scripts written without spaces between words
 * (Chinese, Japanese, Thai...) do not: "和Łucja一起" holds the name Łucja.
 */
const JOINING_LETTER = '(?:(?![\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}])[\\p{L}\\p{M}])';

/**
 * A name as a pattern over NFD text: each letter with or without accents, a hyphen or apostrophe
 * as any of them, a space or nothing, spaces as any run of spaces.
 */
function namePattern(name: string): RegExp {
  // "ss" is also ß, either way round ("Strauß" in "STRAUSS", "Weiss" in "Weiß").
  const body = folded(name)
    .split(/(ss)/)
    .flatMap((piece) => (piece === 'ss' ? ['ss'] : [...piece]))
    .map((c) => {
      if (c === 'ss') return '(?:s\\p{M}*s|ß)\\p{M}*';
      if (/[-‐‑'’ʼ]/.test(c)) return "[-‐‑'’ʼ\\s]?";
      if (/\s/.test(c)) return '\\s+';
      const letter = STROKED[c] ? `[${c}${STROKED[c]}]` : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      return `${letter}\\p{M}*`;
    })
    .join('');
  // A possessive without an apostrophe ("Zaras Ehrlichkeit") is the name too; not after two letters ("Al" in "als").
  const possessive = name.length >= 3 ? 's?' : '';
  return new RegExp(`(?<!${JOINING_LETTER})${body}${possessive}(?!${JOINING_LETTER})`, 'giu');
}

/** Replaces both people's names (full, each part, each part of a hyphenated name) with `[name]`. */
export function withoutNames(text: string, names: readonly string[]): string {
  const full = names.map((n) => n.trim()).filter((n) => /\s/.test(n));
  // "Lovelace, Ada" is Lovelace and Ada: the comma is not part of a name; Mary-Jane is also Mary and Jane.
  const words = names.flatMap((n) => n.trim().split(/[\s,]+/));
  const parts = [...words, ...words.flatMap((w) => w.split(/[-‐‑'’ʼ]+/))].filter((n) => folded(n).length >= 2);
  const longestFirst = [...new Set(parts)].sort((a, b) => b.length - a.length);
  let out = text.normalize('NFD');
  for (const name of full) out = out.replace(namePattern(name), PLACEHOLDER);
  for (const name of longestFirst) {
    const word = COMMON_WORD_NAMES.has(folded(name));
    out = out.replace(namePattern(name), (found) => (word && found === found.toLowerCase() ? found : PLACEHOLDER));
  }
  return out.normalize('NFC');
}
