import { randomUUID } from 'node:crypto';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import { DeleteItemCommand, DynamoDBClient, GetItemCommand, PutItemCommand, UpdateItemCommand } from '@aws-sdk/client-dynamodb';
import { SimClock } from './clock';
import { LocalEventBus, eventBusNamesFromTemplate, rulesFromTemplate, schedulesFromTemplate } from './eventbridge/bus';
import { handleEventsRequest } from './eventbridge/endpoint';
import type { LocalStepFunctions } from './stepfunctions/runtime';
import { createTablesFromTemplates, startDynamoDbLocal } from './dynamodb';
import { dynamoDbTransport } from './dynamodb-transport';
import { jsonObjectBody, keepConnectionsAlive, routesOf, serveRoute, type LocalRoute } from './http-api';
import { LocalLambdaRuntime } from './lambda';
import { AsyncInvoker, asyncInvokeConfigsOf } from './lambda-async';
import { allDeadLetters, functionDeadLetter, type FunctionDeadLetter } from './dead-letters';
import { overridesInMessage, parseVerdictOverrides, type LocalVerdicts } from './inbound';
import { clockAnswer, clockRequest, emailsSince } from './local-api-input';
import { DYNAMODB_TARGET_PREFIX, keySchemasOf, LocalFaults } from './faults';
import { quotasFromEnvironment, type QuotaSettings } from './faults/quotas';
import { faultsFromEnvironment, type FaultSpec } from './faults/spec';
import { DETAIL_TYPES, feedbackDetail, sentMessageOf, simulatedFeedbackFor, type FeedbackKind, type SentMessage } from './ses-feedback';
import { renderConsole } from './console';
import { LocalStateStore } from './persistence';
import { createLocalSecrets, secretsOfTemplates } from './secrets';
import type { StoredEmail } from './ses';
import { functionsOf, synthesizeApp, TemplateResolver } from './synth';

/** How long a restart waits for resumed work to settle before the cloud answers (real milliseconds). */
const RESUME_WAIT_MS = 10_000;
/**
 * How long a graceful stop under --data waits for running work (a Lambda between its writes) to
 * settle before it tears the services down (real milliseconds). A bound, not a guarantee: what it
 * cuts, the async invocation journal delivers again at the next start.
 */
const SETTLE_ON_STOP_MS = 5_000;
/** Under --data, how often the clock and the event log are written besides their own moments (real milliseconds). */
const KEEP_EVERY_MS = 1_000;
export interface LocalCloudOptions {
  /** Port of the one HTTP server (console, API routes, local API). 0 = any free port. @default 4100 */
  readonly port?: number;
  /**
   * Where the cloud keeps its data (DynamoDB, S3, secrets, the clock, executions, the mailbox, the
   * event log and dead letters), so that a restart carries on; undefined = in memory.
   */
  readonly dataDir?: string;
  /** SMTP listener for replies from a real mail client. 0 = any free port. @default 2525 */
  readonly smtpPort?: number;
  /** Simulated seconds per real second. @default 1 */
  readonly speed?: number;
  readonly region?: string;
  /** Progress lines (not the console URL). */
  readonly log?: (line: string) => void;
  /** Faults armed at start. @default CROSSGEN_FAULTS (a JSON list), else none */
  readonly faults?: readonly FaultSpec[];
  /** AWS quotas the cloud enforces (SES send rate, StartExecution bucket). @default CROSSGEN_QUOTAS, else AWS's defaults */
  readonly quotas?: Partial<QuotaSettings>;
}

export interface LocalCloud {
  readonly url: string;
  readonly clock: SimClock;
  readonly stepFunctions: LocalStepFunctions;
  readonly bus: LocalEventBus;
  readonly lambdas: LocalLambdaRuntime;
  /** Lambda's asynchronous invocation (rule targets): retries on the clock, on-failure destinations. */
  readonly asyncLambdas: AsyncInvoker;
  readonly faults: LocalFaults;
  readonly endpoints: { dynamodb: string; sesv2: string; sfn: string; eventbridge: string; s3: string; secretsmanager: string; smtp: string };
  readonly tableName: string;
  readonly startupMs: number;
  stop(): Promise<void>;
}

type Json = Record<string, unknown> | unknown[] | string | number | boolean | null;

const MAX_LOCAL_BODY = 12 * 1024 * 1024;

async function readBody(req: http.IncomingMessage, limit = MAX_LOCAL_BODY): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > limit) throw Object.assign(new Error('Request body too large'), { status: 413 });
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

function send(res: http.ServerResponse, status: number, body: Json, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
}

/**
 * Promise.all that waits for every start to settle before it throws, so that an emulator still
 * starting when another fails has registered its stop by the time the cloud stops everything.
 */
async function allStarted<T extends readonly unknown[] | []>(starts: T): Promise<{ -readonly [P in keyof T]: Awaited<T[P]> }> {
  const settled = (await Promise.allSettled(starts)) as PromiseSettledResult<unknown>[];
  for (const r of settled) if (r.status === 'rejected') throw r.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value) as { -readonly [P in keyof T]: Awaited<T[P]> };
}

/**
 * A port another process listens on, said by the `crossgen local` option that chooses it: Node's
 * "listen EADDRINUSE" names the address but not what to change.
 */
function portTaken(e: unknown, port: number, option: '--port' | '--smtp-port'): unknown {
  if ((e as NodeJS.ErrnoException | undefined)?.code !== 'EADDRINUSE') return e;
  return new Error(`port ${port} is taken: pass another ${option}, or stop what listens on 127.0.0.1:${port}.`);
}

/**
 * The whole of crossgen on one machine: DynamoDB Local and the SESv2 mailbox as child/in-process
 * emulators, our Lambda handlers in-process, all wired from the synthesized templates.
 */
export async function startLocalCloud(opts: LocalCloudOptions = {}): Promise<LocalCloud> {
  const t0 = performance.now();
  const log = opts.log ?? (() => undefined);
  const region = opts.region ?? 'eu-west-1';
  const stops: (() => Promise<void>)[] = [];
  let halt = (): void => undefined;
  let settle = async (): Promise<void> => undefined;
  /** Once the services are torn down, a run cut short is no outcome: its invocation stays queued for the next start. */
  let journalOpen = true;
  const stop = async () => {
    // First of all: an advance under way stops where it is, so that the clock kept is the last moment reached.
    halt();
    await settle().catch(() => undefined);
    journalOpen = false;
    for (const s of stops.reverse()) await s().catch(() => undefined);
    stops.length = 0;
  };
  // A wrong CROSSGEN_FAULTS or CROSSGEN_QUOTAS fails the start before any emulator is started.
  const initialFaults = opts.faults ?? faultsFromEnvironment(process.env.CROSSGEN_FAULTS);
  const initialQuotas = { ...quotasFromEnvironment(process.env.CROSSGEN_QUOTAS), ...opts.quotas };
  // With --data, a restart carries on from what the last run kept (local/persistence.ts).
  const kept = opts.dataDir ? new LocalStateStore(opts.dataDir) : undefined;
  const keptNow = kept?.readResumeTime();
  /**
   * Under --data, clock.json is never behind a moment the clock reached, so a restart after a
   * kill -9 never takes the clock back before what was done then: it is written before timers
   * fire, at their instant, ahead of their work (records dated then), and while the clock flows,
   * where it will be by the keeper's write after next. It only moves forward, but at a stop.
   */
  let keptClockMs = Number.NEGATIVE_INFINITY;
  const keepClock = (atLeastMs: number): void => {
    if (!kept || atLeastMs <= keptClockMs) return;
    kept.writeClock(atLeastMs);
    keptClockMs = atLeastMs;
  };
  // One simulated clock drives Date, Wait states and task timeouts in this process; after a
  // restart it goes on from the simulated moment the last run reached.
  const clock = new SimClock({ speed: opts.speed ?? 1, ...(keptNow !== undefined ? { now: keptNow } : {}), ...(kept ? { beforeFire: keepClock } : {}) });
  halt = () => clock.halt();
  stops.push(async () => clock.dispose());
  try {
    // Credentials and region for every SDK client in this process (emulators ignore signatures).
    Object.assign(process.env, {
      AWS_REGION: region,
      AWS_DEFAULT_REGION: region,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      POWERTOOLS_TRACE_ENABLED: 'false',
      // Tracing is off here; without this the X-Ray SDK still hooks every promise of the process (cls-hooked).
      AWS_XRAY_MANUAL_MODE: 'true',
      POWERTOOLS_METRICS_DISABLED: 'true',
      POWERTOOLS_LOG_LEVEL: process.env.POWERTOOLS_LOG_LEVEL ?? 'WARN',
      CROSSGEN_LOCAL: 'true',
    });
    delete process.env.AWS_PROFILE;

    // The port opens first and answers 503 until everything is ready (docs/local.md): a client
    // polling /health never meets a refused connection or a half-wired cloud.
    let ready = false;
    let serve: ((req: http.IncomingMessage, res: http.ServerResponse) => Promise<void>) | undefined;
    // While warming up (the default program's seed, executions resumed after a restart) the
    // handlers already call AWS services through this port; everything else waits for ready.
    let warming = false;
    const server = keepConnectionsAlive(
      http.createServer((req, res) => {
        const serviceCall = warming && (typeof req.headers['x-amz-target'] === 'string' || (req.url ?? '').startsWith('/v2/email/'));
        if (!serve || (!ready && !serviceCall)) {
          send(res, 503, { status: 'starting', message: 'The local cloud is starting; ask /health again in a moment.' }, { 'retry-after': '1' });
          return;
        }
        serve(req, res).catch((e: Error & { status?: number }) => {
          // A body that is not JSON, or a path with a broken %-escape, is the caller's mistake (as
          // API Gateway answers it): 400 saying which, never a 500.
          const status = e.status ?? (e instanceof SyntaxError || e instanceof URIError ? 400 : 500);
          const message =
            e instanceof SyntaxError
              ? `The body is not valid JSON: ${e.message}`
              : e instanceof URIError
                ? `The path holds a malformed %-escape: ${e.message}`
                : e.message;
          if (!res.headersSent) send(res, status, { message });
          else res.end();
        });
      }),
    );
    await new Promise<void>((resolve, reject) => {
      server.once('error', (e) => reject(portTaken(e, opts.port ?? 4100, '--port')));
      server.listen(opts.port ?? 4100, '127.0.0.1', () => resolve());
    });
    stops.push(
      () =>
        new Promise<void>((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    );
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

    // The emulators start side by side while the templates load (from the synth cache when the
    // sources have not changed since the last start: local/synth.ts).
    log('starting DynamoDB Local and the SES mailbox; loading the templates');
    // DynamoDB Local's JVM is spawned first; the emulators' modules load while it starts.
    const stopLater = <T extends { stop(): Promise<void> }>(service: T): T => {
      stops.push(() => service.stop());
      return service;
    };
    const dynamoStarting = startDynamoDbLocal({ dataDir: opts.dataDir ? path.join(opts.dataDir, 'dynamodb') : undefined }).then(stopLater);
    const modules = Promise.all([import('./ses'), import('./s3'), import('./stepfunctions/runtime'), import('./inbound'), import('./smtp')]);
    const [dynamo, ses, app, [, { startLocalS3 }, { LocalStepFunctions }, { deliverInbound }, { startSmtpListener }]] = await allStarted([
      dynamoStarting,
      modules.then(([{ startSesLocal }]) => startSesLocal({ restored: kept?.readEmails<StoredEmail>() ?? [] })).then(stopLater),
      synthesizeApp({ region }),
      modules,
    ]);
    log(`DynamoDB Local on ${dynamo.endpoint}, SES mailbox on ${ses.endpoint}`);
    const resolver = new TemplateResolver(app);
    resolver.localApiUrl = url;
    const ddb = new DynamoDBClient({ endpoint: dynamo.endpoint, region });
    const buckets = resolver.resources('AWS::S3::Bucket').map((b) => resolver.refOf(b.logicalId));
    const [tables, s3] = await allStarted([
      createTablesFromTemplates(resolver, ddb).finally(() => ddb.destroy()),
      startLocalS3({ buckets, ...(opts.dataDir ? { directory: path.join(opts.dataDir, 's3') } : {}) }).then(stopLater),
    ]);
    // Handlers reach DynamoDB Local through the cloud's port, where faults can be injected.
    const faults = new LocalFaults({
      dynamoDbEndpoint: dynamo.endpoint,
      keySchemas: keySchemasOf(
        [...resolver.resources('AWS::DynamoDB::GlobalTable'), ...resolver.resources('AWS::DynamoDB::Table')].map((t) => ({
          logicalId: t.logicalId,
          properties: resolver.resolve(t.resource.Properties ?? {}) as never,
        })),
      ),
      simulatedMs: () => clock.nowMs(),
      faults: initialFaults,
      quotas: initialQuotas,
    });
    stops.push(async () => faults.close());
    // The handlers' DynamoDB calls go straight to DynamoDB Local while no fault is armed (local/dynamodb-transport.ts).
    const { LOCAL_DYNAMODB_HANDLER } = await import('../functions/adapters/dynamo');
    const transport = dynamoDbTransport({ dynamoDbLocal: dynamo.endpoint, faultsArmed: () => faults.book.armed('dynamodb') });
    (globalThis as Record<symbol, unknown>)[LOCAL_DYNAMODB_HANDLER] = transport;
    stops.push(async () => {
      delete (globalThis as Record<symbol, unknown>)[LOCAL_DYNAMODB_HANDLER];
      transport.destroy();
    });
    const secrets = createLocalSecrets(secretsOfTemplates(resolver), opts.dataDir ? { dataDir: opts.dataDir } : {});
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_S3: s3.endpoint,
      AWS_ENDPOINT_URL_SECRETS_MANAGER: url,
      AWS_ENDPOINT_URL_DYNAMODB: url,
      // SESv2 goes through the local cloud to the mailbox, so that sends can draw SES feedback.
      AWS_ENDPOINT_URL_SESV2: url,
      AWS_ENDPOINT_URL_SFN: url,
      AWS_ENDPOINT_URL_EVENTBRIDGE: url,
    });

    // Handlers load on their first invocation (local/lambda.ts), not at start.
    const lambdas = new LocalLambdaRuntime(functionsOf(resolver));
    const ddbService = new DynamoDBClient({ endpoint: dynamo.endpoint, region });
    stops.push(async () => ddbService.destroy());

    // Step Functions: every state machine of the templates, its Lambda tasks bound in-process.
    let bus: LocalEventBus;
    const stepFunctions: LocalStepFunctions = new LocalStepFunctions({
      clock,
      region,
      accountId: app.accountId,
      ...(kept ? { journal: kept } : {}),
      integrations: {
        invokeLambda: (arn, payload) => lambdas.invoke(arn, payload),
        call: (resource, parameters) => callService(resource, parameters as Record<string, any>),
      },
    });
    stops.push(async () => stepFunctions.close());
    async function callService(resource: string, p: Record<string, any>): Promise<unknown> {
      const action = resource.replace(/^arn:aws:states:::/, '');
      if (action === 'events:putEvents') return bus.putEvents(p.Entries);
      if (action === 'states:startExecution') {
        faults.checkStartExecution();
        const input = typeof p.Input === 'string' ? p.Input : JSON.stringify(p.Input ?? {});
        return stepFunctions.startExecution({ stateMachineArn: p.StateMachineArn, name: p.Name, input });
      }
      const commands: Record<string, new (input: any) => any> = {
        'dynamodb:getItem': GetItemCommand,
        'dynamodb:putItem': PutItemCommand,
        'dynamodb:updateItem': UpdateItemCommand,
        'dynamodb:deleteItem': DeleteItemCommand,
      };
      const Command = commands[action];
      if (!Command) throw new Error(`The local cloud has no binding for ${resource}.`);
      try {
        const { $metadata, ...out } = (await ddbService.send(new Command(p))) as unknown as Record<string, unknown>;
        void $metadata;
        return out;
      } catch (e) {
        // Step Functions names service errors "DynamoDB.<Exception>".
        throw Object.assign(new Error((e as Error).message), { name: `DynamoDB.${(e as Error).name}` });
      }
    }
    for (const { logicalId, resource } of resolver.resources('AWS::StepFunctions::StateMachine')) {
      const props = resolver.resolve(resource.Properties ?? {}) as { DefinitionString?: string; Definition?: unknown };
      const definition = props.DefinitionString ?? props.Definition;
      stepFunctions.register({ name: logicalId, arn: resolver.arnOf(logicalId), definition: definition as never });
    }

    // Lambda's async invocation: 2 retries on the simulated clock, then the on-failure destination.
    const functionDeadLetters: FunctionDeadLetter[] = [];
    const asyncLambdas = new AsyncInvoker({
      invoke: (arn, payload) => lambdas.invoke(arn, payload),
      find: (nameOrArn) => lambdas.find(nameOrArn),
      configs: asyncInvokeConfigsOf(resolver),
      clock,
      // Under --data a queued event outlives the process: a restart delivers what did not end (docs/local.md, Restarts).
      ...(kept && {
        journal: {
          queued: (invocation) => kept.invocationQueued(invocation),
          ended: (id, outcome) => {
            if (journalOpen) kept.invocationEnded(id, outcome);
          },
        },
      }),
      onFailure: (failure) => {
        const { destination } = failure;
        if (destination === undefined)
          log(
            `${failure.functionName} failed ${failure.record.requestContext.approximateInvokeCount} time(s) on an event and has no on-failure destination: AWS drops it.`,
          );
        else functionDeadLetters.push(functionDeadLetter({ ...failure, destination }));
      },
    });

    // EventBridge: rules and targets of the templates, routed by our pattern matcher.
    const rules = Object.values(app.templates).flatMap((t) => rulesFromTemplate(t, (intrinsic) => String(resolver.resolve(intrinsic))));
    const schedules = Object.values(app.templates).flatMap((t) => schedulesFromTemplate(t, (intrinsic) => String(resolver.resolve(intrinsic))));
    const busNames = Object.values(app.templates).flatMap((t) => eventBusNamesFromTemplate(t).map((n) => String(resolver.resolve(n))));
    bus = new LocalEventBus({
      rules,
      eventBusNames: busNames,
      region,
      account: app.accountId,
      now: () => clock.now(),
      deliver: (arn, input) => clock.track(deliverToTarget(arn, input)),
      // Under --data an accepted event is in the log after a kill, not only after the next second's save.
      ...(kept && {
        journal: {
          logged: (logged) => kept.eventLogged(logged),
          settled: (eventId, index, record) => kept.deliverySettled(eventId, index, record),
        },
      }),
    });
    async function deliverToTarget(arn: string, input: string): Promise<void> {
      if (arn.startsWith('arn:aws:lambda:')) {
        // EventBridge invokes asynchronously: delivered once Lambda has queued the event. A function
        // error is Lambda's to retry and dead-letter (local/lambda-async.ts), never the rule's.
        asyncLambdas.invoke(arn, JSON.parse(input));
        return;
      }
      if (arn.startsWith('arn:aws:states:')) {
        await stepFunctions.startExecution({ stateMachineArn: arn, input });
        return;
      }
      throw new Error(`The local cloud cannot deliver to ${arn}.`);
    }

    const routes: LocalRoute[] = routesOf(resolver);
    // Replies: POST /local/inbound and the SMTP listener take the path SES receipt takes.
    const inboundFn = lambdas.functions.find((f) => f.entry.endsWith('functions/inbound-mail.ts'));
    const inboundBucket = resolver
      .resources('AWS::S3::Bucket')
      .map((b) => resolver.refOf(b.logicalId))
      .find((b) => b.startsWith('inboundmail'));
    const inboundDomain = inboundFn?.environment.INBOUND_DOMAIN;
    const deliver = (raw: Buffer, verdicts: Partial<LocalVerdicts> = {}, envelopeFrom?: string | null) => {
      if (!inboundFn || !inboundBucket) throw new Error('The templates have no inbound mail path.');
      return clock.track(
        deliverInbound(raw, {
          s3Endpoint: s3.endpoint,
          bucket: inboundBucket,
          region,
          verdicts,
          ...(envelopeFrom === undefined ? {} : { envelopeFrom }),
          invoke: (event) => lambdas.invoke(inboundFn.arn, event),
        }),
      );
    };
    const smtp = await startSmtpListener({
      domains: inboundDomain ? [inboundDomain] : [],
      port: opts.smtpPort ?? 2525,
      onMessage: async (raw, envelope) => void (await deliver(raw, {}, envelope.mailFrom)),
      onError: (e) => log(`inbound mail failed: ${e.message}`),
    }).catch((e: unknown) => {
      throw portTaken(e, opts.smtpPort ?? 2525, '--smtp-port');
    });
    stops.push(() => smtp.stop());
    const endpoints = {
      dynamodb: dynamo.endpoint,
      sesv2: url,
      sesMailbox: ses.endpoint,
      sfn: url,
      eventbridge: url,
      s3: s3.endpoint,
      secretsmanager: url,
      smtp: `smtp://${smtp.host}:${smtp.port}`,
    };
    /** Writes the clock, the event log and the dead letters under --data (also every second). */
    let keepState = (): void => undefined;

    const tableName = tables[0] ?? '';
    serve = handle;
    // The seed writes through the DynamoDB route on this very port (where faults can reach handlers).
    warming = true;
    await seedDefaultProgram();
    if (kept) {
      const observed = kept.readObserved();
      bus.restore({ log: observed.events as never, dead: observed.ruleDeadLetters as never });
      functionDeadLetters.push(...(observed.functionDeadLetters as FunctionDeadLetter[]));
      const { resumed, ended } = stepFunctions.restore(kept.readExecutions());
      if (resumed + ended > 0) log(`carrying on from ${opts.dataDir}: ${resumed} running execution(s) resumed, ${ended} ended kept`);
      // Lambda delivers a queued async event at least once: a run cut by the stop or a kill runs again.
      const unfinished = kept.takeUnfinishedInvocations();
      for (const invocation of unfinished) {
        try {
          asyncLambdas.redeliver(invocation);
        } catch (e) {
          log(`an event queued for ${invocation.logicalId} cannot be delivered again: ${(e as Error).message}`);
          kept.invocationEnded(invocation.id, 'failed');
        }
      }
      if (unfinished.length > 0) log(`delivering again ${unfinished.length} async Lambda invocation(s) that had not finished`);
      // Resumed executions act on what is due and park before anyone else may call, for up to
      // ten seconds: a resumed import (enrolments, confirmations paced at the SES rate) may keep
      // the cloud busy for minutes, and /health must not say "starting" all that while. Anything
      // that arrives before an execution parks moves its pairing's version on, so its park wakes it.
      await Promise.race([clock.idle(), new Promise<void>((resolve) => setTimeout(resolve, RESUME_WAIT_MS).unref())]);
      const keep = () => {
        // A kill -9 may come at any moment before the next write: while the clock flows, the file
        // holds where it will be two writes on (a restart then goes on at most that far ahead).
        keepClock(clock.nowMs() + (clock.flowing ? clock.speed * 2 * KEEP_EVERY_MS : 0));
        kept.writeObserved({ events: [...bus.eventLog()], ruleDeadLetters: [...bus.deadLetters()], functionDeadLetters });
      };
      keepState = keep;
      const keeper = setInterval(keep, KEEP_EVERY_MS);
      keeper.unref();
      settle = () => Promise.race([clock.idle(), new Promise<void>((resolve) => setTimeout(resolve, SETTLE_ON_STOP_MS).unref())]);
      stops.push(async () => {
        clearInterval(keeper);
        keep();
        keepState = () => undefined;
        // Stopped, the clock is exactly where it is: the restart goes on from there, not from a moment kept ahead of it.
        kept.writeClock(clock.nowMs());
      });
    }
    warming = false;

    async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
      // The request target is a path on this host, as API Gateway reads it: `new URL('//health', base)`
      // would read a path that starts with `//` as another host's address (a protocol-relative URL).
      const requestTarget = req.url ?? '/';
      const u = new URL(requestTarget.startsWith('/') ? `${url}${requestTarget}` : requestTarget, url);
      const method = req.method ?? 'GET';
      if (u.pathname === '/health') {
        send(res, ready ? 200 : 503, {
          status: ready ? 'ok' : 'starting',
          endpoints,
          tableName,
          eventBusName: busNames[0] ?? 'default',
          region,
          now: new Date().toISOString(),
        });
        return;
      }
      // The console: the program dashboard at /, the emulator views at /dev (one page, two views).
      if (method === 'GET' && (u.pathname === '/' || u.pathname === '/dev')) {
        const page = renderConsole();
        res.writeHead(page.status, page.headers).end(page.body);
        return;
      }
      // OPTIONS names the methods a route path takes, so the console shows an action only where the
      // admin API has its route (feature detection); a path without routes stays 404.
      if (method === 'OPTIONS' && !u.pathname.startsWith('/local/')) {
        const allowed = [...new Set(routes.filter((r) => r.match(r.method, u.pathname)).map((r) => r.method))];
        if (allowed.length > 0) {
          res.writeHead(204, { allow: [...allowed, 'OPTIONS'].join(', ') }).end();
          return;
        }
      }
      const target = req.headers['x-amz-target'];
      if (method === 'POST' && u.pathname === '/' && typeof target === 'string' && target.startsWith(DYNAMODB_TARGET_PREFIX)) {
        await faults.dynamodb(req, res);
        return;
      }
      if (method === 'POST' && u.pathname === '/' && typeof target === 'string') {
        const body = JSON.parse((await readBody(req)).toString('utf8') || '{}');
        const out = target.startsWith('AWSStepFunctions.')
          ? (faults.sfn(target) ?? (await clock.track(stepFunctions.handleRequest(target, body))))
          : target.startsWith('AWSEvents.')
            ? faults.events(target, body, (b) => handleEventsRequest(bus, target, b))
            : target.startsWith('secretsmanager.')
              ? secrets.handleSecretsRequest(target, body)
              : { status: 400, body: { __type: 'UnknownOperationException', message: `The local cloud does not serve ${target}.` } };
        res.writeHead(out.status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(out.body));
        return;
      }
      if (u.pathname.startsWith('/v2/email/')) {
        await forwardToSes(method, u, req, res);
        return;
      }
      if (u.pathname.startsWith('/local/')) {
        const local = await localApi(method, u, req);
        if (local) {
          send(res, local.status, local.body);
          return;
        }
      }
      for (const route of routes) {
        const params = route.match(method, u.pathname);
        if (params) {
          const body = await readBody(req);
          await clock.track(serveRoute(route, params, req, res, body, lambdas));
          return;
        }
      }
      send(res, 404, { message: `No route for ${method} ${u.pathname}` });
    }

    /**
     * SESv2 through to the mailbox; a sent message to a mailbox-simulator address then draws the
     * feedback event SES would publish (local/ses-feedback.ts).
     */
    async function forwardToSes(method: string, u: URL, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
      const body = await readBody(req, 45 * 1024 * 1024);
      const injected = faults.ses(method, u.pathname, body);
      if (injected) {
        res.writeHead(injected.status, injected.headers).end(injected.body);
        return;
      }
      const forwarded = await fetch(`${ses.endpoint}${u.pathname}${u.search}`, {
        method,
        headers: Object.fromEntries(
          Object.entries(req.headers).filter(
            ([k, v]) => typeof v === 'string' && !['host', 'content-length', 'connection', 'transfer-encoding', 'expect'].includes(k),
          ) as [string, string][],
        ),
        ...(method === 'GET' || method === 'HEAD' ? {} : { body: new Uint8Array(body) }),
      });
      const answer = Buffer.from(await forwarded.arrayBuffer());
      const isSend = method === 'POST' && u.pathname === '/v2/email/outbound-emails' && forwarded.ok;
      let messageId: string | undefined;
      try {
        messageId = isSend ? (JSON.parse(answer.toString('utf8') || '{}') as { MessageId?: string }).MessageId : undefined;
      } catch {
        messageId = undefined;
      }
      // Under --data the mailbox line is on disk before the sender hears "sent".
      if (kept && messageId) {
        const stored = await ses.stored(messageId, clock.nowMs() / 1000 - 5);
        if (stored) kept.appendEmail(stored);
      }
      res.writeHead(forwarded.status, { 'content-type': forwarded.headers.get('content-type') ?? 'application/json' }).end(answer);
      if (!isSend) return;
      let sent: SentMessage | undefined;
      try {
        sent = sentMessageOf(JSON.parse(body.toString('utf8') || '{}'), messageId ?? '');
      } catch {
        return; // not a JSON send: the mailbox has answered it, and there is no feedback to draw
      }
      if (!sent) return;
      for (const { kind, recipient } of simulatedFeedbackFor(sent)) publishFeedback(kind, recipient, sent);
    }

    function publishFeedback(kind: FeedbackKind, recipient: string, message: SentMessage): string {
      return bus.emitServiceEvent('aws.ses', DETAIL_TYPES[kind], feedbackDetail(kind, recipient, message, { now: new Date(), account: app.accountId }));
    }

    /** The local API: stable, tests and tools rely on it (docs/local.md). */
    async function localApi(method: string, u: URL, req: http.IncomingMessage): Promise<{ status: number; body: Json } | undefined> {
      const faultsApi = await faults.localApi(method, u.pathname, () => readBody(req));
      if (faultsApi) return faultsApi;
      const route = `${method} ${u.pathname}`;
      switch (route) {
        case 'GET /local/emails': {
          // ?since=<ISO time>: only what was sent from then on (tools that poll the mailbox).
          const query = emailsSince(u.searchParams.get('since'));
          if (!query.ok) return query;
          const { sinceMs } = query;
          const all = await ses.emails(sinceMs);
          return { status: 200, body: (sinceMs === undefined ? all : all.filter((e) => Date.parse(e.sentAt) >= sinceMs)) as unknown as Json };
        }
        case 'GET /local/executions': {
          // ?executionArn=<arn>: that one; ?name=<name>: that name and its continuations (<name>-2, ...).
          const arn = u.searchParams.get('executionArn');
          const name = u.searchParams.get('name');
          const all = stepFunctions.summaries();
          const some = all.filter((e) => (arn === null || e.executionArn === arn) && (name === null || e.name === name || e.name.startsWith(`${name}-`)));
          return { status: 200, body: some as unknown as Json };
        }
        case 'GET /local/stats':
          // Counters for benchmarks: the handlers' DynamoDB calls by operation since the start.
          return { status: 200, body: { dynamodb: transport.calls() } };
        case 'GET /local/history': {
          const arn = u.searchParams.get('executionArn') ?? '';
          return { status: 200, body: stepFunctions.getExecutionHistory(arn) as unknown as Json };
        }
        case 'GET /local/events':
          return { status: 200, body: bus.eventLog() as unknown as Json };
        case 'POST /local/mail-feedback': {
          // As if SES reported feedback about a message to this address (docs/mail-feedback.md).
          const read = jsonObjectBody(await readBody(req), '{"address": "someone@example.com", "kind": "bounce"}');
          if (!read.ok) return read;
          const input = read.value as { address?: unknown; kind?: unknown };
          const kinds = Object.keys(DETAIL_TYPES);
          if (typeof input.address !== 'string' || !/^[^@\s]+@[^@\s]+$/.test(input.address) || typeof input.kind !== 'string' || !kinds.includes(input.kind)) {
            return { status: 400, body: { message: `Send {"address": "<email address>", "kind": one of ${kinds.join(', ')}}.` } };
          }
          const message: SentMessage = { messageId: `local-${Date.now()}`, from: 'crossgen@local', destination: [input.address], configurationSet: 'local' };
          const eventId = publishFeedback(input.kind as FeedbackKind, input.address, message);
          // Until the function has run (or is waiting for Lambda's retry): deliveries are async.
          await clock.idle();
          return { status: 202, body: { eventId } };
        }
        case 'GET /local/dead-letters':
          return { status: 200, body: allDeadLetters(bus.deadLetters(), functionDeadLetters) as unknown as Json };
        case 'POST /local/inbound': {
          const raw = await readBody(req, 45 * 1024 * 1024);
          if (raw.length === 0) return { status: 400, body: { message: 'Send the raw MIME message as the request body.' } };
          // ?spf=fail&virus=fail simulates what SES's checks would report (local/inbound.ts).
          let verdicts: Partial<LocalVerdicts>;
          try {
            verdicts = parseVerdictOverrides(u.searchParams.entries());
            // The message's own X-Local-Verdicts header is checked here too: a bad value is the caller's mistake (400), not a 500.
            overridesInMessage(raw);
          } catch (e) {
            return { status: 400, body: { message: (e as Error).message } };
          }
          const out = await deliver(raw, verdicts);
          return { status: 202, body: out as unknown as Json };
        }
        case 'GET /local/programs':
          return { status: 200, body: (await (await import('../functions/adapters/programs')).listPrograms()) as unknown as Json };
        case 'GET /local/participants':
        case 'GET /local/pairings': {
          // A mistyped program id is named, not answered with an empty list that reads as "nobody yet".
          const programId = u.searchParams.get('programId') ?? 'pilot';
          if (!(await (await import('../functions/adapters/programs')).getProgram(programId))) {
            return { status: 404, body: { message: `There is no program "${programId}": GET /local/programs lists them.` } };
          }
          const list =
            route === 'GET /local/participants'
              ? await (await import('../functions/adapters/participants')).listParticipants(programId)
              : await (await import('../functions/adapters/pairings')).listPairings(programId);
          return { status: 200, body: list as unknown as Json };
        }
        case 'POST /local/programs': {
          const { programSchema } = await import('../functions/domain/program');
          const { toFieldIssues } = await import('../functions/domain/validation');
          const read = jsonObjectBody(await readBody(req), '{"programId": "pilot", "name": "...", ...}');
          if (!read.ok) return read;
          const parsed = programSchema.safeParse(read.value);
          if (!parsed.success) return { status: 400, body: { error: 'The program was not accepted.', issues: toFieldIssues(parsed.error) } as unknown as Json };
          const { putProgram } = await import('../functions/adapters/programs');
          return { status: 201, body: (await putProgram(parsed.data)) as unknown as Json };
        }
        case 'GET /local/state-machines':
          return { status: 200, body: stepFunctions.listStateMachines().map((m) => ({ name: m.name, stateMachine: m.arn })) as unknown as Json };
        case 'POST /local/pairings': {
          // A hand-made pairing (what CohortMatching stores), for trying the lifecycle alone.
          const read = jsonObjectBody(await readBody(req), '{"mentorId": "pt_...", "menteeId": "pt_..."}');
          if (!read.ok) return read;
          const body = read.value;
          const missing = ['mentorId', 'menteeId'].filter((k) => typeof body[k] !== 'string' || body[k] === '');
          if (missing.length > 0) return { status: 400, body: { message: `${missing.join(' and ')} must name participants (their ids, "pt_...")` } };
          const pairings = await import('../functions/adapters/pairings');
          const { pairing } = await pairings.createPairing({
            pairingId: typeof body.pairingId === 'string' ? body.pairingId : pairings.newPairingId(),
            programId: String(body.programId ?? 'pilot'),
            mentorId: String(body.mentorId),
            menteeId: String(body.menteeId),
            score: Number(body.score ?? 0),
            reasons: Array.isArray(body.reasons) ? body.reasons.map(String) : [],
            tradeOffs: Array.isArray(body.tradeOffs) ? body.tradeOffs.map(String) : [],
          });
          return { status: 201, body: pairing as unknown as Json };
        }
        case 'GET /local/schedules':
          return { status: 200, body: schedules as unknown as Json };
        case 'GET /local/clock':
          return { status: 200, body: { now: clock.now().toISOString(), pendingTimers: clock.pendingTimers } };
        case 'POST /local/idle':
          await clock.idle();
          keepState();
          return { status: 200, body: { now: clock.now().toISOString() } };
        case 'POST /local/clock': {
          const read = jsonObjectBody(await readBody(req), '{"advance": "P14D"}');
          if (!read.ok) return read;
          const move = clockRequest(read.value, clock.nowMs());
          if (!move.ok) return move;
          if (move.speed !== undefined) clock.setSpeed(move.speed);
          const moved =
            move.advanceMs !== undefined ? await clock.advance(move.advanceMs) : move.toMs !== undefined ? await clock.advanceTo(move.toMs) : undefined;
          keepState();
          return clockAnswer(clock.nowMs(), clock.pendingTimers, moved);
        }
        default: {
          const fire = /^POST \/local\/schedules\/([A-Za-z0-9_.-]+)$/.exec(route);
          if (fire) return fireSchedule(fire[1]!);
          const m = /^GET \/local\/pairings\/([a-z0-9_]+)$/.exec(route);
          if (!m) return undefined;
          const pairings = await import('../functions/adapters/pairings');
          const pairing = await pairings.getPairing(m[1]!);
          if (!pairing) return { status: 404, body: { message: `No pairing ${m[1]}.` } };
          const [audit, checkIns, reviews, outbox, skills, feedback] = await Promise.all([
            pairings.listAudit(m[1]!),
            pairings.listChildren(m[1]!, 'CHECKIN#'),
            pairings.listChildren(m[1]!, 'REVIEW#'),
            pairings.listChildren<{ kind: string; key: string; status: string; messageId?: string }>(m[1]!, 'OUTBOX#'),
            pairings.listChildren(m[1]!, 'SKILLS#'),
            pairings.listChildren(m[1]!, 'FEEDBACK#'),
          ]);
          // The outbox without its payloads: what was decided, and whether and as which message it went out.
          const sent = outbox.map((o) => ({ kind: o.kind, key: o.key, status: o.status, ...(o.messageId ? { messageId: o.messageId } : {}) }));
          return { status: 200, body: { pairing, audit, checkIns, reviews, skills, feedback, outbox: sent } as unknown as Json };
        }
      }
    }

    /** Fires a scheduled rule now (simulated time), as EventBridge would on its schedule: a Scheduled Event to each target. */
    async function fireSchedule(name: string): Promise<{ status: number; body: Json }> {
      const schedule = schedules.find((s) => s.name === name);
      if (!schedule) return { status: 404, body: { message: `No scheduled rule ${name}: GET /local/schedules lists them.` } };
      const event = {
        version: '0',
        id: randomUUID(),
        'detail-type': 'Scheduled Event',
        source: 'aws.events',
        account: app.accountId,
        time: clock
          .now()
          .toISOString()
          .replace(/\.\d{3}Z$/, 'Z'),
        region,
        resources: [`arn:aws:events:${region}:${app.accountId}:rule/${name}`],
        detail: {},
      };
      for (const arn of schedule.targets) await deliverToTarget(arn, JSON.stringify(event));
      await clock.idle();
      return { status: 200, body: { fired: name, at: event.time, targets: schedule.targets.length } };
    }

    /** The embedded default: a pilot program, so that a newcomer can enrol people at once. */
    async function seedDefaultProgram(): Promise<void> {
      const { getProgram, putProgram } = await import('../functions/adapters/programs');
      const { programSchema, DEFAULT_PROGRAM_INPUT } = await import('../functions/domain/program');
      if (!(await getProgram(DEFAULT_PROGRAM_INPUT.programId))) await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
    }

    ready = true;
    const startupMs = Math.round(performance.now() - t0);
    return { url, endpoints, tableName, startupMs, stop, clock, stepFunctions, bus, lambdas, asyncLambdas, faults };
  } catch (e) {
    await stop();
    throw e;
  }
}
