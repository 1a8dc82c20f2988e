/**
 * The import's stored texts in the reader's language (issue 18): a row's problems — row, column,
 * value and what was expected — are stored as catalog keys with their values and read in the
 * language of whoever opens the import page or downloads the problems CSV; a problem stored in
 * English before issue 18 is still shown, as it is. The same for why a check failed.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rawRun, type Db } from "#db/client";
import { imports } from "#db/schema";
import { confirmMapping, createImport } from "~/domain/import/imports.server";
import { FileRefused } from "~/domain/import/encoding.server";
import { runImportPhase } from "~/domain/import/run.server";
import { takeRateLimit } from "~/auth/rate-limit.server";
import * as importPage from "~/routes/imports.$importId";
import * as importsIndex from "~/routes/imports._index";
import * as errorsCsv from "~/routes/imports.$importId.errors[.csv]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, post, responseOf } from "../support/routes";

let n = 0;

/** A company's list uploaded, its mapping proposed but not yet confirmed. */
async function uploaded(db: Db, content: string) {
  const { org, member } = await makeOrgWithRoles(db, "company");
  const dir = path.join(TMP_DIR, `import-languages-${process.pid}-${Date.now()}-${n++}`);
  mkdirSync(dir, { recursive: true });
  const tempPath = path.join(dir, "list.csv.upload");
  writeFileSync(tempPath, content);
  const id = await createImport(db, member.actor, org.id, { kind: "suppliers", fileName: "list.csv", tempPath, uploadsDir: path.join(dir, "uploads") }, null);
  const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
  const contextIn = async (locale: string) => await contextFor(db, member.user.id, org.id, locale);
  return { id, imp, org, member, contextIn };
}

async function upload(db: Db, content: string) {
  const { id, imp, member, contextIn } = await uploaded(db, content);
  await confirmMapping(db, member.actor, id, imp.mapping);
  return { id, contextIn };
}

type Page = { imp: { failure: string | null; failureInEnglish: boolean }; issues: { rows: { row: number; column: string | null; message: string; english: boolean }[] } | null };

async function pageIn(id: number, contextIn: (locale: string) => Promise<unknown>, locale: string): Promise<Page> {
  return (await importPage.loader({ request: new Request(`http://localhost/imports/${id}`), context: (await contextIn(locale)) as never, params: { importId: String(id) } })) as unknown as Page;
}

async function csvIn(id: number, contextIn: (locale: string) => Promise<unknown>, locale: string): Promise<string[]> {
  const res = await responseOf(async () => errorsCsv.loader({ request: new Request(`http://localhost/imports/${id}/errors.csv`), context: (await contextIn(locale)) as never, params: { importId: String(id) } }));
  expect(res.status).toBe(200);
  return (await res.text()).replace(/^\ufeff/, "").split("\r\n");
}

const FILE = "name,country,workers\nAlpha Ltd,Narnia,10\n,MY,5\nBeta Ltd,MY,lots\nGamma Ltd,Malaysa,7\n";

describe("a row's problems in the reader's language", () => {
  it("reads the same stored problems in English, German and Thai on the import page: row, column, value and what was expected", async () => {
    const db = createTestDb();
    const { id, contextIn } = await upload(db, FILE);
    await runImportPhase(db, id, "analyse");
    const problems = async (locale: string) => (await pageIn(id, contextIn, locale)).issues!.rows.filter((r) => r.row > 1).map((r) => [r.row, r.column, r.message]);

    expect(await problems("en")).toEqual([
      [2, "country", '"Narnia" is not a known country — use an ISO code such as MY or the English name'],
      [3, "name", "name is required but empty"],
      [4, "workers", '"lots" is not valid for workers: expected a whole number'],
      [5, "country", '"Malaysa" is not a known country — did you mean Malaysia (MY)?'],
    ]);
    expect(await problems("de")).toEqual([
      [2, "country", "„Narnia“ ist kein bekanntes Land – verwenden Sie einen ISO-Code wie MY oder den Ländernamen"],
      [3, "name", "Name ist ein Pflichtfeld, aber leer"],
      [4, "workers", "„lots“ ist für Beschäftigte nicht gültig: erwartet wird eine ganze Zahl"],
      [5, "country", "„Malaysa“ ist kein bekanntes Land – meinten Sie Malaysia (MY)?"],
    ]);
    expect(await problems("th")).toEqual([
      [2, "country", '"Narnia" ไม่ใช่ประเทศที่รู้จัก — โปรดใช้รหัส ISO เช่น MY หรือชื่อประเทศ'],
      [3, "name", "ชื่อ เป็นข้อมูลที่ต้องกรอก แต่ว่างอยู่"],
      [4, "workers", '"lots" ไม่ถูกต้องสำหรับ จำนวนแรงงาน: ต้องเป็นจำนวนเต็ม'],
      [5, "country", '"Malaysa" ไม่ใช่ประเทศที่รู้จัก — หมายถึง มาเลเซีย (MY) หรือไม่'],
    ]);
    expect((await pageIn(id, contextIn, "de")).issues!.rows.every((r) => !r.english)).toBe(true);
  });

  it("writes the problems CSV's errors column in the reader's language, the file's own headings as uploaded", async () => {
    const db = createTestDb();
    const { id, contextIn } = await upload(db, FILE);
    await runImportPhase(db, id, "analyse");
    const de = await csvIn(id, contextIn, "de");
    expect(de[0]).toBe("name,country,workers,Fehler");
    expect(de[1]).toBe("Alpha Ltd,Narnia,10,country: „Narnia“ ist kein bekanntes Land – verwenden Sie einen ISO-Code wie MY oder den Ländernamen");
    expect(de[3]).toBe("Beta Ltd,MY,lots,workers: „lots“ ist für Beschäftigte nicht gültig: erwartet wird eine ganze Zahl");
    const th = await csvIn(id, contextIn, "th");
    expect(th[3]).toBe('Beta Ltd,MY,lots,"workers: ""lots"" ไม่ถูกต้องสำหรับ จำนวนแรงงาน: ต้องเป็นจำนวนเต็ม"');
    const en = await csvIn(id, contextIn, "en");
    expect(en[0]).toBe("name,country,workers,errors");
    expect(en[2]).toBe(",MY,5,name: name is required but empty");
  });

  it("still shows a problem stored in English before issue 18, as it is, marked as English", async () => {
    const db = createTestDb();
    const { id, contextIn } = await upload(db, FILE);
    await runImportPhase(db, id, "analyse");
    const old = "same supplier as row 2: the two rows are merged (values of this row win where both have one)";
    await rawRun(db, `insert into import_issues (import_id, row, severity, "column", value, message) values (?, 4, 'warning', null, null, ?)`, id, old);
    const page = await pageIn(id, contextIn, "de");
    expect(page.issues!.rows.find((r) => r.message === old)).toMatchObject({ row: 4, english: true });
    const csv = await csvIn(id, contextIn, "de");
    expect(csv[3]).toBe(`Beta Ltd,MY,lots,"workers: „lots“ ist für Beschäftigte nicht gültig: erwartet wird eine ganze Zahl; Warnung: ${old}"`);
  });

  it("says why a check failed in the reader's language, the file's refusal too; an older English failure as it is", async () => {
    const db = createTestDb();
    const { id, contextIn } = await upload(db, 'external_id,name,country\nS-1,"Harapan Sdn Bhd,MY\nS-2,Two,TH\n');
    await expect(runImportPhase(db, id, "analyse")).rejects.toThrow(FileRefused);
    const de = (await pageIn(id, contextIn, "de")).imp;
    expect(de.failure).toMatch(/^Die Prüfung ist fehlgeschlagen: Ein Wert in Anführungszeichen, der in Zeile 2 beginnt, wird nie geschlossen .*\. Es wurde nichts gespeichert\.$/);
    expect(de.failureInEnglish).toBe(false);
    expect((await pageIn(id, contextIn, "th")).imp.failure).toMatch(/^การตรวจสอบล้มเหลว: .* ไม่มีการบันทึกข้อมูลใด$/);
    await rawRun(db, `update imports set failure = ? where id = ?`, "The check was interrupted because the server restarted. Nothing was written. Check the file again.", id);
    expect((await pageIn(id, contextIn, "de")).imp).toMatchObject({ failure: "The check was interrupted because the server restarted. Nothing was written. Check the file again.", failureInEnglish: true });
  });
});

describe("the import's refusals in the reader's language", () => {
  it("refuses an unusable mapping and the organisation's 21st upload in German, from catalog keys with their values", async () => {
    const db = createTestDb();
    const { id, imp, org, contextIn } = await uploaded(db, FILE);
    const de = await contextIn("de");

    // The name column set to "ignore": the required field is named in German.
    const fields = Object.fromEntries(imp.mapping.map((key, i) => [`map-${i}`, key === "name" ? "" : (key ?? "")]));
    const mapping = await responseOf(() => importPage.action({ request: post(`/imports/${id}`, { intent: "analyse", ...fields }), context: de, params: { importId: String(id) } }));
    expect(mapping.status).toBe(400);
    expect(((await mapping.json()) as { errors: Record<string, string> }).errors.mapping).toBe("Keine Spalte ist Name zugeordnet, das ist aber ein Pflichtfeld.");

    // The rate limiter's refusal, shown beside the file field by the upload page.
    for (let i = 0; i < 20; i++) await takeRateLimit(db, "imports.upload", org.id);
    const limited = await responseOf(() => importsIndex.action({ request: post("/imports", { kind: "suppliers" }), context: de, params: {} }));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toMatch(/^\d+$/);
    expect(((await limited.json()) as { errors: Record<string, string> }).errors.file).toMatch(/^Ihre Organisation hat in den letzten 10 Minuten 20 Listen hochgeladen, so viele wie erlaubt; versuchen Sie es in 10 Minuten erneut\.$/);
  });
});
