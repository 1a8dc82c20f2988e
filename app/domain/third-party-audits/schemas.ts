/**
 * The form that records a third-party audit (issue 20 item 5). Every field arrives as text; the
 * domain module checks its meaning (a real day, not in the future, validity after the audit), so
 * that a refusal names the field and the typed text is kept.
 */
import { z } from "zod";
import { THIRD_PARTY_SCHEMES } from "#db/schema";
import { INDICATORS } from "../indicators";

export const FINDING_LEVELS = ["not_observed", "minor", "major", "critical"] as const;
export type FindingLevel = (typeof FINDING_LEVELS)[number];

const field = z.string().default("");
/** One optional field per indicator: `finding.<code>`, empty when the report says nothing about it. */
const findingFields = Object.fromEntries(INDICATORS.map((i) => [`finding.${i.code}`, z.union([z.literal(""), z.enum(FINDING_LEVELS, { message: "suppliers:thirdPartyAudits.errors.finding" })]).default("")]));

export const RecordThirdPartyAuditSchema = z.object({
  scheme: z.enum(THIRD_PARTY_SCHEMES, { message: "suppliers:thirdPartyAudits.errors.scheme" }),
  body: field,
  auditedOn: field,
  validUntil: field,
  rating: field,
  ...findingFields,
});
export type RecordThirdPartyAuditInput = z.output<typeof RecordThirdPartyAuditSchema>;
