import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { writeSupplierFile } from "../../fixtures/generators/suppliers";
import { auditLog, imports, suppliers } from "#db/schema";
import { cancelImport, confirmImport, confirmMapping, createImport } from "~/domain/import/imports.server";
import { FileRefused } from "~/domain/import/encoding.server";
import { runImportPhase } from "~/domain/import/run.server";
import { storedText } from "~/domain/import/stored-text.server";
import { importsSettled } from "~/domain/import/jobs.server";
import { errorReport } from "~/domain/import/error-report.server";
import { Forbidden } from "~/domain/errors";
import { refusalOf } from "~/lib/http-errors.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, post, responseOf } from "../support/routes";
import * as importPage from "~/routes/imports.$importId";
import { databaseLocation, engineKind, firstRow, rawColumn } from "../../db/client";

let n = 0;
function tempCopy(content: string | Buffer, name = "list.csv"): { tempPath: string; fileName: string; uploadsDir: string } {
  const dir = path.join(TMP_DIR, `import-${process.pid}-${Date.now()}-${n++}`);
  mkdirSync(dir, { recursive: true });
  const tempPath = path.join(dir, `${name}.upload`);
  writeFileSync(tempPath, content);
  return { tempPath, fileName: name, uploadsDir: path.join(dir, "uploads") };
}

const LIST = [
  "external_id,name,country,workers_total,migrant_share,worker_paid_fees",
  "A-1,Kebun Harapan Sdn Bhd,MY,1200,35%,yes",
  "A-2,Nguyễn Seafood,Viet Nam,\"1,500\",0.4,no",
  "A-3,Broken Row,Atlantis,10,10%,x",
].join("\r\n");

async function importOnce(db: ReturnType<typeof createTestDb>, actor: Parameters<typeof createImport>[1], orgId: number, content: string) {
  const id = await createImport(db, actor, orgId, { kind: "suppliers", ...tempCopy(content) }, null);
  const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
  await confirmMapping(db, actor, id, imp.mapping);
  const analysed = await runImportPhase(db, id, "analyse");
  await confirmImport(db, actor, id);
  await runImportPhase(db, id, "commit");
  return { id, analysed };
}

describe("list import", () => {
  it("imports the valid rows, reports the invalid one, and records everything in the audit log", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const { id, analysed } = await importOnce(db, member.actor, org.id, LIST);
    expect(analysed).toMatchObject({ rows: 3, valid: 2, invalid: 1, new: 2 });
    const rows = await db.select().from(suppliers);
    expect(rows.map((r) => r.name).sort()).toEqual(["Kebun Harapan Sdn Bhd", "Nguyễn Seafood"]);
    expect(rows.find((r) => r.externalId === "A-2")).toMatchObject({ country: "VN", workersTotal: 1500, migrantShare: 0.4, indicators: { worker_paid_fees: false } });
    const actions = (await db.select({ a: auditLog.action }).from(auditLog)).map((r) => r.a);
    expect(actions).toEqual(expect.arrayContaining(["import.uploaded", "import.analysed", "import.committed"]));
    const report = await new Response((await errorReport(db, member.actor, id)).body).text();
    expect(report).toContain('A-3,Broken Row,Atlantis,10,10%,x,"country: ""Atlantis"" is not a known country');
    expect(report.split("\r\n")[0]).toBe("external_id,name,country,workers_total,migrant_share,worker_paid_fees,errors");
  });

  it("is idempotent: the same file again changes nothing and reports every row unchanged", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    await importOnce(db, member.actor, org.id, LIST);
    const before = JSON.stringify(await db.select().from(suppliers));
    const { analysed } = await importOnce(db, member.actor, org.id, LIST);
    expect(analysed).toMatchObject({ valid: 2, new: 0, updated: 0, unchanged: 2 });
    expect(JSON.stringify(await db.select().from(suppliers))).toBe(before);
  });

  it("matches rows without ids by normalised name and country, and never erases a value with an empty cell", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    await importOnce(db, member.actor, org.id, "name,country,workers_total\r\n\"Acme Fishing Co., Ltd.\",TH,100\r\n");
    const { analysed } = await importOnce(db, member.actor, org.id, "name,country,workers_total,sector\r\nACME FISHING CO LTD,Thailand,,Fishing\r\n");
    expect(analysed).toMatchObject({ new: 0, updated: 1 });
    const rows = await db.select().from(suppliers);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ workersTotal: 100, sector: "Fishing" });
  });

  it("keeps another organisation's import invisible (404) and refuses a viewer (403)", async () => {
    const db = createTestDb();
    const a = await makeOrgWithRoles(db, "company");
    const b = await makeOrgWithRoles(db, "company");
    const id = await createImport(db, a.member.actor, a.org.id, { kind: "suppliers", ...tempCopy(LIST) }, null);
    const status = async (fn: () => unknown) => {
      try {
        await fn();
        return "no error";
      } catch (e) {
        // Domain functions refuse with typed errors; the status is what the one mapping answers.
        return refusalOf(e)?.status ?? e;
      }
    };
    expect(await status(async () => await cancelImport(db, b.admin.actor, id, null))).toBe(404);
    expect(await status(async () => await errorReport(db, b.admin.actor, id))).toBe(404);
    expect(await status(async () => await cancelImport(db, a.viewer.actor, id, null))).toBe(403);
    await expect(createImport(db, a.viewer.actor, a.org.id, { kind: "suppliers", ...tempCopy(LIST) }, null)).rejects.toBeInstanceOf(Forbidden);
  });

  it("leaves no partial import when the process is killed in the middle of the commit, and a retry gives the full result", { timeout: 120_000 }, async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const source = path.join(TMP_DIR, `kill-${process.pid}.csv`);
    await writeSupplierFile(source, 150_000);
    const upload = tempCopy("");
    copyFileSync(source, upload.tempPath);
    const id = await createImport(db, member.actor, org.id, { kind: "suppliers", ...upload }, null);
    const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
    await confirmMapping(db, member.actor, id, imp.mapping);
    await runImportPhase(db, id, "analyse");
    await confirmImport(db, member.actor, id);

    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/commit-child.ts", databaseLocation(db), String(id)], { stdio: ["ignore", "pipe", "inherit"] });
    let output = "";
    await new Promise<void>((resolve) => {
      child.stdout.on("data", (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("committing")) setTimeout(() => resolve(), 250);
      });
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("exit", resolve));
    expect(output).not.toContain("committed");

    if (engineKind(db) === "sqlite") expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    expect(await db.select().from(suppliers)).toHaveLength(0);
    expect((await db.select().from(imports)).find((i) => i.id === id)?.status).toBe("importing");

    // What the server does at start-up, then the user runs the import again.
    const { recoverInterruptedImports } = await import("~/domain/import/imports.server");
    expect(await recoverInterruptedImports(db)).toBe(1);
    await confirmImport(db, member.actor, id);
    await runImportPhase(db, id, "commit");
    expect(await rawColumn(db, "select count(*) from suppliers")).toEqual([150_000]);
  });
});

describe("list import, awkward files", () => {
  it("counts a file that repeats a record as unchanged on re-upload, but not a file with only one of its rows", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const twice = "external_id,name,country,workers_total\nA-1,Acme,MY,100\nA-1,Acme,MY,200\n";
    const first = await importOnce(db, member.actor, org.id, twice);
    expect(first.analysed).toMatchObject({ new: 1, duplicates: 1 });
    expect(firstRow(await db.select().from(suppliers))?.workersTotal).toBe(200);
    expect((await importOnce(db, member.actor, org.id, twice)).analysed).toMatchObject({ new: 0, updated: 0, unchanged: 1, duplicates: 1 });
    expect((await importOnce(db, member.actor, org.id, "external_id,name,country,workers_total\nA-1,Acme,MY,100\n")).analysed).toMatchObject({ updated: 1, unchanged: 0 });
    expect(firstRow(await db.select().from(suppliers))?.workersTotal).toBe(100);
  });

  it("takes the first line with content as the header, and reads mixed line endings row by row", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const { analysed } = await importOnce(db, member.actor, org.id, "\r\nexternal_id,name,country\r\nM-1,One,MY\r\nM-2,Two,TH\nM-3,Three,VN\r\n");
    expect(analysed).toMatchObject({ rows: 3, valid: 3, invalid: 0 });
    expect((await db.select().from(suppliers)).map((s) => s.externalId).sort()).toEqual(["M-1", "M-2", "M-3"]);
  });

  it("refuses a file whose quote never closes instead of swallowing the rest of the file", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const id = await createImport(db, member.actor, org.id, { kind: "suppliers", ...tempCopy('external_id,name,country\nS-1,"Harapan Sdn Bhd,MY\nS-2,Two,TH\nS-3,Three,VN\n') }, null);
    const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
    await confirmMapping(db, member.actor, id, imp.mapping);
    await expect(runImportPhase(db, id, "analyse")).rejects.toThrow(FileRefused);
    const after = (await db.select().from(imports)).find((i) => i.id === id)!;
    expect(after.status).toBe("uploaded");
    expect(storedText("en", after.failure!)).toMatch(/^The check failed: A quoted value that starts in row 2 never closes .*[^.]\. Nothing was written\.$/);
    expect(storedText("de", after.failure!)).toMatch(/^Die Prüfung ist fehlgeschlagen: .*[^.]\. Es wurde nichts gespeichert\.$/);
    expect(await db.select().from(suppliers)).toHaveLength(0);
  });
});

describe("the import page's forms (through the route action)", () => {
  it("refuses a mapping with no column for a required field: 400 beside the mapping, the choices kept, nothing stored or started; the corrected form is taken", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const id = await createImport(db, member.actor, org.id, { kind: "suppliers", ...tempCopy(LIST) }, null);
    const before = (await db.select().from(imports)).find((i) => i.id === id)!;
    const nameColumn = before.mapping.indexOf("name");
    expect(nameColumn).toBeGreaterThanOrEqual(0);
    const fields = Object.fromEntries(before.mapping.map((key, i) => [`map-${i}`, i === nameColumn ? "" : (key ?? "")]));
    const context = await contextFor(db, member.user.id, org.id);
    const send = (form: Record<string, string>) => responseOf(() => importPage.action({ request: post(`/imports/${id}`, form), context, params: { importId: String(id) } }));

    const res = await send({ intent: "analyse", ...fields });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { ok: boolean; errors: Record<string, string>; values: Record<string, string>; intent: string };
    expect(body).toMatchObject({ ok: false, intent: "analyse", values: { [`map-${nameColumn}`]: "" } });
    expect(body.errors.mapping).toBe("No column is mapped to Name, which is required.");
    const after = (await db.select().from(imports)).find((i) => i.id === id)!;
    expect(after).toMatchObject({ status: "uploaded", mapping: before.mapping, counts: null });
    expect(await rawColumn(db, "select count(*) from import_mappings")).toEqual([0]);
    expect(await rawColumn(db, "select count(*) from jobs")).toEqual([0]);

    // An unknown request, or a column sent twice, is a message for the form: 400, not a 500.
    const unknown = await send({ intent: "delete-everything" });
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: Record<string, string> }).errors).toEqual({ form: "Unknown action." });
    const twice = await responseOf(() => importPage.action({ request: new Request(`http://localhost/imports/${id}`, { method: "POST", body: new URLSearchParams([["intent", "analyse"], ["map-0", "name"], ["map-0", "country"]]) }), context, params: { importId: String(id) } }));
    expect(twice.status).toBe(400);
    expect(((await twice.json()) as { errors: Record<string, string> }).errors).toHaveProperty("map-0");
    expect((await db.select().from(imports)).find((i) => i.id === id)).toMatchObject({ status: "uploaded", mapping: before.mapping });

    // The same form with the name mapped is taken: the mapping is stored and the check runs.
    const ok = await send({ intent: "analyse", ...fields, [`map-${nameColumn}`]: "name" });
    expect(ok.status).toBe(302);
    expect(ok.headers.get("location")).toBe(`/imports/${id}`);
    await importsSettled();
    expect((await db.select().from(imports)).find((i) => i.id === id)).toMatchObject({ status: "analysed", mapping: before.mapping, counts: { rows: 3, valid: 2, invalid: 1 } });
  });
});
