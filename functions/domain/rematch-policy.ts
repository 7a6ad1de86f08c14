import type { MatchStanding, Participant, ParticipantStatus, Role } from './participant';
import { rematchSettingsSchema, type Program, type RematchSettings } from './program';
import { readPauseDate } from './replies/pause-date';
import { dateTimeFormat } from './intl';

/**
 * The rematch policy (docs/lifecycle.md, Rematch policy): who is offered a new partner after a
 * pairing ends early or does not start, who waits, and who is not offered again automatically.
 * Pure: the lifecycle core decides with it, matching filters with it, the shell only stores.
 */

/** The program's rematch settings; a program stored before they existed gets the defaults. */
export function rematchSettingsOf(program: { readonly rematch?: RematchSettings }): RematchSettings {
  return program.rematch ?? rematchSettingsSchema.parse({});
}

const DAY_MS = 86_400_000;
/** An "away until" further off than this is read as a typo, not as a date to honour. */
const MAX_AWAY_DAYS = 2 * 366;

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'] as const;

/** Words that say the person is away for a while (English, and the common cues of the other languages the reader knows). */
const AWAY_CUE =
  /\b(away|leave|back|return(?:ing)?|until|till|til|absent|holiday|holidays|vacation|sabbatical|travell?ing|unavailable|abroad|bis|zurück|urlaub|jusqu|retour|congé|hasta|vuelta|fino|rientro|tot|terug)\b/iu;

/**
 * The day (YYYY-MM-DD) from which a person who declined with this note may be offered a partner
 * again: "away for the next two months", "away until 3 March", "back in January", "on leave until
 * 2027-02-01". Undefined when the note names no date or no absence (a plain "no" returns the
 * person to the pool for the next matching run).
 */
export function readAwayUntil(note: string | undefined, now: Date, timeZone?: string): string | undefined {
  if (!note || !AWAY_CUE.test(note)) return undefined;
  const text = note
    .toLowerCase()
    .replace(/\s+/g, ' ')
    // "for the next two months", "for a couple of weeks": the pause reader takes "for <n> <unit>".
    // "for most of the next two months" (the introduction's own example), "for much of the coming weeks": the whole span.
    .replace(/\bfor (?:most|much|the (?:best|better|greater) part|a (?:good|large) part) of /g, 'for ')
    .replace(/\bfor (?:the )?(?:next|coming|following) /g, 'for ')
    .replace(/\bfor a couple of /g, 'for two ')
    .replace(/\bfor (?:a )?few /g, 'for three ');
  const backIn = new RegExp(
    `\\b(?:back|return(?:ing)?|available)\\s+(?:in|from|after|at the start of|in early)\\s+(${MONTHS.join('|')})(?:\\s+(\\d{4}))?\\b`,
  ).exec(text);
  let date: string | undefined;
  if (backIn) {
    date = firstOfMonth(MONTHS.indexOf(backIn[1] as (typeof MONTHS)[number]) + 1, backIn[2], now);
  } else {
    const read = readPauseDate(text, now, timeZone);
    if (read && 'date' in read) date = read.date;
    // "away from next week until 4 January": a pause would ask for the start again, but only the return matters here.
    else if (read && 'part' in read && read.part !== 'return') date = read.until;
    else {
      const untilMonth = new RegExp(`\\b(?:until|till|til)\\s+(?:the\\s+end\\s+of\\s+)?(${MONTHS.join('|')})(?:\\s+(\\d{4}))?\\b`).exec(text);
      if (untilMonth) {
        // "away until March": back at the start of the month after.
        const month = MONTHS.indexOf(untilMonth[1] as (typeof MONTHS)[number]) + 1;
        const first = firstOfMonth(month, untilMonth[2], now);
        date = first ? nextMonth(first) : undefined;
      }
    }
  }
  if (!date) return undefined;
  const at = Date.parse(`${date}T00:00:00Z`);
  if (at <= now.getTime() || at - now.getTime() > MAX_AWAY_DAYS * DAY_MS) return undefined;
  return date;
}

function firstOfMonth(month: number, year: string | undefined, now: Date): string | undefined {
  if (month < 1) return undefined;
  const pad = String(month).padStart(2, '0');
  if (year) return `${year}-${pad}-01`;
  // The next such month from today: "back in January" in November means next January.
  const thisYear = now.getUTCFullYear();
  const candidate = `${thisYear}-${pad}-01`;
  return Date.parse(`${candidate}T00:00:00Z`) > now.getTime() ? candidate : `${thisYear + 1}-${pad}-01`;
}

function nextMonth(first: string): string {
  const d = new Date(`${first}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + 1);
  return d.toISOString().slice(0, 10);
}

/** False while the person said they are away: matching does not offer them before `availableFrom`. */
export function availableOn(person: Pick<MatchStanding, 'availableFrom'>, now: Date): boolean {
  return person.availableFrom === undefined || person.availableFrom <= now.toISOString().slice(0, 10);
}

/** True once the person has had every automatic rematch the program allows. */
export function pastRematchCap(person: Pick<MatchStanding, 'rematchAttempts'>, settings: Pick<RematchSettings, 'maxAttempts'>): boolean {
  return (person.rematchAttempts ?? 0) >= settings.maxAttempts;
}

/**
 * What ending a pair with a rematch would do now, as the admins' emails say it (emails/admin.ts,
 * RematchFacts): who had every automatic rematch the program allows (at `maxAttempts` 0, everyone),
 * and whether the program has closed, after which no new pairing starts.
 */
export function rematchFactsOf(
  people: readonly Pick<Participant, 'role' | 'rematchAttempts'>[],
  program: Pick<Program, 'endDate' | 'timeZone'> & { readonly rematch?: RematchSettings },
  now: Date,
): { capped?: Role[]; programClosed?: true } {
  const capped = people.filter((p) => pastRematchCap(p, rematchSettingsOf(program))).map((p) => p.role);
  return { ...(capped.length > 0 ? { capped } : {}), ...(programClosed(program, now) ? { programClosed: true as const } : {}) };
}

/** How one person of a pairing that ended early or did not start goes on. */
export type RematchOutcome =
  /** Offered a new partner at once (RematchRequested names them); `awaiting-rematch` until it decides. */
  | { readonly kind: 'rematch'; readonly status: 'awaiting-rematch'; readonly standing: MatchStanding }
  /** Back in the pool for the next matching run (`enrolled`), maybe not before `availableFrom`. */
  | { readonly kind: 'pool'; readonly status: 'enrolled'; readonly standing: MatchStanding }
  /** Never answered too often: not offered again automatically; the admins are told. */
  | { readonly kind: 'inactive'; readonly status: 'inactive'; readonly standing: MatchStanding }
  /** Had every automatic rematch the program allows: on the waitlist for the admin; the admins are told. */
  | { readonly kind: 'capped'; readonly status: 'waitlisted'; readonly standing: MatchStanding };

/**
 * What the person did in the pairing that ended: `no-answer` is silence until the deadline;
 * `interrupted` is a person whose introduction closed early because the partner declined (not silence).
 */
export type PartAnswer = 'accepted' | 'declined' | 'no-answer' | 'interrupted' | 'ended';

/**
 * The policy for one person after a pairing ends early or does not start:
 * - a decline is final for that pairing: back in the pool for the next run (not the immediate
 *   rematch), from the date an "away until ..." note gives;
 * - silence at an introduction counts; after `offersAfterSilence` more offers still unanswered,
 *   the person becomes `inactive`;
 * - someone the end offers a rematch (`wantsRematch`) is put forward at most `maxAttempts` times,
 *   then waits on the waitlist for the admin;
 * - anyone else (an end without rematch) returns to the pool.
 */
export function rematchOutcome(
  person: Pick<Participant, 'rematchAttempts' | 'unansweredIntroductions' | 'availableFrom'> & { readonly timeZone?: string },
  part: { answer: PartAnswer; note?: string; wantsRematch: boolean },
  settings: RematchSettings,
  now: Date,
): RematchOutcome {
  const before = person.unansweredIntroductions ?? 0;
  const unanswered = part.answer === 'no-answer' ? before + 1 : part.answer === 'interrupted' ? before : 0;
  if (part.answer === 'declined') {
    // "away for 2 weeks" counts from the writer's own today, as a PAUSE does.
    const away = readAwayUntil(part.note, now, person.timeZone);
    return { kind: 'pool', status: 'enrolled', standing: { unansweredIntroductions: 0, ...(away ? { availableFrom: away } : {}) } };
  }
  // The first silence is forgiven `offersAfterSilence` times; the one after that is final.
  if (part.answer === 'no-answer' && unanswered > settings.offersAfterSilence) {
    return { kind: 'inactive', status: 'inactive', standing: { unansweredIntroductions: unanswered } };
  }
  if (!part.wantsRematch) return { kind: 'pool', status: 'enrolled', standing: { unansweredIntroductions: unanswered } };
  if (pastRematchCap(person, settings)) return { kind: 'capped', status: 'waitlisted', standing: { unansweredIntroductions: unanswered } };
  return {
    kind: 'rematch',
    status: 'awaiting-rematch',
    standing: { unansweredIntroductions: unanswered, rematchAttempts: (person.rematchAttempts ?? 0) + 1 },
  };
}

/** Statuses whose people matching may offer a partner to (then also `availableOn`). */
export const OPEN_TO_MATCHING: readonly ParticipantStatus[] = ['enrolled', 'waitlisted', 'awaiting-rematch', 'paired'];

/**
 * The waitlist code of someone held at the rematch cap: rematches no longer offer them, only a
 * cohort run the admins approve may pair them (docs/lifecycle.md, Rematch policy).
 */
export const REMATCH_LIMIT_CODE = 'rematch-limit' as const;

/**
 * Whether a mentor's free places are held for the admins: a pairing of hers ended past the rematch
 * cap while another kept running (`placesHeldSince`), and no pairing of hers was created since (only
 * an admin can have created one: a cohort run they approved, or their own pair). Held as a waitlist
 * entry holds someone with no pairing left: rematches do not fill those places, a cohort run may.
 */
export function placesHeldForAdmin(mentor: Pick<MatchStanding, 'placesHeldSince'>, pairingsOfMentor: readonly { readonly createdAt: string }[]): boolean {
  const since = mentor.placesHeldSince;
  return since !== undefined && !pairingsOfMentor.some((p) => p.createdAt > since);
}

/** The waitlist reason an admin reads for someone past the rematch cap. */
export function cappedReason(settings: RematchSettings): string {
  if (settings.maxAttempts === 0) return 'the program makes no automatic rematches; an admin decides whether to pair them again';
  return `had ${settings.maxAttempts === 1 ? 'the one automatic rematch' : `all ${settings.maxAttempts} automatic rematches`} the program allows; an admin decides whether to pair them again`;
}

/**
 * The program has closed once the day after its `endDate` (the last day people can be matched)
 * has begun in its own time zone: matching runs then pair nobody, and whoever still waits is told
 * no partner was found (docs/decisions.md). Without an `endDate` a program never closes by itself:
 * `lifecycle.durationMonths` is how long each pairing runs, not how long the program takes people.
 */
export function programClosed(program: Pick<Program, 'endDate' | 'timeZone'>, now: Date): boolean {
  if (!program.endDate) return false;
  return programToday(program, now) > program.endDate;
}

/**
 * Whether a person's end email already told them the program has closed: one of their pairings
 * ended after its last day (the email then says "As the program has closed, no new pairing will
 * start"). The closing notice to people still waiting is not sent to them a second time.
 */
export function toldClosedWhenEnded(program: Pick<Program, 'endDate' | 'timeZone'>, endedAts: readonly (string | undefined)[]): boolean {
  if (!program.endDate) return false;
  return endedAts.some((at) => at !== undefined && programToday(program, new Date(at)) > program.endDate!);
}

/** Today's date (YYYY-MM-DD) where the program is. */
export function programToday(program: Pick<Program, 'timeZone'>, now: Date): string {
  return dateTimeFormat('en-CA', { timeZone: program.timeZone ?? 'UTC', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
