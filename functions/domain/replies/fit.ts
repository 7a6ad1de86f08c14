import type { Cue } from './lexicon';
import { escapeRegExp } from './escape-regexp';

/**
 * The fit check's answer: "is this pairing a good fit?" yes / not sure / no. "Not sure" is its
 * own answer here (elsewhere it reads as unclear): the admins are told, nothing ends.
 */
const UNSURE = [
  'not sure',
  'unsure',
  "i'm not sure",
  'i am not sure',
  'maybe',
  'perhaps',
  "don't know",
  'do not know',
  'hard to say',
  'too early to tell',
  'too early to say',
  'too soon to tell',
  'too soon to say',
  // Lukewarm words: the admins hear of them, nothing ends.
  'could be better',
  'not great',
  'so-so',
  'so so',
  'mixed feelings',
  'not convinced',
  'not yet convinced',
  // Doubt that opens with a no-word ("No idea yet", "Non lo so", "No sé todavía"): never the no it
  // starts with (QA i18n: a no to the fit check ends the pairing).
  'no idea',
  'not certain',
  'nicht sicher',
  'unsicher',
  'weiß nicht',
  'weiss nicht',
  'weiß noch nicht',
  'weiss noch nicht',
  'weiß ich nicht',
  'weiß ich noch nicht',
  'weiß es nicht',
  'weiß es noch nicht',
  'keine ahnung',
  'noch unklar',
  'schwer zu sagen',
  'vielleicht',
  'pas sûr',
  'pas sûre',
  'pas encore sûr',
  'pas encore sûre',
  'pas certain',
  'peut-être',
  'je ne sais pas',
  'je sais pas',
  'ne sais pas',
  'aucune idée',
  'difficile à dire',
  'no estoy seguro',
  'no estoy segura',
  'no lo sé',
  'no lo se',
  'no sé',
  'no sabría decir',
  'no tengo claro',
  'no lo tengo claro',
  'ni idea',
  'quizás',
  'quizá',
  'tal vez',
  'non sono sicuro',
  'non sono sicura',
  'non ne sono sicuro',
  'non ne sono sicura',
  'non sono certo',
  'non sono certa',
  'non lo so',
  'non so',
  'non saprei',
  'non ho idea',
  'forse',
  'não tenho certeza',
  'não tenho a certeza',
  'nao tenho certeza',
  'nao tenho a certeza',
  'não sei',
  'nao sei',
  'não estou seguro',
  'não estou segura',
  'talvez',
  'weet niet',
  'weet ik niet',
  'weet ik nog niet',
  'weet het niet',
  'weet het nog niet',
  'niet zeker',
  'nog niet zeker',
  'geen idee',
  'misschien',
  'nie wiem',
  'nie jestem pewien',
  'nie jestem pewna',
  'może',
  'vet inte',
  'osäker',
  'kanske',
  'पता नहीं',
  'शायद',
  'pata nahi',
  'わかりません',
  '分かりません',
  'たぶん',
  '不确定',
  '不確定',
  '不知道',
  '说不好',
];

const CJK = /[\u3040-\u30ff\u4e00-\u9fff]/u;
// "not sure" decides wherever it stands: it is the careful answer, and a wrong "no" would end a pairing.
const UNSURE_RE = new RegExp(
  UNSURE.sort((a, b) => b.length - a.length)
    .map((w) => (CJK.test(w) ? escapeRegExp(w) : `(?<![\\p{L}\\p{N}])${escapeRegExp(w)}(?![\\p{L}\\p{N}])`))
    .join('|'),
  'iu',
);

/** The "not sure" cue in a reply to the fit check, if any. */
export function readUnsure(text: string): string | undefined {
  return UNSURE_RE.exec(text)?.[0];
}

/** The first "not sure" cue in a text and where it starts, if any. */
export function unsureAt(text: string): { cue: string; index: number } | undefined {
  const m = UNSURE_RE.exec(text);
  return m ? { cue: m[0], index: m.index } : undefined;
}

/** All is well in the reader's other languages ("Alles gut", "Tout va bien", "Todo bien", "Tutto bene", "Tudo bem", "Alles goed"). */
const ALL_WELL =
  '(?:alles (?:gut|bestens|prima|goed)|(?:es )?läuft gut|(?:tout )?va (?:très )?bien|ça va bien|(?:va )?todo bien|(?:va )?tutto (?:bene|ok)|tudo (?:bem|certo|ótimo)|(?:het )?gaat goed)';

/** A word of content that answers the fit check standing alone ("Fine", "Great so far"). */
const CONTENT = '(?:good|great|fine|ok|okay|perfect|excellent|brilliant|fantastic|wonderful|positive)(?: so far)?';

const VERY = '(?:really |very |so |quite |pretty |super )?';
const END = '(?![\\p{L}\\p{N}])';

/** Words that say the pairing fits, as they open the reply ("So far so good", "Great match!", "We get on really well"). */
const FITS = new RegExp(
  `^(?:${[
    'so far,? so good',
    `(?:(?:it's|it is|it has been|it's been|things are|all is|everything is|everything's) )?going ${VERY}(?:well|great|fine|nicely|smoothly)`,
    `(?:(?:it's|it is|she's|he's|they're|she is|he is|they are) )?(?:a |an )?${VERY}(?:great|good|perfect|excellent|brilliant|strong|fantastic|wonderful) (?:match|fit|pairing|pair)`,
    `(?:(?:it's|it is|it) )?work(?:s|ing) ${VERY}well`,
    `we (?:get on|get along|work) ${VERY}(?:well|great)(?: together)?`,
    'we click(?:ed)?',
    `${VERY}happy with (?:it|the pairing|the match|my partner|this pairing)`,
    // "All good", "It's fine", "Great!", "Perfect, thanks": a word of content standing alone, never
    // "Good question" or "Fine for now, but ..." (a "but" after it is asked about, below).
    `(?:(?:it's|it is|it has been|it's been|all is|all's|everything is|everything's|things are|all) )?${VERY}${CONTENT}(?=\\s*(?:$|[.!,;:)]))`,
    `(?:it |this )?works (?:for (?:me|us|both of us)|well)`,
    // "No complaints", "No issues at all": nothing wrong is a fit, never the no it opens with.
    `no (?:complaints|concerns|issues|problems)(?: (?:at all|so far|here|from me))?`,
    // "Alles gut", "Tout va bien", "Todo bien", "Tutto bene", "Tudo bem", "Alles goed": all is well,
    // also after a no-word ("Nein, alles gut"), which then says both and is asked about.
    ALL_WELL,
  ].join('|')})${END}`,
  'u',
);

/** Words that say it does not, as they open the reply: a no, which ends the pairing, so only plain ones. */
const DOES_NOT_FIT = new RegExp(
  `^(?:${[
    `(?:(?:it's|it is|this is|she's|he's|they're) )?not (?:a |the )?(?:good |great |right )?(?:fit|match)`,
    `(?:(?:it's|it is|this is) )?not working(?: out)?(?=\\s*(?:$|[.!,;]))`,
    "we (?:don't|do not) click",
  ].join('|')})${END}`,
  'u',
);

/** A yes made of a word of content alone ("Fine", "All good"), which a "but" on its line can undo. */
const CONTENT_WORD = new RegExp(`(?:${CONTENT}|${ALL_WELL})$`, 'u');

const BUT_ON_LINE = /^[^\n]*(?<![\p{L}])(?:but|though|although|however|aber|mais|pero|però|mas|maar)(?![\p{L}])/u;

/**
 * The fit check's answer in the person's own words opening `lower` (lower case) at `at`, as a cue
 * whose text is the words that answered, or undefined when they give none. Lukewarm words ("Could
 * be better") are "not sure" (UNSURE), read before this.
 */
export function fitWordsAt(lower: string, at: number): Cue | undefined {
  const rest = lower.slice(at);
  const fits = FITS.exec(rest);
  const not = fits ? null : DOES_NOT_FIT.exec(rest);
  const found = fits ?? not;
  if (!found) return undefined;
  // "Not a good fit for my diary, but she is great": a no with a "but" on its line is asked about, as a no ends the pairing.
  if (not && BUT_ON_LINE.test(rest.slice(found[0].length))) return undefined;
  // "Fine, but we keep missing each other": content that its own line qualifies is no plain yes.
  if (fits && CONTENT_WORD.test(found[0]) && BUT_ON_LINE.test(rest.slice(found[0].length))) return undefined;
  return { text: found[0], polarity: fits ? 'yes' : 'no', anywhere: false, prefix: false };
}
