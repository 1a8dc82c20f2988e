/**
 * Interview counts by gender and migrant status (issue 17, item 15), on a real database through
 * the findings route: recorded with the findings, refused beside the cell with the input kept and
 * nothing saved, shown in full to the inspectorate (page and PDF) and to the audited company as a
 * total only, once the report is issued.
 */
import { readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditInterviews, findings, reports } from "#db/schema";
import { checkInterviews } from "~/domain/audits/interviews";
import { issueReport } from "~/domain/reports/issue.server";
import * as auditRoute from "~/routes/audits.$auditId";
import * as findingsRoute from "~/routes/audits.$auditId_.findings";
import { demoAuditWorld } from "../support/demo";
import { actorFor } from "../support/factories";
import { flat, readPdf } from "../support/pdf";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow, rawGet } from "../../db/client";

async function world() {
  const { db, inspectorateId, companyId, inspectorId, companyUserId, auditId } = await demoAuditWorld();
  const ctx = await contextFor(db, inspectorId, inspectorateId);
  const save = async (fields: Record<string, string>) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(fields)) form.set(k, v);
    return await responseOf(() => findingsRoute.action({ request: new Request(`http://localhost/audits/${auditId}/findings`, { method: "POST", body: form }), context: ctx, params: { auditId: String(auditId) } }));
  };
  const page = async (userId: number, orgId: number) => await auditRoute.loader({ request: get(`/audits/${auditId}`), context: await contextFor(db, userId, orgId), params: { auditId: String(auditId) } });
  return { db, auditId, save, page, inspector: await actorFor(db, inspectorId, inspectorateId), inspectorId, inspectorateId, companyUserId, companyId };
}

const grid = (cells: Partial<Record<string, string>>) => ({
  "interviews.woman.migrant": "",
  "interviews.woman.national": "",
  "interviews.man.migrant": "",
  "interviews.man.national": "",
  "interviews.other.migrant": "",
  "interviews.other.national": "",
  ...cells,
});

describe("interview counts", () => {
  it("are recorded with the findings; a blank cell is 'not recorded', 0 is nobody", async () => {
    const w = await world();
    const saved = await w.save({ ...grid({ "interviews.woman.migrant": "4", "interviews.woman.national": " 2 ", "interviews.man.migrant": "7", "interviews.man.national": "0" }), "result.deception": "not_observed", "description.deception": "", "workers.deception": "" });
    expect(saved.status).toBe(302);
    const rows = (await w.db.select().from(auditInterviews).where(eq(auditInterviews.auditId, w.auditId))).map((r) => `${r.gender}.${r.origin}=${r.count}`).sort();
    expect(rows).toEqual(["man.migrant=7", "man.national=0", "woman.migrant=4", "woman.national=2"]);
    expect(firstRow(await w.db.select().from(findings).where(eq(findings.indicator, "deception")))?.result).toBe("not_observed");
    const page = await w.page(w.inspectorId, w.inspectorateId);
    if (page.side !== "inspectorate") throw new Error("inspectorate page expected");
    expect(page.interviews).toEqual({ cells: { woman: { migrant: 4, national: 2 }, man: { migrant: 7, national: 0 }, other: { migrant: null, national: null } }, total: 13 });
    // The activity log says it in a sentence's worth of detail, not the cells alone.
    expect(await rawGet(w.db, `select 1 from audit_log where action = 'audit.interviews_recorded' and target_id = ?`, String(w.auditId))).toBeTruthy();

    // A form without the grid (one indicator at a time, before the last) leaves the counts as they are.
    expect((await w.save({ "result.deception": "not_observed", "description.deception": "", "workers.deception": "" })).status).toBe(302);
    expect(await w.db.select().from(auditInterviews).where(eq(auditInterviews.auditId, w.auditId))).toHaveLength(4);
    // Clearing every cell removes the record.
    expect((await w.save(grid({}))).status).toBe(302);
    expect(await w.db.select().from(auditInterviews).where(eq(auditInterviews.auditId, w.auditId))).toHaveLength(0);
  });

  it.each([
    ["-1", "interviews.woman.migrant", /^Women, migrant: enter a whole number of people from 0 to 99999 \(got "-1"\)/],
    ["2.5", "interviews.man.national", /^Men, national: enter a whole number .*got "2\.5"/],
    ["many", "interviews.other.migrant", /^Other or not stated, migrant: enter a whole number .*got "many"/],
    ["100000", "interviews.other.national", /^Other or not stated, national: enter a whole number of people from 0 to 99999 \(got "100000"\)/],
  ])("refuses %s beside its cell, keeps every typed value and saves nothing (findings included)", async (typed, field, message) => {
    const w = await world();
    const findingsBefore = JSON.stringify(await w.db.select().from(findings));
    const refused = await w.save({ ...grid({ "interviews.woman.national": "3", [field]: typed }), "result.deception": "minor", "description.deception": "Promised wages not paid.", "workers.deception": "3" });
    expect(refused.status).toBe(400);
    const body = (await refused.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(body.errors[field]).toMatch(message);
    expect(body.values[field]).toBe(typed);
    expect(body.values["interviews.woman.national"]).toBe("3");
    expect(body.values["description.deception"]).toBe("Promised wages not paid.");
    expect(await w.db.select().from(auditInterviews)).toHaveLength(0);
    expect(JSON.stringify(await w.db.select().from(findings))).toBe(findingsBefore);
  });

  it("checkInterviews: totals only what was recorded", () => {
    expect(checkInterviews(grid({})).total).toBeNull();
    expect(checkInterviews(grid({ "interviews.other.national": "0" })).total).toBe(0);
    expect(checkInterviews(grid({ "interviews.woman.migrant": "1", "interviews.other.national": "2" })).total).toBe(3);
  });

  it("the audited company sees the total only, and only once the report is issued; the PDF has the grid and stays byte-identical", async () => {
    const w = await world();
    expect((await w.save(grid({ "interviews.woman.migrant": "1", "interviews.woman.national": "5", "interviews.man.migrant": "6", "interviews.man.national": "2" }))).status).toBe(302);
    const before = await w.page(w.companyUserId, w.companyId);
    if (before.side !== "company") throw new Error("company page expected");
    expect(before.interviewed).toBeNull();
    expect(JSON.stringify(before)).not.toMatch(/migrant|national/);

    const dir = path.join(TMP_DIR, `interviews-${process.pid}-${Math.random().toString(36).slice(2)}`);
    const first = await issueReport(w.db, w.inspector, { type: "audit", params: { auditId: w.auditId }, pageSize: "A4" }, { dir });
    const stored = firstRow(await w.db.select().from(reports).where(eq(reports.id, first.id)))!;
    const text = flat((await readPdf(stored.filePath)).text);
    expect(text).toContain("Workers interviewed Gender Migrant National All");
    expect(text).toContain("Women 1 5 6");
    expect(text).toContain("Men 6 2 8");
    expect(text).toContain("Other or not stated not recorded not recorded not recorded");
    expect(text).toContain("All 7 7 14");

    const after = await w.page(w.companyUserId, w.companyId);
    if (after.side !== "company") throw new Error("company page expected");
    expect(after.interviewed).toBe(14);
    expect(JSON.stringify(after)).not.toMatch(/"cells"|migrant|national/);

    // The same data gives the same bytes: the unsigned content, up to the signature (decision 034).
    const bytes = readFileSync(stored.filePath).subarray(0, stored.contentSize!);
    await w.db.delete(reports).where(eq(reports.id, first.id));
    rmSync(stored.filePath);
    const again = await issueReport(w.db, w.inspector, { type: "audit", params: { auditId: w.auditId }, pageSize: "A4" }, { dir, now: Date.now() + 1000 });
    expect(again.id).toBe(first.id);
    const regenerated = firstRow(await w.db.select().from(reports).where(eq(reports.id, again.id)))!;
    expect(regenerated.contentSha256).toBe(stored.contentSha256);
    expect(readFileSync(regenerated.filePath).subarray(0, regenerated.contentSize!).equals(bytes)).toBe(true);

    // In German the groups are named from the catalog, as on the audit page.
    const de = await issueReport(w.db, w.inspector, { type: "audit", params: { auditId: w.auditId, language: "de" }, pageSize: "A4" }, { dir });
    const deText = flat((await readPdf(firstRow(await w.db.select().from(reports).where(eq(reports.id, de.id)))!.filePath)).text);
    expect(deText).toContain("Frauen 1 5 6");
    expect(deText).toContain("Männer 6 2 8");
    expect(deText).toContain("Alle 7 7 14");
    expect(deText).not.toMatch(/Women|Other or not stated/);
  });
});
