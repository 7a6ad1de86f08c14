import { childMachines, integrationKey, parseResource, SUPPORTED_INTEGRATIONS, type AslDefinition, type AslState } from './asl';

/** Thrown at registration: the definition uses something the local runner would run unfaithfully. */
export class UnsupportedDefinitionError extends Error {
  constructor(
    readonly stateMachine: string,
    readonly problems: readonly string[],
  ) {
    super(
      `State machine "${stateMachine}" cannot run locally because the local runner would not behave like AWS:\n` +
        problems.map((p) => `  - ${p}`).join('\n') +
        '\nRewrite these states with JSONPath and the supported integrations, or test this workflow on AWS.',
    );
    this.name = 'UnsupportedDefinitionError';
  }
}

const JSONATA_FIELDS = ['Arguments', 'Output', 'Assign', 'Items'] as const;
const DISTRIBUTED_MAP_FIELDS = ['ItemReader', 'ResultWriter', 'ItemBatcher', 'ToleratedFailurePercentage', 'ToleratedFailureCount'] as const;

/** Refuses (throws) anything the runner does not implement faithfully, naming every offending state. */
export function assertSupported(stateMachine: string, definition: AslDefinition): void {
  const problems: string[] = [];
  if (definition.QueryLanguage === 'JSONata') {
    problems.push('the state machine sets QueryLanguage JSONata; only JSONPath is implemented');
  }
  const seen = new Set<string>();
  visit(definition, problems, seen);
  if (problems.length > 0) throw new UnsupportedDefinitionError(stateMachine, problems);
}

function visit(definition: AslDefinition, problems: string[], seen: Set<string>): void {
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    const at = (what: string) => problems.push(`state "${name}" ${what}`);
    if (seen.has(name)) at('appears twice; state names must be unique across the whole state machine');
    seen.add(name);
    checkState(state, at);
    for (const child of childMachines(state)) {
      if (child.QueryLanguage === 'JSONata') at('runs a nested machine with QueryLanguage JSONata');
      visit(child, problems, seen);
    }
  }
}

function checkState(state: AslState, at: (what: string) => void): void {
  if (state.QueryLanguage === 'JSONata') at('uses QueryLanguage JSONata; only JSONPath is implemented');
  for (const field of JSONATA_FIELDS) {
    if (field in state) at(`uses ${field}, which the local runner ignores (JSONata/variables)`);
  }
  const rules = [...((state.Choices as AslState[] | undefined) ?? []), ...((state.Catch as AslState[] | undefined) ?? [])];
  if (rules.some((r) => 'Assign' in r || 'Output' in r || 'Condition' in r)) {
    at('uses Assign, Output or Condition in a Choice or Catch rule (JSONata/variables)');
  }
  if ('HeartbeatSeconds' in state || 'HeartbeatSecondsPath' in state) at('uses HeartbeatSeconds, which the local runner does not enforce');
  if ('TimeoutSecondsPath' in state && !('Parameters' in state))
    at('uses TimeoutSecondsPath without Parameters; the local runner resolves it alongside Parameters');
  if (state.Type === 'Map') checkMap(state, at);
  if (state.Type === 'Task') checkTask(state, at);
}

function checkMap(state: AslState, at: (what: string) => void): void {
  const processor = state.ItemProcessor as { ProcessorConfig?: { Mode?: string } } | undefined;
  if (processor?.ProcessorConfig?.Mode === 'DISTRIBUTED') at('is a Distributed Map; only inline Map is implemented');
  for (const field of DISTRIBUTED_MAP_FIELDS) {
    if (field in state) at(`uses ${field} (Distributed Map), which is not implemented`);
  }
}

function checkTask(state: AslState, at: (what: string) => void): void {
  const resource = parseResource(state.Resource);
  if (!resource) {
    at(`has Resource ${JSON.stringify(state.Resource)}, which has no local binding`);
    return;
  }
  if (resource.kind === 'lambdaArn') return;
  if (/\.sync(:2)?$/.test(resource.resource)) {
    at(`uses the .sync integration ${resource.resource}, which is not implemented`);
    return;
  }
  if (!SUPPORTED_INTEGRATIONS.has(integrationKey(resource))) {
    at(`uses ${resource.resource}; supported: ${[...SUPPORTED_INTEGRATIONS].join(', ')} and plain Lambda ARNs`);
  }
  if (resource.waitForTaskToken && typeof state.TimeoutSeconds !== 'number' && typeof state.TimeoutSecondsPath !== 'string') {
    at('waits for a task token without TimeoutSeconds; without it a lost reply blocks the execution until its one-year limit');
  }
}
