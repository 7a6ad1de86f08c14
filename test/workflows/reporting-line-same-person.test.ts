import { describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness, type Harness } from './harness';

/**
 * A reporting line recorded in one program holds in every other (docs/matching.md, Hard rules:
 * two records of the same person are one person of the lines). QA: Ada is imported into rm-eng with
 * her manager Grace, and into rm-sales, with Grace, with the manager column empty; rm-sales
 * proposed nothing wrong by luck, but forcing Ada with Grace there was approved and started.
 */

const cloud = inject('cloud');

type ApiError = { error: string; issues: { field: string; message: string }[] };
type Run = { status: string; pairs: { mentorId: string; menteeId: string }[] };

const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
const ADA: Partial<ParticipantIntakeInput> = {
  role: 'mentor',
  name: 'Ada Lovelace',
  topicsOffered: ['ai-tools'],
  topicsWanted: ['strategy'],
  department: 'Data',
};
const GRACE: Partial<ParticipantIntakeInput> = {
  role: 'mentee',
  name: 'Grace Hopper',
  topicsOffered: ['strategy'],
  topicsWanted: ['ai-tools'],
  department: 'Operations',
};

/**
 * rm-sales: Ada and Grace (who fit each other best), and Ben and Yuri, so that a run has pairs to
 * propose and waits for approval. Ada's record here names no manager.
 */
async function salesProgram(h: Harness, ada: Partial<ParticipantIntakeInput>, grace: Partial<ParticipantIntakeInput>) {
  const programId = await h.program({});
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const A = await enrol({ ...ADA, ...ada });
  const G = await enrol({ ...GRACE, ...grace });
  await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' });
  await enrol({ role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
  return { programId, A, G };
}

/** A matching run of the program, proposed and waiting for approval: its id and proposal. */
async function proposed(h: Harness, programId: string): Promise<{ base: string; run: Run }> {
  const started = await call('POST', `/programs/${programId}/matching`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  await h.idle();
  const base = `/programs/${programId}/matching/${started.body.runId as string}`;
  const run = await call<Run>('GET', base);
  expect(run.body.status).toBe('proposed');
  return { base, run: run.body };
}

/** Ada and Grace are neither proposed nor can be forced: 409, reportingChain. */
async function keptApart(h: Harness, programId: string, ada: { participantId: string }, grace: { participantId: string }) {
  const { base, run } = await proposed(h, programId);
  expect(run.pairs.length).toBeGreaterThan(0);
  expect(run.pairs.some((p) => p.mentorId === ada.participantId && p.menteeId === grace.participantId)).toBe(false);
  const force = await call<ApiError>('POST', `${base}/force`, { mentorId: ada.participantId, menteeId: grace.participantId });
  expect(force.status, JSON.stringify(force.body)).toBe(409);
  expect(force.body.issues).toEqual([{ field: 'menteeId', message: 'breaks the hard rules: reportingChain' }]);
}

describe('a reporting line recorded in another program for the same person', () => {
  it('keeps Ada from Grace in rm-sales when only rm-eng records that she reports to Grace (same address and employee id)', async () => {
    const h = lifecycleHarness();
    const ada = { email: `ada-${h.tag}@acme.test`, employeeId: `M000-${h.tag}` };
    const grace = { email: `grace-${h.tag}@acme.test`, employeeId: `M001-${h.tag}` };
    const eng = await h.program({});
    await h.enrol({ programId: eng, availability: weekday, ...ADA, ...ada, manager: { email: grace.email } });
    await h.enrol({ programId: eng, availability: weekday, ...GRACE, ...grace });
    const { programId, A, G } = await salesProgram(h, ada, grace);
    await keptApart(h, programId, A, G);
  });

  it('finds the same person by employee id when the other program holds them under an address that bounced', async () => {
    const h = lifecycleHarness();
    const oldAddress = `ada.old-${h.tag}@acme.test`;
    const employeeId = `M100-${h.tag}`;
    const grace = { email: `grace-${h.tag}@acme.test` };
    const eng = await h.program({});
    const adaInEng = await h.enrol({ programId: eng, availability: weekday, ...ADA, email: oldAddress, employeeId, manager: { email: grace.email } });
    // Ada's old address bounces: her rm-eng enrolment is suppressed, and she joins rm-sales under a new one.
    const res = await fetch(`${cloud.baseUrl}/local/mail-feedback`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ address: oldAddress, kind: 'bounce' }),
    });
    expect(res.status).toBe(202);
    await h.until(async () => (await call<{ status: string }>('GET', `/participants/${adaInEng.participantId}`)).body.status === 'suppressed', 'PT1M');
    const { programId, A, G } = await salesProgram(h, { email: `ada.new-${h.tag}@acme.test`, employeeId }, grace);
    await keptApart(h, programId, A, G);
  });
});
