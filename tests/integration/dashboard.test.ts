/**
 * The company dashboard's aggregates on a real database: bands, heatmap cells, drivers, corridors
 * with their fee share, and the suppliers whose score rose since the last import.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { imports, recruiters, supplierRecruiters, suppliers } from "#db/schema";
import { companyDashboard } from "~/domain/dashboard/dashboard.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as home from "~/routes/_index";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";
import { onlyRow } from "../../db/client";

describe("company dashboard", () => {
  it("count bands, cells, drivers and corridors of the company's own suppliers only", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const add = async (orgId: number, externalId: string, country: string, sector: string, indicators: Record<string, boolean> = {}) =>
      onlyRow(await db.insert(suppliers).values({ orgId, externalId, name: externalId, country, sector, products: ["Palm oil"], indicators }).returning());
    const a = await add(company.org.id, "A", "MY", "Agriculture", { debt_bondage: true });
    await add(company.org.id, "B", "MY", "Agriculture");
    await add(company.org.id, "C", "DE", "Logistics");
    await add(other.org.id, "Z", "BR", "Mining");
    const r1 = onlyRow(await db.insert(recruiters).values({ orgId: company.org.id, externalId: "R1", name: "R1", originCountries: ["NP"], feesChargedToWorkers: true }).returning());
    const r2 = onlyRow(await db.insert(recruiters).values({ orgId: company.org.id, externalId: "R2", name: "R2", originCountries: ["NP", "BD"], feesChargedToWorkers: false }).returning());
    await db.insert(supplierRecruiters).values([{ supplierId: a.id, recruiterId: r1.id, originCountry: "" }, { supplierId: a.id, recruiterId: r2.id, originCountry: "" }]);
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    await scoreOrganisation(db, other.org.id, { cause: "test" });

    const d = await companyDashboard(db, company.viewer.actor, company.org.id);
    expect(d).toMatchObject({ suppliers: 3, recruiters: 2, countries: 2, updating: false });
    expect(d.bands.reduce((t, b) => t + b.suppliers, 0)).toBe(3);
    expect(d.bands.find((b) => b.band === "not scored")!.suppliers).toBe(0);
    expect(d.heatmap.countries).not.toContain("BR");
    expect(d.heatmap.cells.find((c) => c.country === "MY" && c.sector === "Agriculture")!.suppliers).toBe(2);
    expect(d.drivers.find((x) => x.code === "indicator.debt_bondage")).toEqual({ code: "indicator.debt_bondage", label: "Debt bondage", suppliers: 1 });
    expect(d.drivers[0]!.suppliers).toBeGreaterThanOrEqual(d.drivers.at(-1)!.suppliers);
    const nepal = d.corridors.find((c) => c.origin === "NP" && c.destination === "MY")!;
    expect(nepal).toMatchObject({ suppliers: 1, recruiters: 2, charging: 1 });
    expect(d.corridors.find((c) => c.origin === "BD")).toMatchObject({ recruiters: 1, charging: 0 });
    expect(d.risers).toEqual([]);

    // A change: the page gets the figures it had, marked as updating, until the worker is done.
    await db.insert(suppliers).values({ orgId: company.org.id, externalId: "D", name: "D", country: "BR", sector: "Mining" });
    await scoreOrganisation(db, company.org.id, { cause: "new supplier" });
    const stale = await companyDashboard(db, company.viewer.actor, company.org.id);
    expect(stale).toMatchObject({ suppliers: 3, updating: true });
    let fresh = stale;
    for (let i = 0; i < 100 && fresh.updating; i++) {
      await new Promise((r) => setTimeout(r, 50));
      fresh = await companyDashboard(db, company.viewer.actor, company.org.id);
    }
    expect(fresh).toMatchObject({ suppliers: 4, updating: false });
  });

  it("list the suppliers whose score rose since the last import", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const s = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "A", name: "A", country: "MY", sector: "Agriculture", products: ["Palm oil"] }).returning());
    await scoreOrganisation(db, company.org.id, { cause: "before", now: Date.now() - 60_000 });
    await db.insert(imports)
            .values({ orgId: company.org.id, kind: "suppliers", status: "imported", fileName: "f.csv", filePath: "x", fileSize: 1, fileSha256: "0", encoding: "utf-8", delimiter: ",", headers: [], mapping: [], committedAt: new Date(Date.now() - 30_000) });
    await db.update(suppliers).set({ indicators: { worker_paid_fees: true } }).where(eq(suppliers.id, s.id));
    await scoreOrganisation(db, company.org.id, { cause: "import" });
    const d = await companyDashboard(db, company.admin.actor, company.org.id);
    expect(d.risers).toHaveLength(1);
    // Method 2: the fee indicator's 10 points replace the 3 it was expected to add while unknown
    // (Malaysian palm oil is on the TVPRA list for forced labour).
    expect(d.risers[0]!.after - d.risers[0]!.before).toBe(7);
  });

  it("is the company's own: another company's users get their own, partners get no dashboard", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    expect((await responseOf(() => companyDashboard(db, union.admin.actor, company.org.id))).status).toBe(404);
    const res = await responseOf(async () => home.loader({ request: get("/"), context: await contextFor(db, union.admin.user.id, union.org.id), params: {} }));
    expect(((await res.json()) as { kind: string }).kind).toBe("union");
  });
});
