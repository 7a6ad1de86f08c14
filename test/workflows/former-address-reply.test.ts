import { describe, expect, it } from 'vitest';
import { activePair, lifecycleHarness } from './harness';

/**
 * QA settings3, bug 2, on the local cloud: HR changes a participant's address (an HRIS
 * ParticipantUpdated) while a check-in sent to the old address is open, and they reply from the old
 * mailbox, where the question came. Nothing is recorded (docs/lifecycle.md: the old address acts
 * for them no more), and the notice at their new address says their address changed, asks the open
 * check-in again, and never claims the email went to another address.
 */

const outcomeOf = (out: unknown) => (out as { result: { outcomes: { outcome: string }[] } }).result.outcomes.map((o) => o.outcome);
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a reply from the address HR replaced, to a check-in sent there', () => {
  it('records nothing, tells the person at their new address that their address changed, and takes the answer to that notice', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await activePair(h);
    const asked = await h.nextEmail(mentor.email, /^Check-in:/);
    expect(asked.to).toEqual([mentor.email]);
    const moved = `mia.moved-${h.tag}@example.com`;
    await h.putEvent('ParticipantUpdated', { participantId: mentor.participantId, email: moved }, 'hris.example');

    // From the old mailbox, to the check-in that came there: nothing is recorded.
    expect(outcomeOf(await h.reply(asked, 'YES 5', { from: mentor.email }))).toEqual(['wrong-sender']);
    expect((await h.pairing(pairingId)).pairing.round?.answers?.mentor).toBeUndefined();

    const notice = await h.received(moved, /^A reply from another address was not recorded$/);
    const text = flat(notice.text);
    expect(text).toContain('A reply from your previous address was not recorded');
    expect(text).toMatch(
      /from your previous address \(m\*+@example\.com\)\. Your address for .+ has been changed to this one, and replies are now recorded only from this address, so nothing was recorded\./,
    );
    expect(text).not.toMatch(/the address this email was sent to|personal account/);
    // The old address is shown masked only, and the old mailbox is told nothing.
    expect(notice.text + notice.html).not.toContain(mentor.email);
    expect((await h.emailsTo(mentor.email)).filter((e) => e.sentAt > asked.sentAt)).toEqual([]);
    // The open check-in asked again, on the check-in's own reply address.
    expect(text).toContain('That reply was to a question that is still open: please answer it again from this address, as shown below.');
    expect(notice.replyTo).toEqual(asked.replyTo);

    // Answering the notice from the new address answers the check-in.
    expect(outcomeOf(await h.reply(notice, 'YES 3'))).toEqual(['recorded']);
    await h.until(
      async () => {
        const p = await h.pairing(pairingId);
        return p.checkIns.length >= 1 || p.pairing.round?.answers?.mentor !== undefined;
      },
      'PT1H',
      3,
    );
    await h.received(moved, /^Thank you for checking in/);
    // One notice only, however often the old mailbox replies.
    expect(outcomeOf(await h.reply(asked, 'YES 5', { from: mentor.email }))).toEqual(['wrong-sender']);
    expect((await h.emailsTo(moved)).filter((e) => /another address/.test(e.subject))).toHaveLength(1);
  });
});
