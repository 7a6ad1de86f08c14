/** The slice of the Amazon States Language (JSONPath) the local runner reads. */
export interface AslState {
  readonly Type: string;
  readonly [field: string]: unknown;
}

export interface AslDefinition {
  readonly StartAt: string;
  readonly States: Record<string, AslState>;
  readonly TimeoutSeconds?: number;
  readonly QueryLanguage?: string;
  readonly [field: string]: unknown;
}

export interface Retrier {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds?: number;
  readonly MaxAttempts?: number;
  readonly BackoffRate?: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: 'FULL' | 'NONE';
}

/** Nested state machines of a state: Parallel branches and the Map processor. */
export function childMachines(state: AslState): AslDefinition[] {
  if (state.Type === 'Parallel') return (state.Branches as AslDefinition[] | undefined) ?? [];
  if (state.Type === 'Map') {
    const processor = (state.ItemProcessor ?? state.Iterator) as AslDefinition | undefined;
    return processor ? [processor] : [];
  }
  return [];
}

/** Every state by name, nested ones included (the library keys its overrides by name alone). */
export function indexStates(definition: AslDefinition, into = new Map<string, AslState>()): Map<string, AslState> {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    into.set(name, state);
    for (const child of childMachines(state)) indexStates(child, into);
  }
  return into;
}

export type TaskResource =
  | { readonly kind: 'lambdaArn'; readonly resource: string }
  | { readonly kind: 'integration'; readonly resource: string; readonly service: string; readonly action: string; readonly waitForTaskToken: boolean };

const INTEGRATION = /^arn:aws[a-z-]*:states:::([a-z0-9-]+):([A-Za-z0-9]+)(?:\.(waitForTaskToken|sync(?::2)?))?$/;
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]+(?::[$A-Za-z0-9_-]+)?$/;

export function parseResource(resource: unknown): TaskResource | undefined {
  if (typeof resource !== 'string') return undefined;
  if (LAMBDA_ARN.test(resource)) return { kind: 'lambdaArn', resource };
  const m = INTEGRATION.exec(resource);
  if (!m) return undefined;
  return { kind: 'integration', resource, service: m[1]!, action: m[2]!, waitForTaskToken: m[3] === 'waitForTaskToken' };
}

/** Integrations the runner binds locally, as `service:action` (plus plain Lambda ARNs). */
export const SUPPORTED_INTEGRATIONS: ReadonlySet<string> = new Set([
  'lambda:invoke',
  'lambda:invoke.waitForTaskToken',
  'events:putEvents',
  'dynamodb:getItem',
  'dynamodb:putItem',
  'dynamodb:updateItem',
  'dynamodb:deleteItem',
  'states:startExecution',
]);

export function integrationKey(r: TaskResource & { kind: 'integration' }): string {
  return `${r.service}:${r.action}${r.waitForTaskToken ? '.waitForTaskToken' : ''}`;
}
