/**
 * Turns one row of the file into a typed record, or into precise problems: which column, which
 * value, and what was expected.
 */
import { resolveCountryName } from "./country-names.server";
import type { ImportKind } from "#db/schema";
import type { FieldDef } from "./fields";
import { fieldName, storedMessage, type StoredValue } from "./messages";
import { parseAmount, parseBoolean, parseCurrency, parseInteger, parseLicenceStatus, parseList, parseShare } from "./values";

export interface RowIssue {
  row: number;
  severity: "error" | "warning";
  column: string | null;
  value: string | null;
  /** A stored message (messages.ts): a catalog key and its values, read in the reader's language. */
  message: string;
}

/** Keeps messages readable when a cell holds a whole paragraph (or an attack). */
export function shown(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

/** Lists repeat the same few country spellings a million times: resolve each spelling once. */
const countryCache = new Map<string, CellResult<string>>();

function parseCountryCell(text: string): CellResult<string> {
  let cached = countryCache.get(text);
  if (!cached) {
    cached = resolveCountryCell(text);
    if (countryCache.size < 10_000) countryCache.set(text, cached);
  }
  return cached;
}

/** A cell that cannot be read: what was expected (a catalog key), or, for a country, the whole message about the value. */
type CellProblem = ({ ok: false; expected: string } | { ok: false; country: { key: string; values: Record<string, StoredValue> } }) & { item?: string };
type CellResult<T> = { ok: true; value: T } | CellProblem;

/** The country problem of a spelling, without the value (added where the cell is known). */
function resolveCountryCell(text: string): CellResult<string> {
  const match = resolveCountryName(text);
  if (match.ok) return { ok: true, value: match.code };
  if (match.ambiguous) {
    const countries = match.ambiguous.map((c): StoredValue => ({ country: c.alpha2, name: c.name }));
    return { ok: false, country: { key: "imports:problem.country.ambiguous", values: { countries: { list: countries, type: "disjunction" } } } };
  }
  if (match.suggestion) return { ok: false, country: { key: "imports:problem.country.suggestion", values: { country: { country: match.suggestion.alpha2, name: match.suggestion.name } } } };
  return { ok: false, country: { key: "imports:problem.country.unknown", values: {} } };
}

function parseCell(field: FieldDef, text: string): CellResult<CellValue> {
  switch (field.type) {
    case "id":
    case "text":
      return { ok: true, value: text };
    case "country":
      return parseCountryCell(text);
    case "countries": {
      const codes: string[] = [];
      for (const item of parseList(text)) {
        const c = parseCountryCell(item);
        // The item named in the message is the one that is wrong, not the whole list.
        if (!c.ok) return { ...c, item };
        if (!codes.includes(c.value)) codes.push(c.value);
      }
      return { ok: true, value: codes };
    }
    case "list":
      return { ok: true, value: parseList(text) };
    case "integer": {
      const n = parseInteger(text);
      if (n.ok && n.value < 0) return { ok: false, expected: "imports:expected.notNegative" };
      return n;
    }
    case "amount": {
      const n = parseAmount(text);
      if (n.ok && n.value < 0) return { ok: false, expected: "imports:expected.amountNotNegative" };
      return n;
    }
    case "share":
      return parseShare(text);
    case "boolean":
      return parseBoolean(text);
    case "licenceStatus":
      return parseLicenceStatus(text);
    case "currency":
      return parseCurrency(text);
  }
}

/** The stored problem of a cell (messages.ts): the value, the field and what was expected, in the reader's language when read. */
function problem(kind: ImportKind, field: FieldDef, text: string, result: CellProblem): string {
  if ("country" in result) return storedMessage(result.country.key, { ...result.country.values, value: shown(result.item ?? text) });
  return storedMessage("imports:problem.notValid", { value: shown(text), field: fieldName(kind, field.key), expected: { key: result.expected } });
}

export interface MappedColumn {
  index: number;
  header: string;
  field: FieldDef;
  /** The list the field belongs to (its name in a problem is read from imports:field.<kind>.*). */
  kind: ImportKind;
}

export type CellValue = string | number | boolean | string[];

/**
 * Validates one row. `rowNumber` is the spreadsheet row (the header is row 1), which is what a
 * person sees when they open the file in Excel. The parsed value of `columns[i]` goes to
 * `parsed[i]` (undefined when empty), an array the caller reuses from row to row: this runs once
 * per row of a million-row file. Returns the row's problems (errors refuse the row, warnings do
 * not), or null when it has none.
 */
export function validateRow(cells: string[], columns: MappedColumn[], headerCount: number, rowNumber: number, parsed: (CellValue | undefined)[]): RowIssue[] | null {
  let issues: RowIssue[] | null = null;
  if (cells.length > headerCount && cells.slice(headerCount).some((c) => c.trim() !== "")) {
    return [
      {
        row: rowNumber,
        severity: "error",
        column: null,
        value: null,
        message: storedMessage("imports:problem.tooManyFields", { fields: cells.length, columns: headerCount }),
      },
    ];
  }
  if (cells.length < headerCount) {
    // A row cut short (a truncated export, a line break inside an unquoted value) is imported with
    // what it has, but never silently: its missing columns may hold what the score needs.
    issues = [
      {
        row: rowNumber,
        severity: "warning",
        column: null,
        value: null,
        message: storedMessage("imports:problem.cutShort", { fields: cells.length, columns: headerCount }),
      },
    ];
  }
  for (let i = 0; i < columns.length; i++) {
    const { index, header, field, kind } = columns[i]!;
    parsed[i] = undefined;
    const text = (cells[index] ?? "").trim();
    if (text === "") {
      if (field.required) (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: "", message: storedMessage("imports:problem.required", { field: fieldName(kind, field.key) }) });
      continue;
    }
    if (text.length > field.maxLength) {
      (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: shown(text), message: storedMessage("imports:problem.tooLong", { length: text.length, field: fieldName(kind, field.key), max: field.maxLength }) });
      continue;
    }
    if (text.includes("\u0000")) {
      // Past the first 64 KB the upload's binary check does not look; PostgreSQL text cannot hold
      // the character at all, and on SQLite it would be stored invisibly: refused on both.
      (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: shown(text.replaceAll("\u0000", "␀")), message: storedMessage("imports:problem.nul") });
      continue;
    }
    const result = parseCell(field, text);
    if (result.ok) parsed[i] = result.value;
    else (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: shown(text), message: problem(kind, field, text, result) });
  }
  return issues;
}
