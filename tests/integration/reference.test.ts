/**
 * Reference editions on a real database: the shipped tables load once, a new edition is checked,
 * compared row by row, previewed (aggregates only) and activated, which rescores; the pages are
 * the platform administrator's alone.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { referenceSources, scoringRuns, suppliers } from "#db/schema";
import { activateReference, diffReference, referenceImpact, stageReferenceUpload } from "~/domain/reference/editions.server";
import { loadReferenceData } from "~/domain/reference/reference-data.server";
import { ensureBuiltInReferences, parseReferenceCsv } from "~/domain/reference/sources.server";
import { addSynonym, unmatchedProducts } from "~/domain/reference/synonyms.server";
import { rescoresSettled } from "~/domain/risk/rescore.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as referencePage from "~/routes/admin.reference._index";
import { createTestDb } from "../support/db";
import { actorFor, makeOrgWithRoles, makeUser } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow } from "../../db/client";
import { referenceRefusalText } from "~/lib/reference-refusals.server";

/** What a refusal says to an English reader (domain refusals carry catalog keys, issue 18). */
async function refusal(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return referenceRefusalText("en", error) ?? String(error);
  }
  throw new Error("not refused");
}

const TVPRA = readFileSync("fixtures/reference/dol_ilab_tvpra_goods_2022.csv", "utf8");

function file(text: string) {
  const p = path.join(TMP_DIR, `ref-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(p, text);
  return p;
}

async function admin(db: ReturnType<typeof createTestDb>) {
  const user = await makeUser(db, { platformAdmin: true });
  return await actorFor(db, user.id, null);
}

describe("reference data", () => {
  it("ship the five tables with their citations, once", async () => {
    const db = createTestDb();
    const before = await db.select().from(referenceSources);
    expect(before.map((s) => [s.kind, s.rowCount])).toEqual(
      expect.arrayContaining([
        ["countries", 249],
        ["tvpra_goods", 467],
        ["country_findings", 143],
        ["ilo_indicators", 11],
        ["uflpa_sectors", 12],
      ]),
    );
    expect(before.find((s) => s.kind === "tvpra_goods")!.citation).toMatch(/US DOL ILAB/);
    await ensureBuiltInReferences(db);
    expect(await db.select().from(referenceSources)).toHaveLength(before.length);
    const data = await loadReferenceData(db);
    expect(data.goodsByCountry.get("IN")!.find((g) => g.good === "Bricks")).toMatchObject({ forcedLabour: true, source: "DOL TVPRA list 2022" });
    expect(data.productTerms.get("cotton yarn")).toContain("Cotton");
  });

  it("refuse a table without a source, with a missing column, a bad country or a duplicate row, naming row and column", async () => {
    expect(await refusal(() => parseReferenceCsv("tvpra_goods", TVPRA.split("\n").filter((l) => !l.startsWith("#")).join("\n")))).toMatch(/must say where it comes from/);
    expect(await refusal(() => parseReferenceCsv("country_index", "# Test index 2026\niso2,score\nIN,40\n"))).toMatch(/needs the column value/);
    expect(await refusal(() => parseReferenceCsv("country_index", "# Test index 2026\niso2,value\nXX,40\nIN,140\nIN,30\n"))).toMatch(
      /row 2, iso2: "XX" is not an ISO 3166-1 alpha-2 country code; row 3, value: "140" should be a number from 0 to 100; row 4, iso2: the same entry as row 3/,
    );
    expect(parseReferenceCsv("country_index", "# Test index 2026\niso2,value\nXK,40\n").rows).toHaveLength(1);
  });

  it("compare a new TVPRA edition row by row, preview its effect in aggregate, and rescore on activation", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    await db.insert(suppliers).values({ orgId: company.org.id, externalId: "K1", name: "Kiln", country: "IN", sector: "Construction", products: ["Bricks"] });
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    const before = firstRow(await db.select().from(suppliers))!.riskScore!;
    // The 2024 edition as we know it: Bricks in India removed, one row added, one changed.
    const lines = TVPRA.split("\n").filter((l) => !l.startsWith("Bricks,Manufacturing,India,"));
    lines.push("Widgets,Manufacturing,India,IN,Indo-Pacific,yes,no,no,no,");
    const edited = lines.join("\n").replace(/^Rice,Agriculture,India,IN,Indo-Pacific,yes,yes,yes,no,/m, "Rice,Agriculture,India,IN,Indo-Pacific,yes,no,yes,no,");
    const actor = await admin(db);
    const id = await stageReferenceUpload(db, actor, { kind: "tvpra_goods", name: "DOL TVPRA list", edition: "2024 (test)", filePath: file(edited), fileName: "tvpra-2024.csv" });
    const diff = await diffReference(db, actor, id);
    expect(diff.added.map((r) => r.key)).toEqual(["widget|IN"]);
    expect(diff.removed.map((r) => r.key)).toContain("brick|IN");
    expect(diff.changed.find((c) => c.key === "rice|IN")?.columns).toEqual([{ column: "forced_labor", before: "yes", after: "no" }]);
    const impact = await referenceImpact(db, actor, id);
    expect(impact).toMatchObject({ suppliersScored: 1, scoreChanged: 1 });
    const runId = await activateReference(db, actor, id);
    await rescoresSettled();
    expect(firstRow(await db.select().from(scoringRuns).where(eq(scoringRuns.id, runId)))!.status).toBe("done");
    expect((await db.select().from(referenceSources).where(eq(referenceSources.kind, "tvpra_goods"))).map((s) => s.status).sort()).toEqual(["active", "superseded"]);
    expect(firstRow(await db.select().from(suppliers))!.riskScore!).toBeLessThan(before);
  });

  it("list unmatched products and let the administrator map one", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    await db.insert(suppliers).values({ orgId: company.org.id, externalId: "X", name: "X", country: "IN", products: ["Hand-made bangles", "Bricks"] });
    const actor = await admin(db);
    expect((await unmatchedProducts(db, actor)).map((u) => u.product)).toEqual(["Hand-made bangles"]);
    await addSynonym(db, actor, { term: "bangles", good: "Glass Bangles" });
    expect(await unmatchedProducts(db, actor)).toEqual([]);
    expect(await refusal(() => addSynonym(db, actor, { term: "x", good: "Not a good" }))).toMatch(/Choose a good of the TVPRA list/);
  });

  it("keep the pages to the platform administrator", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const res = await responseOf(async () => referencePage.loader({ request: get("/admin/reference"), context: await contextFor(db, company.admin.user.id, company.org.id), params: {} }));
    expect(res.status).toBe(403);
    const actor = await admin(db);
    const ok = await responseOf(async () => referencePage.loader({ request: get("/admin/reference"), context: await contextFor(db, actor.user.id, null), params: {} }));
    expect(ok.status).toBe(200);
  });
});
