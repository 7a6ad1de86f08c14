import { describe, expect, inject, it } from 'vitest';
import { activePair, lifecycleHarness, type Harness } from './harness';

const cloud = inject('cloud');

async function participant(id: string): Promise<{ status: string; availableFrom?: string }> {
  return (await (await fetch(`${cloud.baseUrl}/participants/${id}`)).json()) as { status: string; availableFrom?: string };
}

/** A mentor with a free place (capacity 2, one running pairing): a rematch can offer it at once. */
async function mentorWithFreePlace(h: Harness, programId: string) {
  const mentor = await h.enrol({
    programId,
    role: 'mentor',
    name: `Nia Mentor${h.tag}`,
    capacity: 2,
    topicsOffered: ['ai-tools', 'social-media'],
    topicsWanted: ['strategy'],
    manager: { email: `nia-boss-${h.tag}@example.com` },
  });
  const other = await h.pair({ programId, mentor, menteeName: `Bo Senior${h.tag}` });
  await h.reply(await h.lastEmailTo(other.mentee.email, /^Meet /), 'yes');
  await h.reply(await h.lastEmailTo(mentor.email, /^Meet /), 'yes');
  await h.until(async () => (await h.pairing(other.pairingId)).pairing.status === 'active', 'PT1H', 24);
  return mentor;
}

describe("PairingLifecycle: the partner leaves a pairing paused at a member's request", () => {
  it('the one away is told their pause is noted and is offered a new partner only from the day it lasts until', async () => {
    const h = lifecycleHarness();
    const programId = await h.program({});
    const nia = await mentorWithFreePlace(h, programId);
    const { mentor, mentee, pairingId } = await activePair(h, programId);
    const checkIn = await h.nextEmail(mentee.email, /^Check-in:/);
    const mentorsCheckIn = await h.received(mentor.email, /^Check-in:/);
    const back = new Date((await h.now()).getTime() + 28 * 86_400_000).toISOString().slice(0, 10);

    await h.reply(checkIn, `PAUSE until ${back}`);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'paused', 'PT1M', 30);
    expect((await h.pairing(pairingId)).pairing).toMatchObject({ pausedUntilDay: back });

    // A few days into the pause, the partner leaves.
    await h.advance('P3D');
    await h.reply(mentorsCheckIn, 'STOP');
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'ended', 'PT1M', 30);
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.statusReason).toBe('participant-withdrew');
    expect(audit.find((a) => a.kind === 'pause-overruled')?.detail).toMatchObject({ side: 'mentee', until: back });
    // Recorded as a NO with a return date is: no matching run offers them before that day.
    expect(await participant(mentee.participantId)).toMatchObject({ status: 'awaiting-rematch', availableFrom: back });

    const [y, m, d] = back.split('-').map(Number) as [number, number, number];
    const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
    const day = `\\w+day ${d} ${month} ${y}`;
    const told = (await h.received(mentee.email, /has left the program/)).text.replace(/\s+/g, ' ');
    expect(told).toMatch(new RegExp(`Your pairing was paused until ${day}, as you asked\\. With the pairing ended there is nothing left to pause`));
    expect(told).toMatch(new RegExp(`We will look for a new partner for you from ${day}, when you are back`));
    expect(told).not.toContain('We are looking for a new partner');

    // Nia's free place is not offered to them while they are away; the rematch comes on their day.
    const introduced = async () => (await h.emailsTo(mentee.email)).some((e) => /^Meet Nia/.test(e.subject));
    await h.advance('P14D');
    expect(await introduced()).toBe(false);
    expect(await h.events(pairingId)).not.toContain('RematchRequested');
    expect((await h.emailsTo(mentee.email)).filter((e) => /^Meet /.test(e.subject))).toHaveLength(1);
    await h.until(introduced, 'P1D', 40);
    expect((await h.now()).toISOString().slice(0, 10) >= back).toBe(true);
    expect(await h.events(pairingId)).toContain('RematchRequested');
    expect((await participant(nia.participantId)).status).toBe('paired');
  });
});
