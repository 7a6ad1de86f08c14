import { describe, expect, inject, it } from 'vitest';
import { formatDate } from '../../functions/domain/emails/format';
import { call } from './api-gateway';
import { activePair, lifecycleHarness, type Harness } from './harness';

const cloud = inject('cloud');
const REVIEW = /^End of program review/;
const NEW_END = /^A new end date for your pairing/;
const RESUMED = /has resumed$/;
const flat = (text: string) => text.replace(/\s+/g, ' ');
const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');
const dayAfter = (from: Date, days: number) => new Date(from.getTime() + days * 86_400_000).toISOString().slice(0, 10);

/** Moves the suite's clock to `at` (it only moves on), and waits until what that set off ran. */
async function clockTo(h: Harness, at: string): Promise<void> {
  const moved = await fetch(`${cloud.baseUrl}/local/clock`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ to: at }),
  });
  expect(moved.status, await moved.clone().text()).toBe(200);
  await h.idle();
}

/** HR's change of the program's lifecycle, through the programs API (PATCH with the ETag just read). */
async function changeLifecycle(h: Harness, programId: string, lifecycle: Record<string, unknown>): Promise<void> {
  const etag = (await call('GET', `/programs/${programId}`)).headers.get('etag') ?? '';
  const patched = await call('PATCH', `/programs/${programId}`, { lifecycle }, { 'if-match': etag });
  expect(patched.status, JSON.stringify(patched.body)).toBe(200);
  await h.idle();
}

/**
 * QA: HR shortened a program on the evening before a paused pair's pause ended. The email telling
 * each of them the new end was held for their working hours, and it goes only while the pause
 * stands: the pause ended at midnight, the email was dropped at 09:00, and the welcome back named
 * the next check-in only. Nobody was told the new end. The welcome back now tells it, once, and the
 * end-of-program review comes on the day it names (docs/lifecycle.md, a change to the program's schedule).
 */
describe('PairingLifecycle: a new end told to a paused pair as the pause ends', () => {
  it('held for working hours when the pause ends: the welcome back names the new end, and the review comes that day', async () => {
    const h = lifecycleHarness();
    const monday = await h.startAt(5, 'mon');
    const programId = await h.program({
      startDate: monday.toISOString().slice(0, 10),
      lifecycle: { durationMonths: 4, checkInCadenceDays: 14, sendWindowMinutes: 0 },
    });
    const p = await activePair(h, programId);
    await h.idle();
    const people = [p.mentor.email, p.mentee.email];
    const zones: Record<string, string> = { [p.mentor.email]: 'Europe/London', [p.mentee.email]: 'Europe/Berlin' };
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await h.now()).getTime() >= monday.getTime() + 35 * 86_400_000;
      },
      'PT6H',
      4 * 40,
    );
    await h.answerAll(people, answer);
    const until = dayAfter(await h.now(), 21);
    const paused = await call('POST', `/pairings/${p.pairingId}/pause`, { until, reason: 'leave' });
    expect(paused.status, JSON.stringify(paused.body)).toBe(202);
    await h.idle();
    await h.received(p.mentor.email, /is paused until/);

    // The evening before the pause ends: after working hours in London and in Berlin.
    await clockTo(h, `${dayAfter(new Date(`${until}T00:00:00Z`), -1)}T20:00:00Z`);
    expect((await h.pairing(p.pairingId)).pairing.status).toBe('paused');
    await changeLifecycle(h, programId, { durationMonths: 2 });
    for (const who of people)
      expect(
        (await h.emailsTo(who)).filter((e) => NEW_END.test(e.subject)),
        who,
      ).toEqual([]);

    const named: Record<string, string> = {};
    for (const who of people) {
      const text = flat((await h.received(who, RESUMED, 'PT1H')).text);
      const end = text.match(
        /The program team changed the schedule of .+ during the pause, and that moves the end of your pairing with \S+: it now ends with your end-of-program review, which comes on (\w+ \d+ \w+ \d{4})\./,
      )?.[1];
      expect(end, text).toBeDefined();
      named[who] = end!;
    }
    // The email held for their working hours was dropped: each is told once, by the welcome back.
    await h.advance('P1D');
    for (const who of people)
      expect(
        (await h.emailsTo(who)).filter((e) => NEW_END.test(e.subject)),
        who,
      ).toEqual([]);

    const reviewed = async (who: string) => (await h.emailsTo(who)).some((e) => REVIEW.test(e.subject));
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await reviewed(people[0]!)) && (await reviewed(people[1]!));
      },
      'PT6H',
      4 * 80,
    );
    for (const who of people) expect(formatDate((await h.lastEmailTo(who, REVIEW)).sentAt, zones[who]!), who).toBe(named[who]);
    expect(await h.runUntilDone(p.executionArn, people, answer, 'PT6H', 4 * 20)).toBe('SUCCEEDED');
  });
});
