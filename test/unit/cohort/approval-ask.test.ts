import { describe, expect, it } from 'vitest';
import { approvalStamps, approvalWaits, repeatedAsk, secondsLeft } from '../../../functions/domain/approval-ask';

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
  issuedAt: '2027-02-28T10:00:00Z',
  context: { runId: 'run-1' },
  ...over,
});
const DAY = 86_400;
const windows = { approvalSeconds: 3 * DAY, reminderSeconds: 4 * DAY };
const asking = { stage: 'ask' as const, windows };
const reminding = { stage: 'reminder' as const, windows };

describe('asking a run’s approval again (the same task run twice)', () => {
  it('asks everyone the first time, and when nothing asked before is still open', () => {
    expect(repeatedAsk([], admins, now, asking)).toEqual({ kind: 'first' });
    expect(repeatedAsk([question('q1', 'h-ada', { closesAt: '2027-03-01T09:00:00Z' })], admins, now, asking)).toEqual({ kind: 'first' });
  });

  it('keeps the open questions (no second email) and asks only an admin added since', () => {
    expect(repeatedAsk([question('q1', 'h-ada')], admins, now, asking)).toEqual({
      kind: 'again',
      repoint: [{ opaqueId: 'q1', admin: 'ada@example.com' }],
      askAdmins: ['bo@example.com'],
    });
  });

  it('delivers an approval given before this wait began instead of asking again', () => {
    const given = question('q2', 'h-bo', { usedAt: '2027-03-01T09:30:00Z', channel: 'api', answeredIntent: 'yes' });
    expect(repeatedAsk([question('q1', 'h-ada'), given], admins, now, asking)).toEqual({
      kind: 'answered',
      answeredAt: '2027-03-01T09:30:00Z',
      channel: 'api',
      decision: 'approved',
    });
  });

  it('delivers a rejection given before this wait began as a rejection, never as an approval', () => {
    const given = question('q2', 'h-bo', { usedAt: '2027-03-01T09:30:00Z', channel: 'email', answeredIntent: 'no' });
    expect(repeatedAsk([question('q1', 'h-ada'), given], admins, now, asking)).toMatchObject({ kind: 'answered', decision: 'rejected' });
    // The settlement the other admins' questions record wins over their own order.
    const settled = { at: '2027-03-01T09:20:00Z', opaqueId: 'q1', via: 'email' as const, decision: 'rejected' as const };
    const other = question('q2', 'h-bo', { usedAt: '2027-03-01T09:20:00Z', settled });
    expect(repeatedAsk([other, question('q1', 'h-ada', { usedAt: '2027-03-01T09:20:00Z', answeredIntent: 'no', settled })], admins, now, asking)).toEqual({
      kind: 'answered',
      answeredAt: '2027-03-01T09:20:00Z',
      channel: 'email',
      decision: 'rejected',
    });
  });

  it('does not keep a question put to someone who is no longer an admin', () => {
    expect(repeatedAsk([question('q1', 'h-former')], admins, now, asking)).toEqual({ kind: 'first' });
  });
});

describe('what is left of the approval waits, counted from the stored ask (a run carried on after a restart)', () => {
  const askedAt = '2027-03-01T10:00:00Z';
  const remindedAt = '2027-03-04T10:00:00Z';
  const at = (iso: string) => new Date(iso);
  const first = (over: Record<string, unknown> = {}) => question('q1', 'h-ada', { issuedAt: askedAt, context: { runId: 'run-1', askedAt }, ...over });
  const reminder = (over: Record<string, unknown> = {}) =>
    question('r1', 'h-ada', { issuedAt: remindedAt, closesAt: '2027-03-08T10:00:00Z', context: { runId: 'run-1', askedAt, remindedAt }, ...over });

  it('gives a first request the whole windows (as on AWS, where each wait runs once)', () => {
    expect(approvalWaits([], windows, at(askedAt))).toEqual({ stage: 'ask', askSeconds: 3 * DAY, remindSeconds: 4 * DAY });
  });

  it('waits only what is left of the first request, rounded up to a whole second', () => {
    expect(approvalWaits([first()], windows, at('2027-03-02T10:00:00Z'))).toEqual({ stage: 'ask', askSeconds: 2 * DAY, remindSeconds: 4 * DAY });
    expect(approvalWaits([first()], windows, at('2027-03-04T09:59:59.400Z'))).toMatchObject({ stage: 'ask', askSeconds: 1 });
    expect(approvalWaits([first()], windows, at('2027-03-04T09:59:58.500Z'))).toMatchObject({ stage: 'ask', askSeconds: 2 });
  });

  it('goes on to the reminder once the first request’s window has gone by, with the whole reminder window', () => {
    expect(approvalWaits([first()], windows, at('2027-03-04T10:00:00Z'))).toEqual({ stage: 'reminder', askSeconds: 1, remindSeconds: 4 * DAY });
    expect(approvalWaits([first()], windows, at('2027-03-09T00:00:00Z'))).toMatchObject({ stage: 'reminder', remindSeconds: 4 * DAY });
  });

  it('after the reminder went out, waits only for what is left of its window, and at least a second once it has gone by', () => {
    expect(approvalWaits([reminder()], windows, at('2027-03-06T10:00:00Z'))).toEqual({ stage: 'reminder', askSeconds: 1, remindSeconds: 2 * DAY });
    expect(approvalWaits([reminder()], windows, at('2027-03-08T10:00:00Z'))).toMatchObject({ stage: 'reminder', remindSeconds: 1 });
    expect(approvalWaits([reminder()], windows, at('2027-04-01T00:00:00Z'))).toMatchObject({ stage: 'reminder', remindSeconds: 1 });
  });

  it('counts from the earliest ask and reminder its questions record (an admin asked later counts from the run’s ask)', () => {
    const later = question('q2', 'h-bo', { issuedAt: '2027-03-02T10:00:00Z', context: { runId: 'run-1', askedAt } });
    expect(approvalWaits([later, first()], windows, at('2027-03-03T10:00:00Z'))).toMatchObject({ askSeconds: DAY });
    const laterReminder = question('r2', 'h-bo', { issuedAt: '2027-03-05T10:00:00Z', context: { runId: 'run-1', askedAt, remindedAt } });
    expect(approvalWaits([laterReminder, reminder()], windows, at('2027-03-07T10:00:00Z'))).toMatchObject({ remindSeconds: DAY });
  });

  it('counts a question from before these stamps from its own issue time', () => {
    expect(approvalWaits([first({ context: { runId: 'run-1' } })], windows, at('2027-03-03T10:00:00Z'))).toMatchObject({ stage: 'ask', askSeconds: DAY });
  });

  it('never waits longer than a window when the clock is behind the one that stored the ask', () => {
    expect(approvalWaits([first()], windows, at('2027-02-28T10:00:00Z'))).toMatchObject({ stage: 'ask', askSeconds: 3 * DAY });
    expect(approvalWaits([reminder()], windows, at('2027-03-03T10:00:00Z'))).toMatchObject({ stage: 'reminder', remindSeconds: 4 * DAY });
    expect(secondsLeft(Date.parse('2027-03-10T00:00:00Z'), at('2027-03-01T00:00:00Z'), 3600)).toBe(3600);
    expect(secondsLeft(Date.parse('2027-03-01T00:00:00Z'), at('2027-03-10T00:00:00Z'), 3600)).toBe(1);
  });

  it('stamps a question with the run’s ask, and a reminder’s also with the reminder (now when it is the first)', () => {
    const now = at('2027-03-04T10:00:05Z');
    expect(approvalStamps([], 'ask', now)).toEqual({ askedAt: now.toISOString() });
    expect(approvalStamps([first()], 'ask', now)).toEqual({ askedAt: '2027-03-01T10:00:00.000Z' });
    expect(approvalStamps([first()], 'reminder', now)).toEqual({ askedAt: '2027-03-01T10:00:00.000Z', remindedAt: now.toISOString() });
    expect(approvalStamps([reminder()], 'reminder', now)).toEqual({ askedAt: '2027-03-01T10:00:00.000Z', remindedAt: '2027-03-04T10:00:00.000Z' });
  });

  it('never sends a reminder twice: the reminder run again keeps its open questions, and asks nobody once its window has gone by', () => {
    expect(repeatedAsk([first({ closesAt: '2027-03-04T10:00:00Z' })], admins.slice(0, 1), at('2027-03-04T10:00:00Z'), reminding)).toEqual({ kind: 'first' });
    expect(repeatedAsk([reminder()], admins.slice(0, 1), at('2027-03-06T10:00:00Z'), reminding)).toEqual({
      kind: 'again',
      repoint: [{ opaqueId: 'r1', admin: 'ada@example.com' }],
      askAdmins: [],
    });
    expect(repeatedAsk([reminder()], admins, at('2027-03-08T10:00:00Z'), reminding)).toEqual({ kind: 'over' });
  });

  it('asks nobody for the first request once its window has gone by or the reminder went out', () => {
    expect(repeatedAsk([first({ closesAt: '2027-03-04T10:00:00Z' })], admins, at('2027-03-04T10:00:00Z'), asking)).toEqual({ kind: 'over' });
    expect(repeatedAsk([reminder()], admins, at('2027-03-05T10:00:00Z'), asking)).toEqual({ kind: 'over' });
  });

  it('delivers an answer given before the restart, in either wait', () => {
    const given = reminder({ usedAt: '2027-03-05T09:30:00Z', channel: 'email', answeredIntent: 'yes' });
    expect(repeatedAsk([given], admins, at('2027-03-09T10:00:00Z'), reminding)).toMatchObject({ kind: 'answered', decision: 'approved' });
  });
});
