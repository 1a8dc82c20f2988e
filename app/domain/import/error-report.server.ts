/**
 * The error report of an analysed import: the file's own rows that had problems, unchanged, with
 * an `errors` column, so that a person can fix them in their spreadsheet and upload them again.
 */
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { importIssues } from "#db/schema";
import { toCsv } from "~/lib/csv";
import type { Actor } from "~/auth/permissions.server";
import type { TextEncoding } from "./encoding.server";
import { findImport } from "./imports.server";
import { readRecords } from "./reader.server";

export function errorReport(db: Db, actor: Actor, importId: number): { fileName: string; body: ReadableStream<Uint8Array> } {
  const imp = findImport(db, actor, importId);
  const problems = new Map<number, string[]>();
  for (const i of db.select().from(importIssues).where(eq(importIssues.importId, imp.id)).orderBy(asc(importIssues.row), asc(importIssues.id)).all()) {
    const text = `${i.severity === "warning" ? "warning: " : ""}${i.column ? `${i.column}: ` : ""}${i.message}`;
    problems.set(i.row, [...(problems.get(i.row) ?? []), text]);
  }
  const encoder = new TextEncoder();
  const rows = readRecords(imp.filePath, { encoding: imp.encoding as TextEncoding, delimiter: imp.delimiter });
  let rowNumber = 0;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      // A BOM so that Excel reads the UTF-8 correctly.
      controller.enqueue(encoder.encode("\ufeff"));
    },
    async pull(controller) {
      const next = await rows.next();
      if (next.done) {
        controller.close();
        return;
      }
      const out: string[][] = [];
      for (const cells of next.value) {
        rowNumber++;
        if (rowNumber === 1) out.push(["row", ...imp.headers, "errors"]);
        else {
          const found = problems.get(rowNumber);
          if (found) out.push([String(rowNumber), ...cells.slice(0, Math.max(cells.length, imp.headers.length)), found.join("; ")]);
        }
      }
      if (out.length) controller.enqueue(encoder.encode(toCsv(out)));
    },
  });
  const base = imp.fileName.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "_") || "import";
  return { fileName: `${base}-errors.csv`, body };
}
