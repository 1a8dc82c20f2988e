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
import { openDatabase } from "../../../db/client";
import type { ImportStep, Progress } from "./process.server";
import { runImportPhase, scoreAfterImport, type Phase } from "./run.server";

export interface ImportJobMessage {
  databasePath: string;
  importId: number;
  phase: Phase;
}

const post = (message: unknown) => parentPort?.postMessage(message);
const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

async function run({ databasePath, importId, phase }: ImportJobMessage): Promise<void> {
  // A long busy timeout: the commit waits for any other writer rather than failing.
  const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
  const onProgress = (step: ImportStep, progress: Progress) => post({ type: "progress", step, progress });
  try {
    const counts = await runImportPhase(db, importId, phase, onProgress);
    post({ type: "done", counts });
    if (phase === "commit") {
      try {
        post({ type: "scored", outcome: scoreAfterImport(db, importId, onProgress) });
      } catch (error) {
        // The import stands; the scores catch up with the next rescore.
        console.error(`scoring after import ${importId} failed:`, error);
        post({ type: "scoring-failed", message: messageOf(error) });
      }
    }
  } catch (error) {
    post({ type: "failed", message: messageOf(error) });
  } finally {
    db.$client.close();
  }
}

parentPort?.once("message", (job: ImportJobMessage) => {
  void run(job).finally(() => parentPort?.close());
});
