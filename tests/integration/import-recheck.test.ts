/**
 * An import checked before another import of the same list was committed is checked again before
 * it writes (run.server.ts). What the import page and the activity log then say was imported must be
 * what that second check found and the commit wrote, not the first check's stale counts (issue 15,
 * item 8: show what actually happened).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, imports, suppliers } from "#db/schema";
import { confirmImport, confirmMapping, createImport } from "~/domain/import/imports.server";
import { decideNearDuplicate } from "~/domain/import/near-duplicates.server";
import { runImportPhase } from "~/domain/import/run.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { firstRow } from "../../db/client";

let sequence = 0;
async function checked(db: ReturnType<typeof createTestDb>, actor: Parameters<typeof createImport>[1], orgId: number, content: string) {
  const dir = path.join(TMP_DIR, `recheck-${process.pid}-${Date.now()}-${sequence++}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, "list.upload"), content);
  const id = await createImport(db, actor, orgId, { kind: "suppliers", fileName: "list.csv", tempPath: path.join(dir, "list.upload"), uploadsDir: path.join(dir, "uploads") }, null);
  await confirmMapping(db, actor, id, firstRow(await db.select().from(imports).where(eq(imports.id, id)))!.mapping);
  await runImportPhase(db, id, "analyse");
  return id;
}

describe("an import checked again before it writes", () => {
  it("records the counts of the new check, which match what was written", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const list = "external_id,name,country\nA-1,Alpha Ltd,MY\nA-2,Beta Ltd,TH\n";
    // Two uploads of the same list, both checked while the organisation has nothing: both "2 new".
    const first = await checked(db, member.actor, org.id, list);
    const second = await checked(db, member.actor, org.id, list);
    expect(firstRow(await db.select().from(imports).where(eq(imports.id, second)))!.counts).toMatchObject({ new: 2, unchanged: 0 });
    await confirmImport(db, member.actor, first);
    await runImportPhase(db, first, "commit");
    // The second is imported after the first: its rows are on the platform already.
    await confirmImport(db, member.actor, second);
    await runImportPhase(db, second, "commit");
    expect(await db.select().from(suppliers).where(eq(suppliers.orgId, org.id))).toHaveLength(2);
    const imported = firstRow(await db.select().from(imports).where(eq(imports.id, second)))!;
    expect(imported.status).toBe("imported");
    expect(imported.counts).toMatchObject({ rows: 2, valid: 2, new: 0, updated: 0, unchanged: 2 });
    const event = firstRow(await db.select().from(auditLog).where(and(eq(auditLog.action, "import.committed"), eq(auditLog.targetId, String(second)))))!;
    expect(event.details).toMatchObject({ counts: { new: 0, unchanged: 2 } });
  });

  it("keeps the person's merge of probable duplicates through the new check", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const erp = await checked(db, member.actor, org.id, readFileSync("fixtures/import-corpus/erp-near-duplicates.csv", "utf8"));
    await decideNearDuplicate(db, member.actor, erp, { row: "3", choice: "merge" });
    expect(firstRow(await db.select().from(imports).where(eq(imports.id, erp)))!.counts).toMatchObject({ new: 3, duplicates: 1 });
    // Another import of the supplier list is committed meanwhile.
    const other = await checked(db, member.actor, org.id, "external_id,name,country\nZ-1,Zeta Ltd,MY\n");
    await confirmImport(db, member.actor, other);
    await runImportPhase(db, other, "commit");
    await confirmImport(db, member.actor, erp);
    await runImportPhase(db, erp, "commit");
    expect(firstRow(await db.select().from(imports).where(eq(imports.id, erp)))!.counts).toMatchObject({ new: 3, duplicates: 1 });
    const rows = await db.select().from(suppliers).where(eq(suppliers.orgId, org.id));
    expect(rows.map((r) => r.externalId).sort()).toEqual(["V-201", "V-203", "V-204", "Z-1"]);
    expect(rows.find((r) => r.externalId === "V-201")!.products).toEqual(["Almonds", "Pistachios"]);
  });
});
