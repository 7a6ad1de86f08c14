import { CONCERN_WORDS } from './concern';
import { CUES, REMATCH_COMMANDS } from './lexicon';
import { escapeRegExp } from './escape-regexp';

/**
 * A salutation that opens a reply ("Hi team,", "Dear Mia,", "Hallo zusammen,", "Bonjour à tous,",
 * "你好，"), as most people start an email. The reader looks for the answer and for commands where
 * the reply opens, so the greeting is passed over first: "Dear team,\n\nSTOP" reads as "STOP" and
 * "Hi! Yes we met" as "Yes we met". It answers nothing, so nothing is lost by skipping it; it never
 * takes with it a word that could be an answer or a command ("Hi, Yes", "Hello STOP" keep them).
 * Salutations in the languages of the reader's lexicon (lexicon.ts).
 */
const SALUTATIONS = [
  // en
  'hi',
  'hii',
  'hiya',
  'hello',
  'hallo',
  'hey',
  'heya',
  'howdy',
  'dear',
  'greetings',
  'good morning',
  'good afternoon',
  'good evening',
  'good day',
  'morning',
  // de
  'liebe',
  'lieber',
  'liebes',
  'sehr geehrte',
  'sehr geehrter',
  'sehr geehrtes',
  'guten morgen',
  'guten tag',
  'guten abend',
  'moin',
  'servus',
  'grüß gott',
  'grüss gott',
  'grüezi',
  // fr
  'bonjour',
  'bonsoir',
  'salut',
  'coucou',
  'cher',
  'chère',
  'chers',
  'chères',
  'madame',
  'monsieur',
  // es
  'hola',
  'buenos días',
  'buenos dias',
  'buenas tardes',
  'buenas noches',
  'buenas',
  'estimado',
  'estimada',
  'estimados',
  'estimadas',
  'querido',
  'querida',
  'queridos',
  'queridas',
  // it
  'ciao',
  'salve',
  'buongiorno',
  'buonasera',
  'buon pomeriggio',
  'gentile',
  'gentili',
  'caro',
  'cara',
  'cari',
  'egregio',
  'egregia',
  // pt
  'olá',
  'ola',
  'oi',
  'bom dia',
  'boa tarde',
  'boa noite',
  'prezado',
  'prezada',
  'prezados',
  'prezadas',
  'caros',
  'caras',
  // nl
  'hoi',
  'beste',
  'goedemorgen',
  'goedemiddag',
  'goedenavond',
  'dag',
  // pl
  'cześć',
  'dzień dobry',
  'witam',
  'witaj',
  'witajcie',
  'szanowni',
  'szanowny',
  'szanowna',
  'drogi',
  'droga',
  'drodzy',
  // sv, da, no
  'hej',
  'hejsan',
  'hejsa',
  'hallå',
  'god morgon',
  'god dag',
  'bästa',
  'kära',
  'kære',
  'goddag',
  'godmorgen',
  'god morgen',
  'hei',
  'heisann',
  'kjære',
  // hi (Devanagari and romanised)
  'नमस्ते',
  'नमस्कार',
  'प्रिय',
  'namaste',
  'namaskar',
  // tr
  'merhaba',
  'selam',
  'selamlar',
  'sayın',
  'günaydın',
  'iyi günler',
  // ru
  'здравствуйте',
  'привет',
  'всем привет',
  'добрый день',
  'доброе утро',
  'добрый вечер',
  'уважаемый',
  'уважаемая',
  'уважаемые',
  'дорогой',
  'дорогая',
  'дорогие',
  // ko, ar, ja, zh
  '안녕하세요',
  '안녕',
  'مرحبا',
  'مرحباً',
  'السلام عليكم',
  'أهلا',
  'اهلا',
  'عزيزي',
  'عزيزتي',
  'صباح الخير',
  'こんにちは',
  'こんばんは',
  'おはようございます',
  'お疲れ様です',
  'お疲れさまです',
  'お世話になっております',
  '你好',
  '您好',
  '大家好',
  '各位好',
  '嗨',
];

/** Who is greeted, written in lower case ("Hi team", "Bonjour à tous", "Hola a todos"), and the small words of names and titles. */
const GREETED = new Set([
  // en
  'team',
  'all',
  'everyone',
  'everybody',
  'folks',
  'guys',
  'there',
  'both',
  'again',
  'colleagues',
  'you',
  'and',
  'or',
  '&',
  'the',
  'my',
  'dear',
  'mr',
  'mrs',
  'ms',
  'dr',
  'prof',
  // de
  'zusammen',
  'alle',
  'allerseits',
  'ihr',
  'liebe',
  'lieber',
  'und',
  'frau',
  'herr',
  // fr
  'à',
  'tous',
  'toutes',
  'tout',
  'le',
  'la',
  'monde',
  'équipe',
  "l'équipe",
  'cher',
  'chère',
  'chers',
  'chères',
  'collègues',
  'et',
  // es, it, pt
  'a',
  'todos',
  'todas',
  'equipo',
  'compañeros',
  'chicos',
  'tutti',
  'tutte',
  'ragazzi',
  'colleghi',
  'pessoal',
  'equipe',
  'equipa',
  'gente',
  'y',
  'e',
  // nl
  'allemaal',
  'iedereen',
  'allen',
  "collega's",
  'en',
  // pl
  'wszystkim',
  'wszyscy',
  'państwo',
  'zespole',
  'i',
  // sv, da, no
  'alla',
  'allihopa',
  'allihop',
  'teamet',
  'allesammen',
  'sammen',
  'och',
  'og',
  // tr, ru
  'herkese',
  'arkadaşlar',
  'ekip',
  'всем',
  'все',
  'коллеги',
  'друзья',
  'команда',
  'и',
  // names: "Ana de la Cruz", "Jan van Dijk"
  'de',
  'da',
  'di',
  'del',
  'dos',
  'das',
  'du',
  'van',
  'von',
  'der',
  'den',
  'ten',
  'ter',
]);

/** Words a reply may open with as its answer, never a name in a greeting ("Hi, Progress: 4", "Hey Sam STOP"). */
const NEVER_GREETED = new Set([
  'stop',
  'unsubscribe',
  'pause',
  'end',
  'rematch',
  're-match',
  'data',
  'erase',
  'delete',
  'progress',
  'recommend',
  'rating',
  'score',
  'goals',
  'goal',
  'keep',
  'change',
  'valued',
  'try',
  'share',
  'note',
  'notes',
  'approve',
  'reject',
  'continue',
  'hold',
  'close',
  'resume',
  'reassign',
  ...CONCERN_WORDS,
  ...REMATCH_COMMANDS.map((c) => c.split(' ')[0] ?? c),
]);

const SALUTATION = new RegExp(
  `^(?:${[...SALUTATIONS]
    .sort((a, b) => b.length - a.length)
    .map(escapeRegExp)
    .join('|')})(?![\\p{L}\\p{M}\\p{N}])`,
  'iu',
);
/** At most this many words in a greeting, the salutation's own words included ("Sehr geehrte Damen und Herren"). */
const MAX_WORDS = 5;
/** What may end a greeting: a comma, colon or exclamation mark, and a smiley or an emoji that only greets (👋, never 👍). */
const END_PIECE = /^\s*(?:[:;]-?[)(D](?![\p{L}\p{N}])|\p{Extended_Pictographic}|[,:!，：！。、])/u;
const WORD = /^[^\s,:!，：！。、]+/u;

/** Whether an answer word (a cue of the lexicon, "yes", "ja", "we met", 👍) starts here. */
function answerAt(lower: string): boolean {
  return CUES.some((c) => lower.startsWith(c.text) && (c.prefix || !/^[\p{L}\p{N}]|^'\p{L}/u.test(lower.slice(c.text.length))));
}

function isGreeted(word: string, lowerFromWord: string): boolean {
  const lower = word.toLowerCase().replace(/\.$/, '');
  if (NEVER_GREETED.has(lower) || answerAt(lowerFromWord)) return false;
  if (GREETED.has(lower)) return true;
  // A name: capitalised ("Mia", "O'Brien", "Anne-Marie", "Mr."), or in a script without capitals.
  return /^(?:\p{Lu}|\p{Lt}|\p{Lo})[\p{L}\p{M}'’.-]*$/u.test(word);
}

/** Where what closes a greeting ends (after trailing spaces), or undefined when nothing closes it here. */
function closingEnd(line: string, at: number): number | undefined {
  let end = at;
  for (;;) {
    const piece = END_PIECE.exec(line.slice(end));
    if (!piece || answerAt(piece[0].trim())) break;
    end += piece[0].length;
  }
  if (end > at) return end + (/^\s*/u.exec(line.slice(end))?.[0].length ?? 0);
  return line.slice(at).trim() === '' ? line.length : undefined;
}

/** Where the greeting that opens this line ends, or undefined when the line opens with none. */
function greetingEnd(line: string): number | undefined {
  const salutation = SALUTATION.exec(line);
  if (!salutation) return undefined;
  const words = salutation[0].split(/\s+/).length;
  let cursor = salutation[0].length;
  let end = closingEnd(line, cursor);
  for (let names = 0; words + names < MAX_WORDS; names++) {
    // "Hello, Mia!": a comma may stand between the salutation and the name.
    const gap = (names === 0 ? /^\s*,?\s*/u : /^\s+/u).exec(line.slice(cursor))?.[0] ?? '';
    if (names > 0 && gap === '') break;
    const word = WORD.exec(line.slice(cursor + gap.length))?.[0];
    if (!word || !isGreeted(word, line.slice(cursor + gap.length).toLowerCase())) break;
    cursor += gap.length + word.length;
    end = closingEnd(line, cursor) ?? end;
  }
  return end;
}

/**
 * The reply without the greeting that opens it (normalised text: lines trimmed, quotes stripped).
 * A greeting alone on the first line goes with its line; one followed by the answer on the same
 * line ("Hi Sam, yes we met") leaves the rest of that line first. A reply that is only a greeting
 * is returned as it is.
 */
export function withoutGreeting(text: string): string {
  const newline = text.indexOf('\n');
  const line = newline < 0 ? text : text.slice(0, newline);
  const end = greetingEnd(line);
  if (end === undefined) return text;
  const sameLine = line.slice(end).trim();
  const below = newline < 0 ? '' : text.slice(newline + 1).replace(/^\s+/u, '');
  const rest = sameLine && below ? `${sameLine}\n${below}` : sameLine || below;
  return rest.trim() ? rest : text;
}
