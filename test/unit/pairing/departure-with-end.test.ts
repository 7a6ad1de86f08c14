import { describe, expect, it } from 'vitest';
import { applyControls } from '../../../functions/domain/pairing/controls';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { ControlRequest, Pairing } from '../../../functions/domain/pairing/model';
import { participant, simPairing, simProgram } from './simulate';

/**
 * HR's ParticipantLeft and an end request (an admin's end, HR's PairingEndRequested) reach a
 * pairing before one step, recorded in either order: the departure is what happened, so the
 * pairing ends as a departure (`participant-left`) and the partner is rematched, as lifecycle.md
 * promises when a partner leaves; the admin's end does not turn it into an admin decision.
 */

const NOW = new Date('2027-02-10T10:00:00Z');
const at = NOW.toISOString();
const left: ControlRequest = { kind: 'left', requestedAt: at, participantId: 'pt_mentor', reason: 'left' };
const adminEnd: ControlRequest = { kind: 'end', requestedAt: at, reason: 'admin-decision' };

function step(controls: ControlRequest[]) {
  const pairing: Pairing = simPairing('2027-01-04T08:00:00Z', {
    status: 'active',
    acceptedAt: '2027-01-06T10:00:00Z',
    startedAt: '2027-01-04T08:00:00Z',
    checkInsHeld: 2,
    controls,
  });
  return decideNext({
    pairing,
    program: simProgram(),
    mentor: participant('mentor', { status: 'left' }),
    mentee: participant('mentee'),
    now: NOW,
    execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
  });
}

describe('a departure and an end request in the same step', () => {
  it('the departure is taken, whichever was recorded first', () => {
    expect(applyControls('active', [adminEnd, left])).toEqual({ action: 'end', request: left });
    expect(applyControls('active', [left, adminEnd])).toEqual({ action: 'end', request: left });
    // Without a departure the first end still acts.
    expect(applyControls('active', [adminEnd, { ...adminEnd, reason: 'admin-rematch' }])).toEqual({ action: 'end', request: adminEnd });
  });

  it('the pairing ends as the partner left: the one who stays is told so and rematched', () => {
    for (const order of [
      [adminEnd, left],
      [left, adminEnd],
    ]) {
      const d = step(order);
      expect(d.pairing.status).toBe('ended');
      expect(d.pairing.statusReason).toBe('participant-left');
      expect(d.emails.find((e) => e.to === 'mentee@example.com')?.template).toBe('partnerLeft');
      const rematch = d.events.filter((e) => e.type === 'RematchRequested');
      expect(rematch.map((e) => (e.detail as { participantIds: string[] }).participantIds)).toEqual([['pt_mentee']]);
      expect(d.events.find((e) => e.type === 'PairingEnded')?.detail).toEqual(expect.objectContaining({ reason: 'participant-left' }));
    }
  });
});
