/**
 * Finding a person's names in free text, for the two places that take them out: program feedback
 * read "without names" (pairing/without-names.ts) and an erasure (erasure.ts). Both fail closed,
 * so a name is found however it was typed: in any letter case, with or without its accents
 * ("jose" for José, "Lukasz" for Łukasz), composed or decomposed (text and names are compared in
 * one Unicode form), hyphenated or not ("Mary Jane" for Mary-Jane), with ß and ss taken for each
 * other, before a possessive ("zara's", "Zaras"), inside text written without spaces ("和王芳一起")
 * and after the one-letter words Arabic and Hebrew write joined to the next word ("لمحمد", "ולדוד").
 * A word that only contains a name stays ("Benefits" for Ben).
 */

/** Letters with a stroke rather than an accent (NFD does not take them apart), by their plain letter. */
const STROKED: Readonly<Record<string, string>> = { l: 'ł', o: 'ø', d: 'đ', h: 'ħ', i: 'ı' };
const PLAIN = Object.fromEntries(Object.entries(STROKED).map(([plain, stroked]) => [stroked, plain]));

/** A name without accents or strokes, lower case: how names are compared. */
export const foldedName = (name: string) =>
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
 * Words Arabic and Hebrew write joined to the word after them ("and", "so", "with", "to", "as",
 * Arabic's article, Hebrew's "the", "from", "that"), up to three in a row ("وللمحمد"): before a name
 * in that script they are not part of a longer word ("وشكرا لمحمد" thanks Mohammed).
 */
const ATTACHED_WORDS: readonly { script: RegExp; words: string }[] = [
  { script: /^\p{sc=Arabic}/u, words: '(?:[وفبلك]|ال)' },
  { script: /^\p{sc=Hebrew}/u, words: '[והבלמשכ]' },
];

/** Where a name may begin: not after a joining letter, or after words its script attaches to it. */
function startOf(folded: string): string {
  const alone = `(?<!${JOINING_LETTER})`;
  const attached = ATTACHED_WORDS.find((a) => a.script.test(folded));
  return attached ? `(?:${alone}|(?<=${alone}(?:${attached.words}\\p{M}*){1,3}))` : alone;
}

/**
 * A name as a pattern over NFD text: each letter with or without accents, a hyphen or apostrophe
 * as any of them, a space or nothing, spaces as any run of spaces.
 */
function namePattern(name: string): RegExp {
  const folded = foldedName(name);
  // "ss" is also ß, either way round ("Strauß" in "STRAUSS", "Weiss" in "Weiß").
  const body = folded
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
  return new RegExp(`${startOf(folded)}${body}${possessive}(?!${JOINING_LETTER})`, 'giu');
}

/**
 * The parts a name is also found by, alone: each of its words ("Lovelace, Ada" is Lovelace and Ada:
 * the comma is not part of a name) and each half of a hyphenated one (Mary-Jane is also Mary and Jane).
 */
export function partsOfNames(names: readonly string[]): string[] {
  const words = names.flatMap((n) => n.trim().split(/[\s,]+/)).filter((w) => w !== '');
  return [...words, ...words.flatMap((w) => w.split(/[-‐‑'’ʼ]+/))];
}

/**
 * Replaces each of `names` found in a text by `replacement`, the longest name first ("Ada
 * Lovelace" before "Ada"), except where `keep(found, name)` says the text holds a word rather
 * than the name. A name of fewer than two letters is not looked for: it would take letters out of
 * every word. The text comes back in NFC; the patterns are built once, for many texts.
 */
export function nameReplacer(
  names: readonly string[],
  replacement: string,
  keep: (found: string, name: string) => boolean = () => false,
): (text: string) => string {
  const longestFirst = [...new Set(names.map((n) => n.trim()))].filter((n) => foldedName(n).length >= 2).sort((a, b) => b.length - a.length);
  const patterns = longestFirst.map((name) => ({ name, pattern: namePattern(name) }));
  return (text) => {
    let out = text.normalize('NFD');
    for (const { name, pattern } of patterns) out = out.replace(pattern, (found) => (keep(found, name) ? found : replacement));
    return out.normalize('NFC');
  };
}
