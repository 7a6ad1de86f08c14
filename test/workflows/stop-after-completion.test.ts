import { describe, expect, inject, it } from 'vitest';
import { call } from './api-gateway';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA (outcomes, bug 2): the recognition email offered "Want to leave the program? Reply STOP", and
 * a STOP to it turned someone who had completed the program into `withdrawn`: the report then
 * counted them as a drop-out beside the pairing it counted as completed. Someone whose pairings all
 * completed who replies STOP only asks for no more email: they stay `completed` everywhere, nothing
 * of the program acts on them as on a departure, and, as for every STOP, no email answers it
 * (docs/lifecycle.md, "STOP after completion"); the footer said beforehand what STOP does for them.
 */
describe('STOP in reply to the recognition email, after the pairing completed', () => {
  it('keeps the person completed in the report and the admin API, records that they want no more email, and sends nothing more', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { durationMonths: 1 } });
    const p = await activePair(h, programId);
    const people = [p.mentor.email, p.mentee.email];
    const answer = (e: { subject: string }) =>
      /^Check-in/.test(e.subject) ? 'YES 4' : /good fit/.test(e.subject) ? 'YES' : /review/i.test(e.subject) ? 'PROGRESS 4, RECOMMEND 9' : undefined;
    expect(await h.runUntilDone(p.executionArn, people, answer)).toBe('SUCCEEDED');
    expect((await h.pairing(p.pairingId)).pairing.status).toBe('completed');
    const recognition = await h.received(p.mentee.email, /your reverse-mentoring journey/i);

    const eventsBefore = await eventsAbout(p.mentee.participantId);
    const sentBefore = new Set((await h.emails()).map((e) => e.messageId));
    expect(await h.reply(recognition, 'STOP')).toMatchObject({ result: { outcomes: [{ outcome: 'command' }] } });
    // The same STOP delivered again, and a week of simulated time after it.
    await h.reply(recognition, 'STOP');
    for (let day = 0; day < 7; day++) await h.advance('P1D');
    await h.idle();

    const everyone = (await call<{ participantId: string; status: string; mailStoppedAt?: string }[]>('GET', `/local/participants?programId=${programId}`))
      .body;
    const sam = everyone.find((x) => x.participantId === p.mentee.participantId)!;
    expect(sam.status).toBe('completed');
    expect(sam.mailStoppedAt).toEqual(expect.any(String));
    expect(everyone.find((x) => x.participantId === p.mentor.participantId)!.status).toBe('completed');
    expect((await call('GET', `/pairings/${p.pairingId}`)).body).toMatchObject({ status: 'completed' });
    const report = (await call('GET', `/programs/${programId}/report`)).body;
    expect(report.participants.byStatus).toMatchObject({ completed: 2, withdrawn: 0 });
    expect(report.retention).toMatchObject({ stayed: 2, withdrawn: 0 });
    expect(report.pairings.byStatus.completed).toBe(1);

    // Their own copy of their data says it too.
    const exported = (await call('GET', `/participants/${p.mentee.participantId}/export`)).body;
    expect(exported.enrolments[0].profile).toMatchObject({ status: 'completed', mailStoppedAt: sam.mailStoppedAt });

    // The STOP request went on the bus, as every STOP does; nothing followed it (no departure, no end, no rematch).
    const after = (await eventsAbout(p.mentee.participantId)).slice(eventsBefore.length);
    expect(after.every((type) => type === 'ParticipantWithdrew')).toBe(true);

    // Nothing more to anyone of this test (the pair, their managers, the admin).
    const sent = (await h.emails()).filter((e) => !sentBefore.has(e.messageId) && e.to.some((a) => a.includes(h.tag)));
    expect(sent.map((e) => `${e.to.join(',')}: ${e.subject}`)).toEqual([]);

    // The footer said beforehand what STOP does for someone who completed: not "leave the program".
    const flat = (text: string) => text.replace(/\s+/g, ' ');
    const footer = flat(recognition.text.slice(recognition.text.lastIndexOf('\n-- ')));
    expect(footer).toContain('Rather not hear from the program again? Reply STOP');
    expect(footer).toContain('your completed pairing stays on record');
    expect(footer).not.toMatch(/leave the program/i);

    // The mentor's one click (List-Unsubscribe) on her recognition: the pages say what it does for her, and she stays completed.
    const hers = await h.received(p.mentor.email, /your reverse-mentoring journey/i);
    const value = hers.headers.find((x) => x.name.toLowerCase() === 'list-unsubscribe')?.value ?? '';
    const url = `${inject('cloud').baseUrl}${new URL(/^<(https?:\/\/[^>]+)>$/.exec(value)![1]!).pathname}`;
    const confirm = flat(await (await fetch(url)).text());
    expect(confirm).toContain('No more email from the program?');
    expect(confirm).toContain('Your completed pairing stays on record');
    expect(confirm).not.toMatch(/Leave the program|withdraw/i);
    const click = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(click.status).toBe(200);
    const done = flat(await click.text());
    expect(done).toContain('the program will not email you again unless you write to us');
    expect(done).not.toMatch(/You have left the program|withdrawal/);
    await h.idle();
    const mia = (
      await call<{ participantId: string; status: string; mailStoppedAt?: string }[]>('GET', `/local/participants?programId=${programId}`)
    ).body.find((x) => x.participantId === p.mentor.participantId)!;
    expect(mia).toMatchObject({ status: 'completed', mailStoppedAt: expect.any(String) });
  });
});

/** The detail-types of every event on the bus that names this participant, oldest first. */
async function eventsAbout(participantId: string): Promise<string[]> {
  const log = (await call<{ event: { 'detail-type': string; detail: Record<string, unknown> } }[]>('GET', '/local/events')).body;
  return log.filter((e) => JSON.stringify(e.event.detail ?? {}).includes(participantId)).map((e) => e.event['detail-type']);
}
