import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { intakeInput } from '../fixtures/intake/participants';
import { type Harness, lifecycleHarness } from './harness';

/**
 * HR's ParticipantLeft names one enrolment, but someone who left the organisation has left every
 * program (docs/lifecycle.md, "When someone leaves the organisation"): each enrolment of the same
 * person (the same employee id, else the same address) leaves as a single-program departure does.
 * STOP (ParticipantWithdrew) stays a choice about one program.
 */
const cloud = inject('cloud');
const ddb = DynamoDBDocumentClient.from(
  new DynamoDBClient({ endpoint: cloud.dynamoEndpoint, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } }),
);
const bus = new EventBridgeClient({ endpoint: cloud.baseUrl, region: cloud.region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
afterAll(() => {
  ddb.destroy();
  bus.destroy();
});

/** Puts an HR event with the time HR gave it (a late delivery, an archive replay) and waits until it is handled. */
async function putAt(type: string, detail: Record<string, unknown>, time: Date) {
  const { eventBusName } = await json<{ eventBusName: string }>('/health');
  const out = await bus.send(
    new PutEventsCommand({ Entries: [{ EventBusName: eventBusName, Source: 'hr.system', DetailType: type, Detail: JSON.stringify(detail), Time: time }] }),
  );
  expect(out.FailedEntryCount).toBe(0);
  await fetch(`${cloud.baseUrl}/local/idle`, { method: 'POST' });
}

type Person = { participantId: string; email: string };

const json = async <T>(path: string): Promise<T> => {
  const res = await fetch(`${cloud.baseUrl}${path}`);
  if (!res.ok) throw new Error(`GET ${path} -> ${res.status}: ${await res.text()}`);
  return (await res.json()) as T;
};
const statusOf = async (p: Person) => (await json<{ status: string }>(`/participants/${p.participantId}`)).status;

const waitlist = async (programId: string) =>
  ((
    await ddb.send(
      new QueryCommand({
        TableName: cloud.tableName,
        KeyConditionExpression: 'PK = :pk AND begins_with(SK, :w)',
        ExpressionAttributeValues: { ':pk': `PROGRAM#${programId}`, ':w': 'WAITLIST#' },
      }),
    )
  ).Items ?? []) as { participantId: string }[];

/** Alice, mentor in a program of her own, in a pairing both accepted. */
async function alicePairedIn(h: Harness, alice: { email: string; employeeId: string }) {
  const programId = await h.program({});
  const enrolment = await h.enrol({
    programId,
    role: 'mentor',
    name: `Alice Adams${h.tag}`,
    email: alice.email,
    employeeId: alice.employeeId,
    topicsOffered: ['ai-tools'],
  });
  const intros = async () => (await h.emailsTo(enrolment.email)).filter((e) => /^Meet /.test(e.subject));
  const before = (await intros()).length;
  const p = await h.pair({ programId, mentor: enrolment });
  // Her introduction in this program (the same address may have had one in another).
  await h.until(async () => (await intros()).length > before, 'PT1H', 24 * 8);
  await h.reply((await intros()).at(-1)!, 'yes');
  await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
  expect((await h.pairing(p.pairingId)).pairing.status).toBe('active');
  return { ...p, alice: enrolment };
}

/** Ends within the simulated minute: checked now, and once more after one simulated minute at most. */
async function endsWithinAMinute(h: Harness, pairingId: string) {
  await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
}

describe('ParticipantLeft on the local cloud', () => {
  it('ends every program of the person: each enrolment leaves, each pairing ends with the partner told kindly, the waitlist lets go', async () => {
    const h = lifecycleHarness();
    const alice = { email: `alice-${h.tag}@example.com`, employeeId: `E-${h.tag}` };
    const alpha = await alicePairedIn(h, alice);
    // The same address in another case and the same employee id.
    const beta = await alicePairedIn(h, { ...alice, email: alice.email.toUpperCase() });
    // The same person on the waitlist of a program with nobody for her (one employee id is one
    // person: under another address it would be refused, test/workflows/enrolment-checks.test.ts).
    const gammaId = await h.program({});
    const gamma = await h.enrol({
      programId: gammaId,
      role: 'mentor',
      name: `Alice Adams${h.tag}`,
      email: alice.email,
      employeeId: alice.employeeId,
    });
    await h.putEvent('MatchingRequested', { programId: gammaId, requestedBy: h.admin }, 'crossgen.admin');
    await h.until(async () => (await statusOf(gamma)) === 'waitlisted', 'PT1H', 24);
    expect((await waitlist(gammaId)).map((w) => w.participantId)).toEqual([gamma.participantId]);
    // Another employee who shares the address (a team mailbox) is another person.
    const namesakeProgram = await h.program({});
    const namesake = await h.enrol({ programId: namesakeProgram, role: 'mentor', email: alice.email, employeeId: `F-${h.tag}` });

    await h.putEvent('ParticipantLeft', { participantId: alpha.alice.participantId, reason: 'left the company' });
    await endsWithinAMinute(h, alpha.pairingId);
    await endsWithinAMinute(h, beta.pairingId);

    for (const enrolment of [alpha.alice, beta.alice, gamma]) expect(await statusOf(enrolment)).toBe('left');
    expect(await statusOf(namesake)).toBe('enrolled');
    expect(await waitlist(gammaId)).toEqual([]);
    for (const { pairingId, mentee } of [alpha, beta]) {
      expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'participant-left' });
      const note = await h.received(mentee.email, /has left the program/);
      expect(note.text.replace(/\s+/g, ' ')).toContain('is leaving the organisation');
      expect(await h.events(pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
    }

    // The event delivered again changes nothing more and sends nothing more.
    await h.advance('P2D');
    await h.idle();
    const sent = (await h.emails()).length;
    await h.putEvent('ParticipantLeft', { participantId: alpha.alice.participantId, reason: 'left the company' });
    await h.advance('P2D');
    await h.idle();
    expect((await h.emails()).length).toBe(sent);
    for (const enrolment of [alpha.alice, beta.alice, gamma]) expect(await statusOf(enrolment)).toBe('left');
    expect(await statusOf(namesake)).toBe('enrolled');
    // Nobody hears from the program again under her addresses.
    await h.advance('P30D');
    await h.idle();
    const endedAt = (await h.pairing(beta.pairingId)).pairing.endedAt as string;
    const herAddresses = [alice.email];
    // (The namesake's own enrolment confirmation may go out late: it is theirs, not hers.)
    const toHer = (await h.emails()).filter((e) => e.to.some((to) => herAddresses.includes(to.toLowerCase())) && !/^You are enrolled/.test(e.subject));
    expect(toHer.filter((e) => e.sentAt > endedAt).map((e) => e.subject)).toEqual([]);
  });

  it('an HR system that knows only the employee id names the person by it: every enrolment under it leaves; an id nobody holds, or both ids, are rejected with the reason (QA events3)', async () => {
    const h = lifecycleHarness();
    const alice = { email: `alice-e-${h.tag}@example.com`, employeeId: `EE-${h.tag}` };
    const alpha = await alicePairedIn(h, alice);
    const beta = await alicePairedIn(h, alice);
    await h.putEvent('ParticipantLeft', { employeeId: alice.employeeId.toLowerCase() });
    await endsWithinAMinute(h, alpha.pairingId);
    await endsWithinAMinute(h, beta.pairingId);
    for (const enrolment of [alpha.alice, beta.alice]) expect(await statusOf(enrolment)).toBe('left');
    expect((await h.pairing(beta.pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'participant-left' });

    await h.putEvent('ParticipantLeft', { employeeId: `NOBODY-${h.tag}` });
    await h.putEvent('ParticipantLeft', { employeeId: alice.employeeId, participantId: alpha.alice.participantId });
    await h.putEvent('ParticipantLeft', { reason: 'left' });
    await h.advance('PT5M');
    const reasons = (await json<{ source: string; reason: string }[]>('/local/dead-letters')).map((d) => d.reason);
    expect(reasons.some((r) => r.includes('names an employeeId nobody is enrolled under'))).toBe(true);
    expect(reasons.some((r) => r.includes(`NOBODY-${h.tag}`))).toBe(false);
    expect(reasons.filter((r) => r.includes('give exactly one of them to name the person')).length).toBeGreaterThanOrEqual(2);
  });

  it('a re-hire stays: the old ParticipantUpdated and ParticipantLeft from before it, replayed from the archive, change nothing', async () => {
    const h = lifecycleHarness();
    const maya = { email: `maya-${h.tag}@example.com`, employeeId: `M-${h.tag}` };
    const first = await alicePairedIn(h, maya);
    const { programId } = first;
    const participant = () => json<{ status: string; email: string }>(`/participants/${first.alice.participantId}`);
    // HR moves her address (T0), then says she left (TL): the pairing ends.
    const t0 = await h.now();
    const married = `maya.married-${h.tag}@example.com`;
    await putAt('ParticipantUpdated', { participantId: first.alice.participantId, email: married }, t0);
    await h.advance('P1D');
    const tl = await h.now();
    await putAt('ParticipantLeft', { participantId: first.alice.participantId, reason: 'resigned' }, tl);
    await endsWithinAMinute(h, first.pairingId);
    expect(await participant()).toMatchObject({ status: 'left', email: married });

    // Re-hired 20 days later under a new address, her current answers otherwise; paired again, both accept.
    await h.advance('P20D');
    const back = `maya.back-${h.tag}@example.com`;
    const answers = { programId, role: 'mentor' as const, name: `Alice Adams${h.tag}`, employeeId: maya.employeeId, topicsOffered: ['ai-tools'] };
    expect(await h.enrol({ ...answers, email: back })).toMatchObject({ participantId: first.alice.participantId, status: 'enrolled' });
    // And enrolled in the next cohort too: an enrolment made after she left.
    const nextCohort = await h.enrol({ ...answers, programId: await h.program({}), email: back });
    const second = await h.pair({ programId, mentor: { participantId: first.alice.participantId, email: back } });
    await h.reply(await h.lastEmailTo(back, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(second.mentee.email, /^Meet /), 'yes');
    expect((await h.pairing(second.pairingId)).pairing.status).toBe('active');
    const before = await participant();
    const sent = (await h.emails()).length;

    // The archive's time range replayed (or the two delivered late), with their own times.
    await putAt('ParticipantUpdated', { participantId: first.alice.participantId, email: married }, t0);
    await putAt('ParticipantLeft', { participantId: first.alice.participantId, reason: 'resigned' }, tl);
    await h.advance('P1D');
    await h.idle();
    expect(await participant()).toMatchObject({ status: before.status, email: back });
    expect((await h.pairing(second.pairingId)).pairing.status).toBe('active');
    expect(await statusOf(nextCohort)).toBe('enrolled');
    expect((await h.emails()).slice(sent).filter((e) => /has left the program|waitlist/.test(e.subject))).toEqual([]);
    expect(await h.events(second.pairingId)).not.toContain('PairingEnded');

    // She leaves again, for good: that departure, after the re-hire, applies everywhere.
    await h.putEvent('ParticipantLeft', { participantId: first.alice.participantId, reason: 'resigned' });
    await endsWithinAMinute(h, second.pairingId);
    expect((await participant()).status).toBe('left');
    expect(await statusOf(nextCohort)).toBe('left');
    await h.received(second.mentee.email, /has left the program/);
  });

  it("HR's enrolment from before someone left, delivered late or replayed, re-hires nobody; a later one does", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const email = `nora-${h.tag}@example.com`;
    const detail = intakeInput({ programId, role: 'mentee', name: `Nora North${h.tag}`, email, employeeId: `N-${h.tag}` });
    const enrolled = await h.now();
    await putAt('ParticipantEnrolled', detail, enrolled);
    const [stored] = await json<{ participantId: string }[]>(`/local/participants?programId=${programId}`);
    const nora = { participantId: stored!.participantId, email };
    const welcomes = async () => (await h.emailsTo(email)).filter((e) => /^You are enrolled/.test(e.subject)).length;
    await h.until(async () => (await welcomes()) === 1, 'PT1H', 48);
    await h.advance('P1D');
    await putAt('ParticipantLeft', { participantId: nora.participantId, reason: 'resigned' }, await h.now());
    expect(await statusOf(nora)).toBe('left');

    // The enrolment again with its own (earlier) time: a repeat, not a return.
    await h.advance('P1D');
    await putAt('ParticipantEnrolled', detail, enrolled);
    await h.advance('P1D');
    expect(await statusOf(nora)).toBe('left');
    expect(await welcomes()).toBe(1);

    // HR enrols her again after she left: a re-hire, welcomed again.
    await putAt('ParticipantEnrolled', detail, await h.now());
    expect(await statusOf(nora)).toBe('enrolled');
    await h.until(async () => (await welcomes()) === 2, 'PT1H', 48);
  });

  it('someone HR moved off a bounced address is back from then: a ParticipantLeft dated before the move changes nothing, a later one applies', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const sam = await h.enrol({ programId, role: 'mentee', email: `sam-${h.tag}@example.com`, employeeId: `S-${h.tag}` });
    await h.advance('P1D');
    const res = await fetch(`${cloud.baseUrl}/local/mail-feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: sam.email, kind: 'bounce' }),
    });
    expect(res.status).toBe(202);
    await h.idle();
    expect(await statusOf(sam)).toBe('suppressed');
    await h.advance('P1D');
    const moved = await h.now();
    await putAt('ParticipantUpdated', { participantId: sam.participantId, email: `sam.new-${h.tag}@example.com` }, moved);
    expect(await statusOf(sam)).toBe('enrolled');
    // Delivered late: dated an hour before the move.
    await putAt('ParticipantLeft', { participantId: sam.participantId }, new Date(moved.getTime() - 3_600_000));
    expect(await statusOf(sam)).toBe('enrolled');
    await h.advance('PT1M');
    await putAt('ParticipantLeft', { participantId: sam.participantId }, await h.now());
    expect(await statusOf(sam)).toBe('left');
  });

  it('STOP (ParticipantWithdrew) leaves one program only', async () => {
    const h = lifecycleHarness();
    const bob = { email: `bob-${h.tag}@example.com`, employeeId: `B-${h.tag}` };
    const alpha = await alicePairedIn(h, bob);
    const beta = await alicePairedIn(h, bob);
    const betaStatus = await statusOf(beta.alice);
    await h.putEvent('ParticipantWithdrew', { participantId: alpha.alice.participantId });
    await endsWithinAMinute(h, alpha.pairingId);
    expect(await statusOf(alpha.alice)).toBe('withdrawn');
    expect(await statusOf(beta.alice)).toBe(betaStatus);
    expect((await h.pairing(beta.pairingId)).pairing.status).toBe('active');
  });
});
