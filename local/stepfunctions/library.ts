import './polyfill';
import { ExecutionError, StateMachine, type StateMachineDefinition } from 'aws-local-stepfunctions';
import type { AslDefinition } from './asl';

export { ExecutionError, StateMachine };

/** ASL validation is the slow part (~0.3-0.6 s): callers build each machine once and reuse it. */
export function buildLibraryMachine(definition: AslDefinition): StateMachine {
  return new StateMachine(definition as unknown as StateMachineDefinition, {
    // CDK-produced ARNs and paths trip the validator's stricter checks without being wrong.
    validationOptions: { checkArn: false, checkPaths: false },
  });
}

let timeoutErrorClass: Promise<new () => Error> | undefined;

/**
 * The library lets `States.TaskFailed` match every Task error except instances of its own,
 * unexported `States.Timeout` class (as AWS does). Our timeouts run on the simulated clock, so we
 * obtain that class once from a 1 ms library timeout and throw instances of it.
 */
export function statesTimeoutErrorClass(): Promise<new () => Error> {
  timeoutErrorClass ??= (async () => {
    const probe = new StateMachine(
      { StartAt: 'Probe', States: { Probe: { Type: 'Task', Resource: 'arn:aws:states:::local:probe', TimeoutSeconds: 0.001, End: true } } },
      { validationOptions: { noValidate: true } },
    );
    const run = probe.run(null, { overrides: { taskResourceLocalHandlers: { Probe: () => new Promise(() => undefined) } } });
    const failure = await run.result.then(
      () => undefined,
      (e: unknown) => e,
    );
    const cause = failure instanceof ExecutionError ? (failure.cause as Error | undefined) : undefined;
    if (cause?.name !== 'States.Timeout') {
      throw new Error('aws-local-stepfunctions no longer raises States.Timeout as expected; check the pinned version (3.0.0).');
    }
    return cause.constructor as new () => Error;
  })();
  return timeoutErrorClass;
}
