import { todayFor } from '../pairing/controls';

/**
 * The date in "PAUSE until 2027-03-01", "pause until March 1", "pause until 1.3.2027" or
 * "pause for 3 weeks". A slash date is read only when its order cannot be mistaken ("23/04/2027",
 * "4/23/2027"): "3/1" is refused, as half the company reads it day-first and half month-first.
 */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'styczeń', 'stycznia'],
  ['february', 'feb', 'februar', 'février', 'févr', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari', 'luty', 'lutego'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart', 'marzec', 'marca'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwiecień', 'kwietnia'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maj', 'maja'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwiec', 'czerwca'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipiec', 'lipca'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpień', 'sierpnia', 'augusti'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'set', 'setembro', 'wrzesień', 'września'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'październik', 'października'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopad', 'listopada'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'diciembre', 'dic', 'dicembre', 'dezembro', 'grudzień', 'grudnia'],
];
MONTH_NAMES.forEach((names, index) => names.forEach((n) => (MONTHS[n] = index + 1)));

/**
 * "From ... until ..." in the other languages the reply reader knows, each pair of words its own
 * (QA i18n2: a Dutch or Portuguese range paused at once until the day they leave): Dutch "van ...
 * tot", Portuguese "de/desde ... a/até", Italian "da ... a", Polish "od ... do", Spanish "a partir
 * del ... hasta". Tried only when no English, German, French or Spanish range is found: "de" and
 * "a" are everyday words, read as a range only in that order, around two days.
 */
const OTHER_RANGE = /(?<![\p{L}])(?:van|desde|de|da|od|a partir del?)(?![\p{L}]).*?(?<![\p{L}])(tot|até|ate|a|do|hasta)(?![\p{L}])/u;

const MONTH = `(${Object.keys(MONTHS)
  .sort((a, b) => b.length - a.length)
  .join('|')})\\.?`;
const ORDINAL = '(\\d{1,2})(?:st|nd|rd|th|er|e|º|\\.)?';
const YEAR = '(?:,?\\s*(\\d{4}))?';

/**
 * `passed`: a day that is today or has passed for the writer (with a year, or named
 * without one and fallen in the last few weeks: "until 10 January" on 13 January), as written. `date` is then that past day, never the same day next year:
 * a pause of almost a year is not what anyone means, so the reply is asked about again.
 */
export type PauseDate = { date: string; passed?: string; from?: string } | { unreadable: string } | { startOnly: string; from: string } | UnreadPart | null;

/**
 * A pause from one day until another of which one part could not be read (`unreadable`, as
 * written): the day they leave ("from Christmas until 11 January", "tomorrow to 4 January"), the
 * day they are back ("21 December until I am back", "21 December to the 4th"), or which is which
 * ("back 11 January, leaving 21 December"). Never read as the day that could be: pausing now
 * until the day they leave, or from today while they are still working, is what the writer did not
 * ask. `until` and `from` are the days of an example that would do: those read, the other two
 * weeks off (no `from` when no start after today was read).
 */
export type UnreadPart = { unreadable: string; part: 'start' | 'return' | 'both'; until: string; from?: string };

/** How far back a day named without a year still reads as that (past) day rather than next year's. */
const RECENT_PAST_DAYS = 60;

function iso(year: number, month: number, day: number): string | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return d.toISOString().slice(0, 10);
}

type Dated = { date: string; passed?: true } | null;

// Without a year, the next such day from today: "until March 1" in November means next March. A day
// that is today or passed in the last weeks ("until 10 January" on 13 January) is that day, marked
// passed: moving it to next year would pause for almost a year in silence.
function withYear(month: number, day: number, year: string | undefined, today: string): Dated {
  if (year) return dated(iso(Number(year), month, day));
  const year0 = Number(today.slice(0, 4));
  const thisYear = iso(year0, month, day);
  if (thisYear === null) return dated(iso(year0 + 1, month, day));
  if (thisYear > today) {
    // Across New Year: "until 10 December" on 27 January is last year's day, 48 days ago (a slip),
    // never this December.
    const lastYear = iso(year0 - 1, month, day);
    const lastDaysAgo = lastYear ? (Date.parse(today) - Date.parse(lastYear)) / 86_400_000 : Infinity;
    return lastYear && lastDaysAgo <= RECENT_PAST_DAYS ? { date: lastYear, passed: true } : { date: thisYear };
  }
  const daysAgo = (Date.parse(today) - Date.parse(thisYear)) / 86_400_000;
  return daysAgo <= RECENT_PAST_DAYS ? { date: thisYear, passed: true } : dated(iso(year0 + 1, month, day));
}

function dated(date: string | null): Dated {
  return date ? { date } : null;
}

/** "23/04/2027", "4/23", with or without a year of four digits (the dotted dates' rule). */
const SLASH_DATE = /(?<![\d./])(\d{1,2})\/(\d{1,2})(?:\/(\d{4}))?(?![\d/])/u;

/**
 * A slash date whose order is plain: day first when the first number cannot be a month
 * ("23/04/2027"), month first (as in the US) when the second cannot ("4/23/2027"). Undefined when
 * both could be a month ("3/1", "04/05/2027"): not read as a day at all, so it is asked about again.
 */
function slashDate(m: RegExpExecArray, today: string): Dated | undefined {
  const [first, second] = [Number(m[1]), Number(m[2])];
  if (first <= 12 && second <= 12) return undefined;
  return first > 12 ? withYear(second, first, m[3], today) : withYear(first, second, m[3], today);
}

const UNIT_DAYS: Record<string, number> = {
  day: 1,
  days: 1,
  week: 7,
  weeks: 7,
  wk: 7,
  wks: 7,
  month: 30,
  months: 30,
  tag: 1,
  tage: 1,
  woche: 7,
  wochen: 7,
  monat: 30,
  monate: 30,
  jour: 1,
  jours: 1,
  semaine: 7,
  semaines: 7,
  mois: 30,
  día: 1,
  días: 1,
  semana: 7,
  semanas: 7,
  mes: 30,
  meses: 30,
  // it, pt, nl, pl (QA i18n2: "PAUSE per 3 settimane" was refused)
  giorno: 1,
  giorni: 1,
  settimana: 7,
  settimane: 7,
  mese: 30,
  mesi: 30,
  dia: 1,
  dias: 1,
  dag: 1,
  dagen: 1,
  weken: 7,
  maand: 30,
  maanden: 30,
  dzień: 1,
  dni: 1,
  tydzień: 7,
  tygodnie: 7,
  tygodni: 7,
  miesiąc: 30,
  miesiące: 30,
  miesięcy: 30,
};
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, six: 6, eight: 8 };

/** Reads the pause date in the text after the PAUSE command; null when none is given. */
export function readPauseDate(rest: string, now: Date, timeZone?: string): PauseDate {
  return readDate(rest, now, timeZone, true);
}

/** `whole`: the text after PAUSE itself, not a part of it read on its own (the start or return of a range). */
function readDate(rest: string, now: Date, timeZone: string | undefined, whole: boolean): PauseDate {
  // Today where the writer is, when known: "until 5 February" written on the evening of the 4th in
  // Los Angeles (the 5th in UTC) is tomorrow.
  const today = todayFor(now, timeZone);
  // Searched in lower case of the same length, so what matched can be quoted as the person wrote it.
  const plain = rest.replace(/\s+/g, ' ').trim();
  const { text, written } = withWeekdaysAsDays(lowerSameLength(plain), plain, today);
  if (!text) return null;
  // Where PAUSE's line ends in `text` (the same text with its line breaks kept, same length): later
  // lines are a note, never the part of a range that is missing on the line.
  // Each run of white space holding a line break is one break (one pass: "\s*\n\s*" was quadratic
  // on a long run of spaces without one; QA attack6).
  const lines = rest
    .replace(/\s+/g, (run) => (run.includes('\n') ? '\n' : run))
    .replace(/[^\S\n]+/g, ' ')
    .trim();
  const lineEnd = withWeekdaysAsDays(lowerSameLength(lines), lines, today).text.indexOf('\n');
  const line = lineEnd < 0 ? text.length : lineEnd;
  // What was written from `from` to `to`, on PAUSE's line when it starts there.
  const quote = (from: number, to = line) => quoted(written, from, from < line ? Math.min(to, line) : to);
  // Two days joined without "from": "21 December to 4 January", "21-28 December", "between 21
  // December and 4 January", "21.12.2026 - 04.01.2027".
  const span = spanOf(text, written, today);
  if (span) return span;
  // "from 21 February until 15 March", "off from 21 February, back 15 March": the pause runs until
  // the return (the second day), from today; the day they leave is never the end.
  const range =
    /(?<![\p{L}])(?:from|off|away|leaving|ab|du|desde|dal)(?![\p{L}]).*?(?<![\p{L}])(until|till|til|to|through|thru|back(?:\s+on)?|returning(?:\s+on)?|return(?:\s+on)?|bis|jusqu'?au?|au|hasta|al)(?![\p{L}])/u.exec(
      text,
    ) ?? OTHER_RANGE.exec(text);
  if (range) {
    const after = range.index + range[0].length;
    const joiner = after - (range[1]?.length ?? 0);
    const back = readDate(written.slice(after), now, timeZone, false);
    // A start after today is kept: the pause is booked for it ("PAUSE from 3 March until 17
    // March" in February pauses on 3 March, not now). A start today or passed is now.
    const startAt = range.index + (range[0].match(/^\S+/)?.[0].length ?? 0);
    const start = readDate(written.slice(startAt, joiner), now, timeZone, false);
    // ("away from 21 December until 4 January": the start is a "from" of its own.)
    const from =
      start && 'date' in start && start.passed === undefined && !('from' in start) ? start.date : start && 'startOnly' in start ? start.from : undefined;
    if (back && 'date' in back && from !== undefined)
      return back.passed !== undefined || back.date > from ? { ...back, from } : { unreadable: quote(range.index) };
    // A start that names a day not read ("from Christmas", "from next week"): never from today.
    if (back && 'date' in back && back.passed === undefined && from === undefined) {
      const said = startNotRead(text.slice(range.index, joiner), start);
      if (said !== undefined) return { unreadable: quote(range.index + said, joiner), part: 'start', until: back.date, ...exampleStart(back.date, today) };
    }
    // A start read and a return that is not ("until I am back", "until after New Year", "until 4/1"):
    // never until the day they leave.
    const left = start && 'date' in start ? start : undefined;
    if (left && (!back || ('unreadable' in back && !('part' in back)))) {
      // (A joiner on a later line is a note's: "from 21 December\nI'll be back to work soon" is a start alone.)
      if (joiner < line) return { unreadable: quote(joiner), part: 'return', ...exampleReturn(from, today) };
      if (from !== undefined) return { startOnly: quote(range.index), from };
    }
    if (back) return back;
  }
  if (whole) {
    const unread = unreadPart(text.slice(0, line), written.slice(0, line), today);
    if (unread) return unread;
  }
  // "from 3 March" with no day to come back: the start alone is not a pause's end (asked again).
  const onlyStart = /(?<![\p{L}])(?:from|starting|leaving|ab|du|desde|dal)(?![\p{L}])/u.exec(text);
  if (onlyStart && !range) {
    const start = readDate(written.slice(onlyStart.index + onlyStart[0].length), now, timeZone, false);
    // ("from 21 December for 2 weeks" is a span already: spanOf, a day with a length.)
    if (start && 'date' in start && start.passed === undefined && !('from' in start))
      return { startOnly: written.slice(onlyStart.index).split('\n')[0]!.slice(0, 80), from: start.date };
  }
  const as = (m: RegExpExecArray) => written.slice(m.index, m.index + m[0].length).trim();
  let m = /(\d{4})-(\d{1,2})-(\d{1,2})/.exec(text);
  if (m) return found(dated(iso(Number(m[1]), Number(m[2]), Number(m[3]))), as(m), today);
  m = new RegExp(`(?<![\\p{L}])${MONTH}\\s+(?:the\\s+)?${ORDINAL}${YEAR}(?![\\d])`, 'u').exec(text);
  if (m) return found(withYear(MONTHS[m[1] ?? ''] ?? 0, Number(m[2]), m[3], today), as(m), today);
  m = new RegExp(`(?<![\\d])${ORDINAL}\\s*(?:of\\s+|de\\s+)?${MONTH}(?![\\p{L}])${YEAR}`, 'u').exec(text);
  if (m) return found(withYear(MONTHS[m[2] ?? ''] ?? 0, Number(m[1]), m[3], today), as(m), today);
  m = /(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])/.exec(text);
  if (m) return found(withYear(Number(m[2]), Number(m[1]), m[3], today), as(m), today);
  // (Only the first: a later plain one never stands in for an ambiguous one, "until 4/5 or 23/5".)
  m = SLASH_DATE.exec(text);
  const slashed = m ? slashDate(m, today) : undefined;
  if (m && slashed !== undefined) return found(slashed, as(m), today);
  // "for 3 weeks", also without "for" where the duration opens the text ("PAUSE 30 days").
  m = new RegExp(`(?:${FOR}\\s+|^)${LENGTH}`, 'u').exec(text);
  const days = m ? lengthDays(m) : undefined;
  // Counted from the writer's own today: "for 1 week" on Monday in Auckland (still Sunday in UTC)
  // ends the next Monday, and "for 0 days" is today, which has begun (refused as passed).
  if (m && days !== undefined) return found({ date: plusDays(today, days) }, as(m), today);
  // Anything else that looks like a date on the first line ("03/03", "after Christmas", "January")
  // is not guessed at: the reply is asked about again.
  const firstLine = (rest.split('\n')[0] ?? '').trim();
  return /\d|until|till|bis|jusqu|hasta|fino|até|tot/.test(lowerSameLength(firstLine)) ? { unreadable: firstLine.slice(0, 80) } : null;
}

/** A start that is now ("from now until 4 January", "ab sofort bis 4. Januar"): pauses from today. */
const NOW =
  /^(?:right\s+)?(?:now|today|immediately|asap|heute|jetzt|sofort|aujourd'hui|maintenant|hoy|ahora|oggi|adesso|subito|hoje|agora|vandaag|nu|dziś|teraz)(?:\s+on(?:wards)?)?$/u;
/** English month names, spelled out (the short ones are words of their own: "may", "mar"). */
const SPELLED_MONTHS = 'january|february|march|april|june|july|august|september|october|november|december';
/** Words that name a time the reader does not read as a day ("next week", "Christmas", "mid-December", "the 4th", "4/1"). */
const TIME_WORDS = new RegExp(
  `(?:\\d{1,2}\\s*[./-]\\s*\\d{1,2}|\\d{1,2}(?:st|nd|rd|th)|(?<![\\p{L}])(?:tomorrow|tonight|next\\s+\\p{L}+|(?:this\\s+|the\\s+)?weekend|christmas|xmas|new\\s+year|easter|${SPELLED_MONTHS}|(?:mid|early|late|end|start|beginning|middle)(?:-|\\s+)(?:of\\s+)?(?:${SPELLED_MONTHS}|the\\s+month|next\\s+\\p{L}+)))(?![\\p{L}])`,
  'u',
);
/** Such words closing what was written before a return's joiner ("tomorrow to 4 January", "next week until 4 January"). */
const TIME_BEFORE = new RegExp(`(?:${TIME_WORDS.source})[\\s,;:.]*$`, 'u');
/** Words that open a start. */
const START_WORD = /(?<![\p{L}])(?:from|leaving|starting|ab|du|desde|dal)(?![\p{L}])/gu;

/**
 * Where, in a range's words from its first word up to its joiner ("from Christmas ", "off next week, "),
 * a start is written that names a day the reader cannot read; undefined when it names none (nothing,
 * "now", "on holiday"), so the pause runs from today. When the range opens with "from" (or "leaving"...)
 * any words after it are a start; after "off" or "away", or a "from" inside them ("away from the
 * office"), only words of time are.
 */
function startNotRead(between: string, start: PauseDate): number | undefined {
  if (start && ('date' in start || 'startOnly' in start)) return undefined;
  const inner = [...between.matchAll(START_WORD)].filter((m) => m.index > 0).at(-1);
  const at = inner?.index ?? 0;
  const said = between
    .slice(at)
    .replace(/^\S+/, '')
    .replace(/^[\s,;:.!–—-]+|[\s,;:.!–—-]+$/gu, '');
  if (!said || NOW.test(said)) return undefined;
  const explicit = !inner && new RegExp(START_WORD.source, 'u').test(/^\S+/.exec(between)?.[0] ?? '');
  return explicit || TIME_WORDS.test(said) ? at : undefined;
}

/** The days of an example for a range whose start could not be read: two weeks before the return, after today. */
function exampleStart(until: string, today: string): { from?: string } {
  const from = [plusDays(until, -14), plusDays(today, 1)].sort().at(-1)!;
  return from < until ? { from } : {};
}

/** The days of an example for a range whose return could not be read: two weeks after a start to come, or three from today. */
function exampleReturn(from: string | undefined, today: string): { until: string; from?: string } {
  return from ? { until: plusDays(from, 14), from } : { until: plusDays(today, 21) };
}

/** What was written from `from` to `to`, without the commas and dashes around it, as quoted in a reason. */
function quoted(written: string, from: number, to: number): string {
  return written
    .slice(from, to)
    .replace(/^[\s,;:.–—-]+|[\s,;:–—-]+$/gu, '')
    .slice(0, 80);
}

/** A joiner written before a day that makes it the return ("until 4 January", "back on 11 January", "to the 4th of January"). */
const RETURN_BEFORE =
  /(?<![\p{L}])(?:until|till|til|to|through|thru|back(?:\s+on)?|returning(?:\s+on)?|return(?:\s+on)?|by|bis|au|al|hasta|jusqu'?au?|tot|fino\s+al?|até)\s*(?:(?:the|el|le|il|la|den|dem|zum)\s+)?$/u;
/** A joiner after a day that makes it the start, and what follows it ("21 December until I am back"). */
const JOINER_AFTER =
  /^\s*,?\s*(-|–|—|(?:to|until|till|til|through|thru|back(?:\s+on)?|returning(?:\s+on)?|return(?:\s+on)?|bis|au|al|hasta|jusqu'?au?)(?![\p{L}]))(.*)$/u;
/** Joiners that also join a day to other words ("4 January to recover", "4 January - thanks"): a return only when one looks like a time. */
const WEAK_JOINER = /^(?:-|–|—|to|au|al)$/u;
/** A start written before a day ("leaving 21 December", "from 21 December", "I leave on 21 December"). */
const START_BEFORE = /(?<![\p{L}])(?:from|leaving|leave|starting|off|away|ab|du|desde|dal)(?:\s+on)?\s*$/u;

/**
 * PAUSE's line read as two days of which one part could not be read (see UnreadPart), when no range
 * was read in it: a day with a joiner and words after it that are no day ("21 December until I am
 * back", "Monday till mid January"), a return with words of time before its joiner that are no day
 * ("tomorrow to 4 January"), or a start written after the return ("back 11 January, leaving 21
 * December"). `line` in lower case, `written` as written (same length).
 */
function unreadPart(line: string, written: string, today: string): UnreadPart | undefined {
  const days = daysIn(line, today).flatMap((d) => (d.date ? [{ ...d, date: d.date }] : []));
  const [first] = days;
  if (!first) return undefined;
  const ahead = (d: { date: NonNullable<Dated> }) => d.date.passed === undefined && d.date.date > today;
  const leaving = days.slice(1).find((d) => START_BEFORE.test(line.slice(0, d.index)));
  if (leaving && leaving.date.date !== first.date.date) {
    const [from, until] = [first.date.date, leaving.date.date].sort() as [string, string];
    return { unreadable: quoted(written, 0, line.length), part: 'both', until, ...(from > today ? { from } : {}) };
  }
  const joiner = RETURN_BEFORE.exec(line.slice(0, first.index));
  if (!joiner) {
    const m = JOINER_AFTER.exec(line.slice(first.end));
    const [, word = '', after = ''] = m ?? [];
    if (!m || !after.trim() || (WEAK_JOINER.test(word) && !TIME_WORDS.test(after) && !/\d|back|return|after|before/u.test(after))) return undefined;
    return { unreadable: quoted(written, first.end, line.length), part: 'return', ...exampleReturn(ahead(first) ? first.date.date : undefined, today) };
  }
  const said = line.slice(0, joiner.index);
  if (!ahead(first) || !TIME_BEFORE.test(said)) return undefined;
  return { unreadable: quoted(written, 0, joiner.index), part: 'start', until: first.date.date, ...exampleStart(first.date.date, today) };
}

/** A day found in the text, where it was written. */
type Found = { readonly date: Dated; readonly index: number; readonly end: number };

/** Every day written in the text (ISO, "21 December", "December 21", "21.12.2026", "23/04/2027"), in the order written. */
function daysIn(text: string, today: string): Found[] {
  const found: Found[] = [];
  // (`read` gives undefined for words that are no day at all: an ambiguous slash date.)
  const add = (re: RegExp, read: (m: RegExpExecArray) => Dated | undefined) => {
    for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`))) {
      const date = read(m as RegExpExecArray);
      if (date !== undefined) found.push({ date, index: m.index, end: m.index + m[0].length });
    }
  };
  add(/(\d{4})-(\d{1,2})-(\d{1,2})/u, (m) => dated(iso(Number(m[1]), Number(m[2]), Number(m[3]))));
  add(new RegExp(`(?<![\\p{L}])${MONTH}\\s+(?:the\\s+)?${ORDINAL}${YEAR}(?![\\d])`, 'u'), (m) => withYear(MONTHS[m[1] ?? ''] ?? 0, Number(m[2]), m[3], today));
  add(new RegExp(`(?<![\\d])${ORDINAL}\\s*(?:of\\s+|de\\s+)?${MONTH}(?![\\p{L}])${YEAR}`, 'u'), (m) =>
    withYear(MONTHS[m[2] ?? ''] ?? 0, Number(m[1]), m[3], today),
  );
  add(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])/u, (m) => withYear(Number(m[2]), Number(m[1]), m[3], today));
  add(SLASH_DATE, (m) => slashDate(m, today));
  // Overlapping readings of the same words: the first and longest.
  return found.sort((a, b) => a.index - b.index || b.end - a.end).filter((f, i, all) => !all.slice(0, i).some((g) => f.index < g.end));
}

const JOINED = /^\s*,?\s*(?:-|–|—|to|until|till|through|thru|and|bis|au|al|back(?:\s+on)?|returning(?:\s+on)?|return(?:\s+on)?)\s*$/u;

/** A length after a day ("15 February for 2 weeks"): the days it lasts, counted from that day. */
function lengthAfter(text: string): number | undefined {
  const m = new RegExp(`^\\s*,?\\s*${FOR}\\s+${LENGTH}`, 'u').exec(text);
  return m ? lengthDays(m) : undefined;
}

/** "for", in the lexicon's languages, before a length. */
const FOR = '(?:for|für|pour|pendant|por|durante|per|voor|na)';
/** A length: a count (digits or a word) and a unit ("2 weeks", "a month", "30 days"). */
const LENGTH = '(\\d{1,3}|an?|one|two|three|four|six|eight)\\s+([\\p{L}]+)';

/** The days a length (LENGTH's two groups, from index 1) lasts; undefined when the unit is none we know. */
function lengthDays(m: RegExpExecArray): number | undefined {
  const unit = UNIT_DAYS[m[2] ?? ''];
  if (unit === undefined) return undefined;
  return (/\d/.test(m[1] ?? '') ? Number(m[1]) : (NUMBER_WORDS[m[1] ?? ''] ?? 1)) * unit;
}

/** The day (YYYY-MM-DD) `days` after `day`. */
function plusDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

/**
 * Two days joined without "from" ("21 December to 4 January", "between 21 December and 4 January",
 * "21.12.2026 - 04.01.2027", "21-28 December"): the first is the start (kept when after today: a
 * booked pause), the second the return. Undefined when the text holds no such pair.
 */
function spanOf(text: string, written: string, today: string): PauseDate | undefined {
  // "21-28 December", "21 to 28 December": the first day shares the second's month (never the "12"
  // of a slash date: "from 21/12 until 4 January").
  const shared = new RegExp(
    `(?<![\\d./-])(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s*(?:-|–|to|until|till|and|bis|au|al)\\s*${ORDINAL}\\s*(?:of\\s+|de\\s+)?${MONTH}(?![\\p{L}])${YEAR}`,
    'u',
  ).exec(text);
  if (shared) return sameMonthSpan(shared, { first: 1, last: 2, month: 3, year: 4 }, written, today);
  // "February 15-26": the month first.
  const monthFirst = new RegExp(
    `(?<![\\p{L}])${MONTH}\\s+(\\d{1,2})(?:st|nd|rd|th)?\\s*(?:-|–|to|until|till|and)\\s*(\\d{1,2})(?:st|nd|rd|th)?(?![\\d])${YEAR}`,
    'u',
  ).exec(text);
  if (monthFirst) return sameMonthSpan(monthFirst, { first: 2, last: 3, month: 1, year: 4 }, written, today);
  const days = daysIn(text, today);
  for (const day of days) {
    // "15 February for 2 weeks": from that day, for that long.
    const length = day.date ? lengthAfter(text.slice(day.end)) : undefined;
    if (day.date && length) return spanFrom(day.date, { date: plusDays(day.date.date, length) }, written.slice(day.index, day.end), today);
  }
  for (let i = 0; i + 1 < days.length; i++) {
    const [a, b] = [days[i]!, days[i + 1]!];
    if (JOINED.test(text.slice(a.end, b.index))) return spanFrom(a.date, b.date, written.slice(a.index, b.end), today);
  }
  return undefined;
}

/** Two days of one month ("21-28 December", "February 15-26"): which groups of `m` hold what. */
function sameMonthSpan(
  m: RegExpExecArray,
  at: { readonly first: number; readonly last: number; readonly month: number; readonly year: number },
  written: string,
  today: string,
): PauseDate {
  const month = MONTHS[m[at.month] ?? ''] ?? 0;
  const back = withYear(month, Number(m[at.last]), m[at.year], today);
  const start = back ? dated(iso(Number(back.date.slice(0, 4)), month, Number(m[at.first]))) : null;
  return spanFrom(start, back, written.slice(m.index, m.index + m[0].length), today);
}

function spanFrom(start: Dated, back: Dated, written: string, today: string): PauseDate {
  if (!start || !back || back.date <= start.date) return { unreadable: written.slice(0, 80) };
  const returning = found(back, written, today);
  if (!returning || !('date' in returning) || returning.passed !== undefined) return returning;
  return start.date > today && !start.passed ? { date: back.date, from: start.date } : { date: back.date };
}

const WEEKDAY_WORDS: Record<string, number> = {
  // (No "sun", "sat" or "wed": words of their own.)
  sunday: 0,
  monday: 1,
  mon: 1,
  tuesday: 2,
  tue: 2,
  tues: 2,
  wednesday: 3,
  thursday: 4,
  thu: 4,
  thur: 4,
  thurs: 4,
  friday: 5,
  fri: 5,
  saturday: 6,
};
const WEEKDAY = `(?:${Object.keys(WEEKDAY_WORDS)
  .sort((a, b) => b.length - a.length)
  .join('|')})`;

/**
 * Weekdays as the days they name, in the text and as written (the same places): "Mon 15 Feb" is
 * 15 February; "Monday" alone, with or without "next" or "this", is the next Monday after the day
 * written before it ("from 15 February until Monday": the Monday after the 15th), or after today.
 */
function withWeekdaysAsDays(text: string, written: string, today: string): { text: string; written: string } {
  let lower = text;
  let as = written;
  const replace = (index: number, length: number, by: string) => {
    lower = lower.slice(0, index) + by + lower.slice(index + length);
    as = as.slice(0, index) + by + as.slice(index + length);
  };
  // A weekday before a day of the month says nothing more: dropped.
  for (const m of [...lower.matchAll(new RegExp(`(?<![\\p{L}])${WEEKDAY}\\.?,?\\s+(?=\\d|${MONTH})`, 'gu'))].reverse()) replace(m.index, m[0].length, '');
  for (;;) {
    const m = new RegExp(`(?<![\\p{L}])(?:(?:next|this|coming|the)\\s+)?(${WEEKDAY})(?![\\p{L}])`, 'u').exec(lower);
    if (!m) break;
    const before = daysIn(lower.slice(0, m.index), today)
      .map((f) => f.date?.date)
      .filter((d): d is string => d !== undefined)
      .at(-1);
    const anchor = new Date(`${before && before > today ? before : today}T00:00:00Z`);
    const target = WEEKDAY_WORDS[m[1] ?? ''] ?? 0;
    const ahead = ((target - anchor.getUTCDay() + 6) % 7) + 1;
    replace(m.index, m[0].length, new Date(anchor.getTime() + ahead * 86_400_000).toISOString().slice(0, 10));
  }
  return { text: lower, written: as };
}

function lowerSameLength(text: string): string {
  return Array.from(text, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join('');
}

function found(day: Dated, written: string, today: string): PauseDate {
  if (!day) return { unreadable: written };
  // Today or past for the writer, with a year or without: quoted back as written.
  return day.passed || day.date <= today ? { date: day.date, passed: written } : { date: day.date };
}

const ENGLISH_MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** "3 February": a day as an example in a clarification, in English like the commands. */
export function dayAndMonth(day: Date): string {
  return `${day.getUTCDate()} ${ENGLISH_MONTHS[day.getUTCMonth()]}`;
}
