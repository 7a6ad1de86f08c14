import { describe, expect, it } from 'vitest';
import { processInboundMessage, type RunningPairing } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { fakes, NOW, question, standing, untold } from '../../fixtures/inbound-commands';
import { replyMessage } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

// END, REMATCH and STOP from someone one of whose pairings waits at an introduction that has not
// reached them yet (introductions go at each person's own send time): that pairing is never named
// to them nor ended by an END or REMATCH; a STOP still withdraws them from everything.

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

describe('the standing address, with a pairing whose introduction has not reached the writer', () => {
  it('"which pairing?" names only the pairings they were told of', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [cleo, bo, dan]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":{"names":["Cleo","Dan"],"unnamed":0}}']);
  });

  it('"REMATCH Bo" before Bo’s introduction ends neither Bo’s pairing nor the one with Cleo in its place', async () => {
    const q = await standing();
    const { ports, calls } = fakes(q, [cleo, bo]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH Bo'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.controls).toEqual([]);
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":{"names":["Cleo"],"unnamed":0}}']);
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
    expect(calls.notices).toEqual(['nothingRunning end {"whichPartner":{"names":["Cleo"],"unnamed":0}}']);
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
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":{"names":["Cleo"],"unnamed":0}}']);
  });

  it('"REMATCH Dan, keep Cleo" asks which of the two they know; Bo is never named', async () => {
    const q = await checkIn();
    const { ports, calls } = fakes(q, [cleo, bo, dan]);
    expect(await processInboundMessage(replyMessage(q, 'REMATCH Dan, keep Cleo please'), 'inbound/a', ports, NOW)).toBe('which-pairing');
    expect(calls.notices).toEqual(['nothingRunning rematch {"whichPartner":{"names":["Cleo","Dan"],"unnamed":0}}']);
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
