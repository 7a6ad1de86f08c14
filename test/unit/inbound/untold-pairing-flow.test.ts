import { describe, expect, it } from 'vitest';
import type { StoredQuestion } from '../../../functions/adapters/reply-tokens';
import type { ControlRequest } from '../../../functions/adapters/workflow-callbacks';
import { processInboundMessage, type ElsewherePairing, type InboundPorts, type RunningPairing } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { REPLY_DOMAIN, REPLY_KEY, replyMessage, storedQuestion } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

// END, REMATCH and STOP from someone one of whose pairings waits at an introduction that has not
// reached them yet (introductions go at each person's own send time): that pairing is never named
// to them nor ended by an END or REMATCH; a STOP still withdraws them from everything.
const NOW = new Date('2026-06-15T08:00:00Z');

/** A pairing of pt_1 (the mentor) at its introduction: the partner's email went out, pt_1's waits for their morning. */
const untold = (pairingId: string, partnerName: string, programId = 'pilot', mentorId = 'pt_1'): RunningPairing => ({
  pairingId,
  programId,
  status: 'introduced',
  mentorId,
  partnerName,
  round: { kind: 'acceptance', answers: {}, asks: { mentor: { sendAt: '2026-06-16T08:00:00Z' }, mentee: { sendAt: '2026-06-15T07:00:00Z', sent: true } } },
});
const active = (pairingId: string, partnerName: string, programId = 'pilot', mentorId = 'pt_1'): RunningPairing => ({
  pairingId,
  programId,
  status: 'active',
  mentorId,
  partnerName,
});
const cleo = active('pr_cleo', 'Cleo Senior');
const dan = active('pr_dan', 'Dan Senior');
const bo = untold('pr_bo', 'Bo Senior');

async function question(overrides: Partial<StoredQuestion> = {}): Promise<StoredQuestion> {
  const { emailHash } = await import('../../../functions/adapters/reply-tokens');
  const q = storedQuestion(overrides);
  return { ...q, recipientEmailHash: emailHash(q.recipientEmail) };
}
const standing = () => question({ purpose: 'standing', pairingId: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' });

function fakes(q: StoredQuestion, pairings: readonly RunningPairing[], elsewhere: readonly ElsewherePairing[] = []) {
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
    otherPairings: async () => ({ elsewhere, formerPartners: [] }),
    pairingState: async (id) => {
      const p = pairings.find((r) => r.pairingId === id);
      return p ? { status: p.status as 'active' } : undefined;
    },
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

describe('the standing address, with a pairing whose introduction has not reached the writer', () => {
  it('"which pairing?" names only the pairings they were told of', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [cleo, bo, dan]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":["Cleo","Dan"]}']);
  });

  it('"REMATCH Bo" before Bo’s introduction ends neither Bo’s pairing nor the one with Cleo in its place', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [cleo, bo]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH Bo'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":["Cleo"]}']);
  });

  it('"END Sam" with Sam Alpha told and Sam Beta not: the name they know, Sam Alpha’s pairing, ends', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [active('pr_sa', 'Sam Alpha'), untold('pr_sb', 'Sam Beta'), dan]);
    expect(await processInboundMessage(replyMessage(q, 'END Sam'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_sa', participantId: 'pt_1' }]);
  });

  it('a name of a partner in another program whose introduction has not reached them ends nothing there, nor here', async () => {
    const q = await standing();
    const elsewhere = [{ ...untold('pr_dan_b', 'Dan Beta', 'beta', 'pt_1b'), participantId: 'pt_1b' }];
    const { ports, calls } = fakes(q, [cleo], elsewhere);
    expect(await processInboundMessage(replyMessage(q, 'END Dan'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning end {"whichPartner":["Cleo"]}']);
  });

  it('a name shared by a told partner elsewhere and an untold one: the told one ends, the untold one is never named', async () => {
    const q = await standing();
    const elsewhere = [
      { ...active('pr_dan_b', 'Dan Beta', 'beta', 'pt_1b'), participantId: 'pt_1b' },
      { ...untold('pr_dan_c', 'Dan Gamma', 'beta', 'pt_1b'), participantId: 'pt_1b' },
    ];
    const { ports, calls } = fakes(q, [cleo], elsewhere);
    expect(await processInboundMessage(replyMessage(q, 'END Dan'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'PairingEndRequested', programId: 'beta', pairingId: 'pr_dan_b', participantId: 'pt_1b' }]);
  });

  it('STOP still withdraws them from the whole program, and nothing answers it', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [cleo, bo]);
    expect(await processInboundMessage(replyMessage(q, 'STOP'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([{ type: 'ParticipantWithdrew', programId: 'pilot', participantId: 'pt_1' }]);
    expect(calls.notices).toEqual([]);
  });
});

describe('a question’s address, with a pairing whose introduction has not reached the writer', () => {
  const checkIn = () => question({ purpose: 'check-in', pairingId: 'pr_cleo' });

  it('"REMATCH Bo" to the check-in about Cleo ends neither pairing, and names only Cleo', async () => {
    const q = await checkIn();
    const { ports, calls } = fakes(q, [cleo, bo]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH Bo'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":["Cleo"]}']);
  });

  it('"REMATCH Dan, keep Cleo" asks which of the two they know; Bo is never named', async () => {
    const q = await checkIn();
    const { ports, calls } = fakes(q, [cleo, bo, dan]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH Dan, keep Cleo please'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":["Cleo","Dan"]}']);
  });

  it('REMATCH naming nobody ends the pairing the check-in is about, as ever', async () => {
    const q = await checkIn();
    const { ports, calls } = fakes(q, [cleo, bo]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH please'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([
      { type: 'PairingEndRequested', programId: 'pilot', pairingId: 'pr_cleo', participantId: 'pt_1', reason: 'participant-rematch' },
    ]);
  });
});
