import { describe, expect, it } from 'vitest';
import { pauseExample } from '../../../functions/domain/emails/pause-example';
import { pauseBeyondEnd } from '../../../functions/domain/pairing/controls';
import type { Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { interpretReply } from '../../../functions/domain/replies';
import { localDate } from '../../../functions/domain/schedule';
import { agreeable, simProgram, simulate, type SimResult } from './simulate';

/**
 * QA: the emails' own PAUSE examples were refused near the end. During the last days of a pairing
 * the footer's "PAUSE for 3 weeks", the pause email's "PAUSE until <a week after the resume>" and
 * the refusal's own footer named days after the last day a pause may run to, and the reply they
 * showed was answered "Your pause was not changed: ... is after the end". Every PAUSE example an
 * email gives must be taken when sent back as the email is read (emails/pause-example.ts).
 */

const PROGRAM = { endDate: '2027-03-31', lifecycle: { durationMonths: 3 } as never };
const LINKS = Object.fromEntries(
  ['yes', 'no', '1', '2', '3', '4', '5', 'review', 'unsure', 'continue', 'pause', 'end', 'rematch'].map((k) => [k, `https://x.test/r/${k}`]),
);

/** The pairing as it stood at `at`: after the last step decided by then. */
function pairingAt(r: SimResult, at: string): Pairing | undefined {
  let pairing: Pairing | undefined;
  for (const d of r.decisions) if (d.at <= at && d.decision.changed) pairing = d.decision.pairing;
  return pairing;
}

/** Each PAUSE example of every email to the pair from `from` on, as its reader reads it when it goes (the outbox sets `sentAt`). */
function examples(r: SimResult, from: string) {
  return r.emails
    .filter((e) => e.sentAt >= from && !e.to.startsWith('admin'))
    .flatMap((e) => {
      const at = e.notBefore ?? e.sentAt;
      const to = e.input.to as { timeZone: string };
      const text = renderIntent(e.template, { ...e.input, to: { ...to, sentAt: at } }, LINKS).text.replace(/\s+/g, ' ');
      return [...text.matchAll(/"(PAUSE [^"]+)"/g)].map((m) => ({ at, template: e.template, timeZone: to.timeZone, example: m[1]! }));
    });
}

describe('every PAUSE example near the end of a pairing is one the pairing takes', () => {
  // Accepted on 4 January, three months run to 4 April (after the program's 31 March): the last day a pause may run to.
  const r = simulate({
    answer: agreeable,
    program: PROGRAM,
    controls: [
      { at: '2027-03-30T10:00:00Z', request: { kind: 'pause', until: '2027-04-02', participantId: 'pt_mentor' } },
      // "PAUSE for 3 weeks", as the footer offered: past the end, refused with its own email.
      { at: '2027-03-31T10:00:00Z', request: { kind: 'pause', until: '2027-04-21', participantId: 'pt_mentor' } },
    ],
  });
  const program = simProgram(PROGRAM);
  const found = examples(r, '2027-03-25T00:00:00Z');

  it('the pause email, the refusal and their footers all give one', () => {
    const templates = new Set(found.map((f) => f.template));
    expect(templates).toContain('pairingPaused');
    expect(found.filter((f) => f.template === 'pairingPaused' && f.at.startsWith('2027-03-31')).length, 'the refusal and its footer').toBeGreaterThanOrEqual(2);
  });

  it('each, sent back when the email is read, pauses until a day after today and not after the end', () => {
    for (const f of found) {
      const pairing = pairingAt(r, f.at)!;
      if (pairing.status !== 'active' && pairing.status !== 'paused') continue;
      const reading = interpretReply(f.example, 'standing', { now: new Date(f.at), timeZone: f.timeZone });
      const label = `${f.template} at ${f.at}: "${f.example}"`;
      expect(reading.intent, label).toBe('pause');
      const until = reading.pauseUntil!;
      expect(until > localDate(new Date(f.at), f.timeZone), label).toBe(true);
      expect(pauseBeyondEnd(until, program, pairing), label).toBeUndefined();
    }
  });
});

describe('pauseExample: the one rule', () => {
  const window = { timeZone: 'Asia/Tokyo', lastDay: '2027-04-20' };
  it('gives the usual length far from the last day', () => {
    expect(pauseExample({ ...window, at: '2027-03-01T01:00:00Z' }, [{ weeks: 3 }, 'last-day'])).toBe('PAUSE for 3 weeks');
    expect(pauseExample({ timeZone: 'UTC', at: '2027-03-01T01:00:00Z' }, [{ weeks: 3 }])).toBe('PAUSE for 3 weeks');
  });
  it("names the last day itself when the length would run past it, counted from the reader's own today", () => {
    // 30 March 20:00 UTC is already 31 March in Tokyo: three weeks end on 21 April.
    expect(pauseExample({ ...window, at: '2027-03-30T20:00:00Z' }, [{ weeks: 3 }, 'last-day'])).toBe('PAUSE until 20 April');
    expect(pauseExample({ ...window, at: '2027-03-30T10:00:00Z' }, [{ weeks: 3 }, 'last-day'])).toBe('PAUSE for 3 weeks');
    expect(pauseExample({ ...window, at: '2027-04-10T01:00:00Z' }, [{ until: '2027-04-27' }, 'last-day'])).toBe('PAUSE until 20 April');
  });
  it('gives none once no pause can be taken: on or after the last day, or with no day known to count a length from', () => {
    expect(pauseExample({ ...window, at: '2027-04-20T01:00:00Z' }, [{ weeks: 3 }, 'last-day'])).toBeUndefined();
    expect(pauseExample({ ...window, at: '2027-04-21T01:00:00Z' }, [{ weeks: 1 }, 'last-day'])).toBeUndefined();
    expect(pauseExample(window, [{ weeks: 3 }])).toBeUndefined();
  });
  it("keeps a booking's first day after today and before its return", () => {
    expect(pauseExample({ ...window, at: '2027-04-01T01:00:00Z' }, [{ from: '2027-04-08', until: '2027-04-15' }])).toBe('PAUSE from 8 April until 15 April');
    expect(pauseExample({ ...window, at: '2027-04-01T01:00:00Z' }, [{ from: '2027-04-08', until: '2027-04-22' }])).toBeUndefined();
    expect(pauseExample({ ...window, at: '2027-04-09T01:00:00Z' }, [{ from: '2027-04-08', until: '2027-04-15' }])).toBeUndefined();
  });
});
