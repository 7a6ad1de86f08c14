import { describe, expect, it } from 'vitest';
import { renderDataRightsConfirmPage } from '../../../functions/domain/answer-page';
import { dataErased, dataExport, dataRightsConfirm } from '../../../functions/domain/emails';
import { programsCovered } from '../../../functions/domain/emails/data-rights';

/**
 * A DATA or ERASE request covers every program the person is enrolled in under their address
 * (docs/admin-api.md, Data rights): someone in two programs who erases through one is told, before
 * and after, that the other goes too. With one program the wording is as it always was.
 */

const program = { name: 'Beta Cohort', admin: { name: 'Priya Shah', email: 'priya.shah@example.org' } };
const to = { name: 'Alice Ames', timeZone: 'Europe/London' };
const confirm = { to, program, confirmUrl: 'https://answers.example.org/d/tok123.sig', expiresAt: '2027-03-08T23:59:59.999Z' };
/** A pairing running in each program, each partner introduced (erasure-ends.ts). */
const two = { pairings: 2, partnersTold: 2 };
const one = { pairings: 1, partnersTold: 1 };
const flat = (text: string) => text.replace(/\s+/g, ' ');
const visible = (page: string) => flat(page.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, ' '));

describe('programsCovered', () => {
  it('names each program once, the one asked through first, and drops names it does not know', () => {
    expect(programsCovered(['Beta Cohort', 'Alpha Cohort', 'Beta Cohort', ' ', 'Gamma'])).toEqual(['Beta Cohort', 'Alpha Cohort', 'Gamma']);
    expect(programsCovered(['Beta Cohort'])).toEqual(['Beta Cohort']);
    expect(programsCovered([])).toEqual([]);
  });
});

describe('the ERASE emails and page of a person in several programs', () => {
  it('the confirm email names every program, and says each pairing ends and no program emails them again', () => {
    const email = dataRightsConfirm({ ...confirm, request: 'erase', otherPrograms: ['Alpha Cohort'], ends: two });
    expect(email.subject).toBe('Confirm: erase your data from both programs');
    const text = flat(email.text);
    expect(text).toContain('This covers every program you are enrolled in with this address: Beta Cohort and Alpha Cohort.');
    expect(text).toContain('each of your pairings ends (your partners are told kindly, without a reason)');
    expect(text).toContain('you receive no more emails from any of these programs');
    // The body (the footer's REMATCH line speaks of a pairing of theirs, as in every email).
    expect(text.split(' -- ')[0]).not.toMatch(/your pairing ends|from the program,/);
    expect(flat(email.html)).toContain('Beta Cohort and Alpha Cohort');
    const three = dataRightsConfirm({ ...confirm, request: 'erase', otherPrograms: ['Alpha Cohort', 'Gamma Cohort'] });
    expect(three.subject).toBe('Confirm: erase your data from all 3 programs');
    expect(flat(three.text)).toContain('Beta Cohort, Alpha Cohort and Gamma Cohort');
  });

  it('the done email names every program erased from, and that it is the last email from any of them', () => {
    const text = flat(dataErased({ to: { timeZone: 'Europe/London' }, program, otherPrograms: ['Alpha Cohort'], ends: two }).text);
    expect(text).toContain('your data is erased from every program you were enrolled in with this address: Beta Cohort and Alpha Cohort.');
    expect(text).toContain(
      'Your profile, answers and notes are deleted, and each of your pairings has been ended (your partners are told kindly, without a reason).',
    );
    expect(text).toContain('This is the last email you receive from any of these programs.');
  });

  it('the confirm page names every program before the button', () => {
    const page = visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Beta Cohort', 'Alpha Cohort'], ends: two }));
    expect(page).toContain('erase your data from every program you are enrolled in with this address: Beta Cohort and Alpha Cohort.');
    expect(page).toContain('Each of your pairings ends (your partners are told kindly, without a reason), none of these programs emails you again');
  });

  it('a program name is text on the page, never markup', () => {
    const page = renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Beta', '<script>x</script>'] });
    expect(page).not.toContain('<script>x');
    expect(page).toContain('&lt;script&gt;');
  });
});

describe('the DATA emails and page of a person in several programs', () => {
  it('name every program the copy covers', () => {
    expect(flat(dataRightsConfirm({ ...confirm, request: 'data', otherPrograms: ['Alpha Cohort'] }).text)).toContain(
      'This covers every program you are enrolled in with this address: Beta Cohort and Alpha Cohort. If you confirm, we email it all to this address as one JSON file.',
    );
    expect(flat(dataExport({ to, program, exportJson: '{}', filename: 'pt_1.json', otherPrograms: ['Alpha Cohort'] }).text)).toContain(
      'is everything held about you in each program you are enrolled in with this address, Beta Cohort and Alpha Cohort:',
    );
    expect(visible(renderDataRightsConfirmPage({ request: 'data', action: '/d/tok.sig', programs: ['Beta Cohort', 'Alpha Cohort'] }))).toContain(
      'everything held about you in each program you are enrolled in with this address, Beta Cohort and Alpha Cohort, as one JSON file.',
    );
  });
});

describe('one program: the wording stays', () => {
  it.each([[[]], [['Beta Cohort']]])('other programs %j', (otherPrograms) => {
    const erase = dataRightsConfirm({ ...confirm, request: 'erase', otherPrograms, ends: one });
    expect(erase.subject).toBe('Confirm: erase your data from the program');
    expect(flat(erase.text)).toContain(
      'If you confirm, your pairing ends (your partner is told kindly, without a reason), you receive no more emails from the program',
    );
    expect(flat(dataRightsConfirm({ ...confirm, request: 'data', otherPrograms }).text)).toContain(
      'You asked for a copy of the data the program holds about you.',
    );
    expect(flat(dataErased({ to: { timeZone: 'Europe/London' }, program, otherPrograms, ends: one }).text)).toContain(
      'your profile, answers and notes are deleted, and your pairing has been ended (your partner is told kindly, without a reason). Only anonymous counts remain. This is the last email you receive from the program.',
    );
    expect(flat(dataExport({ to, program, exportJson: '{}', filename: 'pt_1.json', otherPrograms }).text)).toContain(
      'is everything the program holds about you:',
    );
    const page = visible(renderDataRightsConfirmPage({ request: 'erase', action: '/d/tok.sig', programs: ['Beta Cohort', ...otherPrograms], ends: one }));
    expect(page).toContain('Press the button to erase your data: your pairing ends');
    expect(page).not.toContain('Beta Cohort');
  });
});
