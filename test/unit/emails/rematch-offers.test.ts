import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { programContact } from '../../../functions/domain/program-contact';
import { agreeable, simProgram, simulate, type SimOptions } from '../pairing/simulate';

/**
 * Every offer of a rematch or a new partner is true for the reader (docs/lifecycle.md, Rematch
 * policy): in a program with no automatic rematches (`rematch.maxAttempts` 0), or to someone who had
 * every one the program allows, REMATCH, a NO to the fit check and an exit through a concern end
 * the pairing and the reader waits on the waitlist for the program team; no email says otherwise.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(
  ['yes', 'no', 'unsure', 'continue', 'pause', 'end', 'rematch', '1', '2', '3', '4', '5'].map((k) => [k, `https://answers.example.org/${k}`]),
);
const PROMISED = /offered (?:someone new|a new partner)|look for (?:a )?new partners? for|we will look for a new partner/i;
const INSTEAD = /wait on the waitlist while the program team decides with you how to go on/;

type Intent = ReturnType<typeof simulate>['emails'][number];
/** As the outbox sends it: the reader's rematches as stored now (footer.ts, recipientNow). */
const sent = (e: Intent, rematchAttempts?: number) =>
  flat(
    renderIntent(
      e.template,
      {
        ...e.input,
        to: emails.recipientNow(e.input.to as emails.Recipient, 'paired', rematchAttempts),
      },
      LINKS,
    ).text,
  );

function run(program: SimOptions['program'], answer: SimOptions['answer'] = agreeable) {
  return simulate({ answer, program, maxSteps: 60 });
}

const silentAfterMeeting: SimOptions['answer'] = (e) =>
  e.question?.purpose === 'acceptance' || e.question?.purpose === 'fit' ? { text: { intent: 'yes' } } : undefined;

describe('no automatic rematches (rematch.maxAttempts 0)', () => {
  const none = { rematch: { maxAttempts: 0, offersAfterSilence: 1, needsApproval: false } };

  it('the fit check and every footer say what a NO or a REMATCH does instead of promising a new partner', () => {
    const r = run(none);
    const fit = r.emails.find((e) => e.template === 'fitCheckRequest');
    const checkIn = r.emails.find((e) => e.template === 'checkInRequest');
    const intro = r.emails.find((e) => e.template === 'introduction');
    for (const e of [fit, checkIn, intro]) {
      const text = sent(e!);
      expect(text, e!.template).not.toMatch(PROMISED);
      expect(text, e!.template).toMatch(INSTEAD);
    }
    // With rematches left, the same emails still offer one.
    const open = run({});
    for (const template of ['fitCheckRequest', 'checkInRequest', 'introduction'])
      expect(sent(open.emails.find((e) => e.template === template)!)).toMatch(PROMISED);
  });

  it("the admins' decision says REMATCH puts both on the waitlist for them", () => {
    const [decision] = run(none, silentAfterMeeting).emails.filter((e) => e.template === 'adminDecisionRequest');
    const text = sent(decision!);
    expect(text).not.toMatch(PROMISED);
    expect(text).toMatch(/makes no automatic rematches.*both wait on the waitlist for you/);
    expect(sent(run({}, silentAfterMeeting).emails.find((e) => e.template === 'adminDecisionRequest')!)).toMatch(/look for new partners for both/);
  });

  it('the concern acknowledgement and the standing address help say the same', () => {
    const program = programContact(simProgram(none), []);
    const to = emails.recipientNow({ name: 'Mia Mentor', timeZone: 'Europe/London' }, 'paired', 0);
    const concern = flat(emails.concernReceived({ to, program, readBy: '2027-02-03T17:00:00Z', workingDays: 2, exit: true }).text);
    expect(concern).not.toMatch(PROMISED);
    expect(concern).toMatch(INSTEAD);
    const help = flat(emails.standingAddressHelp({ to, program, reader: 'participant' }).text);
    expect(help).not.toMatch(PROMISED);
    expect(help).toMatch(/REMATCH, to end your pairing.*wait on the waitlist while the program team decides with you how to go on/);
  });
});

describe('a reader who had every automatic rematch the program allows', () => {
  it('is not promised a new partner by the fit check, the footer, a concern or the standing address', () => {
    const r = run({});
    const fit = r.emails.find((e) => e.template === 'fitCheckRequest')!;
    expect(sent(fit, 3)).not.toMatch(PROMISED);
    expect(sent(fit, 3)).toMatch(INSTEAD);
    expect(sent(fit, 2), 'one rematch left').toMatch(PROMISED);
    const program = programContact(simProgram(), []);
    const to = emails.recipientNow({ name: 'Mia Mentor', timeZone: 'Europe/London' }, 'paired', 3);
    const concern = flat(emails.concernReceived({ to, program, readBy: '2027-02-03T17:00:00Z', workingDays: 2, exit: true }).text);
    expect(concern).toMatch(INSTEAD);
    expect(flat(emails.standingAddressHelp({ to, program, reader: 'introduced' }).text)).not.toMatch(PROMISED);
  });

  it("the admins' decision names who would wait", () => {
    const r = simulate({ answer: silentAfterMeeting, mentor: { rematchAttempts: 3 }, maxSteps: 60 });
    const text = sent(r.emails.find((e) => e.template === 'adminDecisionRequest')!);
    expect(text).toMatch(/look for a new partner for Sam Senior; Mia Mentor has had every automatic rematch the program allows/);
  });
});
