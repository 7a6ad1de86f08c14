import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA attacker: GET /concerns/{id} for a case whose people were erased since showed `name: ""`. As in
 * a matching proposal (proposal-names.ts), the field is left out for someone erased.
 */
describe('a concern whose people were erased since', () => {
  it('leaves the name out of raisedBy and partner in GET /concerns/{id}', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, programId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^You are enrolled/), 'CONCERN: I am not sure how to give feedback to a senior leader');
    await h.idle();
    const concernId = ((await call('GET', `/programs/${programId}/concerns`)).body.concerns as { concernId: string }[])[0]!.concernId;
    expect((await call('GET', `/concerns/${concernId}`)).body.raisedBy.name).toMatch(/^Mia Mentor/);

    for (const p of [mentor, mentee]) expect((await call('POST', `/participants/${p.participantId}/erase`)).status).toBe(200);
    await h.idle();
    const one = await call('GET', `/concerns/${concernId}`);
    expect(one.status).toBe(200);
    expect(one.body.raisedBy).toMatchObject({ participantId: mentor.participantId, role: 'mentor' });
    expect('name' in one.body.raisedBy).toBe(false);
    expect(one.body.partner).toMatchObject({ participantId: mentee.participantId });
    expect('name' in one.body.partner).toBe(false);
    expect(JSON.stringify(one.body)).not.toContain('"name":""');
  });
});
