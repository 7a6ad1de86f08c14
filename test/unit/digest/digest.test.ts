import { describe, expect, it } from 'vitest';
import { composeDigest, digestDue, upcomingMilestones, waitingForPartner, type DigestFacts } from '../../../functions/domain/digest';
import type { Pairing, Round } from '../../../functions/domain/pairing/model';
import { programSchema } from '../../../functions/domain/program';
import { springDigest, springProgram } from './spring';

const program = springProgram;
const people = { mentor: 'Ana Souza', mentee: 'Sam Lee' };

function facts(over: Partial<DigestFacts> = {}): DigestFacts {
  return { program, now: new Date('2027-03-01T09:00:00Z'), atRisk: [], pairings: [], waitlistSize: 0, approvals: [], notices: [], ...over };
}

const pairing = (over: Partial<Pairing> = {}): Pairing =>
  ({
    pairingId: 'pr_one',
    programId: 'spring',
    mentorId: 'm',
    menteeId: 'e',
    status: 'active',
    createdAt: '2027-01-04T09:00:00Z',
    startedAt: '2027-01-04T09:00:00Z',
    acceptedAt: '2027-01-06T09:00:00Z',
    ...over,
  }) as Pairing;

/** As a pairing stands after its first check-in (day 14, held) and the fit check that followed it. */
const pastFirstCheckIn = (over: Partial<Pairing> = {}): Pairing =>
  pairing({ planDoneMs: 14 * 86_400_000, checkInsHeld: 1, fitCheckAskedAt: '2027-01-26T09:00:00Z', ...over });

describe('when the digest is due', () => {
  it('is the first working hour of the digest day in the program time zone, once', () => {
    // Monday 1 March 2027, 09:xx in London (UTC+0 in winter).
    expect(digestDue(program, new Date('2027-03-01T09:00:00Z'))).toBe('2027-03-01');
    expect(digestDue(program, new Date('2027-03-01T09:59:59Z'))).toBe('2027-03-01');
    expect(digestDue(program, new Date('2027-03-01T08:59:59Z'))).toBeUndefined();
    expect(digestDue(program, new Date('2027-03-01T10:00:00Z'))).toBeUndefined();
    expect(digestDue(program, new Date('2027-03-02T09:00:00Z'))).toBeUndefined();
    // Summer time: 09:00 in London is 08:00 UTC.
    expect(digestDue(program, new Date('2027-06-07T08:30:00Z'))).toBe('2027-06-07');
    expect(digestDue(program, new Date('2027-06-07T09:30:00Z'))).toBeUndefined();
  });

  it('follows the program setting for the day and the working hours, and moves past a holiday', () => {
    const wednesday = { ...program, digest: { day: 'wed' as const }, workingHours: { ...program.workingHours, start: '08:00' } };
    expect(digestDue(wednesday, new Date('2027-03-03T08:10:00Z'))).toBe('2027-03-03');
    expect(digestDue(wednesday, new Date('2027-03-01T08:10:00Z'))).toBeUndefined();
    const holiday = { ...program, nonWorkingDays: ['2027-03-01'] };
    expect(digestDue(holiday, new Date('2027-03-01T09:00:00Z'))).toBeUndefined();
    // The next working day takes the digest, under the holiday's key (one digest a week).
    expect(digestDue(holiday, new Date('2027-03-02T09:00:00Z'))).toBe('2027-03-01');
    expect(digestDue(holiday, new Date('2027-03-03T09:00:00Z'))).toBeUndefined();
    const tokyo = { ...program, timeZone: 'Asia/Tokyo' };
    // Monday 09:00 in Tokyo is Monday 00:00 UTC.
    expect(digestDue(tokyo, new Date('2027-03-01T00:15:00Z'))).toBe('2027-03-01');
  });
});

describe('what the digest says', () => {
  it('says nothing (no email) when nothing needs the admin', () => {
    expect(composeDigest(facts())).toBeUndefined();
    // A notice from before the last digest was reported then; a running pair with no review this week is quiet.
    expect(
      composeDigest(facts({ notices: [{ key: 'accepted#pr_old', kind: 'accepted', pairingId: 'pr_old', at: '2027-02-20T10:00:00Z', people }] })),
    ).toBeUndefined();
    expect(composeDigest(facts({ pairings: [{ pairing: pairing(), people }] }))).toBeUndefined();
  });

  it('lists the pairings on a break: paused now with their return day, then the pauses booked, by their first day; alone they send nothing', () => {
    const booked = {
      fromDay: '2027-03-22',
      untilDay: '2027-04-05',
      startsAt: '2027-03-22T00:00:00.000Z',
      endsAt: '2027-04-05T00:00:00.000Z',
      requestedAt: '2027-02-25T10:00:00Z',
    };
    const pairings = [
      { pairing: pairing({ pairingId: 'pr_later', pauseBooked: booked }), people: { mentor: 'Cleo Ng', mentee: 'Dan Roe' } },
      {
        pairing: pairing({
          pairingId: 'pr_now',
          status: 'paused',
          pausedAt: '2027-02-26T09:00:00Z',
          pausedUntil: '2027-03-08T00:00:00.000Z',
          pausedUntilDay: '2027-03-08',
        }),
        people,
      },
      { pairing: pairing({ pairingId: 'pr_open', status: 'paused', pausedAt: '2027-02-26T09:00:00Z' }), people: { mentor: 'Eve Li', mentee: 'Fay Orr' } },
      { pairing: pairing({ pairingId: 'pr_ended', status: 'ended', pauseBooked: booked }), people },
    ];
    expect(composeDigest(facts({ pairings }))).toBeUndefined();
    const content = composeDigest(facts({ pairings, waitlistSize: 1 }))!;
    expect(content.breaks.map((b) => b.pairingId)).toEqual(['pr_now', 'pr_open', 'pr_later']);
    const text = springDigest(content).text.replace(/\s+/g, ' ');
    expect(text).toContain('Pairings on a break');
    expect(text).toContain(
      'Ana Souza (mentor) and Sam Lee (mentee): paused, resuming on Monday 8 March 2027. To end a pause early or cancel a booked one: POST /pairings/pr_now/resume.',
    );
    expect(text).toContain('Eve Li (mentor) and Fay Orr (mentee): paused, with no return day set (it resumes when someone resumes it).');
    expect(text).toContain('Cleo Ng (mentor) and Dan Roe (mentee): a pause is booked from Monday 22 March 2027, resuming on Monday 5 April 2027.');
    expect(text).not.toContain('pr_ended');
  });

  it('reports each notice once when HR moves the digest day: from when the last digest went, not the new schedule', () => {
    const wednesdays = programSchema.parse({ ...program, digest: { day: 'wed' } });
    const friday = { key: 'accepted#pr_fri', kind: 'accepted' as const, pairingId: 'pr_fri', at: '2027-02-26T10:00:00Z', people };
    const tuesday = { key: 'accepted#pr_tue', kind: 'accepted' as const, pairingId: 'pr_tue', at: '2027-03-02T10:00:00Z', people };
    // Monday 1 March's digest reported Friday's start; the day moved to Wednesday after it.
    const wednesday = (lastSentAt?: string) =>
      composeDigest(facts({ program: wednesdays, now: new Date('2027-03-03T09:00:00Z'), notices: [friday, tuesday], ...(lastSentAt ? { lastSentAt } : {}) }))!;
    expect(wednesday('2027-03-01T09:00:05Z').started.map((s) => s.pairingId)).toEqual(['pr_tue']);
    // No digest kept (the first, or its claim expired): the schedule's previous digest day.
    expect(wednesday().started.map((s) => s.pairingId)).toEqual(['pr_fri', 'pr_tue']);
  });

  it('gathers pairs at risk, reviews due, the waitlist, approvals and the notices of the week', () => {
    const content = composeDigest(
      facts({
        atRisk: [
          { pairingId: 'pr_risk', status: 'active', missedInRow: 2, lastMetAt: null, people, risks: [{ code: 'missed-check-ins', reason: 'r', action: 'a' }] },
        ],
        waitlistSize: 2,
        approvals: [{ runId: 'run-1', pairCount: 3, unmatchedCount: 0, since: '2027-02-27T10:00:00Z', route: '/programs/spring/matching/run-1' }],
        notices: [
          { key: 'not-started#pr_b', kind: 'not-started', pairingId: 'pr_b', at: '2027-02-26T10:00:00Z', people, detail: 'declined' },
          { key: 'accepted#pr_a', kind: 'accepted', pairingId: 'pr_a', at: '2027-02-25T10:00:00Z', people },
        ],
      }),
    );
    expect(content).toBeDefined();
    expect(content!.atRisk.map((p) => p.pairingId)).toEqual(['pr_risk']);
    expect(content!.started).toEqual([{ pairingId: 'pr_a', people, at: '2027-02-25T10:00:00Z' }]);
    expect(content!.notStarted).toEqual([{ pairingId: 'pr_b', people, at: '2027-02-26T10:00:00Z', detail: 'declined' }]);
    const email = springDigest(content!);
    expect(email.subject).toBe('Spring: weekly digest (1 proposal waiting for approval, 1 pair at risk)');
    expect(email.text.replace(/\s+/g, ' ')).toContain('2 people are waiting for a partner');
  });

  it('in a closed program, never advises matching for new people: it says who has not been told yet, and that one run tells them', () => {
    const content = composeDigest(facts({ waitlistSize: 1, programClosed: true }))!;
    const text = springDigest(content).text.replace(/\s+/g, ' ');
    expect(text).toContain('The program has closed, and 1 person on the waitlist has not been told yet that no partner was found.');
    expect(text).not.toContain('when new people have joined');
    // Everyone told: nothing about a waitlist is left to say.
    expect(composeDigest(facts({ waitlistSize: 0, programClosed: true }))).toBeUndefined();
  });

  it('lists the private concerns nobody has acknowledged, oldest first, saying when the date promised has passed', () => {
    const content = composeDigest(
      facts({
        openConcerns: [
          { concernId: 'cn_new', raisedBy: 'Wen Waiting (mentee)', raisedAt: '2027-02-28T10:00:00Z', escalateAt: '2027-03-02T09:00:00Z' },
          { concernId: 'cn_old', raisedBy: 'Ana Souza (mentor)', raisedAt: '2027-02-20T10:00:00Z', escalateAt: '2027-02-23T09:00:00Z' },
        ],
      }),
    );
    expect(content!.openConcerns.map((c) => [c.concernId, c.overdue])).toEqual([
      ['cn_old', true],
      ['cn_new', false],
    ]);
    const email = springDigest(content!);
    expect(email.subject).toBe('Spring: weekly digest (2 private concerns not acknowledged)');
    const text = email.text.replace(/\s+/g, ' ');
    expect(text).toContain(
      'Ana Souza (mentor), raised on Saturday 20 February 2027; they were promised an answer by Tuesday 23 February 2027, which has passed. Read it with GET /concerns/cn_old',
    );
    expect(text).toContain('promised an answer by Tuesday 2 March 2027. Read it');
  });

  it('a concern promised "by" the digest\'s own day is not overdue until that day has ended (QA)', () => {
    // The digest goes on Monday 1 March at 09:05; the person was promised an answer by Monday 1 March.
    const today = { concernId: 'cn_today', raisedBy: 'Wen Waiting (mentee)', raisedAt: '2027-02-25T10:00:00Z', escalateAt: '2027-03-01T09:00:00Z' };
    expect(composeDigest(facts({ openConcerns: [today] }))!.openConcerns.map((c) => c.overdue)).toEqual([false]);
    const yesterday = { ...today, concernId: 'cn_sun', escalateAt: '2027-02-28T09:00:00Z' };
    expect(composeDigest(facts({ openConcerns: [yesterday] }))!.openConcerns.map((c) => c.overdue)).toEqual([true]);
  });

  it('counts as waiting only those a run can still match and tell: not a suppressed, withdrawn or told-closed person (QA)', () => {
    const people = (
      [
        ['pt_w', 'waitlisted'],
        ['pt_s', 'suppressed'],
        ['pt_x', 'withdrawn'],
        ['pt_c', 'waitlisted'],
      ] as const
    ).map(([participantId, status]) => ({ participantId, status, role: 'mentee' as const }));
    const waitlist = [
      { participantId: 'pt_w' },
      { participantId: 'pt_s' },
      { participantId: 'pt_x' },
      { participantId: 'pt_c', closedNoticeAt: '2027-02-01T09:00:00Z' },
      { participantId: 'pt_gone' },
    ];
    expect(waitingForPartner(people, [], waitlist, new Date('2027-03-01T09:00:00Z'), false).waitlistSize).toBe(1);
  });

  it('says in words why a pairing did not start, and nothing false about who accepted (QA)', () => {
    const content = composeDigest(
      facts({ notices: [{ key: 'not-started#pr_c', kind: 'not-started', pairingId: 'pr_c', at: '2027-02-26T10:00:00Z', people, detail: 'no-answer' }] }),
    )!;
    const text = springDigest(content).text.replace(/\s+/g, ' ');
    expect(text).toContain('(the introduction was not answered in time); whoever did not decline is offered someone new');
    expect(text).not.toMatch(/no-answer|whoever accepted/);
  });

  it('a digest moved past a holiday covers from the digest before it, so no notice falls between two digests', () => {
    // Monday 1 March's digest went at 09:05; Monday 8 March is a holiday, so the next goes Tuesday 9 March at 09:05.
    const holiday = programSchema.parse({ ...program, nonWorkingDays: ['2027-03-08'] });
    const tuesday = new Date('2027-03-09T09:05:00Z');
    expect(digestDue(holiday, tuesday)).toBe('2027-03-08');
    const notice = (at: string) => ({ key: `accepted#${at}`, kind: 'accepted' as const, pairingId: `pr_${at}`, at, people });
    const notices = [notice('2027-03-01T09:04:00Z'), notice('2027-03-01T10:05:00Z'), notice('2027-03-09T09:04:00Z')];
    const moved = composeDigest(facts({ program: holiday, now: tuesday, notices }))!;
    expect(moved.started.map((n) => n.at)).toEqual(['2027-03-01T10:05:00Z', '2027-03-09T09:04:00Z']);
    // The Monday after covers from that Tuesday on: nothing twice.
    const next = composeDigest(facts({ program: holiday, now: new Date('2027-03-15T09:05:00Z'), notices }));
    expect(next?.started ?? []).toEqual([]);
  });

  it('lists milestone and final reviews due in the next 7 days, not check-ins nor reviews already done', () => {
    // Accepted 6 January: the day 30 review is due 5 February.
    const now = new Date('2027-02-01T09:00:00Z');
    const due = upcomingMilestones([{ pairing: pastFirstCheckIn(), people }], program.lifecycle, now);
    expect(due).toEqual([{ pairingId: 'pr_one', people, label: 'Day 30 review', dueAt: '2027-02-05T09:00:00.000Z' }]);
    expect(upcomingMilestones([{ pairing: pairing(), people }], program.lifecycle, new Date('2027-01-20T09:00:00Z'))).toEqual([]);
    // A pairing that has not had its first check-in yet by then has it and its fit check first: no review this week.
    expect(upcomingMilestones([{ pairing: pairing(), people }], program.lifecycle, now)).toEqual([]);
    const done = pairing({ planDoneMs: 30 * 86_400_000 });
    expect(upcomingMilestones([{ pairing: done, people }], program.lifecycle, now)).toEqual([]);
    expect(upcomingMilestones([{ pairing: pairing({ status: 'paused' }), people }], program.lifecycle, now)).toEqual([]);
  });

  it('dates the end review of a pairing that paused as its lifecycle does: the months from acceptance, then the time paused', () => {
    // Accepted 30 November, 22 days paused, a 1-month program: 30 December plus 22 days is 21 January.
    // Laid out again from the shifted start (22 December plus a month) it would read 22 January.
    const short = programSchema.parse({
      programId: 'spring',
      name: 'Spring',
      startDate: '2026-11-30',
      timeZone: 'Europe/London',
      admins: ['a@example.com'],
      lifecycle: { durationMonths: 1 },
    });
    const paused = pastFirstCheckIn({ acceptedAt: '2026-11-30T09:00:00Z', pausedMs: 22 * 86_400_000 });
    const due = upcomingMilestones([{ pairing: paused, people }], short.lifecycle, new Date('2027-01-18T09:00:00Z'));
    expect(due.map((d) => d.dueAt)).toEqual(['2027-01-21T09:00:00.000Z']);
  });

  it("lists a review on the day its emails go: a review due on Friday afternoon goes at Monday's send time", () => {
    // Accepted Wednesday 6 January at 15:00: the day 30 review falls due Friday 5 February at 15:00, after both readers' send time.
    const late = pastFirstCheckIn({ acceptedAt: '2027-01-06T15:00:00Z' });
    const [due] = upcomingMilestones(
      [{ pairing: late, people, timeZones: ['Europe/London', 'Europe/London'] }],
      program.lifecycle,
      new Date('2027-02-04T09:00:00Z'),
    );
    expect(due?.label).toBe('Day 30 review');
    expect(due?.dueAt.slice(0, 10)).toBe('2027-02-08');
  });

  it('lists a review on the day it really goes when the round before it closes after its plan day, and not on the plan day (QA promises2)', () => {
    // Weekly check-ins, readers in Los Angeles and Auckland: each round closes 5 days after its last
    // email at the end of Los Angeles' day, after the next plan day. The day 30 review (plan day
    // Friday 5 February) waits for the check-in open now to close, the end of Saturday 6 February in
    // Los Angeles, and goes at the earlier reader's send time after it.
    const weekly = programSchema.parse({ ...program, lifecycle: { ...program.lifecycle, checkInCadenceDays: 7, sendWindowMinutes: 0 } });
    const zones = ['America/Los_Angeles', 'Pacific/Auckland'];
    const open = pastFirstCheckIn({
      planDoneMs: 21 * 86_400_000,
      round: {
        key: 'round-005',
        kind: 'check-in',
        label: 'Check-in 4',
        dueAt: '2027-02-02T09:00:00Z',
        closesAt: '2027-02-07T07:59:59.999Z',
        asks: {},
        answers: {},
      },
    });
    const now = new Date('2027-02-01T09:00:00Z');
    const [due] = upcomingMilestones([{ pairing: open, people, timeZones: zones }], weekly.lifecycle, now, []);
    expect(due?.label).toBe('Day 30 review');
    // 09:00 on Monday 8 February in Auckland (Sunday 20:00 UTC is before LA's Monday 09:00).
    expect(due?.dueAt).toBe('2027-02-07T20:00:00.000Z');
    // The week after the plan day, when it really goes, it is still listed.
    const later = upcomingMilestones([{ pairing: open, people, timeZones: zones }], weekly.lifecycle, new Date('2027-02-06T09:00:00Z'), []);
    expect(later.map((d) => d.label)).toEqual(['Day 30 review']);
  });

  it('does not lay out again the round asked now: a review being asked is not listed a second time after its own deadline (QA verify13)', () => {
    // The day 30 review is out now (its plan item, 30 days in); the next review is the end one, months away.
    const asking = pastFirstCheckIn({
      planDoneMs: 14 * 86_400_000,
      round: {
        key: 'round-004',
        kind: 'milestone',
        label: 'Day 30 review',
        dueAt: '2027-02-05T09:00:00Z',
        closesAt: '2027-02-10T23:59:59.999Z',
        asks: {},
        answers: {},
        planOffsetMs: 30 * 86_400_000,
      },
    });
    expect(upcomingMilestones([{ pairing: asking, people }], program.lifecycle, new Date('2027-02-08T09:00:00Z'))).toEqual([]);
  });

  it('lists a review whose round opened before the digest but whose first email goes after it, in that week and no other (QA quiet 4)', () => {
    // Day 32 of a pairing accepted Wednesday 6 January is Sunday 7 February: the round opens then
    // and its emails wait for Monday's send time, 10:00, after Monday's 09:00 digest.
    const weekend = programSchema.parse({
      ...program,
      lifecycle: { ...program.lifecycle, checkInCadenceDays: 14, milestoneDays: [32], checkInAnswerWindowDays: 3, sendTime: '10:00', sendWindowMinutes: 0 },
    });
    const opened = (asks: Round['asks']) =>
      pastFirstCheckIn({
        planDoneMs: 28 * 86_400_000,
        checkInsHeld: 2,
        round: {
          key: 'round-005',
          kind: 'milestone',
          label: 'Day 32 review',
          dueAt: '2027-02-07T09:00:00.000Z',
          closesAt: '2027-02-11T23:59:59.999Z',
          asks,
          answers: {},
          planOffsetMs: 32 * 86_400_000,
        },
      });
    const london = ['Europe/London', 'Europe/London'];
    // The digest of 1 February: the review goes after its 7 days.
    expect(upcomingMilestones([{ pairing: pastFirstCheckIn(), people, timeZones: london }], weekend.lifecycle, new Date('2027-02-01T09:00:00Z'))).toEqual([]);
    const monday = { mentor: { sendAt: '2027-02-08T10:00:00.000Z' }, mentee: { sendAt: '2027-02-08T10:00:00.000Z' } };
    expect(upcomingMilestones([{ pairing: opened(monday), people, timeZones: london }], weekend.lifecycle, new Date('2027-02-08T09:00:00Z'))).toEqual([
      { pairingId: 'pr_one', people, label: 'Day 32 review', dueAt: '2027-02-08T10:00:00.000Z' },
    ]);
    // A mentor in Auckland was sent it at her Monday 10:00, Sunday 21:00 UTC: the digest of 1 February
    // listed it then, and the one of 8 February, with only the mentee's email still to go, does not again.
    const apart = ['Pacific/Auckland', 'Europe/London'];
    expect(upcomingMilestones([{ pairing: pastFirstCheckIn(), people, timeZones: apart }], weekend.lifecycle, new Date('2027-02-01T09:00:00Z'))).toEqual([
      { pairingId: 'pr_one', people, label: 'Day 32 review', dueAt: '2027-02-07T21:00:00.000Z' },
    ]);
    const mentorSent = { mentor: { sendAt: '2027-02-07T21:00:00.000Z', sent: true }, mentee: { sendAt: '2027-02-08T10:00:00.000Z' } };
    expect(upcomingMilestones([{ pairing: opened(mentorSent), people, timeZones: apart }], weekend.lifecycle, new Date('2027-02-08T09:00:00Z'))).toEqual([]);
  });

  it('lists the review that follows a "Decision needed" nobody answers, on the day it goes then (QA regress NEW-4)', () => {
    // Weekly check-ins, readers in Berlin and Los Angeles, a pair that has missed all six check-ins:
    // the admins were asked on Monday 1 February to decide by the end of Monday 8 February. With no
    // answer the pairing continues then: check-in 7 goes on Tuesday 9 February and closes at the end
    // of Sunday 14 February in Los Angeles; the Day 60 review goes on Monday 15 February, 09:00 in
    // Berlin, inside the 7 days of the digest of 8 February. A silent pair is not assumed to meet at
    // that check-in (which would bring the fit check first and push the review past every digest).
    const weekly = programSchema.parse({
      ...program,
      startDate: '2026-12-01',
      lifecycle: { ...program.lifecycle, durationMonths: 3, milestoneDays: [30, 60], checkInCadenceDays: 7, sendWindowMinutes: 0 },
    });
    const zones = ['Europe/Berlin', 'America/Los_Angeles'];
    const deciding = pairing({
      acceptedAt: '2026-12-01T09:30:00.000Z',
      planDoneMs: 49 * 86_400_000,
      previousRoundClosesAt: '2027-01-31T07:59:59.999Z',
      checkInsHeld: 0,
      checkInsMissed: 6,
      missedInRow: 3,
      pendingDecision: true,
      round: {
        key: 'decision-009',
        kind: 'admin-decision',
        label: 'Admin decision',
        dueAt: '2027-01-31T08:00:00.000Z',
        closesAt: '2027-02-08T23:59:59.999Z',
        asks: { admin: { sendAt: '2027-02-01T10:05:00.000Z', sent: true } },
        answers: {},
      },
    });
    expect(upcomingMilestones([{ pairing: deciding, people, timeZones: zones }], weekly.lifecycle, new Date('2027-02-08T09:30:00Z'))).toEqual([
      { pairingId: 'pr_one', people, label: 'Day 60 review', dueAt: '2027-02-15T08:00:00.000Z' },
    ]);
  });

  it('lists the review a paused pairing will be asked after its pause ends, on its shifted day; nothing for a pause with no end', () => {
    // Paused on 1 February until 10 February (9 days): the day 30 review (5 February) moves to 14 February.
    const paused = pastFirstCheckIn({ status: 'paused', pausedAt: '2027-02-01T09:00:00Z', pausedUntil: '2027-02-10T09:00:00.000Z' });
    const due = upcomingMilestones([{ pairing: paused, people }], program.lifecycle, new Date('2027-02-08T09:00:00Z'));
    expect(due).toEqual([{ pairingId: 'pr_one', people, label: 'Day 30 review', dueAt: '2027-02-14T09:00:00.000Z' }]);
    const open = pastFirstCheckIn({ status: 'paused', pausedAt: '2027-02-01T09:00:00Z' });
    expect(upcomingMilestones([{ pairing: open, people }], program.lifecycle, new Date('2027-02-08T09:00:00Z'))).toEqual([]);
  });
});
