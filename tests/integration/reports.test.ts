/**
 * Reports on a real SQLite file, read back as a reader would (pdf.js): each report's sections,
 * numbers and names; byte-identical regeneration; the verify page for authentic, altered and
 * unknown files; submission and its immutability; the regulator's side; and who may do what.
 */
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { organisations, reportDownloads, reports, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport, reportId } from "~/domain/reports/issue.server";
import { jurisdictionPatterns } from "~/domain/reports/regulator-data.server";
import { rangeText } from "~/domain/risk/range-text";

/** The PDF words the range from the risk catalog, the share through Intl (en-GB "48%", no space). */
const rangeInPdf = (low: number | null, high: number | null, confidence: number | null) => rangeText(low, high, confidence).replace(" % observed", "% observed");
import { downloadReport, receivedReports, requireReport, submitReport } from "~/domain/reports/reports.server";
import { verifyFile, verifyText } from "~/domain/reports/verify.server";
import * as verifyRoute from "~/routes/verify";
import { createTestDb, databaseRefusal } from "../support/db";
import { actorFor, makeOrgWithRoles } from "../support/factories";
import { flat, readPdf } from "../support/pdf";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow, rawAll, rawGet, rawRun } from "../../db/client";

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const user = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
  const companyId = await org("Northwind Fresh Foods GmbH");
  const regulatorId = await org("Supply Chain Supervisory Authority");
  const inspectorateId = await org("Demo Labour Inspectorate");
  const dir = path.join(TMP_DIR, `reports-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return {
    db,
    dir,
    companyId,
    regulatorId,
    company: await actorFor(db, await user("compliance@northwind.example"), companyId),
    inspector: await actorFor(db, await user("inspector@inspectorate.example"), inspectorateId),
    regulator: await actorFor(db, await user("supervisor@regulator.example"), regulatorId),
    union: await actorFor(db, await user("rep@union.example"), await org("Plantation and Construction Workers' Union")),
  };
}

const year = { from: "2026-01-01", to: "2026-12-31" };
const fileOf = async (db: Awaited<ReturnType<typeof world>>["db"], id: string) => firstRow(await db.select().from(reports).where(eq(reports.id, id)))!;

describe("the reports, read back", () => {
  it("supplier risk profile: identity, score with its factors and sources, audits with evidence hashes, actions, history", async () => {
    const w = await world();
    const ladang = (await rawGet<{ id: number }>(w.db, `select id from suppliers where external_id = 'NW-0002'`))!;
    const { id } = await issueReport(w.db, w.company, { type: "supplier_profile", params: { supplierId: ladang.id }, pageSize: "A4" }, { dir: w.dir });
    const row = await fileOf(w.db, id);
    const pdf = await readPdf(row.filePath);
    expect(row.pages).toBe(pdf.pages.length);
    expect(pdf.info.Title).toBe("Supplier risk profile: Ladang Minyak Sejahtera Sdn Bhd");
    expect(pdf.info.Author).toBe("Northwind Fresh Foods GmbH");
    expect(pdf.outline).toEqual(["1. Identity", "2. Risk score and its factors", "3. Audits and findings", "4. Corrective actions", "5. Score history", "6. Provenance and verification"]);
    expect(pdf.pages[1]).toContain("Contents");
    expect(flat(pdf.text)).toContain("Kathmandu Global Placement");
    expect(flat(pdf.text)).toContain("Excessive overtime");
    expect(flat(pdf.text)).toContain("Time records show 14-hour shifts");
    expect(flat(pdf.text)).toMatch(/DOL TVPRA list 2022/);
    expect(flat(pdf.text)).toContain("Cap shifts at 12 hours");
    // Each audit's window where it happened, the zone named as a place (issue 17, item 5): a Malaysian estate, Kuala Lumpur time.
    expect(flat(pdf.text)).toMatch(/Audit #\d+: \d{4}-\d\d-\d\d \d\d:\d\d–\d\d:\d\d Kuala Lumpur time/);
    expect(flat(pdf.text)).not.toContain("Asia/Kuala_Lumpur");
    // The range and confidence beside the band (the pages' wording), prior / observed per indicator, and what would narrow the range.
    const stored = (await rawGet<{ low: number; high: number; confidence: number }>(w.db, `select risk_score_low as low, risk_score_high as high, risk_confidence as confidence from suppliers where id = ?`, ladang.id))!;
    expect(stored.low).not.toBeNull();
    expect(flat(pdf.text)).toContain(flat(rangeInPdf(stored.low, stored.high, stored.confidence)));
    expect(flat(pdf.text)).toMatch(/observed present: yes/);
    expect(flat(pdf.text)).toMatch(/prior 0\.\d\d \(expected\): unknown: expected/);
    expect(flat(pdf.text)).toContain("What would narrow this range most");
    pdf.pages.forEach((page, i) => expect(page).toContain(`Page ${i + 1} of ${pdf.pages.length}`));
    expect(pdf.pages.at(-1)).toContain(id);
    expect(pdf.pages.at(-1)).toContain(row.dataHash.slice(0, 20));
  });

  it("company due-diligence report: the statutory sections, the portfolio's numbers and names in every script", async () => {
    const w = await world();
    // The names in other scripts are set in the report's tables: "Highest risks" lists the highest
    // ten and the annex the high and critical bands, so these three are put in the high band.
    await rawRun(w.db, `update suppliers set risk_band = 'high' where org_id = ? and (name like 'Công ty%' or name like 'Łódź%' or name like 'Малое%')`, w.companyId);
    const { id } = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "LETTER" }, { dir: w.dir });
    const pdf = await readPdf((await fileOf(w.db, id)).filePath);
    expect(pdf.pageSize).toEqual([612, 792]);
    expect(pdf.outline.slice(0, 8)).toEqual([
      "1. Summary",
      "2. Risk analysis and the risks found",
      "3. Recruiters and corridors",
      "4. Prevention measures: audits",
      "5. Remedial action",
      "6. Complaints procedure",
      // Issue 19: the fee ledger's figures per currency (computed; "none recorded" when there are none).
      "7. Recruitment fees (Employer Pays Principle)",
      "8. Review of effectiveness",
    ]);
    expect(pdf.outline).toContain("9. Appendix A: methodology and reference data");
    const suppliers = (await rawGet<{ n: number }>(w.db, `select count(*) as n from suppliers where org_id = ?`, w.companyId))!.n;
    expect(flat(pdf.text)).toContain(`${suppliers} in`);
    for (const name of ["Công ty TNHH Thủy sản Nguyễn", "Łódź Food Logistics Sp. z o.o.", "Малое предприятие «Северный лес»"]) expect(pdf.text.replace(/\s+/g, " ")).toContain(name);
    expect(flat(pdf.text)).toContain("Forced-labour risk method, version 2");
    // Every printed band has its range and confidence beside it (the highest-risk supplier is in the first table).
    const top = (await rawGet<{ low: number; high: number; confidence: number }>(
      w.db,
      `select risk_score_low as low, risk_score_high as high, risk_confidence as confidence from suppliers where org_id = ? and risk_score is not null order by risk_score desc, id limit 1`,
      w.companyId,
    ))!;
    for (const part of rangeInPdf(top.low, top.high, top.confidence).split(" · ")) expect(flat(pdf.text)).toContain(part);
    expect(flat(pdf.text)).toContain("DOL TVPRA list");
  });

  it("audit report: workplace, team, findings per indicator, actions, signatures; issuing it closes the audit's workflow", async () => {
    const w = await world();
    const { id } = await issueReport(w.db, w.inspector, { type: "audit", params: { auditId: 1 }, pageSize: "A4" }, { dir: w.dir });
    const pdf = await readPdf((await fileOf(w.db, id)).filePath);
    expect(flat(pdf.text)).toContain("Ladang Minyak Sejahtera Sdn Bhd");
    expect(flat(pdf.text)).toContain("Aminah Rahman (lead), Lim Wei Ling");
    expect(flat(pdf.text)).toContain("11. Excessive overtime");
    expect(flat(pdf.text)).toContain("Not assessed");
    expect(flat(pdf.text)).toContain("Lead inspector: Aminah Rahman");
    expect((await rawGet<{ status: string }>(w.db, `select status from audits where id = 1`))!.status).toBe("report_issued");
  });

  it("regulator summary: only what was submitted to it, no group under five suppliers", async () => {
    const w = await world();
    const dd = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    await submitReport(w.db, w.company, dd.id, { regulatorId: w.regulatorId, supersedes: null });
    const { id } = await issueReport(w.db, w.regulator, { type: "regulator_summary", params: year, pageSize: "A4" }, { dir: w.dir });
    const pdf = await readPdf((await fileOf(w.db, id)).filePath);
    expect(flat(pdf.text)).toContain(dd.id);
    expect(flat(pdf.text)).toContain("Northwind Fresh Foods GmbH");
    const patterns = await jurisdictionPatterns(w.db, [w.companyId]);
    for (const g of [...patterns.bands, ...patterns.countries, ...patterns.sharedRecruiters, ...patterns.corridors]) expect(g.suppliers).toBeGreaterThanOrEqual(5);
    expect(flat(pdf.text)).not.toContain("Kebun Sawit Harapan");
    // Each band says how many of its suppliers have a range reaching a higher band, computed from the stored ranges.
    const t = { medium: 25, high: 50, critical: 75 };
    const reach = await rawAll<{ band: string; n: number }>(
      w.db,
      `select coalesce(risk_band, 'not scored') as band, sum(case when (risk_band = 'low' and risk_score_high >= ?) or (risk_band = 'medium' and risk_score_high >= ?) or (risk_band = 'high' and risk_score_high >= ?) then 1 else 0 end) as n from suppliers where org_id = ? group by risk_band`,
      t.medium,
      t.high,
      t.critical,
      w.companyId,
    );
    const shown = patterns.bands.filter((b) => !/^other/i.test(b.label));
    expect(shown.length).toBeGreaterThan(0);
    // Critical (and not scored) have no higher band: no number, rather than a 0 that reads as "none could be worse".
    for (const b of shown) expect(b.higher).toBe(["critical", "not scored"].includes(b.label.toLowerCase()) ? null : reach.find((r) => r.band === b.label.toLowerCase())!.n);
    expect(shown.some((b) => (b.higher ?? 0) > 0)).toBe(true);
    expect(shown.some((b) => b.higher === null)).toBe(true);
    expect(flat(pdf.text)).toContain("Range reaches a higher band");
  });
});

describe("trust", () => {
  it("the same data and parameters give a byte-identical PDF and the same id", async () => {
    const w = await world();
    const first = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    const stored = await fileOf(w.db, first.id);
    const bytes = readFileSync(stored.filePath);
    expect((await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir })).existing).toBe(true);
    // Generate again from scratch, a second later.
    await w.db.delete(reports).where(eq(reports.id, first.id));
    rmSync(stored.filePath);
    const again = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir, now: Date.now() + 1000 });
    expect(again).toEqual({ id: first.id, existing: false });
    // The unsigned content (the file up to the signature's incremental update) is byte-identical;
    // the file as issued differs only by its signature, which carries the signing time (decision 034).
    const regenerated = await fileOf(w.db, again.id);
    expect(regenerated.contentSha256).toBe(stored.contentSha256);
    expect(regenerated.contentSize).toBe(stored.contentSize);
    expect(readFileSync(regenerated.filePath).subarray(0, regenerated.contentSize!).equals(bytes.subarray(0, stored.contentSize!))).toBe(true);
    expect(regenerated.sha256).not.toBe(stored.sha256);
    expect(first.id).toMatch(/^R-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{4}$/);
    expect(reportId("x")).not.toBe(reportId("y"));
  });

  it("verify: authentic file, altered file, unknown file, and lookups by id and hash (also through the public route)", async () => {
    const w = await world();
    const { id } = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    const row = await fileOf(w.db, id);
    expect(await verifyFile(w.db, row.filePath)).toMatchObject({ kind: "authentic", by: "file", report: { id, issuer: "Northwind Fresh Foods GmbH", type: "company_due_diligence", periodStart: "2026-01-01" } });
    const altered = path.join(w.dir, "altered.pdf");
    const bytes = Buffer.from(readFileSync(row.filePath));
    const at = bytes.indexOf("Due-diligence report 2026");
    bytes.write("X", at + 1, "latin1");
    writeFileSync(altered, bytes);
    expect(await verifyFile(w.db, altered)).toMatchObject({ kind: "altered", report: { id } });
    const stranger = path.join(w.dir, "other.pdf");
    writeFileSync(stranger, "%PDF-1.7\n% a document from elsewhere\n");
    expect(await verifyFile(w.db, stranger)).toMatchObject({ kind: "unknown" });
    expect(await verifyText(w.db, id.toLowerCase())).toMatchObject({ kind: "issued", by: "id" });
    expect(await verifyText(w.db, row.sha256)).toMatchObject({ kind: "issued", by: "hash" });
    expect(await verifyText(w.db, row.dataHash)).toMatchObject({ kind: "issued", by: "hash" });
    expect(await verifyText(w.db, "R-AAAA-AAAA-AAAA-AAAA")).toMatchObject({ kind: "unknown" });
    // Anyone, without signing in.
    const page = (await verifyRoute.loader({ request: get(`/verify?q=${id}`), context: await contextFor(w.db, null), params: {} })) as { verdict: { kind: string } };
    // A typed id proves the report was issued, not that a copy is unaltered: no "authentic" without a file.
    expect(page.verdict.kind).toBe("issued");
    const form = new FormData();
    form.set("file", new Blob([readFileSync(altered)]), "report.pdf");
    const posted = (await verifyRoute.action({ request: new Request("http://localhost/verify", { method: "POST", body: form }), context: await contextFor(w.db, null), params: {} })) as { verdict: { kind: string } };
    expect(posted.verdict.kind).toBe("altered");
  });

  it("a submitted report is immutable; a correction supersedes it and both stay visible to the regulator", async () => {
    const w = await world();
    const first = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    await expect(async () => await submitReport(w.db, w.company, first.id, { regulatorId: 999_999, supersedes: null })).rejects.toThrow("reports:errors.submit.chooseRegulator");
    await submitReport(w.db, w.company, first.id, { regulatorId: w.regulatorId, supersedes: null });
    await expect(async () => await submitReport(w.db, w.company, first.id, { regulatorId: w.regulatorId, supersedes: null })).rejects.toThrow("reports:errors.submit.alreadySubmitted");
    expect(await databaseRefusal(w.db.update(reports).set({ title: "changed" }).where(eq(reports.id, first.id)))).toMatch(/immutable/);
    expect(await databaseRefusal(w.db.delete(reports).where(eq(reports.id, first.id)))).toMatch(/cannot be deleted/);
    // A correction: new data, a new report, submitted as superseding the first.
    await rawRun(w.db, `update suppliers set workers_total = coalesce(workers_total, 0) + 1, updated_at = ? where org_id = ? and external_id = 'NW-0001'`, new Date(Date.now() + 5000), w.companyId);
    const second = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir, now: Date.now() + 6000 });
    expect(second.id).not.toBe(first.id);
    await submitReport(w.db, w.company, second.id, { regulatorId: w.regulatorId, supersedes: first.id });
    const received = await receivedReports(w.db, w.regulator, {});
    expect(received.rows.map((r) => [r.id, r.supersededBy, r.supersedes])).toEqual([
      [second.id, null, first.id],
      [first.id, second.id, null],
    ]);
    expect((await receivedReports(w.db, w.regulator, { status: "current" })).rows.map((r) => r.id)).toEqual([second.id]);
    expect(await verifyText(w.db, first.id)).toMatchObject({ kind: "issued", report: { supersededBy: second.id } });
  });

  it("the regulator filters by dates: a report by its period, one without a period by the (UTC) day its data is as of", { timeout: 60_000 }, async () => {
    const w = await world();
    const dd = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    const ladang = (await rawGet<{ id: number }>(w.db, `select id from suppliers where external_id = 'NW-0002'`))!;
    const profile = await issueReport(w.db, w.company, { type: "supplier_profile", params: { supplierId: ladang.id }, pageSize: "A4" }, { dir: w.dir });
    for (const { id } of [dd, profile]) await submitReport(w.db, w.company, id, { regulatorId: w.regulatorId, supersedes: null });
    const day = new Date((await fileOf(w.db, profile.id)).dataAsOf).toISOString().slice(0, 10);
    const shift = (d: string, days: number) => new Date(Date.parse(`${d}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
    const ids = async (filter: { from?: string; to?: string }) => (await receivedReports(w.db, w.regulator, filter)).rows.map((r) => r.id).sort();
    expect(await ids({ from: "2026-06-01", to: "2026-06-30" })).toContain(dd.id);
    expect(await ids({ from: "2027-01-01" })).not.toContain(dd.id);
    expect(await ids({ to: "2025-12-31" })).not.toContain(dd.id);
    // The profile's day itself is in, whichever end of the range it is; the days either side are not.
    expect(await ids({ from: day, to: day })).toContain(profile.id);
    expect(await ids({ from: shift(day, 1) })).not.toContain(profile.id);
    expect(await ids({ to: shift(day, -1) })).not.toContain(profile.id);
  });

  it("downloads are recorded; other organisations get 404, the wrong kind of organisation 403", async () => {
    const w = await world();
    const { id } = await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    const status = async (fn: () => unknown) => (await responseOf(fn)).status;
    expect(await status(() => requireReport(w.db, w.regulator, id))).toBe(404);
    await submitReport(w.db, w.company, id, { regulatorId: w.regulatorId, supersedes: null });
    expect((await downloadReport(w.db, w.regulator, id, "127.0.0.1")).name).toBe(`${id}.pdf`);
    expect((await w.db.select().from(reportDownloads)).map((d) => [d.reportId, d.userId])).toEqual([[id, w.regulator.user.id]]);
    const other = await makeOrgWithRoles(w.db, "regulator");
    expect(await status(() => requireReport(w.db, other.admin.actor, id))).toBe(404);
    expect(await status(() => requireReport(w.db, w.inspector, id))).toBe(404);
    expect(await status(() => issueReport(w.db, w.union, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir }))).toBe(403);
    expect(await status(() => issueReport(w.db, w.inspector, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir }))).toBe(403);
    expect(await status(() => issueReport(w.db, w.company, { type: "supplier_profile", params: { supplierId: 999_999 }, pageSize: "A4" }, { dir: w.dir }))).toBe(404);
    await expect(issueReport(w.db, w.company, { type: "company_due_diligence", params: { from: "2026-12-31", to: "2026-01-01" }, pageSize: "A4" }, { dir: w.dir })).rejects.toThrow("reports:errors.period.order");
  });
});

describe("large reports off the request thread", () => {
  it("issue in a worker the same report as in the request, keeping the event loop free, and carry refusals back", async () => {
    const w = await world();
    const { performance } = await import("node:perf_hooks");
    const { issueReportOffThread } = await import("~/domain/reports/issue-in-worker.server");
    // The share of the time this thread's event loop was busy while the report was made: near 0 when
    // a worker makes it, near 1 if this thread did. A ratio, not a delay in milliseconds, so a busy
    // machine (which slows both threads alike) does not decide the outcome.
    const start = performance.eventLoopUtilization();
    const viaWorker = await issueReportOffThread(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir });
    expect(performance.eventLoopUtilization(start).utilization).toBeLessThan(0.5);
    const row = await fileOf(w.db, viaWorker.id);
    // Signed in the worker too (it loads the signing key from the same env / key file).
    expect(await verifyFile(w.db, row.filePath)).toMatchObject({ kind: "authentic", signer: { organisation: "Northwind Fresh Foods GmbH" } });
    // In the request thread, over the same data: the same report, already issued.
    expect(await issueReport(w.db, w.company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir })).toEqual({ id: viaWorker.id, existing: true });
    await expect(issueReportOffThread(w.db, w.company, { type: "company_due_diligence", params: { from: "2026-12-31", to: "2026-01-01" }, pageSize: "A4" }, { dir: w.dir })).rejects.toThrow("reports:errors.period.order");
    expect((await responseOf(() => issueReportOffThread(w.db, w.union, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir: w.dir }))).status).toBe(403);
  });
});
