/**
 * The shapes of the support-services directory's forms (/admin/support-services). The domain
 * function checks the meaning: a known country, a verification date not in the future.
 */
import { z } from "zod";
import { ALL_CODES } from "~/i18n/languages";

export const SUPPORT_SERVICE_KINDS = ["hotline", "shelter", "legal_aid", "union", "other"] as const;
export type SupportServiceKind = (typeof SUPPORT_SERVICE_KINDS)[number];

const list = <T extends z.ZodType>(item: T) => z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item));
const optionalText = (max: number, message: string) =>
  z
    .string()
    .trim()
    .max(max, message)
    .optional()
    .transform((v) => v || null);

export const NewSupportServiceSchema = z.object({
  intent: z.literal("add"),
  country: z.string().regex(/^[A-Z]{2}$/, "admin:supportServices.errors.country"),
  kind: z.enum(SUPPORT_SERVICE_KINDS, { message: "admin:supportServices.errors.kind" }),
  name: z.string().trim().min(2, "admin:supportServices.errors.name").max(200, "admin:supportServices.errors.nameTooLong"),
  phone: optionalText(40, "admin:supportServices.errors.phone").refine((v) => v === null || /^\+?[0-9][0-9 ()./-]{1,38}$/.test(v), "admin:supportServices.errors.phone"),
  url: optionalText(500, "admin:supportServices.errors.url").refine((v) => {
    if (v === null) return true;
    try {
      // https only: a directory a worker is sent to must not be readable or changeable on the way.
      return new URL(v).protocol === "https:";
    } catch {
      return false;
    }
  }, "admin:supportServices.errors.url"),
  languages: list(z.enum(ALL_CODES as [string, ...string[]], { message: "admin:supportServices.errors.language" })),
  // Where the service is published: the entry is only as good as its source ("ship none unverified").
  source: z.string().trim().min(3, "admin:supportServices.errors.source").max(500, "admin:supportServices.errors.sourceTooLong"),
  verifiedOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "admin:supportServices.errors.verifiedOn"),
});
export type NewSupportService = z.output<typeof NewSupportServiceSchema>;

export const SupportServicesPageSchema = z.discriminatedUnion("intent", [NewSupportServiceSchema, z.object({ intent: z.literal("retire"), serviceId: z.coerce.number().int().positive() })], {
  error: "admin:supportServices.errors.unknownRequest",
});
