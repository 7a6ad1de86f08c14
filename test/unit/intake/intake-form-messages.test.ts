import { describe, expect, it } from 'vitest';
import { closedProgramIssue, EnrolmentConflict, IntakeRejected, validateIntake } from '../../../functions/domain/intake';
import { conflictFormIssues, type FormIssue, formIssues, readIntakeForm } from '../../../functions/domain/intake-form-data';
import { UNSENT_FORM_ANSWERS, unsentFormAnswer } from '../../../functions/domain/intake-form-messages';
import type { Participant, ParticipantIntakeInput } from '../../../functions/domain/participant';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * The intake form says what is wrong in the words of a web form, next to the control, for every
 * answer the intake refuses (QA, Chromium round: "must be an IANA time zone", "lists "en" twice",
 * "send them with PATCH /participants/..."), while the API keeps its own messages.
 */

const program = programSchema.parse(DEFAULT_PROGRAM_INPUT);
const NOW = new Date('2026-11-01T00:00:00Z');
/** The answers the form is filled with (the shared valid intake), and the form's controls holding them. */
const answers = intakeInput();
const filled = formOf(answers);

/** An intake as the form's controls send it: a list as one value per item, each weekly window as a row, consent as yes or no. */
function formOf(intake: ParticipantIntakeInput): Record<string, string | string[]> {
  const { availability, consent, ...rest } = intake;
  const fields: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(rest)) {
    if (typeof value !== 'string' && !Array.isArray(value)) throw new Error(`${name}: no form control takes ${JSON.stringify(value)}`);
    fields[name] = value;
  }
  availability.forEach((slot, row) => {
    for (const [part, value] of Object.entries(slot)) fields[`availability-${row}-${part}`] = value;
  });
  for (const [choice, given] of Object.entries(consent)) fields[`consent-${choice}`] = given ? 'yes' : 'no';
  return fields;
}

/** The form's body with some answers changed. */
function formBody(changes: Record<string, string | string[]> = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries({ ...filled, ...changes })) for (const v of [value].flat()) params.append(name, v);
  return params.toString();
}

/** The form sent with some answers changed, through the real intake: the API's issues, and what the form shows. */
function submit(changes: Record<string, string | string[]>) {
  const submission = readIntakeForm(formBody(changes));
  try {
    validateIntake(submission.input, program, NOW);
  } catch (error) {
    if (!(error instanceof IntakeRejected)) throw error;
    return { api: error.issues, form: formIssues(error.issues, submission) };
  }
  return { api: [], form: [] as FormIssue[] };
}

/** A sentence a person acts on: no field path, no JSON or zod words, no API request. */
const API_WORDS =
  /\w\.\d|[a-z][A-Z]\w*\.\w|\[\d\]|\bmust\b|\bsend\b|PATCH|POST|IANA|Invalid|Expected|JSON|\bnull\b|\btrue\b|\bfalse\b|a string|a list|ParticipantUpdated/;

describe('the form says what to do with each control, never in the API words', () => {
  const cases: [string, Record<string, string | string[]>, FormIssue][] = [
    ['an empty name', { name: '' }, { field: 'name', label: 'Full name', message: "Enter the participant's full name." }],
    [
      'a name too long',
      { name: 'A'.repeat(200) },
      { field: 'name', label: 'Full name', message: 'Shorten the full name to at most 120 characters (now 200).' },
    ],
    [
      'a name with a control character',
      { name: 'Ada\u0007Lovelace' },
      {
        field: 'name',
        label: 'Full name',
        message: 'Type the full name again: it contains a hidden control character (often pasted from another program) that cannot be shown.',
      },
    ],
    ['an incomplete email', { email: 'ada@' }, { field: 'email', label: 'Work email', message: 'Enter an email address like name@company.com.' }],
    ['an email without an @', { email: 'ada at example' }, { field: 'email', label: 'Work email', message: 'Enter an email address like name@company.com.' }],
    [
      'an email too long',
      { email: `${'a'.repeat(250)}@example.com` },
      { field: 'email', label: 'Work email', message: 'Shorten the email address to at most 254 characters (now 262).' },
    ],
    ['no role', { role: '' }, { field: 'role', label: 'Role in the program', message: 'Choose whether the participant is a mentor or a mentee.' }],
    [
      'an empty department',
      { department: '\u200b' },
      { field: 'department', label: 'Department', message: 'Type the department: there are only spaces or invisible characters now.' },
    ],
    ['no time zone', { timeZone: '' }, { field: 'timeZone', label: 'Time zone', message: 'Choose the time zone the participant works in.' }],
    ['a time zone not in the list', { timeZone: 'Mars/Base' }, { field: 'timeZone', label: 'Time zone', message: 'Choose a time zone from the list.' }],
    [
      "the manager's email incomplete",
      { 'manager-email': 'boss@' },
      { field: 'manager-email', label: 'Manager email', message: "Enter the manager's email address like name@company.com, or leave it empty." },
    ],
    [
      'the participant as their own manager',
      { employeeId: 'E1', 'manager-employeeId': 'e1' },
      {
        field: 'manager-employeeId',
        label: 'Manager employee id',
        message: "Enter the manager's employee id: this is the participant's own, and a person cannot be their own manager.",
      },
    ],
    [
      'no topic wanted',
      { topicsWanted: [] },
      { field: 'topicsWanted', label: 'Topics wanted', message: 'Choose at least one topic the participant wants to learn about.' },
    ],
    [
      'a topic the program does not have',
      { topicsWanted: 'basket-weaving' },
      {
        field: 'topicsWanted',
        label: 'Topics wanted',
        message:
          "Choose from the topics listed. \u201cbasket-weaving\u201d is not one of this program's topics (they may have changed since the page was opened).",
      },
    ],
    [
      'an interest too long',
      { interests: `climbing; ${'x'.repeat(50)}` },
      { field: 'interests', label: 'Interests', message: `Shorten the interest \u201c${'x'.repeat(39)}\u2026\u201d to at most 40 characters (now 50).` },
    ],
    [
      'too many interests',
      { interests: Array.from({ length: 25 }, (_, i) => `interest ${i}`).join('; ') },
      { field: 'interests', label: 'Interests', message: 'List at most 20 interests, separated by semicolons.' },
    ],
    [
      'no weekly window',
      { 'availability-0-day': '', 'availability-0-start': '', 'availability-0-end': '' },
      { field: 'availability', label: 'Weekly availability', message: 'Give at least one weekly window: a day, a start time and an end time.' },
    ],
    [
      'no language',
      { languages: [] },
      { field: 'languages', label: 'Languages', message: 'Choose at least one language the participant can hold a conversation in.' },
    ],
    [
      'a language written as a name',
      { 'languages-other': 'english!' },
      {
        field: 'languages-other',
        label: 'Other languages',
        message: '\u201cenglish!\u201d is not a language code: write codes such as en, fr or pt-BR, separated by semicolons, or tick the language in the list.',
      },
    ],
    [
      'a language written twice',
      { 'languages-other': 'yue; yue' },
      { field: 'languages', label: 'Languages', message: 'Give each language once: yue is written twice under Other languages.' },
    ],
    [
      'personal goals too long',
      { goals: 'x'.repeat(2100) },
      { field: 'goals', label: 'Personal goals', message: 'Shorten the personal goals to at most 2,000 characters (now 2,100).' },
    ],
    [
      'a mentee taking two partners',
      { role: 'mentee', topicsWanted: 'ai-tools', capacity: '2' },
      { field: 'capacity', label: 'Capacity', message: 'Enter 1, or leave it empty: a mentee has one partner; only mentors can take several.' },
    ],
  ];

  it.each(cases)('%s', (_title, changes, shown) => {
    const { api, form } = submit(changes);
    expect(api.length).toBeGreaterThan(0);
    expect(form).toEqual([shown]);
    expect(shown.message).toMatch(/^[A-Z\u201c].*\.$/);
    expect(shown.message).not.toMatch(API_WORDS);
  });

  it('leaves the API its own words', () => {
    expect(submit({ timeZone: 'Mars/Base', email: 'ada@', topicsWanted: [] }).api).toEqual([
      { field: 'email', message: 'must be a valid email address' },
      { field: 'timeZone', message: 'must be an IANA time zone such as "Europe/Berlin"' },
      { field: 'topicsWanted', message: 'must list at least one topic' },
    ]);
  });

  it('lists the problems in the order of the form, so that the first one is the first wrong field', () => {
    const { form } = submit({ 'consent-dataProcessing': '', goals: '', topicsWanted: 'basket-weaving', name: '' });
    expect(form.map((i) => i.field)).toEqual(['name', 'topicsWanted', 'goals', 'consent-dataProcessing']);
  });

  it('says a closed program in plain words, and more problems than the list shows', () => {
    const closed = closedProgramIssue({ endDate: '2026-06-30', timeZone: 'Europe/London' }, NOW)!;
    const submission = readIntakeForm(formBody());
    expect(formIssues([closed, { field: '(more)', message: '3 more problems not listed: fix these and send it again to see the rest' }], submission)).toEqual([
      {
        field: 'programId',
        label: 'Program',
        message:
          "This program's last day to match people was Tuesday 30 June 2026: nobody can join it any more. Ask the program admin for the link to a current program's form.",
      },
      { field: '(form)', label: 'The form', message: 'There are more problems than these: correct them, then submit again to see the rest.' },
    ]);
  });
});

describe('a conflict (409) at the form', () => {
  const intake = participantIntakeOf({ department: 'Sales', role: 'mentee' });

  it('names the answers that differ by their labels and sends the person to the program admin, not to PATCH', () => {
    // As stored: the same person with the first answers.
    const stored = { ...participantIntakeOf({}), participantId: 'pt_abcdefghijklmnopqrst', status: 'enrolled' } as unknown as Participant;
    const conflict = EnrolmentConflict.differentAnswers(intake, 'pt_abcdefghijklmnopqrst', stored);
    expect(conflict.issues[0]!.message).toMatch(/PATCH \/participants\/pt_abcdefghijklmnopqrst/);
    const [issue] = conflictFormIssues(conflict);
    expect(issue).toEqual({
      field: 'email',
      label: 'Work email',
      message:
        'This email address is already enrolled in this program (participant pt_abcdefghijklmnopqrst) with other answers for Role in the program and Department. Nothing was changed. This form only enrols new people: to change Department, ask the program admin. Role in the program cannot be changed once someone is enrolled. If this is someone else, check the email address.',
    });
    expect(issue!.message).not.toMatch(API_WORDS);
  });

  it('says what to do about an employee id enrolled under another address, here or in another program', () => {
    const here = conflictFormIssues(new EnrolmentConflict('pilot', 'pt_abcdefghijklmnopqrst', 'employeeId'));
    expect(here).toEqual([
      {
        field: 'employeeId',
        label: 'Employee id',
        message:
          "This employee id is already enrolled in this program under another email address (participant pt_abcdefghijklmnopqrst). One person is enrolled once: check the employee id. If the person's email address changed, ask the program admin to change it for participant pt_abcdefghijklmnopqrst.",
      },
    ]);
    const elsewhere = conflictFormIssues(
      new EnrolmentConflict('pilot', 'pt_abcdefghijklmnopqrst', 'employeeId', 'employee-id-elsewhere', undefined, 'sales-2026'),
    );
    expect(elsewhere[0]!.message).toBe(
      'This employee id is already enrolled in the program \u201csales-2026\u201d under another email address (participant pt_abcdefghijklmnopqrst), and one employee id is one person. Check the employee id. If it is the same person at a new email address, ask the program admin to change their address first, then enrol them here.',
    );
    for (const issue of [...here, ...elsewhere]) expect(issue.message).not.toMatch(API_WORDS);
  });

  it('says that an address bounced, and when', () => {
    const bounced = new EnrolmentConflict('pilot', undefined, 'email', 'address-suppressed', {
      reason: 'email-bounced',
      suppressedAt: '2026-03-12T10:00:00.000Z',
    });
    expect(conflictFormIssues(bounced)).toEqual([
      {
        field: 'email',
        label: 'Work email',
        message: 'This email address no longer takes our email (it bounced on 12 March 2026): enrol the person under an address that works.',
      },
    ]);
  });
});

describe('an answer that is not the intake\u2019s (429, 5xx, no answer)', () => {
  it('is one sentence saying what happened and what to do, and that what was typed is still there', () => {
    expect(unsentFormAnswer(429)).toBe(
      'Too many forms are being sent right now, so this one was not taken and the participant was not enrolled. Wait a minute, then submit again: what you typed is still in the form.',
    );
    expect(unsentFormAnswer(502)).toBe(UNSENT_FORM_ANSWERS['5xx']);
    expect(unsentFormAnswer(504)).toMatch(/^Something went wrong on our side, so it is not known whether the participant was enrolled\./);
    expect(unsentFormAnswer(413)).toBe(UNSENT_FORM_ANSWERS[413]);
    expect(unsentFormAnswer(403)).toBe(UNSENT_FORM_ANSWERS[403]);
    expect(unsentFormAnswer(415)).toBe(UNSENT_FORM_ANSWERS.other);
    expect(unsentFormAnswer('network')).toMatch(/^The form got no answer from the server/);
    for (const sentence of Object.values(UNSENT_FORM_ANSWERS)) {
      expect(sentence).toContain('what you typed is still in the form');
      expect(sentence).not.toMatch(API_WORDS);
    }
  });
});

function participantIntakeOf(changes: Record<string, unknown>) {
  return validateIntake({ ...answers, ...changes }, program, NOW);
}
