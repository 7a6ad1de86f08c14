import { DescribeExecutionCommand } from '@aws-sdk/client-sfn';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { quotaReport, resetQuotas, setQuotas } from './faults';
import { lifecycleHarness } from './harness';

const cloud = inject('cloud');
const get = async <T>(path: string): Promise<T> => (await fetch(`${cloud.baseUrl}${path}`)).json() as Promise<T>;

/**
 * An approved cohort whose lifecycles Step Functions' start bucket can only start one every ten
 * seconds (QA quotas: with a bucket refilling at 1/s, a quarter of 100 approved pairs were never
 * started, and the run failed before waitlisting anyone): the starts wait their turn, spread at
 * random, and every pair starts once.
 */
describe('a cohort run whose lifecycle starts are throttled', () => {
  afterEach(async () => {
    await resetQuotas(cloud.baseUrl);
  });

  it('starts every approved pair once, and the run ends as Matched', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const pairs = 8;
    for (let i = 0; i < pairs; i++) {
      // Pair i: mentor i offers topic i's skill, mentee i wants it, each in their own department.
      const topic = ['ai-tools', 'social-media', 'digital-fluency', 'sustainability'][i % 4]!;
      await h.enrol({ programId, role: 'mentor', name: `Mentor${i} Throttle`, topicsOffered: [topic], topicsWanted: ['strategy'], department: `Dept${i}` });
      await h.enrol({ programId, role: 'mentee', name: `Mentee${i} Throttle`, topicsOffered: ['strategy'], topicsWanted: [topic], department: `Other${i}` });
    }
    await setQuotas(cloud.baseUrl, { startExecutionBurst: 2, startExecutionRefillPerSecond: 0.1 });
    await h.putEvent('MatchingRequested', { programId });
    await h.reply(await h.received(h.admin, /^Approve matching for Test cohort/, 'PT1M'), 'APPROVE');
    const runs = async () => {
      const mine: { status: string }[] = [];
      for (const e of await get<{ executionArn: string }[]>('/local/executions')) {
        if (!/:execution:CohortMatching/.test(e.executionArn)) continue;
        const d = await h.sfn.send(new DescribeExecutionCommand({ executionArn: e.executionArn }));
        if ((JSON.parse(d.input ?? '{}') as { programId?: string }).programId === programId) mine.push({ status: d.status! });
      }
      return mine;
    };
    await h.until(async () => (await runs()).every((r) => r.status !== 'RUNNING'), 'PT1M', 120);
    expect(await runs()).toEqual([{ status: 'SUCCEEDED' }]);
    const pairings = await get<{ pairingId: string; status: string }[]>(`/local/pairings?programId=${programId}`);
    expect(pairings).toHaveLength(pairs);
    expect(pairings.map((p) => p.status)).not.toContain('proposed');
    for (const p of pairings) expect((await h.executionsOf(p.pairingId)).map((e) => e.name)).toEqual([p.pairingId]);
    // The bucket did throttle: the starts waited for it rather than going around it.
    expect((await quotaReport(cloud.baseUrl)).startExecution.throttled).toBeGreaterThan(0);
  });

  it('answers 503 with Retry-After when HR asks for matching while the bucket is empty, and a repeat with the same Idempotency-Key starts one run (QA quotas)', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    // One start in the bucket, refilled once in about three hours.
    await setQuotas(cloud.baseUrl, { startExecutionBurst: 1, startExecutionRefillPerSecond: 0.0001 });
    const ask = (key: string) =>
      fetch(`${cloud.baseUrl}/programs/${programId}/matching`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': key },
        body: '{}',
      });
    expect((await ask(`first-${h.tag}`)).status).toBe(202);
    const refused = await ask(`second-${h.tag}`);
    const body = (await refused.json()) as { message: string; runId: string };
    expect(refused.status, JSON.stringify(body)).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('60');
    expect(body.message).toMatch(/no matching run was started: send the same request again in a minute/);
    await resetQuotas(cloud.baseUrl);
    const again = await ask(`second-${h.tag}`);
    expect(again.status).toBe(202);
    expect(((await again.json()) as { runId: string }).runId).toBe(body.runId);
    await h.idle();
  });
});
