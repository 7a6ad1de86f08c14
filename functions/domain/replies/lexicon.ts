/**
 * Words that answer yes or no, by language. `opening` cues count only when the reply starts with
 * them (many are also everyday words: German "ja", Spanish "si" = "if", Polish "nie" = "not");
 * `anywhere` cues are unambiguous phrases that decide even inside a sentence. Longer cues win, so
 * "no problem" reads as yes and "not yet" as no.
 */
export type Polarity = 'yes' | 'no';

export interface Cue {
  readonly text: string;
  readonly polarity: Polarity;
  readonly anywhere: boolean;
  /** CJK cues need no word boundary after them ("是的我们见面了"). */
  readonly prefix: boolean;
  /**
   * A single letter written for an answer ("y", "n": SHORTHAND): an answer only alone on its line or
   * before a number or punctuation, never an initial ("N. Patel here") or "n/a" (interpret.ts).
   */
  readonly alone?: boolean;
}

const OPENING_YES = [
  // en
  'yes',
  'yeah',
  'yea',
  'yep',
  'yup',
  'ya',
  'sure',
  'ok',
  'okay',
  'k',
  'y',
  'absolutely',
  'definitely',
  'of course',
  'certainly',
  'indeed',
  'correct',
  'confirmed',
  'accept',
  'accepted',
  'agreed',
  'sounds good',
  'count me in',
  'done',
  'we did',
  'i did',
  'we caught up',
  'approve',
  'approved',
  'lgtm',
  'no problem',
  'no worries',
  // "No objections" agrees: to a proposal, an introduction or a fit check it is never a no.
  'no objections',
  'no objection',
  'not a problem',
  'no doubt',
  // de
  'ja',
  'jawohl',
  'jep',
  'klar',
  'gerne',
  'gern',
  'natürlich',
  'sicher',
  'einverstanden',
  'genau',
  'passt',
  'kein problem',
  // fr
  'oui',
  'ouais',
  'bien sûr',
  "d'accord",
  'volontiers',
  'ok pour moi',
  'avec plaisir',
  'pas de problème',
  'pas de souci',
  // es
  'sí',
  'si',
  'claro',
  'vale',
  'de acuerdo',
  'por supuesto',
  'acepto',
  'sin problema',
  'ningún problema',
  'no hay problema',
  'no hay ningún problema',
  'no pasa nada',
  // it
  'sì',
  'certo',
  'va bene',
  'certamente',
  'accetto',
  'nessun problema',
  "non c'è problema",
  'non ce problema',
  "non c'e problema",
  'volentieri',
  // pt
  'sim',
  'com certeza',
  'aceito',
  'pode ser',
  'sem problema',
  'sem problemas',
  'não tem problema',
  'não há problema',
  'nao tem problema',
  // nl
  'jazeker',
  'jawel',
  'akkoord',
  'prima',
  'zeker',
  'geen probleem',
  // pl
  'tak',
  'oczywiście',
  'zgoda',
  'jasne',
  'pewnie',
  'nie ma problemu',
  'żaden problem',
  // sv, da, no
  'japp',
  'absolut',
  'visst',
  'jo',
  'gärna',
  'selvfølgelig',
  // hi (Devanagari and romanised), tr, ru, ko, ar
  'हाँ',
  'हां',
  'हा',
  'जी हाँ',
  'जी हां',
  'जी',
  'haan',
  'haa',
  'ji haan',
  'evet',
  'да',
  'конечно',
  '네',
  '예',
  'نعم',
];

const OPENING_NO = [
  'no',
  'n',
  'nope',
  'nah',
  'not yet',
  'not really',
  'negative',
  'decline',
  'declined',
  'i decline',
  'reject',
  'rejected',
  'we did not',
  "we didn't",
  'we have not',
  "we haven't",
  'i did not',
  "i didn't",
  'i have not',
  "i haven't",
  "didn't",
  'did not',
  'not this time',
  'not this week',
  'not this month',
  'not this fortnight',
  'not as yet',
  'unfortunately not',
  'unfortunately no',
  'unfortunately, not',
  'unfortunately, no',
  'sadly not',
  'sadly no',
  'sadly, not',
  'sadly, no',
  'afraid not',
  "i'm afraid not",
  'i am afraid not',
  'nein',
  'leider nicht',
  'noch nicht',
  'nee',
  'nö',
  'non',
  'pas encore',
  'malheureusement pas',
  'malheureusement non',
  'todavía no',
  'aún no',
  'de momento no',
  'non ancora',
  'purtroppo no',
  'não',
  'nao',
  'ainda não',
  'ainda nao',
  'neen',
  'nog niet',
  'helaas niet',
  'nie',
  'jeszcze nie',
  'niestety nie',
  'nej',
  'inte än',
  'inte ännu',
  'nei',
  'नहीं',
  'नही',
  'nahi',
  'nahin',
  'hayır',
  'нет',
  '아니요',
  '아니오',
  'لا',
];

const ANYWHERE_YES = [
  'yes',
  'we met',
  'we have met',
  "we've met",
  'we did meet',
  'met up',
  'i accept',
  'happy to accept',
  'count me in',
  'i approve',
  'approved',
  'einverstanden',
  'wir haben uns getroffen',
  "d'accord",
  "on s'est vus",
  'nous nous sommes vus',
  'de acuerdo',
  'nos reunimos',
  'nos vimos',
  'ci siamo visti',
  'ci siamo incontrati',
  'nos encontramos',
  'we hebben elkaar gezien',
  'spotkaliśmy się',
  'vi träffades',
];

const ANYWHERE_NO = [
  'we did not meet',
  "we didn't meet",
  'we have not met',
  "we haven't met",
  'we have not yet met',
  "we haven't yet met",
  'did not meet',
  "didn't meet",
  'not met yet',
  'have not met',
  "haven't met",
  'we could not meet',
  "we couldn't meet",
  'i decline',
  'i must decline',
  'i have to decline',
  'rejected',
  'i reject',
  'nicht getroffen',
  'pas encore vus',
  'no nos reunimos',
  'no nos hemos visto',
  'non ci siamo visti',
  'não nos encontramos',
  'nog niet gezien',
  'nie spotkaliśmy się',
  'inte träffats',
];

// CJK answers open the reply; multi-character ones may run straight into the sentence.
const CJK_YES_PREFIX = [
  'はい',
  '承知しました',
  '了解しました',
  '了解です',
  '会いました',
  '是的',
  '好的',
  '可以',
  '同意',
  '没问题',
  '沒問題',
  '見面了',
  '见面了',
];
const CJK_YES_WORD = ['是', '好', '对', '對', '行', '嗯', 'ええ', 'うん'];
const CJK_NO_PREFIX = ['いいえ', 'いえ', '会っていません', 'まだです', '不是', '不行', '不可以', '没有', '沒有', '还没有', '還沒有', '还没', '拒绝'];
const CJK_NO_WORD = ['不', '否', '没'];

const EMOJI_YES = ['👍', '✅', '✔', '☑', '👌', '🙌', '🆗', '🙆'];
const EMOJI_NO = ['👎', '❌', '✖', '🚫', '⛔', '🙅', '❎'];

/** "y" and "n", as in "(y/n)": answers only standing alone (Cue.alone); Spanish "y" is also "and". */
const SHORTHAND: ReadonlySet<string> = new Set(['y', 'n']);

function cues(list: readonly string[], polarity: Polarity, anywhere: boolean, prefix = false): Cue[] {
  return list.map((text) => ({ text, polarity, anywhere, prefix, ...(SHORTHAND.has(text) ? { alone: true } : {}) }));
}

/** Every cue, longest first so that the longest match wins. */
export const CUES: readonly Cue[] = [
  ...cues(OPENING_YES, 'yes', false),
  ...cues(OPENING_NO, 'no', false),
  ...cues(ANYWHERE_YES, 'yes', true),
  ...cues(ANYWHERE_NO, 'no', true),
  ...cues(CJK_YES_PREFIX, 'yes', false, true),
  ...cues(CJK_YES_WORD, 'yes', false),
  ...cues(CJK_NO_PREFIX, 'no', false, true),
  ...cues(CJK_NO_WORD, 'no', false),
  ...cues(EMOJI_YES, 'yes', true, true),
  ...cues(EMOJI_NO, 'no', true, true),
].sort((a, b) => b.text.length - a.text.length);

/**
 * Asking for a new partner, by language: REMATCH (the word every email prints) and what people
 * write instead in the languages the reader knows. They count only at the start of a reply, alone
 * on their line or followed by punctuation and a note ("Neuer Partner, bitte: wir passen nicht").
 */
export const REMATCH_COMMANDS: readonly string[] = [
  // en
  'rematch',
  're-match',
  'new partner',
  'new match',
  // de
  'neuer partner',
  'neue partnerin',
  'neues matching',
  // fr
  'nouveau partenaire',
  'nouvelle partenaire',
  'nouveau binôme',
  // es
  'nuevo compañero',
  'nueva compañera',
  'nueva pareja',
  // it
  'nuovo partner',
  'nuova partner',
  // pt
  'novo parceiro',
  'nova parceira',
  // nl
  'nieuwe partner',
  'nieuwe match',
  // pl
  'nowy partner',
  'nowa partnerka',
  // sv, da, no
  'ny partner',
  'ny makker',
].sort((a, b) => b.length - a.length);

/**
 * Words that negate, in the lexicon's languages, as one regular-expression alternation: the one list
 * both readers of a negation share, a yes negated in its own sentence (interpret.ts, NEGATION) and
 * a later "Yes" doubted after words that say no (refusal.ts, REFUSAL). Each adds its own words
 * there, named beside it: REFUSAL words of regret ("Unfortunately I have to pass. Yes, sorry"), which
 * turn nothing around inside a sentence; NEGATION French "ne". "kein" takes its endings (keine...).
 */
export const NEGATION_WORDS = [
  // en
  'not',
  'never',
  'no',
  'cannot',
  "can't",
  "couldn't",
  "won't",
  "wouldn't",
  "don't",
  "didn't",
  "isn't",
  "wasn't",
  "weren't",
  "haven't",
  "hasn't",
  'unable',
  // de
  'nicht',
  'kein\\p{L}*',
  // pl, nl
  'nie',
  'niet',
  // fr, it
  'non',
  'pas',
  'jamais',
  // pt, es
  'não',
  'nao',
  'nunca',
  // sv, da, no
  'nej',
  'inte',
  'ikke',
  // ru
  'нет',
  'не',
].join('|');
