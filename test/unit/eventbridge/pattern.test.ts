import { describe, expect, it } from 'vitest';
import { matchesPattern, validatePattern } from '../../../local/eventbridge/pattern';
import { operatorGroups } from './pattern-cases-operators';
import { structureGroups } from './pattern-cases-structure';

const groups = [...structureGroups, ...operatorGroups];

describe('matchesPattern follows the examples of the EventBridge user guide', () => {
  for (const group of groups) {
    describe(group.source, () => {
      it.each(group.cases)('$name', ({ pattern, event, matches }) => {
        expect(validatePattern(pattern)).toBeNull();
        expect(matchesPattern(pattern, event)).toBe(matches);
      });
    });
  }

  it('covers at least 60 documented cases, matching and not matching', () => {
    const cases = groups.flatMap((group) => group.cases);
    expect(cases.length).toBeGreaterThanOrEqual(60);
    expect(cases.filter((c) => c.matches).length).toBeGreaterThan(20);
    expect(cases.filter((c) => !c.matches).length).toBeGreaterThan(20);
  });
});

// Patterns AWS refuses with InvalidEventPatternException (reasons as in "Comparison operators" and
// the notes of "Content filtering"; wording modelled on aws/event-ruler's rule compiler).
const invalidPatterns: Array<{ name: string; pattern: unknown; reason: RegExp }> = [
  { name: 'a pattern that is not an object', pattern: ['aws.ec2'], reason: /Filter is not an object/ },
  { name: 'text that is not JSON', pattern: '{"source": [aws.ec2]}', reason: /not valid JSON/ },
  { name: 'an empty object', pattern: { detail: {} }, reason: /Empty objects are not allowed \(at "detail"\)/ },
  { name: 'an empty value array', pattern: { source: [] }, reason: /Empty arrays are not allowed/ },
  { name: 'a bare string value instead of an array', pattern: { source: 'aws.ec2' }, reason: /"source" must be an object or an array/ },
  { name: 'a nested array as a value', pattern: { source: [['aws.ec2']] }, reason: /Match value must be String, number, true, false, or null/ },
  { name: 'an unknown operator', pattern: { source: [{ contains: 'ec2' }] }, reason: /Unrecognized match type contains/ },
  { name: 'two operators in one expression', pattern: { source: [{ prefix: 'a', suffix: 'b' }] }, reason: /Only one key allowed/ },
  { name: 'a numeric prefix', pattern: { source: [{ prefix: 5 }] }, reason: /prefix match pattern must be a string/ },
  { name: 'prefix with another nested operator', pattern: { source: [{ prefix: { wildcard: 'a*' } }] }, reason: /Unsupported prefix pattern/ },
  { name: 'exists with a string', pattern: { source: [{ exists: 'yes' }] }, reason: /exists match pattern must be either true or false/ },
  { name: 'numeric that is not an array', pattern: { n: [{ numeric: 5 }] }, reason: /Value of numeric must be an array/ },
  { name: 'an unknown numeric operator', pattern: { n: [{ numeric: ['!=', 5] }] }, reason: /Unrecognized numeric range operator: !=/ },
  { name: 'a numeric range with the upper bound first', pattern: { n: [{ numeric: ['<', 5, '>', 1] }] }, reason: /Too many elements/ },
  { name: 'a numeric range whose bottom is above its top', pattern: { n: [{ numeric: ['>', 10, '<', 1] }] }, reason: /Bottom must be less than top/ },
  { name: 'a numeric bound beyond 5.0e9', pattern: { n: [{ numeric: ['>', 6e9] }] }, reason: /between -5.0E9 and 5.0E9/ },
  { name: 'a numeric bound given as a string', pattern: { n: [{ numeric: ['>', '5'] }] }, reason: /Value of > must be numeric/ },
  { name: 'anything-but mixing strings and numbers', pattern: { s: [{ 'anything-but': ['a', 1] }] }, reason: /mixed type is not supported/ },
  {
    name: 'anything-but with a list of prefixes (only a single prefix works)',
    pattern: { s: [{ 'anything-but': { prefix: ['a', 'b'] } }] },
    reason: /must be a string/,
  },
  { name: 'anything-but with an empty prefix', pattern: { s: [{ 'anything-but': { prefix: '' } }] }, reason: /Null prefix\/suffix not allowed/ },
  { name: 'anything-but with null', pattern: { s: [{ 'anything-but': null }] }, reason: /must be an array or single string\/number value/ },
  { name: 'anything-but numeric', pattern: { s: [{ 'anything-but': { numeric: ['>', 1] } }] }, reason: /Unsupported anything-but pattern: numeric/ },
  { name: 'consecutive wildcard characters', pattern: { s: [{ wildcard: 'a**b' }] }, reason: /consecutive wildcard characters/ },
  { name: 'a backslash escaping an ordinary character', pattern: { s: [{ wildcard: 'a\\b' }] }, reason: /backslash that escapes neither/ },
  { name: 'a cidr without a prefix length', pattern: { ip: [{ cidr: '10.0.0.0' }] }, reason: /Malformed CIDR/ },
  { name: 'a cidr with a prefix longer than 32 bits', pattern: { ip: [{ cidr: '10.0.0.0/33' }] }, reason: /Malformed CIDR/ },
  { name: '$or with a single branch', pattern: { $or: [{ source: ['a'] }] }, reason: /at least 2 objects in a \$or/ },
  { name: '$or holding a value instead of objects', pattern: { $or: ['a', 'b'] }, reason: /Only JSON objects are allowed/ },
  { name: 'an operator name used as a field inside $or', pattern: { $or: [{ numeric: [123] }, { prefix: ['abc'] }] }, reason: /reserved field name/ },
];

describe('validatePattern refuses what AWS refuses', () => {
  it.each(invalidPatterns)('refuses $name', ({ pattern, reason }) => {
    const message = validatePattern(pattern);
    expect(message).toMatch(/^Event pattern is not valid\. Reason: /);
    expect(message).toMatch(reason);
    expect(() => matchesPattern(pattern, {})).toThrow(message as string);
  });

  it('keeps "$or" holding an object as an ordinary field name, as AWS does for older rules', () => {
    const pattern = { source: ['aws.cloudwatch'], $or: { metricType: ['MetricType'] } };
    expect(validatePattern(pattern)).toBeNull();
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', $or: { metricType: 'MetricType' } })).toBe(true);
    expect(matchesPattern(pattern, { source: 'aws.cloudwatch', metricType: 'MetricType' })).toBe(false);
  });
});
