import { describe, expect, inject, it } from 'vitest';
import { activePair, dayAhead, lifecycleHarness } from './harness';

/** A day a month ahead of the shared clock, as people write it ("3 March"): never one that has passed. */
describe('PairingLifecycle: control requests act at once', () => {
  it('pauses until the requested date (PAUSE by reply), asks nothing meanwhile, then resumes and tells both', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/);
    await h.reply(checkIn, 'yes 4');
    const pauseUntil = new Date((await h.now()).getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(await h.received(mentee.email, /^Check-in:/), `PAUSE until ${pauseUntil}`);
    // The pause acts at once: no step has to come due first (its email waits for working hours).
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');
    await h.received(mentor.email, /is paused until/);
    const paused = await h.pairing(pairingId);
    expect(paused.pairing.status).toBe('paused');
    // What was recorded stays: the mentor's answer, on the round kept open to its deadline for the mentee.
    expect(paused.pairing.round?.answers.mentor, JSON.stringify(paused.audit)).toMatchObject({ rating: 4 });
    const asked = (await h.emailsTo(mentor.email)).filter((e) => /^Check-in:/.test(e.subject)).length;
    await h.advance('P10D'); // still inside the pause, past the check-in's deadline
    expect((await h.pairing(pairingId)).checkIns).toMatchObject([{ met: true }]);
    expect((await h.emailsTo(mentor.email)).filter((e) => /^Check-in:/.test(e.subject)).length).toBe(asked);
    await h.nextEmail(mentee.email, /has resumed/);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    const events = await h.events(pairingId);
    expect(events).toContain('PairingPaused');
    expect(events.indexOf('PairingResumed')).toBeGreaterThan(events.indexOf('PairingPaused'));
  });

  it('PAUSE from a later day until another, by reply: the pair goes on until then, pauses on that day and resumes on the return day', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const checkIn = await h.nextEmail(mentee.email, /^Check-in:/);
    const today = Date.parse(`${(await h.now()).toISOString().slice(0, 10)}T00:00:00Z`);
    const day = (days: number) => new Date(today + days * 86_400_000).toISOString().slice(0, 10);
    const words = (iso: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
    // A check-in falls between the booking and the first day (every 14 days by default).
    const [from, until] = [day(24), day(38)];
    await h.reply(checkIn, `PAUSE from ${words(from)} until ${words(until)}`);
    const booked = await h.pairing(pairingId);
    expect(booked.pairing.status).toBe('active');
    expect(booked.pairing.pauseBooked).toMatchObject({ fromDay: from, untilDay: until });
    const told = await h.received(mentee.email, /will pause from/);
    expect(told.text.replace(/\s+/g, ' ')).toContain('Until then, everything goes on as usual.');
    await h.received(mentor.email, /will pause from/);
    // Check-ins go on before the first day; the pause starts on it and asks nothing until the return day.
    const askedBefore = async () => (await h.emailsTo(mentor.email)).filter((e) => /^Check-in:| review with /.test(e.subject)).length;
    const atBooking = await askedBefore();
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT12H', 2 * 30);
    expect((await h.now()).toISOString().slice(0, 10) >= day(23)).toBe(true);
    expect(await askedBefore()).toBeGreaterThan(atBooking);
    const whenPaused = await askedBefore();
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'active', 'PT12H', 2 * 20);
    expect((await h.now()).toISOString().slice(0, 10) >= day(37)).toBe(true);
    expect(await askedBefore()).toBe(whenPaused);
    await h.received(mentee.email, /has resumed/);
  });

  it("HR's booked pause is cancelled by a resume before it starts: both are told, and nothing pauses", async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const today = Date.parse(`${(await h.now()).toISOString().slice(0, 10)}T00:00:00Z`);
    const day = (days: number) => new Date(today + days * 86_400_000).toISOString().slice(0, 10);
    await h.putEvent('PairingPauseRequested', { pairingId, from: day(10), until: day(20) }, 'crossgen.admin');
    await h.until(async () => (await h.pairing(pairingId)).pairing.pauseBooked !== undefined, 'PT1M', 10);
    await h.putEvent('PairingResumeRequested', { pairingId }, 'crossgen.admin');
    for (const who of [mentor.email, mentee.email]) await h.received(who, /^The pause of your pairing with \w+ is cancelled$/);
    await h.advance('P12D');
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('active');
    expect(pairing.pauseBooked).toBeUndefined();
    expect(audit.map((l) => l.kind)).toContain('pause-booking-cancelled');
    expect(audit.map((l) => l.kind)).not.toContain('paused');
  });

  it('PAUSE to an introduction is answered: nothing has started to pause, and the person is told what works (the question stays open)', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await h.pair();
    const back = await dayAhead(h);
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `PAUSE until ${back}`);
    const asked = await h.received(mentee.email, /^Could you say that again/);
    const said = asked.text.replace(/\s+/g, ' ');
    expect(said).toContain(
      'What we understood: PAUSE, but your pairing has not started yet, so there is nothing to pause: reply YES to begin, or NO with the date you are back',
    );
    // Its example is the day the PAUSE named, in the footer's words, never a fixed day that may have passed.
    expect(said).toContain(`(for example "NO, away until ${back}")`);
    // Its footer offers what works before the start, not the PAUSE it has just declined.
    expect(said).not.toMatch(/Reply PAUSE/);
    expect(said).toContain('Reply NO with the date you are back');
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('introduced');
    expect(audit.map((l) => l.kind)).not.toContain('control-ignored');
    // The introduction still takes its answer.
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES');
    expect((await h.pairing(pairingId)).pairing.round?.answers.mentee).toMatchObject({ intent: 'yes' });
  });

  it('PAUSE to the standing address during an introduction is answered too: nothing to pause yet, and what works instead', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    await h.reply(intro, 'YES');
    await h.reply(intro, 'yes again');
    const already = await h.received(mentee.email, /already answered/);
    await h.reply(already, `PAUSE until ${await dayAhead(h)}`);
    const told = await h.received(mentee.email, /^Nothing to pause yet/);
    // She said YES already: no YES or NO is offered to her again, in the text or the footer.
    expect(told.text.replace(/\s+/g, ' ')).toContain('You have already answered your introduction; your pairing starts once your partner has said YES too.');
    expect(told.text).not.toMatch(/Reply PAUSE|\bNO\b/);
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('introduced');
    expect(audit.map((l) => l.kind)).not.toContain('control-ignored');
  });

  it('PAUSE replied to the introduction once the pairing runs pauses it, as the footer of every email offers', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await activePair(h);
    const until = new Date((await h.now()).getTime() + 20 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `PAUSE until ${until}`);
    const { pairing } = await h.pairing(pairingId);
    expect(pairing.status).toBe('paused');
    expect(pairing.pausedUntilDay).toBe(until);
    await h.received(mentee.email, /is paused until/);
    expect((await h.emailsTo(mentee.email)).filter((e) => /^Could you say that again|question has closed/i.test(e.subject))).toEqual([]);
  });

  it('a second PAUSE with a new date, replied to the pause email as it offers, moves the resume date for both', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const checkIn = await h.nextEmail(mentee.email, /^Check-in:/);
    const today = Date.parse(`${(await h.now()).toISOString().slice(0, 10)}T00:00:00Z`);
    const day = (days: number) => new Date(today + days * 86_400_000).toISOString().slice(0, 10);
    const first = day(30);
    await h.reply(checkIn, `PAUSE until ${first}`);
    const note = await h.received(mentee.email, /is paused until/);
    expect(note.text.replace(/\s+/g, ' ')).toContain('To change the date, reply PAUSE with the new date');
    // Back sooner than planned: the new date is earlier.
    const sooner = day(12);
    await h.reply(note, `PAUSE until ${sooner}`);
    await h.idle();
    expect((await h.pairing(pairingId)).pairing.pausedUntilDay).toBe(sooner);
    for (const who of [mentor.email, mentee.email]) {
      await h.until(async () => (await h.emailsTo(who)).filter((e) => /is paused until/.test(e.subject)).length === 2, 'PT1H', 24);
    }
    // It resumes on the new date, not the first one.
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'active', 'PT12H', 2 * 14);
    expect((await h.now()).toISOString().slice(0, 10) < first).toBe(true);
    expect(await h.events(pairingId)).toContain('PairingResumed');
  });

  it("a partner's PAUSE leaves the other's check-in open until the deadline it states; the answer counts, and nothing promises a date inside the pause", async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    await h.nextEmail(mentor.email, /^Check-in:/);
    const toMentee = await h.received(mentee.email, /^Check-in:/);
    const pauseUntil = new Date((await h.now()).getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(await h.lastEmailTo(mentor.email, /^Check-in:/), `PAUSE until ${pauseUntil}`);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');
    // The check-in email's own deadline, and the pause email's word that it still holds.
    const deadline = /answer by (\w+day \d+ \w+ \d{4})/i.exec(toMentee.text.replace(/\s+/g, ' '))?.[1];
    expect(deadline, toMentee.text).toBeDefined();
    const pausedNote = await h.received(mentee.email, /is paused until/);
    expect(pausedNote.text.replace(/\s+/g, ' ')).toContain(`you can answer it until ${deadline}`);

    await h.reply(toMentee, 'YES 4 good chat about the AI pilot');
    const kept = await h.pairing(pairingId);
    expect(kept.pairing.round?.answers.mentee).toMatchObject({ intent: 'yes', rating: 4 });
    expect((await h.emailsTo(mentee.email)).filter((e) => /already closed/.test(e.subject))).toEqual([]);
    const thanks = await h.received(mentee.email, /^Thank you for checking in/);
    const said = thanks.text.replace(/\s+/g, ' ');
    expect(said).toMatch(/Your pairing is paused until \w+day \d+ \w+ \d{4}; check-ins start again after that/);
    expect(said).not.toContain('next check-in comes on');

    // Past the deadline, still paused: the check-in counts as held, and a second reply is told the first one counts.
    await h.advance('P10D');
    const after = await h.pairing(pairingId);
    expect(after.pairing.status).toBe('paused');
    expect(after.checkIns).toMatchObject([{ met: true, mentee: { rating: 4 } }]);
    await h.reply(toMentee, 'YES 5');
    const again = await h.lastEmailTo(mentee.email, /already answered/);
    const told = again.text.replace(/\s+/g, ' ');
    expect(told).toContain('The first answer is the one that counts');
    expect(told).toMatch(/Your pairing is paused until \w+day \d+ \w+ \d{4}; questions start again after that/);
    expect((await h.pairing(pairingId)).checkIns).toMatchObject([{ mentee: { rating: 4 } }]);
  });

  it('ends early on request, keeps what was recorded, and tells both without blame', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'yes 5');
    await h.putEvent('PairingEndRequested', { pairingId, reason: 'Role change' }, 'crossgen.admin');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    const { pairing, checkIns } = await h.pairing(pairingId);
    expect(pairing.status).toBe('ended');
    expect(checkIns).toHaveLength(1);
    // An HR system's own words are not a participant's request: neither reads "one of you asked".
    expect(pairing.statusReason).toBe('circumstances-changed');
    for (const who of [mentor.email, mentee.email]) {
      const text = (await h.lastEmailTo(who, /has ended/)).text.replace(/\s+/g, ' ');
      expect(text).toMatch(/Circumstances changed/);
      expect(text).not.toMatch(/One of you asked/i);
    }
    expect((await h.events(pairingId)).at(-1)).toBe('PairingEnded');
  });

  it('END by reply: whoever replied reads it ended as they asked, the partner that one of them asked', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'END');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    const asker = (await h.lastEmailTo(mentor.email, /has ended/)).text.replace(/\s+/g, ' ');
    expect(asker).toMatch(/has ended, as you asked when you replied END\./);
    expect(asker).not.toMatch(/One of you asked/);
    const partner = (await h.lastEmailTo(mentee.email, /has ended/)).text.replace(/\s+/g, ' ');
    expect(partner).toMatch(/has ended\. One of you asked to end it/);
    expect(partner).not.toMatch(/as you asked/);
  });

  it('a "has resumed" held for working hours is not sent once the pair has paused again: the partner hears only what still holds', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const control = async (action: 'pause' | 'resume') => {
      const res = await fetch(`${inject('cloud').baseUrl}/pairings/${pairingId}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(res.status, await res.text()).toBe(202);
      await h.idle();
    };
    await control('pause');
    await h.received(mentee.email, /is paused until/);
    // 16:30 on a working day in London (the mentor's zone) is 17:30 in Berlin (the mentee's): the mentee's news waits for the morning.
    const london = (d: Date) =>
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/London', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(d);
    const now = await h.now();
    let at = new Date(Math.ceil(now.getTime() / 900_000) * 900_000 + 900_000);
    while (!/^(Mon|Tue|Wed|Thu|Fri) 16:30$/.test(london(at))) at = new Date(at.getTime() + 900_000);
    await h.advance(`PT${Math.round((at.getTime() - now.getTime()) / 60_000)}M`);
    await control('resume');
    expect((await h.emailsTo(mentor.email)).filter((e) => /has resumed/.test(e.subject))).toHaveLength(1);
    await h.advance('PT10M');
    await control('pause');
    const pausedAgain = (await h.emailsTo(mentee.email)).filter((e) => /is paused until/.test(e.subject)).length;
    await h.until(async () => (await h.emailsTo(mentee.email)).filter((e) => /is paused until/.test(e.subject)).length > pausedAgain, 'PT1H', 24 * 4);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');
    expect((await h.emailsTo(mentee.email)).filter((e) => /has resumed/.test(e.subject))).toEqual([]);
    const outbox = (await h.pairing(pairingId)).outbox;
    expect(outbox.filter((o) => o.key.startsWith('email:resume:') && o.status === 'cancelled')).toHaveLength(1);
  });

  it('a participant who replies STOP: the partner hears they no longer take part, never that they left the organisation', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    const checkIn = await h.nextEmail(mentee.email, /^Check-in:/);
    // In the evening, after working hours in London (the mentor's zone) and Berlin.
    const now = await h.now();
    const evening = new Date(now);
    evening.setUTCHours(19, 30, 0, 0);
    if (evening.getTime() <= now.getTime()) evening.setUTCDate(evening.getUTCDate() + 1);
    await h.advance(`PT${Math.ceil((evening.getTime() - now.getTime()) / 60_000)}M`);
    await h.reply(checkIn, 'STOP');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT6H');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    const note = await h.received(mentor.email, /has left the program/);
    const said = note.text.replace(/\s+/g, ' ');
    expect(said).toContain('is no longer taking part in the program, so your pairing ends here');
    expect(said).not.toMatch(/organisation/);
    // The note says a new partner is looked for; the rematch finds nobody free, so the mentor waits,
    // and no waitlist email repeats the note (or comes before it).
    expect(said).toMatch(/looking for a new partner for you/);
    const status = async () => ((await (await fetch(`${inject('cloud').baseUrl}/participants/${mentor.participantId}`)).json()) as { status: string }).status;
    await h.until(async () => (await status()) === 'waitlisted', 'PT1H', 24);
    const news = (await h.emailsTo(mentor.email)).filter((e) => /waitlist|^Meet /.test(e.subject) && Date.parse(e.sentAt) > Date.parse(checkIn.sentAt));
    expect(news.map((e) => e.subject)).toEqual([]);
  });

  it('someone who left and is enrolled again (a re-hire) is enrolled as new, told so, and offered to matching', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const answers = { programId, role: 'mentee' as const, email: `returning-${h.tag}@example.com`, name: `Rita Returns${h.tag}` };
    const first = await h.enrol(answers);
    await h.received(answers.email, /^You are enrolled/);
    await h.putEvent('ParticipantLeft', { participantId: first.participantId });
    const left = (await (await fetch(`${inject('cloud').baseUrl}/participants/${first.participantId}`)).json()) as { status: string };
    expect(left.status).toBe('left');
    const again = (await h.enrol(answers)) as { participantId: string; status?: string };
    expect(again).toMatchObject({ participantId: first.participantId, status: 'enrolled' });
    await h.idle();
    expect((await h.emailsTo(answers.email)).filter((e) => /^You are enrolled/.test(e.subject))).toHaveLength(2);
    // The same request again is a repeat: nothing more is sent.
    await h.enrol(answers);
    await h.idle();
    expect((await h.emailsTo(answers.email)).filter((e) => /^You are enrolled/.test(e.subject))).toHaveLength(2);
  });

  it('a participant who left the company: the partner is told kindly, the pairing ends, a rematch is requested', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    await h.putEvent('ParticipantLeft', { participantId: mentee.participantId });
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    const note = await h.lastEmailTo(mentor.email, /has left the program/);
    expect(note.text).toMatch(/new match|rematch|new partner/i);
    expect(note.text.replace(/\s+/g, ' ')).toContain('is leaving the organisation');
    expect((await h.emailsTo(mentee.email)).some((e) => /has left|has ended/.test(e.subject))).toBe(false);
    expect(await h.events(pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
  });
});
