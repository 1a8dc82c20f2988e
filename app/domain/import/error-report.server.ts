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
  let headerWritten = false;
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
        if (!headerWritten) {
          if (cells.every((c) => c.trim() === "")) continue;
          headerWritten = true;
          out.push([...imp.headers, "errors"]);
          continue;
        }
        const found = problems.get(rowNumber);
        if (!found) continue;
        // Short rows are padded so that the message always lands in the errors column.
        const padded = cells.length >= imp.headers.length ? cells : [...cells, ...Array<string>(imp.headers.length - cells.length).fill("")];
        out.push([...padded, found.join("; ")]);
      }
      // The same delimiter as the upload, so that it opens in the user's spreadsheet as theirs did.
      if (out.length) controller.enqueue(encoder.encode(toCsv(out, imp.delimiter)));
    },
  });
  const base = imp.fileName.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "_") || "import";
  return { fileName: `${base}-errors.csv`, body };
}
