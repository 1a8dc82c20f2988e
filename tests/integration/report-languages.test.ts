/**
 * Reports in the reader's language (issue 18): the language is a parameter of the report, so the
 * same data in the same language gives the same bytes and another language another file; every
 * heading comes from the catalog; names in any script are set in a font that has their glyphs
 * (Noto for Thai, Devanagari, Bengali, Myanmar, Khmer and the Arabic script), embedded as subsets.
 * Read with poppler (pdftotext, pdffonts), as a reader's tools would.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, reports, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport } from "~/domain/reports/issue.server";
import { IssueReportSchema } from "~/domain/reports/schemas";
import { createTestDb } from "../support/db";
import { actorFor } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { firstRow, rawGet, rawRun } from "../../db/client";

async function company() {
  const db = createTestDb();
  await seedDemo(db);
  const orgId = firstRow(await db.select().from(organisations).where(eq(organisations.name, "Northwind Fresh Foods GmbH")))!.id;
  const userId = firstRow(await db.select().from(users).where(eq(users.email, "compliance@northwind.example")))!.id;
  return { db, orgId, actor: await actorFor(db, userId, orgId), dir: path.join(TMP_DIR, `languages-${process.pid}-${Math.random().toString(36).slice(2)}`) };
}

const year = { from: "2026-01-01", to: "2026-12-31" };
const rowOf = async (db: ReturnType<typeof createTestDb>, id: string) => firstRow(await db.select().from(reports).where(eq(reports.id, id)))!;
const poppler = (tool: string, file: string) => execFileSync(tool, tool === "pdftotext" ? ["-enc", "UTF-8", file, "-"] : [file], { encoding: "utf8" });
const flat = (s: string) => s.replace(/\s+/g, " ");

describe("reports in the reader's language", () => {
  it("the language is a parameter: the same language gives the same bytes, another language another file", { timeout: 60_000 }, async () => {
    const w = await company();
    const de = await issueReport(w.db, w.actor, { type: "company_due_diligence", params: { ...year, language: "de" }, pageSize: "A4" }, { dir: w.dir });
    const stored = await rowOf(w.db, de.id);
    expect(stored.params).toMatchObject({ language: "de" });
    const bytes = readFileSync(stored.filePath);
    // Issued again from scratch, a second later: the same id and the same bytes.
    await w.db.delete(reports).where(eq(reports.id, de.id));
    const again = await issueReport(w.db, w.actor, { type: "company_due_diligence", params: { ...year, language: "de" }, pageSize: "A4" }, { dir: w.dir, now: Date.now() + 1000 });
    expect(again).toEqual({ id: de.id, existing: false });
    // The unsigned content, that is (decision 034): the signature appended to it carries the signing time.
    const regenerated = await rowOf(w.db, again.id);
    expect(regenerated.contentSha256).toBe(stored.contentSha256);
    expect(readFileSync(regenerated.filePath).subarray(0, regenerated.contentSize!).equals(bytes.subarray(0, stored.contentSize!))).toBe(true);
    // English, asked for or not, is one report; Thai is another file.
    const en = await issueReport(w.db, w.actor, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    expect(await issueReport(w.db, w.actor, { type: "company_due_diligence", params: { ...year, language: "en" }, pageSize: "A4" }, { dir: w.dir })).toEqual({ id: en.id, existing: true });
    const th = await issueReport(w.db, w.actor, { type: "company_due_diligence", params: { ...year, language: "th" }, pageSize: "A4" }, { dir: w.dir });
    expect(new Set([de.id, en.id, th.id]).size).toBe(3);
    expect(new Set([stored.sha256, (await rowOf(w.db, en.id)).sha256, (await rowOf(w.db, th.id)).sha256]).size).toBe(3);
    expect(new Set([stored.contentSha256, (await rowOf(w.db, en.id)).contentSha256, (await rowOf(w.db, th.id)).contentSha256]).size).toBe(3);
    expect((await rowOf(w.db, th.id)).title).toBe("รายงานการตรวจสอบสถานะ 2026-01-01 ถึง 2026-12-31");
    // A language that is not an interface language is refused, on the form and in the domain.
    expect(IssueReportSchema.safeParse({ type: "company_due_diligence", ...year, language: "ne" }).success).toBe(false);
    await expect(issueReport(w.db, w.actor, { type: "company_due_diligence", params: { ...year, language: "xx" }, pageSize: "A4" }, { dir: w.dir })).rejects.toThrow("reports:language.invalid");
  });

  it("a German report has the German headings and none of the English ones", async () => {
    const w = await company();
    const { id } = await issueReport(w.db, w.actor, { type: "company_due_diligence", params: { ...year, language: "de" }, pageSize: "A4" }, { dir: w.dir });
    const text = flat(poppler("pdftotext", (await rowOf(w.db, id)).filePath));
    for (const heading of ["Inhalt", "1. Zusammenfassung", "2. Risikoanalyse und festgestellte Risiken", "3. Arbeitsvermittler und Korridore", "4. Präventionsmaßnahmen: Prüfungen", "5. Abhilfemaßnahmen", "6. Beschwerdeverfahren", "7. Anwerbegebühren (Arbeitgeber-zahlt-Prinzip)", "8. Überprüfung der Wirksamkeit", "Anhang A: Methode und Referenzdaten", "Herkunft und Prüfung der Echtheit", "Lieferanten nach Risikostufe", "Seite 1 von", "Datenstand"]) expect(text).toContain(heading);
    for (const heading of ["Contents", "Summary", "Risk analysis and the risks found", "Recruiters and corridors", "Prevention measures", "Remedial action", "Complaints procedure", "Review of effectiveness", "Appendix A", "Provenance and verification", "Suppliers by risk band", "Page 1 of", "Data as of"]) expect(text).not.toContain(heading);
    // Numbers and dates in German ("01.01.2026", "21.315", "58,9"), and the zone with every date-time.
    expect(text).toContain("Berichtszeitraum 01.01.2026 bis 31.12.2026");
    expect(text).toMatch(/Lieferanten \d+ in \d+ Ländern, \d{1,3}\.\d{3} Beschäftigte/);
    expect(text).toMatch(/Mittlerer Risikowert \d+,\d von 100/);
    expect(text).toMatch(/Datenstand \d{1,2}\. \S+ \d{4}, \d{2}:\d{2} UTC/);
  });

  it("names in Thai, Devanagari, Bengali, Myanmar, Khmer and Urdu are set in embedded Noto subsets", async () => {
    const w = await company();
    const name = "บริษัท ผู้จัดหาสินค้า จำกัด क्षत्रिय उद्योग বাংলাদেশ শিল্প မြန်မာ စက်ရုံ រោងចក្រ ខ្មែរ پاکستان ٹیکسٹائل ملز";
    const s = (await rawGet<{ id: number }>(w.db, `select id from suppliers where external_id = 'NW-0002' and org_id = ?`, w.orgId))!;
    await rawRun(w.db, `update suppliers set name = ? where id = ?`, name, s.id);
    const { id } = await issueReport(w.db, w.actor, { type: "supplier_profile", params: { supplierId: s.id, language: "th" }, pageSize: "A4" }, { dir: w.dir });
    const file = (await rowOf(w.db, id)).filePath;
    const fonts = poppler("pdffonts", file).split("\n").slice(2).filter(Boolean);
    for (const family of ["NotoSansThai-Regular", "NotoSansThai-Bold", "NotoSansDevanagari-Regular", "NotoSansBengali-Regular", "NotoSansMyanmar-Regular", "NotoSansKhmer-Regular", "NotoNaskhArabic-Regular", "DejaVuSans"]) {
      const line = fonts.find((l) => new RegExp(`^[A-Z]{6}\\+${family}\\s`).test(l));
      expect(line, `${family} in\n${fonts.join("\n")}`).toBeDefined();
      // Embedded, subset, with a ToUnicode map (so the text can be searched and copied).
      expect(line!.trim().split(/\s+/).slice(-5, -2)).toEqual(["yes", "yes", "yes"]);
    }
    // pdfkit's ToUnicode map gives one glyph its characters, so text extracted from clusters with
    // marks (ผู้, จำ) comes back decomposed; words without them read back as written.
    const text = flat(poppler("pdftotext", file));
    expect(text).toContain("บริษัท");
    expect(text).toContain("ภาษา ไทย");
    expect(text).toMatch(/หน้า 1 จาก \d+/);
    expect(text).not.toContain("Provenance and verification");
  });

  it("a German risk profile explains its score in German: no English factor, value, status or range sentence", { timeout: 60_000 }, async () => {
    const w = await company();
    const s = (await rawGet<{ id: number }>(w.db, `select id from suppliers where org_id = ? and risk_score is not null order by risk_score desc limit 1`, w.orgId))!;
    const { id } = await issueReport(w.db, w.actor, { type: "supplier_profile", params: { supplierId: s.id, language: "de" }, pageSize: "A4" }, { dir: w.dir });
    const text = flat(poppler("pdftotext", (await rowOf(w.db, id)).filePath));
    const en = JSON.parse(readFileSync("app/i18n/catalogs/en/risk.json", "utf8")) as { factor: Record<string, string>; why: { status: Record<string, string> } };
    const de = JSON.parse(readFileSync("app/i18n/catalogs/de/risk.json", "utf8")) as typeof en;
    // The German factor names are there, from the risk catalog the web page reads.
    expect(text).toContain(de.factor.country!);
    expect(text).toContain(de.factor.migrantShare!);
    // No English factor name (those written the same in both languages aside, and "Sub-national
    // region" and "The company's supplier list", the methodology's and the reference data's own words, cited as published;
    // nor any English status or range wording.
    const english = Object.entries(en.factor)
      .filter(([key, value]) => !value.includes("{{") && de.factor[key] !== value && key !== "region")
      .map(([, value]) => value);
    for (const words of [...english, "observed present", "observed absent", "(expected)", "unknown (no prior)", "% observed", "range ", "Country context", "Share of migrant workers", "not recorded", "Debt bondage", "Retention of identity documents"]) expect(text, words).not.toContain(words);
    // The red flags are the ILO indicators in the ILO's German wording from the indicators catalog.
    expect(text).toContain("Schuldknechtschaft");
  });
});
