import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * QA concerns3, bug 2, on the local cloud: Mia is paired with Sam in program A and with Tom in
 * program B, where Sam is the first admin. Her concern in B reaches B's other admin only, and her
 * receipt points her to that admin, never to Sam.
 */
describe('a concern and the raiser’s partner from another program who is an admin there', () => {
  it('is not emailed to the partner-admin, and the receipt names the other admin', async () => {
    const h = lifecycleHarness();
    const a = await h.pair({});
    await h.reply(await h.lastEmailTo(a.mentor.email, /^Meet /), 'yes');
    await h.reply(await h.lastEmailTo(a.mentee.email, /^Meet /), 'yes');
    const bob = `bob-${h.tag}@example.com`;
    // Sam's address in another letter case: admins and enrolments are compared without it.
    const programB = await h.program({ admins: [a.mentee.email.toUpperCase(), bob] });
    const miaInB = await h.enrol({
      programId: programB,
      role: 'mentor',
      email: a.mentor.email,
      name: `Mia Mentor${h.tag}`,
      topicsOffered: ['ai-tools', 'social-media'],
      topicsWanted: ['strategy'],
      manager: { email: `mentor-boss-${h.tag}@example.com` },
      consent: { dataProcessing: true, shareProgressWithManager: false },
    });
    const b = await h.pair({ programId: programB, mentor: miaInB, menteeName: `Tom Elder${h.tag}` });
    // Her introduction in program B (she already has program A's): the second one.
    const intros = async () => (await h.emailsTo(a.mentor.email)).filter((e) => /^Meet /.test(e.subject));
    await h.until(async () => (await intros()).length === 2, 'PT1H', 24 * 8);
    const intro = (await intros()).at(-1)!;
    expect(intro.subject).toContain('Tom');
    // The premise: Sam is still Mia's partner in a running pairing of program A when she raises it.
    expect((await h.pairing(a.pairingId)).pairing.status).toBe('active');
    await h.reply(intro, 'CONCERN: Tom ignores my advice and I feel unsafe');
    await h.received(bob, /^Private concern from Mia Mentor/);
    const receipt = await h.received(a.mentor.email, /^We received your concern/);
    const flat = receipt.text.replace(/\s+/g, ' ');
    expect(flat).toContain(`If it is urgent, write to the program team at ${bob}`);
    expect(flat.toLowerCase()).not.toContain(a.mentee.email.toLowerCase());
    await h.idle();
    // Sam's mail as a participant (his address) and as program B's admin (the address in capitals).
    const samsMail = async () => [...(await h.emailsTo(a.mentee.email)), ...(await h.emailsTo(a.mentee.email.toUpperCase()))];
    // The concern's own words, never a short marker: a link or address in his other mail may hold any three letters.
    const toSam = (await samsMail()).filter((e) => /ignores my advice|concern from/i.test(`${e.subject}\n${e.text}`));
    // Who got what, if any reached him: the subject, the address it went to and its first words.
    const seen = (mail: typeof toSam) => mail.map((e) => `${e.subject} | to ${e.to.join(', ')} | ${e.text.replace(/\s+/g, ' ').slice(0, 300)}`);
    expect(seen(toSam)).toEqual([]);
    expect(b.pairingId).toBeDefined();
    // Left unread, the case is escalated days later: "Still open" goes to bob, never to Sam (the case
    // keeps whom it is kept from; the weekly digest's choice is concernHiddenFrom, unit-tested).
    await h.until(async () => (await h.emailsTo(bob)).some((e) => /^Still open: private concern from Mia Mentor/.test(e.subject)), 'P1D', 14);
    await h.advance('P7D');
    await h.idle();
    const toSamLater = (await samsMail()).filter((e) => /ignores my advice|concern from|Still open/i.test(`${e.subject}\n${e.text}`));
    expect(seen(toSamLater)).toEqual([]);
    const concern = (await h.emailsTo(bob)).find((e) => /^Private concern from/.test(e.subject));
    expect(concern).toBeDefined();
  });
});
