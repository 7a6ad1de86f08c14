import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

/** SES feedback (docs/mail-feedback.md) on the local cloud: the mailbox simulator and POST /local/mail-feedback. */

const cloud = inject('cloud');
type Logged = {
  eventBusName: string;
  event: { id: string; source: string; 'detail-type': string; detail: Record<string, any> };
  deliveries: { ruleName: string; status: string }[];
};

const get = async <T>(path: string): Promise<T> => (await fetch(`${cloud.baseUrl}${path}`)).json() as Promise<T>;
const events = () => get<Logged[]>('/local/events');
const statusOf = async (programId: string, participantId: string) =>
  (await get<{ participantId: string; status: string }[]>(`/local/participants?programId=${programId}`)).find((p) => p.participantId === participantId)?.status;
const suppressedEvents = async (participantId: string) =>
  (await events()).filter((e) => e.event['detail-type'] === 'ParticipantSuppressed' && e.event.detail.participantId === participantId);
async function feedback(address: string, kind: 'bounce' | 'soft-bounce' | 'complaint') {
  const res = await fetch(`${cloud.baseUrl}/local/mail-feedback`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ address, kind }),
  });
  expect(res.status).toBe(202);
}

describe('SES feedback suppresses addresses that cannot or must not get our email', () => {
  it('an address that hard-bounces at enrolment is suppressed at once and never offered to matching', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const mentor = await h.enrol({ programId, role: 'mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    const mentee = await h.enrol({
      programId,
      role: 'mentee',
      email: `bounce+${h.tag}@simulator.amazonses.com`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
    });
    await h.idle();

    const bounce = (await events()).find((e) => e.event.source === 'aws.ses' && e.event.detail.bounce?.bouncedRecipients?.[0]?.emailAddress === mentee.email);
    expect(bounce, 'SES reports the bounce on the default bus').toBeDefined();
    expect(bounce!.eventBusName).toBe('default');
    expect(bounce!.event['detail-type']).toBe('Email Bounced');
    expect(bounce!.event.detail.mail.tags['ses:configuration-set']?.length).toBe(1);
    expect(bounce!.deliveries.map((d) => d.status)).toEqual(['delivered']);

    expect(await statusOf(programId, mentee.participantId)).toBe('suppressed');
    expect(await statusOf(programId, mentor.participantId)).toBe('enrolled');
    expect((await suppressedEvents(mentee.participantId)).map((e) => e.event.detail)).toEqual([
      { participantId: mentee.participantId, reason: 'email-bounced' },
    ]);
    expect(JSON.stringify((await suppressedEvents(mentee.participantId))[0]!.event.detail)).not.toContain('@');

    const started = await fetch(`${cloud.baseUrl}/programs/${programId}/matching`, { method: 'POST' });
    const { runId } = (await started.json()) as { runId: string };
    await h.idle();
    const run = await get<{ pairs: unknown[]; unmatched: { participantId: string }[] }>(`/programs/${programId}/matching/${runId}`);
    expect(run.pairs).toEqual([]);
    expect(run.unmatched.map((u) => u.participantId)).toEqual([mentor.participantId]);
  });

  it('a complaint during a pairing ends it at once: the partner is told kindly and rematched, the complainer gets nothing more', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, programId, pairingId, executionArn } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');
    const before = (await h.emailsTo(mentee.email)).length;

    await feedback(mentee.email.toUpperCase(), 'complaint');
    expect(await statusOf(programId, mentee.participantId)).toBe('suppressed');
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'address-suppressed' });

    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    await h.until(async () => (await h.emailsTo(mentor.email)).some((e) => /has left the program/.test(e.subject)), 'PT1H');
    expect((await h.lastEmailTo(mentor.email, /has left the program/)).text).toMatch(/new partner|new match|rematch/i);
    expect((await h.emailsTo(mentee.email)).length, 'nothing more goes to the address that complained').toBe(before);
    expect(await h.events(pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
    // Not even an answer to their own reply (which would say the question has closed).
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES again');
    await h.idle();
    expect((await h.emailsTo(mentee.email)).length, 'no reply notice to the address that complained').toBe(before);
  });

  it('a soft bounce changes nothing, and a hard bounce reported twice suppresses once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentor' });

    await feedback(person.email, 'soft-bounce');
    expect(await statusOf(programId, person.participantId)).toBe('enrolled');
    expect(await suppressedEvents(person.participantId)).toEqual([]);

    await feedback(person.email, 'bounce');
    await feedback(person.email, 'bounce');
    expect(await statusOf(programId, person.participantId)).toBe('suppressed');
    expect(await suppressedEvents(person.participantId)).toHaveLength(1);
  });

  it('refuses feedback for nothing in particular, and PutEvents refuses an aws.ses source from a caller', async () => {
    const bad = await fetch(`${cloud.baseUrl}/local/mail-feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: 'x@example.com', kind: 'angry' }),
    });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { message: string }).message).toMatch(/bounce, soft-bounce, complaint/);
    const res = await fetch(cloud.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({ Entries: [{ Source: 'aws.ses', DetailType: 'Email Bounced', Detail: JSON.stringify({ eventType: 'Bounce' }) }] }),
    });
    const out = (await res.json()) as { FailedEntryCount: number; Entries: { ErrorCode?: string }[] };
    expect(out.FailedEntryCount).toBe(1);
    expect(out.Entries[0]!.ErrorCode).toBe('NotAuthorizedForSourceException');
  });
});
