/**
 * What audits tell the risk score about a workplace, read in bulk for the scorer:
 *
 * - Findings become observed indicators with their source ("audit of 2026-03-04, critical:
 *   Retention of identity documents"). An inspector's finding is first-hand evidence, so a finding
 *   that an indicator is present outranks the company's list and manual records, and a later audit
 *   outranks an earlier one. "Not observed" only fills what nothing else says: it never erases a
 *   "present" reported by anyone (a score does not drop because an inspector did not see something).
 * - Mitigations: a completed audit in the last 12 months without critical findings, and the
 *   corrective actions all verified closed.
 */
import { rawAll, type Db } from "#db/client";
import { INDICATORS } from "../indicators";
import type { ObservedIndicator } from "../risk/types";
import { localDay } from "./local-time";

const LABELS = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));
const YEAR_MS = 365 * 86_400_000;

export interface AuditObservations {
  indicators: Record<string, ObservedIndicator>;
  mitigations: Record<string, ObservedIndicator>;
}

interface FindingRow {
  supplier_id: number;
  starts_at: number;
  time_zone: string | null;
  indicator: string;
  result: string;
}
interface CompletedRow {
  supplier_id: number;
  id: number;
  ends_at: number;
  time_zone: string | null;
  critical: number;
}
interface ActionRow {
  supplier_id: number;
  total: number;
  closed: number;
  last_verified_at: number | null;
}

/** Ids per `in (?, ?, …)` list: well under either engine's limit on bound parameters. */
const IDS_PER_STATEMENT = 500;

/**
 * Runs `select(inList)` for the whole company (inList null) or for the given suppliers, sorted, in
 * lists of IDS_PER_STATEMENT (`in (?, …)`, whose values follow `before`): each supplier's rows come
 * from one statement, in the statement's order.
 */
async function perSuppliers<T>(db: Db, select: (inList: string | null) => string, supplierIds: readonly number[] | undefined, before: unknown[], after: unknown[] = []): Promise<T[]> {
  if (!supplierIds) return await rawAll<T>(db, select(null), ...before, ...after);
  const ids = [...new Set(supplierIds)].sort((x, y) => x - y);
  const rows: T[] = [];
  for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) {
    const chunk = ids.slice(i, i + IDS_PER_STATEMENT);
    rows.push(...(await rawAll<T>(db, select(`in (${chunk.map(() => "?").join(", ")})`), ...before, ...chunk, ...after)));
  }
  return rows;
}

/** Per supplier of the company (or of the given suppliers), what its audits observed. */
export async function auditObservations(db: Db, companyOrgId: number, now: number, supplierIds?: readonly number[]): Promise<Map<number, AuditObservations>> {
  const only = (inList: string | null) => (inList ? `and a.supplier_id ${inList}` : "");
  const out = new Map<number, AuditObservations>();
  const entry = (id: number) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { indicators: {}, mitigations: {} }));
    return e;
  };

  // Oldest first, so that a later audit's finding replaces an earlier one's.
  const findingRows = await perSuppliers<FindingRow>(
    db,
    (inList) =>
      `select a.supplier_id, a.starts_at, st.time_zone, f.indicator, f.result
       from findings f join audits a on a.id = f.audit_id left join inspectorate_settings st on st.org_id = a.org_id
       where a.company_org_id = ? ${only(inList)} and a.status in ('in_progress', 'completed', 'report_issued')
       order by a.supplier_id, a.starts_at, a.id, f.id`,
    supplierIds,
    [companyOrgId],
  );
  for (const { supplier_id: supplierId, starts_at: startsAt, time_zone: zone, indicator, result } of findingRows) {
    const day = localDay(startsAt, zone ?? "UTC");
    const label = LABELS.get(indicator) ?? indicator;
    entry(supplierId).indicators[indicator] =
      result === "not_observed" ? { present: false, source: `audit of ${day}: ${label} not observed`, date: day } : { present: true, source: `audit of ${day}, ${result}: ${label}`, date: day };
  }

  // Time columns are compared with Dates (PostgreSQL compares a timestamptz with a timestamp, not a number).
  const completed = await perSuppliers<CompletedRow>(
    db,
    (inList) =>
      `select a.supplier_id, a.id, a.ends_at, st.time_zone,
              case when exists (select 1 from findings f where f.audit_id = a.id and f.result = 'critical') then 1 else 0 end as critical
       from audits a left join inspectorate_settings st on st.org_id = a.org_id
       where a.company_org_id = ? ${only(inList)} and a.status in ('completed', 'report_issued') and a.ends_at > ? and a.ends_at <= ?
       order by a.supplier_id, a.ends_at, a.id`,
    supplierIds,
    [companyOrgId],
    [new Date(now - YEAR_MS), new Date(now)],
  );
  for (const { supplier_id: supplierId, id: auditId, ends_at: endsAt, time_zone: zone, critical } of completed) {
    const day = localDay(endsAt, zone ?? "UTC");
    entry(supplierId).mitigations.recent_audit_clean = critical
      ? { present: false, source: `audit #${auditId} of ${day} found critical problems`, date: day }
      : { present: true, source: `audit #${auditId} of ${day}, no critical findings`, date: day };
  }

  const actions = await perSuppliers<ActionRow>(
    db,
    (inList) =>
      `select a.supplier_id, count(*) as total, sum(case when a.status = 'verified_closed' then 1 else 0 end) as closed, max(a.verified_at) as last_verified_at
       from corrective_actions a where a.company_org_id = ? ${only(inList)} group by a.supplier_id`,
    supplierIds,
    [companyOrgId],
  );
  for (const { supplier_id: supplierId, total, closed, last_verified_at: lastVerifiedAt } of actions) {
    const day = lastVerifiedAt ? new Date(lastVerifiedAt).toISOString().slice(0, 10) : "";
    entry(supplierId).mitigations.corrective_actions_closed =
      closed === total
        ? { present: true, source: `${total} corrective action${total === 1 ? "" : "s"} verified closed by the inspectorate`, date: day }
        : { present: false, source: `${total - closed} of ${total} corrective actions not yet verified closed`, date: day };
  }
  return out;
}

/** Merges audit observations into what the list and people recorded (rules in the module comment). */
export function mergeObservations(recorded: Record<string, ObservedIndicator>, audit: AuditObservations | undefined): Record<string, ObservedIndicator> {
  if (!audit) return recorded;
  const merged = { ...recorded };
  for (const [code, o] of Object.entries(audit.indicators)) {
    if (o.present || !merged[code]?.present) merged[code] = o;
  }
  return Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]!]));
}
