/**
 * Worker-thread entry: runs one import phase off the request thread, with its own database
 * connection (WAL lets the server's readers carry on), reporting progress to the main thread.
 *
 * The worker is started ahead of need (jobs.server.ts keeps one warm while someone is on an import
 * page): loading this module graph through tsx takes seconds, which a 5-row file should not wait
 * for. So the modules load now and the job arrives as the first message; one job per worker, so
 * that a job's memory limit and anything it leaks end with it.
 */
import { parentPort } from "node:worker_threads";
import { eq } from "drizzle-orm";
import { openDatabase, firstRow, type Db } from "../../../db/client";
import { imports } from "../../../db/schema";
import { refreshDashboard } from "../dashboard/dashboard.server";
import type { WorkerMessage } from "../jobs/runner.server";
import type { ImportStep, Progress } from "./process.server";
import { autoCommitAfterCheck } from "./imports.server";
import { runImportPhase, scoreAfterImport, type Phase } from "./run.server";

export interface ImportJobMessage {
  databasePath: string;
  importId: number;
  phase: Phase;
}

const post = (message: WorkerMessage) => parentPort?.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function run({ databasePath, importId, phase: requested }: ImportJobMessage): Promise<void> {
  // A long busy timeout: the commit waits for any other writer rather than failing.
  const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
  let phase = requested;
  const onProgress = (step: ImportStep, progress: Progress) => post({ type: "progress", step, ...progress });
  try {
    const row = firstRow(await db.select({ status: imports.status, autoCommit: imports.autoCommit }).from(imports).where(eq(imports.id, importId)));
    let status = row?.status;
    // An import the API started commits inside its check's job (decision 037). Run again after a
    // process stopped between the check and the commit, or during the commit, that job goes on
    // from where the import is instead of finding it "past the check" and leaving it there.
    if (phase === "analyse" && row?.autoCommit) {
      if (status === "analysed" && (await autoCommitAfterCheck(db, importId))) status = "importing";
      if (status === "importing" || status === "imported") phase = "commit";
    }
    // Run again after a stopped process (ADR 020): a commit that had already gone through only
    // needs its scoring; a phase the import has moved past (cancelled, checked again) is not redone.
    let counts = phase === "commit" && status === "imported" ? null : status === (phase === "analyse" ? "analysing" : "importing") ? await runImportPhase(db, importId, phase, onProgress) : undefined;
    if (counts === undefined) {
      post({ type: "done", result: { skipped: `the import is ${status ?? "gone"}` } });
      return;
    }
    // An import the API started goes on by itself after its check (decision 037), in this worker.
    if (phase === "analyse" && row?.autoCommit && (await autoCommitAfterCheck(db, importId))) {
      phase = "commit";
      counts = await runImportPhase(db, importId, "commit", onProgress);
    }
    let scoring: Record<string, unknown> | null = null;
    if (phase === "commit") {
      try {
        scoring = { ...(await scoreAfterImport(db, importId, onProgress)) };
      } catch (error) {
        // The import stands; the scores catch up with the next rescore.
        console.error(`scoring after import ${importId} failed:`, error);
        scoring = { failed: messageOf(error) };
      }
      await refreshDashboardOf(db, importId);
    }
    post({ type: "done", result: { counts, scoring } });
  } catch (error) {
    post({ type: "failed", message: messageOf(error) });
  } finally {
    db.close();
  }
}

/** The company's dashboard, computed now so that the first view after the import finds it ready. */
async function refreshDashboardOf(db: Db, importId: number): Promise<void> {
  const orgId = firstRow(await db.select({ orgId: imports.orgId }).from(imports).where(eq(imports.id, importId)))?.orgId;
  // The import stands without it: the next view of the dashboard computes it.
  if (orgId !== undefined) await refreshDashboard(db, orgId).catch((error) => console.error(`dashboard after import ${importId}:`, error));
}

parentPort?.once("message", (job: ImportJobMessage) => {
  void run(job).finally(() => parentPort?.close());
});
