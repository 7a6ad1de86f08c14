import { parseCidr } from './cidr';
import { wildcardProblem } from './wildcard';

/**
 * Validation of EventBridge event patterns with the rules AWS applies before it accepts a rule
 * (PutRule / TestEventPattern answer InvalidEventPatternException). Reasons follow AWS's wording
 * where it is known, so a pattern refused here is refused on AWS for the same reason.
 */

export const OPERATORS = ['prefix', 'suffix', 'equals-ignore-case', 'wildcard', 'anything-but', 'numeric', 'exists', 'cidr'] as const;

/** AWS limits numeric matching to this range (values and bounds alike). */
export const NUMERIC_LIMIT = 5e9;

const NUMERIC_OPERATORS = new Set(['=', '<', '<=', '>', '>=']);

class PatternError extends Error {}

type Json = unknown;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function fail(reason: string, path: string): never {
  throw new PatternError(path ? `${reason} (at "${path}")` : reason);
}

function join(path: string, key: string): string {
  return path ? `${path}.${key}` : key;
}

/** `$or` is the OR primitive only when it holds an array; AWS keeps `"$or": {...}` as a field name. */
export function isOrPrimitive(key: string, value: unknown): value is unknown[] {
  return key === '$or' && Array.isArray(value);
}

function checkObject(pattern: Record<string, Json>, path: string, insideOr: boolean): void {
  const keys = Object.keys(pattern);
  if (keys.length === 0) fail('Empty objects are not allowed', path);
  for (const key of keys) {
    const value = pattern[key];
    if (isOrPrimitive(key, value)) {
      checkOr(value, path);
      continue;
    }
    if (insideOr && (OPERATORS as readonly string[]).includes(key)) {
      fail(`"${key}" is a reserved field name which cannot be used inside $or`, path);
    }
    const at = join(path, key);
    if (Array.isArray(value)) checkMatchList(value, at);
    else if (isPlainObject(value)) checkObject(value, at, insideOr);
    else fail(`"${key}" must be an object or an array`, at);
  }
}

function checkOr(alternatives: Json[], path: string): void {
  if (alternatives.length < 2) fail('There must be at least 2 objects in a $or relationship', path);
  for (const alternative of alternatives) {
    if (!isPlainObject(alternative)) fail('Only JSON objects are allowed in the array of a $or relationship', path);
    checkObject(alternative, path, true);
  }
}

function checkMatchList(values: Json[], path: string): void {
  if (values.length === 0) fail('Empty arrays are not allowed', path);
  for (const value of values) {
    if (isPlainObject(value)) checkMatchExpression(value, path);
    else if (value !== null && !['string', 'number', 'boolean'].includes(typeof value)) {
      fail('Match value must be String, number, true, false, or null', path);
    }
  }
}

function singleKey(expression: Record<string, Json>, path: string): [string, Json] {
  const entries = Object.entries(expression);
  const first = entries[0];
  if (!first) fail('Match expression name not found', path);
  if (entries.length > 1) fail('Only one key allowed in match expression', path);
  return first;
}

function checkString(value: Json, operator: string, path: string): string {
  if (typeof value !== 'string') fail(`${operator} match pattern must be a string`, path);
  return value;
}

/** prefix and suffix take a string or `{ "equals-ignore-case": string }`. */
function checkAffix(value: Json, operator: string, path: string): void {
  if (isPlainObject(value)) {
    const [inner, innerValue] = singleKey(value, path);
    if (inner !== 'equals-ignore-case') fail(`Unsupported ${operator} pattern: ${inner}`, path);
    checkString(innerValue, `${operator}/equals-ignore-case`, path);
    return;
  }
  checkString(value, operator, path);
}

function checkMatchExpression(expression: Record<string, Json>, path: string): void {
  const [operator, value] = singleKey(expression, path);
  switch (operator) {
    case 'prefix':
    case 'suffix':
      return checkAffix(value, operator, path);
    case 'equals-ignore-case':
      checkString(value, operator, path);
      return;
    case 'wildcard': {
      const problem = wildcardProblem(checkString(value, operator, path));
      if (problem) fail(problem, path);
      return;
    }
    case 'exists':
      if (typeof value !== 'boolean') fail('exists match pattern must be either true or false', path);
      return;
    case 'cidr':
      if (!parseCidr(checkString(value, operator, path))) fail(`Malformed CIDR, one "/" required: "${String(value)}"`, path);
      return;
    case 'numeric':
      return checkNumeric(value, path);
    case 'anything-but':
      return checkAnythingBut(value, path);
    default:
      fail(`Unrecognized match type ${operator}`, path);
  }
}

function checkNumber(value: Json, operator: string, path: string): number {
  if (typeof value !== 'number') fail(`Value of ${operator} must be numeric`, path);
  if (value < -NUMERIC_LIMIT || value > NUMERIC_LIMIT) {
    fail(`Value of ${operator} must be between -5.0E9 and 5.0E9 inclusive`, path);
  }
  return value;
}

function checkNumeric(value: Json, path: string): void {
  if (!Array.isArray(value)) fail('Value of numeric must be an array.', path);
  const [operator, bound, upperOperator, upperBound, ...rest] = value;
  if (typeof operator !== 'string' || !NUMERIC_OPERATORS.has(operator)) {
    fail(`Unrecognized numeric range operator: ${String(operator)}`, path);
  }
  const bottom = checkNumber(bound, operator, path);
  if (upperOperator === undefined) return;
  if (operator !== '>' && operator !== '>=') fail('Too many elements in numeric expression', path);
  if (upperOperator !== '<' && upperOperator !== '<=') fail(`Bad numeric range operator: ${String(upperOperator)}`, path);
  const top = checkNumber(upperBound, upperOperator, path);
  if (rest.length > 0) fail('Too many terms in numeric range expression', path);
  if (bottom >= top) fail('Bottom must be less than top', path);
}

function checkValueList(values: Json[], allowNumbers: boolean, operator: string, path: string): void {
  if (values.length === 0) fail(`Empty arrays are not allowed in ${operator}`, path);
  const strings = values.every((v) => typeof v === 'string');
  const numbers = allowNumbers && values.every((v) => typeof v === 'number');
  if (!strings && !numbers) {
    fail(
      allowNumbers
        ? 'Inside anything but list, either all values are number or string, mixed type is not supported'
        : `Inside ${operator} list, only strings are supported`,
      path,
    );
  }
  if (numbers) values.forEach((v) => checkNumber(v, 'anything-but', path));
}

function checkAnythingBut(value: Json, path: string): void {
  if (typeof value === 'string') return;
  if (typeof value === 'number') {
    checkNumber(value, 'anything-but', path);
    return;
  }
  if (Array.isArray(value)) return checkValueList(value, true, 'anything-but', path);
  if (!isPlainObject(value)) fail('Value of anything-but must be an array or single string/number value.', path);
  const [inner, innerValue] = singleKey(value, path);
  if (inner === 'prefix' || inner === 'suffix') {
    if (checkString(innerValue, `anything-but/${inner}`, path) === '') fail('Null prefix/suffix not allowed', path);
    return;
  }
  if (inner === 'equals-ignore-case' || inner === 'wildcard') {
    const list = Array.isArray(innerValue) ? innerValue : [innerValue];
    checkValueList(list, false, `anything-but/${inner}`, path);
    if (inner === 'wildcard') {
      for (const item of list as string[]) {
        const problem = wildcardProblem(item);
        if (problem) fail(problem, path);
      }
    }
    return;
  }
  fail(`Unsupported anything-but pattern: ${inner}`, path);
}

/**
 * Checks an event pattern (object or JSON text). Returns null when AWS would accept it, else the
 * error message an InvalidEventPatternException would carry.
 */
export function validatePattern(pattern: unknown): string | null {
  let parsed = pattern;
  if (typeof pattern === 'string') {
    try {
      parsed = JSON.parse(pattern);
    } catch {
      return 'Event pattern is not valid. Reason: the pattern is not valid JSON. Check quotes, commas and brackets.';
    }
  }
  try {
    if (!isPlainObject(parsed)) fail('Filter is not an object', '');
    checkObject(parsed, '', false);
    return null;
  } catch (error) {
    if (error instanceof PatternError) {
      return `Event pattern is not valid. Reason: ${error.message}. Correct the pattern and try again.`;
    }
    throw error;
  }
}
