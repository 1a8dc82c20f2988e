/**
 * The error report of an analysed import: the file's own rows that had problems, unchanged, with
 * an `errors` column, so that a person can fix them in their spreadsheet and upload them again.
 */
import { existsSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { importIssues } from "#db/schema";
import { serverT } from "~/i18n/i18n.server";
import { toCsv } from "~/lib/csv";
import type { Actor } from "~/auth/permissions.server";
import type { TextEncoding } from "./encoding.server";
import { findImport } from "./imports.server";
import { readRecords } from "./reader.server";
import { storedText } from "./stored-text.server";

/** The report's own words in the reader's language (the route passes `imports:errorCsv.*`). */
export interface ErrorReportWords {
  /** The added column's heading: the file is for people, who fix it and upload it again; the import maps no column it does not know, so it may differ by language. */
  errorsHeading: string;
  /** The 410 answer when the uploaded file is gone. */
  gone: string;
  /** One problem as the errors column says it: kind, column and the problem (stored-text.server.ts). */
  problem: (issue: { severity: "error" | "warning"; column: string | null; message: string }) => string;
}

/** The words in `locale` (imports:errorCsv.*). */
export function errorReportWords(locale: string): ErrorReportWords {
  const t = serverT(locale, "imports");
  return {
    errorsHeading: t("errorCsv.errorsColumn"),
    gone: t("errorCsv.gone"),
    problem: ({ severity, column, message }) => {
      const text = storedText(locale, message);
      return column === null ? t(`errorCsv.problem.${severity}`, { problem: text }) : t(`errorCsv.problemInColumn.${severity}`, { column, problem: text });
    },
  };
}

export async function errorReport(db: Db, actor: Actor, importId: number, words: ErrorReportWords = errorReportWords("en")): Promise<{ fileName: string; body: ReadableStream<Uint8Array> }> {
  const imp = await findImport(db, actor, importId);
  // Checked before the answer starts: once the body streams, a missing file could only cut the
  // download short.
  if (!existsSync(imp.filePath)) {
    throw new Response(words.gone, {
      status: 410,
      statusText: "Gone",
      headers: { "Content-Type": "text/plain; charset=utf-8" },
    });
  }
  const problems = new Map<number, string[]>();
  for (const i of (await db.select().from(importIssues).where(eq(importIssues.importId, imp.id)).orderBy(asc(importIssues.row), asc(importIssues.id)))) {
    const text = words.problem(i);
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
    // Every pull must either enqueue something or close the stream: a pull that does neither is
    // never called again (nothing new asks for data), and the download hangs. A batch of the file
    // can hold no problem row at all (e.g. the last line of a file without a final newline comes
    // as a batch of its own), so batches are read until one gives output or the file ends.
    async pull(controller) {
      for (;;) {
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
            out.push([...imp.headers, words.errorsHeading]);
            continue;
          }
          const found = problems.get(rowNumber);
          if (!found) continue;
          // The message always lands under the errors heading: short rows are padded, and the
          // surplus fields of a long row (an unquoted delimiter) follow it, so that nothing is lost.
          const width = imp.headers.length;
          const own = cells.length >= width ? cells.slice(0, width) : [...cells, ...Array<string>(width - cells.length).fill("")];
          out.push([...own, found.join("; "), ...cells.slice(width)]);
        }
        if (out.length) {
          // The same delimiter as the upload, so that it opens in the user's spreadsheet as theirs did.
          controller.enqueue(encoder.encode(toCsv(out, imp.delimiter)));
          return;
        }
      }
    },
    // A client that goes away mid-download: close the file instead of leaving it open.
    async cancel() {
      await rows.return(undefined);
    },
  });
  const base = imp.fileName.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}._-]+/gu, "_") || "import";
  return { fileName: `${base}-errors.csv`, body };
}
