import { beforeAll, describe, expect, inject, it } from 'vitest';
import type { ParticipantIntakeInput } from '../../functions/domain/participant';
import { intakeInput } from '../fixtures/intake/participants';
import { lifecycleHarness, type Harness } from './harness';

/**
 * Issue 12 point 2, a rematch policy that respects people (docs/lifecycle.md, Rematch policy):
 * driven only by replies, bus events and the local cloud's clock, checked by the emails sent and
 * the statuses people end with.
 */

type Person = { participantId: string; email: string };

const cloud = inject('cloud');
let busName = '';

beforeAll(async () => {
  // The bus is named by CloudFormation: read it from the app, as the local cloud does.
  const [{ synthesizeApp, TemplateResolver }, { rulesFromTemplate }] = await Promise.all([import('../../local/synth'), import('../../local/eventbridge/bus')]);
  const app = await synthesizeApp({ region: cloud.region });
  const resolver = new TemplateResolver(app);
  const rules = Object.values(app.templates).flatMap((t) => rulesFromTemplate(t, (i) => String(resolver.resolve(i))));
  busName = rules.find((r) => JSON.stringify(r.pattern).includes('"MatchingRequested"'))!.eventBusName;
});

const get = async <T>(path: string): Promise<T> => (await fetch(`${cloud.baseUrl}${path}`)).json() as Promise<T>;

function cohort(h: Harness, programId: string) {
  const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
  const enrol = (o: Partial<ParticipantIntakeInput>) => h.enrol({ programId, availability: weekday, ...o });
  const mentor = (name: string, languages: string[], o: Partial<ParticipantIntakeInput> = {}) =>
    enrol({ role: 'mentor', name, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'], goals: 'Coach a leader on AI tools', languages, ...o });
  const mentee = (name: string, languages: string[], o: Partial<ParticipantIntakeInput> = {}) =>
    enrol({ role: 'mentee', name, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'], goals: 'Learn AI tools for my team', languages, ...o });
  const matching = async () => {
    const res = await fetch(cloud.baseUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSEvents.PutEvents' },
      body: JSON.stringify({
        Entries: [{ EventBusName: busName, Source: 'crossgen.admin', DetailType: 'MatchingRequested', Detail: JSON.stringify({ programId }) }],
      }),
    });
    expect(res.ok).toBe(true);
    await h.idle();
  };
  const approvals = () => h.emailsTo(h.admin).then((all) => all.filter((e) => /^Approve matching for/.test(e.subject) && e.text.includes(programId)));
  const approveLatest = async () => h.reply((await approvals()).at(-1)!, 'APPROVE');
  const statusOf = async (p: Person) =>
    (await get<{ participantId: string; status: string }[]>(`/local/participants?programId=${programId}`)).find((x) => x.participantId === p.participantId)
      ?.status;
  const pairings = () => get<{ pairingId: string; mentorId: string; menteeId: string; status: string }[]>(`/local/pairings?programId=${programId}`);
  const pairOf = async (m: Person, e: Person) => (await pairings()).find((p) => p.mentorId === m.participantId && p.menteeId === e.participantId);
  const intros = (p: Person) => h.emailsTo(p.email).then((all) => all.filter((e) => /^Meet /.test(e.subject)));
  const introduced = (...people: Person[]) => h.until(async () => (await Promise.all(people.map(intros))).every((i) => i.length > 0), 'PT1H');
  return { mentor, mentee, matching, approvals, approveLatest, statusOf, pairings, pairOf, intros, introduced };
}

/** The plain-text part without its 72-column wrapping. */
const flat = (text: string) => text.replace(/\s+/g, ' ');

/** No date is promised: no weekday-and-date in the text (the footer and body name none). */
const NAMES_A_DATE = /\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday) \d{1,2} \w+ \d{4}\b/;

/**
 * A program whose last day to match is `days` from now. Its start is today: the test does not
 * depend on where earlier tests left the shared clock.
 */
async function closingProgram(h: ReturnType<typeof lifecycleHarness>, days: number) {
  const now = await h.now();
  const endDate = new Date(now.getTime() + days * 86_400_000).toISOString().slice(0, 10);
  return { programId: await h.program({ startDate: now.toISOString().slice(0, 10), endDate }), endDate };
}

/** Ana and Xena, matched, approved and introduced in the program. */
async function introducedPair(h: Harness, programId: string) {
  const c = cohort(h, programId);
  const A = await c.mentor(`Ana Mentor${h.tag}`, ['en']);
  const X = await c.mentee(`Xena Senior${h.tag}`, ['en']);
  await c.matching();
  await c.approveLatest();
  await c.introduced(A, X);
  return { c, A, X };
}

/** The same, in a program whose last day is `days` from now. */
async function introducedInClosingProgram(h: Harness, days: number) {
  return introducedPair(h, (await closingProgram(h, days)).programId);
}

describe('rematch policy on the local cloud', () => {
  it('REMATCH by reply ends the pair without blame and gives both new partners from the waitlist, who are told they are off it', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const c = cohort(h, programId);
    const A = await c.mentor(`Ana Mentor${h.tag}`, ['en', 'fr']);
    const X = await c.mentee(`Xena Senior${h.tag}`, ['en', 'de'], { department: 'Sales' });
    await c.matching();
    await c.approveLatest();
    await c.introduced(A, X);
    for (const p of [A, X]) await h.reply((await c.intros(p))[0]!, 'YES');
    const ax = (await c.pairOf(A, X))!;
    expect((await h.pairing(ax.pairingId)).pairing.status).toBe('active');

    // Two late joiners who share no language with each other: a run pairs nobody, so both wait and
    // are told why. Each fits only someone already paired (Dirk and Xena share German, Wanda and Ana
    // French): every partner who would suit them is taken, not "nobody fits" (QA matching).
    const D = await c.mentor(`Dirk Mentor${h.tag}`, ['de']);
    const W = await c.mentee(`Wanda Senior${h.tag}`, ['fr']);
    await c.matching();
    for (const p of [D, W]) {
      expect(await c.statusOf(p)).toBe('waitlisted');
      const told = (await h.emailsTo(p.email)).filter((e) => /on the waitlist/.test(e.subject));
      expect(told, 'one waitlist email').toHaveLength(1);
      expect(flat(told[0]!.text)).toMatch(/every partner who would suit you is already paired, or not available in this matching round/);
      expect(flat(told[0]!.text)).toMatch(/will not guess a date/);
      expect(flat(told[0]!.text)).not.toMatch(NAMES_A_DATE);
      expect(told[0]!.replyTo).toHaveLength(1);
    }

    // Xena asks for a new partner from her enrolment confirmation (her standing address).
    await h.reply(await h.lastEmailTo(X.email, /^You are enrolled/), 'REMATCH');
    const ended = await h.pairing(ax.pairingId);
    expect(ended.pairing.status).toBe('ended');
    expect(ended.pairing.statusReason).toBe('participant-rematch');
    expect(await h.events(ax.pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));

    // The rematch pairs each with someone from the waitlist, and each is told they are off it.
    expect(await c.pairOf(A, W)).toBeDefined();
    expect(await c.pairOf(D, X)).toBeDefined();
    for (const p of [A, X, D, W]) expect(await c.statusOf(p)).toBe('paired');
    for (const p of [D, W]) {
      const off = await h.lastEmailTo(p.email, /off the waitlist/);
      expect(flat(off.text)).toMatch(/You were on the waitlist/);
    }
    // Ana, who did not ask, is told in neutral words (never who asked); Xena, that it ended as she asked.
    const note = await h.received(A.email, /has ended$/);
    expect(flat(note.text)).toMatch(/The program is changing some pairings/);
    expect(flat(note.text)).toMatch(/looking for a new partner for you/);
    expect(flat(note.text)).not.toMatch(/One of you asked|asked for a new partner|requested|replied REMATCH/);
    const asked = flat((await h.received(X.email, /has ended$/)).text);
    expect(asked).toMatch(/has ended, as you asked when you replied REMATCH/);
    expect(asked).not.toMatch(/The program is changing some pairings, and yours is one of them/);
    expect(asked).toMatch(/looking for a new partner for you/);
    await c.introduced(W, D);
    expect((await c.intros(X)).length).toBe(2);
    expect((await c.intros(A)).length).toBe(2);
  });

  it('a decline "away for the next two months" is not offered again before that date, and is after it', async () => {
    const h = lifecycleHarness();
    const { c, A, X } = await introducedPair(h, await h.program({}));
    // A second mentor joins while the first pair is being introduced.
    const B = await c.mentor(`Ben Mentor${h.tag}`, ['en']);
    await h.reply((await c.intros(A))[0]!, 'YES');
    await h.reply((await c.intros(X))[0]!, 'NO, I am away for the next two months');
    const ax = (await c.pairOf(A, X))!;
    expect((await h.pairing(ax.pairingId)).pairing.statusReason).toMatch(/^declined: .*away for the next two months/);
    expect(await c.statusOf(X)).toBe('enrolled');
    // Ana is rematched at once; nobody is free for her (Xena is away), so she waits. Her "will not
    // start" email already said a new partner is looked for and comes when there is a good match:
    // no waitlist email repeats it in the same second (QA hris8, restart8, mail8).
    expect(await c.statusOf(A)).toBe('waitlisted');
    expect(flat((await h.received(A.email, /will not start/)).text)).toMatch(/looking for a new partner for you/);
    expect((await h.emailsTo(A.email)).filter((e) => /waitlist/.test(e.subject))).toHaveLength(0);

    // A month later a cohort run leaves Xena out: nothing to propose, no approval asked.
    await h.advance('P30D');
    await c.matching();
    expect((await c.approvals()).length).toBe(1);
    expect(await c.pairOf(B, X)).toBeUndefined();
    expect(await c.statusOf(X)).toBe('enrolled');

    // After the two months she is offered again, to a mentor she has not declined.
    await h.advance('P32D');
    await c.matching();
    const approvals = await c.approvals();
    expect(approvals.length).toBe(2);
    expect(flat(approvals[1]!.text)).toContain(`Xena Senior${h.tag}`);
    await c.approveLatest();
    expect(await c.pairOf(B, X)).toBeDefined();
    expect((await c.pairings()).filter((p) => p.menteeId === X.participantId)).toHaveLength(2);
    expect(await c.statusOf(X)).toBe('paired');
  });

  it('a mentee who never answers gets one more introduction, then is inactive and the admins are told by name', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const c = cohort(h, programId);
    const A = await c.mentor(`Ana Mentor${h.tag}`, ['en']);
    const S = await c.mentee(`Silent Senior${h.tag}`, ['en']);
    await c.matching();
    await c.approveLatest();
    await c.introduced(A, S);
    // Ben joins later and waits: the rematch of the silent introduction finds him.
    const B = await c.mentor(`Ben Mentor${h.tag}`, ['en']);
    await c.matching();
    expect(await c.statusOf(B)).toBe('waitlisted');
    await h.reply((await c.intros(A))[0]!, 'YES');

    // The first introduction closes unanswered: Silent is offered one more partner (Ben).
    const as = (await c.pairOf(A, S))!;
    await h.until(async () => (await h.pairing(as.pairingId)).pairing.status === 'not-started', 'PT12H');
    expect((await h.pairing(as.pairingId)).pairing.statusReason).toBe('no-answer');
    await h.until(async () => (await c.intros(S)).length === 2, 'PT1H');
    const bs = (await c.pairOf(B, S))!;
    expect(bs).toBeDefined();
    await h.reply((await c.intros(B))[0]!, 'YES');

    // The second closes unanswered too: no third introduction; Silent is inactive.
    await h.until(async () => (await h.pairing(bs.pairingId)).pairing.status === 'not-started', 'PT12H');
    expect(await c.statusOf(S)).toBe('inactive');
    const notice = await h.received(h.admin, /^Not rematched automatically/);
    expect(notice.subject).toContain(`Silent Senior${h.tag}`);
    expect(flat(notice.text)).toMatch(/did not answer 2 introductions in a row/);
    expect(flat(notice.text)).toContain(bs.pairingId);
    // Ben, who said yes, is offered a rematch: nobody is free, so he waits and is told.
    expect(await c.statusOf(B)).toBe('waitlisted');
    await h.advance('P14D');
    await h.idle();
    expect((await c.intros(S)).length).toBe(2);
    const reminders = (await h.emailsTo(S.email)).filter((e) => /^Reminder: will you start/.test(e.subject));
    expect(reminders.length).toBeLessThanOrEqual(2);
    // A keen YES now, back from holiday: told they are no longer taking part and whom to write to,
    // never that nothing else is needed (QA rematch4).
    await h.reply((await c.intros(S))[1]!, 'YES! So sorry, I was on holiday. Very keen to start.');
    const late = (await h.received(S.email, /^That question has already closed/)).text.replace(/\s+/g, ' ');
    expect(late).toContain('You are no longer taking part in');
    expect(late).toMatch(/To take part in a later program, write to .+ at \S+@/);
    expect(late).not.toContain('nothing else is needed');
  });

  it('the admin API rematch follows the same policy: past the cap a person waits for the admin, is told why, and the admins are told', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ rematch: { maxAttempts: 1 } });
    const c = cohort(h, programId);
    const endWithRematch = async (pairingId: string) => {
      const res = await fetch(`${cloud.baseUrl}/pairings/${pairingId}/end`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ rematch: true }),
      });
      expect(res.status).toBe(202);
      await h.idle();
    };
    const A = await c.mentor(`Ana Mentor${h.tag}`, ['en']);
    const X = await c.mentee(`Xena Senior${h.tag}`, ['en']);
    await c.matching();
    await c.approveLatest();
    await c.introduced(A, X);
    for (const p of [A, X]) await h.reply((await c.intros(p))[0]!, 'YES');
    // First rematch: both are offered (their one automatic rematch); nobody is free, so both wait.
    await endWithRematch((await c.pairOf(A, X))!.pairingId);
    for (const p of [A, X]) expect(await c.statusOf(p)).toBe('waitlisted');
    expect((await h.emailsTo(h.admin)).filter((e) => /^Not rematched automatically/.test(e.subject))).toHaveLength(0);

    // Ana is paired with a newcomer by a cohort run the admin approves, then that pairing is rematched too.
    const Y = await c.mentee(`Yuri Senior${h.tag}`, ['en']);
    await c.matching();
    await c.approveLatest();
    const ay = (await c.pairOf(A, Y))!;
    expect(ay).toBeDefined();
    // Never told she waits (her end email said a new partner is looked for): no "off the waitlist" either, her introduction comes.
    expect((await h.emailsTo(A.email)).filter((e) => /waitlist/.test(e.subject))).toHaveLength(0);
    await c.introduced(Y);
    for (const p of [A, Y]) await h.reply((await c.intros(p)).at(-1)!, 'YES');
    await endWithRematch(ay.pairingId);

    // Ana has had her one automatic rematch: she waits for the admin, told why in the email that
    // tells her the pairing ended (one email, so the waitlist news never comes before the end's);
    // Yuri is offered his.
    expect(await c.statusOf(A)).toBe('waitlisted');
    // No separate waitlist email, neither after the first rematch (its end email said a new partner
    // is looked for) nor now (this end email is her waitlist notice).
    expect((await h.emailsTo(A.email)).filter((e) => /on the waitlist/.test(e.subject))).toHaveLength(0);
    const ended = await h.received(A.email, /has ended$/);
    expect(flat(ended.text)).toMatch(/as many times as the program does on its own, so you are now on the waitlist/);
    expect(flat(ended.text)).not.toMatch(/looking for a new partner for you/);
    const notice = await h.received(h.admin, /^Not rematched automatically/);
    expect(flat(notice.text)).toMatch(new RegExp(`Ana Mentor${h.tag} \\(mentor\\): has had one automatic rematch, the most the program allows`));
    expect(await c.statusOf(Y)).toBe('waitlisted');
    expect(await h.events(ay.pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
  });

  it("keeps the waitlist's promise to someone whose last allowed rematch found nobody: a later rematch still pairs them", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ rematch: { maxAttempts: 1 } });
    const c = cohort(h, programId);
    const A = await c.mentor(`Ana Mentor${h.tag}`, ['en'], { interests: ['golf', 'chess', 'tennis'] });
    const X = await c.mentee(`Xena Senior${h.tag}`, ['en'], { interests: ['golf', 'chess', 'tennis'] });
    const B = await c.mentor(`Ben Mentor${h.tag}`, ['en'], { interests: ['opera'] });
    const Y = await c.mentee(`Yuri Senior${h.tag}`, ['en'], { interests: ['opera'] });
    await c.matching();
    await c.approveLatest();
    expect(await c.pairOf(A, X)).toBeDefined();
    await c.introduced(A, X, B, Y);
    // Xena declines: Ana has her one automatic rematch, nobody is free, so she waits; her "will not
    // start" email said a new partner is looked for, and no waitlist email repeats it.
    await h.reply((await c.intros(X))[0]!, 'NO thank you');
    await h.until(async () => (await c.statusOf(A)) === 'waitlisted', 'PT6H');
    expect(flat((await h.received(A.email, /will not start/)).text)).toMatch(/looking for a new partner for you/);
    expect((await h.emailsTo(A.email)).filter((e) => /waitlist/.test(e.subject))).toHaveLength(0);
    // Ben leaves: Yuri's rematch pairs him with Ana from the waitlist rather than skipping her.
    await h.putEvent('ParticipantLeft', { participantId: B.participantId });
    await h.until(async () => (await c.pairOf(A, Y)) !== undefined, 'PT6H', 20);
    expect(await c.statusOf(Y)).toBe('paired');
    expect((await h.emailsTo(h.admin)).filter((e) => /^Not rematched automatically/.test(e.subject))).toHaveLength(0);
  });

  it('a pairing that did not start, with no automatic rematches: the one who said yes is told once that they wait, in the not-started email', async () => {
    const h = lifecycleHarness();
    const { c, A, X } = await introducedPair(h, await h.program({ rematch: { maxAttempts: 0 } }));
    await h.reply((await c.intros(A))[0]!, 'YES');
    await h.reply((await c.intros(X))[0]!, 'NO thank you');
    await h.until(async () => (await c.statusOf(A)) === 'waitlisted', 'PT6H');
    const note = await h.received(A.email, /^Your pairing will not start$/);
    expect(flat(note.text)).toMatch(/does not look for new partners on its own .*you are now on the waitlist/);
    await h.advance('P1D');
    await h.idle();
    // That email was their waitlist notice: no separate "You are on the waitlist" follows it.
    expect((await h.emailsTo(A.email)).filter((e) => /on the waitlist/.test(e.subject))).toHaveLength(0);
  });

  it('someone whose introduction did not start and who waits at the close is told no new partner was found, not that none was', async () => {
    const h = lifecycleHarness();
    const { c, A, X } = await introducedInClosingProgram(h, 12);
    await h.reply((await c.intros(X))[0]!, 'NO thank you');
    await h.until(async () => (await c.statusOf(A)) === 'waitlisted', 'PT6H');
    await h.advance('P14D');
    await c.matching();
    await h.idle();
    const closed = (await h.emailsTo(A.email)).filter((e) => /has closed/.test(e.subject));
    expect(closed.map((e) => e.subject)).toEqual([expect.stringMatching(/has closed: no new partner was found for you$/)]);
    expect(flat(closed[0]!.text)).toMatch(/did not find a new partner for you/);
  });

  it('REMATCH after the program closed: the end email says so, and no second "program has closed" notice follows (QA)', async () => {
    const h = lifecycleHarness();
    const { c, A, X } = await introducedInClosingProgram(h, 3);
    for (const p of [A, X]) await h.reply((await c.intros(p))[0]!, 'YES');
    await h.until(async () => (await c.pairOf(A, X))?.status === 'active', 'PT1H');
    await h.advance('P5D');
    await h.reply((await c.intros(A))[0]!, 'REMATCH');
    await h.until(async () => (await c.pairOf(A, X))?.status === 'ended', 'PT1H');
    for (const p of [A, X]) await h.received(p.email, /has ended$/);
    await h.advance('P2D');
    await c.matching();
    for (const p of [A, X]) {
      const ended = (await h.emailsTo(p.email)).filter((e) => /has ended$/.test(e.subject));
      expect(ended).toHaveLength(1);
      expect(flat(ended[0]!.text)).toContain('As the program has closed, no new pairing will start.');
      expect((await h.emailsTo(p.email)).filter((e) => /has closed/.test(e.subject)).map((e) => e.subject)).toEqual([]);
    }
  });

  it('an HR end with rematch after the program closed is told at once that no new partner will be looked for, as both are (QA hr7)', async () => {
    const h = lifecycleHarness();
    const { c, A, X } = await introducedInClosingProgram(h, 3);
    for (const p of [A, X]) await h.reply((await c.intros(p))[0]!, 'YES');
    await h.until(async () => (await c.pairOf(A, X))?.status === 'active', 'PT1H');
    await h.advance('P5D');
    const { pairingId } = (await c.pairOf(A, X))!;
    const asked = await fetch(`${cloud.baseUrl}/pairings/${pairingId}/end`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ rematch: true }),
    });
    expect(asked.status).toBe(202);
    expect(((await asked.json()) as { note?: string }).note).toMatch(
      /^The program closed after its end date \(\d{4}-\d\d-\d\d\): no new partner will be looked for\./,
    );
    await h.until(async () => (await c.pairOf(A, X))?.status === 'ended', 'PT1H');
    for (const p of [A, X]) expect(flat((await h.received(p.email, /has ended$/)).text)).toContain('As the program has closed, no new pairing will start.');
  });

  it('when the program has closed, the next matching run pairs nobody and tells everyone still waiting, once', async () => {
    const h = lifecycleHarness();
    // A program whose last day to match is about ten days from now.
    const { programId, endDate } = await closingProgram(h, 10);
    const c = cohort(h, programId);
    // No shared language: both wait, and are told so.
    const A = await c.mentor(`Ana Mentor${h.tag}`, ['de']);
    const X = await c.mentee(`Xena Senior${h.tag}`, ['fr']);
    await c.matching();
    for (const p of [A, X]) {
      expect(await c.statusOf(p)).toBe('waitlisted');
      expect((await h.emailsTo(p.email)).filter((e) => /on the waitlist/.test(e.subject))).toHaveLength(1);
    }
    // Enrolled after that run and before the close: never offered to a run, not on the waitlist.
    const B = await c.mentor(`Ben Mentor${h.tag}`, ['it']);
    await h.advance('P12D');
    // Closed: nobody joins any more (an introduction would never come).
    const late = await fetch(`${cloud.baseUrl}/participants`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ ...intakeInput({ programId, email: `late-${h.tag}@example.com` }) }),
    });
    expect(late.status).toBe(400);
    const refused = (await late.json()) as { issues: { field: string; message: string }[] };
    expect(refused.issues).toEqual([{ field: 'programId', message: expect.stringContaining(`names a program that closed after ${endDate}`) }]);
    await c.matching();
    // Through the admin API too: the answer says what a run on a closed program does (QA hr7).
    const run = await fetch(`${cloud.baseUrl}/programs/${programId}/matching`, { method: 'POST' });
    expect(run.status).toBe(202);
    expect(((await run.json()) as { note?: string }).note).toBe(
      `The program closed after its end date (${endDate}): this run pairs nobody. It tells everyone still waiting that no partner was found, once, and takes them off the waitlist.`,
    );
    await h.idle();
    for (const p of [A, X, B]) {
      const closed = (await h.emailsTo(p.email)).filter((e) => /has closed: no partner was found/.test(e.subject));
      expect(closed, 'told once, however many runs follow').toHaveLength(1);
      expect(flat(closed[0]!.text)).toMatch(/did not find a partner for you/);
      expect(flat(closed[0]!.text)).not.toMatch(NAMES_A_DATE);
      // Ben was never told he waits (he enrolled after the last run): he is not told he is off the waitlist.
      expect(flat(closed[0]!.text)).toMatch(
        p === B ? /You will get no more emails about this program/ : /You are off the waitlist and will get no more emails/,
      );
      if (p === B) expect(flat(closed[0]!.text)).not.toMatch(/waitlist/);
    }
    expect(await c.approvals()).toHaveLength(0);
    expect(await c.pairings()).toHaveLength(0);
    // Told they are off the waitlist, they are no longer counted as waiting (QA journey3).
    for (const p of [A, X, B]) expect(await c.statusOf(p)).toBe('inactive');
    const report = await get<{ participants: { byStatus: Record<string, number> } }>(`/programs/${programId}/report`);
    expect(report.participants.byStatus).toMatchObject({ waitlisted: 0, inactive: 3 });

    // HR moves the end date later and a newcomer joins who would suit Ana and Ben: those told
    // "you will get no more emails about this program" are not offered again.
    const current = (await get<{ version: number }>(`/programs/${programId}`)).version;
    const later = new Date((await h.now()).getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
    const moved = await fetch(`${cloud.baseUrl}/programs/${programId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', 'if-match': `"${current}"` },
      body: JSON.stringify({ endDate: later }),
    });
    expect(moved.status).toBe(200);
    const Y = await c.mentee(`Yara Senior${h.tag}`, ['de', 'it']);
    await c.matching();
    if ((await c.approvals()).length > 0) await c.approveLatest();
    await h.idle();
    expect(await c.pairings()).toHaveLength(0);
    expect(await c.statusOf(Y)).toBe('waitlisted');
    for (const p of [A, X, B]) expect((await h.emailsTo(p.email)).filter((e) => /^Meet |off the waitlist/.test(e.subject))).toEqual([]);
  });
});

describe('REMATCH to the standing address of a mentor with two running pairings (QA capacity, bug 1)', () => {
  it('a bare REMATCH ends neither pairing and asks which partner; "REMATCH Sam" ends only Sam\'s', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ matching: { rules: { maxMenteesPerMentor: 2 } } });
    const sam = await h.pair({ programId });
    const tom = await h.pair({ programId, mentor: sam.mentor, menteeName: `Tom Elder${h.tag}` });
    // Every introduction in (they wait for each reader's working hours), then all accepted.
    const intros = async (email: string) => (await h.emailsTo(email)).filter((e) => /^Meet /.test(e.subject));
    await h.until(
      async () =>
        (await intros(sam.mentor.email)).length === 2 && (await intros(sam.mentee.email)).length === 1 && (await intros(tom.mentee.email)).length === 1,
      'PT1H',
    );
    for (const p of [sam.mentor, sam.mentee, tom.mentee]) for (const intro of await intros(p.email)) await h.reply(intro, 'YES');
    const mia = sam.mentor.email;
    const checkIns = async () => (await h.emailsTo(mia)).filter((e) => /^Check-in/.test(e.subject));
    // Sam's first check-in, answered as soon as it comes (each pairing runs its own schedule: waiting
    // for Tom's too could let Sam's first question close and a second come).
    await h.until(async () => (await checkIns()).some((e) => e.subject.includes('Sam')), 'PT6H');
    expect((await h.pairing(tom.pairingId)).pairing.status).toBe('active');
    await h.reply((await checkIns()).findLast((e) => e.subject.includes('Sam'))!, 'YES\n4\nGood');
    const thanks = await h.received(mia, /thank/i);
    expect(flat(thanks.text)).toMatch(/Reply REMATCH with that partner's name \("REMATCH (Sam|Tom)" or "REMATCH (Sam|Tom)"\): that pairing ends/);
    expect(flat(thanks.text)).not.toContain('Reply REMATCH: your pairing ends');

    await h.reply(thanks, 'REMATCH');
    for (const p of [sam, tom]) expect((await h.pairing(p.pairingId)).pairing.status).toBe('active');
    const which = await h.received(mia, /^Which pairing did you mean/);
    expect(flat(which.text)).toMatch(/you have 2 pairings running .* \(with (Sam and Tom|Tom and Sam)\)/);
    expect(flat(which.text)).toMatch(/"REMATCH (Sam|Tom)" or "REMATCH (Sam|Tom)"/);

    await h.reply(thanks, 'REMATCH Sam');
    const ended = (await h.pairing(sam.pairingId)).pairing;
    expect(ended.status).toBe('ended');
    expect(ended.statusReason).toBe('participant-rematch');
    expect((await h.pairing(tom.pairingId)).pairing.status).toBe('active');
    expect((await h.emailsTo(tom.mentee.email)).some((e) => /has ended$/.test(e.subject))).toBe(false);
  });
});
