/**
 * Turns one row of the file into a typed record, or into precise problems: which column, which
 * value, and what was expected.
 */
import { resolveCountryName } from "./country-names.server";
import type { FieldDef } from "./fields";
import { parseAmount, parseBoolean, parseCurrency, parseInteger, parseLicenceStatus, parseList, parseShare, type Parsed } from "./values";

export interface RowIssue {
  row: number;
  severity: "error" | "warning";
  column: string | null;
  value: string | null;
  message: string;
}

/** Keeps messages readable when a cell holds a whole paragraph (or an attack). */
export function shown(value: string): string {
  const oneLine = value.replace(/\s+/g, " ");
  return oneLine.length > 60 ? `${oneLine.slice(0, 57)}…` : oneLine;
}

/** Lists repeat the same few country spellings a million times: resolve each spelling once. */
const countryCache = new Map<string, Parsed<string>>();

function parseCountryCell(text: string): Parsed<string> {
  let cached = countryCache.get(text);
  if (!cached) {
    cached = resolveCountryCell(text);
    if (countryCache.size < 10_000) countryCache.set(text, cached);
  }
  return cached;
}

/** A country problem is a whole message about the value, written with `{value}` where it goes. */
const COUNTRY_MESSAGE = "__country__";

function resolveCountryCell(text: string): Parsed<string> {
  const match = resolveCountryName(text);
  if (match.ok) return { ok: true, value: match.code };
  if (match.ambiguous) {
    const names = match.ambiguous.map((c) => `${c.name} (${c.alpha2})`);
    return { ok: false, expected: `${COUNTRY_MESSAGE}"{value}" can mean more than one country — ${names.slice(0, -1).join(", ")} or ${names.at(-1)}: use the ISO code of the one you mean` };
  }
  const hint = match.suggestion ? ` — did you mean ${match.suggestion.name} (${match.suggestion.alpha2})?` : " — use an ISO code such as MY or the English name";
  return { ok: false, expected: `${COUNTRY_MESSAGE}"{value}" is not a known country${hint}` };
}

function parseCell(field: FieldDef, text: string): Parsed<string | number | boolean | string[]> {
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
        if (!c.ok) return { ok: false, expected: c.expected.replace("{value}", shown(item)) };
        if (!codes.includes(c.value)) codes.push(c.value);
      }
      return { ok: true, value: codes };
    }
    case "list":
      return { ok: true, value: parseList(text) };
    case "integer": {
      const n = parseInteger(text);
      if (n.ok && n.value < 0) return { ok: false, expected: "a number of zero or more, not a negative number" };
      return n;
    }
    case "amount": {
      const n = parseAmount(text);
      if (n.ok && n.value < 0) return { ok: false, expected: "an amount of zero or more" };
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

function problem(field: FieldDef, text: string, expected: string): string {
  if (expected.startsWith(COUNTRY_MESSAGE)) return expected.slice(COUNTRY_MESSAGE.length).replace("{value}", shown(text));
  return `"${shown(text)}" is not valid for ${field.label.toLowerCase()}: expected ${expected}`;
}

export interface MappedColumn {
  index: number;
  header: string;
  field: FieldDef;
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
        message: `this row has ${cells.length} fields but the header has ${headerCount} columns — a value probably contains an unquoted delimiter`,
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
        message: `this row has ${cells.length} of ${headerCount} columns — it may have been cut off (the missing columns are read as empty)`,
      },
    ];
  }
  for (let i = 0; i < columns.length; i++) {
    const { index, header, field } = columns[i]!;
    parsed[i] = undefined;
    const text = (cells[index] ?? "").trim();
    if (text === "") {
      if (field.required) (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: "", message: `${field.label.toLowerCase()} is required but empty` });
      continue;
    }
    if (text.length > field.maxLength) {
      (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: shown(text), message: `the value is ${text.length.toLocaleString("en-GB")} characters long; ${field.label.toLowerCase()} allows at most ${field.maxLength}` });
      continue;
    }
    if (text.includes("\u0000")) {
      // Past the first 64 KB the upload's binary check does not look; PostgreSQL text cannot hold
      // the character at all, and on SQLite it would be stored invisibly: refused on both.
      (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: shown(text.replaceAll("\u0000", "␀")), message: `the value contains a NUL character (code 0, shown as ␀), which is not text — the file may be damaged or partly binary` });
      continue;
    }
    const result = parseCell(field, text);
    if (result.ok) parsed[i] = result.value;
    else (issues ??= []).push({ row: rowNumber, severity: "error", column: header, value: shown(text), message: problem(field, text, result.expected) });
  }
  return issues;
}
