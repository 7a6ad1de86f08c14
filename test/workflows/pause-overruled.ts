import { expect, inject } from 'vitest';
import { activePair, type Harness } from './harness';

/**
 * A PAUSE the partner's STOP overrules (pause-then-partner-leaves, pause-with-stop): the one away is
 * told the pairing ended and is offered a new partner, Nia's free place, only from the day they are back.
 */

/** A participant as the API answers: `availableFrom`, the day a rematch may offer them a partner. */
export async function participant(id: string): Promise<{ status: string; availableFrom?: string }> {
  return (await (await fetch(`${inject('cloud').baseUrl}/participants/${id}`)).json()) as { status: string; availableFrom?: string };
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

/**
 * An active pair in a program where Nia has a free place, at their first check-in: `checkIn`, the
 * mentee's (who will PAUSE), `mentorsCheckIn` (who will STOP); `back`, the day `awayDays` from now.
 */
export async function pairAtCheckInWithAPlaceFree(h: Harness, awayDays: number) {
  const programId = await h.program({});
  const nia = await mentorWithFreePlace(h, programId);
  const { mentor, mentee, pairingId } = await activePair(h, programId);
  const checkIn = await h.nextEmail(mentee.email, /^Check-in:/);
  const mentorsCheckIn = await h.received(mentor.email, /^Check-in:/);
  const back = new Date((await h.now()).getTime() + awayDays * 86_400_000).toISOString().slice(0, 10);
  return { nia, mentor, mentee, pairingId, checkIn, mentorsCheckIn, back };
}

/**
 * The end email to the one away (white space folded), checked to offer a new partner from `back`
 * only; `day`, `back` as the email names it, a pattern ("\w+day 2 March 2027").
 */
export async function toldOfANewPartnerWhenBack(h: Harness, email: string, back: string): Promise<{ told: string; day: string }> {
  const [y, m, d] = back.split('-').map(Number) as [number, number, number];
  const month = new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(new Date(Date.UTC(y, m - 1, d)));
  const day = `\\w+day ${d} ${month} ${y}`;
  const told = (await h.received(email, /has left the program/)).text.replace(/\s+/g, ' ');
  expect(told).toMatch(new RegExp(`We will look for a new partner for you from ${day}, when you are back`));
  expect(told).not.toContain('We are looking for a new partner');
  return { told, day };
}

/** Nia's free place is not offered to the one away while they are away; the rematch comes on their day. */
export async function rematchedOnlyWhenBack(h: Harness, p: { pairingId: string; mentee: { email: string }; nia: { participantId: string }; back: string }) {
  const introduced = async () => (await h.emailsTo(p.mentee.email)).some((e) => /^Meet Nia/.test(e.subject));
  await h.advance('P14D');
  expect(await introduced()).toBe(false);
  expect(await h.events(p.pairingId)).not.toContain('RematchRequested');
  expect((await h.emailsTo(p.mentee.email)).filter((e) => /^Meet /.test(e.subject))).toHaveLength(1);
  await h.until(introduced, 'P1D', 40);
  expect((await h.now()).toISOString().slice(0, 10) >= p.back).toBe(true);
  expect(await h.events(p.pairingId)).toContain('RematchRequested');
  expect((await participant(p.nia.participantId)).status).toBe('paired');
}
