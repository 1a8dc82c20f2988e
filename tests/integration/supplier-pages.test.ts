/**
 * The supplier and recruiter pages on a real SQLite file: filters and sorting return the right
 * rows (whichever way the list reads the table), the CSV export honours the filters and
 * neutralises formulas, other organisations get 404, partners get 403, and the detail shows the
 * factors of the stored score with its history.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { recruiters, riskScores, supplierRecruiters, suppliers } from "#db/schema";
import { listRecruiters, recruiterDetail } from "~/domain/recruiters/recruiters.server";
import { scoreHistory } from "~/domain/risk/score-history.server";
import { readFactors } from "~/domain/risk/methodology-store.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { exportSuppliers, listSuppliers, parseSupplierQuery, PAGE_SIZE, supplierDetail, supplierFilterChoices, type SupplierQuery } from "~/domain/suppliers/suppliers.server";
import * as recruiterPage from "~/routes/recruiters.$recruiterId";
import * as recruiterList from "~/routes/recruiters._index";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import * as supplierList from "~/routes/suppliers._index";
import * as supplierCsv from "~/routes/suppliers[.csv]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow, rawRun } from "#db/client";
import { onlyRow } from "#db/client";

type Row = typeof suppliers.$inferInsert;

const DAY = 86_400_000;

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const other = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  const add = async (externalId: string, row: Partial<Row>) =>
    onlyRow(await db
            .insert(suppliers)
            .values({ orgId: company.org.id, externalId, name: `Supplier ${externalId}`, ...row })
            .returning());
  const score = (riskScore: number, riskBand: string, riskRedFlags = 0) => ({ riskScore, riskBand, riskConfidence: 0.5, riskRedFlags });
  const t0 = Date.UTC(2026, 0, 1);
  const s = {
    palm: await add("A-1", { name: "Kebun Sawit", country: "MY", sector: "Agriculture", products: ["Palm oil"], workersTotal: 800, ...score(90, "critical", 1), updatedAt: new Date(t0 + 5 * DAY) }),
    shrimp: await add("B-2", { name: "Andaman Seafood", country: "TH", sector: "Fishing", products: ["Shrimp", "Fish"], workersTotal: 2300, ...score(60, "high"), updatedAt: new Date(t0 + 1 * DAY) }),
    garments: await add("C-3", { name: "Bright Garments", country: "MY", sector: "Manufacturing", products: ["Garments"], workersTotal: 1200, ...score(40, "medium"), updatedAt: new Date(t0 + 3 * DAY) }),
    // Below 50 but "high": a red flag lifts the band whatever the points say.
    flagged: await add("D-4", { name: "Delta Farms", country: "DE", sector: "Agriculture", products: ["Cotton yarn"], workersTotal: null, ...score(30, "high", 1), updatedAt: new Date(t0 + 2 * DAY) }),
    unscored: await add("E-5", { name: "Erode Bricks", country: "IN", sector: "Construction", products: ["Bricks"], workersTotal: 160, updatedAt: new Date(t0 + 4 * DAY) }),
    formula: await add("=HYPERLINK(1)", { name: "=cmd|' /C calc'!A0", country: "MY", sector: "Agriculture", products: ["+palm kernels"], workersTotal: 50, ...score(55, "high"), updatedAt: new Date(t0) }),
    low: await add("F-6", { name: "Farm 50% Co-op", country: null, sector: null, products: [], workersTotal: 10, ...score(10, "low"), updatedAt: new Date(t0 + 6 * DAY) }),
  };
  const agency = onlyRow(await db
      .insert(recruiters)
      .values({
        orgId: company.org.id,
        externalId: "R-1",
        name: "Bridge Agency",
        licenceStatus: "revoked",
        country: "MM",
        originCountries: ["MM"],
        feesChargedToWorkers: true,
        feeAmount: 800,
        feeCurrency: "USD",
        riskScore: 70,
        riskBand: "high",
        riskConfidence: 1,
      })
      .returning());
  const clean = onlyRow(await db
      .insert(recruiters)
      .values({
        orgId: company.org.id,
        externalId: "R-2",
        name: "Ethical Hire",
        licenceStatus: "valid",
        country: "PH",
        originCountries: ["PH"],
        feesChargedToWorkers: false,
        riskScore: 5,
        riskBand: "low",
        riskConfidence: 1,
      })
      .returning());
  await db.insert(supplierRecruiters)
        .values([
          { supplierId: s.shrimp.id, recruiterId: agency.id, originCountry: "MM" },
          { supplierId: s.shrimp.id, recruiterId: agency.id, originCountry: "KH" },
          { supplierId: s.garments.id, recruiterId: agency.id, originCountry: "MM" },
          { supplierId: s.palm.id, recruiterId: clean.id, originCountry: "PH" },
        ]);
  const foreign = onlyRow(await db.insert(suppliers).values({ orgId: other.org.id, externalId: "A-1", name: "Kebun Sawit (other company)", country: "MY", riskScore: 99, riskBand: "critical" }).returning());
  const foreignRecruiter = onlyRow(await db.insert(recruiters).values({ orgId: other.org.id, externalId: "R-1", name: "Other agency" }).returning());
  return { db, company, other, union, inspectorate, s, agency, clean, foreign, foreignRecruiter };
}

const query = (qs: string): SupplierQuery => parseSupplierQuery(new URLSearchParams(qs));

async function names(db: Db, actor: Parameters<typeof listSuppliers>[1], orgId: number, qs: string) {
  return (await listSuppliers(db, actor, orgId, query(qs))).rows.map((r) => r.name);
}

async function csvOf(response: Response) {
  expect(response.status).toBe(200);
  expect(response.headers.get("content-type")).toContain("text/csv");
  return (await response.text()).replace(/^\uFEFF/, "");
}

describe("supplier list", () => {
  it("filter by band (several, or not scored), country, sector, product, red flags, recruiter and search", async () => {
    const { db, company, s, agency } = await world();
    const list = async (qs: string) => (await names(db, company.viewer.actor, company.org.id, qs)).sort();
    expect(await list("band=high")).toEqual([s.shrimp.name, s.flagged.name, s.formula.name].sort());
    expect(await list("band=high&band=critical")).toEqual([s.palm.name, s.shrimp.name, s.flagged.name, s.formula.name].sort());
    expect(await list("band=none")).toEqual([s.unscored.name]);
    expect(await list("band=bogus")).toHaveLength(7);
    expect(await list("country=MY")).toEqual([s.palm.name, s.garments.name, s.formula.name].sort());
    expect(await list("country=my&sector=Agriculture")).toEqual([s.palm.name, s.formula.name].sort());
    expect(await list("product=PALM")).toEqual([s.palm.name, s.formula.name].sort());
    expect(await list("product=yarn")).toEqual([s.flagged.name]);
    expect(await list("redFlags=1")).toEqual([s.palm.name, s.flagged.name].sort());
    expect(await list(`recruiter=${agency.id}`)).toEqual([s.shrimp.name, s.garments.name].sort());
    expect(await list(`recruiter=${agency.id}&band=high`)).toEqual([s.shrimp.name]);
    expect(await list("q=andaman")).toEqual([s.shrimp.name]);
    expect(await list("q=C-3")).toEqual([s.garments.name]);
    // LIKE wildcards are searched for as text.
    expect(await list("q=50%25")).toEqual([s.low.name]);
    expect(await list("q=_")).toEqual([]);
    expect(await list("band=critical&country=TH")).toEqual([]);
  });

  it("sort by score (unscored last either way), name, country, workers and last update, through header links", async () => {
    const { db, company, s } = await world();
    const list = async (qs: string) => await names(db, company.viewer.actor, company.org.id, qs);
    expect(await list("")).toEqual([s.palm, s.shrimp, s.formula, s.garments, s.flagged, s.low, s.unscored].map((x) => x.name));
    expect(await list("sort=score&dir=asc")).toEqual([s.low, s.flagged, s.garments, s.formula, s.shrimp, s.palm, s.unscored].map((x) => x.name));
    expect(await list("sort=name")).toEqual([s.formula, s.shrimp, s.garments, s.flagged, s.unscored, s.low, s.palm].map((x) => x.name));
    expect(await list("sort=name&dir=desc")).toEqual([s.formula, s.shrimp, s.garments, s.flagged, s.unscored, s.low, s.palm].map((x) => x.name).reverse());
    expect(await list("sort=workers")).toEqual([s.shrimp, s.garments, s.palm, s.unscored, s.formula, s.low, s.flagged].map((x) => x.name));
    expect(await list("sort=updated")).toEqual([s.low, s.palm, s.unscored, s.garments, s.flagged, s.shrimp, s.formula].map((x) => x.name));
    const byCountry = (await listSuppliers(db, company.viewer.actor, company.org.id, query("sort=country"))).rows.map((r) => r.country);
    expect(byCountry).toEqual([null, "DE", "IN", "MY", "MY", "MY", "TH"]);
    // With filters too (the list then reads the table another way).
    expect(await list("band=high&sort=name")).toEqual([s.formula, s.shrimp, s.flagged].map((x) => x.name));
    expect(await list("country=MY&sort=workers")).toEqual([s.garments, s.palm, s.formula].map((x) => x.name));

    const res = await responseOf(async () => supplierList.loader({ request: get("/suppliers?band=high&sort=name"), context: await contextFor(db, company.viewer.user.id, company.org.id), params: {} }));
    expect(res.status).toBe(200);
    const data = (await res.json()) as Awaited<ReturnType<typeof supplierList.loader>>;
    expect(data.rows.map((r) => r.name)).toEqual([s.formula, s.shrimp, s.flagged].map((x) => x.name));
    expect(data.listParams).toEqual({ band: ["high"], sort: "name", dir: "asc" });
    expect(data.exportHref).toBe("/suppliers.csv?band=high&sort=name&dir=asc");
    expect(data.countries.map((c) => c.code).sort()).toEqual(["DE", "IN", "MY", "TH"]);
  });

  it("page through many suppliers without overlap, and give the same rows whichever way the table is read", async () => {
    const { db, company, other } = await world();
    // Interleave two organisations' rows, so that one organisation's id span is sparse.
    for (let i = 0; i < 130; i++) {
      await db.insert(suppliers)
                .values({ orgId: company.org.id, externalId: `P-${i}`, name: `Paged ${String(i).padStart(3, "0")}`, country: "VN", riskScore: i % 2 ? 80 : 20, riskBand: i % 2 ? "critical" : "low" });
      for (let j = 0; j < 3; j++)
        await db.insert(suppliers)
                    .values({ orgId: other.org.id, externalId: `Q-${i}-${j}`, name: `Other ${i}`, riskScore: 80, riskBand: "critical" });
    }
    const all = await listSuppliers(db, company.viewer.actor, company.org.id, query("band=critical&sort=name"));
    expect(all.total).toBe(65 + 1);
    expect(all.pages).toBe(2);
    const page2 = await listSuppliers(db, company.viewer.actor, company.org.id, query("band=critical&sort=name&page=2"));
    expect(page2.rows).toHaveLength(66 - PAGE_SIZE);
    const ids = new Set([...all.rows, ...page2.rows].map((r) => r.id));
    expect(ids.size).toBe(66);
    // A page past the end shows the last page.
    expect((await listSuppliers(db, company.viewer.actor, company.org.id, query("band=critical&sort=name&page=99"))).page).toBe(2);
    // Every row belongs to the organisation, whatever the plan.
    for (const qs of ["", "band=critical", "q=Paged", "country=VN", "sort=workers", "redFlags=1"]) {
      let page = 1;
      const seen: number[] = [];
      for (;;) {
        const r = await listSuppliers(db, company.viewer.actor, company.org.id, query(`${qs}&page=${page}`));
        seen.push(...r.rows.map((x) => x.id));
        if (page >= r.pages) break;
        page++;
      }
      const owned = new Set(
        (await db
                    .select({ id: suppliers.id })
                    .from(suppliers)
                    .where(eq(suppliers.orgId, company.org.id)))
          .map((x) => x.id)
      );
      expect(new Set(seen).size).toBe(seen.length);
      for (const id of seen) expect(owned.has(id)).toBe(true);
    }
    expect((await listSuppliers(db, company.viewer.actor, company.org.id, query("q=Other"))).total).toBe(0);
  });

  it("offer the countries, sectors and recruiters of the organisation only", async () => {
    const { db, company, agency, clean, foreignRecruiter } = await world();
    const choices = await supplierFilterChoices(db, company.viewer.actor, company.org.id, null);
    expect(choices.countries).toEqual(["DE", "IN", "MY", "TH"]);
    expect(choices.sectors).toEqual(["Agriculture", "Construction", "Fishing", "Manufacturing"]);
    expect(choices.recruiters.map((r) => r.id).sort()).toEqual([agency.id, clean.id].sort());
    expect(choices.recruiters.map((r) => r.id)).not.toContain(foreignRecruiter.id);
  });

  it("answer 403 to a union or inspectorate member (suppliers.view is for companies) and 404 without an organisation", async () => {
    const { db, union, inspectorate, company } = await world();
    for (const org of [union, inspectorate]) {
      const ctx = await contextFor(db, org.admin.user.id, org.org.id);
      expect((await responseOf(() => supplierList.loader({ request: get("/suppliers"), context: ctx, params: {} }))).status).toBe(403);
      expect((await responseOf(() => supplierCsv.loader({ request: get("/suppliers.csv"), context: ctx, params: {} }))).status).toBe(403);
      expect((await responseOf(() => recruiterList.loader({ request: get("/recruiters"), context: ctx, params: {} }))).status).toBe(403);
    }
    const none = await contextFor(db, company.admin.user.id, null);
    expect((await responseOf(() => supplierList.loader({ request: get("/suppliers"), context: none, params: {} }))).status).toBe(404);
  });
});

describe("supplier CSV export", () => {
  it("stream every filtered row in the list's order, with the score columns, formulas neutralised", async () => {
    const { db, company, s } = await world();
    const ctx = await contextFor(db, company.member.user.id, company.org.id);
    const text = await csvOf(await responseOf(() => supplierCsv.loader({ request: get("/suppliers.csv?band=high"), context: ctx, params: {} })));
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0]).toBe(
      "external_id,name,country,sector,products,tier,workers_total,migrant_share,female_share,risk_score,risk_band,confidence,red_flags,red_flag_codes,methodology_version,score_computed_at,inputs_hash"
    );
    expect(lines).toHaveLength(1 + 3);
    expect(lines[1]).toMatch(/^B-2,Andaman Seafood,TH,Fishing,"Shrimp; Fish",,2300,,,60\.0,high,0\.5,0,/);
    // The formula row: every cell that starts with = + - @ is prefixed with an apostrophe.
    expect(text).toContain(`'=HYPERLINK(1)`);
    expect(text).toContain(`'=cmd|' /C calc'!A0`);
    expect(text).toContain(`'+palm kernels`);
    expect(text).not.toMatch(/(^|,)=cmd/m);
    expect(text).not.toContain(s.palm.name);
    expect(text).not.toContain(s.unscored.name);
  });

  it("carry the methodology version and inputs hash of scored suppliers, and stream in chunks", async () => {
    const { db, company } = await world();
    // Raw statements of 500 rows: the query builder takes seconds to build one of 4,500.
    for (let at = 0; at < 4500; at += 500) {
      const ids = Array.from({ length: 500 }, (_, k) => at + k);
      await rawRun(db, `insert into suppliers (org_id, external_id, name, country, sector, products) values ${ids.map(() => "(?, ?, ?, 'MY', 'Agriculture', ?)").join(", ")}`, ...ids.flatMap((i) => [company.org.id, `X-${i}`, `Bulk ${i}`, JSON.stringify(["Palm oil"])]));
    }
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    const ctx = await contextFor(db, company.viewer.user.id, company.org.id);
    const response = await responseOf(() => supplierCsv.loader({ request: get("/suppliers.csv?country=MY"), context: ctx, params: {} }));
    const reader = response.body!.getReader();
    let chunks = 0;
    let text = "";
    const decoder = new TextDecoder();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks++;
      text += decoder.decode(value, { stream: true });
    }
    expect(chunks).toBeGreaterThan(1);
    const lines = text
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split("\r\n");
    expect(lines).toHaveLength(1 + 4500 + 3);
    const bulk = lines.find((l) => l.startsWith("X-0,"))!;
    const cells = bulk.split(",");
    expect(cells[14]).toBe("2.2");
    expect(cells[16]).toMatch(/^[0-9a-f]{64}$/);
  });

  it("give the same rows as the list for the same query, and close its connection when cancelled", async () => {
    const { db, company } = await world();
    const q = query("band=high&sort=name");
    const listed = (await listSuppliers(db, company.viewer.actor, company.org.id, q)).rows.map((r) => r.externalId);
    const exported = await exportSuppliers(db, company.viewer.actor, company.org.id, q);
    const ids: string[] = [];
    for (let rows = await exported.read(2); rows.length; rows = await exported.read(2)) ids.push(...rows.map((r) => r[0]!));
    expect(ids).toEqual(listed);
    const cancelled = await exportSuppliers(db, company.viewer.actor, company.org.id, query(""));
    expect(await cancelled.read(1)).toHaveLength(1);
    await cancelled.close();
    expect(await cancelled.read(1)).toEqual([]);
  });
});

describe("supplier detail", () => {
  it("show the factors of the stored score, its methodology, its history and the recruiters with their corridors", async () => {
    const { db, company, s, agency } = await world();
    await db.update(suppliers)
            .set({ indicators: { retention_of_documents: true } })
            .where(eq(suppliers.id, s.shrimp.id));
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    const current = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, s.shrimp.id)))!;
    const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, current.riskScoreId!)))!;
    // An older score, so that the history has two points.
    await db.insert(riskScores)
            .values({ ...stored, id: undefined, score: 12.5, band: "low", cause: "import 1", computedAt: new Date(stored.computedAt.getTime() - 30 * DAY) });

    const detail = await supplierDetail(db, company.viewer.actor, company.org.id, s.shrimp.id);
    // The page shows the breakdown in full, restored from its compact stored form.
    const full = await readFactors(db, stored.methodologyId, "supplier", JSON.stringify(stored.factors));
    expect(detail.score!.factors).toEqual(full);
    expect(full.length).toBeGreaterThan((stored.factors as unknown[]).length);
    expect(detail.score!.score).toBe(current.riskScore);
    expect(detail.score!.inputsHash).toBe(stored.inputsHash);
    expect(detail.score!.methodologyVersion).toBeTruthy();
    expect(detail.score!.factors.some((f) => f.redFlag)).toBe(true);
    expect(detail.score!.factors.some((f) => f.sources.length > 0)).toBe(true);
    expect(detail.history.map((h) => h.score)).toEqual([12.5, current.riskScore]);
    expect(detail.history[0]!.cause).toBe("import 1");
    expect(detail.recruiters).toHaveLength(1);
    expect(detail.recruiters[0]!.origins.sort()).toEqual(["KH", "MM"]);
    expect(detail.corridors.map((c) => `${c.origin}>${c.destination}`).sort()).toEqual(["KH>TH", "MM>TH"]);
    expect(detail.corridors[0]!.recruiterId).toBe(agency.id);

    const res = await responseOf(async () =>
      supplierPage.loader({ request: get(`/suppliers/${s.shrimp.id}`), context: await contextFor(db, company.viewer.user.id, company.org.id), params: { supplierId: String(s.shrimp.id) } })
    );
    expect(res.status).toBe(200);
    const data = (await res.json()) as Awaited<ReturnType<typeof supplierPage.loader>>;
    expect(data.score!.factors.length).toBe(full.length);
    expect(data.history).toHaveLength(2);
    expect(data.canEdit).toBe(false);
  });

  it("keep the history to the entity, oldest first, the latest N when limited", async () => {
    const { db, company, s } = await world();
    await scoreOrganisation(db, company.org.id, { cause: "seed" });
    const current = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, s.palm.id)))!;
    const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, current.riskScoreId!)))!;
    for (let i = 1; i <= 5; i++)
      await db.insert(riskScores)
                .values({ ...stored, id: undefined, score: i, cause: `older ${i}`, computedAt: new Date(stored.computedAt.getTime() - i * DAY) });
    const history = await scoreHistory(db, "supplier", s.palm.id, 3);
    expect(history.map((h) => h.cause)).toEqual(["older 2", "older 1", "seed"]);
    expect(await scoreHistory(db, "supplier", s.garments.id, 10)).toHaveLength(1);
  });

  it("answer 404 for another organisation's supplier, an unknown id and a malformed id", async () => {
    const { db, company, other, foreign, s } = await world();
    const ctx = await contextFor(db, company.admin.user.id, company.org.id);
    const detail = (id: string) => responseOf(() => supplierPage.loader({ request: get(`/suppliers/${id}`), context: ctx, params: { supplierId: id } }));
    expect((await detail(String(foreign.id))).status).toBe(404);
    expect((await detail("999999")).status).toBe(404);
    expect((await detail("1e3")).status).toBe(404);
    expect((await detail(String(s.palm.id))).status).toBe(200);
    // And the other way round.
    await expect(async () => await supplierDetail(db, other.admin.actor, other.org.id, s.palm.id)).rejects.toThrow();
    const res = await responseOf(async () =>
      supplierPage.loader({ request: get(`/suppliers/${s.palm.id}`), context: await contextFor(db, other.admin.user.id, other.org.id), params: { supplierId: String(s.palm.id) } })
    );
    expect(res.status).toBe(404);
  });

  it("answer 403 to a partner organisation, whether the supplier exists or not (the shared view is elsewhere)", async () => {
    const { db, union, s } = await world();
    const ctx = await contextFor(db, union.admin.user.id, union.org.id);
    for (const id of [String(s.palm.id), "999999"]) {
      const res = await responseOf(() => supplierPage.loader({ request: get(`/suppliers/${id}`), context: ctx, params: { supplierId: id } }));
      expect(res.status).toBe(403);
    }
  });
});

describe("recruiters", () => {
  it("filter by band, licence status and fees, search, sort by score", async () => {
    const { db, company, agency, clean } = await world();
    const l = async (o: Parameters<typeof listRecruiters>[3]) => (await listRecruiters(db, company.viewer.actor, company.org.id, o)).rows.map((r) => r.id);
    expect(await l({})).toEqual([agency.id, clean.id]);
    expect(await l({ sort: "score", dir: "asc" })).toEqual([clean.id, agency.id]);
    expect(await l({ bands: ["high"] })).toEqual([agency.id]);
    expect(await l({ licence: "valid" })).toEqual([clean.id]);
    expect(await l({ fees: "yes" })).toEqual([agency.id]);
    expect(await l({ fees: "no" })).toEqual([clean.id]);
    expect(await l({ fees: "unknown" })).toEqual([]);
    expect(await l({ q: "ethical" })).toEqual([clean.id]);
    const served = (await listRecruiters(db, company.viewer.actor, company.org.id)).rows.find((r) => r.id === agency.id)!;
    expect(served.suppliersServed).toBe(2);

    const res = await responseOf(async () => recruiterList.loader({ request: get("/recruiters?licence=revoked&fees=yes"), context: await contextFor(db, company.viewer.user.id, company.org.id), params: {} }));
    const data = (await res.json()) as Awaited<ReturnType<typeof recruiterList.loader>>;
    expect(data.rows.map((r) => r.id)).toEqual([agency.id]);
  });

  it("show a recruiter's suppliers with their bands and its corridors; 404 for another organisation's", async () => {
    const { db, company, agency, foreignRecruiter, s } = await world();
    const detail = await recruiterDetail(db, company.viewer.actor, company.org.id, agency.id);
    expect(detail.suppliers.map((x) => [x.name, x.riskBand])).toEqual([
      [s.shrimp.name, "high"],
      [s.garments.name, "medium"],
    ]);
    expect(detail.suppliers[0]!.origins.sort()).toEqual(["KH", "MM"]);
    expect(detail.suppliersTotal).toBe(2);
    expect(detail.corridors).toEqual([
      { origin: "KH", destination: "TH", suppliers: 1 },
      { origin: "MM", destination: "MY", suppliers: 1 },
      { origin: "MM", destination: "TH", suppliers: 1 },
    ]);
    const ctx = await contextFor(db, company.viewer.user.id, company.org.id);
    const page = (id: number) => responseOf(() => recruiterPage.loader({ request: get(`/recruiters/${id}`), context: ctx, params: { recruiterId: String(id) } }));
    expect((await page(agency.id)).status).toBe(200);
    expect((await page(foreignRecruiter.id)).status).toBe(404);
  });
});
