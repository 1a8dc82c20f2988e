/**
 * Probable duplicates inside one file (issue 15, item 6): the check warns, and the person merges
 * the pair or keeps both through the check page's form (a plain POST, no JavaScript), before
 * importing. Real database, real upload, real route action.
 */
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { rawAll, rawColumn, type Db } from "#db/client";
import { imports, suppliers } from "#db/schema";
import { createImport } from "~/domain/import/imports.server";
import { nearDuplicateChoices, nearDuplicatePairs, reapplyNearDuplicateChoices } from "~/domain/import/near-duplicates.server";
import { runImportPhase } from "~/domain/import/run.server";
import { storedText } from "~/domain/import/stored-text.server";
import * as importPage from "~/routes/imports.$importId";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, post, responseOf } from "../support/routes";


const FILE = path.resolve("fixtures/import-corpus/erp-near-duplicates.csv");
let n = 0;

async function checked(db: Db) {
  const { org, member } = await makeOrgWithRoles(db, "company");
  const dir = path.join(TMP_DIR, `near-duplicates-${process.pid}-${Date.now()}-${n++}`);
  mkdirSync(dir, { recursive: true });
  const tempPath = path.join(dir, "erp.csv.upload");
  copyFileSync(FILE, tempPath);
  const id = await createImport(db, member.actor, org.id, { kind: "suppliers", fileName: "erp.csv", tempPath, uploadsDir: path.join(dir, "uploads") }, null);
  await runImportPhase(db, id, "analyse");
  const context = await contextFor(db, member.user.id, org.id);
  const choose = (fields: Record<string, string>) =>
    responseOf(() => importPage.action({ request: post(`/imports/${id}`, { intent: "duplicate", ...fields }), context, params: { importId: String(id) } }));
  return { org, member, id, context, choose };
}

const countsOf = async (db: Db, id: number) => (await db.select().from(imports)).find((i) => i.id === id)!.counts;
const staged = async (db: Db, id: number) =>
  await rawAll<{ row: number; external_id: string; products: string }>(db, "select row, external_id, products from staged_suppliers where import_id = ? order by row", id);

describe("probable duplicates inside one file", () => {
  it("lists the pair on the check page; merging combines the products into the first row's record", async () => {
    const db = createTestDb();
    const { member, id, context, choose } = await checked(db);
    expect(await nearDuplicatePairs(db, member.actor, id)).toEqual([{ row: 3, of: 2, name: "Acme Farms Inc", state: "open" }]);
    const page = (await importPage.loader({ request: new Request(`http://localhost/imports/${id}`), context, params: { importId: String(id) } })) as { nearDuplicates: unknown[] };
    expect(page.nearDuplicates).toHaveLength(1);

    const res = await choose({ row: "3", choice: "merge" });
    expect(res.status).toBe(302);
    expect(await nearDuplicatePairs(db, member.actor, id)).toEqual([{ row: 3, of: 2, name: "Acme Farms Inc", state: "merged" }]);
    expect(await countsOf(db, id)).toMatchObject({ rows: 4, valid: 4, new: 3, duplicates: 1 });
    expect((await staged(db, id)).map((r) => [r.row, r.external_id, JSON.parse(r.products)])).toEqual([
      [2, "V-201", ["Almonds", "Pistachios"]],
      [4, "V-203", ["Grapes"]],
      [5, "V-204", ["Raisins"]],
    ]);
    const message = (await rawColumn<string>(db, "select message from import_issues where import_id = ? and row = 3 and lower(message) like '%duplicate%'", id))[0]!;
    expect(storedText("en", message)).toContain("merged into row 2 (products combined");
    // Who merged which row is in the activity log; a refused second merge adds nothing.
    const logged = async () => await rawAll<{ actor: number; details: string }>(db, `select actor_user_id as actor, details from audit_log where action = 'import.duplicate_decided' and target_id = ?`, String(id));
    expect((await logged()).map((e) => [e.actor, JSON.parse(e.details)])).toEqual([[member.user.id, { row: 3, choice: "merge" }]]);

    // Merged once is merged: a second merge is refused with a reason, not a 500.
    const again = await choose({ row: "3", choice: "merge" });
    expect(again.status).toBe(400);
    expect(await again.text()).toContain("already merged into row 2");
    expect(await logged()).toHaveLength(1);

    await runImportPhase(db, id, "commit");
    const rows = await db.select().from(suppliers);
    expect(rows.map((r) => r.externalId).sort()).toEqual(["V-201", "V-203", "V-204"]);
    expect(rows.find((r) => r.externalId === "V-201")).toMatchObject({ name: "ACME FARMS, INC.", address: "Fresno", country: "US", products: ["Almonds", "Pistachios"] });
  });

  it("keeps both when asked to, and says so", async () => {
    const db = createTestDb();
    const { member, id, choose } = await checked(db);
    expect((await choose({ row: "3", choice: "keep" })).status).toBe(302);
    expect(await nearDuplicatePairs(db, member.actor, id)).toEqual([{ row: 3, of: 2, name: "Acme Farms Inc", state: "kept" }]);
    expect(await countsOf(db, id)).toMatchObject({ new: 4, duplicates: 0 });
    // Keeping both can still be changed to a merge before importing.
    expect((await choose({ row: "3", choice: "merge" })).status).toBe(302);
    expect(await countsOf(db, id)).toMatchObject({ new: 3, duplicates: 1 });
  });

  it("keeps the choices when the file is checked again before the import (another import of the list came first)", async () => {
    const db = createTestDb();
    const { member, id, choose } = await checked(db);
    expect((await choose({ row: "3", choice: "merge" })).status).toBe(302);
    const choices = await nearDuplicateChoices(db, id);
    expect(choices).toEqual([{ row: 3, choice: "merge" }]);
    await runImportPhase(db, id, "analyse");
    expect(await countsOf(db, id)).toMatchObject({ new: 4, duplicates: 0 });
    await reapplyNearDuplicateChoices(db, id, choices);
    expect(await countsOf(db, id)).toMatchObject({ new: 3, duplicates: 1 });
    expect(await nearDuplicatePairs(db, member.actor, id)).toEqual([{ row: 3, of: 2, name: "Acme Farms Inc", state: "merged" }]);
    expect((await staged(db, id)).map((r) => JSON.parse(r.products) as string[])).toEqual([["Almonds", "Pistachios"], ["Grapes"], ["Raisins"]]);
  });

  it.each([
    [{ row: "abc", choice: "merge" }, "Choose a row."],
    [{ row: "3", choice: "delete" }, "Choose to merge the two rows or keep both."],
    [{ row: "2", choice: "merge" }, "Row 2 is not a probable duplicate in this check."],
    [{ row: "99", choice: "keep" }, "Row 99 is not a probable duplicate in this check."],
  ])("refuses %o with a message and changes nothing", async (fields, message) => {
    const db = createTestDb();
    const { id, choose } = await checked(db);
    const before = JSON.stringify(await staged(db, id));
    const res = await choose(fields);
    expect(res.status).toBe(400);
    expect(await res.text()).toContain(message);
    expect(JSON.stringify(await staged(db, id))).toBe(before);
    expect(await countsOf(db, id)).toMatchObject({ new: 4, duplicates: 0 });
  });

  it("answers 404 to another organisation, and refuses once the import is done", async () => {
    const db = createTestDb();
    const { id, choose } = await checked(db);
    const other = await makeOrgWithRoles(db, "company");
    const res = await responseOf(async () =>
      importPage.action({ request: post(`/imports/${id}`, { intent: "duplicate", row: "3", choice: "merge" }), context: await contextFor(db, other.admin.user.id, other.org.id), params: { importId: String(id) } }),
    );
    expect(res.status).toBe(404);
    await runImportPhase(db, id, "commit");
    const late = await choose({ row: "3", choice: "merge" });
    expect(late.status).toBe(400);
    expect(await late.text()).toContain("only be merged or kept on a checked import that was not imported yet");
  });
});
