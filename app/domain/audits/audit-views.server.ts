/**
 * Reading audits for pages: the inspectorate's list and one audit with its team, findings,
 * evidence and corrective actions. The audited company reads through visibility.server.ts.
 */
import { workplaceZone } from "../reference/country-zones";
import { rawAll, rawGet, type Db } from "#db/client";
import type { AuditStatus, AuditType, FindingResult } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { auditHistory, requireOwnAudit, type AuditRecord } from "./scheduling.server";
import { settingsOf } from "./settings.server";
import { auditWorkplace, SNAPSHOT_NAME, stillShared } from "./workplaces.server";

export interface AuditListRow {
  id: number;
  supplierId: number;
  supplierName: string;
  country: string | null;
  companyName: string;
  type: AuditType;
  status: AuditStatus;
  startsAt: number;
  endsAt: number;
  lead: string;
  findings: number;
  critical: number;
}

export const AUDIT_PAGE_SIZE = 50;

export interface AuditFilter {
  status?: string;
  type?: string;
  inspectorId?: number;
  when?: "upcoming" | "past" | "all";
  page?: number;
}

export async function listAudits(db: Db, actor: Actor, filter: AuditFilter, now = Date.now()) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const where = ["a.org_id = ?"];
  const params: unknown[] = [orgId];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.status) add("a.status = ?", filter.status);
  if (filter.type) add("a.type = ?", filter.type);
  if (filter.inspectorId) add("exists (select 1 from audit_team t where t.audit_id = a.id and t.user_id = ?)", filter.inspectorId);
  // A planned audit whose time passed is still to do (overdue), not history: it stays upcoming, flagged.
  if (filter.when === "upcoming") add("(a.ends_at >= ? or a.status in ('planned', 'confirmed')) and a.status not in ('cancelled', 'completed', 'report_issued')", new Date(now));
  if (filter.when === "past") add("a.ends_at < ?", new Date(now));
  const order = filter.when === "past" ? "a.starts_at desc, a.id desc" : "a.starts_at, a.id";
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  const total = (await rawGet<{ n: number }>(db, `select count(*) as n from audits a where ${where.join(" and ")}`, ...params))!.n;
  const rows = await rawAll<AuditListRow>(
    db,
    `select a.id, a.supplier_id as supplierId, ${SNAPSHOT_NAME} as supplierName, a.workplace_country as country, o.name as companyName, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt,
              u.name as lead,
              (select count(*) from findings f where f.audit_id = a.id and f.result != 'not_observed') as findings,
              (select count(*) from findings f where f.audit_id = a.id and f.result = 'critical') as critical
       from audits a join organisations o on o.id = a.company_org_id join users u on u.id = a.lead_inspector_id
       where ${where.join(" and ")} order by ${order} limit ? offset ?`,
    ...params,
    AUDIT_PAGE_SIZE,
    (page - 1) * AUDIT_PAGE_SIZE,
  );
  // Current name and country where the supplier is still shared; the audit's snapshot otherwise.
  const live = await stillShared(db, orgId, rows.map((r) => r.supplierId));
  const zone = (await settingsOf(db, orgId)).timeZone;
  const current = rows.map((r) => {
    const v = live.get(r.supplierId);
    const overdue = (r.status === "planned" || r.status === "confirmed") && r.endsAt < now;
    // The zone the audit's times are in: the country recorded with the audit (what scheduling read them in).
    const placeZone = workplaceZone(r.country, zone);
    return v ? { ...r, supplierName: v.name, country: v.country, overdue, placeZone } : { ...r, overdue, placeZone };
  });
  return { rows: current, total, page, pages: Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE)) };
}

export interface EvidenceView {
  id: number;
  fileName: string;
  sha256: string;
  size: number;
  uploadedBy: string | null;
  createdAt: number;
}

export interface FindingView {
  id: number;
  indicator: string;
  result: FindingResult;
  description: string;
  workersInterviewed: number | null;
  recordedBy: string | null;
  recordedAt: number;
  evidence: EvidenceView[];
}

export interface ActionSummary {
  id: number;
  findingId: number;
  description: string;
  owner: "company" | "supplier";
  dueOn: string;
  status: string;
  overdue: boolean;
}

export async function findingsOf(db: Db, auditId: number): Promise<FindingView[]> {
  const rows = await rawAll<Omit<FindingView, "evidence">>(
    db,
    `select f.id, f.indicator, f.result, f.description, f.workers_interviewed as workersInterviewed, u.name as recordedBy, f.recorded_at as recordedAt
       from findings f left join users u on u.id = f.recorded_by where f.audit_id = ? order by f.id`,
    auditId,
  );
  const evidence = await rawAll<EvidenceView & { findingId: number }>(
    db,
    `select e.id, e.finding_id as findingId, e.file_name as fileName, e.sha256, e.size, u.name as uploadedBy, e.created_at as createdAt
       from evidence e join findings f on f.id = e.finding_id left join users u on u.id = e.uploaded_by where f.audit_id = ? order by e.id`,
    auditId,
  );
  return rows.map((f) => ({ ...f, evidence: evidence.filter((e) => e.findingId === f.id).map(({ findingId: _, ...e }) => e) }));
}

export async function actionsOfAudit(db: Db, auditId: number, today: string): Promise<ActionSummary[]> {
  const rows = await rawAll<Omit<ActionSummary, "overdue">>(db, `select id, finding_id as findingId, description, owner, due_on as dueOn, status from corrective_actions where audit_id = ? order by due_on, id`, auditId);
  return rows.map((a) => ({ ...a, overdue: isOverdue(a, today) }));
}

/** Past its due date and not yet handed in for verification (or verified). */
export function isOverdue(a: { status: string; dueOn: string }, today: string): boolean {
  return (a.status === "open" || a.status === "in_progress") && a.dueOn < today;
}

export async function auditDetail(db: Db, actor: Actor, auditId: number) {
  const audit: AuditRecord = await requireOwnAudit(db, actor, auditId);
  const settings = await settingsOf(db, audit.orgId);
  // Through the scoped view while shared, else the audit's snapshot: never the supplier row itself.
  const workplace = await auditWorkplace(db, audit);
  const team = await rawAll<{ id: number; name: string; role: "lead" | "member" }>(db, `select u.id, u.name, t.role from audit_team t join users u on u.id = t.user_id where t.audit_id = ? order by t.role = 'member', u.name`, auditId);
  // What follows the audit: a follow-up scheduled or proposed, and its latest report.
  const followUp = (await rawGet<{ audit: number | null; proposal: number | null }>(
    db,
    `select (select id from audits where follow_up_of = ? and status != 'cancelled' limit 1) as audit, (select id from audit_proposals where follow_up_of = ? and status = 'pending' limit 1) as proposal`,
    auditId,
    auditId,
  ))!;
  // The other direction of "follows up": every audit scheduled to follow this one, whatever became of it.
  const followedUpBy = await rawAll<{ id: number; status: AuditStatus; startsAt: number }>(db, `select id, status, starts_at as startsAt from audits where follow_up_of = ? and org_id = ? order by starts_at, id`, auditId, audit.orgId);
  const report = await rawGet<{ id: string }>(db, `select id from reports where type = 'audit' and subject_id = ? order by issued_at desc limit 1`, auditId);
  // The audit's times are the workplace's (its country's zone); `settings.timeZone` is the viewer's.
  const placeZone = workplaceZone(audit.workplaceCountry, settings.timeZone);
  return { audit, settings, placeZone, ...workplace, team, history: await auditHistory(db, auditId), followUp, followedUpBy, reportId: report?.id ?? null };
}

export interface OverduePlannedAudit {
  id: number;
  supplierId: number;
  supplierName: string;
  status: AuditStatus;
  startsAt: number;
  endsAt: number;
  lead: string;
  /** The zone the audit's times are in (its workplace's). */
  placeZone: string;
}

/**
 * Planned or confirmed audits whose window has ended without being started: each needs the
 * inspector to start (record late), reschedule or cancel it. For the audits list and the
 * inspector's home; `orgId` is the inspectorate asked about (404-like refusal for any other).
 */
export async function overduePlannedAudits(db: Db, actor: Actor, orgId: number, now = Date.now()): Promise<OverduePlannedAudit[]> {
  authorize(actor, "audits.view", { orgId });
  const rows = await rawAll<Omit<OverduePlannedAudit, "placeZone"> & { country: string | null }>(
    db,
    `select a.id, a.supplier_id as supplierId, ${SNAPSHOT_NAME} as supplierName, a.workplace_country as country, a.status, a.starts_at as startsAt, a.ends_at as endsAt, u.name as lead
       from audits a join users u on u.id = a.lead_inspector_id
       where a.org_id = ? and a.status in ('planned', 'confirmed') and a.ends_at < ? order by a.ends_at, a.id`,
    orgId,
    new Date(now),
  );
  const live = await stillShared(db, orgId, rows.map((r) => r.supplierId));
  const zone = (await settingsOf(db, orgId)).timeZone;
  return rows.map(({ country, ...r }) => ({ ...r, supplierName: live.get(r.supplierId)?.name ?? r.supplierName, placeZone: workplaceZone(country, zone) }));
}
