/**
 * Report generation: supplier risk profiles (median of several) and the company's due-diligence
 * report over a 10k-supplier list (imported through the real import and scored), with the peak RSS
 * while it renders. Raw baseline of the same run: bare pdfkit writing the same number of table
 * rows as plain lines in the same font, no layout.
 */
import { createWriteStream, mkdirSync } from "node:fs";
import path from "node:path";
import PDFDocument from "pdfkit";
import { issueReport } from "../../app/domain/reports/issue.server";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { FONTS } from "../../reports/lib/fonts";
import { companyActor, freshDb, importFile } from "./import";

const DIR = path.resolve("tests/.tmp/bench/reports");
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function rawPdf(lines: number): Promise<number> {
  const t = performance.now();
  return new Promise((resolve) => {
    const doc = new PDFDocument({ size: "A4" });
    doc.registerFont("Sans", FONTS.regular);
    doc.font("Sans").fontSize(8);
    const out = createWriteStream(path.join(DIR, "raw.pdf"));
    out.on("finish", () => resolve(performance.now() - t));
    doc.pipe(out);
    for (let i = 0; i < lines; i++) doc.text(`NW-${i}  Supplier name number ${i}  MY  Agriculture  54.8  High`);
    doc.end();
  });
}

export async function reportTimes(file: string, rows: number) {
  mkdirSync(DIR, { recursive: true });
  const db = await freshDb("reports.db");
  const { actor, orgId } = companyActor(db);
  await importFile(db, actor, orgId, file, rows);
  await scoreOrganisation(db, orgId, { cause: "bench" });
  const ids = (db.$client.prepare(`select id from suppliers where org_id = ? order by id limit 7`).raw().all(orgId) as [number][]).map(([id]) => id);
  const profile: number[] = [];
  for (const supplierId of ids) {
    const t = performance.now();
    await issueReport(db, actor, { type: "supplier_profile", params: { supplierId }, pageSize: "A4" }, { dir: DIR });
    profile.push(performance.now() - t);
  }
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t = performance.now();
  const issued = await issueReport(db, actor, { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31" }, pageSize: "A4" }, { dir: DIR });
  const companyMs = performance.now() - t;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  const { pages, annex } = db.$client.prepare(`select pages, (select count(*) from suppliers where org_id = ? and risk_band in ('high', 'critical')) as annex from reports where id = ?`).get(orgId, issued.id) as { pages: number; annex: number };
  const rawMs = await rawPdf(annex + 25);
  db.$client.close();
  return { profileMs: median(profile.slice(1)), companyMs, peakRssMb: peak / 1024 / 1024, pages, annexRows: annex, rawMs };
}
