import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KEYS } from '../../../functions/adapters/dynamo';
import { enrolParticipant } from '../../../functions/adapters/participants';
import { putProgram } from '../../../functions/adapters/programs';
import { forgetStandingAddress, issueStandingAddress } from '../../../functions/adapters/reply-tokens';
import { participantIntakeSchema } from '../../../functions/domain/participant';
import { DEFAULT_PROGRAM_INPUT, programSchema } from '../../../functions/domain/program';
import { intakeInput } from '../../fixtures/intake/participants';
import { startIntakeCloud, type IntakeCloud } from './dynamo-local';

/**
 * The standing reply address is written once per person and version, not with every email: a
 * second issue for the same version of the participant writes nothing, and any change to the
 * participant (its version moves on) writes the token again with the current address.
 */

let cloud: IntakeCloud;
beforeAll(async () => {
  cloud = await startIntakeCloud();
  await putProgram(programSchema.parse(DEFAULT_PROGRAM_INPUT));
});
afterAll(async () => cloud?.stop());

const tokenItem = async (opaqueId: string) =>
  (await cloud.db.send(new GetCommand({ TableName: cloud.tableName, Key: { [KEYS.pk]: `REPLY#${opaqueId}`, [KEYS.sk]: '#REPLY' }, ConsistentRead: true })))
    .Item;

/** Overwrites the stored token's address behind the adapter's back, to see whether the next issue writes it. */
const scribble = (opaqueId: string) =>
  cloud.db.send(
    new UpdateCommand({
      TableName: cloud.tableName,
      Key: { [KEYS.pk]: `REPLY#${opaqueId}`, [KEYS.sk]: '#REPLY' },
      UpdateExpression: 'SET recipientEmail = :x',
      ExpressionAttributeValues: { ':x': 'scribbled@example.com' },
    }),
  );

describe('the standing reply address', () => {
  it('is written for the first email, not again for the same version of the person, and again once the person changed', async () => {
    const { participant: p } = await enrolParticipant(participantIntakeSchema.parse(intakeInput({ email: 'stan.ding@example.com' })));
    const who = { programId: p.programId, participantId: p.participantId, email: p.email, version: p.version };

    const first = await issueStandingAddress(who);
    expect(first).toBeDefined();
    expect(await tokenItem(first!.opaqueId)).toMatchObject({ purpose: 'standing', recipientEmail: 'stan.ding@example.com', participantId: p.participantId });

    // Same person, same version: the same address, and nothing written (the scribble stays).
    await scribble(first!.opaqueId);
    const again = await issueStandingAddress(who);
    expect(again).toEqual(first);
    expect((await tokenItem(first!.opaqueId))!.recipientEmail).toBe('scribbled@example.com');

    // The person changed (a new version, a new address): the token is written again, same address.
    const moved = await issueStandingAddress({ ...who, email: 'stan.moved@example.com', version: p.version + 1 });
    expect(moved!.replyAddress).toBe(first!.replyAddress);
    expect((await tokenItem(first!.opaqueId))!.recipientEmail).toBe('stan.moved@example.com');

    // A caller that does not say which version it read always writes.
    await scribble(first!.opaqueId);
    await issueStandingAddress({ programId: p.programId, participantId: p.participantId, email: 'stan.moved@example.com' });
    expect((await tokenItem(first!.opaqueId))!.recipientEmail).toBe('stan.moved@example.com');

    // Forgotten (the person's data is being erased): the next issue writes again.
    await issueStandingAddress({ ...who, version: p.version + 2 });
    await scribble(first!.opaqueId);
    forgetStandingAddress(p.programId, p.participantId);
    await issueStandingAddress({ ...who, version: p.version + 2 });
    expect((await tokenItem(first!.opaqueId))!.recipientEmail).toBe('stan.ding@example.com');
  });
});
