import type { ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../local/dynamodb';
import { lifecycleHarness } from '../workflows/harness';
import { type Cohort, exited, startCloud, startCohorts } from './cloud-process';

const REGION = 'eu-west-1';

describe('crossgen local --data survives a restart', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'crossgen-restart-'));
  let current: ChildProcess | undefined;
  afterAll(async () => {
    if (current) await exited(current, 'SIGTERM');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  // A bound, not a measure: two cloud starts and a whole program, on a machine that may be busy.
  it('killed with SIGKILL mid-program, carries on: the execution, its timers, open questions, mailbox, events and clock', { timeout: 600_000 }, async () => {
    const port = await freePort();
    const first = startCloud(dataDir, port);
    current = first.child;
    const baseUrl = await first.ready;
    const h = lifecycleHarness({ baseUrl, region: REGION });
    // The whole mailbox, read afresh (the harness keeps what it saw, which would hide a lost email).
    const mailboxNow = async () => (await (await fetch(`${baseUrl}/local/emails`)).json()) as Awaited<ReturnType<typeof h.emails>>;
    const { mentor, mentee, pairingId, executionArn } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'YES');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES');
    // The first check-in is asked; the mentor answers, the mentee's question stays open. Each
    // question goes at its reader's own time in the send window (London's can come hours after
    // Berlin's, past the step that brought the mentee's), so the mentor's is waited for too.
    const firstCheckIn = await h.nextEmail(mentee.email, /check-in/i, 'PT12H');
    await h.reply(await h.received(mentor.email, /check-in/i), 'Yes 4 - we met');
    const before = {
      emails: await mailboxNow(),
      events: (await (await fetch(`${baseUrl}/local/events`)).json()) as unknown[],
      now: await h.now(),
      pairing: await h.pairing(pairingId),
    };
    expect(before.pairing.pairing.status).toBe('active');
    expect(before.pairing.pairing.round?.kind).toBe('check-in');

    // kill -9: nothing gets to clean up or save on the way out.
    await exited(first.child, 'SIGKILL');
    const second = startCloud(dataDir, port);
    current = second.child;
    expect(await second.ready).toBe(baseUrl);

    // Everything from before is still there, and the clock did not go back.
    const after = await mailboxNow();
    expect(after.map((e) => e.messageId)).toEqual(before.emails.map((e) => e.messageId));
    const events = (await (await fetch(`${baseUrl}/local/events`)).json()) as unknown[];
    expect(events.length).toBeGreaterThanOrEqual(before.events.length);
    expect((await h.now()).getTime()).toBeGreaterThanOrEqual(before.now.getTime());
    const running = await h.executionsOf(pairingId);
    expect(running.map((e) => [e.name, e.status])).toEqual([[pairingId, 'RUNNING']]);

    // The open question still takes its answer (the reply address and the wake-up survived).
    await h.reply(firstCheckIn, 'Yes 5 - great first session');
    // Both have answered now: the round closes as a held check-in with the mentee's answer in it.
    const { checkIns } = await h.pairing(pairingId);
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0]).toMatchObject({ met: true, mentee: { intent: 'yes', rating: 5 }, mentor: { intent: 'yes', rating: 4 } });
    expect((await h.emailsTo(mentee.email)).some((e) => /closed/i.test(e.text) && e.sentAt >= before.now.toISOString())).toBe(false);

    // The program runs to its end on the restarted cloud.
    const status = await h.runUntilDone(executionArn, [mentor.email, mentee.email], (email) =>
      /questions/i.test(email.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'Yes 4 - we met',
    );
    expect(status, await h.failure(executionArn)).toBe('SUCCEEDED');
    const done = await h.pairing(pairingId);
    expect(done.pairing.status).toBe('completed');

    // No email lost or sent twice: each decided email went out exactly once, as one message.
    const mailbox = await mailboxNow();
    const ids = mailbox.map((e) => e.messageId);
    expect(new Set(ids).size).toBe(ids.length);
    const sent = done.outbox.filter((o) => o.kind === 'email');
    expect(sent.length).toBeGreaterThan(10);
    expect(sent.every((o) => o.status === 'sent' || o.status === 'cancelled')).toBe(true);
    for (const o of sent.filter((x) => x.status === 'sent')) expect(ids, `outbox ${o.key}`).toContain(o.messageId);
    const toPair = mailbox.filter((e) => e.to.includes(mentor.email) || e.to.includes(mentee.email));
    const sameMessage = new Map<string, number>();
    for (const e of toPair) sameMessage.set(`${e.to.join()}|${e.subject}|${e.text}`, (sameMessage.get(`${e.to.join()}|${e.subject}|${e.text}`) ?? 0) + 1);
    expect([...sameMessage.entries()].filter(([, n]) => n > 1)).toEqual([]);
  });

  // A bound, not a measure: a cloud start, two matching runs and a restart on a busy machine.
  it('killed while matching runs wait for approval, asks nobody again: the first email still approves, an API approval given before the kill counts', {
    timeout: 600_000,
  }, async () => {
    if (current) await exited(current, 'SIGTERM');
    const port = await freePort();
    const first = startCloud(dataDir, port);
    current = first.child;
    const baseUrl = await first.ready;
    const h = lifecycleHarness({ baseUrl, region: REGION });
    const post = async (route: string) => {
      const res = await fetch(`${baseUrl}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      return { status: res.status, body: (await res.json()) as Record<string, any> };
    };
    const programs = await startCohorts(h, baseUrl, ['waiting', 'approved']);
    const approvals = async (admin: string) => (await h.emailsTo(admin)).filter((e) => /^Approve matching for/.test(e.subject));
    await h.until(async () => (await approvals(programs[0]!.admin)).length > 0 && (await approvals(programs[1]!.admin)).length > 0, 'PT1H');
    const [waiting, approved] = programs as [Cohort, Cohort];
    const firstRequest = (await approvals(waiting.admin))[0]!;
    // Approved through the API, then killed at once: the pairs may or may not have started.
    expect((await post(`/programs/${approved.programId}/matching/${approved.runId}/approve`)).status).toBe(200);
    await exited(first.child, 'SIGKILL');
    const second = startCloud(dataDir, port);
    current = second.child;
    expect(await second.ready).toBe(baseUrl);
    await h.idle();

    // Nobody is asked again.
    expect(await approvals(waiting.admin)).toHaveLength(1);
    expect(await approvals(approved.admin)).toHaveLength(1);
    // The approval given before the kill starts the pairs; the first request's APPROVE still works.
    const introduced = async (p: Cohort) => {
      const got = await Promise.all(p.people.map(async (who) => (await h.emailsTo(who.email)).some((e) => /^Meet /.test(e.subject))));
      return got.every(Boolean);
    };
    await h.until(() => introduced(approved), 'PT1H', 24 * 8);
    expect(await h.reply(firstRequest, 'APPROVE')).toMatchObject({ result: { outcomes: [{ outcome: 'recorded' }] } });
    await h.until(() => introduced(waiting), 'PT1H', 24 * 8);
    expect(await approvals(waiting.admin)).toHaveLength(1);
  });

  it('answers 503 from the moment its port is open until it is ready', { timeout: 300_000 }, async () => {
    if (current) await exited(current, 'SIGTERM');
    const port = await freePort();
    const cloud = startCloud(dataDir, port);
    current = cloud.child;
    const answers: number[] = [];
    let ready = false;
    void cloud.ready.then(() => (ready = true));
    while (!ready) {
      try {
        answers.push((await fetch(`http://127.0.0.1:${port}/health`)).status);
      } catch {
        // not listening yet: the port is not open
      }
      await new Promise<void>((r) => setImmediate(r));
    }
    answers.push((await fetch(`http://127.0.0.1:${port}/health`)).status);
    const firstOk = answers.indexOf(200);
    expect(answers[0]).toBe(503);
    expect(answers.slice(0, firstOk).every((s) => s === 503)).toBe(true);
    expect(answers.slice(firstOk).every((s) => s === 200)).toBe(true);
  });
});
