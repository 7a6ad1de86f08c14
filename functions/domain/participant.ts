import { domainToASCII, domainToUnicode } from 'node:url';
import type { ReportingLineDigests } from './matching/reporting-chain';
import { z } from 'zod';
import { canonicalJson } from './canonical-json';
import { languageCode } from './languages';
import { multiLineText, singleLineText } from './text-input';
import { DEFAULT_TOPICS } from './topics';
import { programIdSchema } from './program-id';
import { fieldsValid, whenFieldsValid, type FieldIssue } from './validation';
export type { FieldIssue } from './validation';

/** BCP 47 language codes the runtime knows ("en", "pt-BR", "yue"), stored lower case. */
const languageTag = z
  .string()
  .trim()
  .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a language code such as "en", "fr" or "pt-BR"')
  .transform((tag, ctx) => {
    const code = languageCode(tag);
    if (code === undefined) {
      ctx.addIssue({ code: 'custom', message: `"${tag}" is not a language code we know: use a code such as "en", "fr" or "pt-BR"` });
      return z.NEVER;
    }
    return code;
  });

export function isIanaTimeZone(tz: string): boolean {
  if (!/^[A-Za-z_]+(\/[A-Za-z0-9_+-]+)*$/.test(tz) && tz !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

/**
 * A time zone in its own letter case: "europe/london" is stored as "Europe/London", so one zone
 * has one spelling in emails, exports and comparisons. Only the case changes: a name the runtime
 * knows as an alias stays as the person chose it ("Asia/Kolkata" is not turned into the older
 * "Asia/Calcutta" that Node's time zone data calls canonical, nor "US/Eastern" into another name).
 */
export function canonicalTimeZone(tz: string): string {
  try {
    const resolved = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
    return resolved.toLowerCase() === tz.toLowerCase() ? resolved : tz;
  } catch {
    return tz; // not a time zone: the refinement before has said so
  }
}

export const timeZoneSchema = z
  .string()
  .trim()
  .refine(isIanaTimeZone, { message: 'must be an IANA time zone such as "Europe/Berlin"' })
  .overwrite(canonicalTimeZone);

export const emailSchema = z
  .string()
  .trim()
  .max(254, 'must be at most 254 characters')
  .refine((email) => withAsciiDomain(email) !== undefined, {
    error: (issue) => `has a domain ("${domainOf(String(issue.input))}") that is not a valid internationalized domain name; check its spelling`,
  })
  // overwrite, not transform: the published JSON Schema keeps its defaults (docs/schemas).
  .overwrite((email) => withAsciiDomain(email) ?? email)
  .pipe(z.email({ message: 'must be a valid email address' }));

export const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day as HH:MM (24-hour)');

/** A weekly availability window in the participant's own time zone. */
export const availabilityWindowSchema = z
  .object({
    day: z.enum(DAYS, { message: `must be one of ${DAYS.join(', ')}` }),
    start: hhmm,
    end: hhmm,
  })
  .strict()
  .refine((w) => w.start < w.end, { message: 'must end after it starts', path: ['end'], when: whenFieldsValid(['start'], ['end']) });
export type AvailabilityWindow = z.infer<typeof availabilityWindowSchema>;

/** A participant's id as enrolment gives it (adapters/participants.ts, newParticipantId): `pt_` and 20 base32 characters. */
export const PARTICIPANT_ID = /^pt_[a-z2-7]{20}$/;

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];
export const MEETING_PREFERENCES = ['video', 'in-person', 'either'] as const;
export const COMMUNICATION_STYLES = ['direct', 'reflective', 'structured', 'casual'] as const;

const topicId = z.string().trim().min(1, 'must not be empty').max(60);
const shortText = singleLineText;

/**
 * What HR submits for one participant. Every entry point (HTTP JSON, CSV row, EventBridge
 * ParticipantEnrolled, the web form) is parsed by this schema, then checked against the program's
 * topic catalogue with `checkTopics`.
 */
export const participantIntakeSchema = z
  .object({
    programId: programIdSchema,
    name: shortText(120),
    email: emailSchema,
    employeeId: shortText(64).optional(),
    role: z.enum(ROLES, { message: 'must be "mentor" (early-career coach) or "mentee" (senior leader)' }),
    jobTitle: shortText(120).optional(),
    department: shortText(120),
    location: shortText(120),
    timeZone: timeZoneSchema,
    manager: z
      .object({ email: emailSchema.optional(), employeeId: shortText(64).optional(), name: shortText(120).optional() })
      .strict()
      .refine((m) => m.email !== undefined || m.employeeId !== undefined, {
        message: 'needs an email or an employee id so reporting lines are known',
      })
      .optional(),
    topicsOffered: z.array(topicId).max(11, 'must list at most 11 topics').default([]),
    /** Ordered by priority: the first is what the participant wants most. */
    topicsWanted: z.array(topicId).min(1, 'must list at least one topic').max(11, 'must list at most 11 topics'),
    interests: z.array(shortText(40)).max(20, 'must list at most 20 interests').default([]),
    availability: z.array(availabilityWindowSchema).min(1, 'must give at least one weekly window').max(28, 'must give at most 28 weekly windows'),
    meetingPreference: z.enum(MEETING_PREFERENCES, { message: 'must be "video", "in-person" or "either"' }).default('either'),
    languages: z.array(languageTag).min(1, 'must list at least one language').max(10, 'must list at most 10 languages'),
    communicationStyle: z.enum(COMMUNICATION_STYLES, { message: `must be one of ${COMMUNICATION_STYLES.join(', ')}` }).optional(),
    goals: multiLineText(2000),
    capacity: z.number().int('must be a whole number').min(1, 'must be at least 1').max(5, 'must be at most 5').default(1),
    doNotPairWith: z.array(emailSchema).max(50, 'must list at most 50 email addresses').default([]),
    consent: z
      .object({
        dataProcessing: z.literal(true, { message: 'must be true: the program cannot run without it' }),
        shareProgressWithManager: z.boolean({ message: 'must be true or false' }),
      })
      .strict(),
  })
  .strict()
  // Each check runs once the fields it compares are valid on their own, whatever else is wrong with
  // the intake: HR sees every problem of a row at once (fieldsValid, validation.ts).
  .superRefine(
    (p, ctx) => {
      if (fieldsValid(ctx, ['role'], ['capacity']) && p.role === 'mentee' && p.capacity > 1) {
        ctx.addIssue({ code: 'custom', path: ['capacity'], message: 'must be 1 for a mentee (only mentors may take several partners)' });
      }
      // A manager is someone else: the reporting-chain rule and the manager note depend on it.
      if (fieldsValid(ctx, ['email'], ['manager', 'email']) && p.manager?.email !== undefined && emailKey(p.manager.email) === emailKey(p.email)) {
        ctx.addIssue({
          code: 'custom',
          path: ['manager', 'email'],
          message: "is the participant's own email: a person cannot be their own manager; give their manager's email",
        });
      }
      if (
        fieldsValid(ctx, ['employeeId'], ['manager', 'employeeId']) &&
        p.manager?.employeeId !== undefined &&
        p.employeeId !== undefined &&
        employeeIdKey(p.manager.employeeId) === employeeIdKey(p.employeeId)
      ) {
        ctx.addIssue({
          code: 'custom',
          path: ['manager', 'employeeId'],
          message: "is the participant's own employee id: a person cannot be their own manager; give their manager's employee id",
        });
      }
      const dup = (xs: string[]) => xs.find((x, i) => xs.indexOf(x) !== i);
      for (const key of ['topicsOffered', 'topicsWanted', 'languages'] as const) {
        if (!fieldsValid(ctx, [key])) continue;
        const d = dup(p[key]);
        if (d !== undefined) ctx.addIssue({ code: 'custom', path: [key], message: `lists "${d}" twice` });
      }
    },
    { when: (payload) => fieldsValid(payload) },
  );

export type ParticipantIntake = z.output<typeof participantIntakeSchema>;
export type ParticipantIntakeInput = z.input<typeof participantIntakeSchema>;

const INTAKE_FIELDS = Object.keys(participantIntakeSchema.shape) as (keyof ParticipantIntake)[];

/**
 * Whether an intake gives the answers a participant holds now: their enrolment with every HR
 * update since (ParticipantUpdated), so that HR enrolling someone with their current details is a
 * repeat, not a conflict. The address is compared without letter case, as its marker compares it;
 * `exceptEmail` leaves it out (a re-hire under a new address, known by their employee id).
 */
export function givesCurrentAnswers(intake: ParticipantIntake, participant: Participant, options: { exceptEmail?: boolean } = {}): boolean {
  const answers = (from: ParticipantIntake) => {
    const picked: Record<string, unknown> = {};
    for (const field of INTAKE_FIELDS) picked[field] = from[field];
    picked.email = options.exceptEmail ? undefined : emailKey(from.email);
    // In NFC: a profile stored before intake normalised text may hold a name decomposed.
    return canonicalJson(picked).normalize('NFC');
  };
  return answers(intake) === answers(participant);
}

/**
 * `completed`: their pairing completed and they have no other one running (not offered to matching again).
 * `awaiting-rematch`: their pairing ended early or did not start and a rematch is looking for a partner
 * (then `paired` or `waitlisted`). `inactive`: never answered their introductions; not offered again
 * automatically (docs/lifecycle.md, Rematch policy).
 */
export const PARTICIPANT_STATUSES = [
  'enrolled',
  'paired',
  'awaiting-rematch',
  'waitlisted',
  'completed',
  'inactive',
  'withdrawn',
  'left',
  'suppressed',
] as const;
export type ParticipantStatus = (typeof PARTICIPANT_STATUSES)[number];

/** Statuses of people the program sends nothing more: they left, withdrew, or their address bounced or complained. */
const NO_MAIL_STATUSES: readonly ParticipantStatus[] = ['withdrawn', 'left', 'suppressed'];

/** False for someone the program must not email any more (NO_MAIL_STATUSES). */
export function receivesMail(status: ParticipantStatus): boolean {
  return !NO_MAIL_STATUSES.includes(status);
}

/**
 * What a STOP does (ParticipantWithdrew: a reply STOP, a one-click unsubscribe), decided when it is
 * handled (functions/pairing-control.ts). Someone whose pairings have all completed (status
 * `completed`, none running) has nothing left to leave: their STOP asks only for no more email from
 * the program (`stop-mail`, recorded once as `mailStoppedAt`; `nothing` after that) and they stay
 * counted as having completed. Anyone else withdraws (`withdraw`): status `withdrawn`, every running
 * pairing of theirs ends (functions/lifecycle/departure.ts).
 */
export function whatStopDoes(
  person: Pick<Participant, 'status' | 'mailStoppedAt'>,
  their: { readonly pairingRunning: boolean },
): 'withdraw' | 'stop-mail' | 'nothing' {
  if (person.status !== 'completed' || their.pairingRunning) return 'withdraw';
  return person.mailStoppedAt === undefined ? 'stop-mail' : 'nothing';
}

/** What the rematch policy keeps on a participant (functions/domain/rematch-policy.ts). */
export interface MatchStanding {
  /** YYYY-MM-DD: not offered to matching before this day (a decline said "away until ..."). */
  readonly availableFrom?: string;
  /** Introductions in a row the person never answered (reset by any answer). */
  readonly unansweredIntroductions?: number;
  /** How many times the person was put forward for an automatic rematch. */
  readonly rematchAttempts?: number;
  /**
   * When a pairing of this mentor ended past the rematch cap while another of hers kept running:
   * the places she has free are held for the admins from then on (rematch-policy.ts, placesHeldForAdmin).
   */
  readonly placesHeldSince?: string;
}

/** A participant as stored. */
export interface Participant extends ParticipantIntake, MatchStanding {
  readonly participantId: string;
  /**
   * Names an HR update replaced, oldest first: what was written while the person had them (a
   * partner's notes, emails) still names them, and an erasure looks for them too.
   */
  readonly formerNames?: readonly string[];
  /**
   * Addresses an HR update replaced, oldest first: mail the person sent from them, a manager
   * reference or a note still holds them, and an erasure looks for them too.
   */
  readonly formerEmails?: readonly string[];
  /** When an HR event last set each field (its event time): an older event does not undo it. */
  readonly fieldUpdatedAt?: Readonly<Record<string, string>>;
  /**
   * When HR enrolled them, to the second: a `ParticipantEnrolled`'s own `time` (never later than
   * when it was handled), the HTTP API's and an import's moment otherwise. A departure HR dated
   * before it concerns an earlier enrolment, one dated after it applies however late it arrives
   * (domain/rejoin.ts, enrolledSince). Enrolments stored before it was kept have `createdAt` only.
   */
  readonly enrolledAt?: string;
  /**
   * When they last came back after leaving or a suppression (a re-hire, a working address; to the
   * second): a departure HR dated before it does not make them leave again (domain/rejoin.ts).
   */
  readonly rejoinedAt?: string;
  /**
   * When they left the organisation (the departure's event time, to the second): HR's enrolment
   * from before it, delivered late or replayed, is no re-hire (domain/rejoin.ts).
   */
  readonly leftAt?: string;
  /**
   * When someone whose pairings had all completed replied STOP (whatStopDoes): they asked for no
   * more email from the program, and their status stays `completed`.
   */
  readonly mailStoppedAt?: string;
  /** On an erased person's tombstone only: digests that keep reporting lines through them (erasure.ts). */
  readonly reportingLine?: ReportingLineDigests;
  readonly status: ParticipantStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  readonly version: number;
}

/**
 * Topics must come from the program's catalogue; returns the issues (empty when valid). Reads the
 * lists as given too, before the intake as a whole is valid: each item that is a topic id on its own
 * is checked, so that a row wrong in other fields as well is told about its topics at once.
 */
export function checkTopics(
  intake: { readonly topicsOffered?: unknown; readonly topicsWanted?: unknown },
  catalogue: readonly { id: string }[] = DEFAULT_TOPICS,
): FieldIssue[] {
  const known = new Set(catalogue.map((t) => t.id));
  const issues: FieldIssue[] = [];
  for (const key of ['topicsOffered', 'topicsWanted'] as const) {
    const list = intake[key];
    if (!Array.isArray(list)) continue;
    list.forEach((item: unknown, i) => {
      const t = topicId.safeParse(item);
      if (t.success && !known.has(t.data)) {
        issues.push({ field: `${key}.${i}`, message: `"${t.data}" is not a topic of this program (known: ${[...known].join(', ')})` });
      }
    });
  }
  return issues;
}

/**
 * An address in its one canonical form, the form every comparison of two addresses uses (uniqueness,
 * markers, the sender of a reply): trimmed, lower case, an internationalized domain in its ASCII
 * (punycode) spelling. Mail software writes such a domain either way (mailparser turns
 * `xn--mnchen-3ya.de` into `münchen.de`), and both are the same mailbox. A domain written with
 * characters that only look like another's (a soft hyphen, a full-width letter, a zero-width space,
 * the Kelvin sign) has no ASCII spelling here and is kept apart: mail from it is not mail from the
 * domain it imitates, whose SPF, DKIM and DMARC were never checked (QA attacker4).
 */
export function emailKey(email: string): string {
  const address = email.trim();
  const at = address.lastIndexOf('@');
  if (at < 0) return address.toLowerCase();
  const domain = address.slice(at + 1);
  const local = address.slice(0, at + 1).toLowerCase();
  if (/^\p{ASCII}*$/u.test(domain)) return `${local}${domain.toLowerCase()}`;
  // Not lower-cased when it has no ASCII spelling: "\u212A" (Kelvin) lower-cases to a plain "k".
  return `${local}${asciiDomain(domain) ?? domain}`;
}

/**
 * A Unicode domain's ASCII (punycode) spelling; undefined for a domain already ASCII, or one with
 * none: characters IDNA forbids, or characters IDNA only maps away or onto others (the ASCII
 * spelling read back is not the domain as written, in lower case), which look like another
 * domain but are not it, and a domain not written composed (NFC). Only a plain host name is converted: the URL parser behind
 * domainToASCII would read "a/b.de" as "a".
 */
function asciiDomain(domain: string): string | undefined {
  if (/^\p{ASCII}*$/u.test(domain) || /[\s/\\?#@:%[\]]/u.test(domain)) return undefined;
  // Written composed, as IDNA requires: a sign that only stands for a letter (the Angstrom sign for
  // "å", the Ohm sign for "ω", the Kelvin sign for "k") or a decomposed letter is not the domain
  // SES checked the policy of (QA verify23).
  if (domain.normalize('NFC') !== domain) return undefined;
  const written = domain.toLowerCase();
  if (/^\p{ASCII}*$/u.test(written)) return undefined;
  const ascii = domainToASCII(written);
  return ascii && domainToUnicode(ascii) === written ? ascii : undefined;
}

const domainOf = (email: string) => email.slice(email.lastIndexOf('@') + 1);

/** An address as stored: an internationalized domain in its ASCII spelling; undefined when it has none (docs/data-model.md). */
function withAsciiDomain(email: string): string | undefined {
  const domain = domainOf(email);
  if (!email.includes('@') || /^\p{ASCII}*$/u.test(domain)) return email;
  const ascii = asciiDomain(domain);
  return ascii ? `${email.slice(0, email.length - domain.length)}${ascii}` : undefined;
}

/** Whether an address is one of these (compared as markers compare them; empty or absent ones never match). */
export function oneOfAddresses(addresses: readonly (string | undefined)[]): (address: string) => boolean {
  const keys = new Set(addresses.filter((a): a is string => a !== undefined && a.trim() !== '').map(emailKey));
  return (address) => keys.has(emailKey(address));
}

/** Employee ids are compared without letter case ("e1001" is "E1001"): HR systems and spreadsheets disagree on case. */
export function employeeIdKey(employeeId: string): string {
  return employeeId.trim().toLowerCase();
}
