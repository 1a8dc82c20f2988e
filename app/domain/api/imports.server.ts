/**
 * Bulk create and update over the API (decision 037): the rows become an import, the same as a CSV
 * uploaded on the import page, so that one pipeline checks, matches duplicates, writes and scores
 * them, and the import page and activity log show an API import like any other. The JSON rows are
 * written as a CSV whose headers are the template's field keys, mapped one to one; the import is
 * marked to go on by itself after its check (`imports.auto_commit`, run by the import worker).
 */
import Papa from "papaparse";
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#db/client";
import { imports } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { takeRateLimit } from "~/auth/rate-limit.server";
import { fieldsFor } from "../import/fields";
import { confirmMapping, createImport, findImport, importIssuesOf } from "../import/imports.server";
import { liveProgress, startImportPhaseWithin } from "../import/jobs.server";
import { storedText } from "../import/stored-text.server";
import type { BulkImportRequestSchema, ImportJobSchema } from "./operations";

type Cell = string | number | boolean | string[] | null | undefined;

/** A JSON value as the CSV cell the import reads it from: lists joined by ";", yes/no, empty for null. */
function cellOf(value: Cell): string {
  if (value === null || value === undefined) return "";
  if (Array.isArray(value)) return value.join(";");
  if (typeof value === "boolean") return value ? "yes" : "no";
  return String(value);
}

export async function startBulkImport(
  db: Db,
  actor: Actor,
  orgId: number,
  body: z.output<typeof BulkImportRequestSchema>,
  context: { uploadsDir: string; ip: string | null; tokenName: string },
): Promise<z.output<typeof ImportJobSchema>> {
  authorize(actor, "suppliers.edit", { orgId });
  // The same allowance as uploads on the import page (per organisation, whichever way a list comes):
  // the token's per-minute limit counts calls, not the work each bulk job makes.
  await takeRateLimit(db, "imports.upload", orgId);
  const used = new Set(body.rows.flatMap((row) => Object.keys(row)));
  // The template's order, only the fields some row gives: an absent field is not a blank column
  // (which would clear the value on every updated supplier).
  const headers = fieldsFor("suppliers").map((f) => f.key).filter((key) => used.has(key));
  const csv = Papa.unparse({ fields: headers, data: body.rows.map((row) => headers.map((key) => cellOf((row as Record<string, Cell>)[key]))) }, { newline: "\n" });
  const tempDir = path.join(context.uploadsDir, "tmp");
  mkdirSync(tempDir, { recursive: true });
  const tempPath = path.join(tempDir, `api-${randomBytes(8).toString("hex")}.csv`);
  writeFileSync(tempPath, csv);
  let importId: number;
  try {
    const day = new Date().toISOString().slice(0, 10);
    importId = await createImport(db, actor, orgId, { kind: "suppliers", fileName: `api-${day}-${context.tokenName.replace(/[^\p{L}\p{N}_-]+/gu, "-").slice(0, 60)}.csv`, tempPath, uploadsDir: context.uploadsDir }, context.ip);
  } finally {
    rmSync(tempPath, { force: true });
  }
  await db.update(imports).set({ autoCommit: body.onInvalidRows === "skip" ? "valid" : "all" }).where(eq(imports.id, importId));
  await confirmMapping(db, actor, importId, headers);
  // Queued only: the caller polls; the job runs in a worker of whichever process claims it.
  await startImportPhaseWithin(db, importId, "analyse", 0);
  return await importJob(db, actor, importId);
}

/** The API's view of an import: what it is doing, its counts and its first issues. */
export async function importJob(db: Db, actor: Actor, importId: number): Promise<z.output<typeof ImportJobSchema>> {
  const imp = await findImport(db, actor, importId);
  const live = await liveProgress(db, importId);
  const counts = imp.counts;
  const refused = imp.status === "analysed" && !live && counts !== null && (counts.valid === 0 || (imp.autoCommit === "all" && counts.invalid > 0));
  const status = ((): z.output<typeof ImportJobSchema>["status"] => {
    if (live) return live.step === "score" ? "scoring" : live.step === "check" ? (live.done === 0 && live.total === 0 ? "queued" : "checking") : "importing";
    switch (imp.status) {
      case "uploaded":
      case "analysing":
        return "queued";
      case "analysed":
        return refused ? "refused" : imp.failure ? "failed" : "checked";
      case "importing":
        return "importing";
      case "imported":
        return "done";
      default:
        return "failed";
    }
  })();
  const issues = await importIssuesOf(db, importId, 200);
  return {
    id: imp.id,
    status,
    progress: live ? { step: live.step, done: live.done, total: live.total } : null,
    counts: counts ? { rows: counts.rows, valid: counts.valid, invalid: counts.invalid, new: counts.new, updated: counts.updated, unchanged: counts.unchanged, warnings: counts.warnings } : null,
    // The CSV's data rows start on line 2: row 2 is the request's rows[0]; below it, a remark on the whole file.
    issues: issues.rows.map((i) => ({ row: i.row >= 2 ? i.row - 2 : null, field: i.column, value: i.value, severity: i.severity, message: storedText("en", i.message) })),
    failure: imp.failure ? storedText("en", imp.failure) : null,
    createdAt: imp.createdAt.toISOString(),
    finishedAt: status === "done" && imp.committedAt ? imp.committedAt.toISOString() : null,
  };
}
