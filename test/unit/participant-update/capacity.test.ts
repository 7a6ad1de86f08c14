import { describe, expect, it } from 'vitest';
import { inboundEvents } from '../../../functions/domain/events';
import { decideParticipantUpdate } from '../../../functions/domain/participant-update';
import { participant } from '../pairing/simulate';

// Bug 3 of the capacity QA report: HR changes one mentor's capacity with ParticipantUpdated (the
// remedy the re-enrolment conflict names); running pairings beyond it carry on.
const mia = participant('mentor', { participantId: 'pt_mentor', capacity: 3 });
const sam = participant('mentee', { participantId: 'pt_mentee' });
const running = [1, 2, 3].map((n) => ({ pairingId: `pr_${n}`, mentorId: 'pt_mentor', menteeId: `pt_m${n}` }));

function decide(who: typeof mia, detail: Record<string, unknown>) {
  const update = inboundEvents.ParticipantUpdated.parse({ participantId: who.participantId, ...detail });
  return decideParticipantUpdate({ participant: who, update, cohort: [mia, sam], running, rules: { notSameDepartment: false } });
}

describe('ParticipantUpdated: capacity', () => {
  it('is a field the event may change, within the intake limits', () => {
    expect(inboundEvents.ParticipantUpdated.safeParse({ participantId: 'pt_mentor', capacity: 1 }).success).toBe(true);
    expect(inboundEvents.ParticipantUpdated.safeParse({ participantId: 'pt_mentor', capacity: 6 }).success).toBe(false);
    expect(inboundEvents.ParticipantUpdated.safeParse({ participantId: 'pt_mentor', capacity: 0 }).success).toBe(false);
  });

  it("lowers a mentor's capacity and ends none of her running pairings", () => {
    const d = decide(mia, { capacity: 1 });
    expect(d.ok).toBe(true);
    if (!d.ok) return;
    expect(d.changes).toEqual({ capacity: 1 });
    expect(d.participant.capacity).toBe(1);
    expect(d.end).toEqual([]);
  });

  it('refuses more than one partner for a mentee, as intake does', () => {
    const d = decide(sam, { capacity: 2 });
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.issues).toEqual([{ field: 'capacity', message: expect.stringMatching(/must be 1 for a mentee/) }]);
  });
});
