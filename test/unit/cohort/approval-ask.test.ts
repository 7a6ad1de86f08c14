import { describe, expect, it } from 'vitest';
import { repeatedAsk } from '../../../functions/domain/approval-ask';

const now = new Date('2027-03-01T10:00:00Z');
const admins = [
  { email: 'ada@example.com', hash: 'h-ada' },
  { email: 'bo@example.com', hash: 'h-bo' },
];
const question = (id: string, hash: string, over: Record<string, unknown> = {}) => ({
  opaqueId: id,
  purpose: 'approval' as const,
  programId: 'p',
  recipientEmailHash: hash,
  closesAt: '2027-03-03T10:00:00Z',
  choices: ['approve'],
  context: { runId: 'run-1' },
  ...over,
});

describe('asking a run’s approval again (the same task run twice)', () => {
  it('asks everyone the first time, and when nothing asked before is still open', () => {
    expect(repeatedAsk([], admins, now)).toEqual({ kind: 'first' });
    expect(repeatedAsk([question('q1', 'h-ada', { closesAt: '2027-03-01T09:00:00Z' })], admins, now)).toEqual({ kind: 'first' });
  });

  it('keeps the open questions (no second email) and asks only an admin added since', () => {
    expect(repeatedAsk([question('q1', 'h-ada')], admins, now)).toEqual({
      kind: 'again',
      repoint: [{ opaqueId: 'q1', admin: 'ada@example.com' }],
      askAdmins: ['bo@example.com'],
    });
  });

  it('delivers an approval given before this wait began instead of asking again', () => {
    const given = question('q2', 'h-bo', { usedAt: '2027-03-01T09:30:00Z', channel: 'api', answeredIntent: 'yes' });
    expect(repeatedAsk([question('q1', 'h-ada'), given], admins, now)).toEqual({
      kind: 'answered',
      answeredAt: '2027-03-01T09:30:00Z',
      channel: 'api',
      decision: 'approved',
    });
  });

  it('delivers a rejection given before this wait began as a rejection, never as an approval', () => {
    const given = question('q2', 'h-bo', { usedAt: '2027-03-01T09:30:00Z', channel: 'email', answeredIntent: 'no' });
    expect(repeatedAsk([question('q1', 'h-ada'), given], admins, now)).toMatchObject({ kind: 'answered', decision: 'rejected' });
    // The settlement the other admins' questions record wins over their own order.
    const settled = { at: '2027-03-01T09:20:00Z', opaqueId: 'q1', via: 'email' as const, decision: 'rejected' as const };
    const other = question('q2', 'h-bo', { usedAt: '2027-03-01T09:20:00Z', settled });
    expect(repeatedAsk([other, question('q1', 'h-ada', { usedAt: '2027-03-01T09:20:00Z', answeredIntent: 'no', settled })], admins, now)).toEqual({
      kind: 'answered',
      answeredAt: '2027-03-01T09:20:00Z',
      channel: 'email',
      decision: 'rejected',
    });
  });

  it('does not keep a question put to someone who is no longer an admin', () => {
    expect(repeatedAsk([question('q1', 'h-former')], admins, now)).toEqual({ kind: 'first' });
  });
});
