import { describe, expect, it } from 'vitest';
import {
  applyConcernAction,
  concernActionSchema,
  concernIdFor,
  escalationAt,
  recentHistory,
  sortCases,
  type ConcernCase,
} from '../../../functions/domain/concerns';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { programSchema } from '../../../functions/domain/program';
import { participant } from './simulate';

/** The concern channel's pure rules (issue 13 point 1). */

const open: ConcernCase = {
  concernId: 'cn_abc',
  programId: 'sim',
  participantId: 'pt_mentor',
  role: 'mentor',
  pairingId: 'pr_sim',
  partnerId: 'pt_mentee',
  text: 'She seems afraid to challenge me.',
  exit: false,
  channel: 'email',
  state: 'open',
  raisedAt: '2027-02-05T15:00:00Z',
  escalateAt: '2027-02-09T09:00:00Z',
  version: 1,
};

describe('concern cases', () => {
  it('escalate at the send time of the Nth working day after the day they were raised, in the program zone', () => {
    // Friday afternoon, 2 working days: Tuesday morning.
    expect(escalationAt(new Date('2027-02-05T15:00:00Z'), 2, 'Europe/London', '09:00', []).toISOString()).toBe('2027-02-09T09:00:00.000Z');
    // Monday before the send time: the raise day does not count.
    expect(escalationAt(new Date('2027-02-08T07:00:00Z'), 2, 'Europe/London', '09:00', []).toISOString()).toBe('2027-02-10T09:00:00.000Z');
    // A holiday is not a working day.
    expect(escalationAt(new Date('2027-02-08T10:00:00Z'), 1, 'Europe/London', '09:00', ['2027-02-09']).toISOString()).toBe('2027-02-10T09:00:00.000Z');
    expect(escalationAt(new Date('2027-02-08T10:00:00Z'), 1, 'America/New_York', '09:00', []).toISOString()).toBe('2027-02-09T14:00:00.000Z');
  });

  it('get one id per message, and a different one per message', () => {
    expect(concernIdFor('msg-1')).toBe(concernIdFor('msg-1'));
    expect(concernIdFor('msg-1')).not.toBe(concernIdFor('msg-2'));
    expect(concernIdFor('msg-1')).toMatch(/^cn_[a-z2-7]{20}$/);
  });

  it('move open -> acknowledged -> resolved with the admin note, and refuse the rest', () => {
    const now = new Date('2027-02-06T10:00:00Z');
    const acked = applyConcernAction(open, { action: 'acknowledge' }, now);
    expect('case' in acked && acked.case).toMatchObject({ state: 'acknowledged', acknowledgedAt: now.toISOString() });
    if (!('case' in acked)) throw new Error('not acknowledged');
    expect(applyConcernAction(acked.case, { action: 'acknowledge' }, now)).toHaveProperty('refused');
    const resolved = applyConcernAction(acked.case, { action: 'resolve', note: 'Talked to both.' }, now);
    expect('case' in resolved && resolved.case).toMatchObject({ state: 'resolved', note: 'Talked to both.' });
    if (!('case' in resolved)) throw new Error('not resolved');
    expect(applyConcernAction(resolved.case, { action: 'resolve', note: 'again' }, now)).toHaveProperty('refused');
    // Resolving an open case acknowledges it too.
    const direct = applyConcernAction(open, { action: 'resolve', note: 'Done.' }, now);
    expect('case' in direct && direct.case.acknowledgedAt).toBe(now.toISOString());
  });

  it('refuse an action without what it needs, naming the field', () => {
    const paths = (input: unknown) => (concernActionSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ action: 'resolve' })).toEqual(['note']);
    expect(paths({ action: 'close' })).toEqual(['action']);
    expect(paths({ action: 'acknowledge', notes: 'typo' })).toEqual(['']);
    expect(paths({ action: 'acknowledge' })).toEqual([]);
  });

  it('keep only the last lines of the history, kind and time', () => {
    const audit = Array.from({ length: 9 }, (_, i) => ({ at: `2027-02-0${i + 1}T09:00:00Z`, kind: `k${i}`, detail: { note: 'private' } }));
    const recent = recentHistory(audit);
    expect(recent.map((l) => l.kind)).toEqual(['k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    expect(JSON.stringify(recent)).not.toContain('private');
  });

  it('are listed open first, newest first', () => {
    const cases = [
      { state: 'resolved' as const, raisedAt: '2027-02-09' },
      { state: 'open' as const, raisedAt: '2027-02-01' },
      { state: 'open' as const, raisedAt: '2027-02-03' },
    ];
    expect(sortCases(cases).map((c) => c.raisedAt)).toEqual(['2027-02-03', '2027-02-01', '2027-02-09']);
  });
});

describe('the lifecycle watches a concern', () => {
  const program = programSchema.parse({
    programId: 'sim',
    name: 'Sim cohort',
    startDate: '2027-01-04',
    admins: ['a1@example.com', 'a2@example.com'],
    timeZone: 'Europe/London',
  });
  const mentor = participant('mentor');
  const mentee = participant('mentee');
  const pairing: Pairing = {
    pairingId: 'pr_sim',
    programId: 'sim',
    mentorId: 'pt_mentor',
    menteeId: 'pt_mentee',
    score: 80,
    reasons: [],
    tradeOffs: [],
    status: 'active',
    acceptedAt: '2027-01-11T09:00:00Z',
    startedAt: '2027-01-04T09:00:00Z',
    planPosition: 3,
    planDoneMs: 30 * 86_400_000,
    checkInsHeld: 2,
    checkInsMissed: 0,
    missedInRow: 0,
    fitCheckAskedAt: '2027-01-26T09:00:00Z',
    concerns: [{ concernId: 'cn_abc', escalateAt: '2027-02-09T09:00:00Z' }],
    createdAt: '2027-01-04T08:00:00Z',
    updatedAt: '2027-02-05T15:00:00Z',
    version: 7,
  };
  const ctx = (now: string, concerns?: ConcernCase[]): LifecycleContext => ({
    pairing,
    program,
    mentor,
    mentee,
    now: new Date(now),
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
    ...(concerns ? { concerns } : {}),
  });

  it('wakes at the escalation date and emails every admin again when the case is still open, never the pair', () => {
    const before = decideNext(ctx('2027-02-08T10:00:00Z'));
    expect(before.next).toEqual({ action: 'wait', at: '2027-02-09T09:00:00.000Z' });
    expect(before.emails).toEqual([]);
    const d = decideNext(ctx('2027-02-09T09:00:00Z', [open]));
    const escalations = d.emails.filter((e) => e.template === 'adminConcernEscalated');
    expect(escalations.map((e) => e.to)).toEqual(['a1@example.com', 'a2@example.com']);
    expect(d.emails.filter((e) => e.to === mentor.email || e.to === mentee.email)).toEqual([]);
    expect(d.events).toEqual([]);
    expect(d.pairing.concerns).toBeUndefined();
    expect(d.records.some((r) => r.item.kind === 'concern-escalated')).toBe(true);
  });

  it('stops watching a case an admin acknowledged, without an email', () => {
    const d = decideNext(ctx('2027-02-09T09:00:00Z', [{ ...open, state: 'acknowledged' }]));
    expect(d.emails.filter((e) => e.template === 'adminConcernEscalated')).toEqual([]);
    expect(d.pairing.concerns).toBeUndefined();
    expect(d.records.some((r) => r.item.kind === 'concern-settled')).toBe(true);
  });

  it('keeps watching after the pairing ends: an end before the escalation date waits for it, then reminds the admins and is done', () => {
    const ending = decideNext({ ...ctx('2027-02-08T10:00:00Z'), pairing: { ...pairing, controls: [{ kind: 'end', requestedAt: '2027-02-08T10:00:00Z' }] } });
    expect(ending.pairing.status).toBe('ended');
    expect(ending.pairing.concerns).toEqual(pairing.concerns);
    expect(ending.next).toEqual({ action: 'wait', at: '2027-02-09T09:00:00.000Z' });
    const ended = ending.pairing;
    const later = decideNext({ ...ctx('2027-02-09T09:00:00Z', [open]), pairing: ended });
    const escalations = later.emails.filter((e) => e.template === 'adminConcernEscalated');
    expect(escalations.map((e) => e.to)).toEqual(['a1@example.com', 'a2@example.com']);
    expect(escalations[0]!.input).toMatchObject({ pairingEnded: true, escalated: true });
    expect(later.emails.filter((e) => e.template !== 'adminConcernEscalated')).toEqual([]);
    expect(later.next).toEqual({ action: 'done', outcome: 'ended' });
    // Settled meanwhile: done without an email.
    const settled = decideNext({ ...ctx('2027-02-09T09:00:00Z', [{ ...open, state: 'resolved' }]), pairing: ended });
    expect(settled.emails).toEqual([]);
    expect(settled.next).toEqual({ action: 'done', outcome: 'ended' });
  });

  it('never sends a case to an admin who is one of the pair (the partner it is about, or the one who raised it)', () => {
    const both = { ...program, admins: ['a1@example.com', mentor.email.toUpperCase(), mentee.email] };
    const d = decideNext({ ...ctx('2027-02-09T09:00:00Z', [open]), program: both });
    expect(d.emails.filter((e) => e.template === 'adminConcernEscalated').map((e) => e.to)).toEqual(['a1@example.com']);
  });

  it('escalates a case watched twice once (its emails are keyed by the case)', () => {
    const twice = { ...ctx('2027-02-09T09:00:00Z', [open]), pairing: { ...pairing, concerns: [...pairing.concerns!, ...pairing.concerns!] } };
    const d = decideNext(twice);
    expect(d.emails.filter((e) => e.template === 'adminConcernEscalated').map((e) => e.key)).toEqual([
      'concern:cn_abc:escalated:admin-1',
      'concern:cn_abc:escalated:admin-2',
    ]);
    expect(d.pairing.concerns).toBeUndefined();
  });
});
