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
  /** Told when an execution starts and ends, so that a restarted cloud can carry on (local/persistence.ts). */
  readonly journal?: ExecutionJournal;
}

/** An execution as a restarted cloud needs it: what it runs, from when, and how it ended. */
export interface ExecutionRecord {
  readonly arn: string;
  readonly name: string;
  readonly stateMachineArn: string;
  readonly input: string;
  /** Simulated epoch milliseconds. */
  readonly startDate: number;
  readonly status: string;
  readonly stopDate?: number;
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface ExecutionJournal {
  executionStarted(e: ExecutionRecord): void;
  executionEnded(e: { arn: string; status: string; stopDate: number; output?: string; error?: string; cause?: string }): void;
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
