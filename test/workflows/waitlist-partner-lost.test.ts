import { describe, expect, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness, runMatching } from './harness';

/**
 * QA promises4 bug 1 (docs/emails.md, `waitlisted`): someone told "You are off the waitlist: we have
 * found you a partner ... your introduction follows" whose new partner leaves before that
 * introduction goes out never gets it, and the lifecycle tells them nothing of a pairing they never
 * heard of. Their next email, from the rematch that follows, must say that the partner found for
 * them could not start with them after all, not "We have not found a partner for you yet".
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const weekdays = (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, start: '08:00', end: '18:00' }));

describe('the waitlist: a partner found, then lost before the introduction (QA promises4)', () => {
  it('Ravi, told he is off the waitlist, whose new partner replies STOP before his introduction, is told that partner could not start after all', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ startDate: (await h.now()).toISOString().slice(0, 10), lifecycle: { checkInCadenceDays: 7 } });
    const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekdays, languages: ['en'], ...o });
    const ravi = await enrol({
      role: 'mentor',
      name: `Ravi Iyer${h.tag}`,
      timeZone: 'America/New_York',
      department: 'Engineering',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
    // Nobody on the other side yet: Ravi waits, and is told so.
    await runMatching(h, programId);
    expect(flat((await h.lastEmailTo(ravi.email, /on the waitlist/)).text)).toContain('We have not found a partner for you yet');

    await h.evening();
    const bia = await enrol({
      role: 'mentee',
      name: `Bia Souza${h.tag}`,
      timeZone: 'Europe/Berlin',
      department: 'Operations',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
    });
    expect((await runMatching(h, programId)).pairs).toHaveLength(1);
    const off = await h.lastEmailTo(ravi.email, /off the waitlist/);
    expect(flat(off.text)).toMatch(/Your introduction email, with your partner and why we matched you, follows by \w+day \d+ \w+ \d{4}\./);

    // Bia's introduction reaches her in Berlin's morning, hours before Ravi's in New York; she replies STOP.
    const intro = await h.received(bia.email, /^Meet Ravi/);
    expect(
      (await h.emailsTo(ravi.email)).filter((e) => /^Meet /.test(e.subject)),
      'Ravi not introduced yet',
    ).toHaveLength(0);
    await h.reply(intro, 'STOP');
    for (let i = 0; i < 48; i++) await h.advance('PT1H');
    await h.idle();

    const after = (await h.emailsTo(ravi.email)).filter((e) => e.sentAt >= off.sentAt && e.messageId !== off.messageId);
    expect(
      after.map((e) => e.subject),
      'his cancelled introduction never comes',
    ).not.toContainEqual(expect.stringMatching(/^Meet /));
    const waiting = after.filter((e) => /on the waitlist/.test(e.subject));
    expect(waiting, after.map((e) => e.subject).join(' | ')).toHaveLength(1);
    const text = flat(waiting[0]!.text);
    expect(text).toContain('the partner we had found for you could not start with you after all');
    expect(text, 'nothing contradicts "we have found you a partner"').not.toContain('We have not found a partner for you yet');
    expect(text).toMatch(/You are on the waitlist, and you keep your place in the program\./);
    expect(text).toMatch(/you are considered first/);

    const people = await call<{ participantId: string; status: string }[]>('GET', `/local/participants?programId=${programId}`);
    expect(people.body.find((p) => p.participantId === ravi.participantId)?.status).toBe('waitlisted');
    // The event says the same as the email.
    const log = await call<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('GET', '/local/events');
    const announced = log.body.filter((e) => e.event['detail-type'] === 'ParticipantWaitlisted' && e.event.detail.participantId === ravi.participantId);
    expect(announced.at(-1)?.event.detail.code).toBe('partner-unavailable');
  });
});
