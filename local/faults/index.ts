import type * as http from 'node:http';
import { eventsInternalError, sesError, sfnThrottled, type WireResponse } from './aws-errors';
import { FaultBook } from './book';
import { createDynamoDbProxy, type DynamoDbProxy } from './dynamodb-proxy';
import { LocalQuotas, parseQuotaSettings, type QuotaSettings } from './quotas';
import { parseFaults, type FaultSpec } from './spec';
import { QuotaClock } from './token-bucket';

export { DYNAMODB_TARGET_PREFIX } from './dynamodb-request';

type Json = Record<string, unknown> | unknown[];

export interface LocalFaultsOptions {
  readonly dynamoDbEndpoint: string;
  /** Key attribute names per table, partition key first. */
  readonly keySchemas: Record<string, readonly string[]>;
  /** Simulated epoch milliseconds (the local clock). */
  readonly simulatedMs: () => number;
  /** Real milliseconds, monotonic. @default performance.now */
  readonly realMs?: () => number;
  /** Faults armed at start (CROSSGEN_FAULTS). */
  readonly faults?: readonly FaultSpec[];
  /** Quota settings at start (CROSSGEN_QUOTAS, command-line flags). */
  readonly quotas?: Partial<QuotaSettings>;
}

/** An answer in an AWS JSON protocol: the local cloud serializes `body` itself. */
export interface AwsJsonAnswer {
  readonly status: number;
  readonly body: Record<string, unknown>;
}

/**
 * Faults and quotas of the local cloud (docs/local.md, "Faults" and "Quotas"): the book of faults
 * and the quota buckets, with one hook per service path the cloud serves.
 */
export class LocalFaults {
  readonly book = new FaultBook();
  readonly quotas: LocalQuotas;
  private readonly proxy: DynamoDbProxy;

  constructor(opts: LocalFaultsOptions) {
    this.quotas = new LocalQuotas(new QuotaClock(opts.simulatedMs, opts.realMs ?? (() => performance.now())), opts.quotas);
    this.book.add(opts.faults ?? []);
    this.proxy = createDynamoDbProxy({ target: opts.dynamoDbEndpoint, faults: this.book, keySchema: (t) => opts.keySchemas[t] });
  }

  /** DynamoDB API requests from the handlers, through to DynamoDB Local. */
  dynamodb(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    return this.proxy.handle(req, res);
  }

  /** An SES v2 request: an answer to give instead of the mailbox's, or undefined to forward it. */
  ses(method: string, pathname: string, body: Buffer): WireResponse | undefined {
    if (method === 'GET' && pathname === '/v2/email/account') return this.sesAccount();
    if (method !== 'POST' || pathname !== '/v2/email/outbound-emails') return undefined;
    let request: { Destination?: { ToAddresses?: string[]; CcAddresses?: string[]; BccAddresses?: string[] } } = {};
    try {
      request = JSON.parse(body.toString('utf8') || '{}');
    } catch {
      return undefined; // the mailbox answers a malformed request itself
    }
    const d = request.Destination ?? {};
    const fault = this.book.take({
      service: 'ses',
      operation: 'SendEmail',
      recipients: [...(d.ToAddresses ?? []), ...(d.CcAddresses ?? []), ...(d.BccAddresses ?? [])],
    });
    if (fault?.service === 'ses') return sesError(fault.kind);
    return this.quotas.trySend() ? undefined : sesError('rate');
  }

  /** GetAccount as a production account with the configured rate (the mailbox knows no account). */
  private sesAccount(): WireResponse {
    const account = {
      DedicatedIpAutoWarmupEnabled: false,
      EnforcementStatus: 'HEALTHY',
      ProductionAccessEnabled: true,
      SendingEnabled: true,
      SendQuota: { Max24HourSend: 50_000, MaxSendRate: this.quotas.maxSendRate, SentLast24Hours: 0 },
      SuppressionAttributes: { SuppressedReasons: ['BOUNCE', 'COMPLAINT'] },
    };
    return { status: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify(account) };
  }

  /** EventBridge over JSON 1.1: PutEvents may fail whole (500) or partly (FailedEntryCount > 0). */
  events(target: string, body: Record<string, unknown>, serve: (body: Record<string, unknown>) => AwsJsonAnswer): AwsJsonAnswer {
    if (target !== 'AWSEvents.PutEvents' || !Array.isArray(body.Entries)) return serve(body);
    const entries = body.Entries as { DetailType?: string }[];
    const fault = this.book.take({ service: 'eventbridge', operation: 'PutEvents', detailTypes: entries.map((e) => String(e.DetailType ?? '')) });
    if (fault?.service !== 'eventbridge') return serve(body);
    if (fault.kind === 'fail') {
      const e = eventsInternalError();
      return { status: e.status, body: JSON.parse(e.body) as Record<string, unknown> };
    }
    const failing = entries.map((e) => fault.detailType === undefined || e.DetailType === fault.detailType);
    const passing = entries.filter((_, i) => !failing[i]);
    const served = passing.length > 0 ? serve({ ...body, Entries: passing }) : { status: 200, body: { FailedEntryCount: 0, Entries: [] } };
    if (served.status !== 200) return served;
    const results = [...((served.body.Entries as Record<string, unknown>[]) ?? [])];
    const merged = failing.map((fails) =>
      fails ? { ErrorCode: 'InternalFailure', ErrorMessage: 'The event was not put (injected by the local cloud).' } : (results.shift() ?? {}),
    );
    return { status: 200, body: { FailedEntryCount: Number(served.body.FailedEntryCount ?? 0) + failing.filter(Boolean).length, Entries: merged } };
  }

  /** A Step Functions API call: a throttled StartExecution, or undefined to serve it. */
  sfn(target: string): AwsJsonAnswer | undefined {
    if (target !== 'AWSStepFunctions.StartExecution' || this.quotas.tryStart()) return undefined;
    return { status: 400, body: JSON.parse(sfnThrottled().body) as Record<string, unknown> };
  }

  /**
   * The `states:startExecution` integration draws on the same quota; Step Functions reports a
   * service error as `StepFunctions.<name>`, so a Retry names `StepFunctions.ThrottlingException`.
   */
  checkStartExecution(): void {
    if (!this.quotas.tryStart()) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
  }

  /** GET/POST/DELETE /local/faults and GET/POST/DELETE /local/quotas; undefined for other paths. */
  async localApi(method: string, pathname: string, readBody: () => Promise<Buffer>): Promise<{ status: number; body: Json } | undefined> {
    const route = `${method} ${pathname}`;
    const readJson = async (): Promise<{ ok: true; value: unknown } | { ok: false }> => {
      try {
        return { ok: true, value: JSON.parse((await readBody()).toString('utf8') || 'null') };
      } catch {
        return { ok: false };
      }
    };
    switch (route) {
      case 'GET /local/faults':
        return { status: 200, body: { faults: this.book.list() } };
      case 'POST /local/faults': {
        const json = await readJson();
        if (!json.ok)
          return { status: 400, body: { message: 'The body is not valid JSON: send a list of faults, e.g. [{"service":"ses","kind":"throttle","count":3}].' } };
        const parsed = parseFaults(json.value);
        if (!parsed.ok)
          return {
            status: 400,
            body: { message: 'The faults were not accepted; nothing was armed. Fix the fields named below (docs/local.md, "Faults").', issues: parsed.issues },
          };
        return { status: 201, body: { faults: this.book.add(parsed.faults) } };
      }
      case 'DELETE /local/faults':
        return { status: 200, body: { cleared: this.book.clear() } };
      case 'GET /local/quotas':
        return { status: 200, body: { ...this.quotas.report() } };
      case 'POST /local/quotas': {
        const json = await readJson();
        const parsed = json.ok ? parseQuotaSettings(json.value) : undefined;
        if (!parsed?.ok) {
          return {
            status: 400,
            body: {
              message: 'The quota settings were not accepted; nothing changed. Send e.g. {"sesMaxSendRate": 1}.',
              ...(parsed ? { issues: parsed.issues } : {}),
            },
          };
        }
        this.quotas.update(parsed.settings);
        return { status: 200, body: { ...this.quotas.report() } };
      }
      case 'DELETE /local/quotas':
        this.quotas.reset();
        return { status: 200, body: { ...this.quotas.report() } };
      default:
        return undefined;
    }
  }

  close(): void {
    this.proxy.close();
  }
}

/** Key attribute names (partition key first) of every table in the templates. */
export function keySchemasOf(
  tables: readonly { logicalId: string; properties: { KeySchema?: { AttributeName: string; KeyType: string }[] } }[],
): Record<string, string[]> {
  return Object.fromEntries(
    tables.map(({ logicalId, properties }) => [
      logicalId,
      [...(properties.KeySchema ?? [])].sort((a, b) => (a.KeyType === 'HASH' ? -1 : b.KeyType === 'HASH' ? 1 : 0)).map((k) => k.AttributeName),
    ]),
  );
}
