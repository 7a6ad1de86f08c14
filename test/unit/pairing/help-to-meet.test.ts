import ICAL from 'ical.js';
import { describe, expect, it } from 'vitest';
import { conversationStarters } from '../../../functions/domain/emails';
import type { FoundSlot } from '../../../functions/domain/meeting-slot';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate, type SimEmail } from './simulate';

const SENDER = 'crossgen <no-reply@example.org>';
const LINKS = Object.fromEntries(['yes', 'no', '1', '2', '3', '4', '5', 'review'].map((k) => [k, `https://answers.example.org/${k}`]));

function render(email: SimEmail) {
  return renderIntent(email.template, email.input, LINKS, SENDER);
}

/** The attached invitation, read by ical.js. */
function invitation(email: SimEmail) {
  const attachment = render(email).attachments?.find((a) => a.contentType.startsWith('text/calendar'));
  if (!attachment) return undefined;
  const calendar = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8')));
  const vevent = calendar.getFirstSubcomponent('vevent')!;
  return {
    contentType: attachment.contentType,
    method: calendar.getFirstPropertyValue('method'),
    uid: vevent.getFirstPropertyValue('uid'),
    sequence: Number(vevent.getFirstPropertyValue('sequence')),
    attendees: vevent.getAllProperties('attendee').map((p) => p.getFirstValue()),
    organizer: vevent.getFirstPropertyValue('organizer'),
    dtstart: vevent.getFirstProperty('dtstart')?.getFirstValue()?.toString(),
    rrule: vevent.getFirstPropertyValue('rrule') as { freq: string; interval?: number; until?: { toString(): string } } | null,
  };
}

const byTemplate = (emails: SimEmail[], template: string) => emails.filter((e) => e.template === template);

describe('help to meet', () => {
  const r = simulate({
    answer: agreeable,
    // Introductions at 09:00 sharp (no spread over the send window): the slots below are named from it.
    program: { lifecycle: { sendWindowMinutes: 0 } },
    controls: [
      { at: '2027-02-10T10:00:00Z', request: { kind: 'pause', until: '2027-03-01' } },
      { at: '2027-04-14T10:00:00Z', request: { kind: 'end', reason: 'participant-request' } },
    ],
  });

  it('proposes one slot to both people, in each reader’s own zone, and attaches the same invitation', () => {
    const intros = byTemplate(r.emails, 'introduction');
    expect(intros).toHaveLength(2);
    const [a, b] = intros.map((e) => e.input.meeting as { slot: FoundSlot });
    expect(a!.slot).toEqual(b!.slot);
    // Both are free on Mondays 09:00-11:00 in their own zones: 10:00 in Berlin (the mentee's, the anchor) is 09:00 in London.
    // The first Monday after the acceptance deadline (the end of Monday 11 January: answers are taken all that day).
    expect(a!.slot).toMatchObject({ found: true, timeZone: 'Europe/Berlin', localTime: '10:00', recurrence: { freq: 'WEEKLY', interval: 2 } });
    const mentee = render(intros.find((e) => e.to === 'mentee@example.com')!);
    const mentor = render(intros.find((e) => e.to === 'mentor@example.com')!);
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    expect(flat(mentee.text)).toMatch(
      /first meeting: Monday 18 January 2027 at 10:00 Central European Standard Time \(Europe\/Berlin\)\. For Mia that is 09:00 Greenwich Mean Time \(Europe\/London\)/,
    );
    expect(flat(mentor.text)).toMatch(
      /first meeting: Monday 18 January 2027 at 09:00 Greenwich Mean Time \(Europe\/London\)\. For Sam that is 10:00 Central European Standard Time/,
    );
    expect(flat(mentor.text)).toMatch(/meet every two weeks, for 45 minutes/);
    // London and Berlin change their clocks on the same dates: the mentor's time never moves, and the email says nothing of moving.
    expect(flat(mentor.text)).toMatch(/keeps its time in Europe\/Berlin time\. If it does not suit you/);
    expect(flat(mentor.text)).not.toMatch(/moves? by/);
    for (const intro of intros) {
      expect(invitation(intro)).toEqual({
        contentType: 'text/calendar; charset=UTF-8; method=REQUEST',
        method: 'REQUEST',
        uid: 'meetings-pr_sim@crossgen',
        sequence: 0,
        attendees: ['mailto:mentee@example.com', 'mailto:mentor@example.com'],
        organizer: 'mailto:no-reply@example.org',
        dtstart: expect.stringMatching(/^2027-01-\d\dT10:00:00$/),
        rrule: expect.objectContaining({ freq: 'WEEKLY', interval: 2 }),
      });
    }
  });

  it('cancels the invitation at a pause, sends it again from the resume, and cancels it at the end, each with a greater SEQUENCE', () => {
    const paused = byTemplate(r.emails, 'pairingPaused').map(invitation);
    const resumed = byTemplate(r.emails, 'pairingResumed');
    const ended = byTemplate(r.emails, 'pairingEnded').map(invitation);
    expect(paused).toHaveLength(2);
    expect(resumed).toHaveLength(2);
    expect(ended).toHaveLength(2);
    for (const p of paused) expect(p).toMatchObject({ method: 'CANCEL', uid: 'meetings-pr_sim@crossgen', dtstart: undefined });
    const update = invitation(resumed[0]!)!;
    expect(update).toMatchObject({ method: 'REQUEST', uid: 'meetings-pr_sim@crossgen' });
    expect(update.sequence).toBeGreaterThan(paused[0]!.sequence);
    expect(paused[0]!.sequence).toBeGreaterThan(0);
    // The new series starts after the resume, at the same local time.
    expect(update.dtstart! > resumed[0]!.sentAt.slice(0, 19)).toBe(true);
    expect(update.dtstart).toMatch(/T10:00:00$/);
    for (const e of ended) expect(e).toMatchObject({ method: 'CANCEL', uid: 'meetings-pr_sim@crossgen' });
    expect(ended[0]!.sequence).toBeGreaterThan(update.sequence);
  });

  it('brings conversation starters with every check-in, going round all of the pair’s starters', () => {
    const checkIns = byTemplate(r.emails, 'checkInRequest').filter((e) => e.to === 'mentor@example.com');
    expect(checkIns.length).toBeGreaterThanOrEqual(3);
    const sets = checkIns.map((e) => e.input.starters as string[]);
    // The first check-in carries on after the introduction's three.
    for (const s of sets[0]!) expect(conversationStarters(['ai-tools', 'strategy'])).not.toContain(s);
    for (const [i, set] of sets.entries()) {
      expect(set).toHaveLength(2);
      if (i > 0) for (const s of set) expect(sets[i - 1]).not.toContain(s);
    }
    // Both topics' starters and the general ones all come round.
    expect(new Set(sets.flat()).size).toBeGreaterThanOrEqual(6);
    expect(render(checkIns[0]!).text).toContain(sets[0]![0]!.slice(0, 40));
  });

  it('says plainly when there is no overlap, attaches nothing and cancels nothing', () => {
    const far = simulate({
      answer: agreeable,
      mentor: { timeZone: 'Asia/Singapore' },
      mentee: { timeZone: 'America/New_York' },
      controls: [{ at: '2027-02-10T10:00:00Z', request: { kind: 'end', reason: 'participant-request' } }],
    });
    const intro = byTemplate(far.emails, 'introduction')[0]!;
    expect(render(intro).text).toMatch(/do not\s+overlap/);
    expect(render(intro).text).toMatch(/agree a\s+time\s+together/);
    expect(invitation(intro)).toBeUndefined();
    for (const e of byTemplate(far.emails, 'pairingEnded')) expect(invitation(e)).toBeUndefined();
  });
});

describe('help to meet when HR changes the schedule', () => {
  const changed = (lifecycle: Record<string, number>, extra: Record<string, unknown> = {}) =>
    simulate({
      answer: agreeable,
      program: { lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 28, durationMonths: 6 } },
      programChanges: [{ at: '2027-02-10T10:00:00Z', program: { lifecycle: { sendWindowMinutes: 0, ...lifecycle }, ...extra } }],
    });

  it('sends both the series again when the cadence and the length change: weekly, ending by the new end, a greater SEQUENCE', () => {
    const r = changed({ checkInCadenceDays: 7, durationMonths: 3 });
    const intro = invitation(byTemplate(r.emails, 'introduction')[0]!)!;
    expect(intro.rrule?.freq).toBe('MONTHLY');
    const notes = byTemplate(r.emails, 'meetingsRescheduled');
    expect(notes.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
    const update = invitation(notes[0]!)!;
    expect(update).toMatchObject({ method: 'REQUEST', uid: intro.uid });
    expect(update.sequence).toBeGreaterThan(intro.sequence);
    expect(update.rrule?.freq).toBe('WEEKLY');
    expect(update.rrule?.interval ?? 1).toBe(1);
    // No meeting after the pairing's new end (three months from the acceptance on 4 January).
    expect(update.rrule!.until!.toString() < '2027-04-05').toBe(true);
    expect(render(notes[0]!).text).toMatch(/replaces\s+the\s+earlier\s+series/);
    // The series ends by the completion: nothing is left in calendars after the recognition.
    const recognition = byTemplate(r.emails, 'recognition')[0]!;
    expect(update.rrule!.until!.toString().slice(0, 10) <= recognition.sentAt.slice(0, 10)).toBe(true);
  });

  it('sends nothing when HR changes a setting the series does not depend on', () => {
    const r = changed({ checkInCadenceDays: 28, durationMonths: 6, acceptanceWindowDays: 10 });
    expect(byTemplate(r.emails, 'meetingsRescheduled')).toEqual([]);
  });

  it('cancels the series when the new working hours leave the pair no common time', () => {
    const r = changed({ checkInCadenceDays: 28, durationMonths: 6 }, { workingHours: { days: ['sat'], start: '09:00', end: '10:00' } });
    const notes = byTemplate(r.emails, 'meetingsRescheduled');
    expect(notes).toHaveLength(2);
    expect(invitation(notes[0]!)).toMatchObject({ method: 'CANCEL', dtstart: undefined });
    expect(render(notes[0]!).text).toMatch(/removes\s+the\s+earlier\s+series/);
  });

  // Accepted on 4 January; the change comes on 10 February. One month ends the pairing on 4 February
  // (already past it); two months on 4 March, less than one 27-day cadence after tomorrow. (Each
  // cadence is one the shorter program accepts: it must leave room for a check-in.)
  it.each([
    ['already past its new end', 1, 14],
    ['left less than one cadence before its new end', 2, 27],
  ])(
    'cancels the series because the pairing is coming to its end, never blaming hours that overlap, when the shorter duration leaves it %s',
    (_, durationMonths, checkInCadenceDays) => {
      const r = changed({ checkInCadenceDays, durationMonths });
      const notes = byTemplate(r.emails, 'meetingsRescheduled');
      expect(notes.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
      for (const note of notes) {
        expect(invitation(note)).toMatchObject({ method: 'CANCEL', uid: 'meetings-pr_sim@crossgen', dtstart: undefined });
        const { subject, text } = render(note);
        const flat = text.replace(/\s+/g, ' ');
        expect(subject).toMatch(/^Your regular meetings with (Sam|Mia) stop as your pairing comes to its end$/);
        expect(flat).toMatch(/is now coming to its end/);
        expect(flat).toMatch(/Your end-of-program review comes next/);
        expect(flat).not.toMatch(/do not overlap|no longer fits/);
      }
      // And the review does come next: the pairing completes without another check-in.
      const sentAt = notes[0]!.sentAt;
      expect(byTemplate(r.emails, 'checkInRequest').filter((e) => e.sentAt > sentAt)).toEqual([]);
      expect(r.pairing.status).toBe('completed');
    },
  );

  it('sends the series again without the meetings on a holiday HR adds mid-program (EXDATE)', () => {
    // The monthly series is on the third Monday at 10:00 Berlin: 15 March 2027 is one of its meetings.
    const r = changed({ checkInCadenceDays: 28, durationMonths: 6 }, { nonWorkingDays: ['2027-03-15'] });
    const notes = byTemplate(r.emails, 'meetingsRescheduled');
    expect(notes.map((e) => e.to).sort()).toEqual(['mentee@example.com', 'mentor@example.com']);
    const attachment = render(notes[0]!).attachments!.find((a) => a.contentType.startsWith('text/calendar'))!;
    const vevent = new ICAL.Component(ICAL.parse(attachment.content.toString('utf8'))).getFirstSubcomponent('vevent')!;
    const exdates = vevent.getAllProperties('exdate').flatMap((p) => p.getValues().map((v) => String(v)));
    expect(exdates).toEqual([expect.stringMatching(/^2027-03-15T10:00:00/)]);
    expect(invitation(notes[0]!)).toMatchObject({ method: 'REQUEST', rrule: expect.objectContaining({ freq: 'MONTHLY' }) });
    expect(render(notes[0]!).text).toMatch(/no\s+meeting\s+in\s+the\s+series\s+on\s+the\s+program's\s+holidays/);
  });

  it('sends nothing when HR only lists the same holidays again, in another order', () => {
    const r = simulate({
      answer: agreeable,
      program: { nonWorkingDays: ['2027-03-15', '2027-05-17'], lifecycle: { sendWindowMinutes: 0, checkInCadenceDays: 28, durationMonths: 6 } },
      programChanges: [{ at: '2027-02-10T10:00:00Z', program: { nonWorkingDays: ['2027-05-17', '2027-03-15', '2027-05-17'] } }],
    });
    expect(byTemplate(r.emails, 'meetingsRescheduled')).toEqual([]);
  });
});

describe('help to meet across the date line', () => {
  it("names the partner's own day when the first meeting falls on another date for them (Auckland and Los Angeles)", () => {
    const r = simulate({
      answer: agreeable,
      program: { lifecycle: { sendWindowMinutes: 0 } },
      // Thursday 11:00 in Auckland is Wednesday 14:00 in Los Angeles.
      mentor: { timeZone: 'Pacific/Auckland', availability: [{ day: 'thu', start: '10:00', end: '12:00' }] },
      mentee: { timeZone: 'America/Los_Angeles', availability: [{ day: 'wed', start: '13:00', end: '15:00' }] },
      maxSteps: 6,
    });
    const intros = byTemplate(r.emails, 'introduction');
    expect(intros).toHaveLength(2);
    const flat = (email: SimEmail) => render(email).text.replace(/\s+/g, ' ');
    const mentor = flat(intros.find((e) => e.to === 'mentor@example.com')!);
    const mentee = flat(intros.find((e) => e.to === 'mentee@example.com')!);
    expect(mentor).toMatch(
      /Your first meeting: Thursday \d+ \w+ 2027 at 1[01]:00 New Zealand Daylight Time \(Pacific\/Auckland\)\. For Sam that is Wednesday \d+ \w+ 2027 at 1[34]:00 Pacific Standard Time \(America\/Los_Angeles\): another day where they are\./,
    );
    expect(mentee).toMatch(
      /Your first meeting: Wednesday \d+ \w+ 2027 at 1[34]:00 Pacific Standard Time \(America\/Los_Angeles\)\. For Mia that is Thursday \d+ \w+ 2027 at 1[01]:00 New Zealand Daylight Time \(Pacific\/Auckland\): another day where they are\./,
    );
  });
});
