import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

async function activePair(h: ReturnType<typeof lifecycleHarness>) {
  const p = await h.pair();
  await h.reply(await h.lastEmailTo(p.mentor.email, /^Meet /), 'yes');
  await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
  return p;
}

describe('PairingLifecycle: control requests act at once', () => {
  it('pauses until the requested date (PAUSE by reply), asks nothing meanwhile, then resumes and tells both', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await activePair(h);
    const checkIn = await h.nextEmail(mentor.email, /^Check-in:/);
    await h.reply(checkIn, 'yes 4');
    const pauseUntil = new Date((await h.now()).getTime() + 30 * 86_400_000).toISOString().slice(0, 10);
    await h.reply(await h.received(mentee.email, /^Check-in:/), `PAUSE until ${pauseUntil}`);
    // The pause acts at once: no step has to come due first (its email waits for working hours).
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');
    await h.received(mentor.email, /is paused until/);
    const paused = await h.pairing(pairingId);
    expect(paused.pairing.status).toBe('paused');
    expect(paused.checkIns, JSON.stringify(paused.audit)).toHaveLength(1); // what was recorded stays
    const asked = (await h.emailsTo(mentor.email)).filter((e) => /^Check-in:/.test(e.subject)).length;
    await h.advance('P10D'); // still inside the pause
    expect((await h.emailsTo(mentor.email)).filter((e) => /^Check-in:/.test(e.subject)).length).toBe(asked);
    await h.nextEmail(mentee.email, /has resumed/);
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');
    const events = await h.events(pairingId);
    expect(events).toContain('PairingPaused');
    expect(events.indexOf('PairingResumed')).toBeGreaterThan(events.indexOf('PairingPaused'));
  });

  it('ends early on request, keeps what was recorded, and tells both without blame', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    await h.reply(await h.nextEmail(mentor.email, /^Check-in:/), 'yes 5');
    await h.putEvent('PairingEndRequested', { pairingId, reason: 'Role change' }, 'crossgen.admin');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.execution(executionArn)).status).toBe('SUCCEEDED');
    const { pairing, checkIns } = await h.pairing(pairingId);
    expect(pairing.status).toBe('ended');
    expect(checkIns).toHaveLength(1);
    for (const who of [mentor.email, mentee.email]) expect((await h.lastEmailTo(who, /has ended/)).text).toMatch(/fair|no one|not a judgement/i);
    expect((await h.events(pairingId)).at(-1)).toBe('PairingEnded');
  });

  it('a participant who left the company: the partner is told kindly, the pairing ends, a rematch is requested', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, executionArn } = await activePair(h);
    await h.putEvent('ParticipantLeft', { participantId: mentee.participantId });
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'P1D');
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');
    const note = await h.lastEmailTo(mentor.email, /has left the program/);
    expect(note.text).toMatch(/new match|rematch|new partner/i);
    expect((await h.emailsTo(mentee.email)).some((e) => /has left|has ended/.test(e.subject))).toBe(false);
    expect(await h.events(pairingId)).toEqual(expect.arrayContaining(['PairingEnded', 'RematchRequested']));
  });
});
