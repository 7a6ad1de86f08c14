import type { AslState } from './asl';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  /** Simulated epoch milliseconds. */
  readonly timestamp: number;
  readonly type: string;
  readonly details?: Record<string, unknown>;
}

const DATA_FIELDS = new Set(['input', 'output', 'parameters']);

/** One execution's history in AWS's event vocabulary, stamped with simulated time. */
export class ExecutionHistory {
  readonly events: HistoryEvent[] = [];

  add(type: string, details?: Record<string, unknown>, timestamp = Date.now()): void {
    const id = this.events.length + 1;
    this.events.push({ id, previousEventId: id - 1, timestamp, type, ...(details ? { details } : {}) });
  }
}

export function json(value: unknown): string {
  return JSON.stringify(value ?? null);
}

function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0]!.toLowerCase()}${type.slice(1)}EventDetails`;
}

/** GetExecutionHistory's shape (JSON 1.0 timestamps are epoch seconds). */
export function toAwsEvent(e: HistoryEvent, includeExecutionData: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = { timestamp: e.timestamp / 1000, type: e.type, id: e.id, previousEventId: e.previousEventId };
  if (e.details) {
    const details: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(e.details)) {
      if (includeExecutionData || !DATA_FIELDS.has(k)) details[k] = v;
    }
    for (const k of ['input', 'output'] as const) {
      if (k in e.details) details[`${k}Details`] = { truncated: false, ...(includeExecutionData ? {} : { included: false }) };
    }
    out[detailsKey(e.type)] = details;
  }
  return out;
}

/** An event as the library's event log yields it (only the fields we read). */
export interface LibraryEvent {
  readonly type: string;
  readonly timestamp: number;
  readonly state?: { name: string; input?: unknown; output?: unknown };
  readonly parentState?: { name: string };
  readonly index?: number;
  readonly Error?: string;
  readonly Cause?: unknown;
}

export interface StateProgress {
  /** A state was entered: one state transition, and the execution's current state. */
  readonly entered?: string;
  readonly retried?: boolean;
}

/**
 * Translates the library's event log into AWS history events, with the real state types (the
 * library sees Wait states as Tasks). Task events come from our handler wrapper instead.
 */
export function recordLibraryEvent(history: ExecutionHistory, states: ReadonlyMap<string, AslState>, ev: LibraryEvent): StateProgress {
  const name = ev.state?.name ?? ev.parentState?.name ?? '';
  const type = states.get(name)?.Type ?? 'Task';
  switch (ev.type) {
    case 'StateEntered':
      history.add(`${type}StateEntered`, { name, input: json(ev.state?.input) }, ev.timestamp);
      if (type === 'Parallel') history.add('ParallelStateStarted', undefined, ev.timestamp);
      return { entered: name };
    case 'StateExited':
      if (type === 'Map') history.add('MapStateSucceeded', undefined, ev.timestamp);
      if (type === 'Parallel') history.add('ParallelStateSucceeded', undefined, ev.timestamp);
      history.add(`${type}StateExited`, { name, output: json(ev.state?.output) }, ev.timestamp);
      return {};
    case 'StateFailed':
      if (type === 'Map' || type === 'Parallel') history.add(`${type}StateFailed`, undefined, ev.timestamp);
      return {};
    case 'StateRetried':
      return { retried: true };
    case 'MapIterationStarted':
    case 'MapIterationSucceeded':
    case 'MapIterationFailed':
      history.add(ev.type, { name, index: ev.index ?? 0 }, ev.timestamp);
      return {};
    default:
      return {};
  }
}
