import { describe, expect, it } from 'vitest';
import { adminDecisionRequest } from '../../../functions/domain/emails';
import { interpretReply } from '../../../functions/domain/replies';
import { endOfLocalDay, localDate, zonedTime } from '../../../functions/domain/schedule';

/**
 * "Decision needed" names the last day a pause may run to ("no later than", "a pause may run to …
 * at the latest") and, near the end, the last day a PAUSE may be answered ("answer by"). Both come
 * from pairing/pause-bound.ts, as does the reply reader's refusal: over dates, time zones and last
 * days, a PAUSE until the day the email names, sent on the last day the email allows, is the
 * decision; one until the day after is not; nor is any PAUSE after the day the email allows.
 */
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAY = 86_400_000;
const plusDays = (day: string, n: number) => new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY).toISOString().slice(0, 10);
const words = (day: string) => `${Number(day.slice(8, 10))} ${MONTHS[Number(day.slice(5, 7)) - 1]} ${day.slice(0, 4)}`;

/** "Saturday 1 May 2027" -> "2027-05-01". */
function dayOfWords(text: string | undefined): string | undefined {
  const m = text === undefined ? null : /^\p{L}+ (\d{1,2}) (\p{L}+) (\d{4})$/u.exec(text);
  if (!m) return undefined;
  return `${m[3]}-${String(MONTHS.indexOf(m[2]!) + 1).padStart(2, '0')}-${m[1]!.padStart(2, '0')}`;
}

/** Late in the evening of `day` in `zone`: the writer's today is still that day. */
const lateOn = (day: string, zone: string) => zonedTime(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), 23, 30, zone);

const ZONES = ['UTC', 'Pacific/Kiritimati', 'Pacific/Pago_Pago', 'America/Los_Angeles', 'Europe/Berlin', 'Asia/Kolkata', 'America/Santiago'];
const SENT = ['2027-03-12T07:00:00Z', '2027-03-26T23:30:00Z', '2027-10-29T13:00:00Z', '2027-12-28T03:00:00Z', '2028-02-25T18:00:00Z'];
const link = (a: string) => `https://answers.example.org/r/tok?answer=${a}`;

function render(sentAt: string, zone: string, lastDay: string) {
  const deadline = endOfLocalDay(new Date(Date.parse(sentAt) + 7 * DAY), zone).toISOString();
  const email = adminDecisionRequest({
    to: { name: 'Priya Shah', timeZone: zone, sentAt },
    program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya@example.org' }, pauseBound: { lastDay, decidedAt: sentAt } },
    pairingId: 'pair-0042',
    people: { mentor: 'Bruno Costa', mentee: 'Mia Park' },
    missedCount: 3,
    answerBy: deadline,
    answerLinks: { continue: link('continue'), pause: link('pause'), end: link('end'), rematch: link('rematch') },
  } as never);
  return email.text.replace(/\s+/g, ' ');
}

describe('"Decision needed" and the reader agree on the last day of a PAUSE', () => {
  it('a PAUSE until the day named is taken on the last day allowed; the next day, or later, is not', () => {
    let offered = 0;
    let withAnswerBy = 0;
    for (const zone of ZONES)
      for (const sentAt of SENT) {
        const today = localDate(new Date(sentAt), zone);
        for (let ahead = 0; ahead <= 12; ahead++) {
          const lastDay = plusDays(today, ahead);
          const text = render(sentAt, zone, lastDay);
          const at = `${zone} ${sentAt} last day ${lastDay}`;
          const read = (reply: string, now: Date) => interpretReply(reply, 'admin-decision', { now, timeZone: zone, pauseLastDay: lastDay });
          if (!/Reply CONTINUE, PAUSE/.test(text)) {
            // No PAUSE offered: none is taken that day, even one until the last day.
            expect(text, at).toContain('Reply CONTINUE, END or REMATCH.');
            expect(read(`PAUSE until ${words(lastDay)}`, new Date(sentAt)).intent, at).toBe('unclear');
            continue;
          }
          offered++;
          const named = dayOfWords(/\(no later than ([^)]+)\)/.exec(text)?.[1]);
          expect(named, `${at}: ${text}`).toBeDefined();
          const stated = /a pause may run to (.+?) at the latest/.exec(text)?.[1];
          if (stated !== undefined) expect(dayOfWords(stated), at).toBe(named);
          const answerBy = dayOfWords(/PAUSE \(answer by ([^)]+)\)/.exec(text)?.[1]);
          const lastAsk = answerBy ?? dayOfWords(/Please answer by (\p{L}+ \d{1,2} \p{L}+ \d{4})/u.exec(text)?.[1]);
          expect(lastAsk, `${at}: ${text}`).toBeDefined();
          if (answerBy !== undefined) withAnswerBy++;
          const lastMoment = lateOn(lastAsk!, zone);
          const example = /^\s*(PAUSE until \d{1,2} \p{L}+)\s*$/mu.exec(text)?.[1];
          for (const reply of [`PAUSE until ${words(named!)}`, ...(example ? [example] : [])]) {
            const taken = read(reply, lastMoment);
            expect(taken, `${at}: ${reply}`).toMatchObject({ intent: 'pause', decision: 'pause', pauseUntil: named });
          }
          expect(read(`PAUSE until ${words(plusDays(named!, 1))}`, lastMoment), at).toMatchObject({ intent: 'unclear', command: 'pause' });
          // "cannot be given after that": the day after the email's answer-by day, no PAUSE is the decision.
          if (answerBy !== undefined) {
            const after = read(`PAUSE until ${words(named!)}`, lateOn(plusDays(answerBy, 1), zone));
            expect(after, at).toMatchObject({ intent: 'unclear', command: 'pause' });
          }
        }
      }
    // The range covers each case: PAUSE offered near the end, with and without its own answer-by day.
    expect(offered).toBeGreaterThan(100);
    expect(withAnswerBy).toBeGreaterThan(50);
    expect(offered - withAnswerBy).toBeGreaterThan(50);
  });
});
