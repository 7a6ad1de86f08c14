import { describe, expect, it } from 'vitest';
import {
  applyConcernAction,
  concernActionSchema,
  concernIdFor,
  concernRaise,
  concernTarget,
  escalationAt,
  formConcernSeed,
  recentHistory,
  sortCases,
  type ConcernCase,
} from '../../../functions/domain/concerns';
import type { LifecycleContext } from '../../../functions/domain/pairing/context';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { programSchema } from '../../../functions/domain/program';
import { programContact } from '../../../functions/domain/program-contact';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { adminConcernRaised, concernReceived } from '../../../functions/domain/emails';
import { renderConcernSent } from '../../../functions/domain/concern-page';
import { participant } from './simulate';

/** The concern channel's pure rules (issue 13 point 1). */

const open: ConcernCase = {
  concernId: 'cn_abc',
  programId: 'sim',
  participantId: 'pt_mentor',
  role: 'mentor',
  pairingId: 'pr_sim',
  partnerId: 'pt_mentee',
  text: 'She seems afraid to challenge me.',
  exit: false,
  channel: 'email',
  state: 'open',
  raisedAt: '2027-02-05T15:00:00Z',
  escalateAt: '2027-02-09T09:00:00Z',
  version: 1,
};

describe('concern cases', () => {
  it('escalate at the send time of the Nth working day after the day they were raised, in the program zone', () => {
    // Friday afternoon, 2 working days: Tuesday morning.
    expect(escalationAt(new Date('2027-02-05T15:00:00Z'), 2, 'Europe/London', '09:00', []).toISOString()).toBe('2027-02-09T09:00:00.000Z');
    // Monday before the send time: the raise day does not count.
    expect(escalationAt(new Date('2027-02-08T07:00:00Z'), 2, 'Europe/London', '09:00', []).toISOString()).toBe('2027-02-10T09:00:00.000Z');
    // A holiday is not a working day.
    expect(escalationAt(new Date('2027-02-08T10:00:00Z'), 1, 'Europe/London', '09:00', ['2027-02-09']).toISOString()).toBe('2027-02-10T09:00:00.000Z');
    expect(escalationAt(new Date('2027-02-08T10:00:00Z'), 1, 'America/New_York', '09:00', []).toISOString()).toBe('2027-02-09T14:00:00.000Z');
  });

  it('get one id per message, and a different one per message', () => {
    expect(concernIdFor('msg-1')).toBe(concernIdFor('msg-1'));
    expect(concernIdFor('msg-1')).not.toBe(concernIdFor('msg-2'));
    expect(concernIdFor('msg-1')).toMatch(/^cn_[a-z2-7]{20}$/);
  });

  it('fold the same words through the form the same day into their case only while it is open; once an admin acted on it they are a new case (QA regress NEW-5)', () => {
    const morning = formConcernSeed('op_mia', new Date('2026-12-02T09:53:00Z'), false, 'He is rude to me again');
    // The same form, words and day (two hours later): the same seed; another day is another seed.
    expect(formConcernSeed('op_mia', new Date('2026-12-02T11:53:00Z'), false, 'He is rude to me again')).toBe(morning);
    expect(formConcernSeed('op_mia', new Date('2026-12-03T09:53:00Z'), false, 'He is rude to me again')).not.toBe(morning);
    expect(formConcernSeed('op_mia', new Date('2026-12-02T09:53:00Z'), true, 'He is rude to me again')).not.toBe(morning);

    // Nothing yet: the first case.
    expect(concernRaise(morning, 'link', [])).toEqual({ concernId: concernIdFor(morning), repeat: false });
    // Still open (a double click, a reload): the same case, nothing new raised.
    expect(concernRaise(morning, 'link', [{ state: 'open' }])).toEqual({ concernId: concernIdFor(morning), repeat: true });
    // Resolved, or acknowledged: a new case, with an id of its own.
    const next = concernRaise(morning, 'link', [{ state: 'resolved' }]);
    expect(next).toEqual({ concernId: concernIdFor(morning, 1), repeat: false });
    expect(next.concernId).not.toBe(concernIdFor(morning));
    expect(next.concernId).toMatch(/^cn_[a-z2-7]{20}$/);
    expect(concernRaise(morning, 'link', [{ state: 'acknowledged' }])).toEqual(next);
    // That second case open: a repeat of it; resolved too: a third.
    expect(concernRaise(morning, 'link', [{ state: 'resolved' }, { state: 'open' }])).toEqual({ concernId: next.concernId, repeat: true });
    expect(concernRaise(morning, 'link', [{ state: 'resolved' }, { state: 'resolved' }])).toEqual({ concernId: concernIdFor(morning, 2), repeat: false });
    // By reply the seed is the message: the same message delivered again is its case, whatever its state.
    expect(concernRaise('msg-1', 'email', [{ state: 'resolved' }])).toEqual({ concernId: concernIdFor('msg-1'), repeat: true });
  });

  it('promise nothing new on the page for a repeat of a case still open', () => {
    const flat = (h: string) => h.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
    const first = flat(renderConcernSent({ workingDays: 2, exit: false }));
    expect(first).toContain('one of them will get back to you within 2 working days. An email confirms it.');
    const again = flat(renderConcernSent({ workingDays: 2, exit: false, repeat: true }));
    expect(again).toContain('You had already sent us these same words today, so they are one concern, not two');
    expect(again).toContain('within 2 working days of the first time you sent it');
    expect(again).not.toContain('An email confirms it');
    expect(flat(renderConcernSent({ workingDays: 2, exit: false, unrouted: true, repeat: true }))).not.toContain('An email confirms it');
    // A suppressed address gets no receipt: neither page promises one.
    const unsent = flat(renderConcernSent({ workingDays: 2, exit: false, noEmail: true }));
    expect(unsent).not.toContain('An email confirms it');
    expect(unsent).toContain('no email confirms it: this page is your receipt');
    expect(flat(renderConcernSent({ workingDays: 2, exit: false, repeat: true, noEmail: true }))).not.toContain('email confirms it to you');
  });

  it('move open -> acknowledged -> resolved with the admin note, and refuse the rest', () => {
    const now = new Date('2027-02-06T10:00:00Z');
    const acked = applyConcernAction(open, { action: 'acknowledge' }, now);
    expect('case' in acked && acked.case).toMatchObject({ state: 'acknowledged', acknowledgedAt: now.toISOString() });
    if (!('case' in acked)) throw new Error('not acknowledged');
    expect(applyConcernAction(acked.case, { action: 'acknowledge' }, now)).toHaveProperty('refused');
    const resolved = applyConcernAction(acked.case, { action: 'resolve', note: 'Talked to both.' }, now);
    expect('case' in resolved && resolved.case).toMatchObject({ state: 'resolved', note: 'Talked to both.' });
    if (!('case' in resolved)) throw new Error('not resolved');
    expect(applyConcernAction(resolved.case, { action: 'resolve', note: 'again' }, now)).toHaveProperty('refused');
    // The note given on acknowledging is kept beside the resolution's (QA apidocs: it was replaced).
    const withNote = applyConcernAction(open, { action: 'acknowledge', note: 'Called Mia, meeting Friday.' }, now);
    if (!('case' in withNote)) throw new Error('not acknowledged');
    const closed = applyConcernAction(withNote.case, { action: 'resolve', note: 'Pair moved to a new format.' }, new Date('2027-02-09T10:00:00Z'));
    expect('case' in closed && closed.case).toMatchObject({
      state: 'resolved',
      note: 'Pair moved to a new format.',
      acknowledgedNote: 'Called Mia, meeting Friday.',
      resolvedNote: 'Pair moved to a new format.',
    });
    // Resolving an open case acknowledges it too.
    const direct = applyConcernAction(open, { action: 'resolve', note: 'Done.' }, now);
    expect('case' in direct && direct.case.acknowledgedAt).toBe(now.toISOString());
  });

  it('refuse an action without what it needs, naming the field', () => {
    const paths = (input: unknown) => (concernActionSchema.safeParse(input).error?.issues ?? []).map((i) => i.path.join('.'));
    expect(paths({ action: 'resolve' })).toEqual(['note']);
    expect(paths({ action: 'close' })).toEqual(['action']);
    expect(paths({ action: 'acknowledge', notes: 'typo' })).toEqual(['']);
    expect(paths({ action: 'acknowledge' })).toEqual([]);
  });

  it('keep only the last lines of the history, kind and time', () => {
    const audit = Array.from({ length: 9 }, (_, i) => ({ at: `2027-02-0${i + 1}T09:00:00Z`, kind: `k${i}`, detail: { note: 'private' } }));
    const recent = recentHistory(audit);
    expect(recent.map((l) => l.kind)).toEqual(['k3', 'k4', 'k5', 'k6', 'k7', 'k8']);
    expect(JSON.stringify(recent)).not.toContain('private');
  });

  it('are listed open first, newest first', () => {
    const cases = [
      { state: 'resolved' as const, raisedAt: '2027-02-09' },
      { state: 'open' as const, raisedAt: '2027-02-01' },
      { state: 'open' as const, raisedAt: '2027-02-03' },
    ];
    expect(sortCases(cases).map((c) => c.raisedAt)).toEqual(['2027-02-03', '2027-02-01', '2027-02-09']);
  });
});

describe('the lifecycle watches a concern', () => {
  const program = programSchema.parse({
    programId: 'sim',
    name: 'Sim cohort',
    startDate: '2027-01-04',
    admins: ['a1@example.com', 'a2@example.com'],
    timeZone: 'Europe/London',
  });
  const mentor = participant('mentor');
  const mentee = participant('mentee');
  const pairing: Pairing = {
    pairingId: 'pr_sim',
    programId: 'sim',
    mentorId: 'pt_mentor',
    menteeId: 'pt_mentee',
    score: 80,
    reasons: [],
    tradeOffs: [],
    status: 'active',
    acceptedAt: '2027-01-11T09:00:00Z',
    startedAt: '2027-01-04T09:00:00Z',
    planPosition: 3,
    planDoneMs: 30 * 86_400_000,
    checkInsHeld: 2,
    checkInsMissed: 0,
    missedInRow: 0,
    fitCheckAskedAt: '2027-01-26T09:00:00Z',
    concerns: [{ concernId: 'cn_abc', escalateAt: '2027-02-09T09:00:00Z' }],
    createdAt: '2027-01-04T08:00:00Z',
    updatedAt: '2027-02-05T15:00:00Z',
    version: 7,
  };
  const ctx = (now: string, concerns?: ConcernCase[]): LifecycleContext => ({
    pairing,
    program,
    mentor,
    mentee,
    now: new Date(now),
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
    ...(concerns ? { concerns } : {}),
  });

  it('wakes at the escalation date and emails every admin again when the case is still open, never the pair', () => {
    const before = decideNext(ctx('2027-02-08T10:00:00Z'));
    expect(before.next).toEqual({ action: 'wait', at: '2027-02-09T09:00:00.000Z' });
    expect(before.emails).toEqual([]);
    const d = decideNext(ctx('2027-02-09T09:00:00Z', [open]));
    const escalations = d.emails.filter((e) => e.template === 'adminConcernEscalated');
    expect(escalations.map((e) => e.to)).toEqual(['a1@example.com', 'a2@example.com']);
    expect(d.emails.filter((e) => e.to === mentor.email || e.to === mentee.email)).toEqual([]);
    expect(d.events).toEqual([]);
    expect(d.pairing.concerns).toBeUndefined();
    expect(d.records.some((r) => r.item.kind === 'concern-escalated')).toBe(true);
  });

  it('stops watching a case an admin acknowledged, without an email', () => {
    const d = decideNext(ctx('2027-02-09T09:00:00Z', [{ ...open, state: 'acknowledged' }]));
    expect(d.emails.filter((e) => e.template === 'adminConcernEscalated')).toEqual([]);
    expect(d.pairing.concerns).toBeUndefined();
    expect(d.records.some((r) => r.item.kind === 'concern-settled')).toBe(true);
  });

  it('keeps watching after the pairing ends: an end before the escalation date waits for it, then reminds the admins and is done', () => {
    const ending = decideNext({ ...ctx('2027-02-08T10:00:00Z'), pairing: { ...pairing, controls: [{ kind: 'end', requestedAt: '2027-02-08T10:00:00Z' }] } });
    expect(ending.pairing.status).toBe('ended');
    expect(ending.pairing.concerns).toEqual(pairing.concerns);
    expect(ending.next).toEqual({ action: 'wait', at: '2027-02-09T09:00:00.000Z' });
    const ended = ending.pairing;
    const later = decideNext({ ...ctx('2027-02-09T09:00:00Z', [open]), pairing: ended });
    const escalations = later.emails.filter((e) => e.template === 'adminConcernEscalated');
    expect(escalations.map((e) => e.to)).toEqual(['a1@example.com', 'a2@example.com']);
    expect(escalations[0]!.input).toMatchObject({ pairingEnded: true, escalated: true });
    expect(later.emails.filter((e) => e.template !== 'adminConcernEscalated')).toEqual([]);
    expect(later.next).toEqual({ action: 'done', outcome: 'ended' });
    // Settled meanwhile: done without an email.
    const settled = decideNext({ ...ctx('2027-02-09T09:00:00Z', [{ ...open, state: 'resolved' }]), pairing: ended });
    expect(settled.emails).toEqual([]);
    expect(settled.next).toEqual({ action: 'done', outcome: 'ended' });
  });

  it('never sends a case to an admin who is one of the pair (the partner it is about, or the one who raised it)', () => {
    const both = { ...program, admins: ['a1@example.com', mentor.email.toUpperCase(), mentee.email] };
    const d = decideNext({ ...ctx('2027-02-09T09:00:00Z', [open]), program: both });
    expect(d.emails.filter((e) => e.template === 'adminConcernEscalated').map((e) => e.to)).toEqual(['a1@example.com']);
  });

  it('escalates a case about one of several pairings without naming this pairing’s partner as the one it is about', () => {
    const unclear: ConcernCase = { ...open, pairingId: undefined, partnerId: undefined, amongPairingIds: ['pr_sim', 'pr_other'] };
    const d = decideNext(ctx('2027-02-09T09:00:00Z', [unclear]));
    const escalation = d.emails.find((e) => e.template === 'adminConcernEscalated')!;
    expect(escalation.input).toMatchObject({ unclearPairing: true });
    expect(escalation.input).not.toHaveProperty('partner');
    const text = renderIntent(escalation.template, escalation.input).text.replace(/\s+/g, ' ');
    expect(text).toContain('one of their pairings: their message did not say which');
    expect(text).not.toContain(mentee.name);
  });

  it('names, to the pair, an admin who is not one of them to write to', () => {
    const first = { ...program, admins: [mentee.email, 'a2@example.com'] };
    const d = decideNext({ ...ctx('2027-02-09T09:00:00Z', [open]), program: first });
    const escalation = d.emails.find((e) => e.template === 'adminConcernEscalated')!;
    expect((escalation.input.program as { admin: { email: string } }).admin.email).toBe('a2@example.com');
  });

  it('escalates a case watched twice once (its emails are keyed by the case)', () => {
    const twice = { ...ctx('2027-02-09T09:00:00Z', [open]), pairing: { ...pairing, concerns: [...pairing.concerns!, ...pairing.concerns!] } };
    const d = decideNext(twice);
    expect(d.emails.filter((e) => e.template === 'adminConcernEscalated').map((e) => e.key)).toEqual([
      'concern:cn_abc:escalated:admin-1',
      'concern:cn_abc:escalated:admin-2',
    ]);
    expect(d.pairing.concerns).toBeUndefined();
  });
});

describe('which pairing a concern is about', () => {
  const choice = (pairingId: string, partnerName: string, running = true, createdAt = '2027-01-04T00:00:00Z') => ({
    pairingId,
    partnerName,
    running,
    createdAt,
  });
  const two = [choice('pr_sam', 'Sam Lee', true, '2027-01-04T00:00:00Z'), choice('pr_tom', 'Tom Elder', true, '2027-02-01T00:00:00Z')];

  it('is the one the email named, or the only running one', () => {
    expect(concernTarget('pr_x', two, 'anything')).toEqual({ pairingId: 'pr_x' });
    expect(concernTarget(undefined, [two[0]!, { ...two[1]!, running: false }])).toEqual({ pairingId: 'pr_sam' });
  });

  it('with several running, is the one whose partner alone the text names; else it is not guessed', () => {
    expect(concernTarget(undefined, two, 'Sam belittles me in every meeting. I want to leave this pairing.')).toEqual({ pairingId: 'pr_sam', byName: true });
    expect(concernTarget(undefined, two, "Sam's comments belittle me")).toEqual({ pairingId: 'pr_sam', byName: true });
    expect(concernTarget(undefined, two, 'Tom keeps cancelling')).toEqual({ pairingId: 'pr_tom', byName: true });
    // A name is a capitalised word: "will" is no Will.
    const will = [two[0]!, choice('pr_will', 'Will Parker')];
    expect(concernTarget(undefined, will, 'My partner keeps belittling me. I will not go on like this.')).toEqual({ among: ['pr_sam', 'pr_will'] });
    expect(concernTarget(undefined, two, 'I feel out of my depth')).toEqual({ among: ['pr_sam', 'pr_tom'] });
    expect(concernTarget(undefined, two, 'Sam and Tom both ignore me')).toEqual({ among: ['pr_sam', 'pr_tom'] });
    // A partner enrolled as "Lovelace, Ada" is Ada in every email, and so in the concern.
    const ada = [two[0]!, choice('pr_ada', 'Lovelace, Ada')];
    expect(concernTarget(undefined, ada, 'Ada keeps cancelling')).toEqual({ pairingId: 'pr_ada', byName: true });
    // "Samuel" is not "Sam", and two partners who share a first name are never told apart by it.
    expect(concernTarget(undefined, two, 'Samuel from finance')).toEqual({ among: ['pr_sam', 'pr_tom'] });
    expect(concernTarget(undefined, [two[0]!, choice('pr_sam2', 'Sam Ortiz')], 'Sam is rude')).toEqual({ among: ['pr_sam', 'pr_sam2'] });
  });

  it('with none running, is the latest that ended; with none at all, nothing', () => {
    const ended = [choice('pr_old', 'A', false, '2027-01-01T00:00:00Z'), choice('pr_new', 'B', false, '2027-03-01T00:00:00Z')];
    expect(concernTarget(undefined, ended)).toEqual({ pairingId: 'pr_new' });
    expect(concernTarget(undefined, [])).toEqual({});
  });
});

describe('the private channel never points to the partner', () => {
  const program = { name: 'Pilot', admins: ['sam@example.com', 'hr@example.com'] };

  it('names the first admin outside the pair, and flags an admin who is one of them when there is no other', () => {
    expect(programContact(program, ['zoe@example.com', 'SAM@example.com']).admin).toEqual({ name: 'the program team', email: 'hr@example.com' });
    expect(programContact(program, ['zoe@example.com']).admin.email).toBe('sam@example.com');
    expect(programContact({ name: 'Pilot', admins: ['sam@example.com'] }, ['zoe@example.com', 'sam@example.com']).admin).toEqual({
      name: 'the program team',
      email: 'sam@example.com',
      inPair: true,
    });
  });

  it('does not offer an admin of the pair for a concern, and tells the truth when no admin could be emailed', () => {
    const contact = programContact({ name: 'Pilot', admins: ['sam@example.com'] }, ['zoe@example.com', 'sam@example.com']);
    const email = concernReceived({
      to: { name: 'Zoe Young', timeZone: 'Europe/London' },
      program: contact,
      readBy: '2027-02-09T09:00:00Z',
      workingDays: 2,
      unrouted: true,
    });
    const text = email.text.replace(/\s+/g, ' ');
    expect(text).not.toContain('sam@example.com');
    expect(text).toContain('Every admin of Pilot is part of your pairing, so we have not emailed your concern to anyone');
    expect(text).not.toContain('will read it and get back to you');
  });

  it('tells someone who asked to leave one of several pairings that none ended, and the admins whom it may be about', () => {
    const contact = programContact(program, ['zoe@example.com']);
    const ack = concernReceived({
      to: { name: 'Zoe Young', timeZone: 'Europe/London' },
      program: contact,
      readBy: '2027-02-09T09:00:00Z',
      workingDays: 2,
      leaveUnclear: true,
    });
    expect(ack.text.replace(/\s+/g, ' ')).toContain('As you have more than one, none has ended yet');
    const admin = adminConcernRaised({
      to: { timeZone: 'Europe/London' },
      program: contact,
      concernId: 'cn_x',
      raisedAt: '2027-02-05T15:00:00Z',
      raisedBy: { name: 'Zoe Young', role: 'mentor' },
      partners: [
        { name: 'Sam Lee', role: 'mentee' },
        { name: 'Tom Elder', role: 'mentee' },
      ],
      workingDays: 2,
    });
    expect(admin.subject).toBe('Private concern from Zoe Young (one of 2 pairings)');
    expect(admin.text.replace(/\s+/g, ' ')).toContain('one of their pairings, with Sam Lee (mentee) or Tom Elder (mentee)');
  });
});

describe('a concern by reply is kept whole', () => {
  it('keeps a long concern whole, and marks where one beyond the limit was cut instead of dropping its end silently', async () => {
    const { readConcern, CONCERN_EMAIL_TEXT_MAX } = await import('../../../functions/domain/replies/concern');
    const long = `${'He talks over me in every meeting. '.repeat(180)}The most important part: he asked me to keep quiet about it.`;
    expect(long.length).toBeGreaterThan(4000);
    expect(readConcern(`CONCERN: ${long}`)?.text).toBe(long);
    const huge = 'x'.repeat(CONCERN_EMAIL_TEXT_MAX + 50);
    const cut = readConcern(`CONCERN: ${huge}`)!.text;
    expect(cut.startsWith('x'.repeat(CONCERN_EMAIL_TEXT_MAX))).toBe(true);
    expect(cut).toMatch(/was cut here: please send the rest in another email/);
  });
});
