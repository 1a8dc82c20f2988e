/**
 * The jurisdiction view at realistic sparsity: the demo company's 24 suppliers are spread over 18
 * countries, none with five. Pooling into M49 regions and sector families saves cells that
 * suppression alone would lose; what is still too small is counted; the map colours and names only
 * countries shown on their own.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, reports, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { jurisdictionPatterns } from "~/domain/reports/regulator-data.server";
import * as mapRoute from "~/routes/regulator.map[.svg]";
import { firstRow, rawAll, rawGet, rawRun } from "../../db/client";
import { createTestDb } from "../support/db";
import { contextFor, get, responseOf } from "../support/routes";

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const companyId = await org("Northwind Fresh Foods GmbH");
  const regulatorId = await org("Supply Chain Supervisory Authority");
  const regulatorUser = firstRow(await db.select().from(users).where(eq(users.email, "supervisor@regulator.example")))!.id;
  // A submission is what puts a company's suppliers in the view (the PDF is not the point here).
  await db.insert(reports).values({
    id: "R-POOLTEST",
    orgId: companyId,
    type: "company_due_diligence",
    title: "Due diligence 2026",
    params: { from: "2026-01-01", to: "2026-12-31" },
    periodStart: "2026-01-01",
    periodEnd: "2026-12-31",
    dataAsOf: new Date("2026-06-01T00:00:00Z"),
    referenceVersions: [],
    dataHash: "0".repeat(64),
    filePath: "/nonexistent.pdf",
    sha256: "2".repeat(64),
    size: 1,
    pages: 1,
    submittedTo: regulatorId,
    submittedAt: new Date("2026-06-02T00:00:00Z"),
    issuedAt: new Date("2026-06-01T00:00:00Z"),
  });
  return { db, companyId, regulatorId, regulatorUser };
}

describe("the jurisdiction view pools before it suppresses", () => {
  it("lists the risk bands from the worst down, not by size", async () => {
    const w = await world();
    // Bands whose sizes run against their severity: 5 high, 9 medium, the rest (10 or more) critical.
    const ids = (await rawAll<{ id: number }>(w.db, `select id from suppliers where org_id = ? order by id`, w.companyId)).map((r) => r.id);
    expect(ids.length).toBeGreaterThanOrEqual(24);
    await rawRun(w.db, `update suppliers set risk_band = 'critical' where org_id = ?`, w.companyId);
    await rawRun(w.db, `update suppliers set risk_band = 'high' where id in (${ids.slice(0, 5).join(",")})`);
    await rawRun(w.db, `update suppliers set risk_band = 'medium' where id in (${ids.slice(5, 14).join(",")})`);
    const p = await jurisdictionPatterns(w.db, [w.companyId]);
    expect(p.bands.map((b) => b.label)).toEqual(["Critical", "High", "Medium"]);
  });

  it("shows regions and sector families where every country and most sectors are under five, and counts what is left out", async () => {
    const w = await world();
    const total = (await rawGet<{ n: number }>(w.db, `select count(*) as n from suppliers where org_id = ?`, w.companyId))!.n;
    const p = await jurisdictionPatterns(w.db, [w.companyId]);
    // No country has five suppliers: without pooling, the table would hold one "other" cell at most.
    expect(p.countries.every((c) => c.pooled)).toBe(true);
    const labels = p.countries.map((c) => c.label);
    expect(labels).toContain("South-eastern Asia: 4 countries under 5 each");
    expect(p.countries.find((c) => c.label.startsWith("South-eastern Asia"))!.suppliers).toBe(7); // MY 2, TH 2, VN 2, PH 1
    expect(p.countries.length).toBeGreaterThanOrEqual(3);
    for (const group of [...p.bands, ...p.countries, ...p.sectors, ...p.sharedRecruiters, ...p.corridors]) expect(group.suppliers).toBeGreaterThanOrEqual(5);
    // Every supplier is in exactly one country cell or counted as left out.
    const shownCountries = p.countries.reduce((t, c) => t + c.suppliers, 0);
    expect(shownCountries).toBeLessThanOrEqual(total);
    // Sectors: Agriculture (14) stands alone; Fishing and Forestry (5 together) pool into their ISIC family.
    expect(p.sectors.map((s) => [s.label, s.suppliers])).toContainEqual(["Agriculture", 14]);
    expect(p.sectors.map((s) => [s.label, s.suppliers])).toContainEqual(["Agriculture, forestry and fishing (ISIC A): 2 sectors under 5 each", 5]);
    expect(p.suppressed).toBeGreaterThan(0);
    expect(p.suppressedSuppliers).toBeGreaterThan(0);
    expect(p.pooled).toBeGreaterThan(0);
  });

  it("the map colours and names only countries shown on their own", async () => {
    const w = await world();
    const context = await contextFor(w.db, w.regulatorUser, w.regulatorId);
    const svgOf = async () => await (await responseOf(() => mapRoute.loader({ request: get("/regulator/map.svg"), params: {}, context }))).text();
    // Every country is under five: nothing is coloured, and Malaysia (2 suppliers) is not named with a count.
    let svg = await svgOf();
    expect(svg).toContain("<title>Malaysia: not shown (no suppliers, or fewer than 5)</title>");
    expect(svg).not.toMatch(/Malaysia: \d+ supplier/);
    expect(svg).not.toMatch(/fill="#(fbf3df|f8e0b0|f1c48f|e0895a|b8322e)" stroke="#ffffff"/);
    // Move five suppliers to Malaysia: now it is a row of its own, and coloured.
    await rawRun(w.db, `update suppliers set country = 'MY' where org_id = ? and country in ('TH', 'VN', 'PH')`, w.companyId);
    const p = await jurisdictionPatterns(w.db, [w.companyId]);
    expect(p.countries.find((c) => c.code === "MY")).toMatchObject({ suppliers: 7 });
    svg = await svgOf();
    expect(svg).toMatch(/<title>Malaysia: 7 suppliers/);
    expect(svg).toContain("<title>Thailand: not shown (no suppliers, or fewer than 5)</title>");
    // In the reader's language (Thai here): the title, the legend and each country's name and figures.
    const thai = await responseOf(async () => mapRoute.loader({ request: get("/regulator/map.svg"), params: {}, context: await contextFor(w.db, w.regulatorUser, w.regulatorId, "th") }));
    expect(thai.headers.get("Content-Language")).toBe("th");
    expect(thai.headers.get("Cache-Control")).toBe("private, no-store");
    svg = await thai.text();
    expect(svg).toContain("<title>ผู้จัดหาสินค้าของบริษัทที่ส่งข้อมูลให้คุณ แยกตามประเทศ (ตั้งแต่ 5 รายขึ้นไป) แรเงาตามคะแนนเฉลี่ย</title>");
    expect(svg).toContain(">คะแนนเฉลี่ย:</text>");
    expect(svg).toContain(">ไม่มีหรือน้อยกว่า 5</text>");
    expect(svg).toMatch(/<title>มาเลเซีย: ผู้จัดหาสินค้า 7 ราย/);
    expect(svg).toContain("<title>ไทย: ไม่แสดง (ไม่มีผู้จัดหาสินค้า หรือน้อยกว่า 5 ราย)</title>");
  });
});
