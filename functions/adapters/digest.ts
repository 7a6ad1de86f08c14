import { DeleteCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { DigestItem } from '../domain/digest';
import { dynamo, isConditionFailure, KEYS, queryByPrefix, withoutKeys } from './dynamo';

/**
 * The admins' weekly digest in a program's partition (PK=PROGRAM#{programId}):
 * - `DIGEST#ITEM#{key}`: a routine notice kept for the digest (one per key, so a redelivered
 *   event stores it once), deleted by TTL after 30 days, once every digest that could report it has;
 * - `DIGEST#SENT#{digestDay}#{admin}`: one admin's digest of one week, taken before it is sent,
 *   so that a retried or repeated run sends it once.
 */

const KEEP_ITEMS_S = 30 * 86_400;
const pk = (programId: string) => `PROGRAM#${programId}`;

export async function putDigestItem(programId: string, item: DigestItem): Promise<{ created: boolean }> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          [KEYS.pk]: pk(programId),
          [KEYS.sk]: `DIGEST#ITEM#${item.key}`,
          type: 'DigestItem',
          ...item,
          [KEYS.ttl]: Math.ceil(Date.parse(item.at) / 1000) + KEEP_ITEMS_S,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
    return { created: true };
  } catch (e) {
    if (isConditionFailure(e)) return { created: false };
    throw e;
  }
}

export async function listDigestItems(programId: string): Promise<DigestItem[]> {
  return (await queryByPrefix(pk(programId), 'DIGEST#ITEM#', 'consistent')).map((i) => {
    const { [KEYS.ttl]: _ttl, ...rest } = withoutKeys<Record<string, unknown>>(i);
    return rest as unknown as DigestItem;
  });
}

const sentKey = (programId: string, digestDay: string, admin: string) => ({
  [KEYS.pk]: pk(programId),
  [KEYS.sk]: `DIGEST#SENT#${digestDay}#${admin.toLowerCase()}`,
});

/** Takes this admin's digest of the week; false when it was taken (sent) already. */
export async function claimDigest(programId: string, digestDay: string, admin: string, now: Date): Promise<boolean> {
  const { client, tableName } = dynamo();
  try {
    await client.send(
      new PutCommand({
        TableName: tableName,
        Item: {
          ...sentKey(programId, digestDay, admin),
          type: 'DigestSent',
          sentAt: now.toISOString(),
          [KEYS.ttl]: Math.ceil(now.getTime() / 1000) + KEEP_ITEMS_S,
        },
        ConditionExpression: 'attribute_not_exists(#pk)',
        ExpressionAttributeNames: { '#pk': KEYS.pk },
      }),
    );
    return true;
  } catch (e) {
    if (isConditionFailure(e)) return false;
    throw e;
  }
}

/**
 * When the program's last digest before `digestDay` went (its newest claim of an earlier week, any
 * admin); undefined when none is kept. The week's own claims are left out: a retry of this week's
 * digest still covers the time since the digest before it.
 */
export async function lastDigestSentAt(programId: string, digestDay: string): Promise<string | undefined> {
  const claims = await queryByPrefix(pk(programId), 'DIGEST#SENT#', 'consistent');
  const earlier = claims
    .filter((c) => String(c[KEYS.sk]).slice('DIGEST#SENT#'.length, 'DIGEST#SENT#'.length + 10) < digestDay)
    .map((c) => String(c.sentAt ?? ''))
    .filter(Boolean);
  return earlier.sort().at(-1);
}

/** Gives the week's digest back when sending it failed, so that the retry sends it. */
export async function releaseDigest(programId: string, digestDay: string, admin: string): Promise<void> {
  const { client, tableName } = dynamo();
  await client.send(new DeleteCommand({ TableName: tableName, Key: sentKey(programId, digestDay, admin) }));
}
