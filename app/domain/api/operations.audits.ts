/**
 * Audits, their findings and corrective actions over the API (issue 22, decision 037).
 *
 * An audit reads as the audit page shows it to the calling organisation: the inspectorate its own
 * audits; the audited company the audits of its suppliers, an unannounced one only once it has
 * started (visibility.server.ts). The inspectorate records findings; each side moves a corrective
 * action as its page lets it (the company answers, the inspectorate verifies or sends back).
 */
import { z } from "zod";
import { AUDIT_STATUSES, AUDIT_TYPES, CORRECTIVE_ACTION_STATUSES, FINDING_RESULTS } from "#db/schema";
import { INDICATORS } from "../indicators";
import { intParam, isoTime, pageOf, pageQuery, type Operation } from "./shapes";

/* ---------------------------------------------------------------------------------------------- *
 * Shapes.
 * ---------------------------------------------------------------------------------------------- */

const INDICATOR_CODES = INDICATORS.map((i) => i.code) as [string, ...string[]];
/** The longest free text the pages take (findings.server.ts, corrective-actions.server.ts). */
const MAX_TEXT = 5000;

export const AuditSummarySchema = z
  .object({
    id: z.number().int(),
    supplierId: z.number().int().meta({ description: "The audited company's supplier id." }),
    supplierName: z.string().meta({ description: "For an inspectorate: the workplace's name while the company shares it, the audit's snapshot after." }),
    inspectorateName: z.string(),
    companyName: z.string(),
    type: z.enum(AUDIT_TYPES),
    status: z.enum(AUDIT_STATUSES),
    startsAt: isoTime,
    endsAt: isoTime,
    findings: z.number().int().meta({ description: "Findings other than `not_observed`." }),
    critical: z.number().int(),
    openActions: z.number().int().meta({ description: "Corrective actions not yet verified closed." }),
  })
  .meta({ id: "AuditSummary" });

export const AuditPageSchema = pageOf(AuditSummarySchema, "AuditPage");

export const EvidenceSchema = z
  .object({ id: z.number().int(), fileName: z.string(), sha256: z.string(), size: z.number().int(), createdAt: isoTime })
  .meta({ id: "Evidence", description: "A file attached as evidence; the file itself is on the audit page." });

export const FindingSchema = z
  .object({
    id: z.number().int(),
    indicator: z.enum(INDICATOR_CODES).meta({ description: "The methodology's indicator code." }),
    result: z.enum(FINDING_RESULTS),
    description: z.string(),
    workersInterviewed: z.number().int().nullable(),
    recordedAt: isoTime,
    evidence: z.array(EvidenceSchema),
  })
  .meta({ id: "Finding" });

export const CorrectiveActionSchema = z
  .object({
    id: z.number().int(),
    findingId: z.number().int(),
    description: z.string(),
    owner: z.enum(["company", "supplier"]),
    dueOn: z.string().meta({ format: "date", description: "Local date (the inspectorate's time zone)." }),
    status: z.enum(CORRECTIVE_ACTION_STATUSES),
    overdue: z.boolean().meta({ description: "Past its due date and not yet submitted for verification." }),
  })
  .meta({ id: "CorrectiveAction" });

export const AuditSchema = AuditSummarySchema.omit({ findings: true, critical: true, openActions: true })
  .extend({
    findings: z.array(FindingSchema),
    correctiveActions: z.array(CorrectiveActionSchema),
  })
  .meta({ id: "Audit", description: "One audit with its findings and corrective actions, as its page shows them to the calling organisation." });

export const RecordFindingSchema = z
  .strictObject({
    indicator: z.enum(INDICATOR_CODES, { message: "api:invalid.indicator" }),
    result: z.enum(FINDING_RESULTS, { message: "api:invalid.findingResult" }),
    description: z.string({ message: "api:invalid.text" }).max(MAX_TEXT, "api:invalid.text").default("").meta({ description: "Required for minor, major and critical." }),
    workersInterviewed: z.number({ message: "api:invalid.workers" }).int("api:invalid.workers").min(0, "api:invalid.workers").max(999_999, "api:invalid.workers").nullable().default(null),
  })
  .meta({
    id: "RecordFinding",
    description: "The finding for one indicator. An indicator already recorded in the audit takes the new result, as on the findings page. Evidence files are added on the page.",
  });

export const UpdateCorrectiveActionSchema = z
  .strictObject({
    status: z.enum(["in_progress", "submitted", "verified_closed"], { message: "api:invalid.actionStatus" }).meta({
      description:
        "The company: `in_progress` (an update) or `submitted` (done, for verification). The inspectorate, on a submitted action: `verified_closed`, or `in_progress` to send it back.",
    }),
    response: z.string({ message: "api:invalid.text" }).max(MAX_TEXT, "api:invalid.text").optional().meta({ description: "The company's update or what was done (required with `submitted`)." }),
    note: z.string({ message: "api:invalid.text" }).max(MAX_TEXT, "api:invalid.text").optional().meta({ description: "The inspectorate's note (the reason, required when sending back)." }),
  })
  .meta({ id: "UpdateCorrectiveAction" });

/* ---------------------------------------------------------------------------------------------- *
 * Query strings and path parameters (strings in, checked).
 * ---------------------------------------------------------------------------------------------- */

export const AuditIdParams = z.object({ auditId: intParam("The audit's id.") });
export const ActionIdParams = z.object({ actionId: intParam("The corrective action's id.") });

export const ListAuditsQuery = z.strictObject({
  ...pageQuery,
  status: z.enum(AUDIT_STATUSES, { message: "api:invalid.auditStatus" }).optional(),
  supplierId: z.string().regex(/^[1-9]\d{0,11}$/, "api:invalid.id").transform(Number).optional().meta({ description: "The audited company's supplier id.", type: "integer", minimum: 1 }),
  scheduledFrom: z.iso.datetime({ offset: true, message: "api:invalid.time" }).optional().meta({ description: "Only audits starting at or after this time." }),
  scheduledTo: z.iso.datetime({ offset: true, message: "api:invalid.time" }).optional().meta({ description: "Only audits starting before this time." }),
});

/* ---------------------------------------------------------------------------------------------- *
 * Operations.
 * ---------------------------------------------------------------------------------------------- */

export const AUDIT_OPERATIONS = {
  listAudits: {
    id: "listAudits",
    method: "GET",
    path: "/audits",
    summary: "List audits",
    description: "An inspectorate's own audits; for a company, the audits of its suppliers that its pages show (an unannounced audit once it has started). In id order, with cursor pagination.",
    resource: "audits",
    level: "read",
    query: ListAuditsQuery,
    status: 200,
    response: AuditPageSchema,
  },
  getAudit: {
    id: "getAudit",
    method: "GET",
    path: "/audits/{auditId}",
    summary: "Get an audit with its findings and corrective actions",
    resource: "audits",
    level: "read",
    params: AuditIdParams,
    status: 200,
    response: AuditSchema,
    refusals: [404],
  },
  recordFinding: {
    id: "recordFinding",
    method: "POST",
    path: "/audits/{auditId}/findings",
    summary: "Record a finding (the inspectorate)",
    description: "As on the findings page: while the audit is in progress or completed; the supplier's score follows, and a critical finding proposes a follow-up audit.",
    resource: "audits",
    level: "write",
    params: AuditIdParams,
    body: RecordFindingSchema,
    status: 201,
    response: FindingSchema,
    refusals: [404],
  },
  updateCorrectiveAction: {
    id: "updateCorrectiveAction",
    method: "PATCH",
    path: "/corrective-actions/{actionId}",
    summary: "Answer or verify a corrective action",
    description: "The same steps as the action's page: the company answers (evidence files are added on the page), the inspectorate verifies a submitted action or sends it back.",
    resource: "audits",
    level: "write",
    params: ActionIdParams,
    body: UpdateCorrectiveActionSchema,
    status: 200,
    response: CorrectiveActionSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;
