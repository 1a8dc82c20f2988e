/**
 * Writing CSV that is safe to open in a spreadsheet (CSV injection, OWASP guidance). A cell whose
 * first non-blank character is = + - @ (or their full-width forms), or that starts with a tab or
 * a carriage return, would be run as a formula by Excel or LibreOffice, so it is prefixed with an
 * apostrophe, which spreadsheets show as text.
 *
 * Exception: a cell that is a plain number ("-12.5", "+3", "1e-3") is left as it is. A number
 * cannot run anything, and neutralising it would turn every negative figure into text that sorts
 * and sums wrongly, and corrupt an error report that is fixed and uploaded again.
 *
 * A cell holding any common separator (, ; tab |) is quoted, not only one holding the file's own
 * delimiter: a file written with "," and opened where ";" is the list separator would otherwise
 * split `a;=cmd` into a formula cell `=cmd`.
 */
import Papa from "papaparse";

const FORMULA_START = /^(?:[\t\r]|[\s\u3000]*[=+\-@\uFF1D\uFF0B\uFF0D\uFF20])/u;
const ANY_SEPARATOR = /[,;\t|]/;
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function neutraliseCell(value: string): string {
  if (PLAIN_NUMBER.test(value)) return value;
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV lines (CRLF, fields quoted when needed) from rows of cells, each cell neutralised. */
export function toCsv(rows: string[][], delimiter = ","): string {
  return Papa.unparse(rows.map((r) => r.map(neutraliseCell)), { newline: "\r\n", delimiter, quotes: (value: unknown) => typeof value === "string" && ANY_SEPARATOR.test(value) }) + "\r\n";
}
