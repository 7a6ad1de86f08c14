import { describe, expect, it } from 'vitest';
import { nothingRunning } from '../../../functions/domain/emails';
import { recipientNow, type ReaderPairing } from '../../../functions/domain/emails/footer';
import { introductionComing, introductionToCome } from '../../../functions/domain/emails/introduction-coming';

/**
 * PAUSE, END or REMATCH to the standing address while the person's pairing waits at an introduction
 * that has not reached them yet (introductions go at each person's own send time): the answer says
 * when the introduction comes, never "reply YES to the introduction" with none in their inbox; a
 * pairing they have not been told of is not ended, and they are told what they can answer to the
 * introduction then.
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

describe('introductionComing: whether the reader has an introduction still to come, and when', () => {
  it('names the day of her own send time while her email has not gone out (her partner’s may have)', () => {
    expect(introductionComing('pt_mia', [introduced({ sendAt: '2027-03-02T08:00:00Z' })], now)).toEqual({ on: '2027-03-02T08:00:00Z' });
    // The mentee's side of the same pairing is read for the mentee.
    expect(introductionComing('pt_sam', [introduced({ sendAt: '2027-03-02T08:00:00Z' }, { sendAt: '2027-03-03T08:00:00Z' })], now)).toEqual({
      on: '2027-03-03T08:00:00Z',
    });
  });

  it('says shortly without a day while the pairing is proposed (no round yet), or its send time has come', () => {
    expect(introductionComing('pt_mia', [{ pairingId: 'pr_1', status: 'proposed', mentorId: 'pt_mia' }], now)).toEqual({ shortly: true });
    expect(introductionComing('pt_mia', [introduced({ sendAt: '2027-03-01T18:00:00Z' })], now)).toEqual({ shortly: true });
  });

  it('with several introductions to come, the first; shortly when one of them has no day yet', () => {
    const later = { ...introduced({ sendAt: '2027-03-04T08:00:00Z' }), pairingId: 'pr_2' };
    expect(introductionComing('pt_mia', [later, introduced({ sendAt: '2027-03-02T08:00:00Z' })], now)).toEqual({ on: '2027-03-02T08:00:00Z' });
    expect(introductionComing('pt_mia', [later, { pairingId: 'pr_3', status: 'proposed', mentorId: 'pt_mia' }], now)).toEqual({ shortly: true });
  });

  it('nothing once her introduction has reached her, while a pairing runs, or with none at its introduction', () => {
    expect(introductionComing('pt_mia', [introduced({ sendAt: '2027-03-01T08:00:00Z', sent: true })], now)).toBeUndefined();
    expect(introductionComing('pt_mia', [introduced({ sendAt: '2027-03-02T08:00:00Z' }), { status: 'active' }], now)).toBeUndefined();
    expect(introductionComing('pt_mia', [{ status: 'ended' }, { status: 'not-started' }], now)).toBeUndefined();
    expect(introductionComing('pt_mia', [], now)).toBeUndefined();
  });
});

describe('nothingRunning to a PAUSE before the introduction has reached the person', () => {
  const to = recipientNow({ name: 'Mia', timeZone: 'Pacific/Auckland' }, 'paired', undefined, undefined, undefined, now);
  const pause = (introductionComing?: { on: string } | { shortly: true }) =>
    flat(
      nothingRunning({
        to,
        program,
        command: 'pause',
        waiting: false,
        introduced: true,
        reader: 'introduced-elsewhere',
        ...(introductionComing ? { introductionComing } : {}),
      }).text,
    );

  it('says when the introduction comes, on her own day, and what she can then reply to it', () => {
    // 20:00 UTC on Monday 1 March is Tuesday morning in Auckland.
    const text = pause({ on: '2027-03-01T20:00:00Z' });
    expect(text).toContain('Thank you for writing. You wrote PAUSE, but your pairing in Pilot has not started yet, so nothing was changed.');
    expect(text).toContain(
      'Your introduction to your partner comes by email on Tuesday 2 March 2027. When it arrives, reply YES to it to begin, or NO with the date you are back (for example "NO, away until 30 March"): the introduction then closes without blame',
    );
    expect(text).not.toContain('Reply YES to the introduction');
    // Its footer offers NO for when the introduction arrives, not to one in her inbox.
    expect(text).toContain('Once your introduction email arrives, reply NO to it with the date you are back');
    expect(text).not.toContain('Reply NO to your introduction email');
  });

  it('says it comes shortly, with no day, when the day is not planned yet', () => {
    const text = pause({ shortly: true });
    expect(text).toContain(
      'Your introduction to your partner comes by email shortly. When it arrives, reply YES to it to begin, or NO with the date you are back',
    );
    expect(text).not.toMatch(/comes by email on|Reply YES to the introduction/);
  });

  it('still points to the introduction once it is in her inbox', () => {
    const text = pause();
    expect(text).toContain('Reply YES to the introduction to begin, or NO with the date you are back');
    expect(text).toContain('Reply NO to your introduction email, with the date you are back');
  });

  it('END naming a former partner says where her new introduction stands, not "if you would like a partner again"', () => {
    const text = flat(
      nothingRunning({
        to,
        program,
        command: 'end',
        waiting: false,
        ended: true,
        formerPartner: 'Cleo',
        introduced: true,
        introductionComing: { on: '2027-03-01T20:00:00Z' },
        reader: 'introduced-elsewhere',
      }).text,
    );
    expect(text).toContain('your pairing with Cleo has already ended, so nothing was changed');
    expect(text).toContain('Your introduction to your partner comes by email on Tuesday 2 March 2027.');
    expect(text).not.toContain('If you would like a partner again');
  });
});

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
