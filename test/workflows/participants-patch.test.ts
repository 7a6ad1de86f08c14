import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA hrops5: HR changes a participant over HTTP (`PATCH /participants/{id}`, docs/admin-api.md,
 * Participants), applied exactly as a ParticipantUpdated event is, with its refusals answered to
 * the caller instead of going to the dead letters.
 */
const patch = (id: string, body: unknown, headers?: Record<string, string>) => call('PATCH', `/participants/${id}`, body, headers);

describe('PATCH /participants/{id} on the local cloud', () => {
  it('refuses what it cannot apply, naming the field: a misspelt field, a person as their own manager, an address another participant has, not JSON, an unknown id', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const ana = await h.enrol({ programId, role: 'mentor', name: `Ana Patch${h.tag}` });
    const ben = await h.enrol({ programId, role: 'mentee', name: `Ben Patch${h.tag}`, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });

    const misspelt = await patch(ana.participantId, { emial: `x-${h.tag}@acme.example` });
    expect(misspelt.status).toBe(400);
    expect(misspelt.body.issues).toContainEqual({ field: 'emial', message: 'is not a known field' });
    expect(misspelt.body.error).toMatch(/emial/);

    // A field the enrolment fixed is known: said so as the import says it, with no "must change at least one of".
    const role = await patch(ben.participantId, { role: 'mentor' });
    expect(role.status).toBe(400);
    expect(role.body.issues).toEqual([{ field: 'role', message: 'cannot be changed once enrolled' }]);
    expect(role.body.error).toBe('The change was not accepted: role cannot be changed once enrolled. Leave it out: a change sends only the fields it changes.');

    const ownManager = await patch(ana.participantId, { manager: { email: ana.email } });
    expect(ownManager.status).toBe(400);
    expect(ownManager.body.issues[0]).toMatchObject({ field: 'manager.email' });
    expect(ownManager.body.error).toMatch(/cannot be their own manager/);

    const badEmail = await patch(ana.participantId, { email: 'not an address' });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.issues[0]).toMatchObject({ field: 'email' });

    const taken = await patch(ana.participantId, { email: ben.email });
    expect(taken.status).toBe(409);
    expect(taken.body.issues).toEqual([{ field: 'email', message: `is already enrolled in this program as participant ${ben.participantId}` }]);
    expect(taken.body.error).not.toContain(`Ben Patch${h.tag}`);

    const notJson = await patch(ana.participantId, 'name=Ana', { 'content-type': 'application/x-www-form-urlencoded' });
    expect(notJson.status).toBe(415);
    expect((await patch('pt_aaaaaaaaaaaaaaaaaaaa', { name: 'Nobody' })).status).toBe(404);

    // Nothing of the refused changes was stored.
    const stored = await call('GET', `/participants/${ana.participantId}`);
    expect(stored.body).toMatchObject({ email: ana.email, name: `Ana Patch${h.tag}` });
  });

  it('a new address is answered with the participant and what changed, repeats as changed [], and the next email goes there', async () => {
    const h = lifecycleHarness();
    const { mentee } = await activePair(h);
    const moved = `moved-${h.tag}@acme.example`;
    const changed = await patch(mentee.participantId, { email: moved, name: `Sam Moved${h.tag}` });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({ participantId: mentee.participantId, email: moved, name: `Sam Moved${h.tag}`, formerEmails: [mentee.email] });
    expect([...changed.body.changed].sort()).toEqual(['email', 'name']);
    const { changed: _changed, pairingsEnded, ...participant } = changed.body;
    expect(pairingsEnded).toEqual([]);
    expect(participant).toEqual((await call('GET', `/participants/${mentee.participantId}`)).body);

    const again = await patch(mentee.participantId, { email: moved, name: `Sam Moved${h.tag}` });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ email: moved, changed: [] });

    const toOld = (await h.emailsTo(mentee.email)).length;
    const next = await h.nextEmail(moved, /./);
    expect(next.to).toEqual([moved]);
    expect((await h.emailsTo(mentee.email)).length).toBe(toOld);
  });

  it('a new manager that puts the pair in one reporting line is held until confirmed, then ends the pairing as reporting-line-changed', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    // Ending a pair is never a surprise: 409 naming it, nothing stored, until HR confirms (QA hr: a typo ended a pair).
    const held = await patch(mentee.participantId, { manager: { email: mentor.email } });
    expect(held.status).toBe(409);
    expect(held.body.pairingsToEnd).toEqual([{ pairingId, programId: expect.any(String), reason: 'reporting-line-changed' }]);
    expect(held.body.issues).toEqual([{ field: 'manager', message: expect.stringMatching(new RegExp(`^would end running pairing ${pairingId} in program `)) }]);
    expect((await call('GET', `/participants/${mentee.participantId}`)).body.manager).not.toEqual({ email: mentor.email });
    const res = await call('PATCH', `/participants/${mentee.participantId}?confirm=end-pairings`, { manager: { email: mentor.email } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      manager: { email: mentor.email },
      changed: ['manager'],
      pairingsEnded: [{ pairingId, programId: held.body.pairingsToEnd[0].programId, reason: 'reporting-line-changed' }],
    });
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 2);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'ended', statusReason: 'reporting-line-changed' });
  });
});
