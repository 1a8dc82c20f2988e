/**
 * Worker-thread entry for "Match again now" (see match-runs.server.ts): compares one company's
 * names with the active watchlists on its own connection, reporting progress to the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import { matchOrganisation } from "./watchlists.server";

const { databasePath, orgId, userId } = workerData as { databasePath: string; orgId: number; userId: number };
// A long busy timeout: the insert waits for any other writer (an import, a rescore) rather than failing.
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  const added = matchOrganisation(db, orgId, { startedBy: userId, onProgress: (done, total) => parentPort?.postMessage({ type: "progress", done, total }) });
  parentPort?.postMessage({ type: "done", added });
} catch (error) {
  parentPort?.postMessage({ type: "failed", message: error instanceof Error ? error.message : String(error) });
} finally {
  db.$client.close();
}
