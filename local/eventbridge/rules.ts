/**
 * EventBridge rules as the local bus holds them, read from a synthesized CloudFormation template
 * (AWS::Events::Rule / AWS::Events::EventBus), so the local cloud routes exactly what `cdk synth`
 * declares.
 */
import type { InputTransformer } from './input-transform';
import { isPlainObject } from './pattern-validate';

export interface RetryPolicy {
  /** AWS allows 0-185; the local bus caps attempts lower (see LocalEventBusOptions.maxAttempts). */
  maximumRetryAttempts?: number;
  maximumEventAgeInSeconds?: number;
}

export interface LocalTarget {
  id: string;
  arn: string;
  input?: string;
  inputPath?: string;
  inputTransformer?: InputTransformer;
  deadLetterArn?: string;
  retryPolicy?: RetryPolicy;
}

export interface LocalRule {
  name: string;
  eventBusName: string;
  pattern: Record<string, unknown>;
  state: 'ENABLED' | 'DISABLED';
  targets: LocalTarget[];
}

/** Turns a CloudFormation intrinsic (`{ Ref }`, `{ "Fn::GetAtt": [...] }`, ...) into its local value. */
export type ResolveIntrinsic = (intrinsic: Record<string, unknown>) => string;

interface CfnResource {
  Type?: string;
  Properties?: Record<string, unknown>;
}

interface CfnTemplate {
  Resources?: Record<string, CfnResource>;
}

function isIntrinsic(value: unknown): value is Record<string, unknown> {
  if (!isPlainObject(value)) return false;
  const keys = Object.keys(value);
  return keys.length === 1 && (keys[0] === 'Ref' || (keys[0] ?? '').startsWith('Fn::'));
}

function deepResolve(value: unknown, resolve: ResolveIntrinsic): unknown {
  if (isIntrinsic(value)) return resolve(value);
  if (Array.isArray(value)) return value.map((item) => deepResolve(item, resolve));
  if (isPlainObject(value)) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, deepResolve(item, resolve)]));
  }
  return value;
}

function text(value: unknown, what: string): string {
  if (typeof value !== 'string') {
    throw new Error(`${what} did not resolve to a string (got ${JSON.stringify(value)}); make the resolver return the local value for it.`);
  }
  return value;
}

/** The names of the custom event buses a template declares (`default` always exists as well). */
export function eventBusNamesFromTemplate(template: unknown): string[] {
  const resources = (template as CfnTemplate).Resources ?? {};
  return Object.entries(resources)
    .filter(([, resource]) => resource.Type === 'AWS::Events::EventBus')
    .map(([logicalId, resource]) => String(resource.Properties?.Name ?? logicalId));
}

function toTarget(raw: Record<string, unknown>, ruleName: string): LocalTarget {
  const transformer = raw.InputTransformer as Record<string, unknown> | undefined;
  const deadLetter = raw.DeadLetterConfig as Record<string, unknown> | undefined;
  const retry = raw.RetryPolicy as Record<string, unknown> | undefined;
  return {
    id: text(raw.Id, `Target Id of rule ${ruleName}`),
    arn: text(raw.Arn, `Target Arn of rule ${ruleName}`),
    ...(raw.Input !== undefined && { input: text(raw.Input, `Input of a target of rule ${ruleName}`) }),
    ...(raw.InputPath !== undefined && { inputPath: text(raw.InputPath, `InputPath of a target of rule ${ruleName}`) }),
    ...(transformer && {
      inputTransformer: {
        inputTemplate: text(transformer.InputTemplate, `InputTemplate of a target of rule ${ruleName}`),
        ...(transformer.InputPathsMap !== undefined && { inputPathsMap: transformer.InputPathsMap as Record<string, string> }),
      },
    }),
    ...(deadLetter?.Arn !== undefined && { deadLetterArn: text(deadLetter.Arn, `DeadLetterConfig of rule ${ruleName}`) }),
    ...(retry && {
      retryPolicy: {
        ...(typeof retry.MaximumRetryAttempts === 'number' && { maximumRetryAttempts: retry.MaximumRetryAttempts }),
        ...(typeof retry.MaximumEventAgeInSeconds === 'number' && { maximumEventAgeInSeconds: retry.MaximumEventAgeInSeconds }),
      },
    }),
  };
}

/**
 * Reads every pattern-based AWS::Events::Rule from a template's Resources. Intrinsics are resolved
 * by the callback, except a Ref to an event bus of the same template, which is its name (as in
 * CloudFormation). Rules without EventPattern (schedules) are left out: the local bus routes events.
 * A rule without Name is named after its logical id, which is stable across synths.
 */
export function rulesFromTemplate(template: unknown, resolveArn: ResolveIntrinsic): LocalRule[] {
  const resources = (template as CfnTemplate).Resources ?? {};
  const resolve: ResolveIntrinsic = (intrinsic) => {
    const ref = intrinsic.Ref;
    const target = typeof ref === 'string' ? resources[ref] : undefined;
    if (target?.Type === 'AWS::Events::EventBus') return String(target.Properties?.Name ?? ref);
    return resolveArn(intrinsic);
  };
  const rules: LocalRule[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Events::Rule' || resource.Properties?.EventPattern === undefined) continue;
    const props = deepResolve(resource.Properties, resolve) as Record<string, unknown>;
    const name = props.Name === undefined ? logicalId : text(props.Name, `Name of rule ${logicalId}`);
    const pattern = typeof props.EventPattern === 'string' ? JSON.parse(props.EventPattern) : props.EventPattern;
    rules.push({
      name,
      eventBusName: props.EventBusName === undefined ? 'default' : text(props.EventBusName, `EventBusName of rule ${name}`),
      pattern: pattern as Record<string, unknown>,
      state: props.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      targets: ((props.Targets as Record<string, unknown>[] | undefined) ?? []).map((target) => toTarget(target, name)),
    });
  }
  return rules;
}

/** A scheduled rule (`rate(...)` or `cron(...)`): the local cloud fires it on request (docs/local.md). */
export interface LocalSchedule {
  name: string;
  expression: string;
  state: 'ENABLED' | 'DISABLED';
  /** ARNs of its targets. */
  targets: string[];
}

/**
 * Reads every scheduled AWS::Events::Rule of a template. The local cloud does not run them on its
 * clock (an hourly rule would fire thousands of times in a simulated half-year): a test or a
 * person fires one with POST /local/schedules/{name}, at the simulated time.
 */
export function schedulesFromTemplate(template: unknown, resolveArn: ResolveIntrinsic): LocalSchedule[] {
  const resources = (template as CfnTemplate).Resources ?? {};
  const out: LocalSchedule[] = [];
  for (const [logicalId, resource] of Object.entries(resources)) {
    if (resource.Type !== 'AWS::Events::Rule' || resource.Properties?.ScheduleExpression === undefined) continue;
    const props = deepResolve(resource.Properties, resolveArn) as Record<string, unknown>;
    const name = props.Name === undefined ? logicalId : text(props.Name, `Name of rule ${logicalId}`);
    out.push({
      name,
      expression: text(props.ScheduleExpression, `ScheduleExpression of rule ${name}`),
      state: props.State === 'DISABLED' ? 'DISABLED' : 'ENABLED',
      targets: ((props.Targets as Record<string, unknown>[] | undefined) ?? []).map((t) => text(t.Arn, `Arn of a target of rule ${name}`)),
    });
  }
  return out;
}
