import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, inject, it } from 'vitest';
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
afterAll(() => ddb.destroy());

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
    // The same employee id under an older address, on the waitlist of a program with nobody for her.
    const gammaId = await h.program({});
    const gamma = await h.enrol({
      programId: gammaId,
      role: 'mentor',
      name: `Alice Adams${h.tag}`,
      email: `a.adams-${h.tag}@example.com`,
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
    const herAddresses = [alice.email, `a.adams-${h.tag}@example.com`];
    // (The namesake's own enrolment confirmation may go out late: it is theirs, not hers.)
    const toHer = (await h.emails()).filter((e) => e.to.some((to) => herAddresses.includes(to.toLowerCase())) && !/^You are enrolled/.test(e.subject));
    expect(toHer.filter((e) => e.sentAt > endedAt).map((e) => e.subject)).toEqual([]);
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
