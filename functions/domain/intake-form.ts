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
 * failed submit an error summary (role="alert", focused) links to each field, and each field
 * says what is wrong through aria-describedby. The script has no inline handlers, so a
 * nonce-based CSP allows it.
 */

const DAY_NAMES: Record<(typeof DAYS)[number], string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

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
}

const NO_STATE: FormState = { values: new URLSearchParams(), issues: [] };

/** The rendering context: the submitted values and the issues of each control. */
class Fields {
  constructor(private readonly state: FormState) {}
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

function text(f: Fields, id: string, label: string, opts: { type?: string; hint?: string; required?: boolean; autocomplete?: string; extra?: string } = {}): string {
  const hint = opts.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(opts.hint)}</p>` : '';
  const error = f.error(id, opts.hint ? `${id}-hint` : undefined);
  const value = f.value(id);
  return `<label for="${id}">${escapeHtml(label)}${opts.required === false ? ' (optional)' : ''}</label>${hint}
${error.slot}
<input type="${opts.type ?? 'text'}" id="${id}" name="${id}"${value ? ` value="${escapeHtml(value)}"` : ''}${error.attrs}${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ''}${opts.extra ?? ''}>`;
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
        `<label for="${name}-${o.value}"><input type="${type}" id="${name}-${o.value}" name="${name}" value="${escapeHtml(o.value)}"${f.has(name, o.value) ? ' checked' : ''}> ${escapeHtml(o.label)}</label>`,
    )
    .join('\n');
}

function select(f: Fields, id: string, options: readonly { value: string; label: string }[], extra = ''): string {
  const chosen = f.value(id);
  return `<select id="${id}" name="${id}"${extra}>${options.map((o) => `<option value="${escapeHtml(o.value)}"${chosen !== '' && o.value === chosen ? ' selected' : ''}>${escapeHtml(o.label)}</option>`).join('')}</select>`;
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
      return `<input type="time" id="${id}" name="${id}"${value ? ` value="${escapeHtml(value)}"` : ''}${attrs}>`;
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

function errorSummary(issues: readonly FormIssue[]): string {
  const items = issues
    .map((i) => {
      const sentence = `${i.label}: ${i.message}`;
      return `<li>${i.field === '(form)' ? escapeHtml(sentence) : `<a href="#${escapeHtml(i.field)}">${escapeHtml(sentence)}</a>`}</li>`;
    })
    .join('');
  const hidden = issues.length === 0;
  return `<div id="summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-title"${hidden ? ' hidden' : ' autofocus'}><h2 id="summary-title">There is a problem</h2><p id="summary-text">${hidden ? '' : escapeHtml(summarySentence(issues.length))}</p><ul id="summary-list">${items}</ul></div>`;
}

/** The one sentence above the list of problems; the list says what each one is. */
export function summarySentence(count: number): string {
  return count === 1 ? 'The participant was not enrolled. Correct the answer below and submit again.' : `The participant was not enrolled. Correct the ${count} answers below and submit again.`;
}

export function renderIntakeForm({ program, nonce, submitUrl = '/participants', signIn, state = NO_STATE }: IntakeFormOptions): string {
  const f = new Fields(state);
  const styles = [{ value: '', label: 'Not stated' }, ...COMMUNICATION_STYLES.map((s) => ({ value: s, label: `${s[0]!.toUpperCase()}${s.slice(1)}` }))];
  const zones = [{ value: '', label: 'Choose a time zone' }, ...timeZoneOptions().map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))];
  const languages = FORM_LANGUAGES.map((l) => ({ value: l.code, label: l.name }));
  const goals = f.error('goals');
  const style = f.error('communicationStyle');
  const zone = f.error('timeZone', 'timeZone-hint');
  const consent = f.error('consent-dataProcessing');
  const failed = state.issues.length > 0;
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${failed ? 'Error: ' : ''}Enrol a participant: ${escapeHtml(program.name)}</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<h1>Enrol a participant in ${escapeHtml(program.name)}</h1>
<p>Mentors are early-career colleagues who coach; mentees are senior leaders who learn from them. Every field is required unless it says optional.</p>
${errorSummary(state.issues)}
<div id="confirmation" class="confirmation" role="status" tabindex="-1" hidden></div>
${signIn ? `<section id="signin" class="signin" aria-labelledby="signin-title" tabindex="-1" hidden><h2 id="signin-title">Sign in to enrol participants</h2><p id="signin-text">Only the HR team can enrol people. Sign in with your work account; you come back to this form.</p><button type="button" id="signin-button">Sign in</button></section>` : ''}
<form id="intake" action="${escapeHtml(submitUrl)}" method="post" novalidate data-program-id="${escapeHtml(program.programId)}"${signIn ? ` data-sign-in="${escapeHtml(JSON.stringify(signIn))}"` : ''}>
<input type="hidden" name="programId" value="${escapeHtml(program.programId)}">
${text(f, 'name', 'Full name', { autocomplete: 'off' })}
${text(f, 'email', 'Work email', { type: 'email', autocomplete: 'off' })}
${text(f, 'employeeId', 'Employee id', { required: false })}
${group(f, 'role', 'Role in the program', choices(f, 'role', 'radio', [{ value: 'mentor', label: 'Mentor (early-career coach)' }, { value: 'mentee', label: 'Mentee (senior leader)' }]))}
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
${group(f, 'meetingPreference', 'Meeting preference', choices(f, 'meetingPreference', 'radio', [{ value: 'video', label: 'Video' }, { value: 'in-person', label: 'In person' }, { value: 'either', label: 'Either' }]))}
${group(f, 'languages', 'Languages', `<div class="languages">${choices(f, 'languages', 'checkbox', languages)}</div>`, 'The languages the participant can hold a conversation in. Choose at least one.')}
${text(f, 'languages-other', 'Other languages', { required: false, hint: 'Only if a language is not in the list: its code, for example yue for Cantonese; separate several with semicolons.' })}
<label for="communicationStyle">Communication style (optional)</label>${style.slot}
${select(f, 'communicationStyle', styles, style.attrs)}
<label for="goals">Personal goals</label>${goals.slot}
<textarea id="goals" name="goals" rows="4"${goals.attrs}>${escapeHtml(f.value('goals'))}</textarea>
${text(f, 'capacity', 'Capacity', { type: 'number', required: false, hint: 'How many mentees a mentor can take (1 to 5); mentees take 1.', extra: ' min="1" max="5" step="1"' })}
${group(f, 'consent', 'Consent', `${consent.slot}
<label for="consent-dataProcessing"><input type="checkbox" id="consent-dataProcessing" name="consent-dataProcessing" value="yes"${f.has('consent-dataProcessing', 'yes') ? ' checked' : ''}${consent.attrs}> The participant agrees that the program processes their data</label>
${group(f, 'consent-shareProgressWithManager', 'Share progress with the manager?', choices(f, 'consent-shareProgressWithManager', 'radio', [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]))}`)}
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

// Plain ES2020, no template literals: it is embedded in a template literal above.
const FORM_SCRIPT = `
(function () {
  var form = document.getElementById('intake');
  var summary = document.getElementById('summary');
  var confirmation = document.getElementById('confirmation');
  // Topics by role: a mentor offers mentor topics and wants mentee topics, a mentee the other way round.
  function showTopicsFor(role) {
    ['topicsOffered', 'topicsWanted'].forEach(function (name) {
      Array.prototype.forEach.call(document.querySelectorAll('#' + name + ' .side'), function (side) {
        var mine = side.getAttribute('data-side') === role;
        var shown = !role || (name === 'topicsOffered' ? mine : !mine);
        side.hidden = !shown;
        if (!shown) Array.prototype.forEach.call(side.querySelectorAll('input'), function (input) { input.checked = false; });
      });
    });
  }
  function chosenRole() { var r = form.querySelector('input[name="role"]:checked'); return r ? r.value : ''; }
  Array.prototype.forEach.call(form.querySelectorAll('input[name="role"]'), function (input) {
    input.addEventListener('change', function () { showTopicsFor(chosenRole()); });
  });
  // The browser's own time zone, unless one was already chosen.
  function defaultTimeZone() {
    var zone = document.getElementById('timeZone');
    if (zone.value) return;
    try {
      var here = Intl.DateTimeFormat().resolvedOptions().timeZone;
      if (here && zone.querySelector('option[value="' + here + '"]')) zone.value = here;
    } catch (e) { /* keep "Choose a time zone" */ }
  }
  defaultTimeZone();
  function labelText(el) {
    if (el.tagName === 'FIELDSET') return el.querySelector('legend').textContent;
    var label = document.querySelector('label[for="' + el.id + '"]');
    return label ? label.textContent.replace(' (optional)', '') : el.id;
  }
  // The first control a person can reach: topics of the other side are hidden once a role is chosen.
  function focusable(el) {
    if (el.tagName !== 'FIELDSET') return el;
    var controls = el.querySelectorAll('input:not([type=hidden]),select,textarea');
    for (var i = 0; i < controls.length; i++) if (!controls[i].closest('[hidden]')) return controls[i];
    return controls[0] || el;
  }
  function clearErrors() {
    Array.prototype.forEach.call(document.querySelectorAll('.error'), function (p) { p.hidden = true; p.textContent = ''; });
    Array.prototype.forEach.call(document.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
      var ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== el.id + '-error'; });
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
    });
    document.getElementById('summary-list').textContent = '';
    document.getElementById('summary-text').textContent = '';
    summary.hidden = true;
  }
  // Issues come from the server already in the form's words: the control's id, its label and the message.
  function showErrors(message, issues) {
    document.getElementById('summary-text').textContent = message;
    var ul = document.getElementById('summary-list');
    issues.forEach(function (issue) {
      var el = document.getElementById(issue.field);
      var slot = el && document.getElementById(issue.field + '-error');
      var li = document.createElement('li');
      var text = (issue.label || (el ? labelText(el).trim() : 'The form')) + ': ' + issue.message;
      if (slot) {
        var a = document.createElement('a');
        a.href = '#' + focusable(el).id;
        a.textContent = text;
        li.appendChild(a);
        slot.hidden = false;
        slot.textContent = (slot.textContent ? slot.textContent + ' ' : '') + issue.message;
        el.setAttribute('aria-invalid', 'true');
        var ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (ids.indexOf(slot.id) < 0) ids.push(slot.id);
        el.setAttribute('aria-describedby', ids.join(' '));
      } else {
        li.textContent = text;
      }
      ul.appendChild(li);
    });
    summary.hidden = false;
    summary.focus();
  }
  summary.addEventListener('click', function (event) {
    var a = event.target.closest('a');
    if (!a) return;
    event.preventDefault();
    var el = document.getElementById(a.getAttribute('href').slice(1));
    if (el) el.focus();
  });
  // Server-rendered links point at a fieldset or a control: move them to the first control.
  Array.prototype.forEach.call(document.querySelectorAll('#summary a'), function (a) {
    var el = document.getElementById(a.getAttribute('href').slice(1));
    if (el) a.setAttribute('href', '#' + focusable(el).id);
  });
  showTopicsFor(chosenRole());
  if (!summary.hidden) summary.focus();
  // Sign-in (AWS only): authorization code with PKCE at the hosted sign-in page, back to this form.
  var auth = form.getAttribute('data-sign-in') ? JSON.parse(form.getAttribute('data-sign-in')) : null;
  var signin = document.getElementById('signin');
  var TOKEN = 'crossgen.intake.token';
  var PENDING = 'crossgen.intake.signin';
  function base64url(bytes) {
    var s = '';
    for (var i = 0; i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
    return btoa(s).split('+').join('-').split('/').join('_').replace(/=+$/, '');
  }
  function idToken() {
    try {
      var t = JSON.parse(sessionStorage.getItem(TOKEN) || 'null');
      return t && t.expiresAt > Date.now() + 60000 ? t.idToken : null;
    } catch (e) { return null; }
  }
  function askToSignIn(message) {
    if (message) document.getElementById('signin-text').textContent = message;
    signin.hidden = false;
    signin.focus();
  }
  // What was typed survives the trip to the sign-in page (this tab only, removed once restored).
  var DRAFT = 'crossgen.intake.draft';
  function saveDraft() {
    var draft = {};
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.id) return;
      draft[el.id] = el.type === 'checkbox' || el.type === 'radio' ? el.checked : el.value;
    });
    sessionStorage.setItem(DRAFT, JSON.stringify(draft));
  }
  function restoreDraft() {
    var draft = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
    sessionStorage.removeItem(DRAFT);
    if (!draft) return;
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.id || !(el.id in draft)) return;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = draft[el.id] === true; else el.value = draft[el.id];
    });
  }
  function startSignIn() {
    saveDraft();
    var verifier = base64url(crypto.getRandomValues(new Uint8Array(32)));
    var state = base64url(crypto.getRandomValues(new Uint8Array(16))) + '.' + form.getAttribute('data-program-id');
    crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)).then(function (hash) {
      sessionStorage.setItem(PENDING, JSON.stringify({ verifier: verifier, state: state }));
      var query = new URLSearchParams({ response_type: 'code', client_id: auth.clientId, redirect_uri: auth.redirectUri, scope: 'openid email', state: state, code_challenge: base64url(new Uint8Array(hash)), code_challenge_method: 'S256' });
      location.assign(auth.authorizeUrl + '?' + query.toString());
    });
  }
  function finishSignIn(code, state) {
    var pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname + '?programId=' + encodeURIComponent(form.getAttribute('data-program-id')));
    if (!pending || pending.state !== state) { askToSignIn('That sign-in was started in another tab or has expired. Sign in again.'); return; }
    var body = new URLSearchParams({ grant_type: 'authorization_code', client_id: auth.clientId, code: code, redirect_uri: auth.redirectUri, code_verifier: pending.verifier });
    fetch(auth.tokenUrl, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: body.toString() })
      .then(function (response) { if (!response.ok) throw new Error('token'); return response.json(); })
      .then(function (tokens) {
        sessionStorage.setItem(TOKEN, JSON.stringify({ idToken: tokens.id_token, expiresAt: Date.now() + tokens.expires_in * 1000 }));
        signin.hidden = true;
        document.getElementById('name').focus();
      })
      .catch(function () { askToSignIn('The sign-in could not be completed. Sign in again.'); });
  }
  if (auth) {
    document.getElementById('signin-button').addEventListener('click', startSignIn);
    var back = new URLSearchParams(location.search);
    restoreDraft();
    if (back.get('code')) finishSignIn(back.get('code'), back.get('state'));
    else if (!idToken()) askToSignIn();
  }
  // A draft restored after sign-in may have chosen a role.
  showTopicsFor(chosenRole());
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    confirmation.hidden = true;
    var headers = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (auth) {
      var token = idToken();
      if (!token) { askToSignIn('Sign in first: what you typed comes back with you.'); return; }
      headers.authorization = 'Bearer ' + token;
    }
    fetch(form.getAttribute('action'), { method: 'POST', headers: headers, body: new URLSearchParams(new FormData(form)).toString() })
      .then(function (response) { return response.json().then(function (body) { return { status: response.status, body: body }; }); })
      .then(function (result) {
        if (result.status === 401 && auth) {
          sessionStorage.removeItem(TOKEN);
          askToSignIn('Your sign-in has expired. Sign in again, then submit: what you typed comes back with you.');
          return;
        }
        if ((result.status === 200 || result.status === 201) && result.body.confirmation) {
          form.reset();
          defaultTimeZone();
          showTopicsFor('');
          confirmation.textContent = '';
          var h = document.createElement('h2');
          h.textContent = result.body.confirmation.heading;
          confirmation.appendChild(h);
          result.body.confirmation.paragraphs.forEach(function (text) {
            var p = document.createElement('p');
            p.textContent = text;
            confirmation.appendChild(p);
          });
          confirmation.hidden = false;
          confirmation.focus();
        } else {
          showErrors(result.body.summary || 'The participant was not enrolled. ' + (result.body.error || ''), result.body.issues || []);
        }
      })
      .catch(function () { showErrors('The form could not reach the server. Check your connection and submit again.', []); });
  });
})();
`;
