/**
 * Filings (issue 21 items 1, 2 and 5; decision 036): the profile, statements written once with
 * every save a version, figures inserted by name and computed (unknown never 0), approval over one
 * exact set of versions, a draft never issued, and each regime's filing issued as a signed report
 * whose text is read back. Another organisation's statement answers like a missing one.
 */
import { spawnSync } from "node:child_process";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { filings, organisations, reports, statementSections, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { wordsFor } from "#reports/lib/words";
import { approveStatement, computeFigures, createFiling, filingData, filingsOverview, openStatement, saveProfile, saveSection, sectionHistory, statementView, type Figures } from "~/domain/filings/filings.server";
import { ApprovalSchema, ProfileSchema, SectionSchema } from "~/domain/filings/filings.schemas";
import { FIGURE_CODES, financialYear, statementDue } from "~/domain/filings/regimes";
import { withFigures } from "#reports/filing";
import { issueReport } from "~/domain/reports/issue.server";
import { verifyFile } from "~/domain/reports/verify.server";
import { createTestDb } from "../support/db";
import { actorFor, makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, post, responseOf } from "../support/routes";
import Papa from "papaparse";
import { firstRow, rawAll, rawGet } from "../../db/client";

const COMPANY = "Northwind Fresh Foods GmbH";
const NOW = Date.UTC(2026, 11, 3, 9, 30);

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const companyId = firstRow(await db.select().from(organisations).where(eq(organisations.name, COMPANY)))!.id;
  const userId = firstRow(await db.select().from(users).where(eq(users.email, "compliance@northwind.example")))!.id;
  const dir = path.join(TMP_DIR, `filings-${process.pid}-${Math.random().toString(36).slice(2)}`);
  return { db, dir, companyId, company: await actorFor(db, userId, companyId) };
}

const profile = (over: Record<string, string | string[]> = {}) => ProfileSchema.parse({ intent: "profile", financialYearEnd: "12-31", turnoverBand: "60m_100m", sectors: "Food processing, Seafood", regimes: ["uk_msa", "au_msa", "ca_s211"], groupStatement: "yes", ...over });
const section = (section: string, body: string, baseVersion = 0) => SectionSchema.parse({ intent: "section", section, body, baseVersion: String(baseVersion) });

async function written(w: Awaited<ReturnType<typeof world>>) {
  await saveProfile(w.db, w.company, profile(), NOW);
  // 2024: the demo seed drafts the statement for the last ended year (2025).
  const id = await openStatement(w.db, w.company, 2024, NOW);
  await saveSection(w.db, w.company, id, section("structure", "We process fish and fruit for European retailers. We list {{suppliers_listed}} suppliers in {{countries}} countries."), NOW);
  await saveSection(w.db, w.company, id, section("risk_assessment", "Of our suppliers, {{suppliers_high_or_critical}} are rated high or critical ({{share_high_or_critical}} of those scored)."), NOW);
  await saveSection(w.db, w.company, id, section("due_diligence", "We audited {{audits_completed}} sites."), NOW);
  return id;
}

const approve = async (w: Awaited<ReturnType<typeof world>>, id: number, approvedOn = "2025-05-20") => {
  const view = await statementView(w.db, w.company, id, NOW);
  await approveStatement(w.db, w.company, id, ApprovalSchema.parse({ intent: "approve", approverName: "Dana Richter", approverRole: "board", approvedOn, versions: view.versions }), NOW);
};

const list = (figures: Figures) => FIGURE_CODES.map((code) => ({ code, value: figures[code] }));
const pdftext = (file: string) => spawnSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" }).stdout.replace(/[ \t]+/g, " ");

describe("filing rules", () => {
  it("periods and due dates follow the financial year end and each regime's rule", () => {
    expect(financialYear("12-31", 2025)).toEqual({ from: "2025-01-01", to: "2025-12-31" });
    expect(financialYear("03-31", 2026)).toEqual({ from: "2025-04-01", to: "2026-03-31" });
    // A 29 February year end in a common year ends on the 28th, and the next year starts on 1 March.
    expect(financialYear("02-29", 2025)).toEqual({ from: "2024-03-01", to: "2025-02-28" });
    expect(statementDue("uk_msa", "2025-12-31")).toBe("2026-06-30");
    expect(statementDue("au_msa", "2026-06-30")).toBe("2026-12-30");
    expect(statementDue("ca_s211", "2025-12-31")).toBe("2026-05-31");
    expect(statementDue("ca_s211", "2026-03-31")).toBe("2026-05-31");
    expect(statementDue("ca_s211", "2026-06-30")).toBe("2027-05-31");
  });

  it("refuses a year end no year has, and a figure that does not exist, saving nothing", async () => {
    const w = await world();
    await expect(saveProfile(w.db, w.company, profile({ financialYearEnd: "02-30" }), NOW)).rejects.toMatchObject({ field: "financialYearEnd" });
    expect(ProfileSchema.safeParse({ intent: "profile", financialYearEnd: "31-12" }).success).toBe(false);
    expect(ProfileSchema.safeParse({ intent: "profile", financialYearEnd: "12-31", regimes: ["uk_msa", "xx"] }).success).toBe(false);
    await saveProfile(w.db, w.company, profile(), NOW);
    const id = await openStatement(w.db, w.company, 2024, NOW);
    await expect(saveSection(w.db, w.company, id, section("structure", "We have {{suppliers_happy}} suppliers."), NOW)).rejects.toMatchObject({ field: "body", values: { name: "suppliers_happy" } });
    expect(await rawAll(w.db, `select id from statement_sections where statement_id = ?`, id)).toEqual([]);
    await expect(openStatement(w.db, w.company, 1999, NOW)).rejects.toMatchObject({ field: "year" });
  });
});

describe("statements", () => {
  it("keeps every save as a version, refuses a save over someone else's newer one, and makes no version for unchanged text", async () => {
    const w = await world();
    const id = await written(w);
    expect(await saveSection(w.db, w.company, id, section("structure", "We process fish and fruit for European retailers. We list {{suppliers_listed}} suppliers in {{countries}} countries."), NOW)).toEqual({ version: 1, changed: false });
    expect(await saveSection(w.db, w.company, id, section("structure", "Second text.", 1), NOW)).toEqual({ version: 2, changed: true });
    // Someone who opened the page at version 1 saves after that: refused, nothing lost.
    await expect(saveSection(w.db, w.company, id, section("structure", "A third writer's text.", 1), NOW)).rejects.toMatchObject({ name: "Conflict", values: { version: 2 } });
    expect((await sectionHistory(w.db, w.company, id, "structure")).map((v) => v.version)).toEqual([2, 1]);
    // Two writers saving from the same version at the same moment: one version made, the other told (409), never a 500.
    const both = await Promise.allSettled([saveSection(w.db, w.company, id, section("policies", "First writer."), NOW), saveSection(w.db, w.company, id, section("policies", "Second writer."), NOW)]);
    expect(both.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(both.find((r) => r.status === "rejected")).toMatchObject({ reason: { name: "Conflict" } });
    expect((await sectionHistory(w.db, w.company, id, "policies")).map((v) => v.version)).toEqual([1]);
  });

  it("inserts computed figures, and a share of nothing scored is unknown, never 0 %", async () => {
    const w = await world();
    const period = { from: "2025-01-01", to: "2025-12-31" };
    const figures = await computeFigures(w.db, w.companyId, period, NOW);
    const listed = Number((await rawGet<{ n: number }>(w.db, `select count(*) as n from suppliers where org_id = ? and merged_into_id is null`, w.companyId))!.n);
    expect(figures.suppliers_listed).toBe(listed);
    expect(withFigures(wordsFor("en"), "{{suppliers_listed}} suppliers", list(figures))).toBe(`${listed} suppliers`);
    const empty = await makeOrgWithRoles(w.db, "company");
    const none = await computeFigures(w.db, empty.org.id, period, NOW);
    expect(none.suppliers_listed).toBe(0);
    expect(none.share_high_or_critical).toBeNull();
    expect(withFigures(wordsFor("en"), "{{share_high_or_critical}}", list(none))).toBe("unknown");
    expect(withFigures(wordsFor("fr"), "{{share_high_or_critical}}", list(none))).toBe("inconnu");
  });

  it("approves exactly the versions shown; an edit after approval makes it a draft that cannot be issued", async () => {
    const w = await world();
    const id = await written(w);
    // A page shown before the last save approves nothing.
    const stale = (await statementView(w.db, w.company, id, NOW)).versions;
    await saveSection(w.db, w.company, id, section("training", "All buyers were trained."), NOW);
    await expect(approveStatement(w.db, w.company, id, ApprovalSchema.parse({ intent: "approve", approverName: "Dana Richter", approverRole: "board", approvedOn: "2026-05-20", versions: stale }), NOW)).rejects.toMatchObject({ field: "versions" });
    await expect(approveStatement(w.db, w.company, id, ApprovalSchema.parse({ intent: "approve", approverName: "Dana Richter", approverRole: "board", approvedOn: "2027-05-20", versions: (await statementView(w.db, w.company, id, NOW)).versions }), NOW)).rejects.toMatchObject({ field: "approvedOn" });
    await approve(w, id);
    expect((await statementView(w.db, w.company, id, NOW)).approval).toMatchObject({ name: "Dana Richter", role: "board", changedSince: [] });
    const filingId = await createFiling(w.db, w.company, id, { intent: "filing", regime: "uk_msa", authority: "", reference: "", receivedOn: "", dueOn: "", product: "", rawMaterial: "" }, NOW);
    await saveSection(w.db, w.company, id, section("training", "All buyers and auditors were trained.", 1), NOW);
    expect((await statementView(w.db, w.company, id, NOW)).approval?.changedSince).toEqual(["training"]);
    await expect(filingData(w.db, w.company, filingId)).rejects.toMatchObject({ message: "filings:errors.changedSinceApproval" });
    await expect(issueReport(w.db, w.company, { type: "filing", params: { filingId }, pageSize: "A4" }, { dir: w.dir, now: NOW, skipRateLimit: true })).rejects.toMatchObject({ field: "filingId" });
    expect(await w.db.select().from(reports)).toEqual([]);
  });

  it("another organisation's statement and filing answer like missing ones; a viewer writes nothing; a member does not approve", async () => {
    const w = await world();
    const id = await written(w);
    const other = await makeOrgWithRoles(w.db, "company");
    await expect(statementView(w.db, other.admin.actor, id, NOW)).rejects.toMatchObject({ name: "NotFound" });
    await expect(saveSection(w.db, other.admin.actor, id, section("policies", "x"), NOW)).rejects.toMatchObject({ name: "NotFound" });
    const filingId = await createFiling(w.db, w.company, id, { intent: "filing", regime: "uk_msa", authority: "", reference: "", receivedOn: "", dueOn: "", product: "", rawMaterial: "" }, NOW);
    await expect(issueReport(w.db, other.admin.actor, { type: "filing", params: { filingId }, pageSize: "A4" }, { dir: w.dir, now: NOW, skipRateLimit: true })).rejects.toMatchObject({ name: "NotFound" });
    const mine = await makeOrgWithRoles(w.db, "company");
    await saveProfile(w.db, mine.admin.actor, profile(), NOW);
    const own = await openStatement(w.db, mine.admin.actor, 2024, NOW);
    await expect(saveSection(w.db, mine.viewer.actor, own, section("policies", "x"), NOW)).rejects.toMatchObject({ name: "Forbidden" });
    await saveSection(w.db, mine.member.actor, own, section("policies", "Our policy."), NOW);
    const versions = (await statementView(w.db, mine.member.actor, own, NOW)).versions;
    await expect(approveStatement(w.db, mine.member.actor, own, ApprovalSchema.parse({ intent: "approve", approverName: "X", approverRole: "board", approvedOn: "2026-05-20", versions }), NOW)).rejects.toMatchObject({ name: "Forbidden" });
    const inspector = firstRow(await w.db.select().from(users).where(eq(users.email, "inspector@inspectorate.example")))!;
    const inspectorate = (await rawGet<{ orgId: number }>(w.db, `select org_id as "orgId" from memberships where user_id = ?`, inspector.id))!.orgId;
    await expect(statementView(w.db, await actorFor(w.db, inspector.id, inspectorate), id, NOW)).rejects.toMatchObject({ name: "Forbidden" });
  });

  it("says what is due per regime from the year end and the records, and marks what is overdue", async () => {
    const w = await world();
    const id = await written(w);
    const overview = await filingsOverview(w.db, w.company, NOW);
    const uk2024 = overview.due.find((d) => d.regime === "uk_msa" && d.period.to === "2024-12-31")!;
    expect(uk2024).toMatchObject({ dueOn: "2025-06-30", statementId: id, state: "draft", overdue: true });
    // The demo's draft for 2025, due in Canada by 31 May 2026: past.
    expect(overview.due.find((d) => d.regime === "ca_s211" && d.period.to === "2025-12-31")).toMatchObject({ dueOn: "2026-05-31", state: "draft", overdue: true });
    // Only ended years, the two latest: 2026 has not ended on 3 December.
    expect(overview.due.filter((d) => d.regime === "uk_msa").map((d) => d.period.to)).toEqual(["2025-12-31", "2024-12-31"]);
    await approve(w, id);
    expect((await filingsOverview(w.db, w.company, NOW)).due.find((d) => d.regime === "uk_msa" && d.period.to === "2024-12-31")!.state).toBe("approved");
    // A company without a profile: nothing due is claimed.
    const bare = await makeOrgWithRoles(w.db, "company");
    expect(await filingsOverview(w.db, bare.viewer.actor, NOW)).toMatchObject({ profile: null, due: [] });
  });
});

describe("issued filings", () => {
  it("issues each statement regime as a signed report whose parts, figures and approval are read back; Canada within 10 pages", async () => {
    const w = await world();
    const id = await written(w);
    await approve(w, id);
    const listed = (await computeFigures(w.db, w.companyId, { from: "2024-01-01", to: "2024-12-31" }, NOW)).suppliers_listed;
    for (const regime of ["uk_msa", "au_msa", "ca_s211"] as const) {
      const filingId = await createFiling(w.db, w.company, id, { intent: "filing", regime, authority: "", reference: "", receivedOn: "", dueOn: "", product: "", rawMaterial: "" }, NOW);
      const issued = await issueReport(w.db, w.company, { type: "filing", params: { filingId, language: regime === "ca_s211" ? "fr" : "en" }, pageSize: "A4" }, { dir: w.dir, now: NOW, skipRateLimit: true });
      const row = firstRow(await w.db.select().from(reports).where(eq(reports.id, issued.id)))!;
      expect(row.type).toBe("filing");
      expect(firstRow(await w.db.select().from(filings).where(eq(filings.id, filingId)))!.reportId).toBe(issued.id);
      const text = pdftext(row.filePath);
      expect(text).toContain("Dana Richter");
      expect(text).toContain(`We list ${listed} suppliers`);
      expect(text).not.toContain("{{");
      expect(spawnSync("pdfsig", [row.filePath], { encoding: "utf8" }).stdout).toContain("Signature is Valid");
      expect(await verifyFile(w.db, row.filePath)).toMatchObject({ kind: "authentic", report: { id: issued.id } });
      if (regime === "ca_s211") expect(row.pages).toBeLessThanOrEqual(10);
    }
    expect(await w.db.select().from(statementSections).where(eq(statementSections.statementId, id))).toHaveLength(3);
  });

  it("answers an EU request with the product's supply chain traced tier by tier", async () => {
    const w = await world();
    const id = await written(w);
    await approve(w, id);
    const product = (await rawAll<{ products: string | string[] }>(w.db, `select products from suppliers where org_id = ? and products is not null`, w.companyId))
      .map((r) => (typeof r.products === "string" ? (JSON.parse(r.products) as string[]) : r.products))
      .find((p) => p.length > 0)![0]!;
    const filingId = await createFiling(w.db, w.company, id, { intent: "filing", regime: "eu_flr", authority: "Bundesanstalt X", reference: "FL-2026-17", receivedOn: "2026-11-20", dueOn: "2026-12-20", product, rawMaterial: "" }, NOW);
    const { data } = await filingData(w.db, w.company, filingId);
    expect(data.request).toMatchObject({ authority: "Bundesanstalt X", dueOn: "2026-12-20", product });
    const traced = data.tiers!.flatMap((t) => t.suppliers);
    expect(traced.length).toBeGreaterThan(0);
    expect(traced.some((s) => s.products.some((p) => p.toLowerCase().includes(product.toLowerCase())))).toBe(true);
    const issued = await issueReport(w.db, w.company, { type: "filing", params: { filingId, language: "de" }, pageSize: "A4" }, { dir: w.dir, now: NOW, skipRateLimit: true });
    const text = pdftext(firstRow(await w.db.select().from(reports).where(eq(reports.id, issued.id)))!.filePath);
    expect(text).toContain("FL-2026-17");
    expect(text).toContain(traced[0]!.name);
    // A request refused field by field: every wrong field at once.
    await expect(createFiling(w.db, w.company, id, { intent: "filing", regime: "us_uflpa", authority: "", reference: "", receivedOn: "2026-13-01", dueOn: "", product: "", rawMaterial: "" }, NOW)).rejects.toMatchObject({ field: "authority", others: [{ field: "product" }, { field: "receivedOn" }, { field: "dueOn" }] });
  });
});

describe("filing routes", () => {
  it("the issue form refuses another statement's filing like a missing one; the registry row downloads only from an approved statement, injection-safe", async () => {
    const w = await world();
    const id = await written(w);
    const statementPage = await import("~/routes/filings.statements.$statementId");
    const csvRoute = await import("~/routes/filings.$filingId.$form[.csv]");
    const ctx = await contextFor(w.db, w.company.user.id, w.companyId);
    // The demo's statement (2025) has its own UK filing; posted on 2024's page it names nothing there.
    const demo = (await rawAll<{ id: number }>(w.db, `select id from statements where org_id = ? and id != ?`, w.companyId, id))[0]!.id;
    const theirs = await createFiling(w.db, w.company, demo, { intent: "filing", regime: "uk_msa", authority: "", reference: "", receivedOn: "", dueOn: "", product: "", rawMaterial: "" }, NOW);
    const crossed = await responseOf(() => statementPage.action({ request: post(`/filings/statements/${id}`, { intent: "issue", regime: "uk_msa", filingId: String(theirs), language: "en" }), context: ctx, params: { statementId: String(id) } }));
    expect(crossed.status).toBe(404);
    const ours = await createFiling(w.db, w.company, id, { intent: "filing", regime: "uk_msa", authority: "", reference: "", receivedOn: "", dueOn: "", product: "", rawMaterial: "" }, NOW);
    const csv = (fid: number, query = "") => responseOf(() => csvRoute.loader({ request: get(`/filings/${fid}/uk-registry.csv${query}`), context: ctx, params: { filingId: String(fid), form: "uk-registry" } }));
    // Not approved: refused, nothing exported.
    expect((await csv(ours)).status).toBe(400);
    await approve(w, id);
    // A form that is not this regime's names nothing.
    expect((await responseOf(() => csvRoute.loader({ request: get(`/filings/${ours}/s211-questionnaire.csv`), context: ctx, params: { filingId: String(ours), form: "s211-questionnaire" } }))).status).toBe(404);
    const answer = await csv(ours, "?url=https://northwind.example/modern-slavery-2024");
    expect(answer.status).toBe(200);
    const rows = Papa.parse<string[]>((await answer.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    const row = Object.fromEntries(rows[0]!.map((h, i) => [h, rows[1]![i]]));
    expect(row).toMatchObject({ "Statement URL": "https://northwind.example/modern-slavery-2024", "Statement start date": "2024-01-01", "Statement end date": "2024-12-31", "Approved by": "Dana Richter", "Approval date": "2025-05-20", Turnover: "£60 million to £100 million", "Group statement": "Yes" });
    expect(row["Covers organisation structure and supply chains"]).toBe("Yes");
    expect(row["Covers training on modern slavery and trafficking"]).toBe("No");
    // A URL that is not one is not written into the row.
    const hostile = await csv(ours, "?url=" + encodeURIComponent("=HYPERLINK(\"http://x\")"));
    expect(await hostile.text()).not.toContain("HYPERLINK");
  });
});
