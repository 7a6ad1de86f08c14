import { describe, expect, it } from 'vitest';
import { participantIntakeSchema } from '../../../functions/domain/participant';
import { toFieldIssues } from '../../../functions/domain/validation';
import { intakeInput } from '../../fixtures/intake/participants';

/**
 * QA hrfirst5, bug 3: availability sent as the CSV's text to POST /participants was told, besides
 * "must be a list", that it "must have at most 28 characters" (the limit is 28 windows).
 */

function issuesOf(overrides: Record<string, unknown>) {
  const parsed = participantIntakeSchema.safeParse({ ...intakeInput(), ...overrides });
  return parsed.success ? [] : toFieldIssues(parsed.error);
}

const window = { day: 'mon', start: '09:00', end: '10:00' };

describe('a list given as text is told only that it must be a list', () => {
  it('availability as the CSV text, longer than 28 characters', () => {
    expect(issuesOf({ availability: 'mon 09:00-11:00;wed 14:00-16:00' })).toEqual([{ field: 'availability', message: 'must be a list, not a string' }]);
  });

  it('an empty text for a list, and a long list for a text, are told the type only', () => {
    expect(issuesOf({ languages: '' })).toEqual([{ field: 'languages', message: 'must be a list, not a string' }]);
    expect(issuesOf({ name: Array.from({ length: 200 }, () => 'x') })).toEqual([{ field: 'name', message: 'must be a string, not a list' }]);
  });

  it('words a list limit in what the list holds', () => {
    expect(issuesOf({ availability: Array.from({ length: 29 }, () => window) })).toEqual([
      { field: 'availability', message: 'must give at most 28 weekly windows' },
    ]);
    expect(issuesOf({ languages: ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'sv', 'da', 'fi', 'pl'] })).toEqual([
      { field: 'languages', message: 'must list at most 10 languages' },
    ]);
    const many = Array.from({ length: 51 }, (_, i) => `p${i}@example.com`);
    expect(issuesOf({ doNotPairWith: many })).toEqual([{ field: 'doNotPairWith', message: 'must list at most 50 email addresses' }]);
  });
});
