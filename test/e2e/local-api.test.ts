import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { rulesFromTemplate } from '../../local/eventbridge/bus';
import { synthesizeApp, TemplateResolver } from '../../local/synth';
import { intakeInput } from '../fixtures/intake/participants';
import { localCloud } from './local-cloud-client';

/**
 * End to end through the local API only: HTTP routes, the mailbox, the bus via the real SDK
 * client, dead letters. The tests use addresses of their own, as other files share this cloud.
 */

const cloud = localCloud();
const { region } = inject('cloud');
const run = `${process.pid}`;
let enrolmentBus: string;

beforeAll(async () => {
  // Which bus carries ParticipantEnrolled is read from the CDK app, as the local cloud reads it.
  const app = await synthesizeApp({ region });
  const resolver = new TemplateResolver(app);
  const rules = Object.values(app.templates).flatMap((t) => rulesFromTemplate(t, (i) => String(resolver.resolve(i))));
  const rule = rules.find((r) => JSON.stringify(r.pattern['detail-type']) === JSON.stringify(['ParticipantEnrolled']));
  if (!rule) throw new Error('The CDK app has no rule for ParticipantEnrolled events.');
  enrolmentBus = rule.eventBusName;
});

const eventBridge = () => new EventBridgeClient({ endpoint: cloud.baseUrl, region, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

type ParticipantSummary = { participantId: string; email: string; status: string };
const participantsOfPilot = async () => {
  const body = await cloud.get<ParticipantSummary[] | { participants: ParticipantSummary[] }>('/local/participants?programId=pilot');
  return Array.isArray(body) ? body : body.participants;
};

describe('the local cloud, through its API', () => {
  it.each(['/local/pairings', '/local/mail-feedback', '/local/clock', '/local/programs', '/local/faults', '/local/quotas'])(
    'answers %s with 400 naming what is wrong when the body is not the JSON object it takes, never a 500',
    async (route) => {
      for (const body of ['null', '[1]', '"pt_a"', '42', '{"broken": ']) {
        const res = await cloud.post(route, body);
        const answer = (await res.json()) as { message?: string; error?: string };
        expect({ route, body, status: res.status }).toEqual({ route, body, status: 400 });
        expect(answer.message ?? answer.error).toMatch(/^[A-Z"{]/);
        expect(JSON.stringify(answer)).not.toMatch(/TypeError|Cannot read/);
      }
    },
  );

  it('serves the intake form without the AWS sign-in: the local cloud has no user pool', async () => {
    const res = await fetch(`${cloud.baseUrl}/intake?programId=pilot`);
    expect(res.status).toBe(200);
    const page = await res.text();
    expect(page).toContain('<form id="intake"');
    expect(page).toContain('Reverse mentoring pilot');
    expect(page).not.toMatch(/<form[^>]*data-sign-in/);
    expect(page).not.toContain('id="signin"');
    expect(res.headers.get('content-security-policy')).toContain("connect-src 'self';");
  });

  it("serves protected routes as a local admin in the hr group: the handler's check runs, it is not skipped", async () => {
    // GET /participants/{id} is protected: the handler's hr-group check sees the local admin's claims.
    const res = await fetch(`${cloud.baseUrl}/participants/pt_aaaaaaaaaaaaaaaaaaaa`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: string }).error).toMatch(/participant/i);
  });

  it('stamps the verdicts SES would add to inbound mail, and simulates failures on request', async () => {
    // A new Message-ID each time: the inbound function skips a message it has seen.
    const raw = () =>
      `From: someone.${run}@example.com\r\nTo: nobody@example.com\r\nSubject: hello\r\nMessage-ID: <${run}.${Math.random()}@example.com>\r\n\r\nYes\r\n`;
    const outcome = async (query: string, message = raw()) => {
      const res = await fetch(`${cloud.baseUrl}/local/inbound${query}`, { method: 'POST', headers: { 'content-type': 'message/rfc822' }, body: message });
      return { status: res.status, body: (await res.json()) as { result?: { outcomes: { outcome: string }[] }; message?: string } };
    };
    // Passing verdicts: the message is judged on its addresses (this one has no reply address).
    expect((await outcome('')).body.result?.outcomes[0]?.outcome).toBe('no-reply-address');
    expect((await outcome('?virus=fail')).body.result?.outcomes[0]?.outcome).toBe('verdict-failed');
    expect((await outcome('', `X-Local-Verdicts: dmarc=fail\r\n${raw()}`)).body.result?.outcomes[0]?.outcome).toBe('verdict-failed');
    const refused = await outcome('?virus=maybe');
    expect(refused.status).toBe(400);
    expect(refused.body.message).toMatch(/not a value SES reports for virus/);
    // The same mistake in the message's own header is the caller's too: 400, not a 500.
    const inHeader = await outcome('', `X-Local-Verdicts: spf=perhaps\r\n${raw()}`);
    expect(inHeader.status).toBe(400);
    expect(inHeader.body.message).toMatch(/not a value SES reports for spf/);
    const unknown = await outcome('', `X-Local-Verdicts: colour=red\r\n${raw()}`);
    expect(unknown.status).toBe(400);
    expect(unknown.body.message).toMatch(/^"colour" is not a verdict SES reports/);
  });

  it('enrols two participants over HTTP and mails each a confirmation', async () => {
    const mentor = intakeInput({ name: 'Ada Lovelace', email: `ada.${run}@example.com`, role: 'mentor' });
    const mentee = intakeInput({
      name: 'Alan Turing',
      email: `alan.${run}@example.com`,
      role: 'mentee',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
    });
    const ids: string[] = [];
    for (const person of [mentor, mentee]) {
      const res = await cloud.post('/participants', person);
      expect(res.status).toBe(201);
      const body = (await res.json()) as { participantId: string; status: string; email: string };
      expect(body).toMatchObject({ email: person.email, status: 'enrolled' });
      ids.push(body.participantId);
    }
    const read = await fetch(`${cloud.baseUrl}/participants/${ids[1]}`);
    expect(await read.json()).toMatchObject({ participantId: ids[1], role: 'mentee' });

    const confirmations = await cloud.until('both confirmations', async () => {
      const mine = (await cloud.emails()).filter((e) => e.to.includes(mentor.email) || e.to.includes(mentee.email));
      return mine.length >= 2 ? mine : undefined;
    });
    expect(confirmations.map((e) => e.to)).toEqual(expect.arrayContaining([[mentor.email], [mentee.email]]));
    for (const e of confirmations) {
      expect(e.subject).toBe('You are enrolled in Reverse mentoring pilot');
      expect(e.text).toMatch(e.to[0] === mentor.email ? /Hello Ada,[\s\S]*as a mentor/ : /Hello Alan,[\s\S]*as a mentee/);
    }
    expect(confirmations).toHaveLength(2);
  });

  it('runs the rule target of a ParticipantEnrolled event put with the EventBridge SDK client', async () => {
    const email = `hris.${run}@example.com`;
    const client = eventBridge();
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: enrolmentBus,
            Source: 'hris.example',
            DetailType: 'ParticipantEnrolled',
            Detail: JSON.stringify(intakeInput({ name: 'Katherine Johnson', email })),
          },
        ],
      }),
    );
    client.destroy();
    expect(out.FailedEntryCount).toBe(0);
    const eventId = out.Entries?.[0]?.EventId;
    expect(eventId).toBeTruthy();

    const logged = await cloud.until('the delivery', async () => {
      const entry = (await cloud.events()).find((e) => e.event.id === eventId);
      return entry?.deliveries.every((d) => d.status !== 'pending') ? entry : undefined;
    });
    expect(logged.deliveries).toEqual([expect.objectContaining({ status: 'delivered' })]);
    const participant = (await participantsOfPilot()).find((p) => p.email === email);
    expect(participant).toMatchObject({ status: 'enrolled' });
    const mail = (await cloud.emails()).filter((e) => e.to.includes(email));
    expect(mail.map((m) => m.subject)).toEqual(['You are enrolled in Reverse mentoring pilot']);
  });

  it("keeps an event its function keeps failing on as a dead letter, with the reason, after Lambda's retries", async () => {
    const email = `broken.${run}@example.com`;
    const client = eventBridge();
    const out = await client.send(
      new PutEventsCommand({
        Entries: [
          {
            EventBusName: enrolmentBus,
            Source: 'hris.example',
            DetailType: 'ParticipantEnrolled',
            Detail: JSON.stringify({ ...intakeInput({ email }), timeZone: 'Atlantis/Capital' }),
          },
        ],
      }),
    );
    client.destroy();
    const eventId = out.Entries?.[0]?.EventId;
    // Lambda retries an asynchronous invocation 1 and then 2 simulated minutes later.
    await cloud.idle();
    await cloud.post('/local/clock', { advance: 'PT5M' });
    const dead = await cloud.until('the dead letter', async () => (await cloud.deadLetters()).find((d) => d.event?.id === eventId));
    expect(dead.errorCode).toBe('RetriesExhausted');
    expect(dead.attempts).toBe(3);
    expect(dead.reason).toContain(`ParticipantEnrolled event ${eventId} was rejected`);
    expect(dead.reason).toMatch(/timeZone must be an IANA time zone/);
    expect((await participantsOfPilot()).some((p) => p.email === email)).toBe(false);
    expect((await cloud.emails()).some((e) => e.to.includes(email))).toBe(false);
  });
});
