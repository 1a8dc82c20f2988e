/** Worker-thread entry: computes one company's dashboard on its own connection and stores it. */
import { parentPort, workerData } from "node:worker_threads";
import { closeDatabase, openDatabase } from "../../../db/client";
import { refreshDashboard } from "./dashboard.server";

const { databasePath, orgId } = workerData as { databasePath: string; orgId: number };
// Storing the snapshot is one short write; it waits for an import's commit rather than failing.
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  parentPort?.postMessage({ data: await refreshDashboard(db, orgId) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  await closeDatabase(db);
}
