import { describe, expect, it } from 'vitest';
import { faultsFromEnvironment, parseFaults } from '../../../local/faults/spec';

describe('parseFaults', () => {
  it('accepts a list or {faults: [...]}, with skip defaulting to 0', () => {
    const list = parseFaults([{ service: 'ses', kind: 'throttle', count: 3 }]);
    const wrapped = parseFaults({ faults: [{ service: 'eventbridge', kind: 'fail', count: 1 }] });
    expect(list).toEqual({ ok: true, faults: [{ service: 'ses', kind: 'throttle', count: 3, skip: 0 }] });
    expect(wrapped.ok && wrapped.faults[0]).toMatchObject({ service: 'eventbridge', kind: 'fail' });
  });

  it('names the field that is wrong', () => {
    const out = parseFaults([
      { service: 'ses', kind: 'throttle', count: 0 },
      { service: 'dynamodb', kind: 'explode', count: 1 },
    ]);
    expect(out.ok).toBe(false);
    const fields = !out.ok ? out.issues.map((i) => i.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['0.count', '1.kind']));
  });

  it('refuses unknown fields, unknown services and an error name on a non-throttle fault', () => {
    const out = parseFaults([
      { service: 'ses', kind: 'fail', count: 1, times: 2 },
      { service: 's3', kind: 'fail', count: 1 },
      { service: 'dynamodb', kind: 'responseLost', count: 1, error: 'ThrottlingException' },
    ]);
    const fields = !out.ok ? out.issues.map((i) => i.field) : [];
    expect(fields).toEqual(expect.arrayContaining(['0.times', '1.service', '2.error']));
  });

  it('refuses a conflict aimed at an operation that takes no condition, saying which ones do', () => {
    const out = parseFaults([{ service: 'dynamodb', kind: 'conditionalConflict', count: 1, operation: ['UpdateItem', 'Query'] }]);
    expect(out.ok).toBe(false);
    const issue = !out.ok ? out.issues[0] : undefined;
    expect(issue?.field).toBe('0.operation');
    expect(issue?.message).toContain('Query cannot get a conditionalConflict fault');
    expect(issue?.message).toContain('TransactWriteItems');
  });
});

describe('faultsFromEnvironment (CROSSGEN_FAULTS)', () => {
  it('is empty when unset or blank', () => {
    expect(faultsFromEnvironment(undefined)).toEqual([]);
    expect(faultsFromEnvironment('  ')).toEqual([]);
  });

  it('reads a JSON list', () => {
    expect(faultsFromEnvironment('[{"service":"dynamodb","kind":"throttle","count":3,"keyPrefix":"PAIRING#"}]')).toEqual([
      { service: 'dynamodb', kind: 'throttle', count: 3, skip: 0, keyPrefix: 'PAIRING#' },
    ]);
  });

  it('fails with a sentence naming the variable and the field', () => {
    expect(() => faultsFromEnvironment('[{"service":"ses"')).toThrow(/CROSSGEN_FAULTS is not valid JSON/);
    expect(() => faultsFromEnvironment('[{"service":"ses","kind":"throttle"}]')).toThrow(/CROSSGEN_FAULTS was not accepted: 0\.count is required/);
  });
});
