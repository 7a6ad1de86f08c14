import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness, pairIntroducedToMenteeOnly } from './harness';

/**
 * QA events5 (docs/lifecycle.md): the admins or HR end a pairing (no rematch) before its
 * introductions went out. Whoever never heard of it was dropped in silence (`enrolled`, no email),
 * after "You are off the waitlist ... your introduction follows". They wait, first in line
 * (`partner-unavailable`), and are told once; whoever was introduced gets the usual end email.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('an admin end before the introduction went out (QA events5)', () => {
  it('the one never introduced is waitlisted and told the partner could not start; the one introduced is told of the end', async () => {
    const h = lifecycleHarness();
    // Evening: each introduction waits for its reader's morning, Berlin's hours before New York's.
    const { programId, mentor, mentee, pairingId } = await pairIntroducedToMenteeOnly(h);

    expect((await call('POST', `/pairings/${pairingId}/end`, { reason: 'admin-decision' })).status).toBeLessThan(300);
    for (let i = 0; i < 48; i++) await h.advance('PT1H');
    await h.idle();

    const noa = await h.emailsTo(mentor.email);
    expect(noa.map((e) => e.subject)).not.toContainEqual(expect.stringMatching(/^Meet |has ended|will not start/));
    const waiting = noa.filter((e) => /on the waitlist/.test(e.subject));
    expect(waiting, noa.map((e) => e.subject).join(' | ')).toHaveLength(1);
    const text = flat(waiting[0]!.text);
    expect(text).toContain('the partner we had found for you could not start with you after all');
    expect(text).toMatch(/you are considered first/);

    const sam = await h.emailsTo(mentee.email);
    expect(
      sam.filter((e) => /has ended|will not start/.test(e.subject)),
      sam.map((e) => e.subject).join(' | '),
    ).toHaveLength(1);
    expect(sam.map((e) => e.subject)).not.toContainEqual(expect.stringMatching(/on the waitlist/));

    const people = await call<{ participantId: string; status: string }[]>('GET', `/local/participants?programId=${programId}`);
    expect(people.body.find((p) => p.participantId === mentor.participantId)?.status).toBe('waitlisted');
    expect(people.body.find((p) => p.participantId === mentee.participantId)?.status).toBe('enrolled');
    const log = await call<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('GET', '/local/events');
    const announced = log.body.filter((e) => e.event['detail-type'] === 'ParticipantWaitlisted' && e.event.detail.participantId === mentor.participantId);
    expect(announced.map((e) => e.event.detail.code)).toEqual(['partner-unavailable']);
  });
});
