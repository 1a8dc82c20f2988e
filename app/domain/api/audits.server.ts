/**
 * Audits over the API (decision 037). Each call reads or writes through the functions the audit
 * pages use, as the token's actor: an inspectorate reads its own audits (`auditDetail`, the
 * audit page's reading), a company what its audit page shows it (`companyAuditDetail`, an
 * unannounced audit only once it has started); findings are recorded by `saveFindings` and
 * corrective actions moved by `answerAction` / `verifyAction`, with their checks, activity-log
 * entries, rescoring and webhook events. A foreign id answers as a missing one: those functions'
 * NotFound.
 */
import type { z } from "zod";
import { rawAll, rawGet, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { actionsOfAudit, auditDetail, findingsOf, type ActionSummary, type FindingView } from "../audits/audit-views.server";
import { actionDetail, answerAction, requireAction, verifyAction } from "../audits/corrective-actions.server";
import { saveFindings } from "../audits/findings.server";
import { localDay } from "../audits/local-time";
import { COMPANY_VISIBLE, companyAuditDetail } from "../audits/visibility.server";
import { SNAPSHOT_NAME, stillShared } from "../audits/workplaces.server";
import { Invalid } from "../errors";
import { decodeCursor, DEFAULT_LIMIT, iso, pageFrom, CURSOR } from "./paging.server";
import type { AuditPageSchema, AuditSchema, CorrectiveActionSchema, FindingSchema, ListAuditsQuery, RecordFindingSchema, UpdateCorrectiveActionSchema } from "./operations";

type AuditRow = Omit<z.output<typeof AuditPageSchema>["data"][number], "startsAt" | "endsAt"> & { startsAt: number; endsAt: number };

/**
 * The audits list: the inspectorate's own (as its audits page lists them), or for a company the
 * audits of its suppliers it may see (as its supplier pages list them, through COMPANY_VISIBLE).
 * Any other kind of organisation is refused as on the pages (it has no audits page).
 */
export async function apiListAudits(db: Db, actor: Actor, orgId: number, query: z.output<typeof ListAuditsQuery>, now = Date.now()): Promise<z.output<typeof AuditPageSchema>> {
  const company = actor.membership?.orgType === "company";
  authorize(actor, company ? "suppliers.view" : "audits.view", { orgId });
  const limit = query.limit ?? DEFAULT_LIMIT;
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (company) {
    add("a.company_org_id = ?", orgId);
    add(COMPANY_VISIBLE, new Date(now));
  } else {
    add("a.org_id = ?", orgId);
  }
  if (query.cursor) add("a.id > ?", decodeCursor(CURSOR.audits, query.cursor));
  if (query.status) add("a.status = ?", query.status);
  if (query.supplierId) add("a.supplier_id = ?", query.supplierId);
  if (query.scheduledFrom) add("a.starts_at >= ?", new Date(query.scheduledFrom));
  if (query.scheduledTo) add("a.starts_at < ?", new Date(query.scheduledTo));
  // The company reads its own supplier's name; the inspectorate the audit's snapshot, made live below while shared.
  const rows = await rawAll<AuditRow>(
    db,
    `select a.id, a.supplier_id as supplierId, ${company ? "s.name" : SNAPSHOT_NAME} as supplierName, i.name as inspectorateName, c.name as companyName, a.type, a.status,
            a.starts_at as startsAt, a.ends_at as endsAt,
            (select count(*) from findings f where f.audit_id = a.id and f.result != 'not_observed') as findings,
            (select count(*) from findings f where f.audit_id = a.id and f.result = 'critical') as critical,
            (select count(*) from corrective_actions ca where ca.audit_id = a.id and ca.status != 'verified_closed') as openActions
       from audits a join suppliers s on s.id = a.supplier_id join organisations i on i.id = a.org_id join organisations c on c.id = a.company_org_id
      where ${where.join(" and ")} order by a.id limit ?`,
    ...params,
    limit + 1,
  );
  const live = company ? new Map<number, { name: string }>() : await stillShared(db, orgId, rows.map((r) => r.supplierId));
  return pageFrom(CURSOR.audits, rows, limit, (r) => ({
    id: r.id,
    supplierId: r.supplierId,
    supplierName: live.get(r.supplierId)?.name ?? r.supplierName,
    inspectorateName: r.inspectorateName,
    companyName: r.companyName,
    type: r.type,
    status: r.status,
    startsAt: iso(r.startsAt)!,
    endsAt: iso(r.endsAt)!,
    findings: r.findings,
    critical: r.critical,
    openActions: r.openActions,
  }));
}

const findingOut = (f: FindingView): z.output<typeof FindingSchema> => ({
  id: f.id,
  indicator: f.indicator,
  result: f.result,
  description: f.description,
  workersInterviewed: f.workersInterviewed,
  recordedAt: iso(f.recordedAt)!,
  evidence: f.evidence.map((e) => ({ id: e.id, fileName: e.fileName, sha256: e.sha256, size: e.size, createdAt: iso(e.createdAt)! })),
});

const actionOut = (a: Pick<ActionSummary, "id" | "findingId" | "description" | "owner" | "dueOn" | "status" | "overdue">): z.output<typeof CorrectiveActionSchema> => ({
  id: a.id,
  findingId: a.findingId,
  description: a.description,
  owner: a.owner,
  dueOn: a.dueOn,
  status: a.status as z.output<typeof CorrectiveActionSchema>["status"],
  overdue: a.overdue,
});

/** One audit as its page shows it to the calling organisation. */
export async function apiAudit(db: Db, actor: Actor, orgId: number, auditId: number, now = Date.now()): Promise<z.output<typeof AuditSchema>> {
  const names = async () => (await rawGet<{ inspectorateName: string; companyName: string }>(db, `select i.name as inspectorateName, c.name as companyName from audits a join organisations i on i.id = a.org_id join organisations c on c.id = a.company_org_id where a.id = ?`, auditId))!;
  if (actor.membership?.orgType === "company") {
    const d = await companyAuditDetail(db, actor, auditId, now);
    const { companyName } = await names();
    const a = d.audit;
    return { id: a.id, supplierId: a.supplierId, supplierName: a.supplierName, inspectorateName: a.inspectorateName, companyName, type: a.type, status: a.status, startsAt: iso(a.startsAt)!, endsAt: iso(a.endsAt)!, findings: d.findings.map(findingOut), correctiveActions: d.actions.map(actionOut) };
  }
  const d = await auditDetail(db, actor, auditId);
  const a = d.audit;
  const { inspectorateName, companyName } = await names();
  const actions = await actionsOfAudit(db, auditId, localDay(now, d.settings.timeZone));
  return { id: a.id, supplierId: a.supplierId, supplierName: d.supplierName, inspectorateName, companyName, type: a.type, status: a.status, startsAt: iso(a.startsAt)!, endsAt: iso(a.endsAt)!, findings: (await findingsOf(db, auditId)).map(findingOut), correctiveActions: actions.map(actionOut) };
}

/**
 * The findings page names a row's fields per indicator (`description.deception`); the API's body has
 * one of each. A refusal of the whole save (`form`: the audit is not being recorded) names the body.
 */
const FINDING_FIELDS: Record<string, string> = { result: "result", description: "description", workers: "workersInterviewed", evidence: "evidence", form: "body" };

/** Records one indicator's finding through the findings page's save (same checks, log, rescoring, follow-up, webhook). */
export async function apiRecordFinding(db: Db, actor: Actor, auditId: number, body: z.output<typeof RecordFindingSchema>, ip: string): Promise<z.output<typeof FindingSchema>> {
  const row = { indicator: body.indicator, result: body.result, description: body.description, workersInterviewed: body.workersInterviewed === null ? "" : String(body.workersInterviewed) };
  try {
    await saveFindings(db, actor, auditId, [row], new Map(), { ip });
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    const field = FINDING_FIELDS[error.field.split(".")[0]!] ?? error.field;
    throw new Invalid(field, error.message, error.values);
  }
  const recorded = (await findingsOf(db, auditId)).find((f) => f.indicator === body.indicator)!;
  return findingOut(recorded);
}

/**
 * Moves a corrective action as its page does, by the caller's side: the company answers
 * (`in_progress` or `submitted`, with `response`); the inspectorate verifies a submitted action
 * (`verified_closed`) or sends it back (`in_progress`, with `note`). A field of the other side is
 * refused by name rather than ignored, so that a caller does not believe it was kept.
 */
export async function apiUpdateAction(db: Db, actor: Actor, actionId: number, body: z.output<typeof UpdateCorrectiveActionSchema>, ip: string, now = Date.now()): Promise<z.output<typeof CorrectiveActionSchema>> {
  const { side } = await requireAction(db, actor, actionId, now);
  if (side === "company") {
    if (body.note !== undefined) throw new Invalid("note", "api:invalid.otherSide");
    await answerAction(db, actor, actionId, { status: body.status, response: body.response ?? "" }, [], { ip, now });
  } else {
    if (body.response !== undefined) throw new Invalid("response", "api:invalid.otherSide");
    const decision = body.status === "verified_closed" ? "close" : body.status === "in_progress" ? "reopen" : "";
    try {
      await verifyAction(db, actor, actionId, { decision, note: body.note ?? "" }, { ip, now });
    } catch (error) {
      // The page's choice is named "decision"; the API's is the status it leads to.
      if (error instanceof Invalid && error.field === "decision") throw new Invalid("status", error.message, error.values);
      throw error;
    }
  }
  const { action } = await actionDetail(db, actor, actionId, now);
  return actionOut(action);
}
