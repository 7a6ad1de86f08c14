import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { GetCommand } from '@aws-sdk/lib-dynamodb';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handler as answerPage } from '../../../functions/answer-page';
import { handler as inboundMail } from '../../../functions/inbound-mail';
import nodemailer from 'nodemailer';
import { deliverInbound, type LocalVerdicts } from '../../../local/inbound';
import { startSmtpListener } from '../../../local/smtp';
import { httpEvent, lambdaContext } from '../intake/lambda-events';
import { BUCKET, PARTICIPANT_EMAIL, startInboundCloud, type InboundCloud } from './inbound-cloud';

const FIXTURES = path.join(__dirname, '..', '..', 'fixtures', 'replies');
// Every fixture is addressed to this reply address and carries this Message-ID.
const FIXTURE_ADDRESS = 'reply+k7q2mz4xw5ab3cd6ef7gh2ij.m3n4o5p6q7r2s3t4@in.crossgen.example';
const FIXTURE_MESSAGE_ID = '<CAKx7q2mz4xw5ab3cd6ef7gh2ij@mail.gmail.com>';

let cloud: InboundCloud;
beforeAll(async () => {
  cloud = await startInboundCloud();
});
afterAll(async () => cloud?.stop());

/** A fixture readdressed to a live question, with a Message-ID of its own. */
function reply(fixture: string, replyAddress: string, messageId = `<${randomUUID()}@mail.example.com>`): Buffer {
  const raw = readFileSync(path.join(FIXTURES, `${fixture}.eml`), 'latin1');
  return Buffer.from(raw.split(FIXTURE_ADDRESS).join(replyAddress).replace(FIXTURE_MESSAGE_ID, messageId), 'latin1');
}

async function deliver(raw: Buffer, verdicts: Partial<LocalVerdicts> = {}): Promise<string> {
  const { result } = await deliverInbound(raw, {
    s3Endpoint: cloud.s3.endpoint,
    bucket: BUCKET,
    verdicts,
    invoke: (event) => inboundMail(event as never, lambdaContext('InboundMail')),
  });
  return (result as { outcomes: { outcome: string }[] }).outcomes[0]!.outcome;
}

const status = (arn: string) => cloud.sfn.describeExecution(arn).status;
const mailsTo = async (to: string) => (await cloud.base.mails()).filter((m) => m.destination.to.includes(to));

async function questionItem(opaqueId: string): Promise<Record<string, unknown>> {
  const { Item } = await cloud.base.db.send(new GetCommand({ TableName: cloud.base.tableName, Key: { PK: `REPLY#${opaqueId}`, SK: '#REPLY' } }));
  return Item ?? {};
}

describe('a reply by email', () => {
  it('advances the waiting workflow with the answer read from the message', async () => {
    const { executionArn, question } = await cloud.ask();
    expect(question.replyAddress).toMatch(/^reply\+[a-z2-7]{24}\.[a-z2-7]{16}@reply\.example\.com$/);
    expect(await deliver(reply('gmail-checkin-yes-rating-note', question.replyAddress))).toBe('recorded');
    const done = await cloud.sfn.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).reply).toEqual({
      answer: { intent: 'yes', rating: 4, score: null, note: 'great chat about AI', pauseUntil: null, decision: null },
      answeredBy: 'pt_aaaaaaaaaaaaaaaaaaaa',
      channel: 'email',
      answeredAt: expect.any(String),
    });
    const item = await questionItem(question.opaqueId);
    expect(item.usedAt).toBeDefined();
    expect(JSON.stringify(item)).toContain('taskToken');
    expect(question.replyAddress + JSON.stringify(question.answerLinks)).not.toContain(String(item.taskToken));
  });

  it('does not advance on a spoofed sender, and tells the real participant once', async () => {
    const { executionArn, question } = await cloud.ask();
    const before = (await mailsTo(PARTICIPANT_EMAIL)).length;
    expect(await deliver(reply('spoofed-sender', question.replyAddress))).toBe('wrong-sender');
    expect(await deliver(reply('spoofed-sender', question.replyAddress))).toBe('wrong-sender');
    expect(status(executionArn)).toBe('RUNNING');
    const notes = (await mailsTo(PARTICIPANT_EMAIL)).slice(before);
    expect(notes.map((m) => m.subject)).toEqual(['A reply from another address was not recorded']);
    expect(notes[0]!.body.text).not.toContain('sam.okafor@example.com');
    expect((await questionItem(question.opaqueId)).usedAt).toBeUndefined();
  });

  it('does not advance on an out-of-office reply or a bounce, and sends nothing', async () => {
    const { executionArn, question } = await cloud.ask();
    const before = (await cloud.base.mails()).length;
    expect(await deliver(reply('ooo-exchange-en', question.replyAddress))).toBe('auto-reply');
    expect(await deliver(reply('dsn-postfix', question.replyAddress))).toMatch(/auto-reply|no-reply-address/);
    expect(status(executionArn)).toBe('RUNNING');
    expect((await cloud.base.mails()).length).toBe(before);
  });

  it('records the same message delivered twice once', async () => {
    const { executionArn, question } = await cloud.ask();
    const raw = reply('gmail-acceptance-top-posted', question.replyAddress);
    const before = (await cloud.base.mails()).length;
    expect(await deliver(raw)).toBe('recorded');
    expect(await deliver(raw)).toBe('duplicate');
    expect((await cloud.sfn.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
    // A second SendTaskSuccess would have been refused and answered with "question closed".
    expect((await cloud.base.mails()).length).toBe(before);
  });

  it('answers each unclear reply with a clarification quoting it, up to three per question, once per message, and records nothing', async () => {
    const { executionArn, question } = await cloud.ask();
    const first = reply('ambiguous-yes-and-no', question.replyAddress);
    expect(await deliver(first)).toBe('clarification-sent');
    // The same message delivered again is not answered twice.
    expect(await deliver(first)).toBe('duplicate');
    // A person who tries again is not met with silence; past three, nothing more (two robots never write forever).
    expect(await deliver(reply('ambiguous-yes-and-no', question.replyAddress))).toBe('clarification-sent');
    expect(await deliver(reply('ambiguous-yes-and-no', question.replyAddress))).toBe('clarification-sent');
    expect(await deliver(reply('ambiguous-yes-and-no', question.replyAddress))).toBe('unclear-again');
    expect(status(executionArn)).toBe('RUNNING');
    const asks = (await mailsTo(PARTICIPANT_EMAIL)).filter((m) => m.subject.startsWith('Could you say that again'));
    expect(asks).toHaveLength(3);
    expect(asks[0]!.body.text).toContain('Yes and no, we only met briefly');
    expect(asks[0]!.body.text).toContain('https://answers.example.com/r/');
  });

  it('publishes PAUSE as a control event and records it as the answer', async () => {
    const { executionArn, question } = await cloud.ask();
    expect(await deliver(reply('command-pause-iso', question.replyAddress))).toBe('command');
    expect(cloud.events.at(-1)).toMatchObject({ Source: 'crossgen', DetailType: 'PairingPauseRequested' });
    expect(JSON.parse(cloud.events.at(-1)!.Detail)).toMatchObject({ pairingId: 'pr_one', participantId: 'pt_aaaaaaaaaaaaaaaaaaaa', programId: 'pilot' });
    const done = await cloud.sfn.waitForExecution(executionArn);
    expect(JSON.parse(done.output!).reply.answer.intent).toBe('pause');
  });

  it('answers a reply after the task timed out with "question closed", and records nothing', async () => {
    // Our record still says open (closes in a day); Step Functions has given up after a minute.
    const { executionArn, question } = await cloud.ask({ stateTimeoutSeconds: 60, closesInSeconds: 86_400 });
    await cloud.clock.advance(61_000);
    const ended = await cloud.sfn.waitForExecution(executionArn);
    expect(JSON.parse(ended.output!).silence).toBeDefined();
    const before = (await mailsTo(PARTICIPANT_EMAIL)).length;
    expect(await deliver(reply('gmail-checkin-yes-rating-note', question.replyAddress))).toBe('closed');
    const notes = (await mailsTo(PARTICIPANT_EMAIL)).slice(before);
    expect(notes.map((m) => m.subject)).toEqual(['That question has already closed']);
    const item = await questionItem(question.opaqueId);
    expect(item.usedAt).toBeUndefined();
    expect(item.closedBy).toBe('workflow');
  });

  it('refuses failed verdicts and forged reply addresses without answering anyone', async () => {
    const { executionArn, question } = await cloud.ask();
    const before = (await cloud.base.mails()).length;
    // SES's own verdicts sit above the fixture's: the fixture's failing copy alone would not count.
    expect(await deliver(reply('verdict-spf-dmarc-fail', question.replyAddress), { spf: 'fail', dmarc: 'fail' })).toBe('verdict-failed');
    expect(await deliver(reply('gmail-checkin-yes-rating-note', question.replyAddress), { virus: 'fail' })).toBe('verdict-failed');
    const forged = question.replyAddress.replace(/\.[a-z2-7]{16}@/, '.aaaaaaaaaaaaaaaa@');
    expect(await deliver(reply('gmail-checkin-yes-rating-note', forged))).toBe('forged-address');
    expect(await deliver(Buffer.from('\u0000\u0001 not a message at all'))).toBe('unreadable');
    expect(status(executionArn)).toBe('RUNNING');
    expect((await cloud.base.mails()).length).toBe(before);
  });
});

describe('the local MX', () => {
  it('takes a reply sent over SMTP the same way as SES would, and the workflow advances', async () => {
    const { executionArn, question } = await cloud.ask();
    const outcomes: string[] = [];
    const smtp = await startSmtpListener({
      domains: ['reply.example.com'],
      onMessage: async (raw) => void outcomes.push(await deliver(raw)),
    });
    try {
      const raw = reply('outlook-desktop-yes-rating', question.replyAddress);
      const transport = nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true });
      await transport.sendMail({ envelope: { from: PARTICIPANT_EMAIL, to: [question.replyAddress] }, raw });
    } finally {
      await smtp.stop();
    }
    expect(outcomes).toEqual(['recorded']);
    expect((await cloud.sfn.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
  });
});

describe('an answer link', () => {
  async function call(method: 'GET' | 'POST', url: string, body?: string): Promise<APIGatewayProxyStructuredResultV2> {
    const p = new URL(url).pathname;
    const event = httpEvent(method, p, body === undefined ? {} : { body, contentType: 'application/x-www-form-urlencoded' });
    event.pathParameters = { token: p.slice('/r/'.length) };
    event.routeKey = `${method} /r/{token}`;
    return (await answerPage(event, lambdaContext('AnswerPage'))) as APIGatewayProxyStructuredResultV2;
  }

  it('shows a confirm form on GET without recording, and records on POST', async () => {
    const { executionArn, question } = await cloud.ask();
    const link = question.answerLinks['4']!;
    const shown = await call('GET', link);
    expect(shown.statusCode).toBe(200);
    expect(shown.body).toMatch(/<form method="post"/);
    expect(shown.body).toContain('4 out of 5');
    expect(shown.headers?.['content-security-policy']).toMatch(/default-src 'none'/);
    await call('GET', link);
    expect(status(executionArn)).toBe('RUNNING');
    expect((await questionItem(question.opaqueId)).usedAt).toBeUndefined();

    const posted = await call('POST', link, 'note=Lovely+chat');
    expect(posted.statusCode).toBe(200);
    expect(posted.body).toContain('We recorded your answer');
    const done = await cloud.sfn.waitForExecution(executionArn);
    expect(JSON.parse(done.output!).reply).toMatchObject({ answer: { intent: 'rating', rating: 4, note: 'Lovely chat' }, channel: 'link' });

    const again = await call('POST', question.answerLinks.yes!);
    expect(again.statusCode).toBe(409);
  });

  it('answers an edited token with 400 and an expired one with 410', async () => {
    const { question } = await cloud.ask({ closesInSeconds: 30 });
    const link = question.answerLinks.yes!;
    // Edit a character in the middle of the token: the last base64url character may only carry
    // padding bits, so changing it does not always change the decoded bytes.
    const at = link.lastIndexOf('/') + 1 + Math.floor((link.length - link.lastIndexOf('/') - 1) / 2);
    const edited = link.slice(0, at) + (link[at] === 'A' ? 'B' : 'A') + link.slice(at + 1);
    expect((await call('GET', edited)).statusCode).toBe(400);
    await cloud.clock.advance(31_000);
    const expired = await call('POST', link);
    expect(expired.statusCode).toBe(410);
    expect(expired.body).toContain('This link has expired');
  });
});
