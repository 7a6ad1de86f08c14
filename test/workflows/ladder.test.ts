import { describe, expect, it } from 'vitest';
import { formatDate } from '../../functions/domain/emails/format';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

const subjects = async (h: ReturnType<typeof lifecycleHarness>, to: string) => (await h.emailsTo(to)).map((e) => e.subject);

describe('PairingLifecycle: the escalation ladder', () => {
  it('1 missed: a friendly nudge to both; 2: a firmer note to the senior and the admin told; 3: the admin decides; continue resets it', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');

    // Nobody answers the first check-in: its window closes and the pair is nudged.
    await h.nextEmail(mentor.email, /^Check-in:/);
    await h.received(mentee.email, /^Check-in:/);
    expect((await subjects(h, mentee.email)).filter((s) => s.startsWith('Check-in:'))).toHaveLength(1);
    // Nudges wait for each reader's working hours.
    await h.received(mentor.email, /^Time for your next session/);
    await h.received(mentee.email, /^Time for your next session/);
    expect((await h.pairing(pairingId)).pairing.missedInRow).toBe(1);

    // Second in a row: the senior (mentee) gets the commitment note, the mentor does not; admin told.
    await h.nextEmail(mentee.email, /^Your commitment to/);
    expect((await subjects(h, mentee.email)).some((s) => s.startsWith('Your commitment to'))).toBe(true);
    expect((await subjects(h, mentor.email)).some((s) => s.startsWith('Your commitment to'))).toBe(false);
    expect((await h.received(h.admin, /2 check-ins missed in a row/)).text).toContain(pairingId);

    // Third: the admin is asked to decide, and the workflow waits for the answer.
    const decision = await h.nextEmail(h.admin, /^Decision needed/);
    const { pairing } = await h.pairing(pairingId);
    expect(pairing.round).toMatchObject({ kind: 'admin-decision' });
    expect(pairing.missedInRow).toBe(3);
    expect(pairing.checkInsMissed).toBe(3);
    // "End" opening a sentence decides nothing: the admin is asked again and the pairing runs on.
    await h.reply(decision, 'End of the week would be better, continue for now', { from: h.admin });
    const again = (await h.received(h.admin, /^Could you say that again/, 'PT1M')).text.replace(/\s+/g, ' ');
    expect(again).toContain('"End" runs on into a sentence');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await h.reply(decision, 'CONTINUE', { from: h.admin });
    const after = await h.pairing(pairingId);
    expect(after.pairing.missedInRow).toBe(0);
    expect(after.pairing.pendingDecision).toBeFalsy();
    expect(after.pairing.round).toBeUndefined();
    expect(after.audit.map((a) => a.kind)).toContain('admin-decision');
    const events = await h.events(pairingId);
    expect(events.filter((e) => e === 'CheckInMissed')).toHaveLength(3);
    expect(events.filter((e) => e === 'EscalationRaised')).toHaveLength(3);
    expect((await h.execution(executionArn)).status).toBe('RUNNING');
  });

  it('a pair that met is thanked, and a low rating points to the private channel', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'yes');
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'Yes 2, it felt a bit one-sided');
    await h.reply(await h.received(mentee.email, /^Check-in:/), 'yes 5');
    const { pairing, checkIns } = await h.pairing(pairingId);
    expect(pairing.checkInsHeld).toBe(1);
    expect(checkIns[0].mentor).toMatchObject({ rating: 2, note: expect.stringMatching(/one-sided/), channel: 'email' });
    const thanks = await h.lastEmailTo(mentor.email, /^Thank you for checking in/);
    expect(thanks.text).toMatch(/privately|admin|program team/i);
    expect(await h.events(pairingId)).toContain('CheckInCompleted');
  });
});

describe('PairingLifecycle: the admins decide at the top of the ladder', () => {
  it('an admin who answers PAUSE with a date pauses the pairing (the decision is recorded, not taken for a request)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    const decision = await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
    const until = new Date((await h.now()).getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(decision, `PAUSE until ${until}`, { from: h.admin });
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('paused');
    expect(pairing.pausedUntilDay).toBe(until);
    expect(audit.filter((a) => a.kind === 'admin-decision').map((a) => a.detail?.decision)).toEqual(['pause']);
  });

  it('the "Pause" link of "Decision needed" asks for the resume day and pauses until it; without a day, or one passed, nothing is recorded (QA quiet)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    const decision = await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
    const links = [...decision.text.matchAll(/https?:\/\/\S+?\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g)].map((m) => m[0]);
    let pauseLink: string | undefined;
    for (const link of links) {
      const page = await (await fetch(link)).text();
      if (/Your answer: <span class="answer">Pause/.test(page)) {
        pauseLink = link;
        expect(page).toMatch(/<input type="date" id="until" name="until" required min="\d{4}-\d{2}-\d{2}" value="">/);
      }
    }
    expect(pauseLink, decision.text).toBeDefined();
    const post = (body: string) => fetch(pauseLink!, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });
    const missing = await post('note=she+is+on+leave');
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain('Choose the day the pairing should resume: a pause needs it. Nothing was recorded.');
    const yesterday = new Date((await h.now()).getTime() - 86_400_000).toISOString().slice(0, 10);
    const passed = await post(`until=${yesterday}`);
    expect(passed.status).toBe(400);
    expect(await passed.text()).toContain('The day you chose is today or has passed');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    const until = new Date((await h.now()).getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    // A note longer than the form's 1,000 characters (a client ignoring maxlength) is shown back, nothing recorded (QA attack6).
    const tooLong = await post(`until=${until}&note=${'x'.repeat(1500)}`);
    expect(tooLong.status).toBe(413);
    expect(await tooLong.text()).toContain('Your note is 1,500 characters long, and at most 1,000 fit');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    const ok = await post(`until=${until}&note=she+is+on+leave`);
    expect(ok.status).toBe(200);
    await h.idle();
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('paused');
    expect(pairing.pausedUntilDay).toBe(until);
    expect(audit.filter((a) => a.kind === 'admin-decision').map((a) => a.detail?.decision)).toEqual(['pause']);
  });

  it('a member\'s END while "Decision needed" is open ends the pairing but is not recorded as the admins\' decision (QA quiet)', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    const decision = await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
    await h.reply(await h.lastEmailTo(mentor.email, /enrolled/i), 'END');
    await h.idle();
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1H', 24);
    const { audit } = await h.pairing(pairingId);
    expect(audit.filter((a) => a.kind === 'admin-decision')).toEqual([]);
    await h.reply(decision, 'CONTINUE', { from: h.admin });
    const late = await h.lastEmailTo(h.admin, /already/i);
    expect(late.subject).toBe('That question has already closed');
    expect(late.text.replace(/\s+/g, ' ')).not.toMatch(/already answered|already been answered|answered through the admin API/);
  });

  it('tells an admin who replies after another admin decided that it was already answered, by whom, and what was decided (QA)', async () => {
    const h = lifecycleHarness();
    const second = `second-${h.admin}`;
    const programId = await h.program({ admins: [h.admin, second] });
    const { mentor, mentee, pairingId } = await h.pair({ programId });
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    const first = await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
    const other = await h.lastEmailTo(second, /^Decision needed/);
    await h.reply(first, 'END', { from: h.admin });
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    await h.reply(other, 'CONTINUE', { from: second });
    const told = (await h.received(second, /^That question has already been answered$/)).text.replace(/\s+/g, ' ');
    expect(told).toContain('by another admin of the program: the pairing has ended.');
    expect(told).not.toMatch(/closed on/);
    await h.reply(first, 'CONTINUE', { from: h.admin });
    expect((await h.received(h.admin, /^That question has already been answered$/)).text.replace(/\s+/g, ' ')).toContain('by you: the pairing has ended.');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
  });

  it('an admin answering a colleague admin\'s forwarded "Decision needed" decides for themselves; nobody is told someone else wrote (QA admin inbox)', async () => {
    const h = lifecycleHarness();
    const second = `second-${h.admin}`;
    const programId = await h.program({ admins: [h.admin, second], timeZone: 'Europe/London' });
    const { mentor, mentee, pairingId } = await h.pair({ programId });
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    const forwarded = await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
    await h.reply(forwarded, 'END', { from: second });
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 5);
    const read = await call<{ decisions: Record<string, unknown>[] }>('GET', `/pairings/${pairingId}`);
    expect(read.body.decisions).toEqual([expect.objectContaining({ decision: 'end', answered: true })]);
    await h.idle();
    for (const admin of [h.admin, second])
      expect((await h.emailsTo(admin)).filter((e) => /another address|someone else/i.test(`${e.subject} ${e.text}`))).toEqual([]);
  });

  it('an admin who pauses the pair through the admin API while "Decision needed" is open has decided: the other admin is told so, and the resume asks nothing again and keeps its date (QA digest, bug 1)', async () => {
    const h = lifecycleHarness();
    const second = `second-${h.admin}`;
    const programId = await h.program({ admins: [h.admin, second], timeZone: 'Europe/London' });
    const { mentor, mentee, pairingId } = await h.pair({ programId });
    await h.answerAll([mentor.email, mentee.email], () => 'yes');
    await h.nextEmail(h.admin, /^Decision needed/, 'P1D');
    const other = await h.lastEmailTo(second, /^Decision needed/);
    const pausedAt = (await h.now()).toISOString();
    const until = new Date(Date.parse(pausedAt) + 21 * 86_400_000).toISOString().slice(0, 10);
    const res = await call('POST', `/pairings/${pairingId}/pause`, { until, reason: 'workload' });
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    await h.idle();

    // Settled as a PAUSE reply settles it: nothing pending, the ladder starts again.
    const { pairing } = await h.pairing(pairingId);
    expect(pairing).toMatchObject({ status: 'paused', pausedUntilDay: until, missedInRow: 0 });
    expect(pairing.pendingDecision).toBeUndefined();
    const read = await call<{ decisions: Record<string, unknown>[] }>('GET', `/pairings/${pairingId}`);
    expect(read.body.decisions).toEqual([expect.objectContaining({ decision: 'pause', answered: true, channel: 'api', pauseUntil: until })]);

    // The other admin's answer comes too late, and they are told what was decided, and how.
    await h.reply(other, 'END', { from: second });
    const told = (await h.received(second, /^That question has already been answered$/)).text.replace(/\s+/g, ' ');
    expect(told).toContain(`through the admin API: the pairing is paused until ${formatDate(until, 'Europe/London')}.`);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');

    // At the resume: the check-in comes on the day the "has resumed" email names, and nobody is asked to decide again.
    const resumed = await h.nextEmail(mentor.email, /has resumed/, 'PT6H');
    const promised = /The next check-in comes on (\w+ \d+ \w+ \d{4})/.exec(resumed.text.replace(/\s+/g, ' '))?.[1];
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/, 'PT6H');
    expect(formatDate(checkIn.sentAt, 'Europe/London')).toBe(promised);
    for (const admin of [h.admin, second]) {
      const asked = (await h.emailsTo(admin)).filter((e) => /^Decision needed/.test(e.subject) && e.sentAt > pausedAt);
      expect(asked.map((e) => e.sentAt)).toEqual([]);
    }
  });
});
