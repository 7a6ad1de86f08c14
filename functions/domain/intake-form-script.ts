import { UNSENT_FORM_ANSWERS } from './intake-form-messages';

/**
 * The intake form's script (functions/domain/intake-form.ts): topics by role, the browser's time
 * zone, sending the form with the sign-in token and showing the answer in place. The form works
 * without it. Plain ES2020 without template literals, as it is embedded in one.
 */
export const FORM_SCRIPT = `
(function () {
  // What the form says about an answer that is not the intake's own (unsentFormAnswer, intake-form-messages.ts).
  var UNSENT = ${JSON.stringify(UNSENT_FORM_ANSWERS)};
  function unsent(status) { return UNSENT[String(status)] || (typeof status === 'number' && status >= 500 ? UNSENT['5xx'] : UNSENT.other); }
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
  // Issues come from the server already in the form's words and order: the control's id, its label and the message.
  // The first wrong field takes the focus (the summary, role="alert", is announced); the summary when none is.
  function showErrors(message, issues) {
    document.getElementById('summary-text').textContent = message;
    var ul = document.getElementById('summary-list');
    var first = null;
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
        if (!first) first = focusable(el);
      } else {
        li.textContent = text;
      }
      ul.appendChild(li);
    });
    summary.hidden = false;
    (first || summary).focus();
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
  // A page the server gave back (sent without the script): the first wrong field, as its autofocus says.
  if (!summary.hidden) {
    var wrong = document.querySelector('#intake [aria-invalid="true"]');
    (wrong ? focusable(wrong) : summary).focus();
  }
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
      // A gateway's answer (429, 502, 504) may be no JSON at all: it is still an answer, not a lost connection.
      .then(function (response) {
        return response.text().then(function (text) {
          var body = {};
          try { body = JSON.parse(text) || {}; } catch (e) { body = {}; }
          return { status: response.status, body: body };
        });
      })
      .then(function (result) {
        if (result.status === 401 && auth) {
          sessionStorage.removeItem(TOKEN);
          askToSignIn('Your sign-in has expired. Sign in again, then submit: what you typed comes back with you.');
          return;
        }
        // Stored is a success (202: the confirmation email follows later), whatever the status says.
        var shown = result.body.confirmation && result.body.confirmation.heading ? result.body.confirmation
          : result.body.stored === true ? { heading: 'The participant is enrolled', paragraphs: [result.body.message || ''] } : null;
        if (shown && (result.status < 300 || result.body.stored === true)) {
          form.reset();
          defaultTimeZone();
          showTopicsFor('');
          confirmation.textContent = '';
          var h = document.createElement('h2');
          h.textContent = shown.heading;
          confirmation.appendChild(h);
          shown.paragraphs.forEach(function (text) {
            var p = document.createElement('p');
            p.textContent = text;
            confirmation.appendChild(p);
          });
          confirmation.hidden = false;
          confirmation.focus();
        } else if (typeof result.body.summary === 'string' && Array.isArray(result.body.issues)) {
          showErrors(result.body.summary, result.body.issues);
        } else {
          // Not the intake's answer to the form (the gateway's 429, a server error): one sentence of ours, never the API's words.
          showErrors(unsent(result.status), []);
        }
      })
      .catch(function () { showErrors(unsent('network'), []); });
  });
})();
`;
