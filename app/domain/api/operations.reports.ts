/**
 * Reports and their verification over the API (issue 22, decision 037). Read only: issuing,
 * submitting and reviewing stay on the pages, where each is confirmed before it is done.
 *
 * A report's id is text (`R-7K3Q-9XWA-2M4D-HF8C`, derived from what the report rests on), not a
 * number like the other resources' ids.
 */
import { z } from "zod";
import { REPORT_TYPES } from "#db/schema";
import { REPORT_STATUSES, type ReviewState } from "../reports/review-states";
import { intParam, isoTime, pageOf, pageQuery, type Operation } from "./shapes";

/* ---------------------------------------------------------------------------------------------- *
 * Shapes.
 * ---------------------------------------------------------------------------------------------- */

const REVIEW_STATES = ["submitted", "acknowledged", "correction_requested", "corrected", "accepted"] as const satisfies readonly ReviewState[];

export const ReportSummarySchema = z
  .object({
    id: z.string().meta({ description: "The report's id, as printed on it: `R-XXXX-XXXX-XXXX-XXXX`." }),
    type: z.enum(REPORT_TYPES),
    title: z.string().meta({ description: "In the report's own language." }),
    side: z.enum(["issuer", "regulator"]).meta({ description: "`issuer`: your organisation issued it; `regulator`: it was submitted to your organisation." }),
    issuer: z.string().meta({ description: "The issuing organisation's name." }),
    subject: z
      .object({ kind: z.enum(["supplier", "audit"]), id: z.number().int() })
      .nullable()
      .meta({ description: "The supplier (a supplier profile) or audit (an audit report) the report is about; only for its issuer, null otherwise." }),
    periodStart: z.string().nullable().meta({ description: "First day of the period (YYYY-MM-DD), for period reports." }),
    periodEnd: z.string().nullable(),
    dataAsOf: isoTime,
    issuedAt: isoTime,
    issuedBy: z.string().nullable().meta({ description: "The person who issued it; null when their account is gone." }),
    sha256: z.string().meta({ description: "SHA-256 of the file as issued (hex): the file's bytes hash to it." }),
    size: z.number().int().meta({ description: "The file's size in bytes." }),
    pages: z.number().int(),
    signedAt: isoTime.nullable().meta({ description: "When the file was signed with the issuer's certificate; null for a report issued unsigned." }),
    submittedTo: z.string().nullable().meta({ description: "The regulator it was submitted to, by name." }),
    submittedAt: isoTime.nullable(),
    status: z.enum(REPORT_STATUSES).meta({ description: "`not_submitted`, or the regulator's review state of the submitted report." }),
    supersedes: z.string().nullable().meta({ description: "The earlier report this one corrects." }),
    supersededBy: z.string().nullable().meta({ description: "The submitted report that corrects this one." }),
  })
  .meta({ id: "ReportSummary" });

export const ReportPageSchema = pageOf(ReportSummarySchema, "ReportPage");

export const ReportSchema = ReportSummarySchema.extend({
  language: z.string().meta({ description: "The language the report is written in." }),
  review: z
    .object({
      state: z.enum(REVIEW_STATES),
      steps: z.array(
        z.object({
          action: z.enum(["acknowledged", "accepted", "correction_requested"]),
          reason: z.string().nullable(),
          by: z.string().nullable().meta({ description: "For the regulator its reviewer; for the issuer the regulator (its staff are not named to the company)." }),
          at: isoTime,
        }),
      ),
      requestedCorrection: z.object({ reason: z.string(), at: isoTime }).nullable().meta({ description: "The latest correction the regulator asked for." }),
    })
    .nullable()
    .meta({ description: "The regulator's review; null before the report is submitted." }),
}).meta({ id: "Report", description: "A report's record as its page shows it. The file is `GET /reports/{reportId}/file`." });

export const PdfFileSchema = z.string().meta({ id: "PdfFile", format: "binary", description: "The PDF, byte for byte as issued (its SHA-256 is the report's `sha256`)." });

/** The largest file the API verifies: base64 of it must fit in a JSON body (the verify page takes 60 MB). */
export const VERIFY_MAX_FILE_BYTES = 45 * 1024 * 1024;

export const VerificationRequestSchema = z
  .strictObject({
    file: z
      .base64("api:invalid.base64")
      .max(Math.ceil(VERIFY_MAX_FILE_BYTES / 3) * 4, "api:invalid.base64")
      .optional()
      .meta({ description: `The PDF's bytes, base64 (at most ${VERIFY_MAX_FILE_BYTES / 1024 / 1024} MB of file). Proves whether this copy is the one issued.` }),
    query: z
      .string()
      .min(1, "api:invalid.verifyQuery")
      .max(200, "api:invalid.verifyQuery")
      .optional()
      .meta({ description: "A report id, or a SHA-256 (of the file, of its unsigned content, or its data fingerprint), as printed on the report. Says only whether such a report was issued." }),
  })
  .refine((b) => (b.file === undefined) !== (b.query === undefined), { message: "api:invalid.verifyOne", path: ["file"] })
  .meta({ id: "VerificationRequest", description: "Either `file` or `query`, as on the public verify page." });

const VerifiedReportSchema = z
  .object({
    id: z.string(),
    type: z.enum(REPORT_TYPES),
    title: z.string(),
    issuer: z.string(),
    issuedAt: isoTime,
    dataAsOf: isoTime,
    periodStart: z.string().nullable(),
    periodEnd: z.string().nullable(),
    sha256: z.string(),
    submittedTo: z.string().nullable(),
    submittedAt: isoTime.nullable(),
    supersededBy: z.string().nullable(),
    signedAt: isoTime.nullable(),
    certificateFingerprint: z.string().nullable().meta({ description: "SHA-256 of the certificate the report was signed with on record (hex)." }),
  })
  .meta({ id: "VerifiedReport", description: "The report the platform issued, as the public verify page names it." });

export const VerificationSchema = z
  .object({
    verdict: z.enum(["authentic", "issued", "altered", "foreignSignature", "unknown"]).meta({
      description:
        "`authentic`: the file is byte for byte one the platform issued; `issued`: a report with this id or hash was issued (says nothing of a copy you hold); `altered`: the file names a report but is not its file; `foreignSignature`: the file carries a valid signature by a certificate that is not the report's; `unknown`: nothing found (see `reason`).",
    }),
    by: z.enum(["file", "id", "hash"]).nullable().meta({ description: "What was matched, for `authentic` and `issued`." }),
    reason: z
      .enum(["empty", "notPdf", "unknownFile", "unknownId", "unknownHash", "badQuery", "noFile", "tooLarge"])
      .nullable()
      .meta({ description: "Why nothing was found, for `unknown`." }),
    report: VerifiedReportSchema.nullable(),
    signer: z
      .object({ organisation: z.string(), signedAt: isoTime, fingerprint: z.string() })
      .nullable()
      .meta({ description: "For `authentic`: who signed the file, when its signature holds and its certificate is the one on record." }),
    foreignSigner: z.object({ subject: z.string(), fingerprint: z.string() }).nullable().meta({ description: "For `foreignSignature`: the certificate that signed the file instead." }),
  })
  .meta({ id: "Verification", description: "What the public verify page answers." });

/* ---------------------------------------------------------------------------------------------- *
 * Query strings and path parameters (strings in, checked).
 * ---------------------------------------------------------------------------------------------- */

export const REPORT_ID = /^R-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/;

export const ReportIdParams = z.object({
  reportId: z.string().regex(REPORT_ID, "api:invalid.reportId").meta({ description: "The report's id, `R-XXXX-XXXX-XXXX-XXXX`." }),
});

export const ListReportsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(REPORT_STATUSES, { message: "api:invalid.reportStatus" }).optional(),
  type: z.enum(REPORT_TYPES, { message: "api:invalid.reportType" }).optional(),
  supplierId: intParam("Only supplier profiles of this supplier (your own).").optional(),
  issuedSince: z.iso.datetime({ offset: true, message: "api:invalid.time" }).optional().meta({ description: "Only reports issued at or after this time." }),
});

/* ---------------------------------------------------------------------------------------------- *
 * Operations.
 * ---------------------------------------------------------------------------------------------- */

export const REPORT_OPERATIONS = {
  listReports: {
    id: "listReports",
    method: "GET",
    path: "/reports",
    summary: "List reports",
    description: "The reports your organisation issued and, for a regulator, those submitted to it; in id order, with cursor pagination.",
    resource: "reports",
    level: "read",
    query: ListReportsQuery,
    status: 200,
    response: ReportPageSchema,
  },
  getReport: {
    id: "getReport",
    method: "GET",
    path: "/reports/{reportId}",
    summary: "Get a report's record: issue, hash, signature, submission and review",
    resource: "reports",
    level: "read",
    params: ReportIdParams,
    status: 200,
    response: ReportSchema,
    refusals: [404],
  },
  getReportFile: {
    id: "getReportFile",
    method: "GET",
    path: "/reports/{reportId}/file",
    summary: "Download a report's PDF",
    description: "The file as issued, the same bytes as the report page's download; the download is recorded as one from the page is.",
    resource: "reports",
    level: "read",
    params: ReportIdParams,
    status: 200,
    response: PdfFileSchema,
    responseType: "application/pdf",
    refusals: [404, 410],
  },
  createVerification: {
    id: "createVerification",
    method: "POST",
    path: "/verifications",
    summary: "Verify a report file, id or hash",
    description: "The public verify page's check: send the PDF to learn whether it is the file the platform issued, or an id or hash to learn whether such a report was issued. Changes nothing.",
    resource: "reports",
    level: "read",
    body: VerificationRequestSchema,
    status: 200,
    response: VerificationSchema,
    refusals: [413],
  },
} as const satisfies Record<string, Operation>;
