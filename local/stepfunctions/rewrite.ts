import type { AslDefinition, AslState } from './asl';

/** Resource the rewritten Wait states carry; only our handler ever sees it. */
export const LOCAL_WAIT_RESOURCE = 'arn:aws:states:::local:wait';

/**
 * The library arms a real setTimeout for every Task (60 s when TimeoutSeconds is absent). The real
 * timeouts now run on the simulated clock, so the library gets the longest timer Node can arm.
 */
const LIBRARY_TASK_TIMEOUT_S = Math.floor((2 ** 31 - 1) / 1000);

/** What our Wait handler receives: the effective input and the wait, resolved by the library's paths. */
export interface WaitRequest {
  readonly input: unknown;
  readonly seconds?: unknown;
  readonly timestamp?: unknown;
}

/**
 * The definition the library runs. Its own Wait, TimeoutSeconds and Retry use real time, so:
 * Wait states become Tasks bound to our sim-clock handler (SecondsPath/TimestampPath resolved by
 * the library in Parameters), Task TimeoutSeconds and Retry move into our handler wrapper, and
 * the machine's own TimeoutSeconds is enforced by the runtime on the simulated clock.
 */
/** Hidden parameter carrying a resolved TimeoutSecondsPath to the task wrapper. */
export const TIMEOUT_PARAMETER = '__crossgenTimeoutSeconds';

export function toLibraryDefinition(definition: AslDefinition): AslDefinition {
  const { TimeoutSeconds: _machineTimeout, ...rest } = structuredClone(definition) as AslDefinition;
  return rewriteMachine(rest as AslDefinition);
}

function rewriteMachine(definition: AslDefinition): AslDefinition {
  const States: Record<string, AslState> = {};
  for (const [name, state] of Object.entries(definition.States)) States[name] = rewriteState(state);
  return { ...definition, States };
}

function rewriteState(state: AslState): AslState {
  switch (state.Type) {
    case 'Wait':
      return waitAsTask(state);
    case 'Task': {
      const { Retry: _retry, TimeoutSeconds: _timeout, TimeoutSecondsPath: timeoutPath, ...task } = state;
      // TimeoutSecondsPath is resolved against the state's input like Parameters are: let the
      // library resolve it as a hidden parameter, which our task wrapper takes back out.
      const Parameters = typeof timeoutPath === 'string' ? { ...(task.Parameters as object), [`${TIMEOUT_PARAMETER}.$`]: timeoutPath } : task.Parameters;
      return { ...task, ...(Parameters ? { Parameters } : {}), Type: 'Task', TimeoutSeconds: LIBRARY_TASK_TIMEOUT_S };
    }
    case 'Parallel':
      return { ...state, Branches: (state.Branches as AslDefinition[]).map(rewriteMachine) };
    case 'Map': {
      const field = state.ItemProcessor ? 'ItemProcessor' : 'Iterator';
      return { ...state, [field]: rewriteMachine(state[field] as AslDefinition) };
    }
    default:
      return state;
  }
}

function waitAsTask(wait: AslState): AslState {
  const parameters: Record<string, unknown> = { 'input.$': '$' };
  if ('Seconds' in wait) parameters.seconds = wait.Seconds;
  if ('Timestamp' in wait) parameters.timestamp = wait.Timestamp;
  if ('SecondsPath' in wait) parameters['seconds.$'] = wait.SecondsPath;
  if ('TimestampPath' in wait) parameters['timestamp.$'] = wait.TimestampPath;
  const task: Record<string, unknown> = {
    Type: 'Task',
    Resource: LOCAL_WAIT_RESOURCE,
    Parameters: parameters,
    TimeoutSeconds: LIBRARY_TASK_TIMEOUT_S,
  };
  for (const field of ['Comment', 'InputPath', 'OutputPath', 'Next', 'End']) {
    if (field in wait) task[field] = wait[field];
  }
  return task as unknown as AslState;
}
