import { describe, expect, it } from 'vitest';
import { repeatedKeys } from '../../../functions/domain/json-keys';
import { HttpError, parseJsonBody } from '../../../functions/shared/http';

/**
 * QA attack6: `"role":"mentor"` and later `"role":"mentee"` in one body enrolled a mentee, and a
 * pause with two `until` took the second, in silence. A field given twice is refused, by name.
 */
describe('a JSON body that names a field twice', () => {
  it('finds each repeated field by its path, at any depth, once', () => {
    expect(repeatedKeys('{"role":"mentor","name":"Ada","role":"mentee"}')).toEqual(['role']);
    expect(
      repeatedKeys('{"availability":[{"day":"mon","day":"tue","start":"09:00"}],"manager":{"email":"a@x.org","email":"b@x.org","email":"c@x.org"}}'),
    ).toEqual(['availability.0.day', 'manager.email']);
    expect(repeatedKeys('{"a":{"b":1},"c":{"b":2},"list":[{"x":1},{"x":2}]}')).toEqual([]);
  });

  it('is refused with 400 naming each field; the same body without the repeat is read', () => {
    const refusal = (() => {
      try {
        parseJsonBody('{"until":"2027-01-10","until":"2027-01-11"}', 'A pause request');
      } catch (error) {
        return error as HttpError;
      }
    })();
    expect(refusal).toBeInstanceOf(HttpError);
    expect(refusal!.statusCode).toBe(400);
    expect(refusal!.message).toBe('A pause request names a field more than once (until): send each field once.');
    expect(refusal!.issues).toEqual([{ field: 'until', message: 'appears more than once: send it once' }]);
    expect(parseJsonBody('{"until":"2027-01-11"}', 'A pause request')).toEqual({ until: '2027-01-11' });
  });
});
