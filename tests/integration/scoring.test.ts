/**
 * Stored scores on a real SQLite file: written once per change of inputs, reproducible from what
 * is stored, kept as history, and brought up to date by a platform-wide rescore in a real worker.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { methodologies, recruiters, riskScores, scoringRuns, supplierRecruiters, suppliers } from "#db/schema";
import { inputsHash } from "~/domain/risk/inputs-hash.server";
import { activeMethodology, readFactors } from "~/domain/risk/methodology-store.server";
import { latestRun, rescoresSettled, runRescore, startRescore } from "~/domain/risk/rescore.server";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import { scoreOrganisation, scoringContext } from "~/domain/risk/scoring.server";
import type { SupplierInputs } from "~/domain/risk/types";
import { createTestDb } from "../support/db";
import { makeOrg } from "../support/factories";
import { responseOf } from "../support/routes";
import { databaseLocation, engineKind, firstRow, inTransaction, rawAll, rawColumn, rawGet, rawRun, type Db } from "../../db/client";
import { onlyRow } from "../../db/client";

async function companyWithSuppliers(db: ReturnType<typeof createTestDb>) {
  const org = await makeOrg(db, "company");
  const rows: { externalId: string; name: string; country: string; sector: string; products: string[]; migrantShare?: number; indicators: Record<string, boolean> }[] = [
    { externalId: "S1", name: "Brick kiln", country: "IN", sector: "Construction", products: ["Bricks"], indicators: { debt_bondage: true } },
    { externalId: "S2", name: "Palm estate", country: "MY", sector: "Agriculture", products: ["Palm oil"], migrantShare: 0.8, indicators: { worker_paid_fees: true } },
    { externalId: "S3", name: "Machine shop", country: "DE", sector: "Manufacturing", products: ["Machine parts"], indicators: {} },
  ];
  const ids: number[] = [];
  for (const r of rows) ids.push(onlyRow(await db.insert(suppliers).values({ orgId: org.id, ...r }).returning({ id: suppliers.id })).id);
  const recruiter = onlyRow(await db.insert(recruiters).values({ orgId: org.id, externalId: "R1", name: "Agency", licenceStatus: "revoked", country: "NP", originCountries: ["NP"], feesChargedToWorkers: true }).returning());
  await db.insert(supplierRecruiters).values({ supplierId: ids[1]!, recruiterId: recruiter.id, originCountry: "NP" });
  return { org, ids, recruiter };
}

describe("stored scores", () => {
  it("score every supplier and recruiter, with the method and reference versions, and copy the current score onto the row", async () => {
    const db = createTestDb();
    const { org, ids, recruiter } = await companyWithSuppliers(db);
    const outcome = await scoreOrganisation(db, org.id, { cause: "test" });
    expect(outcome).toEqual({ scored: 4, changed: 4 });
    const kiln = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, ids[0]!)))!;
    const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, kiln.riskScoreId!)))!;
    expect(kiln.riskScore).toBe(stored.score);
    expect(kiln.riskBand).toBe(stored.band);
    // Debt bondage is a red flag: at least "high" whatever the rest says.
    expect(["high", "critical"]).toContain(stored.band);
    expect(stored.redFlags).toContain("debt_bondage");
    expect(kiln.riskRedFlags).toBe(stored.redFlags.length);
    expect(stored.methodologyId).toBe((await activeMethodology(db)).id);
    expect(stored.referenceVersions.length).toBeGreaterThan(0);
    expect(stored.cause).toBe("test");
    const agency = firstRow(await db.select().from(recruiters).where(eq(recruiters.id, recruiter.id)))!;
    expect(agency.riskScoreId).not.toBeNull();
    // Suppliers and recruiters both carry their current range on the row (lists show it).
    const agencyScore = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, agency.riskScoreId!)))!;
    expect([agency.riskScoreLow, agency.riskScoreHigh]).toEqual([agencyScore.scoreLow, agencyScore.scoreHigh]);
    expect(agency.riskScoreHigh).not.toBeNull();
    expect(agency.riskScoreLow!).toBeLessThanOrEqual(agency.riskScore!);
    expect(agency.riskScoreHigh!).toBeGreaterThanOrEqual(agency.riskScore!);
    expect([kiln.riskScoreLow, kiln.riskScoreHigh]).toEqual([stored.scoreLow, stored.scoreHigh]);
  });

  it("reproduce a stored score and its inputs hash from what is stored", async () => {
    const db = createTestDb();
    const { org, ids } = await companyWithSuppliers(db);
    await scoreOrganisation(db, org.id, { cause: "test" });
    const context = await scoringContext(db);
    for (const id of ids) {
      const s = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, id)))!;
      const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, s.riskScoreId!)))!;
      const inputs = stored.inputs as unknown as SupplierInputs;
      expect(inputsHash("supplier", inputs, context.methodology.version, stored.referenceVersions)).toBe(stored.inputsHash);
      const again = scoreSupplier(inputs, context.methodology.methodology, context.reference);
      expect(again.score).toBe(stored.score);
      const breakdown = await readFactors(db, stored.methodologyId, "supplier", JSON.stringify(stored.factors));
      expect(breakdown).toEqual(again.factors);
      // Anyone can add up the breakdown.
      const sum = breakdown.reduce((t, f) => t + f.contribution, 0);
      expect(Math.min(100, Math.max(0, Math.round(sum * 10) / 10))).toBeCloseTo(stored.score, 5);
    }
  });

  it("write no new history when nothing changed, and one row for the supplier whose indicators changed", async () => {
    const db = createTestDb();
    const { org, ids } = await companyWithSuppliers(db);
    await scoreOrganisation(db, org.id, { cause: "first" });
    const before = (await db.select().from(riskScores)).length;
    expect((await scoreOrganisation(db, org.id, { cause: "again" })).changed).toBe(0);
    expect((await db.select().from(riskScores)).length).toBe(before);
    const scoreBefore = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, ids[2]!)))!.riskScore!;
    await db.update(suppliers).set({ indicators: { retention_of_documents: true } }).where(eq(suppliers.id, ids[2]!));
    const outcome = await scoreOrganisation(db, org.id, { cause: "indicator change" });
    expect(outcome.changed).toBe(1);
    const history = (await db.select().from(riskScores).where(eq(riskScores.entityId, ids[2]!))).filter((r) => r.entityType === "supplier");
    expect(history.map((h) => h.cause)).toEqual(["first", "indicator change"]);
    expect(history[1]!.score).toBeGreaterThan(scoreBefore);
  });

  it("rescore every organisation after a new methodology version, in a worker thread, recording the run", async () => {
    const db = createTestDb();
    const a = await companyWithSuppliers(db);
    const b = await companyWithSuppliers(db);
    await scoreOrganisation(db, a.org.id, { cause: "first" });
    await scoreOrganisation(db, b.org.id, { cause: "first" });
    const current = firstRow(await db.select().from(methodologies).where(eq(methodologies.status, "active")))!;
    await db.update(methodologies).set({ status: "retired" }).where(eq(methodologies.id, current.id));
    await db.insert(methodologies).values({ version: `${current.version}-test`, name: current.name, definition: current.definition, status: "active" });
    const runId = await startRescore(db, { cause: { key: "risk:cause.methodology", values: { version: `${current.version}-test` } } });
    await rescoresSettled();
    const run = firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, runId)))!;
    expect(run.status).toBe("done");
    expect(run.done).toBe(8);
    expect(run.changed).toBe(8);
    expect((await latestRun(db))!.id).toBe(runId);
    const rows = await db.select().from(riskScores);
    // The cause is stored as keys (every score the run writes names it), for each reader's language.
    const cause = JSON.stringify({ key: "risk:cause.methodology", values: { version: `${current.version}-test` } });
    expect(run.cause).toBe(cause);
    expect(rows.filter((r) => r.cause === cause)).toHaveLength(8);
    // A second run finds everything current.
    const second = onlyRow(await db.insert(scoringRuns).values({ cause: "again", status: "running", startedAt: new Date() }).returning());
    await runRescore(db, second.id);
    expect(firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, second.id)))!.changed).toBe(0);
  });
});

describe("observed indicators recorded by a person", () => {
  it("change the indicator with its source, rescore that supplier at once, and refuse viewers and other organisations", async () => {
    const { makeOrgWithRoles } = await import("../support/factories");
    const { recordSupplierIndicators, supplierIndicators } = await import("~/domain/suppliers/supplier-indicators.server");
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const s = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "A", name: "A", country: "MY", sector: "Agriculture", products: ["Palm oil"] }).returning());
    await scoreOrganisation(db, company.org.id, { cause: "first" });
    const before = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, s.id)))!;
    const outcome = await recordSupplierIndicators(db, company.member.actor, company.org.id, s.id, { values: { retention_of_documents: "yes", deception: "unknown" }, note: "passports in the office safe", now: new Date("2026-05-02T10:00:00Z") });
    expect(outcome.changedCodes).toEqual(["retention_of_documents"]);
    const after = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, s.id)))!;
    expect(after.riskScore!).toBeGreaterThan(before.riskScore!);
    expect(after.riskBand).not.toBe("low");
    const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, after.riskScoreId!)))!;
    const line = (await readFactors(db, stored.methodologyId, "supplier", JSON.stringify(stored.factors))).find((f) => f.code === "indicator.retention_of_documents")!;
    expect(line.sources[0]).toMatch(/^recorded by .+ on 2026-05-02: passports in the office safe/);
    expect(stored.cause).toMatch(/^indicators recorded by /);
    expect((await supplierIndicators(db, company.viewer.actor, company.org.id, s.id)).rows.find((r) => r.code === "retention_of_documents")!.value).toBe("yes");
    const viewer = await responseOf(() => recordSupplierIndicators(db, company.viewer.actor, company.org.id, s.id, { values: { debt_bondage: "yes" }, note: "" }));
    expect(viewer.status).toBe(403);
    const other = await makeOrgWithRoles(db, "company");
    const stranger = await responseOf(() => recordSupplierIndicators(db, other.admin.actor, other.org.id, s.id, { values: { debt_bondage: "yes" }, note: "" }));
    expect(stranger.status).toBe(404);
    await expect(async () => await recordSupplierIndicators(db, company.member.actor, company.org.id, s.id, { values: { debt_bondage: "maybe" }, note: "" })).rejects.toThrow(/^suppliers:indicatorForm\.errors\.chooseValue$/);
  });
});

/**
 * `n` suppliers of the kill test, inserted in one transaction by raw statements of 500 rows (the
 * query builder takes seconds to build 30,000 rows' statements).
 */
async function insertSuppliers(db: Db, orgId: number, n: number) {
  const countries = ["MY", "TH", "IN", "CN", "DE", "BR"];
  const row = (i: number) => [orgId, `S${i}`, `Supplier ${i}`, countries[i % 6], i % 2 ? "Agriculture" : "Construction", JSON.stringify(["Palm oil", "Bricks"]), JSON.stringify(i % 7 ? {} : { debt_bondage: true })];
  await inTransaction(db, async () => {
    for (let at = 0; at < n; at += 500) {
      const size = Math.min(500, n - at);
      const values = Array.from({ length: size }, () => "(?, ?, ?, ?, ?, ?, ?)").join(", ");
      await rawRun(db, `insert into suppliers (org_id, external_id, name, country, sector, products, indicators) values ${values}`, ...Array.from({ length: size }, (_, k) => row(at + k)).flat());
    }
  });
}

describe("a rescoring killed half-way", () => {
  it("leaves every supplier on its old or its new score, and resuming gives the same result as an uninterrupted run", { timeout: 360_000 }, async () => {
    const { spawn } = await import("node:child_process");
    const db = createTestDb();
    const org = await makeOrg(db, "company");
    await insertSuppliers(db, org.id, 30_000);
    await scoreOrganisation(db, org.id, { cause: "first" });
    const current = firstRow(await db.select().from(methodologies).where(eq(methodologies.status, "active")))!;
    await db.update(methodologies).set({ status: "retired" }).where(eq(methodologies.id, current.id));
    await db.insert(methodologies).values({ version: `${current.version}-kill`, name: current.name, definition: current.definition, status: "active" });
    const run = onlyRow(await db.insert(scoringRuns).values({ cause: "methodology kill test", status: "running", total: 30_000, startedAt: new Date() }).returning());

    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/rescore-child.ts", databaseLocation(db), String(run.id)], { stdio: ["ignore", "pipe", "inherit"] });
    // The child's own thread is busy scoring; watch its progress in the database instead.
    let exited = false;
    child.on("exit", () => (exited = true));
    for (;;) {
      const { done } = (await rawGet<{ done: number }>(db, `select done from scoring_runs where id = ?`, run.id))!;
      if (done >= 6_000) break;
      if (exited) throw new Error("the rescore finished before it could be killed");
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));

    // (PostgreSQL has no file to check: its crash safety is the server's.)
    if (engineKind(db) === "sqlite") expect(await rawColumn<string>(db, `pragma integrity_check`)).toEqual(["ok"]);
    // Each supplier is consistent: its current score is the latest history row written for it.
    const torn = (await rawGet<{ n: number }>(db, `select count(*) as n from suppliers s where s.risk_score_id != (select max(id) from risk_scores r where r.entity_type = 'supplier' and r.entity_id = s.id)`))!;
    expect(torn.n).toBe(0);
    const moved = (await rawGet<{ n: number }>(db, `select count(*) as n from risk_scores where cause = 'methodology kill test'`))!;
    expect(moved.n).toBeGreaterThan(0);
    expect(moved.n).toBeLessThan(30_000);

    // Resuming (as the server does at start-up) finishes the job.
    const { resumeInterruptedRescores } = await import("~/domain/risk/rescore.server");
    const resumed = (await resumeInterruptedRescores(db))!;
    await rescoresSettled();
    expect(firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, run.id)))!.status).toBe("failed");
    expect(firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, resumed)))!.status).toBe("done");
    // The interrupted run's English cause (as written before issue 18) is carried, flagged as resumed.
    expect(firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, resumed)))!.cause).toBe(JSON.stringify({ en: "methodology kill test", resumed: true }));
    const resumedScores = await rawAll(db, `select id, risk_score, risk_band, risk_drivers from suppliers order by id`);

    // The same from scratch, uninterrupted, on a copy of the starting point gives the same scores.
    const other = createTestDb();
    const org2 = await makeOrg(other, "company");
    await insertSuppliers(other, org2.id, 30_000);
    await other.update(methodologies).set({ status: "retired" });
    await other.insert(methodologies).values({ version: `${current.version}-kill`, name: current.name, definition: current.definition, status: "active" });
    await scoreOrganisation(other, org2.id, { cause: "uninterrupted" });
    const straight = await rawAll(other, `select id, risk_score, risk_band, risk_drivers from suppliers order by id`);
    expect(resumedScores).toEqual(straight);
  });
});
