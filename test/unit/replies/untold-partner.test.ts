import { describe, expect, it } from 'vitest';
import { namesUntoldPartner } from '../../../functions/domain/replies/standing-target';

/**
 * An END or REMATCH naming the partner of a pairing whose introduction has not reached the writer
 * yet: nothing may end in its place (an end cannot be undone), unless the name is that of a
 * partner they know too.
 */

const cleo = { pairingId: 'pr_cleo', partnerName: 'Cleo Senior' };
const samAlpha = { pairingId: 'pr_sa', partnerName: 'Sam Alpha' };
const bo = { pairingId: 'pr_bo', partnerName: 'Bo Senior' };
const samBeta = { pairingId: 'pr_sb', partnerName: 'Sam Beta' };

describe('namesUntoldPartner', () => {
  it('a first or full name of the untold partner', () => {
    expect(namesUntoldPartner('Bo', [cleo], [bo])).toBe(true);
    expect(namesUntoldPartner('Bo Senior, please', [cleo], [bo])).toBe(true);
    expect(namesUntoldPartner('Sam Beta', [samAlpha], [samBeta])).toBe(true);
  });

  it('beside a partner they know: still not read as that one', () => {
    expect(namesUntoldPartner('Bo, keep Cleo please', [cleo], [bo])).toBe(true);
  });

  it('not a name they know as well ("Sam" is Sam Alpha), nor a note naming nobody', () => {
    expect(namesUntoldPartner('Sam', [samAlpha], [samBeta])).toBe(false);
    expect(namesUntoldPartner('Cleo', [cleo], [bo])).toBe(false);
    expect(namesUntoldPartner('we never managed to meet', [cleo], [bo])).toBe(false);
    expect(namesUntoldPartner(undefined, [cleo], [bo])).toBe(false);
    expect(namesUntoldPartner('Bo', [cleo], [])).toBe(false);
  });
});
