import { describe, expect, it } from 'vitest';
import { decisionNeeded } from './decision-needed';
import { lifecycleHarness } from './harness';

const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * An admin's decision asked again near the end of its pairing (a clarification of an answer that
 * could not be read) offered "PAUSE for 3 weeks", which the pairing then refused as after its end:
 * the decision names its pairing, so its PAUSE examples keep to that pairing's last pause day, as
 * the "Decision needed" email's own and the participants' do (emails/pause-example.ts; QA promise10).
 */
describe("An admin's decision asked again near the end of its pairing", () => {
  it('the clarification and its reason name the last day a pause may run to, and that example is taken', async () => {
    const h = lifecycleHarness();
    // On a Tuesday, so the check-ins, the decision and the last pause day fall as in QA's case
    // whatever weekday the suite's clock has reached: on some weekdays the decision came after the
    // last pause day and offered no PAUSE at all.
    await h.startAt(5, 'tue');
    // A program of 30 days: the admins are asked in its last days.
    const { pairingId, decision } = await decisionNeeded(h, 30);
    // The request itself offers the last day, no later than it (admin.ts, adminDecisionRequest).
    const example = /^\s+(PAUSE until \d{1,2} \p{L}+)\s*$/mu.exec(decision.text)?.[1];
    expect(example, decision.text).toBeDefined();
    expect(decision.text).not.toContain('PAUSE for 3 weeks');

    // An answer that is no decision: asked again, with the same PAUSE example.
    await h.reply(decision, 'Not sure yet, let me talk to them first.', { from: h.admin });
    const again = flat((await h.lastEmailTo(h.admin, /^Could you say that again/)).text);
    expect(again).not.toContain('PAUSE for 3 weeks');
    expect(again).toContain(` ${example} `);

    // PAUSE without its day: the reason's example and the examples asked again keep to it too.
    await h.reply(decision, 'PAUSE', { from: h.admin });
    const clarifications = (await h.emailsTo(h.admin)).filter((e) => /^Could you say that again/.test(e.subject));
    expect(clarifications).toHaveLength(2);
    const pauseAgain = flat(clarifications[1]!.text);
    expect(pauseAgain).toContain(`(for example "${example}")`);
    expect(pauseAgain).not.toContain('PAUSE for 3 weeks');
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    // The example, sent back, is the decision: the pairing pauses.
    await h.reply(decision, example!, { from: h.admin });
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('paused');
    expect(audit.filter((a) => a.kind === 'admin-decision').map((a) => a.detail?.decision)).toEqual(['pause']);
  });
});
