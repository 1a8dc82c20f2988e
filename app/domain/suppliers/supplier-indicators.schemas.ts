/**
 * The shape of the observed-indicators form: one yes/no/unknown choice per indicator and a note.
 * `recordSupplierIndicators` checks the choices and the note's length, naming the field it refuses.
 */
import { z } from "zod";
import { INDICATORS } from "../indicators";

export const SupplierIndicatorsSchema = z
  .looseObject({ note: z.string().default("") })
  .transform(({ note, ...fields }) => ({
    note,
    // Only the platform's indicators are read; any other field is ignored, as before.
    values: Object.fromEntries(INDICATORS.flatMap((i) => (typeof fields[i.code] === "string" ? [[i.code, fields[i.code] as string]] : []))),
  }));
