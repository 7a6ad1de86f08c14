import { describe, expect, it } from 'vitest';
import { emailDay, lifecycleHarness } from './harness';

describe('PairingLifecycle: acceptance', () => {
  it('ends as "not started" when one declines, keeps the reason for the admins\' digest, tells the other kindly, and asks for a rematch', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'Yes!');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'No, sorry - I am moving to another role next month.');
    // The decline is final at once; the notices go out in working hours, then the execution ends.
    expect((await h.pairing(pairingId)).pairing.status).toBe('not-started');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT1H');
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('not-started');
    expect(pairing.statusReason).toMatch(/^declined: .*another role/);
    expect(audit.map((a) => a.kind)).toContain('not-started');
    // A routine notice: it goes in the admins' weekly digest (test/workflows/admin-digest.test.ts), not an email of its own.
    expect((await h.emailsTo(h.admin)).filter((e) => /did not start/.test(e.subject))).toEqual([]);
    expect((await h.lastEmailTo(mentor.email, /will not start/)).text).not.toMatch(/declined/i);
    expect(await h.emailsTo(mentee.email).then((m) => m.filter((e) => /will not start/.test(e.subject)))).toHaveLength(0);
    expect(await h.events(pairingId)).toEqual(['PairingNotStarted', 'RematchRequested']);
  });

  it("takes the partner's reply-all to the other's answer as the partner's own answer, and warns nobody", async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const menteeIntro = await h.lastEmailTo(mentee.email, /^Meet /);
    await h.reply(menteeIntro, 'Yes, looking forward to it!');
    // The mentor answers with reply-all to the mentee's answer: it reaches the mentee's question address.
    await h.reply(menteeIntro, 'Yes from me too', { from: mentor.email });
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await h.advance('PT1H');
    for (const who of [mentor.email, mentee.email]) expect((await h.emailsTo(who)).filter((e) => /not recorded/.test(e.subject))).toEqual([]);
  });

  it('reminds the silent on day 3, then requests a rematch when the window closes', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    // Day 3 of the introduction, in the mentee's working morning (a weekend moves it to Monday).
    const reminder = await h.nextEmail(mentee.email, /^Reminder: will you start/, 'PT6H');
    const days = (Date.parse(reminder.sentAt) - Date.parse(intro.sentAt)) / 86_400_000;
    // Three days from the introduction's planned send time, at the same Berlin time of day, or the
    // Monday after when day 3 is a weekend day. Between: the paced sender may have sent the
    // introduction itself a second or so after its time (seen once on a busy CI run: 3 days less
    // 1 s), and the suite's shared clock may be anywhere in the year, so a daylight-saving change
    // between the two moves it an hour either way (seen on CI: 5 days 1 h).
    const hour = 1 / 24;
    const minute = 1 / 1440;
    expect(days).toBeGreaterThanOrEqual(3 - hour - minute);
    expect(days).toBeLessThanOrEqual(5 + hour + minute);
    expect(emailDay(reminder.sentAt, 'Europe/Berlin')).not.toMatch(/^(Saturday|Sunday)/);
    const dayThree = new Date(Date.parse(intro.sentAt) + 3 * 86_400_000).toISOString();
    if (days > 3 + hour + minute) expect(emailDay(dayThree, 'Europe/Berlin')).toMatch(/^(Saturday|Sunday)/);
    // One question, one deadline: the reminder names the date the introduction named.
    const deadline = (text: string) => /answer\s+by\s+(\w+day\s+\d+\s+\w+\s+\d{4})/i.exec(text)?.[1]?.replace(/\s+/g, ' ');
    expect(deadline(reminder.text)).toBeDefined();
    expect(deadline(reminder.text)).toBe(deadline(intro.text));
    expect((await h.emailsTo(mentor.email)).some((e) => /^Reminder/.test(e.subject))).toBe(false);
    expect((await h.execution(executionArn)).status).toBe('RUNNING');
    await h.advance('P4D');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT1H');
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    expect((await h.pairing(pairingId)).pairing.statusReason).toBe('no-answer');
    expect((await h.emailsTo(h.admin)).filter((e) => /did not start/.test(e.subject))).toEqual([]);
    expect(await h.events(pairingId)).toEqual(['PairingNotStarted', 'RematchRequested']);
  });

  it('reads an introduction answered in own words: "Happy to meet her!" starts it, "Not for me, thanks" declines it with its words kept', async () => {
    const h = lifecycleHarness();
    const first = await h.pair();
    const h2 = lifecycleHarness();
    await h.reply(await h.lastEmailTo(first.mentor.email, /^Meet /), 'Happy to meet her!');
    await h.reply(await h.lastEmailTo(first.mentee.email, /^Meet /), 'Thanks for the introduction, looking forward to it.');
    expect((await h.pairing(first.pairingId)).pairing.status).toBe('active');
    for (const who of [first.mentor.email, first.mentee.email]) expect((await h.emailsTo(who)).filter((e) => /not recorded/.test(e.subject))).toEqual([]);

    const second = await h2.pair();
    await h2.reply(await h2.lastEmailTo(second.mentee.email, /^Meet /), "Not for me, thanks: I'm moving to another role.");
    const { pairing } = await h2.pairing(second.pairingId);
    expect(pairing.status).toBe('not-started');
    expect(pairing.statusReason).toMatch(/^declined: .*another role/);
  });
});
