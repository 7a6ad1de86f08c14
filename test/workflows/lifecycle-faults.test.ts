import { afterEach, describe, expect, inject, it } from 'vitest';
import { clearFaults, faultsInjected, injectFaults, type Fault } from './faults';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

const cloud = inject('cloud');
const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');

/** Runs one 3-month pairing to the end, arming `faults` once both accepted; returns what happened. */
async function lifecycle(faults: (p: { mentor: string; mentee: string; pairingId: string }) => Fault[]) {
  const h = lifecycleHarness();
  const programId = await h.program({ lifecycle: { durationMonths: 3, milestoneDays: [30] } });
  const { mentor, mentee, pairingId, executionArn } = await h.pair({ programId });
  expect(await h.answerAll([mentor.email, mentee.email], () => 'yes')).toBe(2);
  const armed = faults({ mentor: mentor.email, mentee: mentee.email, pairingId });
  if (armed.length > 0) await injectFaults(cloud.baseUrl, armed);
  const status = await h.runUntilDone(executionArn, [mentor.email, mentee.email], answer, 'P1D', 200);
  const injected = await faultsInjected(cloud.baseUrl);
  await clearFaults(cloud.baseUrl);
  const { pairing, checkIns, reviews, outbox, audit } = await h.pairing(pairingId);
  const people = [mentor.email, mentee.email, h.admin, `mentor-boss-${h.tag}@example.com`, `mentee-boss-${h.tag}@example.com`];
  const mail = (await h.emails()).filter((e) => people.some((p) => e.to.includes(p)));
  const lifecycleMail = mail.filter((e) => !/^You are enrolled/.test(e.subject));
  // One email per recipient and subject line: subjects name the partner and the dates asked about.
  const who = (to: string) => (to === mentor.email ? 'mentor' : to === mentee.email ? 'mentee' : 'admin');
  // Runs start on different days of the shared clock: compare what was sent, not the dates in it.
  const sent = mail.map((e) => `${who(e.to[0]!)}: ${e.subject.replace(/(Mia|Sam)\S*/g, '$1').replace(/\w+day \d+ \w+ \d{4}/g, '<date>')}`).sort();
  const events = await h.events(pairingId);
  return {
    status,
    failure: status === 'SUCCEEDED' ? '' : await h.failure(executionArn),
    injected,
    pairing,
    checkIns,
    reviews,
    sent,
    events,
    outbox,
    audit,
    mailIds: lifecycleMail.map((e) => e.messageId),
  };
}

describe('PairingLifecycle under injected faults: nothing lost, nothing twice', () => {
  afterEach(async () => {
    await clearFaults(cloud.baseUrl);
  });

  let baseline: Awaited<ReturnType<typeof lifecycle>> | undefined;
  const expectSameOutcome = (run: Awaited<ReturnType<typeof lifecycle>>) => {
    expect(run.status, run.failure).toBe('SUCCEEDED');
    expect(run.injected).toBeGreaterThan(0);
    expect(run.pairing.status).toBe('completed');
    expect(run.pairing.fault).toBeUndefined();
    // Counts equal the answers recorded: one record per check-in round asked, every one of them held.
    const asked = run.audit.filter((a) => a.kind === 'asked' && a.detail?.kind === 'check-in').length;
    expect(run.checkIns.length).toBe(asked);
    expect(run.pairing.checkInsHeld).toBe(run.checkIns.filter((c: { met: boolean }) => c.met).length);
    expect(run.pairing.checkInsHeld).toBe(asked);
    // Every email decided went out exactly once: each outbox entry is sent, as one message in the mailbox.
    const emails = run.outbox.filter((o) => o.kind === 'email');
    expect(emails.filter((o) => o.status !== 'sent')).toEqual([]);
    expect([...run.mailIds].sort()).toEqual(emails.map((o) => o.messageId).sort());
    expect(run.outbox.filter((o) => o.kind === 'event' && o.status !== 'sent')).toEqual([]);
    // The same kinds of email as without faults (the number of check-ins depends on the start day).
    expect(new Set(run.sent)).toEqual(new Set(baseline!.sent));
    expect(run.events.filter((e) => e === 'PairingCompleted')).toHaveLength(1);
    expect(run.events.filter((e) => e === 'CheckInCompleted')).toHaveLength(run.pairing.checkInsHeld);
  };

  it('runs the baseline without faults', async () => {
    baseline = await lifecycle(() => []);
    expect(baseline.status, baseline.failure).toBe('SUCCEEDED');
    expect(baseline.injected).toBe(0);
    expect(baseline.pairing.checkInsHeld).toBeGreaterThanOrEqual(4);
  });

  it("SES throttling that outlasts the mailer's own retries: the step is retried, each email sent once", async () => {
    expectSameOutcome(await lifecycle((p) => [{ service: 'ses', kind: 'throttle', count: 15, recipient: p.mentee }]));
  });

  it('SES failing: the step is retried and nothing is sent twice', async () => {
    expectSameOutcome(await lifecycle((p) => [{ service: 'ses', kind: 'fail', count: 3, recipient: p.mentor }]));
  });

  it("DynamoDB conditional conflicts on the step's transaction: decided again from what is stored", async () => {
    expectSameOutcome(
      await lifecycle(() => [{ service: 'dynamodb', kind: 'conditionalConflict', count: 2, operation: 'TransactWriteItems', keyPrefix: 'PAIRING#' }]),
    );
  });

  it("DynamoDB throttling beyond the SDK's retries", async () => {
    expectSameOutcome(await lifecycle(() => [{ service: 'dynamodb', kind: 'throttle', count: 4, operation: 'TransactWriteItems', keyPrefix: 'PAIRING#' }]));
  });

  it('a step that crashes after its write and before its send: the outbox sends on the retry', async () => {
    expectSameOutcome(await lifecycle(() => [{ service: 'dynamodb', kind: 'responseLost', count: 3, operation: 'TransactWriteItems', keyPrefix: 'PAIRING#' }]));
  });

  it('PutEvents failures: events are published once, after the retry', async () => {
    expectSameOutcome(await lifecycle(() => [{ service: 'eventbridge', kind: 'failedEntries', count: 2, detailType: 'CheckInCompleted' }]));
  });
});

describe('an outbox entry whose "sent" mark DynamoDB throttles right after the send (QA)', () => {
  afterEach(async () => {
    await clearFaults(cloud.baseUrl);
  });

  // The resume's step writes its outbox, then publishes PairingResumed and sends each person their
  // "has resumed" email, marking each sent: the 1st, 2nd and 3rd UpdateItem on the pairing after
  // the arming. Five throttles outlast the SDK's own attempts; the step used to fail on the mark
  // and, retried, find the entry pending and send it again.
  it.each([1, 2, 3])('sends the event and each email once when the mark after send no. %i is throttled', async (skip) => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    expect(await h.answerAll([mentor.email, mentee.email], () => 'yes')).toBe(2);
    await h.advance('PT1H');
    const until = new Date((await h.now()).getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    expect((await call('POST', `/pairings/${pairingId}/pause`, { until })).status).toBe(202);
    // Resumed in the readers' working morning (Berlin, Tuesday to Thursday): the step that takes the
    // resume sends the emails itself, so the marks of its 1st to 3rd sends are the ones throttled.
    const at = await h.now();
    at.setUTCHours(9, 30, 0, 0);
    do at.setUTCDate(at.getUTCDate() + 1);
    while (![2, 3, 4].includes(at.getUTCDay()));
    await fetch(`${cloud.baseUrl}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: at.toISOString() }),
    });
    await injectFaults(cloud.baseUrl, [{ service: 'dynamodb', kind: 'throttle', count: 5, operation: 'UpdateItem', keyPrefix: `PAIRING#${pairingId}`, skip }]);
    expect((await call('POST', `/pairings/${pairingId}/resume`)).status).toBe(202);
    // The emails come in each reader's working hours; then an hour more for any repeat.
    for (const to of [mentor.email, mentee.email]) await h.received(to, /resumed/);
    await h.advance('PT1H');
    expect(await faultsInjected(cloud.baseUrl)).toBe(5);
    expect((await h.events(pairingId)).filter((e) => e === 'PairingResumed')).toHaveLength(1);
    for (const to of [mentor.email, mentee.email]) {
      expect((await h.emailsTo(to)).filter((e) => /resumed/.test(e.subject)).map((e) => e.subject)).toHaveLength(1);
    }
  });
});
