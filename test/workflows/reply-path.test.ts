import { describe, expect, inject, it } from 'vitest';
import { activePair, dayAhead, lifecycleHarness, type Harness } from './harness';

/**
 * Issue 12 point 3: every email that tells people to reply STOP or PAUSE has a Reply-To that takes
 * it, and every participant email carries a one-click unsubscribe link (docs/inbound.md).
 */

const cloud = inject('cloud');
type Email = Awaited<ReturnType<Harness['emails']>>[number];

const header = (email: Email, name: string) => email.headers?.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
const REPLY_ADDRESS = /^reply\+[a-z2-7]{24}\.[a-z2-7]{16}@/;

async function participant(participantId: string): Promise<Record<string, any>> {
  const res = await fetch(`${cloud.baseUrl}/participants/${participantId}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, any>;
}

/** The one-click link of an email, as the same path on the local cloud. */
function unsubscribeUrl(email: Email): string {
  const value = header(email, 'List-Unsubscribe') ?? '';
  const match = /^<(https?:\/\/[^>]+)>$/.exec(value);
  expect(match, `List-Unsubscribe of "${email.subject}" is "${value}"`).not.toBeNull();
  const url = new URL(match![1]!);
  expect(url.pathname).toMatch(/^\/u\/[a-z2-7]{24}\.[A-Za-z0-9_-]{43}$/);
  return `${cloud.baseUrl}${url.pathname}`;
}

describe('reply path: a standing address on every email that asks nothing', () => {
  it('withdraws the person who replies STOP to their enrolment confirmation', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    await h.idle();
    const confirmation = await h.lastEmailTo(person.email, /^You are enrolled/);
    expect(confirmation.text).toMatch(/Reply STOP/);
    expect(confirmation.replyTo).toHaveLength(1);
    expect(confirmation.replyTo[0]).toMatch(REPLY_ADDRESS);
    expect(confirmation.replyTo[0]).not.toBe(confirmation.from);
    expect((await participant(person.participantId)).status).not.toBe('withdrawn');

    await h.reply(confirmation, 'STOP');
    expect((await participant(person.participantId)).status).toBe('withdrawn');
  });

  it('answers something other than a command on the standing address with what it accepts, and changes nothing', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentee', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });
    await h.idle();
    const confirmation = await h.lastEmailTo(person.email, /^You are enrolled/);
    await h.reply(confirmation, 'Thanks, looking forward to it!');
    const help = await h.lastEmailTo(person.email, /this address takes STOP, CONCERN, DATA or ERASE/);
    expect(help.text).toMatch(/Nothing was recorded/);
    // The note itself can be answered with a command: it carries the same standing address.
    expect(help.replyTo).toEqual(confirmation.replyTo);
    expect((await participant(person.participantId)).status).not.toBe('withdrawn');
  });

  it('pauses the running pairing when someone replies PAUSE to a thank-you email', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await activePair(h);
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'yes 4');
    const thanks = await h.received(mentor.email, /^Thank you for checking in/);
    expect(thanks.replyTo[0]).toMatch(REPLY_ADDRESS);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    await h.reply(thanks, 'PAUSE');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1H', 48);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');
  });
});

describe('reply path: the introduction footer offers NO only where a reply does it', () => {
  const footer = (email: Email) => email.text.split('\n-- \n').at(-1)!.replace(/\s+/g, ' ');

  it('names the introduction email on standing-address notices, and offers no NO to someone who answered', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee } = await h.pair();
    const mentorIntro = await h.lastEmailTo(mentor.email, /^Meet /);
    const menteeIntro = await h.lastEmailTo(mentee.email, /^Meet /);
    // The introduction's own address takes NO with a date: its footer says so.
    expect(footer(menteeIntro)).toMatch(/Reply NO with the date you are back/);

    // Mia said YES and writes NO after: "already answered", at her standing address.
    await h.reply(mentorIntro, 'YES');
    await h.reply(mentorIntro, 'NO, sorry - something came up');
    const answered = await h.lastEmailTo(mentor.email, /already answered/);
    expect(answered.replyTo).not.toEqual(mentorIntro.replyTo);
    expect(footer(answered)).not.toMatch(/\bNO\b/);
    expect(footer(answered)).toMatch(/Reply STOP/);

    // Sam has not answered: the notice of a reply from another address asks his introduction again,
    // at the introduction's own address (wrong-sender-asks-again), which takes NO with a date.
    await h.reply(menteeIntro, 'YES from me', { from: `colleague-${h.tag}@example.com` });
    const notice = await h.lastEmailTo(mentee.email, /another address/);
    expect(notice.replyTo).toEqual(menteeIntro.replyTo);
    expect(footer(notice)).toMatch(/Reply NO with the date you are back/);
    // At his standing address (his enrolment email's), NO is not taken: the help says where it goes.
    await h.reply(await h.lastEmailTo(mentee.email, /^You are enrolled/), `NO, away until ${await dayAhead(h)}`);
    const help = await h.lastEmailTo(mentee.email, /^Your reply was not recorded/);
    expect(help.replyTo).not.toEqual(menteeIntro.replyTo);
    expect(help.text.replace(/\s+/g, ' ')).toMatch(/reply YES or NO to your introduction email/);
    expect(footer(help)).toMatch(/Reply NO to your introduction email/);
    expect(footer(help)).not.toMatch(/Reply NO with the date/);
  });
});

describe('reply path: the standing address answers a mail robot a few times a day, then stays silent', () => {
  it('sends at most three helps in a day to a robot without auto-reply headers; STOP still acts', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    await h.idle();
    const robot = 'Thank you for your message. This mailbox is monitored during business hours; we will get back to you within 2 working days.';
    const helps = async () => (await h.emailsTo(person.email)).filter((e) => /^Your reply was not recorded/.test(e.subject)).length;
    let last = await h.lastEmailTo(person.email, /^You are enrolled/);
    for (let i = 1; i <= 5; i++) {
      await h.reply(last, robot);
      last = (await h.emailsTo(person.email)).at(-1)!;
    }
    expect(await helps()).toBe(3);

    // A day after the first, the address answers again.
    await h.advance('P1DT1H');
    await h.reply(last, robot);
    expect(await helps()).toBe(4);

    // Past the cap, a command still acts.
    for (let i = 1; i <= 3; i++) await h.reply(last, robot);
    expect(await helps()).toBe(6);
    await h.reply(last, 'STOP');
    expect((await participant(person.participantId)).status).toBe('withdrawn');
  });
});

describe('reply path: one-click unsubscribe (RFC 8058)', () => {
  it('GET shows a confirm page and changes nothing; POST withdraws at once', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentor', topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    await h.idle();
    const confirmation = await h.lastEmailTo(person.email, /^You are enrolled/);
    expect(header(confirmation, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
    const url = unsubscribeUrl(confirmation);

    const page = await fetch(url);
    expect(page.status).toBe(200);
    const body = await page.text();
    expect(body).toMatch(/<form method="post"/);
    expect(body).toMatch(/Nothing changes until you press the button/);
    await h.idle();
    expect((await participant(person.participantId)).status).not.toBe('withdrawn');

    // What a mail client sends for one click: no confirmation, no cookie, just this body.
    const click = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    await h.idle();
    expect((await participant(person.participantId)).status).toBe('withdrawn');
  });

  it('refuses an edited link and withdraws nobody', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentee', topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });
    await h.idle();
    const url = unsubscribeUrl(await h.lastEmailTo(person.email, /^You are enrolled/));
    // The last character: it also carries bits the signature does not use, which must not be editable either.
    const edited = url.replace(/.$/, (c) => (c === 'A' ? 'B' : 'A'));
    const res = await fetch(edited, { method: 'POST', body: 'List-Unsubscribe=One-Click', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(res.status).toBe(400);
    await h.idle();
    expect((await participant(person.participantId)).status).not.toBe('withdrawn');
  });
});

describe('reply path: every "reply STOP/PAUSE" has a Reply-To that takes it', () => {
  it('walks the emails of a pairing: each participant email that says so has a reply address and unsubscribe headers', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'yes 4');
    await h.reply(await h.received(mentee.email, /^Check-in:/), 'yes 5');
    await h.received(mentor.email, /^Thank you for checking in/);
    await h.nextEmail(mentor.email, /^Check-in:/); // left unanswered: a nudge may follow
    await h.advance('P7D');
    await h.idle();

    const sent = [...(await h.emailsTo(mentor.email)), ...(await h.emailsTo(mentee.email))];
    const asking = sent.filter((e) => /reply (STOP|PAUSE|END)/i.test(e.text));
    const subjects = new Set(asking.map((e) => e.subject.replace(/\d+/g, '#')));
    // The confirmation, introductions, check-ins and a thank-you at least.
    expect(subjects.size).toBeGreaterThanOrEqual(4);
    for (const email of asking) {
      expect(email.replyTo, `Reply-To of "${email.subject}"`).toHaveLength(1);
      expect(email.replyTo[0], `Reply-To of "${email.subject}"`).toMatch(REPLY_ADDRESS);
      expect(email.replyTo[0]).not.toBe(email.from);
      expect(header(email, 'List-Unsubscribe-Post'), `headers of "${email.subject}"`).toBe('List-Unsubscribe=One-Click');
      unsubscribeUrl(email);
    }
    // Emails that ask nothing share one standing address per person, and it takes STOP.
    const noQuestion = asking.filter((e) => e.to.includes(mentee.email) && /^(You are enrolled|Thank you)/.test(e.subject));
    expect(noQuestion.length).toBeGreaterThanOrEqual(2);
    expect(new Set(noQuestion.map((e) => e.replyTo[0])).size).toBe(1);
    await h.reply(noQuestion.at(-1)!, 'STOP');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1H', 48);
    expect((await participant(mentee.participantId)).status).toBe('withdrawn');
  });
});
