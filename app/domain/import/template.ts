/** The downloadable templates: every platform column, and one example row. */
import type { ImportKind } from "#db/schema";
import { toCsv } from "~/lib/csv";
import { fieldsFor } from "./fields";

/** The template's header for a field: its first alias (the platform's own name). */
export const templateHeader = (aliases: string[]) => aliases[0]!;

export function templateCsv(kind: ImportKind): string {
  const fields = fieldsFor(kind);
  return "\ufeff" + toCsv([fields.map((f) => templateHeader(f.aliases)), fields.map((f) => f.example)]);
}
