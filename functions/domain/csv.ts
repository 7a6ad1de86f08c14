/**
 * Writing CSV that people open in a spreadsheet. A cell that starts with "=", "+", "-", "@",
 * a tab or a carriage return is a formula to Excel, LibreOffice and Google Sheets ("CSV
 * injection"), so such text gets a leading apostrophe: the spreadsheet shows it as text and
 * the value we store stays as typed. Every CSV we write goes through `csvCell` or `toCsv`.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;

/** One cell, neutralised and quoted (RFC 4180) as needed. Numbers, booleans and empty values are written as they are. */
export function csvCell(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  const text = FORMULA_START.test(value) && !PLAIN_NUMBER.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: a header and rows, CRLF line ends as RFC 4180 says and spreadsheets expect. */
export function toCsv(header: readonly string[], rows: readonly (readonly (string | number | boolean | null | undefined)[])[]): string {
  return [header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
