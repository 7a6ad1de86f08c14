import { afterEach, describe, expect, inject, it } from 'vitest';
import type { HttpResult } from '../../functions/shared/http';
import { call, httpApiEvent, lambdaContext, useCloudTable } from './api-gateway';
import { clearFaults, injectFaults } from './faults';
import { lifecycleHarness, type Harness } from './harness';

/**
 * Issue 13 points 1 and 2 on the local cloud, driven by raw replies, links and the admin API only:
 * a private concern reaches every admin and changes nothing for the partner; cases are listed,
 * acknowledged and resolved; an unacknowledged case escalates; a "not a fit" ends without fault.
 */

const cloud = inject('cloud');
type Email = Awaited<ReturnType<Harness['emails']>>[number];

/** What a reader sees of an email, without what differs per message (links, addresses). */
const seen = (e: Email) =>
  `${e.subject}\n${e.text}`
    .replace(/https?:\/\/\S+/g, '<link>')
    .replace(/[\w.+-]+@[\w.-]+/g, '<address>')
    .replace(/\s+/g, ' ');

/** The plain-text part on one line (it is wrapped at 72 columns). */
const flat = (e: Email) => e.text.replace(/\s+/g, ' ');
/** The plain-text body and footer, each on one line. */
const parts = (e: Email) => {
  const at = e.text.lastIndexOf('\n-- ');
  return { body: e.text.slice(0, at).replace(/\s+/g, ' '), footer: e.text.slice(at).replace(/\s+/g, ' ') };
};
/** A page's text on one line. */
const pageText = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

function concernFormUrl(email: Email): string {
  const m = /\/c\/[a-z2-7]{24}\.[A-Za-z0-9_-]{43}/.exec(email.text);
  expect(m, `no concern link in "${email.subject}"`).not.toBeNull();
  return `${cloud.baseUrl}${m![0]}`;
}

const answers = (e: Email): string | undefined => {
  if (/good fit\?/.test(e.subject)) return 'yes';
  if (/^Check-in:/.test(e.subject)) return 'yes 4';
  if (/^Meet /.test(e.subject)) return 'yes';
  return undefined;
};

async function twoAdminsProgram(h: Harness, lifecycle: Record<string, unknown> = {}) {
  const admins = [`admin-a-${h.tag}@example.com`, `admin-b-${h.tag}@example.com`];
  const programId = await h.program({ admins, ...(Object.keys(lifecycle).length ? { lifecycle } : {}) });
  return { programId, admins };
}

async function accepted(h: Harness, programId: string) {
  const p = await h.pair({ programId });
  await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'yes');
  await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
  return p;
}

describe('concerns: a private channel to every program admin', () => {
  it('a reply CONCERN reaches every admin, is acknowledged to the person, escalates unread, and changes no email to the partner', async () => {
    const h = lifecycleHarness();
    // No send window: each pairing's questions would otherwise go out at its own offset from the
    // send time (a hash of its id), and the twins would not be on one timeline.
    const { programId, admins } = await twoAdminsProgram(h, { sendWindowMinutes: 0 });
    // Two pairs on the same timeline: A raises a concern, B does not. The partner's emails must match.
    const a = await h.pair({ programId, waitForIntroductions: false });
    const b = await h.pair({ programId, waitForIntroductions: false });
    const people = [a.mentor.email, a.mentee.email, b.mentor.email, b.mentee.email];
    await h.until(async () => (await Promise.all(people.map((p) => h.emailsTo(p)))).every((l) => l.some((e) => /^Meet /.test(e.subject))), 'PT1H', 24 * 8);
    await h.answerAll(people, answers);
    const checkIn = await h.nextEmail(a.mentor.email, /^Check-in:/);
    await h.received(b.mentor.email, /^Check-in:/);

    // What was sent before the concern, by message (the mailbox stamps whole seconds, too coarse to split by time).
    const sentBefore = new Set((await h.emails()).map((e) => e.messageId));
    await h.reply(checkIn, 'CONCERN: she seems afraid to challenge me');
    // Not an unclear answer any more: no "Could you say that again?".
    expect((await h.emailsTo(a.mentor.email)).some((e) => /^Could you say that again/.test(e.subject))).toBe(false);
    const ack = flat(await h.lastEmailTo(a.mentor.email, /^We received your concern/));
    expect(ack).toMatch(/Only the program admins of Test cohort read it/);
    expect(ack).toMatch(/your partner never sees it/);
    expect(ack).toMatch(/within 2 working days/);
    expect(ack).toContain('she seems afraid to challenge me');
    for (const admin of admins) {
      const note = flat(await h.lastEmailTo(admin, /^Private concern from Mia Mentor/));
      expect(note).toContain('she seems afraid to challenge me');
      expect(note).toMatch(/Sam Senior\S* \(mentee\)/);
      expect(note).toMatch(/POST \/concerns\/cn_[a-z2-7]{20}/);
    }
    const list = await call('GET', `/programs/${programId}/concerns`);
    expect(list.status).toBe(200);
    expect(list.body.concerns).toHaveLength(1);
    expect(list.body.concerns[0]).toMatchObject({ state: 'open', pairingId: a.pairingId, text: 'she seems afraid to challenge me', exit: false });

    // Both pairs carry on alike for four weeks (two check-in cycles wherever the calendar falls);
    // nobody acknowledges the case.
    for (let day = 0; day < 28; day++) {
      await h.answerAll(people, answers);
      await h.advance('P1D');
    }
    await h.answerAll(people, answers);
    await h.idle();

    const sentSince = async (to: string) => (await h.emailsTo(to)).filter((e) => !sentBefore.has(e.messageId)).map(seen);
    const partnerA = await sentSince(a.mentee.email);
    const partnerB = await sentSince(b.mentee.email);
    expect(partnerA.length).toBeGreaterThanOrEqual(3);
    expect(partnerA).toEqual(partnerB);
    for (const text of partnerA) expect(text).not.toMatch(/afraid|We received your concern|Private concern/);
    // The question the concern was written to stayed open for its answer.
    expect((await h.pairing(a.pairingId)).checkIns.length).toBe((await h.pairing(b.pairingId)).checkIns.length);

    for (const admin of admins) expect((await h.emailsTo(admin)).filter((e) => /^Still open: private concern from Mia Mentor/.test(e.subject))).toHaveLength(1);
    const escalated = (await h.pairing(a.pairingId)).audit.find((l) => l.kind === 'concern-escalated');
    expect(escalated).toBeDefined();
  });

  it('lists, acknowledges and resolves a case raised through the form; refuses bad input, another program and another group; escalates nothing once acknowledged', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const other = await h.program({});
    const p = await accepted(h, programId);
    const intro = await h.lastEmailTo(p.mentee.email, /^Meet /);
    const url = concernFormUrl(intro);
    // One link per person, in every email to them: the enrolment confirmation has the same one.
    expect(concernFormUrl(await h.lastEmailTo(p.mentee.email, /^You are enrolled/))).toBe(url);
    const form = await fetch(url);
    expect(form.status).toBe(200);
    expect(await form.text()).toMatch(/Only the program admins of Test cohort read/);
    const empty = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'text=' });
    expect(empty.status).toBe(400);
    // Longer than the box allows (a client ignoring maxlength): shown back with the limit and the words, nothing sent (QA attack6).
    const long = 'I do not dare to say it. '.repeat(200).trim();
    const tooLong = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: long }).toString(),
    });
    expect(tooLong.status).toBe(413);
    const shownBack = await tooLong.text();
    expect(shownBack).toContain(`What you wrote is ${long.length.toLocaleString('en-GB')} characters long, and at most 4,000 fit`);
    expect(shownBack).toContain(long.slice(0, 200));
    const sent = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'He cancels at the last minute and I do not dare to say it.' }).toString(),
    });
    expect(sent.status).toBe(200);
    expect(await sent.text()).toMatch(/within 2 working days/);
    await h.idle();
    for (const admin of admins) await h.lastEmailTo(admin, /^Private concern from Sam Senior/);
    await h.lastEmailTo(p.mentee.email, /^We received your concern/);

    const { body: listed } = await call('GET', `/programs/${programId}/concerns`);
    expect(listed.concerns).toHaveLength(1);
    const concernId = listed.concerns[0].concernId as string;
    const one = await call('GET', `/concerns/${concernId}`);
    expect(one.status).toBe(200);
    expect(one.body).toMatchObject({ state: 'open', channel: 'link', raisedBy: { role: 'mentee' }, pairing: { pairingId: p.pairingId } });
    expect(one.body.pairing.recent.map((l: { kind: string }) => l.kind)).toContain('accepted');
    expect(JSON.stringify(one.body.pairing)).not.toMatch(/note|answers/);

    // Invalid: 400 naming the field.
    const noNote = await call('POST', `/concerns/${concernId}`, { action: 'resolve' });
    expect(noNote.status).toBe(400);
    expect(noNote.body.issues.map((i: { field: string }) => i.field)).toContain('note');
    const badAction = await call('POST', `/concerns/${concernId}`, { action: 'close' });
    expect(badAction.status).toBe(400);
    expect(badAction.body.issues.map((i: { field: string }) => i.field)).toContain('action');
    expect((await call('POST', `/concerns/${concernId}`, '{"action":')).status).toBe(400);
    // Another program's view of it: as unknown as a made-up id.
    expect((await call('GET', `/programs/${other}/concerns/${concernId}`)).status).toBe(404);
    expect((await call('POST', `/programs/${other}/concerns/${concernId}`, { action: 'acknowledge' })).status).toBe(404);
    expect((await call('GET', `/programs/${other}/concerns`)).body.concerns).toEqual([]);
    expect((await call('GET', '/concerns/cn_unknown')).status).toBe(404);
    expect((await call('GET', '/programs/no-such-program/concerns')).status).toBe(404);

    const acked = await call('POST', `/programs/${programId}/concerns/${concernId}`, { action: 'acknowledge' });
    expect(acked.status).toBe(200);
    expect(acked.body.state).toBe('acknowledged');
    expect((await call('POST', `/concerns/${concernId}`, { action: 'acknowledge' })).status).toBe(409);
    expect((await call('GET', `/programs/${programId}/concerns?state=open`)).body.concerns).toEqual([]);

    // Acknowledged in time: the escalation date passes without another email.
    await h.advance('P5D');
    await h.idle();
    for (const admin of admins) expect((await h.emailsTo(admin)).some((e) => /^Still open/.test(e.subject))).toBe(false);
    expect((await h.pairing(p.pairingId)).audit.some((l) => l.kind === 'concern-settled')).toBe(true);

    const resolved = await call('POST', `/concerns/${concernId}`, { action: 'resolve', note: 'Talked to both; agreed a fixed slot.' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ state: 'resolved', note: 'Talked to both; agreed a fixed slot.' });
    expect((await call('POST', `/concerns/${concernId}`, { action: 'resolve', note: 'again' })).status).toBe(409);

    // Another group: the handler refuses it with 403, as the JWT authorizer would let it through.
    useCloudTable(cloud);
    const { handler } = await import('../../functions/concerns-api');
    const context = lambdaContext('ConcernsApi');
    for (const [method, path, body] of [
      ['GET', `/programs/${programId}/concerns`, undefined],
      ['GET', `/concerns/${concernId}`, undefined],
      ['POST', `/concerns/${concernId}`, { action: 'acknowledge' }],
    ] as const) {
      const res = (await handler(httpApiEvent({ method, path, body, groups: '[managers]' }), context)) as HttpResult;
      expect(res.statusCode, `${method} ${path}`).toBe(403);
    }
  });
});

describe('fit check: a no-fault exit', () => {
  it('"no" to the fit check ends the pairing as not-a-fit, tells both the same neutral words and rematches both', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    await h.reply(await h.nextEmail(p.mentor.email, /^Check-in:/), 'yes 4');
    await h.reply(await h.received(p.mentee.email, /^Check-in:/), 'yes 3');
    const mentorAsk = await h.received(p.mentor.email, /good fit\?/);
    const menteeAsk = await h.received(p.mentee.email, /good fit\?/);
    // Asked in each person's own working morning, with one deadline for both.
    for (const [ask, zone] of [
      [mentorAsk, 'Europe/London'],
      [menteeAsk, 'Europe/Berlin'],
    ] as const) {
      const hour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: zone, hour: '2-digit', hourCycle: 'h23' }).format(new Date(ask.sentAt)));
      expect(hour, `${ask.to[0]} at ${ask.sentAt}`).toBeGreaterThanOrEqual(9);
      expect(hour).toBeLessThan(17);
    }
    const deadline = (e: Email) => /Please answer by ([^.]+)\./.exec(e.text.replace(/\s+/g, ' '))?.[1];
    expect(deadline(mentorAsk)).toBeDefined();
    expect(deadline(mentorAsk)).toBe(deadline(menteeAsk));

    await h.reply(mentorAsk, 'Yes');
    await h.reply(menteeAsk, 'No, we are not a good fit');
    await h.until(async () => (await h.pairing(p.pairingId)).pairing.status === 'ended', 'PT1H', 48);
    const { pairing, audit } = await h.pairing(p.pairingId);
    expect(pairing.statusReason).toBe('not-a-fit');
    expect(pairing.checkInsMissed).toBe(0);
    expect(audit.find((l) => l.kind === 'fit-check')?.detail).toEqual({ mentor: 'yes', mentee: 'no' });
    const ended = await Promise.all([p.mentor.email, p.mentee.email].map((to) => h.received(to, /has ended/)));
    for (const e of ended) {
      expect(e.text).toMatch(/The program is changing pairings/);
      expect(e.text).toMatch(/new partner/);
      expect(e.text).not.toMatch(/not a (good )?fit|asked to end|declined/i);
    }
    // The same words for both: neither can tell who answered no.
    expect(seen(ended[0]!).replace(/Sam|Mia/g, 'X')).toBe(seen(ended[1]!).replace(/Sam|Mia/g, 'X'));
    expect(await h.events(p.pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
    for (const admin of admins) expect((await h.emailsTo(admin)).some((e) => /not sure/i.test(e.subject))).toBe(false);
  });

  it('an exit asked for through the concern form ends the pairing without fault; the partner reads only the neutral words', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    const url = concernFormUrl(await h.lastEmailTo(p.mentor.email, /^Meet /));
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'We do not get along.', exit: 'yes' }).toString(),
    });
    expect(res.status).toBe(200);
    await h.until(async () => (await h.pairing(p.pairingId)).pairing.status === 'ended', 'PT1H', 48);
    expect((await h.pairing(p.pairingId)).pairing.statusReason).toBe('not-a-fit');
    const partner = await h.received(p.mentee.email, /has ended/);
    expect(partner.text).toMatch(/The program is changing pairings/);
    expect((await h.emailsTo(p.mentee.email)).map(seen).join('\n')).not.toMatch(/get along|concern from/i);
    for (const admin of admins)
      expect((await h.lastEmailTo(admin, /^Private concern from Mia Mentor/)).text.replace(/\s+/g, ' ')).toContain('Asks to leave the pairing: yes');
    expect(await h.events(p.pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
    // The receipt says what the partner is told, and offers nothing for the pairing that ended (QA safe7).
    const receipt = parts(await h.lastEmailTo(p.mentor.email, /^We received your concern/));
    expect(receipt.body).not.toContain('nothing in the emails your partner receives changes');
    expect(receipt.body).toContain('your partner is told only that your pairing has ended');
    expect(receipt.footer).not.toMatch(/PAUSE|REMATCH/);
  });

  it('a case the pairing watched is still escalated when the pairing ends before its date (here: the partner asks to leave)', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    const form = async (email: Email, fields: Record<string, string>) => {
      const res = await fetch(concernFormUrl(email), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(fields).toString(),
      });
      expect(res.status).toBe(200);
    };
    await form(await h.lastEmailTo(p.mentee.email, /^Meet /), { text: 'She cancels a lot.' });
    const promised = flat(await h.lastEmailTo(p.mentee.email, /^We received your concern/));
    expect(promised).toMatch(/within 2 working days, by /);
    await form(await h.lastEmailTo(p.mentor.email, /^Meet /), { text: 'He is dismissive of me.', exit: 'yes' });
    await h.until(async () => (await h.pairing(p.pairingId)).pairing.status === 'ended', 'PT1H', 48);
    const stillOpen = async (who: string) =>
      (await Promise.all(admins.map((a) => h.emailsTo(a)))).map((l) => l.filter((e) => e.subject.startsWith(`Still open: private concern from ${who}`)));
    expect((await stillOpen('Sam Senior')).flat()).toEqual([]);
    // Nobody acknowledges either case: each admin is reminded of each, once, by the date given.
    await h.until(async () => (await stillOpen('Sam Senior')).every((l) => l.length > 0), 'PT6H', 4 * 6);
    await h.advance('P7D');
    await h.idle();
    for (const who of ['Sam Senior', 'Mia Mentor']) {
      for (const list of await stillOpen(who)) {
        expect(list).toHaveLength(1);
        expect(flat(list[0]!)).toMatch(/, which has ended/);
      }
    }
    const { pairing, audit } = await h.pairing(p.pairingId);
    expect(pairing.concerns).toBeUndefined();
    expect(audit.filter((l) => l.kind === 'concern-escalated')).toHaveLength(2);
  });

  it('an admin who is the partner the concern is about is not told of it; the other admin is', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    // The mentor also helps run the program.
    const patched = await call('PATCH', `/programs/${programId}`, { admins: [admins[0], p.mentor.email] }, { 'if-match': '"1"' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    const res = await fetch(concernFormUrl(await h.lastEmailTo(p.mentee.email, /^Meet /)), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'My mentor mocks my age in meetings.' }).toString(),
    });
    expect(res.status).toBe(200);
    await h.received(admins[0]!, /^Private concern from Sam Senior/);
    await h.advance('P5D');
    await h.idle();
    await h.received(admins[0]!, /^Still open: private concern from Sam Senior/);
    const toMentor = (await h.emailsTo(p.mentor.email)).map(seen).join('\n');
    expect(toMentor).not.toMatch(/mocks my age|concern from/i);
  });

  it('the pair is never pointed to an admin who is the partner; with no admin outside the pair, the person is told nobody was emailed', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    // The mentor is the program's first admin: the mentee is pointed to the other one.
    const first = await call('PATCH', `/programs/${programId}`, { admins: [p.mentor.email, admins[1]] }, { 'if-match': '"1"' });
    expect(first.status, JSON.stringify(first.body)).toBe(200);
    await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'CONCERN: my mentor mocks my age in meetings.');
    const ack = await h.received(p.mentee.email, /^We received your concern/);
    expect(ack.text).not.toContain(p.mentor.email);
    expect(flat(ack)).toContain(`If it is urgent, write to the program team at ${admins[1]}`);
    await h.received(admins[1]!, /^Private concern from Sam Senior/);
    // Now the mentor is the only admin: nobody can be emailed, and the mentee is told so.
    const only = await call('PATCH', `/programs/${programId}`, { admins: [p.mentor.email] }, { 'if-match': '"2"' });
    expect(only.status, JSON.stringify(only.body)).toBe(200);
    const before = (await h.emailsTo(p.mentor.email)).length;
    await h.reply(await h.lastEmailTo(p.mentee.email, /^We received your concern/), 'CONCERN: it happened again today.');
    await h.until(async () => (await h.emailsTo(p.mentee.email)).filter((e) => /^We received your concern/.test(e.subject)).length === 2, 'PT1M', 5);
    const second = (await h.emailsTo(p.mentee.email)).filter((e) => /^We received your concern/.test(e.subject)).at(-1)!;
    expect(flat(second)).toContain('is part of your pairing, so we have not emailed your concern to anyone');
    expect(second.text).not.toContain(p.mentor.email);
    // The form's page says the same, not that an admin will get back within 2 working days (QA concerns2).
    const page = await fetch(concernFormUrl(await h.lastEmailTo(p.mentee.email, /^Meet /)), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'text=It+happened+once+more.',
    });
    const shown = (await page.text()).replace(/\s+/g, ' ');
    expect(page.status).toBe(200);
    expect(shown).toContain('Every admin of the program is part of your pairing, so we have not emailed your concern to anyone');
    expect(shown).not.toContain('one of them will get back to you');
    await h.idle();
    expect((await h.emailsTo(p.mentor.email)).slice(before).map(seen).join('\n')).not.toMatch(/concern|happened again/i);
  });

  it('a concern to a standing address from a mentor with two pairings is filed against the partner it names, or against neither, and ends no pairing by a guess', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const sam = await h.pair({ programId });
    const tom = await h.pair({ programId, mentor: sam.mentor, menteeName: `Tom Elder${h.tag}` });
    const standing = await h.lastEmailTo(sam.mentor.email, /^You are enrolled/);
    // Neither named: the admins are told it is one of two, and no pairing ends.
    await h.reply(standing, 'CONCERN: I feel out of my depth. I want to leave this pairing.');
    const unclear = await h.received(admins[0]!, /^Private concern from Mia Mentor/, 'PT1M');
    expect(unclear.subject).toContain('(one of 2 pairings)');
    expect(flat(unclear)).toContain(`one of their pairings, with Sam Senior${h.tag} (mentee) or Tom Elder${h.tag} (mentee)`);
    expect(flat(unclear)).toContain('Asks to leave the pairing: yes, but they have several pairings, so none has ended');
    const ack = await h.received(sam.mentor.email, /^We received your concern/, 'PT1M');
    expect(flat(ack)).toContain('As you have more than one, none has ended yet');
    await h.idle();
    expect((await h.pairing(sam.pairingId)).pairing.status).not.toBe('ended');
    expect((await h.pairing(tom.pairingId)).pairing.status).not.toBe('ended');
    // Tom also helps run the program: a concern about Sam still never reaches him, a partner too.
    const patched = await call('PATCH', `/programs/${programId}`, { admins: [admins[0], tom.mentee.email] }, { 'if-match': '"1"' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    // Sam named: the case is about that pairing; the exit waits for an admin to confirm it (a name
    // in a text is not the email naming a pairing), so no pairing ends by a guess.
    await h.reply(standing, "CONCERN: Sam's remarks belittle me in every meeting. I want to leave this pairing.");
    const concerns = async () => (await h.emailsTo(admins[0]!)).filter((e) => /^Private concern from Mia Mentor/.test(e.subject));
    await h.until(async () => (await concerns()).length === 2, 'PT1M', 30);
    expect((await concerns())[1]!.subject).toContain(`(pairing with Sam Senior${h.tag})`);
    expect(flat((await concerns())[1]!)).toContain('Asks to leave the pairing: yes, but they have several pairings, so none has ended');
    await h.idle();
    expect((await h.pairing(sam.pairingId)).pairing.status).not.toBe('ended');
    expect((await h.pairing(tom.pairingId)).pairing.status).not.toBe('ended');
    expect((await h.emailsTo(tom.mentee.email)).map(seen).join('\n')).not.toMatch(/Private concern from|belittles/);
  });

  it('"not sure" through the answer link tells every admin privately; the pairing carries on and the partner hears nothing of it', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    await h.reply(await h.nextEmail(p.mentor.email, /^Check-in:/), 'yes 4');
    await h.reply(await h.received(p.mentee.email, /^Check-in:/), 'yes 4');
    const ask = await h.received(p.mentee.email, /good fit\?/);
    const link = /- Not sure yet:\s+(https?:\/\/\S+)/.exec(ask.text)?.[1];
    expect(link, ask.text).toBeDefined();
    const path = new URL(link!).pathname;
    const page = await fetch(`${cloud.baseUrl}${path}`);
    expect(await page.text()).toMatch(/Not sure/);
    const confirmed = await fetch(`${cloud.baseUrl}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ note: 'he wants a coach, I want a peer' }).toString(),
    });
    expect(confirmed.status).toBe(200);
    await h.idle();
    await h.reply(await h.received(p.mentor.email, /good fit\?/), 'yes');
    for (const admin of admins) {
      const note = flat(await h.received(admin, /^Fit check of .*: not sure/));
      expect(note).toMatch(/Sam Senior\S* \(mentee\) answered "not sure"/);
      expect(note).toContain('he wants a coach, I want a peer');
    }
    expect((await h.pairing(p.pairingId)).pairing.status).toBe('active');
    expect((await h.emailsTo(p.mentor.email)).map(seen).join('\n')).not.toMatch(/answered "not sure"|wants a coach/i);
  });
});

describe('concerns: the person is told truthfully who reads it and what happens (QA safe7)', () => {
  it('a concern about a former partner who is an admin says that partner never sees it; with no pairing running the form offers no leave, and a leave sent anyway is answered that there is none', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    // Sam, Mia's partner, also helps run the program; then he leaves it, and their pairing ends.
    const patched = await call('PATCH', `/programs/${programId}`, { admins: [p.mentee.email, admins[1]] }, { 'if-match': '"1"' });
    expect(patched.status, JSON.stringify(patched.body)).toBe(200);
    await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'STOP');
    await h.until(async () => (await h.pairing(p.pairingId)).pairing.status === 'ended', 'PT1M', 5);
    await h.idle();
    await h.reply(await h.lastEmailTo(p.mentor.email), 'CONCERN: ZQX Before he left, Sam said something inappropriate.');
    await h.received(admins[1]!, /^Private concern from Mia Mentor/, 'PT1M');
    const receipt = await h.received(p.mentor.email, /^We received your concern/, 'PT1M');
    const { body } = parts(receipt);
    expect(body).toContain('Only the program admins of Test cohort, other than Sam, read it: Sam never sees it.');
    expect(body).toContain(`If it is urgent, write to the program team at ${admins[1]}`);

    // The form knows who opened it: no pairing runs, so no "leave this pairing" and no partner to speak of.
    const url = concernFormUrl(receipt);
    const form = pageText(await (await fetch(url)).text());
    expect(form).toContain('Only the program admins of Test cohort, other than Sam, read what you write here: Sam never sees it.');
    expect(form).not.toMatch(/leave this pairing|[Yy]our partner/);
    // A leave sent anyway (a page kept open from before): the page and the receipt say there is none to leave.
    const sent = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ text: 'ZQX It still bothers me.', exit: 'yes' }).toString(),
    });
    expect(sent.status).toBe(200);
    const shown = pageText(await sent.text());
    expect(shown).toContain('other than Sam, read it (Sam never sees it)');
    expect(shown).toContain('there is none to leave');
    await h.until(async () => (await h.emailsTo(p.mentor.email)).filter((e) => /^We received your concern/.test(e.subject)).length === 2, 'PT1M', 5);
    const second = parts((await h.emailsTo(p.mentor.email)).filter((e) => /^We received your concern/.test(e.subject)).at(-1)!);
    expect(second.body).toContain('no pairing of yours is running in Test cohort: there is none to leave, and nothing has ended');
    expect(second.body).toContain('Sam never sees it');
    // The admin reads the same: a leave was asked, and nothing ended.
    await h.until(async () => (await h.emailsTo(admins[1]!)).filter((e) => /^Private concern from Mia Mentor/.test(e.subject)).length === 2, 'PT1M', 5);
    const toAdmin = (await h.emailsTo(admins[1]!)).filter((e) => /^Private concern from Mia Mentor/.test(e.subject)).at(-1)!;
    expect(toAdmin.text.replace(/\s+/g, ' ')).toContain(
      'Asks to leave the pairing: yes, but no pairing of theirs runs, so nothing has ended (they were told so)',
    );
    await h.idle();
    // The concern's own words, never a short marker: a link in his other mail may hold any three letters.
    const toSam = [...(await h.emailsTo(p.mentee.email))].filter((e) =>
      /said something inappropriate|still bothers me|concern from/i.test(`${e.subject}\n${e.text}`),
    );
    expect(toSam.map((e) => e.subject)).toEqual([]);
  });

  it('a leave asked for by reply: the receipt says the partner learns only that the pairing ended, and its footer offers nothing for that pairing', async () => {
    const h = lifecycleHarness();
    const { programId } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'CONCERN: He talks down to me. I want to leave this pairing.');
    const receipt = parts(await h.received(p.mentor.email, /^We received your concern/, 'PT1M'));
    expect(receipt.body).toContain('your partner never sees it and is never told that you raised a concern');
    expect(receipt.body).toContain('your partner is told only that your pairing has ended, as the program is changing pairings, never why');
    expect(receipt.body).not.toContain('nothing in the emails your partner receives changes');
    expect(receipt.footer).not.toMatch(/PAUSE|REMATCH/);
    expect(receipt.footer).toMatch(/Reply STOP/);
    expect(receipt.footer).toMatch(/CONCERN/);
    await h.until(async () => (await h.pairing(p.pairingId)).pairing.status === 'ended', 'PT1H', 48);
    const partner = await h.received(p.mentee.email, /has ended/);
    expect(partner.text).toMatch(/The program is changing pairings/);
    expect((await h.emailsTo(p.mentee.email)).map(seen).join('\n')).not.toMatch(/talks down|concern from/i);
  });
});

describe('concerns: each email of a case goes once, however often the form is sent, and never goes missing', () => {
  afterEach(async () => {
    await clearFaults(cloud.baseUrl);
  });

  const sendForm = (url: string, fields: Record<string, string>) =>
    fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
  const count = async (h: Harness, to: string, subject: RegExp) => (await h.emailsTo(to)).filter((e) => subject.test(e.subject)).length;

  it('the form sent three times at once (a double click) opens one case and sends one receipt and one note per admin; so does a leave', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    const url = concernFormUrl(await h.lastEmailTo(p.mentor.email, /^Meet /));
    const expectOnce = async (cases: number) => {
      await h.idle();
      const { body } = await call('GET', `/programs/${programId}/concerns`);
      expect((body as { concerns: unknown[] }).concerns).toHaveLength(cases);
      expect(await count(h, p.mentor.email, /^We received your concern/)).toBe(cases);
      for (const admin of admins) expect(await count(h, admin, /^Private concern from Mia Mentor/)).toBe(cases);
    };

    const stay = await Promise.all([1, 2, 3].map(() => sendForm(url, { text: 'He talks over me in every meeting.' })));
    expect(stay.map((r) => r.status)).toEqual([200, 200, 200]);
    await expectOnce(1);

    const leave = await Promise.all([1, 2, 3].map(() => sendForm(url, { text: 'We do not get along.', exit: 'yes' })));
    expect(leave.map((r) => r.status)).toEqual([200, 200, 200]);
    await h.until(async () => (await h.pairing(p.pairingId)).pairing.status === 'ended', 'PT1H', 48);
    await expectOnce(2);
    expect(await count(h, p.mentee.email, /has ended/)).toBe(1);

    // The same words again days later are a new concern, not a repeat of the first (QA concerns2:
    // a resend was folded into the first case, resolved by then, and nobody heard of it).
    await h.advance('P10D');
    expect((await sendForm(url, { text: 'He talks over me in every meeting.' })).status).toBe(200);
    await expectOnce(3);
  });

  it('the same words the same day are one case while it is open, and a new case (admins emailed, a receipt, watched) once an admin acknowledged or resolved it (QA regress NEW-5)', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const p = await accepted(h, programId);
    const url = concernFormUrl(await h.lastEmailTo(p.mentor.email, /^Meet /));
    const words = { text: 'He is rude to me again.' };
    const page = async () => {
      const res = await sendForm(url, words);
      expect(res.status).toBe(200);
      return (await res.text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    };
    const cases = async () => {
      await h.idle();
      const { body } = await call('GET', `/programs/${programId}/concerns`);
      return (body as { concerns: { concernId: string; state: string }[] }).concerns;
    };
    const emailed = async (n: number) => {
      expect(await count(h, p.mentor.email, /^We received your concern/)).toBe(n);
      for (const admin of admins) expect(await count(h, admin, /^Private concern from Mia Mentor/)).toBe(n);
    };

    expect(await page()).toContain('An email confirms it.');
    const [first] = await cases();
    await emailed(1);
    // Two hours later, still open: a repeat, and the page says so instead of promising anything new.
    await h.advance('PT2H');
    const repeat = await page();
    expect(repeat).toContain('You had already sent us these same words today, so they are one concern, not two');
    expect(repeat).not.toContain('An email confirms it.');
    expect(await cases()).toHaveLength(1);
    await emailed(1);

    // Resolved: the same words again, the same day, are a new concern.
    expect((await call('POST', `/concerns/${first!.concernId}`, { action: 'resolve', note: 'Spoke to both.' })).status).toBe(200);
    await h.advance('PT1H');
    expect(await page()).toContain('An email confirms it.');
    const afterResolve = await cases();
    expect(afterResolve.map((c) => c.state).sort()).toEqual(['open', 'resolved']);
    await emailed(2);
    const second = afterResolve.find((c) => c.state === 'open')!;
    // Watched as the first was: it escalates if nobody acknowledges it.
    expect((await h.pairing(p.pairingId)).pairing.concerns?.map((w: { concernId: string }) => w.concernId)).toContain(second.concernId);

    // Acknowledged: the same again is a third case.
    expect((await call('POST', `/concerns/${second.concernId}`, { action: 'acknowledge' })).status).toBe(200);
    expect(await page()).toContain('An email confirms it.');
    expect((await cases()).map((c) => c.state).sort()).toEqual(['acknowledged', 'open', 'resolved']);
    await emailed(3);
  });

  it('an admin note whose send failed is sent by the next try, and one whose sender died is sent once its claim has lapsed; nobody gets two', async () => {
    const h = lifecycleHarness();
    const { programId, admins } = await twoAdminsProgram(h);
    const person = await h.enrol({ programId, role: 'mentee' });
    const url = concernFormUrl(await h.received(person.email, /^You are enrolled/));
    const [a, b] = admins as [string, string];
    const counts = async () => [
      await count(h, a, /^Private concern/),
      await count(h, b, /^Private concern/),
      await count(h, person.email, /^We received your concern/),
    ];

    // SES fails for admin B (the SDK's three attempts): the form answers an error and admin B's claim is given back.
    await injectFaults(cloud.baseUrl, [{ service: 'ses', kind: 'fail', count: 3, recipient: b }]);
    expect((await sendForm(url, { text: 'My manager keeps asking what I say here.' })).status).toBeGreaterThanOrEqual(500);
    await h.idle();
    expect(await counts()).toEqual([1, 0, 0]);
    expect((await sendForm(url, { text: 'My manager keeps asking what I say here.' })).status).toBe(200);
    await h.idle();
    expect(await counts()).toEqual([1, 1, 1]);

    // Now the sender dies after its claim: SES fails and the claim is not given back (refused here,
    // as a crash leaves it). A try at once leaves it to that sender; a try after the lease sends it.
    // Refused on every attempt the SDK makes: after a clock advance it also repeats errors it reads as clock skew.
    await injectFaults(cloud.baseUrl, [
      { service: 'ses', kind: 'fail', count: 3, recipient: b },
      { service: 'dynamodb', kind: 'conditionalConflict', count: 5, operation: 'DeleteItem', keyPrefix: 'CONCERN#' },
    ]);
    const again = { text: 'It happened again today.' };
    expect((await sendForm(url, again)).status).toBeGreaterThanOrEqual(500);
    expect((await sendForm(url, again)).status).toBe(200);
    await h.idle();
    expect(await counts()).toEqual([2, 1, 2]);
    await h.advance('PT16M');
    expect((await sendForm(url, again)).status).toBe(200);
    await h.idle();
    expect(await counts()).toEqual([2, 2, 2]);
  });
});
