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
  'nicht sicher',
  'unsicher',
  'weiß nicht',
  'vielleicht',
  'pas sûr',
  'pas sûre',
  'pas certain',
  'peut-être',
  'je ne sais pas',
  'no estoy seguro',
  'no estoy segura',
  'no lo sé',
  'quizás',
  'tal vez',
  'non sono sicuro',
  'non sono sicura',
  'forse',
  'não tenho certeza',
  'não sei',
  'talvez',
  'weet niet',
  'niet zeker',
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

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
