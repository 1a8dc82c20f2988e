/**
 * Worker-thread entry: runs one import phase off the request thread, with its own database
 * connection (WAL lets the server's readers carry on), reporting progress to the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import { runImportPhase, scoreAfterImport, type Phase } from "./run.server";

const { databasePath, importId, phase } = workerData as { databasePath: string; importId: number; phase: Phase };
// A long busy timeout: the commit waits for any other writer rather than failing.
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  const counts = await runImportPhase(db, importId, phase, (progress) => parentPort?.postMessage({ type: "progress", progress }));
  parentPort?.postMessage({ type: "done", counts });
  if (phase === "commit") {
    try {
      scoreAfterImport(db, importId);
    } catch (error) {
      // The import stands; the scores catch up with the next rescore.
      console.error(`scoring after import ${importId} failed:`, error);
    }
  }
} catch (error) {
  parentPort?.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
} finally {
  db.$client.close();
}
