/**
 * The local EventBridge: PutEvents -> envelope -> matching ENABLED rules of the event's bus ->
 * each target, asynchronously, after input transformation. A delivery fails only when the target
 * cannot take the event (for a Lambda target: the function does not exist; a function *error* is
 * not a delivery failure, since EventBridge invokes Lambda asynchronously and Lambda retries it,
 * local/lambda-async.ts). Failed deliveries are retried a few times, or not at all when the error
 * says retrying cannot help, and then kept as dead letters, the way a rule's DLQ receives them.
 */
import { randomUUID } from 'node:crypto';
import { buildTargetInput } from './input-transform';
import { matchesValidPattern, validatePattern } from './pattern';
import { type EventEnvelope, type PutEventsEntry, type PutEventsResult, busNameOf, checkRequest, eventTime, toEnvelope } from './put-events';
import type { LocalRule, LocalTarget } from './rules';

export { eventBusNamesFromTemplate, rulesFromTemplate, schedulesFromTemplate } from './rules';
export type { LocalRule, LocalTarget } from './rules';
export type { EventEnvelope, PutEventsEntry, PutEventsResult } from './put-events';
export { PutEventsValidationError } from './put-events';

export interface DeliveryContext {
  rule: LocalRule;
  target: LocalTarget;
  event: EventEnvelope;
}

/**
 * Hands the text AWS would send to a target (Lambda, state machine, ...). Rejecting means the
 * delivery failed; an error with `retryable: false` (missing target, no permission) is dead-lettered
 * at once, as AWS does not retry those.
 */
export type Deliver = (targetArn: string, input: string, context: DeliveryContext) => Promise<void>;

export interface LocalEventBusOptions {
  deliver: Deliver;
  rules?: LocalRule[];
  /** Custom buses besides `default`; buses named by rules exist as well. */
  eventBusNames?: string[];
  now?: () => Date;
  account?: string;
  region?: string;
  /** Attempts per target before dead-lettering (AWS retries up to 185 times over 24 h). @default 3 */
  maxAttempts?: number;
  /** Events kept for the console, oldest dropped first. @default 1000 */
  logLimit?: number;
  newId?: () => string;
  /**
   * Told of each event as it is accepted (before PutEvents answers) and of each delivery once it is
   * settled, so that the event log outlives a kill (local/persistence.ts under --data). @default none
   */
  journal?: EventLogJournal;
}

export interface EventLogJournal {
  /** The event as logged, its deliveries still pending. */
  logged(event: LoggedEvent): void;
  /** Delivery `index` of the event (its place in `deliveries`) is delivered or dead-lettered. */
  settled(eventId: string, index: number, record: DeliveryRecord): void;
}

export type DeliveryStatus = 'pending' | 'delivered' | 'dead-lettered';

export interface DeliveryRecord {
  ruleName: string;
  targetId: string;
  targetArn: string;
  status: DeliveryStatus;
  attempts: number;
  error?: string;
}

export interface LoggedEvent {
  eventBusName: string;
  receivedAt: string;
  event: EventEnvelope;
  deliveries: DeliveryRecord[];
}

export type DeadLetterCode = 'RETRIES_EXHAUSTED' | 'MAXIMUM_EVENT_AGE_EXCEEDED' | 'INPUT_TRANSFORMATION_FAILED' | 'RESOURCE_NOT_FOUND';

export interface DeadLetter {
  ruleName: string;
  ruleArn: string;
  targetId: string;
  targetArn: string;
  /** The queue AWS would have sent it to; undefined when the target has none (AWS would drop it). */
  deadLetterArn?: string;
  event: EventEnvelope;
  input?: string;
  attempts: number;
  errorCode: DeadLetterCode;
  reason: string;
  failedAt: string;
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export class LocalEventBus {
  readonly account: string;
  readonly region: string;
  private readonly deliver: Deliver;
  private readonly now: () => Date;
  private readonly maxAttempts: number;
  private readonly logLimit: number;
  private readonly newId: (() => string) | undefined;
  private readonly journal: EventLogJournal | undefined;
  private readonly ruleList: LocalRule[] = [];
  private readonly busNames = new Set<string>(['default']);
  private readonly log: LoggedEvent[] = [];
  private readonly dead: DeadLetter[] = [];
  private readonly inFlight = new Set<Promise<void>>();

  constructor(options: LocalEventBusOptions) {
    this.deliver = options.deliver;
    this.now = options.now ?? (() => new Date());
    this.account = options.account ?? '000000000000';
    this.region = options.region ?? 'eu-west-1';
    this.maxAttempts = Math.max(1, options.maxAttempts ?? 3);
    this.logLimit = options.logLimit ?? 1000;
    this.newId = options.newId;
    this.journal = options.journal;
    for (const name of options.eventBusNames ?? []) this.busNames.add(busNameOf(name));
    for (const rule of options.rules ?? []) this.addRule(rule);
  }

  /** Adds a rule; refuses, naming the rule, a pattern AWS would refuse. */
  addRule(rule: LocalRule): void {
    const eventBusName = busNameOf(rule.eventBusName);
    const problem = validatePattern(rule.pattern);
    if (problem) throw new Error(`Rule ${rule.name} on event bus ${eventBusName} cannot be loaded. ${problem}`);
    if (this.findRule(rule.name, eventBusName)) {
      throw new Error(`Rule ${rule.name} already exists on event bus ${eventBusName}; rule names must be unique per bus.`);
    }
    this.busNames.add(eventBusName);
    this.ruleList.push({ ...rule, eventBusName });
  }

  rules(eventBusName?: string): readonly LocalRule[] {
    return eventBusName === undefined ? [...this.ruleList] : this.ruleList.filter((r) => r.eventBusName === busNameOf(eventBusName));
  }

  findRule(name: string, eventBusName?: string): LocalRule | undefined {
    const bus = busNameOf(eventBusName);
    return this.ruleList.find((rule) => rule.name === name && rule.eventBusName === bus);
  }

  hasEventBus(name: string): boolean {
    return this.busNames.has(busNameOf(name));
  }

  /** Every bus, `default` first, then the custom ones by name (ListEventBuses). */
  eventBuses(): { name: string; arn: string }[] {
    const custom = [...this.busNames].filter((n) => n !== 'default').sort();
    return ['default', ...custom].map((name) => ({ name, arn: `arn:aws:events:${this.region}:${this.account}:event-bus/${name}` }));
  }

  ruleArn(rule: LocalRule): string {
    const path = rule.eventBusName === 'default' ? rule.name : `${rule.eventBusName}/${rule.name}`;
    return `arn:aws:events:${this.region}:${this.account}:rule/${path}`;
  }

  /**
   * PutEvents: answers at once (targets run afterwards); throws PutEventsValidationError when AWS
   * would refuse the whole request (no entries, more than 10, over 256 KB).
   */
  putEvents(entries: PutEventsEntry[]): PutEventsResult {
    checkRequest(entries);
    const received = this.now();
    const context = {
      account: this.account,
      region: this.region,
      now: received,
      busExists: (name: string) => this.busNames.has(name),
      ...(this.newId && { newId: this.newId }),
    };
    const result: PutEventsResult = { FailedEntryCount: 0, Entries: [] };
    for (const entry of entries) {
      const outcome = toEnvelope(entry, context);
      if ('error' in outcome) {
        result.FailedEntryCount += 1;
        result.Entries.push(outcome.error);
        continue;
      }
      result.Entries.push({ EventId: outcome.event.id });
      this.route(outcome.event, outcome.busName, received);
    }
    return result;
  }

  /**
   * An event an AWS service publishes itself (SES feedback, for one): source `aws.*`, always on
   * the default bus, which PutEvents would refuse to a caller. Returns the event id.
   */
  emitServiceEvent(source: string, detailType: string, detail: Record<string, unknown>, resources: string[] = []): string {
    if (!source.startsWith('aws.')) throw new Error(`Service events come from an "aws." source, not "${source}"; callers use putEvents.`);
    const received = this.now();
    const event: EventEnvelope = {
      version: '0',
      id: (this.newId ?? randomUUID)(),
      'detail-type': detailType,
      source,
      account: this.account,
      time: eventTime(received),
      region: this.region,
      resources,
      detail,
    };
    this.route(event, 'default', received);
    return event.id;
  }

  /** Every event received (newest last) with the state of each delivery, for the console. */
  eventLog(): readonly LoggedEvent[] {
    return [...this.log];
  }

  deadLetters(): readonly DeadLetter[] {
    return [...this.dead];
  }

  /** Puts back what a previous run of the local cloud logged (local/persistence.ts). */
  restore(state: { log: readonly LoggedEvent[]; dead: readonly DeadLetter[] }): void {
    this.log.push(...state.log.slice(-this.logLimit));
    this.dead.push(...state.dead);
  }

  /** Resolves once no delivery is running or waiting, including retries. */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private route(event: EventEnvelope, eventBusName: string, received: Date): void {
    const logged: LoggedEvent = { eventBusName, receivedAt: received.toISOString(), event, deliveries: [] };
    const matching = this.ruleList.filter((rule) => rule.eventBusName === eventBusName && rule.state === 'ENABLED' && matchesValidPattern(rule.pattern, event));
    const work = matching.flatMap((rule) =>
      rule.targets.map((target) => {
        const record: DeliveryRecord = { ruleName: rule.name, targetId: target.id, targetArn: target.arn, status: 'pending', attempts: 0 };
        logged.deliveries.push(record);
        return { rule, target, record, index: logged.deliveries.length - 1 };
      }),
    );
    // Journaled before PutEvents answers: an accepted event is in the log after a kill (a journal that throws refuses it).
    this.journal?.logged(logged);
    this.log.push(logged);
    if (this.log.length > this.logLimit) this.log.splice(0, this.log.length - this.logLimit);
    for (const { rule, target, record, index } of work) {
      // A microtask, not a timer: PutEvents has answered before any target runs, and a faked clock cannot stall it.
      const job = Promise.resolve()
        .then(() => this.deliverWithRetries(rule, target, event, record, received))
        .then(() => this.journalSettled(event.id, index, record))
        .finally(() => this.inFlight.delete(job));
      this.inFlight.add(job);
    }
  }

  private journalSettled(eventId: string, index: number, record: DeliveryRecord): void {
    try {
      this.journal?.settled(eventId, index, record);
    } catch {
      // The delivery has happened; only the log's view of it after a kill would be "pending".
    }
  }

  private attemptsFor(target: LocalTarget): number {
    const retries = target.retryPolicy?.maximumRetryAttempts;
    return retries === undefined ? this.maxAttempts : Math.min(this.maxAttempts, retries + 1);
  }

  private async deliverWithRetries(rule: LocalRule, target: LocalTarget, event: EventEnvelope, record: DeliveryRecord, received: Date): Promise<void> {
    const ruleArn = this.ruleArn(rule);
    let input: string;
    try {
      input = buildTargetInput(target, event, { name: rule.name, arn: ruleArn }, eventTime(received));
    } catch (error) {
      // AWS does not retry an input it cannot build: the event goes straight to the DLQ.
      this.deadLetter(
        rule,
        target,
        event,
        record,
        undefined,
        'INPUT_TRANSFORMATION_FAILED',
        `The input for target ${target.id} of rule ${rule.name} could not be built: ${errorText(error)}`,
      );
      return;
    }
    const maxAge = target.retryPolicy?.maximumEventAgeInSeconds;
    const attempts = this.attemptsFor(target);
    let lastError = '';
    while (record.attempts < attempts) {
      if (record.attempts > 0 && maxAge !== undefined && (this.now().getTime() - received.getTime()) / 1000 > maxAge) {
        this.deadLetter(
          rule,
          target,
          event,
          record,
          input,
          'MAXIMUM_EVENT_AGE_EXCEEDED',
          `Target ${target.id} of rule ${rule.name} still failed after the maximum event age of ${maxAge} s: ${lastError}`,
        );
        return;
      }
      record.attempts += 1;
      try {
        await this.deliver(target.arn, input, { rule, target, event });
        record.status = 'delivered';
        delete record.error;
        return;
      } catch (error) {
        lastError = errorText(error);
        record.error = lastError;
        if ((error as { retryable?: unknown }).retryable === false) {
          this.deadLetter(
            rule,
            target,
            event,
            record,
            input,
            'RESOURCE_NOT_FOUND',
            `Target ${target.id} of rule ${rule.name} cannot take events, so it was not retried: ${lastError}`,
          );
          return;
        }
      }
    }
    this.deadLetter(
      rule,
      target,
      event,
      record,
      input,
      'RETRIES_EXHAUSTED',
      `Target ${target.id} of rule ${rule.name} failed ${record.attempts} time(s); last error: ${lastError}`,
    );
  }

  private deadLetter(
    rule: LocalRule,
    target: LocalTarget,
    event: EventEnvelope,
    record: DeliveryRecord,
    input: string | undefined,
    errorCode: DeadLetterCode,
    reason: string,
  ): void {
    record.status = 'dead-lettered';
    record.error = reason;
    this.dead.push({
      ruleName: rule.name,
      ruleArn: this.ruleArn(rule),
      targetId: target.id,
      targetArn: target.arn,
      ...(target.deadLetterArn !== undefined && { deadLetterArn: target.deadLetterArn }),
      event,
      ...(input !== undefined && { input }),
      attempts: record.attempts,
      errorCode,
      reason,
      failedAt: this.now().toISOString(),
    });
  }
}
