import { describe, expect, it } from 'vitest';
import { call } from './api-gateway';
import { lifecycleHarness } from './harness';

/**
 * QA ui8 (Chromium), through the emails' own answer links on the local cloud:
 * - a link from the introduction, opened after HR ended the pairing, asked to confirm and only the
 *   press said "This question has closed", losing the note typed; it is refused on GET already;
 * - the introduction's YES page took no goals or starting points, so a YES by link never had them.
 */

const FORM = { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' };
const flat = (page: string) =>
  page
    .replace(/<style[\s\S]*?<\/style>/, '')
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ');

/** The link an email offers for `label` ("Yes, I will take part"), as the text part writes it. */
function linkFor(email: { text: string }, label: RegExp): string {
  const at = email.text.split('\n').findIndex((line) => label.test(line));
  const link = /https?:\/\/\S+\/r\/[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+/.exec(
    email.text
      .split('\n')
      .slice(at, at + 3)
      .join('\n'),
  )?.[0];
  expect(link, email.text).toBeDefined();
  return link!;
}

describe('answer links of the introduction', () => {
  it('refuses a YES link at once once HR ended the pairing, and shows back the note of a press', async () => {
    const h = lifecycleHarness();
    const { mentor, pairingId } = await h.pair();
    const yes = linkFor(await h.lastEmailTo(mentor.email, /^Meet /), /Yes, I will take part/);
    expect((await fetch(yes)).status).toBe(200);

    expect((await call('POST', `/pairings/${pairingId}/end`, { reason: 'admin-decision' })).status).toBe(202);
    await h.idle();
    expect((await h.pairing(pairingId)).pairing.status).toBe('ended');

    const shown = await fetch(yes, { headers: { accept: 'text/html' } });
    const page = await shown.text();
    expect(shown.status).toBe(410);
    expect(page).not.toContain('<form');
    expect(page).toContain('<h1>This question has closed</h1>');
    expect(flat(page)).toMatch(
      /This link was for whether you would take part in your pairing with Sam\. That pairing has since ended, on \w+day \d+ \w+ \d{4}, so the question closed with it and nothing was recorded\./,
    );

    const note = 'Looking forward to it.\nI am away the first week.';
    const pressed = await fetch(yes, { method: 'POST', headers: FORM, body: new URLSearchParams({ note }).toString() });
    const refused = await pressed.text();
    expect(pressed.status).toBe(410);
    expect(refused).toContain('<h1>This question has closed</h1>');
    expect(refused).toContain(`readonly>${note}</textarea>`);
    expect((await h.pairing(pairingId)).pairing.round?.answers?.mentor).toBeUndefined();
  });

  it('records the goals and starting point given on the YES page as a reply would', async () => {
    const h = lifecycleHarness();
    const { mentor, mentee, pairingId } = await h.pair();
    const yes = linkFor(await h.lastEmailTo(mentor.email, /^Meet /), /Yes, I will take part/);
    const page = await (await fetch(yes)).text();
    expect(page).toContain('<label for="goal-1">Goal 1</label>');
    expect(page).toContain('<legend>Where are you today on Strategy? (1 = new to me, 5 = I could teach it; optional)</legend>');

    const body = new URLSearchParams({ 'goal-1': 'Understand budget decisions', 'goal-2': '', 'goal-3': '', 'item-strategy': '2', note: 'Thank you!' });
    const pressed = await fetch(yes, { method: 'POST', headers: FORM, body: body.toString() });
    const thanks = flat(await pressed.text());
    expect(pressed.status).toBe(200);
    expect(thanks).toContain('Your goals for this pairing: Understand budget decisions');
    expect(thanks).toContain('Where you start: Strategy: 2 out of 5');
    await h.idle();
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), 'YES');

    const stored = (await h.pairing(pairingId)) as Awaited<ReturnType<typeof h.pairing>> & {
      skills: { participantId: string; baseline: boolean; ratings: Record<string, number> }[];
    };
    expect(stored.pairing.status).toBe('active');
    expect(stored.pairing.goals?.mentor).toEqual(['Understand budget decisions']);
    expect(stored.skills.find((s) => s.participantId === mentor.participantId && s.baseline)?.ratings).toEqual({ strategy: 2 });
    const goals = await h.received(mentor.email, /^Your goals with /);
    expect(goals.text).toContain('Understand budget decisions');
    expect(goals.text).not.toContain('You have not named goals yet');
  });
});
