import { COMMUNICATION_STYLES, DAYS } from './participant';
import type { Program } from './program';

/**
 * The HR intake form: plain HTML that works with the keyboard alone and a screen reader.
 * Every input has a label, every group a fieldset and legend; after a failed submit an error
 * summary (role="alert", focused) links to each field, and each field says what is wrong through
 * aria-describedby. The small script has no inline handlers, so a nonce-based CSP allows it.
 */

const AVAILABILITY_ROWS = 3;
const DAY_NAMES: Record<(typeof DAYS)[number], string> = { mon: 'Monday', tue: 'Tuesday', wed: 'Wednesday', thu: 'Thursday', fri: 'Friday', sat: 'Saturday', sun: 'Sunday' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

const STYLE = `
body{font-family:system-ui,sans-serif;line-height:1.5;color:#1b1b1b;background:#fff;margin:0}
main{max-width:44rem;margin:0 auto;padding:1rem 1.5rem 3rem}
label,legend{display:block;font-weight:600;margin-top:1rem}
fieldset{border:1px solid #6b6b6b;margin:1rem 0;padding:.5rem 1rem 1rem}
fieldset label{font-weight:400;display:inline-block;margin:.25rem 1rem .25rem 0}
input[type=text],input[type=email],input[type=number],select,textarea{font:inherit;padding:.35rem;border:2px solid #1b1b1b;max-width:100%}
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
.signin{border:4px solid #1d4ed8;padding:1rem;margin:1rem 0}
.signin button{background:#1d4ed8;margin-top:.5rem}
`;

function text(id: string, label: string, opts: { type?: string; hint?: string; required?: boolean; autocomplete?: string } = {}): string {
  const hint = opts.hint ? `<p class="hint" id="${id}-hint">${escapeHtml(opts.hint)}</p>` : '';
  const describedBy = opts.hint ? ` aria-describedby="${id}-hint"` : '';
  return `<label for="${id}">${escapeHtml(label)}${opts.required === false ? ' (optional)' : ''}</label>${hint}
<p class="error" id="${id}-error" hidden></p>
<input type="${opts.type ?? 'text'}" id="${id}" name="${id}"${describedBy}${opts.autocomplete ? ` autocomplete="${opts.autocomplete}"` : ''}>`;
}

function group(id: string, legend: string, body: string, hint?: string): string {
  const hintHtml = hint ? `<p class="hint" id="${id}-hint">${escapeHtml(hint)}</p>` : '';
  return `<fieldset id="${id}"${hint ? ` aria-describedby="${id}-hint"` : ''}><legend>${escapeHtml(legend)}</legend>${hintHtml}
<p class="error" id="${id}-error" hidden></p>${body}</fieldset>`;
}

function choices(name: string, type: 'checkbox' | 'radio', options: readonly { value: string; label: string }[]): string {
  return options
    .map((o) => `<label for="${name}-${o.value}"><input type="${type}" id="${name}-${o.value}" name="${name}" value="${escapeHtml(o.value)}"> ${escapeHtml(o.label)}</label>`)
    .join('\n');
}

function availabilityRows(): string {
  const days = DAYS.map((d) => `<option value="${d}">${DAY_NAMES[d]}</option>`).join('');
  const rows: string[] = [];
  for (let i = 0; i < AVAILABILITY_ROWS; i++) {
    rows.push(`<div class="window">
<div><label for="availability-${i}-day">Window ${i + 1}: day</label><p class="error" id="availability-${i}-day-error" hidden></p><select id="availability-${i}-day"><option value="">No window</option>${days}</select></div>
<div><label for="availability-${i}-start">Window ${i + 1}: from (HH:MM)</label><p class="error" id="availability-${i}-start-error" hidden></p><input type="text" inputmode="numeric" id="availability-${i}-start" size="6"></div>
<div><label for="availability-${i}-end">Window ${i + 1}: until (HH:MM)</label><p class="error" id="availability-${i}-end-error" hidden></p><input type="text" inputmode="numeric" id="availability-${i}-end" size="6"></div>
</div>`);
  }
  return rows.join('\n');
}

export interface IntakeFormOptions {
  /**
   * The program asked for in the address (echoed, escaped, never looked up): the page is public,
   * so it carries no program data. Its name and topics come from `programsUrl`, a protected route,
   * once the person is signed in.
   */
  readonly programId?: string;
  /** Per-response CSP nonce for the inline script and style. */
  readonly nonce: string;
  /** Where the form posts its JSON. @default "/participants" */
  readonly submitUrl?: string;
  /** Where the signed-in page reads the programs HR may enrol into. @default "/intake/programs" */
  readonly programsUrl?: string;
  /** On AWS: the hosted sign-in (authorization code with PKCE); without it the form posts as it is (locally). */
  readonly signIn?: SignInConfig;
}

export interface SignInConfig {
  readonly authorizeUrl: string;
  readonly tokenUrl: string;
  readonly clientId: string;
  /** The form's own address, registered as the client's callback URL. */
  readonly redirectUri: string;
}

/** What `GET /intake/programs` answers to a signed-in HR person: enough to draw the form. */
export interface IntakeProgramsBody {
  readonly programs: readonly { readonly programId: string; readonly name: string; readonly topics: readonly { readonly id: string; readonly label: string }[] }[];
}

export function intakePrograms(programs: readonly Pick<Program, 'programId' | 'name' | 'topics'>[]): IntakeProgramsBody {
  return { programs: programs.map((p) => ({ programId: p.programId, name: p.name, topics: p.topics.map((t) => ({ id: t.id, label: t.label })) })) };
}

export function renderIntakeForm({ programId = '', nonce, submitUrl = '/participants', programsUrl = '/intake/programs', signIn }: IntakeFormOptions): string {
  const styles = COMMUNICATION_STYLES.map((s) => `<option value="${s}">${s[0]!.toUpperCase()}${s.slice(1)}</option>`).join('');
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Enrol a participant</title>
<style nonce="${nonce}">${STYLE}</style></head>
<body><main>
<h1 id="title">Enrol a participant</h1>
<p>Mentors are early-career colleagues who coach; mentees are senior leaders who learn from them. Every field is required unless it says optional.</p>
<div id="summary" class="summary" role="alert" tabindex="-1" aria-labelledby="summary-title" hidden><h2 id="summary-title">There is a problem</h2><p id="summary-text"></p><ul id="summary-list"></ul></div>
<div id="confirmation" class="confirmation" role="status" tabindex="-1" hidden></div>
<div id="notice" class="summary" role="alert" tabindex="-1" hidden><h2 id="notice-title"></h2><p id="notice-text"></p><ul id="notice-list"></ul></div>
${signIn ? `<section id="signin" class="signin" aria-labelledby="signin-title" tabindex="-1" hidden><h2 id="signin-title">Sign in to enrol participants</h2><p id="signin-text">Only the HR team can enrol people. Sign in with your work account; you come back to this form.</p><button type="button" id="signin-button">Sign in</button></section>` : ''}
<form id="intake" action="${escapeHtml(submitUrl)}" method="post" novalidate data-program-id="${escapeHtml(programId)}" data-programs-url="${escapeHtml(programsUrl)}"${signIn ? ` data-sign-in="${escapeHtml(JSON.stringify(signIn))}"` : ''}>
${text('name', 'Full name', { autocomplete: 'name' })}
${text('email', 'Work email', { type: 'email', autocomplete: 'email' })}
${text('employeeId', 'Employee id', { required: false })}
${group('role', 'Role in the program', choices('role', 'radio', [{ value: 'mentor', label: 'Mentor (early-career coach)' }, { value: 'mentee', label: 'Mentee (senior leader)' }]))}
${text('jobTitle', 'Job title', { required: false })}
${text('department', 'Department')}
${text('location', 'Location', { hint: 'City or office' })}
${text('timeZone', 'Time zone', { hint: 'IANA name, for example Europe/London or America/New_York' })}
${group('manager', 'Manager', `${text('manager-email', 'Manager email', { type: 'email', required: false })}${text('manager-employeeId', 'Manager employee id', { required: false })}`, 'Give the email or the employee id, so reporting lines are known.')}
${group('topicsOffered', 'Topics offered (optional)', '<div id="topicsOffered-choices"></div>')}
${group('topicsWanted', 'Topics wanted', '<div id="topicsWanted-choices"></div>', 'Choose at least one.')}
${text('interests', 'Interests', { required: false, hint: 'Separate them with semicolons, for example: climbing; jazz' })}
${group('availability', 'Weekly availability', availabilityRows(), 'At least one window, in the participant\u2019s own time zone, 24-hour time.')}
${group('meetingPreference', 'Meeting preference', choices('meetingPreference', 'radio', [{ value: 'video', label: 'Video' }, { value: 'in-person', label: 'In person' }, { value: 'either', label: 'Either' }]))}
${text('languages', 'Languages', { hint: 'Language codes separated by semicolons, for example: en; fr' })}
<label for="communicationStyle">Communication style (optional)</label><p class="error" id="communicationStyle-error" hidden></p>
<select id="communicationStyle"><option value="">Not stated</option>${styles}</select>
<label for="goals">Personal goals</label><p class="error" id="goals-error" hidden></p>
<textarea id="goals" rows="4"></textarea>
${text('capacity', 'Capacity (optional)', { type: 'number', required: false, hint: 'How many mentees a mentor can take (1 to 5); mentees take 1.' })}
${group('consent', 'Consent', `<p class="error" id="consent-dataProcessing-error" hidden></p>
<label for="consent-dataProcessing"><input type="checkbox" id="consent-dataProcessing"> The participant agrees that the program processes their data</label>
${group('consent-shareProgressWithManager', 'Share progress with the manager?', choices('consent-shareProgressWithManager', 'radio', [{ value: 'yes', label: 'Yes' }, { value: 'no', label: 'No' }]))}`)}
<button type="submit" id="submit">Enrol participant</button>
</form>
</main>
<script nonce="${nonce}">${FORM_SCRIPT}</script>
</body></html>`;
}

// Plain ES2020, no template literals: it is embedded in a template literal above.
const FORM_SCRIPT = `
(function () {
  var form = document.getElementById('intake');
  var summary = document.getElementById('summary');
  var confirmation = document.getElementById('confirmation');
  function val(id) { var el = document.getElementById(id); return el && el.value.trim() !== '' ? el.value.trim() : undefined; }
  function list(id) { var v = val(id); return v ? v.split(/[;,]/).map(function (s) { return s.trim(); }).filter(Boolean) : []; }
  function checked(name) { return Array.prototype.map.call(form.querySelectorAll('input[name="' + name + '"]:checked'), function (el) { return el.value; }); }
  function collect() {
    var availability = [];
    for (var i = 0; i < ${AVAILABILITY_ROWS}; i++) {
      var day = val('availability-' + i + '-day');
      if (day) availability.push({ day: day, start: val('availability-' + i + '-start') || '', end: val('availability-' + i + '-end') || '' });
    }
    var share = checked('consent-shareProgressWithManager')[0];
    var manager = { email: val('manager-email'), employeeId: val('manager-employeeId') };
    var capacity = val('capacity');
    return {
      programId: form.getAttribute('data-program-id'), name: val('name'), email: val('email'), employeeId: val('employeeId'),
      role: checked('role')[0], jobTitle: val('jobTitle'), department: val('department'), location: val('location'), timeZone: val('timeZone'),
      manager: manager.email || manager.employeeId ? manager : undefined,
      topicsOffered: checked('topicsOffered'), topicsWanted: checked('topicsWanted'), interests: list('interests'), availability: availability,
      meetingPreference: checked('meetingPreference')[0], languages: list('languages'), communicationStyle: val('communicationStyle'),
      goals: val('goals'), capacity: capacity === undefined ? undefined : Number(capacity),
      consent: { dataProcessing: document.getElementById('consent-dataProcessing').checked, shareProgressWithManager: share === undefined ? undefined : share === 'yes' }
    };
  }
  // An issue names a field path ("availability.0.end"); find the element that shows it.
  function targetOf(field) {
    var parts = field.split('.');
    while (parts.length) {
      var id = parts.join('-');
      if (id === 'availability') id = 'availability-0-day';
      var el = document.getElementById(id);
      if (el && document.getElementById(id + '-error')) return el;
      parts.pop();
    }
    return null;
  }
  function focusable(el) { return el.tagName === 'FIELDSET' ? el.querySelector('input,select,textarea') : el; }
  function labelOf(el) {
    if (el.tagName === 'FIELDSET') return el.querySelector('legend').textContent;
    var label = document.querySelector('label[for="' + el.id + '"]');
    return label ? label.textContent.replace(' (optional)', '') : el.id;
  }
  function clearErrors() {
    Array.prototype.forEach.call(document.querySelectorAll('.error'), function (p) { p.hidden = true; p.textContent = ''; });
    Array.prototype.forEach.call(document.querySelectorAll('[aria-invalid]'), function (el) {
      el.removeAttribute('aria-invalid');
      var ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(function (x) { return x && x !== el.id + '-error'; });
      if (ids.length) el.setAttribute('aria-describedby', ids.join(' ')); else el.removeAttribute('aria-describedby');
    });
    document.getElementById('summary-list').textContent = '';
    summary.hidden = true;
  }
  function showErrors(message, issues) {
    document.getElementById('summary-text').textContent = message;
    var ul = document.getElementById('summary-list');
    issues.forEach(function (issue) {
      var el = targetOf(issue.field);
      var li = document.createElement('li');
      if (el) {
        var text = labelOf(el).trim() + ': ' + issue.message;
        var a = document.createElement('a');
        a.href = '#' + focusable(el).id;
        a.textContent = text;
        li.appendChild(a);
        var p = document.getElementById(el.id + '-error');
        p.hidden = false;
        p.textContent = (p.textContent ? p.textContent + ' ' : '') + issue.message;
        el.setAttribute('aria-invalid', 'true');
        var ids = (el.getAttribute('aria-describedby') || '').split(' ').filter(Boolean);
        if (ids.indexOf(p.id) < 0) ids.push(p.id);
        el.setAttribute('aria-describedby', ids.join(' '));
      } else {
        li.textContent = issue.field + ' ' + issue.message;
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
  // Topic boxes are drawn once the program is loaded: the draft is applied again then.
  var pendingDraft = null;
  function applyDraft(draft) {
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.id || !(el.id in draft)) return;
      if (el.type === 'checkbox' || el.type === 'radio') el.checked = draft[el.id] === true; else el.value = draft[el.id];
    });
  }
  function restoreDraft() {
    var draft = JSON.parse(sessionStorage.getItem(DRAFT) || 'null');
    sessionStorage.removeItem(DRAFT);
    if (!draft) return;
    applyDraft(draft);
    pendingDraft = draft;
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
        loadProgram();
      })
      .catch(function () { askToSignIn('The sign-in could not be completed. Sign in again.'); });
  }
  // The page itself is public and holds no program data: the program's name and topics are read
  // from a protected route once the person is signed in (locally: at once).
  function showNotice(title, message, links) {
    document.getElementById('notice-title').textContent = title;
    document.getElementById('notice-text').textContent = message;
    var ul = document.getElementById('notice-list');
    ul.textContent = '';
    (links || []).forEach(function (link) {
      var li = document.createElement('li');
      var a = document.createElement('a');
      a.href = link.href;
      a.textContent = link.label;
      li.appendChild(a);
      ul.appendChild(li);
    });
    form.hidden = true;
    var notice = document.getElementById('notice');
    notice.hidden = false;
    notice.focus();
  }
  function drawTopics(name, topics) {
    var box = document.getElementById(name + '-choices');
    box.textContent = '';
    topics.forEach(function (topic) {
      var label = document.createElement('label');
      label.htmlFor = name + '-' + topic.id;
      var input = document.createElement('input');
      input.type = 'checkbox';
      input.id = name + '-' + topic.id;
      input.name = name;
      input.value = topic.id;
      label.appendChild(input);
      label.appendChild(document.createTextNode(' ' + topic.label));
      box.appendChild(label);
    });
  }
  function showProgram(programs) {
    var wanted = form.getAttribute('data-program-id');
    var program = null;
    programs.forEach(function (p) { if (p.programId === wanted) program = p; });
    if (!wanted && programs.length === 1) program = programs[0];
    if (!program) {
      if (wanted) showNotice('Program not found', 'There is no program "' + wanted + '". Check the link, or ask the program admin for the right one.');
      else if (!programs.length) showNotice('No programs yet', 'There are no programs yet: a program admin has to create one first.');
      else showNotice('Choose a program', 'Choose the program to enrol participants in:', programs.map(function (p) { return { href: '?programId=' + encodeURIComponent(p.programId), label: p.name }; }));
      return;
    }
    form.setAttribute('data-program-id', program.programId);
    document.getElementById('title').textContent = 'Enrol a participant in ' + program.name;
    document.title = 'Enrol a participant: ' + program.name;
    drawTopics('topicsOffered', program.topics);
    drawTopics('topicsWanted', program.topics);
    var draft = pendingDraft;
    pendingDraft = null;
    if (draft) applyDraft(draft);
  }
  function loadProgram() {
    var headers = {};
    if (auth) {
      var token = idToken();
      if (!token) return;
      headers.authorization = 'Bearer ' + token;
    }
    fetch(form.getAttribute('data-programs-url'), { headers: headers })
      .then(function (response) {
        if ((response.status === 401 || response.status === 403) && auth) {
          sessionStorage.removeItem(TOKEN);
          askToSignIn(response.status === 403 ? 'Your account cannot enrol participants: ask an administrator to add you to the HR group, then sign in again.' : 'Your sign-in has expired. Sign in again.');
          return;
        }
        if (!response.ok) throw new Error('programs');
        return response.json().then(function (body) { showProgram(body.programs || []); });
      })
      .catch(function () { showErrors('The form could not load the program. Check your connection and reload the page.', []); });
  }
  if (auth) {
    document.getElementById('signin-button').addEventListener('click', startSignIn);
    var back = new URLSearchParams(location.search);
    restoreDraft();
    if (back.get('code')) finishSignIn(back.get('code'), back.get('state'));
    else if (!idToken()) askToSignIn();
    else loadProgram();
  } else {
    loadProgram();
  }
  form.addEventListener('submit', function (event) {
    event.preventDefault();
    clearErrors();
    confirmation.hidden = true;
    var headers = { 'content-type': 'application/json' };
    if (auth) {
      var token = idToken();
      if (!token) { askToSignIn('Sign in first: what you typed comes back with you.'); return; }
      headers.authorization = 'Bearer ' + token;
    }
    fetch(form.getAttribute('action'), { method: 'POST', headers: headers, body: JSON.stringify(collect()) })
      .then(function (response) { return response.json().then(function (body) { return { status: response.status, body: body }; }); })
      .then(function (result) {
        if (result.status === 401 && auth) {
          sessionStorage.removeItem(TOKEN);
          askToSignIn('Your sign-in has expired. Sign in again, then submit: what you typed comes back with you.');
          return;
        }
        if (result.status === 200 || result.status === 201) {
          form.reset();
          confirmation.textContent = (result.status === 201 ? 'Enrolled. ' : 'This person was already enrolled with these answers. ') +
            'Participant id ' + result.body.participantId + '. ' + (result.status === 201 ? 'A confirmation email is on its way to them.' : '');
          confirmation.hidden = false;
          confirmation.focus();
        } else {
          showErrors(result.body.error || 'The participant was not enrolled.', result.body.issues || []);
        }
      })
      .catch(function () { showErrors('The form could not reach the server. Check your connection and submit again.', []); });
  });
})();
`;
