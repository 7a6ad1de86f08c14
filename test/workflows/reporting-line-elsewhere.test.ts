import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA: a manager change that puts a running pair in one reporting line through a manager held only
 * in another program ends the pairing, as matching would never make it (docs/matching.md, QA
 * matching3; docs/admin-api.md, Participants).
 */
describe('PATCH /participants/{id}: reporting lines through another program', () => {
  it("ends a running pairing when the mentor's new manager, enrolled only in another program, reports there to the mentee", async () => {
    const h = lifecycleHarness();
    // Program eng: Sam mentors Priya.
    const eng = await h.program({});
    const { mentor: samInEng, mentee: priyaInEng, pairingId } = await activePair(h, eng);
    // Program sales holds Sam and Priya too (the same addresses), and Omar, who reports to Priya.
    const sales = await h.program({});
    const samInSales = await h.enrol({ programId: sales, role: 'mentor', name: `Sam Jones${h.tag}`, email: samInEng.email });
    await h.enrol({ programId: sales, role: 'mentee', name: `Priya Senior${h.tag}`, email: priyaInEng.email });
    const omar = `Omar.Haddad-${h.tag}@example.com`;
    await h.enrol({ programId: sales, role: 'mentee', name: `Omar Haddad${h.tag}`, email: omar, manager: { email: priyaInEng.email } });

    // The pairing it ends is in another program: named with that program, and ended only once HR confirms.
    const held = await call('PATCH', `/participants/${samInSales.participantId}`, { manager: { email: omar } });
    expect(held.status).toBe(409);
    expect(held.body.pairingsToEnd).toEqual([{ pairingId, programId: eng, reason: 'reporting-line-changed' }]);
    const res = await call('PATCH', `/participants/${samInSales.participantId}?confirm=end-pairings`, { manager: { email: omar } });
    expect(res.status).toBe(200);
    expect(res.body.pairingsEnded).toEqual([{ pairingId, programId: eng, reason: 'reporting-line-changed' }]);
    expect((await call('GET', `/participants/${samInEng.participantId}`)).body.manager).toEqual({ email: omar });
    // Sam -> Omar -> Priya: the eng pairing ends within the minute, nobody's fault.
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'reporting-line-changed' });
  });
});
