/**
 * The one way the product writes CSV (the monthly report today; any later export too), as
 * Turkish Excel opens it by double-click: UTF-8 with a BOM (else ç, ğ, ı, ş show as mojibake),
 * ';' between fields (',' is the decimal separator there), decimal comma, CRLF.
 *
 * A text cell comes from people (a subject an operator typed, a unit's name): one that begins
 * with `=`, `+`, `-`, `@`, a tab or a CR is a formula to Excel and LibreOffice, and
 * `=HYPERLINK(…)` or `@SUM(1+1)` would run when a team lead opens the file (CSV injection). Such
 * a cell gets a leading apostrophe, which makes the spreadsheet show it as text (OWASP's
 * advice). Numbers are typed as numbers, never text, so a negative figure stays a number.
 */

/** A number shown with a fixed count of decimals (`48,0`). */
export interface CsvDecimal {
  readonly value: number;
  readonly digits: number;
}

/** Text is always treated as untrusted; numbers are written as numbers; null is an empty cell. */
export type CsvCell = string | number | CsvDecimal | null;

export const decimal = (value: number, digits: number): CsvDecimal => ({ value, digits });

const SEPARATOR = ';';
const DECIMAL_SEPARATOR = ',';
const LINE_END = '\r\n';
const BOM = '\uFEFF';

/** What a spreadsheet reads as the start of a formula. */
const FORMULA_START = /^[=+\-@\t\r]/;
/** What needs the field quoted: the separator, a quote or a line break. */
const NEEDS_QUOTES = /[";\r\n]/;

const quoted = (text: string) => (NEEDS_QUOTES.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/** Text as a spreadsheet shows it, never as a formula: `=1+1` is written `'=1+1`. */
export function csvText(value: string): string {
  return quoted(FORMULA_START.test(value) ? `'${value}` : value);
}

function csvNumber(value: number, digits: number | null): string {
  if (!Number.isFinite(value)) return '';
  const text = digits === null ? String(value) : value.toFixed(digits);
  return quoted(text.replace('.', DECIMAL_SEPARATOR));
}

export function csvCell(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return csvText(cell);
  if (typeof cell === 'number') return csvNumber(cell, null);
  return csvNumber(cell.value, cell.digits);
}

/** A whole file: BOM, one line per row, each line ended by CRLF. */
export function csvDocument(rows: ReadonlyArray<ReadonlyArray<CsvCell>>): string {
  return BOM + rows.map((row) => row.map(csvCell).join(SEPARATOR) + LINE_END).join('');
}
