import { describe, expect, it } from 'vitest';
import { concernFormEmpty, renderConcernForm, renderConcernSent } from '../../../functions/domain/concern-page';
import { keptAdminNames, nothingToLeave, pairingsAfterExit } from '../../../functions/domain/concern-readers';
import { concernAudience } from '../../../functions/domain/concerns';
import { concernReceived, participantAudience } from '../../../functions/domain/emails';
import type { RenderedEmail } from '../../../functions/domain/emails/types';
import { emailKey } from '../../../functions/domain/participant';
import type { PairingStatus } from '../../../functions/domain/pairing/model';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * QA safe7: the receipt of a private concern, and the concern form, say truthfully who reads it
 * and what happens: an admin who is or was the person's partner never sees it, by name; with every
 * admin one of the pair, nobody was sent it, from the heading on; a leave says what the partner is
 * told, and its receipt offers nothing for the pairing that ended; with no pairing running, there
 * is none to leave.
 */

const flat = (text: string) => text.replace(/\s+/g, ' ');
const stripTags = (page: string) => flat(page.replace(/<[^>]+>/g, ' '));
const body = (e: RenderedEmail) => flat(e.text.slice(0, e.text.lastIndexOf('\n-- ')));
const footer = (e: RenderedEmail) => flat(e.text.slice(e.text.lastIndexOf('\n-- ')));
const to = { name: 'Ivy Chen', timeZone: 'Europe/London' };
const base = { to, readBy: '2027-02-09T09:00:00Z', workingDays: 2 };

describe('an admin who is, or was, the person’s partner', () => {
  const mo = 'mo@example.com';
  const other = 'hr@example.com';
  const ivy = 'ivy@example.com';

  it('is named among the admins the case is kept from (a former partner too), never the person themself', () => {
    // Ivy's pairing with Mo ended (Mo replied STOP): the concern is about it, so Mo is kept from it.
    const audience = concernAudience({ admins: [mo, other], raiser: [ivy], pairings: [{ pairingId: 'p1', running: false, partnerEmail: mo }], about: ['p1'] });
    expect(audience.admins).toEqual([other]);
    const names = new Map([[emailKey(mo), 'Mo Patel']]);
    expect(keptAdminNames({ admins: [mo.toUpperCase(), other], keptFrom: audience.keptFrom, raiser: [ivy], names })).toEqual(['Mo']);
    // An admin who raises a concern is not "kept from" it by name.
    expect(keptAdminNames({ admins: [ivy, other], keptFrom: [ivy], raiser: [ivy], names: new Map([[ivy, 'Ivy Chen']]) })).toEqual([]);
  });

  it('is said, by first name, never to see it, in the receipt of someone waitlisted', () => {
    const program = programContact({ name: 'Safe space pilot', admins: [mo, other] }, [ivy, mo]);
    const text = body(concernReceived({ ...base, program, reader: 'waiting', keptAdmins: ['Mo'], text: 'Before he left, Mo said something inappropriate.' }));
    expect(text).toContain('Only the program admins of Safe space pilot, other than Mo, read it: Mo never sees it.');
    expect(text).toContain(`If it is urgent, write to the program team at ${other}`);
  });

  it('is said never to see it on the form and on the page after it', () => {
    const program = programContact({ name: 'Safe space pilot', admins: [mo, other] }, []);
    const reader = { keptAdmins: ['Mo'], noRunningPairing: true };
    expect(stripTags(renderConcernForm({ action: '/c/tok', program, reader }))).toContain(
      'Only the program admins of Safe space pilot, other than Mo, read what you write here: Mo never sees it.',
    );
    expect(stripTags(renderConcernSent({ workingDays: 2, exit: false, program, reader }))).toContain(
      'Only the program admins, other than Mo, read it (Mo never sees it)',
    );
  });
});

describe('every admin is part of the pairing', () => {
  const program = programContact({ name: 'Solo admin pilot', admins: ['lee@example.com'] }, ['amy@example.com', 'lee@example.com']);

  it('the receipt says from its heading on that no program admin was sent it, and who can see it', () => {
    const email = concernReceived({ ...base, program, unrouted: true });
    const text = body(email);
    expect(email.html).toContain('Your concern is kept for your HR team');
    expect(email.html).not.toContain('with the program admins');
    expect(text).toContain(
      'Every admin of Solo admin pilot is part of your pairing, so we have not emailed your concern to anyone: no program admin was sent it.',
    );
    expect(text).toContain('where your HR team can see it');
    expect(text).not.toMatch(/Only the program admins|your partner never sees it|will read it and get back to you/);
  });

  it('the form promises no admin reading it, and its button sends to no admin', () => {
    const page = stripTags(renderConcernForm({ action: '/c/tok', program, reader: { unrouted: true } }));
    expect(page).toContain('Every admin of Solo admin pilot is part of your pairing, so what you send here is emailed to no program admin');
    expect(page).toContain('where your HR team can see it');
    expect(page).not.toMatch(/Only the program admins|Send to the program admins/);
    expect(page).toContain('Send it privately');
  });
});

describe('a leave asked for with the concern', () => {
  const program = programContact({ name: 'Pilot', admins: ['hr@example.com'] }, ['rex@example.com']);
  const pairings: { pairingId: string; status: PairingStatus; mentorId: string }[] = [
    { pairingId: 'p-rex', status: 'active', mentorId: 'me' },
    { pairingId: 'p-old', status: 'ended', mentorId: 'me' },
  ];

  it('says what the partner is told: that the pairing has ended, never why; not that their emails do not change', () => {
    const text = body(concernReceived({ ...base, program, exit: true }));
    expect(text).not.toContain('nothing in the emails your partner receives changes');
    expect(text).toContain('your partner never sees it and is never told that you raised a concern');
    expect(text).toContain('your partner is told only that your pairing has ended, as the program is changing pairings, never why');
  });

  it('carries the footer of the pairings as they stand after the end: STOP and CONCERN, no PAUSE or REMATCH', () => {
    const after = pairingsAfterExit(pairings, 'p-rex');
    expect(after.find((p) => p.pairingId === 'p-rex')?.status).toBe('ended');
    expect(participantAudience('me', pairings)).toBe('participant');
    const reader = participantAudience('me', after);
    expect(reader).toBe('waiting');
    const email = concernReceived({ ...base, program, exit: true, reader });
    expect(footer(email)).not.toMatch(/PAUSE|REMATCH/);
    expect(footer(email)).toMatch(/STOP/);
    expect(footer(email)).toMatch(/CONCERN/);
    // The partner is still spoken of: the leave has just ended a pairing with them.
    expect(body(email)).toContain('your partner never sees it');
    // Without a leave nothing changes.
    expect(pairingsAfterExit(pairings, undefined)).toEqual(pairings);
  });
});

describe('no pairing running', () => {
  const program = programContact({ name: 'Pilot', admins: ['hr@example.com'] }, []);

  it('the form offers no "leave this pairing" and speaks of no partner', () => {
    const page = stripTags(renderConcernForm({ action: '/c/tok', program, reader: { noRunningPairing: true } }));
    expect(page).not.toMatch(/leave this pairing|[Yy]our partner/);
    expect(page).toContain('Only the program admins of Pilot read what you write here.');
    expect(concernFormEmpty({ noRunningPairing: true })).not.toContain('tick');
    // While one runs, both are there.
    const running = stripTags(renderConcernForm({ action: '/c/tok', program, reader: {} }));
    expect(running).toContain('I want to leave this pairing');
    expect(running).toContain('Your partner never sees it');
  });

  it('a leave asked for anyway: the receipt and the page say there is none to leave', () => {
    expect(nothingToLeave({ asked: true, running: false, among: 0 })).toBe(true);
    expect(nothingToLeave({ asked: true, running: true, among: 0 })).toBe(false);
    expect(nothingToLeave({ asked: true, running: false, among: 2 })).toBe(false);
    expect(nothingToLeave({ asked: false, running: false, among: 0 })).toBe(false);
    const text = body(concernReceived({ ...base, program, reader: 'waiting', noPairingToLeave: true }));
    expect(text).toContain('You also asked to leave your pairing, but no pairing of yours is running in Pilot: there is none to leave, and nothing has ended.');
    expect(stripTags(renderConcernSent({ workingDays: 2, exit: false, program, noPairingToLeave: true }))).toContain('there is none to leave');
  });
});
