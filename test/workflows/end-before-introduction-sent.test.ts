import { describe, expect, it } from 'vitest';
import { emailDay, lifecycleHarness, pairIntroducedToMenteeOnly } from './harness';

/**
 * END and REMATCH to the standing address (the enrolment email's) while the person's pairing is
 * introduced but their own introduction has not gone out yet: introductions go at each person's own
 * send time, so the partner may have theirs a day before. A pairing the person has not been told of
 * is not ended: they hear that nothing was changed, when their introduction comes, and that they
 * can then reply NO to it with the date they are back, or STOP; the introduction still comes.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('END or REMATCH before the introduction has reached the person', () => {
  it('ends nothing, says when the introduction comes and what to answer it then; it still comes', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId, mentorAsk: ask } = await pairIntroducedToMenteeOnly(h);
    const enrolment = await h.lastEmailTo(mentor.email, /^You are enrolled/);

    for (const [command, nothingTo] of [
      ['END', 'Nothing to end yet'],
      ['REMATCH', 'No pairing to change yet'],
    ] as const) {
      await h.reply(enrolment, command);
      const told = await h.lastEmailTo(mentor.email, new RegExp(`^${nothingTo}`));
      const text = flat(told.text);
      expect(text).toContain(`You wrote ${command}, but your pairing in`);
      expect(text).toContain('has not started yet, so nothing was changed.');
      expect(text).toContain(
        `Your introduction to your partner comes by email on ${emailDay(ask.sendAt, 'America/New_York')}. When it arrives, you can reply NO to it with the date you are back`,
      );
      expect(text).toContain('Or reply STOP to it to leave the program.');
      // Nothing untrue: no end, no introduction in Noa's inbox to answer.
      expect(text).not.toMatch(/after all|Reply YES to the introduction|Reply NO to your introduction email/);
      expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');
    }
    // Nobody was told of an end.
    for (const email of [...(await h.emailsTo(mentor.email)), ...(await h.emailsTo(mentee.email))]) {
      expect(flat(email.text)).not.toMatch(/could not start with you after all/);
    }

    // The pairing goes on: Noa's introduction comes on the day named, where Noa is.
    const intro = await h.received(mentor.email, /^Meet /);
    expect(emailDay(intro.sentAt, 'America/New_York')).toBe(emailDay(ask.sendAt, 'America/New_York'));
    expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');
  });
});
