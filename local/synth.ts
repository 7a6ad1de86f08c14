import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import { ENTRY_METADATA_KEY, REPO_ROOT } from '../lib/constructs/entry';

export type CfnTemplate = { Resources: Record<string, CfnResource>; Outputs?: Record<string, { Value: unknown; Export?: { Name: string } }> };
export type CfnResource = { Type: string; Properties?: Record<string, any>; Metadata?: Record<string, unknown> };

export interface SynthesizedApp {
  /** Stack name -> template, exactly what `cdk synth` writes (minus bundled assets). */
  readonly templates: Record<string, CfnTemplate>;
  readonly region: string;
  readonly accountId: string;
}

/** Where synthesized templates are kept between runs (gitignored with node_modules). */
export const SYNTH_CACHE_DIR = path.join(REPO_ROOT, 'node_modules', '.cache', 'crossgen');

/** What the templates are made from: a change to any of these is a new cache key. */
const SYNTH_INPUTS = ['lib', 'bin', 'cdk.json', 'package-lock.json', 'local/synth-cdk.ts'];

function filesUnder(rel: string): string[] {
  const abs = path.join(REPO_ROOT, rel);
  if (!fs.existsSync(abs)) return [];
  if (!fs.statSync(abs).isDirectory()) return [rel];
  return fs
    .readdirSync(abs, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? filesUnder(path.join(rel, e.name)) : e.isFile() ? [path.join(rel, e.name)] : []));
}

/** A hash of every file the templates are made from, and of the options they are made with. */
export function synthKey(options: unknown): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(options));
  for (const file of SYNTH_INPUTS.flatMap(filesUnder)) {
    h.update(`\0${file}\0`);
    h.update(fs.readFileSync(path.join(REPO_ROOT, file)));
  }
  return h.digest('hex').slice(0, 32);
}

/**
 * Our CDK app's templates, as `cdk synth` makes them (minus bundled assets). Synthesizing loads
 * aws-cdk-lib and takes seconds, so the templates are cached under SYNTH_CACHE_DIR, keyed on a
 * hash of lib/, bin/, cdk.json and the lockfile: a second start with the same sources reads one
 * JSON file. `CROSSGEN_SYNTH_CACHE=off` always synthesizes. One source of truth either way.
 */
export async function synthesizeApp(opts: { region?: string; accountId?: string; context?: Record<string, unknown> } = {}): Promise<SynthesizedApp> {
  const region = opts.region ?? 'eu-west-1';
  const accountId = opts.accountId ?? '000000000000';
  const useCache = process.env.CROSSGEN_SYNTH_CACHE !== 'off';
  const file = useCache ? path.join(SYNTH_CACHE_DIR, `templates-${synthKey({ region, accountId, context: opts.context ?? {} })}.json`) : '';
  if (useCache) {
    try {
      return { templates: JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, CfnTemplate>, region, accountId };
    } catch {
      // not cached yet (or unreadable): synthesize below
    }
  }
  const templates = await synthesizeOffThread({ root: REPO_ROOT, region, accountId, ...(opts.context ? { context: opts.context } : {}) });
  if (useCache) {
    // Write then rename: parallel starts never read half a file.
    fs.mkdirSync(SYNTH_CACHE_DIR, { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, JSON.stringify(templates));
    fs.renameSync(tmp, file);
  }
  return { templates, region, accountId };
}

/**
 * The code a synthesis thread runs: TypeScript sources loaded as the CLI loads them (tsx), the
 * templates sent back to the thread that asked.
 */
const SYNTH_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { register } = await import('tsx/esm/api');
  register();
  const { synthesizeTemplates } = await import(workerData.module);
  parentPort.postMessage(synthesizeTemplates(workerData.options));
})();
`;

/**
 * Synthesizes on a worker thread: loading aws-cdk-lib and synthesizing keep a thread busy for
 * seconds (tens of seconds on a loaded machine), and the local cloud's port must answer 503 all
 * that time (docs/local.md, Startup; QA new7: /health went unanswered for 35 s on a first start).
 * A thread that cannot start (tsx missing) synthesizes in-process instead, as before.
 */
async function synthesizeOffThread(options: Parameters<typeof import('./synth-cdk').synthesizeTemplates>[0]): Promise<Record<string, CfnTemplate>> {
  const module = pathToFileURL(path.join(REPO_ROOT, 'local', 'synth-cdk.ts')).href;
  try {
    return await new Promise<Record<string, CfnTemplate>>((resolve, reject) => {
      const worker = new Worker(SYNTH_THREAD, { eval: true, workerData: { module, options } });
      worker.once('message', (templates: Record<string, CfnTemplate>) => {
        resolve(templates);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.once('exit', (code) => reject(new Error(`the synthesis thread exited with code ${code} before sending the templates`)));
    });
  } catch {
    // Any failure is met again, with its own message, where it happens in-process.
    const { synthesizeTemplates } = await import('./synth-cdk');
    return synthesizeTemplates(options);
  }
}

/**
 * Resolves CloudFormation intrinsics of our templates to local values: Ref and Fn::GetAtt of our
 * resources (physical name = logical id), pseudo parameters, Fn::Join/Sub/Select/Split and
 * cross-stack Fn::ImportValue.
 */
export class TemplateResolver {
  private readonly exports = new Map<string, { stack: string; value: unknown }>();
  /** Where the local cloud serves the HTTP APIs, once it listens. */
  localApiUrl?: string;
  constructor(readonly app: SynthesizedApp) {
    for (const [stack, t] of Object.entries(app.templates)) {
      for (const out of Object.values(t.Outputs ?? {})) if (out.Export) this.exports.set(out.Export.Name, { stack, value: out.Value });
    }
  }

  resource(logicalId: string): { stack: string; resource: CfnResource } | undefined {
    for (const [stack, t] of Object.entries(this.app.templates)) {
      const resource = t.Resources[logicalId];
      if (resource) return { stack, resource };
    }
    return undefined;
  }

  resources(type: string): { logicalId: string; stack: string; resource: CfnResource }[] {
    const out: { logicalId: string; stack: string; resource: CfnResource }[] = [];
    for (const [stack, t] of Object.entries(this.app.templates)) {
      for (const [logicalId, resource] of Object.entries(t.Resources)) if (resource.Type === type) out.push({ logicalId, stack, resource });
    }
    return out;
  }

  /** Local physical names are logical ids, which are unique across our two stacks. */
  arnOf(logicalId: string): string {
    const found = this.resource(logicalId);
    if (!found) throw new Error(`Template has no resource ${logicalId}`);
    const { region, accountId } = this.app;
    const name = this.physicalName(logicalId);
    switch (found.resource.Type) {
      case 'AWS::Lambda::Function':
        return `arn:aws:lambda:${region}:${accountId}:function:${name}`;
      case 'AWS::StepFunctions::StateMachine':
        return `arn:aws:states:${region}:${accountId}:stateMachine:${name}`;
      case 'AWS::Events::EventBus':
        return `arn:aws:events:${region}:${accountId}:event-bus/${name}`;
      case 'AWS::Events::Rule':
        return `arn:aws:events:${region}:${accountId}:rule/${name}`;
      case 'AWS::DynamoDB::GlobalTable':
      case 'AWS::DynamoDB::Table':
        return `arn:aws:dynamodb:${region}:${accountId}:table/${name}`;
      case 'AWS::SQS::Queue':
        return `arn:aws:sqs:${region}:${accountId}:${name}`;
      case 'AWS::S3::Bucket':
        return `arn:aws:s3:::${name.toLowerCase()}`;
      case 'AWS::KMS::Key':
        return `arn:aws:kms:${region}:${accountId}:key/${name}`;
      case 'AWS::SecretsManager::Secret':
        return `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}`;
      default:
        return `arn:aws:local:${region}:${accountId}:${found.resource.Type}/${name}`;
    }
  }

  /** Ref: the physical name (SQS: URL, S3: lowercase name; ARN-refs for state machines and secrets, as in CloudFormation). */
  refOf(logicalId: string): string {
    const pseudo: Record<string, string> = {
      'AWS::Region': this.app.region,
      'AWS::AccountId': this.app.accountId,
      'AWS::Partition': 'aws',
      'AWS::URLSuffix': 'amazonaws.com',
      'AWS::StackName': 'crossgen-local',
      'AWS::NoValue': '',
    };
    if (logicalId in pseudo) return pseudo[logicalId]!;
    const found = this.resource(logicalId);
    if (!found) throw new Error(`Template has no resource ${logicalId}`);
    switch (found.resource.Type) {
      case 'AWS::StepFunctions::StateMachine':
      case 'AWS::SecretsManager::Secret':
        return this.arnOf(logicalId);
      case 'AWS::SQS::Queue':
        return `http://sqs.local/${this.app.accountId}/${logicalId}`;
      case 'AWS::S3::Bucket':
        return logicalId.toLowerCase();
      default:
        return this.physicalName(logicalId);
    }
  }

  /** A literal name the template gives (CDK names event buses), else the logical id. */
  physicalName(logicalId: string): string {
    const r = this.resource(logicalId)?.resource;
    const named = r?.Type === 'AWS::Events::EventBus' ? r.Properties?.Name : undefined;
    return typeof named === 'string' ? named : logicalId;
  }

  resolve(value: unknown): any {
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value === null || typeof value !== 'object') return value;
    const obj = value as Record<string, unknown>;
    const keys = Object.keys(obj);
    if (keys.length === 1) {
      const [k] = keys as [string];
      const arg = obj[k];
      switch (k) {
        case 'Ref':
          return this.refOf(arg as string);
        case 'Fn::GetAtt': {
          const [id, attr] = (Array.isArray(arg) ? arg : String(arg).split('.')) as [string, string];
          if (attr === 'Arn') return this.arnOf(id);
          // HTTP APIs are all served on the local cloud's one port.
          if (attr === 'ApiEndpoint' && this.localApiUrl) return this.localApiUrl;
          if (attr === 'Name' || attr === 'TopicName' || attr === 'QueueName') return id;
          if (attr === 'StreamArn') return `${this.arnOf(id)}/stream/local`;
          return `${id}.${attr}`;
        }
        case 'Fn::Join': {
          const [sep, parts] = arg as [string, unknown[]];
          return (this.resolve(parts) as unknown[]).join(sep);
        }
        case 'Fn::Select': {
          const [index, list] = arg as [number, unknown];
          return (this.resolve(list) as unknown[])[Number(index)];
        }
        case 'Fn::Split': {
          const [sep, source] = arg as [string, unknown];
          return String(this.resolve(source)).split(sep);
        }
        case 'Fn::ImportValue': {
          const name = this.resolve(arg) as string;
          const exported = this.exports.get(name);
          if (!exported) throw new Error(`No stack exports ${name}`);
          return this.resolve(exported.value);
        }
        case 'Fn::Sub': {
          const [template, vars] = (Array.isArray(arg) ? arg : [arg, {}]) as [string, Record<string, unknown>];
          return template.replace(/\$\{([^}]+)\}/g, (_m, expr: string) => {
            if (vars && expr in vars) return String(this.resolve(vars[expr]));
            if (expr.includes('.')) {
              const [id, attr] = expr.split('.') as [string, string];
              return String(this.resolve({ 'Fn::GetAtt': [id, attr] }));
            }
            return this.refOf(expr);
          });
        }
        default:
          break;
      }
    }
    return Object.fromEntries(keys.map((k) => [k, this.resolve(obj[k])]));
  }
}

export interface LocalFunction {
  readonly logicalId: string;
  readonly arn: string;
  /** Absolute path of the handler's TypeScript source. */
  readonly entry: string;
  readonly handlerExport: string;
  readonly environment: Record<string, string>;
  readonly timeoutSeconds: number;
  readonly memorySize: number;
}

/** Every Lambda function of our stacks, bound to its TypeScript entry (recorded by ProgramFunction). */
export function functionsOf(resolver: TemplateResolver): LocalFunction[] {
  return resolver.resources('AWS::Lambda::Function').flatMap(({ logicalId, resource }) => {
    const entry = resource.Metadata?.[ENTRY_METADATA_KEY];
    if (typeof entry !== 'string') return []; // CDK-provided helpers (custom resources) do not run locally
    const props = resource.Properties ?? {};
    const handler = String(props.Handler ?? 'index.handler');
    return [
      {
        logicalId,
        arn: resolver.arnOf(logicalId),
        entry: path.join(REPO_ROOT, entry),
        handlerExport: handler.slice(handler.lastIndexOf('.') + 1),
        environment: resolver.resolve(props.Environment?.Variables ?? {}) as Record<string, string>,
        timeoutSeconds: Number(props.Timeout ?? 3),
        memorySize: Number(props.MemorySize ?? 128),
      },
    ];
  });
}
