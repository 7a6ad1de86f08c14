import { NEGATION_WORDS } from './lexicon';
import { takeBack } from './take-back';

/**
 * A "Yes" that opens a later sentence, after words that say no: "Unfortunately I have to pass this
 * time. Yes, really sorry", "Couldn't make it this week. Yes, we'll try again on Thursday",
 * "Honestly, this is not a good fit for me. Yes, David is nice, but ..." (QA replies6). There the
 * yes agrees with what came before ("yes, really", "yes, I know"), it does not answer the question:
 * it never counts as a yes. A "YES" in capitals (the word the emails ask for) or one with a rating
 * after it ("Sorry, I didn't see this.\nYes 4") is the person's answer all the same.
 */

/**
 * Words that say no, or that something did not happen: the lexicon's negations (NEGATION_WORDS), and
 * words of regret that say it as well before a later "Yes" ("Unfortunately I have to pass. Yes,
 * really sorry"). Not French "ne", which interpret.ts's NEGATION reads inside the yes's own sentence:
 * it is Italian's "of it" too ("Ne abbiamo parlato. Sì, ..."), and French writes "pas" or "jamais"
 * beside it.
 */
const REGRET = [
  'unfortunately',
  'sadly',
  'regrettably',
  'leider',
  'helaas',
  'malheureusement',
  'lamentablemente',
  'desafortunadamente',
  'purtroppo',
  'infelizmente',
  'niestety',
].join('|');
const REFUSAL = new RegExp(`(?<![\\p{L}'])(?:${NEGATION_WORDS}|${REGRET})(?![\\p{L}])`, 'u');
const SENTENCE_END = /(?<=[.!?;\n。！？])/u;

export interface Refusal {
  /** Where the words that say no end in the text: a yes after them is doubted. */
  readonly end: number;
  /** Their sentence, as written (at most 80 characters), to quote back. */
  readonly sentence: string;
}

/**
 * The first words in lower-case `lower` that say no, with their sentence as written in `text` (the
 * same length), or undefined when none do. Take-back cues count too ("I have to pass", "we had to
 * cancel"). Read once per reply, so that a reply of many a "yes" costs its length, not its square.
 */
export function firstRefusal(text: string, lower: string): Refusal | undefined {
  let offset = 0;
  for (const sentence of lower.split(SENTENCE_END)) {
    const word = REFUSAL.exec(sentence);
    const back = takeBack(sentence, 'yes');
    const ends = [word ? word.index + word[0].length : undefined, back?.end].filter((e): e is number => e !== undefined);
    if (ends.length > 0) {
      const quoted = text
        .slice(offset, offset + sentence.length)
        .replace(/^[\s\p{P}]+|[\s.!?;。！？]+$/gu, '')
        .slice(0, 80);
      return { end: offset + Math.min(...ends), sentence: quoted };
    }
    offset += sentence.length;
  }
  return undefined;
}

/** A yes the person wrote as their answer even after such words: "YES" in capitals, or with a rating after it. */
export function deliberateYes(text: string, start: number, end: number): boolean {
  return text.slice(start, end) === 'YES' || /^[\s,:\-–—]*\d{1,2}(?![\p{N}.,:/]\p{N}|\p{N})/u.test(text.slice(end));
}
