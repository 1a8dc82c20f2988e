/**
 * The regulator's companies list (who is in the jurisdiction, who submitted for the period, the
 * review state) and the CSV of submissions (codes and words, formula-safe cells, recorded).
 */
import { eq } from "drizzle-orm";
import path from "node:path";
import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { organisations, reports, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport } from "~/domain/reports/issue.server";
import { jurisdictionCompanies } from "~/domain/reports/jurisdiction-companies.server";
import { submitReport } from "~/domain/reports/reports.server";
import { reviewReport } from "~/domain/reports/reviews.server";
import { exportSubmissions, SUBMISSIONS_HEADER } from "~/domain/reports/submissions-export.server";
import * as csvRoute from "~/routes/regulator.submissions[.csv]";
import { firstRow, rawAll } from "../../db/client";
import { createTestDb } from "../support/db";
import { actorFor, makeOrg, makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, responseOf } from "../support/routes";

describe("companies in the regulator's jurisdiction, and the CSV of submissions", () => {
  it("lists companies established there (and any that submitted), whether each submitted for the period, and its review state", { timeout: 60_000 }, async () => {
    const db = createTestDb();
    await seedDemo(db);
    const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
    const user = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
    const companyId = await org("Northwind Fresh Foods GmbH");
    const regulatorId = await org("Supply Chain Supervisory Authority");
    const company = await actorFor(db, await user("compliance@northwind.example"), companyId);
    const regulatorUser = await user("supervisor@regulator.example");
    const regulator = await actorFor(db, regulatorUser, regulatorId);
    const dir = path.join(TMP_DIR, `regulator-companies-${process.pid}`);

    // Established in Germany but silent; in France (not ours); in Germany but deactivated.
    const silent = await makeOrg(db, "company", "Rheinland Textil AG", ["DE"]);
    await makeOrg(db, "company", "Lyon Conserves SA", ["FR"]);
    const gone = await makeOrg(db, "company", "Alte Mühle GmbH", ["DE"]);
    await db.update(organisations).set({ deactivatedAt: new Date() }).where(eq(organisations.id, gone.id));
    // A company with a name built to run as a formula in a spreadsheet, which submitted once
    // (a report row as submission leaves it: the PDF is not the point here).
    const evil = await makeOrg(db, "company", "=HYPERLINK(\"http://x\",\"y\")", []);
    await db.insert(reports).values({
      id: "R-EVILEVIL",
      orgId: evil.id,
      type: "company_due_diligence",
      title: "@SUM(1+1) due diligence",
      params: { from: "2026-01-01", to: "2026-12-31" },
      periodStart: "2026-01-01",
      periodEnd: "2026-12-31",
      dataAsOf: new Date("2026-06-01T00:00:00Z"),
      referenceVersions: [],
      dataHash: "0".repeat(64),
      filePath: "/nonexistent.pdf",
      sha256: "1".repeat(64),
      size: 1,
      pages: 1,
      submittedTo: regulatorId,
      submittedAt: new Date("2026-06-02T00:00:00Z"),
      issuedAt: new Date("2026-06-01T00:00:00Z"),
    });

    const year = { from: "2026-01-01", to: "2026-12-31" };
    const before = await jurisdictionCompanies(db, regulator, year);
    expect(before.jurisdictions).toEqual(["DE"]);
    expect(before.companies.map((c) => [c.name, Boolean(c.report)])).toEqual([
      ["=HYPERLINK(\"http://x\",\"y\")", true],
      ["Northwind Fresh Foods GmbH", false],
      ["Rheinland Textil AG", false],
    ]);

    const issued = await issueReport(db, company, { type: "company_due_diligence", params: year, pageSize: "A4" }, { dir });
    await submitReport(db, company, issued.id, { regulatorId, supersedes: null });
    await reviewReport(db, regulator, issued.id, { step: "acknowledged", reason: "" });
    const after = await jurisdictionCompanies(db, regulator, year);
    const northwind = after.companies.find((c) => c.id === companyId)!;
    expect(northwind.report).toMatchObject({ id: issued.id, state: "acknowledged", periodStart: "2026-01-01" });
    expect(northwind.submissions).toBe(1);
    expect(after.companies.find((c) => c.id === silent.id)!.report).toBeNull();
    // Another period: nobody submitted for it, but everyone who ever submitted is still listed.
    const lastYear = await jurisdictionCompanies(db, regulator, { from: "2025-01-01", to: "2025-12-31" });
    expect(lastYear.companies.map((c) => [c.name, c.report])).toEqual([
      ["=HYPERLINK(\"http://x\",\"y\")", null],
      ["Northwind Fresh Foods GmbH", null],
      ["Rheinland Textil AG", null],
    ]);
    // Someone else's regulator sees none of it; a company may not ask.
    const other = await makeOrgWithRoles(db, "regulator");
    expect((await jurisdictionCompanies(db, other.admin.actor, year)).companies).toEqual([]);
    expect((await responseOf(() => jurisdictionCompanies(db, company, year))).status).toBe(403);

    // The CSV, through the route: the header, codes beside words, every cell formula-safe.
    const context = await contextFor(db, regulatorUser, regulatorId);
    const response = await responseOf(() => csvRoute.loader({ request: get(`/regulator/submissions.csv?from=2026-01-01&to=2026-12-31`), params: {}, context }));
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("text/csv; charset=utf-8");
    const text = await response.text();
    const rows = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(rows[0]).toEqual(SUBMISSIONS_HEADER);
    const byId = new Map(rows.slice(1).map((r) => [r[0], Object.fromEntries(SUBMISSIONS_HEADER.map((h, i) => [h, r[i]]))]));
    expect(byId.get(issued.id)).toMatchObject({ company: "Northwind Fresh Foods GmbH", kind_code: "company_due_diligence", kind: "Due-diligence report", review_state_code: "acknowledged", review_state: "Acknowledged", period_start: "2026-01-01" });
    expect(byId.get("R-EVILEVIL")).toMatchObject({ company: "'=HYPERLINK(\"http://x\",\"y\")", title: "'@SUM(1+1) due diligence", review_state_code: "submitted" });
    // Recorded in the regulator's activity log, with how many rows left.
    const events = await rawAll<{ details: string }>(db, `select details from audit_log where action = 'export.submissions' and org_id = ?`, regulatorId);
    expect(events.length).toBe(1);
    expect(JSON.parse(events[0]!.details)).toMatchObject({ rows: 2 });
    // The company filter narrows the file exactly as it narrows the list.
    expect((await exportSubmissions(db, regulator, { company: companyId }, null, "en")).rows).toBe(1);
    // In German the words for people are German; the header and the codes stay as they are.
    const german = await responseOf(() => csvRoute.loader({ request: get(`/regulator/submissions.csv?from=2026-01-01&to=2026-12-31`), params: {}, context: { ...context, locale: "de" } }));
    const deRows = Papa.parse<string[]>((await german.text()).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
    expect(deRows[0]).toEqual(SUBMISSIONS_HEADER);
    const deById = new Map(deRows.slice(1).map((r) => [r[0], Object.fromEntries(SUBMISSIONS_HEADER.map((h, i) => [h, r[i]]))]));
    expect(deById.get(issued.id)).toMatchObject({ kind_code: "company_due_diligence", kind: "Sorgfaltspflichtenbericht", review_state_code: "acknowledged", review_state: "Eingang bestätigt", period_start: "2026-01-01" });
    expect(deById.get("R-EVILEVIL")).toMatchObject({ review_state_code: "submitted", review_state: "Wartet auf Prüfung" });
  });
});
