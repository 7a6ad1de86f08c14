import { describe, expect, it } from 'vitest';
import { matchingInput, pairingIdFor } from '../../../functions/cohort-matching';
import { rematchInput } from '../../../functions/rematch';
import type { Pairing, PairingStatus } from '../../../functions/adapters/pairings';
import { matchIncrementally } from '../../../functions/domain/matching/match';
import type { Participant, ParticipantStatus } from '../../../functions/domain/participant';
import { person, program } from '../matching/fixtures';

const stored = (id: string, role: 'mentor' | 'mentee', status: ParticipantStatus, over: Parameters<typeof person>[2] = {}): Participant => ({
  ...person(id, role, over),
  status,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  version: 1,
});

const pairing = (mentorId: string, menteeId: string, status: PairingStatus): Pairing => ({
  pairingId: pairingIdFor('pilot', mentorId, menteeId),
  programId: 'pilot',
  mentorId,
  menteeId,
  score: 50,
  reasons: [],
  tradeOffs: [],
  status,
  checkInsHeld: 0,
  checkInsMissed: 0,
  missedInRow: 0,
  createdAt: '2027-01-01T00:00:00.000Z',
  updatedAt: '2027-01-01T00:00:00.000Z',
  version: 1,
});

describe('pairingIdFor', () => {
  it('names a pair the same way every time, and each pair, program and orientation differently', () => {
    const id = pairingIdFor('pilot', 'pt_a', 'pt_b');
    expect(id).toBe(pairingIdFor('pilot', 'pt_a', 'pt_b'));
    expect(id).toMatch(/^pr_[a-z2-7]{20}$/);
    const others = [pairingIdFor('pilot', 'pt_b', 'pt_a'), pairingIdFor('other', 'pt_a', 'pt_b'), pairingIdFor('pilot', 'pt_a', 'pt_c')];
    expect(new Set([id, ...others]).size).toBe(4);
  });
});

describe('matchingInput (who a cohort run offers)', () => {
  const people = [
    stored('ana', 'mentor', 'paired', { capacity: 2 }),
    stored('ben', 'mentor', 'enrolled'),
    stored('cat', 'mentor', 'withdrawn'),
    stored('xia', 'mentee', 'paired'),
    stored('yan', 'mentee', 'enrolled'),
    stored('zed', 'mentee', 'waitlisted'),
    stored('old', 'mentee', 'paired'),
  ];
  const pairings = [pairing('ana', 'xia', 'active'), pairing('ben', 'old', 'not-started')];
  const cohortRun = matchingInput(people, pairings, { waiting: (p) => p.status === 'enrolled' || p.status === 'waitlisted' });

  it('offers new joiners and the waitlist, never people who left, and keeps running pairs as they are', () => {
    expect(cohortRun.waitingIds.sort()).toEqual(['ben', 'yan', 'zed']);
    // Of those, the waitlist is matched first.
    expect(cohortRun.priorityIds).toEqual(['zed']);
    expect(cohortRun.participants.map((p) => p.participantId).sort()).toEqual(['ana', 'ben', 'xia', 'yan', 'zed']);
    expect(cohortRun.activePairs).toEqual([{ mentorId: 'ana', menteeId: 'xia' }]);
    expect(cohortRun.previousPairs).toEqual([{ mentorId: 'ben', menteeId: 'old' }]);
    expect(cohortRun.participants[0]).not.toHaveProperty('status');
  });

  it("gives the solver a running mentor's free place without touching the running pair", () => {
    const { pairs } = matchIncrementally({ program: program(), ...cohortRun });
    expect(pairs.some((p) => p.menteeId === 'xia')).toBe(false);
    expect(pairs.map((p) => p.mentorId).sort()).toEqual(['ana', 'ben']);
  });
});

describe('people whose end news has not gone yet (leaveOut)', () => {
  // ana (2 places) still mentors xia; her pairing with old just ended, as did ben's with yan: the
  // end emails wait for their working hours. zed is new.
  const people = [
    stored('ana', 'mentor', 'paired', { capacity: 2 }),
    stored('ben', 'mentor', 'enrolled'),
    stored('xia', 'mentee', 'paired'),
    stored('yan', 'mentee', 'awaiting-rematch'),
    stored('zed', 'mentee', 'enrolled'),
    stored('old', 'mentee', 'enrolled', { manager: { employeeId: 'E-zed' } }),
  ];
  const pairings = [pairing('ana', 'xia', 'active'), pairing('ana', 'old', 'ended'), pairing('ben', 'yan', 'ended')];
  const waiting = (p: Participant) => p.status === 'enrolled' || p.status === 'awaiting-rematch';
  const input = matchingInput(people, pairings, { waiting, leaveOut: new Set(['ana', 'ben', 'yan', 'old']) });

  it('neither offers nor waitlists them, and offers no free place of theirs; they still link reporting lines', () => {
    expect(input.waitingIds).toEqual(['zed']);
    expect(input.leftOut.sort()).toEqual(['ana', 'ben', 'old', 'yan']);
    expect(input.participants.map((p) => p.participantId).sort()).toEqual(['xia', 'zed']);
    expect(input.activePairs).toEqual([{ mentorId: 'ana', menteeId: 'xia' }]);
    expect(input.reportingLines.map((l) => l.email).sort()).toEqual(['ana@example.com', 'ben@example.com', 'old@example.com', 'yan@example.com']);
    const { pairs, unmatched } = matchIncrementally({ program: program(), ...input });
    expect(pairs).toEqual([]);
    expect(unmatched.map((u) => u.participantId)).toEqual(['zed']);
  });

  it('offers them all once the news has gone (the same selection, run again later)', () => {
    const later = matchingInput(people, pairings, { waiting, leaveOut: new Set() });
    expect(later.leftOut).toEqual([]);
    expect(later.waitingIds.sort()).toEqual(['ben', 'old', 'yan', 'zed']);
  });
});

describe('reporting lines through people who are no longer matched', () => {
  // boss <- mid <- junior: mid has left the program (by STOP, ParticipantLeft, or a finished pairing).
  const people = (midStatus: ParticipantStatus) => [
    stored('boss', 'mentee', 'enrolled'),
    stored('mid', 'mentee', midStatus, { manager: { employeeId: 'E-boss' } }),
    stored('junior', 'mentor', 'enrolled', { manager: { email: 'MID@example.com' } }),
  ];

  it.each<ParticipantStatus>(['left', 'withdrawn', 'completed', 'inactive', 'suppressed'])(
    "never pairs a junior with their manager's manager when the manager in between is %s",
    (status) => {
      const input = matchingInput(people(status), [], { waiting: () => true });
      expect(input.participants.map((p) => p.participantId).sort()).toEqual(['boss', 'junior']);
      const { pairs, unmatched } = matchIncrementally({ program: program(), ...input });
      expect(pairs).toEqual([]);
      expect(unmatched.find((u) => u.participantId === 'junior')?.reason).toMatch(/same reporting line/);
    },
  );

  it('pairs them when nobody links them', () => {
    const input = matchingInput(
      people('left').filter((p) => p.participantId !== 'mid'),
      [],
      { waiting: () => true },
    );
    expect(matchIncrementally({ program: program(), ...input }).pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['junior', 'boss']]);
  });
});

describe('why someone waits when the waitlist went first', () => {
  it('says the place may have gone to someone on the waitlist, not only to a better fit', () => {
    const mentor = person('ann', 'mentor', { topicsOffered: ['ai-tools', 'social-media'] });
    const waiting = person('old', 'mentee', { topicsWanted: ['social-media'] });
    const newcomer = person('new', 'mentee', { topicsWanted: ['ai-tools'] });
    const base = { program: program(), participants: [mentor, waiting, newcomer], activePairs: [], previousPairs: [] };
    const first = matchIncrementally({ ...base, priorityIds: ['old'] });
    expect(first.pairs.map((p) => p.menteeId)).toEqual(['old']);
    expect(first.unmatched.find((u) => u.participantId === 'new')?.reason).toMatch(/went to people on the waitlist, who are matched first/);
    const plain = matchIncrementally(base);
    const loser = plain.unmatched.find((u) => u.code === 'capacity');
    expect(loser?.reason).toMatch(/fully booked with pairs that fit better overall/);
  });
});

describe('rematchInput (who a rematch offers)', () => {
  // ana-xia did not start; ben-yan runs; zed waits; eve enrolled late and waits for a cohort run.
  const people = [
    stored('ana', 'mentor', 'paired'),
    stored('ben', 'mentor', 'paired'),
    stored('xia', 'mentee', 'paired'),
    stored('yan', 'mentee', 'paired'),
    stored('zed', 'mentee', 'waitlisted'),
    stored('eve', 'mentee', 'enrolled'),
  ];
  const request = { participantIds: ['ana', 'xia'], previousPairingId: pairingIdFor('pilot', 'ana', 'xia') };

  it('treats the replaced pairing as ended even before its workflow has recorded it', () => {
    const input = rematchInput(people, [pairing('ana', 'xia', 'introduced'), pairing('ben', 'yan', 'active')], request);
    expect(input.waitingIds.sort()).toEqual(['ana', 'xia', 'zed']);
    expect(input.previousPairs).toEqual([{ mentorId: 'ana', menteeId: 'xia' }]);
    expect(input.activePairs).toEqual([{ mentorId: 'ben', menteeId: 'yan' }]);
  });

  it('offers someone whose own rematch has not run yet: two pairs that each lost a member at once make one new pair', () => {
    const both = [...people, stored('cid', 'mentor', 'awaiting-rematch'), stored('dee', 'mentee', 'waitlisted')];
    const input = rematchInput(both, [pairing('ana', 'xia', 'ended'), pairing('ben', 'yan', 'active'), pairing('cid', 'fay', 'ended')], request);
    // cid may be paired (a candidate), but is not one of this run's waiting people: left unmatched,
    // cid is waitlisted by their own rematch, after the news of their ended pairing, not before it.
    expect(input.participants.map((p) => p.participantId)).toContain('cid');
    expect(input.waitingIds.sort()).toEqual(['ana', 'dee', 'xia', 'zed']);
    const { pairs } = matchIncrementally({ program: program(), ...input });
    expect(pairs.some((p) => p.mentorId === 'cid')).toBe(true);
  });

  it('leaves out someone still owed the news that their pairing ended: no introduction before that news (QA rematch4)', () => {
    const both = [...people, stored('cid', 'mentor', 'awaiting-rematch'), stored('dee', 'mentee', 'waitlisted')];
    const pairings = [pairing('ana', 'xia', 'ended'), pairing('ben', 'yan', 'active'), pairing('cid', 'fay', 'ended')];
    const run = {
      program: { startDate: '2027-01-04', timeZone: 'UTC', lifecycle: program().lifecycle, rematch: program().rematch },
      now: new Date('2027-02-01T00:00:00Z'),
    };
    const input = rematchInput(both, pairings, request, { ...run, owedEndNews: new Set(['cid', 'ana']) });
    expect(input.participants.map((p) => p.participantId)).not.toContain('cid');
    expect(matchIncrementally({ program: program(), ...input }).pairs.some((p) => p.mentorId === 'cid')).toBe(false);
    // The people this rematch is for are offered whatever the outbox says of them.
    expect(input.waitingIds).toEqual(expect.arrayContaining(['ana', 'xia']));
  });

  it('keeps the waitlist promise past the cap: a waiting person whose own last rematch found nobody is still offered, unless held for the admin', () => {
    // zed's one allowed rematch (maxAttempts 1) found nobody: he waits, told he is considered first.
    const capped = people.map((p) => (p.participantId === 'zed' ? { ...p, rematchAttempts: 1 } : p));
    const run = {
      program: { startDate: '2027-01-04', timeZone: 'UTC', lifecycle: program().lifecycle, rematch: { ...program().rematch, maxAttempts: 1 } },
      now: new Date('2027-02-01T00:00:00Z'),
    };
    const pairings = [pairing('ana', 'xia', 'not-started'), pairing('ben', 'yan', 'active')];
    expect(rematchInput(capped, pairings, request, run).waitingIds.sort()).toEqual(['ana', 'xia', 'zed']);
    // Held at the cap (waitlist code rematch-limit, the admins told): only a cohort run offers him.
    const held = rematchInput(capped, pairings, request, { ...run, heldForAdmin: new Set(['zed']) });
    expect(held.waitingIds.sort()).toEqual(['ana', 'xia']);
    expect(held.participants.map((p) => p.participantId)).not.toContain('zed');
  });

  it('offers someone awaiting their last allowed rematch to another rematch too', () => {
    const both = [...people, { ...stored('cid', 'mentor', 'awaiting-rematch'), rematchAttempts: 1 }];
    const run = {
      program: { startDate: '2027-01-04', timeZone: 'UTC', lifecycle: program().lifecycle, rematch: { ...program().rematch, maxAttempts: 1 } },
      now: new Date('2027-02-01T00:00:00Z'),
    };
    const input = rematchInput(both, [pairing('ana', 'xia', 'ended'), pairing('ben', 'yan', 'active'), pairing('cid', 'fay', 'ended')], request, run);
    expect(input.participants.map((p) => p.participantId)).toContain('cid');
  });

  it('pairs the freed mentor with the waiting mentee, never repeats the ended pair and leaves the rest waiting', () => {
    const input = rematchInput(people, [pairing('ana', 'xia', 'not-started'), pairing('ben', 'yan', 'active')], request);
    const { pairs, unmatched } = matchIncrementally({ program: program(), ...input });
    expect(pairs.map((p) => [p.mentorId, p.menteeId])).toEqual([['ana', 'zed']]);
    expect(unmatched.filter((u) => input.waitingIds.includes(u.participantId)).map((u) => u.participantId)).toEqual(['xia']);
  });
});
