/**
 * What the supplier and recruiter lists share in reading their query string and their rows: the
 * text search, the risk-band filter, the score sort and the page arithmetic. Each list keeps its
 * own filters, columns and access plans; what lives here is the logic that must mean the same on
 * both lists (a band filter, a search or a "lowest risk first" that behaved differently on one of
 * them would be a bug nobody sees), so that it is written once.
 */
import { asc, desc, inArray, isNull, or, sql, type Column, type SQL, type SQLWrapper } from "drizzle-orm";
import type { BandFilter } from "./risk/band-filters";
import type { Band } from "./risk/types";

export type SortDir = "asc" | "desc";

/* Reading the query string: anything malformed falls back to "no filter", never an error. */

/** A query-string text, trimmed and cut to `max` characters ("" when absent). */
export const queryText = (value: string | null, max = 200): string => (value ?? "").trim().slice(0, max);

/** The requested page; 1 when absent or not a whole number above 0. */
export function queryPage(params: URLSearchParams): number {
  const page = Number(params.get("page") ?? "1");
  return Number.isSafeInteger(page) && page > 0 ? page : 1;
}

/** The requested direction, else the direction the sort starts in. */
export function queryDir(params: URLSearchParams, fallback: SortDir): SortDir {
  const dir = params.get("dir");
  return dir === "asc" || dir === "desc" ? dir : fallback;
}

/* Filters. */

/** Escapes LIKE wildcards so that a search for "50%" means the text "50%". */
export const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** The column's text contains `q` (as text: % and _ are not wildcards). */
export const contains = (column: SQLWrapper, q: string): SQL => sql`${column} like ${likePattern(q)} escape '\\'`;

/** Any of the columns contains `q`: the lists' search box (name, id, and so on). */
export const anyContains = (q: string, ...columns: SQLWrapper[]): SQL => or(...columns.map((column) => contains(column, q)))!;

/**
 * The risk-band filter: in one of the chosen bands, or not scored yet for "none" (an unscored
 * row has no band, so "none" tests the score). Undefined when no band is chosen.
 */
export function bandCondition(bands: readonly BandFilter[], band: Column, score: Column): SQL | undefined {
  const named = bands.filter((b): b is Band => b !== "none");
  const parts: SQL[] = [];
  if (named.length) parts.push(inArray(band, named));
  if (bands.includes("none")) parts.push(isNull(score));
  return parts.length <= 1 ? parts[0] : or(...parts);
}

/* Sorting, always ending on the id so that pages never overlap. */

/**
 * Highest or lowest score first, unscored rows last either way: descending, SQLite's
 * nulls-first-when-ascending already puts them last (so an index on the score serves the
 * order); ascending, they are put last explicitly. `term` lets a caller write the sort term
 * differently (the supplier list writes `+column` to keep the planner off the index).
 */
export function scoreOrder(dir: SortDir, score: Column, id: Column, term: (column: Column) => SQLWrapper = (column) => column): SQL[] {
  return dir === "desc" ? [desc(term(score)), desc(id)] : [sql`${score} is null`, asc(score), asc(id)];
}

/** By one column in the given direction, then by id the same way. */
export function columnOrder(dir: SortDir, column: Column, id: Column, term: (column: Column) => SQLWrapper = (c) => c): SQL[] {
  const d = dir === "asc" ? asc : desc;
  return [d(term(column)), d(id)];
}

/* Paging. */

/** The page to show of `total` rows: the requested one, held within 1..pages (a page past the end shows the last). */
export function pageOf(total: number, requested: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested)), pages);
  return { pages, page, offset: (page - 1) * size };
}
