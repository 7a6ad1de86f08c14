import { describe, expect, it } from 'vitest';
import { addressDigest, concernAudience, concernHiddenFrom, keptFrom } from '../../../functions/domain/concerns';
import { programContact } from '../../../functions/domain/program-contact';

/**
 * QA concerns3, bug 2: Mia is paired with Sam in program A and with Tom in program B, where Sam is
 * the first admin. Her concern in B must not reach Sam, and must not point her to him: a partner in
 * any running pairing of hers, in any program, is no private channel.
 */
const program = { name: 'Program B', admins: ['Sam@Example.com', 'bob@admin.example'], endDate: '2027-12-31' };
const mia = ['mia@example.com'];
const inB = { pairingId: 'pr_b', running: true, partnerEmail: 'tom@example.com' };
const inA = { pairingId: 'pr_a', running: true, partnerEmail: 'sam@example.com' };

describe('a concern never reaches the raiser’s partner from another program who is an admin here', () => {
  it('leaves Sam (her partner in program A, any letter case) out of the admins emailed, and names bob to her', () => {
    const audience = concernAudience({ admins: program.admins, raiser: mia, pairings: [inB, inA], about: ['pr_b'] });
    expect(audience.admins).toEqual(['bob@admin.example']);
    expect(audience.unrouted).toBe(false);
    expect(programContact(program, audience.keptFrom).admin).toEqual({ name: 'the program team', email: 'bob@admin.example' });
  });

  it('keeps it from the partner the case is about, also when that pairing ended, but not from a partner of an ended pairing elsewhere', () => {
    const ended = { ...inB, running: false };
    const endedInA = { ...inA, running: false };
    expect(concernAudience({ admins: ['tom@example.com', 'sam@example.com'], raiser: mia, pairings: [ended, endedInA], about: ['pr_b'] }).admins).toEqual([
      'sam@example.com',
    ]);
  });

  it('keeps it from each address of the raiser’s own enrolments', () => {
    const audience = concernAudience({
      admins: ['mia.old@example.com', 'bob@admin.example'],
      raiser: [...mia, 'mia.old@example.com'],
      pairings: [],
      about: [],
    });
    expect(audience.admins).toEqual(['bob@admin.example']);
  });

  it('with every admin her partner somewhere, nobody is emailed and the receipt says so (as within one program)', () => {
    const audience = concernAudience({ admins: ['sam@example.com', 'tom@example.com'], raiser: mia, pairings: [inB, inA], about: ['pr_b'] });
    expect(audience.admins).toEqual([]);
    expect(audience.unrouted).toBe(true);
    expect(programContact({ ...program, admins: ['sam@example.com', 'tom@example.com'] }, audience.keptFrom).admin.inPair).toBe(true);
  });
});

describe('the reminder and the digest keep a case from whom it was kept from when raised (QA concerns3)', () => {
  const sam = 'sam@example.com';
  const raised = { keptFromDigests: [addressDigest(sam), addressDigest('mia@example.com')] };

  it('knows the addresses by their digests only, in any letter case', () => {
    expect(keptFrom(raised, 'SAM@Example.com')).toBe(true);
    expect(keptFrom(raised, 'bob@example.com')).toBe(false);
    expect(keptFrom({}, sam)).toBe(false);
    expect(JSON.stringify(raised)).not.toContain('@');
  });

  it('leaves the case out of the digest of an admin who is the person, a partner here, or their partner elsewhere', () => {
    expect(concernHiddenFrom(raised, 'SAM@example.com', [])).toBe(true);
    expect(concernHiddenFrom({}, 'tom@example.com', ['mia@example.com', 'TOM@example.com'])).toBe(true);
    expect(concernHiddenFrom(raised, 'bob@example.com', ['mia@example.com', 'tom@example.com'])).toBe(false);
  });
});
