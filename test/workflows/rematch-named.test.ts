import { describe, expect, inject, it } from 'vitest';
import { lifecycleHarness } from './harness';

const cloud = inject('cloud');
const namesBoth = /Reply REMATCH with that partner's name \("REMATCH (Cleo|Bo)" or "REMATCH (Cleo|Bo)"\): that pairing ends kindly/;

/** A mentor with two mentees, both pairings accepted and running. */
async function mentorOfTwo(h: ReturnType<typeof lifecycleHarness>) {
  const programId = await h.program({ lifecycle: { checkInCadenceDays: 7 } });
  const mentor = await h.enrol({ programId, role: 'mentor', name: 'Mia Mentor', capacity: 2, topicsOffered: ['ai-tools'], topicsWanted: ['strategy'] });
  const cleo = await h.pair({ programId, mentor, menteeName: 'Cleo Senior' });
  const bo = await h.pair({ programId, mentor, menteeName: 'Bo Senior' });
  for (const p of [cleo, bo]) {
    await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
    await h.reply(await h.received(mentor.email, p === cleo ? /^Meet Cleo/ : /^Meet Bo/), 'yes');
  }
  await h.until(
    async () => (await h.pairing(cleo.pairingId)).pairing.status === 'active' && (await h.pairing(bo.pairingId)).pairing.status === 'active',
    'PT6H',
    4 * 8,
  );
  return { mentor, cleo, bo };
}

describe('PairingLifecycle: a mentor with two mentees names the one they mean', () => {
  it('"REMATCH Bo" in reply to the check-in about Cleo ends the pairing with Bo, as the footer promises; Cleo\'s goes on', async () => {
    const h = lifecycleHarness();
    const { mentor, cleo, bo } = await mentorOfTwo(h);
    // The first check-in about Cleo, and what its footer offers a mentor with two mentees.
    const checkIn = await h.received(mentor.email, /^Check-in:.*Cleo/, 'PT6H');
    expect(checkIn.text.replace(/\s+/g, ' ')).toMatch(
      /Reply REMATCH with that partner's name \("REMATCH (Cleo|Bo)" or "REMATCH (Cleo|Bo)"\): that pairing ends kindly/,
    );

    await h.reply(checkIn, 'REMATCH Bo');
    await h.idle();
    await h.until(async () => (await h.pairing(bo.pairingId)).pairing.status === 'ended', 'PT1H', 24);
    const cleoNow = await h.pairing(cleo.pairingId);
    expect(cleoNow.pairing.status).toBe('active');
    // The check-in about Cleo stays open for its own answer: nothing was recorded on it.
    expect(cleoNow.pairing.round?.answers?.mentor).toBeUndefined();
    await h.reply(checkIn, 'yes 5');
    await h.idle();
    expect((await h.pairing(cleo.pairingId)).pairing.round?.answers?.mentor).toMatchObject({ rating: 5 });
  });

  it('the receipt of a concern and the copy of their data name both partners after REMATCH, as every other email to them does', async () => {
    const h = lifecycleHarness();
    const { mentor } = await mentorOfTwo(h);
    const welcome = await h.lastEmailTo(mentor.email, /./);
    await h.reply(welcome, 'CONCERN: I am not sure I am helping either of them');
    const receipt = await h.received(mentor.email, /^We received your concern/);
    expect(receipt.text.replace(/\s+/g, ' ')).toMatch(namesBoth);

    await h.reply(welcome, 'DATA');
    const confirm = await h.received(mentor.email, /^Confirm: send you a copy of your data/);
    const link = /https?:\/\/[^\s)>\]]+\/d\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(confirm.text);
    expect(link, confirm.text).not.toBeNull();
    expect((await fetch(`${cloud.baseUrl}${new URL(link![0]).pathname}`, { method: 'POST' })).status).toBe(200);
    await h.idle();
    const copy = await h.received(mentor.email, /^Your data from/);
    expect(copy.text.replace(/\s+/g, ' ')).toMatch(namesBoth);
  });
});

describe('PairingLifecycle: a partner named again after their pairing ended', () => {
  it('"END Cleo." sent twice to the standing address ends Cleo\'s pairing once; the second is told it has ended, and Bo\'s goes on (QA verify18 N3)', async () => {
    const h = lifecycleHarness();
    const { mentor, cleo, bo } = await mentorOfTwo(h);
    const standing = await h.lastEmailTo(mentor.email, /enrolled/i);
    await h.reply(standing, 'END Cleo.');
    await h.idle();
    await h.until(async () => (await h.pairing(cleo.pairingId)).pairing.status === 'ended', 'PT1H', 24);
    await h.reply(standing, 'END Cleo.');
    await h.idle();
    const told = await h.lastEmailTo(mentor.email, /^Nothing to end: that pairing has ended/);
    expect(told.text.replace(/\s+/g, ' ')).toContain('your pairing with Cleo has already ended, so nothing was changed: your other pairings go on.');
    await h.advance('PT1H');
    expect((await h.pairing(bo.pairingId)).pairing.status).toBe('active');
  });
});

/**
 * Yara, a mentor in Alpha (with Cleo) and in Beta (with Dan), writes "END Dan" to Alpha's standing
 * address (under one address and one employee id in both: one employee id is one person, and an
 * address HR changes is changed in every program, docs/lifecycle.md).
 */
async function endDanFromAlpha() {
  const h = lifecycleHarness();
  const alpha = await h.program({ name: 'Alpha cohort', lifecycle: { checkInCadenceDays: 7 } });
  const beta = await h.program({ name: 'Beta cohort', lifecycle: { checkInCadenceDays: 7 } });
  const email = `yara-${h.tag}@example.com`;
  const yara = (programId: string, address: string) =>
    h.enrol({
      programId,
      email: address,
      employeeId: `E-${h.tag}`,
      role: 'mentor',
      name: 'Yara Young',
      topicsOffered: ['ai-tools'],
      topicsWanted: ['strategy'],
    });
  const inAlpha = await yara(alpha, email);
  const inBeta = await yara(beta, email);
  const cleo = await h.pair({ programId: alpha, mentor: inAlpha, menteeName: 'Cleo Senior' });
  const dan = await h.pair({ programId: beta, mentor: inBeta, menteeName: 'Dan Senior' });
  for (const p of [cleo, dan]) {
    await h.reply(await h.lastEmailTo(p.mentee.email, /^Meet /), 'yes');
    await h.reply(await h.received(p === cleo ? inAlpha.email : inBeta.email, p === cleo ? /^Meet Cleo/ : /^Meet Dan/), 'yes');
  }
  await h.until(
    async () => (await h.pairing(cleo.pairingId)).pairing.status === 'active' && (await h.pairing(dan.pairingId)).pairing.status === 'active',
    'PT6H',
    4 * 8,
  );
  // Alpha's enrolment confirmation: its reply address is Yara's standing address in Alpha.
  const alphaStanding = (await h.emailsTo(email)).find((e) => /enrolled/i.test(e.subject) && e.text.includes('Alpha cohort'))!;
  expect(alphaStanding.text).not.toContain('Beta cohort');
  await h.reply(alphaStanding, 'END Dan');
  await h.idle();
  await h.until(async () => (await h.pairing(dan.pairingId)).pairing.status === 'ended', 'PT1H', 24);
  expect((await h.pairing(cleo.pairingId)).pairing.status).toBe('active');
}

describe('PairingLifecycle: one person in two programs names the partner they mean (QA multiprog)', () => {
  it('"END Dan" to the standing address of program Alpha ends the pairing with Dan in Beta, not the one with Cleo in Alpha', async () => {
    await endDanFromAlpha();
  });
});
