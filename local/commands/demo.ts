import * as http from 'node:http';
import * as https from 'node:https';
import { parseArgs } from 'node:util';
import MailComposer from 'nodemailer/lib/mail-composer';
import type { Participant } from '../../functions/domain/participant';
import { seededRandom, syntheticCohort } from '../../functions/domain/matching/synthetic-cohort';
import { apiBaseUrl, type CommandIo, DEFAULT_URL, isUsageError } from './usage';

/**
 * `crossgen demo`: a whole cohort end to end in simulated time, through the local API only
 * (docs/local.md): enrol a synthetic cohort, request matching, answer emails the way people do
 * (most on time, some late, a few never, one declines), advance the clock through the program,
 * and print a JSON summary.
 */

export interface DemoOptions {
  readonly participants: number;
  readonly seed: number;
  /** A running local cloud; without it the demo uses one on port 4100 or starts its own. */
  readonly url?: string;
  readonly log?: (line: string) => void;
}

export interface DemoSummary {
  readonly participants: { enrolled: number; rejected: number };
  readonly pairings: { started: number; completed: number; endedEarly: number; notStarted: number; stillRunning: number };
  readonly emailsSent: number;
  readonly replies: { sent: number; late: number; declined: number; unanswered: number };
  readonly escalations: number;
  readonly failures: { executions: { name: string; status: string; error?: string }[]; deadLetters: number };
  readonly workflow: { executions: number; stateTransitions: number; historyEvents: number };
  readonly simulated: { from: string; to: string; days: number };
  readonly realSeconds: number;
}

export interface Email {
  messageId: string;
  to: string[];
  replyTo: string[];
  subject: string;
  text: string;
  sentAt: string;
}
interface Execution {
  executionArn: string;
  name: string;
  stateMachineName: string;
  status: string;
  transitions: number;
}
interface Pairing {
  pairingId: string;
  mentorId: string;
  menteeId: string;
  status: string;
}

export const USAGE = 'Usage: crossgen demo [--participants 40] [--seed 1] [--url http://127.0.0.1:4100] [--quiet]';

const PROGRAM = 'pilot';
const ADMIN = 'programs@example.com';
const DAY = 86_400_000;

/** How a person deals with questions by email. */
type Persona = 'prompt' | 'late' | 'never';

/**
 * One request to the local cloud, answered with its status and text. Through node:http rather than
 * fetch: `POST /local/clock` answers only once everything the moved clock set off has run, which
 * for a 10,000-person cohort's matching day takes longer than the 5 minutes fetch waits for
 * response headers (it failed with "fetch failed"). A new connection per request: no kept-alive
 * socket the server may be closing (docs/local.md).
 */
function request(target: URL, method: string, body?: Buffer, contentType?: string): Promise<{ status: number; text: string }> {
  const send = target.protocol === 'https:' ? https.request : http.request;
  return new Promise((resolve, reject) => {
    const req = send(
      target,
      { method, agent: false, headers: body !== undefined ? { 'content-type': contentType ?? 'application/json', 'content-length': body.length } : {} },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.once('error', reject);
        res.once('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      },
    );
    req.once('error', reject);
    req.end(body);
  });
}

/** The local cloud's HTTP API as the demo and the load bench call it: JSON in and out, a clear error on any non-2xx. */
export function localApi(url: string) {
  const call = async <T>(method: string, path: string, body?: string | Buffer, contentType = 'application/json'): Promise<T> => {
    const payload = body === undefined ? undefined : typeof body === 'string' ? Buffer.from(body) : body;
    const res = await request(new URL(`${url}${path}`), method, payload, contentType);
    if (res.status < 200 || res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${res.text.slice(0, 300)}`);
    return (res.text ? JSON.parse(res.text) : undefined) as T;
  };
  return {
    url,
    get: <T>(path: string) => call<T>('GET', path),
    post: <T>(path: string, body: unknown, contentType?: string) =>
      call<T>('POST', path, typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body), contentType),
    now: async () => Date.parse((await call<{ now: string }>('GET', '/local/clock')).now),
  };
}
type LocalApi = ReturnType<typeof localApi>;

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/health`)).ok;
  } catch {
    return false;
  }
}

/** The bus that carries MatchingRequested, read from the CDK app as the local cloud reads it. */
export async function matchingBus(region: string): Promise<string | undefined> {
  const [{ synthesizeApp, TemplateResolver }, { rulesFromTemplate }] = await Promise.all([import('../synth'), import('../eventbridge/bus')]);
  const app = await synthesizeApp({ region });
  const resolver = new TemplateResolver(app);
  const rules = Object.values(app.templates).flatMap((t) => rulesFromTemplate(t, (i) => String(resolver.resolve(i))));
  const rule = rules.find((r) => JSON.stringify(r.pattern).includes('"MatchingRequested"'));
  return rule?.eventBusName;
}

/**
 * Without a CohortMatching workflow, the demo does its part through the local API: the matching
 * domain proposes the pairs, POST /local/pairings stores them, one PairingLifecycle each.
 */
async function pairWithoutCohortMatching(api: LocalApi, ours: ReadonlyMap<string, string>): Promise<void> {
  const [{ matchCohort }, { programSchema }] = await Promise.all([import('../../functions/domain/matching/match'), import('../../functions/domain/program')]);
  const stored = (await api.get<Record<string, unknown>[]>('/local/programs')).find((p) => p.programId === PROGRAM);
  const { version: _v, createdAt: _c, updatedAt: _u, ...settings } = stored ?? {};
  const people = (await api.get<Participant[]>(`/local/participants?programId=${PROGRAM}`)).filter((p) => ours.has(p.participantId));
  const { pairs } = matchCohort({ program: programSchema.parse(settings), participants: people });
  const lifecycle = (await api.get<{ name: string; stateMachine: string }[]>('/local/state-machines')).find((m) => m.name.startsWith('PairingLifecycle'));
  if (!lifecycle) throw new Error('This version of crossgen has neither CohortMatching nor PairingLifecycle: there is nothing to demonstrate yet.');
  for (const pair of pairs) {
    const { pairingId } = await api.post<{ pairingId: string }>('/local/pairings', { programId: PROGRAM, ...pair });
    const res = await fetch(api.url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AWSStepFunctions.StartExecution' },
      body: JSON.stringify({ stateMachineArn: lifecycle.stateMachine, name: pairingId, input: JSON.stringify({ pairingId, programId: PROGRAM }) }),
    });
    if (!res.ok) throw new Error(`PairingLifecycle did not start for ${pairingId}: ${await res.text()}`);
  }
}

/** What a person writes back, by the question the email asks (its subject, see functions/domain/emails). */
export function answerTo(email: Email, rnd: () => number, declines: boolean): string | undefined {
  const s = email.subject;
  if (/^Approve matching for/.test(s)) return 'APPROVE';
  if (/^Decision needed: pairing/.test(s)) return 'CONTINUE\nLet us give them one more month.';
  if (/^Meet .*reverse-mentoring partner|^Reminder: will you start/.test(s))
    return declines ? 'NO I am away for most of the next two months, sorry.' : 'YES, looking forward to it!';
  if (/^Check-in: did you meet/.test(s))
    return rnd() < 0.85
      ? `YES ${3 + Math.floor(rnd() * 3)} We looked at how the team could use shared docs and AI notes.`
      : 'NO we had to move it, both travelling.';
  if (/ with .+: (four short|a few) questions$/.test(s))
    return `PROGRESS ${3 + Math.floor(rnd() * 3)}, RECOMMEND ${7 + Math.floor(rnd() * 4)}\nLEARNED: how short video explains a change better than a memo\nTAUGHT: how budget decisions are really made`;
  return undefined;
}

export async function rawReply(from: string, email: Email, body: string, now: number): Promise<Buffer> {
  const quoted = email.text
    .split('\n')
    .slice(0, 12)
    .map((l) => `> ${l}`)
    .join('\n');
  const mail = new MailComposer({
    from,
    to: email.replyTo[0],
    subject: `Re: ${email.subject}`,
    inReplyTo: `<${email.messageId}@email.amazonses.com>`,
    date: new Date(now),
    text: `${body}\n\nOn ${new Date(Date.parse(email.sentAt)).toUTCString()}, crossgen wrote:\n${quoted}\n`,
    // What SES's receipt adds to a genuine message from the participant's own mail server.
    headers: {
      'Received-SPF': 'pass',
      'X-SES-Spam-Verdict': 'PASS',
      'X-SES-Virus-Verdict': 'PASS',
      'Authentication-Results': 'amazonses.com; spf=pass; dkim=pass; dmarc=pass',
    },
  });
  return mail.compile().build();
}

export async function runDemo(opts: DemoOptions): Promise<DemoSummary> {
  const log = opts.log ?? (() => undefined);
  const real0 = performance.now();
  let stop: (() => Promise<void>) | undefined;
  // As `crossgen local` prints it ("console at http://127.0.0.1:4100/"): routes are joined to it.
  let url = opts.url?.replace(/\/+$/, '');
  if (!url && (await healthy(DEFAULT_URL))) url = DEFAULT_URL;
  if (!url) {
    log('starting a local cloud in this process (in memory, simulated time stands still between steps)');
    const { startLocalCloud } = await import('../cloud');
    const cloud = await startLocalCloud({ port: 0, smtpPort: 0, speed: 0 });
    url = cloud.url;
    stop = () => cloud.stop();
  } else if (!(await healthy(url))) {
    throw new Error(`No local cloud answers at ${url}: start one with \`npm start\`, or leave out --url to let the demo start its own.`);
  } else {
    // A cloud someone uses: what the run does to it cannot be undone (the clock never goes back; QA new7).
    log(
      `using the cloud at ${url}: the demo enrols its cohort in program "${PROGRAM}", beside anyone there (who may be matched with its people), and moves the cloud's clock on by about seven months; to keep a cloud as it is, run the demo against one of its own (\`npm start -- --in-memory --port 5190\`, or a new --data)`,
    );
  }
  try {
    const api = localApi(url);
    const health = await api.get<{ region: string }>('/health');
    return await simulate(api, opts, health.region, log, real0);
  } finally {
    await stop?.();
  }
}

async function simulate(api: LocalApi, opts: DemoOptions, region: string, log: (l: string) => void, real0: number): Promise<DemoSummary> {
  const rnd = seededRandom(opts.seed * 7919 + 1);
  const sim0 = await api.now();
  const tag = `s${opts.seed}t${sim0.toString(36)}`;
  const addressOf = (i: number) => `demo.${tag}.p${i}@example.com`;
  const { participants } = syntheticCohort({ size: opts.participants, seed: opts.seed });
  const index = new Map(participants.map((p, i) => [p.email, i]));
  const roleOf = new Map(participants.map((p, i) => [addressOf(i), p.role]));

  // Enrol: the synthetic cohort under addresses of this run, so a shared cloud keeps earlier runs apart.
  const persona = new Map<string, Persona>();
  const idOf = new Map<string, string>();
  let rejected = 0;
  for (const [i, p] of participants.entries()) {
    const { participantId: _id, ...intake } = p;
    const email = addressOf(i);
    const manager = p.manager?.employeeId ? { employeeId: `${tag}-${p.manager.employeeId}` } : p.manager;
    const doNotPairWith = p.doNotPairWith.flatMap((e) => (index.has(e) ? [addressOf(index.get(e)!)] : []));
    const res = await fetch(`${api.url}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...intake, programId: PROGRAM, email, employeeId: `${tag}-${p.employeeId}`, manager, doNotPairWith }),
    });
    if (res.status !== 201 && res.status !== 200) {
      rejected++;
      continue;
    }
    idOf.set(((await res.json()) as { participantId: string }).participantId, email);
    const r = rnd();
    persona.set(email, r < 0.06 ? 'never' : r < 0.24 ? 'late' : 'prompt');
  }
  log(`enrolled ${idOf.size} participants (${rejected} rejected); requesting matching`);
  const bus = await matchingBus(region);
  if (bus) await putEvent(api.url, bus, 'MatchingRequested', { programId: PROGRAM, requestedBy: ADMIN });
  else await pairWithoutCohortMatching(api, idOf);

  const seen = new Set<string>();
  let emailsSent = 0;
  const due: { at: number; from: string; email: Email; body: string; late: boolean; declines: boolean }[] = [];
  let decliner: string | undefined;
  const replies = { sent: 0, late: 0, declined: 0, unanswered: 0 };
  let ourExecutions: Execution[] = [];
  const program = await api
    .get<{ programId: string; lifecycle?: { durationMonths: number } }[]>('/local/programs')
    .then((ps) => ps.find((p) => p.programId === PROGRAM));
  const lastDay = Math.ceil(((program?.lifecycle?.durationMonths ?? 6) * 31 + 60) * DAY);

  // Each day reads only what was sent since the day before (whole seconds: a little overlap, `seen` drops repeats).
  let since = new Date(sim0 - 5_000).toISOString();
  for (let day = 0; ; day++) {
    await api.post('/local/idle', {});
    const now = await api.now();
    const fresh = await api.get<Email[]>(`/local/emails?since=${encodeURIComponent(since)}`);
    since = new Date(now - 5_000).toISOString();
    for (const email of fresh) {
      if (seen.has(email.messageId)) continue;
      seen.add(email.messageId);
      const to = email.to[0] ?? '';
      const who = to === ADMIN ? 'prompt' : persona.get(to);
      if (!who) continue;
      emailsSent++;
      if (!email.replyTo.some((a) => a.startsWith('reply+'))) continue;
      const isIntro = /^Meet .*reverse-mentoring partner/.test(email.subject);
      // The first mentee introduced who answers at once declines; everyone else answers in character.
      if (isIntro && decliner === undefined && roleOf.get(to) === 'mentee' && who === 'prompt') decliner = to;
      // They decline their first introduction only; the rematch that follows is welcome.
      const declines = isIntro && to === decliner && replies.declined === 0 && !due.some((d) => d.declines);
      const body = answerTo(email, rnd, declines);
      if (body === undefined) continue;
      const skipsThisOne = who === 'never' || (who === 'late' && isIntro) || (who === 'prompt' && /^Check-in/.test(email.subject) && rnd() < 0.08);
      if (skipsThisOne) {
        replies.unanswered++;
        continue;
      }
      const delay = who === 'late' && !/^Reminder/.test(email.subject) ? (2 + Math.floor(rnd() * 2)) * DAY : Math.floor(rnd() * 6) * 3_600_000;
      due.push({ at: Date.parse(email.sentAt) + delay, from: to, email, body, late: who === 'late', declines });
    }
    due.sort((a, b) => a.at - b.at);
    while (due.length > 0 && due[0]!.at <= now + DAY) {
      const reply = due.shift()!;
      await api.post('/local/inbound', await rawReply(reply.from, reply.email, reply.body, Math.max(now, reply.at)), 'message/rfc822');
      replies.sent++;
      if (reply.late) replies.late++;
      if (reply.declines) replies.declined++;
    }
    const pairings = await api.get<Pairing[]>(`/local/pairings?programId=${PROGRAM}`);
    const ours = new Set(pairings.filter((p) => idOf.has(p.mentorId)).map((p) => p.pairingId));
    ourExecutions = (await api.get<Execution[]>('/local/executions')).filter((e) => ours.has(e.name));
    const settled = ours.size > 0 && ourExecutions.length > 0 && ourExecutions.every((e) => e.status !== 'RUNNING') && due.length === 0;
    if (settled || (await api.now()) - sim0 > lastDay) break;
    if (day % 14 === 0)
      log(`day ${day}: ${ours.size} pairings, ${ourExecutions.filter((e) => e.status === 'RUNNING').length} running, ${replies.sent} replies so far`);
    await api.post('/local/clock', { advance: 'P1D' });
  }
  return summarise(api, { sim0, real0, emailsSent, replies, ourExecutions, idOf, rejected });
}

export async function putEvent(url: string, bus: string, detailType: string, detail: unknown): Promise<void> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
    body: JSON.stringify({ Entries: [{ EventBusName: bus, Source: 'crossgen.demo', DetailType: detailType, Detail: JSON.stringify(detail) }] }),
  });
  const out = (await res.json()) as { FailedEntryCount?: number; message?: string };
  if (!res.ok || out.FailedEntryCount) throw new Error(`The bus refused the ${detailType} event: ${JSON.stringify(out)}`);
}

interface RunFacts {
  sim0: number;
  real0: number;
  emailsSent: number;
  replies: DemoSummary['replies'];
  ourExecutions: Execution[];
  idOf: Map<string, string>;
  rejected: number;
}

async function summarise(api: LocalApi, f: RunFacts): Promise<DemoSummary> {
  const pairings = (await api.get<Pairing[]>(`/local/pairings?programId=${PROGRAM}`)).filter((p) => f.idOf.has(p.mentorId));
  const ids = new Set(pairings.map((p) => p.pairingId));
  const count = (status: string) => pairings.filter((p) => p.status === status).length;
  const events = await api.get<{ event: { 'detail-type': string; detail: { pairingId?: string } } }[]>('/local/events');
  const dead = await api.get<{ failedAt: string }[]>('/local/dead-letters');
  let historyEvents = 0;
  for (const e of f.ourExecutions) historyEvents += (await api.get<unknown[]>(`/local/history?executionArn=${encodeURIComponent(e.executionArn)}`)).length;
  const now = await api.now();
  return {
    participants: { enrolled: f.idOf.size, rejected: f.rejected },
    pairings: {
      started: f.ourExecutions.length,
      completed: count('completed'),
      endedEarly: count('ended'),
      notStarted: count('not-started'),
      stillRunning: f.ourExecutions.filter((e) => e.status === 'RUNNING').length,
    },
    emailsSent: f.emailsSent,
    replies: f.replies,
    escalations: events.filter((e) => e.event['detail-type'] === 'EscalationRaised' && ids.has(e.event.detail.pairingId ?? '')).length,
    failures: {
      executions: f.ourExecutions.filter((e) => !['RUNNING', 'SUCCEEDED'].includes(e.status)).map((e) => ({ name: e.name, status: e.status })),
      deadLetters: dead.filter((d) => Date.parse(d.failedAt) >= f.sim0).length,
    },
    workflow: { executions: f.ourExecutions.length, stateTransitions: f.ourExecutions.reduce((n, e) => n + e.transitions, 0), historyEvents },
    simulated: { from: new Date(f.sim0).toISOString(), to: new Date(now).toISOString(), days: Math.round((now - f.sim0) / DAY) },
    realSeconds: Math.round((performance.now() - f.real0) / 100) / 10,
  };
}

export async function run(args: string[], io: CommandIo): Promise<number> {
  const parsed = (() => {
    try {
      return parseArgs({
        args,
        options: {
          participants: { type: 'string', default: '40' },
          seed: { type: 'string', default: '1' },
          url: { type: 'string' },
          quiet: { type: 'boolean', default: false },
        },
      });
    } catch (e) {
      return e as Error;
    }
  })();
  if (parsed instanceof Error) {
    io.stderr(`${parsed.message}\n${USAGE}\n`);
    return 2;
  }
  const { values } = parsed;
  const participants = Number(values.participants);
  const seed = Number(values.seed);
  if (!Number.isInteger(participants) || participants < 2 || participants > 2000) {
    io.stderr(`--participants must be a whole number from 2 to 2000, not "${values.participants}".\n${USAGE}\n`);
    return 2;
  }
  if (!Number.isInteger(seed) || seed < 0) {
    io.stderr(`--seed must be a whole number, not "${values.seed}".\n${USAGE}\n`);
    return 2;
  }
  let url: string | undefined;
  try {
    url = values.url === undefined ? undefined : apiBaseUrl(values.url);
  } catch (e) {
    if (!isUsageError(e)) throw e;
    io.stderr(`${e.message}\n${USAGE}\n`);
    return 2;
  }
  const summary = await runDemo({
    participants,
    seed,
    ...(url ? { url } : {}),
    ...(values.quiet ? {} : { log: (l: string) => io.stderr(`[demo] ${l}\n`) }),
  });
  io.stdout(`${JSON.stringify(summary, null, 2)}\n`);
  return summary.failures.executions.length > 0 ? 1 : 0;
}
