import { describe, expect, it } from 'vitest';
import * as emails from '../../../functions/domain/emails';
import type { RenderedEmail } from '../../../functions/domain/emails';
import { PARTICIPANT_STATUSES, whatStopDoes } from '../../../functions/domain/participant';

/**
 * QA (outcomes, bug 2): a STOP to the recognition email turned someone who had completed the
 * program into `withdrawn`. Someone whose pairings have all completed has nothing left to leave:
 * their STOP only asks for no more email, and they stay `completed` (docs/lifecycle.md, "STOP after
 * completion"). Their footers say so beforehand, since no email answers a STOP.
 */

describe('what a STOP does (whatStopDoes)', () => {
  it('for someone whose pairings have all completed: no more email, once, and nothing else', () => {
    expect(whatStopDoes({ status: 'completed' }, { pairingRunning: false })).toBe('stop-mail');
    expect(whatStopDoes({ status: 'completed', mailStoppedAt: '2027-02-01T10:00:00.000Z' }, { pairingRunning: false })).toBe('nothing');
  });

  it('for anyone else, or a completed person with a pairing running after all: a withdrawal, as before', () => {
    for (const status of PARTICIPANT_STATUSES.filter((s) => s !== 'completed')) {
      expect(whatStopDoes({ status }, { pairingRunning: false }), status).toBe('withdraw');
      expect(whatStopDoes({ status }, { pairingRunning: true }), status).toBe('withdraw');
    }
    expect(whatStopDoes({ status: 'completed' }, { pairingRunning: true })).toBe('withdraw');
  });
});

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' }, concernUrl: 'https://answers.example.org/c/tok' };
const footer = (e: RenderedEmail) => ({
  text: e.text.slice(e.text.lastIndexOf('\n-- ')).replace(/\s+/g, ' '),
  html: e.html.slice(e.html.indexOf('<footer')).replace(/\s+/g, ' '),
});
const STOP_AFTER_COMPLETION =
  'Rather not hear from the program again? Reply STOP: we will not email you again unless you write to us, and your completed pairing stays on record.';
const journey = { startedOn: '2027-01-12', completedOn: '2027-02-12', checkInsHeld: 4, topics: ['ai-tools', 'strategy'], milestones: [] };
const recognitionTo = (to: emails.Recipient) =>
  emails.recognition({ to: { ...to, name: 'Sam Senior' }, program, role: 'mentee', partner: { name: 'Mia Mentor' }, journey });

describe('the footer of someone whose pairings have all completed', () => {
  const ana = { name: 'Ana Souza', timeZone: 'Europe/London' };

  it('says what STOP does for them, not "leave the program", on the answers to what they write', () => {
    const done = emails.recipientNow(ana, 'completed');
    for (const e of [
      emails.nothingRunning({ to: done, program, command: 'pause', waiting: false, standing: 'gone' }),
      emails.concernReceived({ to: done, program, reader: 'waiting', readBy: '2027-03-03T09:00:00Z', workingDays: 2, text: 'Something happened' }),
    ]) {
      for (const part of Object.values(footer(e))) {
        expect(part, e.template).toContain(STOP_AFTER_COMPLETION);
        expect(part, e.template).not.toMatch(/leave the program|leave at any time/i);
      }
      expect(footer(e).text).toContain('You receive this email because you took part in Pilot.');
    }
    // Once they replied STOP, STOP is offered no more: the footer says it was done (QA finale3).
    const stopped = emails.recipientNow(ana, 'completed', undefined, undefined, '2027-03-01T10:00:00Z');
    const after = footer(emails.nothingRunning({ to: stopped, program, command: 'pause', waiting: false, standing: 'gone' })).text;
    expect(after).not.toMatch(/Reply STOP/);
    expect(after).toContain('You replied STOP after your pairing completed: we email you only when you write to us');
    // The same email to someone waiting for a partner still offers to leave.
    const waiting = emails.nothingRunning({ to: emails.recipientNow(ana, 'enrolled'), program, command: 'pause', waiting: true });
    expect(footer(waiting).text).toContain('Want to leave the program? Reply STOP.');
    expect(footer(waiting).text).toContain('You receive this email because you are enrolled in Pilot.');
  });

  it('is the recognition’s, whatever status the sender read (it may still read `paired` in the step that completes the pairing)', () => {
    for (const status of ['paired', 'completed', undefined] as const) {
      const e = recognitionTo(emails.recipientNow(ana, status));
      for (const part of Object.values(footer(e))) {
        expect(part, String(status)).toContain(STOP_AFTER_COMPLETION);
        expect(part, String(status)).not.toMatch(/leave the program/i);
      }
    }
    // The recognition of a pair that never met says the same.
    const unmet = emails.recognition({
      to: { ...ana, name: 'Ana Souza' },
      program,
      role: 'mentor',
      partner: { name: 'Sam' },
      journey: { ...journey, checkInsHeld: 0 },
    });
    expect(footer(unmet).text).toContain(STOP_AFTER_COMPLETION);
    // Another try is asked of the program team directly, not through CONCERN, the channel for a worry.
    const body = unmet.text.slice(0, unmet.text.lastIndexOf('\n-- '));
    expect(body.replace(/\s+/g, ' ')).toContain(`If you would like another try in a later cohort, write to ${program.admin.name} at ${program.admin.email}.`);
    expect(body).not.toContain('CONCERN');
  });

  it("is not the recognition's of a mentor whose other pairing still runs: her STOP would leave it, and her footer says so", () => {
    const e = recognitionTo({ ...emails.recipientNow(ana, 'paired'), pairingsRunning: 1 });
    expect(footer(e).text).toContain('Want to leave the program? Reply STOP.');
    expect(footer(e).text).not.toContain(STOP_AFTER_COMPLETION);
    const last = recognitionTo({ ...emails.recipientNow(ana, 'paired'), pairingsRunning: 0 });
    expect(footer(last).text).toContain(STOP_AFTER_COMPLETION);
  });

  it('gives way to the footer of someone no longer taking part (they withdrew, left or were suppressed)', () => {
    const e = recognitionTo(emails.recipientNow(ana, 'withdrawn'));
    expect(footer(e).text).not.toMatch(/\bSTOP\b/);
    expect(footer(e).text).toContain('Reply DATA or ERASE');
  });
});

describe("the standing address's help to someone whose pairings have all completed (QA finale3)", () => {
  const ana = { name: 'Ana Souza', timeZone: 'Europe/London' };
  const words = (e: RenderedEmail) => e.subject.replace(/^.*this address takes /, '');

  it('lists STOP as their footer offers it, beside CONCERN, and no more once they replied STOP', () => {
    const done = emails.standingAddressHelp({ to: emails.recipientNow(ana, 'completed'), program, reader: 'waiting', standing: 'gone' });
    expect(words(done)).toBe('STOP, CONCERN, DATA or ERASE');
    expect(done.text.replace(/\s+/g, ' ')).toContain(
      'STOP, to hear nothing more from the program unless you write to us: your completed pairing stays on record.',
    );
    expect(done.text).not.toContain('only takes this word');
    const stopped = emails.standingAddressHelp({
      to: emails.recipientNow(ana, 'completed', undefined, undefined, '2027-03-01T10:00:00Z'),
      program,
      reader: 'waiting',
      standing: 'gone',
    });
    expect(words(stopped)).toBe('CONCERN, DATA or ERASE');
    expect(footer(stopped).text).not.toMatch(/Reply STOP/);
  });
});
