/**
 * The regulator's review of the reports submitted to it (issue 17, item 13): acknowledge receipt,
 * accept, or request a correction with a reason. Each step is a row of `report_reviews`, which the
 * database keeps append-only; the state is the latest step (review-states.ts says which step may
 * follow which). Only the regulator the report was submitted to may review it, and the company
 * that submitted it reads the state and the reason.
 */
import { inTransaction, rawAll, rawGet, type Db } from "#db/client";
import { reportReviews, type ReportReviewAction } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { emitWebhookEvent } from "../webhooks/subscriptions.server";
import { requireReport } from "./reports.server";
import { allowedSteps, refusalOf, reviewState, type ReviewState } from "./review-states";

export interface ReviewStep {
  id: number;
  action: ReportReviewAction;
  reason: string | null;
  by: string | null;
  at: number;
}

export interface Review {
  state: ReviewState;
  /** The steps so far, oldest first. */
  steps: ReviewStep[];
  /** The reason of the latest correction request (what the company has to answer), if any. */
  requestedCorrection: { reason: string; at: number } | null;
  /** The steps the regulator may take now (empty for the company). */
  next: readonly ReportReviewAction[];
}

/** The latest step and whether a correcting report was submitted, read inside or outside a transaction. */
async function stateOf(db: Db, reportId: string): Promise<ReviewState> {
  const row = await rawGet<{ action: ReportReviewAction | null; corrected: string | null }>(
    db,
    `select (select action from report_reviews where report_id = ? order by id desc limit 1) as action,
            (select n.id from reports n where n.supersedes = ? and n.submitted_at is not null limit 1) as corrected`,
    reportId,
    reportId,
  );
  return reviewState(row?.action ?? null, Boolean(row?.corrected));
}

/**
 * The review of a submitted report, for its regulator or for the company that submitted it.
 * The company sees who reviewed it as the regulator, not by name (the regulator's staff are not
 * the company's business); the regulator sees its own people by name.
 */
export async function reviewOf(db: Db, actor: Actor, reportId: string): Promise<Review | null> {
  const report = await requireReport(db, actor, reportId);
  if (!report.submittedAt) return null;
  const rows = await rawAll<{ id: number; action: ReportReviewAction; reason: string | null; by: string | null; at: number }>(
    db,
    `select rr.id, rr.action, rr.reason, u.name as by, rr.created_at as at from report_reviews rr left join users u on u.id = rr.created_by where rr.report_id = ? order by rr.id`,
    reportId,
  );
  const steps = rows.map((r) => ({ ...r, at: Number(new Date(r.at)), by: report.side === "regulator" ? r.by : report.submittedTo }));
  const state = await stateOf(db, reportId);
  const lastRequest = [...steps].reverse().find((s) => s.action === "correction_requested");
  const mayReview = report.side === "regulator" && actor.membership !== null && actor.membership !== undefined && can(actor, "reports.review", { orgId: actor.membership.orgId });
  return {
    state,
    steps,
    requestedCorrection: lastRequest ? { reason: lastRequest.reason ?? "", at: lastRequest.at } : null,
    next: mayReview ? allowedSteps(state) : [],
  };
}

export const MAX_REASON = 2000;

/**
 * Takes one review step. A report not submitted to the actor's organisation is 404 (as if it did
 * not exist); a viewer of the regulator 403; a step the state does not allow, or a correction
 * request without a reason, is refused beside the field. `dryRun` checks all of that and writes
 * nothing (the confirmation's first post).
 */
export async function reviewReport(db: Db, actor: Actor, reportId: string, input: { step: ReportReviewAction; reason: string }, options: { ip?: string | null; now?: number; dryRun?: boolean } = {}): Promise<ReviewState> {
  const report = await requireReport(db, actor, reportId);
  if (report.side !== "regulator" || report.submittedToId === null) throw new NotFound();
  authorize(actor, "reports.review", { orgId: report.submittedToId });
  const reason = input.reason.trim();
  if (input.step === "correction_requested" && !reason) throw new Invalid("reason", "reports:errors.review.reasonRequired");
  if (reason.length > MAX_REASON) throw new Invalid("reason", "reports:errors.review.reasonTooLong", { max: MAX_REASON, length: reason.length });
  const now = options.now ?? Date.now();
  // Read the state and append the step in one transaction, so that two reviewers pressing at once
  // cannot both take a step the first one's step rules out.
  return await inTransaction(db, async () => {
    const state = await stateOf(db, reportId);
    const refused = refusalOf(state, input.step);
    if (refused) throw new Invalid("step", refused);
    // Checked exactly as the real step, nothing written: the page's confirmation asks with it.
    if (options.dryRun) return state;
    await db.insert(reportReviews).values({ reportId, orgId: report.submittedToId!, action: input.step, reason: reason || null, createdBy: actor.user.id, createdAt: new Date(now) });
    await recordEvent(db, { action: "report.reviewed", actorUserId: actor.user.id, orgId: report.submittedToId!, targetType: "report", targetId: reportId, ip: options.ip, details: { step: input.step, reason: reason || null } }, now);
    // The company that submitted it hears of a correction request (decision 038), in this transaction:
    // the reason as its report page shows it, the regulator by name as that page names it.
    if (input.step === "correction_requested") {
      await emitWebhookEvent(db, report.orgId, "report.correction_requested", [{ report: { id: reportId, type: report.type, title: report.title }, regulator: report.submittedTo, reason, requestedAt: new Date(now).toISOString() }], now);
    }
    return await stateOf(db, reportId);
  });
}

/**
 * What the company posts to issue the correcting report: the same kind and parameters as the
 * report the regulator asked to correct (issued again, it reads the data as it is now).
 */
export async function reissueFieldsOf(db: Db, actor: Actor, reportId: string): Promise<Record<string, string>> {
  const report = await requireReport(db, actor, reportId);
  if (report.side !== "issuer") throw new NotFound();
  const row = await rawGet<{ params: unknown }>(db, `select params from reports where id = ?`, reportId);
  // SQLite gives the JSON as text, PostgreSQL as an object.
  const params = (typeof row?.params === "string" ? JSON.parse(row.params) : (row?.params ?? {})) as Record<string, unknown>;
  const fields: Record<string, string> = { type: report.type, corrects: reportId };
  for (const key of ["supplierId", "auditId", "from", "to", "pageSize", "language"]) if (params[key] !== undefined && params[key] !== null) fields[key] = String(params[key]);
  return fields;
}
