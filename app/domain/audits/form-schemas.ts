/** The shapes of the audit forms (the domain functions check the meaning: times, team, rules). */
import { z } from "zod";
import { AUDIT_TYPES, type CorrectiveActionStatus } from "#db/schema";
import { INDICATORS } from "../indicators";
import type { FindingInput } from "./findings.server";

const id = (message: string) => z.coerce.number({ message }).int({ message }).positive({ message });
const ids = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.coerce.number().int().positive()).max(20, { message: "audits:validation.teamTooLarge" }));

export const ScheduleSchema = z.object({
  supplierId: id("audits:validation.workplace"),
  type: z.enum(AUDIT_TYPES, { message: "audits:validation.type" }),
  startsAt: z.string({ message: "audits:validation.start" }).min(1, { message: "audits:validation.start" }),
  endsAt: z.string({ message: "audits:validation.end" }).min(1, { message: "audits:validation.end" }),
  leadInspectorId: id("audits:validation.lead"),
  teamIds: ids,
  notes: z.string().default(""),
  followUpOf: z.preprocess((v) => (v === "" ? undefined : v), id("audits:validation.unknownAudit").optional()),
  proposalId: z.preprocess((v) => (v === "" ? undefined : v), id("audits:validation.unknownProposal").optional()),
});

export const RescheduleSchema = z.object({
  startsAt: z.string({ message: "audits:validation.start" }).min(1, { message: "audits:validation.start" }),
  endsAt: z.string({ message: "audits:validation.end" }).min(1, { message: "audits:validation.end" }),
  leadInspectorId: id("audits:validation.lead"),
  teamIds: ids,
  reason: z.string().default(""),
});

export const TYPE_LABELS: Record<(typeof AUDIT_TYPES)[number], string> = {
  announced: "Announced",
  unannounced: "Unannounced",
  follow_up: "Follow-up",
  desk_review: "Desk review",
};

export const ACTION_STATUS_LABELS: Record<CorrectiveActionStatus, string> = {
  open: "Open",
  in_progress: "In progress",
  submitted: "Submitted for verification",
  verified_closed: "Verified closed",
};

const text = z.string().default("");

/** /actions/:id, the inspectorate: verify the company's answer (closed or reopened, with a note). */
export const VerifyActionSchema = z.object({ decision: text, note: text });

/** /actions/:id, the company: answer with a status, a text and evidence files (the files come with the upload). */
export const AnswerActionSchema = z.object({ status: text, response: text });

/** /audits/:id: the inspectorate changes the audit's status or adds a corrective action to a finding. */
export const AuditPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("status"), to: text, reason: text, confirm: text }),
    z.object({ intent: z.literal("start") }),
    z.object({ intent: z.literal("add-action"), findingId: text, description: text, owner: text, dueOn: text }),
  ],
  { error: "audits:validation.unknownRequest" },
);

/** /audits/availability: add a period an inspector is away (the domain checks dates and who), or remove one. */
export const AvailabilitySchema = z.union([
  z.object({ intent: z.literal("remove"), id: text }),
  z.object({ intent: z.undefined().optional(), userId: z.string().optional(), startsOn: text, endsOn: text, reason: text }),
]);

/** /audits/calendar: make a new private calendar-feed link, or revoke the current one. */
export const CalendarFeedSchema = z.object({ intent: z.enum(["create-feed", "revoke-feed"], { error: "audits:validation.unknownRequest" }) });

/** /audits/plan: generate a plan for some weeks, or accept or reject one of its proposals. */
export const PlanSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("generate"),
      from: z.string().min(1, { message: "audits:plan.errors.from" }),
      weeks: z.coerce.number({ message: "audits:plan.errors.weeksNumber" }).int({ message: "audits:plan.errors.weeksWhole" }),
      type: z.string(),
      dayStarts: z.string(),
      dayEnds: z.string(),
    }),
    z.object({ intent: z.literal("accept"), proposalId: text }),
    z.object({ intent: z.literal("reject"), proposalId: text, reason: text }),
  ],
  { error: "audits:validation.unknownRequest" },
);

/**
 * /audits/:id/findings: one row per indicator, from the fields `result.<code>`, `description.<code>`
 * and `workers.<code>` (evidence files come with the upload). `saveFindings` checks each row and
 * names the field of the row it refuses.
 */
export const FindingsSchema = z.looseObject({}).transform((fields): FindingInput[] => {
  const field = (name: string) => (typeof fields[name] === "string" ? (fields[name] as string) : "");
  // Only the indicators the form holds: the one-at-a-time form (a phone) sends one, and an
  // indicator it does not send is left as it is, not cleared.
  return INDICATORS.filter((i) => typeof fields[`result.${i.code}`] === "string").map((i) => ({
    indicator: i.code,
    result: field(`result.${i.code}`) as FindingInput["result"],
    description: field(`description.${i.code}`),
    workersInterviewed: field(`workers.${i.code}`),
  }));
});
