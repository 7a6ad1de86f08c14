import { describe, expect, it } from 'vitest';
import { composeDigest, reviewDays, type DigestFacts } from '../../../functions/domain/digest';
import { adminDigest } from '../../../functions/domain/emails';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { programSchema } from '../../../functions/domain/program';
import { springProgram } from './spring';

/**
 * QA: the digest "for the week of Monday 28 December" was titled "2 reviews due this week" and
 * listed 2 Day 30 reviews on Monday 4 January; the other 6 of that morning appeared only in the
 * next digest. The window was "the next 7 days" from the send time, so one day's reviews fell
 * either side. A digest lists whole days, from its own day to the day before the next digest's.
 */

// Questions at 09:00 sharp in each reader's zone; the digest goes at 09:05 on Mondays, London time.
const program = programSchema.parse({ ...springProgram, lifecycle: { ...springProgram.lifecycle, sendWindowMinutes: 0 } });
const people = { mentor: 'Ana Souza', mentee: 'Sam Lee' };
const MS_DAY = 86_400_000;

// Accepted 5 December at 06:00 UTC, past the first check-in and its fit check: the Day 30 review
// falls due on Monday 4 January at 06:00 UTC and goes at the pair's 09:00: 08:00 UTC in Berlin,
// 09:00 in London, 14:00 in New York.
const ZONES = { berlin: 'Europe/Berlin', london: 'Europe/London', newYork: 'America/New_York' } as const;
const base = (pairingId: string, over: Partial<Pairing> = {}): Pairing =>
  ({
    pairingId,
    programId: 'spring',
    mentorId: `${pairingId}-m`,
    menteeId: `${pairingId}-e`,
    status: 'active',
    createdAt: '2026-12-01T09:00:00Z',
    startedAt: '2026-12-01T09:00:00Z',
    acceptedAt: '2026-12-05T06:00:00Z',
    planDoneMs: 14 * MS_DAY,
    checkInsHeld: 1,
    fitCheckAskedAt: '2026-12-24T09:00:00Z',
    ...over,
  }) as Pairing;
const SEND = { berlin: '2027-01-04T08:00:00.000Z', london: '2027-01-04T09:00:00.000Z', newYork: '2027-01-04T14:00:00.000Z' };

/** On the morning of 4 January the review rounds are open, their first emails gone or held for 09:00 local. */
const opened = (pairingId: string, sendAt: string, now: Date): Pairing =>
  base(pairingId, {
    round: {
      key: 'round-004',
      kind: 'milestone',
      label: 'Day 30 review',
      dueAt: '2027-01-04T06:00:00.000Z',
      closesAt: '2027-01-09T23:59:59.999Z',
      asks: {
        mentor: { sendAt, ...(Date.parse(sendAt) <= now.getTime() ? { sent: true } : {}) },
        mentee: { sendAt, ...(Date.parse(sendAt) <= now.getTime() ? { sent: true } : {}) },
      } as Round['asks'],
      answers: {},
      planOffsetMs: 30 * MS_DAY,
    },
  });

function digest(now: Date, pairings: DigestFacts['pairings']) {
  return composeDigest({ program, now, atRisk: [], pairings, waitlistSize: 0, approvals: [], notices: [] });
}

describe('digest: reviews due in whole days (QA)', () => {
  it('never splits one day between two digests: all of Monday 4 January is in the digest of that Monday', () => {
    const before = new Date('2026-12-28T09:05:00Z');
    const planned = (Object.keys(ZONES) as (keyof typeof ZONES)[]).map((z) => ({
      pairing: base(`pr_${z}`),
      people,
      timeZones: [ZONES[z], ZONES[z]],
    }));
    // The digest of 28 December lists through Sunday 3 January: none of them.
    expect(digest(before, planned)?.milestones ?? []).toEqual([]);
    // The digest of 4 January, 09:05: the Berlin pair's emails went at 08:00 UTC, the others go later that day.
    const monday = new Date('2027-01-04T09:05:00Z');
    const open = (Object.keys(ZONES) as (keyof typeof ZONES)[]).map((z) => ({
      pairing: opened(`pr_${z}`, SEND[z], monday),
      people,
      timeZones: [ZONES[z], ZONES[z]],
    }));
    const content = digest(monday, open)!;
    expect(content.milestones.map((m) => [m.pairingId, m.dueAt])).toEqual([
      ['pr_berlin', SEND.berlin],
      ['pr_london', SEND.london],
      ['pr_newYork', SEND.newYork],
    ]);
    expect(content.reviewsThrough).toBe('2027-01-10');
    // And the week after lists none of them again.
    const next = new Date('2027-01-11T09:05:00Z');
    expect(digest(next, open)?.milestones ?? []).toEqual([]);
  });

  it('says which days the reviews are listed for, in the subject and the heading, not "this week"', () => {
    const monday = new Date('2027-01-04T09:05:00Z');
    const content = digest(monday, [{ pairing: opened('pr_london', SEND.london, monday), people, timeZones: [ZONES.london, ZONES.london] }])!;
    const email = adminDigest({
      to: { timeZone: 'Europe/London' },
      program: { name: 'Spring', admin: { name: 'the program team', email: 'a@example.com' } },
      programId: 'spring',
      weekOf: '2027-01-04',
      ...content,
    });
    expect(email.subject).toBe('Spring: weekly digest (1 review due by Sunday 10 January 2027)');
    expect(email.text).toContain('Reviews due by Sunday 10 January 2027');
    expect(email.subject).not.toContain('this week');
  });

  it('runs to the day before the next digest: past a holiday that moves it, and from the moved one on', () => {
    const holiday = programSchema.parse({ ...program, nonWorkingDays: ['2027-01-04'] });
    // Monday 4 January is a holiday: the next digest goes on Tuesday 5, so this one lists Monday too.
    expect(reviewDays(holiday, new Date('2026-12-28T09:05:00Z'))).toEqual({
      from: new Date('2026-12-28T00:00:00Z'),
      until: new Date('2027-01-05T00:00:00Z'),
      lastDay: '2027-01-04',
    });
    expect(reviewDays(holiday, new Date('2027-01-05T09:05:00Z')).lastDay).toBe('2027-01-10');
    // In a zone away from UTC, the days are the program's own.
    const la = programSchema.parse({ ...program, timeZone: 'America/Los_Angeles' });
    expect(reviewDays(la, new Date('2027-01-04T17:05:00Z'))).toEqual({
      from: new Date('2027-01-04T08:00:00Z'),
      until: new Date('2027-01-11T08:00:00Z'),
      lastDay: '2027-01-10',
    });
  });
});
