import { describe, expect, it } from 'vitest';
import { processInboundMessage, type RunningPairing } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { fakes, NOW, standing, untold } from '../../fixtures/inbound-commands';
import { replyMessage } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

// END or REMATCH to the standing address before the writer's own introduction has gone out: the
// pairing they have not been told of is no target; another pairing of theirs still is.

/** pt_1 (the mentor) at pr_new's introduction: the partner's email went out, pt_1's waits for their morning. */
const notYetIntroduced = untold('pr_new');
const running: RunningPairing = { pairingId: 'pr_1', programId: 'pilot', status: 'active', mentorId: 'pt_1', partnerName: 'Sam Senior' };

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
