import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * Who a reply is from (docs/inbound.md, wrong-sender): an internationalized domain is one mailbox
 * in either spelling, and a From that shows more than one address is nobody's answer.
 */

const outcomeOf = (out: unknown) => (out as { result: { outcomes: { outcome: string }[] } }).result.outcomes.map((o) => o.outcome);

describe('sender address: an internationalized domain', () => {
  it('records YES from a participant enrolled at a punycode domain, from exactly that address, and warns nobody', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const mentor = await h.enrol({
      programId,
      role: 'mentor',
      email: `mia-${h.tag}@xn--mnchen-3ya.de`,
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
    await h.pair({ programId, mentor });
    const intro = await h.lastEmailTo(mentor.email, /^Meet /);
    expect(outcomeOf(await h.reply(intro, 'YES, looking forward to it!'))).toEqual(['recorded']);
    expect((await h.emailsTo(mentor.email)).filter((e) => /another address/.test(e.subject))).toEqual([]);
  });

  it('enrols an address written with the Unicode domain, stored in the spelling mail is sent to', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const person = await h.enrol({ programId, role: 'mentee', email: `max-${h.tag}@München.de`, topicsOffered: ['strategy'], topicsWanted: ['ai-tools'] });
    expect(person.email).toBe(`max-${h.tag}@xn--mnchen-3ya.de`);
  });
});

describe("sender address: a domain that only looks like the participant's", () => {
  it("refuses YES from a soft-hyphen, full-width or Kelvin-sign look-alike of the domain, then takes the participant's own (QA attacker4)", async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const mentor = await h.enrol({ programId, role: 'mentor', email: `mia-${h.tag}@kestrel.example`, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
    const { pairingId } = await h.pair({ programId, mentor });
    const intro = await h.lastEmailTo(mentor.email, /^Meet /);
    const before = (await h.pairing(pairingId)).pairing.status;
    const local = `mia-${h.tag}`;
    const lookAlikes = [`${local}@kes\u00adtrel.example`, `${local}@\uff4bestrel.example`, `${local}@\u212aestrel.example`];
    for (const address of lookAlikes) expect(outcomeOf(await h.reply(intro, 'YES', { fromField: address })), address).toEqual(['wrong-sender']);
    expect((await h.pairing(pairingId)).pairing.status).toBe(before);
    expect(outcomeOf(await h.reply(intro, 'YES'))).toEqual(['recorded']);
  });
});

describe('sender address: a From that shows two addresses', () => {
  it('refuses a From that names the participant beside another address, and still takes their own reply', async () => {
    const h = lifecycleHarness();
    const { mentee } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    const evil = `eve-${h.tag}@evil.example`;
    for (const fromField of [`<${mentee.email}>@evil.example`, `=?UTF-8?Q?Sam_<${mentee.email}>?= <${evil}>`]) {
      expect(outcomeOf(await h.reply(intro, 'YES', { fromField })), fromField).toEqual(['wrong-sender']);
    }
    // Nobody is told (the addresses are the sender's choice): no note to the participant.
    expect((await h.emailsTo(mentee.email)).filter((e) => /another address/.test(e.subject))).toEqual([]);
    // Nothing was recorded: the participant's own reply, their address as its display name, is.
    expect(outcomeOf(await h.reply(intro, 'YES', { fromField: `"${mentee.email}" <${mentee.email}>` }))).toEqual(['recorded']);
  });
});
