import { GetCommand, PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { Program } from '../domain/program';
import { isProgramId } from '../domain/program-id';
import { dynamo, isConditionFailure, KEYS, queryAll, withoutKeys } from './dynamo';

/** A program as stored: the settings plus optimistic-locking bookkeeping. */
export type StoredProgram = Program & { readonly version: number; readonly createdAt: string; readonly updatedAt: string };

/** The program changed (or appeared) since the caller read it. */
export class ProgramVersionConflict extends Error {
  override readonly name = 'ProgramVersionConflict';
  constructor(
    readonly programId: string,
    readonly expectedVersion: number | undefined,
  ) {
    super(
      expectedVersion === undefined
        ? `Program "${programId}" already exists: read it and save it with its current version to change it.`
        : `Program "${programId}" was changed by someone else since version ${expectedVersion}: read it again and reapply your change.`,
    );
  }
}

export const programKey = (programId: string) => ({ [KEYS.pk]: `PROGRAM#${programId}`, [KEYS.sk]: '#PROGRAM' });

/**
 * Creates a program (no `expectedVersion`) or replaces it when it is still at `expectedVersion`.
 * The program must already be parsed with `programSchema`.
 */
export async function putProgram(program: Program, opts: { expectedVersion?: number; createdAt?: string } = {}): Promise<StoredProgram> {
  const { client, tableName } = dynamo();
  const now = new Date().toISOString();
  // A caller that has just read the program passes its createdAt and saves a read.
  const createdAt = opts.createdAt ?? (opts.expectedVersion === undefined ? undefined : (await getProgram(program.programId))?.createdAt);
  const stored: StoredProgram = {
    ...program,
    version: (opts.expectedVersion ?? 0) + 1,
    createdAt: createdAt ?? now,
    updatedAt: now,
  };
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: { ...programKey(program.programId), [KEYS.gsi1.pk]: 'PROGRAMS', [KEYS.gsi1.sk]: program.programId, type: 'Program', ...stored },
        ...(opts.expectedVersion === undefined
          ? { ConditionExpression: 'attribute_not_exists(#pk)', ExpressionAttributeNames: { '#pk': KEYS.pk } }
          : {
              ConditionExpression: '#version = :expected',
              ExpressionAttributeNames: { '#version': 'version' },
              ExpressionAttributeValues: { ':expected': opts.expectedVersion },
            }),
      }),
    );
  } catch (error) {
    if (isConditionFailure(error)) throw new ProgramVersionConflict(program.programId, opts.expectedVersion);
    throw error;
  }
  return stored;
}

export async function getProgram(programId: string): Promise<StoredProgram | undefined> {
  // An id no program can have (too long for a key, say) names none: nothing to read.
  if (!isProgramId(programId)) return undefined;
  const { client, tableName } = dynamo();
  const { Item } = await client.send(new GetCommand({ TableName: tableName, Key: programKey(programId) }));
  return Item ? withoutKeys<StoredProgram>(Item) : undefined;
}

/**
 * The names of these programs, each once, in the order given; a program that no longer exists is
 * left out (never an empty name in a sentence).
 */
export async function programNames(programIds: readonly string[]): Promise<string[]> {
  const programs = await Promise.all([...new Set(programIds)].map((id) => getProgram(id)));
  return programs.flatMap((p) => (p ? [p.name] : []));
}

export async function listPrograms(): Promise<StoredProgram[]> {
  const { client, tableName } = dynamo();
  const items = await queryAll<Record<string, unknown>>((startKey) =>
    client.send(
      new QueryCommand({
        TableName: tableName,
        IndexName: KEYS.gsi1.name,
        KeyConditionExpression: '#pk = :programs',
        ExpressionAttributeNames: { '#pk': KEYS.gsi1.pk },
        ExpressionAttributeValues: { ':programs': 'PROGRAMS' },
        ExclusiveStartKey: startKey,
      }),
    ),
  );
  return items.map((item) => withoutKeys<StoredProgram>(item));
}
