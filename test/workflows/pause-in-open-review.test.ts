import { describe, expect, inject, it } from 'vitest';
import { emailDay, lifecycleHarness, type Harness } from './harness';

const DAY = 86_400_000;
const FINAL = /^End of program review/;
const MILESTONE = /^Day \d+ review/;
const RESUMED = /has resumed/;
const PAUSED = /is paused until/;
const RECOGNITION = /your reverse-mentoring journey/i;
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** The day a pause given as "PAUSE until <day>" ends, `days` after the shared clock (UTC, as people write it). */
const dayAfter = async (h: Harness, days: number) => new Date((await h.now()).getTime() + days * DAY).toISOString().slice(0, 10);

/** Two months, check-ins every 21 days: a Day 30 review, then the end-of-program review. */
async function activePairs(h: Harness, n: number) {
  const programId = await h.program({ lifecycle: { durationMonths: 2, checkInCadenceDays: 21 } });
  const pairs: Awaited<ReturnType<Harness['pair']>>[] = [];
  for (let i = 0; i < n; i++) pairs.push(await h.pair({ programId, waitForIntroductions: false }));
  const introduced = async (to: string) => (await h.emailsTo(to)).some((e) => /^Meet /.test(e.subject));
  await h.until(async () => (await Promise.all(pairs.flatMap((p) => [p.mentor.email, p.mentee.email]).map(introduced))).every(Boolean), 'PT1H', 24 * 8);
  for (const p of pairs) for (const who of [p.mentor.email, p.mentee.email]) await h.reply(await h.lastEmailTo(who, /^Meet /), 'yes');
  return pairs;
}

/** Everyone answers every question until all of `people` have one whose subject matches `until`, which nobody answers. */
async function answerUntil(h: Harness, people: string[], until: RegExp, maxSteps = 4 * 90) {
  const answer = (e: { subject: string }) => (until.test(e.subject) ? undefined : /review/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');
  const subjects = async () => JSON.stringify(await Promise.all(people.map(async (to) => (await h.emailsTo(to)).map((e) => e.subject))));
  await h
    .until(
      async () => {
        await h.answerAll(people, answer);
        return (await Promise.all(people.map(async (to) => (await h.emailsTo(to)).some((e) => until.test(e.subject))))).every(Boolean);
      },
      'PT6H',
      maxSteps,
    )
    .catch(async (e: Error) => {
      throw new Error(`${e.message} ${await subjects()}`);
    });
  return answer;
}

async function resumeByAdmin(h: Harness, pairingId: string) {
  const res = await fetch(`${inject('cloud').baseUrl}/pairings/${pairingId}/resume`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: '{}',
  });
  expect(res.status, await res.text()).toBe(202);
  await h.idle();
}

/**
 * docs/lifecycle.md, "A pause keeps what was already asked": the end-of-program review kept open
 * through a pause that ends before its deadline closes at that deadline, and the pairing completes
 * then. The pause email said "on <the resume day> it comes to its end"; and an admin's early resume
 * in that review told nobody they were back.
 */
describe('PairingLifecycle: a pause that ends while the end-of-program review is still open', () => {
  it('the pause email names the review deadline as the end, the pairing completes then; an admin resume tells both', async () => {
    const h = lifecycleHarness();
    const [byDate, byAdmin] = await activePairs(h, 2);
    const people = [byDate!, byAdmin!].flatMap((p) => [p.mentor.email, p.mentee.email]);
    const answer = await answerUntil(h, people, FINAL);
    // Two days' pause: the review's five-day window outlasts it.
    const until = await dayAfter(h, 2);
    for (const p of [byDate!, byAdmin!]) {
      await h.reply(await h.lastEmailTo(p.mentee.email, FINAL), `PAUSE until ${until}`);
      expect((await h.pairing(p.pairingId)).pairing.status).toBe('paused');
    }
    const closesAt = (await h.pairing(byDate!.pairingId)).pairing.round!.closesAt;
    for (const who of [byDate!.mentee.email, byDate!.mentor.email]) {
      const told = flat((await h.received(who, PAUSED)).text);
      expect(told).toMatch(/the end-of-program review stays open until \w+ \d{1,2} \w+ \d{4}, and when it closes your pairing comes to its end/);
      expect(told).not.toContain('it comes to its end, and');
    }

    // The program team resumes the second pair at once: both are told they are back, and when it ends.
    await resumeByAdmin(h, byAdmin!.pairingId);
    for (const who of [byAdmin!.mentor.email, byAdmin!.mentee.email]) {
      const back = flat((await h.received(who, RESUMED)).text);
      expect(back).toContain('ended the pause of your pairing');
      expect(back).toMatch(/the end-of-program review stays open until \w+ \d{1,2} \w+ \d{4}, and when it closes your pairing comes to its end/);
      expect(back).not.toMatch(/next session|comes next/);
    }
    expect(flat((await h.lastEmailTo(byAdmin!.mentee.email, RESUMED)).text)).toContain('still open for you to answer');

    await h.until(
      async () => {
        await h.answerAll(people, answer);
        return (await Promise.all([byDate!, byAdmin!].map(async (p) => (await h.pairing(p.pairingId)).pairing.status))).every((s) => s === 'completed');
      },
      'PT6H',
      4 * 15,
    );
    const { pairing, audit } = await h.pairing(byDate!.pairingId);
    const trail = JSON.stringify(audit.filter((a) => /resum|asked|paused|round|review|completed/.test(a.kind)));
    // What the pause email said: not on the resume day, but when the review closed at its deadline.
    expect(audit.find((a) => a.kind === 'resumed')?.detail, trail).toEqual({ why: 'date', finalReviewOpen: true });
    expect(pairing.endedAt, trail).toBe(closesAt);
    expect(emailDay(pairing.endedAt, 'Europe/London'), trail).not.toBe(emailDay(`${until}T12:00:00Z`, 'Europe/London'));
    // Resumed on its day, nobody is sent a "welcome back" naming that review as still to come.
    for (const who of [byDate!.mentor.email, byDate!.mentee.email]) {
      expect(
        (await h.emailsTo(who)).filter((e) => RESUMED.test(e.subject)).map((e) => e.subject),
        trail,
      ).toEqual([]);
      await h.received(who, RECOGNITION);
    }
  });
});

/**
 * A Day 30 review nobody answered during a pause was asked again after it: the pause email had said
 * the question was open until its deadline. Like the end-of-program review, it is done at its
 * deadline, answered or not, and the resume names the next check-in.
 */
describe('PairingLifecycle: a pause that outlasts an open Day 30 review', () => {
  it('closes the review at its deadline unanswered and does not ask it again after the pause', async () => {
    const h = lifecycleHarness();
    const [p] = await activePairs(h, 1);
    const people = [p!.mentor.email, p!.mentee.email];
    const answer = await answerUntil(h, people, MILESTONE);
    const until = await dayAfter(h, 12);
    await h.reply(await h.lastEmailTo(p!.mentee.email, MILESTONE), `PAUSE until ${until}`);
    expect((await h.pairing(p!.pairingId)).pairing.status).toBe('paused');
    const told = flat((await h.received(p!.mentor.email, PAUSED)).text);
    expect(told).toContain('The question you already received is still open: you can answer it until');
    const round = (await h.pairing(p!.pairingId)).pairing.round!.key;

    const back = await h.nextEmail(p!.mentee.email, RESUMED);
    await h.advance('P2D');
    await h.answerAll(people, answer);
    const { audit } = await h.pairing(p!.pairingId);
    const trail = JSON.stringify(audit.filter((a) => /resum|asked|paused|round|review/.test(a.kind)));
    expect(
      audit.find((a) => a.kind === 'review' && a.detail?.round === round),
      trail,
    ).toMatchObject({ detail: { round, answered: 0 } });
    expect(
      audit.filter((a) => a.kind === 'asked' && a.detail?.kind === 'milestone'),
      trail,
    ).toHaveLength(1);
    for (const who of people)
      expect(
        (await h.emailsTo(who)).filter((e) => MILESTONE.test(e.subject)),
        `${who} ${trail}`,
      ).toHaveLength(1);
    expect(flat(back.text)).not.toMatch(/Day \d+ review/);
  });
});
