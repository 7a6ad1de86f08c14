import { describe, expect, it } from 'vitest';
import { renderEnrolmentConfirmation, renderIntakeForm, timeZoneOptions } from '../../../functions/domain/intake-form';
import { IntakeRejected, validateIntake } from '../../../functions/domain/intake';
import { enrolmentConfirmationText, type FormIssue, formIssues, readIntakeForm } from '../../../functions/domain/intake-form-data';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';

const program = programSchema.parse({ ...DEFAULT_PROGRAM_INPUT, name: 'Pilot <Spring> & "friends"' });
const page = renderIntakeForm({ program, nonce: 'n0nce' });

const ids = (tag: string) => [...page.matchAll(new RegExp(`<${tag}\\b[^>]*\\bid="([^"]+)"`, 'g'))].map((m) => m[1]!);
const fieldsets = () => [...page.matchAll(/<fieldset\b[^>]*id="([^"]+)"[^>]*>\s*<legend>([^<]+)<\/legend>/g)].map((m) => ({ id: m[1]!, legend: m[2]! }));

describe('renderIntakeForm', () => {
  it('labels every input, select and textarea', () => {
    const controls = [...ids('input'), ...ids('select'), ...ids('textarea')];
    expect(controls.length).toBeGreaterThan(40);
    const unlabelled = controls.filter((id) => !page.includes(`<label for="${id}">`));
    expect(unlabelled).toEqual([]);
  });

  it('gives each group a fieldset with a legend', () => {
    const groups = fieldsets();
    expect(groups.map((g) => g.id)).toEqual(
      expect.arrayContaining([
        'role',
        'manager',
        'topicsOffered',
        'topicsWanted',
        'availability',
        'meetingPreference',
        'consent',
        'consent-shareProgressWithManager',
      ]),
    );
    expect(page.match(/<fieldset\b/g)).toHaveLength(groups.length);
  });

  it("offers the program's catalogue as checkboxes for topics offered and wanted", () => {
    for (const topic of program.topics) {
      expect(page).toContain(`<input type="checkbox" id="topicsOffered-${topic.id}" name="topicsOffered" value="${topic.id}">`);
      expect(page).toContain(`<input type="checkbox" id="topicsWanted-${topic.id}" name="topicsWanted" value="${topic.id}">`);
    }
  });

  it('has a hidden, focusable error summary that is announced, and an error slot for every field', () => {
    expect(page).toMatch(/<div id="summary" class="summary" role="alert" tabindex="-1"[^>]*hidden>/);
    const fields = [
      ...ids('input').filter(
        (id) => !/-(yes|no|mentor|mentee|video|in-person|either)$/.test(id) && !id.startsWith('topics') && !/^languages-[a-z]{2,3}$/.test(id),
      ),
      ...ids('select'),
      ...fieldsets().map((f) => f.id),
    ];
    const missing = fields.filter((id) => !page.includes(`id="${id}-error"`));
    expect(missing).toEqual([]);
  });

  it('has no inline event handlers and only nonce-carrying script and style', () => {
    expect(page).not.toMatch(/\son[a-z]+=/i);
    expect(page.match(/<script\b[^>]*>/g)).toEqual(['<script nonce="n0nce">']);
    expect(page.match(/<style\b[^>]*>/g)).toEqual(['<style nonce="n0nce">']);
  });

  it('escapes a topic id in the element ids too, were one stored before ids were checked (QA attacker3)', () => {
    const hostile = { ...program, topics: [{ id: '"><meta http-equiv=refresh content=0>', label: 'AI tools', side: 'mentor' as const }] };
    const html = renderIntakeForm({ program: hostile, nonce: 'n0nce' });
    expect(html).not.toContain('<meta http-equiv');
    expect(html).toContain('id="topicsOffered-&quot;&gt;&lt;meta http-equiv=refresh content=0&gt;"');
  });

  it('escapes the program name and states the language and title', () => {
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('<title>Enrol a participant: Pilot &lt;Spring&gt; &amp; &quot;friends&quot;</title>');
    expect(page).not.toContain('<Spring>');
  });

  it('posts to the participants API of its program', () => {
    expect(page).toMatch(/<form id="intake" action="\/participants" method="post" novalidate data-program-id="pilot">/);
  });

  it('offers time zones from a list, with nothing chosen until the browser or the person chooses', () => {
    const zones = timeZoneOptions();
    expect(zones).toEqual(expect.arrayContaining(['Europe/London', 'America/New_York', 'Asia/Singapore', 'UTC']));
    expect(page).toContain('<select id="timeZone" name="timeZone"');
    expect(page).toContain('<option value="">Choose a time zone</option>');
    expect(page).toContain('<option value="America/New_York">America/New York</option>');
    expect(page).not.toMatch(/<input[^>]+id="timeZone"/);
  });

  it('offers languages by name, sending their codes', () => {
    expect(page).toContain('<input type="checkbox" id="languages-fr" name="languages" value="fr"> French</label>');
    expect(page).toContain('<input type="checkbox" id="languages-de" name="languages" value="de"> German</label>');
    expect(page).toMatch(/<input type="text" id="languages-other" name="languages-other"/);
  });

  it('asks for times with time inputs, named so that the form posts without a script', () => {
    for (let i = 0; i < 3; i++) {
      expect(page).toContain(`<input type="time" id="availability-${i}-start" name="availability-${i}-start">`);
      expect(page).toContain(`<input type="time" id="availability-${i}-end" name="availability-${i}-end">`);
    }
    expect(page).toContain('<input type="hidden" name="programId" value="pilot">');
    const named = [...page.matchAll(/<(?:input|select|textarea)\b[^>]*>/g)].map((m) => m[0]).filter((tag) => !/type="hidden"/.test(tag));
    expect(named.filter((tag) => !/\bname="/.test(tag))).toEqual([]);
  });

  it('groups topics by the side that brings them, for the script to show those that fit the role', () => {
    expect(page).toMatch(/<div class="side" data-side="mentor"><p class="side-title">Topics mentors bring<\/p><label for="topicsOffered-digital-fluency">/);
    expect(page).toMatch(/<div class="side" data-side="mentee"><p class="side-title">Topics mentees bring<\/p><label for="topicsOffered-strategy">/);
  });
});

describe('the form sent without a script', () => {
  const body = new URLSearchParams([
    ['programId', 'pilot'],
    ['name', ' Ada Lovelace '],
    ['email', 'ada@'],
    ['role', 'mentor'],
    ['department', 'Finance'],
    ['location', 'London'],
    ['timeZone', 'Europe/London'],
    ['topicsOffered', 'ai-tools'],
    ['availability-0-day', ''],
    ['availability-1-day', 'mon'],
    ['availability-1-start', '11:00'],
    ['availability-1-end', '09:00'],
    ['languages', 'en'],
    ['languages', 'fr'],
    ['languages-other', 'xx'],
    ['goals', 'Teach <AI> & learn'],
    ['consent-dataProcessing', 'yes'],
    ['consent-shareProgressWithManager', 'no'],
  ]).toString();
  const submission = readIntakeForm(body);

  it('becomes an intake input, skipping empty availability rows', () => {
    expect(submission.input).toEqual({
      programId: 'pilot',
      name: 'Ada Lovelace',
      email: 'ada@',
      role: 'mentor',
      department: 'Finance',
      location: 'London',
      timeZone: 'Europe/London',
      topicsOffered: ['ai-tools'],
      topicsWanted: [],
      interests: [],
      availability: [{ day: 'mon', start: '11:00', end: '09:00' }],
      languages: ['en', 'fr', 'xx'],
      goals: 'Teach <AI> & learn',
      consent: { dataProcessing: true, shareProgressWithManager: false },
    });
    expect(submission.windowRows).toEqual([1]);
  });

  it('names the control and its label for each issue, once, in the order of the form, never a field path', () => {
    const issues = formIssues(
      [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'availability.0.end', message: 'must end after it starts' },
        { field: 'languages.2', message: '"xx" is not a language code we know' },
        { field: 'languages.0', message: 'lists "en" twice' },
        { field: 'topicsWanted', message: 'must list at least one topic' },
        { field: 'topicsWanted', message: 'must list at least one topic' },
        { field: 'manager.email', message: "is the participant's own email" },
        { field: 'consent.dataProcessing', message: 'must be true' },
        { field: '(body)', message: 'is not right' },
        { field: 'doNotPairWith.0', message: 'must be a valid email address' },
      ],
      submission,
    );
    const unread = 'The form could not be read as it was sent. Submit it again; if it keeps happening, tell the program admin.';
    expect(issues).toEqual([
      { field: 'email', label: 'Work email', message: 'Enter an email address like name@company.com.' },
      {
        field: 'manager-email',
        label: 'Manager email',
        message: "Enter the manager's email address: this is the participant's own, and a person cannot be their own manager.",
      },
      { field: 'topicsWanted', label: 'Topics wanted', message: 'Choose at least one topic the participant wants to learn about.' },
      { field: 'availability-1-end', label: 'Window 2: until', message: 'Choose an end time later than the start time.' },
      { field: 'languages', label: 'Languages', message: 'Give each language once: English (en) is ticked in the list and written under Other languages too.' },
      {
        field: 'languages-other',
        label: 'Other languages',
        message:
          '\u201cxx\u201d is not a language code we know: write codes such as en, fr or pt-BR, separated by semicolons, or tick the language in the list.',
      },
      {
        field: 'consent-dataProcessing',
        label: 'Consent to data processing',
        message:
          'Tick the box to say the participant agrees. The program cannot run without their consent to the use of their data, so enrol only people who gave it.',
      },
      { field: '(form)', label: 'The form', message: unread },
    ]);
    // No field path (availability.0.end, manager.email), no API words ("must be", "send").
    for (const issue of issues) expect(`${issue.label}: ${issue.message}`).not.toMatch(/\w\.\d|[a-z][A-Z]\w*\.\w|\bmust\b|\bsend\b/);
  });

  it('is shown again with the values typed, an error summary linking to each control, and each control marked', () => {
    const issues = formIssues(
      [
        { field: 'email', message: 'must be a valid email address' },
        { field: 'availability.0.end', message: 'must end after it starts' },
      ],
      submission,
    );
    const again = renderIntakeForm({ program, nonce: 'n', state: { values: new URLSearchParams(body), issues } });
    expect(again).toContain('<title>Error: Enrol a participant');
    // The first wrong field has the focus, not the summary (it is announced: role="alert").
    expect(again).toMatch(/<div id="summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-title">/);
    expect(again.replace(/<script\b[\s\S]*?<\/script>/, '').match(/ autofocus\b/g)).toHaveLength(1);
    expect(again).toContain('<p id="summary-text">The participant was not enrolled. Correct the 2 answers below and submit again.</p>');
    expect(again).toContain('<li><a href="#email">Work email: Enter an email address like name@company.com.</a></li>');
    expect(again).toContain('<li><a href="#availability-1-end">Window 2: until: Choose an end time later than the start time.</a></li>');
    expect(again).toContain('<p class="error" id="email-error">Enter an email address like name@company.com.</p>');
    expect(again).toContain('<input type="email" id="email" name="email" value="ada@" aria-describedby="email-error" aria-invalid="true" autofocus');
    expect(again).toContain(
      '<input type="time" id="availability-1-end" name="availability-1-end" value="09:00" aria-describedby="availability-1-end-error" aria-invalid="true">',
    );
    expect(again).toContain('<option value="Europe/London" selected>');
    expect(again).toContain('<input type="checkbox" id="languages-fr" name="languages" value="fr" checked>');
    expect(again).toContain('<input type="radio" id="consent-shareProgressWithManager-no" name="consent-shareProgressWithManager" value="no" checked>');
    expect(again).toContain('>Teach &lt;AI&gt; &amp; learn</textarea>');
    // The summary says the problem once; the sentence above it names no field.
    expect(again.match(/Enter an email address like name@company\.com\./g)).toHaveLength(2); // the summary link and the field's own message
  });
});

describe('the form sent with answers the intake cannot take as they are', () => {
  const filled: [string, string][] = [
    ['programId', 'pilot'],
    ['name', 'Ada Lovelace'],
    ['email', 'ada@example.com'],
    ['role', 'mentor'],
    ['department', 'Finance'],
    ['location', 'London'],
    ['timeZone', 'Europe/London'],
    ['topicsWanted', 'strategy'],
    ['availability-0-day', 'mon'],
    ['availability-0-start', '09:00'],
    ['availability-0-end', '11:00'],
    ['languages', 'en'],
    ['goals', 'Teach AI'],
    ['consent-dataProcessing', 'yes'],
    ['consent-shareProgressWithManager', 'no'],
  ];
  /** The form's fields with some changed ("" leaves a control empty, as the browser sends it), and what the form says about them. */
  const submit = (changes: Record<string, string>) => {
    const fields = filled.filter(([name]) => !(name in changes));
    for (const [name, value] of Object.entries(changes)) if (value !== undefined) fields.push([name, value]);
    const body = new URLSearchParams(fields).toString();
    const submission = readIntakeForm(body);
    let issues: FormIssue[] = [];
    try {
      validateIntake(submission.input, program, new Date('2026-11-01T00:00:00Z'));
    } catch (error) {
      if (!(error instanceof IntakeRejected)) throw error;
      issues = formIssues(error.issues, submission);
    }
    return { body, submission, issues };
  };

  it('accepts the filled form as it is', () => {
    expect(submit({}).issues).toEqual([]);
  });

  it('refuses a window with times but no day, naming its day, rather than enrolling the person without it', () => {
    const { body, submission, issues } = submit({ 'availability-1-day': '', 'availability-1-start': '14:00', 'availability-1-end': '15:00' });
    expect(submission.windowRows).toEqual([0, 1]);
    const day = 'Choose the day of this window, or clear its times if it is not needed.';
    expect(issues).toEqual([{ field: 'availability-1-day', label: 'Window 2: day', message: day }]);
    const again = renderIntakeForm({ program, nonce: 'n', state: { values: new URLSearchParams(body), issues } });
    expect(again).toContain(`<li><a href="#availability-1-day">Window 2: day: ${day}</a></li>`);
    expect(again).toContain(
      '<select id="availability-1-day" name="availability-1-day" aria-describedby="availability-1-day-error" aria-invalid="true" autofocus>',
    );
    expect(again).toContain('<input type="time" id="availability-1-start" name="availability-1-start" value="14:00">');
    expect(again).toContain('<input type="time" id="availability-1-end" name="availability-1-end" value="15:00">');
  });

  it('refuses an answer to the yes/no choice that is neither, never storing it as no (QA settings)', () => {
    expect(submit({ 'consent-shareProgressWithManager': 'maybe' }).issues).toEqual([
      {
        field: 'consent-shareProgressWithManager',
        label: 'Share progress with the manager?',
        message: 'Choose yes or no: whether the participant agrees that their manager sees how their pairing goes.',
      },
    ]);
  });

  it('refuses a window with one time and no day on its day and its missing time', () => {
    expect(submit({ 'availability-2-end': '16:00' }).issues).toEqual([
      { field: 'availability-2-day', label: 'Window 3: day', message: 'Choose the day of this window, or clear its times if it is not needed.' },
      { field: 'availability-2-start', label: 'Window 3: from', message: 'Choose a start time.' },
    ]);
  });

  it('says what to do with the checkbox, the yes/no choice, the number and the times, never in JSON words', () => {
    const { issues } = submit({
      'consent-dataProcessing': '',
      'consent-shareProgressWithManager': '',
      capacity: 'two',
      'availability-1-day': 'tue',
      'availability-2-day': 'wed',
      'availability-2-start': '10:00',
    });
    expect(issues).toEqual([
      { field: 'availability-1-start', label: 'Window 2', message: 'Choose a start and an end time.' },
      { field: 'availability-2-end', label: 'Window 3: until', message: 'Choose an end time.' },
      { field: 'capacity', label: 'Capacity', message: 'Enter a whole number from 1 to 5, such as 2.' },
      {
        field: 'consent-dataProcessing',
        label: 'Consent to data processing',
        message:
          'Tick the box to say the participant agrees. The program cannot run without their consent to the use of their data, so enrol only people who gave it.',
      },
      {
        field: 'consent-shareProgressWithManager',
        label: 'Share progress with the manager?',
        message: 'Choose yes or no: whether the participant agrees that their manager sees how their pairing goes.',
      },
    ]);
    for (const issue of issues) expect(issue.message).not.toMatch(/true|false|a string|must end after|HH:MM/);
  });

  it('asks for a whole number from 1 to 5 for a fraction or a number out of range, and for an end later than the start', () => {
    const capacity = [{ field: 'capacity', label: 'Capacity', message: 'Enter a whole number from 1 to 5, such as 2.' }];
    expect(submit({ capacity: '2.5' }).issues).toEqual(capacity);
    expect(submit({ capacity: '9' }).issues).toEqual(capacity);
    expect(submit({ 'availability-0-end': '08:00' }).issues).toEqual([
      { field: 'availability-0-end', label: 'Window 1: until', message: 'Choose an end time later than the start time.' },
    ]);
  });

  it('leaves the intake API its own words', () => {
    const { submission } = submit({ 'consent-dataProcessing': '', capacity: 'two' });
    expect(() => validateIntake(submission.input, program, new Date('2026-11-01T00:00:00Z'))).toThrow(
      expect.objectContaining({
        issues: expect.arrayContaining([
          { field: 'capacity', message: 'must be a number, not a string' },
          { field: 'consent.dataProcessing', message: 'must be true: the program cannot run without it' },
        ]),
      }),
    );
  });
});

describe('the confirmation', () => {
  const participant = { participantId: 'pt_abcdefghijklmnopqrst', name: 'Ada Lovelace', email: 'ada@example.com', role: 'mentor' as const };

  it('names the person and the program and says what happens next', () => {
    const text = enrolmentConfirmationText(participant, program, true, new Date('2026-11-01T00:00:00Z'));
    expect(text.heading).toBe('Ada Lovelace is enrolled');
    expect(text.paragraphs.join(' ')).toContain(
      `Ada Lovelace is enrolled in ${program.name} as a mentor (early-career coach). A confirmation email is on its way to ada@example.com`,
    );
    expect(text.paragraphs.join(' ')).toContain(
      'What happens next: the program admin runs the matching, planned before the program starts on Monday 4 January 2027. Ada then gets an email introducing their partner, or an email saying they are on the waitlist',
    );
  });

  it('promises no date once the program has started', () => {
    const text = enrolmentConfirmationText(participant, program, true, new Date('2027-02-01T00:00:00Z'));
    expect(text.paragraphs.join(' ')).toContain('What happens next: the program admin runs the matching. Ada then gets');
  });

  it('says when nothing changed', () => {
    const text = enrolmentConfirmationText(participant, program, false);
    expect(text.heading).toBe('Ada Lovelace was already enrolled');
    expect(text.paragraphs[0]).toContain('Nothing changed and no second email was sent.');
  });

  it('is a page of its own, escaped, with a way to enrol the next person', () => {
    const page = renderEnrolmentConfirmation({ heading: '<Ada> is enrolled', paragraphs: ['One & two'] }, program, 'n');
    expect(page).toContain('<h1>&lt;Ada&gt; is enrolled</h1><p>One &amp; two</p>');
    expect(page).toContain('<a id="enrol-another" href="/intake?programId=pilot">');
  });
});

describe('the confirmation of someone already enrolled whom matching no longer offers, or whose email is late', () => {
  const participant = { participantId: 'pt_abcdefghijklmnopqrst', name: 'Ada Lovelace', email: 'ada@example.com', role: 'mentor' as const };

  it('says that they withdrew and are not matched, not just "already enrolled"', () => {
    const text = enrolmentConfirmationText({ ...participant, status: 'withdrawn' }, program, false);
    expect(text.heading).toBe('Ada Lovelace was already enrolled, but is not matched any more');
    expect(text.paragraphs[0]).toContain('but withdrew from the program (replied STOP): they are not matched and get no more emails. Nothing changed');
    expect(enrolmentConfirmationText({ ...participant, status: 'paired' }, program, false).heading).toBe('Ada Lovelace was already enrolled');
  });

  it('says the person is enrolled and the confirmation email follows when it could not be sent yet', () => {
    const text = enrolmentConfirmationText(participant, program, true, new Date('2026-11-01T00:00:00Z'), 'pending');
    expect(text.heading).toBe('Ada Lovelace is enrolled');
    expect(text.paragraphs[0]).toBe(
      `Ada Lovelace is enrolled in ${program.name} as a mentor (early-career coach). The confirmation email to ada@example.com could not be sent yet: it is sent automatically within 30 minutes, so there is nothing to do again.`,
    );
    expect(enrolmentConfirmationText(participant, program, false, new Date(), 'pending').paragraphs[0]).toContain('could not be sent yet');
  });
});
