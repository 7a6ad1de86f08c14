import { describe, expect, it } from 'vitest';
import { waitlistedByEnd } from '../../../functions/domain/waitlist-reason';
import type { PersonOutcome } from '../../../functions/domain/pairing/rematch';
import { simulate } from '../pairing/simulate';

/**
 * QA events5: an end without a rematch (the admins', HR's) of a pairing whose introduction had not
 * reached someone yet dropped them in silence (`enrolled`, no email), after "You are off the
 * waitlist ... your introduction follows". They wait, first in line, and are told so once; whoever
 * was introduced is told of the end as before.
 */

const end = (at: string) => [{ at, request: { kind: 'end' as const, reason: 'admin-decision' } }];

function ended(controlsAt: string) {
  // Evening in New York and Berlin: both introductions wait for the next morning's send time.
  const r = simulate({ start: '2027-01-04T20:00:00Z', mentor: { timeZone: 'America/New_York' }, controls: end(controlsAt) });
  const decision = r.decisions.find((d) => d.decision.pairing.status === 'ended' && d.decision.changed)!.decision;
  const outcome = (id: string): PersonOutcome | undefined => decision.people.find((p) => p.participantId === id);
  return { r, decision, outcome };
}

describe('waitlistedByEnd', () => {
  const people = [{ participantId: 'pt_a', name: 'Noa' }];

  it('an end without a rematch waitlists whoever never heard of the pairing, as partner-unavailable', () => {
    expect(waitlistedByEnd({ pairingId: 'pr_1', rematch: false, programClosed: false }, people)).toEqual([
      { participantId: 'pt_a', code: 'partner-unavailable', reason: expect.stringContaining('pairing pr_1 ended before its introduction reached Noa') },
    ]);
  });

  it('nobody when the end rematches them (the rematch decides) or the program has closed', () => {
    expect(waitlistedByEnd({ pairingId: 'pr_1', rematch: true, programClosed: false }, people)).toEqual([]);
    expect(waitlistedByEnd({ pairingId: 'pr_1', rematch: false, programClosed: true }, people)).toEqual([]);
  });
});

describe('an admin end before the introductions went out', () => {
  it('both never introduced: both wait, first in line, and are told by the waitlist email alone', () => {
    const { r, decision, outcome } = ended('2027-01-04T21:00:00Z');
    for (const id of ['pt_mentor', 'pt_mentee']) {
      expect(outcome(id)).toMatchObject({ status: 'waitlisted', waitlistCode: 'partner-unavailable' });
      expect(outcome(id)?.toldInEndEmail).toBeUndefined();
    }
    expect(r.emails.filter((e) => e.toParticipant)).toEqual([]);
    expect(decision.events.map((e) => e.type)).not.toContain('RematchRequested');
  });

  it('one introduced, one not: the introduced one gets the end email and returns to the pool; the other waits', () => {
    // Berlin's morning send time has passed, New York's has not.
    const { r, outcome } = ended('2027-01-05T12:00:00Z');
    expect(r.emails.filter((e) => e.toParticipant === 'pt_mentee').map((e) => e.template)).toEqual(['introduction', 'pairingEnded']);
    expect(r.emails.filter((e) => e.toParticipant === 'pt_mentor')).toEqual([]);
    expect(outcome('pt_mentee')).toMatchObject({ status: 'enrolled' });
    expect(outcome('pt_mentee')?.waitlistCode).toBeUndefined();
    expect(outcome('pt_mentor')).toMatchObject({ status: 'waitlisted', waitlistCode: 'partner-unavailable' });
  });
});
