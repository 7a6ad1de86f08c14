import { acceptanceInWords, courtesyOpening } from './acceptance-words';
import { unreadReturn, unreadReturnReason } from './away-return';
import { notStartedAdvice } from './before-start';
import { commandInProse } from './command-in-prose';
import { courteousRequest } from './courtesy';
import { readConcern } from './concern';
import { deliberateYes, firstRefusal } from './refusal';
import { fitWordsAt, readUnsure, unsureAt } from './fit';
import { withoutGreeting } from './greeting';
import { pauseLineReason } from './answer-notes';
import { CUES, NEGATION_WORDS, REMATCH_COMMANDS, type Cue, type Polarity } from './lexicon';
import { pauseExample as boundedPauseExample } from '../emails/pause-example';
import { formatDate } from '../emails/format';
import { todayFor } from '../pairing/controls';
import { pauseAgainstBound, pauseBoundOf, type PauseBound } from '../pairing/pause-bound';
import { dayAndMonth, readPauseDate } from './pause-date';
import { meetingToCome } from './meeting-to-come';
import { meetingWordsAt } from './meeting-words';
import { readableHead } from './read-head';
import { withoutRating } from './rating-in-note';
import { markedNumbers, numberAt, numberClosingClause, numberEndingLine, type NumberAnswer } from './scores';
import { hasStructure, readStructured, type AskedStructure, type StructuredAnswer } from './structured';
import { takeBack, wordStandsAlone } from './take-back';
import { escapeRegExp } from './escape-regexp';

/** What the question asked, which decides what an answer may contain. */
/** 'standing': a person's standing address, on emails that ask nothing; it takes commands only. */
export type ReplyPurpose = 'acceptance' | 'check-in' | 'milestone' | 'admin-decision' | 'approval' | 'standing' | 'fit';
/** 'concern': a private word to the admins (CONCERN ...); 'unsure': "not sure" to the fit check. */
export type ReplyIntent = 'yes' | 'no' | 'rating' | 'score' | 'stop' | 'pause' | 'end' | 'rematch' | 'unclear' | 'concern' | 'unsure';
export type AdminDecision = 'continue' | 'pause' | 'end' | 'rematch';

export interface ReplyAnswer extends StructuredAnswer {
  readonly intent: ReplyIntent;
  /** 1-5: how the session went (check-in) or progress (milestone). */
  readonly rating?: number;
  /** 0-10: would you recommend it (milestone). */
  readonly score?: number;
  readonly note?: string;
  /** YYYY-MM-DD, for PAUSE with a date. */
  readonly pauseUntil?: string;
  /** YYYY-MM-DD after the writer's today, for PAUSE with a later start ("from 3 March until 17 March"). */
  readonly pauseFrom?: string;
  /** For 'admin-decision': continue and rematch come with intent yes and no. */
  readonly decision?: AdminDecision;
  /** For 'concern': the person asks to leave the pairing (a no-fault exit). */
  readonly exit?: boolean;
  /** One sentence for the admin: what was understood, or why nothing was. */
  readonly reason: string;
  /**
   * An unclear reading of a command the person clearly gave (PAUSE with a day that has passed, a
   * STOP with a time limit): wherever they wrote, they are told why nothing happened (the reason)
   * rather than what the address takes or that the question closed.
   */
  readonly command?: 'pause' | 'stop' | 'resume';
  /** The reply came with files (set by the inbound path, never by the reader): they are not kept, and the answer's thanks says so. */
  readonly attachmentsNotKept?: boolean;
}

export interface InterpretOptions {
  /** Today, for "pause until March 1" and "pause for 2 weeks". */
  readonly now?: Date;
  /** The writer's time zone, when known: "today" in "a day that is today or has passed" is theirs. */
  readonly timeZone?: string;
  /** What the question asked beyond its ordinary answer (goals, a number per topic, review answers). */
  readonly ask?: AskedStructure;
  /**
   * The last day (YYYY-MM-DD) a pause of the writer's pairing may run to, when the caller knows it
   * (pairing/controls.ts, pauseBound): the PAUSE examples of the reason are then ones the pairing
   * takes (pause-example.ts), near it that day, after it none. Unknown, they are three weeks on.
   * The admins' PAUSE decision must keep to it, as "Decision needed" promises (pause-bound.ts); a
   * participant's PAUSE past it is each pairing's to refuse (decide.ts, pastTheEnd).
   */
  readonly pauseLastDay?: string;
}

/** The longest note kept from a reply; a longer one keeps a visible mark where it was cut (never cut silently). */
const MAX_NOTE = 4000;
const SEPARATORS = /^[\s,.;:!?\-–—()/&+*·•、。，！？：；]+|[\s,.;:!?\-–—(/&+*·•、。，！？：；]+$/gu;
// A whole word: "Nee, ik kan niet" is no "i" (Polish "and") before a "k" (QA mail8).
const CONNECTOR = /^[\s,/&+]*(?:(?:and|or|und|oder|et|ou|y|o|e|en|of|i|lub|och|eller)(?![\p{L}]))?[\s,/&+]*/iu;

/** A full-width number opening a line or after a space, before a full-width full stop: "１．４", "２．ChatGPTの使い方". */
const FULL_WIDTH_ITEM = /(?<=^|\s)([０-９]{1,2})．/gmu;

/**
 * "１．４\n２．ChatGPTの使い方\n３．…\n４．８": a list numbered in full-width digits. NFKC would make
 * "1.4" of its first item, a rating that is not a whole number; two or more such items (on lines of
 * their own or on one line) are a list, so their full stop is a list's ("1. 4") (QA replies6). One
 * alone ("４．５") is left to NFKC: a number that is not whole, asked again.
 */
function fullWidthList(text: string): string {
  return (text.match(FULL_WIDTH_ITEM) ?? []).length >= 2 ? text.replace(FULL_WIDTH_ITEM, '$1. ') : text;
}

function normalise(text: string): string {
  return fullWidthList(text)
    .normalize('NFKC')
    .replace(/[\ufe0e\ufe0f\u20e3\u200b-\u200d\u{1f3fb}-\u{1f3ff}]/gu, '')
    .replace(/[’‘`´]/g, "'")
    .split('\n')
    .map((l) => l.replace(/\s+/g, ' ').trim())
    .filter((l, i, all) => l || (i > 0 && all[i - 1]))
    .join('\n')
    .trim();
}

// toLowerCase may change the length of a few characters (İ); keep offsets valid for slicing.
function lowerSameLength(text: string): string {
  return Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
}

function tidyNote(text: string): string | undefined {
  const note = text
    .replace(/^\s*(notes?|comments?|kommentar|commentaire|comentarios?|commenti|opmerkingen?|uwagi|kommentarer)\s*[:：]\s*/iu, '')
    .replace(/\s+/g, ' ')
    .replace(SEPARATORS, '')
    .trim();
  if (!note) return undefined;
  return note.length <= MAX_NOTE ? note : `${note.slice(0, MAX_NOTE).trimEnd()} [cut here: the reply was longer than 4,000 characters]`;
}

function cueAt(lower: string, at: number, cue: Cue): boolean {
  if (!lower.startsWith(cue.text, at)) return false;
  if (cue.prefix) return true;
  const next = lower.slice(at + cue.text.length, at + cue.text.length + 2);
  return !/^[\p{L}\p{N}]/u.test(next) && !/^'[\p{L}]/u.test(next);
}

function openingCue(lower: string, at: number): Cue | undefined {
  return CUES.find((c) => cueAt(lower, at, c) && (!c.alone || letterAlone(lower.slice(at + c.text.length))));
}

/**
 * What may follow "y" or "n" for it to be an answer (lexicon.ts, Cue.alone): the end of its line, a
 * number ("y 4"), or punctuation ("y!", "n, sorry"); never a full stop before a word, as an initial
 * has it ("N. Patel here, we met"), nor "n.b.", "n/a" or "Y&R".
 */
function letterAlone(after: string): boolean {
  return /^[ \t]*(?:$|\n|\p{N}|[,!;:)\-–—]|\.(?![ \t]*\p{L}))/u.test(after);
}

/**
 * A word that turns what follows it around ("cannot say yes", "not a yes", "nicht einverstanden"):
 * the lexicon's negations (NEGATION_WORDS), and French "ne" ("je ne dis pas oui"), which only here,
 * in the yes's own sentence, reads as one.
 */
const NEGATION = new RegExp(`(?<![\\p{L}])(?:${NEGATION_WORDS}|ne)(?![\\p{L}])`, 'u');
/** "..., but I cannot": a yes that the rest of its sentence takes back. */
const TAKEN_BACK =
  /(?<![\p{L}])(?:but|aber|mais|pero|ma|mas|maar|ale|men)(?![\p{L}]).*(?<![\p{L}])(?:not|never|cannot|can't|won't|unable|nicht|pas|non|no|não|nie|niet|inte|ikke)(?![\p{L}])/u;
const SENTENCE_END = /[.!?;\n。！？]/u;

/** Whether a yes found inside a sentence is negated there: "I cannot say yes", "I'd love to say yes, but I can't". */
function negatedInSentence(lower: string, start: number, end: number): boolean {
  const sentenceBefore = lower.slice(0, start).split(SENTENCE_END).at(-1) ?? '';
  const sentenceAfter = lower.slice(end).split(SENTENCE_END)[0] ?? '';
  return NEGATION.test(sentenceBefore) || TAKEN_BACK.test(sentenceAfter);
}

/** A "Yes" opening a later sentence after words that say no (refusal.ts): no yes, and the words that said no. */
interface DoubtedYes {
  readonly yes: string;
  readonly refusal: string;
}

function anywhereCues(lower: string, text: string): { cues: Cue[]; doubted?: DoubtedYes } {
  const seen: Cue[] = [];
  let doubted: DoubtedYes | undefined;
  let rest = lower;
  for (const cue of CUES) {
    if (!cue.anywhere) continue;
    const pattern = cue.prefix ? cue.text : `(?<![\\p{L}\\p{N}'])${escapeRegExp(cue.text)}(?![\\p{L}\\p{N}])`;
    const re = new RegExp(pattern, 'gu');
    const found = [...rest.matchAll(re)];
    if (found.length === 0) continue;
    // A yes that its own sentence negates counts for nothing (neither yes nor no: the reply is asked about again).
    const standing = cue.polarity === 'no' ? found : found.filter((m) => !negatedInSentence(rest, m.index, m.index + m[0].length));
    // "Unfortunately I have to pass this time. Yes, really sorry": a bare yes after words that said no agrees with them.
    const refusal = cue.text === 'yes' ? firstRefusal(text, rest) : undefined;
    const answering = refusal ? standing.filter((m) => deliberateYes(text, m.index, m.index + m[0].length) || m.index < refusal.end) : standing;
    if (answering.length > 0) seen.push(cue);
    else if (refusal && standing[0]) doubted ??= { yes: text.slice(standing[0].index, standing[0].index + standing[0][0].length), refusal: refusal.sentence };
    // Longer cues come first; blank them so "we did not meet" does not also count as "we met" (kept
    // as long as they were, so that places in `rest` are places in `text`).
    rest = rest.replace(re, (m) => ' '.repeat(m.length));
  }
  return { cues: seen, ...(doubted ? { doubted } : {}) };
}

/** Yes-words that only intensify: followed by a negation they say no ("Absolutely not", "Natürlich nicht", "Claro que no"). */
const INTENSIFIERS = new Set([
  'absolutely',
  'definitely',
  'of course',
  'certainly',
  'sure',
  'indeed',
  'natürlich',
  'sicher',
  'klar',
  'bien sûr',
  'claro',
  'por supuesto',
  'certo',
  'certamente',
  'com certeza',
  'zeker',
  'oczywiście',
  'pewnie',
  'jasne',
  'absolut',
  'visst',
  'selvfølgelig',
  'конечно',
]);
const NEGATED_INTENSIFIER = /^[\s,]+(?:(?:que|che)\s+)?(?:not|nicht|non|no|não|nao|niet|nie|inte|ikke|нет|не)(?![\p{L}\p{N}])/iu;

interface Reading {
  polarity?: Polarity;
  cueText?: string;
  conflict?: string;
  /** The words after the answer that take it back ("actually NO"), as written. */
  takenBack?: string;
  /** The words after a yes that give it to a meeting still to come ("next week"), as written. */
  toCome?: string;
  /** A bare "Yes" that opens a later sentence, after words that say no: no answer (refusal.ts). */
  doubted?: DoubtedYes;
  numbers: NumberAnswer[];
  /** The text left for the note, with the answer and marked numbers cut out. */
  rest: string;
}

/**
 * Everyday openings that answer nothing ("No concerns. Yes we met", "No problems, 4"): the answer
 * is read after them, never as the no they start with. Alone, they answer nothing (asked again).
 * "No problem" and "no worries" are yes cues of their own (lexicon.ts).
 */
const NEUTRAL_OPENING = /^no\s+(?:problems|issues|concerns|complaints)(?:\s+at\s+all)?(?![\p{L}\p{N}])[\s\p{P}]*/u;

/** A negation in Spanish or any language NEGATION knows, which "ya" before it turns into "no longer". */
const YA_NEGATED = /(?<![\p{L}])(?:nada|nadie|tampoco|jamás|jamas|ningun[oa]?|ningún)(?![\p{L}])/u;

/**
 * English "ya" (yes) is also Spanish "ya" (already, or "no longer" before a negation): "Ya no puedo
 * participar" is no yes (QA i18n). It answers yes only when punctuation, a number or the end follows
 * it ("Ya", "Ya, 4", "Ya!") and nothing in its sentence negates; "Ya nos vimos" or "Ya no tengo
 * tiempo" are read without it (an anywhere cue such as "nos vimos" still counts).
 */
function yaIsYes(lower: string, end: number): boolean {
  const after = lower.slice(end);
  if (/^\s*\p{L}/u.test(after)) return false;
  const sentence = after.split(SENTENCE_END)[0] ?? '';
  const negations = [...sentence.matchAll(new RegExp(`${NEGATION.source}|${YA_NEGATED.source}`, 'gu'))];
  // "Ya, no problem": a yes of its own is no negation.
  return negations.every((m) => openingCue(sentence, m.index)?.polarity === 'yes');
}

/** A list item's number opening a line: "1. Yuki showed me", "1) meeting summaries", "2 - budgets". */
const LIST_MARKER = /^(?:\d{1,2}\s*[.)](?=\s*\p{L})|\d{1,2}\)|\d{1,2}\s+[-–—]\s+\p{L})/u;

/** What follows an answer word that stands alone ("Yes, ...", "Nein.", "Sorry, no"): punctuation, a number or the end. */
const ANSWER_WORD_ALONE = /^\s*(?:[\p{P}\p{S}\p{N}]|$)/u;

/** "Sorry, no time this week", "Sorry, no chance to meet": a "no" that runs on into what there was none of. */
const NO_CHANCE = /^\s+(?:time|chance|meeting|session|luck|opportunity)(?![\p{L}])/u;

function read(text: string, purpose?: ReplyPurpose): Reading {
  const lower = lowerSameLength(text);
  let start = lower.length - lower.replace(/^[\s*\-–—"'«»„“”>]+/u, '').length;
  const neutral = NEUTRAL_OPENING.exec(lower.slice(start))?.[0].length ?? 0;
  // To the fit check, "No complaints" alone is the answer (fit.ts): nothing wrong is a fit.
  const neutralAnswers = purpose === 'fit' && neutral > 0 && lower.slice(start + neutral).trim() === '';
  if (!neutralAnswers) start += neutral;
  // One opening clause of thanks or apology answers nothing ("Sorry, no", "Sorry for the delay. Yes 4",
  // "Thanks for checking in. Had to cancel"): the answer is read after it (acceptance-words.ts, courtesyOpening).
  const courtesy = courtesyOpening(lower.slice(start));
  const lexicalAt = (from: number) => {
    const found = openingCue(lower, from);
    return found?.text === 'ya' && !yaIsYes(lower, from + found.text.length) ? undefined : found;
  };
  // "Met on Monday, 4", "Had to cancel", "So far so good": a check-in (meeting-words.ts) or the fit check
  // (fit.ts) answered in the person's own words, read where a YES or NO would open the reply and only when none does.
  const ownWordsAt = (from: number) => (purpose === 'check-in' ? meetingWordsAt(lower, from) : purpose === 'fit' ? fitWordsAt(lower, from) : undefined);
  // Own words read against a YES or NO beside them: the purpose's own (above) or the introduction's (acceptance-words.ts).
  const answerInWordsAt = (from: number): Cue | undefined => {
    if (purpose !== 'acceptance') return ownWordsAt(from);
    // Where they stand, not after a courtesy: "No. Thanks for asking, happy to be considered next time" declines.
    const own = acceptanceInWords(text.slice(from));
    return own && text.slice(from).trimStart().startsWith(own.written)
      ? { text: own.written, polarity: own.polarity, anywhere: false, prefix: false }
      : undefined;
  };
  let lexical = neutralAnswers ? undefined : lexicalAt(start);
  let ownWords = lexical ? undefined : ownWordsAt(start);
  if (!lexical && !ownWords && courtesy > 0) {
    // A YES or NO after it answers only standing alone ("Sorry, no.", "Thanks, yes, 4"): in "Sorry, I didn't
    // see this earlier.\nYES" the apology goes on, and its "I didn't" is no answer.
    const after = lexicalAt(start + courtesy);
    const followed = after ? lower.slice(start + courtesy + after.text.length) : '';
    lexical = after && (ANSWER_WORD_ALONE.test(followed) || (after.text === 'no' && NO_CHANCE.test(followed))) ? after : undefined;
    ownWords = lexical ? undefined : ownWordsAt(start + courtesy);
    if (lexical || ownWords) start += courtesy;
  }
  const cue = lexical ?? ownWords;
  let at = start;
  let polarity: Polarity | undefined;
  let cueText: string | undefined;
  let conflict: string | undefined;
  let doubted: DoubtedYes | undefined;
  let answerEnd = start;
  if (cue) {
    polarity = cue.polarity;
    at = start + cue.text.length;
    // "Absolutely not": the intensifier and its negation together are a no (but "Sure, no problem" stays a yes).
    const negated = INTENSIFIERS.has(cue.text) ? NEGATED_INTENSIFIER.exec(lower.slice(at)) : null;
    if (negated && openingCue(lower, at + negated[0].search(/[^\s,]/u))?.polarity !== 'yes') {
      polarity = 'no';
      at += negated[0].length;
    }
    cueText = text.slice(start, at);
    answerEnd = at;
    const joined = CONNECTOR.exec(lower.slice(at))?.[0].length ?? 0;
    const opposite = openingCue(lower, at + joined);
    // Danish "Nej tak" is "no thanks", not "no" and Polish "tak" (yes).
    const thanks = polarity === 'no' && opposite?.text === 'tak';
    // "Yes, no need to reschedule", "YES\nNo. 1 priority": an English "no" that opens a phrase is no answer.
    const phrase = opposite?.text === 'no' && !wordStandsAlone(lower, at + joined + opposite.text.length);
    if (opposite && opposite.polarity !== polarity && !thanks && !phrase)
      conflict = `"${cueText}" and "${text.slice(at + joined, at + joined + opposite.text.length)}"`;
    // "No, all good" to the fit check, "Yes, had to cancel" to a check-in: own words right after the
    // answer word that say the opposite make the reply unclear (a no to the fit check ends the pairing).
    // So do the introduction's own words ("No, happy to!", "No - I'd love to": a no closes the introduction).
    const wordsAt = at + (/^[\s,.;:!/&+\-–—]*/u.exec(lower.slice(at))?.[0].length ?? 0);
    // (Words that take the answer back, "Yes.\nI'm afraid I will have to decline", are told as such below.)
    const saidOtherwise = !opposite && lexical && !takeBack(lower.slice(at), polarity) ? answerInWordsAt(wordsAt) : undefined;
    if (!conflict && saidOtherwise && saidOtherwise.polarity !== polarity)
      conflict = `"${cueText}" and "${text.slice(wordsAt, wordsAt + saidOtherwise.text.length)}"`;
    // A "no" that runs on into its sentence ("No hesitation, I'm in", "No reason not to, yes") and a yes
    // opening a later clause of its line: the reply says both, never the no that would close or end something.
    if (!conflict && lexical?.text === 'no' && !ANSWER_WORD_ALONE.test(text.slice(at))) {
      const lineEnd = lower.indexOf('\n', at) < 0 ? lower.length : lower.indexOf('\n', at);
      for (const clause of lower.slice(at, lineEnd).matchAll(/[,;:.!–—-]\s*(?:(?:but|though|yet|although)\s+)?/gu)) {
        const from = at + (clause.index ?? 0) + clause[0].length;
        const later = openingCue(lower, from) ?? answerInWordsAt(from);
        if (later && later.polarity !== polarity) {
          conflict = `"${cueText}" and "${text.slice(from, from + later.text.length)}"`;
          break;
        }
      }
    }
    // Own words are no YES or NO: a plain phrase that says the opposite later in the reply ("Caught up by
    // email, but we did not meet") makes the reply unclear, as it would beside a YES found inside a sentence.
    const against = ownWords ? anywhereCues(lower, text).cues.find((c) => c.polarity !== polarity) : undefined;
    if (!conflict && against) conflict = `"${cueText}" and "${against.text}"`;
  } else {
    const anywhere = anywhereCues(lower, text);
    const found = anywhere.cues;
    const yes = found.find((c) => c.polarity === 'yes');
    const no = found.find((c) => c.polarity === 'no');
    if (!yes && !no) doubted = anywhere.doubted;
    if (yes && no) conflict = `"${yes.text}" and "${no.text}"`;
    polarity = yes?.polarity ?? no?.polarity;
    cueText = (yes ?? no)?.text;
    if (cueText) answerEnd = lower.indexOf(cueText) + cueText.length;
  }
  const back = polarity ? takeBack(lower.slice(answerEnd), polarity) : undefined;
  const takenBack = back ? text.slice(answerEnd + back.start, answerEnd + back.end) : undefined;
  const later = polarity === 'yes' ? meetingToCome(lower.slice(answerEnd), lower) : undefined;
  const toCome = later ? text.slice(answerEnd + later.start, answerEnd + later.end) : undefined;
  const numbers: NumberAnswer[] = [];
  let cursor = at;
  for (let i = 0; i < 2; i++) {
    const skip = /^[\s,;:!.\-–—/&+(、，：；！。]*(?:and|und|et|y|e|en|i|och)?[\s,;:\-–—/&+(、，：；]*/iu.exec(text.slice(cursor))?.[0].length ?? 0;
    // "Yes\n\n1. Yuki showed me ...", "YES 4\n1) meeting summaries": a list under the answer is the note, its "1" no rating.
    if (text.slice(cursor, cursor + skip).includes('\n') && LIST_MARKER.test(text.slice(cursor + skip))) break;
    const n = numberAt(text, cursor + skip);
    if (!n) break;
    numbers.push(n);
    cursor = n.end;
  }
  // A bare answer word ("Yes, ...", "Nein.") is cut from the note; a cue that runs into the sentence
  // ("We met last Tuesday") stays in it, since the sentence reads wrong without it.
  // Own words stay in the note too ("Had a great session!", "It went well, 4"): they are the person's
  // account of it, so only the rating after them is cut.
  const standsAlone = cue !== undefined && ownWords === undefined && ANSWER_WORD_ALONE.test(text.slice(at));
  const openingEnd = ownWords ? start : (numbers.at(-1)?.end ?? (standsAlone ? at : start));
  const opening = text.slice(0, openingEnd);
  let rest = text.slice(opening.length);
  const afterOwnWords = ownWords ? numbers.map((n) => ({ start: n.start - openingEnd, end: n.end - openingEnd })) : [];
  const marked = markedNumbers(rest).filter((m) => !afterOwnWords.some((n) => n.start <= m.start && m.start < n.end));
  for (const m of [...marked, ...afterOwnWords].sort((a, b) => b.start - a.start)) rest = withoutRating(rest, m.start, m.end);
  // No number where the answer opens, none marked: one that ends the answer's line after a comma or a
  // full stop is its rating ("Yes we met, 4", "はい、会いました。4"), never left in the note unread.
  if (polarity && numbers.length === 0 && marked.length === 0) {
    const lineStart = Math.max(openingEnd, text.lastIndexOf('\n', answerEnd - 1) + 1);
    const lineEnd = text.indexOf('\n', answerEnd) < 0 ? text.length : text.indexOf('\n', answerEnd);
    const line = text.slice(lineStart, lineEnd);
    const ending = lineStart < lineEnd ? (numberEndingLine(line) ?? numberClosingClause(line)) : null;
    if (ending) {
      const from = lineStart + ending.start - openingEnd;
      marked.push({ ...ending, start: from, end: from + ending.end - ending.start });
      rest = withoutRating(rest, from, from + ending.end - ending.start);
    }
  }
  // An anywhere cue keeps the whole sentence as the note: it carries the context.
  return {
    polarity,
    cueText,
    conflict,
    ...(doubted ? { doubted } : {}),
    ...(takenBack ? { takenBack } : {}),
    ...(toCome ? { toCome } : {}),
    numbers: [...numbers, ...marked],
    rest,
  };
}

/** A courtesy word between a lower-case pause and its date: "Pausa, por favor, hasta el 15 de marzo". */
const PAUSE_COURTESY = "(?:please|bitte|por favor|per favore|graag|alsjeblieft|s'il vous plaît|svp)[\\s,]*";
/** The words after which a lower-case pause counts as the command: it goes on to its end day. */
const PAUSE_UNTIL = new RegExp(`^[\\s,]*(?:${PAUSE_COURTESY})?(?:until|till|til|to|for|bis|jusqu|hasta|fino|até|tot)(?![\\p{L}\\p{N}])`, 'iu');
/**
 * A length or a start in the reader's languages ("pausa por 2 semanas", "Pause für 2 Wochen",
 * "pausa dal 1 al 15 marzo", "pause from 1 March until 15 March"): the command only when a day or
 * a length that the pause reader reads follows, since "pausa de café" or "pause from work" are words.
 */
const PAUSE_LENGTH_OR_RANGE = new RegExp(
  `^[\\s,]*(?:${PAUSE_COURTESY})?(?:por|per|für|fur|voor|durante|pendant|from|starting|desde|dal|dall'|dalla|da|van|vanaf|de|del|du|vom|ab|a partir del?|à partir du|entre|between)(?![\\p{L}\\p{N}])`,
  'iu',
);
/** Any day will do to tell whether the pause reader reads a day or a length at all (not whether it has passed). */
const ANY_DAY = new Date(0);

/** A command asked back on the first line: "STOP?", "Pause?", "REMATCH?", "Unsubscribe??". */
const COMMAND_ASKED = /^[\s*"'«»„“”>-]*(?:please\s+)?(stop|unsubscribe|pause|end|rematch)[^\S\n]*\?+/iu;

type Commands = { intent: 'stop' | 'pause' | 'end'; word: string; rest: string; shouting: boolean } | null;

function command(text: string): Commands {
  const first = text.split('\n')[0] ?? '';
  const m = /^[\s*"'«»„“”>-]*(?:please\s+|bitte\s+|por favor\s+|per favore\s+|graag\s+)?(stop|unsubscribe|pause|pausa|pauze|end)(?![\p{L}\p{N}])(.*)$/iu.exec(
    first,
  );
  if (!m) return null;
  // Spanish, Italian and Portuguese "pausa", Dutch "pauze": the same command as PAUSE (QA world).
  const written = m[1] ?? '';
  const word = /^pau(?:sa|ze)$/i.test(written) ? (written === written.toUpperCase() ? 'PAUSE' : 'pause') : written;
  const after = m[2] ?? '';
  const shouting = word === word.toUpperCase();
  const alone = /^[\s.!]*(?:please|bitte|thanks?|thank you|now|por favor|per favore|gracias|grazie|obrigad[oa]|graag|danke|merci)?[\s.!]*$/iu.test(after);
  // In lower case, only with a day or a length after it (one that cannot be read is asked again):
  // "pause to reflect" and "pause for lunch was nice" are words, not a command pausing for two weeks.
  const pauseUntil = (PAUSE_UNTIL.test(after) || PAUSE_LENGTH_OR_RANGE.test(after)) && readPauseDate(after, ANY_DAY) !== null;
  const stopMail = /^\s*(?:e-?mail(?:s|ing)?|mail(?:s|ing)?|messag(?:es|ing)|sending|writing|contacting|all|it|this)\b/iu.test(after);
  const lower = word.toLowerCase();
  if (!(shouting || alone || (lower === 'pause' && pauseUntil) || (lower !== 'pause' && stopMail) || lower === 'unsubscribe')) return null;
  const intent = lower === 'unsubscribe' ? 'stop' : (lower as 'stop' | 'pause' | 'end');
  return { intent, word: word.toUpperCase(), rest: after + text.slice(first.length), shouting };
}

const REMATCH_PATTERN = new RegExp(
  `^[\\s*"'«»„“”>-]*(?:please\\s+|bitte\\s+|por favor\\s+|s'il vous plaît\\s+|per favore\\s+|proszę\\s+|graag\\s+)?(?:(?:i want|i'd like|i would like|can i have|could i have|could i get|ich möchte|je voudrais|quisiera|vorrei|eu gostaria de|ik wil graag|chciałbym|chciałabym|jag vill ha|jeg vil gerne have|jeg vil ha)\\s+(?:a|an|einen|eine|un|une|uno|una|um|uma|een|en|et)?\\s*)?(${REMATCH_COMMANDS.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])(.*)$`,
  'iu',
);

/**
 * REMATCH (or its translation) at the start of the reply: the person asks for a new partner. The
 * rest of the first line may be punctuation, "please" or a note after a separator; a phrase that
 * runs on into a sentence ("new partner has been great") is not a command.
 */
function rematchCommand(text: string): ReplyAnswer | undefined {
  const first = text.split('\n')[0] ?? '';
  const m = REMATCH_PATTERN.exec(first);
  if (!m) return undefined;
  const after = m[2] ?? '';
  const word = m[1] ?? '';
  const ownWord = /^re-?match$/i.test(word);
  const courtesy =
    /^[\s.!,;:\-–—]*(?:please|bitte|s'il vous plaît|s'il te plaît|svp|por favor|per favore|proszę|graag|alsjeblieft|tack|takk|tak|thanks|thank you|danke|merci|gracias|grazie|obrigad[oa]|dank je|dziękuję)(?![\p{L}])[\s.!]*/iu;
  const ends = /^\s*(?:$|[.!,;:\-–—(])/u.test(after) || courtesy.test(after);
  if (!ownWord && !ends) return undefined;
  if (ownWord && !ends && word !== word.toUpperCase()) return undefined;
  return { intent: 'rematch', reason: 'Understood the command REMATCH (a new partner).', ...noteOf(after.replace(courtesy, '') + text.slice(first.length)) };
}

const DECISIONS: Record<string, AdminDecision> = {
  continue: 'continue',
  keep: 'continue',
  resume: 'continue',
  pause: 'pause',
  hold: 'pause',
  end: 'end',
  stop: 'end',
  close: 'end',
  rematch: 'rematch',
  're-match': 'rematch',
  reassign: 'rematch',
};

/**
 * "PAUSE until 22 December": three weeks from today, an example of a PAUSE that would be read. With
 * the last day a pause of the pairing may run to (InterpretOptions.pauseLastDay), one the pairing
 * takes too (pause-example.ts): near that day the day itself, after it none. Without it (no pairing
 * known to the reader of the reply) three weeks on, which nothing bounds.
 */
function pauseExample(now: Date, timeZone?: string, lastDay?: string): string | undefined {
  const later = new Date(now.getTime() + 21 * 86_400_000);
  if (lastDay === undefined) return `PAUSE until ${dayAndMonth(later)}`;
  const zone = timeZone ?? 'UTC';
  return boundedPauseExample({ timeZone: zone, at: now.toISOString(), lastDay }, [{ until: todayFor(later, zone) }, 'last-day']);
}

/** A length to pause for, as an example ("PAUSE for 3 weeks"), when the pairing would take it. */
function lengthExample(now: Date, timeZone?: string, lastDay?: string): string | undefined {
  if (lastDay === undefined) return 'PAUSE for 3 weeks';
  return boundedPauseExample({ timeZone: timeZone ?? 'UTC', at: now.toISOString(), lastDay }, [{ weeks: 3 }]);
}

/** ' (for example "PAUSE until 22 December")', or nothing when no pause would be taken. */
const forExample = (example: string | undefined) => (example === undefined ? '' : ` (for example "${example}")`);

function pauseAnswer(rest: string, now: Date, decision?: AdminDecision, timeZone?: string, lastDay?: string): ReplyAnswer {
  const when = readPauseDate(rest, now, timeZone);
  const what = decision ? 'the decision "pause"' : 'the command PAUSE';
  // The lines after the first are a note (an admin's, kept with the decision); the first names the day.
  const newline = rest.indexOf('\n');
  // An admin's reason on the PAUSE line ("PAUSE until 3 March, she is on leave") is kept with the note below it.
  const sameLine = decision ? pauseLineReason(newline >= 0 ? rest.slice(0, newline) : rest, now, timeZone) : undefined;
  const below = newline >= 0 ? rest.slice(newline + 1) : '';
  const base = { intent: 'pause' as const, ...(decision ? { decision } : {}), ...noteOf(sameLine ? `${sameLine}\n${below}` : below) };
  // "Decision needed" names the last day a pause may run to (admin.ts): past it, or once no pause
  // can be taken, nothing is decided (the lifecycle takes an admin's decision as it is read).
  const bound = decision && lastDay !== undefined ? pauseBoundOf(lastDay) : undefined;
  if (bound && pauseAgainstBound(bound, todayFor(now, timeZone)) === 'none-left') return noPauseLeft(bound, now, timeZone, rest);
  // A day that is today or has passed wherever the writer may be: a day named without a year that
  // just passed ("until 10 January" on 13 January) is a slip, not next year's day; one with a year
  // (last year's, a typo) would pause for one day in silence. Asked again, with an example of a day
  // that would do (the admin API answers 400 for such a day).
  const passed = when && 'date' in when ? when.passed : undefined;
  if (when && 'date' in when && passed !== undefined) {
    const example = pauseExample(now, timeZone, lastDay);
    const back = decision ? 'the day the pairing should resume' : 'the date you will be back';
    const gone = when.date === todayFor(now, timeZone) ? 'is today' : 'has passed';
    return {
      intent: 'unclear',
      command: 'pause',
      reason: `"${passed}" ${gone}: reply PAUSE with ${back}, after today${forExample(example)}.`,
      ...noteOf(rest),
    };
  }
  if (when && 'date' in when && bound && pauseAgainstBound(bound, todayFor(now, timeZone), when.date) === 'past-last-day')
    return pastLastDay(bound, when.date, now, timeZone, rest);
  if (when && 'date' in when && when.from)
    return { ...base, pauseUntil: when.date, pauseFrom: when.from, reason: `Understood ${what} from ${when.from} until ${when.date}.` };
  if (when && 'date' in when) return { ...base, pauseUntil: when.date, reason: `Understood ${what} until ${when.date}.` };
  // A start with no day to come back: asked for both, nothing paused or booked.
  if (when && 'startOnly' in when) {
    const back = decision ? 'the day the pairing should resume' : 'the date you will be back';
    const example = `PAUSE from ${dayAndMonth(new Date(`${when.from}T00:00:00Z`))} until ${dayAndMonth(new Date(Date.parse(`${when.from}T00:00:00Z`) + 14 * 86_400_000))}`;
    return {
      intent: 'unclear',
      command: 'pause',
      reason: `"${when.startOnly}" says when the pause starts but not when it ends, so nothing was paused: reply PAUSE with both days and ${back} (for example "${example}").`,
      ...noteOf(rest),
    };
  }
  // A range with a part that cannot be read: never paused from today, nor until the day they leave;
  // asked again, naming the part, with an example that keeps the day that was read.
  if (when && 'part' in when) {
    const back = decision ? 'the day the pairing should resume' : 'the date you will be back';
    const day = (d: string) => dayAndMonth(new Date(`${d}T00:00:00Z`));
    const example = when.from ? `PAUSE from ${day(when.from)} until ${day(when.until)}` : `PAUSE until ${day(when.until)}`;
    const what = { start: 'the day the pause starts', return: back, both: 'a pause from one day until another' }[when.part];
    const today = when.part === 'start' ? `; to pause from today, reply "PAUSE until ${day(when.until)}"` : '';
    return {
      intent: 'unclear',
      command: 'pause',
      reason: `"${when.unreadable}" could not be read as ${what}, so nothing was paused: reply PAUSE with the day it starts and then ${back}, each written as a day and a month name (for example "${example}")${today}.`,
      ...noteOf(rest),
    };
  }
  // A date that cannot be read is never replaced by the default two weeks: asked again, nothing paused.
  if (when) {
    const example = pauseExample(now, timeZone, lastDay);
    const length = lengthExample(now, timeZone, lastDay);
    const back = decision ? 'the day the pairing should resume' : 'the date you will be back';
    return {
      intent: 'unclear',
      command: 'pause',
      reason: `"${when.unreadable}" could not be read as a date, so nothing was paused: reply PAUSE with ${back}, written as a day and a month name${forExample(example)}${length === undefined ? '' : `, or a length such as "${length}"`}.`,
      ...noteOf(rest),
    };
  }
  // The admins' decision asks "PAUSE with a resume date": without one, nothing is decided by a guess of two weeks.
  if (decision) {
    const example = pauseExample(now, timeZone, lastDay);
    return {
      intent: 'unclear',
      command: 'pause',
      reason: `PAUSE needs the day the pairing should resume, so nothing was decided: reply PAUSE with it${forExample(example)}.`,
      ...noteOf(rest),
    };
  }
  return { ...base, reason: `Understood ${what} without an end date.` };
}

/** The other answers "Decision needed" offers besides PAUSE. */
const OTHER_DECISIONS = 'CONTINUE, END or REMATCH';

/** An admin's PAUSE whose day runs past the last day a pause may run to: nothing decided, and a day that would do. */
function pastLastDay(bound: PauseBound, until: string, now: Date, timeZone: string | undefined, rest: string): ReplyAnswer {
  const last = formatDate(bound.runsTo, 'UTC');
  const example = boundedPauseExample({ timeZone: timeZone ?? 'UTC', at: now.toISOString(), lastDay: bound.runsTo }, ['last-day']);
  return {
    intent: 'unclear',
    command: 'pause',
    reason: `A pause until ${formatDate(until, 'UTC')} would run past ${last}, the last day a pause of this pairing may run to, so nothing was decided: reply PAUSE with the day the pairing should resume, on or before ${last}${forExample(example)}, or ${OTHER_DECISIONS}.`,
    ...noteOf(rest),
  };
}

/** An admin's PAUSE once no pause can be taken (the last day a pause may run to is today or has passed): the other answers. */
function noPauseLeft(bound: PauseBound, now: Date, timeZone: string | undefined, rest: string): ReplyAnswer {
  const when = bound.runsTo === todayFor(now, timeZone) ? 'is today' : 'has passed';
  return {
    intent: 'unclear',
    command: 'pause',
    reason: `No pause can be taken any more: ${formatDate(bound.runsTo, 'UTC')}, the last day a pause of this pairing may run to, ${when}, so nothing was decided: reply ${OTHER_DECISIONS}.`,
    ...noteOf(rest),
  };
}

/**
 * What may follow a decision word not written in capitals for it to be the decision: its object or
 * a courtesy, then punctuation or the end ("End it.", "Continue please", "Rematch them - they never
 * met", "Keep going"). "End of the week is better" or "Rematch would be premature" decide nothing.
 */
const DECISION_ALONE =
  /^(?:\s+(?:it|them|this|this one|the pairing|this pairing|the pair|both|please|now|for now|as is|going|on|thanks|thank you))*\s*(?:$|[\p{P}\p{S}])/iu;
/** One of the four decisions said again later as a decision: opening a clause ("Continue? No, end it"), or in capitals. */
const LATER_DECISION = /(?:^|[.!?;:,\n()–—-]\s*|\s(?:but|or|then|otherwise|else|and|no)\s+)(continue|pause|end|rematch)(?![\p{L}\p{N}])/giu;
const LATER_DECISION_CAPITALS = /(?<![\p{L}])(CONTINUE|PAUSE|END|REMATCH)(?![\p{L}])/gu;

/** Another decision than `decision` that `rest` also gives, as written, if any. */
function laterDecision(rest: string, decision: AdminDecision): string | undefined {
  for (const m of [...rest.matchAll(LATER_DECISION), ...rest.matchAll(LATER_DECISION_CAPITALS)]) {
    const word = m[1] ?? '';
    const alone = word === word.toUpperCase() || DECISION_ALONE.test(rest.slice((m.index ?? 0) + m[0].length));
    const later = DECISIONS[word.toLowerCase()];
    // "PAUSE until 10 January, then continue": going on after the pause is what a pause is.
    if (alone && later !== decision && !(decision === 'pause' && later === 'continue')) return word;
  }
  return undefined;
}

function adminDecision(text: string, now: Date, timeZone?: string, lastDay?: string): ReplyAnswer {
  const m = /^[\s*"'>-]*(?:please\s+)?([\p{L}-]+)(?![\p{L}\p{N}])(.*)$/isu.exec(text);
  const word = m?.[1] ?? '';
  const rest = m?.[2] ?? '';
  const decision = DECISIONS[word.toLowerCase()];
  // A decision word running on into a sentence ("End of the week is better") is no decision: capitals, or standing alone.
  const stands = decision === 'pause' || (word.length > 1 && word === word.toUpperCase()) || DECISION_ALONE.test(rest);
  if (!decision) return { intent: 'unclear', reason: 'The reply does not start with one of CONTINUE, PAUSE, END or REMATCH.', ...noteOf(text) };
  if (/^\s*\?/u.test(rest)) {
    return {
      intent: 'unclear',
      reason: `"${word}?" reads as a question, so nothing was decided: reply with one of CONTINUE, PAUSE, END or REMATCH.`,
      ...noteOf(text),
    };
  }
  if (!stands) {
    const sentence = text.trim().split('\n')[0] ?? '';
    return {
      intent: 'unclear',
      reason: `"${word}" runs on into a sentence ("${sentence}"), so nothing was decided: reply with one of CONTINUE, PAUSE, END or REMATCH, a note after it if you like (for example "${word.toUpperCase()} - ...").`,
      ...noteOf(text),
    };
  }
  const other = laterDecision(rest, decision);
  if (other) {
    return {
      intent: 'unclear',
      reason: `The reply gives two decisions ("${word}" and "${other}"), so nothing was decided: reply with one of CONTINUE, PAUSE, END or REMATCH.`,
      ...noteOf(text),
    };
  }
  if (decision === 'pause') return pauseAnswer(rest, now, decision, timeZone, lastDay);
  const intent = decision === 'continue' ? 'yes' : decision === 'end' ? 'end' : 'no';
  // "Rematch them - they never met": the words that only complete the decision are no note.
  const completing = DECISION_ALONE.exec(rest)?.[0].replace(/[\p{P}\p{S}]$/u, '') ?? '';
  return { intent, decision, reason: `Understood the decision "${decision}".`, ...noteOf(rest.slice(completing.length)) };
}

function noteOf(text: string): { note?: string } {
  const note = tidyNote(text);
  return note ? { note } : {};
}

const NOTHING: Record<ReplyPurpose | 'any', string> = {
  acceptance: 'Nothing in the reply reads as yes or no.',
  'check-in': 'Nothing in the reply reads as yes or no, or as a rating from 1 to 5.',
  milestone: 'Nothing in the reply reads as a progress rating (1-5) or a recommendation score (0-10).',
  'admin-decision': 'The reply does not start with one of CONTINUE, PAUSE, END or REMATCH.',
  approval: 'The reply says neither APPROVE nor REJECT (nor yes or no).',
  standing: 'The reply does not start with one of STOP, PAUSE, END or REMATCH.',
  fit: 'Nothing in the reply reads as yes, not sure or no.',
  any: 'Nothing in the reply reads as yes or no, a rating, a score or a command.',
};

/**
 * A reply with no text at all (an attachment or a picture alone): said so, not "empty once quoted
 * history and signatures are removed", which was not what happened (QA replies5).
 */
export const NOTHING_WRITTEN: ReplyAnswer = {
  intent: 'unclear',
  reason: 'The reply has no text: only the words written in the email itself are read, not attachments or pictures.',
};

/**
 * Reads the answer in the text a person wrote (quoted history already stripped, see stripReply).
 * Anything doubtful is 'unclear' with a reason: a wrong yes costs more than one more question.
 */
export function interpretReply(text: string, purpose?: ReplyPurpose, options: InterpretOptions = {}): ReplyAnswer {
  const now = options.now ?? new Date();
  // The answer is read from the top: a very long reply's head alone is read (read-head.ts; stripReply cuts it already).
  const written = normalise(typeof text === 'string' ? readableHead(text) : '');
  if (!written) return { intent: 'unclear', reason: 'The reply is empty once quoted history and signatures are removed.' };
  // Code points no script assigns only come from a body decoded with the wrong charset: never read an answer in them.
  if (/\p{Cn}/u.test(written))
    return { intent: 'unclear', reason: 'The reply holds characters that are not text (a wrong character set?), so it cannot be read.' };
  // A salutation above the answer ("Dear team,\n\nSTOP", "Hi team,\n\nYES 5") answers nothing: the reply is read
  // from where the answer opens, exactly as if the greeting were not there (greeting.ts).
  const body = withoutGreeting(written);
  if (purpose === 'admin-decision') return adminDecision(body, now, options.timeZone, options.pauseLastDay);
  const concern = purpose === 'approval' ? undefined : readConcern(body);
  if (concern) {
    return {
      intent: 'concern',
      ...(concern.text ? { note: concern.text } : {}),
      ...(concern.exit ? { exit: true } : {}),
      reason: `Understood ${concern.word.toUpperCase()}: a private concern for the program admins${concern.exit ? ', asking to leave the pairing' : ''}.`,
    };
  }
  // "STOP?", "END?": a command asked back does nothing (leaving cannot be undone); how to give it is said.
  const askedCommand = COMMAND_ASKED.exec(body.split('\n')[0] ?? '');
  if (askedCommand) {
    const word = (askedCommand[1] ?? '').toUpperCase();
    const how =
      word === 'PAUSE'
        ? `to pause, reply PAUSE with the date you will be back${forExample(pauseExample(now, options.timeZone, options.pauseLastDay))}`
        : word === 'END'
          ? 'to end your pairing, reply with just END'
          : word === 'REMATCH'
            ? 'to ask for a new partner, reply with just REMATCH'
            : 'to leave the program, reply with just STOP';
    return { intent: 'unclear', reason: `"${askedCommand[0].trim()}" reads as a question, so nothing was done: ${how}.`, ...noteOf(body) };
  }
  const cmd = command(body) ?? commandUnderOpening(body);
  if (cmd?.intent === 'pause') return pauseAnswer(cmd.rest, now, undefined, options.timeZone, options.pauseLastDay);
  // "RESUME" (the word the admins' decision takes): no participant command. A pause ends on its day,
  // sooner by a PAUSE with an earlier day or through the program team. Told so, never asked again.
  if (purpose !== 'approval' && saysResume(body))
    return { intent: 'unclear', command: 'resume', reason: 'RESUME is not a reply a pairing takes, so nothing was changed.' };
  // "Please stop sending reminders for a week": a break, not leaving (which cannot be undone): asked which.
  const firstLine = (body.split('\n')[0] ?? '').trim();
  // So is a lower-case "stop for a while" or "stop the check-ins until January", which is no command
  // (STOP_BREAK): answered with yes or no questions it would be asked the wrong thing.
  // A time limit on the lines just below ("please stop sending reminders.\nI'm on holiday until 4
  // January.") is asked about too: a withdrawal cannot be undone.
  const limitBelow = body
    .split('\n')
    .slice(1)
    .filter((l) => l.trim())
    .slice(0, 3)
    .find((l) => LATER_BREAK.test(l) || AWAY.test(l));
  // "Please could you stop sending me reminders until the new year?": read as "please stop ...", never acted on.
  const polite = cmd ? undefined : politeStop(firstLine);
  const breakOrLeave =
    cmd?.intent === 'stop'
      ? FOR_A_WHILE.test(firstLine) || (!cmd.shouting && !STOP_MAIL_ALONE.test(firstLine)) || limitBelow !== undefined
      : !cmd && (STOP_BREAK.test(firstLine) || polite !== undefined);
  const quoted = (
    (cmd?.intent === 'stop' || polite) && limitBelow !== undefined && !FOR_A_WHILE.test(firstLine) ? `${firstLine} ${limitBelow.trim()}` : firstLine
  ).slice(0, 80);
  // A polite request with no time limit ("Could you stop emailing me?") is leaving, confirmed as below.
  const limited = polite === undefined || polite.break || limitBelow !== undefined;
  const forGood = /until further notice/iu.test(firstLine) || !limited;
  if (breakOrLeave && !forGood) {
    return {
      intent: 'unclear',
      command: 'stop',
      reason: `"${quoted}" reads as a break, not as leaving the program, so nothing was done: to pause, reply PAUSE with the date you will be back${forExample(pauseExample(now, options.timeZone, options.pauseLastDay))}; to leave the program, reply with just STOP.`,
      ...noteOf(body),
    };
  }
  // "stop until further notice" in lower case, no command: leaving is meant, but it cannot be undone, so it is confirmed.
  if (breakOrLeave && !cmd) {
    return {
      intent: 'unclear',
      command: 'stop',
      reason: `"${firstLine.slice(0, 80)}" reads as leaving the program, which cannot be undone, so nothing was done yet: to leave the program, reply with just STOP; to take a break instead, reply PAUSE with the date you will be back${forExample(pauseExample(now, options.timeZone, options.pauseLastDay))}.`,
      ...noteOf(body),
    };
  }
  if (cmd) return { intent: cmd.intent, reason: `Understood the command ${cmd.word}.`, ...noteOf(cmd.rest) };
  const rematch = rematchCommand(body);
  if (rematch) return rematch;
  const unsure = purpose === 'fit' ? readUnsure(lowerSameLength(body)) : undefined;
  if (unsure) return { intent: 'unsure', reason: `Understood "${unsure}" as not sure.`, ...noteOf(body) };

  const numbered = purpose === 'milestone' ? byQuestionNumber(body) : body;
  const structured = readStructured(numbered, options.ask);
  let extra = structured.value;
  let r = read(structured.rest, purpose);
  // A NO to the introduction keeps its whole text as the reason: goals and ratings only come with a YES.
  if (purpose === 'acceptance' && r.polarity === 'no' && structured.rest !== body) {
    r = read(body);
    extra = {};
  }
  // Elsewhere a reply that opens in doubt ("Non lo so ancora", "No sé todavía", "Nog niet zeker") is
  // asked again: the yes or no it opens with is no answer (a no to the introduction closes it).
  const doubt = r.polarity !== undefined && purpose !== 'fit' && purpose !== 'standing' ? openingDoubt(structured.rest) : undefined;
  if (doubt) {
    const words = answerWords(purpose);
    return { intent: 'unclear', reason: `"${doubt}" reads as not sure, so nothing was recorded: reply with ${words}.`, ...noteOf(body) };
  }
  // "No más correos", "Non voglio più partecipare": a no-word that opens a wish to leave answers
  // nothing (never "did not meet" nor a declined introduction); read as leaving said in words.
  if (r.polarity === 'no' && openingLeave(structured.rest)) r = { ...r, polarity: undefined, cueText: undefined, conflict: undefined };
  if (r.conflict) return { intent: 'unclear', reason: `The reply says both yes and no (${r.conflict}), so it is unclear.`, ...noteOf(body) };
  // "Yes?", "No?", "Approve? Not yet": the answer word asked back is no answer.
  const asked = r.cueText ? askedBack(structured.rest, r.cueText) : false;
  if (asked) {
    return {
      intent: 'unclear',
      reason: `"${r.cueText}?" reads as a question, so nothing was recorded: reply with just ${answerWords(purpose)}.`,
      ...noteOf(body),
    };
  }
  // A proposal is approved or rejected whole: "Approved except pair 3", "OK but swap pair 2" decide nothing.
  const qualified = purpose === 'approval' && r.polarity !== undefined ? approvalQualified(structured.rest, r.cueText ?? '', r.polarity) : undefined;
  if (qualified) return { intent: 'unclear', reason: qualified, ...noteOf(body) };
  // "Couldn't make it this week. Yes, we'll try again on Thursday": the yes agrees with the words
  // before it and answers nothing; asked again, never read as a yes (QA replies6).
  if (r.polarity === undefined && r.doubted) {
    const words = answerWords(purpose);
    return {
      intent: 'unclear',
      reason: `The reply says "${r.doubted.yes}" only after words that say otherwise ("${r.doubted.refusal}"), so it is unclear: reply with just ${words}.`,
      ...noteOf(body),
    };
  }
  // "Happy to!", "Count me out": the introduction is answered in the person's own words (acceptance-words.ts).
  if (purpose === 'acceptance' && r.polarity === undefined && r.numbers.length === 0 && !hasStructure(extra)) {
    const own = acceptanceInWords(structured.rest);
    if (own) r = { ...r, polarity: own.polarity, cueText: own.written };
  }
  // An answer that opens a later line, under a line that answers nothing ("Apologies for the delay.\nYES 5"):
  // its rating is read there, as at the opening, never left in the note.
  if (r.polarity !== undefined && r.numbers.length === 0 && usesNumbersFor(purpose)) {
    for (const line of structured.rest.split('\n').slice(1)) {
      const opening = read(line, purpose);
      if (
        opening.polarity === r.polarity &&
        !opening.conflict &&
        opening.numbers.length > 0 &&
        opening.cueText &&
        line.trim().toLowerCase().startsWith(opening.cueText.toLowerCase())
      ) {
        r = { ...r, numbers: opening.numbers };
        break;
      }
    }
  }
  // An answer and a command together ("Yes 4\nSTOP", "YES and STOP", "Yes 4, and PAUSE until 3 March"):
  // one reply holds one of them, and which is meant cannot be told, so nothing is recorded and the person is
  // asked (never a yes with the command dropped into the note).
  const also = r.polarity !== undefined || r.numbers.length > 0 || hasStructure(extra) ? commandBesides(body) : undefined;
  if (also) return { intent: 'unclear', reason: besideTheAnswer(also, purpose, now, options), ...noteOf(body) };
  // "YES 4.5", "PROGRESS 4.5": a rating that is not a whole number is asked again, never dropped or rounded.
  const decimal = usesNumbersFor(purpose) ? decimalRating(structured.rest) : undefined;
  if (decimal) {
    const scale =
      purpose === 'milestone' ? 'progress is a whole number from 1 to 5, the recommendation score one from 0 to 10' : 'ratings are whole numbers from 1 to 5';
    return { intent: 'unclear', reason: `"${decimal}" is not a whole number (${scale}).`, ...noteOf(body) };
  }
  if (r.takenBack) {
    const words = purpose === 'approval' ? 'APPROVE or REJECT' : 'YES or NO';
    return {
      intent: 'unclear',
      reason: `The reply says ${r.polarity} ("${r.cueText}") and then takes it back ("${r.takenBack}"), so it is unclear: reply with just ${words}.`,
      ...noteOf(body),
    };
  }
  // "Yes, but next week": the check-in asks whether they met, and a meeting still to come is none.
  // A rating says how a meeting went, so it was held ("YES 4, next week again").
  if (purpose === 'check-in' && r.toCome && r.numbers.length === 0) {
    return {
      intent: 'unclear',
      reason: `The reply says yes ("${r.cueText}") but speaks of a meeting still to come ("${r.toCome}"), not one held: reply YES once you have met, or NO if you have not met since the day the check-in asks about.`,
      ...noteOf(body),
    };
  }
  const usesNumbers = usesNumbersFor(purpose);
  let rating: number | undefined;
  let score: number | undefined;
  let ignored: number | undefined;
  for (const n of usesNumbers ? r.numbers : []) {
    const fitsRating = n.value >= 1 && n.value <= 5 && n.scale !== 10;
    const fitsScore = purpose !== 'check-in' && n.value <= 10 && n.scale !== 5;
    if (fitsRating && rating === undefined) rating = n.value;
    else if (fitsScore && score === undefined) score = n.value;
    else ignored ??= n.value;
  }
  // A rating given but off the scale is not dropped in silence: the person is asked again, told why.
  const outside = [...(ignored !== undefined && (rating === undefined || score === undefined) ? [String(ignored)] : []), ...(structured.outside ?? [])];
  // (A bare number off the scale is "nothing read", below, which names the number too.)
  const readSomething = r.polarity !== undefined || rating !== undefined || score !== undefined || hasStructure(extra) || (structured.outside ?? []).length > 0;
  if (outside.length > 0 && readSomething) {
    const heard = r.polarity ? `"${r.cueText}" as ${r.polarity}, but ` : '';
    const scale = purpose === 'milestone' ? 'ratings go from 1 to 5, the recommendation score from 0 to 10' : 'ratings go from 1 to 5';
    return {
      intent: 'unclear',
      reason: `${heard}${outside.map((o) => `"${o}"`).join(' and ')} ${outside.length === 1 ? 'is' : 'are'} outside the scale asked for (${scale}).`,
      ...noteOf(body),
    };
  }
  const note = tidyNote(r.rest);
  const parts: string[] = [];
  if (r.polarity) parts.push(`"${r.cueText}" as ${r.polarity}`);
  if (rating !== undefined) parts.push(`rating ${rating} of 5`);
  if (score !== undefined) parts.push(`score ${score} of 10`);
  // A review answered per topic or per goal only is still an answer.
  const structuredOnly = purpose === 'milestone' && hasStructure(extra);
  const intent: ReplyIntent = r.polarity ?? (rating !== undefined || structuredOnly ? 'rating' : score !== undefined ? 'score' : 'unclear');
  if (intent === 'unclear') {
    // A command written inside a sentence ("Could you PAUSE the check-ins until 15 January?"): the
    // person is told how to write it so it is acted on, not only asked the question again.
    const inSentence = commandBesides(body);
    if (inSentence && ignored === undefined) return commandInSentence(inSentence, body, pauseExample(now, options.timeZone, options.pauseLastDay));
    const outOfRange = ignored === undefined ? '' : ` (${ignored} is outside the scale asked for)`;
    // "I want to leave the program": said in words, not as the command; the person is told the word that works.
    // "I'd like a different partner", "remove me from this pairing": REMATCH and END first, then STOP.
    const leaving = wishForPartner(body) ? ` ${PAIRING_WORDS}` : saysLeaving(body) ? ' If you want to leave the program, reply with just STOP.' : '';
    const away = leaving || purpose === 'acceptance' || purpose === 'approval' ? '' : awayHint(body, now, options.timeZone);
    return { intent, reason: `${NOTHING[purpose ?? 'any'].replace(/\.$/, `${outOfRange}.`)}${leaving}${away}`, ...noteOf(body) };
  }
  // A bare "Yes" to a review answers none of its questions: asked for the scores, never stored as an empty review.
  if (purpose === 'milestone' && rating === undefined && score === undefined && !hasStructure(extra)) {
    return {
      intent: 'unclear',
      reason: `"${r.cueText}" answers none of the review's questions: reply with PROGRESS (1 to 5) and RECOMMEND (0 to 10), for example "PROGRESS 4, RECOMMEND 9".`,
      ...noteOf(body),
    };
  }
  // A review takes both its scores, as its web form does: one missing is asked for in the same way,
  // never stored as a complete review that the second score could then no longer join.
  if (purpose === 'milestone' && (rating === undefined || score === undefined)) return reviewWithout(rating, score, body);
  // "No. I want to leave the program.", "No, we did not meet ... Please remove me from this pairing.":
  // recorded, the NO would be all that happens, and the person would believe they had left. Asked
  // again with the word that works, as the same words without the NO are (QA replies6). One that asks
  // to leave the pairing or for another partner ("Please remove me from this pairing", "No. I'd like
  // a different partner") is told REMATCH and END too. To an introduction or the fit check a NO
  // itself ends the pairing and brings a new partner, so a wish for one there is that NO's note.
  const leave = intent === 'no' && purpose !== 'approval' ? wishToLeave(body) : undefined;
  const partnerWish = intent === 'no' && purpose !== 'approval' ? wishForPartner(body) : undefined;
  const asksPartner = partnerWish !== undefined && (leave !== undefined || (purpose !== 'acceptance' && purpose !== 'fit'));
  if (leave || asksPartner) {
    const words = asksPartner ? PAIRING_WORDS : 'If you want to leave the program, reply with just STOP.';
    const asks = leave ? `asks to leave ("${leave}")` : `asks for another partner ("${partnerWish}")`;
    return {
      intent: 'unclear',
      reason: `"${r.cueText}" as no, but the reply also ${asks}, so nothing was recorded: to answer the question, reply with just NO. ${words}`,
      ...noteOf(body),
    };
  }
  // A NO to the introduction that says when they are back, in words the rematch policy cannot read as
  // a day ("away until after Easter"): recorded, it would close the introduction with no date and they
  // would be introduced again while away. Asked for the date instead, as an unreadable PAUSE date is.
  const unreadBack = purpose === 'acceptance' && intent === 'no' ? unreadReturn(note, now, options.timeZone) : undefined;
  if (unreadBack) return { intent: 'unclear', reason: unreadReturnReason(unreadBack, now, options.timeZone), ...noteOf(body) };
  parts.push(...structuredParts(extra));
  if (note) parts.push('a note');
  const listed = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}` : parts[0];
  return {
    intent,
    ...(rating !== undefined ? { rating } : {}),
    ...(score !== undefined ? { score } : {}),
    ...(note ? { note } : {}),
    ...extra,
    reason: `Understood ${listed}.`,
  };
}

/**
 * A review reply without its progress rating or its recommendation score (or without both, beside
 * per-topic or per-goal ratings): nothing recorded (unclear), and what was read is named so that the
 * person sends both scores together. The score that was read stays on the reading, as what was
 * understood ("PROGRESS 4" still means a progress rating), never as an answer.
 */
function reviewWithout(rating: number | undefined, score: number | undefined, body: string): ReplyAnswer {
  const missing =
    rating === undefined && score === undefined
      ? 'neither PROGRESS (1 to 5) nor RECOMMEND (0 to 10)'
      : rating === undefined
        ? `RECOMMEND ${score} but no PROGRESS (1 to 5)`
        : `PROGRESS ${rating} but no RECOMMEND (0 to 10)`;
  return {
    intent: 'unclear',
    ...(rating !== undefined ? { rating } : {}),
    ...(score !== undefined ? { score } : {}),
    reason: `The reply gives ${missing}, and a review takes both, so nothing was recorded: reply with PROGRESS (1 to 5) and RECOMMEND (0 to 10) together, for example "PROGRESS ${rating ?? 4}, RECOMMEND ${score ?? 9}".`,
    ...noteOf(body),
  };
}

/**
 * Why an answer with a command beside it recorded nothing, and what to send instead. A PAUSE beside
 * the answer to a pairing's question: both work, as two replies (QA raw replies: "reply with just
 * PAUSE ..., or with your answer alone" read as a choice). Beside the answer to an introduction,
 * whose pairing has not started (the question is open, so the person has not said YES): there is
 * nothing to pause, and what works before the start is said, with the day the PAUSE named as the
 * day they are back (before-start.ts), never a PAUSE that would be refused next.
 */
function besideTheAnswer(also: { word: string; written: string }, purpose: ReplyPurpose | undefined, now: Date, options: InterpretOptions): string {
  const said = `The reply answers the question and also says ${also.word} ("${also.written}")`;
  if (also.word !== 'PAUSE') return `${said}, so nothing was recorded: reply with just ${also.word}, or with your answer alone.`;
  if (purpose === 'acceptance') {
    const when = readPauseDate(also.written.replace(/^.*?(?:PAUSE|PAUSA|PAUZE)/iu, ''), now, options.timeZone);
    const back = when && 'date' in when && when.passed === undefined ? when.date : undefined;
    return `${said}, but your pairing has not started yet, so there is nothing to pause and nothing was recorded: ${notStartedAdvice(now, options.timeZone, back)}.`;
  }
  const pauses =
    (purpose === 'check-in' || purpose === 'milestone' || purpose === 'fit') && pauseExample(now, options.timeZone, options.pauseLastDay) !== undefined;
  if (pauses) return `${said}, so nothing was recorded: reply with your answer alone and, to pause too, with just PAUSE and its date in a second reply.`;
  return `${said}, so nothing was recorded: reply with just PAUSE and its date, or with your answer alone.`;
}

function usesNumbersFor(purpose?: ReplyPurpose): boolean {
  return purpose !== 'acceptance' && purpose !== 'approval' && purpose !== 'fit';
}

/** STOP, UNSUBSCRIBE, PAUSE or END beside an answer: in capitals anywhere, or a later line that reads as the command. */
const ENGLISH_MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december';

/**
 * A time limit on a STOP ("for a week", "until 15 January", "while I am on leave", "over the
 * holidays", "back in January", a date): a break is meant.
 */
const FOR_A_WHILE = new RegExp(
  `(?<![\\p{L}])(?:for (?:a|an|one|two|three|four|a few|a couple of|\\d+) (?:days?|weeks?|months?)|until|till|while|during|over|through|throughout|for now|for the (?:moment|rest of)|temporarily|this (?:week|month|year)|next (?:week|month)|back|returning|away|on (?:leave|holiday|vacation|parental leave)|holidays?|vacation|christmas|summer|winter|bis|pendant|durante|in (?:${ENGLISH_MONTH_NAMES}))(?![\\p{L}])|\\d`,
  'iu',
);

/**
 * A time limit written below a STOP ("I'm on holiday until 4 January", "back in January"): only the
 * words that set one, as free text below says "over", "while" or "through" for other things.
 */
const LATER_BREAK =
  /(?<![\p{L}])(?:until|till|for (?:a|an|one|two|three|four|a few|a couple of|\d+) (?:days?|weeks?|months?)|for now|for the time being|temporarily|back (?:on|in)|returning)(?![\p{L}])/iu;

/**
 * "stop for a while", "please stop the check-ins until January", "stop the reminders": a lower-case
 * stop that is no command (command) but asks for fewer emails, for a time or about what they ask.
 */
const STOP_BREAK =
  /^[\s*"'>-]*(?:please\s+|pls\s+|can you\s+|could you\s+)?(?:stop|unsubscribe)\s+(?:(?:the|all|any|these|those|your|my|me|sending|sending me|emailing me|e-?mailing|mailing)\s+)*(?:check-?ins?|reminders?|questions?|e-?mails?|mails?|messages?|notifications?|for (?:a|an|one|two|three|four|a few|a couple of|\d+) (?:little |short )?(?:while|bit|time|days?|weeks?|months?)|for now|for the (?:moment|time being|holidays?)|until|till|temporarily)(?![\p{L}])/iu;

/**
 * A STOP asked for after a courtesy opening (courtesy.ts): `break` when it asks for a break (a time
 * limit on its line, or what STOP_BREAK reads), else leaving. Undefined when the request is no STOP.
 */
function politeStop(line: string): { break: boolean } | undefined {
  const request = courteousRequest(line);
  if (request === undefined) return undefined;
  const stop = command(request)?.intent === 'stop';
  if (!stop && !STOP_BREAK.test(request)) return undefined;
  return { break: STOP_BREAK.test(request) || FOR_A_WHILE.test(request) };
}

/**
 * A lower-case "stop emailing me" that says nothing more: leaving. Anything more on its line
 * ("stop sending me reminders in December", "..., back in January") may be a break, and is asked.
 */
const STOP_MAIL_ALONE =
  /^[\s*"'>-]*(?:please\s+|pls\s+)?(?:stop|unsubscribe)(?:\s+(?:e-?mail(?:s|ing)?|mail(?:s|ing)?|messag(?:es|ing)|sending|writing|contacting|all|it|this|me|us|these|those|the|any|your|of|them|to|now))*(?:\s+(?:e-?mails?|mails?|messages?|reminders?|check-?ins?|questions?|notifications?))?[\s,.!]*(?:please|pls|thanks?|thank you|now)?[\s.!]*$/iu;

/** Leaving the program said in words (English and the lexicon's main languages), which only STOP does. */
const LEAVING =
  /\b(?:leave|leaving|quit|withdraw(?:ing)?|opt(?:ing)?[ -]out|drop out|remove me|take me off|unsubscribe|no longer (?:take|taking) part|aussteigen|austreten|abmelden|aufhören|nicht mehr teilnehmen|keine (?:e-?mails|mails|nachrichten) mehr|quitter|me désinscrire|désinscri\w*|plus participer|arrêter le programme|darme de baja|salir del programa|dejar el programa|abandonar el programa|lasciare il programma|sair do programa|deixar o programa|uitschrijven|stoppen met het programma|wypisz mnie)\b/iu;

/**
 * Leaving said in words that open with a no-word or end in an accented letter ("No more emails",
 * "No más correos", "Non voglio più partecipare", "Não quero continuar", "Basta email"), which \b
 * cannot bound. Opening a reply, its no-word is no answer (never "did not meet"): QA i18n.
 */
const LEAVING_PHRASE = new RegExp(
  `(?<![\\p{L}])(?:${[
    'no more (?:e-?mails?|mails?|messages|check-?ins?|reminders|questions)',
    'no más (?:e-?mails?|correos|mails?|mensajes|recordatorios|preguntas)',
    '(?:ya )?no (?:quiero|puedo) (?:seguir|continuar|participar)',
    'no me (?:envíen|envíes|manden|mandéis|enviéis) más',
    'dej(?:en|ad|a) de (?:enviarme|escribirme|mandarme)',
    'basta (?:de )?(?:e-?mails?|mails?|messaggi|correos|mensajes)',
    'non voglio più (?:partecipare|continuare|ricevere)',
    'non (?:mi )?(?:inviate|mandate|scrivete) più',
    'smettete di (?:inviarmi|mandarmi|scrivermi)',
    'n(?:ã|a)o quero (?:continuar|participar|mais)',
    'n(?:ã|a)o me (?:enviem|mandem) mais',
    'parem de (?:me )?(?:enviar|mandar)',
    'chega de (?:e-?mails?|mails?|mensagens)',
    'geen (?:e-?mails?|mails|berichten) meer',
    'niet meer (?:meedoen|deelnemen)',
    'plus de (?:e-?mails?|mails|courriels|messages)',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);

/**
 * A wish to leave beside an answer: only words that ask it plainly ("remove me", "I want to leave the
 * program", "opt out", "Ich möchte aussteigen", "No más correos"), never "Mia had to leave early" or
 * "I'm leaving for Berlin", which LEAVING would take for leaving when nothing is answered. The
 * sentence that asks, as written.
 */
const LEAVE_WISH = new RegExp(
  `(?<![\\p{L}])(?:${[
    'remove me(?! from (?:the|this|that|your) (?:calendar|invite|invitation|meeting|thread|cc|call|chat)(?![\\p{L}]))',
    'take me off',
    'count me out',
    'opt(?:ing)?[ -]out',
    'unsubscribe',
    'drop out',
    'no longer (?:take|taking) part',
    "(?:want|wish|would like|'d like|need|have decided|decided|am going|'m going) to (?:leave|quit|withdraw|stop)(?= *(?:[.,;:!?)]|$|(?:the|this|from)(?![\\p{L}])))",
    '(?:leave|leaving|quit|quitting|withdraw(?:ing)? from) (?:the|this) (?:program(?:me)?|pairing|mentoring|scheme)',
    'aussteigen|austreten|abmelden|nicht mehr teilnehmen|me désinscrire|plus participer|darme de baja|salir del programa|dejar el programa|abandonar el programa|lasciare il programma|sair do programa|deixar o programa|uitschrijven|stoppen met het programma|wypisz mnie',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);

function wishToLeave(body: string): string | undefined {
  const plain = body.replace(TIME_OFF, (m) => ' '.repeat(m.length));
  const m = LEAVE_WISH.exec(plain) ?? LEAVING_PHRASE.exec(plain);
  return m ? clauseAt(body, m) : undefined;
}

/**
 * A wish for another partner, or to leave the pairing rather than the program, said in words: "I'd
 * like a different partner", "Could I be paired with someone else?", "Please remove me from this
 * pairing", "Ich möchte einen anderen Partner". REMATCH (a new partner) or END (the pairing ends)
 * does that; STOP, which leaves the whole program, is not all there is to offer. Never "my new
 * partner has been great" or "Mia's other mentee", which ask for nothing.
 */
const PARTNER_WISH = new RegExp(
  `(?<![\\p{L}])(?:${[
    "(?:want|wish for|would like|'d like|like|need|get|have|request|ask(?:ing)? for|prefer|be given|give me|find me|assign me) (?:a |an )?(?:different|new|another|other) (?:partner|mentor|mentee|match)",
    '(?:a |an )?different (?:partner|mentor|mentee)',
    '(?:paired|matched|partnered|put) (?:up )?with (?:someone|somebody) else',
    '(?:change|changing|switch|switching|swap|swapping) (?:my |our )?(?:partners?|mentors?|mentees?)',
    '(?:remove|take) me (?:off|from|out of) (?:the|this|my|our) (?:pairing|match)',
    '(?:leave|leaving|quit|quitting|exit|withdraw(?:ing)? from|end|ending) (?:the|this|my|our) (?:pairing|match|partnership)',
    'eine[nm]? (?:anderen|neuen) (?:partner(?:in)?|mentor(?:in)?)',
    'un(?:e)? autre (?:partenaire|binôme|mentor)',
    'otr[oa] (?:compañer[oa]|mentor[a]?|pareja)',
    "un(?:a|')? ?altr[oa] (?:partner|mentor)",
    'outr[oa] (?:parceir[oa]|mentor[a]?)',
    'een andere (?:partner|mentor|match)',
  ].join('|')})(?![\\p{L}])`,
  'iu',
);

/** What to reply to change partner or end the pairing, and to leave the program (PARTNER_WISH). */
const PAIRING_WORDS =
  'If you would rather not go on with your partner, reply with just REMATCH to ask for a new one, or with just END to end your pairing; to leave the program, reply with just STOP.';

/** The clause of a reply that asks for another partner or to leave the pairing (PARTNER_WISH), as written. */
function wishForPartner(body: string): string | undefined {
  const m = PARTNER_WISH.exec(body.replace(TIME_OFF, (t) => ' '.repeat(t.length)));
  return m ? clauseAt(body, m) : undefined;
}

/** The clause of `body` a match sits in: from the last comma, full stop or dash before it to the end of its sentence (80 characters at most). */
function clauseAt(body: string, m: RegExpExecArray): string {
  const start = /^[\s\S]*(?:[.!?\n,;:]|\s[-–—](?=\s))/u.exec(body.slice(0, m.index))?.[0].length ?? 0;
  const end = body.slice(m.index).search(/[.!?\n]/u);
  return body
    .slice(start, end < 0 ? undefined : m.index + end)
    .trim()
    .slice(0, 80);
}

/** Leaving said in words, anywhere in a text (LEAVING, LEAVING_PHRASE); time off ("on leave") is not leaving. */
function saysLeaving(text: string): boolean {
  const plain = text.replace(TIME_OFF, ' ');
  return LEAVING.test(plain) || LEAVING_PHRASE.test(plain);
}

/** Where a reply's answer would open: after quote marks, list dashes and the like (as read() skips them). */
function openingAt(text: string): number {
  return text.length - text.replace(/^[\s*\-–—"'«»„“”>¿¡]+/u, '').length;
}

/** A "not sure" phrase (fit.ts) that opens the reply, as written: "No idea yet" gives "No idea". */
function openingDoubt(body: string): string | undefined {
  const found = unsureAt(lowerSameLength(body));
  return found && found.index === openingAt(body) ? body.slice(found.index, found.index + found.cue.length) : undefined;
}

/** What a reply to `purpose` is asked to answer with, for a reason that asks again. */
function answerWords(purpose?: ReplyPurpose): string {
  if (purpose === 'approval') return 'APPROVE or REJECT';
  if (purpose === 'milestone') return 'PROGRESS (1 to 5) and RECOMMEND (0 to 10)';
  return purpose === 'fit' ? 'YES, NOT SURE or NO' : 'YES or NO';
}

/** Whether the answer word `cue` is asked back where it stands in `text` ("Yes?", "No? We never got the invite"). */
function askedBack(text: string, cue: string): boolean {
  const word = new RegExp(`(?<![\\p{L}])${escapeRegExp(cue)}(?![\\p{L}])`, 'iu').exec(text);
  return word !== null && /^[^\S\n]*\?/u.test(text.slice(word.index + cue.length));
}

/** Words that make an approval a conditional or partial one: "except pair 3", "but swap pair 2", "once Sam confirms". */
const APPROVAL_QUALIFIER =
  /(?<![\p{L}])(?:except|but|apart from|other than|besides|excluding|unless|as long as|provided|only if|pending|subject to|swap|change|remove|replace|exclude|drop|move|switch|split)(?![\p{L}])/iu;
/** A condition right after the answer word: "Approve if the dates work", "OK once Sam confirms". */
const CONDITION_AFTER = /^[\s,]*(?:if|when|once|after)(?![\p{L}])/iu;

/**
 * Why a reply to a matching proposal decides nothing, if it does not: an approval with a condition
 * or a change ("Approved except pair 3"), or a rejection that approves some ("Reject pair 2,
 * approve the rest"), which the proposal cannot take: it is approved or rejected as a whole.
 */
function approvalQualified(text: string, cue: string, polarity: Polarity): string | undefined {
  const at = cue ? text.toLowerCase().indexOf(cue.toLowerCase()) : -1;
  // A REJECT may give its reasons ("Reject, but good effort"); only one that approves some of it ("Reject pair 2, approve the rest") is partial.
  // Read on the answer's own line and a next line that opens with the qualifier ("APPROVE\nBut swap pair 2"),
  // never in a sign-off below ("Let me know if you need anything").
  const lineEnd = text.indexOf('\n', Math.max(at, 0));
  const nextLine =
    lineEnd < 0
      ? ''
      : (text
          .slice(lineEnd + 1)
          .trimStart()
          .split('\n')[0] ?? '');
  const answerLine = text.slice(text.lastIndexOf('\n', Math.max(at, 0)) + 1, lineEnd < 0 ? text.length : lineEnd);
  const scope = APPROVAL_QUALIFIER.exec(nextLine)?.index === 0 ? `${answerLine}\n${nextLine}` : answerLine;
  const condition = polarity === 'yes' && at >= 0 ? CONDITION_AFTER.exec(text.slice(at + cue.length)) : null;
  const qualifier = condition
    ? { index: at }
    : polarity === 'yes'
      ? APPROVAL_QUALIFIER.exec(scope)
      : /(?<![\p{L}])(?<!(?:not|n't|never|would|could|might|will|'d)\s+)approv(?:e|ed|ing)(?![\p{L}])/iu.exec(scope);
  if (!qualifier) return undefined;
  const line =
    scope
      .slice(scope.lastIndexOf('\n', qualifier.index) + 1)
      .split('\n')[0]
      ?.trim() ?? '';
  return `The reply answers with a condition or a change ("${line.slice(0, 80)}"), and a proposal is approved or rejected as a whole, so nothing was decided: reply APPROVE to start every proposed pair as it is, or REJECT to close the proposal.`;
}

/** Whether a wish to leave said in words opens the text ("No more emails, please"). */
function openingLeave(text: string): boolean {
  const m = LEAVING_PHRASE.exec(text.replace(TIME_OFF, ' '));
  return m !== null && m.index === openingAt(text);
}

/** RESUME (or UNPAUSE, or its translation) opening a reply in capitals, or alone in any letter case. */
const RESUME_WORDS = 'resume|unpause|reanudar|retomar|riprendere|riprendi|hervatten|fortsetzen|weiter|reprendre|wznów';
const RESUME_CAPITALS = new RegExp(`^\\s*(?:${RESUME_WORDS.toUpperCase()})(?![\\p{L}])(?!\\s+SO(?![\\p{L}]))`, 'u');
const RESUME_ALONE = new RegExp(`^\\s*(?:${RESUME_WORDS})[\\s.!]*$`, 'iu');
function saysResume(body: string): boolean {
  return RESUME_CAPITALS.test(body) || RESUME_ALONE.test(body);
}

/** Being away in words ("I'm off 21 Dec, back 11 Jan", "on leave until 4 January"), which only PAUSE acts on. */
const AWAY =
  /(?<![\p{L}])(?:away|off|on (?:leave|holiday|vacation)|(?:parental|annual|sick|maternity|paternity|study) leave|out of (?:the )?office|ooo|vacation|holidays?|urlaub|vacances|vacaciones)(?![\p{L}])/iu;

/** Time away told of in the past tense. */
const WAS_AWAY = /(?<![\p{L}])(?:was|were|had been|have been|has been|got back|came back|returned|war|étais|estuve)(?![\p{L}])/iu;

/** "on leave", "parental leave": time off, not leaving the program (LEAVING). */
const TIME_OFF = /(?<![\p{L}])(?:on|parental|annual|sick|maternity|paternity|study|medical|unpaid|garden) leave(?![\p{L}])/giu;

/**
 * A reply that says the writer will be away, with days that read as a pause, and answers nothing:
 * the line to reply so that the pairing pauses (never paused from words alone: a wrong pause
 * silences the pair).
 */
function awayHint(body: string, now: Date, timeZone?: string): string {
  const command = awayPauseLine(body, now, timeZone);
  return command ? ` If you will be away, reply with just "${command}" to pause your pairing: nothing was paused.` : '';
}

/**
 * The PAUSE line that would pause the pairing for the time away a text tells of ("I'm off from 21
 * Dec, back 11 Jan" gives "PAUSE from 21 December until 11 January"), or undefined when no line
 * says the writer will be away on days still to come. Words never pause a pairing themselves.
 * `lastDay`: the last day a pause of the pairing may run to (pairing/controls.ts, pauseBound), when
 * known. A return after it gives a line until that day, which the pairing takes (pause-example.ts);
 * time away that starts on or after it, none: a line sent back would be refused as after the end.
 */
export function awayPauseLine(text: string, now: Date, timeZone?: string, lastDay?: string): string | undefined {
  // "I was off from 1 January, back 3 January" tells of days gone: read as dates to come, they would be next year's.
  const line = text.split('\n').find((l) => AWAY.test(l) && !WAS_AWAY.test(l));
  if (!line) return undefined;
  const when = readPauseDate(line, now, timeZone);
  if (!when || !('date' in when) || when.passed !== undefined) return undefined;
  if (lastDay !== undefined) {
    const window = { timeZone: timeZone ?? 'UTC', at: now.toISOString(), lastDay };
    const from = when.from ? { from: when.from } : {};
    return boundedPauseExample(window, [
      { until: when.date, ...from },
      { until: lastDay, ...from },
    ]);
  }
  const day = (d: string) => dayAndMonth(new Date(`${d}T00:00:00Z`));
  return when.from ? `PAUSE from ${day(when.from)} until ${day(when.date)}` : `PAUSE until ${day(when.date)}`;
}

/** The reading of a reply whose only command is written inside a sentence: nothing is done, and the reason says how to write it. */
function commandInSentence(found: { word: string; written: string }, body: string, example: string | undefined): ReplyAnswer {
  const how: Record<string, string> = {
    PAUSE: `reply with PAUSE and the date you will be back on a line of its own${forExample(example)}`,
    STOP: 'reply with just STOP on the first line',
    END: 'reply with just END on the first line',
  };
  return {
    intent: 'unclear',
    ...(found.word === 'PAUSE' ? { command: 'pause' as const } : {}),
    reason: `The reply mentions ${found.word} inside a sentence ("${found.written.slice(0, 80)}"), so nothing was done: to act on it, ${how[found.word] ?? `reply with just ${found.word} on the first line`}.`,
    ...noteOf(body),
  };
}

/**
 * A command in capitals on a line of its own under an opening that answers nothing ("I'm off on a
 * family holiday.\n\nPAUSE until 27 February", "I am leaving the company.\nSTOP"; "pause until 27
 * February" in lower case too, which command() takes only with its date): the person
 * wrote the command as the footers say, a sentence of context first. Not when the opening answers
 * (a yes, a no, a rating: "YES 4\nPAUSE until ..." is an answer with a command beside it), holds
 * a command word in capitals itself, or is longer than three lines; nor a signature's slogan.
 */
function commandUnderOpening(body: string): Commands {
  const lines = body.split('\n');
  const at = lines.findIndex((line, i) => i > 0 && line.trim() !== '' && command(line) !== null);
  if (at < 1) return null;
  const found = command(lines.slice(at).join('\n'));
  // In capitals; a lower-case "pause until 27 February" too, which command() reads only with its date.
  if (!found || !(found.shouting || found.intent === 'pause') || inCapitalsPhrase(found.rest.split('\n')[0] ?? '')) return null;
  // "Thanks.\n\nLeo Grant\nVP Operations\nPAUSE before you click links.": a disclaimer's words, never a pause.
  if (found.shouting && proseCommandLine(lines[at]!, textLinesAbove(lines)[at] ?? 0)) return null;
  if (SLOGAN.test(lines[at]!) || withoutSignatureSlogans(lines)[at]?.trim() === '') return null;
  const opening = lines.slice(0, at).filter((l) => l.trim());
  if (opening.length > 3 || /(?<![\p{L}\p{N}])(?:STOP|UNSUBSCRIBE|PAUSE|PAUSA|PAUZE|END|REMATCH)(?![\p{L}\p{N}])/u.test(opening.join(' '))) return null;
  const before = read(opening.join('\n'));
  if (before.polarity !== undefined || before.doubted || before.numbers.length > 0) return null;
  return found;
}

/** A command word in capitals, as commandBesides looks for it anywhere. */
const CAPITAL_COMMAND = /(?<![\p{L}\p{N}])(STOP|UNSUBSCRIBE|PAUSE|PAUSA|PAUZE|END)(?![\p{L}\p{N}])([^\n.!?]*)/gu;

/** How many lines with text are above each line. */
function textLinesAbove(lines: readonly string[]): number[] {
  let above = 0;
  return lines.map((line) => {
    const count = above;
    if (line.trim()) above++;
    return count;
  });
}

/**
 * Whether the command command() read on `line` is in capitals inside prose ("PAUSE before you click
 * links." in a disclaimer under the name): no command (command-in-prose.ts).
 */
function proseCommandLine(line: string, linesAbove: number): boolean {
  const m = new RegExp(CAPITAL_COMMAND.source, 'u').exec(line);
  return m !== null && commandInProse(line, m.index, m[1]?.length ?? 0, linesAbove);
}

function commandBesides(body: string): { word: string; written: string } | undefined {
  const lines = withoutSignatureSlogans(body.split('\n'));
  const above = textLinesAbove(lines);
  for (const [i, line] of lines.entries()) {
    if (i === 0) continue;
    const c = command(line);
    if (c && !inCapitalsPhrase(c.rest) && !(c.shouting && proseCommandLine(line, above[i] ?? 0))) return { word: c.word, written: line.trim() };
  }
  // PAUSA (es, it, pt) and PAUZE (nl) are PAUSE, as command() reads them.
  for (const [i, line] of lines.entries()) {
    for (const m of line.matchAll(CAPITAL_COMMAND)) {
      const word = m[1] === 'UNSUBSCRIBE' ? 'STOP' : m[1] === 'PAUSA' || m[1] === 'PAUZE' ? 'PAUSE' : (m[1] ?? '');
      if (!inCapitalsPhrase(m[2] ?? '') && !commandInProse(line, m.index, m[1]?.length ?? 0, above[i] ?? 0)) return { word, written: m[0].trim() };
    }
  }
  return undefined;
}

/** Words in capitals, each closed by a full stop, alone on a line: "STOP. THINK. ACT.", "PAUSE. BREATHE. LEAD.". */
const SLOGAN = /^\s*(?:\p{Lu}[\p{Lu}'’-]*\.\s*){3,6}$/u;
const COMMAND_WORD = /^(?:STOP|UNSUBSCRIBE|PAUSE|PAUSA|PAUZE|END)$/u;
/** Words in capitals after STOP or another command that make it one ("STOP ALL EMAILS", "STOP NOW"). */
const GOES_ON_AS_COMMAND = 'E-?MAILS?|MAILS?|MESSAGES|SENDING|WRITING|CONTACTING|ALL|IT|THIS|NOW|PLEASE|UNTIL|TILL|FOR|TO';
/** Words that would make a command of a slogan line ("STOP. ALL. EMAILS.", "STOP. ME. NOW."). */
const COMMAND_GOES_ON = new RegExp(`^(?:${GOES_ON_AS_COMMAND}|ME|US)$`, 'u');
/** The same words right after a command word ("STOP ALL EMAILS"): a command, not a phrase in capitals. */
const GOES_ON_AFTER = new RegExp(`^\\s+(?:${GOES_ON_AS_COMMAND})\\b`, 'u');

/**
 * The lines with a signature's slogan in capitals blanked out ("STOP. THINK. ACT." under the name, as
 * Outlook on the web appends it to every message): its STOP or PAUSE is no command, so the answer
 * above it is read. Only that shape, and only in a signature's place: under at least two other lines
 * (the answer, then the name or sign-off), one command word among capitalised words that do not go
 * on as a command. "YES 5\n\nSTOP", "Yes 5. STOP" or "Yes 5\nSTOP. THINK. ACT." stay a command
 * beside the answer.
 */
function withoutSignatureSlogans(lines: readonly string[]): string[] {
  let above = 0;
  return lines.map((line) => {
    const slogan = above >= 2 && SLOGAN.test(line) && isSlogan(line.match(/\p{Lu}[\p{Lu}'’-]*/gu) ?? []);
    if (line.trim()) above++;
    return slogan ? '' : line;
  });
}

function isSlogan(words: readonly string[]): boolean {
  const commands = words.filter((w) => COMMAND_WORD.test(w));
  return commands.length === 1 && !words.some((w) => COMMAND_GOES_ON.test(w));
}

/**
 * Whether what follows a word in capitals makes it part of a phrase in capitals (a team or a title
 * in a signature: "END USER COMPUTING", "STOP SHOP"), not a command, unless it goes on as one
 * ("STOP ALL EMAILS", "PAUSE UNTIL 3 MARCH").
 */
function inCapitalsPhrase(after: string): boolean {
  return /^\s+\p{Lu}{2,}(?![\p{Ll}])/u.test(after) && !GOES_ON_AFTER.test(after);
}

/** A number with a decimal part where a rating is given: at the opening ("YES 4.5") or after a label ("PROGRESS 4.5"). */
function decimalRating(text: string): string | undefined {
  const label = /(?:rating|rate|rated|progress|score|recommend|recommendation|nps)\p{L}*\s*[:=\-–]?\s*$/iu;
  for (const m of text.matchAll(/(?<![\p{N}.,:/])(\d{1,2}[.,]\d{1,2})(?![.,]?\p{N})/gu)) {
    const before = text.slice(0, m.index).split('\n').at(-1) ?? '';
    const opening = text.slice(0, m.index).trim() === '' || /^\s*[\p{L}!👍]+[\s,:!\-–]*$/u.test(text.slice(0, m.index));
    if (opening || label.test(before)) return m[1];
  }
  return undefined;
}

/**
 * "1. 4 / 2. how to use Copilot / 3. budgets / 4. 9": the review's four questions answered by their
 * numbers. Question 1 is progress and question 4 the recommendation, so they are read as such (never
 * "1" as progress and "4" as the score); the other answers stay as the note.
 */
function byQuestionNumber(body: string): string {
  const lines = body.split('\n').flatMap(answersOnOneLine);
  const numbered = lines.map(questionNumbered);
  const at = (n: string) => numbered.findIndex((x) => x?.n === n);
  const first = at('1');
  const count = ['1', '2', '3', '4'].filter((n) => at(n) >= 0).length;
  if (first < 0 || count < 2 || !/^\d/.test(numbered[first]!.rest)) return body;
  return lines
    .map((l, i) => {
      const x = numbered[i];
      if (!x || i !== at(x.n)) return l;
      if (x.n === '1') return `PROGRESS ${x.rest}`;
      if (x.n === '4' && /^\d/.test(x.rest)) return `RECOMMEND ${x.rest}`;
      return x.rest;
    })
    .join('\n');
}

/**
 * "1. 4 2. how Carlos reads a P&L 3. prompt writing 4. 9", "1) 4, 2) aprendí ..., 4) 9": the
 * numbered answers written on one line, each on a line of its own, as they are read when written so
 * (QA replies6). Only a line that opens with question 1 and goes on to question 2 (then 3, then 4)
 * in order; any other line stays as it is.
 */
function answersOnOneLine(line: string): string[] {
  if (questionNumbered(line)?.n !== '1') return [line];
  const starts = [0];
  for (const n of ['2', '3', '4']) {
    const marker = new RegExp(`(?<=[\\s,;])(?:\\(\\s*${n}\\s*\\)|#?${n}\\s*(?:\\.(?=\\s)|[):]))\\s*\\S`, 'gu');
    marker.lastIndex = starts.at(-1)! + 1;
    const found = marker.exec(line);
    if (!found) break;
    starts.push(found.index);
  }
  if (starts.length < 2) return [line];
  return starts.map((at, i) => line.slice(at, starts[i + 1]).replace(/[\s,;]+$/u, ''));
}

/**
 * A line opened by a question's number, 1 to 4, however it is written ("1." "1)" "1:" "1 =" "#1."
 * "(1)" "1 -" "1 –"), and what follows it; undefined for any other line ("4 out of 5").
 */
function questionNumbered(line: string): { n: string; rest: string } | undefined {
  // "1." only before a space: "4.5" is a rating that is not a whole number, asked again (never question 4).
  const m = /^\s*(?:\(\s*([1-4])\s*\)|#?([1-4])\s*(?:\.(?=\s)|[):=])|([1-4])\s+[-–—])\s*(\S.*)$/u.exec(line);
  const n = m?.[1] ?? m?.[2] ?? m?.[3];
  return m && n ? { n, rest: m[4] ?? '' } : undefined;
}

function structuredParts(s: StructuredAnswer): string[] {
  const parts: string[] = [];
  const items = Object.keys(s.items ?? {});
  const goalItems = items.filter((k) => k.startsWith('goal-')).length;
  if (items.length > goalItems) parts.push(`${items.length - goalItems} per-topic rating${items.length - goalItems === 1 ? '' : 's'}`);
  if (goalItems > 0) parts.push(`${goalItems} goal rating${goalItems === 1 ? '' : 's'}`);
  if (s.goals) parts.push(`${s.goals.length} goal${s.goals.length === 1 ? '' : 's'}`);
  if (s.keep || s.change) parts.push('feedback on the program');
  if (s.partnerNote) parts.push('a note to share with the partner');
  if (s.partnerNoteWithheld) parts.push('a note for the partner that stays unsent (no SHARE)');
  return parts;
}
