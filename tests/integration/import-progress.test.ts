/**
 * The import page's progress (issue 15, items 2 and 8): a real run of a generated list through the
 * worker threads the server uses, with the live progress sampled as the page reads it, until the
 * job has ended. No timing thresholds: the samples are taken as fast as the event loop allows for
 * as long as the work runs, and only what was reported is asserted.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeSupplierFile } from "../../fixtures/generators/suppliers";
import { rawColumn } from "#db/client";
import { imports } from "#db/schema";
import { confirmImport, confirmMapping, createImport, scoringAfterImport } from "~/domain/import/imports.server";
import { liveProgress, startImportPhase, type LiveProgress } from "~/domain/import/jobs.server";
import { runImportPhase } from "~/domain/import/run.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";

const ROWS = 40_000;

let sequence = 0;
function workDir(): string {
  const dir = path.join(TMP_DIR, `progress-${process.pid}-${Date.now()}-${sequence++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Runs the phase in its worker and samples liveProgress until the worker has exited. */
async function sampled(db: ReturnType<typeof createTestDb>, importId: number, phase: "analyse" | "commit"): Promise<LiveProgress[]> {
  let finished = false;
  const job = startImportPhase(db, importId, phase).then(() => {
    finished = true;
  });
  const samples: LiveProgress[] = [];
  while (!finished) {
    const p = await liveProgress(db, importId);
    const last = samples.at(-1);
    if (p && (!last || last.step !== p.step || last.done !== p.done || last.fraction !== p.fraction)) samples.push({ ...p });
    await new Promise((resolve) => setTimeout(resolve, 1));
  }
  await job;
  return samples;
}

/** The distinct whole percentages strictly between 0 and 100 reported for a step. */
const intermediate = (samples: LiveProgress[], step: LiveProgress["step"]) => [...new Set(samples.filter((s) => s.step === step).map((s) => Math.floor(s.fraction * 100)))].filter((p) => p > 0 && p < 100);

describe("import progress", () => {
  it("reports real progress for the check, the import and the scoring after it, and records when the scores are complete", { timeout: 600_000 }, async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const dir = workDir();
    const tempPath = path.join(dir, "big.csv.upload");
    await writeSupplierFile(tempPath, ROWS);
    const id = await createImport(db, member.actor, org.id, { kind: "suppliers", fileName: "big.csv", tempPath, uploadsDir: path.join(dir, "uploads") }, null);
    const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
    await confirmMapping(db, member.actor, id, imp.mapping);

    const check = await sampled(db, id, "analyse");
    const analysed = (await db.select().from(imports)).find((i) => i.id === id)!;
    expect(analysed.status).toBe("analysed");
    expect(analysed.counts!.rows).toBe(ROWS);
    expect(check.every((s) => s.step === "check")).toBe(true);
    // The check moves: several distinct percentages on the way, rows counted, a total known (an
    // estimate from the share of the file read, never below the rows already read).
    expect(intermediate(check, "check").length, JSON.stringify(check)).toBeGreaterThanOrEqual(2);
    const midCheck = check.filter((s) => s.fraction > 0 && s.fraction < 1);
    expect(midCheck.every((s) => s.done > 0 && s.total >= s.done && s.estimated)).toBe(true);
    // Rows and percentage agree: the estimated total is within 10 % of the real one.
    expect(midCheck.every((s) => Math.abs(s.total - ROWS) / ROWS < 0.1), JSON.stringify(midCheck)).toBe(true);
    expect(await liveProgress(db, id)).toBeNull();

    await confirmImport(db, member.actor, id);
    const run = await sampled(db, id, "commit");
    const writes = analysed.counts!.new + analysed.counts!.updated;
    const written = run.filter((s) => s.step === "import");
    expect(intermediate(run, "import").length, JSON.stringify(written)).toBeGreaterThanOrEqual(2);
    // Once the worker has reported (before, the page says "Starting…"), the total is the rows to write.
    expect(written.filter((s) => s.fraction > 0).every((s) => s.total === writes && !s.estimated && s.done <= s.total), JSON.stringify(written)).toBe(true);
    // The scoring after the import is a step of its own, counted over the organisation's records.
    const scoring = run.filter((s) => s.step === "score");
    expect(intermediate(run, "score").length, JSON.stringify(scoring.slice(0, 20))).toBeGreaterThanOrEqual(2);
    const entities = (await rawColumn<number>(db, `select (select count(*) from suppliers where org_id = ?) + (select count(*) from recruiters where org_id = ?)`, org.id, org.id))[0];
    expect(entities).toBe(ROWS);
    expect(scoring.every((s) => s.total === entities && s.done <= s.total)).toBe(true);
    // Steps come in order: the import, the comparison with the watchlists (when any is active),
    // then the scoring.
    const order = ["import", "match", "score"];
    expect(run.map((s) => order.indexOf(s.step))).toEqual(run.map((s) => order.indexOf(s.step)).sort((a, b) => a - b));
    expect(run.filter((s) => s.step === "match").every((s) => s.total === entities)).toBe(true);
    expect(await liveProgress(db, id)).toBeNull();

    // Done is computed from what is stored: every supplier has a score, and the import records it.
    expect(await rawColumn(db, `select count(*) from suppliers where org_id = ? and risk_score_id is null`, org.id)).toEqual([0]);
    const state = await scoringAfterImport(db, { id, kind: "suppliers", status: "imported" });
    expect(state).toMatchObject({ scored: ROWS, changed: ROWS });
  });

  it("says how many records of an import have no score when its scoring did not run", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const dir = workDir();
    const tempPath = path.join(dir, "small.csv.upload");
    await writeSupplierFile(tempPath, 5);
    const id = await createImport(db, member.actor, org.id, { kind: "suppliers", fileName: "small.csv", tempPath, uploadsDir: path.join(dir, "uploads") }, null);
    const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
    await confirmMapping(db, member.actor, id, imp.mapping);
    await runImportPhase(db, id, "analyse");
    expect(await scoringAfterImport(db, { id, kind: "suppliers", status: "analysed" })).toBeNull();
    await confirmImport(db, member.actor, id);
    // The commit alone, as when the process stops between the commit and the scoring.
    await runImportPhase(db, id, "commit");
    expect(await scoringAfterImport(db, { id, kind: "suppliers", status: "imported" })).toEqual({ unscored: 5 });
  });
});
