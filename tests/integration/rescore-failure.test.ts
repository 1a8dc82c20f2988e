/**
 * Why a platform-wide rescoring stopped, in the reader's language (issue 18): stored as a catalog
 * key with its values, said in German or Thai on the admin pages, in English as before.
 */
import { describe, expect, it } from "vitest";
import { scoringRuns } from "#db/schema";
import { latestRunView, markFailed } from "~/domain/risk/rescore.server";
import { onlyRow } from "../../db/client";
import { createTestDb } from "../support/db";

describe("a stopped rescoring", () => {
  it("says why in the reader's language; the job runner's own reason is kept as given", async () => {
    const db = createTestDb();
    const run = onlyRow(await db.insert(scoringRuns).values({ cause: "seed", status: "running", total: 10, startedAt: new Date() }).returning());
    await markFailed(db, run.id, "risk:rescoring.failure.interrupted");
    expect((await latestRunView(db, "en"))?.failure).toBe("interrupted by a restart; resumed in a new run");
    expect((await latestRunView(db, "de"))?.failure).toBe("durch einen Neustart unterbrochen; in einem neuen Lauf fortgesetzt");
    await markFailed(db, run.id, "risk:rescoring.failure.abandoned", { why: "the worker stopped (exit 1)" });
    const thai = (await latestRunView(db, "th"))?.failure ?? "";
    expect(thai).toContain("the worker stopped (exit 1)");
    expect(thai.replace("the worker stopped (exit 1)", "")).not.toMatch(/[A-Za-z]/);
    // A run stopped before the reason was stored as a key reads as it was written.
    await db.update(scoringRuns).set({ failure: "interrupted by a restart; resumed in a new run" });
    expect((await latestRunView(db, "de"))?.failure).toBe("interrupted by a restart; resumed in a new run");
  });
});
