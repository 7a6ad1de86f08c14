import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

type Email = Awaited<ReturnType<ReturnType<typeof lifecycleHarness>['lastEmailTo']>>;

/** The calendar invitation attached to an email, as a calendar client reads it (ical.js). */
function invitation(email: Email) {
  const attachment = email.attachments.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) return undefined;
  const text = Buffer.from(attachment.content, 'base64').toString('utf8');
  const calendar = new ICAL.Component(ICAL.parse(text));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return {
    filename: attachment.filename,
    contentType: attachment.contentType,
    method: calendar.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    organizer: vevent.getFirstPropertyValue('organizer'),
    attendees: vevent.getAllProperties('attendee').map((p) => p.getFirstValue()),
    tzid: vevent.getFirstProperty('dtstart')?.getParameter('tzid'),
    dtstart: vevent.getFirstProperty('dtstart')?.getFirstValue()?.toString(),
    rrule: vevent.getFirstPropertyValue('rrule')?.toString(),
    status: vevent.getFirstPropertyValue('status'),
  };
}

describe('PairingLifecycle: help to meet', () => {
  it('attaches the meeting invitation to both introductions, cancels it at a pause, sends it again at the resume and cancels it at the end', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const intros = [await h.lastEmailTo(mentor.email, /^Meet /), await h.lastEmailTo(mentee.email, /^Meet /)];
    const first = intros.map(invitation);
    for (const [i, inv] of first.entries()) {
      expect(inv).toMatchObject({
        filename: 'meetings.ics',
        contentType: 'text/calendar; charset=UTF-8; method=REQUEST',
        method: 'REQUEST',
        uid: `meetings-${pairingId}@crossgen`,
        sequence: 0,
        organizer: `mailto:${intros[i]!.from.replace(/^.*<|>$/g, '')}`,
        attendees: [`mailto:${mentee.email}`, `mailto:${mentor.email}`],
        // Both are free on Mondays 09:00-11:00 in their own zones: 10:00 in Berlin (the mentee's, the anchor) is 09:00 in London.
        tzid: 'Europe/Berlin',
        dtstart: expect.stringMatching(/T10:00:00$/),
        rrule: expect.stringMatching(/^FREQ=WEEKLY;.*INTERVAL=2/),
        status: 'CONFIRMED',
      });
    }
    expect(first[0]).toEqual(first[1]);
    expect(intros[1]!.text.replace(/\s+/g, ' ')).toMatch(/at 10:00 Central European (Standard|Summer) Time \(Europe\/Berlin\)/);
    expect(intros[0]!.text.replace(/\s+/g, ' ')).toMatch(/at 09:00 (Greenwich Mean Time|British Summer Time) \(Europe\/London\)/);

    await h.reply(intros[0]!, 'yes');
    await h.reply(intros[1]!, 'yes');
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/);
    expect(checkIn.text).toMatch(/Something to talk about next time/);
    const pauseUntil = new Date((await h.now()).getTime() + 21 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(checkIn, `PAUSE until ${pauseUntil}`);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');

    const paused = await h.received(mentee.email, /is paused until/);
    const cancel = invitation(paused)!;
    expect(cancel).toMatchObject({
      method: 'CANCEL',
      uid: `meetings-${pairingId}@crossgen`,
      status: 'CANCELLED',
      contentType: 'text/calendar; charset=UTF-8; method=CANCEL',
    });
    expect(cancel.sequence).toBeGreaterThan(0);
    expect(invitation(await h.received(mentor.email, /is paused until/))).toEqual(cancel);

    const resumed = await h.nextEmail(mentee.email, /has resumed/, 'P1D');
    const update = invitation(resumed)!;
    expect(update).toMatchObject({
      method: 'REQUEST',
      uid: `meetings-${pairingId}@crossgen`,
      tzid: 'Europe/Berlin',
      dtstart: expect.stringMatching(/T10:00:00$/),
    });
    expect(update.sequence).toBeGreaterThan(cancel.sequence);
    // The series starts again after the resume, not from the first introduction.
    expect(update.dtstart! > resumed.sentAt.slice(0, 10)).toBe(true);
    expect(update.dtstart! > first[0]!.dtstart!).toBe(true);

    // An end cancels the series for good.
    await h.putEvent('PairingEndRequested', { pairingId, reason: 'Role change' }, 'crossgen.admin');
    const ended = invitation(await h.received(mentor.email, /has ended/))!;
    expect(ended).toMatchObject({ method: 'CANCEL', uid: `meetings-${pairingId}@crossgen`, status: 'CANCELLED' });
    expect(ended.sequence).toBeGreaterThan(update.sequence);
  });

  it('proposes a mentor with two mentees a different time in each introduction', async () => {
    const h = lifecycleHarness();
    // Weekly meetings, everyone in Berlin and free on Mondays 09:00-11:00: 09:00 would suit both pairs.
    const programId = await h.program({ lifecycle: { checkInCadenceDays: 7 } });
    const mentor = await h.enrol({
      programId,
      role: 'mentor',
      capacity: 2,
      timeZone: 'Europe/Berlin',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
    const first = await h.pair({ programId, mentor, menteeName: 'Ada Senior' });
    const second = await h.pair({ programId, mentor, menteeName: 'Bo Senior' });
    const ada = invitation(await h.lastEmailTo(first.mentee.email, /^Meet /))!;
    const bo = invitation(await h.lastEmailTo(second.mentee.email, /^Meet /))!;
    expect(ada).toMatchObject({
      method: 'REQUEST',
      tzid: 'Europe/Berlin',
      dtstart: expect.stringMatching(/T09:00:00$/),
      rrule: expect.stringMatching(/^FREQ=WEEKLY;/),
    });
    // 09:30 would overlap the 45-minute meeting at 09:00: the second pair meets at 10:00.
    expect(bo).toMatchObject({
      method: 'REQUEST',
      tzid: 'Europe/Berlin',
      dtstart: expect.stringMatching(/T10:00:00$/),
      rrule: expect.stringMatching(/^FREQ=WEEKLY;/),
    });
    // The mentor's own introductions carry the same series as their mentees'.
    const mentorIntros = (await h.emailsTo(mentor.email)).filter((e) => /^Meet /.test(e.subject)).map((e) => invitation(e)!);
    expect(mentorIntros.map((i) => i.uid).sort()).toEqual([ada.uid, bo.uid].sort());
    for (const i of mentorIntros) expect(i.dtstart).toBe(i.uid === ada.uid ? ada.dtstart : bo.dtstart);
  });
});
