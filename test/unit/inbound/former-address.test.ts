import { describe, expect, it } from 'vitest';
import { emailHash, type StoredQuestion } from '../../../functions/adapters/reply-tokens';
import { processInboundMessage, type InboundPorts } from '../../../functions/inbound-mail';
import type { WrongSenderNotice } from '../../../functions/domain/replies/former-address';
import { logger } from '../../../functions/shared/powertools';
import { REPLY_DOMAIN, REPLY_KEY, replyMessage, storedQuestion } from '../../fixtures/questions';

logger.setLogLevel('ERROR');

/**
 * HR changed the person's address while a question sent to the old one was open (QA settings3,
 * bug 2): a reply from the old address records nothing, and the notice to the address they have
 * now is told it came from their former address, with the question asked again while it is open.
 */

const KEY = REPLY_KEY;
const DOMAIN = REPLY_DOMAIN;
const NOW = new Date('2026-06-15T08:00:00Z');
const OLD = 'jane.doe@example.com';
const NEW = 'jane.smith@newco.example';

/** The open question, sent to the old address before HR changed it. */
const question = (overrides: Partial<StoredQuestion> = {}): StoredQuestion =>
  storedQuestion({ roundKey: 'check-in#1', side: 'mentor', recipientEmail: OLD, recipientEmailHash: emailHash(OLD), ...overrides });

function fakes(q: StoredQuestion, opts: { roundClosed?: boolean } = {}) {
  const notices: { otherAddress: string; notice: WrongSenderNotice | undefined }[] = [];
  const answers: unknown[] = [];
  const marks = new Set<string>();
  const none = async () => undefined;
  const ports: InboundPorts = {
    verificationKeys: async () => [KEY],
    inboundDomain: DOMAIN,
    claim: async () => true,
    recordOutcome: none,
    release: none,
    getQuestion: async (id) => (id === q.opaqueId ? q : undefined),
    putToFormerAdmin: async () => false,
    async markNotice(id, field) {
      const k = `${id}:${field}`;
      if (marks.has(k)) return false;
      marks.add(k);
      return true;
    },
    async answerQuestion(_id, reading) {
      answers.push(reading);
      return { status: 'recorded', answeredAt: NOW.toISOString() };
    },
    publishControl: none,
    runningPairings: async () => [{ pairingId: 'pr_1', programId: 'pilot', status: 'active', partnerName: 'Sam Senior' }],
    pairingState: async () => ({ status: 'active' as const }),
    // HR moved the person from OLD to NEW (an HRIS ParticipantUpdated, or the admin API).
    currentAddressOf: async () => ({ email: NEW, timeZone: 'Europe/London', formerEmails: [OLD] }),
    partnerQuestion: none,
    roundClosed: async () => (opts.roundClosed ? { closedAt: NOW.toISOString() } : undefined),
    notices: {
      clarification: none,
      questionClosed: none,
      notTheParticipant: async (_q, otherAddress, notice) => void notices.push({ otherAddress, notice }),
      standingHelp: none,
      nothingRunning: none,
    },
  };
  return { ports, notices, answers };
}

const message = (q: StoredQuestion, body: string, from: string): Buffer => replyMessage(q, body, `<${from}>`);

describe('a reply from the address HR replaced', () => {
  it('records nothing, and the notice says it came from their former address, asking the open question again', async () => {
    const q = question();
    const { ports, notices, answers } = fakes(q);
    expect(await processInboundMessage(message(q, 'YES 5', OLD.toUpperCase()), 'inbound/a', ports, NOW)).toBe('wrong-sender');
    expect(answers).toEqual([]);
    expect(notices).toEqual([{ otherAddress: OLD, notice: { kind: 'former-address', askAgain: true } }]);
    // The answer from the address they have now, to the same question, counts.
    expect(await processInboundMessage(message(q, 'YES 3', NEW), 'inbound/b', ports, NOW)).toBe('recorded');
    expect(answers).toHaveLength(1);
  });

  it('asks nothing again once the question or its round has closed', async () => {
    const past = question({ closesAt: '2026-06-14T09:00:00Z' });
    const a = fakes(past);
    expect(await processInboundMessage(message(past, 'YES 5', OLD), 'inbound/a', a.ports, NOW)).toBe('wrong-sender');
    expect(a.notices.map((n) => n.notice)).toEqual([{ kind: 'former-address', askAgain: false }]);
    const q = question();
    const b = fakes(q, { roundClosed: true });
    expect(await processInboundMessage(message(q, 'YES 5', OLD), 'inbound/a', b.ports, NOW)).toBe('wrong-sender');
    expect(b.notices.map((n) => n.notice)).toEqual([{ kind: 'former-address', askAgain: false }]);
  });

  it('asks nothing again on a standing address', async () => {
    const q = question({ purpose: 'standing', pairingId: undefined, roundKey: undefined, side: undefined, choices: [], closesAt: '9999-12-31T23:59:59.999Z' });
    const { ports, notices } = fakes(q);
    expect(await processInboundMessage(message(q, 'PAUSE', OLD), 'inbound/a', ports, NOW)).toBe('wrong-sender');
    expect(notices.map((n) => n.notice)).toEqual([{ kind: 'former-address', askAgain: false }]);
  });

  it('gives another address the plain notice, once per question, asking the open question again (QA replies5)', async () => {
    const q = question();
    const { ports, notices } = fakes(q);
    expect(await processInboundMessage(message(q, 'YES 5', 'eve@evil.example'), 'inbound/a', ports, NOW)).toBe('wrong-sender');
    expect(await processInboundMessage(message(q, 'YES 5', OLD), 'inbound/b', ports, NOW)).toBe('wrong-sender');
    expect(notices).toEqual([{ otherAddress: 'eve@evil.example', notice: { kind: 'other', askAgain: true } }]);
    // Its round closed: nothing to ask again.
    const closed = fakes(q, { roundClosed: true });
    expect(await processInboundMessage(message(q, 'YES 5', 'eve@evil.example'), 'inbound/c', closed.ports, NOW)).toBe('wrong-sender');
    expect(closed.notices.map((n) => n.notice)).toEqual([{ kind: 'other', askAgain: false }]);
  });
});
