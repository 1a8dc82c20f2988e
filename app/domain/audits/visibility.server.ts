/**
 * What the audited company sees of the audits of its suppliers. The one rule that matters:
 * an unannounced audit does not exist for the company until its start time (and, if cancelled
 * before it started, never). Every company-side query goes through COMPANY_VISIBLE, so no page,
 * count, export or feed can reveal it early.
 */
import { rawAll, rawGet, type Db } from "#db/client";
import type { AuditStatus, AuditType } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { actionsOfAudit, findingsOf } from "./audit-views.server";
import { interviewsOf } from "./interviews.server";
import { localDay } from "./local-time";
import { NotFound } from "../errors";
import { workplaceZone } from "../reference/country-zones";

/** SQL over alias `a` (audits); bind `now` once, as a Date (each engine compares its own time type with it). */
export const COMPANY_VISIBLE = `(a.type != 'unannounced' or (a.starts_at <= ? and a.status != 'cancelled'))`;

export async function companyCanSeeAudit(db: Db, auditId: number, now: number): Promise<boolean> {
  return Boolean(await rawGet(db, `select 1 from audits a where a.id = ? and ${COMPANY_VISIBLE}`, auditId, new Date(now)));
}

export interface CompanyAuditRow {
  id: number;
  inspectorateName: string;
  type: AuditType;
  status: AuditStatus;
  startsAt: number;
  endsAt: number;
  zone: string;
  /** Where the audit happens (the workplace's zone, issue 17, item 5): its times are shown there. */
  placeZone: string;
  findings: number;
  critical: number;
  openActions: number;
}

/** The audits of one of the company's suppliers that the company may see (newest first). */
export async function companySupplierAudits(db: Db, actor: Actor, companyOrgId: number, supplierId: number, now = Date.now()): Promise<CompanyAuditRow[]> {
  authorize(actor, "suppliers.view", { orgId: companyOrgId });
  const rows = await rawAll<Omit<CompanyAuditRow, "placeZone"> & { country: string | null }>(
    db,
    `select a.id, o.name as inspectorateName, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt, coalesce(st.time_zone, 'UTC') as zone, a.workplace_country as country,
              (select count(*) from findings f where f.audit_id = a.id and f.result != 'not_observed') as findings,
              (select count(*) from findings f where f.audit_id = a.id and f.result = 'critical') as critical,
              (select count(*) from corrective_actions c where c.audit_id = a.id and c.status != 'verified_closed') as openActions
       from audits a join organisations o on o.id = a.org_id left join inspectorate_settings st on st.org_id = a.org_id
       where a.company_org_id = ? and a.supplier_id = ? and ${COMPANY_VISIBLE} order by a.starts_at desc, a.id desc`,
    companyOrgId,
    supplierId,
    new Date(now),
  );
  return rows.map(({ country, ...r }) => ({ ...r, placeZone: workplaceZone(country, r.zone) }));
}

/** One audit as the audited company sees it: no team notes, no planning history; 404 while secret. */
export async function companyAuditDetail(db: Db, actor: Actor, auditId: number, now = Date.now()) {
  const orgId = actor.membership?.orgId ?? -1;
  const audit = await rawGet<Omit<CompanyAuditRow, "findings" | "critical" | "openActions" | "inspectorateName"> & { supplierId: number; supplierName: string; country: string | null; inspectorateName: string; lead: string }>(
    db,
    `select a.id, a.supplier_id as supplierId, s.name as supplierName, s.country, o.name as inspectorateName, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt,
              u.name as lead, coalesce(st.time_zone, 'UTC') as zone
       from audits a join suppliers s on s.id = a.supplier_id join organisations o on o.id = a.org_id join users u on u.id = a.lead_inspector_id
       left join inspectorate_settings st on st.org_id = a.org_id
       where a.id = ? and a.company_org_id = ? and ${COMPANY_VISIBLE}`,
    auditId,
    orgId,
    new Date(now),
  );
  if (!audit) throw new NotFound();
  authorize(actor, "suppliers.view", { orgId });
  // Interview counts: the total only, once the report is issued (who sees what: interviews.ts).
  const interviewed = audit.status === "report_issued" ? (await interviewsOf(db, auditId)).total : null;
  // The company sees the audit's times where it happens: its own supplier's country.
  return { audit, placeZone: workplaceZone(audit.country, audit.zone), findings: await findingsOf(db, auditId), actions: await actionsOfAudit(db, auditId, localDay(now, audit.zone)), interviewed };
}
