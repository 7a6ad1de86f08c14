import { describe, expect, it } from 'vitest';
import { processInboundMessage, type InboundPorts, type RunningPairing } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { fakes, question } from '../../fixtures/inbound-commands';
import { replyMessage } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

/**
 * QA over raw SMTP replies: "YES but PAUSE until 10 January" to an introduction was told to reply
 * PAUSE with its date, and that PAUSE was then told there was nothing to pause, with an example
 * ("NO, back on ...", a UTC day) that was not the footer's ("NO, away until ..."). Both clarifications
 * now give what works before the start, in the footer's words, with the day the person named, or
 * the footer's four weeks on in their own zone.
 */

/** 23:30 on 14 December in UTC: already the 15th in Auckland, where the writer is. */
const NOW = new Date('2026-12-14T23:30:00Z');
const introduced: readonly RunningPairing[] = [{ pairingId: 'pr_1', programId: 'pilot', status: 'introduced', partnerName: 'Sam Senior' }];

async function clarified(text: string): Promise<string[]> {
  const q = await question({ purpose: 'acceptance', closesAt: '2026-12-21T08:00:00Z' });
  const { ports } = fakes(q, introduced);
  const reasons: string[] = [];
  const withZone: InboundPorts = {
    ...ports,
    currentAddressOf: async () => ({ email: 'jane.doe@example.com', timeZone: 'Pacific/Auckland' }),
    notices: { ...ports.notices, clarification: async (_q, reading) => void reasons.push(reading.reason) },
  };
  expect(await processInboundMessage(replyMessage(q, text), `inbound/${text}`, withZone, NOW)).toBe('clarification-sent');
  return reasons;
}

describe('PAUSE to an introduction whose pairing has not started', () => {
  it('beside YES: what works before the start, with the day named, never "reply with just PAUSE"', async () => {
    const [reason] = await clarified("Yes but PAUSE until 10 January, I'm on holiday.");
    expect(reason).toContain('but your pairing has not started yet, so there is nothing to pause and nothing was recorded: reply YES to begin');
    expect(reason).toContain('(for example "NO, away until 10 January")');
    expect(reason).not.toContain('reply with just PAUSE');
  });

  it("alone, with a day: the same advice and the same example, in the footer's words", async () => {
    expect(await clarified('PAUSE until 10 January')).toEqual([
      'PAUSE, but your pairing has not started yet, so there is nothing to pause: reply YES to begin, or NO with the date you are back (for example "NO, away until 10 January")',
    ]);
  });

  it("alone, without a day: the footer's day, four weeks on in the writer's zone (12 January in Auckland, not UTC's 11th)", async () => {
    const [reason] = await clarified('PAUSE');
    expect(reason).toContain('(for example "NO, away until 12 January")');
  });
});
