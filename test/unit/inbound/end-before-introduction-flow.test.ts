import { describe, expect, it } from 'vitest';
import type { StoredQuestion } from '../../../functions/adapters/reply-tokens';
import type { ControlRequest } from '../../../functions/adapters/workflow-callbacks';
import { processInboundMessage, type InboundPorts, type RunningPairing } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { REPLY_DOMAIN, REPLY_KEY, replyMessage, storedQuestion } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

// END or REMATCH to the standing address before the writer's own introduction has gone out: the
// pairing they have not been told of is no target; another pairing of theirs still is.
const NOW = new Date('2026-06-15T08:00:00Z');

/** pt_1 (the mentor) at pr_new's introduction: the partner's email went out, pt_1's waits for their morning. */
const notYetIntroduced: RunningPairing = {
  pairingId: 'pr_new',
  programId: 'pilot',
  status: 'introduced',
  mentorId: 'pt_1',
  round: { kind: 'acceptance', answers: {}, asks: { mentor: { sendAt: '2026-06-16T08:00:00Z' }, mentee: { sendAt: '2026-06-15T07:00:00Z', sent: true } } },
};
const running: RunningPairing = { pairingId: 'pr_1', programId: 'pilot', status: 'active', mentorId: 'pt_1', partnerName: 'Sam Senior' };

async function standing(): Promise<StoredQuestion> {
  const { emailHash } = await import('../../../functions/adapters/reply-tokens');
  const q = storedQuestion({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' });
  return { ...q, recipientEmailHash: emailHash(q.recipientEmail) };
}

function fakes(q: StoredQuestion, pairings: readonly RunningPairing[]) {
  const calls = { controls: [] as ControlRequest[], notices: [] as string[] };
  const claimed = new Set<string>();
  const ports: InboundPorts = {
    verificationKeys: async () => [REPLY_KEY],
    inboundDomain: REPLY_DOMAIN,
    claim: async (k) => !claimed.has(k) && Boolean(claimed.add(k)),
    recordOutcome: async () => undefined,
    release: async (k) => void claimed.delete(k),
    getQuestion: async (id) => (id === q.opaqueId ? q : undefined),
    putToFormerAdmin: async () => false,
    markNotice: async () => true,
    answerQuestion: async () => ({ status: 'recorded', answeredAt: NOW.toISOString() }),
    publishControl: async (request) => void calls.controls.push(request),
    runningPairings: async () => pairings,
    notices: {
      clarification: async () => void calls.notices.push('clarification'),
      questionClosed: async () => void calls.notices.push('questionClosed'),
      notTheParticipant: async () => void calls.notices.push('notTheParticipant'),
      standingHelp: async () => void calls.notices.push('standingHelp'),
      nothingRunning: async (_q, command, why) => void calls.notices.push(`nothingRunning ${command}${why ? ` ${JSON.stringify(why)}` : ''}`),
    },
  };
  return { ports, calls };
}

describe('END or REMATCH to the standing address before the introduction has reached the writer', () => {
  it.each(['END', 'REMATCH'])('%s ends nothing and is answered nothingRunning', async (word) => {
    const q = await standing();
    const { ports, calls } = fakes(q, [notYetIntroduced]);
    expect(await processInboundMessage(replyMessage(q, word), 'inbound/a', ports, NOW)).toBe('nothing-running');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual([`nothingRunning ${word.toLowerCase()}`]);
  });

  it('a proposed pairing (no round yet) is not ended either', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [{ pairingId: 'pr_new', programId: 'pilot', status: 'proposed', mentorId: 'pt_1' }]);
    expect(await processInboundMessage(replyMessage(q, 'END'), 'inbound/a', ports, NOW)).toBe('nothing-running');
    expect(calls.controls).toEqual([]);
  });

  it('with another pairing running, that one is ended, as it would be alone', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [running, notYetIntroduced]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([
      { type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_1', participantId: 'pt_1', reason: 'participant-rematch' },
    ]);
  });

  it('once the introduction has reached the writer, END ends that pairing as before', async () => {
    const q = await standing();
    const reached = { ...notYetIntroduced, round: { ...notYetIntroduced.round!, asks: { mentor: { sendAt: '2026-06-15T07:00:00Z', sent: true } } } };
    const { ports, calls } = fakes(q, [reached]);
    expect(await processInboundMessage(replyMessage(q, 'END'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_new', participantId: 'pt_1' }]);
  });
});
