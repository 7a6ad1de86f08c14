import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * HR QA: neither person answered an introduction. The pairing became `not-started` / `no-answer`,
 * the rematch found nobody and put both on the waitlist (`capacity`), yet neither was told anything:
 * the outbox held only the introduction and its reminder, and the waitlist email was left out as
 * already promised by an end email nobody had been sent. Each is now told, once, in their working
 * hours, that the introduction closed unanswered and what happens next (docs/lifecycle.md, Rematch
 * policy), and that email is the one their waitlist entry counts as told.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('an introduction neither person answers', () => {
  it('tells each of them once that it closed unanswered and that a new partner is looked for; the rematch that finds nobody adds no second email', async () => {
    const h = lifecycleHarness();
    const { programId, mentor, mentee, pairingId, executionArn } = await h.pair();
    const deadlineOf = (text: string) => /answer\s+by\s+(\w+day\s+\d+\s+\w+\s+\d{4})/i.exec(text)?.[1]?.replace(/\s+/g, ' ');
    const named = new Map<string, string | undefined>();
    for (const who of [mentor.email, mentee.email]) named.set(who, deadlineOf((await h.lastEmailTo(who, /^Meet /)).text));

    await h.advance('P8D');
    await h.until(async () => (await h.execution(executionArn)).status !== 'RUNNING', 'PT1H', 24 * 4);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ status: 'not-started', statusReason: 'no-answer' });
    // The rematch runs once they have read it; it finds nobody (the two are never paired again).
    const statusOf = async (id: string) =>
      (await call<{ participantId: string; status: string }[]>('GET', `/local/participants?programId=${programId}`)).body.find((p) => p.participantId === id)
        ?.status;
    await h.until(
      async () => (await statusOf(mentor.participantId)) === 'waitlisted' && (await statusOf(mentee.participantId)) === 'waitlisted',
      'PT1H',
      24 * 4,
    );
    await h.advance('P2D');
    await h.idle();

    for (const who of [mentor.email, mentee.email]) {
      const mail = await h.emailsTo(who);
      const subjects = mail.map((e) => e.subject).join(' | ');
      const closed = mail.filter((e) => /^Your introduction to .+ has closed/.test(e.subject));
      expect(closed, subjects).toHaveLength(1);
      const text = flat(closed[0]!.text);
      expect(named.get(who)).toBeDefined();
      expect(text).toContain(`We did not have your answer by ${named.get(who)}`);
      expect(text).toContain('We are looking for a new partner for you, and you will receive an introduction email when there is a good match.');
      // Told once: the waitlist email would only repeat what this one said.
      expect(
        mail.filter((e) => /on the waitlist|have not found|do not have a new partner/i.test(e.subject)),
        subjects,
      ).toEqual([]);
      expect(
        mail.filter((e) => /will not start/.test(e.subject)),
        subjects,
      ).toEqual([]);
    }
    expect(await h.events(pairingId)).toEqual(['PairingNotStarted', 'RematchRequested']);
  });
});
