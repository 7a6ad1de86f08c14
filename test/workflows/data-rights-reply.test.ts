import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * Data rights by reply (docs/replies.md): DATA or ERASE to any address of theirs is confirmed by a
 * signed link (GET shows, POST acts), then the copy is emailed or the person is erased.
 */

const cloud = inject('cloud');

function confirmLink(text: string): string {
  const m = /https?:\/\/[^\s)>\]]+\/d\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`No confirm link in:\n${text}`);
  return new URL(m[0]).pathname;
}

describe('data rights by reply', () => {
  it('erases a person who replied ERASE, once they confirm through the signed link; the link alone erases nothing', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'ERASE');
    const confirm = await h.lastEmailTo(mentor.email, /^Confirm: erase your data/);
    const path = confirmLink(confirm.text);
    // The reply asked the question nothing: the introduction is still open, the pairing unchanged.
    expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');

    // A link scanner opens it: a confirm page, nothing erased.
    const shown = await fetch(`${cloud.baseUrl}${path}`);
    expect(shown.status).toBe(200);
    const page = await shown.text();
    expect(page).toContain('Erase your data?');
    expect(page).toMatch(/<form method="post" action="\/d\/[^"]+">/);
    await h.idle();
    const people = async () =>
      (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${(await h.pairing(pairingId)).pairing.programId}`)).json()) as Record<string, any>[];
    expect((await people()).find((p) => p.participantId === mentor.participantId)?.name).not.toBe('');

    // An edited token is refused.
    expect((await fetch(`${cloud.baseUrl}${path.slice(0, -2)}xx`, { method: 'POST' })).status).toBe(400);

    const done = await fetch(`${cloud.baseUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('Your data is being erased');
    await h.idle();
    const last = await h.lastEmailTo(mentor.email, /has been erased/);
    expect(last.replyTo).toEqual([]);
    const tombstone = (await people()).find((p) => p.participantId === mentor.participantId)!;
    expect(tombstone).toMatchObject({ name: '', email: '', status: 'withdrawn', erasure: { erasureId: expect.stringMatching(/^er_/) } });
    // Erased during the introduction, before both said YES: the pairing never started (docs/lifecycle.md).
    expect((await h.pairing(pairingId)).pairing.status).toBe('not-started');
    await h.received(mentee.email, /^Your partner has left the program$/, 'PT1H');

    // The link is spent: nothing is left to erase, and the page says so (not that a question closed).
    const spent = await fetch(`${cloud.baseUrl}${path}`);
    expect(spent.status).toBe(410);
    const spentPage = (await spent.text())
      .replace(/<style[\s\S]*?<\/style>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');
    expect(spentPage).toContain('There is no data left to send or erase');
    expect(spentPage).not.toMatch(/question/i);
  });

  it('a person in two programs who erases through one is told, in the emails and on the page, that both programs and both pairings go', async () => {
    const h = lifecycleHarness();
    const alpha = await h.program({ name: `Alpha Cohort ${h.tag}` });
    const beta = await h.program({ name: `Beta Cohort ${h.tag}` });
    const first = await h.pair({ programId: alpha });
    const intro = await h.lastEmailTo(first.mentor.email, /^Meet /);
    // The same person (same address) is also a mentor in beta, paired there too.
    const inBeta = await h.enrol({ programId: beta, role: 'mentor', name: `Mia Mentor${h.tag}`, email: first.mentor.email, topicsOffered: ['ai-tools'] });
    const second = await h.pair({ programId: beta, mentor: inBeta, menteeName: `Sid Second${h.tag}` });
    const both = new RegExp(`Alpha Cohort ${h.tag} and Beta Cohort ${h.tag}`);

    await h.reply(intro, 'ERASE');
    const confirm = await h.lastEmailTo(first.mentor.email, /^Confirm: erase your data/);
    expect(confirm.subject).toBe('Confirm: erase your data from both programs');
    const text = confirm.text.replace(/\s+/g, ' ');
    expect(text).toMatch(both);
    expect(text).toContain('each of your pairings ends (your partners are told kindly, without a reason)');
    expect(text).toContain('you receive no more emails from any of these programs');

    const path = confirmLink(confirm.text);
    const shown = (await (await fetch(`${cloud.baseUrl}${path}`)).text()).replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    expect(shown).toMatch(both);
    expect(shown).toContain('Each of your pairings ends (your partners are told kindly, without a reason), none of these programs emails you again');

    expect((await fetch(`${cloud.baseUrl}${path}`, { method: 'POST' })).status).toBe(200);
    await h.idle();
    const done = (await h.lastEmailTo(first.mentor.email, /has been erased/)).text.replace(/\s+/g, ' ');
    expect(done).toMatch(both);
    expect(done).toContain('each of your pairings has been ended (your partners are told kindly, without a reason)');
    expect(done).toContain('This is the last email you receive from any of these programs.');
    // What the emails say is what happened: both pairings closed, both partners told. Both were in
    // their introduction, so neither started (docs/lifecycle.md): `not-started`, not `ended`.
    expect((await h.pairing(first.pairingId)).pairing.status).toBe('not-started');
    expect((await h.pairing(second.pairingId)).pairing.status).toBe('not-started');
    await h.received(first.mentee.email, /^Your partner has left the program$/, 'PT1H');
    await h.received(second.mentee.email, /^Your partner has left the program$/, 'PT1H');
  });

  it('a person in two programs who asks for their data is told the copy covers both, and gets both in one file', async () => {
    const h = lifecycleHarness();
    const alpha = await h.program({ name: `Alpha Cohort ${h.tag}` });
    const beta = await h.program({ name: `Beta Cohort ${h.tag}` });
    const inAlpha = await h.enrol({ programId: alpha, role: 'mentee', name: `Dana Data${h.tag}` });
    const welcome = await h.lastEmailTo(inAlpha.email, /./);
    await h.enrol({ programId: beta, role: 'mentee', name: `Dana Data${h.tag}`, email: inAlpha.email });
    const both = new RegExp(`Alpha Cohort ${h.tag} and Beta Cohort ${h.tag}`);

    await h.reply(welcome, 'DATA');
    const confirm = await h.lastEmailTo(inAlpha.email, /^Confirm: send you a copy of your data/);
    expect(confirm.text.replace(/\s+/g, ' ')).toMatch(both);
    const path = confirmLink(confirm.text);
    expect((await (await fetch(`${cloud.baseUrl}${path}`)).text()).replace(/\s+/g, ' ')).toMatch(both);
    expect((await fetch(`${cloud.baseUrl}${path}`, { method: 'POST' })).status).toBe(200);
    await h.idle();
    const copy = await h.lastEmailTo(inAlpha.email, /^Your data from/);
    expect(copy.text.replace(/\s+/g, ' ')).toMatch(both);
    const exported = JSON.parse(Buffer.from(copy.attachments[0]!.content, 'base64').toString('utf8')) as { enrolments: { profile: { programId: string } }[] };
    expect(exported.enrolments.map((e) => e.profile.programId).sort()).toEqual([alpha, beta].sort());
  });

  it('sends a copy of their data to a person who wrote "meine Daten" to their standing address, once confirmed', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentee', name: `Dana Data${h.tag}` });
    const welcome = await h.lastEmailTo(person.email, /./);
    expect(welcome.replyTo.length).toBe(1);
    await h.reply(welcome, 'Meine Daten, bitte');
    const confirm = await h.lastEmailTo(person.email, /^Confirm: send you a copy of your data/);
    const path = confirmLink(confirm.text);
    expect(await (await fetch(`${cloud.baseUrl}${path}`)).text()).toContain('Get a copy of your data?');
    const before = (await h.emailsTo(person.email)).length;
    await h.idle();
    expect(await h.emailsTo(person.email)).toHaveLength(before);

    const done = await fetch(`${cloud.baseUrl}${path}`, { method: 'POST' });
    expect(done.status).toBe(200);
    await h.idle();
    const copy = await h.lastEmailTo(person.email, /^Your data from/);
    expect(copy.attachments).toEqual([expect.objectContaining({ filename: `${person.participantId}.json`, contentType: 'application/json' })]);
    // Its footer, as every participant email's: their private concern form, and no PAUSE while no pairing runs (QA safe7).
    expect(copy.text).toMatch(/your private concern form[\s\S]*\/c\/[\w.-]+/);
    expect(copy.text).not.toContain('Reply PAUSE');
  });

  it('an expired confirm link sends nothing and says how to ask again, not that a question closed', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentor', name: `Eli Expired${h.tag}` });
    // Asked at 08:00 UTC, so that the evening of the day named is later in the day than the request.
    const now = await h.now();
    const eight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 8);
    await h.advance(`PT${Math.round((eight - now.getTime()) / 60_000)}M`);
    await h.reply(await h.lastEmailTo(person.email, /./), 'DATA');
    const confirm = await h.lastEmailTo(person.email, /^Confirm: send you a copy of your data/);
    const path = confirmLink(confirm.text);
    // The day the email names holds to its end (in the person's zone, London): in its evening the link still works.
    const named = /the link works until \w+ (\d{1,2} \w+ \d{4})/.exec(confirm.text.replace(/\s+/g, ' '))![1]!;
    const evening = new Date(`${named} 22:30:00 GMT`);
    await h.advance(`PT${Math.ceil((evening.getTime() - (await h.now()).getTime()) / 60_000)}M`);
    const still = await fetch(`${cloud.baseUrl}${path}`);
    expect(still.status).toBe(200);
    expect(await still.text()).toContain('Get a copy of your data?');
    await h.advance('P1D');
    const before = (await h.emailsTo(person.email)).length;
    for (const method of ['GET', 'POST']) {
      const page = await fetch(`${cloud.baseUrl}${path}`, { method });
      expect(page.status).toBe(410);
      const text = (await page.text()).replace(/\s+/g, ' ');
      expect(text).toContain('This link has expired');
      expect(text).toMatch(/reply DATA/);
      expect(text).not.toMatch(/question|next email/i);
    }
    await h.idle();
    expect(await h.emailsTo(person.email)).toHaveLength(before);
  });

  it('an HR system asking to erase or export an id nobody is enrolled under is rejected with its reason, never taken as done (QA events3)', async () => {
    const h = lifecycleHarness();
    const { mentee } = await h.pair();
    const ghost = `pt_nobody${h.tag}`;
    for (const type of ['ParticipantErasureRequested', 'ParticipantDataRequested']) await h.putEvent(type, { participantId: ghost });
    await h.advance('PT5M');
    const letters = (await (await fetch(`${cloud.baseUrl}/local/dead-letters`)).json()) as { source: string; reason: string }[];
    for (const type of ['ParticipantErasureRequested', 'ParticipantDataRequested'])
      expect(
        letters.some(
          (d) => d.source === 'lambda' && d.reason.startsWith(`${type} event`) && d.reason.includes(`names participant ${ghost}, who is not enrolled`),
        ),
      ).toBe(true);
    // An enrolled person's request is met as before.
    await h.putEvent('ParticipantDataRequested', { participantId: mentee.participantId });
    await h.received(mentee.email, /data/i, 'PT5M');
  });
});
