import { describe, expect, it } from 'vitest';
import { waitlisted } from '../../../functions/domain/emails';

/**
 * QA goals6: after a fit check's NO ended Tom's pairing and the rematch found nobody, he read "We
 * have not found a partner for you yet", a minute after he had one. Anyone who had a partner is told
 * a *new* one is not there yet; someone never matched, that none was found.
 */
describe('waitlisted: who had a partner before', () => {
  const base = {
    to: { name: 'Tom Young', timeZone: 'Europe/London' },
    program: { name: 'Pilot', admin: { name: 'Priya Shah', email: 'priya@example.org' } },
    code: 'no-eligible-partner' as const,
    automaticRematches: 1,
  };

  it('reads "We do not have a new partner for you yet"', () => {
    const text = waitlisted({ ...base, hadPartner: true }).text.replace(/\s+/g, ' ');
    expect(text).toContain('We do not have a new partner for you yet');
    expect(text).not.toContain('We have not found a partner for you yet');
  });

  it('someone never matched reads that none was found', () => {
    expect(waitlisted(base).text.replace(/\s+/g, ' ')).toContain('We have not found a partner for you yet');
  });
});
