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

/** The first "not sure" cue in a text and where it starts, if any. */
export function unsureAt(text: string): { cue: string; index: number } | undefined {
  const m = UNSURE_RE.exec(text);
  return m ? { cue: m[0], index: m.index } : undefined;
}
