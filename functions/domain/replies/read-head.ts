/**
 * The reading of a reply (stripReply, interpretReply, concernBelow) looks at its first 64 KB of
 * text only. The answer is read from the top, a note is kept up to 4,000 characters and a concern
 * up to 20,000, so nothing further down changes what is recorded; and the reading's many passes
 * over the text must not grow with a 10 MB body (QA: a 9.5 MB reply took the inbound Lambda past
 * its 60 s timeout). The cut is at a line's end (inside a very long line), and marked by a line
 * of its own, so a note or a concern that reaches it shows where the reading stopped.
 */
export const MAX_READ_CHARS = 64 * 1024;

/** Words only: no digit, negation or command that a reader could take for part of an answer. */
export const READ_CUT_MARK = '[cut here: the reply was too long to be read in full]';

/**
 * The text itself when it is at most MAX_READ_CHARS long; else its head up to the last line break
 * that fits (or inside a line longer than half the head), and the mark on a line of its own:
 * MAX_READ_CHARS at most in all, so cutting again changes nothing.
 */
export function readableHead(text: string): string {
  if (text.length <= MAX_READ_CHARS) return text;
  const room = MAX_READ_CHARS - READ_CUT_MARK.length - 1;
  const lineEnd = text.lastIndexOf('\n', room);
  // A very long line ("YES" and a whole text without a line break): cut inside it, so that the
  // head holds its start, never between the two halves of a surrogate pair.
  const inLine = lineEnd < room / 2;
  let end = inLine ? room : lineEnd;
  const last = text.charCodeAt(end - 1);
  if (inLine && last >= 0xd800 && last <= 0xdbff) end -= 1;
  return `${text.slice(0, end).trimEnd()}\n${READ_CUT_MARK}`;
}
