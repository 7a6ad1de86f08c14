import { describe, expect, it } from 'vitest';
import { matchingInput, pairingIdFor, withPlacesHeld } from '../../../functions/cohort-matching';
import type { Pairing } from '../../../functions/adapters/pairings';
import { matchIncrementally } from '../../../functions/domain/matching/match';
import type { Participant, ParticipantStatus } from '../../../functions/domain/participant';
import { planRematch } from '../../../functions/domain/pairing/rematch';
import { afterEnd } from '../../../functions/domain/pairing/mail';
import { withoutRematchText } from '../../../functions/domain/emails/control';
import { placesHeldForAdmin } from '../../../functions/domain/rematch-policy';
import { person, program } from '../matching/fixtures';
import { participant, simPairing, simProgram } from './simulate';

// Bug 2 of the capacity QA report: a mentor past the rematch cap who keeps another running pairing
// is not on the waitlist; the place the ended pairing freed is held for the admins instead.

const now = new Date('2027-02-01T10:00:00Z');

function ctxFor(runsElsewhere: boolean) {
  const prog = simProgram({ rematch: { maxAttempts: 1 } } as never);
  const mentor = participant('mentor', { rematchAttempts: 1, capacity: 2 });
  const mentee = participant('mentee');
  const pairing = simPairing('2027-01-20T08:00:00Z', { mentorId: mentor.participantId, menteeId: mentee.participantId });
  return {
    ctx: {
      pairing,
      program: prog,
      mentor,
      mentee,
      now,
      execution: { startedAt: pairing.createdAt, generation: 1 },
      ...(runsElsewhere ? { mentorRunsElsewhere: true as const } : {}),
    },
    pairing,
  };
}

describe('planRematch: a mentor past the cap with another running pairing', () => {
  it('holds the freed place (placesHeldSince) and tells the admins she keeps her other pairing', () => {
    const { ctx, pairing } = ctxFor(true);
    const plan = planRematch(ctx, pairing, [{ side: 'mentor', answer: 'accepted', wantsRematch: true }], now);
    expect(plan.people[0]).toMatchObject({ placeHeld: true, standing: { placesHeldSince: now.toISOString() } });
    expect(plan.rematchIds).toEqual([]);
    const people = plan.adminEmails[0]?.input.people as { keepsPairing?: true }[];
    expect(people[0]?.keepsPairing).toBe(true);
  });

  it('without another running pairing she is waitlisted as before (no place held)', () => {
    const { ctx, pairing } = ctxFor(false);
    const plan = planRematch(ctx, pairing, [{ side: 'mentor', answer: 'accepted', wantsRematch: true }], now);
    expect(plan.people[0]).toMatchObject({ status: 'waitlisted' });
    expect(plan.people[0]).not.toHaveProperty('placeHeld');
    expect(plan.people[0]?.standing).not.toHaveProperty('placesHeldSince');
  });

  it('her email says her other pairing carries on and the place waits for the program team, not that she is on the waitlist', () => {
    const { ctx } = ctxFor(true);
    const after = afterEnd(ctx, false, 'waitlisted', true);
    expect(after).toBe('place-held');
    const text = withoutRematchText(after as Exclude<typeof after, 'new-partner'>, 'the program team');
    expect(text).toMatch(/other pairing carries on/);
    expect(text).not.toMatch(/waitlist/);
  });
});

describe('placesHeldForAdmin', () => {
  it('holds from the capped end until a pairing of hers is created after it (a run the admins approved)', () => {
    const since = '2027-02-01T10:00:00.000Z';
    expect(placesHeldForAdmin({}, [])).toBe(false);
    expect(placesHeldForAdmin({ placesHeldSince: since }, [{ createdAt: '2027-01-20T08:00:00.000Z' }])).toBe(true);
    expect(placesHeldForAdmin({ placesHeldSince: since }, [{ createdAt: '2027-01-20T08:00:00.000Z' }, { createdAt: '2027-02-08T09:00:00.000Z' }])).toBe(false);
  });
});

describe('withPlacesHeld: an automatic rematch does not fill a held mentor’s free place', () => {
  const stored = (id: string, role: 'mentor' | 'mentee', status: ParticipantStatus, capacity = 1): Participant => ({
    ...person(id, role, { capacity }),
    status,
    createdAt: '2027-01-01T00:00:00.000Z',
    updatedAt: '2027-01-01T00:00:00.000Z',
    version: 1,
  });
  const active = (mentorId: string, menteeId: string): Pairing =>
    ({
      pairingId: pairingIdFor('pilot', mentorId, menteeId),
      programId: 'pilot',
      mentorId,
      menteeId,
      status: 'active',
      createdAt: '2027-01-01T00:00:00.000Z',
    }) as Pairing;
  const people = [stored('mia', 'mentor', 'paired', 2), stored('sam', 'mentee', 'paired'), stored('dee', 'mentee', 'waitlisted')];
  const input = matchingInput(people, [active('mia', 'sam')], { waiting: (p) => p.status === 'waitlisted' });

  it('offers her free place when she is not held', () => {
    expect(matchIncrementally({ program: program(), ...input }).pairs.map((p) => p.mentorId)).toEqual(['mia']);
  });

  it('offers none of it when she is held; her running pairs are untouched', () => {
    const held = withPlacesHeld(input, new Set(['mia']));
    expect(held.participants.find((p) => p.participantId === 'mia')?.capacity).toBe(1);
    expect(held.activePairs).toEqual(input.activePairs);
    expect(matchIncrementally({ program: program(), ...held }).pairs).toEqual([]);
  });
});
