import { FORM_SCRIPT } from './intake-form-script';
import { FORM_LANGUAGES } from './languages';
import { AVAILABILITY_ROWS, type EnrolmentConfirmation, type FormIssue } from './intake-form-data';
import { COMMUNICATION_STYLES, DAYS } from './participant';
import type { Program } from './program';

/**
 * The HR intake form: plain HTML that works with the keyboard alone, a screen reader, and without
 * JavaScript. It is a real form (POST, application/x-www-form-urlencoded): without JavaScript the
 * server answers with this page again, showing what to correct, or with a confirmation page.
 * With JavaScript the same fields are sent by fetch (with the sign-in token on AWS) and the
 * answer is shown in place. Every input has a label, every group a fieldset and legend; after a
 * failed submit an error summary (role="alert") links to each field in the form's order, each
 * field says what is wrong in plain words (intake-form-messages.ts) through aria-describedby and
 * aria-invalid, and the first wrong field has the focus (the summary, when no field is wrong: a
 * 429 or a server error). What was typed stays. The script has no inline handlers, so a
 * nonce-based CSP allows it.
 */

const DAY_NAMES: Record<(typeof DAYS)[number], string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Every IANA zone the runtime knows, as the time zone list offers them. */
export function timeZoneOptions(): string[] {
  const zones = new Set(Intl.supportedValuesOf('timeZone'));
  zones.add('UTC');
  return [...zones].sort();
}

const STYLE = `
body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0}
main{max-width:44rem;margin:0 auto;padding:1rem 1.5rem 3rem}
label,legend{display:block;font-weight:600;margin-top:1rem}
fieldset{border:1px solid #6b6b6b;margin:1rem 0;padding:.5rem 1rem 1rem}
fieldset label{font-weight:400;display:inline-block;margin:.25rem 1rem .25rem 0}
input[type=text],input[type=email],input[type=number],input[type=time],select,textarea{font:inherit;padding:.35rem;border:2px solid #1b1b1b;max-width:100%}
input[type=text],input[type=email],textarea{width:100%;box-sizing:border-box}
.hint{color:#454545;margin:.1rem 0 .25rem}
.error{color:#b00020;font-weight:600;margin:.25rem 0}
[aria-invalid=true]{border-color:#b00020}
:focus{outline:3px solid #1d4ed8;outline-offset:2px}
.summary{border:4px solid #b00020;padding:1rem;margin:1rem 0}
.summary a{color:#8a0018}
.confirmation{border:4px solid #146c2e;padding:1rem;margin:1rem 0}
button{font:inherit;font-weight:600;padding:.5rem 1.25rem;margin-top:1.5rem;background:#146c2e;color:#fff;border:0}
.window{display:flex;gap:1rem;flex-wrap:wrap;align-items:end}
.side{margin:.25rem 0 .5rem}
.side-title{font-weight:600;margin:.5rem 0 0}
.languages{columns:11rem}
.languages label{display:block;margin:.15rem 0}
.signin{border:4px solid #1d4ed8;padding:1rem;margin:1rem 0}
.signin button{background:#1d4ed8;margin-top:.5rem}
`;

/** What the form was submitted with and what is wrong with it, to show the form again (no JavaScript). */
export interface FormState {
  readonly values: URLSearchParams;
  readonly issues: readonly FormIssue[];
  /** The sentence above the problems. @default summarySentence(issues.length) */
  readonly summary?: string;
}

const NO_STATE: FormState = { values: new URLSearchParams(), issues: [] };

/** The rendering context: the submitted values, the issues of each control, and the control to focus. */
class Fields {
  private readonly focused: string | undefined;
  constructor(
    private readonly state: FormState,
    program: Pick<Program, 'topics'>,
  ) {
    const first = state.issues.find((i) => i.field !== '(form)' && i.field !== 'programId');
    this.focused = first && firstControl(first.field, program);
  }
  /** ` autofocus` on the first control of the first wrong field (issues come in the form's order). */
  autofocus(id: string): string {
    return id === this.focused ? ' autofocus' : '';
  }
  get focusesAField(): boolean {
    return this.focused !== undefined;
  }
  value(name: string): string {
    return this.state.values.get(name) ?? '';
  }
  has(name: string, value: string): boolean {
    return this.state.values.getAll(name).includes(value);
  }
  messages(id: string): string[] {
    return this.state.issues.filter((i) => i.field === id).map((i) => i.message);
  }
  /** The error slot of a control, and the attributes that tie the control to it. */
  error(id: string, hintId?: string): { slot: string; attrs: string } {
    const messages = this.messages(id);
    const described = [hintId, messages.length ? `${id}-error` : undefined].filter(Boolean).join(' ');
    return {
      slot: `<p class="error" id="${id}-error"${messages.length ? '' : ' hidden'}>${escapeHtml(messages.join(' '))}</p>`,
      attrs: `${described ? ` aria-describedby="${described}"` : ''}${messages.length ? ' aria-invalid="true"' : ''}`,
    };
  }
}

/** The control a person lands on for a field: a group's first one (without the script, every topic group shows). */
function firstControl(field: string, program: Pick<Program, 'topics'>): string {
  switch (field) {
    case 'role':
      return 'role-mentor';
    case 'manager':
      return 'manager-email';
    case 'topicsOffered':
    case 'topicsWanted': {
      const first = program.topics.find((t) => t.side === 'mentor') ?? program.topics[0];
      return first ? `${field}-${first.id}` : field;
    }
    case 'availability':
      return 'availability-0-day';
    case 'meetingPreference':
      return 'meetingPreference-video';
    case 'languages':
      return `languages-${FORM_LANGUAGES[0]!.code}`;
    case 'consent':
      return 'consent-dataProcessing';
    case 'consent-shareProgressWithManager':
      return 'consent-shareProgressWithManager-yes';
    default:
      return field;
  }
}

function text(
  f: Fields,
  id: string,
  label: string,
  opts: { type?: string; hint?: string; required?: boolean; autocomplete?: string; extra?: string } = {},
): string {
  const hint = opts.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(opts.hint)}</p>` : '';
  const error = f.error(id, opts.hint ? `${id}-hint` : undefined);
  const value = f.value(id);
  return `<label for="${id}">${escapeHtml(label)}${opts.required === false ? ' (optional)' : ''}</label>${hint}
${error.slot}
<input type="${opts.type ?? 'text'}" id="${id}" name="${id}"${value ? ` value="${escapeHtml(value)}"` : ''}${error.attrs}${f.autofocus(id)}${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ''}${opts.extra ?? ''}>`;
}

function group(f: Fields, id: string, legend: string, body: string, hint?: string): string {
  const hintHtml = hint ? `<p class="hint" id="${id}-hint">${escapeHtml(hint)}</p>` : '';
  const error = f.error(id, hint ? `${id}-hint` : undefined);
  return `<fieldset id="${id}"${error.attrs}><legend>${escapeHtml(legend)}</legend>${hintHtml}
${error.slot}${body}</fieldset>`;
}

function choices(f: Fields, name: string, type: 'checkbox' | 'radio', options: readonly { value: string; label: string }[]): string {
  return options
    .map(
      (o) =>
        `<label for="${escapeHtml(`${name}-${o.value}`)}"><input type="${type}" id="${escapeHtml(`${name}-${o.value}`)}" name="${name}" value="${escapeHtml(o.value)}"${f.has(name, o.value) ? ' checked' : ''}${f.autofocus(`${name}-${o.value}`)}> ${escapeHtml(o.label)}</label>`,
    )
    .join('\n');
}

function select(f: Fields, id: string, options: readonly { value: string; label: string }[], extra = ''): string {
  const chosen = f.value(id);
  return `<select id="${id}" name="${id}"${extra}${f.autofocus(id)}>${options.map((o) => `<option value="${escapeHtml(o.value)}"${chosen !== '' && o.value === chosen ? ' selected' : ''}>${escapeHtml(o.label)}</option>`).join('')}</select>`;
}

function availabilityRows(f: Fields): string {
  const days = [{ value: '', label: 'No window' }, ...DAYS.map((d) => ({ value: d, label: DAY_NAMES[d] }))];
  const rows: string[] = [];
  for (let i = 0; i < AVAILABILITY_ROWS; i++) {
    const cell = (part: string, label: string, control: (attrs: string) => string) => {
      const id = `availability-${i}-${part}`;
      const error = f.error(id);
      return `<div><label for="${id}">Window ${i + 1}: ${label}</label>${error.slot}${control(error.attrs)}</div>`;
    };
    const time = (part: string) => (attrs: string) => {
      const id = `availability-${i}-${part}`;
      const value = f.value(id);
      return `<input type="time" id="${id}" name="${id}"${value ? ` value="${escapeHtml(value)}"` : ''}${attrs}${f.autofocus(id)}>`;
    };
    rows.push(`<div class="window">
${cell('day', 'day', (attrs) => select(f, `availability-${i}-day`, days, attrs))}
${cell('start', 'from', time('start'))}
${cell('end', 'until', time('end'))}
</div>`);
  }
  return rows.join('\n');
}

/** Topics grouped by the side that brings them; the script shows only the groups that fit the chosen role. */
function topicChoices(f: Fields, name: 'topicsOffered' | 'topicsWanted', topics: Program['topics']): string {
  const sides = (['mentor', 'mentee'] as const).filter((side) => topics.some((t) => t.side === side));
  return sides
    .map((side) => {
      const heading = side === 'mentor' ? 'Topics mentors bring' : 'Topics mentees bring';
      const options = topics.filter((t) => t.side === side).map((t) => ({ value: t.id, label: t.label }));
      return `<div class="side" data-side="${side}"><p class="side-title">${heading}</p>${choices(f, name, 'checkbox', options)}</div>`;
    })
    .join('\n');
}

export interface IntakeFormOptions {
  readonly program: Pick<Program, 'programId' | 'name' | 'topics'>;
  /** Per-response CSP nonce for the inline script and style. */
  readonly nonce: string;
  /** Where the form posts. @default "/participants" */
  readonly submitUrl?: string;
  /** On AWS: the hosted sign-in (authorization code with PKCE); without it the form posts as it is (locally). */
  readonly signIn?: SignInConfig;
  /** A submission to show again with what is wrong with it (the form was sent without JavaScript). */
  readonly state?: FormState;
}

export interface SignInConfig {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The form's own address, registered as the client's callback URL. */
  readonly redirectUri: string;
}

function errorSummary(issues: readonly FormIssue[], sentence: string | undefined, focused: boolean): string {
  const items = issues
    .map((i) => {
      const sentence = `${i.label}: ${i.message}`;
      return `<li>${i.field === '(form)' ? escapeHtml(sentence) : `<a href="#${escapeHtml(i.field)}">${escapeHtml(sentence)}</a>`}</li>`;
    })
    .join('');
  const hidden = issues.length === 0 && sentence === undefined;
  // The first wrong field takes the focus (Fields.autofocus); the summary only when no field is wrong.
  const autofocus = hidden || focused ? '' : ' autofocus';
  return `<div id="summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-title"${hidden ? ' hidden' : autofocus}><h2 id="summary-title">There is a problem</h2><p id="summary-text">${hidden ? '' : escapeHtml(sentence ?? summarySentence(issues.length))}</p><ul id="summary-list">${items}</ul></div>`;
}

/**
 * The one sentence above the list of problems; the list says what each one is. A conflict (409)
 * is not an answer to correct: someone is enrolled already, and the problem below says what to do.
 */
export function summarySentence(count: number, status = 400): string {
  if (status === 409) return 'The participant was not enrolled: the problem below says why and what to do.';
  return count === 1
    ? 'The participant was not enrolled. Correct the answer below and submit again.'
    : `The participant was not enrolled. Correct the ${count} answers below and submit again.`;
}

export function renderIntakeForm({ program, nonce, submitUrl = '/participants', signIn, state = NO_STATE }: IntakeFormOptions): string {
  const f = new Fields(state, program);
  const styles = [{ value: '', label: 'Not stated' }, ...COMMUNICATION_STYLES.map((s) => ({ value: s, label: `${s[0]!.toUpperCase()}${s.slice(1)}` }))];
  const zones = [{ value: '', label: 'Choose a time zone' }, ...timeZoneOptions().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))];
  const languages = FORM_LANGUAGES.map((l) => ({ value: l.code, label: l.name }));
  const goals = f.error('goals');
  const style = f.error('communicationStyle');
  const zone = f.error('timeZone', 'timeZone-hint');
  const consent = f.error('consent-dataProcessing');
  const failed = state.issues.length > 0 || state.summary !== undefined;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${failed ? 'Error: ' : ''}Enrol a participant: ${escapeHtml(program.name)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<h1>Enrol a participant in ${escapeHtml(program.name)}</h1>
<p>Mentors are early-career colleagues who coach; mentees are senior leaders who learn from them. Every field is required unless it says optional.</p>
${errorSummary(state.issues, state.summary, f.focusesAField)}
<div id="confirmation" class="confirmation" role="status" tabindex="-1" hidden></div>
${signIn ? `<section id="signin" class="signin" aria-labelledby="signin-title" tabindex="-1" hidden><h2 id="signin-title">Sign in to enrol participants</h2><p id="signin-text">Only the HR team can enrol people. Sign in with your work account; you come back to this form.</p><button type="button" id="signin-button">Sign in</button></section>` : ''}
<form id="intake" action="${escapeHtml(submitUrl)}" method="post" novalidate data-program-id="${escapeHtml(program.programId)}"${signIn ? ` data-sign-in="${escapeHtml(JSON.stringify(signIn))}"` : ''}>
<input type="hidden" name="programId" value="${escapeHtml(program.programId)}">
${text(f, 'name', 'Full name', { autocomplete: 'off' })}
${text(f, 'email', 'Work email', { type: 'email', autocomplete: 'off' })}
${text(f, 'employeeId', 'Employee id', { required: false })}
${group(
  f,
  'role',
  'Role in the program',
  choices(f, 'role', 'radio', [
    { value: 'mentor', label: 'Mentor (early-career coach)' },
    { value: 'mentee', label: 'Mentee (senior leader)' },
  ]),
)}
${text(f, 'jobTitle', 'Job title', { required: false })}
${text(f, 'department', 'Department')}
${text(f, 'location', 'Location', { hint: 'City or office' })}
<label for="timeZone">Time zone</label><p class="hint" id="timeZone-hint">Where the participant works: emails reach them in their own working hours.</p>${zone.slot}
${select(f, 'timeZone', zones, zone.attrs)}
${group(f, 'manager', 'Manager', `${text(f, 'manager-email', 'Manager email', { type: 'email', required: false })}${text(f, 'manager-employeeId', 'Manager employee id', { required: false })}`, 'Give the email or the employee id, so reporting lines are known.')}
${group(f, 'topicsOffered', 'Topics offered (optional)', topicChoices(f, 'topicsOffered', program.topics), 'What the participant can teach: a mentor offers mentor topics, a mentee offers mentee topics.')}
${group(f, 'topicsWanted', 'Topics wanted', topicChoices(f, 'topicsWanted', program.topics), 'Choose at least one: a mentor wants mentee topics, a mentee wants mentor topics.')}
${text(f, 'interests', 'Interests', { required: false, hint: 'Separate them with semicolons, for example: climbing; jazz' })}
${group(f, 'availability', 'Weekly availability', availabilityRows(f), 'At least one window, in the participant\u2019s own time zone.')}
${group(
  f,
  'meetingPreference',
  'Meeting preference',
  choices(f, 'meetingPreference', 'radio', [
    { value: 'video', label: 'Video' },
    { value: 'in-person', label: 'In person' },
    { value: 'either', label: 'Either' },
  ]),
)}
${group(f, 'languages', 'Languages', `<div class="languages">${choices(f, 'languages', 'checkbox', languages)}</div>`, 'The languages the participant can hold a conversation in. Choose at least one.')}
${text(f, 'languages-other', 'Other languages', { required: false, hint: 'Only if a language is not in the list: its code, for example yue for Cantonese; separate several with semicolons.' })}
<label for="communicationStyle">Communication style (optional)</label>${style.slot}
${select(f, 'communicationStyle', styles, style.attrs)}
<label for="goals">Personal goals</label>${goals.slot}
<textarea id="goals" name="goals" rows="4"${goals.attrs}${f.autofocus('goals')}>${escapeHtml(f.value('goals'))}</textarea>
${text(f, 'capacity', 'Capacity', { type: 'number', required: false, hint: 'How many mentees a mentor can take (1 to 5); mentees take 1.', extra: ' min="1" max="5" step="1"' })}
${group(
  f,
  'consent',
  'Consent',
  `${consent.slot}
<label for="consent-dataProcessing"><input type="checkbox" id="consent-dataProcessing" name="consent-dataProcessing" value="yes"${f.has('consent-dataProcessing', 'yes') ? ' checked' : ''}${consent.attrs}${f.autofocus('consent-dataProcessing')}> The participant agrees that the program processes their data</label>
${group(
  f,
  'consent-shareProgressWithManager',
  'Share progress with the manager?',
  choices(f, 'consent-shareProgressWithManager', 'radio', [
    { value: 'yes', label: 'Yes' },
    { value: 'no', label: 'No' },
  ]),
)}`,
)}
<button type="submit" id="submit">Enrol participant</button>
</form>
</main>
<script nonce="${nonce}">${FORM_SCRIPT}</script>
</body></html>`;
}

/** The page after an enrolment sent without JavaScript: who was enrolled and what happens next. */
export function renderEnrolmentConfirmation(confirmation: EnrolmentConfirmation, program: Pick<Program, 'programId' | 'name'>, nonce: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(confirmation.heading)}: ${escapeHtml(program.name)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<div id="confirmation" class="confirmation" role="status"><h1>${escapeHtml(confirmation.heading)}</h1>${confirmation.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('')}</div>
<p><a id="enrol-another" href="/intake?programId=${encodeURIComponent(program.programId)}">Enrol another participant in ${escapeHtml(program.name)}</a></p>
</main></body></html>`;
}

/** A page that explains what to do when the form cannot be shown (no or unknown program). */
export function renderIntakeNotice(title: string, message: string, links: { href: string; label: string }[] = []): string {
  const list = links.length ? `<ul>${links.map((l) => `<li><a href="${escapeHtml(l.href)}">${escapeHtml(l.label)}</a></li>`).join('')}</ul>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head><body><main><h1>${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>${list}</main></body></html>`;
}
