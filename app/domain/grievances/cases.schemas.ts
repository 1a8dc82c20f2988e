/**
 * The shapes of the forms on a case page (/grievances/:id); cases.server.ts checks the meaning
 * (who may, which indicators, which party, which member, which service).
 */
import { z } from "zod";
import { GRIEVANCE_FINDINGS, GRIEVANCE_PARTIES, GRIEVANCE_SEVERITIES } from "#db/schema";
import { LinkFeeCaseSchema } from "../fees/fees.schemas";

/** A checkbox group: absent, one value (a string) or several (a list). */
const list = z.preprocess((v) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()).max(40, { message: "grievances:case.errors.indicators" }));
const body = (message: string) => z.string({ message }).trim().min(1, { message }).max(5000, { message: "grievances:case.errors.tooLong" });
const id = (message: string) => z.coerce.number({ message }).int({ message }).positive({ message });

export const TriageSchema = z.object({
  intent: z.literal("triage"),
  severity: z.enum(GRIEVANCE_SEVERITIES, { message: "grievances:case.errors.severity" }),
  urgent: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
  indicators: list,
});

export const AssignSchema = z.object({ intent: z.literal("assign"), assigneeId: id("grievances:case.errors.assignee") });

export const MessageSchema = z.object({
  intent: z.literal("message"),
  audience: z.enum(["worker", "parties", "org"], { message: "grievances:case.errors.audience" }),
  body: body("grievances:case.errors.body"),
});

export const ForwardSchema = z.object({ intent: z.literal("forward"), party: z.enum(GRIEVANCE_PARTIES, { message: "grievances:case.errors.party" }) });

export const FindingSchema = z.object({
  intent: z.literal("finding"),
  finding: z.enum(GRIEVANCE_FINDINGS.filter((f) => f !== "unknown") as ["substantiated", "not_substantiated"], { message: "grievances:case.errors.finding" }),
  indicators: list,
});

export const CompanyAnswerSchema = z.object({
  intent: z.literal("answer"),
  body: body("grievances:case.errors.body"),
  remedy: body("grievances:case.errors.remedyOffered"),
});

export const CloseSchema = z.object({ intent: z.literal("close"), remedy: body("grievances:case.errors.remedy") });

export const ReferSchema = z.object({ intent: z.literal("refer"), serviceId: id("grievances:case.errors.service") });

export const ContactSchema = z.object({ intent: z.literal("contact") });

/**
 * Every form of the case page, told apart by its hidden `intent`. "fee-link" (a union or
 * inspectorate links the case to a recruitment-fee case) has its shape beside the fee ledger.
 */
export const CasePageSchema = z.discriminatedUnion("intent", [TriageSchema, AssignSchema, MessageSchema, ForwardSchema, FindingSchema, CompanyAnswerSchema, CloseSchema, ReferSchema, ContactSchema, LinkFeeCaseSchema], {
  error: "grievances:case.errors.unknownRequest",
});
export type CasePageInput = z.output<typeof CasePageSchema>;

/** /grievances?show=…: open (default) or closed cases. */
export const CaseListFilter = z.enum(["open", "closed"]).catch("open");
