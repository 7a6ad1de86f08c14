/**
 * PutEvents request checks and the event envelope, as the EventBridge API reference documents them
 * (PutEvents, PutEventsRequestEntry, "Calculating PutEvents event entry size", quotas).
 */
import { randomUUID } from 'node:crypto';

/** One entry of a PutEvents request, as the SDK sends it (Time arrives as epoch seconds over the wire). */
export interface PutEventsEntry {
  Source?: string;
  DetailType?: string;
  Detail?: string;
  Resources?: string[];
  Time?: Date | number | string;
  EventBusName?: string;
  TraceHeader?: string;
}

/** The event a rule sees and a target receives (AWS's envelope: version "0", id, detail-type, ...). */
export interface EventEnvelope {
  version: '0';
  id: string;
  'detail-type': string;
  source: string;
  account: string;
  time: string;
  region: string;
  resources: string[];
  detail: Record<string, unknown>;
}

export type PutEventsResultEntry = { EventId: string } | { ErrorCode: string; ErrorMessage: string };

export interface PutEventsResult {
  FailedEntryCount: number;
  Entries: PutEventsResultEntry[];
}

/** A whole request AWS refuses (HTTP 400), before looking at single entries. */
export class PutEventsValidationError extends Error {
  readonly code = 'ValidationException';
}

export const MAX_ENTRIES = 10;
/** 256 KB for all entries of one request together, measured as AWS documents. */
export const MAX_REQUEST_BYTES = 256 * 1024;

const utf8Bytes = (text: string | undefined) => (text === undefined ? 0 : Buffer.byteLength(text, 'utf8'));

/** AWS's entry size: 14 bytes for Time if present, plus the UTF-8 bytes of Source, DetailType, Detail and Resources. */
export function entrySize(entry: PutEventsEntry): number {
  return (
    (entry.Time !== undefined ? 14 : 0) +
    utf8Bytes(entry.Source) +
    utf8Bytes(entry.DetailType) +
    utf8Bytes(entry.Detail) +
    (entry.Resources ?? []).reduce((sum, resource) => sum + utf8Bytes(resource), 0)
  );
}

/** Throws PutEventsValidationError for what fails the whole request on AWS. */
export function checkRequest(entries: unknown): asserts entries is PutEventsEntry[] {
  if (!Array.isArray(entries) || entries.length === 0) {
    throw new PutEventsValidationError(
      "1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  }
  if (entries.length > MAX_ENTRIES) {
    throw new PutEventsValidationError(
      `1 validation error detected: Value at 'entries' failed to satisfy constraint: Member must have length less than or equal to ${MAX_ENTRIES}. Send the ${entries.length} events in batches of ${MAX_ENTRIES}.`,
    );
  }
  const total = (entries as PutEventsEntry[]).reduce((sum, entry) => sum + entrySize(entry), 0);
  if (total > MAX_REQUEST_BYTES) {
    throw new PutEventsValidationError(
      `Total size of the entries in the request is over the limit (${total} bytes, the limit is ${MAX_REQUEST_BYTES}). Send fewer or smaller events per request.`,
    );
  }
}

/** Bus names may be given as names or ARNs; unnamed means the default bus. */
export function busNameOf(nameOrArn: string | undefined): string {
  if (!nameOrArn) return 'default';
  const marker = ':event-bus/';
  const at = nameOrArn.indexOf(marker);
  return nameOrArn.startsWith('arn:') && at >= 0 ? nameOrArn.slice(at + marker.length) : nameOrArn;
}

function entryError(code: string, message: string): PutEventsResultEntry {
  return { ErrorCode: code, ErrorMessage: message };
}

function missing(field: string): PutEventsResultEntry {
  return entryError('InvalidArgument', `Parameter ${field} is not valid. Reason: ${field} is a required argument.`);
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(detail);
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

function toDate(time: PutEventsEntry['Time'], now: Date): Date | undefined {
  if (time === undefined) return now;
  const date = time instanceof Date ? time : new Date(typeof time === 'number' ? time * 1000 : time);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** AWS writes event times to the second, without milliseconds. */
export function eventTime(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export interface EnvelopeContext {
  account: string;
  region: string;
  now: Date;
  busExists: (name: string) => boolean;
  newId?: () => string;
}

/** Either the envelope for a valid entry (and its bus), or the per-entry error AWS would answer. */
export function toEnvelope(entry: PutEventsEntry, context: EnvelopeContext): { event: EventEnvelope; busName: string } | { error: PutEventsResultEntry } {
  if (!entry.Source) return { error: missing('Source') };
  if (!entry.DetailType) return { error: missing('DetailType') };
  if (entry.Detail === undefined) return { error: missing('Detail') };
  // Only AWS services may publish with an "aws." source.
  if (entry.Source.startsWith('aws.')) {
    return { error: entryError('NotAuthorizedForSourceException', 'Not authorized for the source.') };
  }
  const detail = parseDetail(entry.Detail);
  if (!detail) return { error: entryError('MalformedDetail', 'Detail is malformed.') };
  const busName = busNameOf(entry.EventBusName);
  if (!context.busExists(busName)) {
    return { error: entryError('ResourceNotFoundException', `Event bus ${busName} does not exist.`) };
  }
  const time = toDate(entry.Time, context.now);
  if (!time) return { error: entryError('InvalidArgument', 'Parameter Time is not valid. Reason: it is not a timestamp.') };
  return {
    busName,
    event: {
      version: '0',
      id: (context.newId ?? randomUUID)(),
      'detail-type': entry.DetailType,
      source: entry.Source,
      account: context.account,
      time: eventTime(time),
      region: context.region,
      resources: entry.Resources ?? [],
      detail,
    },
  };
}
