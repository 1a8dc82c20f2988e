/**
 * Writing CSV that is safe to open in a spreadsheet: a cell that starts with = + - @, a tab or a
 * carriage return would be run as a formula by Excel or LibreOffice (CSV injection), so it is
 * prefixed with an apostrophe, which spreadsheets show as text.
 */
import Papa from "papaparse";

const FORMULA_START = /^[=+\-@\t\r]/;

export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV lines (CRLF, every field quoted when needed) from rows of cells, each cell neutralised. */
export function toCsv(rows: string[][], delimiter = ","): string {
  return Papa.unparse(rows.map((r) => r.map(neutraliseCell)), { newline: "\r\n", delimiter }) + "\r\n";
}
