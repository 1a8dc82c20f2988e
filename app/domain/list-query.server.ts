/**
 * What the supplier and recruiter lists share in reading their query string and their rows: the
 * text search, the risk-band filter, the score sort and the page arithmetic. Each list keeps its
 * own filters, columns and access plans; what lives here is the logic that must mean the same on
 * both lists (a band filter, a search or a "lowest risk first" that behaved differently on one of
 * them would be a bug nobody sees), so that it is written once.
 */
import { and, asc, inArray, is, isNull, or, sql, type Column, type SQL, type SQLWrapper } from "drizzle-orm";
import { PgColumn } from "drizzle-orm/pg-core";
import { rawColumn, type Db } from "#db/client";
import { foldForSearch, FOLD_PG, icuCollation } from "./collation";
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

/*
 * The engine a search runs on is the engine of the columns it is given: db/schema.ts hands this
 * process one engine's tables (ADR 022), so a PostgreSQL column means a PostgreSQL query. A SQL
 * expression that is not a column is taken to be SQLite's.
 */
const onPostgres = (column: SQLWrapper): boolean => is(column, PgColumn);

/**
 * A LIKE pattern for PostgreSQL's ILIKE that finds a superset of the folded search's rows, for the
 * trigram GIN indexes (migration 0003) to serve: ILIKE folds by the database's locale, which may be
 * C (ASCII only), so every character of the folded term that another character folds to (i from
 * İ and I, k from the Kelvin sign) or that is not ASCII is left as "_", any one character (the
 * fold keeps one character for one).
 */
function prefilterPattern(folded: string): string {
  const chars = [...folded].map((c) => (c === "i" || c === "k" || c > "\u007f" ? "_" : c.replace(/[\\%_]/g, (x) => `\\${x}`)));
  return `%${chars.join("")}%`;
}

/**
 * The column's text contains `q` (as text: % and _ are not wildcards), case folded Unicode-wide
 * with Turkish İ and ı as i (app/domain/collation.ts, decision 027). SQLite: its LIKE over
 * `ldd_fold` (a function db/client.ts gives every connection). PostgreSQL: ILIKE with a widened
 * pattern, which the trigram GIN indexes serve, then the ICU fold LIKE the folded pattern, which
 * decides. A JSON column (products) is searched in its text form.
 */
export function contains(column: SQLWrapper, q: string): SQL {
  const folded = foldForSearch(q);
  const pattern = likePattern(folded);
  if (!onPostgres(column)) return sql`ldd_fold(${column}) like ${pattern} escape '\\'`;
  const text = (column as PgColumn).columnType === "PgJsonb" ? sql`cast(${column} as text)` : sql`${column}`;
  return sql`(${text} ilike ${prefilterPattern(folded)} escape '\\' and lower(translate(${text}, 'İı', 'ii') collate "und-x-icu") like ${pattern} escape '\\')`;
}

/** Any of the columns contains `q`: the lists' search box (name, id, and so on). */
export const anyContains = (q: string, ...columns: SQLWrapper[]): SQL => or(...columns.map((column) => contains(column, q)))!;

/**
 * The same test in raw SQL (`rawAll` and friends), for a column written as SQL text: the condition
 * with `?` placeholders and its parameters, for the engine given (engineKind(db)).
 */
export function containsSql(engine: "sqlite" | "postgres", column: string, q: string): { sql: string; params: string[] } {
  const folded = foldForSearch(q);
  const pattern = likePattern(folded);
  if (engine === "sqlite") return { sql: `ldd_fold(${column}) like ? escape '\\'`, params: [pattern] };
  return { sql: `(${column} ilike ? escape '\\' and ${FOLD_PG(column)} like ? escape '\\')`, params: [prefilterPattern(folded), pattern] };
}

/*
 * On SQLite, the search box through the trigram FTS5 indexes (migration 0015: suppliers_fts over name and
 * external id, recruiters_fts over name, external id and licence number, kept in step by
 * triggers). A term of 3 or more characters finds its candidate rows in the index; the LIKE is
 * then still checked on those rows, so the results are exactly the LIKE's: the index folds case
 * Unicode-wide ("ü" finds "Ü") where SQLite's LIKE folds ASCII only, and without the re-check a
 * search would mean something else at 3 characters than at 2. Under 3 characters the trigram
 * index cannot answer (no trigram to look up): the LIKE alone, as before.
 *
 * On PostgreSQL there is no FTS5: the searched columns have trigram GIN indexes of their own
 * (pg_trgm, migrations-pg 0002-0003), which serve the ILIKE of `contains` directly, so a search
 * there is `anyContains` whatever its length, and the planner chooses between index and scan.
 */

/** The FTS5 tables over the lists' searched columns (rowid = the row's id). */
export type SearchIndex = "suppliers_fts" | "recruiters_fts";

/** Characters (code points, not UTF-16 units: what the trigram tokenizer counts) the index needs. */
export const TRIGRAM_MIN = 3;

/**
 * A character the index may fold otherwise than the search does: FTS5 leaves İ as it is (the
 * search folds it to i, as ı) and has its own table for the other cased letters beyond ASCII. A
 * trigram holding one is not asked of the index; the LIKE on the rows found decides.
 */
const foldsOtherwise = (c: string) => c === "i" || c === "k" || (c > "\u007f" && c.toLowerCase() !== c.toUpperCase());

/** The folded term's trigrams that the index can answer for (see foldsOtherwise). */
function searchTrigrams(q: string): string[] {
  const chars = [...foldForSearch(q)];
  const trigrams = new Set<string>();
  for (let i = 0; i + TRIGRAM_MIN <= chars.length; i++) {
    const trigram = chars.slice(i, i + TRIGRAM_MIN);
    if (!trigram.some(foldsOtherwise)) trigrams.add(trigram.join(""));
  }
  return [...trigrams];
}

/** Whether a (trimmed) term has a trigram the index can look up. */
export const usesSearchIndex = (q: string): boolean => searchTrigrams(q).length > 0;

/** One FTS5 string: in double quotes, a double quote doubled; nothing in it is query syntax. */
export const ftsString = (text: string): string => `"${text.replace(/"/g, '""')}"`;

/**
 * The FTS5 query for rows that may contain `q` (3+ characters): all of its trigrams, each an FTS5
 * string (so that nothing the person typed, quotes, `*`, `OR`, `NEAR`, `-`, `:`, `^`,
 * parentheses, is read as query syntax). The indexes keep no positions (detail=none), so this
 * asks for the trigrams, not for them in order: the LIKE checked on the rows found does that.
 */
export function ftsQuery(q: string): string {
  return searchTrigrams(q).map(ftsString).join(" AND ");
}

/** The ids of the rows whose indexed columns may contain `q` (a superset of the LIKE's; `q` of 3+ characters). */
export const inSearchIndex = (id: SQLWrapper, index: SearchIndex, q: string): SQL =>
  sql`${id} in (select rowid from ${sql.raw(index)} where ${sql.raw(index)} match ${ftsQuery(q)})`;

/**
 * How many candidate rows the index holds for `q`, counting no further than `limit` (so that it
 * stays cheap: reading the ids of a term most rows hold is what a caller wants to avoid). For a
 * planner's choice between the index and a scan; never changes what a search finds.
 */
export async function searchIndexCount(db: Db, index: SearchIndex, q: string, limit: number): Promise<number> {
  return (await rawColumn<number>(db, searchIndexCountSql(index), ftsQuery(q), limit))[0] ?? 0;
}

/** The SQL of searchIndexCount (parameters: the FTS query, the limit), for a caller on a connection of its own. */
export const searchIndexCountSql = (index: SearchIndex): string => `select count(*) from (select rowid from ${index} where ${index} match ? limit ?)`;

/**
 * The lists' search box: any of the columns contains `q` as text (% and _ literal, ASCII case
 * folded), through `index` when `q` is long enough (null: by LIKE alone, the caller having
 * chosen a scan). The columns must be the ones `index` covers (or fewer); the organisation
 * scoping stays the caller's, this only narrows by id.
 */
export function searchCondition(q: string, index: SearchIndex | null, id: SQLWrapper, ...columns: SQLWrapper[]): SQL {
  return index && usesSearchIndex(q) && !onPostgres(id) ? and(inSearchIndex(id, index, q), anyContains(q, ...columns))! : anyContains(q, ...columns);
}

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

/*
 * NULLs sort as SQLite sorts them, on both engines: first ascending, last descending. PostgreSQL
 * sorts them the other way round, so the order says it (`desc nulls last`, `asc nulls first`);
 * on SQLite that is its default, which its planner reads as the plain order (an index still
 * serves it).
 */
const nullsLikeSqlite = (term: SQLWrapper, dir: SortDir): SQL => (dir === "asc" ? sql`${term} asc nulls first` : sql`${term} desc nulls last`);

/**
 * Highest or lowest score first, unscored rows last either way: descending, nulls last (SQLite's
 * default, so an index on the score serves the order); ascending, they are put last explicitly.
 * `term` lets a caller write the sort term differently (the supplier list writes `+column` on
 * SQLite to keep the planner off the index).
 */
export function scoreOrder(dir: SortDir, score: Column, id: Column, term: (column: Column) => SQLWrapper = (column) => column): SQL[] {
  return dir === "desc" ? [nullsLikeSqlite(term(score), "desc"), sql`${id} desc`] : [sql`${score} is null`, asc(score), asc(id)];
}

/** By one column in the given direction (NULLs as SQLite sorts them), then by id the same way. */
export function columnOrder(dir: SortDir, column: Column, id: Column, term: (column: Column) => SQLWrapper = (c) => c): SQL[] {
  return [nullsLikeSqlite(term(column), dir), sql`${id} ${sql.raw(dir)}`];
}

/**
 * By name in the reader's collation (decision 027), then by id the same way: a total order, so
 * offset and keyset pages never overlap. PostgreSQL: the language's ICU collation. SQLite (no
 * collation of its own beyond code points): the sort key of app/domain/collation.ts, through the
 * `ldd_sort_key` function every connection has.
 */
export function nameOrder(dir: SortDir, column: Column, id: Column, language: string): SQL[] {
  const d = sql.raw(dir);
  if (onPostgres(column)) return [sql`${column} collate ${sql.raw(`"${icuCollation(language)}"`)} ${d}`, sql`${id} ${d}`];
  return [sql`ldd_sort_key(${column}, ${language}) ${d}`, sql`${id} ${d}`];
}

/* Paging. */

/** The page to show of `total` rows: the requested one, held within 1..pages (a page past the end shows the last). */
export function pageOf(total: number, requested: number, size: number) {
  const pages = Math.max(1, Math.ceil(total / size));
  const page = Math.min(Math.max(1, Math.floor(requested)), pages);
  return { pages, page, offset: (page - 1) * size };
}
