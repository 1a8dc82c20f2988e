/**
 * Archivable and accessible reports (issue 21, decision 035), checked as structure with poppler
 * (pdfinfo, pdffonts, pdfinfo -struct-text) and the raw bytes: PDF/A-2b identification in the XMP,
 * the sRGB output intent, every font embedded, a tagged structure (headings, tables with header
 * cells, figures with alternative text, the contents as links), the full verify address and its QR
 * code, and the same bytes for the same data. Structural checks, not a PDF/A validator's verdict.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, reports, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport, type IssueRequest } from "~/domain/reports/issue.server";
import { DEFAULT_PUBLIC_BASE_URL, verifyUrlOf } from "~/lib/public-url.server";
import type { Actor } from "~/auth/permissions.server";
import { createTestDb } from "../support/db";
import { actorFor } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { firstRow, rawGet } from "../../db/client";
import { getDocument } from "pdfjs-dist/legacy/build/pdf.mjs";

interface StructNode {
  role?: string;
  alt?: string;
  children?: StructNode[];
}

/** The alternative text of every Figure, as pdf.js (a reader's structure tree) gives it. */
async function figureAlts(file: string): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(readFileSync(file)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
  const alts: string[] = [];
  const walk = (node: StructNode | null) => {
    if (!node) return;
    if (node.role === "Figure" && node.alt) alts.push(node.alt);
    for (const child of node.children ?? []) walk(child);
  };
  for (let i = 1; i <= doc.numPages; i++) walk((await (await doc.getPage(i)).getStructTree()) as StructNode | null);
  await doc.destroy();
  return [...new Set(alts)];
}

const BASE = "https://reports.example.org";

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const user = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
  const dir = path.join(TMP_DIR, `archival-${process.pid}-${Math.random().toString(36).slice(2)}`);
  mkdirSync(dir, { recursive: true });
  return {
    db,
    dir,
    company: await actorFor(db, await user("compliance@northwind.example"), await org("Northwind Fresh Foods GmbH")),
    inspector: await actorFor(db, await user("inspector@inspectorate.example"), await org("Demo Labour Inspectorate")),
    regulator: await actorFor(db, await user("supervisor@regulator.example"), await org("Supply Chain Supervisory Authority")),
  };
}

type World = Awaited<ReturnType<typeof world>>;
const run = (tool: string, ...args: string[]) => execFileSync(tool, args, { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const fileOf = async (w: World, id: string) => firstRow(await w.db.select().from(reports).where(eq(reports.id, id)))!.filePath;

/** `null`: no PUBLIC_BASE_URL configured. */
async function issue(w: World, actor: Actor, request: IssueRequest, publicBaseUrl: string | null = BASE) {
  const { id } = await issueReport(w.db, actor, request, { dir: w.dir, publicBaseUrl: publicBaseUrl ?? undefined });
  const row = firstRow(await w.db.select({ contentSize: reports.contentSize }).from(reports).where(eq(reports.id, id)))!;
  const file = await fileOf(w, id);
  // The unsigned content: the file up to the signature's incremental update (decision 034), what the same data reproduces.
  return { id, file, content: () => readFileSync(file).subarray(0, row.contentSize!) };
}

/** Everything the archival rules ask of one file, whatever the report. */
function expectArchivable(file: string, id: string, title: string) {
  const info = run("pdfinfo", file);
  expect(info).toMatch(/^Tagged:\s+yes$/m);
  expect(info).toMatch(/^PDF version:\s+1\.7$/m);
  expect(info).toMatch(/^Title:\s+.+/m);
  expect(info).toMatch(/^Author:\s+.+/m);
  expect(info).toMatch(/^Subject:\s+.+/m);
  expect(info).toContain(id); // in Keywords: verify.server.ts finds the id in the file's text
  const xmp = run("pdfinfo", "-meta", file);
  expect(xmp).toContain("<pdfaid:part>2</pdfaid:part>");
  expect(xmp).toContain("<pdfaid:conformance>B</pdfaid:conformance>");
  expect(xmp).toContain(`<dc:title><rdf:Alt><rdf:li xml:lang="x-default">${title.replace(/&/g, "&amp;")}</rdf:li>`);
  expect(xmp).toContain(`<dc:identifier>${id}</dc:identifier>`);
  expect(xmp).toMatch(/<xmp:ModifyDate>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<\/xmp:ModifyDate>/);
  // Every font embedded (no standard-14 font, not even pdfkit's default Helvetica).
  const fonts = run("pdffonts", file).split("\n").slice(2).filter(Boolean);
  expect(fonts.length).toBeGreaterThan(0);
  for (const line of fonts) expect(line).toMatch(/ yes +yes +yes +\d+ +\d+$/); // emb sub uni
  expect(fonts.join("\n")).not.toMatch(/Helvetica|Times|Courier/);
  const raw = readFileSync(file).toString("latin1");
  expect(raw).toContain("/OutputIntents");
  expect(raw).toContain("/GTS_PDFA1");
  expect(raw).toContain("/Lang (");
  expect(raw).toContain("/MarkInfo");
  // Every link annotation (the contents' GoTo links, the verify address's URI) belongs to a Link element.
  const links = raw.match(/\/Subtype \/Link/g)?.length ?? 0;
  expect(links).toBeGreaterThan(2);
  expect(raw.match(/\/StructParent \d+/g)?.length).toBe(links);
  // The structure, as a screen reader walks it.
  const struct = run("pdfinfo", "-struct-text", file);
  expect(struct).toMatch(/^Document/m);
  for (const tag of ["H1", "P", "Table", "TR", "TH", "TD", "Figure", "TOC", "TOCI", "Link"]) expect(struct, tag).toMatch(new RegExp(`^\\s+${tag}\\b`, "m"));
  expect(struct).toContain(verifyUrlOf(BASE, id)); // the address as text (a Link)
  // Every page has the address of the verify page in its footer.
  const text = run("pdftotext", "-enc", "UTF-8", file, "-");
  const pages = Number(/^Pages:\s+(\d+)$/m.exec(info)![1]);
  expect(text.split(verifyUrlOf(BASE, id)).length - 1).toBeGreaterThanOrEqual(pages);
  return { struct, text };
}

describe("archivable, tagged reports", () => {
  it("each report type is PDF/A-2b in structure, tagged, with every font embedded and the verify address and QR code", { timeout: 300_000 }, async () => {
    const w = await world();
    const year = { from: "2026-01-01", to: "2026-12-31" };
    const ladang = (await rawGet<{ id: number }>(w.db, `select id from suppliers where external_id = 'NW-0002'`))!;
    const cases: [Actor, IssueRequest][] = [
      [w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }],
      [w.company, { type: "supplier_profile", params: { supplierId: ladang.id }, pageSize: "LETTER" }],
      [w.inspector, { type: "audit", params: { auditId: 1 }, pageSize: "A4" }],
    ];
    for (const [actor, request] of cases) {
      const { id, file } = await issue(w, actor, request);
      const title = /^Title:\s+(.+)$/m.exec(run("pdfinfo", file))![1]!;
      const { struct } = expectArchivable(file, id, title);
      // The profile's numbered questions that would narrow the range are a list.
      if (request.type === "supplier_profile") for (const tag of ["L", "LI", "LBody"]) expect(struct, tag).toMatch(new RegExp(`^\\s+${tag}\\b`, "m"));
      // The QR code reads as its address; the charts as their data in words.
      const alts = await figureAlts(file);
      expect(alts).toContain(verifyUrlOf(BASE, id));
      if (request.type === "company_due_diligence") {
        expect(alts.join("\n")).toMatch(/^Bar chart: (Low|Medium|High|Critical|Not scored)[^:]*: \d/m);
        expect(alts.join("\n")).toMatch(/^Heat map of the mean risk score by country and sector: .+: mean score \d+, \d+ suppliers/m);
      }
      if (request.type === "supplier_profile") expect(alts.join("\n")).toMatch(/^Line chart of the risk score \(0 to 100\) over time: .+: \d/m);
    }
    // The regulator's summary, over the company's submitted report.
    const { id } = await issue(w, w.regulator, { type: "regulator_summary", params: year, pageSize: "A4" });
    const file = await fileOf(w, id);
    expectArchivable(file, id, /^Title:\s+(.+)$/m.exec(run("pdfinfo", file))![1]!);
  });

  it("the same data gives the same bytes; the base URL is part of them; without one, the default", { timeout: 180_000 }, async () => {
    const w = await world();
    const request: IssueRequest = { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31", language: "de" }, pageSize: "A4" };
    const first = await issue(w, w.company, request);
    const bytes = first.content();
    await w.db.delete(reports).where(eq(reports.id, first.id));
    const again = await issue(w, w.company, request);
    expect(again.id).toBe(first.id);
    expect(again.content().equals(bytes)).toBe(true);
    // Another base URL: the same id (the same data), other bytes, which print that address.
    await w.db.delete(reports).where(eq(reports.id, first.id));
    const elsewhere = await issue(w, w.company, request, null);
    expect(elsewhere.id).toBe(first.id);
    expect(elsewhere.content().equals(bytes)).toBe(false);
    expect(run("pdftotext", "-enc", "UTF-8", elsewhere.file, "-")).toContain(`${DEFAULT_PUBLIC_BASE_URL}/verify?q=${first.id}`);
    // Issued in a worker thread (the large reports are), the base URL crosses into it.
    const { issueReportOffThread } = await import("~/domain/reports/issue-in-worker.server");
    const viaWorker = await issueReportOffThread(w.db, w.company, { ...request, params: { ...request.params, language: "fr" } }, { dir: w.dir, publicBaseUrl: BASE });
    expect(run("pdftotext", "-enc", "UTF-8", await fileOf(w, viaWorker.id), "-")).toContain(verifyUrlOf(BASE, viaWorker.id));
  });

  it("an issuer whose name is not plain text still gives valid XMP (escaped) and a German report says its language", { timeout: 180_000 }, async () => {
    const w = await world();
    const actor = { ...w.company, membership: { ...w.company.membership!, orgName: `Smith & Sons <"Trading">` } };
    const { file } = await issue(w, actor as Actor, { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31", language: "de" }, pageSize: "A4" });
    const xmp = run("pdfinfo", "-meta", file);
    expect(xmp).toContain("<rdf:li>Smith &amp; Sons &lt;&quot;Trading&quot;&gt;</rdf:li>");
    expect(xmp).toContain("<dc:language><rdf:Bag><rdf:li>de</rdf:li></rdf:Bag></dc:language>");
    expect(run("pdfinfo", file)).toMatch(/^Author:\s+Smith & Sons <"Trading">$/m);
    expect((await figureAlts(file)).join("\n")).toContain("Balkendiagramm: ");
    expect(readFileSync(file).toString("latin1")).toContain("/Lang (de)");
  });
});
