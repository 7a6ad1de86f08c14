import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness, type Harness } from './harness';

/**
 * QA replies5 on the local cloud: a CONCERN written below the check-in answer ("Yes 3\n\nCONCERN:
 * ...", as people answer the question first and then add what the footer invites) opens a case,
 * reaches the admin and is acknowledged, while the answer above it is recorded as usual; the
 * concern is never the check-in's note, and the partner reads none of it. To a closed check-in the
 * concern is raised all the same.
 */

type Email = Awaited<ReturnType<Harness['emails']>>[number];
/** The plain-text part on one line, without the quote marks a quoted concern is wrapped in. */
const flat = (e: Email) => e.text.replace(/\n>[ \t]?/g, ' ').replace(/\s+/g, ' ');

/** The reply as the person's mail program sends it, with a fixed Message-ID (the same message delivered twice). */
function replyRaw(to: Email, from: string, text: string): string {
  return [
    `From: <${from}>`,
    `To: <${to.replyTo[0]}>`,
    `Subject: Re: ${to.subject}`,
    `Message-ID: <${randomBytes(8).toString('hex')}@mail.example.com>`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    text,
    '',
  ].join('\r\n');
}

async function concernsOf(programId: string) {
  const list = await call<{ concerns: { text?: string; pairingId?: string; state: string; exit: boolean }[] }>('GET', `/programs/${programId}/concerns`);
  expect(list.status).toBe(200);
  return list.body.concerns;
}

describe('a CONCERN below the check-in answer', () => {
  it('records the answer, opens one case that reaches the admin and is acknowledged, and the partner reads none of it', async () => {
    const h = lifecycleHarness();
    const p = await activePair(h);
    const checkIn = await h.nextEmail(p.mentor.email, /^Check-in:/);
    const words = `ZQX${h.tag} Gia was late again and made fun of my questions in front of her colleagues. I would like to talk to someone about it.`;
    const raw = replyRaw(checkIn, p.mentor.email, `Yes 3\n\nCONCERN: ${words}`);
    // The same message delivered twice: one answer, one case, one email of each.
    await h.postRaw(raw);
    await h.postRaw(raw);

    const note = flat(await h.lastEmailTo(h.admin, /^Private concern from Mia Mentor/));
    expect(note).toContain(words);
    expect((await h.emailsTo(h.admin)).filter((e) => /^Private concern from/.test(e.subject))).toHaveLength(1);
    expect(flat(await h.lastEmailTo(p.mentor.email, /^We received your concern/))).toContain(words);
    expect((await h.emailsTo(p.mentor.email)).filter((e) => /^We received your concern/.test(e.subject))).toHaveLength(1);
    const cases = await concernsOf(p.programId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ state: 'open', pairingId: p.pairingId, text: words, exit: false });

    // The partner answers too: the round completes with the mentor's answer, without the concern as its note.
    await h.reply(await h.received(p.mentee.email, /^Check-in:/), 'Yes 4');
    await h.idle();
    const { checkIns } = await h.pairing(p.pairingId);
    expect(checkIns).toHaveLength(1);
    expect(checkIns[0].mentor).toMatchObject({ rating: 3, channel: 'email' });
    expect(JSON.stringify(checkIns)).not.toContain(`ZQX${h.tag}`);
    const read = await call('GET', `/pairings/${p.pairingId}`);
    expect(JSON.stringify(read.body.checkIns)).not.toContain(`ZQX${h.tag}`);

    // A week on, nothing the partner was sent holds the concern's words or says there is one.
    await h.advance('P7D');
    await h.idle();
    for (const e of await h.emailsTo(p.mentee.email))
      expect(`${e.subject}\n${e.text}\n${e.html}`).not.toMatch(new RegExp(`ZQX${h.tag}|Gia was late|concern from`));
  });

  it('to a closed check-in: the concern is raised all the same, and the person hears the question closed', async () => {
    const h = lifecycleHarness();
    const p = await activePair(h);
    const checkIn = await h.nextEmail(p.mentor.email, /^Check-in:/);
    // The window closes unanswered (when depends on the start day and send times: wait for the round's record).
    await h.until(async () => (await h.pairing(p.pairingId)).checkIns.length > 0, 'PT6H');
    const words = `ZQX${h.tag} she keeps cancelling at the last minute.`;
    await h.reply(checkIn, `Yes 3\n\nConcern: ${words}`);

    await h.lastEmailTo(p.mentor.email, /already closed/);
    expect(flat(await h.lastEmailTo(h.admin, /^Private concern from Mia Mentor/))).toContain(words);
    expect(flat(await h.lastEmailTo(p.mentor.email, /^We received your concern/))).toContain(words);
    expect(await concernsOf(p.programId)).toMatchObject([{ state: 'open', pairingId: p.pairingId, text: words }]);
    expect(JSON.stringify((await h.pairing(p.pairingId)).checkIns)).not.toContain(`ZQX${h.tag}`);
    for (const e of await h.emailsTo(p.mentee.email)) expect(`${e.subject}\n${e.text}\n${e.html}`).not.toMatch(new RegExp(`ZQX${h.tag}|concern from`));
  });
});
