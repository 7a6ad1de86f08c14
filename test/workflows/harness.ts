import { randomBytes } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DescribeExecutionCommand, SFNClient, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { expect, inject } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import { call } from './api-gateway';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';

const WEEKDAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

/**
 * Drives the local cloud through its public surfaces only: HTTP API, SDK endpoints, local API.
 * `cloud`: another local cloud than the run's shared one (a test that restarts its own).
 */
export function lifecycleHarness(cloud: { baseUrl: string; region: string } = inject('cloud')) {
  const base = cloud.baseUrl;
  const sfn = new SFNClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  const tag = randomBytes(4).toString('hex');
  const bus = new EventBridgeClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

  const json = async <T>(path: string, init?: RequestInit): Promise<T> => {
    const res = await fetch(`${base}${path}`, init);
    const text = await res.text();
    if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
    return JSON.parse(text) as T;
  };

  type Email = {
    messageId: string;
    to: string[];
    from: string;
    replyTo: string[];
    subject: string;
    text: string;
    html: string;
    sentAt: string;
    /** `content`: the bytes, base64. */
    attachments: { filename: string; contentType: string; content: string }[];
    /** The custom headers of the send (List-Unsubscribe, Auto-Submitted, ...). */
    headers: { name: string; value: string }[];
  };
  type Pairing = Record<string, any>;

  // The mailbox is read incrementally: what this harness has seen is kept, and each read asks only
  // for what was sent from the newest second seen on (the mailbox stamps whole simulated seconds),
  // starting at the clock's second when the harness was made. Reading the whole shared mailbox
  // (tens of MB late in a run) on every step of every test made the suite slow down as it went.
  const seen = new Map<string, Email>();
  const wholeSecond = (iso: string) => new Date(Math.floor(Date.parse(iso) / 1000) * 1000).toISOString();
  const madeAt = json<{ now: string }>('/local/clock').then((c) => wholeSecond(c.now));
  madeAt.catch(() => undefined); // a harness made for another cloud's SDK clients only
  let cursor: string | undefined;

  const handled = new Set<string>();
  const h = {
    tag,
    sfn,
    async enrol(overrides: Partial<ParticipantIntakeInput>): Promise<{ participantId: string; email: string }> {
      const body = intakeInput({
        ...overrides,
        email: overrides.email ?? `${overrides.role ?? 'mentor'}-${tag}-${randomBytes(2).toString('hex')}@example.com`,
      });
      return json<{ participantId: string; email: string }>('/participants', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    },
    /** A mentor and a mentee who want each other's topics, the mentee's manager told (consent). */
    async program(input: Record<string, unknown>): Promise<string> {
      const programId = `p-${tag}-${randomBytes(2).toString('hex')}`;
      await json('/local/programs', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ programId, name: 'Test cohort', startDate: '2027-01-04', admins: [`admin-${tag}@example.com`], ...input }),
      });
      return programId;
    },
    admin: `admin-${tag}@example.com`,
    async pair(
      opts: {
        menteeConsent?: boolean;
        mentorConsent?: boolean;
        programId?: string;
        waitForIntroductions?: boolean;
        /** A mentor already enrolled (a second mentee for them); else a new one. */
        mentor?: { participantId: string; email: string };
        menteeName?: string;
      } = {},
    ) {
      const programId = opts.programId ?? (await h.program({}));
      const mentor =
        opts.mentor ??
        (await h.enrol({
          programId,
          role: 'mentor',
          name: `Mia Mentor${tag}`,
          topicsOffered: ['ai-tools', 'social-media'],
          topicsWanted: ['strategy'],
          manager: { email: `mentor-boss-${tag}@example.com` },
          consent: { dataProcessing: true, shareProgressWithManager: opts.mentorConsent ?? false },
        }));
      const mentee = await h.enrol({
        programId,
        role: 'mentee',
        name: opts.menteeName ?? `Sam Senior${tag}`,
        topicsOffered: ['strategy'],
        topicsWanted: ['ai-tools'],
        department: 'Operations',
        timeZone: 'Europe/Berlin',
        manager: { email: `mentee-boss-${tag}@example.com` },
        consent: { dataProcessing: true, shareProgressWithManager: opts.menteeConsent ?? true },
      });
      const created = await json<{ pairingId: string }>('/local/pairings', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          programId,
          mentorId: mentor.participantId,
          menteeId: mentee.participantId,
          score: 80,
          reasons: ['You both care about AI tools'],
          tradeOffs: [],
        }),
      });
      const machines = await json<{ name: string; stateMachine: string }[]>('/local/state-machines');
      const lifecycle = machines.find((m) => m.name.startsWith('PairingLifecycle'))!;
      const started = await sfn.send(
        new StartExecutionCommand({
          stateMachineArn: lifecycle.stateMachine,
          name: created.pairingId,
          input: JSON.stringify({ pairingId: created.pairingId, programId }),
        }),
      );
      await h.idle();
      // Introductions go out in each person's own working morning: move time until both have one.
      if (opts.waitForIntroductions !== false) {
        const introduced = async (to: string) => (await h.emailsTo(to)).some((e) => /^Meet /.test(e.subject));
        await h.until(async () => (await introduced(mentor.email)) && (await introduced(mentee.email)), 'PT1H', 24 * 8);
      }
      return { mentor, mentee, programId, pairingId: created.pairingId, executionArn: started.executionArn! };
    },
    /** Every email sent since this harness was made, oldest first. */
    async emails(): Promise<Email[]> {
      const since = cursor ?? (await madeAt);
      for (const email of await json<Email[]>(`/local/emails?since=${encodeURIComponent(since)}`)) {
        if (!seen.has(email.messageId)) seen.set(email.messageId, email);
        if (email.sentAt > (cursor ?? '')) cursor = email.sentAt;
      }
      cursor ??= since;
      return [...seen.values()];
    },
    async emailsTo(address: string): Promise<Email[]> {
      return (await h.emails()).filter((e) => e.to.includes(address));
    },
    async lastEmailTo(address: string, subject?: RegExp): Promise<Email> {
      const mine = (await h.emailsTo(address)).filter((e) => !subject || subject.test(e.subject));
      const last = mine.at(-1);
      if (!last) throw new Error(`No email to ${address}${subject ? ` matching ${subject}` : ''}.`);
      return last;
    },
    /** Replies to an email as its recipient would, through the inbound path (SES receipt -> S3 -> Lambda). */
    async reply(email: Email, text: string, opts: { from?: string; fromField?: string; headers?: Record<string, string> } = {}) {
      const from = opts.from ?? email.to[0]!;
      const raw = [
        // `fromField`: the From field's whole value as written (a display name, an odd form).
        `From: ${opts.fromField ?? `<${from}>`}`,
        `To: <${email.replyTo[0]}>`,
        `Subject: Re: ${email.subject}`,
        `Message-ID: <${randomBytes(8).toString('hex')}@mail.example.com>`,
        `Date: ${new Date().toUTCString()}`,
        ...Object.entries(opts.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        '',
        text,
        '',
        `On ${new Date().toUTCString()} crossgen wrote:`,
        ...email.text
          .split('\n')
          .slice(0, 5)
          .map((l) => `> ${l}`),
      ].join('\r\n');
      const out = await json<unknown>('/local/inbound', { method: 'POST', body: raw });
      await h.idle();
      return out;
    },
    /**
     * Answers every question email (one with answer links) to these people not answered yet:
     * `answer` returns the reply text, or undefined to stay silent (the question is then left).
     */
    async answerAll(people: string[], answer: (email: Email) => string | undefined): Promise<number> {
      let count = 0;
      for (const email of await h.emails()) {
        if (handled.has(email.messageId) || !email.replyTo.length || !people.some((p) => email.to.includes(p))) continue;
        // Every participant email has a Reply-To (its question's, or the person's standing address
        // that takes commands only); a question email is the one with answer links.
        if (!/\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.test(email.text)) continue;
        handled.add(email.messageId);
        const text = answer(email);
        if (text === undefined) continue;
        await h.reply(email, text);
        count++;
      }
      return count;
    },
    /** Runs the pairing in steps of `step` until its execution ends, answering as `answer` says. */
    async runUntilDone(executionArn: string, people: string[], answer: (email: Email) => string | undefined, step = 'P1D', maxSteps = 400): Promise<string> {
      for (let i = 0; i < maxSteps; i++) {
        await h.answerAll(people, answer);
        const exec = await h.execution(executionArn);
        if (exec.status !== 'RUNNING') return exec.status;
        await h.advance(step);
      }
      return (await h.execution(executionArn)).status;
    },
    async postRaw(raw: string) {
      const out = await json<unknown>('/local/inbound', { method: 'POST', body: raw });
      await h.idle();
      return out;
    },
    async advance(duration: string) {
      await json('/local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: duration }) });
    },
    idle: () => json('/local/idle', { method: 'POST' }),
    /**
     * 20:00 UTC today, or tomorrow when it is already past 19:00: after working hours in London and
     * New York's send window, before Berlin's next morning. Waits until what that time set off ran.
     */
    async evening() {
      const now = await h.now();
      const day = new Date(now.getTime() + (now.getUTCHours() >= 19 ? 86_400_000 : 0)).toISOString().slice(0, 10);
      await json('/local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: `${day}T20:00:00Z` }) });
      await h.idle();
    },
    /**
     * Starts a test at `hour`:00 UTC of a coming day, from tomorrow on: the first `weekday` from
     * tomorrow when given, else tomorrow. The suite's clock only moves on, so a test that needs a
     * known hour (or weekday) starts from the next one rather than a fixed date, which would already
     * have passed. Waits until what that time set off ran, and returns the time moved to.
     */
    async startAt(hour: number, weekday?: (typeof WEEKDAYS)[number]): Promise<Date> {
      const now = await h.now();
      const tomorrow = now.getUTCDay() + 1;
      const days = 1 + (weekday === undefined ? 0 : (WEEKDAYS.indexOf(weekday) - (tomorrow % 7) + 7) % 7);
      const at = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + days, hour));
      await json('/local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ to: at.toISOString() }) });
      await h.idle();
      return at;
    },
    /** Moves simulated time in steps until `condition` holds (send times depend on weekdays). */
    async until(condition: () => Promise<boolean>, step = 'PT6H', maxSteps = 200): Promise<void> {
      for (let i = 0; i < maxSteps; i++) {
        if (await condition()) return;
        await h.advance(step);
      }
      throw new Error(`Condition not met after ${maxSteps} steps of ${step}.`);
    },
    /** Advances until some email whose subject matches has reached `to` (maybe already), and returns the last. */
    async received(to: string, subject: RegExp, step = 'PT1H'): Promise<Email> {
      await h.until(async () => (await h.emailsTo(to)).some((e) => subject.test(e.subject)), step);
      return h.lastEmailTo(to, subject);
    },
    /** Advances until an email whose subject matches reaches `to`, and returns it. */
    async nextEmail(to: string, subject: RegExp, step = 'PT6H'): Promise<Email> {
      const before = (await h.emailsTo(to)).filter((e) => subject.test(e.subject)).length;
      await h.until(async () => (await h.emailsTo(to)).filter((e) => subject.test(e.subject)).length > before, step);
      return h.lastEmailTo(to, subject);
    },
    now: async () => new Date((await json<{ now: string }>('/local/clock')).now),
    pairing: (id: string) =>
      json<{
        pairing: Pairing;
        audit: { kind: string; detail?: Record<string, unknown> }[];
        checkIns: any[];
        reviews: any[];
        outbox: { kind: string; key: string; status: string; messageId?: string }[];
      }>(`/local/pairings/${id}`),
    /** Puts an event on the program bus as another system would, and waits until it has been handled. */
    async putEvent(type: string, detail: Record<string, unknown>, source = 'hr.system') {
      // The application's bus, as the cloud names it (not guessed from the event log, which is
      // empty on a fresh cloud: the event would then go to the default bus, where no rule listens).
      const { eventBusName: name } = await json<{ eventBusName: string }>('/health');
      const out = await bus.send(new PutEventsCommand({ Entries: [{ EventBusName: name, Source: source, DetailType: type, Detail: JSON.stringify(detail) }] }));
      if (out.FailedEntryCount) throw new Error(`PutEvents refused ${type}: ${JSON.stringify(out.Entries)}`);
      await h.idle();
    },
    /** Every execution of a pairing's chain (the pairing id, then <id>-2, -3 past a year). */
    async executionsOf(pairingId: string) {
      return json<{ executionArn: string; name: string; status: string; startDate: string; stopDate?: string; transitions?: number }[]>(
        `/local/executions?name=${encodeURIComponent(pairingId)}`,
      );
    },
    async execution(arn: string) {
      const [one] = await json<{ executionArn: string; status: string; currentState?: string; transitions?: number }[]>(
        `/local/executions?executionArn=${encodeURIComponent(arn)}`,
      );
      return one!;
    },
    /** Why an execution failed, for assertion messages. */
    async failure(arn: string): Promise<string> {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      return `${d.status}: ${d.error ?? ''} ${d.cause ?? ''}`.slice(0, 2000);
    },
    history: (arn: string) => json<{ type: string; details?: { name?: string } }[]>(`/local/history?executionArn=${encodeURIComponent(arn)}`),
    async events(pairingId: string) {
      const log = await json<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('/local/events');
      return log.filter((e) => e.event.detail?.pairingId === pairingId || e.event.detail?.previousPairingId === pairingId).map((e) => e.event['detail-type']);
    },
  };
  return h;
}

export type Harness = ReturnType<typeof lifecycleHarness>;

/** A pair both of whose people accepted their introduction. */
export async function activePair(h: Harness, programId?: string) {
  const p = await h.pair(programId ? { programId } : {});
  await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'yes');
  await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
  return p;
}

/**
 * A pairing introduced to its mentee (Berlin) while the mentor's own introduction has not gone out
 * yet: introductions go at each person's send time, and this one is made in the evening, so Berlin's
 * morning comes hours before New York's. The mentor is Noa, in America/New_York; `mentorAsk` is
 * her introduction's (her `sendAt` is the day it comes). `menteeName`: as `h.pair` takes it.
 */
export async function pairIntroducedToMenteeOnly(h: Harness, opts: { menteeName?: string } = {}) {
  await h.evening();
  const programId = await h.program({});
  const mentor = await h.enrol({
    programId,
    role: 'mentor',
    name: `Noa Levi${h.tag}`,
    timeZone: 'America/New_York',
    topicsOffered: ['ai-tools'],
    topicsWanted: ['strategy'],
  });
  const { mentee, pairingId } = await h.pair({ programId, mentor, menteeName: opts.menteeName, waitForIntroductions: false });
  await h.received(mentee.email, /^Meet /);
  expect(
    (await h.emailsTo(mentor.email)).filter((e) => /^Meet /.test(e.subject)),
    'Noa not introduced yet',
  ).toHaveLength(0);
  const { pairing } = await h.pairing(pairingId);
  expect(pairing.status).toBe('introduced');
  const mentorAsk = pairing.round.asks.mentor as { sendAt: string; sent?: boolean };
  expect(mentorAsk.sent).not.toBe(true);
  return { programId, mentor, mentee, pairingId, mentorAsk };
}

/** "Tuesday 2 March 2027" in `timeZone`, as the emails name a day. */
export function emailDay(iso: string, timeZone: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  return `${part('weekday')} ${part('day')} ${part('month')} ${part('year')}`;
}

/**
 * A day 30 days after the shared simulated clock, as a person writes it ("12 March"): the suite's
 * clock moves on by years, so a fixed day would sometimes have passed.
 */
export async function dayAhead(h: Harness): Promise<string> {
  const day = new Date((await h.now()).getTime() + 30 * 86_400_000);
  return new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(day);
}

/** A cohort run's proposal, as `GET /programs/{id}/matching/{runId}` answers it. */
export type MatchingRun = {
  runId: string;
  status: string;
  stats: Record<string, unknown>;
  pairs: { mentorId: string; menteeId: string; tradeOffs: string[] }[];
  unmatched: { participantId: string; reason: string }[];
};

/**
 * Runs matching through the admin API and waits for its proposal; approves it when it has pairs,
 * unless `approve` is false.
 */
export async function runMatching(h: Harness, programId: string, approve = true): Promise<MatchingRun> {
  const started = await call('POST', `/programs/${programId}/matching`, undefined, { 'idempotency-key': `run-${randomBytes(6).toString('hex')}` });
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const read = async () => (await call<MatchingRun>('GET', `/programs/${programId}/matching/${started.body.runId}`)).body;
  await h.idle();
  let run = await read();
  for (let i = 0; i < 60 && run.status === 'solving'; i++) {
    await new Promise((r) => setTimeout(r, 1000));
    await h.idle();
    run = await read();
  }
  if (approve && run.pairs.length > 0) {
    // 409 until the approval email has gone out.
    for (let i = 0; i < 60 && (await call('POST', `/programs/${programId}/matching/${run.runId}/approve`)).status !== 200; i++) await h.idle();
    await h.idle();
  }
  return run;
}
