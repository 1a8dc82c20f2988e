/**
 * The partner's side of sharing: the one scoped view of shared suppliers (sharedSupplierView),
 * the list of suppliers companies shared with the organisation, and one supplier's page, all cut
 * to the shares' scopes (a field outside the scope is not sent to the browser at all).
 */
import { workplaceZone } from "../reference/country-zones";
import { engineKind, rawAll, rawGet, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { COMPANY_VISIBLE } from "../audits/visibility.server";
import { containsSql, ftsQuery, usesSearchIndex } from "../list-query.server";
import { readFactors } from "../risk/methodology-store.server";
import type { Factor } from "../risk/types";
import { activeSharesTo, shareCondition, SHARE_SCOPES, type ActiveShare, type ShareScope } from "./sharing.server";
import { NotFound } from "../errors";

export const SHARED_PAGE_SIZE = 50;

/**
 * One shared supplier as a partner organisation may see it: exactly the fields that the scopes of
 * the company's active shares with the partner allow. Every partner-facing page, export, feed and
 * report reads shared suppliers through sharedSupplierView() below, so that no query of its own
 * can forget a scope. A field outside the scope is null here and never leaves the server.
 */
/**
 * The score as a partner may see it: only with the "scores" scope (scoreShared); without it every
 * field is null. Range and confidence (methodology 2) are score fields, withheld with the score.
 */
export interface SharedScoreFields {
  scoreShared: boolean;
  riskScore: number | null;
  riskBand: string | null;
  riskScoreLow: number | null;
  riskScoreHigh: number | null;
  riskConfidence: number | null;
}

export interface SharedSupplierSummary extends SharedScoreFields {
  id: number;
  companyOrgId: number;
  companyName: string;
  /** The union of the scopes of every active share that covers the supplier. */
  scope: ShareScope[];
  /** When the oldest of those shares was made (ms). */
  since: number;
  /** Identity ("identity" scope): without it, the name is "Supplier <id>". */
  name: string;
  /** Country and sector are always shown: shares and jurisdictions are defined by them. */
  country: string | null;
  sector: string | null;
}

/** The summary and every other field a page may show: the summary is for long lists (the queue). */
export interface SharedSupplierView extends SharedSupplierSummary {
  /** Identity: null without it. */
  externalId: string | null;
  address: string | null;
  products: string[];
  tier: number | null;
  workersTotal: number | null;
  migrantShare: number | null;
  femaleShare: number | null;
  /** Scores: null without them. */
  riskRedFlags: number | null;
  riskScoreId: number | null;
}

export interface SharedSupplierQuery {
  /** Only these suppliers (still only those the active shares cover). */
  ids?: number[];
  /** Only suppliers in these countries (an inspectorate's jurisdiction). */
  countries?: string[];
  /** Name or external id contains this; matched only where the identity is shared. */
  q?: string;
  /** Only suppliers after this id, in id order: the API's cursor pages (stable while suppliers are added). */
  afterId?: number;
  limit?: number;
  offset?: number;
}

/**
 * The SQL behind the view, in one pass over the suppliers: a supplier is in the view when any
 * active share's condition covers it, and has a scope when any covering share has that scope (so
 * two shares of the same supplier give the union of their scopes). Every scoped column is behind
 * a `case` on the conditions of the shares with that scope, so no query can select it unscoped.
 * The row filters (ids, countries, search) narrow the same pass.
 */
function viewSql(db: Db, shares: ActiveShare[], query: SharedSupplierQuery, select: "summary" | "full" | "count") {
  // Oldest share first, so that the first covering share gives the supplier's "since".
  const arms = [...shares].sort((a, b) => a.since.getTime() - b.since.getTime() || a.id - b.id).map((share) => ({ share, ...shareCondition(share) }));
  // Parameters in the order the SQL text uses them: template and array parts are built left to right.
  const params: unknown[] = [];
  const bind = (sql: string, values: unknown[]) => {
    params.push(...values);
    return sql;
  };
  const covered = (scope?: ShareScope) => {
    const chosen = scope ? arms.filter((a) => a.share.scope.includes(scope)) : arms;
    return chosen.length ? `(${chosen.map((a) => bind(a.sql, a.params)).join(" or ")})` : "1 = 0";
  };
  const scoped = (scope: ShareScope, column: string, alias: string) => `case when ${covered(scope)} then ${column} end as ${alias}`;
  const columns =
    select === "count"
      ? "count(*) as n"
      : [
          "s.id",
          "s.org_id as companyOrgId",
          "o.name as companyName",
          `case ${arms.map((a) => `when ${bind(a.sql, a.params)} then ${a.share.since.getTime()}`).join(" ")} end as since`,
          ...SHARE_SCOPES.map((scope) => `${covered(scope)} as ${scope}`),
          scoped("identity", "s.name", "name"),
          "s.country, s.sector",
          scoped("scores", "s.risk_score", "riskScore"),
          scoped("scores", "s.risk_band", "riskBand"),
          scoped("scores", "s.risk_score_low", "riskScoreLow"),
          scoped("scores", "s.risk_score_high", "riskScoreHigh"),
          scoped("scores", "s.risk_confidence", "riskConfidence"),
          ...(select === "full"
            ? [
                scoped("identity", "s.external_id", "externalId"),
                scoped("identity", "s.address", "address"),
                "s.products, s.tier, s.workers_total as workersTotal, s.migrant_share as migrantShare, s.female_share as femaleShare",
                scoped("scores", "s.risk_red_flags", "riskRedFlags"),
                scoped("scores", "s.risk_score_id", "riskScoreId"),
              ]
            : []),
        ].join(", ");
  const from = "suppliers s join organisations o on o.id = s.org_id";
  // Given ids, the planner starts from them (a page's few suppliers), not from the company's whole list.
  const where = query.ids ? [bind("s.id in (select value from json_each(?))", [JSON.stringify([...new Set(query.ids)])]), covered()] : [covered()];
  if (query.countries) where.push(bind("s.country in (select value from json_each(?))", [JSON.stringify(query.countries)]));
  if (query.afterId !== undefined) where.push(bind("s.id > ?", [query.afterId]));
  const q = query.q?.trim().slice(0, 200) ?? "";
  if (q) {
    // Only where the name is shared: a search must not find a supplier by a name it withholds.
    where.push(covered("identity"));
    // The lists' search (list-query.server.ts): case folded Unicode-wide, İ and ı as i. On SQLite,
    // 3+ characters take their candidates from the trigram index first.
    const engine = engineKind(db);
    if (engine === "sqlite" && usesSearchIndex(q)) where.push(bind("s.id in (select rowid from suppliers_fts where suppliers_fts match ?)", [ftsQuery(q)]));
    const name = containsSql(engine, "s.name", q);
    const externalId = containsSql(engine, "s.external_id", q);
    where.push(bind(`(${name.sql} or ${externalId.sql})`, [...name.params, ...externalId.params]));
  }
  return { sql: `select ${columns} from ${from} where ${where.join(" and ")}`, params };
}

type Flags = Record<ShareScope, number>;
type Row<T> = Omit<T, "scope" | "name" | "products" | "scoreShared"> & Flags & { name: string | null; products: string };

async function readView<T extends SharedSupplierSummary>(db: Db, partnerOrgId: number, query: SharedSupplierQuery & { ordered?: boolean }, select: "summary" | "full", finish: (row: Row<T>, summary: SharedSupplierSummary) => T): Promise<T[]> {
  const shares = await activeSharesTo(db, partnerOrgId);
  if (shares.length === 0 || query.ids?.length === 0) return [];
  const { sql, params } = viewSql(db, shares, query, select);
  // Ordering by the scoped score: ordering by the real one would reveal the ranking it withholds.
  // NULLS placed explicitly (a withheld score or name is null): the engines' defaults differ.
  // In id order for the API's cursor pages (the id says nothing the partner may not know).
  const order = query.afterId !== undefined ? "order by s.id" : query.ordered === false ? "" : "order by riskScore desc nulls last, name nulls first, s.id";
  const rows = await rawAll<Row<T>>(db, `${sql} ${order} ${query.limit === undefined ? "" : "limit ? offset ?"}`, ...params, ...(query.limit === undefined ? [] : [query.limit, query.offset ?? 0]));
  // Few distinct combinations of scopes: build each list once.
  const scopes = new Map<number, ShareScope[]>();
  const scopeOf = (r: Flags) => {
    const key = r.identity | (r.scores << 1) | (r.indicators << 2) | (r.audits << 3) | (r.recruiters << 4);
    let list = scopes.get(key);
    if (!list) scopes.set(key, (list = SHARE_SCOPES.filter((s) => r[s] === 1)));
    return list;
  };
  return rows.map((r) =>
    finish(r, {
      id: r.id,
      companyOrgId: r.companyOrgId,
      companyName: r.companyName,
      scope: scopeOf(r),
      since: r.since,
      name: r.name ?? `Supplier ${r.id}`,
      country: r.country,
      sector: r.sector,
      scoreShared: r.scores === 1,
      riskScore: r.riskScore,
      riskBand: r.riskBand,
      riskScoreLow: r.riskScoreLow,
      riskScoreHigh: r.riskScoreHigh,
      riskConfidence: r.riskConfidence,
    }),
  );
}

/**
 * The shared suppliers a partner organisation may see, each cut to its shares' scopes; highest
 * (shared) risk first, then by name (unordered with `ordered: false`, for callers that rank
 * themselves). An organisation with no active share sees nothing.
 */
export async function sharedSupplierView(db: Db, partnerOrgId: number, query: SharedSupplierQuery & { ordered?: boolean } = {}): Promise<SharedSupplierView[]> {
  return await readView<SharedSupplierView>(db, partnerOrgId, query, "full", (r, summary) => ({
      ...summary,
      externalId: r.externalId,
      address: r.address,
      products: JSON.parse(r.products) as string[],
      tier: r.tier,
      workersTotal: r.workersTotal,
      migrantShare: r.migrantShare,
      femaleShare: r.femaleShare,
      riskRedFlags: r.riskRedFlags,
      riskScoreId: r.riskScoreId,
    }));
}

/** The same view, summary fields only: for long lists (the priority queue reads every workplace). */
export async function sharedSupplierSummaries(db: Db, partnerOrgId: number, query: SharedSupplierQuery & { ordered?: boolean } = {}): Promise<SharedSupplierSummary[]> {
  return await readView<SharedSupplierSummary>(db, partnerOrgId, query, "summary", (_, summary) => summary);
}

/** How many suppliers sharedSupplierView() would return for the query (without limit). */
export async function countSharedSuppliers(db: Db, partnerOrgId: number, query: Omit<SharedSupplierQuery, "limit" | "offset"> = {}): Promise<number> {
  const shares = await activeSharesTo(db, partnerOrgId);
  if (shares.length === 0 || query.ids?.length === 0) return 0;
  const { sql, params } = viewSql(db, shares, query, "count");
  return (await rawGet<{ n: number }>(db, sql, ...params))?.n ?? 0;
}

/** One shared supplier as the partner may see it, or null when no active share covers it. */
export async function sharedSupplier(db: Db, partnerOrgId: number, supplierId: number): Promise<SharedSupplierView | null> {
  return (await sharedSupplierView(db, partnerOrgId, { ids: [supplierId] }))[0] ?? null;
}

/** Authorises a partner and returns its view of the supplier, or throws 404 (as for one that does not exist). */
export async function requireSharedSupplierView(db: Db, actor: Actor, supplierId: number): Promise<SharedSupplierView> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shared.view", { orgId });
  const view = await sharedSupplier(db, orgId, supplierId);
  if (!view) throw new NotFound();
  return view;
}

export interface SharedSupplierRow {
  id: number;
  name: string;
  country: string | null;
  sector: string | null;
  riskScore: number | null;
  riskBand: string | null;
  riskScoreLow: number | null;
  riskScoreHigh: number | null;
  riskConfidence: number | null;
  riskRedFlags: number;
  companyName: string;
  since: number;
  openContests: number;
}

export async function listSharedSuppliers(db: Db, actor: Actor, options: { q?: string; page?: number } = {}) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shared.view", { orgId });
  const shares = await activeSharesTo(db, orgId);
  const q = options.q?.trim().slice(0, 200) ?? "";
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const total = await countSharedSuppliers(db, orgId, { q });
  const views = await sharedSupplierView(db, orgId, { q, limit: SHARED_PAGE_SIZE, offset: (page - 1) * SHARED_PAGE_SIZE });
  // The organisation's own contests only (a union sees its own, never another's).
  const open = new Map(
    (
      await rawAll<{ supplierId: number; n: number }>(
        db,
        `select supplier_id as supplierId, count(*) as n from contests where org_id = ? and status = 'open' and supplier_id in (select value from json_each(?)) group by supplier_id`,
        orgId,
        JSON.stringify(views.map((v) => v.id)),
      )
    ).map((r) => [r.supplierId, r.n] as const),
  );
  const rows: SharedSupplierRow[] = views.map((v) => ({
    id: v.id,
    name: v.name,
    country: v.country,
    sector: v.sector,
    riskScore: v.riskScore,
    riskBand: v.riskBand,
    riskScoreLow: v.riskScoreLow,
    riskScoreHigh: v.riskScoreHigh,
    riskConfidence: v.riskConfidence,
    riskRedFlags: v.riskRedFlags ?? 0,
    companyName: v.companyName,
    since: v.since,
    openContests: open.get(v.id) ?? 0,
  }));
  return { shares, q, page, total, pages: Math.max(1, Math.ceil(total / SHARED_PAGE_SIZE)), rows };
}

const WITHHELD = "withheld (outside the share's scope)";

/** Observed-indicator lines are evidence about workers' conditions: shown only with that scope. */
function scopedFactors(factors: Factor[], scope: ShareScope[]): Factor[] {
  if (scope.includes("indicators")) return factors;
  return factors.map((f) => (f.layer === "observed" ? { ...f, value: WITHHELD, sources: [] } : f));
}

/**
 * One shared supplier's page: the view's fields, and the sections its scope opens (the score's
 * breakdown and history, recruiters, audits), each read only when the view's scope allows it.
 */
export async function sharedSupplierDetail(db: Db, actor: Actor, supplierId: number) {
  const view = await requireSharedSupplierView(db, actor, supplierId);
  const scope = view.scope;
  // view.riskScoreId is null without the scores scope, so no breakdown can be read without it.
  const score = view.riskScoreId
    ? await rawGet<{ score: number; band: string; confidence: number; scoreLow: number | null; scoreHigh: number | null; redFlags: string; factors: string; methodologyId: number; inputsHash: string; cause: string; computedAt: number; methodologyVersion: string }>(
        db,
        `select r.score, r.band, r.confidence, r.score_low as scoreLow, r.score_high as scoreHigh, r.red_flags as redFlags, r.factors, r.methodology_id as methodologyId, r.inputs_hash as inputsHash, r.cause, r.computed_at as computedAt, m.version as methodologyVersion
           from risk_scores r join methodologies m on m.id = r.methodology_id where r.id = ?`,
        view.riskScoreId,
      )
    : null;
  const history = view.scoreShared
    ? await rawAll<{ at: number; score: number; band: string; cause: string }>(db, `select computed_at as at, score, band, cause from risk_scores where entity_type = 'supplier' and entity_id = ? order by computed_at, id limit 500`, supplierId)
    : [];
  const recruiters = scope.includes("recruiters")
    ? await rawAll<{ name: string; country: string | null; licenceStatus: string; feesChargedToWorkers: number | null; certification: string | null; originCountries: string }>(
        db,
        `select distinct r.name, r.country, r.licence_status as licenceStatus, r.fees_charged_to_workers as feesChargedToWorkers, r.certification, r.origin_countries as originCountries
           from supplier_recruiters sr join recruiters r on r.id = sr.recruiter_id where sr.supplier_id = ? order by r.name`,
        supplierId,
      )
    : null;
  // Audits only with that scope, and never an unannounced one before it started (as for the company).
  const audits = scope.includes("audits")
    ? (await rawAll<{ id: number; inspectorate: string; type: string; status: string; startsAt: number; endsAt: number; zone: string; country: string | null; findings: number; openActions: number }>(
        db,
        `select a.id, o.name as inspectorate, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt, coalesce(st.time_zone, 'UTC') as zone, a.workplace_country as country,
                  (select count(*) from findings f where f.audit_id = a.id and f.result != 'not_observed') as findings,
                  (select count(*) from corrective_actions c where c.audit_id = a.id and c.status != 'verified_closed') as openActions
           from audits a join organisations o on o.id = a.org_id left join inspectorate_settings st on st.org_id = a.org_id
           where a.supplier_id = ? and ${COMPANY_VISIBLE} order by a.starts_at desc, a.id desc`,
        supplierId,
        new Date(),
      )).map(({ country, ...a }) => ({ ...a, placeZone: workplaceZone(country, a.zone) })) // shown where it happens (issue 17, item 5)
    : null;
  return {
    share: { companyName: view.companyName, since: view.since, scope },
    supplier: {
      id: view.id,
      name: view.name,
      address: view.address,
      country: view.country,
      sector: view.sector,
      products: view.products,
      tier: view.tier,
      workersTotal: view.workersTotal,
      migrantShare: view.migrantShare,
      femaleShare: view.femaleShare,
    },
    score: score && {
      ...score,
      redFlags: JSON.parse(score.redFlags) as string[],
      factors: scopedFactors(await readFactors(db, score.methodologyId, "supplier", score.factors), scope),
    },
    history,
    audits,
    recruiters: recruiters?.map((r) => ({ ...r, feesChargedToWorkers: r.feesChargedToWorkers === null ? null : r.feesChargedToWorkers === 1, originCountries: JSON.parse(r.originCountries) as string[] })) ?? null,
  };
}
