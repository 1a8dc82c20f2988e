/**
 * Reading a company's suppliers: the overview, the filtered and sorted list (and its CSV export),
 * and one supplier with its score, breakdown, history and recruiters. Every query is scoped to the
 * organisation the permission module allowed; a supplier of another organisation is never
 * returned (404, as for one that does not exist).
 *
 * Speed (100k suppliers per company, see the brief's benchmark): the list reads only the
 * denormalised current-score columns (no join), sorts along an index wherever one exists
 * (org+score, org+name, org+country) so that a page stops after 50 rows, and the filter choices
 * (countries, sectors) are read by seeking through the org+country / org+sector indexes.
 */
import Database from "better-sqlite3";
import { and, asc, count, desc, eq, inArray, isNull, sql, type Column, type SQL } from "drizzle-orm";
import { engineKind, postgresPool, rawColumn, rawGet, registerTextFunctions, type Db } from "#db/client";
import { contests, recruiters, supplierRecruiters, suppliers } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { bandCondition, columnOrder, contains, nameOrder, pageOf, queryDir, queryPage, queryText, scoreOrder, searchCondition, searchIndexCount, searchIndexCountSql, ftsQuery, usesSearchIndex, type SortDir } from "../list-query.server";
import { parseBandFilters, type BandFilter } from "../risk/band-filters";
import { scoreHistory, storedScore } from "../risk/score-history.server";
import { NotFound } from "../errors";
import { firstRow } from "#db/client";

export const PAGE_SIZE = 50;

/* ------------------------------------------------------------------------------------------ *
 * The list: query parsing (shared by the page and the CSV export), filters, sorting, paging.
 * ------------------------------------------------------------------------------------------ */

export const SUPPLIER_SORTS = ["score", "name", "country", "workers", "updated"] as const;
export type SupplierSort = (typeof SUPPLIER_SORTS)[number];

/** The direction a column sorts in when first clicked. */
export const DEFAULT_DIR: Record<SupplierSort, SortDir> = { score: "desc", name: "asc", country: "asc", workers: "desc", updated: "desc" };

export interface SupplierQuery {
  q: string;
  bands: BandFilter[];
  country: string;
  sector: string;
  product: string;
  redFlags: boolean;
  recruiterId: number | null;
  sort: SupplierSort;
  dir: SortDir;
  page: number;
  /** The reader's language, for the name sort's collation (not from the query string). */
  language?: string;
}

/** Reads the list's query string; anything malformed falls back to "no filter", never an error. */
export function parseSupplierQuery(params: URLSearchParams): SupplierQuery {
  const sortParam = params.get("sort");
  const sort: SupplierSort = (SUPPLIER_SORTS as readonly string[]).includes(sortParam ?? "") ? (sortParam as SupplierSort) : "score";
  const recruiter = params.get("recruiter") ?? "";
  const country = queryText(params.get("country"), 2).toUpperCase();
  return {
    q: queryText(params.get("q")),
    bands: parseBandFilters(params),
    country: /^[A-Z]{2}$/.test(country) ? country : "",
    sector: queryText(params.get("sector")),
    product: queryText(params.get("product")),
    redFlags: params.get("redFlags") === "1" || params.get("redFlags") === "on",
    recruiterId: /^\d{1,15}$/.test(recruiter) && Number(recruiter) > 0 ? Number(recruiter) : null,
    sort,
    dir: queryDir(params, DEFAULT_DIR[sort]),
    page: queryPage(params),
  };
}

/**
 * The query as URL parameters (for links: pages, sort headers, the CSV export), leaving out
 * defaults so that URLs stay short.
 */
export function supplierQueryParams(query: SupplierQuery, options: { page?: boolean; sort?: boolean } = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (query.q) out.q = query.q;
  if (query.bands.length) out.band = query.bands;
  if (query.country) out.country = query.country;
  if (query.sector) out.sector = query.sector;
  if (query.product) out.product = query.product;
  if (query.redFlags) out.redFlags = "1";
  if (query.recruiterId !== null) out.recruiter = String(query.recruiterId);
  if (options.sort !== false && (query.sort !== "score" || query.dir !== DEFAULT_DIR.score)) {
    out.sort = query.sort;
    out.dir = query.dir;
  }
  if (options.page && query.page > 1) out.page = String(query.page);
  return out;
}

export const hasFilters = (query: SupplierQuery): boolean => !!(query.q || query.bands.length || query.country || query.sector || query.product || query.redFlags || query.recruiterId !== null);

/**
 * How the list reads its rows, chosen from the filters (SQLite's planner, without statistics,
 * would otherwise walk the org's rows through an index in random order: four times slower than
 * reading the table in order).
 *
 * - "index": no filter, and a sort an index serves (score, name, country): the page reads the
 *   index in order and stops after one page.
 * - "seek": an equality on an indexed column (country, sector) or a recruiter narrows the rows
 *   through that index; the page is sorted from those.
 * - "search": a search term of 3+ characters (and no seek filter): its candidate rows come from
 *   the trigram index (suppliers_fts) by id; the organisation is checked on each (`+org_id`, so
 *   that the planner does not walk the organisation's index instead). Unless the index holds
 *   candidates for half the organisation's rows or more (a term nearly every row contains, or
 *   one common in other organisations' lists): reading that many ids one by one is slower than
 *   the "scan" (at 100k rows, a term every row holds: about twice as slow), which is used instead.
 *   `fts` says whether the search goes through the index (with "seek" too, when not that broad).
 * - "scan": only filters no index serves (short search, band, product, red flags), or a sort no index
 *   serves (workers, last update). The table is read
 *   in id order over the organisation's id span (rows of one organisation arrive in bulk, by
 *   import, so the span is dense); falls back to "seek"-like access if the span is sparse.
 */
type Plan = ({ kind: "index" } | { kind: "seek" } | { kind: "search" } | { kind: "scan"; lo: number; hi: number } | { kind: "sparse" } | { kind: "postgres" }) & { fts?: boolean };

/*
 * On PostgreSQL the plans above are not needed (its planner has statistics, and the searched
 * columns have trigram indexes of their own): the "postgres" plan is the plain query, without
 * SQLite's `+column` hints (a unary plus PostgreSQL has no text operator for) and id spans.
 */

/** Organisation id spans, remembered until the table's highest id changes (AUTOINCREMENT ids only grow). */
type Span = { tableMax: number; lo: number; hi: number; n: number };
const spans = new WeakMap<object, Map<number, Span>>();

const TABLE_MAX_SQL = "select max(id) as m from suppliers";
const ORG_SPAN_SQL = "select count(*) as n, min(id) as lo, max(id) as hi from suppliers where org_id = ?";

/** The remembered span of the organisation, or (with `row` read afresh) the span remembered from now on. */
function rememberedSpan(key: object, orgId: number, tableMax: number, row?: { n: number; lo: number | null; hi: number | null }): Span | undefined {
  let byOrg = spans.get(key);
  if (!byOrg) spans.set(key, (byOrg = new Map()));
  const cached = byOrg.get(orgId);
  if (!row) return cached && cached.tableMax === tableMax ? cached : undefined;
  const span = { tableMax, lo: row.lo ?? 0, hi: row.hi ?? -1, n: row.n };
  if (byOrg.size > 1000) byOrg.clear();
  byOrg.set(orgId, span);
  return span;
}

/** How many of the organisation's records are merged into another (decision 033). */
async function mergedCount(db: Db, orgId: number): Promise<number> {
  return Number((await rawGet<{ n: number }>(db, "select count(*) as n from suppliers where merged_into_id is not null and org_id = ?", orgId))?.n ?? 0);
}

async function orgSpan(db: Db, orgId: number): Promise<Span> {
  const tableMax = (await rawGet<{ m: number | null }>(db, TABLE_MAX_SQL))?.m ?? 0;
  return (
    rememberedSpan(db, orgId, tableMax) ??
    rememberedSpan(db, orgId, tableMax, (await rawGet<{ n: number; lo: number | null; hi: number | null }>(db, ORG_SPAN_SQL, orgId))!)!
  );
}

/** The same span, read on the export's own connection. */
function orgSpanOn(key: object, conn: Database.Database, orgId: number): Span {
  const tableMax = (conn.prepare(TABLE_MAX_SQL).get() as { m: number | null }).m ?? 0;
  return rememberedSpan(key, orgId, tableMax) ?? rememberedSpan(key, orgId, tableMax, conn.prepare(ORG_SPAN_SQL).get(orgId) as { n: number; lo: number | null; hi: number | null })!;
}

/** How many index candidates make a search cheaper as a scan: half the organisation's rows (at least 1,000). */
const searchLimit = (span: Span) => Math.max(1000, Math.ceil(span.n / 2));

/** The plan when it does not depend on the organisation's id span (undefined when it does). */
function planWithoutSpan(query: SupplierQuery, fts: boolean): Plan | undefined {
  if (query.country || query.sector || query.recruiterId !== null) return { kind: "seek", fts };
  if (fts) return { kind: "search", fts };
  const sortedByIndex = query.sort === "score" || query.sort === "name" || query.sort === "country";
  if (!(query.q || query.bands.length || query.product || query.redFlags) && sortedByIndex) return { kind: "index" };
  return undefined;
}

/** Read the span in order while at least a third of it is this organisation's. */
const spanPlan = (span: Span): Plan => (span.hi - span.lo + 1 <= Math.max(3 * span.n, 1000) ? { kind: "scan", lo: span.lo, hi: span.hi } : { kind: "sparse" });

/** Whether a search goes through the index: 3+ characters, and candidates for under half the organisation's rows. */
async function searchesIndex(db: Db, orgId: number, q: string): Promise<boolean> {
  if (!usesSearchIndex(q)) return false;
  const limit = searchLimit(await orgSpan(db, orgId));
  return (await searchIndexCount(db, "suppliers_fts", q, limit)) < limit;
}

async function planOf(db: Db, orgId: number, query: SupplierQuery): Promise<Plan> {
  if (engineKind(db) === "postgres") return { kind: "postgres" };
  const fts = await searchesIndex(db, orgId, query.q);
  return planWithoutSpan(query, fts) ?? spanPlan(await orgSpan(db, orgId));
}

/** planOf on the export's own connection (the snapshot its rows come from). */
function planOn(key: object, conn: Database.Database, orgId: number, query: SupplierQuery): Plan {
  let fts = false;
  if (usesSearchIndex(query.q)) {
    const limit = searchLimit(orgSpanOn(key, conn, orgId));
    fts = (conn.prepare(searchIndexCountSql("suppliers_fts")).pluck().get(ftsQuery(query.q), limit) as number) < limit;
  }
  return planWithoutSpan(query, fts) ?? spanPlan(orgSpanOn(key, conn, orgId));
}

function whereOf(orgId: number, query: SupplierQuery, plan: Plan): SQL {
  const conditions: SQL[] =
    plan.kind === "scan"
      ? [sql`${suppliers.id} between ${plan.lo} and ${plan.hi}`, sql`+${suppliers.orgId} = ${orgId}`]
      : plan.kind === "search"
        ? [sql`+${suppliers.orgId} = ${orgId}`]
        : [eq(suppliers.orgId, orgId)];
  // A record merged into another as a duplicate is in no list, count or export (decision 033).
  conditions.push(isNull(suppliers.mergedIntoId));
  if (query.q) conditions.push(searchCondition(query.q, plan.fts ? "suppliers_fts" : null, suppliers.id, suppliers.name, suppliers.externalId));
  const bands = bandCondition(query.bands, suppliers.riskBand, suppliers.riskScore);
  if (bands) conditions.push(bands);
  if (query.country) conditions.push(eq(suppliers.country, query.country));
  if (query.sector) conditions.push(eq(suppliers.sector, query.sector));
  // Products are a JSON array of strings; "contains" over its text is what people mean here.
  if (query.product) conditions.push(contains(suppliers.products, query.product));
  if (query.redFlags) conditions.push(sql`${suppliers.riskRedFlags} > 0`);
  if (query.recruiterId !== null) {
    conditions.push(sql`suppliers.id in (select sr.supplier_id from supplier_recruiters sr where sr.recruiter_id = ${query.recruiterId})`);
  }
  return and(...conditions)!;
}

/**
 * ORDER BY for each sort, always ending on the id so that pages never overlap. Unscored
 * suppliers and unknown worker counts come last; an unknown country first when ascending (as
 * its index orders it). Outside the "index" plan the terms are written `+column`, which keeps
 * the planner from walking a sort index through the whole organisation to avoid a small sort.
 */
function orderOf(query: SupplierQuery, plan: Plan): SQL[] {
  const col = (c: Column) => (plan.kind === "index" || plan.kind === "postgres" ? sql`${c}` : sql`+${c}`);
  const d = query.dir === "asc" ? asc : desc;
  switch (query.sort) {
    case "name":
      return nameOrder(query.dir, suppliers.name, suppliers.id, query.language ?? "en");
    case "country":
      return columnOrder(query.dir, suppliers.country, suppliers.id, col);
    case "workers":
      return [sql`${suppliers.workersTotal} is null`, d(suppliers.workersTotal), asc(suppliers.id)];
    case "updated":
      return [d(sql`coalesce(${suppliers.updatedAt}, ${suppliers.createdAt})`), d(suppliers.id)];
    case "score":
    default:
      return scoreOrder(query.dir, suppliers.riskScore, suppliers.id, col);
  }
}

/**
 * A time computed in SQL (a coalesce of time columns) as epoch milliseconds: the driver gives it
 * as the column's own driver value (SQLite: milliseconds; PostgreSQL: timestamptz text), so the
 * column decodes it.
 */
const epochMs = (column: Column) => (value: unknown): number => (column.mapFromDriverValue(value) as Date).getTime();

/** A list row's columns (the page's list and the API's list read the same). */
export const listColumns = {
  id: suppliers.id,
  externalId: suppliers.externalId,
  name: suppliers.name,
  country: suppliers.country,
  sector: suppliers.sector,
  products: suppliers.products,
  tier: suppliers.tier,
  workersTotal: suppliers.workersTotal,
  migrantShare: suppliers.migrantShare,
  riskScore: suppliers.riskScore,
  riskBand: suppliers.riskBand,
  riskConfidence: suppliers.riskConfidence,
  riskScoreLow: suppliers.riskScoreLow,
  riskScoreHigh: suppliers.riskScoreHigh,
  riskRedFlags: suppliers.riskRedFlags,
  updatedAt: sql<number>`coalesce(${suppliers.updatedAt}, ${suppliers.createdAt})`.mapWith(epochMs(suppliers.updatedAt)),
};

export type SupplierListRow = {
  id: number;
  externalId: string;
  name: string;
  country: string | null;
  sector: string | null;
  products: string[];
  tier: number | null;
  workersTotal: number | null;
  migrantShare: number | null;
  riskScore: number | null;
  riskBand: string | null;
  riskConfidence: number | null;
  riskScoreLow: number | null;
  riskScoreHigh: number | null;
  riskRedFlags: number;
  updatedAt: number;
};

export async function listSuppliers(db: Db, actor: Actor, orgId: number, options: Partial<SupplierQuery> = {}) {
  authorize(actor, "suppliers.view", { orgId });
  const query: SupplierQuery = { ...parseSupplierQuery(new URLSearchParams()), ...options };
  query.q = query.q.trim().slice(0, 200);
  const plan = await planOf(db, orgId, query);
  const where = whereOf(orgId, query, plan);
  // Without filters the organisation's size is known (remembered until a supplier is added), less
  // its merged duplicates (few, read through their partial index).
  const total = hasFilters(query) ? (firstRow(await db.select({ n: count() }).from(suppliers).where(where))?.n ?? 0) : (await orgSpan(db, orgId)).n - (await mergedCount(db, orgId));
  const { pages, page, offset } = pageOf(total, query.page, PAGE_SIZE);
  // Sort ids only, then read the page's rows: the sorter then moves small rows, not whole records.
  const ids = (await db
      .select({ id: suppliers.id })
      .from(suppliers)
      .where(where)
      .orderBy(...orderOf(query, plan))
      .limit(PAGE_SIZE)
      .offset(offset))
    .map((r) => r.id);
  const byId = new Map(
    (ids.length
      ? await db
                    .select(listColumns)
                    .from(suppliers)
                    .where(and(inArray(suppliers.id, ids), plan.kind === "postgres" ? eq(suppliers.orgId, orgId) : sql`+${suppliers.orgId} = ${orgId}`))
      : []
    ).map((r) => [r.id, r as SupplierListRow])
  );
  const rows = ids.flatMap((id) => byId.get(id) ?? []);
  return { query: { ...query, page }, q: query.q, page, pages, total, rows };
}

/** Distinct values of an indexed (org, column) pair, by seeking from one value to the next. */
async function distinctValues(db: Db, column: "country" | "sector", orgId: number, limit = 500): Promise<string[]> {
  return await rawColumn<string>(
    db,
    `with recursive v(x, n) as (
         select (select min(${column}) from suppliers where org_id = ?), 1
         union all
         select (select min(${column}) from suppliers where org_id = ? and ${column} > v.x), n + 1 from v where v.x is not null and n < ?
       ) select x from v where x is not null`,
    orgId,
    orgId,
    limit,
  );
}

/**
 * How many recruiters the filter's drop-down offers: a select of thousands is unusable and makes
 * every page heavy; beyond it, the recruiter's own page links to its suppliers.
 */
export const RECRUITER_CHOICES = 200;

/** The choices for the list's filters: countries and sectors present, and the org's recruiters. */
export async function supplierFilterChoices(db: Db, actor: Actor, orgId: number, selectedRecruiterId: number | null = null) {
  authorize(actor, "suppliers.view", { orgId });
  const recruiterRows = await db
      .select({ id: recruiters.id, name: recruiters.name, country: recruiters.country })
      .from(recruiters)
      .where(eq(recruiters.orgId, orgId))
      .orderBy(asc(recruiters.name), asc(recruiters.id))
      .limit(RECRUITER_CHOICES);
  const recruitersTotal = recruiterRows.length < RECRUITER_CHOICES ? recruiterRows.length : firstRow(await db.select({ n: count() }).from(recruiters).where(eq(recruiters.orgId, orgId)))?.n ?? 0;
  if (selectedRecruiterId !== null && !recruiterRows.some((r) => r.id === selectedRecruiterId)) {
    const selected = firstRow(await db
          .select({ id: recruiters.id, name: recruiters.name, country: recruiters.country })
          .from(recruiters)
          .where(and(eq(recruiters.orgId, orgId), eq(recruiters.id, selectedRecruiterId))));
    if (selected) recruiterRows.unshift(selected);
  }
  return { countries: await distinctValues(db, "country", orgId), sectors: await distinctValues(db, "sector", orgId), recruiters: recruiterRows, recruitersTotal };
}

/* ------------------------------------------------------------------------------------------ *
 * CSV export: every filtered row, streamed from its own read-only connection.
 * ------------------------------------------------------------------------------------------ */

export const EXPORT_HEADER = [
  "external_id",
  "name",
  "country",
  "sector",
  "products",
  "tier",
  "workers_total",
  "migrant_share",
  "female_share",
  "risk_score",
  "risk_band",
  "confidence",
  "red_flags",
  "red_flag_codes",
  "methodology_version",
  "score_computed_at",
  "inputs_hash",
];

export interface SupplierExport {
  fileName: string;
  header: string[];
  /** The next rows (at most `max`) as cells, not yet neutralised (toCsv does it); none once all are read or after close(). */
  read: (max: number) => Promise<string[][]>;
  /** Releases the export's connection (idempotent; reading to the end releases it too). */
  close: () => Promise<void>;
}

const cell = (v: unknown): string => (v === null || v === undefined ? "" : String(v));

/** A JSON list as the engine gives it: text on SQLite, already parsed on PostgreSQL. */
const jsonList = (v: unknown): string[] => (v === null || v === undefined || v === "" ? [] : typeof v === "string" ? (JSON.parse(v) as string[]) : (v as string[]));

/** One exported row's cells, from the values of exportStatement's columns in their order. */
function exportCells(values: unknown[]): string[] {
  const [externalId, name, country, sector, products, tier, workers, migrant, female, score, band, confidence, redFlags, codes, version, computedAt, hash] = values;
  return [
    cell(externalId),
    cell(name),
    cell(country),
    cell(sector),
    jsonList(products).join("; "),
    cell(tier),
    cell(workers),
    migrant === null ? "" : String(Math.round((migrant as number) * 1000) / 1000),
    female === null ? "" : String(Math.round((female as number) * 1000) / 1000),
    score === null ? "" : (score as number).toFixed(1),
    cell(band),
    confidence === null ? "" : String(Math.round((confidence as number) * 100) / 100),
    cell(redFlags),
    codes ? jsonList(codes).join("; ") : "",
    cell(version),
    // SQLite: epoch milliseconds; PostgreSQL (its driver's own parsing): a Date.
    computedAt === null || computedAt === undefined ? "" : new Date(computedAt as number | Date).toISOString(),
    cell(hash),
  ];
}

/** The export's statement (the list's filters and order, the score's columns), in the engine's SQL. */
function exportStatement(db: Db, orgId: number, query: SupplierQuery, plan: Plan) {
  return db
    .select({
      externalId: suppliers.externalId,
      name: suppliers.name,
      country: suppliers.country,
      sector: suppliers.sector,
      products: sql<string>`${suppliers.products}`,
      tier: suppliers.tier,
      workersTotal: suppliers.workersTotal,
      migrantShare: suppliers.migrantShare,
      femaleShare: suppliers.femaleShare,
      riskScore: suppliers.riskScore,
      riskBand: suppliers.riskBand,
      riskConfidence: suppliers.riskConfidence,
      riskRedFlags: suppliers.riskRedFlags,
      // Qualified by hand: drizzle writes a single-table query's columns unqualified, which inside
      // a subquery would name the subquery's own columns.
      redFlagCodes: sql<string>`(select r.red_flags from risk_scores r where r.id = suppliers.risk_score_id and r.org_id = suppliers.org_id)`,
      methodologyVersion: sql<string>`(select m.version from risk_scores r join methodologies m on m.id = r.methodology_id where r.id = suppliers.risk_score_id and r.org_id = suppliers.org_id)`,
      computedAt: sql<number>`(select r.computed_at from risk_scores r where r.id = suppliers.risk_score_id and r.org_id = suppliers.org_id)`,
      inputsHash: sql<string>`(select r.inputs_hash from risk_scores r where r.id = suppliers.risk_score_id and r.org_id = suppliers.org_id)`,
    })
    .from(suppliers)
    .where(whereOf(orgId, query, plan))
    .orderBy(...orderOf(query, plan))
    .toSQL();
}

/**
 * All suppliers the query selects, in the list's order, with their current score. The rows are
 * read by one statement on a connection of the export's own, which sees one consistent snapshot
 * for the statement's whole life (an import committing meanwhile does not tear the file), while
 * the server's own connections stay free for other requests as the file streams: on SQLite a
 * read-only connection in WAL mode, on PostgreSQL a pooled connection holding a cursor in a
 * read-only REPEATABLE READ transaction.
 */
export async function exportSuppliers(db: Db, actor: Actor, orgId: number, query: SupplierQuery, now = new Date()): Promise<SupplierExport> {
  authorize(actor, "suppliers.view", { orgId });
  const stamp = now.toISOString().slice(0, 16).replace(/[-:]/g, "").replace("T", "-");
  const fileName = `suppliers-${stamp}Z.csv`;
  return engineKind(db) === "postgres" ? { fileName, header: EXPORT_HEADER, ...(await exportOnPostgres(db, orgId, query)) } : { fileName, header: EXPORT_HEADER, ...exportOnSqlite(db, orgId, query) };
}

/**
 * PostgreSQL: the statement is a cursor, fetched a chunk at a time (ADR 022 has no streaming raw
 * helper, so the export takes its own connection from the pool, as on SQLite it opens its own).
 */
async function exportOnPostgres(db: Db, orgId: number, query: SupplierQuery): Promise<Pick<SupplierExport, "read" | "close">> {
  const built = exportStatement(db, orgId, query, await planOf(db, orgId, query));
  const connection = await postgresPool(db).connect();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    try {
      await connection.query("ROLLBACK");
    } finally {
      connection.release();
    }
  };
  try {
    await connection.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    await connection.query({ text: `DECLARE supplier_export NO SCROLL CURSOR FOR ${built.sql}`, values: built.params as unknown[] });
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
  const read = async (max: number): Promise<string[][]> => {
    if (closed || max < 1) return [];
    const { rows } = await connection.query<unknown[]>({ text: `FETCH ${Math.floor(max)} FROM supplier_export`, rowMode: "array" });
    if (rows.length < max) await close();
    return rows.map(exportCells);
  };
  return { read, close };
}

/** SQLite: a read-only connection of its own, stepping the statement as the rows are asked for. */
function exportOnSqlite(db: Db, orgId: number, query: SupplierQuery): Pick<SupplierExport, "read" | "close"> {
  const file = db.$client.name;
  const separate = !db.$client.memory && file !== "" && file !== ":memory:";
  const conn = separate ? new Database(file, { readonly: true, fileMustExist: true }) : db.$client;
  if (separate) {
    conn.pragma("busy_timeout = 5000");
    registerTextFunctions(conn);
  }
  let exportPlan: Plan;
  try {
    exportPlan = planOn(db, conn, orgId, query);
  } catch (error) {
    if (separate) conn.close();
    throw error;
  }
  const built = exportStatement(db, orgId, query, exportPlan);
  let closed = false;
  const statement = conn.prepare(built.sql).raw(true);
  // Without a file of its own (an in-memory database) the rows are read at once instead: an open
  // iterator would keep the shared connection busy between chunks.
  const source = (separate ? statement.iterate(...(built.params as unknown[])) : (statement.all(...(built.params as unknown[])) as unknown[][]).values()) as IterableIterator<unknown[]>;
  const closeNow = () => {
    if (closed) return;
    closed = true;
    source.return?.();
    if (separate) conn.close();
  };
  const read = (max: number): Promise<string[][]> => {
    const out: string[][] = [];
    while (!closed && out.length < max) {
      const r = source.next();
      if (r.done) {
        closeNow();
        break;
      }
      out.push(exportCells(r.value));
    }
    return Promise.resolve(out);
  };
  return { read, close: () => Promise.resolve(closeNow()) };
}

/* ------------------------------------------------------------------------------------------ *
 * One supplier.
 * ------------------------------------------------------------------------------------------ */

export async function supplierDetail(db: Db, actor: Actor, orgId: number, supplierId: number) {
  authorize(actor, "suppliers.view", { orgId });
  const supplier = firstRow(await db
      .select()
      .from(suppliers)
      .where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))));
  if (!supplier) throw new NotFound();
  const parentColumns = { id: suppliers.id, name: suppliers.name, externalId: suppliers.externalId, mergedIntoId: suppliers.mergedIntoId };
  const listed =
    supplier.parentId !== null
      ? firstRow(await db.select(parentColumns).from(suppliers).where(and(eq(suppliers.id, supplier.parentId), eq(suppliers.orgId, orgId))))
      : supplier.parentExternalId
        ? firstRow(await db.select(parentColumns).from(suppliers).where(and(eq(suppliers.orgId, orgId), eq(suppliers.externalId, supplier.parentExternalId))))
        : undefined;
  // A parent merged into another record (issue 20 item 6) is that record now: the link goes where
  // the workplace is kept, and says which record the list named. Read here rather than rewritten on
  // the children, so that undoing the merge needs nothing restored (merges are one step deep:
  // a record others were merged into cannot itself be merged).
  const keptParent = listed?.mergedIntoId ? firstRow(await db.select(parentColumns).from(suppliers).where(and(eq(suppliers.id, listed.mergedIntoId), eq(suppliers.orgId, orgId)))) : undefined;
  const parent = listed ? { ...(keptParent ?? listed), mergedFrom: keptParent ? { name: listed.name, externalId: listed.externalId } : null } : null;
  const score = await storedScore(db, orgId, "supplier", supplier.id, supplier.riskScoreId);
  const history = await scoreHistory(db, "supplier", supplier.id, 200);
  const links = await db
      .select({
        id: recruiters.id,
        name: recruiters.name,
        externalId: recruiters.externalId,
        country: recruiters.country,
        licenceNumber: recruiters.licenceNumber,
        licenceStatus: recruiters.licenceStatus,
        feesChargedToWorkers: recruiters.feesChargedToWorkers,
        feeAmount: recruiters.feeAmount,
        feeCurrency: recruiters.feeCurrency,
        certification: recruiters.certification,
        riskScore: recruiters.riskScore,
        riskBand: recruiters.riskBand,
        originCountry: supplierRecruiters.originCountry,
      })
      .from(supplierRecruiters)
      .innerJoin(recruiters, eq(recruiters.id, supplierRecruiters.recruiterId))
      .where(and(eq(supplierRecruiters.supplierId, supplier.id), eq(recruiters.orgId, orgId)))
      .orderBy(asc(recruiters.name), asc(recruiters.id), asc(supplierRecruiters.originCountry));
  // One line per recruiter, with the corridors it serves for this supplier.
  const byRecruiter = new Map<number, Omit<(typeof links)[number], "originCountry"> & { origins: string[] }>();
  for (const { originCountry, ...r } of links) {
    const entry = byRecruiter.get(r.id) ?? { ...r, origins: [] };
    if (originCountry) entry.origins.push(originCountry);
    byRecruiter.set(r.id, entry);
  }
  const corridors = links.map((l) => ({
    origin: l.originCountry || null,
    destination: supplier.country,
    recruiterId: l.id,
    recruiterName: l.name,
    licenceStatus: l.licenceStatus,
    feesChargedToWorkers: l.feesChargedToWorkers,
    feeAmount: l.feeAmount,
    feeCurrency: l.feeCurrency,
  }));
  const openContests =
    firstRow(await db
            .select({ n: count() })
            .from(contests)
            .where(and(eq(contests.supplierId, supplier.id), eq(contests.companyOrgId, orgId), eq(contests.status, "open"))))?.n ?? 0;
  return {
    supplier,
    parent,
    score,
    history,
    recruiters: [...byRecruiter.values()],
    corridors,
    openContests,
    canEdit: can(actor, "suppliers.edit", { orgId }),
  };
}
