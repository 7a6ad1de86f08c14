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
      const got = iss.input === null ? 'null' : Array.isArray(iss.input) ? 'a list' : `a ${typeof iss.input}`;
      const want = iss.expected === 'array' ? 'a list' : `a ${iss.expected}`;
      return `must be ${want}, not ${got}`;
    }
    if (iss.code === 'unrecognized_keys') return 'is not a known field';
    if (iss.code === 'too_small' && iss.origin === 'string') return 'must not be empty';
    return undefined;
  },
});

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
  const out: FieldIssue[] = [];
  for (const i of error.issues) {
    const base = i.path.map(String);
    if (i.code === 'unrecognized_keys') {
      for (const k of i.keys) out.push({ field: [...base, k].join('.'), message: 'is not a known field' });
    } else {
      out.push({ field: base.join('.') || '(body)', message: i.message });
    }
    if (out.length > MAX_ISSUES * 50) break;
  }
  return boundIssues(out);
}

/** "email must be a valid email address; role is required" */
export function describeIssues(issues: readonly FieldIssue[]): string {
  return issues.map((i) => `${i.field} ${i.message}`).join('; ');
}
