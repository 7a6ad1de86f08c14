// The console's script: reads the local API and renders it with DOM calls (never innerHTML with
// data, so an email subject cannot inject markup). Sections re-render only when their data
// changed, so polling does not steal focus or collapse what the reader opened.
(() => {
  const byId = (id) => document.getElementById(id);
  const LIMIT = 200;
  const state = { programId: '', timelineFor: '', seen: new Map() };

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') el.className = v;
      else if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
      else el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) if (c !== undefined && c !== null && c !== false) el.append(c instanceof Node ? c : String(c));
    return el;
  }

  /** undefined when the endpoint does not exist in this local cloud (yet). */
  async function getJson(path) {
    const res = await fetch(path, { headers: { accept: 'application/json' } });
    if (res.status === 404) return undefined;
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return res.json();
  }

  const listOf = (value, ...keys) => {
    if (Array.isArray(value)) return value;
    for (const k of keys) if (value && Array.isArray(value[k])) return value[k];
    return [];
  };

  function when(value) {
    if (value === undefined || value === null || value === '') return '';
    const d = typeof value === 'number' ? new Date(value < 1e12 ? value * 1000 : value) : new Date(value);
    return Number.isNaN(d.getTime()) ? String(value) : `${d.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  }
  const timeEl = (value) =>
    h('time', { datetime: value ? new Date(typeof value === 'number' && value < 1e12 ? value * 1000 : value).toISOString() : undefined }, when(value));
  const statusEl = (status) => h('span', { class: `status-${status}` }, status || '—');

  function table(caption, headers, rows) {
    if (rows.length === 0) return h('p', { class: 'muted' }, `${caption}: none yet.`);
    return h(
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
            cells.map((c) => h('td', {}, c)),
          ),
        ),
      ),
    );
  }

  /** Replaces a section's content when its data changed, keeping <details> the reader opened. */
  function renderInto(id, data, build) {
    const key = JSON.stringify(data ?? null);
    if (state.seen.get(id) === key) return;
    state.seen.set(id, key);
    const target = byId(id);
    const open = new Set([...target.querySelectorAll('details[open]')].map((d) => d.dataset.key));
    target.replaceChildren(...[build(data)].flat());
    for (const d of target.querySelectorAll('details')) if (open.has(d.dataset.key)) d.open = true;
  }

  const unavailable = (what) => h('p', { class: 'muted' }, `This local cloud does not serve ${what} yet.`);

  function renderClock(clock) {
    byId('clock-now').textContent = clock ? when(clock.now) : 'unknown';
    if (clock) byId('clock-now').setAttribute('datetime', clock.now);
    byId('clock-timers').textContent = clock ? `(${clock.pendingTimers} timer${clock.pendingTimers === 1 ? '' : 's'} waiting)` : '';
  }

  function renderPrograms(programs) {
    const select = byId('program-select');
    const items = listOf(programs, 'programs', 'items');
    // ?programId= picks the program to show (links from docs and tests); else the first one.
    const asked = new URLSearchParams(location.search).get('programId');
    if (!state.programId && items.length > 0) state.programId = items.some((p) => p.programId === asked) ? asked : items[0].programId;
    const key = JSON.stringify(items.map((p) => [p.programId, p.name]));
    if (select.dataset.key !== key) {
      select.dataset.key = key;
      select.replaceChildren(...items.map((p) => h('option', { value: p.programId, selected: p.programId === state.programId }, `${p.name} (${p.programId})`)));
    }
    renderInto('programs-body', programs === undefined ? null : items, (list) =>
      list === null
        ? unavailable('programs')
        : table(
            'Programs',
            ['Id', 'Name', 'Starts', 'Time zone', 'Check-ins every', 'Duration'],
            list.map((p) => [
              h('code', {}, p.programId),
              p.name,
              p.startDate,
              p.timeZone,
              p.lifecycle ? `${p.lifecycle.checkInCadenceDays} days` : '',
              p.lifecycle ? `${p.lifecycle.durationMonths} months` : '',
            ]),
          ),
    );
  }

  function renderParticipants(participants) {
    renderInto('participants-body', participants === undefined ? null : participants, (list) =>
      list === null
        ? unavailable('participants')
        : table(
            `Participants of ${state.programId}`,
            ['Name', 'Role', 'Department', 'Time zone', 'Status', 'Email'],
            list.map((p) => [p.name, p.role, p.department, p.timeZone, statusEl(p.status), p.email]),
          ),
    );
  }

  function renderPairings(pairings, people, executions) {
    const name = (id) => people.get(id)?.name ?? id;
    const rows =
      pairings === undefined
        ? null
        : pairings.map((p) => {
            const exec = executions.find((e) => e.name === p.pairingId || e.executionArn === p.executionArn);
            return { p, exec: exec ? { status: exec.status, currentState: exec.currentState } : undefined, mentor: name(p.mentorId), mentee: name(p.menteeId) };
          });
    renderInto('pairings-body', rows, (list) =>
      list === null
        ? unavailable('pairings')
        : table(
            `Pairings of ${state.programId}`,
            ['Pairing', 'Mentor', 'Mentee', 'Status', 'Workflow', 'Current step', 'Check-ins held', ''],
            list.map(({ p, exec, mentor, mentee }) => [
              h('code', {}, p.pairingId),
              mentor,
              mentee,
              statusEl(p.status),
              exec ? statusEl(exec.status) : 'not started',
              exec?.currentState ?? '—',
              String(p.checkInsHeld ?? 0),
              h(
                'button',
                { type: 'button', class: 'secondary', 'data-pairing': p.pairingId, onclick: () => showTimeline(p.pairingId) },
                `Show timeline`,
                h('span', { class: 'visually-hidden' }, ` of ${mentor} and ${mentee}`),
              ),
            ]),
          ),
    );
  }

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
            statusEl(e.status),
            e.currentState ?? '—',
            String(e.transitions),
            timeEl(e.startDate),
            timeEl(e.stopDate),
          ]),
      ),
    );
  }

  function emailDetails(e) {
    return h(
      'details',
      { 'data-key': e.messageId },
      h('summary', {}, timeEl(e.sentAt), ` to ${e.to.join(', ')}: `, h('strong', {}, e.subject || '(no subject)')),
      h('p', {}, `From ${e.from}`, e.replyTo?.length ? `; replies go to ${e.replyTo.join(', ')}` : ''),
      e.attachments?.length ? h('p', {}, `Attachments: ${e.attachments.map((a) => a.filename).join(', ')}`) : null,
      // Long bodies scroll: the region must be reachable with the keyboard to scroll it.
      h('pre', { tabindex: '0', role: 'region', 'aria-label': `Text of “${e.subject || 'no subject'}”` }, e.text || '(no plain-text part)'),
    );
  }

  function renderMailbox(emails) {
    renderInto('mailbox-body', emails, (list) =>
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
            timeEl(e.receivedAt),
            e.event['detail-type'],
            e.event.source,
            e.eventBusName,
            e.deliveries.length === 0
              ? 'no rule matched'
              : h(
                  'ul',
                  {},
                  e.deliveries.map((d) => h('li', {}, `${d.ruleName}: `, statusEl(d.status), d.error ? ` (${d.error})` : '')),
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
          .map((d) => [timeEl(d.failedAt), d.ruleName ?? d.functionName, d.event?.['detail-type'] ?? '', d.errorCode, String(d.attempts), d.reason]),
      ),
    );
  }

  /** States entered, emails to the members, replies and audit entries of one pairing, in time order. */
  async function timelineOf(pairingId, people, executions, emails) {
    const found = await getJson(`/local/pairings/${encodeURIComponent(pairingId)}`);
    const pairing = found?.pairing ?? found ?? {};
    const audit = listOf(found?.audit ?? found?.auditTrail, 'items');
    const exec = executions.find((e) => e.name === pairingId || e.executionArn === pairing.executionArn);
    const entries = [];
    if (exec) {
      const history = listOf(await getJson(`/local/history?executionArn=${encodeURIComponent(exec.executionArn)}`), 'events');
      for (const ev of history) {
        if (ev.type.endsWith('StateEntered')) entries.push({ at: ev.timestamp, kind: 'state', text: `Entered “${ev.details?.name ?? ev.name ?? ''}”` });
        else if (ev.type.startsWith('Execution'))
          entries.push({
            at: ev.timestamp,
            kind: 'state',
            text: `Workflow ${ev.type.replace('Execution', '').toLowerCase()}${ev.details?.error ? `: ${ev.details.error}` : ''}`,
          });
      }
    }
    const members = [pairing.mentorId, pairing.menteeId].map((id) => people.get(id)?.email?.toLowerCase()).filter(Boolean);
    const since = pairing.createdAt ? Date.parse(pairing.createdAt) : 0;
    for (const e of emails) {
      if (Date.parse(e.sentAt) + 1000 < since || !e.to.some((to) => members.includes(to.toLowerCase()))) continue;
      entries.push({ at: e.sentAt, kind: 'email', text: `Email to ${e.to.join(', ')}: ${e.subject}` });
    }
    for (const a of audit) {
      const kind = /repl|answer|accept|declin|inbound/i.test(a.kind ?? '') ? 'reply' : 'audit';
      const detail = a.detail
        ? Object.entries(a.detail)
            .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : v}`)
            .join(', ')
        : '';
      entries.push({ at: a.at, kind, text: `${a.kind}${detail ? ` (${detail})` : ''}` });
    }
    // The mailbox stamps whole seconds: within one second, the workflow step comes before its email.
    const second = (v) => Math.floor((typeof v === 'number' ? (v < 1e12 ? v * 1000 : v) : Date.parse(v)) / 1000);
    const ORDER = { state: 0, audit: 1, email: 2, reply: 3 };
    entries.sort((a, b) => second(a.at) - second(b.at) || ORDER[a.kind] - ORDER[b.kind]);
    return { pairingId, status: pairing.status, entries };
  }

  const KIND_LABEL = { state: 'Workflow', email: 'Email', reply: 'Reply', audit: 'Audit' };
  function renderTimeline(t) {
    renderInto('timeline-body', t, (tl) => [
      h('h3', { id: 'timeline-title', tabindex: '-1' }, `Pairing ${tl.pairingId}${tl.status ? ` (${tl.status})` : ''}`),
      tl.entries.length === 0
        ? h('p', { class: 'muted' }, 'Nothing has happened in this pairing yet.')
        : h(
            'ol',
            { class: 'timeline', 'aria-labelledby': 'timeline-title' },
            tl.entries.map((e) => h('li', {}, timeEl(e.at), ' ', h('span', { class: `kind kind-${e.kind}` }, KIND_LABEL[e.kind]), ' ', e.text)),
          ),
    ]);
  }

  let lastData = { people: new Map(), executions: [], emails: [] };
  async function showTimeline(pairingId) {
    state.timelineFor = pairingId;
    renderTimeline(await timelineOf(pairingId, lastData.people, lastData.executions, lastData.emails));
    byId('timeline').scrollIntoView();
    byId('timeline-title')?.focus();
  }

  // A refresh asked for while one runs waits for it and then reads again, so that what an action
  // changed is always shown when its promise resolves.
  let running = null;
  let queued = null;
  function refresh() {
    if (running) {
      queued ??= running.then(() => {
        queued = null;
        return refresh();
      });
      return queued;
    }
    running = readAll().finally(() => (running = null));
    return running;
  }

  async function readAll() {
    try {
      const [clock, programs, executions, emails, events, dead] = await Promise.all([
        getJson('/local/clock'),
        getJson('/local/programs'),
        getJson('/local/executions'),
        getJson('/local/emails'),
        getJson('/local/events'),
        getJson('/local/dead-letters'),
      ]);
      renderClock(clock);
      renderPrograms(programs);
      const q = `programId=${encodeURIComponent(state.programId)}`;
      const [participants, pairings] = state.programId
        ? await Promise.all([getJson(`/local/participants?${q}`), getJson(`/local/pairings?${q}`)])
        : [programs === undefined ? undefined : [], programs === undefined ? undefined : []];
      const people = listOf(participants, 'participants', 'items');
      const peopleById = new Map(people.map((p) => [p.participantId, p]));
      lastData = { people: peopleById, executions: executions ?? [], emails: emails ?? [] };
      renderParticipants(participants === undefined ? undefined : people);
      renderPairings(pairings === undefined ? undefined : listOf(pairings, 'pairings', 'items'), peopleById, executions ?? []);
      renderExecutions(executions ?? []);
      renderMailbox(emails ?? []);
      renderEvents(events ?? []);
      renderDeadLetters(dead ?? []);
      if (state.timelineFor) renderTimeline(await timelineOf(state.timelineFor, peopleById, executions ?? [], emails ?? []));
    } catch (e) {
      byId('status').textContent = `Could not read the local cloud: ${e.message}. Is it still running?`;
    }
  }

  async function advance(button) {
    const duration = button.dataset.advance;
    const buttons = document.querySelectorAll('[data-advance]');
    buttons.forEach((b) => (b.disabled = true));
    byId('status').textContent = `${button.textContent}…`;
    let message;
    try {
      const res = await fetch('/local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: duration }) });
      const body = await res.json();
      if (!res.ok) throw new Error(body.message ?? `status ${res.status}`);
      message = `The simulated clock moved to ${when(body.now)}.`;
    } catch (e) {
      message = `The clock could not be advanced: ${e.message}`;
    }
    await refresh();
    buttons.forEach((b) => (b.disabled = false));
    byId('status').textContent = message;
  }

  for (const b of document.querySelectorAll('[data-advance]')) b.addEventListener('click', () => void advance(b));
  byId('refresh').addEventListener('click', () => void refresh());
  byId('program-select').addEventListener('change', (e) => {
    state.programId = e.target.value;
    state.timelineFor = '';
    void refresh();
  });
  setInterval(() => {
    if (byId('auto-refresh').checked && document.visibilityState === 'visible') void refresh();
  }, 5000);
  void refresh();
})();
