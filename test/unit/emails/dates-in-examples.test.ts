import { describe, expect, it } from 'vitest';
import { acceptanceReminder, introduction, nothingRunning, pairingPaused } from '../../../functions/domain/emails';
import { awayExample, recipientNow } from '../../../functions/domain/emails/footer';
import { laterResumeExample } from '../../../functions/domain/emails/control';
import { interpretReply } from '../../../functions/domain/replies';
import { readAwayUntil } from '../../../functions/domain/rematch-policy';
import type { MeetingSlot } from '../../../functions/domain/meeting-slot';
import { SAMPLE_SLOT } from './fixtures';

/**
 * The days the emails give as examples (QA time7): each is a day to come, in the reader's own zone,
 * the day the same email names beside it; and an introduction that suggests no time to meet says
 * where the partner is.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
const partner = { name: 'Priya Rao' };

describe('the pause email: a week after the resume day, in the reader zone', () => {
  // Paused until Tuesday 30 March 2027: the resume is local midnight of the reader's zone.
  it.each([
    ['Europe/London', '2027-03-29T23:00:00.000Z'], // British Summer Time: the 29th in UTC
    ['Asia/Tokyo', '2027-03-29T15:00:00.000Z'],
    ['Asia/Kolkata', '2027-03-29T18:30:00.000Z'],
    ['America/Los_Angeles', '2027-03-30T07:00:00.000Z'],
  ])('%s: paused until Tuesday 30 March, the example is 6 April', (timeZone, resumeOn) => {
    const text = flat(pairingPaused({ to: { name: 'Mia', timeZone }, program, partner, resumeOn }).text);
    expect(text).toContain('is paused until Tuesday 30 March 2027');
    expect(text).toContain('(for example "PAUSE until 6 April")');
  });

  it('a calendar day is that day everywhere, as the email names it', () => {
    expect(laterResumeExample('2027-03-30', 'Asia/Tokyo')).toBe('PAUSE until 6 April');
    expect(laterResumeExample('2027-03-30', 'America/Los_Angeles')).toBe('PAUSE until 6 April');
  });

  it('a booked pause: both days a week later, in the reader zone', () => {
    const text = flat(
      pairingPaused({ to: { name: 'Mia', timeZone: 'Asia/Kolkata' }, program, partner, startsOn: '2027-03-23', resumeOn: '2027-03-29T18:30:00.000Z' }).text,
    );
    expect(text).toContain('will pause from Tuesday 23 March 2027 until Tuesday 30 March 2027');
    expect(text).toContain('(for example "PAUSE from 30 March until 6 April")');
  });
});

describe('"NO, away until ..." names a day four weeks after the email goes', () => {
  const slot: MeetingSlot = { found: false };
  const intro = (to: Parameters<typeof introduction>[0]['to']) =>
    flat(
      introduction({
        to,
        program,
        role: 'mentee',
        partner: { ...partner, role: 'mentor', goals: 'Learn', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] },
        reasons: ['Shared topics'],
        topics: ['ai-tools'],
        answerBy: '2027-03-08T23:59:59.999Z',
        answerLinks: { accept: 'https://a.example/yes', decline: 'https://a.example/no' },
        meeting: { slot, partner: { name: 'Priya Rao', timeZone: 'Europe/London' } },
      }).text,
    );

  it.each([
    // Sent on 1 March where the reader is: 29 March.
    ['Europe/London', '2027-03-01T09:00:00.000Z', '29 March', '2027-03-29'],
    // Still 28 February in Los Angeles (1 March in UTC): 28 March.
    ['America/Los_Angeles', '2027-03-01T07:30:00.000Z', '28 March', '2027-03-28'],
    // Already 1 March in Tokyo (28 February in UTC): 29 March.
    ['Asia/Tokyo', '2027-02-28T20:00:00.000Z', '29 March', '2027-03-29'],
    // Across New Year: next January, read as such.
    ['Europe/London', '2027-12-20T09:00:00.000Z', '17 January', '2028-01-17'],
  ])('%s, sent %s: "NO, away until %s", read as %s', (timeZone, sentAt, day, read) => {
    const to = recipientNow({ name: 'Mia', timeZone }, 'paired', undefined, undefined, undefined, new Date(sentAt));
    const example = `NO, away until ${day}`;
    expect(intro(to)).toContain(`Reply NO with the date you are back (for example "${example}"): this introduction then closes`);
    // The reply reader takes it as that day to come, not a day passed nor next year's.
    const now = new Date(sentAt);
    const reply = interpretReply(example, 'acceptance', { now, timeZone });
    expect(reply.intent).toBe('no');
    expect(readAwayUntil(reply.note ?? example, now, timeZone)).toBe(read);
  });

  it('the reminder and the standing address reply to PAUSE name the same day', () => {
    const to = recipientNow({ name: 'Mia', timeZone: 'Europe/London' }, 'paired', undefined, undefined, undefined, new Date('2027-03-01T09:00:00Z'));
    const reminder = acceptanceReminder({
      to,
      program,
      partner,
      answerBy: '2027-03-08T23:59:59.999Z',
      answerLinks: { accept: 'https://a.example/yes', decline: 'https://a.example/no' },
    });
    expect(flat(reminder.text)).toContain('(for example "NO, away until 29 March")');
    const notice = flat(nothingRunning({ to, program, command: 'pause', waiting: false, introduced: true }).text);
    expect(notice).toContain('or NO with the date you are back (for example "NO, away until 29 March"): the introduction then closes');
    // Its footer (the standing address) points to the introduction email, with the same day.
    expect(notice).toContain('Reply NO to your introduction email, with the date you are back (for example "NO, away until 29 March")');
  });

  it('names no day when the email does not know when it goes', () => {
    expect(awayExample({ timeZone: 'Europe/London' })).toBe('');
    const text = intro({ name: 'Mia', timeZone: 'Europe/London' });
    expect(text).toContain('Reply NO with the date you are back: this introduction then closes');
    expect(text).not.toContain('1 March');
  });
});

describe('an introduction without a time to meet names the partner zone', () => {
  const intro = (readerZone: string, partnerZone: string, slot: MeetingSlot, answerBy = '2027-06-08T22:59:59.999Z') =>
    flat(
      introduction({
        to: { name: 'Mia', timeZone: readerZone },
        program,
        role: 'mentee',
        partner: { ...partner, role: 'mentor', goals: 'Learn', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] },
        reasons: ['Shared topics'],
        topics: ['ai-tools'],
        answerBy,
        answerLinks: { accept: 'https://a.example/yes', decline: 'https://a.example/no' },
        meeting: { slot, partner: { name: 'Priya Rao', timeZone: partnerZone } },
      }).text,
    );

  it('outside working hours: where Priya is, and the gap as it stands (London summer, Kolkata)', () => {
    expect(intro('Europe/London', 'Asia/Kolkata', { found: false, outsideWorkingHours: true })).toContain(
      "so we do not suggest a regular time. Priya is in India Standard Time (Asia/Kolkata), 4 hours 30 minutes ahead of you: 09:00 for you is 13:30 for Priya. Please agree a time together that suits you both; a video call at the edge of one person's day often works.",
    );
    // In winter the gap is an hour more.
    expect(intro('Europe/London', 'Asia/Kolkata', { found: false }, '2027-01-19T23:59:59.999Z')).toContain(
      'Priya is in India Standard Time (Asia/Kolkata), 5 hours 30 minutes ahead of you: 09:00 for you is 14:30 for Priya.',
    );
  });

  it('behind the reader, and on another day', () => {
    expect(intro('Asia/Tokyo', 'America/Los_Angeles', { found: false, busy: true })).toContain(
      'Priya is in Pacific Daylight Time (America/Los_Angeles), 16 hours behind you: 09:00 for you is 17:00 the day before for Priya. Please agree a time together that suits you both.',
    );
  });

  it('nothing more in the same zone, and no repeat when a time is suggested', () => {
    expect(intro('Europe/London', 'Europe/London', { found: false, outsideWorkingHours: true })).not.toContain('Priya is in');
    // A suggested time names the partner's already ("For Priya that is ...").
    const suggested = intro('Europe/London', 'Europe/Berlin', SAMPLE_SLOT);
    expect(suggested).toContain('For Priya that is');
    expect(suggested).not.toContain('Priya is in');
  });
});
