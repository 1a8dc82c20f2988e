/**
 * What third-party audits count for in a buyer's score (issue 20 item 5), apart from the module that
 * records them so that the scoring inputs can read it without importing the scoring that recording
 * triggers. Computed against `now`, never stored: an audit stops counting on the day it expires.
 */
import { inArray } from "drizzle-orm";
import { rawAll, type Db } from "#db/client";
import { thirdPartyAudits } from "#db/schema";
import { isIndicatorCode, type IndicatorCode } from "../indicators";
import type { ObservedIndicator } from "../risk/types";
import { FINDING_LEVELS, type FindingLevel } from "./schemas";

/** The method's mitigation "audit in the last 12 months without critical findings" (methodology v2.x). */
export const RECENT_AUDIT_MONTHS = 12;

export type ThirdPartyAuditRow = typeof thirdPartyAudits.$inferSelect;
export type Provenance = "supplier" | "buyer";

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

export function addMonths(day: string, months: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCMonth(d.getUTCMonth() + months);
  return dayOf(d.getTime());
}

/** What an audit counts for today: expired past its validity; a mitigation only while recent and clean. */
export function auditStanding(audit: Pick<ThirdPartyAuditRow, "auditedOn" | "validUntil" | "findings">, now: number) {
  const today = dayOf(now);
  const expired = audit.validUntil < today;
  const recent = addMonths(audit.auditedOn, RECENT_AUDIT_MONTHS) >= today;
  const critical = Object.values(audit.findings).some((level) => level === "critical");
  return { expired, recent, critical, mitigates: !expired && recent && !critical };
}

/** The audits one buyer may rely on, per record (its own and its shared sites'), newest first. */
export async function auditRowsForRecords(db: Db, buyerOrgId: number, supplierIds?: readonly number[]): Promise<{ supplierId: number; row: ThirdPartyAuditRow; provenance: Provenance }[]> {
  const only = supplierIds ? `and s.id in (select value from json_each(?))` : "";
  const params = supplierIds ? [JSON.stringify(supplierIds)] : [];
  const ids = await rawAll<{ supplierId: number; auditId: number; provenance: Provenance }>(
    db,
    `select s.id as "supplierId", a.id as "auditId", 'buyer' as provenance
       from suppliers s join third_party_audits a on a.supplier_id = s.id
      where s.org_id = ? and a.org_id = ? ${only}
     union all
     select s.id as "supplierId", a.id as "auditId", 'supplier' as provenance
       from suppliers s
       join supplier_site_links l on l.supplier_id = s.id
       join third_party_audits a on a.site_id = l.site_id
      where s.org_id = ? ${only}
        and exists (select 1 from questionnaire_shares q where q.site_id = l.site_id and q.buyer_org_id = s.org_id and q.revoked_at is null)`,
    buyerOrgId,
    buyerOrgId,
    ...params,
    buyerOrgId,
    ...params,
  );
  if (ids.length === 0) return [];
  const rows = new Map<number, ThirdPartyAuditRow>();
  for (const row of await rawAuditRows(db, [...new Set(ids.map((i) => i.auditId))])) rows.set(row.id, row);
  return ids
    .map((i) => ({ supplierId: i.supplierId, row: rows.get(i.auditId)!, provenance: i.provenance }))
    .sort((a, b) => b.row.auditedOn.localeCompare(a.row.auditedOn) || b.row.id - a.row.id);
}

/** The rows by id, in chunks that stay under both engines' parameter limits. */
async function rawAuditRows(db: Db, ids: number[]): Promise<ThirdPartyAuditRow[]> {
  const out: ThirdPartyAuditRow[] = [];
  for (let i = 0; i < ids.length; i += 500) out.push(...(await db.select().from(thirdPartyAudits).where(inArray(thirdPartyAudits.id, ids.slice(i, i + 500)))));
  return out;
}

const SCHEME_NAMES: Record<ThirdPartyAuditRow["scheme"], string> = {
  smeta: "SMETA",
  amfori_bsci: "amfori BSCI",
  rba_vap: "RBA VAP",
  sa8000: "SA8000",
  labour_inspection: "labour inspection",
  other: "third-party audit",
};

/** The source line a score cites: "SMETA audit by Bureau Veritas (supplier-recorded)". Stored in English, as every score line is. */
function sourceOf(row: ThirdPartyAuditRow, provenance: Provenance): string {
  return `${SCHEME_NAMES[row.scheme]} audit by ${row.body}${provenance === "supplier" ? " (recorded by the supplier)" : ""}`;
}

export interface ThirdPartyObservations {
  /** Indicator code → what the latest valid audit that looked at it found. */
  indicators: Partial<Record<IndicatorCode, ObservedIndicator>>;
  /** "recent_audit_clean" while a recent, valid audit without a critical finding exists. */
  mitigations: Record<string, ObservedIndicator>;
}

/**
 * The scoring inputs from third-party audits, per record of one buyer (or the given records): for
 * each indicator the latest audit still valid that reported on it (a finding at any level:
 * present; "not observed": absent), and the mitigation while one audit is recent and clean.
 * Expired audits count for nothing: an old clean audit must not keep a score low.
 */
export async function thirdPartyObservations(db: Db, buyerOrgId: number, now: number, supplierIds?: readonly number[]): Promise<Map<number, ThirdPartyObservations>> {
  const out = new Map<number, ThirdPartyObservations>();
  // Newest first: the first audit to speak of an indicator is the one that counts.
  for (const { supplierId, row, provenance } of await auditRowsForRecords(db, buyerOrgId, supplierIds)) {
    const standing = auditStanding(row, now);
    if (standing.expired) continue;
    let entry = out.get(supplierId);
    if (!entry) out.set(supplierId, (entry = { indicators: {}, mitigations: {} }));
    const source = sourceOf(row, provenance);
    for (const [code, level] of Object.entries(row.findings)) {
      if (!isIndicatorCode(code) || entry.indicators[code] || !FINDING_LEVELS.includes(level as FindingLevel)) continue;
      entry.indicators[code] = { present: level !== "not_observed", source: level === "not_observed" ? source : `${source}, ${level}`, date: row.auditedOn };
    }
    if (standing.mitigates && !entry.mitigations.recent_audit_clean) entry.mitigations.recent_audit_clean = { present: true, source, date: row.auditedOn };
  }
  return out;
}
