import { describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { call } from './api-gateway';
import { lifecycleHarness, type Harness } from './harness';

/**
 * An approval email lists the proposal as it was when it went out; another admin may change the
 * proposal in match review before it is answered (docs/cohort-matching.md, "An approval answers
 * the proposal its email showed"). QA: /work/qa/hr/REPORT.md, bugs 1 and 2.
 */

const cloud = inject('cloud');

type Pair = { pairingId: string; mentorId: string; menteeId: string };
type Run = { status: string; pairs: Pair[]; approvedBy?: string; approvedAt?: string; changes?: { action: string; by: string }[] };
type Email = Awaited<ReturnType<Harness['emails']>>[number];

const flat = (text: string) => text.replace(/\s+/g, ' ');
const pressConfirm = (link: string) => fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
function answerLinkIn(email: { text: string }): string {
  const link = /https?:\/\/\S+?\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(email.text)?.[0];
  expect(link, email.text).toBeDefined();
  return link!;
}

/**
 * A program with two admins (Ann: `h.admin`, and Bob), three mentors and three mentees that the
 * run pairs A-X, B-Y, C-V; the run waits for approval, and both admins have the 3-pair email.
 */
async function proposedToTwoAdmins() {
  const h = lifecycleHarness();
  const bob = `bob-${h.admin}`;
  const programId = await h.program({ admins: [h.admin, bob] });
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const A = await enrol({ role: 'mentor', name: 'Ana Mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], department: 'Data' });
  const B = await enrol({ role: 'mentor', name: 'Ben Mentor', topicsOffered: ['social-media'], topicsWanted: ['strategy'], department: 'Marketing' });
  const C = await enrol({ role: 'mentor', name: 'Cai Mentor', topicsOffered: ['sustainability'], topicsWanted: ['strategy'], department: 'Facilities' });
  const X = await enrol({ role: 'mentee', name: 'Xena Senior', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], department: 'Operations' });
  const Y = await enrol({ role: 'mentee', name: 'Yuri Senior', topicsOffered: ['strategy'], topicsWanted: ['social-media'], department: 'Sales' });
  const V = await enrol({ role: 'mentee', name: 'Vera Senior', topicsOffered: ['strategy'], topicsWanted: ['sustainability'], department: 'Legal' });
  const started = await call('POST', `/programs/${programId}/matching`);
  expect(started.status, JSON.stringify(started.body)).toBe(202);
  const runId = started.body.runId as string;
  await h.idle();
  const base = `/programs/${programId}/matching/${runId}`;
  const run = async () => (await call<Run>('GET', base)).body;
  expect((await run()).pairs.length).toBe(3);
  const approvalsTo = async (admin: string) =>
    (await h.emailsTo(admin)).filter((e) => /approve matching for Test cohort/i.test(e.subject) && e.text.includes(runId));
  const [bobMail] = await approvalsTo(bob);
  expect(bobMail?.subject).toMatch(/^Approve matching for Test cohort: 3 pairs proposed/);
  const pairings = () =>
    fetch(`${cloud.baseUrl}/local/pairings?programId=${programId}`).then((r) => r.json() as Promise<{ mentorId: string; menteeId: string }[]>);
  return { h, bob, programId, runId, base, run, approvalsTo, bobMail: bobMail!, pairings, A, B, C, X, Y, V };
}

/** Ann (through the admin API) rejects the pair of Ana and Xena: the proposal is at 2 pairs. */
async function annRejectsAnaXena(s: Awaited<ReturnType<typeof proposedToTwoAdmins>>) {
  const pair = (await s.run()).pairs.find((p) => p.mentorId === s.A.participantId)!;
  const rejected = await call<Run>('POST', `${s.base}/pairs/${pair.pairingId}/reject`);
  expect(rejected.status, JSON.stringify(rejected.body)).toBe(200);
  expect(rejected.body.pairs.length).toBe(2);
  await s.h.idle();
}

const changedProposals = (mails: Email[]) => mails.filter((e) => /^The proposal changed: approve matching for Test cohort/.test(e.subject));

describe('an approval answers the proposal its email showed', () => {
  it('an APPROVE by reply to an email older than a review change approves nothing: the admin gets the changed proposal at once, once, and approving that records who approved (QA bugs 1 and 2)', async () => {
    const s = await proposedToTwoAdmins();
    const { h, bob } = s;
    await annRejectsAnaXena(s);

    const out = JSON.stringify(await h.reply(s.bobMail, 'APPROVE'));
    expect(out).toContain('asked-again');
    const after = await s.run();
    expect(after.status, 'nothing approved').toBe('proposed');
    expect(after.approvedAt).toBeUndefined();
    expect(await s.pairings(), 'nobody introduced').toEqual([]);
    const [changed, ...more] = changedProposals(await h.emailsTo(bob));
    expect(more).toEqual([]);
    expect(changed?.subject).toBe('The proposal changed: approve matching for Test cohort: 2 pairs proposed');
    const text = flat(changed!.text);
    expect(text).toContain(
      'The proposal was changed in match review by admin@localhost after the approval email you answered was sent: 1 pair was taken out (Ana Mentor with Xena Senior); it now proposes 2 pairs, not the 3 that email listed. So your APPROVE approved nothing',
    );
    expect(text).not.toContain('1. Ana Mentor (mentor) with Xena Senior (mentee)');
    expect(text).toContain('Ben Mentor (mentor) with Yuri Senior (mentee)');

    // The same old email answered again: no second email, still nothing approved.
    expect(JSON.stringify(await h.reply(s.bobMail, 'APPROVE'))).toContain('asked-again');
    expect(changedProposals(await h.emailsTo(bob)).length).toBe(1);
    expect((await s.run()).status).toBe('proposed');

    // Bob approves the proposal he has now read: the run records him.
    expect(JSON.stringify(await h.reply(changed!, 'APPROVE'))).toContain('recorded');
    await h.until(async () => (await s.pairings()).length === 2, 'PT1H');
    const done = await s.run();
    expect(done.approvedBy).toBe(bob);
    expect(done.changes?.filter((c) => c.action === 'approve')).toEqual([expect.objectContaining({ action: 'approve', by: bob })]);
    // His old email answered once more: he is told he approved it, as the audit says (QA verify).
    await h.reply(s.bobMail, 'APPROVE');
    const told = flat((await h.received(bob, /already been answered/)).text);
    expect(told).toContain('by you');
    expect(told).not.toContain('by another admin');
    // Too late now: the review refuses a change after the approval.
    const late = await call('POST', `${s.base}/pairs/${done.pairs[0]!.pairingId}/reject`);
    expect(late.status).toBe(409);
  });

  it('the link of an older email says on its page that pressing approves nothing, and pressing it sends the changed proposal once', async () => {
    const s = await proposedToTwoAdmins();
    const { h, bob } = s;
    await annRejectsAnaXena(s);
    const link = answerLinkIn(s.bobMail);

    const opened = await fetch(link);
    expect(opened.status).toBe(200);
    const page = flat(await opened.text());
    expect(page).toContain('1 pair was taken out (Ana Mentor with Xena Senior)');
    expect(page).toContain('Pressing the button approves nothing');
    expect(changedProposals(await h.emailsTo(bob)), 'opening the page sends nothing').toEqual([]);

    const pressed = await pressConfirm(link);
    expect(pressed.status).toBe(200);
    expect(await pressed.text()).toContain('Nothing was approved: the proposal changed');
    await h.idle();
    const again = await pressConfirm(link);
    expect(await again.text()).toContain('Nothing was approved: the proposal changed');
    await h.idle();
    const changed = changedProposals(await h.emailsTo(bob));
    expect(changed.length).toBe(1);
    expect((await s.run()).status).toBe('proposed');

    // The new email's link approves the proposal it shows.
    expect((await pressConfirm(answerLinkIn(changed[0]!))).status).toBe(200);
    await h.until(async () => (await s.pairings()).length === 2, 'PT1H');
    expect((await s.run()).approvedBy).toBe(bob);
  });

  it('an APPROVE to an email that shows the proposal as it is approves it, recorded as that admin; a review change after it is refused', async () => {
    const s = await proposedToTwoAdmins();
    const { h, bob } = s;
    expect(JSON.stringify(await h.reply(s.bobMail, 'APPROVE'))).toContain('recorded');
    await h.until(async () => (await s.pairings()).length === 3, 'PT1H');
    const done = await s.run();
    expect(done.approvedBy).toBe(bob);
    expect(done.changes).toEqual([expect.objectContaining({ action: 'approve', by: bob })]);
    const late = await call('POST', `${s.base}/pairs/${done.pairs[0]!.pairingId}/reject`);
    expect(late.status).toBe(409);
    expect(changedProposals(await h.emailsTo(bob))).toEqual([]);
  });

  it('two admins approving the same proposal at once start its pairs once, and the audit names one of them once', async () => {
    const s = await proposedToTwoAdmins();
    const { h, bob } = s;
    const [annMail] = await s.approvalsTo(h.admin);
    await Promise.all([h.reply(annMail!, 'APPROVE'), h.reply(s.bobMail, 'APPROVE')]);
    await h.until(async () => (await s.pairings()).length === 3, 'PT1H');
    await h.advance('PT1H');
    await h.idle();
    expect((await s.pairings()).length).toBe(3);
    const done = await s.run();
    expect([h.admin, bob]).toContain(done.approvedBy);
    expect(done.changes).toEqual([expect.objectContaining({ action: 'approve', by: done.approvedBy })]);
    // Whoever is told the proposal was already answered hears who the audit names (QA verify).
    for (const admin of [h.admin, bob]) {
      for (const e of (await h.emailsTo(admin)).filter((m) => /already been answered/.test(m.subject))) {
        expect(flat(e.text), admin).toContain(admin === done.approvedBy ? 'by you' : 'by another admin');
      }
    }
  });

  it('the reminder records the proposal it shows: after a review change, its APPROVE approves that, and the first email then asks again', async () => {
    const s = await proposedToTwoAdmins();
    const { h, bob } = s;
    await annRejectsAnaXena(s);
    // No answer in the first window: the reminder goes out with the proposal as it is.
    const reminder = await h.received(bob, /^Reminder: Approve matching for Test cohort/, 'PT6H');
    expect(reminder.subject).toBe('Reminder: Approve matching for Test cohort: 2 pairs proposed');
    // The first email, answered after the reminder, showed 3 pairs: nothing is approved.
    expect(JSON.stringify(await h.reply(s.bobMail, 'APPROVE'))).toContain('asked-again');
    expect((await s.run()).status).toBe('proposed');
    expect(changedProposals(await h.emailsTo(bob)).length).toBe(1);
    expect(JSON.stringify(await h.reply(reminder, 'APPROVE'))).toContain('recorded');
    await h.until(async () => (await s.pairings()).length === 2, 'PT1H');
    expect((await s.run()).approvedBy).toBe(bob);
  });
});

describe("an admin answering a colleague admin's forwarded approval", () => {
  it('approves as themselves: the run is approved by them, and nobody is told someone else wrote (QA admin inbox)', async () => {
    const s = await proposedToTwoAdmins();
    const { h, bob } = s;
    const [annMail] = await s.approvalsTo(h.admin);
    expect(annMail).toBeDefined();
    await h.reply(annMail!, 'APPROVE', { from: bob });
    await h.idle();
    const after = await s.run();
    expect(after.status).not.toBe('proposed');
    expect(after.approvedBy).toBe(bob);
    for (const admin of [h.admin, bob])
      expect((await h.emailsTo(admin)).filter((e) => /another address|someone else/i.test(`${e.subject} ${e.text}`))).toEqual([]);
  });
});
