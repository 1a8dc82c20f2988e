/**
 * The partner's side of sharing: the one scoped view of shared suppliers (sharedSupplierView),
 * the list of suppliers companies shared with the organisation, and one supplier's page, all cut
 * to the shares' scopes (a field outside the scope is not sent to the browser at all).
 */
import type { Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { COMPANY_VISIBLE } from "./audits/visibility.server";
import { readFactors } from "./risk/methodology-store.server";
import type { Factor } from "./risk/types";
import { activeSharesTo, shareCondition, SHARE_SCOPES, type ActiveShare, type ShareScope } from "./sharing.server";

export const SHARED_PAGE_SIZE = 50;

/**
 * One shared supplier as a partner organisation may see it: exactly the fields that the scopes of
 * the company's active shares with the partner allow. Every partner-facing page, export, feed and
 * report reads shared suppliers through sharedSupplierView() below, so that no query of its own
 * can forget a scope. A field outside the scope is null here and never leaves the server.
 */
export interface SharedSupplierView {
  id: number;
  companyOrgId: number;
  companyName: string;
  /** The union of the scopes of every active share that covers the supplier. */
  scope: ShareScope[];
  /** When the oldest of those shares was made (ms). */
  since: number;
  /** Identity ("identity" scope): without it, the name is "Supplier <id>" and the address null. */
  name: string;
  externalId: string | null;
  address: string | null;
  /** Country and sector are always shown: shares and jurisdictions are defined by them. */
  country: string | null;
  sector: string | null;
  products: string[];
  tier: number | null;
  workersTotal: number | null;
  migrantShare: number | null;
  femaleShare: number | null;
  /** Only with the "scores" scope; null without it (see scoreShared) or when not scored yet. */
  scoreShared: boolean;
  riskScore: number | null;
  riskBand: string | null;
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
  limit?: number;
  offset?: number;
}

const has = (share: ActiveShare, scope: ShareScope) => (share.scope.includes(scope) ? 1 : 0);
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The SQL behind the view: one arm per active share (the suppliers it covers, with its scope as
 * flags), merged per supplier so that two shares of the same supplier give the union of their
 * scopes, then every scoped column behind a `case` on its flag. Also the row filters, which go
 * into each arm so that a lookup by id reads one row per share.
 */
function viewSql(shares: ActiveShare[], query: SharedSupplierQuery) {
  const narrow: string[] = [];
  const narrowParams: unknown[] = [];
  if (query.ids) {
    narrow.push("s.id in (select value from json_each(?))");
    narrowParams.push(JSON.stringify(query.ids));
  }
  if (query.countries) {
    narrow.push("s.country in (select value from json_each(?))");
    narrowParams.push(JSON.stringify(query.countries));
  }
  const arms = shares.map((share) => {
    const c = shareCondition(share);
    return {
      sql: `select s.id, ? as since, ? as identity, ? as scores, ? as indicators, ? as audits, ? as recruiters from suppliers s where ${[c.sql, ...narrow].join(" and ")}`,
      params: [share.since.getTime(), has(share, "identity"), has(share, "scores"), has(share, "indicators"), has(share, "audits"), has(share, "recruiters"), ...c.params, ...narrowParams],
    };
  });
  const q = query.q?.trim().slice(0, 200) ?? "";
  const covered = `with arms as (${arms.map((a) => a.sql).join(" union all ")}),
    covered as (select id, min(since) as since, max(identity) as identity, max(scores) as scores, max(indicators) as indicators, max(audits) as audits, max(recruiters) as recruiters
                from arms group by id)`;
  // A search by name must not find a supplier whose name is withheld.
  const search = q ? `where v.identity = 1 and (s.name like ? escape '\\' or s.external_id like ? escape '\\')` : "";
  return {
    from: `${covered} select #COLUMNS# from covered v join suppliers s on s.id = v.id join organisations o on o.id = s.org_id ${search}`,
    params: [...arms.flatMap((a) => a.params), ...(q ? [likePattern(q), likePattern(q)] : [])],
  };
}

const COLUMNS = `s.id, s.org_id as companyOrgId, o.name as companyName, v.since, v.identity, v.scores, v.indicators, v.audits, v.recruiters,
  case when v.identity = 1 then s.name end as name, case when v.identity = 1 then s.external_id end as externalId,
  case when v.identity = 1 then s.address end as address, s.country, s.sector, s.products, s.tier, s.workers_total as workersTotal,
  s.migrant_share as migrantShare, s.female_share as femaleShare,
  case when v.scores = 1 then s.risk_score end as riskScore, case when v.scores = 1 then s.risk_band end as riskBand,
  case when v.scores = 1 then s.risk_red_flags end as riskRedFlags, case when v.scores = 1 then s.risk_score_id end as riskScoreId`;

interface ViewRow extends Omit<SharedSupplierView, "scope" | "name" | "products" | "scoreShared"> {
  name: string | null;
  products: string;
  identity: number;
  scores: number;
  indicators: number;
  audits: number;
  recruiters: number;
}

/**
 * The shared suppliers a partner organisation may see, each cut to its shares' scopes; highest
 * (shared) risk first, then by name. An organisation with no active share sees nothing.
 */
export function sharedSupplierView(db: Db, partnerOrgId: number, query: SharedSupplierQuery = {}): SharedSupplierView[] {
  const shares = activeSharesTo(db, partnerOrgId);
  if (shares.length === 0 || query.ids?.length === 0) return [];
  const { from, params } = viewSql(shares, query);
  // Ordering by the scoped score: ordering by the real one would reveal the ranking it withholds.
  const rows = db.$client
    .prepare(`${from.replace("#COLUMNS#", COLUMNS)} order by riskScore desc nulls last, name, s.id ${query.limit === undefined ? "" : "limit ? offset ?"}`)
    .all(...params, ...(query.limit === undefined ? [] : [query.limit, query.offset ?? 0])) as ViewRow[];
  return rows.map(({ identity, scores, indicators, audits, recruiters, name, products, ...r }) => ({
    ...r,
    name: name ?? `Supplier ${r.id}`,
    products: JSON.parse(products) as string[],
    scoreShared: scores === 1,
    scope: SHARE_SCOPES.filter((s) => ({ identity, scores, indicators, audits, recruiters })[s] === 1),
  }));
}

/** How many suppliers sharedSupplierView() would return for the query (without limit). */
export function countSharedSuppliers(db: Db, partnerOrgId: number, query: Omit<SharedSupplierQuery, "limit" | "offset"> = {}): number {
  const shares = activeSharesTo(db, partnerOrgId);
  if (shares.length === 0 || query.ids?.length === 0) return 0;
  const { from, params } = viewSql(shares, query);
  return (db.$client.prepare(`select count(*) as n from (${from.replace("#COLUMNS#", "s.id")})`).get(...params) as { n: number }).n;
}

/** One shared supplier as the partner may see it, or null when no active share covers it. */
export function sharedSupplier(db: Db, partnerOrgId: number, supplierId: number): SharedSupplierView | null {
  return sharedSupplierView(db, partnerOrgId, { ids: [supplierId] })[0] ?? null;
}

/** Authorises a partner and returns its view of the supplier, or throws 404 (as for one that does not exist). */
export function requireSharedSupplierView(db: Db, actor: Actor, supplierId: number): SharedSupplierView {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shared.view", { orgId });
  const view = sharedSupplier(db, orgId, supplierId);
  if (!view) throw new Response("Not found", { status: 404, statusText: "Not Found" });
  return view;
}

export interface SharedSupplierRow {
  id: number;
  name: string;
  country: string | null;
  sector: string | null;
  riskScore: number | null;
  riskBand: string | null;
  riskRedFlags: number;
  companyName: string;
  since: number;
  openContests: number;
}

export function listSharedSuppliers(db: Db, actor: Actor, options: { q?: string; page?: number } = {}) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shared.view", { orgId });
  const shares = activeSharesTo(db, orgId);
  const q = options.q?.trim().slice(0, 200) ?? "";
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const total = countSharedSuppliers(db, orgId, { q });
  const views = sharedSupplierView(db, orgId, { q, limit: SHARED_PAGE_SIZE, offset: (page - 1) * SHARED_PAGE_SIZE });
  // The organisation's own contests only (a union sees its own, never another's).
  const open = new Map(
    db.$client
      .prepare(`select supplier_id, count(*) from contests where org_id = ? and status = 'open' and supplier_id in (select value from json_each(?)) group by supplier_id`)
      .raw()
      .all(orgId, JSON.stringify(views.map((v) => v.id))) as [number, number][],
  );
  const rows: SharedSupplierRow[] = views.map((v) => ({
    id: v.id,
    name: v.name,
    country: v.country,
    sector: v.sector,
    riskScore: v.riskScore,
    riskBand: v.riskBand,
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
export function sharedSupplierDetail(db: Db, actor: Actor, supplierId: number) {
  const view = requireSharedSupplierView(db, actor, supplierId);
  const scope = view.scope;
  // view.riskScoreId is null without the scores scope, so no breakdown can be read without it.
  const score = view.riskScoreId
    ? (db.$client
        .prepare(
          `select r.score, r.band, r.confidence, r.red_flags as redFlags, r.factors, r.methodology_id as methodologyId, r.inputs_hash as inputsHash, r.cause, r.computed_at as computedAt, m.version as methodologyVersion
           from risk_scores r join methodologies m on m.id = r.methodology_id where r.id = ?`,
        )
        .get(view.riskScoreId) as { score: number; band: string; confidence: number; redFlags: string; factors: string; methodologyId: number; inputsHash: string; cause: string; computedAt: number; methodologyVersion: string })
    : null;
  const history = view.scoreShared
    ? (db.$client
        .prepare(`select computed_at as at, score, band, cause from risk_scores where entity_type = 'supplier' and entity_id = ? order by computed_at, id limit 500`)
        .all(supplierId) as { at: number; score: number; band: string; cause: string }[])
    : [];
  const recruiters = scope.includes("recruiters")
    ? (db.$client
        .prepare(
          `select distinct r.name, r.country, r.licence_status as licenceStatus, r.fees_charged_to_workers as feesChargedToWorkers, r.certification, r.origin_countries as originCountries
           from supplier_recruiters sr join recruiters r on r.id = sr.recruiter_id where sr.supplier_id = ? order by r.name`,
        )
        .all(supplierId) as { name: string; country: string | null; licenceStatus: string; feesChargedToWorkers: number | null; certification: string | null; originCountries: string }[])
    : null;
  // Audits only with that scope, and never an unannounced one before it started (as for the company).
  const audits = scope.includes("audits")
    ? (db.$client
        .prepare(
          `select a.id, o.name as inspectorate, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt, coalesce(st.time_zone, 'UTC') as zone,
                  (select count(*) from findings f where f.audit_id = a.id and f.result != 'not_observed') as findings,
                  (select count(*) from corrective_actions c where c.audit_id = a.id and c.status != 'verified_closed') as openActions
           from audits a join organisations o on o.id = a.org_id left join inspectorate_settings st on st.org_id = a.org_id
           where a.supplier_id = ? and ${COMPANY_VISIBLE} order by a.starts_at desc, a.id desc`,
        )
        .all(supplierId, Date.now()) as { id: number; inspectorate: string; type: string; status: string; startsAt: number; endsAt: number; zone: string; findings: number; openActions: number }[])
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
      factors: scopedFactors(readFactors(db, score.methodologyId, "supplier", score.factors), scope),
    },
    history,
    audits,
    recruiters: recruiters?.map((r) => ({ ...r, feesChargedToWorkers: r.feesChargedToWorkers === null ? null : r.feesChargedToWorkers === 1, originCountries: JSON.parse(r.originCountries) as string[] })) ?? null,
  };
}
