/**
 * Runs one phase of an import against a database connection and records the outcome on the
 * import. Used by the worker thread, and directly by tests and benchmarks.
 */
import { and, eq, gt, max, ne } from "drizzle-orm";
import type { Db } from "#db/client";
import { imports, type ImportCounts } from "#db/schema";
import { recordEvent } from "../activity-log/activity-log.server";
import { scoreOrganisation, type ScoringOutcome } from "../risk/scoring.server";
import { countScoredEntities } from "../risk/scoring-inputs.server";
import { matchOrganisation } from "../watchlists/watchlists.server";
import { FileRefused } from "./encoding.server";
import { storedMessage } from "./messages";
import { nearDuplicateChoices, reapplyNearDuplicateChoices } from "./near-duplicates.server";
import { analyseImport, commitStaged, discardStaged, tuneForImport, type ImportStep, type Progress } from "./process.server";
import { engineKind, firstRow, rawRun } from "#db/client";

export type Phase = "analyse" | "commit";

/** Receives the progress of each step as it goes (the worker posts it to the progress page). */
export type OnProgress = (step: ImportStep, progress: Progress) => void;

async function loadJob(db: Db, importId: number) {
  const imp = firstRow(await db.select().from(imports).where(eq(imports.id, importId)));
  if (!imp) throw new Error(`import ${importId} does not exist`);
  return imp;
}

async function analyse(db: Db, importId: number, onProgress?: OnProgress): Promise<ImportCounts> {
  const imp = await loadJob(db, importId);
  const counts = await analyseImport(db, imp, onProgress && ((p) => onProgress("check", p)));
  await db.update(imports).set({ status: "analysed", counts, analysedAt: new Date(), failure: null }).where(eq(imports.id, importId));
  await recordEvent(db, { action: "import.analysed", actorUserId: imp.createdBy, orgId: imp.orgId, targetType: "import", targetId: importId, details: { ...counts } });
  return counts;
}

export async function runImportPhase(db: Db, importId: number, phase: Phase, onProgress?: OnProgress): Promise<ImportCounts> {
  tuneForImport(db);
  try {
    if (phase === "analyse") return await analyse(db, importId, onProgress);
    let imp = await loadJob(db, importId);
    // Another import of the same list committed since this one was checked: the verdicts
    // (new / updated / unchanged) may be stale, so check again before writing.
    const newer = firstRow(await db
          .select({ at: max(imports.committedAt) })
          .from(imports)
          .where(and(eq(imports.orgId, imp.orgId), eq(imports.kind, imp.kind), ne(imports.id, imp.id), gt(imports.committedAt, imp.analysedAt ?? new Date(0)))));
    if (newer?.at) {
      // The check starts from scratch: the person's choices on probable duplicates are read
      // before it and applied again after it, and its counts replace the stale ones (they are
      // what the import page and the activity log say was imported).
      const choices = await nearDuplicateChoices(db, importId);
      const recounted = await analyseImport(db, imp, onProgress && ((p) => onProgress("check", p)));
      await db.update(imports).set({ counts: recounted, analysedAt: new Date() }).where(eq(imports.id, importId));
      await reapplyNearDuplicateChoices(db, importId, choices);
      imp = await loadJob(db, importId);
    }
    const counts = imp.counts!;
    await commitStaged(
            db,
            imp,
            async () => {
            await db.update(imports).set({ status: "imported", committedAt: new Date(), failure: null }).where(eq(imports.id, importId));
            await recordEvent(db, {
                        action: "import.committed",
                        actorUserId: imp.committedBy,
                        orgId: imp.orgId,
                        targetType: "import",
                        targetId: importId,
                        details: { kind: imp.kind, fileName: imp.fileName, sha256: imp.fileSha256, mapping: imp.mapping, counts },
                      });
            },
            onProgress && ((p) => onProgress("import", p)),
          );
    await discardStaged(db, importId);
    return counts;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // A file the person must fix says so by its catalog key and values; any other error's own text stays as it was thrown.
    const values = error instanceof FileRefused ? error.values : undefined;
    // The catalog's sentence goes on after the message ("…: {{message}} Nothing was written."): a
    // refusal ends with its own full stop; another error's text is given one.
    const said = error instanceof FileRefused ? { key: message, ...(values ? { values } : {}) } : /[.!?]$/.test(message) ? message : `${message}.`;
    const failedPhase = phase === "analyse" ? "uploaded" : "analysed";
    await db.update(imports)
            // Stored language-free (messages.ts), said in the reader's language on the import page.
            .set({ status: failedPhase, failure: storedMessage(phase === "analyse" ? "imports:failure.check" : "imports:failure.import", { message: said }) })
            .where(eq(imports.id, importId));
    const imp = firstRow(await db.select({ orgId: imports.orgId }).from(imports).where(eq(imports.id, importId)));
    await recordEvent(db, { action: "import.failed", orgId: imp?.orgId ?? null, targetType: "import", targetId: importId, details: { phase, message, ...(values ? { values } : {}) } });
    throw error;
  }
}

/**
 * After a commit, the organisation's scores are brought up to date (only the suppliers and
 * recruiters whose inputs changed get a new score). This is a step of its own: the import is
 * already committed, and if scoring is interrupted the next rescore completes it.
 */
export async function scoreAfterImport(db: Db, importId: number, onProgress?: OnProgress): Promise<ScoringOutcome> {
  const imp = await loadJob(db, importId);
  // Every supplier and recruiter of the organisation is looked at (those whose inputs did not
  // change are skipped by their inputs hash): that is the total the progress counts towards.
  const total = await countScoredEntities(db, imp.orgId);
  const progress = (step: "match" | "score", done: number, of: number) => onProgress?.(step, { done: Math.min(done, of), total: of, fraction: of ? Math.min(1, done / of) : 1, estimated: false });
  const report = (done: number) => progress("score", done, total);
  // New names are compared with the active watchlists (candidates for the company to review, ADR 016).
  await matchOrganisation(db, imp.orgId, { onProgress: (done, names) => progress("match", done, names) });
  report(0);
  const outcome = await scoreOrganisation(db, imp.orgId, { cause: `import ${importId}`, onProgress: report });
  report(total);
  // The durable record that the import's scores are complete: the import page reads it back.
  await recordEvent(db, { action: "risk.rescored", actorUserId: imp.committedBy, orgId: imp.orgId, targetType: "import", targetId: importId, details: { cause: `import ${importId}`, scored: outcome.scored, changed: outcome.changed } });
  await refreshPlannerStatistics(db);
  return outcome;
}

/**
 * On PostgreSQL, the planner's statistics of the tables an import has just filled, taken now
 * rather than at autovacuum's next round (up to a minute or more later). Until then the planner
 * still sees the tables as they were, e.g. an organisation with no suppliers: it chose a bitmap
 * scan and a sort of all the organisation's rows for each page of the API list (tests/bench/api.ts,
 * 20k suppliers: 95 pages/s from bare SQL before, 0.2 ms a page after). ANALYZE reads a sample
 * (30,000 rows) and blocks no reader or writer. SQLite keeps no such statistics here.
 */
async function refreshPlannerStatistics(db: Db): Promise<void> {
  if (engineKind(db) !== "postgres") return;
  try {
    await rawRun(db, "analyze suppliers, recruiters, risk_scores");
  } catch (error) {
    // Only a planning aid: the import and its scores stand without it.
    console.error("analyze after import failed:", error);
  }
}
