import { describe, expect, it } from 'vitest';
import { composeDigest, waitingForPartner, type DigestFacts } from '../../../functions/domain/digest';
import type { Participant } from '../../../functions/domain/participant';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { springDigest, springProgram } from './spring';

const program = springProgram;
const now = new Date('2027-03-01T09:00:00Z');
type Person = Pick<Participant, 'participantId' | 'role' | 'status' | 'availableFrom'>;
const person = (participantId: string, role: Person['role'], status: Person['status'], o: Partial<Person> = {}): Person => ({
  participantId,
  role,
  status,
  ...o,
});
const pairing = (mentorId: string, menteeId: string, status: Pairing['status']) => ({ mentorId, menteeId, status });

function digestText(waiting: ReturnType<typeof waitingForPartner>, closed = false): string {
  const facts: DigestFacts = { program, now, atRisk: [], pairings: [], approvals: [], notices: [], programClosed: closed, ...waiting };
  const content = composeDigest(facts);
  if (!content) return '';
  return springDigest(content).text.replace(/\s+/g, ' ');
}

// Two on the waitlist; Ben and Greta's pairing an admin ended without a rematch (both enrolled again);
// Ivy a new mentee; Kim waits on a rematch; Lou away until April; the rest in running pairings.
const people: Person[] = [
  person('w1', 'mentee', 'waitlisted'),
  person('w2', 'mentee', 'waitlisted'),
  person('ben', 'mentor', 'enrolled'),
  person('greta', 'mentee', 'enrolled'),
  person('ivy', 'mentee', 'enrolled'),
  person('kim', 'mentor', 'awaiting-rematch'),
  person('lou', 'mentor', 'enrolled', { availableFrom: '2027-04-01' }),
  person('m1', 'mentor', 'paired'),
  person('s1', 'mentee', 'paired'),
  person('gone', 'mentee', 'withdrawn'),
];
const pairings = [pairing('ben', 'greta', 'ended'), pairing('kim', 'x', 'not-started'), pairing('m1', 's1', 'active')];
const waitlist = [{ participantId: 'w1' }, { participantId: 'w2' }];

describe('digest: who waits for a partner (QA)', () => {
  it('counts everyone the next cohort run would offer, not only the waitlist: an end without a rematch, new joiners, rematches', () => {
    expect(waitingForPartner(people, pairings, waitlist, now, false)).toEqual({
      waitlistSize: 2,
      alsoWaiting: { afterEnd: 2, newcomers: 1, rematching: 1, away: 1, roles: ['mentee', 'mentor'] },
    });
    const text = digestText(waitingForPartner(people, pairings, waitlist, now, false));
    expect(text).toContain(
      '6 people are waiting for a partner: 2 on the waitlist, 2 back in the pool after a pairing ended or did not start without a new partner, 1 who joined and has not been matched yet and 1 for whom a rematch is looking for a partner.',
    );
    // People of both roles wait: a run can pair them now, not only once new people have joined.
    expect(text).toContain('Matching can pair them now: run it (POST /programs/spring/matching)');
    expect(text).toContain('1 more person said they are away until a later date: a run offers them from then.');
    expect(text).not.toContain('when new people have joined');
  });

  it('sends the digest for people back in the pool even with nobody on the waitlist', () => {
    const ended = [person('ben', 'mentor', 'enrolled'), person('greta', 'mentee', 'enrolled')];
    const waiting = waitingForPartner(ended, [pairing('ben', 'greta', 'ended')], [], now, false);
    expect(digestText(waiting)).toContain(
      '2 people are waiting for a partner: 2 back in the pool after a pairing ended or did not start without a new partner.',
    );
  });

  it('says when a run cannot pair them with each other, and keeps "when new people have joined" for the waitlist alone', () => {
    const mentees = waitingForPartner(
      [person('greta', 'mentee', 'enrolled'), person('w1', 'mentee', 'waitlisted')],
      [pairing('b', 'greta', 'ended')],
      [],
      now,
      false,
    );
    expect(digestText(mentees)).toContain(
      'They are all mentees: run matching (POST /programs/spring/matching) when a mentor has a free place or new mentors have joined.',
    );
    const onlyWaitlist = waitingForPartner([person('w1', 'mentee', 'waitlisted'), person('w2', 'mentor', 'waitlisted')], [], [], now, false);
    expect(digestText(onlyWaitlist)).toContain(
      '2 people are waiting for a partner, on the waitlist. Run matching (POST /programs/spring/matching) when new people have joined.',
    );
  });

  it('once the program has closed, counts everyone a run would tell, away or not', () => {
    const waiting = waitingForPartner(people, pairings, waitlist, now, true);
    expect(waiting.alsoWaiting).toMatchObject({ afterEnd: 2, newcomers: 2, away: 0 });
    expect(digestText(waiting, true)).toContain('The program has closed, and 7 people waiting for a partner (2 on the waitlist, 2 back in the pool');
  });
});
