/** Worker-thread entry for a platform-wide rescore (see rescore.server.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import { markFailed, runRescore } from "./rescore.server";

const { databasePath, runId } = workerData as { databasePath: string; runId: number };
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  await runRescore(db, runId);
  parentPort?.postMessage({ type: "done" });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  await markFailed(db, runId, message);
  parentPort?.postMessage({ type: "failed", message });
} finally {
  db.close();
}
