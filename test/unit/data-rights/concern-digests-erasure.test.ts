import { describe, expect, it } from 'vitest';
import { addressDigest, keptFromAfterErasure } from '../../../functions/domain/concerns';
import { REMOVED, scrubConcern } from '../../../functions/domain/erasure';

/**
 * QA safe7: a concern case keeps unsalted digests of the addresses it is kept from; after an
 * erasure none of the erased person's may stay (hashing their known address would find it), but
 * that of an address still among the program's admins, held there in plain text anyway.
 */

const mo = 'mo.senior@example.com';
const zoe = 'zoe.junior@example.com';
const rexBoss = 'rex.boss@example.com';
const admin = 'ada.admin@example.com';

describe('which digests a concern case keeps after an erasure', () => {
  it("drops the erased person's digest from someone else's case, whatever the letter case, and keeps the others", () => {
    const kept = [addressDigest(mo), addressDigest(zoe), addressDigest(rexBoss)];
    expect(keptFromAfterErasure(kept, { addresses: ['Zoe.Junior@Example.com'], raisedByThem: false }, [admin])).toEqual([
      addressDigest(mo),
      addressDigest(rexBoss),
    ]);
  });

  it('keeps the digest of an erased address that is still one of the program’s admins: the case stays hidden from them', () => {
    const kept = [addressDigest(mo), addressDigest(zoe)];
    expect(keptFromAfterErasure(kept, { addresses: [zoe], raisedByThem: false }, [admin, 'ZOE.JUNIOR@example.com'])).toEqual(kept);
  });

  it('on a case they raised keeps only the digests of the program’s current admins', () => {
    const kept = [addressDigest(zoe), addressDigest(mo), addressDigest(admin), addressDigest(rexBoss)];
    expect(keptFromAfterErasure(kept, { addresses: [zoe], raisedByThem: true }, [admin])).toEqual([addressDigest(admin)]);
    expect(keptFromAfterErasure(kept, { addresses: [zoe], raisedByThem: true }, ['other@example.com'])).toEqual([]);
  });

  it('changes nothing more the second time, and holds nothing for a case that kept nothing', () => {
    const once = keptFromAfterErasure([addressDigest(mo), addressDigest(zoe)], { addresses: [zoe], raisedByThem: false }, [admin]);
    expect(keptFromAfterErasure(once, { addresses: [zoe], raisedByThem: false }, [admin])).toEqual(once);
    expect(keptFromAfterErasure(undefined, { addresses: [zoe], raisedByThem: true }, [admin])).toEqual([]);
    // An empty address (a tombstone's) names nobody: it removes no digest.
    expect(keptFromAfterErasure([addressDigest('')], { addresses: [''], raisedByThem: false }, [])).toEqual([addressDigest('')]);
  });
});

describe('scrubConcern: the digests of any case, in any program', () => {
  const now = new Date('2027-03-01T10:00:00Z');
  const erased = { participantIds: ['pt_zoe'], addresses: [zoe] };

  it("takes the erased partner's digest out of Mo's case in another program, and leaves his words alone", () => {
    // Mo's case is about his pairing in program B; Zoe is his partner in program A.
    const mosCase = {
      concernId: 'cn_1',
      participantId: 'pt_mo',
      partnerId: 'pt_tom',
      text: 'Zoe said I will be fine',
      state: 'open',
      keptFromDigests: [addressDigest(mo), addressDigest(zoe)],
      version: 3,
    };
    expect(scrubConcern(mosCase, erased, { names: ['Zoe Junior', 'Zoe'], emails: [zoe] }, now, [admin])).toEqual({
      ...mosCase,
      keptFromDigests: [addressDigest(mo)],
    });
    // Done once, nothing is left to write.
    expect(scrubConcern({ ...mosCase, keptFromDigests: [addressDigest(mo)] }, erased, { names: ['Zoe'], emails: [zoe] }, now, [admin])).toBeUndefined();
  });

  it('drops every digest but the admins’ from a case they raised, and the field when none is left', () => {
    const theirs = {
      concernId: 'cn_2',
      participantId: 'pt_zoe',
      partnerId: 'pt_mo',
      text: 'private',
      state: 'open',
      keptFromDigests: [addressDigest(zoe), addressDigest(mo)],
      version: 1,
    };
    const out = scrubConcern(theirs, erased, { names: ['Zoe'], emails: [zoe] }, now, [admin])!;
    expect(out.keptFromDigests).toBeUndefined();
    expect(JSON.stringify(out)).not.toContain(addressDigest(zoe));
    expect(JSON.stringify(out)).not.toContain(addressDigest(mo));
    const withAdmin = scrubConcern({ ...theirs, keptFromDigests: [addressDigest(zoe), addressDigest(admin)] }, erased, { names: ['Zoe'], emails: [zoe] }, now, [
      admin,
    ])!;
    expect(withAdmin.keptFromDigests).toEqual([addressDigest(admin)]);
  });

  it('looks for their name in words only: a digest or an id kept on a case about them stays whole', () => {
    // Ed's name is found between digits ("12ed34"): it must not break the digest of an admin it is kept from.
    const kept = ['3ed4'.padEnd(64, '0'), addressDigest(admin)];
    const partners = { concernId: 'cn_2ed3', participantId: 'pt_mo', partnerId: 'pt_ed', text: 'Ed cancels', state: 'open', keptFromDigests: kept, version: 1 };
    const out = scrubConcern(partners, { participantIds: ['pt_ed'], addresses: ['ed@example.com'] }, { names: ['Ed'], emails: ['ed@example.com'] }, now, [
      admin,
    ])!;
    expect(out).toEqual({ ...partners, text: `${REMOVED} cancels` });
  });
});
