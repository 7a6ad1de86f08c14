import { describe, expect, inject, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA: the admins' concern email says "please write to them yourself", and neither it nor GET
 * /concerns/{id} gave the person's address. Both do now; the partner's address is in neither, and
 * the partner hears nothing.
 */

const cloud = inject('cloud');
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('a concern gives the admin the address to write to', () => {
  it('in the admins’ email and in GET /concerns/{id}, the raiser’s address only', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, programId } = await h.pair();
    const partnerMail = (await h.emailsTo(mentee.email)).length;
    await h.reply(await h.lastEmailTo(mentor.email, /^You are enrolled/), 'CONCERN: I am not sure how to give feedback to a senior leader');
    await h.idle();

    const note = flat((await h.lastEmailTo(h.admin, /^Private concern from Mia Mentor/)).text);
    expect(note).toContain(`Their email address: ${mentor.email}`);
    expect(note).toContain(`please write to them yourself at ${mentor.email} (the notes`);
    expect(note).not.toContain(mentee.email);

    const concernId = ((await call('GET', `/programs/${programId}/concerns`)).body.concerns as { concernId: string }[])[0]!.concernId;
    const one = await call('GET', `/concerns/${concernId}`);
    expect(one.status).toBe(200);
    expect(one.body.raisedBy).toMatchObject({ participantId: mentor.participantId, role: 'mentor', email: mentor.email });
    expect(one.body.partner).toBeDefined();
    expect(one.body.partner.email).toBeUndefined();
    expect(JSON.stringify(one.body)).not.toContain(mentee.email);
    // The list stays as it was: no names or addresses there.
    expect(JSON.stringify((await call('GET', `/programs/${programId}/concerns`)).body)).not.toContain(mentor.email);

    // No event about the case carries the address, and the partner was sent nothing.
    const events = (await (await fetch(`${cloud.baseUrl}/local/events`)).json()) as { event: { detail?: Record<string, unknown> } }[];
    for (const { event } of events.filter((e) => JSON.stringify(e.event.detail ?? {}).includes(concernId)))
      expect(JSON.stringify(event)).not.toContain(mentor.email);
    expect(await h.emailsTo(mentee.email)).toHaveLength(partnerMail);
  });
});
