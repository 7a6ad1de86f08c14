/**
 * How an email shows a stored name. Names are stored as typed (docs/emails.md), and one that starts
 * as a spreadsheet formula does (= + - @: `=HYPERLINK("http://x.test","Click me")`) is no name to
 * put in a subject or a heading. Such a name shows as what a spreadsheet would show for it: the
 * label of a hyperlink ("Click me"), or the name it hides behind a stray sign ("-Ana Souza" is
 * "Ana Souza"); with nothing readable left, the email uses a stand-in (format.ts).
 */

/** Starts as a spreadsheet formula (OWASP's CSV injection signs; leading white space is trimmed first). */
const FORMULA_START = /^[=+\-@]/;

/** Text that reads as a name: letters, with spaces, apostrophes, hyphens, full stops and commas between; no more than a long name's length. */
const PLAIN_NAME = /^\p{L}[\p{L}\p{M} .,'\u2019-]{0,99}$/u;

/** The text in quotes a formula holds (`"` doubled inside one is a quote), typographic quotes too. */
const QUOTED = /"((?:[^"]|"")*)"|\u201C([^\u201D]*)\u201D/g;

/** Whether a stored name starts as a spreadsheet formula does. */
function isFormulaLike(name: string): boolean {
  return FORMULA_START.test(name.trim());
}

/**
 * A name as emails show it: as stored (trimmed), unless it starts as a formula: then the last
 * quoted text that reads as a name (a HYPERLINK's label comes after its address), or else the name
 * after the formula's signs when that reads as one; undefined when nothing readable is left
 * (`+SUM(1+1)*cmd|' /C calc'!A0`).
 */
export function readableName(name: string): string | undefined {
  const whole = name.trim();
  if (!isFormulaLike(whole)) return whole;
  const quoted = [...whole.matchAll(QUOTED)].map((m) => (m[1] ?? m[2] ?? '').replaceAll('""', '"').trim().replace(/\s+/g, ' '));
  const label = quoted.filter((q) => PLAIN_NAME.test(q)).at(-1);
  if (label !== undefined) return label;
  const rest = whole.replace(/^[=+\-@\s]+/, '');
  return PLAIN_NAME.test(rest) ? rest : undefined;
}
