import { todayFor } from '../pairing/controls';

/**
 * The date in "PAUSE until 2027-03-01", "pause until March 1", "pause until 1.3.2027" or
 * "pause for 3 weeks". Slash dates (3/1) are refused: half the company reads them day-first.
 */
const MONTHS: Record<string, number> = {};
const MONTH_NAMES: readonly (readonly string[])[] = [
  ['january', 'jan', 'januar', 'janvier', 'janv', 'enero', 'ene', 'gennaio', 'gen', 'janeiro', 'januari', 'styczeń', 'januari'],
  ['february', 'feb', 'februar', 'février', 'févr', 'fevrier', 'febrero', 'febbraio', 'fevereiro', 'fev', 'februari', 'luty'],
  ['march', 'mar', 'märz', 'maerz', 'mars', 'marzo', 'março', 'marco', 'maart', 'marzec'],
  ['april', 'apr', 'avril', 'avr', 'abril', 'abr', 'aprile', 'kwiecień'],
  ['may', 'mai', 'mayo', 'maggio', 'mag', 'maio', 'mei', 'maj'],
  ['june', 'jun', 'juni', 'juin', 'junio', 'giugno', 'giu', 'junho', 'czerwiec'],
  ['july', 'jul', 'juli', 'juillet', 'juil', 'julio', 'luglio', 'lug', 'julho', 'lipiec'],
  ['august', 'aug', 'août', 'aout', 'agosto', 'ago', 'augustus', 'sierpień', 'augusti'],
  ['september', 'sep', 'sept', 'septembre', 'septiembre', 'settembre', 'set', 'setembro', 'wrzesień'],
  ['october', 'oct', 'oktober', 'okt', 'octobre', 'octubre', 'ottobre', 'ott', 'outubro', 'out', 'październik'],
  ['november', 'nov', 'novembre', 'noviembre', 'novembro', 'listopad'],
  ['december', 'dec', 'dezember', 'dez', 'décembre', 'decembre', 'diciembre', 'dic', 'dicembre', 'dezembro', 'grudzień'],
];
MONTH_NAMES.forEach((names, index) => names.forEach((n) => (MONTHS[n] = index + 1)));

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
export type PauseDate = { date: string; passed?: string; from?: string } | { unreadable: string } | { startOnly: string; from: string } | null;

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
};
const NUMBER_WORDS: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, six: 6, eight: 8 };

/** Reads the pause date in the text after the PAUSE command; null when none is given. */
export function readPauseDate(rest: string, now: Date, timeZone?: string): PauseDate {
  // Today where the writer is, when known: "until 5 February" written on the evening of the 4th in
  // Los Angeles (the 5th in UTC) is tomorrow.
  const today = todayFor(now, timeZone);
  // Searched in lower case of the same length, so what matched can be quoted as the person wrote it.
  const plain = rest.replace(/\s+/g, ' ').trim();
  const { text, written } = withWeekdaysAsDays(Array.from(plain, (c) => (c.toLowerCase().length === c.length ? c.toLowerCase() : c)).join(''), plain, today);
  if (!text) return null;
  // Two days joined without "from": "21 December to 4 January", "21-28 December", "between 21
  // December and 4 January", "21.12.2026 - 04.01.2027".
  const span = spanOf(text, written, today);
  if (span) return span;
  // "from 21 February until 15 March", "off from 21 February, back 15 March": the pause runs until
  // the return (the second day), from today; the day they leave is never the end.
  const range =
    /(?<![\p{L}])(?:from|off|away|leaving|ab|du|desde|dal)(?![\p{L}]).*?(?<![\p{L}])(until|till|til|to|through|thru|back(?:\s+on)?|returning(?:\s+on)?|return(?:\s+on)?|bis|jusqu'?au?|au|hasta|al)(?![\p{L}])/u.exec(
      text,
    );
  if (range) {
    const after = range.index + range[0].length;
    const back = readPauseDate(written.slice(after), now, timeZone);
    // A start after today is kept: the pause is booked for it ("PAUSE from 3 March until 17
    // March" in February pauses on 3 March, not now). A start today or passed is now.
    const start = readPauseDate(
      written.slice(range.index + (range[0].match(/^\S+/)?.[0].length ?? 0), range.index + range[0].length - (range[1]?.length ?? 0)),
      now,
      timeZone,
    );
    const from = start && 'date' in start && start.passed === undefined && !('from' in start) ? start.date : undefined;
    if (back && 'date' in back && from !== undefined)
      return back.passed !== undefined || back.date > from ? { ...back, from } : { unreadable: written.slice(range.index).split('\n')[0]!.slice(0, 80) };
    if (back) return back;
  }
  // "from 3 March" with no day to come back: the start alone is not a pause's end (asked again).
  const onlyStart = /(?<![\p{L}])(?:from|starting|ab|du|desde|dal)(?![\p{L}])/u.exec(text);
  if (onlyStart && !range) {
    const start = readPauseDate(written.slice(onlyStart.index + onlyStart[0].length), now, timeZone);
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

/** A day found in the text, where it was written. */
type Found = { readonly date: Dated; readonly index: number; readonly end: number };

/** Every day written in the text (ISO, "21 December", "December 21", "21.12.2026"), in the order written. */
function daysIn(text: string, today: string): Found[] {
  const found: Found[] = [];
  const add = (re: RegExp, read: (m: RegExpExecArray) => Dated) => {
    for (const m of text.matchAll(new RegExp(re.source, `${re.flags}g`)))
      found.push({ date: read(m as RegExpExecArray), index: m.index, end: m.index + m[0].length });
  };
  add(/(\d{4})-(\d{1,2})-(\d{1,2})/u, (m) => dated(iso(Number(m[1]), Number(m[2]), Number(m[3]))));
  add(new RegExp(`(?<![\\p{L}])${MONTH}\\s+(?:the\\s+)?${ORDINAL}${YEAR}(?![\\d])`, 'u'), (m) => withYear(MONTHS[m[1] ?? ''] ?? 0, Number(m[2]), m[3], today));
  add(new RegExp(`(?<![\\d])${ORDINAL}\\s*(?:of\\s+|de\\s+)?${MONTH}(?![\\p{L}])${YEAR}`, 'u'), (m) =>
    withYear(MONTHS[m[2] ?? ''] ?? 0, Number(m[1]), m[3], today),
  );
  add(/(?<![\d.])(\d{1,2})\.(\d{1,2})\.(\d{4})?(?![\d])/u, (m) => withYear(Number(m[2]), Number(m[1]), m[3], today));
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
const FOR = '(?:for|für|pour|por|durante|per)';
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
  // "21-28 December", "21 to 28 December": the first day shares the second's month.
  const shared = new RegExp(
    `(?<![\\d.-])(\\d{1,2})(?:st|nd|rd|th|\\.)?\\s*(?:-|–|to|until|till|and|bis|au|al)\\s*${ORDINAL}\\s*(?:of\\s+|de\\s+)?${MONTH}(?![\\p{L}])${YEAR}`,
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
