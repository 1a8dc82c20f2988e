/** Worker-thread entry for a platform-wide rescore (see rescore.server.ts). */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import { refreshDashboard } from "../dashboard/dashboard.server";
import { markFailed, runRescore } from "./rescore.server";
import { scoredOrganisations } from "./scoring-inputs.server";

const { databasePath, runId } = workerData as { databasePath: string; runId: number };
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  await runRescore(db, runId);
  // Every company's dashboard, computed now so that nobody's first view after the change waits for
  // it; one that fails is computed at its next view instead.
  for (const orgId of await scoredOrganisations(db)) {
    await refreshDashboard(db, orgId).catch((error) => console.error(`dashboard of organisation ${orgId} after rescore ${runId}:`, error));
  }
  parentPort?.postMessage({ type: "done" });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  await markFailed(db, runId, "risk:rescoring.failure.error", { message });
  parentPort?.postMessage({ type: "failed", message });
} finally {
  db.close();
}
