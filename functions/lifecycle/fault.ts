import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, isConditionFailure, KEYS } from '../adapters/dynamo';
import { loadPairingItem } from '../adapters/pairings';
import { getParticipant } from '../adapters/participants';
import { getProgram } from '../adapters/programs';
import { PAIRING_KEYS } from '../domain/pairing/model';
import { renderIntent } from '../domain/pairing/render';
import { logger } from '../shared/powertools';
import { sendEmail } from './context';

/** The pair's full names for the admins; none when a person cannot be read (the email then gives the id). */
async function namesOf([mentorId, menteeId]: [string, string]): Promise<{ mentor: string; mentee: string } | undefined> {
  try {
    const [mentor, mentee] = await Promise.all([getParticipant(mentorId), getParticipant(menteeId)]);
    return mentor && mentee ? { mentor: mentor.name, mentee: mentee.name } : undefined;
  } catch (error) {
    // The fault may be the table itself: the admins are still told, by pairing id.
    logger.warn('names unavailable for the fault email', { error: (error as Error).name });
    return undefined;
  }
}

/**
 * A step failed even after its retries. The pairing goes on hold (nothing is sent until an admin
 * resumes or ends it) and every admin is told once per fault, by name of error only. Returns the
 * version to wait on, so the execution parks instead of failing after months of running.
 */
export async function holdAfterFault(pairingId: string, errorName: string, now: Date): Promise<{ version: number; told: boolean }> {
  const { client, tableName } = dynamo();
  const safeError = errorName.replace(/[^A-Za-z0-9_.:-]/g, '').slice(0, 80) || 'Error';
  let version: number;
  let programId: string;
  let memberIds: [string, string];
  let told = false;
  try {
    const out = await client.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { [KEYS.pk]: PAIRING_KEYS.pk(pairingId), [KEYS.sk]: PAIRING_KEYS.item },
        UpdateExpression: 'SET #fault = :fault, #version = #version + :one, #updatedAt = :now',
        ConditionExpression: 'attribute_exists(#pk) AND attribute_not_exists(#fault)',
        ExpressionAttributeNames: { '#fault': 'fault', '#version': 'version', '#updatedAt': 'updatedAt', '#pk': KEYS.pk },
        ExpressionAttributeValues: { ':fault': { at: now.toISOString(), error: safeError }, ':one': 1, ':now': now.toISOString() },
        ReturnValues: 'ALL_NEW',
      }),
    );
    version = Number(out.Attributes!.version);
    programId = String(out.Attributes!.programId);
    memberIds = [String(out.Attributes!.mentorId), String(out.Attributes!.menteeId)];
    told = true;
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // Already on hold (a retry of this step): wait on the stored version, tell nobody twice.
    const item = await loadPairingItem(pairingId);
    if (!item) throw error;
    return { version: item.pairing.version, told: false };
  }
  const program = await getProgram(programId);
  if (program) {
    const people = await namesOf(memberIds);
    for (const admin of program.admins) {
      await sendEmail(
        admin,
        renderIntent('adminPairingParked', {
          to: { timeZone: program.timeZone },
          program: { name: program.name, admin: { name: 'the program team', email: program.admins[0] ?? '' } },
          pairingId,
          ...(people ? { people } : {}),
          errorName: safeError,
          resumeHow: `POST /pairings/${pairingId}/resume on the admin API (or a PairingResumeRequested event)`,
        }),
      );
    }
  }
  logger.error('pairing on hold after a failed step', { pairingId, error: safeError });
  return { version, told };
}
