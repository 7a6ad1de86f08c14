import { DescribeExecutionCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { describe, expect, inject, it } from 'vitest';
import { emailDay, lifecycleHarness, type Harness } from './harness';

const cloud = inject('cloud');
const DAY = 86_400_000;
const SAO_PAULO = 'America/Sao_Paulo';
const TOKYO = 'Asia/Tokyo';
const REVIEW = /^End of program review/;
const RESUMED = /has resumed/;
const RECOGNITION = /your reverse-mentoring journey/i;

async function local<T>(path: string, body: unknown): Promise<T> {
  const res = await fetch(`${cloud.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return JSON.parse(text) as T;
}

/** Beatriz (mentor, São Paulo) and Haruto (mentee, Tokyo), introduced in their own mornings. */
async function beatrizAndHaruto(h: Harness, programId: string) {
  const beatriz = await h.enrol({
    programId,
    role: 'mentor',
    name: `Beatriz Souza${h.tag}`,
    timeZone: SAO_PAULO,
    topicsOffered: ['ai-tools'],
    topicsWanted: ['strategy'],
  });
  const haruto = await h.enrol({
    programId,
    role: 'mentee',
    name: `Haruto Sato${h.tag}`,
    timeZone: TOKYO,
    topicsOffered: ['strategy'],
    topicsWanted: ['ai-tools'],
    department: 'Operations',
  });
  const { pairingId } = await local<{ pairingId: string }>('/local/pairings', {
    programId,
    mentorId: beatriz.participantId,
    menteeId: haruto.participantId,
    score: 80,
    reasons: ['You both care about AI tools'],
    tradeOffs: [],
  });
  const machines = (await (await fetch(`${cloud.baseUrl}/local/state-machines`)).json()) as { name: string; stateMachine: string }[];
  const lifecycle = machines.find((m) => m.name.startsWith('PairingLifecycle'))!;
  const started = await h.sfn.send(
    new StartExecutionCommand({ stateMachineArn: lifecycle.stateMachine, name: pairingId, input: JSON.stringify({ pairingId, programId }) }),
  );
  await h.idle();
  return { beatriz, haruto, pairingId, executionArn: started.executionArn! };
}

/**
 * QA: Beatriz, with the end-of-program review open, replied "PAUSE until" a day past the end, was
 * told the pairing comes to its end on a day and to pause until it, and did. Nobody had answered
 * the review. On that day the pause closed the review as a check-in nobody held (`round-closed`
 * paused), the resume sent both "has resumed … the end-of-program review comes next" and asked the
 * review a second time, and the pairing completed a week past the day every email had named.
 * docs/lifecycle.md ("A pause keeps what was already asked"): the review runs to its deadline and
 * is done then, answered or not; the pairing completes on the day named, with no "welcome back".
 */
describe('PairingLifecycle: a PAUSE in the end-of-program review until the end day', () => {
  it('ends the pairing on the day named, the review asked once, with no "has resumed"', async () => {
    const h = lifecycleHarness();
    const now = await h.now();
    // The program's last day for new pairings comes before this pairing's end: a pause may then run to the pairing's end.
    const endDate = new Date(now.getTime() + 30 * DAY).toISOString().slice(0, 10);
    const programId = await h.program({
      startDate: now.toISOString().slice(0, 10),
      timeZone: SAO_PAULO,
      endDate,
      lifecycle: { durationMonths: 2, checkInCadenceDays: 21 },
    });
    const { beatriz, haruto, pairingId, executionArn } = await beatrizAndHaruto(h, programId);
    const people = [beatriz.email, haruto.email];
    const introductions = [await h.received(beatriz.email, /^Meet /), await h.received(haruto.email, /^Meet /)];
    // Accepted in the evening (UTC), so the plan's days begin then: the review goes to Haruto the next
    // Tokyo morning and to Beatriz after it, and its deadline is the end of its last day in São Paulo,
    // as in QA's run (both told "Saturday 3 April", the pairing ending on Sunday 4 April).
    await h.evening();
    for (const e of introductions) await h.reply(e, 'yes');

    // Everything is answered but the end-of-program review, which neither answers.
    const answer = (e: { subject: string }) => (REVIEW.test(e.subject) ? undefined : /review/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');
    const reviewsTo = async (to: string) => (await h.emailsTo(to)).filter((e) => REVIEW.test(e.subject));
    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await Promise.all(people.map(async (to) => (await reviewsTo(to)).length > 0))).every(Boolean);
      },
      'PT6H',
      4 * 80,
    );
    const review = (await reviewsTo(beatriz.email))[0]!;

    // A day past the end: refused, naming the last day a pause may run to.
    const past = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date((await h.now()).getTime() + 20 * DAY));
    await h.reply(review, `PAUSE until ${past}`);
    const refused = (await h.received(beatriz.email, /was not paused/)).text.replace(/\s+/g, ' ');
    const suggested = /for example "PAUSE until (\d{1,2} \w+)"/.exec(refused)?.[1];
    expect(suggested, refused).toBeDefined();
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    // As suggested: the pause runs to the pairing's end, and its email says so.
    await h.reply(review, `PAUSE until ${suggested}`);
    const paused = (await h.pairing(pairingId)).pairing;
    expect(paused.status).toBe('paused');
    const told = (await h.received(beatriz.email, /is paused until/)).text.replace(/\s+/g, ' ');
    expect(told).toContain('The question you already received is still open');
    const endDay = /No check-ins are left in your pairing: on (\w+ \d{1,2} \w+ \d{4}) it comes to its end/.exec(told)?.[1];
    expect(endDay, told).toBeDefined();

    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT6H', 4 * 20);
    const exec = await h.sfn.send(new DescribeExecutionCommand({ executionArn }));
    const { pairing, audit, reviews } = await h.pairing(pairingId);
    const trail = JSON.stringify(audit.filter((a) => /resum|asked|paused|round|review|completed/.test(a.kind)));
    expect(exec.status, trail).toBe('SUCCEEDED');
    // QA's case: the review's deadline came before the pause's end, and the resume found nothing left.
    expect(audit.find((a) => a.kind === 'resumed')?.detail, trail).toEqual({ why: 'date', nothingLeft: true });
    expect(pairing.status, trail).toBe('completed');
    // On the day named, for both.
    expect(emailDay(pairing.endedAt, SAO_PAULO), trail).toBe(endDay);
    expect(emailDay(pairing.endedAt, TOKYO), trail).toBe(endDay);
    // The review was never closed as a pause closes a check-in nobody held, nor asked again.
    expect(
      audit.filter((a) => a.kind === 'round-closed' && a.detail?.why === 'paused'),
      trail,
    ).toEqual([]);
    expect(
      audit.filter((a) => a.kind === 'asked' && a.detail?.kind === 'final-review'),
      trail,
    ).toHaveLength(1);
    expect(
      reviews.filter((r) => r.label === 'End of program review'),
      trail,
    ).toEqual([]);
    for (const who of people) {
      expect((await reviewsTo(who)).length, `${who} ${trail}`).toBe(1);
      // The recognition is how "we will write to you both then" is kept: held for their working hours.
      await h.received(who, RECOGNITION);
      expect(
        (await h.emailsTo(who)).filter((e) => RESUMED.test(e.subject)).map((e) => e.subject),
        trail,
      ).toEqual([]);
    }
  });
});
