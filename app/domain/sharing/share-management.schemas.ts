/**
 * The shape of the /sharing forms. `createShare` checks the meaning (a partner the company may share
 * with, known scopes, countries and bands, its own suppliers) and names the field it refuses.
 */
import { z } from "zod";

const text = z.string().default("");
/** A checkbox group: absent when nothing is ticked, a string for one, an array for several. */
const ticked = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

export const SharingSchema = z.union([
  // Without `confirm=yes` a revocation only states what it would do (the partner loses access at once).
  z.object({ intent: z.literal("revoke"), shareId: text, confirm: text.transform((v) => v === "yes") }),
  z.object({
    intent: z.undefined().optional(),
    toOrgId: text.transform(Number),
    scope: ticked,
    countries: text,
    sectors: text,
    bands: ticked,
    supplierIds: text,
  }),
]);
