/**
 * Reference tables as versioned sources: parsing and checking a table (with its `#` citation
 * lines), storing an edition, and loading the editions that ship with the platform.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { count } from "drizzle-orm";
import Papa from "papaparse";
import { inTransaction, type Db, firstRow, onlyRow, rawAll, rawColumn } from "#db/client";
import { productSynonyms, referenceRows, referenceSources, type ReferenceKind, type ReferenceStatus } from "#db/schema";
import { Invalid } from "../errors";
import { normaliseTerm } from "../risk/goods-matching";
import { countriesByAlpha2 } from "./countries.server";
import { KIND_SPECS } from "./reference-kinds";

export interface ParsedReference {
  citation: string;
  columns: string[];
  rows: { key: string; data: Record<string, string> }[];
}

const MAX_PROBLEMS = 20;

/** What is wrong with one cell; the page says it in the reader's language (admin:reference.csv.problem.*). */
export type TableProblem = { row: number; column: string } & (
  | { problem: "empty" }
  | { problem: "notCountry" | "notYesNo" | "notWholeNumber" | "notScore" | "notDate" | "notFloorBand"; value: string }
  | { problem: "notSubdivision"; value: string }
  | { problem: "duplicate"; earlier: number; key: string }
);

/**
 * A table refused for problems in its rows (the first MAX_PROBLEMS, row numbers as in a
 * spreadsheet). Its message is a catalog key; the problems are data for the page to put in words.
 */
export class ReferenceTableProblems extends Invalid {
  override name = "ReferenceTableProblems";
  constructor(
    readonly problems: TableProblem[],
    readonly truncated: boolean,
  ) {
    super("file", "admin:reference.csv.problems", { count: problems.length });
  }
}

/**
 * Checks a reference table and returns its citation and keyed rows, or throws an Invalid on
 * the `file` field (a ReferenceTableProblems listing the first problems, row numbers as in a
 * spreadsheet, counting the header after the `#` lines as row 1).
 */
export function parseReferenceCsv(kind: ReferenceKind, text: string): ParsedReference {
  const spec = KIND_SPECS[kind];
  const lines = text.replace(/^\uFEFF/, "").split(/\r?\n/);
  let first = 0;
  while (first < lines.length && lines[first]!.startsWith("#")) first++;
  const citation = lines
    .slice(0, first)
    .map((l) => l.replace(/^#\s?/, "").trim())
    .filter(Boolean)
    .join("\n");
  if (!citation) throw new Invalid("file", "admin:reference.csv.noCitation");
  const body = lines.slice(first).join("\n");
  if (!body.trim()) throw new Invalid("file", "admin:reference.csv.noTable");
  const parsed = Papa.parse<Record<string, string>>(body, { header: true, skipEmptyLines: "greedy", transformHeader: (h) => h.trim() });
  const columns = parsed.meta.fields ?? [];
  const missing = spec.required.filter((c) => !columns.includes(c));
  if (missing.length) {
    // Column names are the table's own (technical) words, listed as they are.
    throw new Invalid("file", columns.length ? "admin:reference.csv.missingColumns" : "admin:reference.csv.missingColumnsNoneFound", { count: missing.length, columns: missing.join(", "), found: columns.join(", ") });
  }
  if (parsed.data.length === 0) throw new Invalid("file", "admin:reference.csv.noRows");
  const problems: TableProblem[] = [];
  const countries = countriesByAlpha2();
  const seen = new Map<string, number>();
  const rows: ParsedReference["rows"] = [];
  parsed.data.forEach((raw, i) => {
    const row = i + 2;
    const data: Record<string, string> = {};
    for (const c of columns) data[c] = (raw[c] ?? "").trim();
    const problem = (p: TableProblem) => problems.length < MAX_PROBLEMS && problems.push(p);
    for (const c of spec.nonEmpty) if (!data[c]) problem({ row, column: c, problem: "empty" });
    if (spec.country && data[spec.country] && !countries.has(data[spec.country]!.toUpperCase())) problem({ row, column: spec.country, problem: "notCountry", value: data[spec.country]! });
    for (const c of spec.yesNo ?? []) if (data[c] && !/^(yes|no)$/i.test(data[c]!)) problem({ row, column: c, problem: "notYesNo", value: data[c]! });
    for (const c of spec.integers ?? []) if (data[c] && !/^\d+$/.test(data[c]!)) problem({ row, column: c, problem: "notWholeNumber", value: data[c]! });
    if (kind === "country_index") {
      const value = Number(data.value);
      if (!data.value || !Number.isFinite(value) || value < 0 || value > 100) problem({ row, column: "value", problem: "notScore", value: data.value ?? "" });
    }
    if (kind === "regions") {
      const code = (data.iso_3166_2 ?? "").toUpperCase();
      if (data.iso_3166_2 && !new RegExp(`^${(data.country ?? "").toUpperCase()}-[A-Z0-9]{1,3}$`).test(code)) problem({ row, column: "iso_3166_2", problem: "notSubdivision", value: data.iso_3166_2 });
      if (data.floor_band && !/^(low|medium|high|critical)$/.test(data.floor_band)) problem({ row, column: "floor_band", problem: "notFloorBand", value: data.floor_band });
    }
    if (kind === "watchlist" && data.listed_on && !/^\d{4}-\d{2}-\d{2}$/.test(data.listed_on)) problem({ row, column: "listed_on", problem: "notDate", value: data.listed_on });
    if (spec.nonEmpty.every((c) => data[c])) {
      const key = spec.key(data);
      const earlier = seen.get(key);
      if (earlier) problem({ row, column: spec.required[0]!, problem: "duplicate", earlier, key });
      else seen.set(key, row);
      rows.push({ key, data });
    }
  });
  if (problems.length) throw new ReferenceTableProblems(problems, problems.length >= MAX_PROBLEMS);
  return { citation, columns, rows };
}

/** Stores a checked edition with its rows (as `pending` for an upload, `active` for the built-ins). */
export async function storeReference(
  db: Db,
  meta: { kind: ReferenceKind; name: string; edition: string; fileName: string; fileSha256: string; status: ReferenceStatus; loadedBy: number | null },
  parsed: ParsedReference,
): Promise<number> {
  return await inTransaction(db, async () => {
      const source = onlyRow(await db
            .insert(referenceSources)
            .values({ ...meta, citation: parsed.citation, rowCount: parsed.rows.length, activatedAt: meta.status === "active" ? new Date() : null })
            .returning({ id: referenceSources.id }));
      // Thousands of rows: multi-row inserts of 500 (1,500 parameters, within both engines' limits).
      for (let i = 0; i < parsed.rows.length; i += 500) {
        await db.insert(referenceRows).values(parsed.rows.slice(i, i + 500).map((r) => ({ sourceId: source.id, key: r.key, data: r.data })));
      }
      return source.id;
    });
}

export const BUILT_IN_REFERENCES: { kind: ReferenceKind; file: string; name: string; edition: string }[] = [
  { kind: "countries", file: "iso3166_1_countries.csv", name: "ISO 3166-1 countries", edition: "iso-codes 4.15.0" },
  { kind: "tvpra_goods", file: "dol_ilab_tvpra_goods_2022.csv", name: "DOL TVPRA list", edition: "2022" },
  { kind: "country_findings", file: "dol_ilab_findings_2022_countries.csv", name: "DOL ILAB Findings on the Worst Forms of Child Labor", edition: "2022" },
  { kind: "ilo_indicators", file: "ilo_forced_labour_indicators.csv", name: "ILO Indicators of Forced Labour", edition: "2012" },
  { kind: "uflpa_sectors", file: "us_uflpa_high_priority_sectors.csv", name: "UFLPA high-priority sectors", edition: "2025" },
  { kind: "regions", file: "regions.csv", name: "Sub-national region rules", edition: "2026-12" },
];

const REFERENCE_DIR = () => path.resolve(process.cwd(), "fixtures/reference");
export const SYNONYMS_FILE = "product_synonyms.csv";

/**
 * Loads the editions shipped in fixtures/reference for each kind that has none yet, and the
 * product synonyms when the table is empty. Quick when already done (two small queries).
 */
export async function ensureBuiltInReferences(db: Db): Promise<void> {
  const present = new Set(await rawColumn<string>(db, `select distinct kind from reference_sources`));
  for (const builtIn of BUILT_IN_REFERENCES) {
    if (present.has(builtIn.kind)) continue;
    const bytes = readFileSync(path.join(REFERENCE_DIR(), builtIn.file));
    const parsed = parseReferenceCsv(builtIn.kind, bytes.toString("utf8"));
    await storeReference(db, { kind: builtIn.kind, name: builtIn.name, edition: builtIn.edition, fileName: builtIn.file, fileSha256: createHash("sha256").update(bytes).digest("hex"), status: "active", loadedBy: null }, parsed);
  }
  if ((firstRow(await db.select({ n: count() }).from(productSynonyms))?.n ?? 0) > 0) return;
  const text = readFileSync(path.join(REFERENCE_DIR(), SYNONYMS_FILE), "utf8");
  const rows = Papa.parse<{ term: string; good: string }>(text.split(/\r?\n/).filter((l) => !l.startsWith("#")).join("\n"), { header: true, skipEmptyLines: true }).data;
  await inTransaction(db, async () => {
        for (const r of rows) await db.insert(productSynonyms).values({ term: normaliseTerm(r.term), good: r.good.trim() }).onConflictDoNothing();
      });
}

/** Rows of one edition, keyed. */
export async function referenceRowsOf(db: Db, sourceId: number): Promise<Map<string, Record<string, string>>> {
  const rows = await rawAll<{ key: string; data: string }>(db, `select key, data from reference_rows where source_id = ?`, sourceId);
  return new Map(rows.map(({ key, data }) => [key, JSON.parse(data) as Record<string, string>]));
}
