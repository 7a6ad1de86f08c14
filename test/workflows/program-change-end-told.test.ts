import { describe, expect, inject, it } from 'vitest';
import { formatDate } from '../../functions/domain/emails/format';
import { lifecycleHarness, type Harness } from './harness';

const cloud = inject('cloud');
const REVIEW = /^End of program review/;
const NEW_END = /^A new end date for your pairing/;
const SERIES_STOPS = /stop as your pairing comes to its end$/;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');

/**
 * From the next Tuesday 05:00 UTC: the days the questions and emails fall on are the same whatever
 * weekday the run has reached.
 */
async function fromTuesday(h: Harness): Promise<string> {
  return (await h.startAt(5, 'tue')).toISOString().slice(0, 10);
}

/** HR's change of the program's lifecycle, through the programs API, as QA made it. */
async function changeLifecycle(h: Harness, programId: string, lifecycle: Record<string, unknown>): Promise<void> {
  const current = await fetch(`${cloud.baseUrl}/programs/${programId}`);
  const patched = await fetch(`${cloud.baseUrl}/programs/${programId}`, {
    method: 'PATCH',
    headers: { 'content-type': 'application/json', 'if-match': current.headers.get('etag') ?? '' },
    body: JSON.stringify({ lifecycle }),
  });
  expect(patched.status, await patched.clone().text()).toBe(200);
  await h.idle();
}

/** A pair both of whose people accepted; `mentorHours`: the mentor's weekly availability (London). */
async function acceptedPair(h: Harness, programId: string, mentorHours?: { day: string; start: string; end: string }[]) {
  const mentor = await h.enrol({
    programId,
    role: 'mentor',
    name: `Mia Mentor${h.tag}`,
    topicsOffered: ['ai-tools'],
    topicsWanted: ['strategy'],
    ...(mentorHours ? { availability: mentorHours as never } : {}),
  });
  const p = await h.pair({ programId, mentor });
  await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'yes');
  await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
  expect((await h.pairing(p.pairingId)).pairing.status).toBe('active');
  return {
    ...p,
    people: [p.mentor.email, p.mentee.email],
    zones: { [p.mentor.email]: 'Europe/London', [p.mentee.email]: 'Europe/Berlin' } as Record<string, string>,
  };
}

/** Runs the pair on, answering, until both have had their end-of-program review: the day each reached them. */
async function reviewDays(h: Harness, people: string[], zones: Record<string, string>): Promise<Record<string, string>> {
  const reviewed = async (who: string) => (await h.emailsTo(who)).some((e) => REVIEW.test(e.subject));
  await h.until(
    async () => {
      await h.answerAll(people, answer);
      return (await reviewed(people[0]!)) && (await reviewed(people[1]!));
    },
    'PT6H',
    4 * 50,
  );
  const days: Record<string, string> = {};
  for (const who of people) days[who] = formatDate((await h.lastEmailTo(who, REVIEW)).sentAt, zones[who]!);
  return days;
}

/**
 * QA, through the programs API: HR changed a running program, and two emails of the change said
 * nothing of when the pairing now ends. Each names the day its end-of-program review reaches the
 * reader, in their zone, and that review comes that day (docs/emails.md, meetingsRescheduled,
 * datesRescheduled).
 */
describe('PairingLifecycle: the end named when HR changes a running program', () => {
  it('a pair without a meeting series, shortened, is told its new end once each, and the review comes that day', async () => {
    const h = lifecycleHarness();
    const startDate = await fromTuesday(h);
    const programId = await h.program({ startDate, lifecycle: { durationMonths: 3, checkInCadenceDays: 14, sendWindowMinutes: 0 } });
    // Friday afternoons in London, Monday mornings in Berlin: no hour in common, so no series.
    const p = await acceptedPair(h, programId, [{ day: 'fri', start: '15:00', end: '16:00' }]);
    await h.idle();
    expect((await h.pairing(p.pairingId)).pairing.meetingSlot?.found ?? false).toBe(false);

    // One month instead of three: the first check-in (day 14) stays, the Day 30 review and the end move.
    await changeLifecycle(h, programId, { durationMonths: 1 });
    const named: Record<string, string> = {};
    for (const who of p.people) {
      const text = flat((await h.received(who, NEW_END)).text);
      expect(text).toMatch(/and that moves the end of your pairing with /);
      expect(text).toMatch(/With the new schedule: the next check-in comes on /);
      expect(text).not.toMatch(/no longer holds/);
      const end = text.match(/Your pairing ends with your end-of-program review, which comes on (\w+ \d+ \w+ \d{4})\./)?.[1];
      expect(end, text).toBeDefined();
      named[who] = end!;
    }

    expect(await reviewDays(h, p.people, p.zones)).toEqual(named);
    // Told once each, whatever the wakes since.
    for (const who of p.people) expect((await h.emailsTo(who)).filter((e) => NEW_END.test(e.subject) || /^A new date/.test(e.subject))).toHaveLength(1);
    const { audit } = await h.pairing(p.pairingId);
    expect(audit.filter((a) => a.kind === 'end-rescheduled')).toHaveLength(1);
    expect(await h.runUntilDone(p.executionArn, p.people, answer, 'PT6H', 4 * 20)).toBe('SUCCEEDED');
  });

  it('a change that leaves less than one cadence stops the series and names the review’s day, which it comes on', async () => {
    const h = lifecycleHarness();
    const startDate = await fromTuesday(h);
    const programId = await h.program({ startDate, lifecycle: { durationMonths: 1, checkInCadenceDays: 7, sendWindowMinutes: 0 } });
    const p = await acceptedPair(h, programId);
    await h.idle();
    const { pairing } = await h.pairing(p.pairingId);
    expect(pairing.meetingSlot?.found).toBe(true);

    // Near the end (three weeks in), the cadence goes from weekly to fortnightly: no room is left for another meeting.
    const threeWeeks = Date.parse(pairing.acceptedAt) + 20 * 86_400_000;
    await h.until(
      async () => {
        await h.answerAll(p.people, answer);
        return (await h.now()).getTime() >= threeWeeks;
      },
      'PT6H',
      4 * 25,
    );
    await h.answerAll(p.people, answer);
    await changeLifecycle(h, programId, { checkInCadenceDays: 14 });
    const named: Record<string, string> = {};
    for (const who of p.people) {
      const text = flat((await h.received(who, SERIES_STOPS)).text);
      const end = text.match(/Your end-of-program review comes next, on (\w+ \d+ \w+ \d{4}): we will ask you both how the pairing went\./)?.[1];
      expect(end, text).toBeDefined();
      named[who] = end!;
    }

    expect(await reviewDays(h, p.people, p.zones)).toEqual(named);
    expect(await h.runUntilDone(p.executionArn, p.people, answer, 'PT6H', 4 * 20)).toBe('SUCCEEDED');
  });
});
