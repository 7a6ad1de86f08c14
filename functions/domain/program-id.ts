import { z } from 'zod';

/** A program id: lowercase letters, digits and dashes, 2-63 characters (it appears in links and keys). */
export const PROGRAM_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,62}$/;

/** The rule in words, for every message that refuses an id: all of it, so that the fix is clear. */
export const PROGRAM_ID_RULE = '2 to 63 lowercase letters, digits and dashes, not starting with a dash';

export const programIdSchema = z.string().trim().regex(PROGRAM_ID_PATTERN, `must be a program id (${PROGRAM_ID_RULE})`);

/** True when `value` can be a program id; anything else names no program (and is never looked up). */
export function isProgramId(value: string): boolean {
  return PROGRAM_ID_PATTERN.test(value);
}

/** A program id as quoted back in a message: whatever was sent, at most 64 characters. */
export function quotedProgramId(value: string): string {
  return value.length > 64 ? `${value.slice(0, 63)}…` : value;
}
