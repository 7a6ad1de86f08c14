import * as http from 'node:http';

/** The parts of the SDK's HttpRequest this transport reads (@smithy/protocol-http). */
interface SdkRequest {
  readonly method: string;
  readonly hostname: string;
  readonly port?: number;
  readonly path: string;
  readonly query?: Record<string, string | string[] | null>;
  readonly headers: Record<string, string>;
  readonly body?: string | Uint8Array;
}

/** What the SDK reads back: an HttpResponse shape with the whole body (the SDK collects a Uint8Array as is). */
interface SdkResponse {
  readonly statusCode: number;
  readonly reason?: string;
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

export interface DynamoDbTransportOptions {
  /** DynamoDB Local's own endpoint (the JVM), e.g. http://127.0.0.1:8000. */
  readonly dynamoDbLocal: string;
  /** True while a DynamoDB fault is armed: the call then goes the long way, through the cloud's port and its fault proxy. */
  readonly faultsArmed: () => boolean;
}

/**
 * The SDK request handler of the in-process handlers' DynamoDB clients. A call goes straight to
 * DynamoDB Local on a kept-alive connection, instead of first to the cloud's own port and from
 * there through the fault proxy: one HTTP round trip instead of two, on the path every lifecycle
 * step takes a dozen times. While a fault is armed it takes the address the SDK resolved (the
 * cloud's port), so faults reach the handlers exactly as before (local/faults/dynamodb-proxy.ts).
 */
export function dynamoDbTransport(opts: DynamoDbTransportOptions) {
  const direct = new URL(opts.dynamoDbLocal);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 });
  const calls = new Map<string, number>();
  return {
    metadata: { handlerProtocol: 'http/1.1' },
    /** Calls made through this transport so far, by operation (GetItem, Query, ...), for `GET /local/stats`. */
    calls(): Record<string, number> {
      return Object.fromEntries([...calls].sort(([a], [b]) => a.localeCompare(b)));
    },
    handle(request: SdkRequest, options?: { abortSignal?: AbortSignal }): Promise<{ response: SdkResponse }> {
      const operation = (request.headers['x-amz-target'] ?? '').split('.')[1] ?? 'unknown';
      calls.set(operation, (calls.get(operation) ?? 0) + 1);
      const viaProxy = opts.faultsArmed();
      const host = viaProxy ? request.hostname : direct.hostname;
      const port = viaProxy ? request.port : Number(direct.port);
      const query = new URLSearchParams();
      for (const [k, v] of Object.entries(request.query ?? {})) for (const one of Array.isArray(v) ? v : [v]) if (one !== null) query.append(k, one);
      const path = query.size > 0 ? `${request.path}?${query}` : request.path;
      const headers = { ...request.headers };
      delete headers.host;
      return new Promise((resolve, reject) => {
        const out = http.request({ host, port, method: request.method, path, headers, agent, signal: options?.abortSignal }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.once('error', reject);
          res.once('end', () => {
            const flat: Record<string, string> = {};
            for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) flat[k] = Array.isArray(v) ? v.join(', ') : v;
            resolve({
              response: {
                statusCode: res.statusCode ?? 500,
                ...(res.statusMessage ? { reason: res.statusMessage } : {}),
                headers: flat,
                body: Buffer.concat(chunks),
              },
            });
          });
        });
        out.once('error', reject);
        out.end(request.body ?? undefined);
      });
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs(): Record<string, never> {
      return {};
    },
    destroy(): void {
      agent.destroy();
    },
  };
}
