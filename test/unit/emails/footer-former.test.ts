import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import type { RenderedEmail } from '../../../functions/domain/emails';
import { renderIntent } from '../../../functions/domain/pairing/render';
import { agreeable, simulate } from '../pairing/simulate';

/**
 * Someone who left the organisation, withdrew (STOP) or whose address was suppressed is no longer a
 * participant: STOP, PAUSE, END and REMATCH would do nothing for them. An email that still reaches
 * them (an end notice decided before they left and held for their working hours, an answer to their
 * reply, their data export) offers only what their reply address still takes: CONCERN, DATA, ERASE.
 */

const footer = (e: RenderedEmail) => ({ text: e.text.slice(e.text.lastIndexOf('\n-- ')), html: e.html.slice(e.html.indexOf('<footer')) });
const flat = (s: string) => s.replace(/\s+/g, ' ');

function expectFormerFooter(e: RenderedEmail): void {
  for (const part of Object.values(footer(e))) {
    expect(part, e.template).not.toMatch(/\b(STOP|PAUSE|REMATCH|END)\b/);
    expect(flat(part), e.template).toMatch(/Reply CONCERN/);
    expect(flat(part), e.template).toMatch(/Reply DATA or ERASE/);
  }
  expect(flat(footer(e).text)).toContain('You receive this email because you took part in');
}

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' }, concernUrl: 'https://answers.example.org/c/tok' };
const former = emails.recipientNow({ name: 'Ana Souza', timeZone: 'Europe/London' }, 'withdrawn');

describe('emails to someone who is no longer a participant', () => {
  it('flags the recipient only when their status says they no longer take part', () => {
    const to: emails.Recipient = { name: 'Ana Souza', timeZone: 'Europe/London' };
    for (const status of ['left', 'withdrawn', 'suppressed'] as const) expect(emails.recipientNow(to, status).noLongerTakingPart).toBe(true);
    for (const status of ['paired', 'enrolled', 'waitlisted', 'awaiting-rematch', 'inactive'] as const) {
      expect(emails.recipientNow(to, status)).toEqual(to);
    }
    // Someone who completed still takes part: their STOP only stops the email (stop-after-completion.test.ts).
    expect(emails.recipientNow(to, 'completed')).toEqual({ ...to, completedProgram: true });
    expect(emails.recipientNow(to, undefined)).toEqual(to);
  });

  it('every lifecycle email, rendered as the outbox sends it after they left, offers no STOP or PAUSE; the same email to a participant still does', () => {
    const completed = simulate({ answer: agreeable });
    const endsAt = completed.emails.find((e) => e.template === 'checkInThanks')!.sentAt;
    const ended = simulate({ answer: agreeable, controls: [{ at: endsAt, request: { kind: 'end', reason: 'admin-decision' } }] });
    const toPeople = [...completed.emails, ...ended.emails].filter((e) => e.toParticipant !== undefined);
    const templates = new Set(toPeople.map((e) => e.template));
    for (const t of ['pairingEnded', 'recognition', 'checkInThanks', 'checkInRequest', 'milestoneSurvey'] as const) expect(templates).toContain(t);
    for (const template of templates) {
      const intent = toPeople.find((e) => e.template === template)!;
      // As the outbox renders it: their address's concern link, and the recipient as stored now.
      const input = { ...intent.input, program: { ...(intent.input.program as object), concernUrl: program.concernUrl } };
      const links = Object.fromEntries((intent.question?.choices ?? []).map((c) => [c, `https://answers.example.org/r/${c}`]));
      expectFormerFooter(renderIntent(template, { ...input, to: emails.recipientNow(intent.input.to as emails.Recipient, 'left') }, links));
      expect(footer(renderIntent(template, input, links)).text, template).toMatch(/Reply STOP/);
    }
  });

  it('the answers to their replies, their concern acknowledgement and their data offer only what still works', () => {
    const sent = [
      emails.standingAddressHelp({ to: former, program, reader: 'waiting', standing: 'gone' }),
      emails.nothingRunning({ to: former, program, command: 'pause', waiting: false, standing: 'gone' }),
      emails.nothingRunning({ to: former, program, command: 'rematch', waiting: false, standing: 'gone', ended: true, reader: 'waiting' }),
      emails.questionClosed({ to: former, program, reader: 'waiting', question: 'the check-in', closedOn: '2027-03-01T23:59:59Z' }),
      emails.notTheParticipant({ to: former, program, reader: 'waiting', otherAddress: 'someone@example.com' }),
      emails.concernReceived({ to: former, program, reader: 'waiting', readBy: '2027-03-03T09:00:00Z', workingDays: 2, text: 'Something happened' }),
      emails.dataRightsConfirm({
        to: former,
        program,
        reader: 'waiting',
        request: 'data',
        confirmUrl: 'https://answers.example.org/d/tok',
        expiresAt: '2027-03-08T09:00:00Z',
      }),
      emails.dataExport({ to: former, program, exportJson: '{}', filename: 'pt_1.json' }),
    ];
    for (const e of sent) expectFormerFooter(e);
  });

  it('the standing address help lists what their address still takes, as their footer does', () => {
    const help = emails.standingAddressHelp({ to: former, program, reader: 'waiting', standing: 'gone' });
    expect(help.subject).toBe('Your reply was not recorded: this address takes CONCERN, DATA or ERASE');
    const body = flat(help.text.split(/Nothing was recorded/)[0]!);
    expect(body).not.toMatch(/\bSTOP\b/);
    expect(body).toContain('its reply address only takes these words');
    expect(body).toContain('You are no longer taking part in Pilot');
    // Someone still taking part whose program closed while they waited: CONCERN, and DATA and ERASE, which every address takes.
    const closed = emails.standingAddressHelp({ to: { name: 'Ana Souza', timeZone: 'Europe/London' }, program, reader: 'waiting', standing: 'closed' });
    expect(closed.subject).toBe('Your reply was not recorded: this address takes CONCERN, DATA or ERASE');
  });
});
