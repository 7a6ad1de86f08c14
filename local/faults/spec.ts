import { z } from 'zod';
import { toFieldIssues, type FieldIssue } from '../../functions/domain/validation';

/**
 * What a test or a person can ask the local cloud to inject (POST /local/faults, CROSSGEN_FAULTS).
 * One definition for the local API, the environment variable and docs/local.md.
 */

/** DynamoDB operations a fault may name; the proxy reads the operation from X-Amz-Target. */
export const DYNAMODB_OPERATIONS = [
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
  'TransactGetItems',
  'TransactWriteItems',
] as const;
export type DynamoDbOperation = (typeof DYNAMODB_OPERATIONS)[number];

/** Writes: the operations a conditional conflict or a lost response can hit. */
export const DYNAMODB_WRITES: readonly DynamoDbOperation[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem'];
/** Writes that carry a condition: BatchWriteItem takes none. */
export const DYNAMODB_CONDITIONAL_WRITES: readonly DynamoDbOperation[] = ['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems'];

const count = z.int().min(1, 'must be at least 1: how many matching calls get the fault').max(1_000_000);
const skip = z.int().min(0, 'must be 0 or more: how many matching calls pass before the fault starts').max(1_000_000).default(0);

const sesFault = z.strictObject({
  service: z.literal('ses'),
  /** throttle: 429 TooManyRequestsException; fail: 500 InternalFailure. */
  kind: z.enum(['throttle', 'fail']),
  count,
  skip,
  /** Only sends with this address among To, Cc or Bcc (case-insensitive). */
  recipient: z.email('must be an email address').optional(),
});

const dynamoDbFault = z
  .strictObject({
    service: z.literal('dynamodb'),
    /**
     * throttle: 400 ThrottlingException (or `error`); conditionalConflict: 400
     * ConditionalCheckFailedException (TransactionCanceledException for a transaction), nothing
     * written; responseLost: the write is applied by DynamoDB Local, then the caller gets a 500.
     */
    kind: z.enum(['throttle', 'conditionalConflict', 'responseLost']),
    count,
    skip,
    /** Only these operations, e.g. "UpdateItem" or ["PutItem", "TransactWriteItems"]. */
    operation: z.union([z.enum(DYNAMODB_OPERATIONS), z.array(z.enum(DYNAMODB_OPERATIONS)).min(1)]).optional(),
    /** Only calls touching an item whose partition key starts with this, e.g. "PAIRING#". */
    keyPrefix: z.string().min(1).optional(),
    /** The throttling error's name. @default "ThrottlingException" */
    error: z.enum(['ThrottlingException', 'ProvisionedThroughputExceededException']).optional(),
  })
  .superRefine((f, ctx) => {
    if (f.error !== undefined && f.kind !== 'throttle') {
      ctx.addIssue({ code: 'custom', path: ['error'], message: 'only applies to kind "throttle"' });
    }
    const ops = f.operation === undefined ? [] : typeof f.operation === 'string' ? [f.operation] : f.operation;
    const allowed = f.kind === 'conditionalConflict' ? DYNAMODB_CONDITIONAL_WRITES : f.kind === 'responseLost' ? DYNAMODB_WRITES : DYNAMODB_OPERATIONS;
    const wrong = ops.filter((o) => !allowed.includes(o));
    if (wrong.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['operation'], message: `${wrong.join(', ')} cannot get a ${f.kind} fault; use one of ${allowed.join(', ')}` });
    }
  });

const eventBridgeFault = z.strictObject({
  service: z.literal('eventbridge'),
  /** failedEntries: 200 with FailedEntryCount > 0, those entries not put; fail: 500 InternalException. */
  kind: z.enum(['failedEntries', 'fail']),
  count,
  skip,
  /** Only PutEvents calls with an entry of this DetailType; with failedEntries, only those entries fail. */
  detailType: z.string().min(1).optional(),
});

export const faultSpecSchema = z.discriminatedUnion('service', [sesFault, dynamoDbFault, eventBridgeFault]);
export type FaultSpec = z.output<typeof faultSpecSchema>;
export type FaultSpecInput = z.input<typeof faultSpecSchema>;

/** A list, or `{ "faults": [...] }`. */
const faultListSchema = z.union([z.array(faultSpecSchema), z.strictObject({ faults: z.array(faultSpecSchema) }).transform((b) => b.faults)]);

export type ParsedFaults = { ok: true; faults: FaultSpec[] } | { ok: false; issues: FieldIssue[] };

export function parseFaults(input: unknown): ParsedFaults {
  const parsed = faultListSchema.safeParse(input);
  if (parsed.success) return { ok: true, faults: parsed.data };
  // The union hides which branch was meant: report the list's issues when the input is a list.
  const list = Array.isArray(input) ? z.array(faultSpecSchema).safeParse(input) : z.strictObject({ faults: z.array(faultSpecSchema) }).safeParse(input);
  return { ok: false, issues: toFieldIssues(list.success ? parsed.error : list.error) };
}

/** Reads CROSSGEN_FAULTS (a JSON list); throws a sentence naming the field when it is wrong. */
export function faultsFromEnvironment(value: string | undefined): FaultSpec[] {
  if (value === undefined || value.trim() === '') return [];
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    throw new Error('CROSSGEN_FAULTS is not valid JSON: set it to a list such as [{"service":"ses","kind":"throttle","count":3}].');
  }
  const parsed = parseFaults(json);
  if (!parsed.ok) {
    throw new Error(
      `CROSSGEN_FAULTS was not accepted: ${parsed.issues.map((i) => `${i.field} ${i.message}`).join('; ')}. Fix it or unset it (docs/local.md, "Faults").`,
    );
  }
  return parsed.faults;
}
