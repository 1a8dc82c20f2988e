/**
 * The platform administrator's methodology and reference-data forms answer in the reader's
 * language (issue 18): refusals from the domain travel as catalog keys and come back in German or
 * Thai, a table's row problems are each put in words, a parameter's name in a refusal and the
 * differences of a draft are the reader's, with the reader's number format.
 */
import { mkdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { seedDemo } from "#db/seed";
import * as draftPage from "~/routes/admin.methodology_.new";
import * as versionsPage from "~/routes/admin.methodology";
import * as referencePage from "~/routes/admin.reference._index";
import * as synonymsPage from "~/routes/admin.reference.products";
import { createTestDb } from "../support/db";
import { makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

type Failure = { ok: false; errors: Record<string, string> };

async function world() {
  const db = createTestDb();
  const admin = await makeUser(db, { platformAdmin: true });
  const as = (lng: string) => contextFor(db, admin.id, null, lng);
  return { db, as };
}

const answer = async (fn: () => unknown) => {
  const res = await responseOf(fn);
  return { status: res.status, body: (await res.json()) as Failure & Record<string, unknown> };
};

describe("the administrator's reference and methodology forms in the reader's language", () => {
  it("refuse a product synonym in German and Thai", async () => {
    const { as } = await world();
    const add = async (lng: string) => answer(async () => synonymsPage.action({ request: post("/admin/reference/products", { intent: "add", term: "", good: "" }), context: await as(lng), params: {} }));
    const de = await add("de");
    expect(de.status).toBe(400);
    expect(de.body.errors.term).toBe("Schreiben Sie das Produkt so, wie es auf Listen steht, z. B. „frozen prawns“.");
    const th = await add("th");
    expect(th.body.errors.term).toBe("เขียนชื่อสินค้าตามที่ปรากฏในรายชื่อ เช่น “frozen prawns”");
    const unknown = await answer(async () => synonymsPage.action({ request: post("/admin/reference/products", { intent: "rename" }), context: await as("th"), params: {} }));
    expect(Object.values(unknown.body.errors)).toEqual(["ไม่รู้จักการดำเนินการนี้"]);
  });

  it("list an uploaded table's row problems in German and Thai", async () => {
    const { as } = await world();
    mkdirSync("tests/.tmp/uploads", { recursive: true });
    const upload = async (lng: string) => {
      const form = new FormData();
      form.set("kind", "country_index");
      form.set("name", "Test index");
      form.set("edition", "2026");
      form.set("file", new File(["# Test index 2026\niso2,value\nXX,40\nIN,140\n"], "index.csv", { type: "text/csv" }));
      return answer(async () => referencePage.action({ request: new Request("http://localhost/admin/reference", { method: "POST", body: form }), context: await as(lng), params: {} }));
    };
    const de = await upload("de");
    expect(de.status).toBe(400);
    expect(de.body.errors.file).toBe("Die Tabelle hat Fehler: Zeile 2, iso2: „XX“ ist kein Ländercode nach ISO 3166-1 Alpha-2; Zeile 3, value: „140“ muss eine Zahl von 0 bis 100 sein.");
    const th = await upload("th");
    expect(th.body.errors.file).toBe('ตารางมีปัญหา: แถว 2, iso2: "XX" ไม่ใช่รหัสประเทศ ISO 3166-1 alpha-2; แถว 3, value: "140" ต้องเป็นตัวเลขตั้งแต่ 0 ถึง 100');
    const en = await upload("en");
    expect(en.body.errors.file).toBe('The table has problems: row 2, iso2: "XX" is not an ISO 3166-1 alpha-2 country code; row 3, value: "140" should be a number from 0 to 100.');
  });

  it("refuse a methodology definition and a drafted parameter in German and Thai, naming the parameter in that language", async () => {
    const { db, as } = await world();
    await seedDemo(db);
    const empty = await answer(async () => versionsPage.action({ request: post("/admin/methodology", { intent: "add", definition: " " }), context: await as("de"), params: {} }));
    expect(empty.body.errors.definition).toBe("Fügen Sie die Definition der neuen Methode ein (JSON, im Format von fixtures/methodology/v1.json).");
    const notJson = await answer(async () => versionsPage.action({ request: post("/admin/methodology", { intent: "add", definition: "{" }), context: await as("th"), params: {} }));
    expect(notJson.body.errors.definition).toMatch(/^ไฟล์นี้ไม่ใช่ JSON ที่ถูกต้อง: /);
    // The schema's own rules in the reader's language, each at its path; zod's type messages stay technical.
    const broken = JSON.parse(readFileSync("fixtures/methodology/v1.json", "utf8")) as Record<string, unknown>;
    Object.assign(broken, { version: "next", effective: "1 May", bands: { medium: 50, high: 40, critical: 90 } });
    const refused = await answer(async () => versionsPage.action({ request: post("/admin/methodology", { intent: "add", definition: JSON.stringify(broken) }), context: await as("de"), params: {} }));
    expect(refused.body.errors.definition).toBe(
      "Die Methode ist nicht gültig: version: erwartet wird eine Versionsnummer wie 1.1; effective: erwartet wird ein Datum im Format JJJJ-MM-TT; bands: die Stufen müssen ansteigen: 0 < mittel < hoch < kritisch ≤ 100.",
    );
    // Previewing the activation of the version in force is refused as activating it is.
    const active = (await versionsPage.loader({ request: get("/admin/methodology"), context: await as("de"), params: {} })).versions.find((v) => v.status === "active")!;
    const again = await answer(async () => versionsPage.action({ request: post("/admin/methodology", { intent: "activate", id: String(active.id) }), context: await as("de"), params: {} }));
    expect(again.body.errors.methodology).toBe(`Version ${active.version} ist bereits die geltende Methode; nur ein Entwurf kann aktiviert werden.`);

    const start = ((await draftPage.loader({ request: get("/admin/methodology/new"), context: await as("de"), params: {} })) as { pageTitle: string; start: { parameters: { key: string; value: number | boolean }[]; suggested: { version: string; name: string } } })
      .start;
    const form = (lng: string, intent: string, changes: Record<string, string>) => {
      const body = new URLSearchParams({ intent, version: start.suggested.version, name: start.suggested.name, effective: "2026-12-01", summary: "Test." });
      for (const p of start.parameters) {
        if (typeof p.value === "number") body.set(p.key, String(p.value));
        else if (p.value) body.set(p.key, "on");
      }
      for (const [k, v] of Object.entries(changes)) body.set(k, v);
      return answer(async () => draftPage.action({ request: new Request("http://localhost/admin/methodology/new", { method: "POST", body }), context: await as(lng), params: {} }));
    };
    const de = await form("de", "save", { "bands.high": "abc", "supplier.country.weight": "150" });
    expect(de.status).toBe(400);
    expect(de.body.errors["bands.high"]).toBe("Beginn der Stufe „hoch“: Geben Sie eine Zahl von 1 bis 100 ein („abc“ ist keine Zahl).");
    expect(de.body.errors["supplier.country.weight"]).toBe("Länderkontext: 150 liegt außerhalb von 0–100.");
    const th = await form("th", "save", { "bands.critical": "45" });
    expect(th.body.errors["bands.critical"]).toBe("ระดับวิกฤตต้องเริ่มเหนือระดับสูง (50)");

    // A preview's differences in German, with a decimal comma.
    const preview = (await form("de", "preview", { "bands.high": "60.5" })).body as unknown as { differences: string[] };
    expect(preview.differences).toEqual(["Beginn der Stufe „hoch“: 60,5 (bisher 50; plus 10,5)."]);
  });
});
