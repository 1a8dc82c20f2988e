/**
 * The shapes of the channel pages' forms (/grievances/channels, the poster's language choice) and
 * of the assisted intake (/grievances/new). The domain functions check the meaning: whose
 * workplace, which country, whose channel.
 */
import { z } from "zod";
import { GRIEVANCE_PARTIES } from "#db/schema";
import { ALL_CODES } from "~/i18n/languages";
import { GRIEVANCE_CATEGORIES } from "./categories";

/** How an assisted report was taken. */
export const TAKEN_BY = ["phone", "in_person"] as const;

const id = (message: string) => z.coerce.number({ message }).int({ message }).positive({ message });
/** A checkbox group: nothing ticked sends no field, one ticked sends a string. */
const list = <T extends z.ZodType>(item: T, min = 0, message?: string) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).min(min, message));
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || null);

/** /grievances/channels: post a channel for a workplace, a general one for a country (unions), or close one. */
export const ChannelsPageSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("create-workplace"), supplierId: id("grievances:channel.errors.workplace") }),
    z.object({ intent: z.literal("create-country"), country: z.string().regex(/^[A-Z]{2}$/, "grievances:channel.errors.country") }),
    z.object({ intent: z.literal("close"), channelId: id("grievances:channel.errors.unknown") }),
  ],
  { error: "grievances:channel.errors.unknownRequest" },
);

/** The poster's worker languages: up to three of the platform's (the page's GET form). */
export const PosterLanguagesSchema = z.array(z.enum(ALL_CODES as [string, ...string[]])).min(1).max(3);

/**
 * /grievances/new: the public intake's fields, plus how the worker told it (phone or in person)
 * and where: one of the organisation's open channels ("channel:<id>"), a shared workplace
 * ("supplier:<id>"), or a country and the place in the worker's words ("country").
 */
export const AssistedIntakeSchema = z
  .object({
    workplace: z.string().regex(/^(channel:\d{1,15}|supplier:\d{1,15}|country)$/, "grievances:assisted.errors.workplace"),
    country: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^[A-Z]{2}$/.test(v), "grievances:assisted.errors.country"),
    workplaceText: optionalText(300, "grievances:assisted.errors.workplaceTextTooLong"),
    categories: list(z.enum(GRIEVANCE_CATEGORIES, { message: "grievances:assisted.errors.category" }), 1, "grievances:assisted.errors.categories"),
    since: z
      .string()
      .optional()
      .transform((v) => v || null)
      .refine((v) => v === null || /^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/.test(v), "grievances:assisted.errors.since"),
    peopleCount: z
      .string()
      .optional()
      .transform((v) => (v ? v.trim() : ""))
      .refine((v) => v === "" || (/^\d{1,6}$/.test(v) && Number(v) >= 1), "grievances:assisted.errors.peopleCount")
      .transform((v) => (v === "" ? null : Number(v))),
    description: optionalText(5000, "grievances:assisted.errors.descriptionTooLong"),
    consent: list(z.enum(GRIEVANCE_PARTIES, { message: "grievances:assisted.errors.consent" })),
    textToCompany: z
      .string()
      .optional()
      .transform((v) => v === "on" || v === "true"),
    contact: optionalText(500, "grievances:assisted.errors.contactTooLong"),
    language: z.enum(ALL_CODES as [string, ...string[]], { message: "grievances:assisted.errors.language" }),
    takenBy: z.enum(TAKEN_BY, { message: "grievances:assisted.errors.takenBy" }),
  })
  .superRefine((v, ctx) => {
    if (v.workplace === "country" && !v.country) ctx.addIssue({ code: "custom", path: ["country"], message: "grievances:assisted.errors.country" });
    if (v.workplace === "country" && !v.workplaceText) ctx.addIssue({ code: "custom", path: ["workplaceText"], message: "grievances:assisted.errors.workplaceText" });
  });
export type AssistedIntakeForm = z.output<typeof AssistedIntakeSchema>;
