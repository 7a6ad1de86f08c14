// The console's script. Two views of one page: the program dashboard for HR at `/` (the report,
// pairings, matching and the actions of the admin API) and the emulator views for developers at
// `/dev` (executions, mailbox, event log, dead letters). Rendered with DOM calls (never innerHTML
// with data, so an email subject cannot inject markup). Only the view on screen is read; it is
// read again every 5 s while the page is visible and not at all while it is hidden; the mailbox is
// read incrementally (`/local/emails?since=`). Sections re-render only when their data changed, so
// polling does not steal focus or close what the reader opened.
(() => {
  const byId = (id) => document.getElementById(id);
  const POLL_MS = 5000;
  const MAX_BACKOFF_MS = 60_000;
  const LIMIT = 200;
  const RUNNING = ['introduced', 'active', 'paused'];
  const FINISHED = ['completed', 'not-started', 'ended'];
  const view = location.pathname === '/dev' ? 'dev' : 'program';

  const state = {
    programs: [],
    programId: '',
    people: new Map(),
    peopleByEmail: new Map(),
    pairings: [],
    report: undefined,
    detailId: '',
    detail: undefined,
    /** Matching runs started from this browser, per program (there is no route that lists runs). */
    runs: new Map(),
    seen: new Map(),
    ticks: 0,
    failures: 0,
    simulatedNow: undefined,
    /** The last answer of `/local/clock`, shown once the program (and so its time zone) is known. */
    clock: undefined,
    programsRead: false,
    /** The run whose proposal is shown (the swap form lists its pairs). */
    shownRun: undefined,
  };

  // ---------------------------------------------------------------- DOM and HTTP helpers

  function h(tag, attrs, ...children) {
    const svg = ['svg', 'g', 'line', 'polyline', 'circle', 'rect', 'text', 'title', 'desc', 'path'].includes(tag);
    const el = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.setAttribute('class', v);
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat(Infinity)) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  /** undefined when the route does not exist (404). */
  async function getJson(path) {
    const res = await fetch(path, { headers: { accept: 'application/json' } });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  }

  async function send(method, path, body) {
    const res = await fetch(path, {
      method,
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    let parsed;
    try {
      parsed = text ? JSON.parse(text) : {};
    } catch {
      parsed = { error: text };
    }
    return { ok: res.ok, status: res.status, body: parsed };
  }

  /** Whether the admin API has a route for `method` at `path` (OPTIONS names the methods), asked once per path. */
  const probes = new Map();
  function routeExists(method, path) {
    if (!probes.has(path))
      probes.set(
        path,
        fetch(path, { method: 'OPTIONS' })
          .then((r) => (r.ok ? (r.headers.get('allow') ?? '').split(/,\s*/) : []))
          .catch(() => []),
      );
    return probes.get(path).then((methods) => methods.includes(method));
  }

  const listOf = (value, ...keys) => {
    if (Array.isArray(value)) return value;
    for (const k of keys) if (value && Array.isArray(value[k])) return value[k];
    return [];
  };

  function table(caption, headers, rows, opts = {}) {
    if (rows.length === 0) return h('p', { class: 'muted' }, opts.empty ?? `${caption}: none yet.`);
    const t = h(
      'table',
      {},
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          headers.map((t) => h('th', { scope: 'col' }, t)),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((cells) =>
          h(
            'tr',
            {},
            cells.map((c, i) => (i === 0 && opts.rowHeaders ? h('th', { scope: 'row' }, c) : h('td', {}, c))),
          ),
        ),
      ),
    );
    // A wide table scrolls inside its own region (reachable by keyboard), never the page.
    return h('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption }, t);
  }

  /** Replaces a section's content when its data changed, keeping the <details> the reader opened. */
  function renderInto(id, data, build) {
    const key = JSON.stringify(data ?? null);
    if (state.seen.get(id) === key) return false;
    state.seen.set(id, key);
    const target = byId(id);
    const open = new Set([...target.querySelectorAll('details[open]')].map((d) => d.dataset.key));
    target.replaceChildren(...[build(data)].flat(Infinity).filter((c) => c !== null && c !== undefined && c !== false));
    for (const d of target.querySelectorAll('details')) if (open.has(d.dataset.key)) d.open = true;
    return true;
  }

  function say(message) {
    byId('status').textContent = message;
  }

  // ---------------------------------------------------------------- words, numbers and dates

  const currentProgram = () => state.programs.find((p) => p.programId === state.programId);
  const timeZone = () => currentProgram()?.timeZone ?? 'UTC';

  function toDate(value) {
    if (value === undefined || value === null || value === '') return undefined;
    const d = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
    return Number.isNaN(d.getTime()) ? undefined : d;
  }

  /** A moment in the program's time zone, e.g. "4 Jan 2027, 09:00 CET". */
  function when(value, zone = timeZone()) {
    const d = toDate(value);
    if (!d) return value ? String(value) : '';
    return new Intl.DateTimeFormat('en-GB', {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    }).format(d);
  }
  /** A calendar day, e.g. "4 Jan 2027"; `YYYY-MM-DD` strings are days already. */
  function day(value, zone = timeZone()) {
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)) return day(`${value}T12:00:00Z`, 'UTC');
    const d = toDate(value);
    return d ? new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: zone }).format(d) : '';
  }
  const timeEl = (value, text = when(value)) => h('time', { datetime: toDate(value)?.toISOString() }, text);
  const monthLabel = (month) =>
    new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-15T00:00:00Z`));

  const isWithheld = (m) => m !== null && typeof m === 'object' && m.withheld === true;
  /** A report measure in words: withheld groups and missing data are said, never shown as 0. */
  function measure(m, kind) {
    if (isWithheld(m)) return `Withheld (${m.reason ?? 'too few people'})`;
    if (m === null || m === undefined) return 'Not measured yet';
    if (kind === 'rate') return `${Math.round(m * 100)}%`;
    if (kind === 'rating') return `${m.toFixed(1)} out of 5`;
    if (kind === 'nps') return `${m > 0 ? '+' : ''}${Math.round(m)}`;
    return String(m);
  }
  const numeric = (m) => (typeof m === 'number' ? m : null);

  const STATUS_WORDS = {
    proposed: 'Proposed',
    introduced: 'Introduced, waiting for both to accept',
    active: 'Active',
    paused: 'Paused',
    completed: 'Completed',
    'not-started': 'Did not start',
    ended: 'Ended early',
  };
  const statusWords = (s) => STATUS_WORDS[s] ?? s ?? '—';
  const statusEl = (s, words = statusWords(s)) => h('span', { class: `status status-${s}` }, words);

  const END_WORDS = {
    'participant-request': 'a participant asked to end it',
    'admin-decision': 'an admin decided to end it',
    'admin-rematch': 'an admin ended it to find new partners for both',
    'not-meeting': 'they were not meeting',
    'circumstances-changed': 'circumstances changed',
    'participant-left': 'a participant left the organisation',
    'participant-withdrew': 'a participant withdrew from the program',
    'address-suppressed': 'emails to a participant could not be delivered',
    'reporting-line-changed': 'a change of manager put them in one reporting line',
    'department-changed': 'a change of department broke the program’s rules',
  };
  const words = (code) => String(code ?? '').replace(/-/g, ' ');

  /** What stands for a person whose record was erased (data rights): the record keeps `name: ""`. */
  const ERASED = 'an erased participant';
  /** A name that says something: an erased person's empty name is no name. */
  const nameOf = (person) => (typeof person?.name === 'string' && person.name.trim() ? person.name : undefined);
  const personName = (id) => nameOf(state.people.get(id));
  /** A person by name; "an erased participant" for an erased one; their id only when nobody is known by it. */
  const who = (id) => personName(id) ?? (state.people.has(id) ? ERASED : id ? `participant ${id}` : 'someone');
  /**
   * Text that starts with one of the console's own words for a person ("an erased participant",
   * "participant …", "someone"), capitalised to start a sentence, a heading or a table cell. A
   * person's own name is left as they wrote it.
   */
  const sentence = (text) => (/^(an erased participant|participant |someone)/.test(text) ? text.replace(/^./, (c) => c.toUpperCase()) : text);
  const Who = (id) => sentence(who(id));
  const pairName = (p) => (p ? `${who(p.mentorId)} and ${who(p.menteeId)}` : 'an unknown pairing');
  const pairById = (id) => state.pairings.find((p) => p.pairingId === id);

  // ---------------------------------------------------------------- actions (one entry each)

  const simulatedDay = (days) => {
    const base = state.simulatedNow ? new Date(state.simulatedNow) : new Date();
    return new Date(base.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  };
  const PAUSE_REASONS = [
    ['', 'Not given'],
    ['leave', 'Leave'],
    ['workload', 'Workload'],
    ['circumstances-changed', 'Circumstances changed'],
    ['other', 'Other'],
  ];
  const END_REASONS = [
    ['admin-decision', 'An admin’s decision'],
    ['not-meeting', 'They are not meeting'],
    ['circumstances-changed', 'Circumstances changed'],
    ['participant-request', 'A participant asked'],
  ];
  const pausing = (p) => p.status === 'paused' || (p.controls ?? []).some((c) => c.kind === 'pause') || p.fault !== undefined;

  /**
   * What an admin can do to one pairing, through the admin API (docs/admin-api.md). An action with
   * `fields` or `confirm` opens a small form first; `body` turns the form's values into the request.
   */
  const PAIRING_ACTIONS = [
    {
      id: 'pause',
      label: 'Pause',
      submit: 'Pause the pairing',
      method: 'POST',
      path: (p) => `/pairings/${p.pairingId}/pause`,
      // Only a pairing that has started: one still waiting for both to accept has nothing to pause
      // (the admin API answers 409), and a paused one is resumed instead.
      shown: (p) => p.status === 'active' && !pausing(p),
      fields: [
        { name: 'until', label: 'Paused until', type: 'date', required: true, min: () => simulatedDay(1), value: () => simulatedDay(14) },
        { name: 'reason', label: 'Reason (optional)', type: 'select', options: PAUSE_REASONS },
      ],
      body: (v) => ({ until: v.until, ...(v.reason ? { reason: v.reason } : {}) }),
      done: (p, v) => `Pause requested for ${pairName(p)} until ${day(v.until)}. Both are told by email.`,
    },
    {
      id: 'resume',
      label: 'Resume',
      method: 'POST',
      path: (p) => `/pairings/${p.pairingId}/resume`,
      shown: (p) => RUNNING.includes(p.status) && pausing(p),
      done: (p) => `Resume requested for ${pairName(p)}. Both are told by email.`,
    },
    {
      id: 'end',
      label: 'End',
      submit: 'End the pairing',
      method: 'POST',
      path: (p) => `/pairings/${p.pairingId}/end`,
      shown: (p) => !FINISHED.includes(p.status),
      confirm: 'Both people are told the pairing has ended, in plain words for the reason you choose.',
      fields: [{ name: 'reason', label: 'Why it ends', type: 'select', options: END_REASONS }],
      body: (v) => ({ reason: v.reason }),
      done: (p) => `End requested for ${pairName(p)}.`,
    },
    {
      id: 'rematch',
      label: 'Rematch',
      submit: 'End and find new partners',
      method: 'POST',
      path: (p) => `/pairings/${p.pairingId}/end`,
      shown: (p) => !FINISHED.includes(p.status),
      confirm: 'The pairing ends and both people are offered new partners.',
      body: () => ({ rematch: true }),
      done: (p) => `Rematch requested for ${pairName(p)}: the pairing ends and both go back to matching.`,
    },
  ];

  /** What an admin can do to a program. */
  const PROGRAM_ACTIONS = [
    {
      id: 'match',
      label: 'Start a matching run',
      method: 'POST',
      path: (programId) => `/programs/${programId}/matching`,
      done: (_, res) => {
        rememberRun(state.programId, res.body.runId);
        return 'Matching started: the proposal appears below when it is solved.';
      },
    },
  ];

  /**
   * What an admin can do to a proposal. Shown only where the admin API answers OPTIONS for the
   * route (the match-review routes come with their own change); without them, the proposal is
   * approved from the approval email.
   */
  const PROPOSAL_ACTIONS = [
    {
      id: 'approve',
      label: 'Approve the proposal',
      method: 'POST',
      path: (programId, runId) => `/programs/${programId}/matching/${runId}/approve`,
      shown: (run) => run.status === 'proposed',
      done: (run) => {
        // The run as read again after the approval: pairs that could not start are said, not hidden.
        const now = runCache.get(run.runId) ?? run;
        const pairs = now.pairs ?? [];
        const failed = pairs.filter((p) => p.notStarted).length;
        if (now.status !== 'completed' || failed === 0) return 'Proposal approved: the pairs are introduced by email.';
        const started = pairs.length - failed;
        return `Proposal approved: ${count(started, 'pair is', 'pairs are')} introduced by email; ${count(failed, 'pair')} could not start (why is shown below).`;
      },
    },
    {
      id: 'swap',
      label: 'Swap partners',
      submit: 'Swap their mentees',
      method: 'POST',
      path: (programId, runId) => `/programs/${programId}/matching/${runId}/swap`,
      shown: (run) => run.status === 'proposed' && (run.pairs ?? []).length >= 2,
      fields: [
        { name: 'first', label: 'First pair', type: 'select', options: () => proposedPairOptions() },
        { name: 'second', label: 'Second pair', type: 'select', options: () => proposedPairOptions().reverse() },
      ],
      body: (v) => ({ pairIds: [v.first, v.second] }),
      done: () => 'Partners swapped: the proposal below is solved again.',
    },
    {
      id: 'force',
      label: 'Force a pair',
      submit: 'Keep this pair',
      method: 'POST',
      path: (programId, runId) => `/programs/${programId}/matching/${runId}/force`,
      shown: (run) => run.status === 'proposed',
      fields: [
        { name: 'mentorId', label: 'Mentor', type: 'select', options: () => peopleOptions('mentor') },
        { name: 'menteeId', label: 'Mentee', type: 'select', options: () => peopleOptions('mentee') },
      ],
      body: (v) => ({ mentorId: v.mentorId, menteeId: v.menteeId }),
      done: () => 'Pair forced: everyone else is solved again around it.',
    },
  ];

  /** Changes to one proposed pair (same rule: shown only where the admin API answers). */
  const PROPOSED_PAIR_ACTIONS = [
    {
      id: 'reject',
      label: 'Reject',
      method: 'POST',
      path: (programId, runId, pair) => `/programs/${programId}/matching/${runId}/pairs/${pair.pairingId}/reject`,
      done: (pair) => `The pair of ${pairName(pair)} was rejected: both wait for a later run.`,
    },
    {
      id: 'forbid',
      label: 'Forbid',
      method: 'POST',
      path: (programId, runId) => `/programs/${programId}/matching/${runId}/forbid`,
      body: (_, pair) => ({ mentorId: pair.mentorId, menteeId: pair.menteeId }),
      done: (pair) => `${pairName(pair)} may not be paired: the proposal is solved again without them.`,
    },
  ];

  /** What an admin can do about a concern a participant raised (POST /concerns/{id}). */
  const CONCERN_ACTIONS = [
    {
      id: 'acknowledge',
      label: 'Acknowledge',
      method: 'POST',
      path: (c) => `/concerns/${c.concernId}`,
      shown: (c) => c.state === 'open',
      body: () => ({ action: 'acknowledge' }),
      done: (c) => `The concern ${who(c.participantId)} raised is acknowledged.`,
    },
    {
      id: 'resolve',
      label: 'Resolve',
      submit: 'Resolve the concern',
      method: 'POST',
      path: (c) => `/concerns/${c.concernId}`,
      shown: (c) => c.state !== 'resolved',
      fields: [{ name: 'note', label: 'What was done', type: 'textarea', required: true }],
      body: (v) => ({ action: 'resolve', note: v.note }),
      done: (c) => `The concern ${who(c.participantId)} raised is resolved.`,
    },
  ];

  const proposedPairOptions = () => (state.shownRun?.pairs ?? []).map((p) => [p.pairingId, sentence(pairName(p))]);
  const peopleOptions = (role) =>
    [...state.people.values()]
      .filter((p) => p.role === role && nameOf(p))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((p) => [p.participantId, p.name]);

  let actionBusy = false;
  /** Runs an action's request; answers the message to announce, or throws the API's error. */
  async function perform(action, path, body) {
    const res = await send(action.method, path, body);
    if (!res.ok) {
      const issues = listOf(res.body.issues).map((i) => `${i.field}: ${i.message}`);
      throw new Error(`${res.body.error ?? res.body.message ?? `The request failed (${res.status}).`}${issues.length ? ` (${issues.join('; ')})` : ''}`);
    }
    // Locally, wait until the workflow has taken the request, so the page shows its effect.
    await fetch('/local/idle', { method: 'POST' }).catch(() => undefined);
    return res;
  }

  function fieldInput(action, f) {
    const id = `action-${action.id}-${f.name}`;
    const options = typeof f.options === 'function' ? f.options() : f.options;
    const input =
      f.type === 'select'
        ? h(
            'select',
            { id, name: f.name },
            options.map(([value, text]) => h('option', { value }, text)),
          )
        : f.type === 'textarea'
          ? h('textarea', { id, name: f.name, required: f.required, rows: 3 })
          : h('input', { id, name: f.name, type: f.type, required: f.required, min: f.min?.(), value: f.value?.() });
    return h('p', {}, h('label', { for: id }, f.label), ' ', input);
  }

  /** The form of an action with fields or a confirmation, inside the pairing's detail. */
  function openActionForm(action, pairing) {
    actionForm(action, pairName(pairing), byId('action-form'), `act-${action.id}`, (values, error) => runPairingAction(action, pairing, values, error));
  }

  /**
   * A small form for an action: its fields, a confirmation, submit and cancel. The first field gets
   * the focus; cancel gives it back to the button that opened the form (`opener`). Its title is an
   * h4 below a section's h3, or `heading` where the form sits right below an h2.
   */
  function actionForm(action, subject, holder, opener, submit, heading = 'h4') {
    const error = h('p', { class: 'error', id: `action-${action.id}-error`, role: 'alert' });
    const form = h(
      'form',
      { class: 'action-form', 'aria-labelledby': `action-${action.id}-title`, novalidate: true },
      h(heading, { id: `action-${action.id}-title` }, `${action.label}: ${subject}`),
      action.confirm ? h('p', {}, action.confirm) : null,
      (action.fields ?? []).map((f) => fieldInput(action, f)),
      error,
      h(
        'div',
        { class: 'buttons' },
        h('button', { type: 'submit' }, action.submit ?? action.label),
        h(
          'button',
          {
            type: 'button',
            class: 'secondary',
            onclick: () => {
              holder.replaceChildren();
              byId(opener)?.focus();
            },
          },
          'Cancel',
        ),
      ),
    );
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values = Object.fromEntries(new FormData(form).entries());
      const missing = (action.fields ?? []).find((f) => f.required && !values[f.name]);
      if (missing) {
        error.textContent = `Enter “${missing.label}”.`;
        byId(`action-${action.id}-${missing.name}`)?.focus();
        return;
      }
      await submit(values, error);
    });
    holder.replaceChildren(form);
    (form.querySelector('input, select, textarea') ?? form.querySelector('button[type=submit]')).focus();
  }

  async function runPairingAction(action, pairing, values, errorEl) {
    if (actionBusy) return;
    actionBusy = true;
    say(`${action.label}: sending…`);
    try {
      await perform(action, action.path(pairing), action.body?.(values));
      byId('action-form').replaceChildren();
      await readDetail();
      void refresh(true);
      say(action.done(pairing, values));
      // The buttons change with the pairing's status: focus goes to the pairing's heading.
      byId('detail-heading').focus();
    } catch (e) {
      const message = `${action.label} did not go through: ${e.message}`;
      if (errorEl) errorEl.textContent = message;
      say(message);
    } finally {
      actionBusy = false;
    }
  }

  // ---------------------------------------------------------------- program dashboard

  function rememberRun(programId, runId) {
    const runs = state.runs.get(programId) ?? [];
    state.runs.set(programId, [runId, ...runs.filter((r) => r !== runId)].slice(0, 5));
    try {
      localStorage.setItem(`crossgen.runs.${programId}`, JSON.stringify(state.runs.get(programId)));
    } catch {
      // Storage refused (private mode): the run is kept for this page only.
    }
  }
  function runsOf(programId) {
    if (!state.runs.has(programId)) {
      let stored = [];
      try {
        stored = JSON.parse(localStorage.getItem(`crossgen.runs.${programId}`) ?? '[]');
      } catch {
        stored = [];
      }
      state.runs.set(programId, Array.isArray(stored) ? stored : []);
    }
    return state.runs.get(programId);
  }

  function renderProgramPicker() {
    const select = byId('program-select');
    const asked = new URLSearchParams(location.search).get('programId');
    if (!state.programId && state.programs.length > 0)
      state.programId = state.programs.some((p) => p.programId === asked) ? asked : state.programs[0].programId;
    const names = state.programs.map((p) => p.name);
    const key = JSON.stringify(state.programs.map((p) => [p.programId, p.name]));
    if (select.dataset.key !== key) {
      select.dataset.key = key;
      select.replaceChildren(
        ...state.programs.map((p) =>
          h(
            'option',
            { value: p.programId, selected: p.programId === state.programId },
            names.filter((n) => n === p.name).length > 1 ? `${p.name} (${p.programId})` : p.name,
          ),
        ),
      );
    }
    select.value = state.programId;
    const program = currentProgram();
    document.title = program ? `${program.name}: program dashboard` : 'Program dashboard';
    byId('program-title').textContent = program ? `${program.name}: program dashboard` : 'Program dashboard';
  }

  /** "30 stayed; 1 withdrew, 2 left the organisation": the report's own counts, none left out. */
  function retentionDetail(t) {
    const gone = [
      t.withdrawn > 0 ? `${t.withdrawn} withdrew` : '',
      t.left > 0 ? `${t.left} left the organisation` : '',
      t.suppressed > 0 ? `${t.suppressed} could not be reached by email` : '',
    ].filter(Boolean);
    return `${t.stayed} stayed${gone.length > 0 ? `; ${gone.join(', ')}` : ', none left'}`;
  }

  const KPIS = [
    ['Participants', (r) => String(r.participants.total), (r) => `${count(r.participants.mentors, 'mentor')}, ${count(r.participants.mentees, 'mentee')}`],
    [
      'Pairings running',
      (r) => String(RUNNING.reduce((n, s) => n + (r.pairings.byStatus[s] ?? 0), 0)),
      (r) => `of ${r.pairings.total}; ${r.pairings.byStatus.completed ?? 0} completed, ${r.pairings.byStatus.ended ?? 0} ended early`,
    ],
    ['Acceptance rate', (r) => measure(r.pairings.acceptanceRate, 'rate'), () => 'both accepted, of the pairs asked'],
    [
      'Completion rate',
      (r) => measure(r.pairings.completionRate, 'rate'),
      (r) =>
        `completed with a meeting held, of the pairs that finished${r.pairings.completedWithoutMeeting > 0 ? `; ${r.pairings.completedWithoutMeeting} reached the end without meeting` : ''}`,
    ],
    [
      'Check-ins held',
      (r) => String(r.engagement.checkInsHeld),
      (r) => `${r.engagement.checkInsMissed} missed; attendance ${measure(r.engagement.attendanceRate, 'rate')}`,
    ],
    ['Answer rate', (r) => measure(r.engagement.answerRate, 'rate'), () => 'check-in questions answered'],
    ['Check-in rating', (r) => measure(r.engagement.averageCheckInRating, 'rating'), (r) => `${r.engagement.checkInRatings} ratings`],
    // Each way of going as the report counts it: a withdrawal is not leaving the organisation (QA hr7).
    ['Retention', (r) => measure(r.retention.rate, 'rate'), (r) => retentionDetail(r.retention)],
    // Each person counts once in the NPS (their latest answer): the people, then the answers behind them.
    [
      'Net Promoter Score',
      (r) => measure(r.satisfaction.netPromoterScore, 'nps'),
      (r) =>
        `${r.satisfaction.respondents ?? r.satisfaction.reviews} ${(r.satisfaction.respondents ?? r.satisfaction.reviews) === 1 ? 'person' : 'people'} (${r.satisfaction.reviews} ${r.satisfaction.reviews === 1 ? 'answer' : 'answers'})`,
    ],
    ['Pairs at risk', (r) => String(r.atRisk.length), () => 'need an admin now'],
  ];

  function renderKpis(report) {
    renderInto('kpis-body', report, (r) => [
      h(
        'dl',
        { class: 'kpis' },
        KPIS.map(([label, value, note]) =>
          h(
            'div',
            { class: 'kpi' },
            h('dt', {}, label),
            h('dd', {}, h('span', { class: /\d/.test(value(r)) ? 'value' : 'value words' }, value(r)), h('span', { class: 'note' }, note(r))),
          ),
        ),
      ),
      h('p', { class: 'muted' }, `Report made ${when(r.generatedAt)}. Figures from fewer than ${r.minGroupSize} people are withheld.`),
    ]);
  }

  /** Objectives as text, or with a target and where the program stands when the report has them. */
  const OBJECTIVE_KINDS = {
    'completion-rate': 'rate',
    'retention-rate': 'rate',
    'answer-rate': 'rate',
    nps: 'nps',
    'skill-change': 'points',
    'meetings-per-pair': 'decimal',
  };
  const OBJECTIVE_STATUS = {
    met: 'Met',
    'not-met': 'Not met yet',
    'not-yet-measurable': 'Nothing to measure yet',
    withheld: 'Withheld',
    'no-measure': 'No measure: read it yourself',
  };
  const objectiveFigure = (v, kind) => {
    if (typeof v === 'number' && kind === 'points') return `${v > 0 ? '+' : ''}${v.toFixed(1)} points`;
    if (typeof v === 'number' && kind === 'decimal') return v.toFixed(1);
    return measure(v, kind);
  };
  /** An objective's status in words; a withheld one with the report's own reason (too few people, or by difference). */
  const objectiveStatus = (o) => {
    if (o.status === 'withheld') return isWithheld(o.value) && o.value.reason ? `Withheld (${o.value.reason})` : OBJECTIVE_STATUS.withheld;
    return OBJECTIVE_STATUS[o.status] ?? (o.met ? 'Met' : words(o.status));
  };
  /**
   * The program's objectives: as written, or, when the report measures them (objects with `text`,
   * `measure`, `target`, `value`, `status`), a table of target against where the program stands.
   */
  function renderObjectives(report) {
    renderInto('objectives-body', report.objectives, (list) => {
      if (list.length === 0) return h('p', { class: 'muted' }, 'This program has no objectives written down.');
      if (list.every((o) => typeof o === 'string'))
        return h(
          'ul',
          { class: 'objectives' },
          list.map((o) => h('li', {}, o)),
        );
      return table(
        'Objectives against their targets',
        ['Objective', 'Target', 'Now', 'Status'],
        list.map((o) => {
          if (typeof o === 'string') return [o, '—', '—', OBJECTIVE_STATUS['no-measure']];
          const kind = OBJECTIVE_KINDS[o.measure];
          return [
            o.text ?? o.label ?? 'Objective',
            o.target === null || o.target === undefined ? '—' : objectiveFigure(o.target, kind),
            o.measure ? objectiveFigure(o.value, kind) : '—',
            h('span', { class: `objective objective-${o.status}` }, objectiveStatus(o)),
          ];
        }),
        { rowHeaders: true },
      );
    });
  }

  const TREND_SERIES = [
    { key: 'checkInsHeld', title: 'Check-ins held', kind: 'count', chart: 'bar' },
    { key: 'answerRate', title: 'Answer rate', kind: 'rate', chart: 'line', min: 0, max: 1 },
    // Pairs, not people: the key figure 'Retention' counts people (QA hrops5: one label, two numbers).
    { key: 'retentionRate', title: 'Pairs still running', kind: 'rate', chart: 'line', min: 0, max: 1 },
    { key: 'netPromoterScore', title: 'Net Promoter Score', kind: 'nps', chart: 'line', min: -100, max: 100 },
  ];

  /** One measure month by month as an SVG image with a title and a description that says what it shows. */
  function chart(series, trend, index) {
    const W = 440;
    const H = 220;
    const pad = { l: 48, r: 12, t: 12, b: 36 };
    const points = trend.map((m) => ({ month: m.month, value: numeric(m[series.key]), raw: m[series.key] }));
    const values = points.map((p) => p.value).filter((v) => v !== null);
    const min = series.min ?? 0;
    const max = series.max ?? Math.max(1, ...values);
    const x = (i) => pad.l + (points.length <= 1 ? (W - pad.l - pad.r) / 2 : (i * (W - pad.l - pad.r)) / (points.length - 1));
    const y = (v) => pad.t + (H - pad.t - pad.b) * (1 - (v - min) / (max - min || 1));
    const fmt = (v) => measure(v, series.kind);
    const titleId = `chart-${index}-title`;
    const descId = `chart-${index}-desc`;
    const measured = points.filter((p) => p.value !== null);
    let desc;
    if (measured.length === 0) desc = `No month has a figure yet (${points.length ? measure(points.at(-1).raw, series.kind).toLowerCase() : 'no months'}).`;
    else {
      const lo = measured.reduce((a, b) => (b.value < a.value ? b : a));
      const hi = measured.reduce((a, b) => (b.value > a.value ? b : a));
      const last = measured.at(-1);
      const gaps = points.length - measured.length;
      const span =
        points.length === 1
          ? `1 month, ${monthLabel(points[0].month)}`
          : `${points.length} months from ${monthLabel(points[0].month)} to ${monthLabel(points.at(-1).month)}`;
      desc = `${span}. Lowest ${fmt(lo.value)} in ${monthLabel(lo.month)}, highest ${fmt(hi.value)} in ${monthLabel(hi.month)}, latest ${fmt(last.value)} in ${monthLabel(last.month)}.${gaps === 0 ? '' : gaps === 1 ? ' 1 month has no figure or is withheld.' : ` ${gaps} months have no figure or are withheld.`}`;
    }
    // Whole numbers for counts: no "0.5 check-ins" on the axis.
    const ticks = series.kind === 'count' && max < 2 ? [min, max] : [min, series.kind === 'count' ? Math.round((min + max) / 2) : (min + max) / 2, max];
    // The first and last month labels stay inside the image.
    const anchor = (i) => (points.length === 1 ? 'middle' : i === 0 ? 'start' : i === points.length - 1 ? 'end' : 'middle');
    const labelEvery = Math.max(1, Math.ceil(points.length / 5));
    const marks = [];
    if (series.chart === 'bar') {
      const bw = Math.max(4, Math.min(32, (W - pad.l - pad.r) / Math.max(points.length, 1) - 6));
      for (const [i, p] of points.entries())
        if (p.value !== null) marks.push(h('rect', { x: x(i) - bw / 2, y: y(p.value), width: bw, height: Math.max(0, y(min) - y(p.value)), class: 'bar' }));
    } else {
      let run = [];
      const flush = () => {
        if (run.length > 1) marks.push(h('polyline', { points: run.join(' '), class: 'line' }));
        run = [];
      };
      for (const [i, p] of points.entries()) {
        if (p.value === null) flush();
        else {
          run.push(`${x(i)},${y(p.value)}`);
          marks.push(h('circle', { cx: x(i), cy: y(p.value), r: 4, class: 'dot' }));
        }
      }
      flush();
    }
    return h(
      'figure',
      { class: 'chart' },
      h(
        'svg',
        { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': `${titleId} ${descId}`, preserveAspectRatio: 'xMidYMid meet' },
        h('title', { id: titleId }, `${series.title}, month by month`),
        h('desc', { id: descId }, desc),
        h(
          'g',
          { class: 'axis', 'aria-hidden': 'true' },
          ticks.map((t) => [
            h('line', { x1: pad.l, x2: W - pad.r, y1: y(t), y2: y(t), class: 'grid' }),
            h('text', { x: pad.l - 6, y: y(t) + 4, 'text-anchor': 'end' }, series.kind === 'count' ? String(Math.round(t)) : fmt(t)),
          ]),
          points.map((p, i) =>
            i % labelEvery === 0 || i === points.length - 1 ? h('text', { x: x(i), y: H - 12, 'text-anchor': anchor(i) }, monthLabel(p.month)) : null,
          ),
        ),
        h('g', { 'aria-hidden': 'true' }, marks),
      ),
      h('figcaption', {}, series.title),
    );
  }

  function renderTrend(report) {
    renderInto('trend-body', { trend: report.trend, tz: timeZone() }, ({ trend }) =>
      trend.length === 0
        ? h('p', { class: 'muted' }, 'No month to show yet.')
        : [
            h(
              'div',
              { class: 'charts' },
              TREND_SERIES.map((s, i) => chart(s, trend, i)),
            ),
            h(
              'details',
              { 'data-key': 'trend-table' },
              h('summary', {}, 'The same figures as a table'),
              table(
                'Month by month',
                ['Month', 'Check-ins held', 'Check-ins missed', 'Answer rate', 'Pairs still running', 'Net Promoter Score'],
                trend.map((m) => [
                  monthLabel(m.month),
                  measure(m.checkInsHeld),
                  measure(m.checkInsMissed),
                  measure(m.answerRate, 'rate'),
                  measure(m.retentionRate, 'rate'),
                  measure(m.netPromoterScore, 'nps'),
                ]),
                { rowHeaders: true },
              ),
            ),
          ],
    );
  }

  function openButton(pairing, text = 'Open') {
    return h(
      'button',
      { type: 'button', class: 'secondary', 'data-pairing': pairing.pairingId, onclick: () => void openDetail(pairing.pairingId) },
      text,
      h('span', { class: 'visually-hidden' }, ` the pairing of ${pairName(pairing)}`),
    );
  }

  function renderAtRisk(report) {
    const rows = report.atRisk.map((r) => ({ ...r, pair: pairById(r.pairingId), name: pairName(pairById(r.pairingId) ?? { mentorId: '', menteeId: '' }) }));
    renderInto('at-risk-body', rows, (list) =>
      list.length === 0
        ? h('p', {}, 'No pair needs an admin now.')
        : h(
            'ul',
            { class: 'risks' },
            list.map((r) =>
              h(
                'li',
                {},
                h('h3', {}, r.pair ? sentence(pairName(r.pair)) : 'A pairing'),
                h('p', {}, statusEl(r.status), r.lastMetAt ? ` · last meeting reported ${day(r.lastMetAt)}` : ' · not met yet'),
                h(
                  'ul',
                  {},
                  r.risks.map((k) => h('li', {}, h('strong', {}, k.reason), ` ${k.action}`)),
                ),
                r.pair ? openButton(r.pair, 'Review') : null,
              ),
            ),
          ),
    );
  }

  const GROUP_COLUMNS = [
    ['People', (g) => String(g.people)],
    // `paired`: in a running pairing now (as the status counts); `everPaired`: had any pairing, ended ones too.
    ['Paired now', (g) => String(g.paired)],
    ['Ever paired', (g) => String(g.everPaired ?? '')],
    ['Retention', (g) => measure(g.retentionRate, 'rate')],
    ['Attendance', (g) => measure(g.attendanceRate, 'rate')],
    ['Answer rate', (g) => measure(g.answerRate, 'rate')],
    ['Rating', (g) => measure(g.averageCheckInRating, 'rating')],
    ['NPS', (g) => measure(g.netPromoterScore, 'nps')],
    ['Progress', (g) => measure(g.averageProgress, 'rating')],
  ];
  const ROLE_WORDS = { mentor: 'Mentors', mentee: 'Mentees' };
  const signedPoints = (v) => `${v > 0 ? '+' : ''}${v.toFixed(1)} point${Math.abs(v) === 1 ? '' : 's'}`;
  /**
   * One row of the report's `skills` (`role`, `topic`, `label`, `people`, `averageBaseline`,
   * `averageLatest`, `averageChange`; each average a number or withheld): a withheld row says so
   * with the report's reason, and shows neither its figures nor how many people are behind them.
   */
  function skillRow(k) {
    const topic = k.label ?? words(k.topic);
    const role = ROLE_WORDS[k.role] ?? words(k.role);
    const hidden = [k.averageBaseline, k.averageLatest, k.averageChange].find(isWithheld);
    if (hidden) return [topic, role, '—', measure(hidden)];
    const figures = [k.averageBaseline, k.averageLatest, k.averageChange];
    if (!figures.every((v) => typeof v === 'number')) return [topic, role, String(k.people ?? 0), 'Not measured yet'];
    return [topic, role, String(k.people), `${k.averageBaseline.toFixed(1)} → ${k.averageLatest.toFixed(1)} out of 5 (${signedPoints(k.averageChange)})`];
  }

  function renderBreakdown(report) {
    const groups = (caption, rows) =>
      table(
        caption,
        ['Group', ...GROUP_COLUMNS.map(([t]) => t)],
        rows.map((g) =>
          g.withheld ? [g.label, ...GROUP_COLUMNS.map((_, i) => (i === 0 ? `Withheld (${g.reason})` : ''))] : [g.label, ...GROUP_COLUMNS.map(([, f]) => f(g))],
        ),
        { rowHeaders: true },
      );
    renderInto('breakdown-body', { b: report.breakdown, s: report.skills }, ({ b, s }) => [
      groups('By role', b.byRole),
      groups('By department', b.byDepartment),
      groups('By topic', b.byTopic),
      table(
        'Skills: self-ratings per role and topic, from the baseline at acceptance to the latest review',
        ['Topic', 'Role', 'People', 'Baseline → latest (change)'],
        s.map(skillRow),
        { rowHeaders: true, empty: 'No skill rated at a review yet.' },
      ),
    ]);
  }

  // Matching: the runs started here, their proposal with names, scores, reasons and the unmatched.
  const runCache = new Map();
  async function readRuns() {
    const ids = runsOf(state.programId).slice(0, 1);
    const runs = [];
    for (const runId of ids) {
      const cached = runCache.get(runId);
      // A run no longer changes once approved, refused or ended: read it once then.
      const settled = cached && !['solving', 'requested', 'proposed'].includes(cached.status);
      const run = settled ? cached : await getJson(`/programs/${state.programId}/matching/${runId}`);
      if (!run) continue;
      runCache.set(runId, run);
      const actions = [];
      for (const a of PROPOSAL_ACTIONS) if (a.shown(run) && (await routeExists(a.method, a.path(state.programId, runId)))) actions.push(a.id);
      const pairActions = [];
      const probe = { pairingId: 'probe', mentorId: 'probe', menteeId: 'probe' };
      if (run.status === 'proposed')
        for (const a of PROPOSED_PAIR_ACTIONS) if (await routeExists(a.method, a.path(state.programId, runId, probe))) pairActions.push(a.id);
      runs.push({ ...run, runId, actions, pairActions });
    }
    return runs;
  }

  const RUN_WORDS = {
    requested: 'Starting…',
    solving: 'Solving…',
    proposed: 'Proposed: waiting for an admin’s approval',
    'not-approved': 'Not approved',
    'ended-without-proposal': 'Ended without a proposal',
  };
  const count = (n, one, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
  /**
   * What became of a run, in words. A completed run with pairs was approved: it says how many
   * started and how many could not (`notStarted` on the pair); one without pairs had nothing to
   * approve, and says whether anyone was waiting at all.
   */
  function runWords(run) {
    if (run.status !== 'completed') return RUN_WORDS[run.status] ?? words(run.status);
    const pairs = run.pairs ?? [];
    if (pairs.length === 0)
      return (run.unmatched ?? []).length === 0 ? 'No pair to propose: nobody was waiting to be matched' : 'No pair to propose: nobody could be paired';
    const failed = pairs.filter((p) => p.notStarted).length;
    const started = pairs.length - failed;
    if (started === 0) return `Approved, but no pair could start (${count(failed, 'pair')})`;
    return `Approved: ${count(started, 'pair was', 'pairs were')} introduced${failed ? `, ${count(failed, 'pair')} could not start` : ''}`;
  }

  /** What an empty "Not matched" table means: everyone matched, or nobody there to match. */
  function unmatchedNone(run) {
    const pairs = run.pairs ?? [];
    if (pairs.length === 0) return 'Nobody was waiting to be matched.';
    if (pairs.some((p) => p.notStarted)) return 'Nobody else was left unmatched. The other person of a pair that could not start waits for the next run.';
    return 'Everyone was matched.';
  }

  function renderMatching(runs) {
    renderInto('matching-actions', state.programId, () =>
      PROGRAM_ACTIONS.map((a) => h('button', { type: 'button', id: `program-${a.id}`, onclick: () => void runProgramAction(a) }, a.label)),
    );
    const shown = runs.map((r) => ({
      ...r,
      names: [...(r.pairs ?? []), ...(r.unmatched ?? [])].map((p) => [who(p.mentorId), who(p.menteeId), who(p.participantId)]),
    }));
    state.shownRun = runs[0];
    return renderInto('proposal-body', shown, (list) =>
      list.length === 0
        ? h('p', { class: 'muted' }, 'No matching run started from this browser yet.')
        : list.map((run) => [
            h('h3', { id: 'proposal-heading', tabindex: '-1' }, `Latest run: ${runWords(run)}`),
            run.createdAt ? h('p', {}, 'Started ', timeEl(run.createdAt), '.') : null,
            run.pairs
              ? table(
                  `Proposed pairs (${run.pairs.length}), best score first`,
                  [
                    'Mentor',
                    'Mentee',
                    'Score',
                    'Why',
                    'Trade-offs',
                    ...(run.status === 'completed' ? ['Outcome'] : []),
                    ...(run.pairActions.length ? ['Change'] : []),
                  ],
                  run.pairs.map((p) => [
                    Who(p.mentorId),
                    Who(p.menteeId),
                    String(p.score),
                    h(
                      'ul',
                      {},
                      (p.reasonsFor?.admin ?? p.reasons ?? []).map((x) => h('li', {}, x)),
                    ),
                    (p.tradeOffs ?? []).length
                      ? h(
                          'ul',
                          {},
                          p.tradeOffs.map((x) => h('li', {}, x)),
                        )
                      : 'None',
                    ...(run.status === 'completed' ? [p.notStarted ? `Did not start: ${p.notStarted}` : 'Introduced'] : []),
                    ...(run.pairActions.length
                      ? [
                          h(
                            'div',
                            { class: 'buttons' },
                            PROPOSED_PAIR_ACTIONS.filter((a) => run.pairActions.includes(a.id)).map((a) =>
                              h(
                                'button',
                                { type: 'button', class: 'secondary', onclick: () => void runProposalAction(a, run, {}, p) },
                                a.label,
                                h('span', { class: 'visually-hidden' }, ` the pair of ${pairName(p)}`),
                              ),
                            ),
                          ),
                        ]
                      : []),
                  ]),
                  { empty: 'The run proposed no pair.' },
                )
              : null,
            run.unmatched
              ? table(
                  `Not matched (${run.unmatched.length})`,
                  ['Person', 'Role', 'Why'],
                  run.unmatched.map((u) => [Who(u.participantId), u.role ?? '', u.reason ?? words(u.code)]),
                  { empty: unmatchedNone(run) },
                )
              : null,
            run.status === 'proposed'
              ? run.actions.length
                ? h(
                    'div',
                    { class: 'buttons' },
                    PROPOSAL_ACTIONS.filter((a) => run.actions.includes(a.id)).map((a) =>
                      h(
                        'button',
                        {
                          type: 'button',
                          id: `proposal-${a.id}`,
                          onclick: () =>
                            a.fields
                              ? actionForm(a, 'the latest proposal', byId('proposal-form'), `proposal-${a.id}`, (v, err) =>
                                  runProposalAction(a, run, v, undefined, err),
                                )
                              : void runProposalAction(a, run, {}),
                        },
                        a.fields ? `${a.label}…` : a.label,
                      ),
                    ),
                    h('div', { id: 'proposal-form' }),
                  )
                : h(
                    'p',
                    { class: 'note-box' },
                    'To approve this proposal, reply to the approval email sent to the program’s admins or use its link. Changing pairs one by one is not available in this version of the admin API.',
                  )
              : null,
          ]),
    );
  }

  async function runProgramAction(action) {
    if (actionBusy) return;
    actionBusy = true;
    const programId = state.programId;
    say(`${action.label}: sending…`);
    try {
      const res = await perform(action, action.path(programId), action.body?.());
      const message = action.done(programId, res);
      await refresh(true);
      say(message);
      (byId('proposal-heading') ?? byId('matching-heading')).focus();
    } catch (e) {
      say(`${action.label} did not go through: ${e.message}`);
    } finally {
      actionBusy = false;
    }
  }

  async function runProposalAction(action, run, values, pair, errorEl) {
    if (actionBusy) return;
    actionBusy = true;
    try {
      await perform(action, action.path(state.programId, run.runId, pair), action.body?.(values, pair));
      runCache.delete(run.runId);
      await refresh(true);
      say(action.done(pair ?? run));
      byId('proposal-heading')?.focus();
    } catch (e) {
      const message = `${action.label} did not go through: ${e.message}`;
      if (errorEl) errorEl.textContent = message;
      say(message);
    } finally {
      actionBusy = false;
    }
  }

  /** Concerns, where the admin API has the route; their actions where it answers too. */
  async function readConcerns() {
    const path = `/programs/${state.programId}/concerns`;
    if (!(await routeExists('GET', path))) return undefined;
    const concerns = listOf(await getJson(path), 'concerns', 'items');
    const actions = [];
    for (const a of CONCERN_ACTIONS) if (await routeExists(a.method, a.path({ concernId: 'probe' }))) actions.push(a.id);
    return concerns.map((c) => ({ ...c, actions: CONCERN_ACTIONS.filter((a) => actions.includes(a.id) && a.shown(c)).map((a) => a.id) }));
  }

  async function runConcernAction(action, concern, values, errorEl) {
    if (actionBusy) return;
    actionBusy = true;
    try {
      await perform(action, action.path(concern), action.body?.(values));
      byId('concern-form')?.replaceChildren();
      await refresh(true);
      say(action.done(concern));
      byId('concerns-heading').focus();
    } catch (e) {
      const message = `${action.label} did not go through: ${e.message}`;
      if (errorEl) errorEl.textContent = message;
      say(message);
    } finally {
      actionBusy = false;
    }
  }
  /**
   * A case's state in words. An erasure resolves the cases the erased person raised (`erased: true`,
   * docs/admin-api.md): no admin resolved them, so they do not read as "resolved".
   */
  const concernStateWords = (c) => (c.erased === true ? 'closed by an erasure' : words(c.state));

  function renderConcerns(concerns) {
    byId('concerns').hidden = concerns === undefined;
    if (concerns === undefined) return;
    renderInto('concerns-body', concerns, (list) => [
      table(
        'Concerns raised, open first',
        ['Raised by', 'Pairing', 'State', 'Concern', 'Raised', 'Actions'],
        list.map((c) => [
          Who(c.participantId),
          pairById(c.pairingId) ? sentence(pairName(pairById(c.pairingId))) : '',
          concernStateWords(c),
          c.text ?? '',
          timeEl(c.raisedAt),
          c.actions.length
            ? h(
                'div',
                { class: 'buttons' },
                CONCERN_ACTIONS.filter((a) => c.actions.includes(a.id)).map((a) =>
                  h(
                    'button',
                    {
                      type: 'button',
                      class: 'secondary',
                      id: `concern-${a.id}-${c.concernId}`,
                      onclick: () =>
                        a.fields
                          ? actionForm(
                              a,
                              `the concern ${who(c.participantId)} raised`,
                              byId('concern-form'),
                              `concern-${a.id}-${c.concernId}`,
                              (v, err) => runConcernAction(a, c, v, err),
                              'h3',
                            )
                          : void runConcernAction(a, c, {}),
                    },
                    a.fields ? `${a.label}…` : a.label,
                    h('span', { class: 'visually-hidden' }, ` the concern ${who(c.participantId)} raised`),
                  ),
                ),
              )
            : '',
        ]),
        { empty: 'No concern has been raised.' },
      ),
      h('div', { id: 'concern-form' }),
    ]);
  }

  // Pairings: names, search, filter by status, sort.
  const SORTS = [
    ['status', 'Status', (a, b) => ORDER.indexOf(a.status) - ORDER.indexOf(b.status)],
    ['mentor', 'Mentor name', (a, b) => who(a.mentorId).localeCompare(who(b.mentorId))],
    ['mentee', 'Mentee name', (a, b) => who(a.menteeId).localeCompare(who(b.menteeId))],
    ['started', 'Newest first', (a, b) => String(b.startedAt ?? b.createdAt).localeCompare(String(a.startedAt ?? a.createdAt))],
    ['last-met', 'Longest since they met', (a, b) => String(a.lastMetAt ?? '').localeCompare(String(b.lastMetAt ?? ''))],
    ['check-ins', 'Most check-ins held', (a, b) => (b.checkInsHeld ?? 0) - (a.checkInsHeld ?? 0)],
  ];
  const ORDER = ['paused', 'introduced', 'active', 'proposed', 'completed', 'ended', 'not-started'];

  /**
   * When a pairing started: when both accepted. `startedAt` is when they were introduced, set for a
   * pairing that never started too; it stands in only for one that did start, stored before
   * `acceptedAt` was (as the lifecycle reads it, functions/domain/pairing/context.ts).
   */
  const startedOn = (p) => p.acceptedAt ?? (['active', 'paused', 'completed'].includes(p.status) ? p.startedAt : undefined);

  function setupPairingControls() {
    const status = byId('pairings-status');
    status.replaceChildren(h('option', { value: '' }, 'Any status'), ...ORDER.map((s) => h('option', { value: s }, statusWords(s))));
    byId('pairings-sort').replaceChildren(...SORTS.map(([v, t]) => h('option', { value: v }, t)));
    byId('pairings-filter').addEventListener('submit', (e) => e.preventDefault());
    for (const id of ['pairings-search', 'pairings-status', 'pairings-sort']) byId(id).addEventListener('input', () => renderPairings());
  }

  function renderPairings() {
    const q = byId('pairings-search').value.trim().toLowerCase();
    const status = byId('pairings-status').value;
    const sort = SORTS.find(([v]) => v === byId('pairings-sort').value) ?? SORTS[0];
    const rows = state.pairings
      .filter((p) => !status || p.status === status)
      .filter(
        (p) =>
          !q ||
          [who(p.mentorId), who(p.menteeId), state.people.get(p.mentorId)?.department, state.people.get(p.menteeId)?.department].some((t) =>
            t?.toLowerCase().includes(q),
          ),
      )
      .sort((a, b) => sort[2](a, b) || a.pairingId.localeCompare(b.pairingId));
    const data = rows.map((p) => [
      p.pairingId,
      who(p.mentorId),
      who(p.menteeId),
      p.status,
      startedOn(p),
      p.lastMetAt,
      p.checkInsHeld,
      p.pausedUntilDay ?? p.pausedUntil,
    ]);
    renderInto('pairings-body', { data, total: state.pairings.length, tz: timeZone() }, () =>
      state.pairings.length === 0
        ? h('p', { class: 'muted' }, 'This program has no pairings yet.')
        : table(
            `${rows.length} of ${state.pairings.length} pairings`,
            ['Details', 'Mentor', 'Mentee', 'Status', 'Started', 'Last meeting reported', 'Check-ins'],
            rows.map((p) => [
              openButton(p),
              Who(p.mentorId),
              Who(p.menteeId),
              statusEl(p.status, p.status === 'paused' && p.pausedUntil ? `Paused until ${day(p.pausedUntilDay ?? p.pausedUntil)}` : statusWords(p.status)),
              startedOn(p) ? day(startedOn(p)) : '—',
              p.lastMetAt ? day(p.lastMetAt) : '—',
              String(p.checkInsHeld ?? 0),
            ]),
            { empty: 'No pairing matches the search.' },
          ),
    );
  }

  // One pairing: its facts, its actions and its timeline (only this pairing's records).
  const mail = { from: undefined, newest: undefined, byId: new Map() };
  /** Reads emails sent from `from` on: what is not held yet, never the whole mailbox again. */
  async function readMail(from) {
    const since = mail.from === undefined || from < mail.from ? from : (mail.newest ?? mail.from);
    const emails = (await getJson(`/local/emails?since=${encodeURIComponent(since)}`)) ?? [];
    for (const e of emails) {
      if (!mail.byId.has(e.messageId))
        mail.byId.set(e.messageId, {
          messageId: e.messageId,
          to: e.to,
          from: e.from,
          replyTo: e.replyTo,
          subject: e.subject,
          text: e.text,
          sentAt: e.sentAt,
          attachments: (e.attachments ?? []).map((a) => ({ filename: a.filename })),
        });
      if (!mail.newest || e.sentAt > mail.newest) mail.newest = e.sentAt;
    }
    if (mail.from === undefined || from < mail.from) mail.from = from;
  }

  /** Whether a member of pairing `p` was erased: their record is kept with an empty name and address. */
  const hasErasedMember = (p) => [p.mentorId, p.menteeId].some((id) => state.people.has(id) && !nameOf(state.people.get(id)));

  /**
   * Who an email of pairing `p` went to, in words. Erasure empties a person's stored address, so
   * the mailbox's copy of an address nobody holds any more may be the erased member's (or their
   * manager's, which names them as well): in a pairing with an erased member it is never shown.
   */
  function recipients(addresses, p) {
    const admins = new Set((currentProgram()?.admins ?? []).map((a) => String(a).toLowerCase()));
    const erasedMember = hasErasedMember(p);
    return addresses
      .map((a) => {
        const person = state.peopleByEmail.get(a.toLowerCase());
        if (person) return nameOf(person) ?? ERASED;
        if (admins.has(a.toLowerCase())) return 'the program admins';
        return erasedMember ? ERASED : a;
      })
      .filter((v, i, all) => all.indexOf(v) === i)
      .join(' and ');
  }

  /**
   * An email of pairing `p` in a timeline line. Subjects name the partner ("Meet Ada, your
   * reverse-mentoring partner"): with an erased member, a subject may name them, so none is shown.
   */
  function emailWords(e, p) {
    const to = recipients(e.to, p);
    return hasErasedMember(p) ? `An email (subject withheld: it may name an erased participant) to ${to}.` : `“${e.subject}” to ${to}.`;
  }

  const ROUND_WORDS = {
    acceptance: 'the invitation to accept',
    'check-in': 'a check-in question',
    milestone: 'a milestone review',
    'final-review': 'the final review',
    'admin-decision': 'a decision to the admins',
  };
  /** A round's label inside a sentence: "the Day 30 review", "the end of program review". */
  const theLabel = (label) => `the ${/^Day \d/.test(label) ? label : label.replace(/^./, (c) => c.toLowerCase())}`;

  /**
   * Which review a closed round was: its label when the audit entry has one, else the label its
   * stored answers carry ("Day 30 review"), else only its kind, from the audit entry that asked it
   * (a round nobody answered leaves no answer behind to name it).
   */
  function reviewName(d, found) {
    const label = typeof d.label === 'string' && d.label ? d.label : (found.reviews ?? []).find((r) => r.round === d.round && r.label)?.label;
    if (label) return theLabel(label);
    const asked = (found.audit ?? []).find((a) => a.kind === 'asked' && a.detail?.round === d.round);
    return asked?.detail?.kind === 'final-review' ? 'the end of program review' : 'a milestone review';
  }

  /**
   * A review round closed: `{round, answered}`, how many answers it stored (one that could not be
   * read stores none). Said as what happened: no answers, one (and whose), both; never "recorded".
   */
  function reviewWords(d, found) {
    const name = reviewName(d, found).replace(/^./, (c) => c.toUpperCase());
    if (d.answered === 0) return `${name} closed with no answers.`;
    if (d.answered === 2) return `${name} closed with answers from both.`;
    const by = (found.reviews ?? []).filter((r) => r.round === d.round);
    if (d.answered === 1) return `${name} closed with one answer${by.length === 1 ? `, from ${who(by[0].participantId)}` : ''}.`;
    return `${name} closed.`;
  }

  /** An audit entry in a sentence. */
  function auditWords(a, p, found = {}) {
    const d = a.detail ?? {};
    switch (a.kind) {
      case 'introduced':
        return sentence(`${pairName(p)} were introduced and asked to accept${d.closesAt ? ` by ${when(d.closesAt)}` : ''}.`);
      case 'accepted':
        return 'Both accepted: the pairing started.';
      case 'not-started':
        return `The pairing did not start${d.reason ? ` (${words(d.reason)})` : ''}.`;
      case 'asked':
        return `Sent ${ROUND_WORDS[d.kind] ?? words(d.kind)}.`;
      case 'review':
        return reviewWords(d, found);
      // Counted by the program: a check-in nobody said they met at counts as missed, answered or not.
      case 'check-in-held':
      case 'check-in-missed':
        return `${typeof d.number === 'number' ? `Check-in ${d.number}` : 'A check-in'} counted as ${a.kind === 'check-in-held' ? 'held' : 'missed'}.`;
      case 'admin-decision':
        return `The admins decided: ${words(d.decision ?? 'no answer')}.`;
      case 'round-closed':
        return 'The open question was closed.';
      case 'paused':
        return `Paused until ${d.until ? day(d.until) : 'further notice'}.`;
      case 'resumed':
        return 'Resumed.';
      case 'ended':
        return `Ended early: ${END_WORDS[d.reason] ?? words(d.reason)}.`;
      case 'completed':
        return `Completed, with ${d.checkInsHeld ?? 0} check-ins held.`;
      case 'fault-cleared':
        return 'A step that had failed ran again.';
      case 'control-ignored':
        return `A request came when the pairing was already ${statusWords(d.status).toLowerCase()}: nothing changed.`;
      default:
        return `${words(a.kind).replace(/^./, (c) => c.toUpperCase())}.`;
    }
  }

  /**
   * One person's answer to a check-in, in words. The record holds what the reply reader read
   * (`{ intent, rating?, at }`: YES or NO alone is an answer, a rating means they met), or
   * `{ answered: false }` for someone who did not answer.
   */
  function checkInAnswerWords(a, id) {
    const name = who(id);
    if (!a || a.answered === false || !a.intent) return `${name} did not answer`;
    const rated = typeof a.rating === 'number' ? ` and rated it ${a.rating} out of 5` : '';
    switch (a.intent) {
      case 'yes':
        return `${name} said they met${rated}`;
      case 'rating':
        return typeof a.rating === 'number' ? `${name} said they met and rated it ${a.rating} out of 5` : `${name} answered`;
      case 'no':
        return `${name} said they did not meet`;
      case 'unclear':
        return `${name} answered, but the answer could not be read`;
      default:
        return `${name} answered (${words(a.intent)})${rated}`;
    }
  }

  const answeredCheckIn = (a) => Boolean(a && a.answered !== false && a.intent);

  /**
   * A closed check-in: `met` is true when one of them said they met. Otherwise "they did not meet"
   * only when one of them said so: nobody answering, or only answers that could not be read, says
   * nothing about a meeting (the program counts such a check-in as missed all the same).
   */
  function checkInWords(c, p) {
    if (!c.met && !answeredCheckIn(c.mentor) && !answeredCheckIn(c.mentee)) return 'Check-in: nobody answered the check-in.';
    const outcome = c.met ? 'they met' : [c.mentor, c.mentee].some((a) => a?.intent === 'no') ? 'they did not meet' : 'nobody said they met';
    return `Check-in: ${outcome}; ${checkInAnswerWords(c.mentor, p.mentorId)}, ${checkInAnswerWords(c.mentee, p.menteeId)}.`;
  }

  function timelineOf(found) {
    const p = found.pairing;
    const entries = [{ at: p.createdAt, kind: 'Matched', text: `${Who(p.mentorId)} (mentor) was paired with ${who(p.menteeId)} (mentee).` }];
    for (const a of found.audit ?? []) entries.push({ at: a.at, kind: 'Step', text: auditWords(a, p, found) });
    for (const c of found.checkIns ?? []) if (c.at) entries.push({ at: c.at, kind: 'Check-in', text: checkInWords(c, p) });
    for (const o of found.outbox ?? []) {
      if (o.kind !== 'email' || o.status !== 'sent') continue;
      const e = o.messageId ? mail.byId.get(o.messageId) : undefined;
      if (e) entries.push({ at: e.sentAt, kind: 'Email', text: emailWords(e, p) });
    }
    entries.sort((a, b) => String(a.at).localeCompare(String(b.at)));
    return entries;
  }

  async function readDetail() {
    if (!state.detailId) return;
    const id = state.detailId;
    const found = await getJson(`/local/pairings/${encodeURIComponent(id)}`);
    if (!found || id !== state.detailId) return;
    // Only the emails this pairing's outbox sent, read from the mailbox from the pairing's start on.
    if ((found.outbox ?? []).some((o) => o.kind === 'email' && o.messageId && !mail.byId.has(o.messageId)))
      await readMail(new Date(Date.parse(found.pairing.createdAt) - 1000).toISOString());
    state.detail = found;
    renderDetail(found);
  }

  function renderDetail(found) {
    const p = found.pairing;
    const section = byId('pairing-detail');
    section.hidden = false;
    byId('detail-heading').textContent = sentence(pairName(p));
    renderInto('detail-facts', { p, tz: timeZone() }, () =>
      h(
        'dl',
        { class: 'facts' },
        h('div', {}, h('dt', {}, 'Status'), h('dd', {}, statusEl(p.status), p.statusReason ? ` (${END_WORDS[p.statusReason] ?? words(p.statusReason)})` : '')),
        p.pausedUntil && p.status === 'paused' ? h('div', {}, h('dt', {}, 'Paused until'), h('dd', {}, day(p.pausedUntilDay ?? p.pausedUntil))) : null,
        p.pauseBooked && p.status === 'active'
          ? h('div', {}, h('dt', {}, 'Pause booked'), h('dd', {}, `${day(p.pauseBooked.fromDay)} until ${day(p.pauseBooked.untilDay)}`))
          : null,
        (p.controls ?? []).length ? h('div', {}, h('dt', {}, 'Requests waiting'), h('dd', {}, p.controls.map((c) => words(c.kind)).join(', '))) : null,
        h('div', {}, h('dt', {}, 'Mentor'), h('dd', {}, Who(p.mentorId))),
        h('div', {}, h('dt', {}, 'Mentee'), h('dd', {}, Who(p.menteeId))),
        h('div', {}, h('dt', {}, 'Match score'), h('dd', {}, String(p.score ?? '—'))),
        h('div', {}, h('dt', {}, 'Check-ins'), h('dd', {}, `${p.checkInsHeld ?? 0} held, ${p.checkInsMissed ?? 0} missed`)),
        h('div', {}, h('dt', {}, 'Last meeting reported'), h('dd', {}, p.lastMetAt ? day(p.lastMetAt) : 'Not yet')),
        h('div', {}, h('dt', {}, 'Times shown in'), h('dd', {}, timeZone())),
      ),
    );
    const actions = PAIRING_ACTIONS.filter((a) => a.shown(p)).map((a) => a.id);
    renderInto('detail-actions', { actions, id: p.pairingId }, () => [
      h('h3', {}, 'Actions'),
      actions.length === 0
        ? h('p', { class: 'muted' }, 'This pairing has finished: nothing can be changed any more.')
        : h(
            'div',
            { class: 'buttons', role: 'group', 'aria-label': `Actions for ${pairName(p)}` },
            PAIRING_ACTIONS.filter((a) => actions.includes(a.id)).map((a) =>
              h(
                'button',
                {
                  type: 'button',
                  id: `act-${a.id}`,
                  onclick: () => (a.fields || a.confirm ? openActionForm(a, state.detail.pairing) : void runPairingAction(a, state.detail.pairing, {})),
                },
                a.fields || a.confirm ? `${a.label}…` : a.label,
              ),
            ),
          ),
      h('div', { id: 'action-form' }),
    ]);
    const entries = timelineOf(found);
    renderInto('detail-timeline', { entries, tz: timeZone() }, () =>
      h(
        'ol',
        { class: 'timeline', 'aria-labelledby': 'detail-timeline-heading' },
        entries.map((e) => h('li', {}, timeEl(e.at), ' ', h('span', { class: `kind kind-${e.kind.toLowerCase()}` }, e.kind), ' ', e.text)),
      ),
    );
  }

  async function openDetail(pairingId) {
    state.detailId = pairingId;
    byId('detail-timeline').replaceChildren();
    state.seen.delete('detail-timeline');
    await readDetail();
    byId('pairing-detail').scrollIntoView();
    byId('detail-heading').focus();
  }

  // ---------------------------------------------------------------- reading the views

  async function readClock() {
    const clock = await getJson('/local/clock');
    if (!clock) return;
    state.clock = clock;
    state.simulatedNow = clock.now;
    renderClock();
  }

  /**
   * The simulated time in the program's zone. On the dashboard it waits for the list of programs
   * (read at the same time), so that it is never shown in UTC first and then in another zone.
   */
  function renderClock() {
    const clock = state.clock;
    if (!clock || (view === 'program' && !state.programsRead)) return;
    const el = byId('clock-now');
    el.textContent = when(clock.now);
    el.setAttribute('datetime', clock.now);
    byId('clock-timers').textContent = `(${clock.pendingTimers} timer${clock.pendingTimers === 1 ? '' : 's'} waiting)`;
  }

  async function readProgramData(full) {
    if (full || state.programs.length === 0 || state.ticks % 12 === 0) state.programs = listOf(await getJson('/programs'), 'programs');
    renderProgramPicker();
    state.programsRead = true;
    renderClock();
    if (!state.programId) {
      byId('kpis-body').replaceChildren(h('p', {}, 'There is no program yet: create one with POST /programs.'));
      return;
    }
    const q = `programId=${encodeURIComponent(state.programId)}`;
    const programId = state.programId;
    // The report is computed on request: read it every third tick, and whenever asked.
    const wantReport = full || !state.report || state.report.programId !== programId || state.ticks % 3 === 0;
    const [participants, pairings, report] = await Promise.all([
      getJson(`/local/participants?${q}`),
      getJson(`/local/pairings?${q}`),
      wantReport ? getJson(`/programs/${encodeURIComponent(programId)}/report`) : state.report,
    ]);
    if (programId !== state.programId) return;
    const people = listOf(participants, 'participants', 'items');
    state.people = new Map(people.map((p) => [p.participantId, p]));
    state.peopleByEmail = new Map(people.filter((p) => p.email).map((p) => [p.email.toLowerCase(), p]));
    state.pairings = listOf(pairings, 'pairings', 'items');
    state.report = report;
    if (report) {
      renderKpis(report);
      renderObjectives(report);
      renderTrend(report);
      renderAtRisk(report);
      renderBreakdown(report);
    }
    renderPairings();
    const [runs, concerns] = await Promise.all([readRuns(), readConcerns()]);
    renderMatching(runs);
    renderConcerns(concerns);
    if (state.detailId) await readDetail();
  }

  // Developer view: the emulators.
  function renderExecutions(executions) {
    renderInto('executions-body', executions, (list) =>
      table(
        'Every workflow execution, newest first',
        ['Execution', 'State machine', 'Status', 'Current state', 'Transitions', 'Started', 'Stopped'],
        [...list]
          .reverse()
          .slice(0, LIMIT)
          .map((e) => [
            h('code', {}, e.name),
            e.stateMachineName,
            statusEl(e.status, e.status),
            e.currentState ?? '—',
            String(e.transitions),
            timeEl(e.startDate, when(e.startDate, 'UTC')),
            timeEl(e.stopDate, when(e.stopDate, 'UTC')),
          ]),
      ),
    );
  }

  function emailDetails(e) {
    return h(
      'details',
      { 'data-key': e.messageId },
      h('summary', {}, timeEl(e.sentAt, when(e.sentAt, 'UTC')), ` to ${e.to.join(', ')}: `, h('strong', {}, e.subject || '(no subject)')),
      h('p', {}, `From ${e.from}`, e.replyTo?.length ? `; replies go to ${e.replyTo.join(', ')}` : ''),
      e.attachments?.length ? h('p', {}, `Attachments: ${e.attachments.map((a) => a.filename).join(', ')}`) : null,
      // Long bodies scroll: the region must be reachable with the keyboard to scroll it.
      h('pre', { tabindex: '0', role: 'region', 'aria-label': `Text of “${e.subject || 'no subject'}”` }, e.text || '(no plain-text part)'),
    );
  }

  function renderMailbox() {
    const list = [...mail.byId.values()].sort((a, b) => a.sentAt.localeCompare(b.sentAt));
    renderInto(
      'mailbox-body',
      list.map((e) => e.messageId),
      () =>
        list.length === 0
          ? h('p', { class: 'muted' }, 'No email has been sent yet.')
          : [h('p', {}, `${list.length} email${list.length === 1 ? '' : 's'} sent, newest first.`), ...[...list].reverse().slice(0, LIMIT).map(emailDetails)],
    );
  }

  function renderEvents(events) {
    renderInto('events-body', events, (list) =>
      table(
        'Events put on the bus, newest first',
        ['Received', 'Detail type', 'Source', 'Bus', 'Deliveries'],
        [...list]
          .reverse()
          .slice(0, LIMIT)
          .map((e) => [
            timeEl(e.receivedAt, when(e.receivedAt, 'UTC')),
            e.event['detail-type'],
            e.event.source,
            e.eventBusName,
            e.deliveries.length === 0
              ? 'no rule matched'
              : h(
                  'ul',
                  {},
                  e.deliveries.map((d) => h('li', {}, `${d.ruleName}: `, statusEl(d.status, d.status), d.error ? ` (${d.error})` : '')),
                ),
          ]),
      ),
    );
  }

  function renderDeadLetters(dead) {
    // Two writers: a rule that could not deliver (ruleName), a function that failed after Lambda's retries (functionName).
    renderInto('dead-letters-body', dead, (list) =>
      table(
        'Events that failed for good',
        ['Failed', 'Rule or function', 'Detail type', 'Error', 'Attempts', 'Reason'],
        [...list]
          .reverse()
          .slice(0, LIMIT)
          .map((d) => [
            timeEl(d.failedAt, when(d.failedAt, 'UTC')),
            d.ruleName ?? d.functionName,
            d.event?.['detail-type'] ?? '',
            d.errorCode,
            String(d.attempts),
            d.reason,
          ]),
      ),
    );
  }

  async function readDevData() {
    const [executions, events, dead] = await Promise.all([
      getJson('/local/executions'),
      getJson('/local/events'),
      getJson('/local/dead-letters'),
      readMail(new Date(0).toISOString()),
    ]);
    renderExecutions(executions ?? []);
    renderMailbox();
    renderEvents(events ?? []);
    renderDeadLetters(dead ?? []);
  }

  // ---------------------------------------------------------------- refresh, polling, start

  // A refresh asked for while one runs waits for it and then reads again, so that what an action
  // changed is always shown when its promise resolves.
  let running = null;
  let queued = null;
  function refresh(full = false) {
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return refresh(full);
      });
      return queued;
    }
    running = (async () => {
      try {
        await Promise.all([readClock(), view === 'dev' ? readDevData() : readProgramData(full)]);
        state.failures = 0;
      } catch (e) {
        state.failures++;
        say(`Could not read the local cloud: ${e.message}. Is it still running?`);
      }
    })().finally(() => (running = null));
    return running;
  }

  let timer;
  /** The next read: every 5 s while visible, slower after failures, none while hidden. */
  function schedule() {
    clearTimeout(timer);
    if (document.visibilityState !== 'visible' || !byId('auto-refresh').checked) return;
    const wait = Math.min(MAX_BACKOFF_MS, POLL_MS * 2 ** state.failures);
    timer = setTimeout(async () => {
      state.ticks++;
      await refresh();
      schedule();
    }, wait);
  }

  async function advance(button) {
    const buttons = document.querySelectorAll('[data-advance]');
    buttons.forEach((b) => (b.disabled = true));
    say(`${button.textContent}…`);
    let message;
    try {
      const res = await fetch('/local/clock', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ advance: button.dataset.advance }),
      });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `status ${res.status}`);
      message = `The simulated clock moved to ${when(body.now)}.`;
    } catch (e) {
      message = `The clock could not be advanced: ${e.message}`;
    }
    await refresh(true);
    buttons.forEach((b) => (b.disabled = false));
    button.focus();
    say(message);
  }

  byId(`view-${view}`).hidden = false;
  byId(`nav-${view}`).setAttribute('aria-current', 'page');
  if (view === 'dev') document.title = 'Developer view: crossgen local console';
  for (const b of document.querySelectorAll('[data-advance]')) b.addEventListener('click', () => void advance(b));
  byId('refresh').addEventListener('click', () => void refresh(true));
  byId('auto-refresh').addEventListener('change', schedule);
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void refresh().then(schedule);
    else clearTimeout(timer);
  });
  if (view === 'program') {
    setupPairingControls();
    byId('program-select').addEventListener('change', (e) => {
      state.programId = e.target.value;
      state.detailId = '';
      state.report = undefined;
      byId('pairing-detail').hidden = true;
      const url = new URL(location.href);
      url.searchParams.set('programId', state.programId);
      history.replaceState(null, '', url);
      void refresh(true);
    });
  }
  void refresh(true).then(schedule);
})();
