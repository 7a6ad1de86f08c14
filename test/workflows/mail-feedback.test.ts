import { describe, expect, inject, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { activePair, lifecycleHarness } from './harness';

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

/** POST /participants as HR sends it; the status and body, whatever they are. */
async function enrolAs(body: Partial<ParticipantIntakeInput>): Promise<{ status: number; body: Record<string, any> }> {
  const res = await fetch(`${cloud.baseUrl}/participants`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(intakeInput(body)),
  });
  return { status: res.status, body: (await res.json()) as Record<string, any> };
}
const stored = (participantId: string) => get<Record<string, any>>(`/participants/${participantId}`);

describe('suppression belongs to the address: the person comes back under a working one, nothing more goes to it', () => {
  it('a suppressed person comes back by an enrolment with their employee id under a new address, or by HR moving their address; the address that bounced stays suppressed', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const answers = (who: string, extra: Partial<ParticipantIntakeInput> = {}) => ({
      programId,
      role: 'mentee' as const,
      name: `Bo ${who}${h.tag}`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      ...extra,
    });
    const dead = `dead-${h.tag}@example.com`;
    await feedback(dead, 'complaint'); // an address nobody is enrolled under

    // With an employee id: the address bounces.
    const bo = answers('B', { employeeId: `E-B-${h.tag}`, email: `bo-b-${h.tag}@example.com` });
    const b = await enrolAs(bo);
    expect(b.status).toBe(201);
    await feedback(bo.email!, 'bounce');
    expect(await statusOf(programId, b.body.participantId)).toBe('suppressed');
    // The same address stays suppressed: a repeat, with their status.
    const same = await enrolAs(bo);
    expect([same.status, same.body.status]).toEqual([200, 'suppressed']);
    // An address that is suppressed itself is no way back, and the answer says so.
    const onDead = await enrolAs({ ...bo, email: dead });
    expect(onDead.status).toBe(409);
    expect(onDead.body.issues).toEqual([{ field: 'email', message: expect.stringMatching(/bounced or been marked as spam.*working address/) }]);
    expect(await statusOf(programId, b.body.participantId)).toBe('suppressed');
    // A working address: the same record, enrolled again under it, and told so there.
    const back = await enrolAs({ ...bo, email: `bo-b-new-${h.tag}@example.com` });
    expect(back.status).toBe(201);
    expect(back.body).toMatchObject({ participantId: b.body.participantId, status: 'enrolled', email: `bo-b-new-${h.tag}@example.com` });
    expect((await h.emailsTo(`bo-b-new-${h.tag}@example.com`)).map((e) => e.subject)).toEqual([expect.stringMatching(/^You are enrolled in/)]);

    // Without an employee id, a complaint: HR moves the address (what the 409 and the digest point to).
    const co = answers('C', { email: `bo-c-${h.tag}@example.com` });
    const c = await enrolAs(co);
    await feedback(co.email!, 'complaint');
    expect(await statusOf(programId, c.body.participantId)).toBe('suppressed');
    await h.putEvent('ParticipantUpdated', { participantId: c.body.participantId, email: `bo-c-new-${h.tag}@example.com` });
    expect(await stored(c.body.participantId)).toMatchObject({ status: 'enrolled', email: `bo-c-new-${h.tag}@example.com` });
    // Their new confirmation goes with the next confirmation sweep (every 15 minutes on AWS; fired by hand locally).
    await h.advance('PT11M');
    const schedules = await get<{ name: string }[]>('/local/schedules');
    const sweep = schedules.find((r) => r.name.startsWith('ConfirmationSweepSchedule'))!;
    expect((await fetch(`${cloud.baseUrl}/local/schedules/${sweep.name}`, { method: 'POST' })).status).toBe(200);
    expect((await h.emailsTo(`bo-c-new-${h.tag}@example.com`)).map((e) => e.subject)).toEqual([expect.stringMatching(/^You are enrolled in/)]);
    const again = await enrolAs({ ...co, email: `bo-c-new-${h.tag}@example.com` });
    expect([again.status, again.body.status]).toEqual([200, 'enrolled']);

    // Moved by HR to an address that is suppressed itself: still suppressed.
    const dO = answers('D', { email: `bo-d-${h.tag}@example.com` });
    const d = await enrolAs(dO);
    await feedback(dO.email!, 'bounce');
    await h.putEvent('ParticipantUpdated', { participantId: d.body.participantId, email: dead.toUpperCase() });
    expect(await stored(d.body.participantId)).toMatchObject({ status: 'suppressed', email: dead.toUpperCase() });

    // Matching offers the two who came back, not the one still suppressed.
    const started = await fetch(`${cloud.baseUrl}/programs/${programId}/matching`, { method: 'POST' });
    const { runId } = (await started.json()) as { runId: string };
    await h.idle();
    const run = await get<{ unmatched: { participantId: string }[] }>(`/programs/${programId}/matching/${runId}`);
    expect(run.unmatched.map((u) => u.participantId).sort()).toEqual([b.body.participantId, c.body.participantId].sort());
  });

  it('an end notice held for working hours is cancelled when the address complains before it goes; the partner still gets theirs', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    // A Monday-to-Thursday evening (19:00 UTC): the end notices wait for each reader's next morning,
    // a day later (a Friday evening's would wait for Monday, past the day the test moves on).
    const now = await h.now();
    const evening = new Date(now);
    evening.setUTCHours(19, 0, 0, 0);
    while (evening <= now || [0, 5, 6].includes(evening.getUTCDay())) evening.setUTCDate(evening.getUTCDate() + 1);
    await fetch(`${cloud.baseUrl}/local/clock`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ to: evening.toISOString() }),
    });
    const ended = await fetch(`${cloud.baseUrl}/pairings/${pairingId}/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ reason: 'admin-decision' }),
    });
    expect(ended.status).toBeLessThan(300);
    await h.idle();
    const entry = async (key: string) => (await h.pairing(pairingId)).outbox.find((o) => o.key === key);
    expect((await entry('email:ended:mentee'))?.status).toBe('pending');
    const before = (await h.emailsTo(mentee.email)).length;

    await feedback(mentee.email, 'complaint');
    await h.advance('P1D');
    await h.idle();
    expect((await entry('email:ended:mentee'))?.status).toBe('cancelled');
    expect((await h.emailsTo(mentee.email)).length, 'nothing goes to the address that complained').toBe(before);
    expect((await entry('email:ended:mentor'))?.status).toBe('sent');
    expect((await h.lastEmailTo(mentor.email)).subject).toMatch(/has ended/);
  });

  it("a complaint about a manager's address (no participant) stops the manager note to it; another manager still gets theirs", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 1, checkInCadenceDays: 7 } });
    const { mentor, mentee, pairingId, executionArn } = await h.pair({ programId, menteeConsent: true, mentorConsent: true });
    const boss = `mentee-boss-${h.tag}@example.com`;
    await feedback(boss.toUpperCase(), 'complaint');
    expect(await statusOf(programId, mentee.participantId), 'the participant is not the address that complained').not.toBe('suppressed');

    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');
    const status = await h.runUntilDone(executionArn, [mentor.email, mentee.email], (e) =>
      /questions|review/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'Yes 4 - good session',
    );
    expect(status).toBe('SUCCEEDED');
    expect((await h.pairing(pairingId)).pairing.status).toBe('completed');
    await h.advance('P3D');
    await h.idle();
    expect(await h.emailsTo(boss), 'no note to the address that complained').toEqual([]);
    expect((await h.pairing(pairingId)).outbox.find((o) => o.key === 'email:manager-note:mentee')?.status).toBe('cancelled');
    expect((await h.emailsTo(`mentor-boss-${h.tag}@example.com`)).map((e) => e.subject)).toEqual([expect.stringMatching(/completed/)]);
  });

  it('a CONCERN from a suppressed person reaches the admins, and nothing is sent back to their address', async () => {
    const h = lifecycleHarness();
    const { mentee } = await h.pair();
    const confirmation = await h.lastEmailTo(mentee.email, /^You are enrolled in/);
    await feedback(mentee.email, 'bounce');
    const before = (await h.emailsTo(mentee.email)).length;
    const admins = (await h.emailsTo(h.admin)).filter((e) => /^Private concern from/.test(e.subject)).length;

    await h.reply(confirmation, 'CONCERN: I did not mean to mark it as spam, my partner was rude');
    await h.advance('PT1H');
    await h.idle();
    const toAdmins = (await h.emailsTo(h.admin)).filter((e) => /^Private concern from/.test(e.subject));
    expect(toAdmins.length, 'the admins hear of the concern').toBe(admins + 1);
    expect(toAdmins.at(-1)!.text).toContain('my partner was rude');
    expect((await h.emailsTo(mentee.email)).length, 'no acknowledgement to the suppressed address').toBe(before);
  });

  it('the concern form of a suppressed person promises no email: the page is their receipt, and none is sent', async () => {
    const h = lifecycleHarness();
    const { mentee } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    const link = /\/c\/[a-z2-7]{24}\.[A-Za-z0-9_-]{43}/.exec(intro.text);
    expect(link, 'a concern link in the introduction').not.toBeNull();
    await feedback(mentee.email, 'bounce');
    const before = (await h.emailsTo(mentee.email)).length;
    const res = await fetch(`${cloud.baseUrl}${link![0]}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'My partner talks over me.' }).toString(),
    });
    expect(res.status).toBe(200);
    const page = (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(page).not.toContain('An email confirms it');
    expect(page).toContain('no email confirms it: this page is your receipt');
    await h.advance('PT1H');
    await h.idle();
    expect(
      (await h.emailsTo(h.admin)).some((e) => /^Private concern from/.test(e.subject) && e.text.includes('talks over me')),
      'the admins have it',
    ).toBe(true);
    expect((await h.emailsTo(mentee.email)).length, 'no receipt to the suppressed address').toBe(before);
  });
});
