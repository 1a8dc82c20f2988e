/**
 * Import phases as jobs (ADR 020): a check or an import is queued in the database and run in a
 * worker thread by whichever app process claims it; its progress is on the job row, so the
 * progress page is right whichever process answers it, and a process killed mid-import leaves a
 * job that another process runs again (the commit is one transaction, so nothing is half-written).
 */
import { databaseLocation, type Db } from "#db/client";
import type { JobProgress } from "#db/schema";
import { readJobProgress } from "../jobs/progress.server";
import { activeJob, enqueueJob, waitForJob } from "../jobs/queue.server";
import { jobRunnerFor, jobsSettled, registerJobHandler, startWorker, type JobHandler } from "../jobs/runner.server";
import type { Worker } from "node:worker_threads";
import { recoverInterruptedImport } from "./imports.server";
import type { ImportStep } from "./process.server";
import type { Phase } from "./run.server";
import type { ImportJobMessage } from "./worker";

export interface LiveProgress extends JobProgress {
  step: ImportStep;
}

const subjectOf = (importId: number) => `import:${importId}`;

/** The step of an import that is queued or running and how far it has got, or null when none is. */
export async function liveProgress(db: Db, importId: number): Promise<LiveProgress | null> {
  const job = await activeJob(db, subjectOf(importId));
  if (!job) return null;
  const progress = readJobProgress(db, job);
  if (progress) return progress as LiveProgress;
  // Queued, or claimed and not yet counting: the first step, nothing done yet.
  const step: ImportStep = job.kind === "import.analyse" ? "check" : "import";
  return { step, done: 0, total: 0, fraction: 0, estimated: true, startedAt: (job.startedAt ?? job.createdAt).getTime() };
}

/**
 * The worker's JavaScript heap limit: with SQLite's own (file-backed) temporary storage this keeps
 * a million-row import under its 512 MB budget; beyond it the worker stops instead of the server.
 */
export const WORKER_HEAP_MB = 320;

/**
 * A worker started ahead of need, its modules loaded, waiting for its job. Starting a worker costs
 * seconds (tsx compiles its module graph), which used to be most of the 2-5 s a 5-row file took
 * to check or import. Pages that come just before a job (the mapping, the check's summary) start
 * one; an unused one stops after SPARE_IDLE_MS.
 */
let spare: Worker | null = null;
let spareTimer: NodeJS.Timeout | null = null;
const SPARE_IDLE_MS = 10 * 60_000;

function spawnWorker(): Worker {
  return startWorker("app/domain/import/worker.ts", {}, { heapMb: WORKER_HEAP_MB });
}

/** Makes sure a worker is loaded and waiting for the next import job (cheap when one is). */
export function prewarmImportWorker(): void {
  if (!spare) {
    const worker = spawnWorker();
    // Idle, it must not keep a process (a test run, a script) alive.
    worker.unref();
    worker.on("error", (error) => console.error("spare import worker failed:", error));
    worker.once("exit", () => {
      if (spare === worker) spare = null;
    });
    spare = worker;
  }
  if (spareTimer) clearTimeout(spareTimer);
  spareTimer = setTimeout(() => {
    const idle = spare;
    spare = null;
    void idle?.terminate();
  }, SPARE_IDLE_MS);
  spareTimer.unref();
}

function takeWorker(): Worker {
  const worker = spare ?? spawnWorker();
  spare = null;
  if (spareTimer) clearTimeout(spareTimer);
  spareTimer = null;
  worker.ref();
  return worker;
}

const importJobs: JobHandler = {
  start(job, databasePath) {
    const worker = takeWorker();
    const message: ImportJobMessage = { databasePath, importId: Number(job.payload.importId), phase: job.kind === "import.analyse" ? "analyse" : "commit" };
    worker.postMessage(message);
    return worker;
  },
  // A worker that dies without reporting (out of memory, a crash) leaves the import as after a
  // restart: nothing written, with a message saying so.
  async abandoned(db, job, why) {
    await recoverInterruptedImport(db, Number(job.payload.importId), why);
  },
};
registerJobHandler("import.analyse", importJobs);
registerJobHandler("import.commit", importJobs);

/**
 * Queues the phase; resolves when it has finished (successfully or not), including the scoring
 * that follows a commit.
 */
export async function startImportPhase(db: Db, importId: number, phase: Phase): Promise<void> {
  await startImportPhaseWithin(db, importId, phase, Number.POSITIVE_INFINITY);
}

/**
 * Queues the phase and waits until it has finished or `waitMs` have passed, whichever is first: a
 * small file's result is then on the very page the form sends the user to, with no progress page
 * and no refresh in between; a large file's progress page comes after `waitMs` at most.
 */
export async function startImportPhaseWithin(db: Db, importId: number, phase: Phase, waitMs: number): Promise<void> {
  // This process runs jobs too (and claims this one at once, its worker likely warm already).
  jobRunnerFor(databaseLocation(db));
  const job = await enqueueJob(db, { kind: phase === "analyse" ? "import.analyse" : "import.commit", subject: subjectOf(importId), payload: { importId } });
  await waitForJob(db, job.id, waitMs);
}

/** Waits for every queued or running import of this process's databases (tests, benchmarks). */
export async function importsSettled(): Promise<void> {
  await jobsSettled(["import.analyse", "import.commit"]);
}
