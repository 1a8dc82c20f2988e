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
import type { Progress } from "./process.server";
import type { Phase } from "./run.server";

export interface LiveProgress extends Progress {
  phase: Phase;
  startedAt: number;
}

const live = new Map<number, LiveProgress>();
const running = new Map<number, Promise<void>>();

export function liveProgress(importId: number): LiveProgress | null {
  return live.get(importId) ?? null;
}

/**
 * The worker's JavaScript heap limit: with SQLite's own (file-backed) temporary storage this keeps
 * a million-row import under its 512 MB budget; beyond it the worker stops instead of the server.
 */
export const WORKER_HEAP_MB = 320;

/**
 * Runs the phase in a worker; resolves when it has finished (successfully or not). A worker that
 * dies without reporting (out of memory, a crash) leaves the import as after a restart: nothing
 * written, with a message saying so.
 */
export function startImportPhase(db: Db, importId: number, phase: Phase): Promise<void> {
  const databasePath = db.$client.name;
  const already = running.get(importId);
  if (already) return already;
  live.set(importId, { phase, rows: 0, bytes: 0, totalBytes: 0, startedAt: Date.now() });
  const worker = new Worker(path.resolve("app/domain/import/worker-bootstrap.mjs"), {
    workerData: { databasePath, importId, phase, entry: pathToFileURL(path.resolve("app/domain/import/worker.ts")).href },
    resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB },
  });
  let reported = false;
  const done = new Promise<void>((resolve) => {
    worker.on("message", (message: { type: string; progress?: Progress }) => {
      if (message.type === "progress" && message.progress) live.set(importId, { ...live.get(importId)!, ...message.progress });
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
  running.set(importId, done);
  return done;
}

/** Waits for every running import (graceful shutdown, tests). */
export async function importsSettled(): Promise<void> {
  await Promise.all(running.values());
}
