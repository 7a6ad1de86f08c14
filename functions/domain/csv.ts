/**
 * CSV that opens cleanly in spreadsheets (RFC 4180): every cell quoted when it needs to be,
 * CRLF line ends, and text that a spreadsheet would run as a formula neutralised (OWASP, CSV
 * injection): a cell starting with = + - @, a tab or a carriage return gets a leading apostrophe.
 * Numbers are written as numbers, so a negative score stays a number.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  let text = String(value);
  if (FORMULA_START.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header row, then the rows; a byte-order mark so that spreadsheets read UTF-8. */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}
