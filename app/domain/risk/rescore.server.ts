/**
 * Platform-wide rescoring after a new methodology or reference edition: a job (ADR 020) that runs
 * in a worker thread of whichever process claims it (the servers keep answering), recorded in
 * `scoring_runs` with its progress so that pages can show a progress bar, and resumable: a job
 * whose process stopped is claimed again and runs the same run to its end, and because unchanged
 * entities are skipped by their inputs hash it finishes exactly where the first would have.
 */
import { desc, eq } from "drizzle-orm";
import { rawRun, type Db } from "#db/client";
import { scoringRuns } from "#db/schema";
import { recordEvent } from "../activity-log/activity-log.server";
import { activeJob } from "../jobs/queue.server";
import { jobsSettled, registerJobHandler, startWorker } from "../jobs/runner.server";
import { storedMessage } from "../import/messages";
import { storedText } from "../import/stored-text.server";
import { causeDetail, resumedCause } from "./cause";
import { RESCORE_SUBJECT, startRescore } from "./rescore-queue.server";
import { scoreSupplier } from "./score-supplier";
import { scoreOrganisation, scoringContext } from "./scoring.server";
import { scoredOrganisations, supplierInputs } from "./scoring-inputs.server";
import { BANDS, type ReferenceData } from "./types";
import type { Methodology } from "./methodology";
import { firstRow } from "#db/client";

export async function latestRun(db: Db) {
  return firstRow(await db.select().from(scoringRuns).orderBy(desc(scoringRuns.id)).limit(1)) ?? null;
}

/** Runs a batch to its end on this connection (the worker calls this; tests may too). */
export async function runRescore(db: Db, runId: number): Promise<void> {
  const run = firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, runId)));
  if (!run) throw new Error(`scoring run ${runId} does not exist`);
  const context = await scoringContext(db);
  let done = 0;
  let changed = 0;
  for (const orgId of await scoredOrganisations(db)) {
    const before = done;
    const onProgress = async (n: number) => {
      await rawRun(db, `update scoring_runs set done = ? where id = ?`, before + n, runId);
    };
    const outcome = await scoreOrganisation(db, orgId, { cause: run.cause, context, onProgress });
    done += outcome.scored;
    changed += outcome.changed;
  }
  await db.update(scoringRuns).set({ status: "done", done, changed, finishedAt: new Date() }).where(eq(scoringRuns.id, runId));
  await recordEvent(db, { action: "risk.rescored", actorUserId: run.startedBy, targetType: "scoring_run", targetId: runId, details: { cause: causeDetail(run.cause), scored: done, changed } });
}

registerJobHandler("rescore", {
  start: (job, databasePath) => startWorker("app/domain/risk/rescore-worker.ts", { databasePath, runId: Number(job.payload.runId) }),
  abandoned: async (db, job, why) => await markFailed(db, Number(job.payload.runId), "risk:rescoring.failure.abandoned", { why }),
});

// Starting a run only queues it (rescore-queue.server.ts): the methodology store can start one
// without importing the scorer, which imports the methodology store.
export { startRescore } from "./rescore-queue.server";

/**
 * Why a run stopped, stored language-free (a catalog key with its values, as the import's failures)
 * and said in the reader's language by `latestRunView`. The values (the job runner's reason, an
 * error's own text) stay as they were given.
 */
export async function markFailed(db: Db, runId: number, key: `risk:rescoring.failure.${"interrupted" | "abandoned" | "error"}`, values?: Record<string, string>): Promise<void> {
  await db.update(scoringRuns).set({ status: "failed", failure: storedMessage(key, values), finishedAt: new Date() }).where(eq(scoringRuns.id, runId));
}

/** Waits for queued and running rescores (tests, scripts). */
export async function rescoresSettled(): Promise<void> {
  await jobsSettled(["rescore"]);
}

/**
 * At start-up: a run left "running" with no job to finish it (it was cut short before runs were
 * jobs, or its job was given up) is marked failed and started again, so that no organisation is
 * left half on the old method. A run whose job is still queued or running is left to its job.
 */
export async function resumeInterruptedRescores(db: Db): Promise<number | null> {
  const waiting = await activeJob(db, RESCORE_SUBJECT);
  const interrupted = (await db
      .select()
      .from(scoringRuns)
      .where(eq(scoringRuns.status, "running")))
    .filter((run) => Number(waiting?.payload.runId) !== run.id);
  for (const run of interrupted) await markFailed(db, run.id, "risk:rescoring.failure.interrupted");
  const last = interrupted.at(-1);
  return last ? await startRescore(db, { cause: resumedCause(last.cause), userId: last.startedBy }) : null;
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
 * What a candidate reference edition, or a candidate method (`candidate`; the active one if not
 * given), would do to the current supplier scores, aggregated: the platform administrator who loads
 * reference data does not see companies' suppliers.
 */
export async function previewRescore(db: Db, reference: ReferenceData, candidate?: Methodology): Promise<RescorePreview> {
  const methodology = candidate ?? (await scoringContext(db)).methodology.methodology;
  const byBand: RescorePreview["byBand"] = Object.fromEntries([...BANDS, "not scored"].map((b) => [b, { before: 0, after: 0 }]));
  const preview: RescorePreview = { suppliersScored: 0, scoreChanged: 0, bandChanged: 0, byBand, organisations: 0 };
  for (const orgId of await scoredOrganisations(db)) {
    let any = false;
    for await (const page of await supplierInputs(db, orgId)) {
      for (const s of page) {
        any = true;
        const after = scoreSupplier(s.inputs, methodology, reference);
        preview.suppliersScored++;
        if (s.currentScore !== after.score) preview.scoreChanged++;
        if (s.currentBand !== after.band) preview.bandChanged++;
        byBand[s.currentBand ?? "not scored"]!.before++;
        byBand[after.band]!.after++;
      }
    }
    if (any) preview.organisations++;
  }
  return preview;
}

/** The latest run with plain timestamps and why it stopped in `locale`, as the pages with a rescoring progress bar show it. */
export async function latestRunView(db: Db, locale: string) {
  const run = await latestRun(db);
  return run && { ...run, failure: run.failure === null ? null : storedText(locale, run.failure), startedAt: run.startedAt.getTime(), finishedAt: run.finishedAt?.getTime() ?? null };
}
