import { formatDate } from './emails/format';
import { UPDATABLE_FIELDS } from './events';
import type { EnrolmentConflict } from './intake';
import { FORM_LANGUAGES, languageCode } from './languages';
import { TEXT_PROBLEM_MESSAGES, type TextProblem } from './text-input';
import type { FieldIssue } from './validation';

/**
 * The intake form's words (functions/domain/intake-form.ts): the label of each control, and what
 * the form says about an answer the intake refused, in sentences a person filling in a web form
 * acts on ("Enter an email address like name@company.com", "Choose at least one topic the
 * participant wants to learn about"). The intake's own messages stay as its API callers need them
 * ("must be a valid email address", field paths, "send them with PATCH ..."): only the form's
 * display changes. QA (Chromium round): the form showed "must be an IANA time zone", "lists "en"
 * twice" and a 409 telling HR to send a PATCH request.
 */

const LABELS: Record<string, string> = {
  programId: 'Program',
  name: 'Full name',
  email: 'Work email',
  employeeId: 'Employee id',
  role: 'Role in the program',
  jobTitle: 'Job title',
  department: 'Department',
  location: 'Location',
  timeZone: 'Time zone',
  manager: 'Manager',
  'manager-email': 'Manager email',
  'manager-employeeId': 'Manager employee id',
  topicsOffered: 'Topics offered',
  topicsWanted: 'Topics wanted',
  interests: 'Interests',
  availability: 'Weekly availability',
  meetingPreference: 'Meeting preference',
  languages: 'Languages',
  'languages-other': 'Other languages',
  communicationStyle: 'Communication style',
  goals: 'Personal goals',
  capacity: 'Capacity',
  consent: 'Consent',
  'consent-dataProcessing': 'Consent to data processing',
  'consent-shareProgressWithManager': 'Share progress with the manager?',
};

const PART_LABELS = { day: 'day', start: 'from', end: 'until' } as const;

/** Whether a control (or fieldset) of the form has this id and a label. */
export function isFormControl(field: string): boolean {
  return field in LABELS;
}

/** The label a control has on the form. */
export function formLabel(field: string): string {
  const window = /^availability-(\d+)-(day|start|end)$/.exec(field);
  if (window) return `Window ${Number(window[1]) + 1}: ${PART_LABELS[window[2] as keyof typeof PART_LABELS]}`;
  return LABELS[field] ?? 'The form';
}

/** The controls in the order the form shows them: problems are listed, and the first one focused, in this order. */
const FORM_ORDER = [
  'programId',
  'name',
  'email',
  'employeeId',
  'role',
  'jobTitle',
  'department',
  'location',
  'timeZone',
  'manager',
  'manager-email',
  'manager-employeeId',
  'topicsOffered',
  'topicsWanted',
  'interests',
  'availability',
  // availability-<row>-<part> sort here, by row and part (formOrder)
  'meetingPreference',
  'languages',
  'languages-other',
  'communicationStyle',
  'goals',
  'capacity',
  'consent',
  'consent-dataProcessing',
  'consent-shareProgressWithManager',
  // No control: an unknown field, or more problems than the list shows.
  '(form)',
];

/** Where a control comes on the form (for sorting; unknown ones last). */
export function formOrder(field: string): number {
  const window = /^availability-(\d+)-(day|start|end)$/.exec(field);
  const at = FORM_ORDER.indexOf(window ? 'availability' : field);
  if (at < 0) return FORM_ORDER.length;
  return window ? at + (Number(window[1]) * 3 + ['day', 'start', 'end'].indexOf(window[2]!) + 1) / 1000 : at;
}

/** A control's answer as a sentence names it ("Shorten the job title ..."). */
const NOUNS: Record<string, string> = {
  name: 'full name',
  email: 'email address',
  employeeId: 'employee id',
  jobTitle: 'job title',
  department: 'department',
  location: 'location',
  'manager-email': "manager's email address",
  'manager-employeeId': "manager's employee id",
  interests: 'interests',
  'languages-other': 'other languages',
  goals: 'personal goals',
};

/** What to do with each control when it is empty, or when nothing more precise can be said. */
const WHAT_TO_DO: Record<string, string> = {
  name: "Enter the participant's full name.",
  email: 'Enter an email address like name@company.com.',
  employeeId: "Enter the participant's employee id, or leave it empty.",
  role: 'Choose whether the participant is a mentor or a mentee.',
  jobTitle: "Enter the participant's job title, or leave it empty.",
  department: "Enter the participant's department.",
  location: 'Enter the city or office where the participant works.',
  timeZone: 'Choose the time zone the participant works in.',
  manager: "Enter the manager's email address or employee id.",
  'manager-email': "Enter the manager's email address like name@company.com, or leave it empty.",
  'manager-employeeId': "Enter the manager's employee id, or leave it empty.",
  topicsOffered: 'Choose the topics the participant can teach from the list, or none.',
  topicsWanted: 'Choose at least one topic the participant wants to learn about.',
  interests: "Write the participant's interests separated by semicolons, or leave it empty.",
  availability: 'Give at least one weekly window: a day, a start time and an end time.',
  meetingPreference: 'Choose video, in person or either.',
  languages: 'Choose at least one language the participant can hold a conversation in.',
  'languages-other': 'Write the code of each language that is not in the list, such as yue for Cantonese, separated by semicolons, or leave it empty.',
  communicationStyle: 'Choose a communication style from the list, or leave it as not stated.',
  goals: "Write the participant's personal goals for the program.",
  capacity: 'Enter a whole number from 1 to 5, such as 2.',
  'consent-dataProcessing':
    'Tick the box to say the participant agrees. The program cannot run without their consent to the use of their data, so enrol only people who gave it.',
  'consent-shareProgressWithManager': 'Choose yes or no: whether the participant agrees that their manager sees how their pairing goes.',
  consent: 'Tick the box to say the participant agrees, and choose yes or no about sharing progress with the manager.',
  programId: 'This form names a program that does not exist. Open the intake form from the link the program admin gave you.',
  '(form)': 'The form could not be read as it was sent. Submit it again; if it keeps happening, tell the program admin.',
};

/** The form's sentences for a window's times (functions/domain/intake-form-data.ts decides which one applies). */
export const WINDOW_WORDS = {
  day: 'Choose the day of this window, or clear its times if it is not needed.',
  bothTimes: 'Choose a start and an end time.',
  start: 'Choose a start time.',
  end: 'Choose an end time.',
  notATime: 'Enter a time of day, such as 09:30.',
  endBeforeStart: 'Choose an end time later than the start time.',
} as const;

const TEXT_PROBLEMS = Object.entries(TEXT_PROBLEM_MESSAGES) as [TextProblem, string][];

function textProblemWords(problem: TextProblem, noun: string): string {
  switch (problem) {
    case 'line-break':
      return `Write the ${noun} on one line.`;
    case 'control':
      return `Type the ${noun} again: it contains a hidden control character (often pasted from another program) that cannot be shown.`;
    case 'invisible':
      return `Type the ${noun}: there are only spaces or invisible characters now.`;
    case 'direction':
      return `Type the ${noun} again: it contains a hidden character that changes the direction of the text, so it would show in another order than it was written.`;
    case 'unreadable':
      return `Type the ${noun} again: it contains a character that could not be read (shown as \uFFFD).`;
  }
}

const quoted = (text: string) => `\u201c${text.length > 40 ? `${text.slice(0, 39)}\u2026` : text}\u201d`;
const count = (n: number) => n.toLocaleString('en-GB');
const languageName = (code: string) => {
  const known = FORM_LANGUAGES.find((l) => l.code === code);
  return known ? `${known.name} (${code})` : code;
};

/** What the person entered at an intake field path ("interests.3"), to name it in a sentence. */
function valueAt(input: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = input;
  for (const key of path.split('.')) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The submission, as much of it as the words need. */
export interface FormAnswers {
  readonly input: Readonly<Record<string, unknown>>;
  /** How many languages were ticked in the list (the rest came from "Other languages"). */
  readonly listedLanguages: number;
}

/**
 * One intake issue, shown at `control`, as the form says it. Every issue gets a sentence that says
 * what to do with the control, never a field path, a JSON type or an API request; what the person
 * entered is quoted where it helps to find it (an interest that is too long).
 */
export function formMessage(issue: FieldIssue, control: string, answers: FormAnswers): string {
  const api = issue.message;
  const value = valueAt(answers.input, issue.field);
  const fallback = WHAT_TO_DO[control] ?? WHAT_TO_DO['(form)']!;
  if (issue.field === '(more)') return 'There are more problems than these: correct them, then submit again to see the rest.';
  const item = control === 'interests' && typeof value === 'string' ? `interest ${quoted(value)}` : NOUNS[control];
  const problem = TEXT_PROBLEMS.find(([, message]) => message === api)?.[0];
  if (problem) return textProblemWords(problem, item ?? 'answer');
  if (api === 'is required' || api === 'must not be empty') return fallback;
  const longer = /^must (?:be|have) at most (\d+) characters$/.exec(api);
  if (longer && item) {
    const now = typeof value === 'string' ? ` (now ${count(value.normalize('NFC').length)})` : '';
    return `Shorten the ${item} to at most ${count(Number(longer[1]))} characters${now}.`;
  }
  const many = /^must (?:list|give) at most (\d+)/.exec(api);
  if (many) {
    const n = Number(many[1]);
    if (control === 'interests') return `List at most ${n} interests, separated by semicolons.`;
    if (control === 'languages' || control === 'languages-other') return `Choose at most ${n} languages, counting those under Other languages.`;
    if (control === 'availability') return `Give at most ${n} weekly windows.`;
    return `Choose at most ${n} topics.`;
  }
  const twice = /^lists "(.*)" twice$/.exec(api);
  if (twice) return twiceWords(control, twice[1]!, answers);
  if (/is not a topic of this program/.test(api)) {
    const topic = typeof value === 'string' ? ` ${quoted(value)} is not one of this program's topics (they may have changed since the page was opened).` : '';
    return `Choose from the topics listed.${topic}`;
  }
  switch (control) {
    case 'email':
    case 'manager-email':
      return emailWords(control, api, fallback);
    case 'manager-employeeId':
      return /own employee id/.test(api)
        ? "Enter the manager's employee id: this is the participant's own, and a person cannot be their own manager."
        : fallback;
    case 'timeZone':
      return /IANA/.test(api) ? 'Choose a time zone from the list.' : fallback;
    case 'languages-other':
    case 'languages':
      return languageWords(api, value, fallback);
    case 'capacity':
      return /for a mentee/.test(api) ? 'Enter 1, or leave it empty: a mentee has one partner; only mentors can take several.' : fallback;
    case 'programId':
      return programWords(api, fallback);
    default:
      return fallback;
  }
}

function emailWords(control: 'email' | 'manager-email', api: string, fallback: string): string {
  if (/own email/.test(api)) return "Enter the manager's email address: this is the participant's own, and a person cannot be their own manager.";
  const domain = /^has a domain \("(.*)"\)/.exec(api);
  if (domain) return `Check the part after the @: ${quoted(domain[1]!)} is not a valid domain name. ${fallback}`;
  return control === 'email' ? fallback : "Enter the manager's email address like name@company.com, or leave it empty.";
}

function languageWords(api: string, value: unknown, fallback: string): string {
  const unknown = /^"(.*)" is not a language code we know/.exec(api);
  const code = unknown?.[1] ?? (typeof value === 'string' ? value : undefined);
  if (code === undefined || !/language code/.test(api)) return fallback;
  return `${quoted(code)} is not a language code${unknown ? ' we know' : ''}: write codes such as en, fr or pt-BR, separated by semicolons, or tick the language in the list.`;
}

function twiceWords(control: string, item: string, answers: FormAnswers): string {
  if (control !== 'languages') return 'Choose each topic once.';
  const given = Array.isArray(answers.input.languages) ? (answers.input.languages as unknown[]).map(String) : [];
  const same = (code: string) => (languageCode(code) ?? code.toLowerCase()) === item.toLowerCase();
  const ticked = given.slice(0, answers.listedLanguages).some(same);
  const where = ticked ? 'is ticked in the list and written under Other languages too' : 'is written twice under Other languages';
  return `Give each language once: ${languageName(item)} ${where}.`;
}

function programWords(api: string, fallback: string): string {
  const closed = /closed after (\d{4}-\d{2}-\d{2})/.exec(api);
  if (!closed) return fallback;
  return `This program's last day to match people was ${formatDate(`${closed[1]}T12:00:00Z`, 'UTC')}: nobody can join it any more. Ask the program admin for the link to a current program's form.`;
}

/** What the form needs of an enrolment conflict (functions/domain/intake.ts). */
export type FormConflict = Pick<EnrolmentConflict, 'field' | 'existingParticipantId' | 'why' | 'holderProgramId' | 'answers' | 'issues'>;

const listed = (items: readonly string[]) => (items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`);

/**
 * A 409 as the form says it: who holds the address or the employee id, that nothing changed, and
 * what the person at the form does: this form only enrols, so changing answers goes through the
 * program admin (the API says PATCH /participants/{id}, which is the admin's call).
 */
export function conflictFormMessage(conflict: FormConflict): string {
  const updatable: readonly string[] = UPDATABLE_FIELDS;
  const api = conflict.issues[0]?.message ?? '';
  const who = conflict.existingParticipantId ? ` (participant ${conflict.existingParticipantId})` : '';
  if (conflict.why === 'address-suppressed') {
    // Already plain words (functions/domain/suppression.ts): "is an address that no longer takes our email (it bounced on ...)".
    if (/^is an address that /.test(api)) return `This email address ${api.replace(/^is an address that /, '')}.`;
    return `This email address has bounced or been marked as spam, so it gets no email from the program. Participant ${conflict.existingParticipantId ?? ''}, whose employee id this is, can take part again only under an address that works: enter another one.`;
  }
  if (conflict.why === 'employee-id-elsewhere') {
    return `This employee id is already enrolled in the program \u201c${conflict.holderProgramId ?? ''}\u201d under another email address${who}, and one employee id is one person. Check the employee id. If it is the same person at a new email address, ask the program admin to change their address first, then enrol them here.`;
  }
  if (conflict.field === 'employeeId') {
    return `This employee id is already enrolled in this program under another email address${who}. One person is enrolled once: check the employee id. If the person's email address changed, ask the program admin to change it${who ? ` for participant ${conflict.existingParticipantId}` : ''}.`;
  }
  const differing = conflict.answers?.differing ?? [];
  const label = (field: string) => (field === 'doNotPairWith' ? 'People not to pair with' : formLabel(field));
  if (differing.length === 0) {
    return `This email address is already enrolled in this program${who} with other answers. Nothing was changed. This form only enrols new people: to change their answers, ask the program admin. If this is someone else, check the email address.`;
  }
  const changeable = differing.filter((f) => updatable.includes(f));
  const fixed = differing.filter((f) => !updatable.includes(f));
  const sentences = [
    `This email address is already enrolled in this program${who} with other answers for ${listed(differing.map(label))}. Nothing was changed.`,
  ];
  if (changeable.length > 0) {
    const them = fixed.length > 0 ? listed(changeable.map(label)) : changeable.length === 1 ? 'it' : 'them';
    sentences.push(`This form only enrols new people: to change ${them}, ask the program admin.`);
  }
  if (fixed.length > 0) sentences.push(`${listed(fixed.map(label))} cannot be changed once someone is enrolled.`);
  sentences.push('If this is someone else, check the email address.');
  return sentences.join(' ');
}

/**
 * What the form says when the answer is not the intake's own (no issues to show at the controls):
 * the gateway's throttling (429), a server error or a time-out (5xx, where the person may have
 * been stored: a repeat with the same answers enrols nobody twice), a refused account (403), a
 * form too large (413), or no answer at all. The form's script holds this table
 * (functions/domain/intake-form-script.ts) and keeps what was typed.
 */
export const UNSENT_FORM_ANSWERS = {
  network:
    'The form got no answer from the server, so it is not known whether the participant was enrolled. Check your connection and submit again: what you typed is still in the form, and the same answers sent again never enrol anyone twice.',
  403: 'Your account is not allowed to enrol participants, so the participant was not enrolled. Ask an administrator to add you to the HR group, then submit again: what you typed is still in the form.',
  413: 'The answers are too long for the form to take, so the participant was not enrolled. Shorten the longest answers (the personal goals, perhaps) and submit again: what you typed is still in the form.',
  429: 'Too many forms are being sent right now, so this one was not taken and the participant was not enrolled. Wait a minute, then submit again: what you typed is still in the form.',
  '5xx':
    'Something went wrong on our side, so it is not known whether the participant was enrolled. Submit again in a minute: what you typed is still in the form, and the same answers sent again never enrol anyone twice. If it keeps happening, tell the program admin.',
  other:
    'The form could not be taken as it was sent, so the participant was not enrolled. Submit again: what you typed is still in the form. If it keeps happening, tell the program admin.',
} as const;

/** The sentence for an answer that has no issues for the form (the script looks it up the same way). */
export function unsentFormAnswer(status: number | 'network'): string {
  const table: Record<string, string> = UNSENT_FORM_ANSWERS;
  return table[String(status)] ?? (typeof status === 'number' && status >= 500 ? UNSENT_FORM_ANSWERS['5xx'] : UNSENT_FORM_ANSWERS.other);
}
