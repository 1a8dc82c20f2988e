/**
 * Platform-wide rescoring after a new methodology or reference edition: a batch that runs in a
 * worker thread (the server keeps answering), recorded in `scoring_runs` with its progress so
 * that pages can show a progress bar, and resumable: a run cut short by a restart is marked
 * failed and started again, and because unchanged entities are skipped by their inputs hash the
 * second run finishes exactly where the first would have.
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { desc, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { scoringRuns } from "#db/schema";
import { recordEvent } from "../audit-log.server";
import { scoreSupplier } from "./score-supplier";
import { scoreOrganisation, scoringContext } from "./scoring.server";
import { countScoredEntities, scoredOrganisations, supplierInputs } from "./scoring-inputs.server";
import { BANDS, type ReferenceData } from "./types";

const running = new Map<number, Promise<void>>();

export function latestRun(db: Db) {
  return db.select().from(scoringRuns).orderBy(desc(scoringRuns.id)).limit(1).get() ?? null;
}

/** Runs a batch to its end on this connection (the worker calls this; tests may too). */
export function runRescore(db: Db, runId: number): void {
  const run = db.select().from(scoringRuns).where(eq(scoringRuns.id, runId)).get();
  if (!run) throw new Error(`scoring run ${runId} does not exist`);
  const context = scoringContext(db);
  let done = 0;
  let changed = 0;
  const progress = db.$client.prepare(`update scoring_runs set done = ? where id = ?`);
  for (const orgId of scoredOrganisations(db)) {
    const before = done;
    const outcome = scoreOrganisation(db, orgId, { cause: run.cause, context, onProgress: (n) => progress.run(before + n, runId) });
    done += outcome.scored;
    changed += outcome.changed;
  }
  db.update(scoringRuns).set({ status: "done", done, changed, finishedAt: new Date() }).where(eq(scoringRuns.id, runId)).run();
  recordEvent(db, { action: "risk.rescored", actorUserId: run.startedBy, targetType: "scoring_run", targetId: runId, details: { cause: run.cause, scored: done, changed } });
}

/**
 * Starts a platform-wide rescore in a worker thread unless one is already running (then that
 * one's id is returned: it will pick up the new method or reference edition as it goes on, and a
 * second pass skips whatever is already current).
 */
export function startRescore(db: Db, options: { cause: string; userId?: number | null }): number {
  const current = db.select().from(scoringRuns).where(eq(scoringRuns.status, "running")).get();
  if (current && running.has(current.id)) return current.id;
  const run = db
    .insert(scoringRuns)
    .values({ cause: options.cause, status: "running", total: countScoredEntities(db), startedBy: options.userId ?? null, startedAt: new Date() })
    .returning()
    .get();
  const worker = new Worker(path.resolve("app/domain/import/worker-bootstrap.mjs"), {
    workerData: { databasePath: db.$client.name, runId: run.id, entry: pathToFileURL(path.resolve("app/domain/risk/rescore-worker.ts")).href },
  });
  let reported = false;
  const done = new Promise<void>((resolve) => {
    worker.on("message", (message: { type: string }) => {
      if (message.type === "done" || message.type === "failed") reported = true;
    });
    worker.on("error", (error) => console.error(`scoring run ${run.id} failed:`, error));
    worker.on("exit", () => {
      if (!reported) markFailed(db, run.id, "the rescoring stopped unexpectedly; start it again to finish (entities already rescored are kept)");
      running.delete(run.id);
      resolve();
    });
  });
  running.set(run.id, done);
  return run.id;
}

export function markFailed(db: Db, runId: number, message: string): void {
  db.update(scoringRuns).set({ status: "failed", failure: message, finishedAt: new Date() }).where(eq(scoringRuns.id, runId)).run();
}

/** Waits for running batches (graceful shutdown, tests). */
export async function rescoresSettled(): Promise<void> {
  await Promise.all(running.values());
}

/**
 * At start-up: a run left "running" was cut short by a stop; mark it failed and start it again,
 * so that no organisation is left half on the old method.
 */
export function resumeInterruptedRescores(db: Db): number | null {
  const interrupted = db.select().from(scoringRuns).where(eq(scoringRuns.status, "running")).all();
  for (const run of interrupted) markFailed(db, run.id, "interrupted by a restart; resumed in a new run");
  const last = interrupted.at(-1);
  return last ? startRescore(db, { cause: `${last.cause} (resumed)`, userId: last.startedBy }) : null;
}

export interface RescorePreview {
  suppliersScored: number;
  scoreChanged: number;
  bandChanged: number;
  /** Suppliers per band before and after. */
  byBand: Record<string, { before: number; after: number }>;
  organisations: number;
}

/**
 * What a candidate reference edition would do to the current supplier scores, aggregated: the
 * platform administrator who loads reference data does not see companies' suppliers.
 */
export function previewRescore(db: Db, reference: ReferenceData): RescorePreview {
  const { methodology } = scoringContext(db).methodology;
  const byBand: RescorePreview["byBand"] = Object.fromEntries([...BANDS, "not scored"].map((b) => [b, { before: 0, after: 0 }]));
  const preview: RescorePreview = { suppliersScored: 0, scoreChanged: 0, bandChanged: 0, byBand, organisations: 0 };
  for (const orgId of scoredOrganisations(db)) {
    let any = false;
    for (const s of supplierInputs(db, orgId)) {
      any = true;
      const after = scoreSupplier(s.inputs, methodology, reference);
      preview.suppliersScored++;
      if (s.currentScore !== after.score) preview.scoreChanged++;
      if (s.currentBand !== after.band) preview.bandChanged++;
      byBand[s.currentBand ?? "not scored"]!.before++;
      byBand[after.band]!.after++;
    }
    if (any) preview.organisations++;
  }
  return preview;
}

/** The latest run with plain timestamps, as the pages with a rescoring progress bar show it. */
export function latestRunView(db: Db) {
  const run = latestRun(db);
  return run && { ...run, startedAt: run.startedAt.getTime(), finishedAt: run.finishedAt?.getTime() ?? null };
}
