import { describe, expect, inject, it } from 'vitest';
import { lambdaContext, useCloudTable } from './api-gateway';
import { lifecycleHarness } from './harness';

/** The notes retention sweep (docs/decisions.md, Retention) against the local cloud's table. */

const cloud = inject('cloud');

describe('retention of notes', () => {
  it("removes notes from a pairing that ended longer ago than its program keeps them, and keeps another program's", async () => {
    const h = lifecycleHarness();
    const shortProgram = await h.program({ retention: { notesDays: 0 } });
    const longProgram = await h.program({});
    const runs = [];
    for (const programId of [shortProgram, longProgram]) {
      const pair = await h.pair({ programId });
      await h.reply(await h.lastEmailTo(pair.mentor.email, /^Meet /), 'yes');
      await h.reply(await h.lastEmailTo(pair.mentee.email, /^Meet /), 'yes');
      await h.reply(await h.received(pair.mentor.email, /^Check-in:/, 'PT6H'), 'Yes 4 - we talked about my career plans');
      await h.reply(await h.received(pair.mentee.email, /^Check-in:/, 'PT6H'), 'Yes 5 - learned about prompts');
      await h.until(async () => (await h.pairing(pair.pairingId)).checkIns.length >= 1, 'PT6H');
      const end = await fetch(`${cloud.baseUrl}/pairings/${pair.pairingId}/end`, { method: 'POST' });
      expect(end.status).toBe(202);
      await h
        .until(async () => (await h.pairing(pair.pairingId)).pairing.status === 'ended', 'PT1H')
        .catch(async (e) => {
          throw new Error(`${e.message} ${JSON.stringify((await h.pairing(pair.pairingId)).pairing).slice(0, 1500)}`);
        });
      runs.push(pair);
    }

    useCloudTable(cloud);
    const { handler } = await import('../../functions/notes-retention');
    // The sweep runs with a five-minute timeout.
    const context = { ...lambdaContext('NotesRetention'), getRemainingTimeInMillis: () => 300_000 };
    const now = await h.now();
    const first = await handler({ time: now.toISOString() } as never, context);
    expect(first.records).toBeGreaterThanOrEqual(1);

    const [short, long] = runs;
    const swept = await h.pairing(short!.pairingId);
    expect(swept.pairing.notesRemovedAt).toBe(now.toISOString());
    expect(swept.checkIns[0]).toMatchObject({ met: true, mentor: { rating: 4 }, mentee: { rating: 5 } });
    expect(swept.checkIns[0].mentor.note).toBeUndefined();
    expect(swept.checkIns[0].mentee.note).toBeUndefined();
    const kept = await h.pairing(long!.pairingId);
    expect(kept.pairing.notesRemovedAt).toBeUndefined();
    expect(kept.checkIns[0].mentor.note).toBe('we talked about my career plans');

    // A second sweep finds nothing more to do in that pairing.
    await handler({ time: now.toISOString() } as never, context);
    expect((await h.pairing(short!.pairingId)).pairing.notesRemovedAt).toBe(now.toISOString());
  });
});
