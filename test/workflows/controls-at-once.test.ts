import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

const cloud = inject('cloud');

/** An active pair, mid-program: a check-in question is open for both. */
async function midProgram(h: ReturnType<typeof lifecycleHarness>) {
  const p = await h.pair();
  await h.answerAll([p.mentor.email, p.mentee.email], () => 'yes');
  await h.nextEmail(p.mentor.email, /^Check-in:/);
  await h.received(p.mentee.email, /^Check-in:/);
  return p;
}

/** Moves the clock one simulated minute and lets everything due run. */
async function oneMinute(h: ReturnType<typeof lifecycleHarness>) {
  await h.advance('PT1M');
  await h.idle();
}

describe('PairingLifecycle: requests act within one simulated minute', () => {
  it('an admin end ends the pairing at once; nothing is asked afterwards', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await midProgram(h);
    const requestedAt = await h.now();
    await h.putEvent('PairingEndRequested', { pairingId, reason: 'admin-decision' }, 'crossgen.admin');
    await oneMinute(h);
    const { pairing } = await h.pairing(pairingId);
    expect(pairing.status).toBe('ended');
    expect(Date.parse(pairing.endedAt) - requestedAt.getTime()).toBeLessThanOrEqual(60_000);
    const before = (await h.emails()).length;
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT6H');
    await h.advance('P30D');
    const after = (await h.emails()).slice(before).filter((e) => e.to.includes(mentor.email) || e.to.includes(mentee.email));
    // Nothing asked: no answer links (a Reply-To alone is the standing address, which takes only commands).
    expect(after.filter((e) => /\/r\/[A-Za-z0-9_-]+\./.test(e.text) || /^Check-in|Time for your next session|Your commitment/.test(e.subject))).toEqual([]);
  });

  it('a participant who left: the pairing ends within the minute and the one who left hears nothing more', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await midProgram(h);
    const requestedAt = await h.now();
    await h.putEvent('ParticipantLeft', { participantId: mentee.participantId });
    await oneMinute(h);
    const { pairing } = await h.pairing(pairingId);
    expect(pairing.status).toBe('ended');
    expect(pairing.statusReason).toBe('participant-left');
    expect(Date.parse(pairing.endedAt) - requestedAt.getTime()).toBeLessThanOrEqual(60_000);
    const count = (await h.emailsTo(mentee.email)).length;
    await h.advance('P20D');
    expect((await h.emailsTo(mentee.email)).length).toBe(count);
  });

  it('a pause by reply acts within the minute, and an early resume resumes at once', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await midProgram(h);
    const until = new Date((await h.now()).getTime() + 60 * 86_400_000).toISOString().slice(0, 10);
    const pausedAt = await h.now();
    await h.reply(await h.lastEmailTo(mentee.email, /^Check-in:/), `PAUSE until ${until}`);
    await oneMinute(h);
    const paused = (await h.pairing(pairingId)).pairing;
    expect(paused.status).toBe('paused');
    expect(Date.parse(paused.pausedAt) - pausedAt.getTime()).toBeLessThanOrEqual(60_000);
    await h.advance('P7D');
    const resumeAt = await h.now();
    const res = await fetch(`${cloud.baseUrl}/pairings/${pairingId}/resume`, { method: 'POST' });
    expect(res.status).toBe(202);
    await oneMinute(h);
    const resumed = (await h.pairing(pairingId)).pairing;
    expect(resumed.status).toBe('active');
    // The plan shifts by the time actually paused (about a week), not by the two months asked for.
    expect(resumed.pausedMs).toBeGreaterThanOrEqual(7 * 86_400_000);
    expect(resumed.pausedMs).toBeLessThan(7 * 86_400_000 + (Date.parse((await h.now()).toISOString()) - resumeAt.getTime()) + 120_000);
  });

  it('end wins over a pause and a resume that arrive with it, whatever their order', async () => {
    const h = lifecycleHarness();
    const { pairingId } = await midProgram(h);
    await h.putEvent('PairingEndRequested', { pairingId, reason: 'not-meeting' }, 'crossgen.admin');
    await h.putEvent('PairingPauseRequested', { pairingId });
    await h.putEvent('PairingResumeRequested', { pairingId });
    await oneMinute(h);
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('ended');
    expect(pairing.statusReason).toBe('not-meeting');
    expect(audit.map((a) => a.kind)).not.toContain('paused');
  });
});
