/**
 * Worker-thread entry for "Match again now" and for a newly activated watchlist edition (see
 * match-runs.server.ts): compares one company's names (or, with no organisation, every company's)
 * with the active watchlists on its own connection, reporting progress to the main thread.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import type { WorkerMessage } from "../jobs/runner.server";
import { matchAllOrganisations, matchOrganisation } from "./watchlists.server";

const post = (message: WorkerMessage) => parentPort?.postMessage(message);

const { databasePath, orgId, userId } = workerData as { databasePath: string; orgId: number | null; userId: number | null };
// A long busy timeout: the insert waits for any other writer (an import, a rescore) rather than failing.
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  const onProgress = (done: number, total: number) => post({ type: "progress", step: "match", done, total, fraction: total ? Math.min(1, done / total) : 1, estimated: false });
  const added = orgId === null ? await matchAllOrganisations(db, onProgress) : await matchOrganisation(db, orgId, { startedBy: userId ?? undefined, onProgress });
  post({ type: "done", result: { added } });
} catch (error) {
  post({ type: "failed", message: error instanceof Error ? error.message : String(error) });
} finally {
  db.close();
}
