import { HttpError, type HttpEvent } from './http';

/** One kind of id a route takes in its path: what a well-formed one is, and how a refusal reads. */
export interface PathIdRule {
  /** The path parameter, which the 400 names as its field: `id`, `programId`. */
  readonly param: string;
  readonly pattern: RegExp;
  /** The kind of id with its article, as the sentence reads it: "a participant", "an import". */
  readonly what: string;
  /** What a well-formed one is, in words that tell the caller how to fix theirs. */
  readonly rule: string;
  /** The issue's message. @default 'is not a valid id' */
  readonly issue?: string;
  /** How the caller's text is quoted back. @default at most 80 characters */
  readonly quote?: (value: string) => string;
}

/**
 * The id a route's path names, or a 400 naming its field when the id cannot be one of its kind:
 * only a well-formed id that names nothing is a 404 (docs/admin-api.md). A malformed id answered
 * 404 "there is none" on some routes, as if it might name something later (QA hr8, QA attack7).
 */
export function wellFormedPathId(event: HttpEvent, id: PathIdRule): string {
  const value = event.pathParameters?.[id.param] ?? '';
  if (!id.pattern.test(value)) {
    throw new HttpError(400, `"${(id.quote ?? shown)(value)}" is not ${id.what} id: ${id.what} id is ${id.rule}.`, [
      { field: id.param, message: id.issue ?? 'is not a valid id' },
    ]);
  }
  return value;
}

// The path is the caller's own text: a long one is not repeated whole.
const shown = (value: string) => (value.length > 80 ? `${value.slice(0, 79)}\u2026` : value);
