/**
 * The partner's side of sharing: the list of suppliers companies shared with the organisation,
 * and one supplier's shared view, cut to the share's scope (a field outside the scope is not
 * sent to the browser at all).
 */
import type { Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { COMPANY_VISIBLE } from "./audits/visibility.server";
import { readFactors } from "./risk/methodology-store.server";
import type { Factor } from "./risk/types";
import { activeSharesTo, requireSharedSupplier, shareCondition, type ActiveShare } from "./sharing.server";

export const SHARED_PAGE_SIZE = 50;

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
  if (shares.length === 0) return { shares, q, page, total: 0, pages: 1, rows: [] as SharedSupplierRow[] };
  // One arm per share, so that each row says which company shared it and since when.
  const arms = shares.map((share) => {
    const c = shareCondition(share);
    return { sql: `select s.id, ${share.id} as share_id from suppliers s where ${c.sql}`, params: c.params };
  });
  const search = q ? `and (s.name like ? escape '\\' or s.external_id like ? escape '\\')` : "";
  const pattern = `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
  const params = [...arms.flatMap((a) => a.params), ...(q ? [pattern, pattern] : [])];
  const from = `from (${arms.map((a) => a.sql).join(" union all ")}) v join suppliers s on s.id = v.id where 1 = 1 ${search}`;
  const total = (db.$client.prepare(`select count(distinct s.id) as n ${from}`).get(...params) as { n: number }).n;
  const rows = db.$client
    .prepare(
      `select s.id, s.name, s.country, s.sector, s.risk_score as riskScore, s.risk_band as riskBand, s.risk_red_flags as riskRedFlags, min(v.share_id) as shareId,
              (select count(*) from contests c where c.supplier_id = s.id and c.org_id = ? and c.status = 'open') as openContests
       ${from} group by s.id order by s.risk_score desc nulls last, s.name, s.id limit ? offset ?`,
    )
    .all(orgId, ...params, SHARED_PAGE_SIZE, (page - 1) * SHARED_PAGE_SIZE) as (Omit<SharedSupplierRow, "companyName" | "since"> & { shareId: number })[];
  const byId = new Map(shares.map((s) => [s.id, s]));
  return {
    shares,
    q,
    page,
    total,
    pages: Math.max(1, Math.ceil(total / SHARED_PAGE_SIZE)),
    rows: rows.map(({ shareId, ...r }) => ({ ...r, companyName: byId.get(shareId)!.companyName, since: byId.get(shareId)!.since.getTime() })),
  };
}

const WITHHELD = "withheld (outside the share's scope)";

/** Observed-indicator lines are evidence about workers' conditions: shown only with that scope. */
function scopedFactors(factors: Factor[], share: ActiveShare): Factor[] {
  if (share.scope.includes("indicators")) return factors;
  return factors.map((f) => (f.layer === "observed" ? { ...f, value: WITHHELD, sources: [] } : f));
}

export function sharedSupplierDetail(db: Db, actor: Actor, supplierId: number) {
  const share = requireSharedSupplier(db, actor, supplierId);
  const s = db.$client
    .prepare(
      `select s.id, s.name, s.address, s.country, s.sector, s.products, s.tier, s.workers_total as workersTotal, s.migrant_share as migrantShare,
              s.female_share as femaleShare, s.risk_score_id as riskScoreId
       from suppliers s where s.id = ?`,
    )
    .get(supplierId) as { id: number; name: string; address: string | null; country: string | null; sector: string | null; products: string; tier: number | null; workersTotal: number | null; migrantShare: number | null; femaleShare: number | null; riskScoreId: number | null };
  const score =
    share.scope.includes("scores") && s.riskScoreId
      ? (db.$client
          .prepare(
            `select r.score, r.band, r.confidence, r.red_flags as redFlags, r.factors, r.methodology_id as methodologyId, r.inputs_hash as inputsHash, r.cause, r.computed_at as computedAt, m.version as methodologyVersion
             from risk_scores r join methodologies m on m.id = r.methodology_id where r.id = ?`,
          )
          .get(s.riskScoreId) as { score: number; band: string; confidence: number; redFlags: string; factors: string; methodologyId: number; inputsHash: string; cause: string; computedAt: number; methodologyVersion: string })
      : null;
  const history = share.scope.includes("scores")
    ? (db.$client
        .prepare(`select computed_at as at, score, band, cause from risk_scores where entity_type = 'supplier' and entity_id = ? order by computed_at, id limit 500`)
        .all(supplierId) as { at: number; score: number; band: string; cause: string }[])
    : [];
  const recruiters = share.scope.includes("recruiters")
    ? (db.$client
        .prepare(
          `select distinct r.name, r.country, r.licence_status as licenceStatus, r.fees_charged_to_workers as feesChargedToWorkers, r.certification, r.origin_countries as originCountries
           from supplier_recruiters sr join recruiters r on r.id = sr.recruiter_id where sr.supplier_id = ? order by r.name`,
        )
        .all(supplierId) as { name: string; country: string | null; licenceStatus: string; feesChargedToWorkers: number | null; certification: string | null; originCountries: string }[])
    : null;
  // Audits only with that scope, and never an unannounced one before it started (as for the company).
  const audits = share.scope.includes("audits")
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
  const identity = share.scope.includes("identity");
  return {
    share: { companyName: share.companyName, since: share.since.getTime(), scope: share.scope },
    supplier: {
      id: s.id,
      name: identity ? s.name : `Supplier ${s.id}`,
      address: identity ? s.address : null,
      country: s.country,
      sector: s.sector,
      products: JSON.parse(s.products) as string[],
      tier: s.tier,
      workersTotal: s.workersTotal,
      migrantShare: s.migrantShare,
      femaleShare: s.femaleShare,
    },
    score: score && {
      ...score,
      redFlags: JSON.parse(score.redFlags) as string[],
      factors: scopedFactors(readFactors(db, score.methodologyId, "supplier", score.factors), share),
    },
    history,
    audits,
    recruiters: recruiters?.map((r) => ({ ...r, feesChargedToWorkers: r.feesChargedToWorkers === null ? null : r.feesChargedToWorkers === 1, originCountries: JSON.parse(r.originCountries) as string[] })) ?? null,
  };
}
