import { describe, expect, inject, it } from 'vitest';
import { dayAhead, lifecycleHarness } from './harness';

/**
 * QA mail8: "No, sorry - I'm away until after Easter." to an introduction ended the pairing with
 * no return date and no email, and weeks later the person was introduced again while away, though
 * the introduction promises "Reply NO with the date you are back ... you are matched again from
 * that date". Such a NO now leaves the introduction open and asks for the date; the NO that gives
 * one is recorded, the day is kept as the person's `availableFrom`, and the day read is confirmed.
 */

const cloud = inject('cloud');
const flat = (s: string) => s.replace(/\s+/g, ' ');

describe('a NO to the introduction whose return cannot be read (QA mail8)', () => {
  it('keeps the introduction open and asks for the date; the NO with a date is recorded, kept and confirmed', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId, programId } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);

    await h.reply(intro, "No, sorry - I'm away until after Easter.");
    const ask = await h.lastEmailTo(mentee.email, /^Could you say that again\?/);
    const text = flat(ask.text);
    expect(text).toContain('"until after Easter" could not be read as the date you are back, so your NO was not recorded and the introduction is still open');
    expect(text).toMatch(/\(for example "NO, away until \d{1,2} \w+"\)/);
    // The question again, with the partner's name and a NO that names a day.
    expect(text).toMatch(/Will you take part in your pairing with Mia\?/);
    expect(ask.replyTo).toEqual(intro.replyTo);
    expect((await h.pairing(pairingId)).pairing.status).toBe('introduced');

    const back = await dayAhead(h);
    await h.reply(ask, `NO, away until ${back}`);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'not-started', 'PT1H', 24);
    const people = (await (await fetch(`${cloud.baseUrl}/local/participants?programId=${programId}`)).json()) as {
      participantId: string;
      availableFrom?: string;
    }[];
    const availableFrom = people.find((p) => p.participantId === mentee.participantId)?.availableFrom;
    expect(availableFrom).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' })
      .format(new Date(`${availableFrom}T00:00:00Z`))
      .replace(',', '');
    expect(day).toContain(back);

    const confirmed = await h.lastEmailTo(mentee.email, /^Your answer is recorded: no new partner before /);
    expect(confirmed.subject).toBe(`Your answer is recorded: no new partner before ${day}`);
    expect(flat(confirmed.text)).toContain(`We read that you are back on ${day}: you will not be matched with a new partner before that day.`);
  });
});
