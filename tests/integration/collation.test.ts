/**
 * Sorting by name in the reader's collation and searching with Unicode case folding (decision
 * 027), on both engines: Turkish İ found by "istanbul", German umlauts sorted beside their base
 * letter (not after Z), Thai sorted by its consonants, and the CSV export in the same order.
 */
import { describe, expect, it } from "vitest";
import { suppliers, recruiters } from "#db/schema";
import { foldForSearch, sortKey } from "~/domain/collation";
import { listRecruiters } from "~/domain/recruiters/recruiters.server";
import { listSuppliers } from "~/domain/suppliers/suppliers.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";

const NAMES = ["Zebra Garments", "Äpfel Handel", "Apfel Logistik", "Bäckerei Nord", "Backhaus Süd", "İstanbul Tekstil", "ISTANBUL DENIM", "Izmir Pamuk", "Çukurova Tarım", "ไก่ทอง ฟาร์ม", "กาญจนา การ์เมนท์", "ขนส่ง สยาม", "เกษตร ไทย", "Ölmühle Ost", "Oliven Import"];

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  for (const [i, name] of NAMES.entries()) {
    await db.insert(suppliers).values({ orgId: company.org.id, externalId: `S-${i}`, name, country: "TR" });
    await db.insert(recruiters).values({ orgId: company.org.id, externalId: `R-${i}`, name });
  }
  return { db, company };
}

const latin = (names: string[]) => names.filter((n) => /^[A-ZÄÖÇİ]/i.test(n));
const thai = (names: string[]) => names.filter((n) => /^[\u0E00-\u0E7F]/.test(n));

describe("collation in the lists", () => {
  it("searches with Unicode case folding: İ and ı as i, ü as Ü, Thai as typed", async () => {
    const { db, company } = await world();
    const search = async (q: string) => (await listSuppliers(db, company.member.actor, company.org.id, { q })).rows.map((r) => r.name).sort();
    expect(await search("istanbul")).toEqual(["ISTANBUL DENIM", "İstanbul Tekstil"]);
    expect(await search("İSTANBUL")).toEqual(["ISTANBUL DENIM", "İstanbul Tekstil"]);
    expect(await search("istan")).toEqual(["ISTANBUL DENIM", "İstanbul Tekstil"]);
    expect(await search("tarim")).toEqual(["Çukurova Tarım"]);
    expect(await search("ÄPFEL")).toEqual(["Äpfel Handel"]);
    expect(await search("süd")).toEqual(["Backhaus Süd"]);
    expect(await search("ไก่")).toEqual(["ไก่ทอง ฟาร์ม"]);
    expect(await search("การ์เมนท์")).toEqual(["กาญจนา การ์เมนท์"]);
    const recruitersFound = (await listRecruiters(db, company.member.actor, company.org.id, { q: "istanbul" })).rows.map((r) => r.name).sort();
    expect(recruitersFound).toEqual(["ISTANBUL DENIM", "İstanbul Tekstil"]);
  });

  it("sorts by name in the reader's collation: Äpfel beside Apfel, not after Z; Thai by its consonants", async () => {
    const { db, company } = await world();
    const sorted = async (language: string, dir: "asc" | "desc" = "asc") => (await listSuppliers(db, company.member.actor, company.org.id, { sort: "name", dir, language })).rows.map((r) => r.name);
    const german = latin(await sorted("de"));
    expect(german.indexOf("Äpfel Handel")).toBeLessThan(german.indexOf("Bäckerei Nord"));
    expect(german.indexOf("Zebra Garments")).toBe(german.length - 1);
    expect(Math.abs(german.indexOf("Äpfel Handel") - german.indexOf("Apfel Logistik"))).toBe(1);
    expect(german.indexOf("Ölmühle Ost")).toBeLessThan(german.indexOf("Zebra Garments"));
    expect(german.slice(0, 4).sort()).toEqual(["Apfel Logistik", "Backhaus Süd", "Bäckerei Nord", "Äpfel Handel"]);
    // Thai: ก before ข; a prevowel (เ, ไ) is read after its consonant, so เกษตร and ไก่ทอง sort under ก.
    expect(thai(await sorted("th"))).toEqual(["กาญจนา การ์เมนท์", "เกษตร ไทย", "ไก่ทอง ฟาร์ม", "ขนส่ง สยาม"]);
    // Descending is the exact reverse (the id ends the order: pages never overlap).
    expect(await sorted("de", "desc")).toEqual((await sorted("de")).reverse());
    const recruiterNames = latin((await listRecruiters(db, company.member.actor, company.org.id, { sort: "name", dir: "asc", language: "de" })).rows.map((r) => r.name));
    expect(recruiterNames.at(-1)).toBe("Zebra Garments");
  });

  it("folds and keys the same way in the module itself", () => {
    expect(foldForSearch("İSTANBUL Tarım")).toBe("istanbul tarim");
    expect([...foldForSearch("İ")].length).toBe(1);
    expect(["Zebra", "Äpfel", "Apfel"].sort((a, b) => (sortKey(a, "de") < sortKey(b, "de") ? -1 : 1))).toEqual(["Apfel", "Äpfel", "Zebra"]);
    expect(["ñu", "nz", "o"].sort((a, b) => (sortKey(a, "es") < sortKey(b, "es") ? -1 : 1))).toEqual(["nz", "ñu", "o"]);
  });
});
