import { z } from 'zod';

/**
 * Messages a person reads at the intake form or in an API error: say what is wrong with the
 * field in words, never "Invalid input". Installed once, globally, by importing this module
 * (every schema module does).
 */
z.config({
  customError: (iss) => {
    if (iss.code === 'invalid_type') {
      if (iss.input === undefined) return 'is required';
      if (iss.expected === 'object' && iss.path?.length === 0) return 'must be a JSON object';
      // z.number().int() given 7.5: the type is right, the number is not whole.
      if (iss.expected === 'int' && typeof iss.input === 'number') return 'must be a whole number';
      const got = iss.input === null ? 'null' : Array.isArray(iss.input) ? 'a list' : `a ${typeof iss.input === 'object' ? 'JSON object' : typeof iss.input}`;
      const want = WANTED[String(iss.expected)] ?? `a ${iss.expected}`;
      return `must be ${want}, not ${got}`;
    }
    if (iss.code === 'unrecognized_keys') return 'is not a known field';
    if (iss.code === 'too_small') return sizeMessage('least', iss.origin, iss.minimum, iss.inclusive);
    if (iss.code === 'too_big') return sizeMessage('most', iss.origin, iss.maximum, iss.inclusive);
    if (iss.code === 'invalid_value') return `must be one of: ${iss.values.map((v) => String(v)).join(', ')}`;
    if (iss.code === 'invalid_union') return unionMessage(iss.errors, iss.input);
    return undefined;
  },
});

const WANTED: Record<string, string> = { array: 'a list', tuple: 'a list', int: 'a whole number', object: 'a JSON object' };

/** "must be at least 7", "must have at most 120 characters", "must list at least 1 item". */
function sizeMessage(bound: 'least' | 'most', origin: string, limit: number | bigint, inclusive: boolean | undefined): string | undefined {
  const n = Number(limit);
  if (origin === 'string') return bound === 'least' && n <= 1 ? 'must not be empty' : `must have at ${bound} ${n} character${n === 1 ? '' : 's'}`;
  if (origin === 'array' || origin === 'set')
    return bound === 'least' && n <= 1 ? 'must list at least one item' : `must list at ${bound} ${n} item${n === 1 ? '' : 's'}`;
  if (origin === 'number' || origin === 'int' || origin === 'bigint') {
    if (inclusive === false) return bound === 'least' ? `must be more than ${n}` : `must be less than ${n}`;
    return `must be at ${bound} ${n}`;
  }
  return undefined;
}

/**
 * A value that fits none of a union's forms (an objective that is neither text nor a known
 * measure, say): the problem of the form meant, i.e. the one the value has the right type for.
 */
function unionMessage(errors: readonly (readonly z.core.$ZodIssue[])[], input: unknown): string | undefined {
  const meant = errors.find((issues) => !issues.some((i) => i.path.length === 0 && i.code === 'invalid_type'));
  const first = meant?.[0];
  if (first) return first.path.length > 0 ? `${first.path.map(String).join('.')} ${first.message}` : first.message;
  // Of no form's type: name the types accepted.
  const wanted = [
    ...new Set(
      errors.flatMap((issues) =>
        issues.flatMap((i) => (i.code === 'invalid_type' && i.path.length === 0 ? [WANTED[String(i.expected)] ?? `a ${i.expected}`] : [])),
      ),
    ),
  ];
  const got = input === null ? 'null' : Array.isArray(input) ? 'a list' : `a ${typeof input === 'object' ? 'JSON object' : typeof input}`;
  return wanted.length > 0 ? `must be ${wanted.join(' or ')}, not ${got}` : undefined;
}

export interface FieldIssue {
  /** Dotted path of the field, e.g. "availability.0.end"; "(body)" for the whole input. */
  readonly field: string;
  readonly message: string;
}

/**
 * Bounds on what an error answer repeats: a body with thousands of unknown keys, or a key of a
 * megabyte, must not come back as a megabyte of issues (nor fill a log or an event).
 */
export const MAX_ISSUES = 20;
export const MAX_FIELD_CHARS = 120;
export const MAX_MESSAGE_CHARS = 300;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}\u2026`;
}

/** At most MAX_ISSUES issues, each clipped, and a last one saying how many more there were. */
export function boundIssues(issues: readonly FieldIssue[]): FieldIssue[] {
  const kept = issues.slice(0, MAX_ISSUES).map((i) => ({ field: clip(i.field, MAX_FIELD_CHARS), message: clip(i.message, MAX_MESSAGE_CHARS) }));
  if (issues.length > MAX_ISSUES)
    kept.push({ field: '(more)', message: `${issues.length - MAX_ISSUES} more problems not listed: fix these and send it again to see the rest` });
  return kept;
}

/** zod issues -> one issue per field, unknown keys named one by one; bounded (boundIssues). */
export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return boundIssues(fieldIssuesOf(error));
}

/**
 * toFieldIssues before it is bounded, for a caller that adds issues of its own and bounds them all.
 * A size limit zod checks on a value of the wrong type (a list limit on a text, a length limit on a
 * list) is left out: the type is the problem, and a limit worded for the other type ("at most 28
 * characters" for a list of 28 windows) would mislead.
 */
export function fieldIssuesOf(error: z.ZodError): FieldIssue[] {
  const wrongType = new Set(error.issues.filter((i) => i.code === 'invalid_type').map((i) => pathKey(i.path)));
  const out: FieldIssue[] = [];
  for (const i of error.issues) {
    if ((i.code === 'too_big' || i.code === 'too_small') && wrongType.has(pathKey(i.path))) continue;
    const base = i.path.map(String);
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push({ field: [...base, k].join('.'), message: 'is not a known field' });
    } else {
      out.push({ field: base.join('.') || '(body)', message: i.message });
    }
    if (out.length > MAX_ISSUES * 50) break;
  }
  return out;
}

const pathKey = (path: readonly PropertyKey[]) => JSON.stringify(path.map(String));

/**
 * Whether each of these fields (paths inside the value a refinement checks) has no issue of its
 * own so far: a check that compares fields runs on values that are valid on their own, never adding
 * a second, wrong message to a value that already failed its own check ("9:00" is not a time, so
 * the end of the day is not "before the start"). A field whose object holds an issue (or is missing
 * as a whole) is not valid; an unknown key elsewhere does not count against it.
 */
export function fieldsValid(payload: z.core.ParsePayload, ...fields: readonly (readonly PropertyKey[])[]): boolean {
  if (payload.value === null || typeof payload.value !== 'object') return false;
  return !payload.issues.some((issue) => {
    if (issue.code === 'unrecognized_keys') return false;
    const at = (issue.path ?? []).map(String);
    return fields.some((field) => {
      const f = field.map(String);
      const shared = Math.min(at.length, f.length);
      return at.slice(0, shared).every((key, i) => key === f[i]);
    });
  });
}

/**
 * The `when` of a refinement that compares fields: it runs whatever else is wrong with the object
 * (so that HR sees every problem at once) and checks with fieldsValid that the fields it reads are valid.
 */
export function whenFieldsValid(...fields: readonly (readonly PropertyKey[])[]): (payload: z.core.ParsePayload) => boolean {
  return (payload) => fieldsValid(payload, ...fields);
}

/** "email must be a valid email address; role is required" */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field} ${i.message}`).join('; ');
}
