import { describe, expect, it } from 'vitest';
import { redactionTargets, REMOVED, scrubConcern, scrubPairing, scrubPairingRecord } from '../../../functions/domain/erasure';

/**
 * A short name is found between digits and punctuation ("Ed" in "pr_ed2x", "12ed34"): an erasure
 * looks for names only in the words of a record, never in its keys, ids, digests, tokens, dates or
 * codes, or the rewrite of an item under a changed key misses it and the item keeps the name.
 */

const targets = redactionTargets([{ name: 'Ed London', email: 'ed@example.com' }]);
const erased = { participantId: 'pt_ed1', side: 'mentor' as const, emails: targets.emails };
const PK = 'PAIRING#pr_ed2x9';

describe('an erasure leaves ids, keys and codes as they were (a short name is found between digits)', () => {
  it('the pairing item: its keys, ids, execution and concern ids stay, its reasons lose the name', () => {
    const pairing = {
      PK,
      SK: '#PAIRING',
      GSI1PK: 'PROGRAM#q3',
      GSI1SK: 'MEMBER#pt_ed1',
      type: 'Pairing',
      pairingId: 'pr_ed2x9',
      mentorId: 'pt_ed1',
      menteeId: 'pt_7ed',
      reasons: ['Ed offers AI tools'],
      status: 'active',
      round: { key: 'r-ed-2', kind: 'check-in', answers: { mentee: { intent: 'yes', note: 'Ed London was great', at: '2027-03-01T10:00:00.000Z' } } },
      concerns: [{ concernId: 'cn_12ed34', escalateAt: '2027-03-02T10:00:00.000Z' }],
      executionArn: 'arn:aws:states:eu-west-1:123:execution:Pairing:pr_ed2x9',
      executions: ['arn:aws:states:eu-west-1:123:execution:Pairing:pr_ed2x9'],
      version: 3,
    };
    expect(scrubPairing(pairing, 'mentor', targets)).toEqual({
      ...pairing,
      reasons: [`${REMOVED} offers AI tools`],
      round: { ...pairing.round, answers: { mentee: { ...pairing.round.answers.mentee, note: `${REMOVED} was great` } } },
    });
  });

  it('an outbox entry held for the partner: its keys, reply id and time zone stay, the name goes', () => {
    const held = {
      PK,
      SK: 'OUTBOX#2027-03-02T08:00:00.000Z|000|email:checkIn:ed_2',
      type: 'Outbox',
      kind: 'email',
      key: 'email:checkIn:ed_2',
      ref: '2027-03-02T08:00:00.000Z|000|email:checkIn:ed_2',
      status: 'pending',
      opaqueId: 'q_9ed0',
      email: {
        key: 'checkIn:ed_2',
        to: 'sam@example.com',
        toParticipant: 'pt_7ed',
        template: 'checkInThanks',
        heldForZone: 'Europe/London',
        input: { to: { name: 'Sam Senior', timeZone: 'Europe/London' }, partner: { name: 'Ed London' }, note: 'thanks Ed' },
        question: { purpose: 'check-in', roundKey: 'r-ed-2', side: 'mentee', closesAt: '2027-03-09T08:00:00.000Z', choices: ['yes', 'no'] },
      },
    };
    expect(scrubPairingRecord(held, erased, targets)).toEqual({
      ...held,
      email: { ...held.email, input: { ...held.email.input, partner: { name: '' }, note: `thanks ${REMOVED}` } },
    });
  });

  it('a reply question to the partner and a matching proposal keep their ids, digest and token', () => {
    const reply = {
      PK: 'REPLY#a1ed2b',
      SK: '#REPLY',
      type: 'ReplyToken',
      opaqueId: 'a1ed2b',
      recipientEmail: 'sam@example.com',
      recipientEmailHash: '12ed34ff',
      taskToken: 'AAE+ed/9ed0',
      pairingId: 'pr_ed2x9',
      roundKey: 'r-ed-2',
      context: { partner: 'Ed London' },
    };
    expect(scrubPairingRecord(reply, erased, targets)).toEqual({ ...reply, context: { partner: '' } });
    const proposed = {
      PK: 'PROGRAM#q3',
      SK: 'MATCHING#run_ed1#PAIR#pr_ed2x9',
      type: 'ProposedPair',
      pairingId: 'pr_ed2x9',
      mentorId: 'pt_ed1',
      menteeId: 'pt_7ed',
      reasons: ['Ed and Sam both like AI'],
    };
    expect(scrubPairingRecord(proposed, { participantId: 'pt_ed1', emails: targets.emails }, targets)).toEqual({
      ...proposed,
      reasons: [`${REMOVED} and Sam both like AI`],
    });
    // Nothing to say about them: nothing written.
    expect(scrubPairingRecord({ ...proposed, reasons: ['both like AI'] }, { participantId: 'pt_ed1', emails: targets.emails }, targets)).toBeUndefined();
  });

  it('a concern case keeps its keys and ids, and loses the name from its words', () => {
    const partners = {
      PK: 'CONCERN#cn_12ed34',
      SK: '#CONCERN',
      GSI1PK: 'PROGRAM#q3#CONCERNS',
      GSI1SK: '2027-03-01T10:00:00.000Z#cn_12ed34',
      concernId: 'cn_12ed34',
      participantId: 'pt_7ed',
      partnerId: 'pt_ed1',
      pairingId: 'pr_ed2x9',
      text: 'Ed cancels a lot',
      state: 'open',
    };
    expect(scrubConcern(partners, { participantIds: ['pt_ed1'], addresses: targets.emails }, targets, new Date(), [])).toEqual({
      ...partners,
      text: `${REMOVED} cancels a lot`,
    });
  });
});
