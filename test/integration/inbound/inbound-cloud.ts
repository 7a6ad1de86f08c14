import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { putProgram } from '../../../functions/adapters/programs';
import { issueQuestion, type IssuedQuestion } from '../../../functions/adapters/reply-tokens';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { SimClock } from '../../../local/clock';
import { startLocalS3, type LocalS3 } from '../../../local/s3';
import { createLocalSecrets } from '../../../local/secrets';
import type { AslDefinition } from '../../../local/stepfunctions/asl';
import { LocalStepFunctions } from '../../../local/stepfunctions/runtime';
import { startIntakeCloud, type IntakeCloud } from '../intake/dynamo-local';

/**
 * The emulators of the inbound path, in this test process: DynamoDB Local and the SES mailbox
 * (the intake's helper), s3rver with the inbound bucket, one HTTP endpoint that serves the local
 * Step Functions runtime, the local Secrets Manager and a PutEvents recorder, and a tiny
 * waitForTaskToken machine whose "ask" task issues a question the way the workflows do.
 */

export const BUCKET = 'inbound-mail';
export const INBOUND_DOMAIN = 'reply.example.com';
export const PARTICIPANT_EMAIL = 'jane.doe@example.com';
export const PARTICIPANT_ID = 'pt_aaaaaaaaaaaaaaaaaaaa';
const SECRET_ARN = 'arn:aws:secretsmanager:eu-west-1:000000000000:secret:ReplySigningKey';

export interface AskPayload {
  readonly taskToken: string;
  readonly closesInSeconds: number;
}

export interface InboundCloud {
  readonly base: IntakeCloud;
  readonly s3: LocalS3;
  readonly clock: SimClock;
  readonly sfn: LocalStepFunctions;
  readonly events: { DetailType: string; Detail: string; Source: string }[];
  /** Starts the machine (state timeout `stateTimeoutSeconds`) and returns the question it asked. */
  ask(opts?: { stateTimeoutSeconds?: number; closesInSeconds?: number }): Promise<{ executionArn: string; question: IssuedQuestion }>;
  stop(): Promise<void>;
}

function machine(stateTimeoutSeconds: number, closesInSeconds: number): AslDefinition {
  return {
    StartAt: 'AskForCheckIn',
    States: {
      AskForCheckIn: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: 'arn:aws:lambda:eu-west-1:000000000000:function:Ask', Payload: { 'taskToken.$': '$$.Task.Token', closesInSeconds } },
        TimeoutSeconds: stateTimeoutSeconds,
        ResultPath: '$.reply',
        Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.silence', Next: 'NoAnswer' }],
        End: true,
      },
      NoAnswer: { Type: 'Pass', End: true },
    },
  } as AslDefinition;
}

export async function startInboundCloud(): Promise<InboundCloud> {
  const base = await startIntakeCloud();
  const s3 = await startLocalS3({ buckets: [BUCKET] });
  const secrets = createLocalSecrets([{ arn: SECRET_ARN, name: 'ReplySigningKey' }]);
  const events: InboundCloud['events'] = [];
  const clock = new SimClock({ speed: 0 });
  const asked: IssuedQuestion[] = [];
  const askWaiters: (() => void)[] = [];
  const sfn = new LocalStepFunctions({
    clock,
    integrations: {
      async invokeLambda(_arn, payload) {
        const p = payload as AskPayload;
        asked.push(
          await issueQuestion({
            taskToken: p.taskToken,
            purpose: 'check-in',
            programId: 'pilot',
            pairingId: 'pr_one',
            participantId: PARTICIPANT_ID,
            recipientEmail: PARTICIPANT_EMAIL,
            expiresAt: new Date(Date.now() + p.closesInSeconds * 1000).toISOString(),
            choices: ['yes', 'no', '1', '2', '3', '4', '5'],
          }),
        );
        for (const wake of askWaiters.splice(0)) wake();
        return { asked: true };
      },
      async call(resource) {
        throw new Error(`No local binding for ${resource} in the inbound tests.`);
      },
    },
  });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = String(req.headers['x-amz-target'] ?? '');
      const body = Buffer.concat(chunks).toString();
      const reply = (status: number, json: unknown, type: string) => res.writeHead(status, { 'content-type': type }).end(JSON.stringify(json));
      if (target.startsWith('secretsmanager.')) {
        const r = secrets.handleSecretsRequest(target, body);
        reply(r.status, r.body, 'application/x-amz-json-1.1');
      } else if (target === 'AWSEvents.PutEvents') {
        const entries = (JSON.parse(body) as { Entries: InboundCloud['events'] }).Entries;
        events.push(...entries);
        reply(200, { FailedEntryCount: 0, Entries: entries.map((_, i) => ({ EventId: `event-${events.length + i}` })) }, 'application/x-amz-json-1.1');
      } else {
        void sfn.handleRequest(target, body).then((r) => reply(r.status, r.body, 'application/x-amz-json-1.0'));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SFN: endpoint,
    AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
    AWS_ENDPOINT_URL_EVENTBRIDGE: endpoint,
    REPLY_SIGNING_SECRET_ARN: SECRET_ARN,
    INBOUND_DOMAIN,
    ANSWER_BASE_URL: 'https://answers.example.com',
    EVENT_BUS_NAME: 'crossgen-test',
  });
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
  let runs = 0;
  return {
    base,
    s3,
    clock,
    sfn,
    events,
    async ask(opts = {}) {
      const stateTimeout = opts.stateTimeoutSeconds ?? 3600;
      const m = sfn.register({ name: `CheckIn${++runs}`, definition: machine(stateTimeout, opts.closesInSeconds ?? stateTimeout) });
      const before = asked.length;
      const askedNow = new Promise<void>((resolve) => askWaiters.push(resolve));
      const { executionArn } = await sfn.startExecution({ stateMachineArn: m.arn, input: {} });
      await clock.idle();
      // The first state issues the question: wait for that (or for the execution to end without
      // asking), not for an amount of time.
      if (asked.length === before) await Promise.race([askedNow, sfn.waitForExecution(executionArn)]);
      const question = asked[before];
      if (!question) throw new Error('The machine did not ask its question; see the execution history.');
      return { executionArn, question };
    },
    async stop() {
      sfn.close();
      clock.dispose();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await s3.stop();
      await base.stop();
    },
  };
}
