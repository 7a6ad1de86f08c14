import { describe, expect, it } from 'vitest';
import type { StoredQuestion } from '../../../functions/adapters/reply-tokens';
import { processInboundMessage, type InboundPorts } from '../../../functions/inbound-mail';
import type { RaiseConcernInput } from '../../../functions/lifecycle/concern';
import { logger } from '../../../functions/shared/powertools';
import { REPLY_DOMAIN, REPLY_KEY, replyMessage, storedQuestion } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

// QA replies5: a CONCERN below the answer, through the inbound decision with ports over memory.
const KEY = REPLY_KEY;
const DOMAIN = REPLY_DOMAIN;
const NOW = new Date('2026-06-15T08:00:00Z');

async function openCheckIn(overrides: Partial<StoredQuestion> = {}): Promise<StoredQuestion> {
  const { emailHash } = await import('../../../functions/adapters/reply-tokens');
  const q = storedQuestion(overrides);
  return { ...q, recipientEmailHash: emailHash(q.recipientEmail) };
}

function fakes(q: StoredQuestion) {
  const calls = {
    answers: [] as { intent: string; rating?: number; note?: string }[],
    concerns: [] as RaiseConcernInput[],
    notices: [] as string[],
    controls: 0,
  };
  const claimed = new Set<string>();
  const marks = new Set<string>();
  const ports: InboundPorts = {
    verificationKeys: async () => [KEY],
    inboundDomain: DOMAIN,
    claim: async (k) => !claimed.has(k) && Boolean(claimed.add(k)),
    recordOutcome: async () => undefined,
    release: async (k) => void claimed.delete(k),
    getQuestion: async (id) => (id === q.opaqueId ? q : undefined),
    putToFormerAdmin: async () => false,
    markNotice: async (id, field) => !marks.has(`${id}:${field}`) && Boolean(marks.add(`${id}:${field}`)),
    async answerQuestion(_id, reading) {
      calls.answers.push(reading);
      return { status: 'recorded', answeredAt: NOW.toISOString() };
    },
    publishControl: async () => void calls.controls++,
    runningPairings: async () => [{ pairingId: 'pr_1', programId: 'pilot', status: 'active', partnerName: 'Sam Senior' }],
    pairingState: async () => ({ status: 'active' as const }),
    raiseConcern: async (input) => {
      calls.concerns.push(input);
      return { concernId: 'cn_1', created: true, exit: input.exit, unrouted: false, leaveUnclear: false, acknowledgedByEmail: true };
    },
    notices: {
      clarification: async () => void calls.notices.push('clarification'),
      questionClosed: async () => void calls.notices.push('questionClosed'),
      notTheParticipant: async () => void calls.notices.push('notTheParticipant'),
      notAnAdmin: async () => void calls.notices.push('notAnAdmin'),
      standingHelp: async () => void calls.notices.push('standingHelp'),
      nothingRunning: async () => void calls.notices.push('nothingRunning'),
    },
  };
  return { ports, calls };
}

const message = (q: StoredQuestion, body: string): Buffer => replyMessage(q, body);

describe('a CONCERN below the answer, through the inbound decision', () => {
  it('records the answer without the concern as its note, and raises the concern seeded by the message', async () => {
    const q = await openCheckIn();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes 3\n\nCONCERN: Gia was late again.'), 'inbound/a', ports, NOW)).toBe('recorded');
    expect(calls.answers).toEqual([expect.objectContaining({ intent: 'yes', rating: 3 })]);
    expect(calls.answers[0]!.note).toBeUndefined();
    expect(calls.concerns).toEqual([
      expect.objectContaining({ programId: 'pilot', participantId: 'pt_1', pairingId: 'pr_1', text: 'Gia was late again.', exit: false, channel: 'email' }),
    ]);
  });

  it('raises it again with the same seed when the message is retried after a failure (one case: concernRaise)', async () => {
    const q = await openCheckIn();
    const { ports, calls } = fakes(q);
    let fail = true;
    const answer = ports.answerQuestion;
    ports.answerQuestion = async (...args) => {
      if (fail) {
        fail = false;
        throw new Error('throttled');
      }
      return answer(...args);
    };
    const raw = message(q, 'Yes 3\nConcern: Gia was late again.');
    await expect(processInboundMessage(raw, 'inbound/a', ports, NOW)).rejects.toThrow('throttled');
    expect(await processInboundMessage(raw, 'inbound/a', ports, NOW)).toBe('recorded');
    expect(calls.concerns).toHaveLength(2);
    expect(calls.concerns[0]!.seed).toBe(calls.concerns[1]!.seed);
  });

  it('to a closed check-in: raised, and the closed note sent as before', async () => {
    const q = await openCheckIn({ closesAt: '2026-06-14T09:00:00Z' });
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes 3\n\nANLIEGEN: Sie kommt immer zu spät.'), 'inbound/a', ports, NOW)).toBe('closed');
    expect(calls.concerns.map((c) => c.text)).toEqual(['Sie kommt immer zu spät.']);
    expect(calls.notices).toEqual(['questionClosed']);
    expect(calls.answers).toEqual([]);
  });

  it('nothing read above it: a concern alone, as a first-word CONCERN (no clarification, the question stays open)', async () => {
    const q = await openCheckIn();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Sorry to bother you.\nCONCERN: Gia was late again.'), 'inbound/a', ports, NOW)).toBe('concern');
    expect(calls.concerns).toHaveLength(1);
    expect(calls.notices).toEqual([]);
    expect(calls.answers).toEqual([]);
  });

  it('"no concern" inside a sentence raises nothing', async () => {
    const q = await openCheckIn();
    const { ports, calls } = fakes(q);
    expect(await processInboundMessage(message(q, 'Yes 3\nI have no concern about the dates.'), 'inbound/a', ports, NOW)).toBe('recorded');
    expect(calls.concerns).toEqual([]);
    expect(calls.answers[0]!.note).toBe('I have no concern about the dates');
  });
});
