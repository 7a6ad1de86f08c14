import { describe, expect, it } from 'vitest';
import { renderDataRightsConfirmPage } from '../../../functions/domain/answer-page';
import { dataErased, dataRightsConfirm } from '../../../functions/domain/emails';
import { erasureEnds, NOTHING_ENDS } from '../../../functions/domain/erasure-ends';
import type { Pairing } from '../../../functions/domain/pairing/model';

/**
 * QA: Lucas (waitlisted, his pairing ended the day before by his partner's REMATCH) and Aiko
 * (withdrawn by STOP months before) asked to be erased, and the confirm email, the confirm page and
 * the "erased" email told each of them "your pairing ends (your partner is told kindly, without a
 * reason)" / "your pairing has ended and your partner has been told", while no pairing ran and no
 * former partner heard anything. A pairing and a partner are named only when a pairing runs, and a
 * partner is said to be told only when the end tells them (their introduction went out: decide.ts).
 */

const program = { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Lucas Lima', timeZone: 'Europe/London' };
const confirm = { to, program, request: 'erase' as const, confirmUrl: 'https://answers.example.org/d/tok123.sig', expiresAt: '2027-03-08T23:59:59.999Z' };
const flat = (text: string) => text.replace(/\s+/g, ' ');
/** The body, without the footer (whose REMATCH line speaks of a pairing, as in every email). */
const body = (text: string) => flat(text).split(' -- ')[0]!;
const visible = (page: string) => flat(page.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' '));

const lucas = 'pt_lucas';
type Ends = Parameters<typeof erasureEnds>[0][number];
const pairing = (status: Pairing['status'], extra: Partial<Ends> = {}): Ends => ({
  pairingId: `pr_${status}_${Object.keys(extra).length}_${Math.random().toString(36).slice(2, 6)}`,
  status,
  mentorId: lucas,
  menteeId: 'pt_partner',
  ...extra,
});
const introduction = (partnerSent: boolean) =>
  ({
    key: 'acceptance',
    kind: 'acceptance',
    label: 'introduction',
    dueAt: '2027-03-01T09:00:00Z',
    closesAt: '2027-03-05T09:00:00Z',
    asks: { mentor: { sent: true }, mentee: partnerSent ? { sent: true } : { sendAt: '2027-03-02T09:00:00Z' } },
    answers: {},
  }) as unknown as Pairing['round'];

describe('erasureEnds: what an erasure ends, from the pairings as they stand', () => {
  it('nothing for someone whose pairings have all ended, completed or never started (Lucas, Aiko)', () => {
    expect(erasureEnds([pairing('ended'), pairing('completed'), pairing('not-started')], [lucas])).toEqual(NOTHING_ENDS);
    expect(erasureEnds([], [lucas])).toEqual(NOTHING_ENDS);
  });

  it('a running pairing, whose partner is told once they know of it', () => {
    expect(erasureEnds([pairing('active')], [lucas])).toEqual({ pairings: 1, partnersTold: 1 });
    expect(erasureEnds([pairing('paused')], [lucas])).toEqual({ pairings: 1, partnersTold: 1 });
    expect(erasureEnds([pairing('introduced', { round: introduction(true) })], [lucas])).toEqual({ pairings: 1, partnersTold: 1 });
    // The partner's introduction has not gone out: the end tells them nothing of a pairing they never knew.
    expect(erasureEnds([pairing('introduced', { round: introduction(false) })], [lucas])).toEqual({ pairings: 1, partnersTold: 0 });
    expect(erasureEnds([pairing('proposed')], [lucas])).toEqual({ pairings: 1, partnersTold: 0 });
  });

  it('counts each pairing once, over every enrolment erased, and none of anyone else', () => {
    const active = pairing('active');
    const inBeta = pairing('active', { mentorId: 'pt_other', menteeId: 'pt_lucas_beta' });
    const notTheirs = pairing('active', { mentorId: 'pt_x', menteeId: 'pt_y' });
    expect(erasureEnds([active, active, inBeta, notTheirs, pairing('ended')], [lucas, 'pt_lucas_beta'])).toEqual({ pairings: 2, partnersTold: 2 });
    // Both sides the same person (two enrolments of theirs): erased too, so nobody is told.
    expect(erasureEnds([pairing('active', { menteeId: 'pt_lucas_beta' })], [lucas, 'pt_lucas_beta'])).toEqual({ pairings: 1, partnersTold: 0 });
  });
});

describe('the ERASE emails and page say a pairing ends, and a partner is told, only when it is so', () => {
  it('no pairing running: nothing about a pairing or a partner, before or after (QA: Lucas, Aiko)', () => {
    for (const ends of [undefined, NOTHING_ENDS]) {
      const email = dataRightsConfirm({ ...confirm, ...(ends ? { ends } : {}) });
      const text = body(email.text);
      expect(text).toContain(
        'You asked us to erase your data. If you confirm, you receive no more emails from the program, and your profile, answers and notes are deleted.',
      );
      expect(text).not.toMatch(/pairing|partner/);
      expect(flat(email.html).split('<footer')[0]).not.toMatch(/pairing ends|partner is told/);
      const page = visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Pilot'], ...(ends ? { ends } : {}) }));
      expect(page).toContain('Press the button to erase your data: the program stops emailing you, and your profile, answers and notes are deleted.');
      expect(page).not.toMatch(/pairing|partner/);
      const done = body(dataErased({ to: { timeZone: 'Europe/London' }, program, ...(ends ? { ends } : {}) }).text);
      expect(done).toContain('As you asked, your profile, answers and notes are deleted. Only anonymous counts remain.');
      expect(done).not.toMatch(/pairing|partner/);
    }
    // Several programs, none with a pairing running.
    const several = body(dataRightsConfirm({ ...confirm, otherPrograms: ['Alpha'], ends: NOTHING_ENDS }).text);
    expect(several).toContain('If you confirm, you receive no more emails from any of these programs');
    expect(several).not.toMatch(/pairing|partner/);
    const page = visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Pilot', 'Alpha'], ends: NOTHING_ENDS }));
    expect(page).toContain('Pilot and Alpha. None of these programs emails you again');
    expect(page).not.toMatch(/pairing|partner/);
    const done = body(dataErased({ to: { timeZone: 'Europe/London' }, program, otherPrograms: ['Alpha'], ends: NOTHING_ENDS }).text);
    expect(done).toContain('Pilot and Alpha. Your profile, answers and notes are deleted. Only anonymous counts remain.');
    expect(done).not.toMatch(/pairing|partner/);
  });

  it('a pairing running whose partner is told', () => {
    const ends = { pairings: 1, partnersTold: 1 };
    expect(body(dataRightsConfirm({ ...confirm, ends }).text)).toContain(
      'If you confirm, your pairing ends (your partner is told kindly, without a reason), you receive',
    );
    expect(visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Pilot'], ends }))).toContain(
      'erase your data: your pairing ends (your partner is told kindly, without a reason), the program stops emailing you',
    );
    expect(body(dataErased({ to: { timeZone: 'Europe/London' }, program, ends }).text)).toContain(
      'your profile, answers and notes are deleted, and your pairing has been ended (your partner is told kindly, without a reason).',
    );
  });

  it('a pairing running whose partner was never introduced: it ends, and no partner is said to be told', () => {
    const ends = { pairings: 1, partnersTold: 0 };
    const text = body(dataRightsConfirm({ ...confirm, ends }).text);
    expect(text).toContain('If you confirm, your pairing ends, you receive no more emails');
    expect(text).not.toMatch(/partner/);
    expect(visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Pilot'], ends }))).not.toMatch(/partner/);
    const done = body(dataErased({ to: { timeZone: 'Europe/London' }, program, ends }).text);
    expect(done).toContain('and your pairing has been ended.');
    expect(done).not.toMatch(/partner/);
  });

  it('several pairings, some partners introduced: only those are said to be told', () => {
    const ends = { pairings: 2, partnersTold: 1 };
    expect(body(dataRightsConfirm({ ...confirm, otherPrograms: ['Alpha'], ends }).text)).toContain(
      'If you confirm, each of your pairings ends (each partner who has been introduced to you is told kindly, without a reason), you receive',
    );
    expect(visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Pilot', 'Alpha'], ends }))).toContain(
      'Pilot and Alpha. Each of your pairings ends (each partner who has been introduced to you is told kindly, without a reason), none of these programs',
    );
    expect(body(dataRightsConfirm({ ...confirm, otherPrograms: ['Alpha'], ends: { pairings: 2, partnersTold: 0 } }).text)).toContain(
      'If you confirm, each of your pairings ends, you receive',
    );
  });
});
