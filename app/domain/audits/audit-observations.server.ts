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
import type { Db } from "#db/client";
import { INDICATORS } from "../indicators";
import type { ObservedIndicator } from "../risk/types";
import { localDay } from "./local-time";

const LABELS = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));
const YEAR_MS = 365 * 86_400_000;

export interface AuditObservations {
  indicators: Record<string, ObservedIndicator>;
  mitigations: Record<string, ObservedIndicator>;
}

type FindingRow = [supplierId: number, auditId: number, startsAt: number, zone: string | null, indicator: string, result: string];
type CompletedRow = [supplierId: number, auditId: number, endsAt: number, zone: string | null, critical: number];
type ActionRow = [supplierId: number, total: number, closed: number, lastVerifiedAt: number | null];

/** Per supplier of the company (or of the given suppliers), what its audits observed. */
export function auditObservations(db: Db, companyOrgId: number, now: number, supplierIds?: readonly number[]): Map<number, AuditObservations> {
  const only = supplierIds ? `and a.supplier_id in (select value from json_each(?))` : "";
  const params: unknown[] = supplierIds ? [companyOrgId, JSON.stringify(supplierIds)] : [companyOrgId];
  const out = new Map<number, AuditObservations>();
  const entry = (id: number) => {
    let e = out.get(id);
    if (!e) out.set(id, (e = { indicators: {}, mitigations: {} }));
    return e;
  };

  // Oldest first, so that a later audit's finding replaces an earlier one's.
  const findingRows = db.$client
    .prepare(
      `select a.supplier_id, a.id, a.starts_at, st.time_zone, f.indicator, f.result
       from findings f join audits a on a.id = f.audit_id left join inspectorate_settings st on st.org_id = a.org_id
       where a.company_org_id = ? ${only} and a.status in ('in_progress', 'completed', 'report_issued')
       order by a.supplier_id, a.starts_at, a.id, f.id`,
    )
    .raw()
    .all(...params) as FindingRow[];
  for (const [supplierId, , startsAt, zone, indicator, result] of findingRows) {
    const day = localDay(startsAt, zone ?? "UTC");
    const label = LABELS.get(indicator) ?? indicator;
    entry(supplierId).indicators[indicator] =
      result === "not_observed" ? { present: false, source: `audit of ${day}: ${label} not observed`, date: day } : { present: true, source: `audit of ${day}, ${result}: ${label}`, date: day };
  }

  const completed = db.$client
    .prepare(
      `select a.supplier_id, a.id, a.ends_at, st.time_zone,
              exists (select 1 from findings f where f.audit_id = a.id and f.result = 'critical') as critical
       from audits a left join inspectorate_settings st on st.org_id = a.org_id
       where a.company_org_id = ? ${only} and a.status in ('completed', 'report_issued') and a.ends_at > ? and a.ends_at <= ?
       order by a.supplier_id, a.ends_at, a.id`,
    )
    .raw()
    .all(...params, now - YEAR_MS, now) as CompletedRow[];
  for (const [supplierId, auditId, endsAt, zone, critical] of completed) {
    const day = localDay(endsAt, zone ?? "UTC");
    entry(supplierId).mitigations.recent_audit_clean = critical
      ? { present: false, source: `audit #${auditId} of ${day} found critical problems`, date: day }
      : { present: true, source: `audit #${auditId} of ${day}, no critical findings`, date: day };
  }

  const actions = db.$client
    .prepare(
      `select a.supplier_id, count(*), sum(a.status = 'verified_closed'), max(a.verified_at)
       from corrective_actions a where a.company_org_id = ? ${only} group by a.supplier_id`,
    )
    .raw()
    .all(...params) as ActionRow[];
  for (const [supplierId, total, closed, lastVerifiedAt] of actions) {
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
