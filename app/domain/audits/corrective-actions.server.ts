/**
 * Corrective actions: created by the inspector on a finding, answered by the audited company
 * (open → in progress → submitted, with what was done and evidence of closure), verified closed or
 * sent back by the inspector. "Overdue" is not stored: it is a status past its due date.
 */
import { workplaceZone } from "../reference/country-zones";
import { eq } from "drizzle-orm";
import { rmSync } from "node:fs";
import { inTransaction, type Db, firstRow, onlyRow, rawAll, rawGet } from "#db/client";
import { correctiveActions, evidence, findings, type CorrectiveActionStatus } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import type { StoredEvidence } from "~/lib/evidence.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Forbidden, Invalid, NotFound } from "../errors";
import { scoreOrganisation } from "../risk/scoring.server";
import { isOverdue, type EvidenceView } from "./audit-views.server";
import { isLocalDate, localDay } from "./local-time";
import { AuditInvalid } from "./refusals.server";
import { requireOwnAudit } from "./scheduling.server";
import { dueDateFor } from "./findings.server";
import { settingsOf } from "./settings.server";
import { companyCanSeeAudit } from "./visibility.server";

const MAX_TEXT = 5000;

/**
 * A free text of a form, trimmed: refused when required and empty, or longer than MAX_TEXT. `what`
 * names the catalog keys ("actions:errors.<what>Required", "actions:errors.<what>TooLong").
 */
function text(value: string, field: string, what: "response" | "update" | "reason" | "note", required: boolean): string {
  const v = value.trim();
  if (required && !v) throw new Invalid(field, `actions:errors.${what}Required`);
  if (v.length > MAX_TEXT) throw new Invalid(field, `actions:errors.${what}TooLong`, { max: MAX_TEXT, length: v.length });
  return v;
}

/**
 * The due date the inspector chose, within the rule's bounds: no later than the rule allows for
 * the finding's severity (`latest`), and not before today (an action due in the past would be
 * overdue as it is created). Empty: the rule's date. A finding recorded so long ago that the
 * rule's date has passed leaves only that date.
 */
export function chooseDueDate(chosen: string, latest: string, today: string): string {
  const v = chosen.trim();
  if (!v) return latest;
  if (!isLocalDate(v)) throw new AuditInvalid("dueOn", "errors.dueFormat", { got: v.slice(0, 20) });
  if (v > latest) throw new AuditInvalid("dueOn", "errors.dueTooLate", { latest });
  const earliest = today < latest ? today : latest;
  if (v < earliest) throw new AuditInvalid("dueOn", "errors.duePast", { earliest, latest });
  return v;
}

export async function addCorrectiveAction(db: Db, actor: Actor, findingId: number, input: { description: string; owner: string; dueOn?: string }, options: { ip?: string | null; now?: number } = {}): Promise<number> {
  const now = options.now ?? Date.now();
  const finding = firstRow(await db.select().from(findings).where(eq(findings.id, findingId)));
  if (!finding) throw new NotFound();
  const audit = await requireOwnAudit(db, actor, finding.auditId, "audits.record");
  if (finding.result === "not_observed") throw new AuditInvalid("description", "errors.actionNotObserved");
  if (audit.status === "cancelled") throw new AuditInvalid("description", "errors.actionCancelled");
  const description = input.description.trim();
  if (!description) throw new AuditInvalid("description", "errors.actionRequired");
  if (description.length > MAX_TEXT) throw new AuditInvalid("description", "errors.actionTooLong", { max: MAX_TEXT, length: description.length });
  if (input.owner !== "company" && input.owner !== "supplier") throw new AuditInvalid("owner", "errors.actionOwner");
  const zone = (await settingsOf(db, audit.orgId)).timeZone;
  const latest = await dueDateFor(db, audit.orgId, finding.result, localDay(finding.recordedAt.getTime(), zone));
  const dueOn = chooseDueDate(input.dueOn ?? "", latest, localDay(now, zone));
  const id = onlyRow(await db
      .insert(correctiveActions)
      .values({ findingId, auditId: audit.id, orgId: audit.orgId, companyOrgId: audit.companyOrgId, supplierId: audit.supplierId, description, owner: input.owner, dueOn, createdBy: actor.user.id, createdAt: new Date(now) })
      .returning({ id: correctiveActions.id })).id;
  await recordEvent(db, { action: "corrective_action.created", actorUserId: actor.user.id, orgId: audit.orgId, targetType: "corrective_action", targetId: id, ip: options.ip, details: { findingId, dueOn, owner: input.owner } }, now);
  // Open actions mean the "verified closed" mitigation no longer holds.
  await scoreOrganisation(db, audit.companyOrgId, { supplierIds: [audit.supplierId], cause: `corrective action #${id} opened`, now });
  return id;
}

export interface ActionRow {
  id: number;
  auditId: number;
  supplierId: number;
  supplierName: string;
  inspectorateName: string;
  companyName: string;
  indicator: string;
  severity: string;
  description: string;
  owner: "company" | "supplier";
  dueOn: string;
  status: CorrectiveActionStatus;
  overdue: boolean;
}

export const ACTIONS_PAGE_SIZE = 50;

/**
 * The workplace's name for the inspectorate: its audit's snapshot (docs/audits.md), so that a
 * workplace no longer shared shows nothing live; the company reads its own supplier's name.
 */
const INSPECTORATE_NAME = `(select coalesce(au2.workplace_name, 'Workplace of audit #' || au2.id) from audits au2 where au2.id = a.audit_id)`;

/** The actions the user's organisation works on: the company's on its suppliers, the inspectorate's on its audits. */
export async function listActions(db: Db, actor: Actor, filter: { status?: string; overdue?: boolean; page?: number }, now = Date.now()) {
  const m = actor.membership;
  const orgId = m?.orgId ?? -1;
  authorize(actor, "actions.view", { orgId });
  const side = m!.orgType === "company" ? "a.company_org_id" : "a.org_id";
  const rows = await rawAll<Omit<ActionRow, "overdue"> & { zone: string }>(
    db,
    `select a.id, a.audit_id as auditId, a.supplier_id as supplierId, ${m!.orgType === "company" ? "s.name" : INSPECTORATE_NAME} as supplierName, i.name as inspectorateName, c.name as companyName,
              f.indicator, f.result as severity, a.description, a.owner, a.due_on as dueOn, a.status, coalesce(st.time_zone, 'UTC') as zone
       from corrective_actions a join findings f on f.id = a.finding_id join suppliers s on s.id = a.supplier_id
       join organisations i on i.id = a.org_id join organisations c on c.id = a.company_org_id left join inspectorate_settings st on st.org_id = a.org_id
       where ${side} = ? ${filter.status ? "and a.status = ?" : ""} order by a.status = 'verified_closed', a.due_on, a.id`,
    ...[orgId, ...(filter.status ? [filter.status] : [])],
  );
  const all = rows.map(({ zone, ...r }) => ({ ...r, overdue: isOverdue(r, localDay(now, zone)) })).filter((r) => !filter.overdue || r.overdue);
  const page = Math.max(1, Math.floor(filter.page ?? 1));
  return {
    rows: all.slice((page - 1) * ACTIONS_PAGE_SIZE, page * ACTIONS_PAGE_SIZE),
    total: all.length,
    overdue: all.filter((r) => r.overdue).length,
    page,
    pages: Math.max(1, Math.ceil(all.length / ACTIONS_PAGE_SIZE)),
  };
}

/** One action, for the inspectorate that created it or the audited company; 404 for anyone else. */
export async function requireAction(db: Db, actor: Actor, actionId: number, now = Date.now()) {
  const a = firstRow(await db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)));
  const orgId = actor.membership?.orgId;
  if (!a || (orgId !== a.orgId && orgId !== a.companyOrgId)) throw new NotFound();
  authorize(actor, "actions.view", { orgId: orgId! });
  const side: "inspectorate" | "company" = orgId === a.orgId ? "inspectorate" : "company";
  if (side === "company" && !(await companyCanSeeAudit(db, a.auditId, now))) throw new NotFound();
  return { action: a, side };
}

export async function actionDetail(db: Db, actor: Actor, actionId: number, now = Date.now()) {
  const { action: a, side } = await requireAction(db, actor, actionId, now);
  const context = (await rawGet<{ supplierName: string; inspectorateName: string; companyName: string; indicator: string; severity: string; findingDescription: string; auditStartsAt: number; zone: string; auditCountry: string | null }>(
    db,
    `select ${side === "company" ? "s.name" : INSPECTORATE_NAME} as supplierName, i.name as inspectorateName, c.name as companyName, f.indicator, f.result as severity, f.description as findingDescription,
              au.starts_at as auditStartsAt, au.workplace_country as auditCountry, coalesce(st.time_zone, 'UTC') as zone
       from corrective_actions a join findings f on f.id = a.finding_id join suppliers s on s.id = a.supplier_id join audits au on au.id = a.audit_id
       join organisations i on i.id = a.org_id join organisations c on c.id = a.company_org_id left join inspectorate_settings st on st.org_id = a.org_id
       where a.id = ?`,
    actionId,
  ))!;
  const files = await rawAll<EvidenceView>(db, `select e.id, e.file_name as fileName, e.sha256, e.size, u.name as uploadedBy, e.created_at as createdAt from evidence e left join users u on u.id = e.uploaded_by where e.corrective_action_id = ? order by e.id`, actionId);
  const orgId = actor.membership!.orgId;
  return {
    action: { ...a, createdAt: a.createdAt.getTime(), respondedAt: a.respondedAt?.getTime() ?? null, verifiedAt: a.verifiedAt?.getTime() ?? null, overdue: isOverdue(a, localDay(now, context.zone)) },
    ...context,
    // The audit's time where it happened (issue 17, item 5), as on the audit page.
    auditZone: workplaceZone(context.auditCountry, context.zone),
    evidence: files,
    side,
    canAnswer: side === "company" && can(actor, "actions.answer", { orgId }) && a.status !== "verified_closed",
    canVerify: side === "inspectorate" && can(actor, "actions.verify", { orgId }) && a.status === "submitted",
  };
}

/** The company's answer: progress, or what was done (submitted for verification), with evidence. */
export async function answerAction(
  db: Db,
  actor: Actor,
  actionId: number,
  input: { status: string; response: string },
  files: StoredEvidence[],
  options: { ip?: string | null; now?: number } = {},
): Promise<void> {
  const now = options.now ?? Date.now();
  try {
    const { action: a, side } = await requireAction(db, actor, actionId, now);
    if (side !== "company") throw new Forbidden();
    authorize(actor, "actions.answer", { orgId: a.companyOrgId });
    if (input.status !== "in_progress" && input.status !== "submitted") throw new Invalid("status", "actions:errors.answerStatus");
    if (a.status === "verified_closed") throw new Invalid("status", "actions:errors.alreadyClosed");
    if (a.status === "submitted" && input.status === "in_progress") throw new Invalid("status", "actions:errors.awaitingVerification");
    const response = text(input.response, "response", input.status === "submitted" ? "response" : "update", input.status === "submitted");
    await inTransaction(db, async () => {
            await db.update(correctiveActions).set({ status: input.status as CorrectiveActionStatus, response: response || a.response, respondedBy: actor.user.id, respondedAt: new Date(now) }).where(eq(correctiveActions.id, actionId));
            for (const f of files) {
              await db.insert(evidence).values({ correctiveActionId: actionId, orgId: a.companyOrgId, fileName: f.name, filePath: f.path, sha256: f.sha256, size: f.size, mime: f.mime, uploadedBy: actor.user.id, createdAt: new Date(now) });
            }
            await recordEvent(db, { action: "corrective_action.answered", actorUserId: actor.user.id, orgId: a.companyOrgId, targetType: "corrective_action", targetId: actionId, ip: options.ip, details: { from: a.status, to: input.status, files: files.map((f) => ({ name: f.name, sha256: f.sha256 })) } }, now);
          });
  } catch (error) {
    for (const f of files) rmSync(f.path, { force: true });
    throw error;
  }
}

/** The inspector's verdict on a submitted action: closed, or back to the company with a note. */
export async function verifyAction(db: Db, actor: Actor, actionId: number, input: { decision: string; note: string }, options: { ip?: string | null; now?: number } = {}): Promise<void> {
  const now = options.now ?? Date.now();
  const { action: a, side } = await requireAction(db, actor, actionId, now);
  if (side !== "inspectorate") throw new Forbidden();
  authorize(actor, "actions.verify", { orgId: a.orgId });
  if (a.status !== "submitted") throw new Invalid("decision", "actions:errors.notSubmitted");
  if (input.decision !== "close" && input.decision !== "reopen") throw new Invalid("decision", "actions:errors.decision");
  const note = text(input.note, "note", input.decision === "reopen" ? "reason" : "note", input.decision === "reopen");
  const closed = input.decision === "close";
  await db.update(correctiveActions)
        .set({ status: closed ? "verified_closed" : "in_progress", verificationNote: note || null, verifiedBy: closed ? actor.user.id : null, verifiedAt: closed ? new Date(now) : null })
        .where(eq(correctiveActions.id, actionId));
  await recordEvent(db, { action: closed ? "corrective_action.verified" : "corrective_action.reopened", actorUserId: actor.user.id, orgId: a.orgId, targetType: "corrective_action", targetId: actionId, ip: options.ip, details: { note } }, now);
  await scoreOrganisation(db, a.companyOrgId, { supplierIds: [a.supplierId], cause: `corrective action #${actionId} ${closed ? "verified closed" : "sent back"}`, now });
}

/** An evidence file for whoever may see what it is attached to; 404 otherwise. */
export async function requireEvidence(db: Db, actor: Actor, evidenceId: number, now = Date.now()) {
  const e = firstRow(await db.select().from(evidence).where(eq(evidence.id, evidenceId)));
  if (!e) throw new NotFound();
  if (e.correctiveActionId) {
    await requireAction(db, actor, e.correctiveActionId, now);
  } else {
    const finding = firstRow(await db.select({ auditId: findings.auditId }).from(findings).where(eq(findings.id, e.findingId!)))!;
    const audit = (await rawGet<{ orgId: number; companyOrgId: number }>(db, `select org_id as orgId, company_org_id as companyOrgId from audits where id = ?`, finding.auditId))!;
    const orgId = actor.membership?.orgId;
    if (orgId === audit.orgId) authorize(actor, "audits.view", { orgId });
    else if (orgId === audit.companyOrgId && (await companyCanSeeAudit(db, finding.auditId, now))) authorize(actor, "suppliers.view", { orgId });
    else throw new NotFound();
  }
  return { path: e.filePath, name: e.fileName };
}
