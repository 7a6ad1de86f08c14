import { describe, expect, it } from 'vitest';
import { controlEventDate, controlEventVerdict, pairingFinishedProblem, programMismatchProblem } from '../../../functions/domain/control-events';
import { inboundEvents } from '../../../functions/domain/events';
import { describeIssues, toFieldIssues } from '../../../functions/domain/validation';

/**
 * QA events9: a pause, resume or end event for a pairing that has finished was dropped in silence
 * where the admin API answers 409, and a programId that is not the pairing's was ignored.
 */
const ended = {
  pairingId: 'pr_1',
  programId: 'pg_a',
  status: 'ended' as const,
  endedAt: '2027-03-01T10:00:00.400Z',
  updatedAt: '2027-03-01T10:05:00.000Z',
};
const running = { ...ended, status: 'active' as const, endedAt: undefined };
const at = (iso: string) => new Date(iso);

describe('a control event for a pairing that has finished', () => {
  it('is refused when dated after the end, with the admin API 409 reason', () => {
    const verdict = controlEventVerdict({ pairing: ended, datedAt: at('2027-03-01T10:00:01Z') });
    expect(verdict).toEqual({ outcome: 'refuse', reason: 'Pairing pr_1 has already finished (ended): it cannot be changed any more.' });
    expect(controlEventVerdict({ pairing: { ...ended, status: 'completed' }, datedAt: at('2027-06-01T00:00:00Z') })).toEqual({
      outcome: 'refuse',
      reason: 'Pairing pr_1 has already finished (completed): it cannot be changed any more.',
    });
  });

  it('is ignored when dated at or before the end, the same second counting (a duplicate, a replay, a request that crossed the end)', () => {
    for (const when of ['2027-03-01T09:59:59Z', '2027-03-01T10:00:00Z', '2027-02-01T00:00:00Z'])
      expect(controlEventVerdict({ pairing: ended, datedAt: at(when) }), when).toEqual({ outcome: 'ignore', finishedAt: '2027-03-01T10:00:00.000Z' });
  });

  it('without an end time on record, counts as after the end only when dated after the last write', () => {
    const older = { ...ended, endedAt: undefined };
    expect(controlEventVerdict({ pairing: older, datedAt: at('2027-03-01T10:03:00Z') }).outcome).toBe('ignore');
    expect(controlEventVerdict({ pairing: older, datedAt: at('2027-03-01T10:05:01Z') }).outcome).toBe('refuse');
  });

  it('is taken by a running pairing, whenever it is dated', () => {
    expect(controlEventVerdict({ pairing: running, datedAt: at('2030-01-01T00:00:00Z') })).toEqual({ outcome: 'take' });
    expect(controlEventVerdict({ pairing: { ...running, status: 'paused' }, programId: 'pg_a', datedAt: at('2020-01-01T00:00:00Z') })).toEqual({
      outcome: 'take',
    });
  });

  it('shares its words with the admin API route', () => {
    expect(pairingFinishedProblem({ pairingId: 'pr_9', status: 'not-started' })).toBe(
      'Pairing pr_9 has already finished (never started): it cannot be changed any more.',
    );
  });
});

describe('a control event naming a program', () => {
  it('is refused, naming both programs, when it is not the pairing one, running or finished, however dated', () => {
    const reason =
      'Pairing pr_1 belongs to program pg_a, not to program pg_b: nothing was changed. Check the pairing id and the programId, or leave programId out.';
    expect(programMismatchProblem(running, 'pg_b')).toBe(reason);
    expect(controlEventVerdict({ pairing: running, programId: 'pg_b', datedAt: at('2027-03-01T09:00:00Z') })).toEqual({ outcome: 'refuse', reason });
    expect(controlEventVerdict({ pairing: ended, programId: 'pg_b', datedAt: at('2027-03-01T09:00:00Z') })).toEqual({ outcome: 'refuse', reason });
  });

  it('is no reason to refuse when it names the pairing own program, or none', () => {
    expect(programMismatchProblem(running, 'pg_a')).toBeUndefined();
    expect(programMismatchProblem(running, undefined)).toBeUndefined();
  });

  it('is accepted by the inbound schemas of pause, resume and end, and kept for the check', () => {
    for (const type of ['PairingPauseRequested', 'PairingResumeRequested', 'PairingEndRequested'] as const) {
      const parsed = inboundEvents[type].safeParse({ pairingId: 'pr_1', programId: 'pg_b' });
      expect(parsed.success, type).toBe(true);
      expect(parsed.data, type).toMatchObject({ programId: 'pg_b' });
      const bad = inboundEvents[type].safeParse({ pairingId: 'pr_1', programId: '' });
      expect(bad.success ? undefined : describeIssues(toFieldIssues(bad.error)), type).toBe('programId must not be empty');
    }
  });
});

describe('when a control event was asked', () => {
  const now = at('2027-03-02T00:00:00Z');
  it('is the event time, or now when it has none that parses', () => {
    expect(controlEventDate('2027-03-01T10:00:00Z', now)).toEqual(at('2027-03-01T10:00:00Z'));
    expect(controlEventDate(undefined, now)).toBe(now);
    expect(controlEventDate('yesterday', now)).toBe(now);
  });
});
