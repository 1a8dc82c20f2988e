/**
 * The worker's forms (issue 19): the intake form on /g/<token> and /report, and the case page's
 * forms on /case. Messages are `public:` catalog keys naming what was expected, said in the
 * worker's language by runAction. The shape is checked here; who may receive the case (the
 * parties that exist for this channel) is checked by intake.
 */
import { ConfirmInstalmentSchema } from "~/domain/fees/fees.schemas";
import { z } from "zod";
import { GRIEVANCE_CATEGORIES, type GrievanceCategory } from "./categories";

const PARTIES = ["union", "inspectorate", "company"] as const;

/** A checkbox group arrives as nothing, one string, or a list of strings. */
const list = z
  .union([z.string(), z.array(z.string())])
  .optional()
  .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((s) => s !== ""));

const text = (max: number, key: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length <= max, { message: key })
    .transform((v) => (v === "" ? null : v));

/** "YYYY-MM" of the current month, UTC: a month after it has not happened yet. */
function thisMonth(now = Date.now()): string {
  return new Date(now).toISOString().slice(0, 7);
}

export const IntakeSchema = z.object({
  categories: list
    .refine((v) => v.length > 0, { message: "public:report.errors.categories" })
    .refine((v) => v.every((c) => (GRIEVANCE_CATEGORIES as readonly string[]).includes(c)), { message: "public:report.errors.categories" })
    .transform((v) => [...new Set(v)] as GrievanceCategory[]),
  since: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || /^(19|20)\d\d-(0[1-9]|1[0-2])$/.test(v), { message: "public:report.errors.since" })
    .refine((v) => v === "" || v <= thisMonth(), { message: "public:report.errors.sinceFuture" })
    .transform((v) => (v === "" ? null : v)),
  peopleCount: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) >= 1 && Number(v) <= 100_000), { message: "public:report.errors.peopleCount" })
    .transform((v) => (v === "" ? null : Number(v))),
  description: text(5000, "public:report.errors.description"),
  workplaceText: text(300, "public:report.errors.workplaceText"),
  country: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim().toUpperCase())
    .refine((v) => v === "" || /^[A-Z]{2}$/.test(v), { message: "public:report.errors.country" })
    .transform((v) => (v === "" ? null : v)),
  consent: list
    .refine((v) => v.every((p) => (PARTIES as readonly string[]).includes(p)), { message: "public:report.errors.consent" })
    .transform((v) => [...new Set(v)] as (typeof PARTIES)[number][]),
  textToCompany: z
    .string()
    .optional()
    .transform((v) => v === "yes"),
  contact: text(200, "public:report.errors.contact"),
  /** The honeypot: hidden from people, filled by form-filling robots. */
  website: z.string().optional(),
  formTime: z.string().optional(),
});
export type IntakeForm = z.output<typeof IntakeSchema>;

/** What every /case form re-sends (there is no session: the code and secret are the key). */
const key = {
  code: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length > 0 && v.length <= 40, { message: "public:case.errors.code" }),
  secret: z
    .string()
    .optional()
    .transform((v) => (v ?? "").trim())
    .refine((v) => v.length > 0 && v.length <= 60, { message: "public:case.errors.secret" }),
};

/** The key alone: a refused /case form re-reads the case with it, to show the case again beside the error. */
export const CaseKeySchema = z.object(key);

export const CaseFormSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("open"), ...key }),
  z.object({
    intent: z.literal("add"),
    ...key,
    text: z
      .string()
      .optional()
      .transform((v) => (v ?? "").trim())
      .refine((v) => v.length <= 5000, { message: "public:case.errors.textLong" })
      .transform((v) => (v === "" ? null : v)),
  }),
  z.object({
    intent: z.literal("rate"),
    ...key,
    rating: z.enum(["remedied", "partly", "not"], { message: "public:case.errors.rating" }),
  }),
  // A recruitment-fee repayment the worker confirms (fee ledger): the instalment and the answer as the fee module checks them.
  ConfirmInstalmentSchema.extend(key),
], { message: "public:case.errors.intent" });
export type CaseForm = z.output<typeof CaseFormSchema>;
