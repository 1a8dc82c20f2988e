/** Worker-thread entry: computes one company's dashboard on its own read-only connection. */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import { computeDashboard } from "./dashboard.server";

const { databasePath, orgId } = workerData as { databasePath: string; orgId: number };
const db = openDatabase(databasePath, { readonly: true });
try {
  parentPort?.postMessage({ data: await computeDashboard(db, orgId) });
} catch (error) {
  parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
} finally {
  // PostgreSQL's close ends its pool (a promise); SQLite's is done when it returns.
  await Promise.resolve(db.close() as unknown);
}
