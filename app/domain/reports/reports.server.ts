/**
 * Issued reports after issuing: the organisation's list, one report for its issuer or for the
 * regulator it was submitted to, the file download (each one recorded), submission, and the
 * regulator's list of what it received.
 */
import { and, desc, eq, isNotNull, isNull } from "drizzle-orm";
import { inTransaction, rawAll, rawGet, type Db } from "#db/client";
import { organisations, reportDownloads, reports, users, REPORT_TYPES, type ReportReviewAction, type ReportType } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { emitWebhookEvent } from "../webhooks/subscriptions.server";
import { firstRow } from "#db/client";
import type { ReportStatus } from "./review-states";

export interface ReportRow {
  id: string;
  type: ReportType;
  title: string;
  issuer: string;
  periodStart: string | null;
  periodEnd: string | null;
  dataAsOf: number;
  issuedAt: number;
  issuedBy: string | null;
  sha256: string;
  size: number;
  pages: number;
  submittedTo: string | null;
  submittedAt: number | null;
  supersedes: string | null;
  supersededBy: string | null;
  /** The issuing organisation. */
  issuerId: number;
  /** The regulator's latest review step (review-states.ts reads the state from it), null before any. */
  reviewAction: ReportReviewAction | null;
  /** When the file was signed (decision 034); null for a report issued unsigned. */
  signedAt: number | null;
}

const SELECT = `select r.id, r.type, r.title, o.name as issuer, r.period_start as periodStart, r.period_end as periodEnd, r.data_as_of as dataAsOf, r.issued_at as issuedAt,
       u.name as issuedBy, r.sha256, r.size, r.pages, g.name as submittedTo, r.submitted_at as submittedAt, r.supersedes,
       (select n.id from reports n where n.supersedes = r.id and n.submitted_at is not null order by n.submitted_at limit 1) as supersededBy,
       r.org_id as issuerId, (select rr.action from report_reviews rr where rr.report_id = r.id order by rr.id desc limit 1) as reviewAction, r.signed_at as signedAt
  from reports r join organisations o on o.id = r.org_id left join users u on u.id = r.issued_by left join organisations g on g.id = r.submitted_to`;

export async function listOwnReports(db: Db, actor: Actor): Promise<ReportRow[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "reports.view", { orgId });
  return await rawAll<ReportRow>(db, `${SELECT} where r.org_id = ? order by r.issued_at desc, r.id limit 500`, orgId);
}

/** Each status as a condition on the columns of `SELECT` (the same reading as review-states.ts). */
const STATUS_WHERE: Record<ReportStatus, string> = {
  not_submitted: "submittedAt is null",
  submitted: "submittedAt is not null and reviewAction is null",
  acknowledged: "reviewAction = 'acknowledged'",
  correction_requested: "reviewAction = 'correction_requested' and supersededBy is null",
  corrected: "reviewAction = 'correction_requested' and supersededBy is not null",
  accepted: "reviewAction = 'accepted'",
};

export interface ReportFilter {
  /** Reports whose id comes after this one (a page's cursor). */
  after?: string;
  limit: number;
  status?: ReportStatus;
  type?: ReportType;
  /** Supplier profiles of this supplier (the issuer's own suppliers). */
  supplierId?: number;
  issuedSince?: Date;
}

/**
 * The reports an organisation sees on its pages, one list in id order for paging: those it issued
 * (the reports page, `reports.view`) and those submitted to it (the regulator's portal,
 * `regulator.portal`). An organisation with neither permission is refused as on those pages.
 * `subjectId` is given only on the issuer's side: a regulator's pages do not show a company's
 * internal ids.
 */
export async function visibleReports(db: Db, actor: Actor, filter: ReportFilter): Promise<(ReportRow & { side: "issuer" | "regulator"; subjectId: number | null })[]> {
  const orgId = actor.membership?.orgId ?? -1;
  const own = can(actor, "reports.view", { orgId });
  const received = can(actor, "regulator.portal", { orgId });
  if (!own && !received) authorize(actor, "reports.view", { orgId });
  const sides = [own ? "r.org_id = ?" : null, received ? "r.submitted_to = ?" : null].filter((w) => w !== null);
  const where = [`(${sides.join(" or ")})`];
  const params: unknown[] = sides.map(() => orgId);
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.after) add("r.id > ?", filter.after);
  if (filter.type) add("r.type = ?", filter.type);
  if (filter.supplierId !== undefined) add("r.org_id = ? and r.type = 'supplier_profile' and r.subject_id = ?", orgId, filter.supplierId);
  if (filter.issuedSince) add("r.issued_at >= ?", filter.issuedSince);
  // The status reads the subqueries of SELECT, so it filters the rows SELECT gives.
  const status = filter.status ? ` where ${STATUS_WHERE[filter.status]}` : "";
  const rows = await rawAll<ReportRow & { subjectId: number | null }>(
    db,
    `select * from (${SELECT.replace("select r.id,", "select r.id, r.subject_id as subjectId,")} where ${where.join(" and ")}) x${status} order by id limit ?`,
    ...params,
    filter.limit,
  );
  return rows.map((r) => {
    const side = r.issuerId === orgId ? ("issuer" as const) : ("regulator" as const);
    return { ...r, side, subjectId: side === "issuer" ? r.subjectId : null };
  });
}

/** A report for its issuer, or for the regulator it was submitted to; 404 for anyone else. */
export async function requireReport(db: Db, actor: Actor, id: string): Promise<ReportRow & { orgId: number; submittedToId: number | null; filePath: string; side: "issuer" | "regulator" }> {
  const row = await rawGet<ReportRow & { orgId: number; submittedToId: number | null; filePath: string }>(
    db,
    `${SELECT.replace("select r.id,", "select r.id, r.org_id as orgId, r.submitted_to as submittedToId, r.file_path as filePath,")} where r.id = ?`,
    id,
  );
  const orgId = actor.membership?.orgId;
  if (!row || orgId === undefined) throw new NotFound();
  if (row.orgId === orgId) {
    authorize(actor, "reports.view", { orgId });
    return { ...row, side: "issuer" };
  }
  if (row.submittedToId === orgId) {
    authorize(actor, "regulator.portal", { orgId });
    return { ...row, side: "regulator" };
  }
  throw new NotFound();
}

/** The file of a report for download; the download is recorded (who, for which organisation, when). */
export async function downloadReport(db: Db, actor: Actor, id: string, ip: string | null, now = Date.now()): Promise<{ path: string; name: string }> {
  const report = await requireReport(db, actor, id);
  await db.insert(reportDownloads).values({ reportId: id, userId: actor.user.id, orgId: actor.membership!.orgId, at: new Date(now) });
  await recordEvent(db, { action: "report.downloaded", actorUserId: actor.user.id, orgId: actor.membership!.orgId, targetType: "report", targetId: id, ip }, now);
  return { path: report.filePath, name: `${id}.pdf` };
}

export async function downloadsOf(db: Db, actor: Actor, id: string) {
  await requireReport(db, actor, id);
  const rows = await db
      .select({ at: reportDownloads.at, user: users.name, org: organisations.name, orgId: reportDownloads.orgId })
      .from(reportDownloads)
      .leftJoin(users, eq(users.id, reportDownloads.userId))
      .leftJoin(organisations, eq(organisations.id, reportDownloads.orgId))
      .where(eq(reportDownloads.reportId, id))
      .orderBy(desc(reportDownloads.at))
      .limit(200);
  // People of one's own organisation by name; the other side (issuer or regulator) by organisation.
  const own = actor.membership!.orgId;
  return rows.map((r) => ({ at: r.at.getTime(), who: r.orgId === own ? (r.user ?? "a former member") : (r.org ?? "another organisation") }));
}

/** Regulators that can receive reports: a deactivated one keeps what it received but gets nothing new. */
export async function regulators(db: Db): Promise<{ id: number; name: string; jurisdictions: string[] }[]> {
  return await db.select({ id: organisations.id, name: organisations.name, jurisdictions: organisations.jurisdictions }).from(organisations).where(and(eq(organisations.type, "regulator"), isNull(organisations.deactivatedAt))).orderBy(organisations.name);
}

/** Everything a submission needs, checked: the report (the actor's, not yet submitted), the regulator and the report it corrects. */
async function checkSubmission(db: Db, actor: Actor, id: string, input: { regulatorId: number; supersedes: string | null }) {
  const report = await requireReport(db, actor, id);
  if (report.side !== "issuer") throw new NotFound();
  authorize(actor, "reports.submit", { orgId: report.orgId });
  if (report.submittedAt) throw new Invalid("regulatorId", "reports:errors.submit.alreadySubmitted");
  if (report.type === "regulator_summary" || report.type === "audit") throw new Invalid("regulatorId", "reports:errors.submit.onlyCompany");
  const regulator = (await regulators(db)).find((r) => r.id === input.regulatorId);
  if (!regulator) throw new Invalid("regulatorId", "reports:errors.submit.chooseRegulator");
  let earlier: typeof reports.$inferSelect | undefined;
  if (input.supersedes) {
    earlier = firstRow(await db.select().from(reports).where(and(eq(reports.id, input.supersedes), eq(reports.orgId, report.orgId), isNotNull(reports.submittedAt))));
    if (!earlier) throw new Invalid("supersedes", "reports:errors.submit.chooseEarlier");
    if (earlier.type !== report.type) throw new Invalid("supersedes", "reports:errors.submit.sameKind");
    if (earlier.submittedTo !== regulator.id) throw new Invalid("supersedes", "reports:errors.submit.sameRegulator");
  }
  return { report, regulator, earlier };
}

/** What submitting would do, stated before it is done (the page asks for a confirmation with it). */
export interface SubmissionPreview {
  reportId: string;
  title: string;
  pages: number;
  regulatorId: number;
  regulator: string;
  /** The regulator's members, who can read and download the report once it is submitted. */
  regulatorMembers: number;
  corrects: { id: string; title: string } | null;
}

/** Checks a submission exactly as `submitReport` does and says what it would do; changes nothing. */
export async function previewSubmission(db: Db, actor: Actor, id: string, input: { regulatorId: number; supersedes: string | null }): Promise<SubmissionPreview> {
  const { report, regulator, earlier } = await checkSubmission(db, actor, id, input);
  const members = (await rawGet<{ n: number }>(db, `select count(*) as n from memberships where org_id = ?`, regulator.id))!.n;
  return {
    reportId: report.id,
    title: report.title,
    pages: report.pages,
    regulatorId: regulator.id,
    regulator: regulator.name,
    regulatorMembers: Number(members),
    corrects: earlier ? { id: earlier.id, title: earlier.title } : null,
  };
}

/** Submits an issued report to a regulator, optionally as the correction of one submitted earlier. */
export async function submitReport(db: Db, actor: Actor, id: string, input: { regulatorId: number; supersedes: string | null }, options: { ip?: string | null; now?: number } = {}): Promise<void> {
  const { report, regulator } = await checkSubmission(db, actor, id, input);
  const now = options.now ?? Date.now();
  // The submission, its log entry and the regulator's webhook event (decision 038, an outbox) are
  // kept together or not at all.
  await inTransaction(db, async () => {
    await db.update(reports).set({ submittedTo: regulator.id, submittedBy: actor.user.id, submittedAt: new Date(now), supersedes: input.supersedes }).where(eq(reports.id, id));
    await recordEvent(db, { action: "report.submitted", actorUserId: actor.user.id, orgId: report.orgId, targetType: "report", targetId: id, ip: options.ip, details: { regulatorId: regulator.id, supersedes: input.supersedes } }, now);
    // To the receiving regulator: what its portal lists of the report (the company's internal ids stay out).
    await emitWebhookEvent(
      db,
      regulator.id,
      "report.submitted",
      [{ report: { id, type: report.type, title: report.title, issuer: report.issuer, issuedAt: new Date(report.issuedAt).toISOString(), sha256: report.sha256, pages: report.pages }, submittedAt: new Date(now).toISOString(), supersedes: input.supersedes }],
      now,
    );
  });
}

export async function submittedReportsOf(db: Db, actor: Actor): Promise<{ id: string; title: string; type: ReportType; submittedTo: number | null }[]> {
  const orgId = actor.membership?.orgId ?? -1;
  if (!can(actor, "reports.view", { orgId })) return [];
  return await db.select({ id: reports.id, title: reports.title, type: reports.type, submittedTo: reports.submittedTo }).from(reports).where(and(eq(reports.orgId, orgId), isNotNull(reports.submittedAt))).orderBy(desc(reports.submittedAt));
}

export interface RegulatorFilter {
  company?: number;
  type?: string;
  from?: string;
  to?: string;
  status?: "current" | "superseded";
}

/** What companies submitted to the regulator, filtered; superseded reports stay listed. */
export async function receivedReports(db: Db, actor: Actor, filter: RegulatorFilter) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "regulator.portal", { orgId });
  const where = ["r.submitted_to = ?"];
  const params: unknown[] = [orgId];
  const add = (sql: string, ...values: unknown[]) => {
    where.push(sql);
    params.push(...values);
  };
  if (filter.company) add("r.org_id = ?", filter.company);
  if (filter.type && (REPORT_TYPES as readonly string[]).includes(filter.type)) add("r.type = ?", filter.type);
  // `from` and `to` are days (YYYY-MM-DD, checked by the route). A report without a period is
  // placed by the UTC day its data is as of: on or after `from` is from that midnight on, on or
  // before `to` is before the next midnight (compared as times, as both engines store them).
  const midnight = (day: string, plusDays = 0) => new Date(Date.parse(`${day}T00:00:00Z`) + plusDays * 86_400_000);
  if (filter.from) add("(r.period_end >= ? or (r.period_end is null and r.data_as_of >= ?))", filter.from, midnight(filter.from));
  if (filter.to) add("(r.period_start <= ? or (r.period_start is null and r.data_as_of < ?))", filter.to, midnight(filter.to, 1));
  const rows = await rawAll<ReportRow>(db, `${SELECT} where ${where.join(" and ")} order by r.submitted_at desc, r.id`, ...params);
  const companies = await rawAll<{ id: number; name: string }>(db, `select distinct o.id, o.name from reports r join organisations o on o.id = r.org_id where r.submitted_to = ? order by o.name`, orgId);
  const filtered = filter.status === "current" ? rows.filter((r) => !r.supersededBy) : filter.status === "superseded" ? rows.filter((r) => r.supersededBy) : rows;
  return { rows: filtered, companies };
}
