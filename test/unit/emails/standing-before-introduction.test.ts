import { describe, expect, it } from 'vitest';
import { nothingRunning, standingAddressHelp } from '../../../functions/domain/emails';
import { recipientNow, type ReaderPairing } from '../../../functions/domain/emails/footer';
import { toldPairings } from '../../../functions/domain/emails/introduction-coming';

/**
 * Answers from the standing address while one of the person's introductions has not reached them
 * yet (introductions go at each person's own send time): they never name that partner, nor point
 * to an introduction not in the inbox; they may say that it comes, and when.
 */

const flat = (s: string) => s.replace(/\s+/g, ' ');
const program = { name: 'Pilot', admin: { name: 'the program team', email: 'hr@example.com' } };
const now = new Date('2027-03-01T19:00:00Z');

/** A pairing of Mia (pt_mia, the mentor) at its introduction: her own email, and her partner's (sent). */
const introduced = (pairingId: string, mine: { sendAt: string; sent?: boolean }) =>
  ({
    pairingId,
    status: 'introduced',
    mentorId: 'pt_mia',
    round: { kind: 'acceptance', answers: {}, asks: { mentor: mine, mentee: { sendAt: '2027-03-01T08:00:00Z', sent: true } } },
  }) satisfies ReaderPairing;

describe('toldPairings: the pairings an email may name to the reader', () => {
  const running = { pairingId: 'pr_cleo', status: 'active', mentorId: 'pt_mia' };
  const toCome = introduced('pr_bo', { sendAt: '2027-03-02T08:00:00Z' });
  const reached = introduced('pr_dan', { sendAt: '2027-03-01T08:00:00Z', sent: true });

  it('leaves out a pairing whose introduction has not reached her (proposed, or her ask not sent)', () => {
    expect(toldPairings('pt_mia', [running, toCome, reached]).map((p) => p.pairingId)).toEqual(['pr_cleo', 'pr_dan']);
    expect(toldPairings('pt_mia', [{ pairingId: 'pr_new', status: 'proposed', mentorId: 'pt_mia' }])).toEqual([]);
  });

  it('keeps the pairing the answered question is about, whatever its asks say', () => {
    expect(toldPairings('pt_mia', [running, toCome], 'pr_bo').map((p) => p.pairingId)).toEqual(['pr_cleo', 'pr_bo']);
  });

  it('reads the reader’s own side: the mentee of the same pairing was told of it', () => {
    expect(toldPairings('pt_sam', [toCome]).map((p) => p.pairingId)).toEqual(['pr_bo']);
  });
});

describe('standingAddressHelp before the introduction has reached the person', () => {
  const to = recipientNow({ name: 'Mia', timeZone: 'Pacific/Auckland' }, 'paired', undefined, undefined, undefined, now);
  const help = (introductionComing?: { on: string } | { shortly: true }) =>
    standingAddressHelp({ to, program, reader: 'introduced-elsewhere', ...(introductionComing ? { introductionComing } : {}) });

  it('says when the introduction comes and what to answer it then, never to answer one not in her inbox', () => {
    const email = help({ on: '2027-03-01T20:00:00Z' });
    const text = flat(email.text);
    // 20:00 UTC on Monday 1 March is Tuesday morning in Auckland.
    expect(text).toContain(
      'Your introduction to your partner comes by email on Tuesday 2 March 2027. When it arrives, reply YES to it to begin, or NO with the date you are back',
    );
    expect(text).not.toMatch(/reply YES or NO to your introduction email|Reply NO to your introduction email/i);
    expect(text).toContain('Once your introduction email arrives, reply NO to it with the date you are back');
    // REMATCH to this address changes nothing yet: not listed, and the footer offers it as a reply to the introduction.
    expect(email.subject).toBe('Your reply was not recorded: this address takes STOP, CONCERN, DATA or ERASE');
    expect(text).not.toMatch(/REMATCH, to/);
    expect(text).toContain('Once your introduction email arrives, reply REMATCH to it: this introduction closes kindly');
    expect(text).not.toMatch(/Reply REMATCH:/);
  });

  it('shortly when its day is not planned yet', () => {
    expect(flat(help({ shortly: true }).text)).toContain('Your introduction to your partner comes by email shortly. When it arrives, reply YES to it');
  });

  it('once the introduction is in her inbox, as before: YES or NO to it, and REMATCH here', () => {
    const email = help();
    expect(flat(email.text)).toContain('To accept or decline your partner, reply YES or NO to your introduction email.');
    expect(email.subject).toBe('Your reply was not recorded: this address takes REMATCH, STOP, CONCERN, DATA or ERASE');
  });
});

describe('nothingRunning asking which pairing, with one pairing known to the person', () => {
  const to = recipientNow({ name: 'Mia', timeZone: 'Europe/London' }, 'paired', undefined, undefined, undefined, now);

  it('"REMATCH Bo" before Bo’s introduction, with Cleo’s pairing running: nothing changed, only Cleo named', () => {
    const email = nothingRunning({ to, program, command: 'rematch', waiting: false, whichPartner: { names: ['Cleo'], unnamed: 0 }, reader: 'participant' });
    expect(email.subject).toBe('Which pairing did you mean? Nothing was changed');
    const text = flat(email.text);
    expect(text).toContain(
      'You wrote REMATCH, but the name in your reply is not that of your partner in the pairing you have running in Pilot (with Cleo), so nothing was changed: an ended pairing cannot be started again.',
    );
    expect(text).toContain('To end it and be offered someone new, reply "REMATCH Cleo".');
    expect(text).not.toMatch(/1 pairings|Your other pairings go on/);
  });

  it('END across programs', () => {
    const dan = { names: ['Dan'], unnamed: 0 };
    const text = flat(nothingRunning({ to, program, command: 'end', waiting: false, whichPartner: dan, acrossPrograms: true, reader: 'participant' }).text);
    expect(text).toContain('the pairing you have running in your programs (with Dan)');
    expect(text).toContain('To end it, reply "END Dan".');
  });
});
