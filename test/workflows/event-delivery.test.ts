import { randomBytes } from 'node:crypto';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';

/**
 * What happens on AWS to an event whose function fails: EventBridge hands it to Lambda
 * asynchronously (the delivery succeeds), Lambda retries the function twice, about 1 and then 2
 * minutes later, and then sends its on-failure record to the dead-letter queue. Proven on the
 * shared local cloud, whose simulated clock the test moves.
 */

const cloud = inject('cloud');
const base = cloud.baseUrl;
const client = new EventBridgeClient({ endpoint: base, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => client.destroy());
const tag = randomBytes(4).toString('hex');

type LoggedEvent = { event: { id: string; time: string }; deliveries: { ruleName: string; status: string; attempts: number }[] };
type DeadLetter = {
  source: 'eventbridge' | 'lambda';
  errorCode: string;
  reason: string;
  attempts: number;
  attemptedAt?: string[];
  failedAt: string;
  functionName?: string;
  event?: { id: string; detail: Record<string, unknown> };
  message?: {
    requestContext: { condition: string; approximateInvokeCount: number; functionArn: string };
    requestPayload: { id: string };
    responsePayload: { errorMessage: string; errorType: string };
  };
};

async function json<T>(path: string, init?: RequestInit): Promise<T> {
  const res = await fetch(`${base}${path}`, init);
  const text = await res.text();
  if (!res.ok) throw new Error(`${init?.method ?? 'GET'} ${path} -> ${res.status}: ${text}`);
  return JSON.parse(text) as T;
}
const idle = () => json('/local/idle', { method: 'POST' });
const advance = (duration: string) =>
  json('/local/clock', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ advance: duration }) });
const deadLettersOf = async (eventId: string) =>
  (await json<DeadLetter[]>('/local/dead-letters')).filter((d) => d.event?.id === eventId || d.message?.requestPayload?.id === eventId);
const delivery = async (eventId: string) => (await json<LoggedEvent[]>('/local/events')).find((e) => e.event.id === eventId);

/** ParticipantEnrolled as an HRIS would put it on the program bus; returns the event id. */
const enrolByEvent = (detail: Record<string, unknown>) => putEvent('ParticipantEnrolled', detail);

async function putEvent(detailType: string, detail: Record<string, unknown>): Promise<string> {
  const { eventBusName } = await json<{ eventBusName: string }>('/health');
  const out = await client.send(
    new PutEventsCommand({ Entries: [{ EventBusName: eventBusName, Source: 'hris.example', DetailType: detailType, Detail: JSON.stringify(detail) }] }),
  );
  expect(out.FailedEntryCount).toBe(0);
  await idle();
  return out.Entries![0]!.EventId!;
}

const seconds = (from: string, to: string) => (Date.parse(to) - Date.parse(from)) / 1000;

describe('event-driven failures: Lambda retries, then the dead-letter queue (docs/runbook.md)', () => {
  it('an invalid event is retried twice on the simulated clock, then dead-lettered with its reason and the AWS on-failure record', async () => {
    const email = `atlantis-${tag}@example.com`;
    const eventId = await enrolByEvent({ ...intakeInput({ email }), timeZone: 'Atlantis/Capital' });
    // EventBridge's part succeeded: Lambda accepted the event. The function's errors are not the rule's.
    expect((await delivery(eventId))?.deliveries).toEqual([expect.objectContaining({ status: 'delivered', attempts: 1 })]);

    await advance('PT5M');
    const dead = await deadLettersOf(eventId);
    expect(dead, 'one dead letter, from Lambda (not from the rule)').toHaveLength(1);
    const letter = dead[0]!;
    expect(letter).toMatchObject({ source: 'lambda', errorCode: 'RetriesExhausted', attempts: 3, functionName: expect.stringMatching(/^EnrolParticipant/) });
    expect(letter.reason).toContain(`ParticipantEnrolled event ${eventId} was rejected`);
    expect(letter.reason).toMatch(/timeZone must be an IANA time zone/);
    expect(letter.message).toMatchObject({
      requestContext: {
        condition: 'RetriesExhausted',
        approximateInvokeCount: 3,
        functionArn: expect.stringMatching(/:function:EnrolParticipant.*:\$LATEST$/),
      },
      requestPayload: { id: eventId },
      responsePayload: { errorMessage: letter.reason, errorType: 'Error' },
    });
    // Three attempts, the retries about 1 and then 2 simulated minutes apart.
    const [first, second, third] = letter.attemptedAt!;
    expect(letter.attemptedAt).toHaveLength(3);
    expect(seconds(first!, second!)).toBeGreaterThanOrEqual(60);
    expect(seconds(second!, third!)).toBeGreaterThanOrEqual(120);
    expect(seconds(first!, letter.failedAt)).toBeGreaterThanOrEqual(180);
    // Nothing was stored or sent for the rejected person.
    const emails = await json<{ to: string[] }[]>('/local/emails');
    expect(emails.some((e) => e.to.includes(email))).toBe(false);
  });

  it('a pause, resume or end naming a pairing that does not exist is dead-lettered with that reason, not dropped', async () => {
    const ids: [string, string][] = [];
    for (const type of ['PairingPauseRequested', 'PairingResumeRequested', 'PairingEndRequested']) {
      const pairingId = `pr_missing_${tag}_${type.length}`;
      ids.push([await putEvent(type, { pairingId }), pairingId]);
    }
    await advance('PT5M');
    for (const [eventId, pairingId] of ids) {
      const dead = await deadLettersOf(eventId);
      expect(dead, eventId).toHaveLength(1);
      expect(dead[0]).toMatchObject({ source: 'lambda', errorCode: 'RetriesExhausted', attempts: 3 });
      expect(dead[0]!.reason).toContain(`names pairing ${pairingId}, which does not exist`);
    }
  });

  it('a pause until a day that does not exist or has passed is dead-lettered with that reason, as the admin API answers 400', async () => {
    const cases: [string, string][] = [
      ['2028-06-31', 'until must be a calendar date that exists'],
      ['2020-01-06', 'until must be a day after today'],
    ];
    const ids: [string, string][] = [];
    for (const [until] of cases) ids.push([await putEvent('PairingPauseRequested', { pairingId: `pr_pause_${tag}`, until }), until]);
    await advance('PT5M');
    for (const [eventId, until] of ids) {
      const dead = await deadLettersOf(eventId);
      expect(dead, eventId).toHaveLength(1);
      expect(dead[0]!.reason).toContain(cases.find(([u]) => u === until)![1]);
    }
  });

  it('a function that fails once and then succeeds is not dead-lettered: the retry enrols the person', async () => {
    // HR's system enrols someone a minute before the program is created: the first attempt fails.
    const programId = `p-${tag}-late`;
    const email = `early-${tag}@example.com`;
    const eventId = await enrolByEvent(intakeInput({ programId, email }));
    // No such program yet, so nobody is enrolled in it: the local list names the missing program.
    const before = await fetch(`${base}/local/participants?programId=${programId}`);
    expect(before.status).toBe(404);
    await json('/local/programs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ programId, name: 'Late cohort', startDate: '2027-01-04', admins: [`admin-${tag}@example.com`] }),
    });

    await advance('PT1M');
    await idle();
    const listed = await json<{ email: string; createdAt: string }[] | { participants: { email: string; createdAt: string }[] }>(
      `/local/participants?programId=${programId}`,
    );
    const people = Array.isArray(listed) ? listed : listed.participants;
    expect(people.map((p) => p.email)).toEqual([email]);
    const event = await delivery(eventId);
    expect(seconds((event!.event as { time: string }).time, people[0]!.createdAt), 'enrolled by the retry a minute later').toBeGreaterThanOrEqual(59);
    const emails = await json<{ to: string[]; subject: string }[]>('/local/emails');
    expect(emails.filter((e) => e.to.includes(email)).map((e) => e.subject)).toEqual(['You are enrolled in Late cohort']);

    await advance('PT10M');
    expect(await deadLettersOf(eventId)).toEqual([]);
  });
});
