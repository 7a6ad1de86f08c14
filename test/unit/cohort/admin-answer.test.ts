import { describe, expect, it } from 'vitest';
import { answeredAs, settlementOf, settlementOn, unsettled, type Settlement } from '../../../functions/domain/admin-answer';
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
