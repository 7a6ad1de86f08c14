import { describe, expect, it } from 'vitest';
import {
  answeredAs,
  decisionOf,
  decisionSettlement,
  settlementOf,
  settlementOn,
  unsettled,
  type AnsweredAs,
  type DecisionRecord,
  type Settlement,
} from '../../../functions/domain/admin-answer';
import { questionClosed } from '../../../functions/domain/emails';

const question = (opaqueId: string, over: Record<string, unknown> = {}) => ({
  opaqueId,
  purpose: 'approval' as const,
  programId: 'p',
  context: { runId: 'run-1' },
  ...over,
});
const approvedByAda: Settlement = { at: '2027-03-01T09:30:00Z', opaqueId: 'q-ada', via: 'email', decision: 'approved' };

describe('one admin’s answer settles a matching approval for every admin asked', () => {
  it('is the first answer given to a question of the run, approve or reject', () => {
    const ada = question('q-ada', { usedAt: '2027-03-01T09:30:00Z', channel: 'email', answeredIntent: 'yes' });
    expect(settlementOf([question('q-bo'), ada])).toEqual(approvedByAda);
    const boLater = question('q-bo', { usedAt: '2027-03-01T09:40:00Z', channel: 'link', answeredIntent: 'no' });
    expect(settlementOf([boLater, ada])).toEqual(approvedByAda);
    const rejected = question('q-bo', { usedAt: '2027-03-01T09:40:00Z', channel: 'link', answeredIntent: 'no' });
    expect(settlementOf([question('q-ada'), rejected])).toMatchObject({ opaqueId: 'q-bo', via: 'link', decision: 'rejected' });
  });

  it('keeps the settlement a question records already, and finds none while nobody answered', () => {
    const viaApi: Settlement = { ...approvedByAda, via: 'api' };
    expect(
      settlementOf([question('q-ada', { usedAt: viaApi.at, settled: viaApi }), question('q-bo', { usedAt: '2027-03-02T00:00:00Z', answeredIntent: 'no' })]),
    ).toEqual(viaApi);
    expect(settlementOf([question('q-ada'), question('q-bo')])).toBeUndefined();
  });

  it('marks the questions that do not record it yet, and one whose own late answer was taken back', () => {
    const family = [question('q-ada', { usedAt: approvedByAda.at, settled: approvedByAda }), question('q-bo'), question('q-cy', { settled: approvedByAda })];
    expect(unsettled(family)).toEqual(['q-bo', 'q-cy']);
  });

  it('names who answered as the admin writing reads it: themselves, another admin or the admin API', () => {
    expect(answeredAs('q-ada', approvedByAda)).toEqual({ by: 'you', decision: 'approved' });
    expect(answeredAs('q-bo', approvedByAda)).toEqual({ by: 'another-admin', decision: 'approved' });
    expect(answeredAs('q-ada', { ...approvedByAda, via: 'api' })).toEqual({ by: 'admin-api', decision: 'approved' });
    // The run's audit (approvedBy), when it names someone, says who: an admin who approved through
    // the proposal sent to them again, or the one of two at once the audit names (QA verify).
    expect(answeredAs('q-ada', approvedByAda, false)).toEqual({ by: 'another-admin', decision: 'approved' });
    expect(answeredAs('q-bo', approvedByAda, true)).toEqual({ by: 'you', decision: 'approved' });
    expect(answeredAs('q-bo', { ...approvedByAda, via: 'api' }, true)).toEqual({ by: 'admin-api', decision: 'approved' });
  });

  it('reads a settlement only on an approval question', () => {
    expect(settlementOn(question('q-ada', { usedAt: approvedByAda.at, answeredIntent: 'yes', channel: 'email' }))).toEqual(approvedByAda);
    expect(settlementOn(question('q-x', { purpose: 'check-in', usedAt: approvedByAda.at, answeredIntent: 'yes' }))).toBeUndefined();
  });

  it('tells the admin whose reply came too late who answered and what was decided', () => {
    const base = {
      to: { timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
      question: 'the approval of the proposed pairs',
      closedOn: '2027-03-01T09:30:00Z',
      answeredOn: '2027-03-01T09:30:00Z',
      reader: 'admin' as const,
    };
    const approved = questionClosed({ ...base, answeredAs: { by: 'another-admin', decision: 'approved' } });
    expect(approved.subject).toBe('That question has already been answered');
    expect(approved.text.replace(/\s+/g, ' ')).toContain(
      'which was already answered on Monday 1 March 2027 by another admin of the program: the proposal was approved, and its pairs are starting.',
    );
    const rejected = questionClosed({ ...base, answeredAs: { by: 'admin-api', decision: 'rejected' } }).text.replace(/\s+/g, ' ');
    expect(rejected).toContain('through the admin API: the proposal was rejected, so none of its pairs start');
    expect(questionClosed({ ...base, answeredAs: { by: 'you', decision: 'approved' } }).text.replace(/\s+/g, ' ')).toContain(
      'answered on Monday 1 March 2027 by you:',
    );
  });
});

describe('one admin’s decision about a quiet pair answers every admin’s decision question', () => {
  const record = (over: Partial<DecisionRecord> = {}): DecisionRecord => ({
    round: 'decision-004',
    decision: 'end',
    answered: true,
    at: '2027-03-01T10:00:00Z',
    answeredAt: '2027-03-01T09:30:00Z',
    channel: 'email',
    ...over,
  });
  const mine = { opaqueId: 'q-ada', roundKey: 'decision-004', usedAt: '2027-03-01T09:30:00Z' };
  const theirs = { opaqueId: 'q-bo', roundKey: 'decision-004' };

  it('reads who answered from the question that kept the answer, and what was decided from the pairing’s record', () => {
    expect(decisionSettlement(theirs, [record({ round: 'decision-001', decision: 'continue' }), record()], undefined)).toEqual({
      at: '2027-03-01T09:30:00Z',
      via: 'email',
      decision: 'end',
    });
    expect(answeredAs('q-bo', decisionSettlement(theirs, [record()], undefined)!)).toEqual({ by: 'another-admin', decision: 'end' });
    expect(answeredAs('q-ada', decisionSettlement(mine, [record()], undefined)!)).toEqual({ by: 'you', decision: 'end' });
  });

  it('names the day a pause lasts until: the one asked for, else the end the pause was given', () => {
    const paused = record({ decision: 'pause', pauseUntil: '2027-03-22', pausedUntil: '2027-03-22T23:00:00.000Z' });
    expect(decisionSettlement(theirs, [paused], undefined)).toMatchObject({ decision: 'pause', pausedUntil: '2027-03-22' });
    const noDay = record({ decision: 'pause', pausedUntil: '2027-03-15T10:00:00.000Z' });
    expect(decisionSettlement(theirs, [noDay], undefined)).toMatchObject({ pausedUntil: '2027-03-15T10:00:00.000Z' });
  });

  it('names both days of a pause another admin booked for later days (QA admins5)', () => {
    const booked = record({ decision: 'pause', pauseUntil: '2027-01-27', pauseFrom: '2027-01-06' });
    const settled = decisionSettlement(theirs, [booked], undefined)!;
    expect(settled).toMatchObject({ decision: 'pause', pausedUntil: '2027-01-27', pausedFrom: '2027-01-06' });
    expect(answeredAs('q-bo', settled)).toEqual({ by: 'another-admin', decision: 'pause', pausedUntil: '2027-01-27', pausedFrom: '2027-01-06' });
    const text = questionClosed({
      to: { name: 'Bo Admin', timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } },
      reader: 'admin',
      question: 'the decision about a quiet pairing',
      closedOn: '2027-01-04T10:00:00Z',
      answeredOn: '2027-01-04T09:30:00Z',
      answeredAs: answeredAs('q-bo', settled),
    }).text.replace(/\s+/g, ' ');
    expect(text).toContain('the pairing pauses from Wednesday 6 January 2027 until Wednesday 27 January 2027');
  });

  it('reads the answer on the round still open before the step acts on it, and nothing while nobody answered', () => {
    const round = { key: 'decision-004', answers: { admin: { intent: 'no', decision: 'rematch', at: '2027-03-01T09:30:00Z', channel: 'link' as const } } };
    expect(decisionSettlement(theirs, [], round)).toEqual({ at: '2027-03-01T09:30:00Z', via: 'link', decision: 'rematch' });
    expect(decisionSettlement(theirs, [], { key: 'decision-004', answers: {} })).toBeUndefined();
    expect(decisionSettlement(theirs, [record({ round: 'decision-002' })], undefined)).toBeUndefined();
  });

  it('takes a decision from its word, else from a PAUSE, END or no; silence continues', () => {
    expect(decisionOf({ intent: 'no', decision: 'rematch' })).toBe('rematch');
    expect(decisionOf({ intent: 'pause' })).toBe('pause');
    expect(decisionOf({ intent: 'end' })).toBe('end');
    expect(decisionOf({ intent: 'no' })).toBe('rematch');
    expect(decisionOf(undefined)).toBe('continue');
  });

  it('tells the admin whose reply came too late what was decided, in plain words for each choice', () => {
    const base = {
      to: { timeZone: 'Europe/London' },
      program: { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } },
      question: 'the decision about the pairing of Mia (mentor) and Sam (mentee)',
      closedOn: '2027-03-01T09:30:00Z',
      answeredOn: '2027-03-01T09:30:00Z',
      reader: 'admin' as const,
    };
    const said = (answered: AnsweredAs, pausedUntil?: string) =>
      questionClosed({ ...base, answeredAs: answered, ...(pausedUntil ? { pausedUntil } : {}) }).text.replace(/\s+/g, ' ');
    const by = 'which was already answered on Monday 1 March 2027 by another admin of the program:';
    expect(said({ by: 'another-admin', decision: 'continue' })).toContain(`${by} the pairing continues.`);
    expect(said({ by: 'another-admin', decision: 'end' })).toContain(`${by} the pairing has ended.`);
    // What a rematch does follows the program's rematch policy, as the decision email said it (QA admin inbox, bug 4).
    expect(said({ by: 'another-admin', decision: 'rematch' })).toContain(`${by} the pairing has ended and both are offered a new partner`);
    const paused = said({ by: 'another-admin', decision: 'pause', pausedUntil: '2027-03-22' }, '2027-03-22');
    expect(paused).toContain(`${by} the pairing is paused until Monday 22 March 2027.`);
    // Said once: not again as the note's last word, and never as "your pairing" to an admin.
    expect(paused).not.toMatch(/[Yy]our pairing is paused/);
    expect(said({ by: 'you', decision: 'pause' })).toContain('by you: the pairing is paused.');
    expect(questionClosed({ ...base, answeredAs: { by: 'another-admin', decision: 'end' }, pausedUntil: '2027-03-22' }).text).toContain(
      'The pairing is paused until Monday 22 March 2027',
    );
  });
});
