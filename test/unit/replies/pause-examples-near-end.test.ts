import { describe, expect, it } from 'vitest';
import { questionWording } from '../../../functions/domain/answer-page';
import { standingAddressHelp } from '../../../functions/domain/emails';
import { awayInNote } from '../../../functions/domain/pairing/away';
import { interpretReply } from '../../../functions/domain/replies';
import { awayPauseLine } from '../../../functions/domain/replies/interpret';

/**
 * "PAUSE for 3 weeks" was offered where the pairing would refuse it as after its end: the standing
 * address's help, the answer page's wording asked again, the reason of an unreadable PAUSE date and
 * the PAUSE line a check-in note's time away gets. Where the last day a pause may run to is known,
 * each example is one the pairing takes (pause-example.ts): near that day the day itself, after it
 * none. Where it is not (no pairing at hand), the examples stay as they were.
 */
const now = new Date('2027-06-14T09:00:00Z');
const zone = 'Europe/Berlin';
/** A week after `now`: three weeks from today would be past it. */
const lastDay = '2027-06-21';
const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('PAUSE examples near the last day a pause may run to', () => {
  it('the standing help offers the last day, no later than it, never "PAUSE for 3 weeks"', () => {
    const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' }, pauseBound: { lastDay, decidedAt: now.toISOString() } };
    const help = flat(standingAddressHelp({ to: { name: 'Ana Souza', timeZone: zone }, program, reader: 'participant' }).text);
    expect(help).not.toContain('PAUSE for 3 weeks');
    expect(help).toContain('(for example "PAUSE until 21 June")');
    expect(help).toMatch(/no later than [^(]*21 June/);
  });

  it('the standing help offers no PAUSE once the last day has come', () => {
    const program = {
      name: 'Pilot',
      admin: { name: 'Priya Shah', email: 'priya.shah@example.org' },
      pauseBound: { lastDay: '2027-06-14', decidedAt: now.toISOString() },
    };
    const help = standingAddressHelp({ to: { name: 'Ana Souza', timeZone: zone }, program, reader: 'participant' });
    expect(help.text).not.toMatch(/PAUSE,/);
    expect(help.subject).not.toContain('PAUSE');
  });

  it('the standing help far from the end, or with no bound, keeps "PAUSE for 3 weeks"', () => {
    const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
    expect(flat(standingAddressHelp({ to: { name: 'Ana Souza', timeZone: zone }, program, reader: 'participant' }).text)).toContain(
      '(for example "PAUSE for 3 weeks")',
    );
  });

  it('the wording asked again names the last day, or no PAUSE after it; without a window the generic example', () => {
    const window = { timeZone: zone, at: now.toISOString(), lastDay };
    expect(questionWording('standing', {}, window).replyExamples).toEqual(['PAUSE until 21 June', 'END', 'REMATCH', 'STOP']);
    expect(questionWording('admin-decision', {}, window).replyExamples).toEqual(['CONTINUE', 'PAUSE until 21 June', 'END', 'REMATCH']);
    expect(questionWording('standing', {}, { ...window, lastDay: '2027-06-14' }).replyExamples).toEqual(['END', 'REMATCH', 'STOP']);
    expect(questionWording('standing').replyExamples).toEqual(['PAUSE for 3 weeks', 'END', 'REMATCH', 'STOP']);
  });

  it('an unreadable PAUSE date is answered with an example on or before the last day, and no length past it', () => {
    const r = interpretReply('PAUSE until after the audit', 'check-in', { now, timeZone: zone, pauseLastDay: lastDay });
    expect(r.intent).toBe('unclear');
    expect(r.reason).toContain('(for example "PAUSE until 21 June")');
    expect(r.reason).not.toContain('PAUSE for 3 weeks');
    // Far from it, the example and the length stand.
    const far = interpretReply('PAUSE until after the audit', 'check-in', { now, timeZone: zone, pauseLastDay: '2027-12-31' });
    expect(far.reason).toContain('(for example "PAUSE until 5 July")');
    expect(far.reason).toContain('or a length such as "PAUSE for 3 weeks"');
  });

  it('a PAUSE inside a sentence, and a STOP that reads as a break, name the last day too', () => {
    const options = { now, timeZone: zone, pauseLastDay: lastDay };
    expect(interpretReply('Could you PAUSE the check-ins for a while?', 'check-in', options).reason).toContain('"PAUSE until 21 June"');
    expect(interpretReply('please stop sending reminders for a week', 'check-in', options).reason).toContain('"PAUSE until 21 June"');
  });

  it("a check-in note's time away past the last day gives a PAUSE line until that day; the admins keep the days told", () => {
    const note = "I'm on holiday from 16 June, back 12 July.";
    expect(awayPauseLine(note, now, zone)).toBe('PAUSE from 16 June until 12 July');
    expect(awayPauseLine(note, now, zone, lastDay)).toBe('PAUSE from 16 June until 21 June');
    expect(awayInNote(note, now, zone, lastDay)).toEqual({ line: 'PAUSE from 16 June until 21 June', until: '2027-07-12', from: '2027-06-16' });
    // Time away that starts on or after the last day: no line a pause would take.
    expect(awayPauseLine("I'm on holiday from 22 June, back 12 July.", now, zone, lastDay)).toBeUndefined();
    // Within the window, the line is the one the note told of.
    expect(awayPauseLine("I'm on holiday until 18 June.", now, zone, lastDay)).toBe('PAUSE until 18 June');
  });
});
