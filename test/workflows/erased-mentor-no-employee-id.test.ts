import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness, runMatching } from './harness';

/**
 * A proposed mentor erased before the approval, who had no employee id (QA attacker): their
 * tombstone keeps no place in the reporting lines, and the pair does not start because the mentor
 * is no longer in the program, not because the two would be "in one reporting line".
 */
describe('a proposed mentor without an employee id, erased before the approval', () => {
  it('says the mentor is no longer in the program, on the run and on the mentee’s waitlist entry', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const mentor = await h.enrol({ programId, role: 'mentor', name: `Mo Mentor${h.tag}`, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    const mentee = await h.enrol({
      programId,
      role: 'mentee',
      name: `Zoe Mentee${h.tag}`,
      department: 'Operations',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
    });
    const run = await runMatching(h, programId, false);
    expect(run.pairs).toEqual([expect.objectContaining({ mentorId: mentor.participantId, menteeId: mentee.participantId })]);

    expect((await call('POST', `/participants/${mentor.participantId}/erase`)).status).toBe(200);
    await h.idle();
    let approved = 0;
    for (let i = 0; i < 60 && approved !== 200; i++) {
      approved = (await call('POST', `/programs/${programId}/matching/${run.runId}/approve`)).status;
      await h.idle();
    }
    expect(approved).toBe(200);
    await h.idle();

    const after = (await call<{ pairs: { menteeId: string; notStarted?: string }[] }>('GET', `/programs/${programId}/matching/${run.runId}`)).body;
    expect(after.pairs.find((p) => p.menteeId === mentee.participantId)?.notStarted).toBe('the mentor is no longer in the program');
    const exported = JSON.stringify((await call('GET', `/participants/${mentee.participantId}/export`)).body);
    expect(exported).toContain('the mentor is no longer in the program');
    expect(exported).not.toContain('reporting line');
  });
});
