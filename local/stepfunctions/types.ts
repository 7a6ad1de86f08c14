import type { SimClock } from '../clock';
import type { AslDefinition } from './asl';
import type { StepFunctionsIntegrations } from './tasks';

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface LocalStepFunctionsOptions {
  readonly clock: SimClock;
  readonly integrations: StepFunctionsIntegrations;
  /** @default 'eu-west-1' */
  readonly region?: string;
  /** @default '000000000000' */
  readonly accountId?: string;
}

export interface StateMachineInfo {
  readonly name: string;
  readonly arn: string;
  readonly definition: AslDefinition;
  readonly createdAt: Date;
}

export interface ExecutionDescription {
  readonly executionArn: string;
  readonly stateMachineArn: string;
  readonly name: string;
  readonly status: ExecutionStatus;
  readonly startDate: Date;
  readonly stopDate?: Date;
  /** JSON text, as the API returns it. */
  readonly input: string;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

/** One line per execution for the console and `GET /local/executions`. */
export interface ExecutionSummary {
  readonly executionArn: string;
  readonly name: string;
  readonly stateMachineName: string;
  readonly status: ExecutionStatus;
  readonly currentState?: string;
  readonly startDate: Date;
  readonly stopDate?: Date;
  readonly transitions: number;
}
