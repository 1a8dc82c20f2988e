/**
 * The shapes of the report forms. The kind of report is checked here (a refusal for the form as a
 * whole: the forms that post it carry it hidden); whether the subject, period and issuer fit is
 * checked by `prepare.server.ts`, which names the field it refuses.
 */
import { z } from "zod";
import { REPORT_TYPES, type ReportType } from "#db/schema";
import { INTERFACE_CODES } from "~/i18n/languages";

const optional = z.string().optional();

/** POST /reports: issue a report. The page, the supplier page and the audit page post here. */
export const IssueReportSchema = z
  .object({ type: z.string().default(""), supplierId: optional, auditId: optional, from: optional, to: optional, pageSize: optional, language: optional, corrects: optional })
  .refine((v) => (REPORT_TYPES as readonly string[]).includes(v.type), { message: "reports:validation.type" })
  .refine((v) => !v.language || INTERFACE_CODES.includes(v.language), { message: "reports:language.invalid", path: ["language"] })
  .transform((v) => {
    // Ids are numbers; dates stay strings; empty fields are left out (prepare says what is missing).
    const params: Record<string, string | number> = {};
    for (const key of ["supplierId", "auditId", "from", "to"] as const) {
      const value = v[key];
      if (value) params[key] = /^\d+$/.test(value) ? Number(value) : value;
    }
    // The report's language; absent, the route uses the reader's (issue 18).
    if (v.language) params.language = v.language;
    // `corrects`: the submitted report this one is issued to correct (a regulator asked for it); it
    // only preselects the correction on the new report's page, where submitting checks it.
    const corrects = v.corrects && /^[A-Za-z0-9-]{1,64}$/.test(v.corrects) ? v.corrects : null;
    return { type: v.type as ReportType, params, pageSize: v.pageSize === "LETTER" ? ("LETTER" as const) : ("A4" as const), corrects };
  });

/**
 * POST /reports/:id: submit an issued report to a regulator, possibly correcting an earlier one.
 * Without `confirm=yes` nothing is submitted: the page states what would happen and asks again.
 */
export const SubmitReportSchema = z.object({
  confirm: z
    .string()
    .default("")
    .transform((v) => v === "yes"),
  regulatorId: z.string().default("").transform(Number),
  supersedes: z
    .string()
    .default("")
    .transform((v) => v || null),
});

/**
 * POST /reports/:id with intent `review`: the regulator's step. Acknowledging is taken at once;
 * accepting and requesting a correction are permanent answers the company reads, so without
 * `confirm=yes` the page states the consequence and asks again (the reason is carried along).
 */
export const ReviewReportSchema = z.object({
  intent: z.literal("review"),
  step: z.enum(["acknowledged", "accepted", "correction_requested"], { message: "reports:validation.step" }),
  reason: z.string().max(4000, "reports:validation.reasonLength").default(""),
  confirm: z
    .string()
    .default("")
    .transform((v) => v === "yes"),
});
