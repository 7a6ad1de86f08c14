import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * An address HR replaced still names its person in the reporting lines (docs/matching.md, Hard
 * rules): HRIS manager fields often carry the old one, and a junior must not be paired with their
 * manager because the manager's address changed (QA: cases A and B).
 */
type ApiError = { error: string; issues: { field: string; message: string }[] };

describe("a manager's former address in the reporting lines", () => {
  it("a new manager given by their partner's former address ends the running pairing (case B)", async () => {
    const h = lifecycleHarness();
    // Zoe (mentor) and Helen (mentee) run a pairing; HR then moves Helen to a new address.
    const { mentor: zoe, mentee: helen, pairingId } = await activePair(h);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    await h.putEvent('ParticipantUpdated', { participantId: helen.participantId, email: `h.ward-${h.tag}@example.org` });
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    // Zoe now reports to Helen, named by the address her HRIS record still carries.
    await h.putEvent('ParticipantUpdated', { participantId: zoe.participantId, manager: { email: helen.email } });
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'reporting-line-changed' });
  });

  it("a forced pair of a junior and their manager stays refused after the manager's address changed (case A)", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const oldAddress = `sam.tate-${h.tag}@example.com`;
    const weekday = [{ day: 'mon' as const, start: '09:00', end: '11:00' }];
    const sam = await h.enrol({
      programId,
      role: 'mentee',
      name: 'Sam Tate',
      email: oldAddress,
      employeeId: `E3003-${h.tag}`,
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      department: 'Operations',
      availability: weekday,
    });
    const ian = await h.enrol({
      programId,
      role: 'mentor',
      name: 'Ian Junior',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
      department: 'Data',
      availability: weekday,
      manager: { email: oldAddress },
    });
    await h.enrol({
      programId,
      role: 'mentee',
      name: 'Xena Senior',
      topicsOffered: ['strategy'],
      topicsWanted: ['ai-tools'],
      department: 'Sales',
      availability: weekday,
    });
    const started = await call('POST', `/programs/${programId}/matching`);
    expect(started.status, JSON.stringify(started.body)).toBe(202);
    await h.idle();
    const base = `/programs/${programId}/matching/${started.body.runId as string}`;
    expect((await call<{ status: string }>('GET', base)).body.status).toBe('proposed');
    const force = () => call<ApiError>('POST', `${base}/force`, { mentorId: ian.participantId, menteeId: sam.participantId });

    expect((await force()).body.issues).toEqual([{ field: 'menteeId', message: 'breaks the hard rules: reportingChain' }]);
    await h.putEvent('ParticipantUpdated', { employeeId: `E3003-${h.tag}`, email: `sam.tate-${h.tag}@example.org` });
    const after = await force();
    expect(after.status, JSON.stringify(after.body)).toBe(409);
    expect(after.body.issues).toEqual([{ field: 'menteeId', message: 'breaks the hard rules: reportingChain' }]);
  });
});
