/**
 * The shapes of the import pages' forms (/imports and /imports/:importId). The domain functions check the meaning:
 * a known field per column, the import's state, a row that is a probable duplicate
 * (`imports.server.ts`, `near-duplicates.server.ts`).
 */
import { z } from "zod";
import { IMPORT_KINDS } from "#db/schema";
import type { Mapping } from "./mapping";

/** /imports: the upload form's kind of list (the file itself is read by the upload helper). */
export const ImportUploadSchema = z.object({
  kind: z.enum(IMPORT_KINDS, { error: "imports:validation.kind" }),
});

const text = z.string().default("");

/** `map-0`, `map-1`, …: the platform field chosen for each column of the file ("" = ignore it). */
const COLUMN_FIELD = /^map-(\d{1,4})$/;

/**
 * The column mapping, from one `map-<i>` select per column. The number of columns is the file's
 * (the route knows it): `mappingFor(columns)` ignores a column with no field sent.
 */
const AnalyseSchema = z
  .object({ intent: z.literal("analyse") })
  .catchall(z.string())
  .transform((fields) => {
    const chosen = new Map<number, string>();
    for (const [key, value] of Object.entries(fields)) {
      const column = COLUMN_FIELD.exec(key);
      if (column && value !== "") chosen.set(Number(column[1]), value);
    }
    return { intent: "analyse" as const, mappingFor: (columns: number): Mapping => Array.from({ length: columns }, (_, i) => chosen.get(i) ?? null) };
  });

/** /imports/:importId: check the rows with a mapping, import, decide a probable duplicate, map again, cancel. */
export const ImportPageSchema = z.discriminatedUnion(
  "intent",
  [
    AnalyseSchema,
    z.object({ intent: z.literal("import") }),
    z.object({ intent: z.literal("duplicate"), row: text, choice: text }),
    z.object({ intent: z.literal("remap") }),
    z.object({ intent: z.literal("cancel") }),
  ],
  { error: "imports:validation.unknownAction" },
);
