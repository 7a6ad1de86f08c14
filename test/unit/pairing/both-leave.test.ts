import { describe, expect, it } from 'vitest';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { ControlRequest, Pairing } from '../../../functions/domain/pairing/model';
import type { Participant } from '../../../functions/domain/participant';
import { participant, simPairing, simProgram } from './simulate';

/**
 * Both members of a pairing leave before the step that handles them (docs/lifecycle.md, "When both
 * leave at once"): nobody who left is told their partner left or offered a new partner, and the
 * pairing ends once, with the reason of the request that ended it.
 */

const NOW = new Date('2027-02-10T10:00:00Z');
const at = NOW.toISOString();
const running = (controls: ControlRequest[]): Pairing =>
  simPairing('2027-01-04T08:00:00Z', { status: 'active', acceptedAt: '2027-01-06T10:00:00Z', startedAt: '2027-01-04T08:00:00Z', checkInsHeld: 1, controls });

function step(controls: ControlRequest[], people: { mentor?: Partial<Participant>; mentee?: Partial<Participant> } = {}) {
  return decideNext({
    pairing: running(controls),
    program: simProgram(),
    mentor: participant('mentor', people.mentor),
    mentee: participant('mentee', people.mentee),
    now: NOW,
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  });
}

const left = (who: 'mentor' | 'mentee', reason: 'withdrawn' | 'left' | 'suppressed'): ControlRequest => ({
  kind: 'left',
  requestedAt: at,
  participantId: `pt_${who}`,
  reason,
});

const participantEmails = (d: ReturnType<typeof step>) => d.emails.filter((e) => e.to === 'mentor@example.com' || e.to === 'mentee@example.com');

describe('both members leave in the same step', () => {
  it('both replied STOP: nobody is told a partner left, nobody is rematched, one end with the first reason', () => {
    const d = step([left('mentee', 'withdrawn'), left('mentor', 'withdrawn')], { mentor: { status: 'withdrawn' }, mentee: { status: 'withdrawn' } });
    expect(d.pairing.status).toBe('ended');
    expect(d.pairing.statusReason).toBe('participant-withdrew');
    expect(participantEmails(d)).toEqual([]);
    expect(d.people).toEqual([]);
    expect(d.events.filter((e) => e.type === 'PairingEnded')).toHaveLength(1);
    expect(d.events.some((e) => e.type === 'RematchRequested')).toBe(false);
  });

  it("HR says one left the organisation while the other's STOP waits: the reason is the first request's, nobody is told or rematched", () => {
    const d = step([left('mentor', 'withdrawn'), left('mentee', 'left')], { mentor: { status: 'withdrawn' }, mentee: { status: 'left' } });
    expect(d.pairing.statusReason).toBe('participant-withdrew');
    expect(participantEmails(d)).toEqual([]);
    expect(d.events.some((e) => e.type === 'RematchRequested')).toBe(false);
  });

  it('an end request and a STOP together: the STOP is what happened; the one who left hears nothing and is not offered a new partner', () => {
    const d = step([{ kind: 'end', requestedAt: at, reason: 'admin-rematch' }, left('mentee', 'withdrawn')], { mentee: { status: 'withdrawn' } });
    // The departure ends it, whichever was recorded first (controls.ts, applyControls): the one who stays is told their partner left.
    expect(d.pairing.statusReason).toBe('participant-withdrew');
    expect(participantEmails(d).map((e) => [e.to, e.template])).toEqual([['mentor@example.com', 'partnerLeft']]);
    expect(d.people.map((p) => p.participantId)).toEqual(['pt_mentor']);
    const rematch = d.events.find((e) => e.type === 'RematchRequested');
    expect((rematch!.detail as { participantIds: string[] }).participantIds).toEqual(['pt_mentor']);
  });

  it('the partner already gone (their status changed, their own request not appended yet): not told, not rematched', () => {
    const d = step([left('mentor', 'left')], { mentee: { status: 'withdrawn' } });
    expect(d.pairing.statusReason).toBe('participant-left');
    expect(participantEmails(d)).toEqual([]);
    expect(d.people).toEqual([]);
  });

  it('one leaves, the other stays: the one who stays is told and rematched, as before', () => {
    const d = step([left('mentee', 'withdrawn')], { mentee: { status: 'withdrawn' } });
    expect(participantEmails(d).map((e) => [e.to, e.template])).toEqual([['mentor@example.com', 'partnerLeft']]);
    expect(d.people.map((p) => [p.participantId, p.status])).toEqual([['pt_mentor', 'awaiting-rematch']]);
  });
});
