/**
 * What `GET /local/dead-letters` shows: the messages the dead-letter queue would hold on AWS, from
 * its two writers. `source: 'eventbridge'` is an event a rule could not hand to its target (the
 * rule target's DLQ, local/eventbridge/bus.ts); `source: 'lambda'` is the on-failure record of an
 * event a function kept failing on after Lambda's retries (local/lambda-async.ts). Both carry
 * `reason`, `errorCode`, `attempts` and `failedAt`, so a reader need not tell them apart.
 */
import type { DeadLetter as RuleDeadLetter, EventEnvelope } from './eventbridge/bus';
import type { AsyncFailure, FailureCondition, OnFailureRecord } from './lambda-async';

export interface FunctionDeadLetter {
  readonly source: 'lambda';
  readonly functionName: string;
  readonly functionArn: string;
  /** The on-failure destination (the queue). */
  readonly deadLetterArn: string;
  readonly errorCode: FailureCondition;
  /** The function's error message (responsePayload.errorMessage). */
  readonly reason: string;
  readonly attempts: number;
  /** Simulated time of each attempt (a local aid; AWS keeps these in the function's logs). */
  readonly attemptedAt: readonly string[];
  readonly failedAt: string;
  /** The EventBridge event the function was invoked with, when it was one. */
  readonly event?: EventEnvelope;
  /** The SQS message body, exactly as Lambda writes it. */
  readonly message: OnFailureRecord;
}

export type LocalDeadLetter = (RuleDeadLetter & { readonly source: 'eventbridge' }) | FunctionDeadLetter;

function isEventEnvelope(value: unknown): value is EventEnvelope {
  const v = value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && typeof v['detail-type'] === 'string' && typeof v.id === 'string' && 'detail' in v;
}

/** The dead letter of a failure that had a destination (failures without one are dropped, as on AWS). */
export function functionDeadLetter(failure: AsyncFailure & { destination: string }): FunctionDeadLetter {
  const { record } = failure;
  return {
    source: 'lambda',
    functionName: failure.functionName,
    functionArn: record.requestContext.functionArn,
    deadLetterArn: failure.destination,
    errorCode: record.requestContext.condition,
    reason: record.responsePayload.errorMessage,
    attempts: record.requestContext.approximateInvokeCount,
    attemptedAt: failure.attemptedAt,
    failedAt: record.timestamp,
    ...(isEventEnvelope(record.requestPayload) && { event: record.requestPayload }),
    message: record,
  };
}

/** Both writers' dead letters, oldest first. */
export function allDeadLetters(rules: readonly RuleDeadLetter[], functions: readonly FunctionDeadLetter[]): LocalDeadLetter[] {
  const merged: LocalDeadLetter[] = [...rules.map((d) => ({ ...d, source: 'eventbridge' as const })), ...functions];
  return merged.sort((a, b) => a.failedAt.localeCompare(b.failedAt));
}
