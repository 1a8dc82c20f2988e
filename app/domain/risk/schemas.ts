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
        .refine((v) => v.trim() !== "", "Paste the new method's definition (JSON, in the format of fixtures/methodology/v1.json).")
        .refine((v) => v.length <= DEFINITION_MAX, "The definition is larger than 512 KB."),
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
  { error: "Unknown action." },
);

/**
 * /admin/methodology/new: a version drafted as a form. The named fields are checked here; the
 * parameters (one field per weight, band limit, red flag; their names are paths such as
 * "bands.high") are checked by `buildDraft`, against each one's bounds, beside each field.
 */
export const MethodologyDraftSchema = z.looseObject({
  intent: z.enum(["preview", "save"], { error: "Unknown action." }),
  version: z.string().max(40, "Use at most 40 characters.").default(""),
  name: z.string().max(200, "Use at most 200 characters.").default(""),
  effective: z.string().max(10, "Give a date as YYYY-MM-DD.").default(""),
  summary: z.string().max(4000, "Use at most 4000 characters.").default(""),
});
