/**
 * The shapes of the methodology admin forms (/admin/methodology). `methodology-store.server.ts`
 * checks the meaning: valid JSON, a valid method, a new version number, a draft to activate.
 */
import { z } from "zod";

/** The largest definition accepted (the shipped ones are a few KB). */
const DEFINITION_MAX = 512 * 1024;

/** Add a version from its pasted definition, or activate a draft (and rescore). */
export const MethodologyAdminSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({
      intent: z.literal("add"),
      definition: z
        .string()
        .default("")
        .refine((v) => v.trim() !== "", "admin:methodology.errors.definitionMissing")
        .refine((v) => v.length <= DEFINITION_MAX, "admin:methodology.errors.definitionTooLarge"),
    }),
    // Activation rescores everyone: without `confirm=yes` the page only states what it would do.
    z.object({
      intent: z.literal("activate"),
      id: z.string().default(""),
      confirm: z
        .string()
        .default("")
        .transform((v) => v === "yes"),
    }),
  ],
  { error: "admin:errors.unknownAction" },
);

/**
 * /admin/methodology/new: a version drafted as a form. The named fields are checked here; the
 * parameters (one field per weight, band limit, red flag; their names are paths such as
 * "bands.high") are checked by `buildDraft`, against each one's bounds, beside each field.
 */
export const MethodologyDraftSchema = z.looseObject({
  intent: z.enum(["preview", "save"], { error: "admin:errors.unknownAction" }),
  version: z.string().max(40, "admin:methodology.draft.error.versionTooLong").default(""),
  name: z.string().max(200, "admin:methodology.draft.error.nameTooLong").default(""),
  effective: z.string().max(10, "admin:methodology.draft.error.effectiveFormat").default(""),
  summary: z.string().max(4000, "admin:methodology.draft.error.summaryTooLong").default(""),
});
