import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { clearFaults, faultsInjected, injectFaults, type Fault } from './faults';
import { lifecycleHarness, type Harness } from './harness';

const cloud = inject('cloud');
const get = async <T>(path: string): Promise<T> => (await fetch(`${cloud.baseUrl}${path}`)).json() as Promise<T>;

/**
 * Two mentors and three mentees: Ana suits Xena, Ben suits Yuri, and Zoe wants what nobody offers
 * at a time nobody is free, so she is waitlisted.
 */
async function cohort(h: Harness, programId: string) {
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, goals: 'Learn from each other', ...o });
  const people = [
    await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] }),
    await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' }),
    await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' }),
    await enrol({ role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' }),
  ];
  const zoe = await enrol({
    role: 'mentee',
    name: 'Zoe Senior',
    topicsWanted: ['sustainability'],
    availability: [{ day: 'sat', start: '14:00', end: '15:00' }],
    department: 'Legal',
  });
  return { paired: people, zoe };
}

function observe(h: Harness, programId: string) {
  const runs = async () => {
    const mine: { executionArn: string; status: string; startDate: number }[] = [];
    for (const e of await get<{ executionArn: string; status: string }[]>('/local/executions')) {
      if (!/:execution:CohortMatching/.test(e.executionArn)) continue;
      const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
      if ((JSON.parse(d.input ?? '{}') as { programId?: string }).programId !== programId) continue;
      mine.push({ executionArn: e.executionArn, status: d.status!, startDate: d.startDate!.getTime() });
    }
    return mine.sort((a, b) => a.startDate - b.startDate);
  };
  const events = async (type: string) =>
    (await get<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('/local/events'))
      .filter((e) => e.event['detail-type'] === type && e.event.detail.programId === programId)
      .map((e) => e.event.detail);
  const pairings = () => get<{ pairingId: string; status: string }[]>(`/local/pairings?programId=${programId}`);
  const intros = async (email: string) => (await h.emailsTo(email)).filter((e) => /reverse-mentoring partner/.test(e.subject));
  return { runs, events, pairings, intros };
}

/** Asks for a cohort run and approves it by reply; returns once every run of the program has ended. */
async function matchAndApprove(h: Harness, programId: string, o: ReturnType<typeof observe>) {
  await h.putEvent('MatchingRequested', { programId });
  const approval = await h.received(h.admin, /^Approve matching for Test cohort/, 'PT1M');
  await h.reply(approval, 'APPROVE');
  // Retries wait on the simulated clock: move it until the run has ended.
  await h.until(async () => (await o.runs()).every((r) => r.status !== 'RUNNING'), 'PT1M', 60);
}

/** Every pairing is introduced (one email per person) and announced by exactly one PairingMatched. */
async function expectAllStartedOnce(h: Harness, o: ReturnType<typeof observe>, people: readonly { email: string }[]) {
  const pairings = await o.pairings();
  expect(pairings).toHaveLength(2);
  const matched = await o.events('PairingMatched');
  for (const p of pairings) {
    expect(
      matched.filter((m) => m.pairingId === p.pairingId),
      `PairingMatched of ${p.pairingId}`,
    ).toHaveLength(1);
    expect((await h.executionsOf(p.pairingId)).map((e) => e.name)).toEqual([p.pairingId]);
  }
  expect(matched).toHaveLength(2);
  // Introductions wait for each reader's working morning: over a weekend, and a holiday, that is days.
  await h.until(async () => (await Promise.all(people.map((p) => o.intros(p.email)))).every((m) => m.length > 0), 'PT1H', 24 * 8);
  for (const p of people) expect(await o.intros(p.email), `introductions to ${p.email}`).toHaveLength(1);
  expect((await o.pairings()).map((p) => p.status)).not.toContain('proposed');
}

describe('CohortMatching when EventBridge refuses an entry: nothing stranded, every event once (QA)', () => {
  afterEach(async () => {
    await clearFaults(cloud.baseUrl);
  });

  it('retries "Create the pairing" after one failed PairingMatched entry: the cohort is introduced and each PairingMatched put once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { paired } = await cohort(h, programId);
    const o = observe(h, programId);
    await injectFaults(cloud.baseUrl, [{ service: 'eventbridge', kind: 'failedEntries', count: 1, detailType: 'PairingMatched' }]);
    await matchAndApprove(h, programId, o);
    expect(await faultsInjected(cloud.baseUrl)).toBe(1);
    const [run, ...others] = await o.runs();
    expect(others).toEqual([]);
    expect(run!.status, await h.failure(run!.executionArn)).toBe('SUCCEEDED');
    await expectAllStartedOnce(h, o, paired);
  });

  it('puts MatchingProposed and ParticipantWaitlisted once each after one failed entry of each: the retried step sends what it owes', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { paired, zoe } = await cohort(h, programId);
    const o = observe(h, programId);
    const faults: Fault[] = [
      { service: 'eventbridge', kind: 'failedEntries', count: 1, detailType: 'MatchingProposed' },
      { service: 'eventbridge', kind: 'failedEntries', count: 1, detailType: 'ParticipantWaitlisted' },
    ];
    await injectFaults(cloud.baseUrl, faults);
    await matchAndApprove(h, programId, o);
    expect(await faultsInjected(cloud.baseUrl)).toBe(2);
    const [run] = await o.runs();
    expect(run!.status, await h.failure(run!.executionArn)).toBe('SUCCEEDED');
    expect(await o.events('MatchingProposed')).toEqual([expect.objectContaining({ programId, kind: 'cohort', pairs: 2, unmatched: 1 })]);
    expect(await o.events('ParticipantWaitlisted')).toEqual([{ programId, participantId: zoe.participantId, code: 'capacity' }]);
    expect(
      (await h.emailsTo(zoe.email)).filter((e) => /waitlist/i.test(e.subject)),
      'Zoe is told once that she waits',
    ).toHaveLength(1);
    const approvals = (await h.emailsTo(h.admin)).filter((e) => /^Approve matching for Test cohort/.test(e.subject));
    expect(approvals, 'the admin is asked once').toHaveLength(1);
    await expectAllStartedOnce(h, o, paired);
  });

  it('starts, in the next cohort run, the pairings a run created but could not start once its retries were spent', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const { paired } = await cohort(h, programId);
    const o = observe(h, programId);
    // Every attempt of both items fails (1 + 3 retries each): the Map, and so the run, fails.
    await injectFaults(cloud.baseUrl, [{ service: 'eventbridge', kind: 'failedEntries', count: 8, detailType: 'PairingMatched' }]);
    await matchAndApprove(h, programId, o);
    const [failed] = await o.runs();
    expect(failed!.status).toBe('FAILED');
    expect(await h.failure(failed!.executionArn)).toMatch(/EventBridge refused 1 event\(s\): InternalFailure/);
    expect((await o.pairings()).map((p) => p.status)).toEqual(['proposed', 'proposed']);
    expect(await o.events('PairingMatched')).toEqual([]);
    await clearFaults(cloud.baseUrl);

    // The runbook's remedy: another cohort run, once the failed one is well over.
    await h.advance('PT20M');
    await h.putEvent('MatchingRequested', { programId });
    await h.until(async () => (await o.runs()).every((r) => r.status !== 'RUNNING'), 'PT1M', 60);
    const [, again] = await o.runs();
    expect(again!.status, await h.failure(again!.executionArn)).toBe('SUCCEEDED');
    const states = (await h.history(again!.executionArn)).map((e) => e.details?.name).filter(Boolean);
    expect(states).toContain('Start the PairingLifecycle it waits for');
    expect(states, 'nothing new to approve: the stranded pairs were approved with their own run').not.toContain('Ask the admin to approve');
    await expectAllStartedOnce(h, o, paired);
  });
});
