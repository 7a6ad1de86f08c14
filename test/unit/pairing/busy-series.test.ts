import { describe, expect, it } from 'vitest';
import type { FoundSlot, MeetingSlot } from '../../../functions/domain/meeting-slot';
import { agreeable, simulate } from './simulate';

const introSlots = (r: ReturnType<typeof simulate>) =>
  r.emails.filter((e) => e.template === 'introduction').map((e) => (e.input.meeting as { slot: MeetingSlot }).slot);

describe('the introduction’s slot, clear of the people’s other series', () => {
  // Introductions at 09:00 sharp: the first Monday after the acceptance deadline is 18 January 2027.
  const program = { lifecycle: { sendWindowMinutes: 0 } };
  const alone = introSlots(simulate({ answer: agreeable, program }))[0] as FoundSlot;

  it('proposes both people the first time free of the series either already has, and keeps it on the pairing', () => {
    // Both free until 12:00 Berlin: 10:00 is taken by the mentor's other mentee, and 10:30 would overlap that meeting.
    const r = simulate({ answer: agreeable, program, mentee: { availability: [{ day: 'mon', start: '09:00', end: '12:00' }] }, busySeries: [alone] });
    const [a, b] = introSlots(r);
    expect(alone).toMatchObject({ found: true, localTime: '10:00' });
    expect(a).toMatchObject({ found: true, timeZone: 'Europe/Berlin', localDate: alone.localDate, localTime: '11:00' });
    expect(b).toEqual(a);
    expect(r.pairing.meetingSlot).toEqual(a);
  });

  it('with no free time left, says the time is taken by another pairing, and cancels no series at the end', () => {
    const r = simulate({
      answer: agreeable,
      program,
      // Weekly: a series every two weeks would leave the weeks between free.
      busySeries: [{ ...alone, recurrence: { freq: 'WEEKLY', interval: 1 } }],
      controls: [{ at: '2027-03-10T10:00:00Z', request: { kind: 'end', reason: 'participant-request' } }],
    });
    expect(introSlots(r)).toEqual([
      { found: false, busy: true },
      { found: false, busy: true },
    ]);
    expect(r.pairing.meetingSlot).toEqual({ found: false, busy: true });
    expect(r.pairing.status).toBe('ended');
    expect(r.emails.filter((e) => 'calendar' in e.input)).toEqual([]);
  });
});
