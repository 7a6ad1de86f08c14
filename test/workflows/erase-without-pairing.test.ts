import { describe, expect, inject, it } from 'vitest';
import { activePair, lifecycleHarness, pairIntroducedToMenteeOnly } from './harness';

/**
 * What an ERASE says of a pairing is what it does (QA: Lucas, waitlisted after his partner's
 * REMATCH, and Aiko, withdrawn by STOP, were told by the confirm email, the confirm page and the
 * "erased" email that their pairing ends and their partner is told, while nothing ran and no former
 * partner heard anything). A partner is said to be told only when the end tells them.
 */

const cloud = inject('cloud');
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** An email's body, without its footer (whose REMATCH line speaks of a pairing). */
const body = (text: string) => flat(text).split(' -- ')[0]!;
const visible = (page: string) => flat(page.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' '));

function confirmPath(text: string): string {
  const m = /https?:\/\/[^\s)>\]]+\/d\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(text);
  if (!m) throw new Error(`No confirm link in:\n${text}`);
  return new URL(m[0]).pathname;
}

describe('ERASE with no pairing running', () => {
  it("someone whose pairing ended through their partner's REMATCH reads nothing of a pairing or a partner, and no former partner hears anything (QA)", async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    // The partner asks for someone new: the pairing ends, and Lucas (the mentor) waits for a new partner.
    await h.reply(await h.lastEmailTo(mentee.email, /^You are enrolled/), 'REMATCH');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1H', 24);
    await h.received(mentor.email, /has ended$/);
    await h.idle();
    const partnerMail = (await h.emailsTo(mentee.email)).length;

    await h.reply(await h.lastEmailTo(mentor.email, /has ended$/), 'ERASE');
    const confirm = await h.lastEmailTo(mentor.email, /^Confirm: erase your data/);
    expect(body(confirm.text)).toContain('If you confirm, you receive no more emails from the program, and your profile, answers and notes are deleted.');
    expect(body(confirm.text)).not.toMatch(/pairing|partner/);

    const path = confirmPath(confirm.text);
    const page = visible(await (await fetch(`${cloud.baseUrl}${path}`)).text());
    expect(page).toContain('Press the button to erase your data: the program stops emailing you');
    expect(page).not.toMatch(/pairing|partner/);

    expect((await fetch(`${cloud.baseUrl}${path}`, { method: 'POST' })).status).toBe(200);
    await h.idle();
    const done = await h.lastEmailTo(mentor.email, /has been erased/);
    expect(body(done.text)).toContain('As you asked, your profile, answers and notes are deleted. Only anonymous counts remain.');
    expect(body(done.text)).not.toMatch(/pairing|partner/);
    // Nothing went to the former partner: there was no pairing to end.
    await h.advance('P1D');
    await h.idle();
    expect(await h.emailsTo(mentee.email)).toHaveLength(partnerMail);
  });

  it('a running pairing whose partner was never introduced ends, and the emails say no partner is told; the partner hears nothing of it', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await pairIntroducedToMenteeOnly(h);
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'ERASE');
    const confirm = await h.lastEmailTo(mentee.email, /^Confirm: erase your data/);
    expect(body(confirm.text)).toContain('If you confirm, your pairing ends, you receive no more emails from the program');
    expect(body(confirm.text)).not.toMatch(/partner/);
    const path = confirmPath(confirm.text);
    const page = visible(await (await fetch(`${cloud.baseUrl}${path}`)).text());
    expect(page).toContain('Press the button to erase your data: your pairing ends, the program stops emailing you');
    expect(page).not.toMatch(/partner/);

    expect((await fetch(`${cloud.baseUrl}${path}`, { method: 'POST' })).status).toBe(200);
    await h.idle();
    const done = await h.lastEmailTo(mentee.email, /has been erased/);
    expect(body(done.text)).toContain('your profile, answers and notes are deleted, and your pairing has been ended.');
    expect(body(done.text)).not.toMatch(/partner/);
    // What the emails said is what happened: the pairing closed (in its introduction, so it never
    // started: `not-started`), and Noa, never introduced, was not told of it.
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'not-started', 'PT1H', 24);
    await h.advance('P1D');
    await h.idle();
    const toNoa = await h.emailsTo(mentor.email);
    expect(toNoa.filter((e) => /^Meet |has left|has ended/.test(e.subject)).map((e) => e.subject)).toEqual([]);
  });
});
