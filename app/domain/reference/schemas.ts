/**
 * The shapes of the reference-data admin forms. The domain functions (`editions.server.ts`,
 * `synonyms.server.ts`) check the meaning: a known kind, a readable table, an unused term.
 */
import { z } from "zod";

const text = z.string().default("");

/** /admin/reference: stage a new edition of a reference table (the CSV comes with the upload). */
export const ReferenceUploadSchema = z.object({ kind: text, name: text, edition: text });

/**
 * /admin/reference/:id: make a staged edition the active one, or discard it. Activation rescores
 * everyone: without `confirm=yes` the page only states what it would do.
 */
export const ReferenceEditionSchema = z.object({
  intent: z.enum(["activate", "discard"], { error: "admin:errors.unknownAction" }),
  confirm: z
    .string()
    .default("")
    .transform((v) => v === "yes"),
});

/** /admin/reference/products: map a product term to a TVPRA good, or remove a mapping. */
export const ProductSynonymSchema = z.discriminatedUnion(
  "intent",
  [z.object({ intent: z.literal("add"), term: text, good: text }), z.object({ intent: z.literal("remove"), id: text })],
  { error: "admin:errors.unknownAction" },
);
