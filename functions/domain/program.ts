import { DEFAULT_NOTES_DAYS } from './retention';
import { z } from 'zod';
import { objectivesSchema } from './objectives';
import { singleLineText } from './text-input';
import { DEFAULT_TOPICS } from './topics';
import { programIdSchema } from './program-id';
import { pairingPlan } from './schedule';
import { fieldsValid, whenFieldsValid } from './validation';
import { emailSchema, timeZoneSchema } from './participant';
import { joinAnd } from './emails/format';

/** Each factor of the compatibility score; 0 = ignored, 10 = must-have (a pair without it is not allowed). */
export const MATCHING_FACTORS = [
  'topics', // mentor offers what the mentee wants (weighted by the mentee's priority)
  'reverseTopics', // mentee offers what the mentor wants
  'interests',
  'availability',
  'meetingPreference',
  'communicationStyle',
  'goals',
] as const;
export type MatchingFactor = (typeof MATCHING_FACTORS)[number];

const weight = z.number().int('must be a whole number').min(0, 'must be between 0 and 10').max(10, 'must be between 0 and 10');

export const matchingWeightsSchema = z
  .object({
    topics: weight.default(8),
    reverseTopics: weight.default(4),
    interests: weight.default(4),
    availability: weight.default(6),
    meetingPreference: weight.default(2),
    communicationStyle: weight.default(2),
    goals: weight.default(3),
  })
  .strict();
export type MatchingWeights = z.output<typeof matchingWeightsSchema>;

export const matchingRulesSchema = z
  .object({
    /** Never pair two people of the same department. */
    notSameDepartment: z.boolean().default(false),
    /** Upper bound on a mentor's capacity, whatever their intake says. */
    maxMenteesPerMentor: z.number().int().min(1).max(5).default(2),
    /** Minimum weekly overlap of availability, in hours, for a pair to be allowed. */
    minOverlapHours: z.number().min(0).max(40).default(0),
  })
  .strict();
export type MatchingRules = z.output<typeof matchingRulesSchema>;

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD');
const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const hhmm = z.string().regex(HHMM, 'must be a time of day as HH:MM (24-hour)');

/** Working hours end at this local time: an email decided later waits for the next morning, and scheduled questions go out before it. */
export const WORKING_DAY_ENDS = '17:00';
/** Notices (emails that answer nothing just said) never go before this local time, even when questions go earlier (`sendTime`). */
export const WORKING_DAY_STARTS = '09:00';
const minutesOfDay = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** Minutes a cohort's scheduled questions spread over after the send time, unless the program says otherwise. */
export const DEFAULT_SEND_WINDOW_MINUTES = 120;

/** Milestone reviews of a program that names none (those that fit in it). */
export const DEFAULT_MILESTONE_DAYS: readonly number[] = [30, 90];

/**
 * The last day after the start a milestone review can be on in a program of `months`: two days
 * before the end of its shortest run of calendar months (from the first of a month, leap year or
 * not), since the plan merges a review that close to the end into the end-of-program review.
 */
/** The reviews a program of `months` has when HR chose none: those of DEFAULT_MILESTONE_DAYS that fit. */
export function defaultMilestoneDays(months: number): number[] {
  return DEFAULT_MILESTONE_DAYS.filter((d) => d <= lastReviewDay(months));
}

/**
 * The fewest and the most check-ins the plan asks, whichever day of the year a pairing starts
 * (schedule.ts, pairingPlan): months differ in length, so a check-in near a review or the end is
 * left out for some starts and not others.
 */
export function checkInsAsked(s: Pick<LifecycleSettings, 'durationMonths' | 'milestoneDays'>, cadenceDays: number): { fewest: number; most: number } {
  const settings = { ...s, checkInCadenceDays: cadenceDays, milestoneDays: s.milestoneDays ?? defaultMilestoneDays(s.durationMonths) } as LifecycleSettings;
  let fewest = Number.POSITIVE_INFINITY;
  let most = 0;
  for (const year of [2027, 2028])
    for (let m = 0; m < 12; m++) {
      const asked = pairingPlan(new Date(Date.UTC(year, m, 1)), settings).filter((i) => i.kind === 'check-in').length;
      fewest = Math.min(fewest, asked);
      most = Math.max(most, asked);
    }
  return { fewest, most };
}

const fewestCheckIns = (s: Pick<LifecycleSettings, 'durationMonths' | 'milestoneDays'>, cadenceDays: number) => checkInsAsked(s, cadenceDays).fewest;

/** The fewest months whose every start leaves room for reviews on `days` (25 when 24 months do not). */
function monthsForReviews(days: readonly number[]): number {
  const latest = Math.max(...days);
  let months = 1;
  while (months <= 24 && lastReviewDay(months) < latest) months++;
  return months;
}

export function lastReviewDay(months: number): number {
  let shortest = Number.POSITIVE_INFINITY;
  for (const year of [2027, 2028])
    for (let m = 0; m < 12; m++) shortest = Math.min(shortest, (Date.UTC(year, m + months, 1) - Date.UTC(year, m, 1)) / 86_400_000);
  return shortest - 3;
}

/** Check-ins of a program that sets no cadence come this many days apart. */
export const DEFAULT_CHECK_IN_CADENCE_DAYS = 14;
/** Introductions of a program that sets no acceptance window wait this many days for both answers. */
export const DEFAULT_ACCEPTANCE_WINDOW_DAYS = 7;
/** The acceptance reminder of a program that sets none goes on this day of the window. */
export const DEFAULT_ACCEPTANCE_REMINDER_DAY = 3;

/** Check-in questions of a program that sets no answer window stay open this many days. */
export const DEFAULT_CHECK_IN_ANSWER_WINDOW_DAYS = 5;
const DEFAULT_SEND_TIME = '09:00';
const DEFAULT_ESCALATION = { nudgeAfter: 1, seniorNoteAfter: 2, adminDecisionAfter: 3 } as const;

/** "14, the default": a value a cross-field message names, saying so when it is the default (HR may never have set it). */
const settingValue = <T extends number | string>(value: T, fallback: T) => (value === fallback ? `${value}, the default` : `${value}`);
const asHHMM = (minutes: number) => `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

/** The same problem told on another field of the rule, with that field's own words. */
interface TiedField {
  /** Relative to the object the rule checks, as the issue's own path is. */
  readonly path: readonly PropertyKey[];
  readonly message: string;
}

/**
 * An issue of a rule that ties fields together (an answer window and the cadence, a send time and
 * its window): told on `path` by the schema, and carrying the same problem worded for each other
 * field of the rule, so that an API answer can name the field the request sent (namingSentFields):
 * a 400 for `{"lifecycle":{"durationMonths":2}}` names durationMonths, not a cadence the caller
 * never sent (docs/admin-api.md, "A 400 names what the request sent").
 */
function tiedIssue(path: readonly PropertyKey[], message: string, others: readonly TiedField[]) {
  return { code: 'custom' as const, path: [...path], message, params: { tied: { at: [...path], others } } };
}

/**
 * The schema's issues, each issue of a rule that ties fields told on the fields of the rule the
 * request named: on those `named` accepts, by the first test that accepts any (for a change: the
 * fields it changed, then those it sent); on the field the schema chose when none does (the
 * request sent none of them: a default clashes with a stored value). Every other issue is kept.
 */
export function namingSentFields(error: z.ZodError, ...named: readonly ((path: readonly PropertyKey[]) => boolean)[]): z.ZodError {
  const seen = new Set<string>();
  const issues = error.issues.flatMap((issue) => {
    const tied = issue.code === 'custom' ? (issue.params?.tied as { at: PropertyKey[]; others: TiedField[] } | undefined) : undefined;
    if (!tied) return [issue];
    const prefix = issue.path.slice(0, issue.path.length - tied.at.length);
    const fields = [{ path: issue.path, message: issue.message }, ...tied.others.map((o) => ({ path: [...prefix, ...o.path], message: o.message }))];
    const test = named.find((accepts) => fields.some((f) => accepts(f.path)));
    const told = test ? fields.filter((f) => test(f.path)) : fields.slice(0, 1);
    return told.flatMap((f) => {
      // Two issues of one rule (two late review days) worded alike for the field they share are told once.
      const key = JSON.stringify([f.path.map(String), f.message]);
      if (seen.has(key)) return [];
      seen.add(key);
      return [{ ...issue, path: f.path, message: f.message }];
    });
  });
  return new z.ZodError(issues);
}

/** How each pairing's lifecycle runs. Defaults are the product's recommended cadence. */
export const lifecycleSettingsSchema = z
  .object({
    durationMonths: z.number().int().min(1).max(24).default(6),
    checkInCadenceDays: z.number().int().min(7, 'must be at least 7 days').max(60).default(DEFAULT_CHECK_IN_CADENCE_DAYS),
    /**
     * Days after the start; the end-of-program review is always added. Without it, the reviews of
     * DEFAULT_MILESTONE_DAYS that fit in the program (a 3-month program has a Day 30 review only).
     */
    milestoneDays: z.array(z.number().int().min(7).max(730)).max(6).optional(),
    acceptanceWindowDays: z.number().int().min(2).max(30).default(DEFAULT_ACCEPTANCE_WINDOW_DAYS),
    acceptanceReminderDay: z.number().int().min(1).max(29).default(DEFAULT_ACCEPTANCE_REMINDER_DAY),
    /** Local send time on a working day in the recipient's time zone. */
    sendTime: hhmm.default(DEFAULT_SEND_TIME),
    /**
     * Scheduled questions (introductions, check-ins, reviews) of a cohort are spread over this many
     * minutes from the send time, each pairing at its own fixed moment, so that thousands of
     * pairings do not all send in the same second. 0 sends every pairing's at the send time itself.
     */
    sendWindowMinutes: z.number().int('must be a whole number of minutes').min(0).max(480).default(DEFAULT_SEND_WINDOW_MINUTES),
    /** How long each check-in question stays open before it counts as missed. */
    checkInAnswerWindowDays: z.number().int().min(1).max(14).default(DEFAULT_CHECK_IN_ANSWER_WINDOW_DAYS),
    /** Working days an admin has to acknowledge a participant's private concern before every admin is emailed again. */
    concernEscalationDays: z.number().int().min(1).max(20).default(2),
    /** Missed check-ins in a row that trigger each rung of the escalation ladder. */
    escalation: z
      .object({
        nudgeAfter: z.number().int().min(1).default(1),
        seniorNoteAfter: z.number().int().min(1).default(2),
        adminDecisionAfter: z.number().int().min(1).default(3),
      })
      .strict()
      // The ladder climbs: a rung never comes before the one below it.
      .superRefine(
        (e, ctx) => {
          if (e.seniorNoteAfter >= e.nudgeAfter) return;
          ctx.addIssue(
            tiedIssue(['seniorNoteAfter'], `must be at least nudgeAfter (${settingValue(e.nudgeAfter, DEFAULT_ESCALATION.nudgeAfter)}): the ladder climbs`, [
              {
                path: ['nudgeAfter'],
                message: `must be at most seniorNoteAfter (${settingValue(e.seniorNoteAfter, DEFAULT_ESCALATION.seniorNoteAfter)}): the ladder climbs`,
              },
            ]),
          );
        },
        { when: whenFieldsValid(['nudgeAfter'], ['seniorNoteAfter']) },
      )
      .superRefine(
        (e, ctx) => {
          if (e.adminDecisionAfter >= e.seniorNoteAfter) return;
          ctx.addIssue(
            tiedIssue(
              ['adminDecisionAfter'],
              `must be at least seniorNoteAfter (${settingValue(e.seniorNoteAfter, DEFAULT_ESCALATION.seniorNoteAfter)}): the ladder climbs`,
              [
                {
                  path: ['seniorNoteAfter'],
                  message: `must be at most adminDecisionAfter (${settingValue(e.adminDecisionAfter, DEFAULT_ESCALATION.adminDecisionAfter)}): the ladder climbs`,
                },
              ],
            ),
          );
        },
        { when: whenFieldsValid(['seniorNoteAfter'], ['adminDecisionAfter']) },
      )
      .default({ ...DEFAULT_ESCALATION }),
  })
  .strict()
  // Settings that must agree with each other are compared once each is valid on its own (a cadence
  // of 5 days is told it is too short, not also that the answer window is too long for it), whatever
  // else is wrong, so that every problem is told at once (fieldsValid, validation.ts).
  .superRefine(
    (s, ctx) => {
      // A review must fall inside the program for every pairing, whatever day it starts (the plan
      // drops one within two days of the end, where the end-of-program review is asked anyway).
      const last = lastReviewDay(s.durationMonths);
      const late = (s.milestoneDays ?? []).filter((day) => day > last);
      const longer = monthsForReviews(late);
      const duration: TiedField = {
        path: ['durationMonths'],
        message: `must leave room for every review in milestoneDays: ${late.length === 1 ? `day ${late[0]} falls` : `days ${joinAnd(late.map(String))} fall`} at or after the end of a ${s.durationMonths}-month program (its last review day is ${last}); choose ${longer <= 24 ? `${longer} months or more` : 'a longer program'} or earlier review days`,
      };
      (s.milestoneDays ?? []).forEach((day, i) => {
        if (day > last)
          ctx.addIssue(
            tiedIssue(
              ['milestoneDays', i],
              `must be at most ${last}: day ${day} falls at or after the end of a ${s.durationMonths}-month program, where the end-of-program review is asked anyway`,
              [duration],
            ),
          );
      });
    },
    { when: whenFieldsValid(['durationMonths'], ['milestoneDays']) },
  )
  // Told on the field HR changed when the other keeps its default (the reminder day is 3 unless set).
  .superRefine(
    (s, ctx) => {
      if (s.acceptanceReminderDay < s.acceptanceWindowDays) return;
      const windowSet = s.acceptanceReminderDay === DEFAULT_ACCEPTANCE_REMINDER_DAY && s.acceptanceWindowDays !== DEFAULT_ACCEPTANCE_WINDOW_DAYS;
      const window: TiedField = {
        path: ['acceptanceWindowDays'],
        message: `must be longer than acceptanceReminderDay (${settingValue(s.acceptanceReminderDay, DEFAULT_ACCEPTANCE_REMINDER_DAY)}): the reminder goes before the acceptance window ends; choose a longer window or an earlier acceptanceReminderDay`,
      };
      const reminder: TiedField = {
        path: ['acceptanceReminderDay'],
        message: `must be before the end of the acceptance window (acceptanceWindowDays: ${settingValue(s.acceptanceWindowDays, DEFAULT_ACCEPTANCE_WINDOW_DAYS)}): choose an earlier reminder day or a longer acceptanceWindowDays`,
      };
      const [told, other] = windowSet ? [window, reminder] : [reminder, window];
      ctx.addIssue(tiedIssue(told.path, told.message, [other]));
    },
    { when: whenFieldsValid(['acceptanceWindowDays'], ['acceptanceReminderDay']) },
  )
  // A check-in opens only once the one before it has closed (decide.ts, openNotBefore): a window as
  // long as the cadence would space the check-ins by the window instead, and drop the ones between.
  // A valid cadence (7 days at least) is longer than the default window (5 days), so the window is
  // the field to name; the cadence may be the default one.
  .superRefine(
    (s, ctx) => {
      if (s.checkInAnswerWindowDays >= s.checkInCadenceDays) {
        ctx.addIssue(
          tiedIssue(
            ['checkInAnswerWindowDays'],
            `must be shorter than checkInCadenceDays (${settingValue(s.checkInCadenceDays, DEFAULT_CHECK_IN_CADENCE_DAYS)}): each check-in's question closes before the next one is due; choose a shorter answer window or a longer checkInCadenceDays`,
            [
              {
                path: ['checkInCadenceDays'],
                message: `must be longer than checkInAnswerWindowDays (${settingValue(s.checkInAnswerWindowDays, DEFAULT_CHECK_IN_ANSWER_WINDOW_DAYS)}): each check-in's question closes before the next one is due; choose a longer cadence or a shorter checkInAnswerWindowDays`,
              },
            ],
          ),
        );
      }
    },
    { when: whenFieldsValid(['checkInAnswerWindowDays'], ['checkInCadenceDays']) },
  )
  // Meetings are recorded by the check-ins, and the certificate needs one held: a plan with none (a
  // 2-month program with a monthly cadence: day 30 is the Day 30 review's, day 60 too near the end)
  // would promise check-ins and a certificate it can never give.
  .superRefine(
    (s, ctx) => {
      if (s.checkInCadenceDays < 7 || fewestCheckIns(s, s.checkInCadenceDays) > 0) return;
      // The longest shorter cadence that asks one, as an example (not every shorter one does: one that
      // lands on a review day is left to it); none from 7 days up: the reviews leave no room.
      let fits = s.checkInCadenceDays - 1;
      while (fits >= 7 && fewestCheckIns(s, fits) === 0) fits--;
      const instead =
        fits >= 7
          ? `every ${fits} days would ask one`
          : 'no cadence of 7 days or more asks one with these review days: choose fewer reviews or a longer program';
      const none = `(check-ins near a review or the end are left out), so no meeting would be recorded and no certificate earned`;
      const cadence = `checkInCadenceDays: ${settingValue(s.checkInCadenceDays, DEFAULT_CHECK_IN_CADENCE_DAYS)}`;
      // A longer program that asks one with the same cadence and review days, as an example.
      let months = s.durationMonths + 1;
      while (months <= 24 && fewestCheckIns({ durationMonths: months, milestoneDays: s.milestoneDays }, s.checkInCadenceDays) === 0) months++;
      const reviews = s.milestoneDays ?? defaultMilestoneDays(s.durationMonths);
      // 7 days is the shortest cadence there is.
      const shorter = s.checkInCadenceDays > 7 ? ' or a shorter checkInCadenceDays' : '';
      ctx.addIssue(
        tiedIssue(
          ['checkInCadenceDays'],
          `must leave room for at least one check-in: every ${s.checkInCadenceDays} days, a ${s.durationMonths}-month program asks none ${none}; ${instead}`,
          [
            {
              path: ['durationMonths'],
              message: `must leave room for at least one check-in: with a check-in every ${s.checkInCadenceDays} days (${cadence}), a ${s.durationMonths}-month program asks none ${none}; choose ${months <= 24 ? `${months} months or more` : 'a longer program'}${shorter}`,
            },
            {
              path: ['milestoneDays'],
              message: `must leave room for at least one check-in: ${reviews.length === 0 ? 'with no milestone reviews' : `with ${reviews.length === 1 ? 'a review on day' : 'reviews on days'} ${joinAnd(reviews.map(String))}`} and a check-in every ${s.checkInCadenceDays} days (${cadence}), a ${s.durationMonths}-month program asks none (check-ins near a review or the end are left out); choose ${reviews.length > 0 ? 'fewer reviews' : 'a longer durationMonths'}${shorter}`,
            },
          ],
        ),
      );
    },
    { when: whenFieldsValid(['durationMonths'], ['milestoneDays'], ['checkInCadenceDays']) },
  )
  // A send time that is not a time of day has its own issue: the window is not judged against it.
  .superRefine(
    (s, ctx) => {
      const ends = minutesOfDay(WORKING_DAY_ENDS);
      if (minutesOfDay(s.sendTime) + s.sendWindowMinutes <= ends) return;
      const longest = Math.max(0, ends - minutesOfDay(s.sendTime));
      ctx.addIssue(
        tiedIssue(
          ['sendWindowMinutes'],
          `must end by ${WORKING_DAY_ENDS}, when the working day ends (from sendTime ${settingValue(s.sendTime, DEFAULT_SEND_TIME)}, ${longest > 0 ? `at most ${longest} minutes` : 'no window ends by then'}): start earlier or choose a shorter window`,
          [
            {
              path: ['sendTime'],
              message: `must be ${asHHMM(ends - s.sendWindowMinutes)} or earlier: the send window that follows it (sendWindowMinutes: ${settingValue(s.sendWindowMinutes, DEFAULT_SEND_WINDOW_MINUTES)}) must end by ${WORKING_DAY_ENDS}, when the working day ends; choose an earlier send time or a shorter window`,
            },
          ],
        ),
      );
    },
    { when: whenFieldsValid(['sendTime'], ['sendWindowMinutes']) },
  )
  // (An overwrite, not a transform: the published JSON Schema keeps every field's default.)
  .overwrite((s) => ({ ...s, milestoneDays: s.milestoneDays ?? defaultMilestoneDays(s.durationMonths) }));
export type LifecycleSettings = z.output<typeof lifecycleSettingsSchema>;

export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** When people of this program work: emails are sent inside these hours, never on a holiday. */
export const workingHoursSchema = z
  .object({
    days: z.array(z.enum(WEEKDAYS)).min(1, 'must name at least one working day').max(7).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    start: hhmm.default('09:00'),
    end: hhmm.default('17:00'),
  })
  .strict()
  // A start or end that is not a time of day has its own issue: the other is not blamed for it.
  .superRefine(
    (h, ctx) => {
      if (h.start < h.end) return;
      ctx.addIssue(
        tiedIssue(['end'], 'must be after the start of the working day', [
          { path: ['start'], message: `must be before the end of the working day (end: ${settingValue(h.end, WORKING_DAY_ENDS)})` },
        ]),
      );
    },
    { when: whenFieldsValid(['start'], ['end']) },
  );

/** How far automatic rematches go for one person (docs/lifecycle.md, Rematch policy). */
export const rematchSettingsSchema = z
  .object({
    /** Offers a person who never answered an introduction still gets; then they become `inactive`. */
    offersAfterSilence: z.number().int('must be a whole number').min(0).max(5).default(1),
    /** Automatic rematches per person; past it they wait on the waitlist for the admin. */
    maxAttempts: z.number().int('must be a whole number').min(0).max(10).default(3),
    /** A rematch proposes and asks the admins, as a cohort run does, instead of starting at once. */
    needsApproval: z.boolean().default(false),
  })
  .strict();
export type RematchSettings = z.output<typeof rematchSettingsSchema>;

/** A calendar date that exists (2027-02-30 does not); one not written as YYYY-MM-DD is told only that. */
export const calendarDate = isoDate.refine(
  (d) => {
    const t = new Date(`${d}T00:00:00Z`);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === d;
  },
  { message: 'must be a calendar date that exists', when: (payload) => payload.issues.length === 0 },
);

/** Reports withhold every aggregate over fewer people than this (k-anonymity). */
export const DEFAULT_REPORT_MIN_GROUP_SIZE = 5;

/**
 * A topic's id: letters, digits, '-' and '_' (as the default catalogue's `ai-tools`). It names the
 * topic in CSV columns, intake answers, reply lines and the form's element ids, so nothing in it may
 * need quoting or escaping there (QA attacker3: markup in an id reached the public intake page).
 */
const topicIdSchema = z
  .string()
  .min(1)
  .max(60)
  .regex(/^[A-Za-z0-9][A-Za-z0-9_-]*$/, "must be letters, digits, '-' or '_' (for example ai-tools), starting with a letter or digit");

export const programSchema = z
  .object({
    programId: programIdSchema,
    name: singleLineText(120),
    /** What the program is for, each with a measure the report computes and a target (or free text, not measured): functions/domain/objectives.ts. */
    objectives: objectivesSchema,
    topics: z
      .array(z.object({ id: topicIdSchema, label: singleLineText(80), side: z.enum(['mentor', 'mentee']) }).strict())
      .min(1)
      .default(() => DEFAULT_TOPICS.map((t) => ({ ...t }))),
    startDate: calendarDate,
    /** The last day people can be matched (optional): after it, whoever still waits is told the program has closed. */
    endDate: calendarDate.optional(),
    timeZone: timeZoneSchema.default('UTC'),
    admins: z.array(emailSchema).min(1, 'must name at least one program admin'),
    lifecycle: lifecycleSettingsSchema.default(() => lifecycleSettingsSchema.parse({})),
    matching: z
      .object({
        weights: matchingWeightsSchema.default(() => matchingWeightsSchema.parse({})),
        rules: matchingRulesSchema.default(() => matchingRulesSchema.parse({})),
      })
      .strict()
      .default(() => ({ weights: matchingWeightsSchema.parse({}), rules: matchingRulesSchema.parse({}) })),
    rematch: rematchSettingsSchema.default(() => rematchSettingsSchema.parse({})),
    /** Holidays of the program (YYYY-MM-DD): nothing is sent on them. */
    nonWorkingDays: z.array(calendarDate).max(100, 'must list at most 100 days').default([]),
    workingHours: workingHoursSchema.default(() => workingHoursSchema.parse({})),
    /** Every report aggregate over fewer people than this is withheld (k-anonymity; at least 3). */
    reportMinGroupSize: z
      .number()
      .int('must be a whole number')
      .min(3, 'must be at least 3, so that no one can be singled out')
      .max(50)
      .default(DEFAULT_REPORT_MIN_GROUP_SIZE),
    /** How long free-text notes are kept after a pairing ends (functions/domain/retention.ts). */
    retention: z
      .object({
        notesDays: z.number().int('must be a whole number').min(0).max(3650, 'must be at most 3650 days (ten years)').default(DEFAULT_NOTES_DAYS),
      })
      .strict()
      .default(() => ({ notesDays: DEFAULT_NOTES_DAYS })),
    /** The admins' weekly digest goes out on this weekday, in the first working hour (docs/emails.md); Monday by default. */
    digest: z
      .object({ day: z.enum(WEEKDAYS).default('mon') })
      .strict()
      .default(() => ({ day: 'mon' as const })),
  })
  .strict()
  .superRefine(
    (p, ctx) => {
      // Fields that must agree with each other: checked once each is valid on its own (fieldsValid),
      // whatever else is wrong with the program.
      if (fieldsValid(ctx, ['startDate'], ['endDate']) && p.endDate !== undefined && p.endDate < p.startDate)
        ctx.addIssue(
          tiedIssue(['endDate'], `must not be before startDate (${p.startDate})`, [
            { path: ['startDate'], message: `must not be after endDate (${p.endDate})` },
          ]),
        );
      // A list that names the same thing twice is a mistake to show, not to keep.
      const again = (keys: readonly string[]) => keys.flatMap((k, i) => (keys.indexOf(k) < i ? [i] : []));
      const topicsValid = fieldsValid(ctx, ['topics']);
      const topicIds = topicsValid ? p.topics.map((t) => t.id) : [];
      for (const i of again(topicIds)) ctx.addIssue({ code: 'custom', path: ['topics', i, 'id'], message: 'is listed twice: give each topic its own id' });
      if (fieldsValid(ctx, ['admins']))
        for (const i of again(p.admins.map((a) => a.toLowerCase()))) ctx.addIssue({ code: 'custom', path: ['admins', i], message: 'is listed twice' });
      if (fieldsValid(ctx, ['workingHours', 'days']))
        for (const i of again(p.workingHours.days)) ctx.addIssue({ code: 'custom', path: ['workingHours', 'days', i], message: 'is listed twice' });
      if (topicsValid && fieldsValid(ctx, ['objectives']))
        p.objectives.forEach((o, i) => {
          if (o.topic !== undefined && !topicIds.includes(o.topic))
            ctx.addIssue(
              tiedIssue(['objectives', i, 'topic'], `is not one of the program's topics (${topicIds.join(', ')})`, [
                {
                  path: ['topics'],
                  message: `has no topic "${o.topic}", which objectives.${i}.topic names: keep or add that topic, or name another one there`,
                },
              ]),
            );
        });
    },
    { when: (payload) => fieldsValid(payload) },
  );
export type Program = z.output<typeof programSchema>;
export type ProgramInput = z.input<typeof programSchema>;

/** The program `npm start` seeds so that a newcomer can enrol people at once. */
export const DEFAULT_PROGRAM_INPUT: ProgramInput = {
  programId: 'pilot',
  name: 'Reverse mentoring pilot',
  objectives: [
    { text: 'Leaders fluent in AI and digital tools', measure: 'skill-change', topic: 'ai-tools', role: 'mentee', target: 1 },
    { measure: 'completion-rate', target: 0.8 },
    'Early-career voices heard at the top',
  ],
  startDate: '2027-01-04',
  timeZone: 'Europe/London',
  admins: ['programs@example.com'],
};
