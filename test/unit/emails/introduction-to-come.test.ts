import { describe, expect, it } from 'vitest';
import { nothingRunning } from '../../../functions/domain/emails';
import { recipientNow, type ReaderPairing } from '../../../functions/domain/emails/footer';
import { introductionToCome } from '../../../functions/domain/emails/introduction-coming';

/**
 * END or REMATCH to the standing address while the person's introduction has not reached them yet
 * (introductions go at each person's own send time): a pairing they have not been told of is not
 * ended, and they are told when the introduction comes and what they can answer to it then.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
const now = new Date('2027-03-01T19:00:00Z');

/** Mia (pt_mia, the mentor) at her pairing pr_1's introduction: her own email and her partner's. */
const introduced = (mine: { sendAt: string; sent?: boolean }, theirs: { sendAt: string; sent?: boolean } = { sendAt: '2027-03-01T08:00:00Z', sent: true }) =>
  ({
    pairingId: 'pr_1',
    status: 'introduced',
    mentorId: 'pt_mia',
    round: { kind: 'acceptance', answers: {}, asks: { mentor: mine, mentee: theirs } },
  }) satisfies ReaderPairing;

describe('introductionToCome: whether a pairing waits at an introduction that has not reached the reader', () => {
  it('while it is proposed, or introduced with her own email not sent (her partner’s may have gone)', () => {
    expect(introductionToCome('pt_mia', { pairingId: 'pr_1', status: 'proposed', mentorId: 'pt_mia' })).toBe(true);
    expect(introductionToCome('pt_mia', introduced({ sendAt: '2027-03-02T08:00:00Z' }))).toBe(true);
    // Its send time has come but the email has not gone yet: still to come.
    expect(introductionToCome('pt_mia', introduced({ sendAt: '2027-03-01T18:00:00Z' }))).toBe(true);
  });

  it('not once her own introduction has gone out, whoever else’s has not', () => {
    expect(introductionToCome('pt_mia', introduced({ sendAt: '2027-03-01T08:00:00Z', sent: true }, { sendAt: '2027-03-02T08:00:00Z' }))).toBe(false);
    // The mentee of the same pairing reads their own side.
    expect(introductionToCome('pt_sam', introduced({ sendAt: '2027-03-02T08:00:00Z' }))).toBe(false);
    expect(introductionToCome('pt_sam', introduced({ sendAt: '2027-03-01T08:00:00Z', sent: true }, { sendAt: '2027-03-02T08:00:00Z' }))).toBe(true);
  });

  it('not for a pairing that has started or ended', () => {
    for (const status of ['active', 'paused', 'ended', 'completed', 'not-started']) {
      expect(introductionToCome('pt_mia', { pairingId: 'pr_1', status, mentorId: 'pt_mia' })).toBe(false);
    }
  });
});

describe('nothingRunning to an END or REMATCH before the introduction has reached the person', () => {
  const to = recipientNow({ name: 'Mia', timeZone: 'Pacific/Auckland' }, 'paired', undefined, undefined, undefined, now);
  const told = (command: 'end' | 'rematch', introductionComing: { on: string } | { shortly: true }) =>
    nothingRunning({ to, program, command, waiting: false, introduced: true, introductionComing, reader: 'introduced-elsewhere' });

  it('says nothing was changed, when the introduction comes, and that she can then reply NO with a date or STOP', () => {
    const end = told('end', { on: '2027-03-01T20:00:00Z' });
    expect(end.subject).toBe('Nothing to end yet: your pairing has not started');
    const text = flat(end.text);
    expect(text).toContain('Thank you for writing. You wrote END, but your pairing in Pilot has not started yet, so nothing was changed.');
    // 20:00 UTC on Monday 1 March is Tuesday morning in Auckland.
    expect(text).toContain(
      'Your introduction to your partner comes by email on Tuesday 2 March 2027. When it arrives, you can reply NO to it with the date you are back',
    );
    expect(text).toContain('the introduction then closes without blame, and you are matched again from that date. Or reply STOP to it to leave the program.');
    // Never the untrue end ("could not start with you after all"), nor an introduction in her inbox.
    expect(text).not.toMatch(/after all|has ended|no pairing running|Reply YES to the introduction|Reply NO to your introduction email/);
    expect(text).toContain('Once your introduction email arrives, reply NO to it with the date you are back');
  });

  it('REMATCH alike, shortly when its day is not planned yet', () => {
    const rematch = told('rematch', { shortly: true });
    expect(rematch.subject).toBe('No pairing to change yet: your pairing has not started');
    const text = flat(rematch.text);
    expect(text).toContain('You wrote REMATCH, but your pairing in Pilot has not started yet, so nothing was changed.');
    expect(text).toContain('Your introduction to your partner comes by email shortly. When it arrives, you can reply NO to it with the date you are back');
    expect(text).not.toMatch(/comes by email on|no pairing running/);
  });
});
