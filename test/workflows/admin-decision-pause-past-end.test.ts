import { describe, expect, it } from 'vitest';
import { decisionNeeded } from './decision-needed';
import { lifecycleHarness } from './harness';

const DAY = 86_400_000;
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** "10 May 2027", as a day is written back. */
const inWords = (day: string) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${day}T12:00:00Z`));
const dayAfter = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + DAY).toISOString().slice(0, 10);

/**
 * "Decision needed" says a pause may run to the pairing's last pause day at the latest, but an
 * admin's "PAUSE for 8 weeks" was read as the decision and paused the pairing past its end (the
 * lifecycle takes an admin's decision as it is read). Now the reader refuses it, naming the last
 * day (pairing/pause-bound.ts), the admin is asked again, and a PAUSE until that day is the decision.
 */
describe("An admin's PAUSE that runs past the pairing's last pause day", () => {
  it('is asked again naming the last day; a PAUSE until that day pauses the pairing', async () => {
    const h = lifecycleHarness();
    // From a known hour of the next day, whatever weekday it is.
    await h.startAt(5);
    // A one-month pairing in a program that ends later: the last day a pause may run to is the
    // program's end date, weeks after the decision (asked at the second weekly check-in missed).
    const { pairingId, endDate, decision } = await decisionNeeded(h, 40);
    expect(flat(decision.text)).toContain('Reply CONTINUE, PAUSE');

    // Eight weeks from the decision, and the day after the last day: neither is the decision.
    const asked = (await h.emailsTo(h.admin)).filter((e) => /^Could you say that again/.test(e.subject)).length;
    for (const answer of ['PAUSE for 8 weeks', `PAUSE until ${inWords(dayAfter(endDate))}`]) {
      await h.reply(decision, `${answer}\nThey are both swamped.`, { from: h.admin });
      const again = (await h.emailsTo(h.admin)).filter((e) => /^Could you say that again/.test(e.subject));
      expect(again, answer).toHaveLength(asked + 1 + (answer === 'PAUSE for 8 weeks' ? 0 : 1));
      const text = flat(again.at(-1)!.text);
      expect(text, answer).toContain(`${inWords(endDate)}, the last day a pause of this pairing may run to, so nothing was decided`);
      expect(text, answer).toMatch(/\(for example "PAUSE until \d{1,2} \p{L}+"\), or CONTINUE, END or REMATCH/u);
      const { pairing, audit } = await h.pairing(pairingId);
      expect(pairing.status, answer).toBe('active');
      expect(
        audit.filter((a) => a.kind === 'admin-decision'),
        answer,
      ).toEqual([]);
    }

    // The email's "Pause" link keeps the same bound: a day after the last one is refused on the page.
    const links = [...decision.text.matchAll(/https?:\/\/\S+?\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/g)].map((m) => m[0]);
    const pages = await Promise.all(links.map(async (link) => ({ link, page: await (await fetch(link)).text() })));
    const pauseLink = pages.find((p) => /Your answer: <span class="answer">Pause/.test(p.page))?.link;
    expect(pauseLink, decision.text).toBeDefined();
    const late = await fetch(pauseLink!, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `until=${dayAfter(endDate)}`,
    });
    expect(late.status).toBe(400);
    expect(flat(await late.text())).toContain(
      `A pause of this pairing may run to ${new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${endDate}T12:00:00Z`))} ${inWords(endDate)} at the latest`,
    );
    expect((await h.pairing(pairingId)).pairing.status).toBe('active');

    // Until the last day itself: the decision, and the pairing pauses until it.
    await h.reply(decision, `PAUSE until ${inWords(endDate)}`, { from: h.admin });
    const { pairing, audit } = await h.pairing(pairingId);
    expect(pairing.status).toBe('paused');
    expect(pairing.pausedUntilDay).toBe(endDate);
    expect(audit.filter((a) => a.kind === 'admin-decision').map((a) => a.detail?.decision)).toEqual(['pause']);
  });
});
