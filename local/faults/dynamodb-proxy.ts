import * as http from 'node:http';
import { dynamoDbConditionalCheckFailed, dynamoDbInternalError, dynamoDbThrottle, dynamoDbTransactionCanceled, type WireResponse } from './aws-errors';
import type { FaultBook } from './book';
import { dynamoDbOperationOf, keyOf, partitionKeysOf, touchedItems, type TouchedItem } from './dynamodb-request';

export interface DynamoDbProxyOptions {
  /** DynamoDB Local, e.g. http://127.0.0.1:8000. */
  readonly target: string;
  readonly faults: FaultBook;
  /** Key attribute names per table, partition key first (from the templates). */
  readonly keySchema: (table: string) => readonly string[] | undefined;
}

export interface DynamoDbProxy {
  /** Serves one DynamoDB API request (`X-Amz-Target: DynamoDB_20120810.*`). */
  handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void>;
  close(): void;
}

const HOP_BY_HOP = new Set(['host', 'connection', 'keep-alive', 'transfer-encoding', 'expect', 'proxy-connection', 'upgrade']);

/**
 * In front of DynamoDB Local for the in-process handlers, so that faults reach them through their
 * unchanged SDK clients. Without an armed DynamoDB fault a request is streamed through untouched
 * on a kept-alive connection (no parsing); with one, the body is read to match operation and keys.
 */
export function createDynamoDbProxy(opts: DynamoDbProxyOptions): DynamoDbProxy {
  const target = new URL(opts.target);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });

  function upstream(req: http.IncomingMessage, body?: Buffer): Promise<http.IncomingMessage> {
    const headers: http.OutgoingHttpHeaders = {};
    for (const [k, v] of Object.entries(req.headers)) if (!HOP_BY_HOP.has(k) && v !== undefined) headers[k] = v;
    if (body) headers['content-length'] = String(body.length);
    return new Promise((resolve, reject) => {
      const out = http.request({ host: target.hostname, port: target.port, method: req.method, path: req.url, headers, agent }, resolve);
      out.once('error', reject);
      if (body) out.end(body);
      else req.pipe(out);
    });
  }

  async function read(stream: http.IncomingMessage): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const c of stream) chunks.push(c as Buffer);
    return Buffer.concat(chunks);
  }

  function answer(res: http.ServerResponse, w: WireResponse): void {
    res.writeHead(w.status, { ...w.headers, 'content-length': String(Buffer.byteLength(w.body)) }).end(w.body);
  }

  /** The item as it stands, for a conflict that the caller asked to see (ReturnValuesOnConditionCheckFailure). */
  async function currentItem(req: http.IncomingMessage, touched: TouchedItem): Promise<Record<string, unknown> | undefined> {
    const keys = opts.keySchema(touched.table);
    if (!keys) return undefined;
    const body = Buffer.from(JSON.stringify({ TableName: touched.table, Key: keyOf(touched.item, keys), ConsistentRead: true }));
    const fake = { method: 'POST', url: '/', headers: { ...req.headers, 'x-amz-target': 'DynamoDB_20120810.GetItem' } } as unknown as http.IncomingMessage;
    const got = JSON.parse((await read(await upstream(fake, body))).toString('utf8') || '{}') as { Item?: Record<string, unknown> };
    return got.Item;
  }

  async function conflict(req: http.IncomingMessage, body: Record<string, any>, items: TouchedItem[], keyPrefix: string | undefined): Promise<WireResponse> {
    const partition = (t: TouchedItem) => partitionKeysOf([t], (table) => opts.keySchema(table)?.[0]);
    const aimed = items.filter((t) => keyPrefix === undefined || partition(t).some((k) => k.startsWith(keyPrefix)));
    if (body.TransactItems) {
      // The item that fails: the first aimed at that carries a condition, else the first aimed at.
      const failed = aimed.find((t) => t.part?.ConditionExpression !== undefined) ?? aimed[0] ?? items[0];
      const wantsItem = failed?.part?.ReturnValuesOnConditionCheckFailure === 'ALL_OLD';
      const item = failed && wantsItem ? await currentItem(req, failed) : undefined;
      return dynamoDbTransactionCanceled((body.TransactItems as unknown[]).length, failed?.index ?? 0, item);
    }
    const item = body.ReturnValuesOnConditionCheckFailure === 'ALL_OLD' && items[0] ? await currentItem(req, items[0]) : undefined;
    return dynamoDbConditionalCheckFailed(item);
  }

  return {
    async handle(req, res) {
      if (!opts.faults.armed('dynamodb')) {
        const up = await upstream(req);
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const raw = await read(req);
      const operation = dynamoDbOperationOf(String(req.headers['x-amz-target'] ?? ''));
      let body: Record<string, any> = {};
      try {
        body = JSON.parse(raw.toString('utf8') || '{}') as Record<string, any>;
      } catch {
        // DynamoDB Local answers a malformed body itself.
      }
      const items = operation ? touchedItems(operation, body) : [];
      const fault = operation
        ? opts.faults.take({ service: 'dynamodb', operation, partitionKeys: partitionKeysOf(items, (table) => opts.keySchema(table)?.[0]) })
        : undefined;
      if (fault?.service === 'dynamodb' && fault.kind === 'throttle') return answer(res, dynamoDbThrottle(fault.error ?? 'ThrottlingException'));
      if (fault?.service === 'dynamodb' && fault.kind === 'conditionalConflict') return answer(res, await conflict(req, body, items, fault.keyPrefix));
      const up = await upstream(req, raw);
      if (fault?.service === 'dynamodb' && fault.kind === 'responseLost') {
        // The write is applied (or refused) by DynamoDB Local; the answer never reaches the caller.
        await read(up);
        return answer(res, dynamoDbInternalError());
      }
      res.writeHead(up.statusCode ?? 502, up.headers);
      up.pipe(res);
    },
    close: () => agent.destroy(),
  };
}
