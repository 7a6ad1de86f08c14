import { createHash } from 'node:crypto';
import { seededRandom, syntheticCohort } from '../functions/domain/matching/synthetic-cohort';
import { DEFAULT_PROGRAM_INPUT } from '../functions/domain/program';
import { sendIntervalMs } from '../functions/domain/send-rate';
import { answerTo, type Email, localApi, matchingBus, putEvent, rawReply } from '../local/commands/demo';

/**
 * A cohort through a whole program on a running local cloud, through its local API only: enrol
 * `people`, request matching, the admin approves, then simulated day by day the people answer
 * their emails in character (the demo's personas: most on time, some late, a few never). Unlike
 * the demo it scales: each day reads only the emails sent since the day before, and replies go
 * out a few at a time. At the end every pairing's outbox is checked against the mailbox.
 *
 * Used by `npm run bench:load` (bench/load.ts) and, with a small cohort, by test/e2e/load.test.ts.
 */

export interface LoadOptions {
  readonly url: string;
  readonly people: number;
  readonly seed?: number;
  /** Program length in months (1-24): a shorter program puts a whole cohort through CI in minutes. @default 6 */
  readonly months?: number;
  /** Requests in flight at once (enrolments, replies, pairing reads). @default 8 */
  readonly concurrency?: number;
  readonly log?: (line: string) => void;
}

export interface LoadResult {
  readonly programId: string;
  readonly months: number;
  readonly people: { asked: number; enrolled: number; rejected: number };
  readonly pairings: { total: number; completed: number; endedEarly: number; notStarted: number; other: number };
  readonly executions: { lifecycle: number; failed: { name: string; status: string }[]; stillRunning: number };
  readonly emails: {
    sent: number;
    outboxSent: number;
    lost: number;
    duplicated: number;
    peakPerSimulatedSecond: number;
    /** The simulated second of that peak, to look into. */
    peakSecond: string;
    /**
     * Real seconds the SES rate alone forces at speed 0: the sends of one simulated second beyond
     * the rate wait for the bucket to refill in real time (docs/local.md, Quotas).
     */
    sesBoundSeconds: number;
    /** Up to 10 emails counted as duplicated, to look into. */
    duplicatedItems: { to: string; subject: string; sentAt: string; firstSentAt?: string; pairingId?: string; key?: string }[];
    /** Up to 10 outbox emails not found in the mailbox once, to look into. */
    lostItems: { pairingId: string; key: string; status: string }[];
  };
  readonly replies: { sent: number; late: number; unanswered: number };
  readonly startExecution: { peakPerSimulatedSecond: number; throttled: number };
  /** The quotas as set, and what the local cloud's buckets counted over the run (reset at its start). */
  readonly quotas: {
    sesMaxSendRate: number;
    startExecutionBurst: number;
    startExecutionRefillPerSecond: number;
    sesSent: number;
    sesThrottled: number;
    startExecutionStarted: number;
  };
  readonly transitionsPerPairing: { median: number; max: number };
  /** The handlers' DynamoDB calls over the whole run (GET /local/stats), by operation. */
  readonly dynamodbCalls: { total: number; byOperation: Record<string, number> };
  readonly simulated: { from: string; to: string; days: number; steps: number };
  readonly realSeconds: { enrol: number; program: number; check: number; total: number };
  /**
   * Completed pairings times their program months, per real second of the whole run. Pairings
   * that never started or ended early count nothing (conservative: they did run for a while).
   */
  readonly pairingMonthsPerSecond: number;
}

interface Execution {
  executionArn: string;
  name: string;
  stateMachineName: string;
  status: string;
  startDate: string | number;
  transitions: number;
}
interface Pairing {
  pairingId: string;
  mentorId: string;
  status: string;
}
interface QuotaReport {
  settings: { sesMaxSendRate: number; startExecutionBurst: number; startExecutionRefillPerSecond: number };
  ses: { sent: number; throttled: number };
  startExecution: { started: number; throttled: number };
}
interface PairingDetail {
  outbox: { kind: string; key: string; status: string; messageId?: string }[];
}

type Persona = 'prompt' | 'late' | 'never';
const DAY = 86_400_000;

/** Runs `work` over `items` with at most `limit` in flight. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? 0 : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
const seconds = (t0: number) => Math.round((performance.now() - t0) / 100) / 10;

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const log = opts.log ?? (() => undefined);
  const limit = opts.concurrency ?? 8;
  const seed = opts.seed ?? 1;
  const months = opts.months ?? 6;
  const local = localApi(opts.url);
  const real0 = performance.now();
  const rnd = seededRandom(seed * 7919 + 3);
  const sim0 = await local.now();
  const tag = `l${seed}t${sim0.toString(36)}${Math.floor(Math.random() * 1e6).toString(36)}`;
  const programId = `load-${tag}`;
  const admin = `admin.${tag}@example.com`;
  // Counters from zero, at the cloud's own settings: the run's sends and starts are counted alone.
  await fetch(`${opts.url}/local/quotas`, { method: 'DELETE' }).then((r) => r.arrayBuffer());
  // Milestone reviews inside the program (the final review is always added).
  const lifecycle = { durationMonths: months, milestoneDays: [30, 90].filter((d) => d < months * 30) };
  await local.post('/local/programs', { ...DEFAULT_PROGRAM_INPUT, programId, name: `Load ${opts.people}`, admins: [admin], lifecycle });

  // Half mentors, one mentee each: N people make N/2 pairs when matching finds them all.
  const { participants } = syntheticCohort({ size: opts.people, seed, mentorShare: 0.5, maxCapacity: 1 });
  const addressOf = (i: number) => `load.${tag}.p${i}@example.com`;
  const index = new Map(participants.map((p, i) => [p.email, i]));
  const persona = new Map<string, Persona>([[admin, 'prompt']]);
  let enrolled = 0;
  let rejected = 0;
  let retried = 0;
  const enrolOne = async ([i, p]: [number, (typeof participants)[number]]) => {
    const { participantId: _id, ...intake } = p;
    const email = addressOf(i);
    const manager = p.manager?.employeeId ? { employeeId: `${tag}-${p.manager.employeeId}` } : p.manager;
    const doNotPairWith = p.doNotPairWith.flatMap((e) => (index.has(e) ? [addressOf(index.get(e)!)] : []));
    const body = JSON.stringify({ ...intake, programId, email, employeeId: `${tag}-${p.employeeId}`, manager, doNotPairWith });
    // As an HR system would: an enrolment is idempotent (a repeat answers 200), so one that timed
    // out at the API's 30 s limit on a busy machine (503/504), or was throttled, is sent again.
    let res: Response | undefined;
    for (let attempt = 1; attempt <= 5; attempt++) {
      res = await fetch(`${opts.url}/participants`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      await res.arrayBuffer();
      if (res.status < 500 && res.status !== 429) break;
      retried++;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
    if (res!.status !== 201 && res!.status !== 200) {
      rejected++;
      log(`enrolment refused: ${res!.status}`);
      return;
    }
    enrolled++;
    const r = rnd();
    persona.set(email, r < 0.06 ? 'never' : r < 0.24 ? 'late' : 'prompt');
  };
  // HR's enrolments arrive over time, as many a simulated second as the sender's slots fit in one
  // (13 at 14 a second: slots are 72 ms apart): each second's confirmations carry a second of their
  // own, as they would on AWS. One more a second (the rate itself, 14 x 72 = 1,008 ms) would leave
  // each second's last slot 8 ms into the next, and the sender's queue would run further ahead of
  // the clock with every second: a 10,000-person enrolment then waited quadratically long.
  const { sesMaxSendRate } = (await local.get<QuotaReport>('/local/quotas')).settings;
  const enrolPerSecond = Math.max(1, Math.floor(1000 / sendIntervalMs(sesMaxSendRate)));
  const entries = [...participants.entries()];
  for (let from = 0; from < entries.length; from += enrolPerSecond) {
    if (from > 0 && from % 1000 < enrolPerSecond) log(`enrolling: ${from} of ${entries.length}, ${seconds(real0)} s`);
    await pool(entries.slice(from, from + enrolPerSecond), limit, enrolOne);
    await local.post('/local/clock', { advance: 'PT1S' });
  }
  const enrolSeconds = seconds(real0);
  log(`enrolled ${enrolled} people (${rejected} rejected, ${retried} requests sent again) in ${enrolSeconds} s; requesting matching`);

  const health = await local.get<{ region: string }>('/health');
  const bus = await matchingBus(health.region);
  if (!bus) throw new Error('This version of crossgen has no rule for MatchingRequested: the load bench needs CohortMatching.');
  await putEvent(opts.url, bus, 'MatchingRequested', { programId, requestedBy: admin });

  const program0 = performance.now();
  const seen = new Set<string>();
  const mailbox = new Set<string>();
  const perSecond = new Map<number, number>();
  const sentTexts = new Map<string, string>();
  const duplicatedItems: LoadResult['emails']['duplicatedItems'] = [];
  let mailboxDuplicates = 0;
  let emailsSent = 0;
  const due: { at: number; from: string; email: Email; body: string; late: boolean }[] = [];
  const replies = { sent: 0, late: 0, unanswered: 0 };
  const lastDay = sim0 + (months * 31 + 120) * DAY;
  let since = new Date(sim0 - 5_000).toISOString();
  let pairingIds = new Set<string>();
  let lifecycles: Execution[] = [];
  let steps = 0;
  for (let day = 0; ; day++) {
    await local.post('/local/idle', {});
    const now = await local.now();
    // Only what was sent since the last look (whole seconds: a little overlap, `seen` drops repeats).
    const fresh = await local.get<Email[]>(`/local/emails?since=${encodeURIComponent(since)}`);
    since = new Date(now - 5_000).toISOString();
    for (const email of fresh) {
      // Every message id the mailbox holds (managers' notes included), for the outbox check.
      mailbox.add(email.messageId);
      if (seen.has(email.messageId)) continue;
      const to = email.to[0] ?? '';
      const who = persona.get(to);
      if (!who) continue; // another run's or another test's mail
      seen.add(email.messageId);
      emailsSent++;
      const second = Math.floor(Date.parse(email.sentAt) / 1000);
      perSecond.set(second, (perSecond.get(second) ?? 0) + 1);
      // A digest, not the text: a 10,000-person cohort's mailbox would not fit in memory twice.
      const fingerprint = createHash('sha256')
        .update(`${email.to.join(',')}\n${email.subject}\n${email.text}`)
        .digest('base64');
      // A send repeated by a retry comes within seconds or minutes of the first. The same notice
      // again days later is a new decision (a person rematched twice is waitlisted twice).
      const first = sentTexts.get(fingerprint);
      if (first !== undefined && Date.parse(email.sentAt) - Date.parse(first) < DAY) {
        mailboxDuplicates++;
        if (duplicatedItems.length < 10) duplicatedItems.push({ to, subject: email.subject, sentAt: email.sentAt, firstSentAt: first });
      } else sentTexts.set(fingerprint, email.sentAt);
      if (!email.replyTo.some((a) => a.startsWith('reply+'))) continue;
      const isIntro = /^Meet .*reverse-mentoring partner/.test(email.subject);
      const body = answerTo(email, rnd, false);
      if (body === undefined) continue;
      const skips = who === 'never' || (who === 'late' && isIntro) || (who === 'prompt' && /^Check-in/.test(email.subject) && rnd() < 0.08);
      if (skips) {
        replies.unanswered++;
        continue;
      }
      const delay = who === 'late' && !/^Reminder/.test(email.subject) ? (2 + Math.floor(rnd() * 2)) * DAY : Math.floor(rnd() * 6) * 3_600_000;
      due.push({ at: Date.parse(email.sentAt) + delay, from: to, email, body, late: who === 'late' });
    }
    due.sort((a, b) => a.at - b.at);
    const today: typeof due = [];
    while (due.length > 0 && due[0]!.at <= now + DAY) today.push(due.shift()!);
    // Each reply arrives at its own simulated second (the clock moves to it first): a day's replies
    // at one instant would put all their thank-you emails in the same second, which AWS never sees.
    // Replies that fell due before this day's look at the mailbox arrive one a second from now.
    const bySecond = new Map<number, typeof due>();
    let overdue = 0;
    for (const reply of today) {
      const second = reply.at > now ? Math.floor(reply.at / 1000) * 1000 : Math.floor(now / 1000) * 1000 + 1000 * overdue++;
      bySecond.set(second, [...(bySecond.get(second) ?? []), reply]);
    }
    for (const [second, arriving] of bySecond) {
      if (second > now) await clockTo(local, second);
      await pool(arriving, limit, async (reply) => {
        await local.post('/local/inbound', await rawReply(reply.from, reply.email, reply.body, second), 'message/rfc822');
        replies.sent++;
        if (reply.late) replies.late++;
      });
    }
    const executions = await local.get<Execution[]>('/local/executions');
    const ours = () => executions.filter((e) => e.stateMachineName.startsWith('PairingLifecycle') && pairingIds.has(e.name.split('-')[0]!));
    const listPairings = async () => new Set((await local.get<Pairing[]>(`/local/pairings?programId=${programId}`)).map((p) => p.pairingId));
    // The program's pairings once a week (a rematch adds one), and again before calling it done.
    if (pairingIds.size === 0 || day % 7 === 0) pairingIds = await listPairings();
    lifecycles = ours();
    let running = lifecycles.filter((e) => e.status === 'RUNNING').length;
    if (running === 0 && pairingIds.size > 0) {
      pairingIds = await listPairings();
      lifecycles = ours();
      running = lifecycles.filter((e) => e.status === 'RUNNING').length;
    }
    if (day % 14 === 0)
      log(`day ${day}: ${pairingIds.size} pairings, ${running} lifecycles running, ${emailsSent} emails, ${replies.sent} replies, ${seconds(real0)} s`);
    const settled = pairingIds.size > 0 && lifecycles.length > 0 && running === 0 && due.length === 0;
    if (settled || now > lastDay) break;
    await clockTo(local, now + DAY);
    steps++;
  }
  const programSeconds = seconds(program0);
  const simEnd = await local.now();

  // Every email a pairing's outbox says it sent is in the mailbox once; nothing is left pending.
  const check0 = performance.now();
  for (const e of await local.get<Email[]>(`/local/emails?since=${encodeURIComponent(since)}`)) mailbox.add(e.messageId);
  const pairings = await local.get<Pairing[]>(`/local/pairings?programId=${programId}`);
  let lost = 0;
  let outboxSent = 0;
  let duplicated = mailboxDuplicates;
  const claimed = new Set<string>();
  const lostItems: { pairingId: string; key: string; status: string }[] = [];
  const lose = (pairingId: string, item: { key: string; status: string }) => {
    lost++;
    if (lostItems.length < 10) lostItems.push({ pairingId, key: item.key, status: item.status });
  };
  await pool(pairings, limit, async (p) => {
    const { outbox } = await local.get<PairingDetail>(`/local/pairings/${p.pairingId}`);
    for (const item of outbox.filter((o) => o.kind === 'email')) {
      if (item.status === 'pending') lose(p.pairingId, item);
      if (item.status !== 'sent') continue;
      outboxSent++;
      if (!item.messageId || !mailbox.has(item.messageId)) lose(p.pairingId, item);
      else if (claimed.has(item.messageId)) {
        duplicated++;
        if (duplicatedItems.length < 10) duplicatedItems.push({ to: '', subject: '', sentAt: '', pairingId: p.pairingId, key: item.key });
      } else claimed.add(item.messageId);
    }
  });
  const quotas = await local.get<QuotaReport>('/local/quotas');
  const stats = await local.get<{ dynamodb?: Record<string, number> }>('/local/stats');
  const byOperation = stats.dynamodb ?? {};
  const startsPerSecond = new Map<number, number>();
  for (const e of lifecycles) {
    const s = Math.floor(new Date(e.startDate).getTime() / 1000);
    startsPerSecond.set(s, (startsPerSecond.get(s) ?? 0) + 1);
  }
  const count = (status: string) => pairings.filter((p) => p.status === status).length;
  const completed = count('completed');
  const endedEarly = count('ended');
  const notStarted = count('not-started');
  const totalSeconds = (performance.now() - real0) / 1000;
  return {
    programId,
    months,
    people: { asked: opts.people, enrolled, rejected },
    pairings: { total: pairings.length, completed, endedEarly, notStarted, other: pairings.length - completed - endedEarly - notStarted },
    executions: {
      lifecycle: lifecycles.length,
      failed: lifecycles.filter((e) => !['RUNNING', 'SUCCEEDED'].includes(e.status)).map((e) => ({ name: e.name, status: e.status })),
      stillRunning: lifecycles.filter((e) => e.status === 'RUNNING').length,
    },
    emails: {
      sent: emailsSent,
      outboxSent,
      lost,
      duplicated,
      peakPerSimulatedSecond: Math.max(0, ...perSecond.values()),
      peakSecond: new Date(1000 * ([...perSecond].sort((a, b) => b[1] - a[1])[0]?.[0] ?? 0)).toISOString(),
      sesBoundSeconds: Math.round(
        [...perSecond.values()].reduce((t, n) => t + Math.max(0, n - quotas.settings.sesMaxSendRate), 0) / quotas.settings.sesMaxSendRate,
      ),
      lostItems,
      duplicatedItems,
    },
    replies,
    startExecution: { peakPerSimulatedSecond: Math.max(0, ...startsPerSecond.values()), throttled: quotas.startExecution.throttled },
    quotas: { ...quotas.settings, sesSent: quotas.ses.sent, sesThrottled: quotas.ses.throttled, startExecutionStarted: quotas.startExecution.started },
    transitionsPerPairing: {
      median: median(lifecycles.map((e) => e.transitions)),
      max: Math.max(0, ...lifecycles.map((e) => e.transitions)),
    },
    dynamodbCalls: { total: Object.values(byOperation).reduce((a, b) => a + b, 0), byOperation },
    simulated: { from: new Date(sim0).toISOString(), to: new Date(simEnd).toISOString(), days: Math.round((simEnd - sim0) / DAY), steps },
    realSeconds: { enrol: enrolSeconds, program: programSeconds, check: seconds(check0), total: Math.round(totalSeconds * 10) / 10 },
    pairingMonthsPerSecond: Math.round(((completed * months) / totalSeconds) * 100) / 100,
  };
}

/**
 * Moves the simulated clock on to `at`. In-flight work may have moved it past `at` since the bench
 * last read it, and POST /local/clock refuses a time gone (400: "the clock only moves forward"):
 * the clock is then already where the bench wanted it, or later, and stays there.
 */
async function clockTo(local: ReturnType<typeof localApi>, at: number): Promise<void> {
  try {
    await local.post('/local/clock', { to: new Date(at).toISOString() });
  } catch (error) {
    if (!(error instanceof Error && /answered 400: .*the clock only moves forward/.test(error.message))) throw error;
  }
}
