import { ipInBlock, parseCidr } from './cidr';
import { NUMERIC_LIMIT, isOrPrimitive, isPlainObject, validatePattern } from './pattern-validate';
import { compileWildcard } from './wildcard';

export { validatePattern } from './pattern-validate';

/**
 * EventBridge event-pattern matching, following AWS's documented semantics ("Event patterns",
 * "Content filtering", "Comparison operators", "Matching on multiple field values") and, where the
 * guide is silent, the behaviour of aws/event-ruler (the open-source matcher behind EventBridge):
 * - fields are ANDed, values in a pattern array are ORed, `$or` ORs whole sub-patterns;
 * - an array in the event matches when any of its elements matches;
 * - objects inside event arrays are matched element by element, so two fields of one sub-pattern
 *   never combine values from different elements ("array-consistent" matching);
 * - operators see only leaf values: an object is not a value, so `exists` is false for it.
 */

type Matcher = (leafValues: readonly unknown[]) => boolean;

const compiledWildcards = new Map<string, RegExp>();

function wildcardRegex(value: string): RegExp {
  let regex = compiledWildcards.get(value);
  if (!regex) {
    regex = compileWildcard(value);
    compiledWildcards.set(value, regex);
  }
  return regex;
}

function flatten(values: readonly unknown[]): unknown[] {
  return values.flatMap((value) => (Array.isArray(value) ? flatten(value) : [value]));
}

/** The values a leaf operator tests: absent fields and objects have none. */
function leafValues(field: unknown): unknown[] {
  if (field === undefined) return [];
  const values = Array.isArray(field) ? flatten(field) : [field];
  return values.filter((value) => !isPlainObject(value));
}

function sameValue(expected: unknown, actual: unknown): boolean {
  // JSON numbers compare by value, so 300, 300.0 and 3.0e2 are one number (as on AWS).
  return expected === actual;
}

function lower(value: string): string {
  return value.toLowerCase();
}

function affixTest(kind: 'prefix' | 'suffix', spec: unknown): (text: string) => boolean {
  const ignoreCase = isPlainObject(spec);
  const affix = String(ignoreCase ? spec['equals-ignore-case'] : spec);
  const wanted = ignoreCase ? lower(affix) : affix;
  return (text) => {
    const candidate = ignoreCase ? lower(text) : text;
    return kind === 'prefix' ? candidate.startsWith(wanted) : candidate.endsWith(wanted);
  };
}

function inNumericRange(spec: readonly unknown[], value: number): boolean {
  if (value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) return false;
  for (let i = 0; i < spec.length; i += 2) {
    const bound = spec[i + 1] as number;
    switch (spec[i]) {
      case '=':
        if (!(value === bound)) return false;
        break;
      case '<':
        if (!(value < bound)) return false;
        break;
      case '<=':
        if (!(value <= bound)) return false;
        break;
      case '>':
        if (!(value > bound)) return false;
        break;
      case '>=':
        if (!(value >= bound)) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}

/** anything-but: a value matches unless it is one of the excluded ones (non-strings never are for string forms). */
function anythingButTest(spec: unknown): (value: unknown) => boolean {
  if (!isPlainObject(spec)) {
    const excluded = Array.isArray(spec) ? spec : [spec];
    return (value) => !excluded.some((item) => sameValue(item, value));
  }
  const [kind, inner] = Object.entries(spec)[0] as [string, unknown];
  const list = (Array.isArray(inner) ? inner : [inner]) as string[];
  let excludes: (text: string) => boolean;
  if (kind === 'prefix') excludes = (text) => text.startsWith(String(inner));
  else if (kind === 'suffix') excludes = (text) => text.endsWith(String(inner));
  else if (kind === 'equals-ignore-case') excludes = (text) => list.some((item) => lower(item) === lower(text));
  else excludes = (text) => list.some((item) => wildcardRegex(item).test(text));
  return (value) => typeof value !== 'string' || !excludes(value);
}

function valueTest(expression: Record<string, unknown>): (value: unknown) => boolean {
  const [operator, spec] = Object.entries(expression)[0] as [string, unknown];
  switch (operator) {
    case 'prefix':
    case 'suffix': {
      const test = affixTest(operator, spec);
      return (value) => typeof value === 'string' && test(value);
    }
    case 'equals-ignore-case':
      return (value) => typeof value === 'string' && lower(value) === lower(String(spec));
    case 'wildcard':
      return (value) => typeof value === 'string' && wildcardRegex(String(spec)).test(value);
    case 'numeric':
      return (value) => typeof value === 'number' && inNumericRange(spec as unknown[], value);
    case 'cidr': {
      const block = parseCidr(String(spec));
      return (value) => block !== undefined && typeof value === 'string' && ipInBlock(value, block);
    }
    case 'anything-but':
      return anythingButTest(spec);
    default:
      return () => false;
  }
}

function toMatcher(item: unknown): Matcher {
  if (isPlainObject(item) && 'exists' in item) {
    const wanted = item.exists === true;
    return (values) => values.length > 0 === wanted;
  }
  const test = isPlainObject(item) ? valueTest(item) : (value: unknown) => sameValue(item, value);
  return (values) => values.some(test);
}

function matchesList(list: readonly unknown[], field: unknown): boolean {
  const values = leafValues(field);
  return list.some((item) => toMatcher(item)(values));
}

function matchesNested(pattern: Record<string, unknown>, field: unknown): boolean {
  if (!Array.isArray(field)) return matchesObject(pattern, field);
  const elements = flatten(field).filter(isPlainObject);
  // An array without objects has none of the nested fields, which only `exists: false` can match.
  if (elements.length === 0) return matchesObject(pattern, undefined);
  return elements.some((element) => matchesObject(pattern, element));
}

function matchesObject(pattern: Record<string, unknown>, value: unknown): boolean {
  const fields = isPlainObject(value) ? value : {};
  for (const [key, sub] of Object.entries(pattern)) {
    if (isOrPrimitive(key, sub)) {
      if (!sub.some((alternative) => isPlainObject(alternative) && matchesObject(alternative, value))) return false;
      continue;
    }
    const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
    const ok = Array.isArray(sub) ? matchesList(sub, field) : isPlainObject(sub) && matchesNested(sub, field);
    if (!ok) return false;
  }
  return true;
}

/**
 * True when the event matches the pattern. Both may be objects or JSON text. A pattern that AWS
 * would refuse throws, with the same message validatePattern returns, so a typo never silently
 * matches nothing.
 */
export function matchesPattern(pattern: unknown, event: unknown): boolean {
  const problem = validatePattern(pattern);
  if (problem) throw new Error(problem);
  const parsedPattern = typeof pattern === 'string' ? (JSON.parse(pattern) as Record<string, unknown>) : pattern;
  const parsedEvent = typeof event === 'string' ? (JSON.parse(event) as unknown) : event;
  return matchesObject(parsedPattern as Record<string, unknown>, parsedEvent);
}

/** Like matchesPattern, for patterns already validated (the bus checks each rule once, at load). */
export function matchesValidPattern(pattern: Record<string, unknown>, event: unknown): boolean {
  return matchesObject(pattern, event);
}
