import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SimClock } from '../../../local/clock';
import type { AslDefinition } from '../../../local/stepfunctions/asl';
import { LocalStepFunctions, type StepFunctionsIntegrations } from '../../../local/stepfunctions/runtime';

export const START = Date.parse('2025-03-03T09:00:00Z');
export const DAY = 24 * 3600 * 1000;
export const FN = 'arn:aws:lambda:eu-west-1:000000000000:function:Handler';

export interface Harness {
  readonly clock: SimClock;
  readonly sfn: LocalStepFunctions;
  readonly lambdaCalls: { arn: string; payload: unknown; at: string }[];
  readonly serviceCalls: { resource: string; parameters: unknown }[];
  /** Registers `definition` and starts one execution of it. */
  run(definition: AslDefinition, input?: unknown, name?: string): Promise<string>;
  dispose(): void;
}

/**
 * A frozen simulated clock (speed 0: only `advance` moves it) and a runtime whose Lambda answers
 * with `lambda(payload, callNumber)` and whose service integrations answer with `service`, recording every call with the simulated time it ran at.
 */
export function harness(
  lambda: (payload: unknown, call: number) => unknown = (p) => p,
  service: (resource: string, parameters: unknown) => unknown = () => ({ ok: true }),
): Harness {
  const clock = new SimClock({ now: START, speed: 0 });
  const lambdaCalls: Harness['lambdaCalls'] = [];
  const serviceCalls: Harness['serviceCalls'] = [];
  const integrations: StepFunctionsIntegrations = {
    async invokeLambda(arn, payload) {
      lambdaCalls.push({ arn, payload, at: new Date().toISOString() });
      return lambda(payload, lambdaCalls.length);
    },
    async call(resource, parameters) {
      serviceCalls.push({ resource, parameters });
      return service(resource, parameters);
    },
  };
  const sfn = new LocalStepFunctions({ clock, integrations });
  let machines = 0;
  return {
    clock,
    sfn,
    lambdaCalls,
    serviceCalls,
    async run(definition, input = {}, name) {
      const machine = sfn.register({ name: `Machine${++machines}`, definition });
      const { executionArn } = await sfn.startExecution({ stateMachineArn: machine.arn, input, ...(name ? { name } : {}) });
      await clock.idle();
      return executionArn;
    },
    dispose() {
      sfn.close();
      clock.dispose();
    },
  };
}

/** A tiny JSON 1.0 endpoint in front of the runtime, and a real SDK client pointed at it. */
export async function sdkClient(sfn: LocalStepFunctions): Promise<{ client: SFNClient; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      void sfn.handleRequest(String(req.headers['x-amz-target'] ?? ''), Buffer.concat(chunks).toString()).then(({ status, body }) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' }).end(JSON.stringify(body));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const client = new SFNClient({
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    region: 'eu-west-1',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
  return {
    client,
    close: () => {
      client.destroy();
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** The types of an execution's history events, in order. */
export function historyTypes(sfn: LocalStepFunctions, executionArn: string): string[] {
  return sfn.getExecutionHistory(executionArn).map((e) => e.type);
}
