import { describe, expect, it } from 'vitest';
import { formatDate } from '../../functions/domain/emails/format';
import { call } from './api-gateway';
import { activePair, lifecycleHarness, type Harness } from './harness';

const REVIEW = /^End of program review/;
const NEW_END = /^A new end date for your pairing/;
const RESUMED = /has resumed$/;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');
const dayAfter = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** HR's change of the program's lifecycle, through the programs API (PATCH with the ETag just read). */
async function changeLifecycle(h: Harness, programId: string, lifecycle: Record<string, unknown>): Promise<void> {
  const etag = (await call('GET', `/programs/${programId}`)).headers.get('etag') ?? '';
  const patched = await call('PATCH', `/programs/${programId}`, { lifecycle }, { 'if-match': etag });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  await h.idle();
}

/**
 * An accepted pair of a program pinned to a Monday 05:00 UTC (POST /local/clock `to`: the suite's
 * clock only moves on, so the days the questions fall on are the same whatever day the run has
 * reached), paused by HR through the admin API five weeks in, until `pauseDays` later.
 */
async function pausedPair(h: Harness, durationMonths: number, pauseDays: number) {
  const monday = await h.startAt(5, 'mon');
  const programId = await h.program({
    startDate: monday.toISOString().slice(0, 10),
    lifecycle: { durationMonths, checkInCadenceDays: 14, sendWindowMinutes: 0 },
  });
  const p = await activePair(h, programId);
  await h.idle();
  await h.until(
    async () => {
      await h.answerAll([p.mentor.email, p.mentee.email], answer);
      return (await h.now()).getTime() >= monday.getTime() + 35 * 86_400_000;
    },
    'PT6H',
    4 * 40,
  );
  await h.answerAll([p.mentor.email, p.mentee.email], answer);
  const until = dayAfter(await h.now(), pauseDays);
  const paused = await call('POST', `/pairings/${p.pairingId}/pause`, { until, reason: 'leave' });
  expect(paused.status, JSON.stringify(paused.body)).toBe(202);
  await h.idle();
  expect((await h.pairing(p.pairingId)).pairing.status).toBe('paused');
  return {
    ...p,
    programId,
    until,
    people: [p.mentor.email, p.mentee.email],
    zones: { [p.mentor.email]: 'Europe/London', [p.mentee.email]: 'Europe/Berlin' } as Record<string, string>,
  };
}

/** The new end each member is told while paused: that their pause keeps its day, and the day their review comes. */
async function endTold(h: Harness, p: Awaited<ReturnType<typeof pausedPair>>, after: RegExp): Promise<Record<string, string>> {
  const named: Record<string, string> = {};
  for (const who of p.people) {
    const text = flat((await h.received(who, NEW_END)).text);
    expect(text).toMatch(/and that moves the end of your pairing with /);
    expect(text).toContain(`Your pairing stays paused until ${formatDate(p.until, p.zones[who]!)}, as before.`);
    const end = text.match(new RegExp(`${after.source}your pairing ends with your end-of-program review, which comes on (\\w+ \\d+ \\w+ \\d{4})\\.`))?.[1];
    expect(end, text).toBeDefined();
    named[who] = end!;
    // Told while the pause still runs.
    expect((await h.pairing(p.pairingId)).pairing.status).toBe('paused');
  }
  return named;
}

/** Runs the pair on, answering, until both have had their end-of-program review: the day each reached them. */
async function reviewDays(h: Harness, p: Awaited<ReturnType<typeof pausedPair>>): Promise<Record<string, string>> {
  const reviewed = async (who: string) => (await h.emailsTo(who)).some((e) => REVIEW.test(e.subject));
  await h.until(
    async () => {
      await h.answerAll(p.people, answer);
      return (await reviewed(p.people[0]!)) && (await reviewed(p.people[1]!));
    },
    'PT6H',
    4 * 80,
  );
  const days: Record<string, string> = {};
  for (const who of p.people) days[who] = formatDate((await h.lastEmailTo(who, REVIEW)).sentAt, p.zones[who]!);
  return days;
}

/** Each member told once, whatever the wakes and the resume since; the pairing then runs to its end. */
async function toldOnceThenDone(h: Harness, p: Awaited<ReturnType<typeof pausedPair>>): Promise<void> {
  for (const who of p.people) expect((await h.emailsTo(who)).filter((e) => NEW_END.test(e.subject) || /^A new date/.test(e.subject))).toHaveLength(1);
  const { audit } = await h.pairing(p.pairingId);
  expect(audit.filter((a) => a.kind === 'end-rescheduled')).toHaveLength(1);
  expect(await h.runUntilDone(p.executionArn, p.people, answer, 'PT6H', 4 * 20)).toBe('SUCCEEDED');
}

/**
 * QA, through the programs API: HR changed the length of a program while a pairing was paused. The
 * pair was told nothing, then resumed on a schedule whose end had moved. Each member is told the new
 * end while paused, and the end-of-program review comes on the day named (docs/lifecycle.md).
 */
describe('PairingLifecycle: a paused pair told its new end when HR changes the program', () => {
  it('shortened while paused: each member is told the new end once, and the review comes that day', async () => {
    const h = lifecycleHarness();
    const p = await pausedPair(h, 4, 21);
    await h.received(p.mentor.email, /is paused until/);

    await changeLifecycle(h, p.programId, { durationMonths: 2 });
    const named = await endTold(h, p, /With the new schedule: /);

    expect(await reviewDays(h, p)).toEqual(named);
    await toldOnceThenDone(h, p);
  });

  it('shortened to before the pause: the pause keeps its day, the review comes as it ends, on the day named', async () => {
    const h = lifecycleHarness();
    const p = await pausedPair(h, 4, 21);
    await h.received(p.mentor.email, /is paused until/);

    await changeLifecycle(h, p.programId, { durationMonths: 1 });
    const named = await endTold(h, p, /With the new schedule, no check-ins or reviews are left after the pause: /);

    // The welcome back names the same day, and no check-in comes between.
    for (const who of p.people) {
      const resumed = flat((await h.received(who, RESUMED, 'PT6H')).text);
      expect(resumed).toContain(`No check-ins are left, and your end-of-program review comes next, on ${named[who]}.`);
    }
    expect(await reviewDays(h, p)).toEqual(named);
    for (const who of p.people) {
      const since = (await h.emailsTo(who)).filter((e) => /^Check-in:/.test(e.subject) && e.sentAt > p.until);
      expect(since).toEqual([]);
    }
    await toldOnceThenDone(h, p);
  });
});
