import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

const DAY = 86_400_000;

describe('PairingLifecycle: programs longer than a year', () => {
  it('a 24-month program with a 3-month pause runs to recognition across hand-overs, no execution reaching a year', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 24, checkInCadenceDays: 30, milestoneDays: [90, 365], checkInAnswerWindowDays: 7 } });
    const { mentor, mentee, pairingId, executionArn } = await h.pair({ programId });
    const people = [mentor.email, mentee.email];
    const answer = (e: { subject: string }) => (/questions/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : 'yes 4');
    await h.answerAll(people, answer);
    // Two months in, the mentee pauses for three months by reply.
    await h.until(async () => (await h.pairing(pairingId)).checkIns.length >= 2, 'P2D');
    const until = new Date((await h.now()).getTime() + 91 * DAY).toISOString().slice(0, 10);
    await h.reply(await h.lastEmailTo(mentee.email, /^Check-in:/), `PAUSE until ${until}`);
    expect((await h.pairing(pairingId)).pairing.status).toBe('paused');

    const chain = async () => (await h.executionsOf(pairingId)).sort((a, b) => a.name.localeCompare(b.name));
    for (let i = 0; i < 500; i++) {
      await h.answerAll(people, answer);
      if ((await chain()).every((e) => e.status !== 'RUNNING')) break;
      await h.advance('P2D');
    }
    const executions = await chain();
    const { pairing } = await h.pairing(pairingId);
    expect(pairing.status).toBe('completed');
    expect(pairing.pausedMs).toBeGreaterThanOrEqual(90 * DAY);
    // One timeline: the pairing lists every execution, the first named by the pairing id, then -2, -3.
    expect(executions.map((e) => e.name)).toEqual([pairingId, `${pairingId}-2`, `${pairingId}-3`].slice(0, executions.length));
    expect(executions.length).toBeGreaterThanOrEqual(3);
    expect(pairing.executions).toEqual(executions.map((e) => e.executionArn));
    expect(executions[0]!.executionArn).toBe(executionArn);
    for (const e of executions) {
      expect(e.status).toBe('SUCCEEDED');
      expect(Date.parse(e.stopDate!) - Date.parse(e.startDate)).toBeLessThan(365 * DAY);
    }
    const recognition = await h.lastEmailTo(mentor.email, /your reverse-mentoring journey/i);
    expect(recognition.text).toContain(String(pairing.checkInsHeld));
    expect((await h.events(pairingId)).filter((e) => e === 'PairingCompleted')).toHaveLength(1);
  });
});
