/**
 * The shape of the /sharing forms. `createShare` checks the meaning (a partner the company may share
 * with, known scopes, countries and bands, its own suppliers) and names the field it refuses.
 */
import { z } from "zod";

const text = z.string().default("");
/** A checkbox group: absent when nothing is ticked, a string for one, an array for several. */
const ticked = z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.string()));

export const SharingSchema = z.union([
  z.object({ intent: z.literal("revoke"), shareId: text }),
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
