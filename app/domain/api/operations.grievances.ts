/**
 * Grievance cases over the API (issue 22, decisions 028 and 037): read-only, and only what the
 * reading organisation's part in the case lets it read on the case page. Fields a company may not
 * read are absent from a company's answer (not null: null means "not known"). No files and no
 * worker contact over the API, and never the case code (the worker's key).
 */
import { z } from "zod";
import { GRIEVANCE_FINDINGS, GRIEVANCE_PARTIES, GRIEVANCE_SEVERITIES, GRIEVANCE_STATUSES } from "#db/schema";
import { intParam, isoTime, pageOf, pageQuery, type Operation } from "./shapes";

export const GrievanceSummarySchema = z
  .object({
    id: z.number().int().meta({ description: "The case's number: how the parties name a case." }),
    status: z.enum(GRIEVANCE_STATUSES),
    urgent: z.boolean(),
    severity: z.enum(GRIEVANCE_SEVERITIES).nullable(),
    categories: z.array(z.string()),
    workplaceName: z.string().nullable(),
    country: z.string().nullable(),
    party: z.enum(GRIEVANCE_PARTIES).meta({ description: "The reading organisation's part in the case." }),
    isLead: z.boolean(),
    dueAt: isoTime.nullable(),
    escalatedAt: isoTime.nullable(),
    finding: z.enum(GRIEVANCE_FINDINGS),
    createdAt: isoTime,
  })
  .meta({ id: "GrievanceSummary" });

export const GrievancePageSchema = pageOf(GrievanceSummarySchema, "GrievancePage");

const TimelineEntrySchema = z
  .object({
    id: z.number().int(),
    type: z.string(),
    audience: z.string(),
    orgName: z.string().nullable().meta({ description: "Null: the worker wrote it." }),
    party: z.enum(GRIEVANCE_PARTIES).nullable(),
    userName: z.string().nullable().meta({ description: "Who wrote it; for a company, only its own people are named." }),
    body: z.string().nullable().meta({ description: "Null for a company where the worker did not allow it to read the worker's words." }),
    createdAt: isoTime,
  })
  .meta({ id: "GrievanceTimelineEntry" });

export const GrievanceSchema = z
  .object({
    id: z.number().int(),
    party: z.enum(GRIEVANCE_PARTIES),
    isLead: z.boolean(),
    status: z.enum(GRIEVANCE_STATUSES),
    urgent: z.boolean(),
    severity: z.enum(GRIEVANCE_SEVERITIES).nullable(),
    categories: z.array(z.string()),
    indicators: z.array(z.string()),
    since: z.string().nullable(),
    intake: z.string(),
    language: z.string(),
    consent: z.array(z.enum(GRIEVANCE_PARTIES)),
    workplace: z.object({
      supplierId: z.number().int().nullable(),
      name: z.string().nullable(),
      country: z.string().nullable(),
      small: z.boolean(),
      text: z.string().nullable().optional().meta({ description: "The workplace in the worker's words. Absent for a company the worker did not allow to read them." }),
    }),
    description: z.string().nullable().optional().meta({ description: "Absent for a company the worker did not allow to read the worker's words." }),
    peopleCount: z.number().int().nullable().optional().meta({ description: "Absent for a company." }),
    hasContact: z.boolean().optional().meta({ description: "Whether the worker left a contact (shown only on the case page, logged). Absent for a company." }),
    assigneeId: z.number().int().nullable().optional().meta({ description: "Absent for a company." }),
    feeCaseId: z.number().int().nullable().optional().meta({ description: "Absent for a company." }),
    recipients: z.array(z.object({ orgId: z.number().int(), orgName: z.string(), party: z.enum(GRIEVANCE_PARTIES), reason: z.string(), createdAt: isoTime })),
    timeline: z.array(TimelineEntrySchema),
    leadOrgId: z.number().int().nullable(),
    dueAt: isoTime.nullable(),
    escalatedAt: isoTime.nullable(),
    finding: z.enum(GRIEVANCE_FINDINGS),
    remedy: z.string().nullable(),
    workerRating: z.number().int().nullable(),
    closedAt: isoTime.nullable(),
    createdAt: isoTime,
  })
  .meta({ id: "Grievance", description: "A case as the reading organisation's part in it may see it on the case page; reading it is logged on the case, as on the page. No files and no contact over the API." });

export const GrievanceIdParams = z.object({ grievanceId: intParam("The case's number.") });

export const ListGrievancesQuery = z.strictObject({
  ...pageQuery,
  show: z.enum(["open", "closed"], { message: "api:invalid.show" }).optional().meta({ description: "Only open or only closed cases (default: both)." }),
});

export const GRIEVANCE_OPERATIONS = {
  listGrievances: {
    id: "listGrievances",
    method: "GET",
    path: "/grievances",
    summary: "List the grievance cases that reached the organisation",
    description: "As the case list shows them (a company: not its small workplaces' cases, which it sees only as quarterly counts on the page), in id order with cursor pagination.",
    resource: "grievances",
    level: "read",
    query: ListGrievancesQuery,
    status: 200,
    response: GrievancePageSchema,
  },
  getGrievance: {
    id: "getGrievance",
    method: "GET",
    path: "/grievances/{grievanceId}",
    summary: "Get a grievance case, with only the fields the organisation's part may see",
    description: "A company reads neither the worker's words (unless the worker allowed it), nor the number of people, the assignee, the contact or the files. Every reading is logged on the case, as a reading of the page is.",
    resource: "grievances",
    level: "read",
    params: GrievanceIdParams,
    status: 200,
    response: GrievanceSchema,
    refusals: [404],
  },
} as const satisfies Record<string, Operation>;
