/**
 * Every streamed response must end (issue 15, item 1). Each download route is served over real
 * HTTP (a node:http server writing the route's Response the way the Remix adapter does) and read
 * to its end by fetch, on files with and without a final newline and on row counts either side of
 * the routes' chunk sizes. A body that stops without ending fails with the bytes it sent, instead
 * of hanging the test run.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { writeReadableStreamToWritable } from "@remix-run/node";
import { afterEach, describe, expect, it } from "vitest";
import type { Db } from "#db/client";
import { auditEvents, auditLog, audits, auditTeam, contests, evidence, findings, imports, reports, suppliers } from "#db/schema";
import { createFeed, feedCalendar } from "~/domain/audits/calendar.server";
import { confirmImport, confirmMapping, createImport } from "~/domain/import/imports.server";
import { runImportPhase } from "~/domain/import/run.server";
import * as auditLogCsv from "~/routes/activity-log[.csv]";
import * as calendarFeed from "~/routes/calendar.$feed";
import * as contestEvidence from "~/routes/contests.$contestId.evidence";
import * as evidenceFile from "~/routes/evidence.$evidenceId";
import * as errorsCsv from "~/routes/imports.$importId.errors[.csv]";
import * as templateCsv from "~/routes/imports.template.$kind[.csv]";
import * as reportFile from "~/routes/reports.$reportId.file";
import * as suppliersCsv from "~/routes/suppliers[.csv]";
import { createTestDb } from "../support/db";
import { makeOrg, makeOrgWithRoles, makeUser } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, responseOf } from "../support/routes";
import { onlyRow, rawColumn } from "#db/client";

/** Long enough for any of these small bodies on a loaded machine; only a body that never ends reaches it. */
const HANG_AFTER_MS = 15_000;

type Handler = (request: Request) => unknown;
const servers: Server[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => new Promise((resolve) => s.close(resolve))));
});

/** Serves `handler` on a real port and downloads `url` from it to the end of the body. */
async function download(handler: Handler, url: string): Promise<{ status: number; headers: Headers; bytes: Buffer; text: string }> {
  const server = createServer((req, res) => {
    void (async () => {
      const response = await responseOf(() => handler(new Request(`http://localhost${req.url}`)));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) await writeReadableStreamToWritable(response.body, res);
      else res.end();
    })().catch((error: unknown) => {
      res.destroy(error instanceof Error ? error : new Error(String(error)));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), HANG_AFTER_MS);
  const chunks: Buffer[] = [];
  try {
    const res = await fetch(`http://127.0.0.1:${port}${url}`, { signal: controller.signal });
    const reader = res.body!.getReader();
    for (;;) {
      let next: ReadableStreamReadResult<Uint8Array>;
      try {
        next = await reader.read();
      } catch (error) {
        const received = Buffer.concat(chunks);
        if (controller.signal.aborted) throw new Error(`the body never ended: ${received.length} bytes arrived, then nothing for ${HANG_AFTER_MS} ms: ${JSON.stringify(received.toString("utf8").slice(-200))}`);
        throw error;
      }
      if (next.done) break;
      chunks.push(Buffer.from(next.value));
    }
    const bytes = Buffer.concat(chunks);
    return { status: res.status, headers: res.headers, bytes, text: bytes.toString("utf8") };
  } finally {
    clearTimeout(timer);
  }
}

let sequence = 0;
function workDir(): string {
  const dir = path.join(TMP_DIR, `streams-${process.pid}-${Date.now()}-${sequence++}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Uploads `content` as a supplier list and runs the check, as the import page does. */
async function checkedImport(db: Db, content: string, name = "list.csv") {
  const { org, member } = await makeOrgWithRoles(db, "company");
  const dir = workDir();
  const tempPath = path.join(dir, `${name}.upload`);
  writeFileSync(tempPath, content);
  const id = await createImport(db, member.actor, org.id, { kind: "suppliers", fileName: name, tempPath, uploadsDir: path.join(dir, "uploads") }, null);
  const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
  await confirmMapping(db, member.actor, id, imp.mapping);
  await runImportPhase(db, id, "analyse");
  return { id, org, member, context: await contextFor(db, member.user.id, org.id) };
}

const BOM = "\ufeff";

describe("the import error report (CSV) ends", () => {
  // The report of issue 15: the last row has no problem and the file no final newline.
  const cases: { title: string; content: string; report: string[] }[] = [
    { title: "no final newline, last row fine (the reported hang)", content: "name,country\nAlpha Ltd,GB\nBeta Ltd,Narnia\nGamma Ltd,GB", report: ["name,country,errors", 'Beta Ltd,Narnia,"country: ""Narnia"" is not a known country'] },
    { title: "final newline, last row fine", content: "name,country\nAlpha Ltd,GB\nBeta Ltd,Narnia\nGamma Ltd,GB\n", report: ["name,country,errors", 'Beta Ltd,Narnia,"country: ""Narnia"" is not a known country'] },
    { title: "no final newline, last row with a problem", content: "name,country\nAlpha Ltd,GB\nBeta Ltd,Narnia", report: ["name,country,errors", 'Beta Ltd,Narnia,"country: ""Narnia"" is not a known country'] },
    { title: "CRLF, no final newline, last row fine", content: "name,country\r\nBeta Ltd,Narnia\r\nGamma Ltd,GB", report: ["name,country,errors", 'Beta Ltd,Narnia,"country: ""Narnia"" is not a known country'] },
    { title: "no problem at all, no final newline", content: "name,country\nAlpha Ltd,GB\nGamma Ltd,GB", report: ["name,country,errors"] },
  ];
  it.each(cases)("$title", async ({ content, report }) => {
    const db = createTestDb();
    const { id, context } = await checkedImport(db, content);
    const res = await download((request) => errorsCsv.loader({ request, context, params: { importId: String(id) } }), `/imports/${id}/errors.csv`);
    expect(res.status).toBe(200);
    expect(res.text.startsWith(BOM)).toBe(true);
    const lines = res.text.slice(1).split("\r\n");
    expect(lines.pop()).toBe(""); // ends with a complete line
    expect(lines).toHaveLength(report.length);
    lines.forEach((line, i) => expect(line.startsWith(report[i]!), line).toBe(true));
  });

  // A 60,000-row file checked and imported: longer than the default timeout on a loaded machine.
  it("ends for a file of many batches whose last problem is far from its end, and after the import too", { timeout: 90_000 }, async () => {
    const db = createTestDb();
    // Several read chunks of the file, the one bad row in the first; no final newline.
    const rows = Array.from({ length: 60_000 }, (_, i) => `Supplier number ${i} with a long enough name Ltd,${i === 5 ? "Narnia" : "MY"}`);
    const { id, member, context } = await checkedImport(db, ["name,country", ...rows].join("\n"));
    await confirmImport(db, member.actor, id);
    await runImportPhase(db, id, "commit");
    const res = await download((request) => errorsCsv.loader({ request, context, params: { importId: String(id) } }), `/imports/${id}/errors.csv`);
    const lines = res.text.slice(1).split("\r\n");
    expect(lines).toHaveLength(3);
    expect(lines[0]).toBe("name,country,errors");
    expect(lines[1]).toMatch(/^Supplier number 5 with a long enough name Ltd,Narnia,"country: ""Narnia"" is not a known country[^"]*"$/);
    expect(lines[2]).toBe("");
  });
});

describe("the import error report when the stored file is gone", () => {
  it("answers 410 with a message before any of the body, not a download cut short", async () => {
    const db = createTestDb();
    const { id, context } = await checkedImport(db, "name,country\nBeta Ltd,Narnia\n");
    rmSync((await db.select().from(imports)).find((i) => i.id === id)!.filePath);
    const res = await download((request) => errorsCsv.loader({ request, context, params: { importId: String(id) } }), `/imports/${id}/errors.csv`);
    expect(res.status).toBe(410);
    expect(res.text).toContain("no longer stored");
  });
});

describe("the supplier export (CSV) ends", () => {
  // The route sends 2,000 rows a pull (the header counts in the first): around the boundaries.
  it.each([0, 1, 1999, 2000, 2001, 4000])("with %i suppliers", async (count) => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    for (let i = 0; i < count; i += 500) {
      await db.insert(suppliers)
                .values(Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ orgId: org.id, externalId: `S-${String(i + k).padStart(5, "0")}`, name: `Supplier ${i + k}`, country: "MY" })));
    }
    const context = await contextFor(db, member.user.id, org.id);
    const res = await download((request) => suppliersCsv.loader({ request, context, params: {} }), "/suppliers.csv?sort=name");
    expect(res.status).toBe(200);
    const lines = res.text.replace(/^\ufeff/, "").split("\r\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(count + 1);
    expect(new Set(lines.slice(1).map((l) => /S-\d{5}/.exec(l)?.[0])).size).toBe(count);
  });
});

describe("the audit log export (CSV) ends", () => {
  it.each([0, 1998, 1999, 2000, 4001])("with %i more entries", async (count) => {
    const db = createTestDb();
    const { org, admin } = await makeOrgWithRoles(db, "company");
    const before = (await rawColumn<number>(db, "select count(*) from audit_log where org_id = ?", org.id))[0]!;
    for (let i = 0; i < count; i += 500) {
      await db.insert(auditLog)
                .values(Array.from({ length: Math.min(500, count - i) }, (_, k) => ({ action: "import.uploaded", orgId: org.id, actorUserId: admin.user.id, at: new Date(), details: { n: i + k } })));
    }
    const context = await contextFor(db, admin.user.id, org.id);
    const res = await download((request) => auditLogCsv.loader({ request, context, params: {} }), "/activity-log.csv");
    expect(res.status).toBe(200);
    const lines = res.text.split("\r\n");
    expect(lines.pop()).toBe("");
    // The header, every entry, and the export's own entry (recorded before the first row leaves).
    expect(lines).toHaveLength(1 + before + count + 1);
  });
});

describe("file downloads end with the stored file's exact bytes", () => {
  const contents = { "a final newline": "Interview notes\nline two\n", "no final newline": "Interview notes\nline two", "one line, no newline": "x" };

  it.each(Object.entries(contents))("finding evidence with %s", async (_title, content) => {
    const db = createTestDb();
    const company = await makeOrg(db, "company");
    const inspectorate = await makeOrg(db, "inspectorate", undefined, ["MY"]);
    const lead = await makeUser(db, { orgId: inspectorate.id, role: "admin" });
    const supplier = onlyRow(await db.insert(suppliers).values({ orgId: company.id, externalId: "S-1", name: "Estate", country: "MY" }).returning());
    const audit = onlyRow(await db.insert(audits).values({ orgId: inspectorate.id, supplierId: supplier.id, companyOrgId: company.id, type: "announced", status: "completed", startsAt: new Date(Date.now() - 86_400_000), endsAt: new Date(Date.now() - 82_800_000), leadInspectorId: lead.id }).returning());
    await db.insert(auditTeam).values({ auditId: audit.id, userId: lead.id, role: "lead" });
    await db.insert(auditEvents).values({ auditId: audit.id, at: new Date(), kind: "created", toStatus: "planned" });
    const finding = onlyRow(await db.insert(findings).values({ auditId: audit.id, indicator: "deception", result: "major", description: "False promises.", recordedAt: new Date() }).returning());
    const file = path.join(workDir(), "notes.txt");
    writeFileSync(file, content);
    const e = onlyRow(await db.insert(evidence).values({ findingId: finding.id, orgId: inspectorate.id, fileName: "notes.txt", filePath: file, sha256: "1".repeat(64), size: content.length, mime: "text/plain" }).returning());
    const context = await contextFor(db, lead.id, inspectorate.id);
    const res = await download((request) => evidenceFile.loader({ request, context, params: { evidenceId: String(e.id) } }), `/evidence/${e.id}`);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(readFileSync(file))).toBe(true);
  });

  it.each(Object.entries(contents))("contest evidence with %s", async (_title, content) => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrg(db, "union");
    const supplier = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "S-1", name: "Estate", country: "MY" }).returning());
    const file = path.join(workDir(), "survey.txt");
    writeFileSync(file, content);
    const contest = onlyRow(await db.insert(contests).values({ orgId: union.id, supplierId: supplier.id, companyOrgId: company.org.id, comment: "The score ignores our survey.", evidenceName: "survey.txt", evidencePath: file, evidenceSha256: "2".repeat(64), evidenceSize: content.length }).returning());
    // The company's side reads it (the union's needs a share; the route is the same).
    const context = await contextFor(db, company.viewer.user.id, company.org.id);
    const res = await download((request) => contestEvidence.loader({ request, context, params: { contestId: String(contest.id) } }), `/contests/${contest.id}/evidence`);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(readFileSync(file))).toBe(true);
  });

  it.each([
    ["ending in %%EOF and a newline", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF\n"],
    ["ending in %%EOF without a newline", "%PDF-1.4\n1 0 obj\n<<>>\nendobj\n%%EOF"],
  ])("an issued report's PDF %s", async (_title, content) => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const file = path.join(workDir(), "report.pdf");
    writeFileSync(file, content);
    const id = "R-TEST-0000-0000-0001";
    await db.insert(reports)
            .values({ id, orgId: org.id, type: "company_due_diligence", title: "Due diligence 2026", params: {}, dataAsOf: new Date(), referenceVersions: [], dataHash: "3".repeat(64), filePath: file, sha256: "4".repeat(64), size: content.length, pages: 1, issuedBy: member.user.id, issuedAt: new Date() });
    const context = await contextFor(db, member.user.id, org.id);
    const res = await download((request) => reportFile.loader({ request, context, params: { reportId: id } }), `/reports/${id}/file`);
    expect(res.status).toBe(200);
    expect(res.bytes.equals(readFileSync(file))).toBe(true);
  });
});

describe("a stored file that is gone answers 410 with a sentence, before any byte of a body", () => {
  it("an issued report's PDF and a contest's evidence", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrg(db, "union");
    const supplier = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "S-1", name: "Estate", country: "MY" }).returning());
    const id = "R-TEST-0000-0000-0002";
    await db.insert(reports)
            .values({ id, orgId: company.org.id, type: "company_due_diligence", title: "Due diligence 2026", params: {}, dataAsOf: new Date(), referenceVersions: [], dataHash: "3".repeat(64), filePath: path.join(workDir(), "gone.pdf"), sha256: "4".repeat(64), size: 10, pages: 1, issuedBy: company.member.user.id, issuedAt: new Date() });
    const contest = onlyRow(await db.insert(contests).values({ orgId: union.id, supplierId: supplier.id, companyOrgId: company.org.id, comment: "The score ignores our survey.", evidenceName: "survey.txt", evidencePath: path.join(workDir(), "gone.txt"), evidenceSha256: "2".repeat(64), evidenceSize: 10 }).returning());
    const context = await contextFor(db, company.member.user.id, company.org.id);
    const pdf = await download((request) => reportFile.loader({ request, context, params: { reportId: id } }), `/reports/${id}/file`);
    expect(pdf.status).toBe(410);
    expect(pdf.text).toContain("This report's PDF is no longer stored on this server");
    const file = await download((request) => contestEvidence.loader({ request, context, params: { contestId: String(contest.id) } }), `/contests/${contest.id}/evidence`);
    expect(file.status).toBe(410);
    expect(file.text).toContain("This evidence file is no longer stored on this server");
  });
});

describe("generated text downloads end", () => {
  it("an inspector's calendar feed, with and without audits", async () => {
    const db = createTestDb();
    const company = await makeOrg(db, "company");
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    const token = await createFeed(db, inspectorate.admin.actor, null);
    const context = await contextFor(db, null);
    const empty = await download((request) => calendarFeed.loader({ request, context, params: { feed: `${token}.ics` } }), `/calendar/${token}.ics`);
    expect(empty.status).toBe(200);
    expect(empty.text).toBe(await feedCalendar(db, token, "http://localhost"));
    expect(empty.text).toMatch(/^BEGIN:VCALENDAR\r\n[\s\S]*END:VCALENDAR\r\n$/);
    const supplier = onlyRow(await db.insert(suppliers).values({ orgId: company.id, externalId: "S-1", name: "Estate MY1", country: "MY" }).returning());
    const audit = onlyRow(await db.insert(audits).values({ orgId: inspectorate.org.id, supplierId: supplier.id, companyOrgId: company.id, type: "announced", status: "planned", startsAt: new Date(Date.now() + 86_400_000), endsAt: new Date(Date.now() + 90_000_000), leadInspectorId: inspectorate.admin.user.id }).returning());
    await db.insert(auditTeam).values({ auditId: audit.id, userId: inspectorate.admin.user.id, role: "lead" });
    const full = await download((request) => calendarFeed.loader({ request, context, params: { feed: `${token}.ics` } }), `/calendar/${token}.ics`);
    expect(full.text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(full.text).toBe(await feedCalendar(db, token, "http://localhost"));
  });

  it("the import templates", async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const context = await contextFor(db, member.user.id, org.id);
    for (const kind of ["suppliers", "recruiters"]) {
      const res = await download((request) => templateCsv.loader({ request, context, params: { kind } }), `/imports/template/${kind}.csv`);
      expect(res.status).toBe(200);
      expect(res.text.split(/\r?\n/)[0]).toContain("name");
    }
  });
});
