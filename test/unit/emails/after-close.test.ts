import { describe, expect, it } from 'vitest';
import { renderConcernForm, renderConcernSent } from '../../../functions/domain/concern-page';
import { composeDigest } from '../../../functions/domain/digest';
import * as emails from '../../../functions/domain/emails';
import { decideNext } from '../../../functions/domain/pairing/decide';
import type { Answer, ControlRequest, Pairing } from '../../../functions/domain/pairing/model';
import { renderIntent } from '../../../functions/domain/pairing/render';
import type { ProgramInput } from '../../../functions/domain/program';
import { programContact } from '../../../functions/domain/program-contact';
import { agreeable, participant, simProgram, simulate, type SimOptions } from '../pairing/simulate';

/**
 * After the program has closed (rematch-policy.ts, programClosed) pairings run to their end, but no
 * new pairing starts: no email, page or digest line offers a new partner then, nor at
 * `rematch.maxAttempts` 0; and the answer to a PAUSE that found the pairing ended says what that
 * end did for the reader.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const LINKS = Object.fromEntries(['yes', 'no', 'unsure', '1', '2', '3', '4', '5'].map((k) => [k, `https://answers.example.org/${k}`]));
const text = (e: { template: string; input: Record<string, unknown> }) => flat(renderIntent(e.template as never, e.input, LINKS).text);
const stripTags = (page: string) => flat(page.replace(/<[^>]+>/g, ' '));
/** Closed from 16 December 2026: the simulated pairing (from January 2027) runs after its close. */
const CLOSED = { startDate: '2026-12-01', endDate: '2026-12-15' } satisfies Partial<ProgramInput>;
const NONE = { rematch: { maxAttempts: 0, offersAfterSilence: 1, needsApproval: false } } satisfies Partial<ProgramInput>;
const PROMISED = /offered (?:someone new|a new partner)|look for a new partner|a partner again/i;
const NO_NEW_PAIRING = /no new pairing starts, as the program has closed/;
const AFTER = new Date('2027-02-01T10:00:00Z');

describe('participant emails once the program has closed', () => {
  it('the footer, the fit check and the standing address help say the pairing ends and no new pairing starts', () => {
    const r = simulate({ answer: agreeable, program: CLOSED, maxSteps: 60 });
    for (const template of ['introduction', 'checkInRequest', 'fitCheckRequest']) {
      const e = r.emails.find((x) => x.template === template)!;
      expect(text(e), template).not.toMatch(PROMISED);
      expect(text(e), template).toMatch(NO_NEW_PAIRING);
    }
    expect(text(r.emails.find((x) => x.template === 'fitCheckRequest')!)).toMatch(
      /If you answer NO, the pairing ends without blame on either of you: (?:Mia|Sam) is told only that the program is changing pairings, and no new pairing starts, as the program has closed\./,
    );
    const to = emails.recipientNow({ name: 'Mia Mentor', timeZone: 'Europe/London' }, 'paired', 0);
    const help = flat(emails.standingAddressHelp({ to, program: programContact(simProgram(CLOSED), [], AFTER), reader: 'participant' }).text);
    expect(help).not.toMatch(PROMISED);
    expect(help).toMatch(/REMATCH, to end your pairing without blame on either side: then no new pairing starts, as the program has closed\./);
  });

  it('while the program is open they still offer a new partner', () => {
    const r = simulate({ answer: agreeable, maxSteps: 60 });
    for (const template of ['introduction', 'checkInRequest', 'fitCheckRequest'])
      expect(text(r.emails.find((x) => x.template === template)!)).toMatch(PROMISED);
    expect(programContact(simProgram(CLOSED), [], new Date('2026-12-15T23:00:00Z')).closed).toBeUndefined();
    expect(programContact(simProgram(CLOSED), [], new Date('2026-12-16T00:00:00Z')).closed).toBe(true);
  });
});

describe("the admins' digest line on a pairing that did not start", () => {
  const people = { mentor: 'Ana Souza', mentee: 'Sam Lee' };
  const line = (program: Partial<ProgramInput>, at = '2027-02-26T10:00:00Z') => {
    const p = simProgram({ startDate: '2027-01-04', ...program });
    const content = composeDigest({
      program: p,
      now: new Date('2027-03-01T09:00:00Z'),
      atRisk: [],
      pairings: [],
      waitlistSize: 0,
      approvals: [],
      notices: [{ key: 'not-started#pr_c', kind: 'not-started', pairingId: 'pr_c', at, people, detail: 'declined' }],
    })!;
    return flat(
      emails.adminDigest({ to: { timeZone: 'Europe/London' }, program: programContact(p, []), programId: 'sim', weekOf: '2027-03-01', ...content }).text,
    );
  };

  it('says whoever did not decline waits for the admins at a cap of 0, and that nothing starts once the program had closed', () => {
    expect(line({})).toMatch(/whoever did not decline is offered someone new, within the rematch policy's limits/);
    expect(line(NONE)).not.toMatch(PROMISED);
    expect(line(NONE)).toMatch(
      /the program makes no automatic rematches \(rematch\.maxAttempts is 0\), so whoever did not decline waits on the waitlist for you/,
    );
    const closed = line({ endDate: '2027-02-20' });
    expect(closed).not.toMatch(PROMISED);
    expect(closed).toMatch(/the program has closed, so no new pairing starts for either of them/);
    // A pairing that did not start before the close: its notice says what happened then.
    expect(line({ endDate: '2027-02-27' }, '2027-02-26T10:00:00Z')).toMatch(/offered someone new/);
  });
});

describe('the page after the concern form is sent (QA concerns2)', () => {
  it('says that a leave asked for ended nothing when the person has several pairings, as the receipt does', () => {
    const sent = stripTags(renderConcernSent({ workingDays: 2, exit: false, leaveUnclear: true })).replace(/\s+/g, ' ');
    expect(sent).toContain('As you have more than one, none has ended yet: a program admin will confirm with you which one you meant');
    expect(sent).not.toContain('Your pairing ends now');
  });

  it('says nobody was emailed when every admin is one of the pair, never that an admin will answer in 2 working days', () => {
    const sent = stripTags(renderConcernSent({ workingDays: 2, exit: false, unrouted: true })).replace(/\s+/g, ' ');
    expect(sent).toContain('so we have not emailed your concern to anyone');
    expect(sent).not.toContain('get back to you within 2 working days');
  });
});

describe('the private concern form', () => {
  const page = (program: Partial<ProgramInput>) => {
    const contact = programContact(simProgram(program), [], AFTER);
    return {
      form: stripTags(renderConcernForm({ action: '/c/tok', program: contact })),
      sent: stripTags(renderConcernSent({ workingDays: 2, exit: true, program: contact })),
    };
  };

  it('promises a new partner only when the program offers one', () => {
    const open = page({});
    expect(open.form).toMatch(/you are both offered a new partner/);
    expect(open.sent).toMatch(/We will look for a new partner for you\./);
    for (const [which, program, instead] of [
      ['cap of 0', NONE, /wait on the waitlist while the program team decides with you how to go on/],
      ['closed', CLOSED, NO_NEW_PAIRING],
    ] as const) {
      const { form, sent } = page(program);
      expect(form, which).not.toMatch(PROMISED);
      expect(sent, which).not.toMatch(PROMISED);
      expect(form, which).toMatch(instead);
      expect(sent, which).toMatch(new RegExp(instead.source, 'i'));
    }
  });

  it('promises no new partner to a reader who has had every automatic rematch the program allows', () => {
    const contact = programContact(simProgram({ rematch: { maxAttempts: 2 } } as Partial<ProgramInput>), [], AFTER);
    const read = (rematchAttempts: number) => ({
      form: stripTags(renderConcernForm({ action: '/c/tok', program: contact, reader: { rematchAttempts } })),
      sent: stripTags(renderConcernSent({ workingDays: 2, exit: true, program: contact, reader: { rematchAttempts } })),
    });
    expect(read(1).form).toMatch(/you are both offered a new partner/);
    const capped = read(2);
    expect(capped.form).not.toMatch(PROMISED);
    expect(capped.sent).not.toMatch(PROMISED);
    expect(capped.form).toMatch(/wait on the waitlist/);
  });
});

describe('"Nothing to pause: that pairing has ended"', () => {
  const program = programContact(simProgram(), []);
  const to = { name: 'Mia Mentor', timeZone: 'Europe/London' };
  const reply = (status: string) =>
    flat(emails.nothingRunning({ to, program, command: 'pause', waiting: true, ended: true, reader: 'waiting', ...emails.afterEndOf(status) }).text);

  it('to someone the end offered a new partner, says one is looked for, not to ask for one', () => {
    for (const status of ['awaiting-rematch', 'paired']) {
      expect(reply(status), status).not.toMatch(/a partner again/);
      expect(reply(status), status).toMatch(/We are looking for a new partner for you/);
    }
    // Back in the pool: the next matching run may offer them someone, as their end email said.
    expect(reply('enrolled')).toMatch(/the next time .* matches people, you may be offered a new partner/);
    expect(reply('enrolled')).not.toMatch(/a partner again/);
    expect(reply('waitlisted')).toMatch(/If you would like a partner again, write to/);
  });

  it('to whoever asked for a pause in the step a fit check "no" ended the pairing, says what that end did', () => {
    const fit = simulate({ answer: (e, side) => (e.question?.purpose === 'fit' ? undefined : agreeable!(e, side)), maxSteps: 200 })
      .decisions.map((d) => d.decision.pairing)
      .find((p) => p.round?.kind === 'fit-check' && p.round.asks.mentor?.sent && p.round.asks.mentee?.sent)!;
    const said = (intent: string): Answer => ({ intent, at: '2027-01-01T00:00:00Z' }) as Answer;
    const told = (over: SimOptions['program'] = {}, pairing: Pairing = fit) => {
      const now = new Date(Date.parse(pairing.round!.closesAt) - 3_600_000);
      // A day already begun where the mentor is (Europe/London) is no absence: the end does not answer
      // the PAUSE (a later day would be: decide.ts, awayAfterEnd), so the "nothing to pause" reply does.
      const today = now.toLocaleDateString('en-CA', { timeZone: 'Europe/London' });
      const pause: ControlRequest = { kind: 'pause', requestedAt: now.toISOString(), until: today, participantId: 'pt_mentor' };
      const d = decideNext({
        pairing: { ...pairing, round: { ...pairing.round!, answers: { mentor: said('yes'), mentee: said('no') } }, controls: [pause] },
        program: simProgram(over),
        mentor: participant('mentor'),
        mentee: participant('mentee'),
        now,
        execution: { startedAt: '2027-01-04T08:00:00Z', generation: 1 },
      });
      return text(d.emails.find((e) => e.template === 'nothingRunning')!);
    };
    expect(told()).not.toMatch(/a partner again/);
    expect(told()).toMatch(/We are looking for a new partner for you/);
    expect(told(NONE)).not.toMatch(PROMISED);
    expect(told(NONE)).toMatch(/This program does not look for new partners on its own when a pairing ends, so you are now on the waitlist/);
  });
});
