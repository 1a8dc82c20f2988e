/**
 * The shape of the /sharing forms. `createShare`/`updateShare`/`previewShare` check the meaning
 * (a partner the company may share with, known scopes, countries and bands, its own suppliers)
 * and name the field they refuse.
 */
import { z } from "zod";

const text = z.string().default("");
/** A checkbox group: absent when nothing is ticked, a string for one, an array for several. */
const ticked = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

/** The share form's fields, shared by "check what this share covers" and saving. */
const shareFields = {
  /** The share being changed (empty: a new share). */
  edit: text,
  toOrgId: text.transform(Number),
  scope: ticked,
  countries: ticked,
  sectors: ticked,
  bands: ticked,
  suppliers: ticked,
};

export const SharingSchema = z.union([
  // Without `confirm=yes` a revocation only states what it would do (the partner loses access at once).
  z.object({ intent: z.literal("revoke"), shareId: text, confirm: text.transform((v) => v === "yes") }),
  // Computes what the share would cover and saves nothing.
  z.object({ intent: z.literal("check"), ...shareFields }),
  // Saving (also a form without an intent: the button a browser sends when Enter is pressed).
  z.object({ intent: z.union([z.literal("save"), z.undefined()]).optional(), ...shareFields }),
]);

/**
 * The draft the page's GET buttons send ("Find suppliers", "Check what this share covers"): the
 * same fields, with the search text. Read leniently by the loader; saving checks them again.
 */
export const ShareDraftSchema = z.object({ intent: z.enum(["search", "check"]), q: text, ...shareFields, toOrgId: text });
