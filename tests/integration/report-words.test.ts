/**
 * Reports say things in words, in full (issue 17): the profile's red flags by name, not code; the
 * method's version once; "Highest risks" capped, saying how many more and where they are; the
 * heatmap saying how many countries and sectors it leaves out; no word broken mid-word.
 */
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, reports, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport } from "~/domain/reports/issue.server";
import { HIGHEST_RISKS } from "~/domain/reports/company-report-data.server";
import { countryWithCode, methodologyTitle, zoneName } from "~/lib/format";
import { createTestDb } from "../support/db";
import { actorFor } from "../support/factories";
import { flat, readPdf } from "../support/pdf";
import { TMP_DIR } from "../support/paths";
import { firstRow, rawGet } from "../../db/client";

async function company() {
  const db = createTestDb();
  await seedDemo(db);
  const orgId = firstRow(await db.select().from(organisations).where(eq(organisations.name, "Northwind Fresh Foods GmbH")))!.id;
  const userId = firstRow(await db.select().from(users).where(eq(users.email, "compliance@northwind.example")))!.id;
  return { db, orgId, actor: await actorFor(db, userId, orgId), dir: path.join(TMP_DIR, `words-${process.pid}-${Math.random().toString(36).slice(2)}`) };
}

const pdfOf = async (db: ReturnType<typeof createTestDb>, id: string) => await readPdf(firstRow(await db.select().from(reports).where(eq(reports.id, id)))!.filePath);

describe("words in reports", () => {
  it("the supplier profile names its red flags and the method's version once", async () => {
    const w = await company();
    const s = (await rawGet<{ id: number; flags: string }>(w.db, `select id, risk_red_flags as flags from suppliers where external_id = 'NW-0012' and org_id = ?`, w.orgId))!;
    const { id } = await issueReport(w.db, w.actor, { type: "supplier_profile", params: { supplierId: s.id }, pageSize: "A4" }, { dir: w.dir });
    const pdf = await pdfOf(w.db, id);
    const cover = flat(pdf.pages[0]!);
    expect(cover).toMatch(/Red flags (Retention of identity documents|Debt bondage)/);
    expect(flat(pdf.text)).not.toMatch(/\b[a-z]+_[a-z_]+\b(?![^ ]*\.(json|xml))/);
    expect(flat(pdf.text)).not.toMatch(/version (\d+(\.\d+)?) \([^)]*version \1/);
  });

  it("the company report caps Highest risks and says where the rest are; the heatmap says what it leaves out", async () => {
    const w = await company();
    const { id } = await issueReport(w.db, w.actor, { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31" }, pageSize: "A4" }, { dir: w.dir });
    const pdf = await pdfOf(w.db, id);
    const text = flat(pdf.text);
    const scored = Number((await rawGet<{ n: number }>(w.db, `select count(risk_score) as n from suppliers where org_id = ?`, w.orgId))!.n);
    const annex = Number((await rawGet<{ n: number }>(w.db, `select count(*) as n from suppliers where org_id = ? and risk_band in ('high', 'critical')`, w.orgId))!.n);
    expect(scored).toBeGreaterThan(HIGHEST_RISKS);
    expect(text).toContain(`The ${HIGHEST_RISKS} highest scores of the ${scored} scored suppliers. The other ${scored - HIGHEST_RISKS}: the annex lists the ${annex} suppliers in the high and critical bands`);
    const countries = Number((await rawGet<{ n: number }>(w.db, `select count(distinct coalesce(country, '—')) as n from suppliers where org_id = ?`, w.orgId))!.n);
    expect(countries).toBeGreaterThan(8);
    expect(text).toContain(`8 of ${countries} countries are shown, those with the most suppliers first`);
    // The heatmap's sector names are whole: "Manufacturing" was set as "Manufacturin" + "g".
    expect(pdf.text).toMatch(/\bManufacturing\b/);
    expect(pdf.text).not.toMatch(/Manufacturin\s+g\b/);
    expect(text).not.toMatch(/version (\d+(\.\d+)?) \([^)]*version \1/);
  });

  it("formats time zones, countries and method names for people", () => {
    expect(zoneName("Asia/Kuala_Lumpur")).toBe("Kuala Lumpur time");
    expect(zoneName("America/Argentina/Buenos_Aires")).toBe("Buenos Aires time");
    expect(zoneName("UTC")).toBe("UTC");
    expect(countryWithCode("Malaysia", "MY")).toBe("Malaysia (MY)");
    expect(countryWithCode("Malaysia (MY)", "MY")).toBe("Malaysia (MY)");
    expect(countryWithCode("MY", "MY")).toBe("MY");
    expect(countryWithCode(null, null)).toBe("—");
    expect(methodologyTitle("Forced-labour risk method, version 2.1 (unknown is not safe)", "2.1")).toBe("Forced-labour risk method, version 2.1 (unknown is not safe)");
    expect(methodologyTitle("Forced-labour risk method", "1.0")).toBe("Forced-labour risk method, version 1.0");
  });
});
