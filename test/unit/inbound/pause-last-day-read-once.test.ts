import { describe, expect, it } from 'vitest';
import type { StoredQuestion } from '../../../functions/adapters/reply-tokens';
import { processInboundMessage, type InboundPorts, type RunningPairing } from '../../../functions/inbound-mail';
import { logger } from '../../../functions/shared/powertools';
import { fakes, NOW, question, standing } from '../../fixtures/inbound-commands';
import { replyMessage } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

/**
 * The last day a PAUSE of the reply's pairing may run to comes with the pairing's state, in the one
 * read of the pairing a reply makes (it was read a second time for it): the reading's PAUSE examples
 * keep to it, for a participant's question and for an admin's decision alike; at a standing address,
 * which has no pairing of its own, the earliest of the person's running pairings' (QA promise10).
 */

/** A week after NOW (2026-06-15): three weeks on (6 July) would be past it. */
const LAST_DAY = '2026-06-22';
const running: readonly RunningPairing[] = [{ pairingId: 'pr_1', programId: 'pilot', status: 'active', partnerName: 'Sam Senior' }];

/** The fixture's ports, each read of a pairing counted, and the reasons the notices were given. */
function counting(q: StoredQuestion, { lastDay }: { lastDay?: string } = { lastDay: LAST_DAY }) {
  const { ports, calls } = fakes(q, running);
  const reads: string[] = [];
  const reasons: string[] = [];
  const state = ports.pairingState!;
  const counted: InboundPorts = {
    ...ports,
    pairingState: async (id) => {
      reads.push(id);
      const now = await state(id);
      return now && lastDay ? { ...now, pauseLastDay: lastDay } : now;
    },
    standingPauseLastDay: async (participantId) => {
      reads.push(`standing:${participantId}`);
      return lastDay;
    },
    notices: {
      ...ports.notices,
      clarification: async (_q, reading) => void reasons.push(reading.reason),
      standingHelp: async (_q, why) => void reasons.push(why?.why ?? ''),
    },
  };
  return { ports: counted, calls, reads, reasons };
}

describe('the pairing is read once per reply, and its last pause day bounds the reading', () => {
  it("a participant's unreadable PAUSE date: the example is the last day, from the one read of the pairing", async () => {
    const q = await question();
    const { ports, reads, reasons } = counting(q);
    expect(await processInboundMessage(replyMessage(q, 'PAUSE until after the audit'), 'inbound/a', ports, NOW)).toBe('clarification-sent');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('(for example "PAUSE until 22 June")');
    expect(reasons[0]).not.toContain('PAUSE for 3 weeks');
    expect(reads).toEqual(['pr_1']);
  });

  it('a PAUSE with a date reads the pairing once for its example bound and for the PAUSE rules both', async () => {
    const q = await question();
    const { ports, calls, reads } = counting(q);
    expect(await processInboundMessage(replyMessage(q, 'PAUSE until 20 June'), 'inbound/a', ports, NOW)).toBe('command');
    expect(calls.controls).toEqual([expect.objectContaining({ type: 'PairingPauseRequested', pairingId: 'pr_1', pauseUntil: '2026-06-20' })]);
    expect(reads).toEqual(['pr_1']);
  });

  it("an admin's decision PAUSE without a day: the example keeps to its pairing's last pause day", async () => {
    const q = await question({ purpose: 'admin-decision', participantId: undefined, side: 'admin', choices: ['continue', 'pause', 'end', 'rematch'] });
    const { ports, reads, reasons } = counting(q);
    expect(await processInboundMessage(replyMessage(q, 'PAUSE'), 'inbound/a', ports, NOW)).toBe('clarification-sent');
    expect(reasons).toEqual([
      'PAUSE needs the day the pairing should resume, so nothing was decided: reply PAUSE with it (for example "PAUSE until 22 June").',
    ]);
    expect(reads).toEqual(['pr_1']);
  });

  it("at a standing address: the earliest running pairing's day, no pairing read of its own", async () => {
    const q = await standing();
    const { ports, reads, reasons } = counting(q);
    expect(await processInboundMessage(replyMessage(q, 'PAUSE until after the audit'), 'inbound/a', ports, NOW)).toBe('standing-help-sent');
    expect(reasons).toHaveLength(1);
    expect(reasons[0]).toContain('(for example "PAUSE until 22 June")');
    expect(reads).toEqual(['standing:pt_1']);
  });

  it('a pairing nothing bounds keeps the example three weeks on and the length', async () => {
    const q = await question();
    const { ports, reads, reasons } = counting(q, {});
    expect(await processInboundMessage(replyMessage(q, 'PAUSE until after the audit'), 'inbound/a', ports, NOW)).toBe('clarification-sent');
    expect(reasons[0]).toContain('(for example "PAUSE until 6 July"), or a length such as "PAUSE for 3 weeks"');
    expect(reads).toEqual(['pr_1']);
  });
});
