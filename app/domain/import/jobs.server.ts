/**
 * Starts import phases in worker threads and keeps their live progress in memory for the
 * progress page. The import's row in the database is the durable state; this map is only the
 * running count (lost on restart, when recoverInterruptedImports takes over).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "#db/client";
import { recoverInterruptedImport } from "./imports.server";
import type { ImportStep, Progress } from "./process.server";
import type { Phase } from "./run.server";
import type { ImportJobMessage } from "./worker";

export interface LiveProgress extends Progress {
  step: ImportStep;
  /** When this step began (rate and time left are per step). */
  startedAt: number;
}

const live = new Map<number, LiveProgress>();
const running = new Map<number, Promise<void>>();

/** The running step of an import and how far it has got, or null when no worker runs for it. */
export function liveProgress(importId: number): LiveProgress | null {
  return live.get(importId) ?? null;
}

/**
 * The worker's JavaScript heap limit: with SQLite's own (file-backed) temporary storage this keeps
 * a million-row import under its 512 MB budget; beyond it the worker stops instead of the server.
 */
export const WORKER_HEAP_MB = 320;

const BOOTSTRAP = path.resolve("app/domain/import/worker-bootstrap.mjs");
const ENTRY = pathToFileURL(path.resolve("app/domain/import/worker.ts")).href;

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
  return new Worker(BOOTSTRAP, { workerData: { entry: ENTRY }, resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
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

type WorkerMessage = { type: "progress"; step: ImportStep; progress: Progress } | { type: "done" | "failed" | "scored" | "scoring-failed" };

/**
 * Runs the phase in a worker; resolves when it has finished (successfully or not), including the
 * scoring that follows a commit. A worker that dies without reporting (out of memory, a crash)
 * leaves the import as after a restart: nothing written, with a message saying so.
 */
export function startImportPhase(db: Db, importId: number, phase: Phase): Promise<void> {
  const already = running.get(importId);
  if (already) return already;
  const worker = takeWorker();
  live.set(importId, { step: phase === "analyse" ? "check" : "import", done: 0, total: 0, fraction: 0, estimated: phase === "analyse", startedAt: Date.now() });
  let reported = false;
  const done = new Promise<void>((resolve) => {
    worker.on("message", (message: WorkerMessage) => {
      if (message.type === "progress") {
        const before = live.get(importId);
        live.set(importId, { ...message.progress, step: message.step, startedAt: before && before.step === message.step ? before.startedAt : Date.now() });
      }
      if (message.type === "done" || message.type === "failed") reported = true;
    });
    worker.on("error", (error) => console.error(`import ${importId} (${phase}) failed:`, error));
    worker.on("exit", () => {
      if (!reported) recoverInterruptedImport(db, importId, "it stopped unexpectedly (the file may be too large for the memory available)");
      live.delete(importId);
      running.delete(importId);
      resolve();
    });
  });
  const job: ImportJobMessage = { databasePath: db.$client.name, importId, phase };
  worker.postMessage(job);
  running.set(importId, done);
  return done;
}

/**
 * Starts the phase and waits until it has finished or `waitMs` have passed, whichever is first: a
 * small file's result is then on the very page the form sends the user to, with no progress page
 * and no refresh in between; a large file's progress page comes after `waitMs` at most.
 */
export async function startImportPhaseWithin(db: Db, importId: number, phase: Phase, waitMs: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, waitMs);
  });
  await Promise.race([startImportPhase(db, importId, phase), waited]);
  clearTimeout(timer);
}

/** Waits for every running import (graceful shutdown, tests). */
export async function importsSettled(): Promise<void> {
  await Promise.all(running.values());
}
