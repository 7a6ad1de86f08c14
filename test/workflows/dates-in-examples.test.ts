import { describe, expect, it } from 'vitest';
import { lifecycleHarness } from './harness';

/**
 * QA time7: the days the emails give as examples are days to come in the reader's own zone (Sam,
 * the mentee, is in Europe/Berlin, east of UTC), as the sender knows them when the email goes.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
/** The reader's day (YYYY-MM-DD) of an instant, and a day as the examples write it ("6 April"). */
const localDay = (at: string | Date, timeZone: string) => new Intl.DateTimeFormat('en-CA', { timeZone }).format(new Date(at));
const dayMonth = (day: string, plusDays: number) =>
  new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' }).format(new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000));

describe('examples of days in the emails (QA time7)', () => {
  it('the introduction offers "NO, away until" four weeks after it went, and that NO is read as that day', async () => {
    const h = lifecycleHarness();
    const { mentee, pairingId } = await h.pair();
    const intro = await h.lastEmailTo(mentee.email, /^Meet /);
    const example = `NO, away until ${dayMonth(localDay(intro.sentAt, 'Europe/Berlin'), 28)}`;
    expect(flat(intro.text)).toContain(`Reply NO with the date you are back (for example "${example}")`);
    await h.reply(intro, example);
    await h.until(async () => (await h.pairing(pairingId)).pairing.status === 'not-started', 'PT1H', 24);
    expect((await h.pairing(pairingId)).pairing.statusReason).toContain(example.slice(4));
  });

  it('the pause email offers a new date a week after the resume day it names, in Berlin', async () => {
    const h = lifecycleHarness();
    // Both east of UTC: the pause ends at midnight in Berlin, the day before in UTC.
    const programId = await h.program({});
    const mentor = await h.enrol({
      programId,
      role: 'mentor',
      name: `Mia Mentor${h.tag}`,
      timeZone: 'Asia/Tokyo',
      topicsOffered: ['ai-tools', 'social-media'],
      topicsWanted: ['strategy'],
      consent: { dataProcessing: true, shareProgressWithManager: false },
    });
    const { mentee } = await h.pair({ programId, mentor });
    for (const who of [mentor.email, mentee.email]) await h.reply(await h.lastEmailTo(who, /^Meet /), 'yes');
    const until = localDay(new Date((await h.now()).getTime() + 30 * 86_400_000), 'Europe/Berlin');
    await h.reply(await h.lastEmailTo(mentee.email, /^Meet /), `PAUSE until ${until}`);
    const note = flat((await h.received(mentee.email, /is paused until/)).text);
    expect(note).toContain(
      `is paused until ${new Intl.DateTimeFormat('en-GB', { weekday: 'long', timeZone: 'UTC' }).format(new Date(`${until}T00:00:00Z`))} ${dayMonth(until, 0)}`,
    );
    expect(note).toContain(`(for example "PAUSE until ${dayMonth(until, 7)}")`);
  });
});
