import { DYNAMODB_CONDITIONAL_WRITES, DYNAMODB_OPERATIONS, DYNAMODB_WRITES, type DynamoDbOperation, type FaultSpec } from './spec';

/** One call the local cloud is about to serve, as far as fault matching needs it. */
export type ServiceCall =
  | { readonly service: 'ses'; readonly operation: 'SendEmail'; readonly recipients: readonly string[] }
  | { readonly service: 'dynamodb'; readonly operation: DynamoDbOperation; readonly partitionKeys: readonly string[] }
  | { readonly service: 'eventbridge'; readonly operation: 'PutEvents'; readonly detailTypes: readonly string[] };

/** A fault with its counters, as GET /local/faults shows it. */
export type ActiveFault = FaultSpec & {
  readonly id: string;
  /** Matching calls still to be hit. */
  remaining: number;
  /** Matching calls that got the fault. */
  injected: number;
  /** Matching calls seen, skipped ones included. */
  matched: number;
};

/** Whether a fault applies to a call: service, then each filter the fault sets. */
export function faultMatches(fault: FaultSpec, call: ServiceCall): boolean {
  if (fault.service !== call.service) return false;
  switch (fault.service) {
    case 'ses': {
      const c = call as Extract<ServiceCall, { service: 'ses' }>;
      return fault.recipient === undefined || c.recipients.some((r) => r.toLowerCase() === fault.recipient!.toLowerCase());
    }
    case 'dynamodb': {
      const c = call as Extract<ServiceCall, { service: 'dynamodb' }>;
      const ops = operationsOf(fault);
      if (!ops.includes(c.operation)) return false;
      return fault.keyPrefix === undefined || c.partitionKeys.some((k) => k.startsWith(fault.keyPrefix!));
    }
    case 'eventbridge': {
      const c = call as Extract<ServiceCall, { service: 'eventbridge' }>;
      return fault.detailType === undefined || c.detailTypes.includes(fault.detailType);
    }
  }
}

/** The operations a DynamoDB fault hits: the ones it names, else every operation its kind can hit. */
function operationsOf(fault: Extract<FaultSpec, { service: 'dynamodb' }>): readonly string[] {
  if (fault.operation !== undefined) return typeof fault.operation === 'string' ? [fault.operation] : fault.operation;
  if (fault.kind === 'conditionalConflict') return DYNAMODB_CONDITIONAL_WRITES;
  if (fault.kind === 'responseLost') return DYNAMODB_WRITES;
  return DYNAMODB_OPERATIONS;
}

/**
 * The faults to inject, in the order they were added, with their counts. Pure bookkeeping: the
 * local cloud asks `take` before serving a call and injects what it returns. Faults see a call in
 * the order they were added: a matching fault still in its `skip` counts the call and lets the next
 * fault see it; the first matching fault past its `skip` injects, and no later fault sees the call
 * (a call never consumes two faults).
 */
export class FaultBook {
  private faults: ActiveFault[] = [];
  private sequence = 0;

  add(specs: readonly FaultSpec[]): ActiveFault[] {
    const added = specs.map((spec) => ({ ...spec, id: `fault-${++this.sequence}`, remaining: spec.count, injected: 0, matched: 0 }));
    this.faults.push(...added);
    return added.map((f) => ({ ...f }));
  }

  /** Copies, so that callers cannot change the counts. */
  list(): ActiveFault[] {
    return this.faults.map((f) => ({ ...f }));
  }

  /** Removes every fault; returns how many there were. */
  clear(): number {
    const n = this.faults.length;
    this.faults = [];
    return n;
  }

  /** True when some fault of this service can still be injected: lets the proxy skip parsing. */
  armed(service: ServiceCall['service']): boolean {
    return this.faults.some((f) => f.service === service && f.remaining > 0);
  }

  /**
   * The fault to inject into this call, counted as injected, or undefined to serve it normally.
   */
  take(call: ServiceCall): ActiveFault | undefined {
    for (const fault of this.faults) {
      if (fault.remaining === 0 || !faultMatches(fault, call)) continue;
      fault.matched++;
      if (fault.matched <= fault.skip) continue;
      fault.remaining--;
      fault.injected++;
      return { ...fault };
    }
    return undefined;
  }
}
