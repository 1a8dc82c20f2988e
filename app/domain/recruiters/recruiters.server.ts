/**
 * Reading a company's labour recruiters: the filtered list and one recruiter with its score,
 * breakdown, history, the suppliers it places workers with, and its corridors. Scoped like the
 * suppliers (permission "suppliers.view" covers "the company's suppliers and recruiters"); a
 * recruiter of another organisation is a 404.
 */
import { and, asc, count, desc, eq, isNull, sql, type SQL } from "drizzle-orm";
import { engineKind, type Db } from "#db/client";
import { recruiters, supplierRecruiters, suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { bandCondition, nameOrder, pageOf, queryDir, queryPage, queryText, scoreOrder, searchCondition, usesSearchIndex, type SortDir } from "../list-query.server";
import { parseBandFilters, type BandFilter } from "../risk/band-filters";
import { scoreHistory, storedScore } from "../risk/score-history.server";
import { NotFound } from "../errors";
import { firstRow } from "#db/client";

export const RECRUITER_PAGE_SIZE = 50;

export const LICENCE_STATUSES = ["valid", "expired", "revoked", "none", "unknown"] as const;
export type LicenceStatus = (typeof LICENCE_STATUSES)[number];

export const LICENCE_LABELS: Record<LicenceStatus, string> = { valid: "Valid", expired: "Expired", revoked: "Revoked", none: "No licence", unknown: "Unknown" };

export const FEE_FILTERS = ["yes", "no", "unknown"] as const;
export type FeeFilter = (typeof FEE_FILTERS)[number];

export const RECRUITER_SORTS = ["score", "name"] as const;
export type RecruiterSort = (typeof RECRUITER_SORTS)[number];

export interface RecruiterQuery {
  q: string;
  bands: BandFilter[];
  licence: LicenceStatus | "";
  fees: FeeFilter | "";
  sort: RecruiterSort;
  dir: SortDir;
  page: number;
  /** The reader's language, for the name sort's collation (not from the query string). */
  language?: string;
}

export function parseRecruiterQuery(params: URLSearchParams): RecruiterQuery {
  const sortParam = params.get("sort");
  const sort: RecruiterSort = sortParam === "name" ? "name" : "score";
  const licence = params.get("licence") ?? "";
  const fees = params.get("fees") ?? "";
  return {
    q: queryText(params.get("q")),
    bands: parseBandFilters(params),
    licence: (LICENCE_STATUSES as readonly string[]).includes(licence) ? (licence as LicenceStatus) : "",
    fees: (FEE_FILTERS as readonly string[]).includes(fees) ? (fees as FeeFilter) : "",
    sort,
    dir: queryDir(params, sort === "score" ? "desc" : "asc"),
    page: queryPage(params),
  };
}

export function recruiterQueryParams(query: RecruiterQuery, options: { sort?: boolean } = {}): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  if (query.q) out.q = query.q;
  if (query.bands.length) out.band = query.bands;
  if (query.licence) out.licence = query.licence;
  if (query.fees) out.fees = query.fees;
  if (options.sort !== false && (query.sort !== "score" || query.dir !== "desc")) {
    out.sort = query.sort;
    out.dir = query.dir;
  }
  return out;
}

function whereOf(orgId: number, query: RecruiterQuery, engine: "sqlite" | "postgres"): SQL {
  // On SQLite a search of 3+ characters finds its rows through the trigram index (recruiters_fts);
  // the organisation is then checked on each row (`+org_id`: not the org index, with the index's
  // ids only checked against it afterwards). PostgreSQL's planner chooses for itself (and its
  // trigram indexes are on the columns: see list-query.server.ts).
  const indexed = engine === "sqlite" && usesSearchIndex(query.q);
  const conditions: SQL[] = [indexed ? sql`+${recruiters.orgId} = ${orgId}` : eq(recruiters.orgId, orgId)];
  if (query.q) conditions.push(searchCondition(query.q, "recruiters_fts", recruiters.id, recruiters.name, recruiters.externalId, recruiters.licenceNumber));
  const bands = bandCondition(query.bands, recruiters.riskBand, recruiters.riskScore);
  if (bands) conditions.push(bands);
  if (query.licence) conditions.push(eq(recruiters.licenceStatus, query.licence));
  if (query.fees === "yes") conditions.push(eq(recruiters.feesChargedToWorkers, true));
  if (query.fees === "no") conditions.push(eq(recruiters.feesChargedToWorkers, false));
  if (query.fees === "unknown") conditions.push(isNull(recruiters.feesChargedToWorkers));
  return and(...conditions)!;
}

export async function listRecruiters(db: Db, actor: Actor, orgId: number, options: Partial<RecruiterQuery> = {}) {
  authorize(actor, "suppliers.view", { orgId });
  const query: RecruiterQuery = { ...parseRecruiterQuery(new URLSearchParams()), ...options };
  const where = whereOf(orgId, query, engineKind(db));
  const total = firstRow(await db.select({ n: count() }).from(recruiters).where(where))?.n ?? 0;
  const { pages, page, offset } = pageOf(total, query.page, RECRUITER_PAGE_SIZE);
  const order = query.sort === "name" ? nameOrder(query.dir, recruiters.name, recruiters.id, query.language ?? "en") : scoreOrder(query.dir, recruiters.riskScore, recruiters.id);
  const rows = await db
      .select({
        id: recruiters.id,
        externalId: recruiters.externalId,
        name: recruiters.name,
        country: recruiters.country,
        licenceNumber: recruiters.licenceNumber,
        licenceStatus: recruiters.licenceStatus,
        feesChargedToWorkers: recruiters.feesChargedToWorkers,
        feeAmount: recruiters.feeAmount,
        feeCurrency: recruiters.feeCurrency,
        certification: recruiters.certification,
        originCountries: recruiters.originCountries,
        riskScore: recruiters.riskScore,
        riskBand: recruiters.riskBand,
        riskConfidence: recruiters.riskConfidence,
        riskScoreLow: recruiters.riskScoreLow,
        riskScoreHigh: recruiters.riskScoreHigh,
        riskRedFlags: recruiters.riskRedFlags,
        // Qualified by hand: drizzle leaves a single-table query's columns unqualified, and inside the
        // subquery "id" would be supplier_recruiters.id.
        suppliersServed: sql<number>`(select count(distinct sr.supplier_id) from supplier_recruiters sr where sr.recruiter_id = recruiters.id)`.mapWith(Number),
      })
      .from(recruiters)
      .where(where)
      .orderBy(...order)
      .limit(RECRUITER_PAGE_SIZE)
      .offset(offset);
  return { query: { ...query, page }, page, pages, total, rows };
}

/** How many suppliers the detail page lists (the rest are counted, and reachable by filter). */
export const SERVED_LIMIT = 200;

export async function recruiterDetail(db: Db, actor: Actor, orgId: number, recruiterId: number) {
  authorize(actor, "suppliers.view", { orgId });
  const recruiter = firstRow(await db
      .select()
      .from(recruiters)
      .where(and(eq(recruiters.id, recruiterId), eq(recruiters.orgId, orgId))));
  if (!recruiter) throw new NotFound();
  const score = await storedScore(db, orgId, "recruiter", recruiter.id, recruiter.riskScoreId);
  const history = await scoreHistory(db, "recruiter", recruiter.id, 200);
  const served = await db
      .select({
        id: suppliers.id,
        name: suppliers.name,
        externalId: suppliers.externalId,
        country: suppliers.country,
        sector: suppliers.sector,
        riskScore: suppliers.riskScore,
        riskBand: suppliers.riskBand,
        originCountry: supplierRecruiters.originCountry,
      })
      .from(supplierRecruiters)
      .innerJoin(suppliers, eq(suppliers.id, supplierRecruiters.supplierId))
      .where(and(eq(supplierRecruiters.recruiterId, recruiter.id), eq(suppliers.orgId, orgId)))
      // Unscored suppliers last (SQLite's default for descending; PostgreSQL's is first).
      .orderBy(sql`${suppliers.riskScore} desc nulls last`, asc(suppliers.name), asc(suppliers.id))
      .limit(SERVED_LIMIT * 4);
  // One line per supplier, with the origin countries of the workers placed there.
  const bySupplier = new Map<number, Omit<(typeof served)[number], "originCountry"> & { origins: string[] }>();
  for (const { originCountry, ...s } of served) {
    const entry = bySupplier.get(s.id) ?? { ...s, origins: [] };
    if (originCountry && !entry.origins.includes(originCountry)) entry.origins.push(originCountry);
    bySupplier.set(s.id, entry);
  }
  const totals = firstRow(await db
      .select({ suppliers: sql<number>`count(distinct ${supplierRecruiters.supplierId})`.mapWith(Number) })
      .from(supplierRecruiters)
      .innerJoin(suppliers, eq(suppliers.id, supplierRecruiters.supplierId))
      .where(and(eq(supplierRecruiters.recruiterId, recruiter.id), eq(suppliers.orgId, orgId))));
  // Corridors: origin (from the links, else the recruiter's declared origins) → supplier country.
  const corridorRows = await db
      .select({ origin: supplierRecruiters.originCountry, destination: suppliers.country, suppliers: sql<number>`count(distinct ${suppliers.id})`.mapWith(Number) })
      .from(supplierRecruiters)
      .innerJoin(suppliers, eq(suppliers.id, supplierRecruiters.supplierId))
      .where(and(eq(supplierRecruiters.recruiterId, recruiter.id), eq(suppliers.orgId, orgId)))
      .groupBy(supplierRecruiters.originCountry, suppliers.country)
      .orderBy(desc(sql`count(distinct ${suppliers.id})`), asc(supplierRecruiters.originCountry), sql`${suppliers.country} asc nulls first`)
      .limit(200);
  return {
    recruiter,
    score,
    history,
    suppliers: [...bySupplier.values()].slice(0, SERVED_LIMIT),
    suppliersTotal: totals?.suppliers ?? 0,
    corridors: corridorRows.map((c) => ({ origin: c.origin || null, destination: c.destination, suppliers: c.suppliers })),
  };
}
