/**
 * The import workflow as users see it: upload (store the file, detect encoding and delimiter,
 * propose a mapping), confirm the mapping (analysis), then import the valid rows or cancel.
 * Every function takes the acting user and asks the permission module first; an import of
 * another organisation answers 404.
 */
import { createHash } from "node:crypto";
import { createReadStream, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { open } from "node:fs/promises";
import path from "node:path";
import { and, asc, count, desc, eq, sql } from "drizzle-orm";
import Papa from "papaparse";
import { changedRows, inTransaction, rawColumn, type Db, firstRow, onlyRow } from "#db/client";
import { auditLog, importIssues, importMappings, imports, users, type ImportKind } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { InputError, NotFound } from "../errors";
import { createDecoder, detectEncoding, FileRefused } from "./encoding.server";
import { checkHeaders, headerSignature, mappingProblems, proposeMapping, type Mapping } from "./mapping";
import { storedMessage, type StoredValue } from "./messages";
import { discardStaged } from "./process.server";
import { readRecords, separatorLine } from "./reader.server";

async function sha256File(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function readHead(file: string, bytes: number): Promise<Buffer> {
  const handle = await open(file, "r");
  try {
    const buffer = Buffer.alloc(bytes);
    const { bytesRead } = await handle.read(buffer, 0, bytes, 0);
    return buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab", "|": "pipe" };
export const delimiterName = (d: string) => DELIMITER_NAMES[d] ?? JSON.stringify(d);

/**
 * Stores an uploaded file as a new import of the organisation, after the checks that need no
 * mapping: a text file, a header row without duplicates, at least one data row. A refused file
 * is deleted and nothing is recorded but the refusal's message.
 */
export async function createImport(
  db: Db,
  actor: Actor,
  orgId: number,
  input: { kind: ImportKind; fileName: string; tempPath: string; uploadsDir: string },
  ip: string | null,
): Promise<number> {
  authorize(actor, "suppliers.edit", { orgId });
  try {
    const size = statSync(input.tempPath).size;
    if (size === 0) throw new FileRefused("imports:refused.empty");
    const head = await readHead(input.tempPath, 1 << 20);
    const detected = detectEncoding(head);
    const decoder = createDecoder(detected.encoding);
    const text = decoder.write(head.subarray(detected.bom)) + (head.length === size ? decoder.end() : "");
    if (text.trim() === "") throw new FileRefused("imports:refused.blank");
    // Excel's `sep=;` line declares the delimiter; it is not the header (readRecords drops it too).
    const declaration = separatorLine(text);
    const sample = text.slice(declaration?.length ?? 0, (declaration?.length ?? 0) + 64 * 1024);
    const delimiter = declaration?.delimiter ?? (Papa.parse<string[]>(sample, { preview: 50, delimitersToGuess: [",", ";", "\t", "|"] }).meta.delimiter || ",");
    const rows = Papa.parse<string[]>(sample, { preview: 200, delimiter, skipEmptyLines: "greedy" }).data;
    const headers = rows[0] ?? [];
    // Trailing empty columns (a spreadsheet's habit) are not columns.
    while (headers.length > 1 && headers[headers.length - 1]!.trim() === "") headers.pop();
    checkHeaders(headers);
    const hasData = rows.slice(1).some((r) => r.some((c) => c.trim() !== ""));
    if (!hasData) throw new FileRefused("imports:refused.noDataRows");
    const remembered = firstRow(await db
          .select({ mapping: importMappings.mapping })
          .from(importMappings)
          .where(and(eq(importMappings.orgId, orgId), eq(importMappings.kind, input.kind), eq(importMappings.headerSignature, headerSignature(headers)))));
    const mapping = remembered?.mapping.length === headers.length ? remembered.mapping : proposeMapping(headers, input.kind);
    const sha = await sha256File(input.tempPath);
    const fileName = path.basename(input.fileName).slice(0, 200) || "upload.csv";
    const dir = path.join(input.uploadsDir, String(orgId));
    mkdirSync(dir, { recursive: true });
    const id = await inTransaction(db, async () => {
          const row = onlyRow(await db
                  .insert(imports)
                  .values({ orgId, kind: input.kind, status: "uploaded", fileName, filePath: "", fileSize: size, fileSha256: sha, encoding: detected.encoding, delimiter, headers, mapping, createdBy: actor.user.id })
                  .returning({ id: imports.id }));
          const filePath = path.join(dir, `${row.id}-${sha.slice(0, 16)}.csv`);
          await db.update(imports).set({ filePath }).where(eq(imports.id, row.id));
          await recordEvent(db, { action: "import.uploaded", actorUserId: actor.user.id, orgId, targetType: "import", targetId: row.id, ip, details: { kind: input.kind, fileName, sha256: sha, size } });
          // Last, so that a failure above leaves the file where the catch below removes it.
          renameSync(input.tempPath, filePath);
          return row.id;
        });
    return id;
  } catch (error) {
    rmSync(input.tempPath, { force: true });
    if (error instanceof FileRefused) throw new InputError("file", error.message, error.values);
    throw error;
  }
}

/** An import of the actor's organisation, or 404. */
export async function findImport(db: Db, actor: Actor, importId: number, action: "suppliers.view" | "suppliers.edit" = "suppliers.view") {
  const row = firstRow(await db.select().from(imports).where(eq(imports.id, importId)));
  // Authorise against the import's owner: another organisation's import is "not found".
  if (!row) throw new NotFound();
  authorize(actor, action, { orgId: row.orgId });
  return row;
}

export async function previewRows(file: string, encoding: string, delimiter: string, limit = 10): Promise<string[][]> {
  for await (const batch of readRecords(file, { encoding: encoding as never, delimiter })) {
    return batch.filter((r) => r.some((c) => c.trim() !== "")).slice(0, limit + 1);
  }
  return [];
}

export async function importIssuesOf(db: Db, importId: number, limit = 200) {
  const total = await db.select({ severity: importIssues.severity, n: count() }).from(importIssues).where(eq(importIssues.importId, importId)).groupBy(importIssues.severity);
  const rows = await db
      .select()
      .from(importIssues)
      .where(eq(importIssues.importId, importId))
      .orderBy(sql`case ${importIssues.severity} when 'error' then 0 else 1 end`, asc(importIssues.row), asc(importIssues.id))
      .limit(limit);
  return { rows, errors: total.find((t) => t.severity === "error")?.n ?? 0, warnings: total.find((t) => t.severity === "warning")?.n ?? 0 };
}

export async function listImports(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "suppliers.view", { orgId });
  return await db
      .select({
        id: imports.id,
        kind: imports.kind,
        status: imports.status,
        fileName: imports.fileName,
        counts: imports.counts,
        createdAt: imports.createdAt,
        committedAt: imports.committedAt,
        by: users.name,
      })
      .from(imports)
      .leftJoin(users, eq(users.id, imports.createdBy))
      .where(eq(imports.orgId, orgId))
      .orderBy(desc(imports.createdAt), desc(imports.id))
      .limit(200);
}

/**
 * Whether the scores that follow an imported list are complete, from what is stored: the
 * rescoring's audit entry for this import (written when the scoring after it finished), or else
 * how many of the records it last wrote have no score yet (the scoring was cut short; the
 * start-up catch-up scores them). Null for an import that wrote nothing to score.
 */
export async function scoringAfterImport(db: Db, imp: { id: number; kind: ImportKind; status: string }): Promise<{ finishedAt: number; scored: number; changed: number } | { unscored: number } | null> {
  if (imp.status !== "imported") return null;
  const entry = firstRow(await db
      .select({ at: auditLog.at, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.action, "risk.rescored"), eq(auditLog.targetType, "import"), eq(auditLog.targetId, String(imp.id))))
      .orderBy(desc(auditLog.id)));
  if (entry) return { finishedAt: entry.at.getTime(), scored: Number(entry.details?.scored ?? 0), changed: Number(entry.details?.changed ?? 0) };
  const unscored = (await rawColumn<number>(db, `select count(*) from ${imp.kind} where last_import_id = ? and risk_score_id is null`, imp.id))[0] ?? 0;
  return unscored > 0 ? { unscored } : null;
}

/** Saves the user's mapping (remembered for files with the same headers) and makes the import ready for analysis. */
export async function confirmMapping(db: Db, actor: Actor, importId: number, mapping: Mapping): Promise<void> {
  const imp = await findImport(db, actor, importId, "suppliers.edit");
  if (imp.status !== "uploaded" && imp.status !== "analysed" && imp.status !== "failed") throw new InputError("mapping", "imports:refused.mappingLocked");
  if (mapping.length !== imp.headers.length) throw new InputError("mapping", "imports:refused.mappingMismatch");
  // The page shows one refusal beside the mapping: the first problem; the next shows once it is fixed.
  const [problem] = mappingProblems(mapping, imp.kind, imp.headers);
  if (problem) throw new InputError("mapping", problem.key, problem.values);
  await inTransaction(db, async () => {
        await db.update(imports).set({ mapping, status: "analysing", failure: null, counts: null }).where(eq(imports.id, imp.id));
        await db.insert(importMappings)
                .values({ orgId: imp.orgId, kind: imp.kind, headerSignature: headerSignature(imp.headers), mapping, updatedAt: new Date() })
                .onConflictDoUpdate({ target: [importMappings.orgId, importMappings.kind, importMappings.headerSignature], set: { mapping, updatedAt: new Date() } });
      });
}

/** An earlier, committed import of the very same file (by SHA-256) into the same list, if any. */
export async function earlierImportOfSameFile(db: Db, imp: { id: number; orgId: number; kind: ImportKind; fileSha256: string }) {
  const row = firstRow(await db
      .select({ id: imports.id, committedAt: imports.committedAt })
      .from(imports)
      .where(and(eq(imports.orgId, imp.orgId), eq(imports.kind, imp.kind), eq(imports.fileSha256, imp.fileSha256), eq(imports.status, "imported")))
      .orderBy(desc(imports.committedAt)));
  return row && row.id !== imp.id && row.committedAt ? { id: row.id, committedAt: row.committedAt.getTime() } : null;
}

/** Goes back from the summary to the column mapping (the analysis is discarded). */
export async function reopenMapping(db: Db, actor: Actor, importId: number): Promise<void> {
  const imp = await findImport(db, actor, importId, "suppliers.edit");
  if (imp.status !== "analysed") throw new InputError("form", "imports:refused.remapNotChecked");
  await inTransaction(db, async () => {
        await db.update(imports).set({ status: "uploaded", counts: null, failure: null }).where(eq(imports.id, imp.id));
        await discardStaged(db, imp.id, { withIssues: true });
      });
}

/** Moves an analysed import to "importing"; the job runs the commit. */
export async function confirmImport(db: Db, actor: Actor, importId: number): Promise<void> {
  const imp = await findImport(db, actor, importId, "suppliers.edit");
  if (imp.status !== "analysed") throw new InputError("form", "imports:refused.importNotChecked");
  if (!imp.counts || imp.counts.valid === 0) throw new InputError("form", "imports:refused.noValidRows");
  await db.update(imports).set({ status: "importing", committedBy: actor.user.id, failure: null }).where(and(eq(imports.id, imp.id), eq(imports.status, "analysed")));
}

/**
 * After its check, an import the API started (`autoCommit`) moves on to "importing" by itself: with
 * its valid rows ("valid"), or only when no row was refused ("all"). The person who sent it is who
 * commits it. True when it moved; the caller runs the commit.
 */
export async function autoCommitAfterCheck(db: Db, importId: number): Promise<boolean> {
  const imp = firstRow(await db.select().from(imports).where(eq(imports.id, importId)));
  if (!imp?.autoCommit || imp.status !== "analysed" || !imp.counts || imp.counts.valid === 0) return false;
  if (imp.autoCommit === "all" && imp.counts.invalid > 0) return false;
  const moved = await db.update(imports).set({ status: "importing", committedBy: imp.createdBy, failure: null }).where(and(eq(imports.id, imp.id), eq(imports.status, "analysed")));
  return changedRows(moved) === 1;
}

export async function cancelImport(db: Db, actor: Actor, importId: number, ip: string | null): Promise<void> {
  const imp = await findImport(db, actor, importId, "suppliers.edit");
  if (imp.status === "imported" || imp.status === "importing" || imp.status === "analysing") throw new InputError("form", "imports:refused.cannotCancel");
  await inTransaction(db, async () => {
        await db.update(imports).set({ status: "cancelled" }).where(eq(imports.id, imp.id));
        await discardStaged(db, imp.id);
        await recordEvent(db, { action: "import.cancelled", actorUserId: actor.user.id, orgId: imp.orgId, targetType: "import", targetId: imp.id, ip });
      });
}

/**
 * After a restart, jobs that were running are not running any more. Their transaction (if any)
 * was rolled back by SQLite; say so, and let the user run them again.
 */
export async function recoverInterruptedImports(db: Db): Promise<number> {
  // One with a job still queued or running is not interrupted: a job runner will run it (again).
  const running = await db
      .select({ id: imports.id })
      .from(imports)
      .where(sql`${imports.status} in ('analysing', 'importing') and not exists (select 1 from jobs j where j.subject = 'import:' || ${imports.id} and j.status in ('queued', 'running'))`);
  for (const { id } of running) await recoverInterruptedImport(db, id, { key: "imports:failure.why.restarted" });
  return running.length;
}

/**
 * Sets one interrupted import back to where the user can run it again, saying why (stored
 * language-free, messages.ts: `why` is a catalog key, or the job runner's own words).
 */
export async function recoverInterruptedImport(db: Db, importId: number, why: StoredValue): Promise<void> {
  await db.update(imports)
        .set({ status: "uploaded", failure: storedMessage("imports:failure.checkInterrupted", { why }) })
        .where(and(eq(imports.id, importId), eq(imports.status, "analysing")));
  await db.update(imports)
        .set({ status: "analysed", failure: storedMessage("imports:failure.importInterrupted", { why }) })
        .where(and(eq(imports.id, importId), eq(imports.status, "importing")));
}
