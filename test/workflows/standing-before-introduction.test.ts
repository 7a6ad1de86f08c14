import { describe, expect, it } from 'vitest';
import { emailDay, lifecycleHarness, pairIntroducedToMenteeOnly, type Harness } from './harness';

/**
 * Replies to the standing address (the enrolment email's) while one of the person's pairings is
 * introduced but their own introduction has not gone out yet: introductions go at each person's own
 * send time, so the partner may have theirs hours before. Nothing the answer says may name that
 * partner, or point to an introduction the person does not have: it may say that an introduction
 * comes, and when.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');

/**
 * A new pairing of `mentor` (in New York) made in the evening: the mentee (Berlin) gets their
 * introduction the next morning, the mentor's waits for New York's morning.
 */
async function pairedNotYetIntroduced(h: Harness, programId: string, mentor: { participantId: string; email: string }, menteeName: string) {
  await h.evening();
  const p = await h.pair({ programId, mentor, menteeName, waitForIntroductions: false });
  await h.received(p.mentee.email, /^Meet /);
  expect((await h.emailsTo(mentor.email)).filter((e) => new RegExp(`^Meet ${menteeName.split(' ')[0]}`).test(e.subject))).toHaveLength(0);
  const { pairing } = await h.pairing(p.pairingId);
  expect(pairing.status).toBe('introduced');
  const ask = pairing.round.asks.mentor as { sendAt: string; sent?: boolean };
  expect(ask.sent).not.toBe(true);
  return { ...p, ask };
}

describe('Replies to the standing address before an introduction has reached the person', () => {
  it('the help says when the introduction comes, never to answer one not in the inbox', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId, mentorAsk: ask } = await pairIntroducedToMenteeOnly(h, { menteeName: `Uma Upton${h.tag}` });

    await h.reply(await h.lastEmailTo(mentor.email, /^You are enrolled/), 'Hello, is anything happening yet?');
    const help = await h.lastEmailTo(mentor.email, /^Your reply was not recorded/);
    const text = flat(help.text);
    expect(text).toContain(
      `Your introduction to your partner comes by email on ${emailDay(ask.sendAt, 'America/New_York')}. When it arrives, reply YES to it to begin, or NO with the date you are back`,
    );
    // Nothing points to an introduction Noa does not have yet, and the partner is not named.
    expect(text).not.toMatch(/reply YES or NO to your introduction email|Reply NO to your introduction email/i);
    expect(text).not.toContain('Uma');
    expect(text).toContain('Once your introduction email arrives, reply NO to it with the date you are back');
    // REMATCH to this address changes nothing before the introduction: it is not offered as what the address takes.
    expect(help.subject).toBe('Your reply was not recorded: this address takes STOP, CONCERN, DATA or ERASE');
    expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');
  });

  it('a mentor with two pairings running and a third not yet introduced: the help and "which pairing?" name only the two', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({ lifecycle: { checkInCadenceDays: 7 } });
    const mentor = await h.enrol({
      programId,
      role: 'mentor',
      name: 'Mia Mentor',
      capacity: 3,
      timeZone: 'America/New_York',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
    const cleo = await h.pair({ programId, mentor, menteeName: 'Cleo Senior' });
    const dan = await h.pair({ programId, mentor, menteeName: 'Dan Senior' });
    for (const p of [cleo, dan]) {
      await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
      await h.reply(await h.received(mentor.email, p === cleo ? /^Meet Cleo/ : /^Meet Dan/), 'yes');
    }
    await h.until(
      async () => (await h.pairing(cleo.pairingId)).pairing.status === 'active' && (await h.pairing(dan.pairingId)).pairing.status === 'active',
      'PT6H',
      4 * 8,
    );
    const bo = await pairedNotYetIntroduced(h, programId, mentor, 'Bo Senior');
    const standing = await h.lastEmailTo(mentor.email, /^You are enrolled/);

    // Anything else: the help, whose footer names how to REMATCH each partner Mia has been introduced to.
    await h.reply(standing, 'Thanks, all good here.');
    const help = flat((await h.lastEmailTo(mentor.email, /^Your reply was not recorded/)).text);
    expect(help).toMatch(/Reply REMATCH with that partner's name \("REMATCH (Cleo|Dan)" or "REMATCH (Cleo|Dan)"\)/);
    expect(help).not.toMatch(/\bBo\b/);

    // REMATCH naming nobody: which pairing? Only Cleo and Dan, in the text and the footer.
    await h.reply(standing, 'REMATCH');
    const which = flat((await h.lastEmailTo(mentor.email, /^Which pairing did you mean\?/)).text);
    expect(which).toContain('you have 2 pairings running in Test cohort (with');
    expect(which).toMatch(/"REMATCH (Cleo|Dan)" or "REMATCH (Cleo|Dan)"/);
    expect(which).not.toMatch(/\bBo\b/);

    // Nothing ended, Bo's introduction still to come.
    for (const p of [cleo, dan]) expect((await h.pairing(p.pairingId)).pairing.status).toBe('active');
    expect((await h.pairing(bo.pairingId)).pairing.status).toBe('introduced');
  });
});
