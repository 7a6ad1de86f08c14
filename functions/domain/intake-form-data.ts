import { CONFIRMATION_RETRY_WITHIN_MINUTES } from './confirmation-retry';
import { firstNameOf, formatDate } from './emails/format';
import { notMatchedBecause } from './intake';
import { availabilityWindowSchema, type Participant, type ParticipantStatus } from './participant';
import type { Program } from './program';
import { conflictFormMessage, type FormConflict, formLabel, formMessage, formOrder, isFormControl, WINDOW_WORDS } from './intake-form-messages';
import type { FieldIssue } from './validation';

/**
 * The intake form's submission (application/x-www-form-urlencoded, with or without JavaScript)
 * as an intake input, and the intake's answer in the form's own words: issues name the form
 * control and its label ("Window 2: until"), never a field path ("availability.0.end").
 */

export const AVAILABILITY_ROWS = 3;

/** A problem with one control of the form, in words HR reads. */
export interface FormIssue {
  /** The id of the control (or fieldset) that shows the problem; "(form)" when none does. */
  readonly field: string;
  /** The control's label as the form shows it. */
  readonly label: string;
  readonly message: string;
}

export interface FormSubmission {
  /** The intake input for the one intake path (validateIntake/enrol). */
  readonly input: Record<string, unknown>;
  /** For each availability window of the input, the form row it came from (rows with neither a day nor a time are skipped). */
  readonly windowRows: readonly number[];
  /** How many languages were ticked in the list (the rest came from "Other languages"). */
  readonly listedLanguages: number;
}

const one = (form: URLSearchParams, name: string): string | undefined => {
  const value = form.get(name)?.trim();
  return value ? value : undefined;
};
const many = (form: URLSearchParams, name: string): string[] =>
  form
    .getAll(name)
    .map((v) => v.trim())
    .filter((v) => v !== '');
const split = (text: string | undefined): string[] =>
  text
    ? text
        .split(/[;,]/)
        .map((s) => s.trim())
        .filter(Boolean)
    : [];

/** Reads a form submission; what is missing stays missing, so that the intake names it. */
export function readIntakeForm(body: string): FormSubmission {
  const form = new URLSearchParams(body);
  const windowRows: number[] = [];
  const availability: Record<string, string>[] = [];
  for (let row = 0; row < AVAILABILITY_ROWS; row++) {
    const day = one(form, `availability-${row}-day`);
    const start = one(form, `availability-${row}-start`);
    const end = one(form, `availability-${row}-end`);
    // Times without a day are a window HR meant: passed on with its day empty, so that the intake
    // refuses it by its day rather than the person being enrolled without it.
    if (!day && !start && !end) continue;
    windowRows.push(row);
    availability.push({ day: day ?? '', start: start ?? '', end: end ?? '' });
  }
  const listed = many(form, 'languages');
  const managerEmail = one(form, 'manager-email');
  const managerEmployeeId = one(form, 'manager-employeeId');
  const share = one(form, 'consent-shareProgressWithManager');
  const capacity = one(form, 'capacity');
  const input: Record<string, unknown> = {
    programId: one(form, 'programId'),
    name: one(form, 'name'),
    email: one(form, 'email'),
    employeeId: one(form, 'employeeId'),
    role: one(form, 'role'),
    jobTitle: one(form, 'jobTitle'),
    department: one(form, 'department'),
    location: one(form, 'location'),
    timeZone: one(form, 'timeZone'),
    manager: managerEmail || managerEmployeeId ? JSON.parse(JSON.stringify({ email: managerEmail, employeeId: managerEmployeeId })) : undefined,
    topicsOffered: many(form, 'topicsOffered'),
    topicsWanted: many(form, 'topicsWanted'),
    interests: split(one(form, 'interests')),
    availability,
    meetingPreference: one(form, 'meetingPreference'),
    languages: [...listed, ...split(one(form, 'languages-other'))],
    communicationStyle: one(form, 'communicationStyle'),
    goals: one(form, 'goals'),
    // A number input sends text; "2.5" or "two" are left to the schema to name.
    capacity: capacity === undefined ? undefined : /^-?\d+(\.\d+)?$/.test(capacity) ? Number(capacity) : capacity,
    // Only "yes" and "no" are answers: anything else ("maybe") is left to the schema to refuse, never read as no.
    consent: {
      dataProcessing: form.get('consent-dataProcessing') === 'yes',
      shareProgressWithManager: share === undefined ? undefined : share === 'yes' ? true : share === 'no' ? false : share,
    },
  };
  for (const key of Object.keys(input)) if (input[key] === undefined) delete input[key];
  return { input, windowRows, listedLanguages: listed.length };
}

/** The control that shows an intake field, e.g. "availability.1.end" -> "availability-2-end" when the first row was empty. */
function controlOf(field: string, submission: Pick<FormSubmission, 'windowRows' | 'listedLanguages'>): string {
  const [head, second, third] = field.split('.');
  switch (head) {
    case 'manager':
      return second === 'email' || second === 'employeeId' ? `manager-${second}` : 'manager';
    case 'consent':
      return second === 'dataProcessing' || second === 'shareProgressWithManager' ? `consent-${second}` : 'consent';
    case 'availability': {
      const row = second === undefined ? undefined : submission.windowRows[Number(second)];
      return row === undefined || !third ? 'availability' : `availability-${row}-${third}`;
    }
    case 'languages':
      return second !== undefined && Number(second) >= submission.listedLanguages ? 'languages-other' : 'languages';
    default:
      return head !== undefined && isFormControl(head) ? head : '(form)';
  }
}

type FormShape = Pick<FormSubmission, 'input' | 'windowRows' | 'listedLanguages'>;

/**
 * The intake's issues as the form shows them: one per control and message, in the order of the
 * form's controls (the first is the one the form focuses), each in the form's words
 * (intake-form-messages.ts).
 */
export function formIssues(issues: readonly FieldIssue[], submission: FormShape): FormIssue[] {
  const out: FormIssue[] = [];
  for (const issue of issues) {
    const shown = formIssue(issue, submission);
    if (!shown || out.some((o) => o.field === shown.field && o.message === shown.message)) continue;
    out.push(shown);
  }
  // Stable: two problems of one control keep the intake's order.
  return out
    .map((issue, i) => ({ issue, i }))
    .sort((a, b) => formOrder(a.issue.field) - formOrder(b.issue.field) || a.i - b.i)
    .map(({ issue }) => issue);
}

/** An enrolment conflict (409) as the form shows it, at the email or the employee id. */
export function conflictFormIssues(conflict: FormConflict): FormIssue[] {
  return [{ field: conflict.field, label: formLabel(conflict.field), message: conflictFormMessage(conflict) }];
}

const isTime = (value: unknown) => availabilityWindowSchema.shape.start.safeParse(value).success;

/**
 * One intake issue in the form's words. The intake's messages speak JSON ("must be true", "must
 * be a number, not a string", "must be an IANA time zone"), as its API callers need; the form has
 * a checkbox, yes/no buttons, lists, a number box and time inputs, so HR reads what to do with
 * those (as the CSV import speaks of yes and no, import-job.ts csvRowIssue). Undefined: the issue
 * says nothing more than another one already does (an end "after" a start that is missing).
 */
function formIssue(issue: FieldIssue, submission: FormShape): FormIssue | undefined {
  const field = controlOf(issue.field, submission);
  const shown = (message: string, label = formLabel(field)): FormIssue => ({ field, label, message });
  const window = /^availability\.(\d+)\.(day|start|end)$/.exec(issue.field);
  const row = window ? submission.windowRows[Number(window[1])] : undefined;
  if (!window || row === undefined) return shown(formMessage(issue, field, submission));
  const times = ((submission.input.availability as unknown[])[Number(window[1])] ?? {}) as Record<string, unknown>;
  const part = window[2]!;
  if (part === 'day') return shown(WINDOW_WORDS.day);
  if (times.start === '' && times.end === '') {
    // One problem, on the window's first time: "Window 2: Choose a start and an end time."
    return part === 'start' ? shown(WINDOW_WORDS.bothTimes, `Window ${row + 1}`) : undefined;
  }
  const value = times[part];
  if (value === '') return shown(part === 'start' ? WINDOW_WORDS.start : WINDOW_WORDS.end);
  if (!isTime(value)) return shown(WINDOW_WORDS.notATime);
  // A valid time with an issue is an end before its start: said only when the start is a time too.
  return isTime(times.start) ? shown(WINDOW_WORDS.endBeforeStart) : undefined;
}

/** What the form shows after an enrolment: who, in which program, and what happens next. */
export interface EnrolmentConfirmation {
  readonly heading: string;
  readonly paragraphs: readonly string[];
}

/**
 * `confirmationEmail: "pending"`: the person is stored but their confirmation email could not be
 * sent yet (it is retried automatically, functions/domain/confirmation-retry.ts): still a success
 * for the person at the form, who has nothing to do again.
 */
export function enrolmentConfirmationText(
  participant: Pick<Participant, 'participantId' | 'name' | 'email' | 'role'> & { readonly status?: ParticipantStatus },
  program: Pick<Program, 'name' | 'startDate'>,
  created: boolean,
  now: Date = new Date(),
  confirmationEmail: 'sent' | 'pending' = 'sent',
): EnrolmentConfirmation {
  const first = firstNameOf(participant.name);
  const role = participant.role === 'mentor' ? 'a mentor (early-career coach)' : 'a mentee (senior leader)';
  const reference = `For reference, their participant id is ${participant.participantId}.`;
  const pending = `The confirmation email to ${participant.email} could not be sent yet: it is sent automatically within ${CONFIRMATION_RETRY_WITHIN_MINUTES} minutes, so there is nothing to do again.`;
  if (!created) {
    const notMatched = participant.status === undefined ? undefined : notMatchedBecause(participant.status);
    if (notMatched) {
      return {
        heading: `${participant.name} was already enrolled, but is not matched any more`,
        paragraphs: [
          `${participant.name} was already enrolled in ${program.name} as ${role}, with these same answers, but ${notMatched}. Nothing changed: enrolling them again does not undo that. If they should take part again, ask the program admin.`,
          reference,
        ],
      };
    }
    return {
      heading: `${participant.name} was already enrolled`,
      paragraphs: [
        confirmationEmail === 'pending'
          ? `${participant.name} was already enrolled in ${program.name} as ${role}, with these same answers. Nothing changed. ${pending}`
          : `${participant.name} was already enrolled in ${program.name} as ${role}, with these same answers. Nothing changed and no second email was sent.`,
        reference,
      ],
    };
  }
  const starts = Date.parse(`${program.startDate}T23:59:59Z`) > now.getTime();
  const email =
    confirmationEmail === 'pending'
      ? pending
      : `A confirmation email is on its way to ${participant.email}; it explains how their information is used and how to withdraw.`;
  return {
    heading: `${participant.name} is enrolled`,
    paragraphs: [
      `${participant.name} is enrolled in ${program.name} as ${role}. ${email}`,
      `What happens next: the program admin runs the matching${starts ? `, planned before the program starts on ${formatDate(`${program.startDate}T12:00:00Z`, 'UTC')}` : ''}. ${first} then gets an email introducing their partner, or an email saying they are on the waitlist until a partner is free. Nothing else is needed from you.`,
      reference,
    ],
  };
}
