import { z } from 'zod';
import './validation';

/**
 * Free text people type (names, departments, goals) is stored only if it is text a person can
 * read back: no control characters, no characters lost in decoding, not invisible. Otherwise
 * the intake says so instead of storing it (docs/decisions.md, "Intake data quality").
 */

// C0 controls, DEL and C1 controls. Tab, LF and CR are allowed in multi-line text only.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/u;
const CONTROL_MULTI_LINE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u;
// Bidirectional embeddings, overrides and isolates: they make text display in another order than
// it is stored ("Trojan Source"), so a name could read as someone else's in an admin's email.
// Right-to-left names need none of them; the plain marks (U+200E, U+200F) stay allowed.
const BIDI_CONTROL = /[\u202a-\u202e\u2066-\u2069]/u;
const BIDI_CONTROLS = /[\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text nobody can be asked to type again (a reply, a note sent from a form) without the direction
 * controls the intake refuses: the words stay, in the order they were written, so a partner's goal
 * or an admin's concern email shows what was typed (QA attack6: "invoice\u202Efdp.exe" read as ".pdf").
 */
export function withoutDirectionControls(text: string): string {
  return text.replace(BIDI_CONTROLS, '');
}
// What is left after removing format characters (zero-width space, joiners, BOM, bidi marks) and spaces.
const INVISIBLE = /[\p{Cf}\p{Z}\s]/gu;

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** U+FFFD is what a decoder writes for bytes it could not read; lone surrogates cannot be stored as UTF-8. */
export function hasUnreadableCharacters(text: string): boolean {
  return text.includes('\uFFFD') || LONE_SURROGATE.test(text);
}

export type TextProblem = 'control' | 'line-break' | 'unreadable' | 'invisible' | 'direction';

/** What is wrong with a text a person typed, if anything (the text is trimmed first). */
export function textProblem(text: string, lines: 'single' | 'multi'): TextProblem | undefined {
  if (hasUnreadableCharacters(text)) return 'unreadable';
  if (lines === 'single' && /[\r\n]/.test(text)) return 'line-break';
  if ((lines === 'single' ? CONTROL : CONTROL_MULTI_LINE).test(text)) return 'control';
  if (text.length > 0 && text.replace(INVISIBLE, '') === '') return 'invisible';
  if (BIDI_CONTROL.test(text)) return 'direction';
  return undefined;
}

export const TEXT_PROBLEM_MESSAGES: Record<TextProblem, string> = {
  unreadable:
    'contains a character that could not be read (shown as \uFFFD): the text was probably saved in another encoding than UTF-8; type it again or save the file as UTF-8',
  'line-break': 'must be on one line: remove the line break',
  control: 'contains a control character (such as NUL or a form feed) that cannot be shown: type the text again without it',
  invisible: 'contains only invisible characters: type the text itself',
  direction:
    'contains a text-direction control character (U+202A to U+202E or U+2066 to U+2069) that makes it display in another order than it is written: type the text again without it',
};

function textSchema(max: number, lines: 'single' | 'multi') {
  return (
    z
      .string()
      .trim()
      // One form for one text (NFC: "é" one character, as people count it, not "e" and an accent as
      // macOS may send it), so that the length limit counts what people see and a repeat enrolment
      // of the same name is the same answer.
      .normalize('NFC')
      .min(1, 'must not be empty')
      .max(max, `must be at most ${max} characters`)
      .superRefine((text, ctx) => {
        const problem = textProblem(text, lines);
        if (problem) ctx.addIssue({ code: 'custom', message: TEXT_PROBLEM_MESSAGES[problem] });
      })
  );
}

/** A name, a department, an id: one line of readable text. */
export const singleLineText = (max: number) => textSchema(max, 'single');
/** Goals and notes: line breaks and tabs allowed, other control characters not. */
export const multiLineText = (max: number) => textSchema(max, 'multi');
