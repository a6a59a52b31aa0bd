/** A CSV cell: text, a number, a flag, or nothing (an empty cell). */
export type CsvCell = string | number | boolean | null;

// A spreadsheet runs a cell starting with one of these as a formula (CSV injection); tab and CR too in some.
const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * One cell as RFC 4180 text. Text that a spreadsheet would read as a formula gets a leading `'`
 * so it shows as typed (category names and display names are user input). Numbers are written
 * as they are, a negative slope included: they are ours, not typed by anyone.
 */
export const csvCell = (cell: CsvCell): string => {
  if (cell === null) return '';
  if (typeof cell !== 'string') return String(cell);
  const safe = FORMULA_START.test(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
};

/** Rows as RFC 4180 CSV: comma-separated, CRLF after every record. */
export const toCsv = (rows: ReadonlyArray<readonly CsvCell[]>): string => rows.map((row) => `${row.map(csvCell).join(',')}\r\n`).join('');
