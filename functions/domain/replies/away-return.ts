import { awayExampleDay } from '../emails/footer';
import { readAwayUntil } from '../rematch-policy';
import type { ReplyAnswer, ReplyPurpose } from './interpret';
import { readPauseDate } from './pause-date';

/**
 * A NO to an introduction that says when the person is back (QA mail8). The introduction's footer
 * promises "Reply NO with the date you are back: this introduction then closes without blame, and
 * you are matched again from that date", and the rematch policy reads that date from the NO's note
 * (`readAwayUntil`, rematch-policy.ts). A return it cannot read ("away until after Easter", "on
 * parental leave until the summer", "bis nach Ostern") would close the introduction with no date,
 * and the person would be introduced again while still away: such a NO is not recorded, and the
 * person is asked for the date in a form that is read, as an unreadable PAUSE date is.
 */

/**
 * Words that say when someone is back, by language: "until", "back in/after", "not before", "only
 * from"... A closing formula that starts the same way ("bis bald", "hasta pronto", "tot ziens") is
 * no return.
 */
const RETURN_WORDS = [
  // English
  'until',
  'untill',
  'till',
  'til',
  '(?:back|return|returning|available(?: again)?) (?:in|on|after|from|at|by|around|next|early|mid|late)',
  'not (?:back|available|around|free) (?:before|till|until)',
  'not before',
  'only (?:after|from)',
  // German
  'bis(?! (?:bald|dann|später|morgen früh|gleich)\\b)',
  'erst (?:nach|ab|im|in|am|wieder)',
  '(?:zurück|wieder da|wieder zurück) (?:ab|nach|im|in|am|zu)',
  // French
  "jusqu(?:'|’)",
  'jusque',
  'de retour (?:en|le|à|au|après|début|mi|fin)',
  'pas avant',
  "(?:qu'|qu’)après",
  "à partir (?:de|du|des|d'|d’)",
  // Spanish
  'hasta(?! (?:pronto|luego|la vista)\\b)',
  '(?:de vuelta|vuelvo|regreso) (?:en|el|a|después|tras|a principios|a mediados|a finales)',
  'no antes de',
  'a partir de',
  // Italian
  'fino (?:a|al|all|alla|allo|ai|alle)',
  '(?:rientro|torno|di ritorno) (?:a|ad|in|il|dopo|da|a inizio|a metà|a fine)',
  "non prima (?:di|del|della|dello|dei|delle|dell'|dell’)",
  'a partire da',
  // Portuguese
  'até(?! (?:breve|logo|já|mais)\\b)',
  '(?:de volta|volto|regresso) (?:em|no|na|a|depois|após|no início|em meados|no fim)',
  'não antes (?:de|do|da|dos|das)',
  // Dutch
  'tot(?! (?:ziens|snel|later|straks|dan|gauw)\\b)',
  '(?:terug|weer terug) (?:in|op|na|vanaf|begin|half|eind)',
  'pas (?:na|vanaf|in|op)',
  'vanaf',
  // Polish (after a word for being away: "do" alone is English too)
  '(?:urlop\\p{L}*|nieobecn\\p{L}*|wracam|wrócę) (?:do|po|w|od)',
];

/** Being away or off for a time, without a return word: "away for the summer", "on leave over Christmas". */
const AWAY_FOR =
  /(?<![\p{L}])(?:away|off|out of office|on (?:\p{L}+ )?leave|(?:parental|maternity|paternity|sick|study) leave|on holiday|on vacation|on sabbatical|travell?ing|abroad|unavailable|not available|weg|abwesend|im urlaub|in elternzeit|in mutterschutz|absente?|en congé|en vacances|ausente|de baja|de vacaciones|assente|in ferie|in congedo|de licença|de férias|afwezig|met verlof|op vakantie|na urlopie)\s+(?:for|over|during|through|throughout|in|after|über|während|den ganzen|pendant|durant|après|durante|después de|tras|per|dopo|depois de|na|tijdens|przez|po)(?![\p{L}])/iu;

// A word ends where a letter does not follow, or with its apostrophe ("jusqu'à Pâques").
const RETURN = new RegExp(`(?<![\\p{L}])(?:${RETURN_WORDS.join('|')})(?:(?<=['’])|(?![\\p{L}]))`, 'iu');

/** Where a clause ends: the return it names is quoted up to there ("until the summer, sorry": "until the summer"). */
const CLAUSE_END = /(?<!\d)\.(?!\d)|[,;!?\n(]|\s[-–—]\s|\s(?:but|aber|mais|pero|ma|mas|maar|ale|sorry|désolée?|lo siento|scusa|desculpe)(?![\p{L}])/iu;

/** The few words that say when the person is back, as written ("until after Easter", "away for the summer"). */
function returnPhrase(text: string): string | undefined {
  const from = RETURN.exec(text)?.index ?? AWAY_FOR.exec(text)?.index;
  if (from === undefined) return undefined;
  const rest = text.slice(from);
  const end = rest.slice(1).search(CLAUSE_END);
  const phrase = (end < 0 ? rest : rest.slice(0, end + 1)).trim();
  return phrase.length > 60 ? `${phrase.slice(0, 60).trimEnd()}...` : phrase;
}

/**
 * The phrase of a NO's note that says when the writer is back but that the rematch policy cannot
 * read as a day ("until after Easter"); undefined when it reads one, or when the note names no
 * return at all (a plain NO returns the person to the pool for the next matching run).
 */
export function unreadReturn(note: string | undefined, now: Date, timeZone?: string): string | undefined {
  if (!note) return undefined;
  const phrase = returnPhrase(note);
  if (!phrase) return undefined;
  return readAwayUntil(note, now, timeZone) === undefined ? phrase : undefined;
}

/** Why such a NO was not recorded, and the line that would be (the example day as the introduction's footer gives it, in the writer's zone). */
export function unreadReturnReason(phrase: string, now: Date, timeZone?: string): string {
  const read = readPauseDate(phrase, now, timeZone);
  const why =
    read && 'date' in read && read.passed !== undefined ? `"${phrase}" names a day that has passed` : `"${phrase}" could not be read as the date you are back`;
  return `${why}, so your NO was not recorded and the introduction is still open: reply NO with the date you are back, written as a day and a month name (for example "NO, away until ${awayExampleDay(now, timeZone ?? 'UTC')}"), and you are matched again from that day; or reply with just NO to decline without a date.`;
}

/**
 * The day a recorded NO to an introduction says the writer is back, as the rematch policy reads it
 * (their `availableFrom`): confirmed to them (emails/replies.ts, declineRecorded). Undefined for any
 * other answer, and for a NO that names no such day.
 */
export function declinedUntil(purpose: ReplyPurpose, reading: Pick<ReplyAnswer, 'intent' | 'note'>, now: Date, timeZone?: string): string | undefined {
  return purpose === 'acceptance' && reading.intent === 'no' ? readAwayUntil(reading.note, now, timeZone) : undefined;
}
