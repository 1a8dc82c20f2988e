/**
 * Queuing a platform-wide rescore (the job itself is in rescore.server.ts). Kept apart from the
 * scorer so that the methodology store, which the scorer reads, can start a run without an import
 * cycle (methodology store → rescore → scorer → methodology store).
 */
import { inTransaction, type Db, onlyRow, databaseLocation } from "#db/client";
import { scoringRuns } from "#db/schema";
import { activeJob, enqueueJob } from "../jobs/queue.server";
import { jobRunnerFor } from "../jobs/runner.server";
import { storeCause, type StoredCause } from "./cause";
import { countScoredEntities } from "./scoring-inputs.server";

export const RESCORE_SUBJECT = "rescore";

/**
 * Starts a platform-wide rescore as a job (ADR 020) and returns its run's id. With a rescore
 * already waiting to start, that one's id is returned: it will read the new method or reference
 * edition when it starts. One running now goes on, and this one runs after it (a second pass
 * skips whatever is already current, so it costs little). The cause is stored as keys (cause.ts),
 * for each reader to say in their language.
 */
export async function startRescore(db: Db, options: { cause: StoredCause; userId?: number | null }): Promise<number> {
  jobRunnerFor(databaseLocation(db));
  return await inTransaction(db, async () => {
      const waiting = await activeJob(db, RESCORE_SUBJECT);
      if (waiting?.status === "queued") return Number(waiting.payload.runId);
      const run = onlyRow(await db
            .insert(scoringRuns)
            .values({ cause: storeCause(options.cause), status: "running", total: await countScoredEntities(db), startedBy: options.userId ?? null, startedAt: new Date() })
            .returning());
      await enqueueJob(db, { kind: "rescore", subject: RESCORE_SUBJECT, payload: { runId: run.id }, requestedBy: options.userId ?? null });
      return run.id;
    });
}

