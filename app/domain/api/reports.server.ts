/**
 * Reports over the API (decision 037): the list, one report's record, its file and verification.
 * Each reads through the reports pages' own domain functions as the token's actor (`visibleReports`
 * and `requireReport` decide who sees what, `downloadReport` records the download, `verifyBytes`
 * and `verifyText` are the verify page's check), so the API cannot show more or other than the
 * pages: another organisation's report answers 404 exactly like a missing one.
 */
import type { z } from "zod";
import { rawGet, type Db } from "#db/client";
import type { Actor } from "~/auth/permissions.server";
import { openStoredFile } from "~/lib/stored-file.server";
import { languageOfReport } from "../reports/issue.server";
import { downloadReport, requireReport, visibleReports, type ReportRow } from "../reports/reports.server";
import { reviewOf } from "../reports/reviews.server";
import { reviewState, type ReportStatus } from "../reports/review-states";
import { verifyBytes, verifyText, type Verdict } from "../reports/verify.server";
import { decodeTextCursor, DEFAULT_LIMIT, iso, pageFrom, CURSOR } from "./paging.server";
import { REPORT_ID, type ListReportsQuery, type ReportPageSchema, type ReportSchema, type ReportSummarySchema, type VerificationRequestSchema, type VerificationSchema } from "./operations";

/** The list's cursor letter (paging.server.ts): a cursor of another list is refused here. */
const LIST = CURSOR.reports;

const statusOf = (r: Pick<ReportRow, "submittedAt" | "reviewAction" | "supersededBy">): ReportStatus => (r.submittedAt === null ? "not_submitted" : reviewState(r.reviewAction, r.supersededBy !== null));

function summaryOf(r: ReportRow & { side: "issuer" | "regulator"; subjectId: number | null }): z.output<typeof ReportSummarySchema> {
  const subjectKind = r.type === "supplier_profile" ? "supplier" : r.type === "audit" ? "audit" : null;
  return {
    id: r.id,
    type: r.type,
    title: r.title,
    side: r.side,
    issuer: r.issuer,
    subject: r.side === "issuer" && subjectKind && r.subjectId !== null ? { kind: subjectKind, id: r.subjectId } : null,
    periodStart: r.periodStart,
    periodEnd: r.periodEnd,
    dataAsOf: iso(r.dataAsOf)!,
    issuedAt: iso(r.issuedAt)!,
    issuedBy: r.issuedBy,
    sha256: r.sha256,
    size: r.size,
    pages: r.pages,
    signedAt: iso(r.signedAt),
    submittedTo: r.submittedTo,
    submittedAt: iso(r.submittedAt),
    status: statusOf(r),
    supersedes: r.supersedes,
    supersededBy: r.supersededBy,
  };
}

export async function apiListReports(db: Db, actor: Actor, query: z.output<typeof ListReportsQuery>): Promise<z.output<typeof ReportPageSchema>> {
  const limit = query.limit ?? DEFAULT_LIMIT;
  // One more than the page: whether a next page exists, without counting.
  const rows = await visibleReports(db, actor, {
    after: query.cursor ? decodeTextCursor(LIST, query.cursor, REPORT_ID) : undefined,
    limit: limit + 1,
    status: query.status,
    type: query.type,
    supplierId: query.supplierId,
    issuedSince: query.issuedSince ? new Date(query.issuedSince) : undefined,
  });
  return pageFrom(LIST, rows, limit, summaryOf);
}

export async function apiReport(db: Db, actor: Actor, reportId: string): Promise<z.output<typeof ReportSchema>> {
  const report = await requireReport(db, actor, reportId);
  const review = await reviewOf(db, actor, reportId);
  // The subject is read only for the issuer, who sees it on its own pages (requireReport has checked who asks).
  const subjectId = report.side === "issuer" ? ((await rawGet<{ subjectId: number | null }>(db, `select subject_id as subjectId from reports where id = ?`, report.id))?.subjectId ?? null) : null;
  return {
    ...summaryOf({ ...report, subjectId }),
    language: await languageOfReport(db, report.id),
    review: review
      ? {
          state: review.state,
          steps: review.steps.map((s) => ({ action: s.action, reason: s.reason, by: s.by, at: iso(s.at)! })),
          requestedCorrection: review.requestedCorrection ? { reason: review.requestedCorrection.reason, at: iso(review.requestedCorrection.at)! } : null,
        }
      : null,
  };
}

/** The PDF as the page's download gives it (the same stored bytes, the download recorded the same way). */
export async function apiReportFile(db: Db, actor: Actor, reportId: string, ip: string): Promise<Response> {
  const file = await downloadReport(db, actor, reportId, ip);
  return new Response(openStoredFile(file.path, "This report's PDF"), {
    status: 200,
    headers: {
      "Content-Type": "application/pdf",
      "Content-Disposition": `attachment; filename="${file.name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}

/** The verify page's verdict, in the API's words (times as ISO strings, absent parts null). */
function verificationOf(verdict: Verdict): z.output<typeof VerificationSchema> {
  const report =
    verdict.kind === "unknown"
      ? null
      : {
          ...verdict.report,
          issuedAt: iso(verdict.report.issuedAt)!,
          dataAsOf: iso(verdict.report.dataAsOf)!,
          submittedAt: iso(verdict.report.submittedAt),
          signedAt: iso(verdict.report.signedAt),
        };
  return {
    verdict: verdict.kind,
    by: verdict.kind === "authentic" || verdict.kind === "issued" ? verdict.by : null,
    reason: verdict.kind === "unknown" ? verdict.reason : null,
    report,
    signer: verdict.kind === "authentic" && verdict.signer ? { ...verdict.signer, signedAt: iso(verdict.signer.signedAt)! } : null,
    foreignSigner: verdict.kind === "foreignSignature" ? { subject: verdict.subject, fingerprint: verdict.fingerprint } : null,
  };
}

/**
 * The public verify page's check. It reads only what the page shows anyone without an account,
 * so it asks nothing of the actor beyond the token's `reports:read` scope.
 */
export async function apiVerify(db: Db, body: z.output<typeof VerificationRequestSchema>): Promise<z.output<typeof VerificationSchema>> {
  if (body.file !== undefined) return verificationOf(await verifyBytes(db, Buffer.from(body.file, "base64")));
  return verificationOf(await verifyText(db, body.query!.slice(0, 200)));
}
