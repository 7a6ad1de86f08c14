/**
 * Writing CSV that people open in a spreadsheet (RFC 4180: cells quoted when they need to be,
 * CRLF line ends). A cell that starts with "=", "+", "-", "@", a tab or a carriage return is a
 * formula to Excel, LibreOffice and Google Sheets ("CSV injection"), so such text gets a leading
 * apostrophe: the spreadsheet shows it as text, and the value we store stays as typed. So does
 * such text after a semicolon or a tab inside a cell, where a spreadsheet that splits at them
 * starts a new cell, and such a cell is quoted. Numbers
 * (and text that is a plain number, such as "-5") stay numbers. Every CSV we write goes through here.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell, neutralised and quoted as needed. Booleans are written yes/no; empty values as nothing. */
export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const raw = String(value);
  const leading = FORMULA_START.test(raw) && !PLAIN_NUMBER.test(raw) ? `'${raw}` : raw;
  // Spreadsheets in many locales split a .csv at ";" (and may be told to split at tabs), ignoring
  // our quotes, so a formula after one would start its own cell there: it gets the apostrophe too,
  // and the cell is quoted for readers that split at commas (QA attacker4, verify23).
  const text = leading.replace(/([;\t])(?=[=+\-@])/g, "$1'");
  return /[",;\t\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header and rows. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/** A file for download: with a byte-order mark, so that spreadsheets read it as UTF-8. */
export function csvDocument(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${toCsv(header, rows)}`;
}
