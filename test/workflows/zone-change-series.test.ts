import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

type Email = Awaited<ReturnType<ReturnType<typeof lifecycleHarness>['lastEmailTo']>>;

/** The calendar invitation attached to an email, as a calendar client reads it (ical.js). */
function invitation(email: Email) {
  const attachment = email.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) return undefined;
  const calendar = new ICAL.Component(ICAL.parse(Buffer.from(attachment.content, 'base64').toString('utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return {
    method: calendar.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    dtstart: vevent.getFirstProperty('dtstart')?.getFirstValue()?.toString(),
  };
}

/**
 * QA: HR moves one of a running pair to another time zone (`PATCH /participants/{id}` or
 * ParticipantUpdated): the pair's series follows, within the minute, and both are told
 * (docs/emails.md, meetingsRescheduled; docs/lifecycle.md).
 */
describe('a participant’s new time zone on the local cloud', () => {
  it('a PATCH of the mentor’s time zone makes the pair’s series again inside both people’s hours, and tells both once', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    // Both free on Mondays 09:00-11:00 in their own zones: 10:00 in Berlin (the mentee's) is 09:00 in London.
    expect((await h.pairing(pairingId)).pairing.meetingSlot).toMatchObject({ found: true, timeZone: 'Europe/Berlin', localTime: '10:00' });

    // In Helsinki her Monday 09:00-11:00 is 08:00-10:00 in Berlin: the only shared time is 09:00 there.
    const patched = await call('PATCH', `/participants/${mentor.participantId}`, { timeZone: 'Europe/Helsinki' });
    expect(patched.status).toBe(200);
    expect(patched.body.changed).toEqual(['timeZone']);
    await h.until(async () => (await h.pairing(pairingId)).pairing.meetingSlot?.localTime === '09:00', 'PT1M', 5);
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.meetingSlot).toMatchObject({ found: true, timeZone: 'Europe/Berlin', localTime: '09:00' });
    expect(audit.filter((a) => a.kind === 'series-rescheduled')).toHaveLength(1);

    const toMentee = await h.received(mentee.email, /^Your regular meeting with .* has a new time$/);
    const toMentor = await h.received(mentor.email, /^Your regular meeting with .* has a new time$/);
    for (const email of [toMentee, toMentor]) {
      expect(invitation(email)).toMatchObject({
        method: 'REQUEST',
        uid: `meetings-${pairingId}@crossgen`,
        tzid: 'Europe/Berlin',
        dtstart: expect.stringMatching(/T09:00:00$/),
      });
      expect(email.text).not.toMatch(/changed the schedule/);
    }
    const menteeText = toMentee.text.replace(/\s+/g, ' ');
    expect(menteeText).toMatch(
      /Mia now works in Eastern European (Standard|Summer) Time \(Europe\/Helsinki\), so we have made your regular meeting with Mia again/,
    );
    expect(menteeText).toMatch(/at 09:00 Central European (Standard|Summer) Time \(Europe\/Berlin\)/);
    expect(toMentor.text.replace(/\s+/g, ' ')).toMatch(/Your time zone is now Eastern European (Standard|Summer) Time \(Europe\/Helsinki\)/);

    // The same change again changes and sends nothing.
    const again = await call('PATCH', `/participants/${mentor.participantId}`, { timeZone: 'Europe/Helsinki' });
    expect(again.body.changed).toEqual([]);
    await h.advance('P1D');
    await h.idle();
    for (const to of [mentor.email, mentee.email]) expect((await h.emailsTo(to)).filter((e) => /has a new time/.test(e.subject))).toHaveLength(1);
    expect((await h.pairing(pairingId)).audit.filter((a) => a.kind === 'series-rescheduled')).toHaveLength(1);
  });
});
