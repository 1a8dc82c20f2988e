/**
 * The supplier and recruiter pages in the reader's language (issue 18): country names from
 * i18n-iso-countries in that language and sorted by its collation, titles from the catalogs, the
 * observed-indicators answer and its refusal translated by the action contract; the CSV export
 * keeps machine headers in every language (it is re-imported).
 */
import { describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { onlyRow } from "#db/client";
import { suppliers } from "#db/schema";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as indicatorsPage from "~/routes/suppliers.$supplierId_.indicators";
import * as supplierList from "~/routes/suppliers._index";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import * as supplierCsv from "~/routes/suppliers[.csv]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

const addSupplier = async (db: Db, orgId: number, externalId: string, country: string) =>
  onlyRow(await db.insert(suppliers).values({ orgId, externalId, name: `Estate ${externalId}`, country, sector: "Agriculture", products: ["Palm oil"] }).returning());

async function setUp() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const my = await addSupplier(db, company.org.id, "A", "MY");
  await addSupplier(db, company.org.id, "B", "TH");
  await addSupplier(db, company.org.id, "C", "DE");
  await scoreOrganisation(db, company.org.id, { cause: "first" });
  return { db, company, my };
}

type ListData = { pageTitle: string; rows: { externalId: string; countryName: string | null }[]; countries: { code: string; name: string }[] };

describe("the supplier pages in the reader's language", () => {
  it("name countries in that language, sorted by its collation, under a translated title", async () => {
    const { db, company, my } = await setUp();
    const list = async (lng: string) => (await supplierList.loader({ request: get("/suppliers"), context: await contextFor(db, company.viewer.user.id, company.org.id, lng), params: {} })) as unknown as ListData;

    const en = await list("en");
    expect(en.pageTitle).toMatch(/^Suppliers · /);
    expect(en.countries.map((c) => c.name)).toEqual(["Germany", "Malaysia", "Thailand"]);

    const de = await list("de");
    expect(de.pageTitle).toMatch(/^Lieferanten · /);
    expect(de.countries.map((c) => c.name)).toEqual(["Deutschland", "Malaysia", "Thailand"]);
    expect(de.rows.find((r) => r.externalId === "A")?.countryName).toBe("Malaysia");

    const th = await list("th");
    expect(th.pageTitle).toMatch(/^ผู้จัดหาสินค้า · /);
    // Thai collation: ไ (sorts as if after its consonant ท), ม, เ (as if after ย).
    expect(th.countries.map((c) => c.code)).toEqual(["TH", "MY", "DE"]);
    expect(th.countries.map((c) => c.name)).toEqual(["ไทย", "มาเลเซีย", "เยอรมนี"]);

    const page = (await supplierPage.loader({ request: get(`/suppliers/${my.id}`), context: await contextFor(db, company.viewer.user.id, company.org.id, "fr"), params: { supplierId: String(my.id) } })) as unknown as {
      pageTitle: string;
      supplier: { countryName: string };
    };
    expect(page.supplier.countryName).toBe("Malaisie");
    expect(page.pageTitle).toMatch(/^Estate A · Fournisseurs · /);
  });

  it("answer the observed-indicators form in the reader's language, its refusal too", async () => {
    const { db, company, my } = await setUp();
    const save = async (lng: string, form: Record<string, string>) =>
      responseOf(async () =>
        indicatorsPage.action({ request: post(`/suppliers/${my.id}/indicators`, form), context: await contextFor(db, company.member.user.id, company.org.id, lng), params: { supplierId: String(my.id) } }),
      );

    const de = (await (await save("de", { withholding_of_wages: "yes", note: "Lohnabrechnungen" })).json()) as { ok: boolean; message: string };
    expect(de.ok).toBe(true);
    expect(de.message).toMatch(/^Risikowert \d+,\d → \d+,\d \(.+\): Einbehaltung von Löhnen als vorhanden erfasst\.$/);

    const th = (await (await save("th", { withholding_of_wages: "yes", note: "" })).json()) as { changed: boolean; message: string };
    expect(th).toMatchObject({ changed: false, message: "ไม่มีการเปลี่ยนแปลง: ตัวชี้วัดทุกตัวมีค่าที่คุณเลือกอยู่แล้ว จึงไม่ได้คำนวณคะแนนใหม่" });

    const tooLong = await save("th", { debt_bondage: "yes", note: "x".repeat(501) });
    expect(tooLong.status).toBe(400);
    expect(((await tooLong.json()) as { errors: Record<string, string> }).errors.note).toBe("หมายเหตุมีได้ไม่เกิน 500 ตัวอักษร (หมายเหตุนี้มี 501 ตัวอักษร)");
    const tooLongEn = await save("en", { debt_bondage: "yes", note: "x".repeat(501) });
    expect(((await tooLongEn.json()) as { errors: Record<string, string> }).errors.note).toBe("The note may be up to 500 characters (this one has 501).");
  });

  it("keep the CSV export's machine headers in every language", async () => {
    const { db, company } = await setUp();
    const res = await responseOf(async () => supplierCsv.loader({ request: get("/suppliers.csv"), context: await contextFor(db, company.viewer.user.id, company.org.id, "de"), params: {} }));
    const text = await res.text();
    expect(text.split("\n")[0]).toMatch(/^\uFEFF?external_id,name,country,sector,products,/);
    expect(text).toContain(",MY,");
  });
});
