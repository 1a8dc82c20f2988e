/**
 * The partner's view: only what a company shared, within the share's scope; contests with
 * evidence, answered by the company; everyone else gets 404.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contests, shares, suppliers } from "#db/schema";
import { answerContest, contestsForCompany, raiseContest } from "~/domain/contests/contests.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { listSharedSuppliers, sharedSupplierDetail } from "~/domain/sharing/shared-suppliers.server";
import { storeEvidence } from "~/lib/evidence.server";
import * as contestEvidence from "~/routes/contests.$contestId.evidence";
import * as sharedDetail from "~/routes/shared.$supplierId";
import * as sharedList from "~/routes/shared._index";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow } from "../../db/client";
import { onlyRow } from "../../db/client";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const other = await makeOrgWithRoles(db, "union");
  const add = async (externalId: string, country: string, indicators: Record<string, boolean> = {}) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Supplier ${externalId}`, country, sector: "Agriculture", products: ["Palm oil"], indicators }).returning());
  const my1 = await add("MY1", "MY", { retention_of_documents: true });
  const my2 = await add("MY2", "MY");
  const th = await add("TH1", "TH");
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  const share = onlyRow(await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores", "indicators"], filter: { countries: ["MY"] } }).returning());
  return { db, company, union, other, my1, my2, th, share };
}

const pdf = (name: string) => {
  const file = path.join(TMP_DIR, `${Date.now()}-${Math.random().toString(36).slice(2)}-${name}`);
  writeFileSync(file, "%PDF-1.4\n% test evidence\n");
  return { path: file, name, size: 26 };
};

describe("shared suppliers", () => {
  it("list only the suppliers the share covers, saying who shared them and since when", async () => {
    const { db, union, company, my1, my2 } = await world();
    const list = await listSharedSuppliers(db, union.viewer.actor);
    expect(list.rows.map((r) => r.id).sort()).toEqual([my1.id, my2.id].sort());
    expect(list.rows[0]!.companyName).toBe(company.org.name);
    const res = await responseOf(async () => sharedList.loader({ request: get("/shared"), context: await contextFor(db, union.viewer.user.id, union.org.id), params: {} }));
    expect(res.status).toBe(200);
  });

  it("answer 404 for a supplier outside the share, for another union, and after the share is revoked", async () => {
    const { db, union, other, my1, th, share } = await world();
    const detail = (userId: number, orgId: number, id: number) =>
      responseOf(async () => sharedDetail.loader({ request: get(`/shared/${id}`), context: await contextFor(db, userId, orgId), params: { supplierId: String(id) } }));
    expect((await detail(union.member.user.id, union.org.id, my1.id)).status).toBe(200);
    expect((await detail(union.member.user.id, union.org.id, th.id)).status).toBe(404);
    expect((await detail(other.admin.user.id, other.org.id, my1.id)).status).toBe(404);
    expect((await listSharedSuppliers(db, other.admin.actor)).rows).toHaveLength(0);
    await db.update(shares).set({ revokedAt: new Date() }).where(eq(shares.id, share.id));
    expect((await detail(union.member.user.id, union.org.id, my1.id)).status).toBe(404);
  });

  it("give a company user no shared view (403), even of its own suppliers", async () => {
    const { db, company } = await world();
    const res = await responseOf(async () => sharedList.loader({ request: get("/shared"), context: await contextFor(db, company.admin.user.id, company.org.id), params: {} }));
    expect(res.status).toBe(403);
  });

  it("withhold observed indicators when the share's scope does not include them", async () => {
    const { db, union, my1, share } = await world();
    const full = await sharedSupplierDetail(db, union.viewer.actor, my1.id);
    const observed = full.score!.factors.filter((f) => f.layer === "observed" && f.known);
    expect(observed.length).toBeGreaterThan(0);
    await db.update(shares).set({ scope: ["identity", "scores"] }).where(eq(shares.id, share.id));
    const cut = await sharedSupplierDetail(db, union.viewer.actor, my1.id);
    for (const f of cut.score!.factors.filter((x) => x.layer === "observed")) {
      expect(f.value).toMatch(/withheld/);
      expect(f.sources).toEqual([]);
    }
    expect(cut.score!.score).toBe(full.score!.score);
  });
});

describe("contests", () => {
  it("let a union member contest with evidence, the company answer, and both see the same contest", async () => {
    const { db, union, company, my1 } = await world();
    const evidence = storeEvidence(pdf("payslips.pdf"), TMP_DIR);
    expect(evidence.sha256).toMatch(/^[0-9a-f]{64}$/);
    const contest = await raiseContest(db, union.member.actor, my1.id, { comment: "  Workers told us passports were returned in March.  ", evidence });
    expect(contest.comment).toBe("Workers told us passports were returned in March.");
    expect(contest.riskScoreId).toBe(firstRow(await db.select().from(suppliers).where(eq(suppliers.id, my1.id)))!.riskScoreId);
    const inbox = await contestsForCompany(db, company.viewer.actor, company.org.id);
    expect(inbox.map((c) => c.id)).toEqual([contest.id]);
    await answerContest(db, company.member.actor, contest.id, { response: "We will check at the next audit.", close: false });
    expect(firstRow(await db.select().from(contests).where(eq(contests.id, contest.id)))!.status).toBe("answered");
    const download = await responseOf(async () => contestEvidence.loader({ request: get(`/contests/${contest.id}/evidence`), context: await contextFor(db, company.viewer.user.id, company.org.id), params: { contestId: String(contest.id) } }));
    expect(download.status).toBe(200);
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment; filename="payslips.pdf"/);
    // Its checked type, as an attachment the browser must not sniff into something else.
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(download.headers.get("X-Content-Type-Options")).toBe("nosniff");
  });

  it("refuse an empty comment, an HTML file posing as evidence, a viewer, and a company answering another's contest", async () => {
    const { db, union, company, my1, th } = await world();
    await expect(async () => await raiseContest(db, union.member.actor, my1.id, { comment: "   ", evidence: null })).rejects.toThrow("contests:validation.commentRequired");
    const html = pdf("evil.pdf");
    writeFileSync(html.path, "<!doctype html><script>alert(1)</script>");
    expect(() => storeEvidence(html, TMP_DIR)).toThrow("common:evidence.wrongType");
    const viewer = await responseOf(async () => await raiseContest(db, union.viewer.actor, my1.id, { comment: "x", evidence: null }));
    expect(viewer.status).toBe(403);
    const outside = await responseOf(async () => await raiseContest(db, union.member.actor, th.id, { comment: "x", evidence: null }));
    expect(outside.status).toBe(404);
    const contest = await raiseContest(db, union.member.actor, my1.id, { comment: "Wrong", evidence: null });
    const stranger = await makeOrgWithRoles(db, "company");
    const res = await responseOf(async () => await answerContest(db, stranger.admin.actor, contest.id, { response: "no", close: true }));
    expect(res.status).toBe(404);
    const viewerAnswer = await responseOf(async () => await answerContest(db, company.viewer.actor, contest.id, { response: "no", close: true }));
    expect(viewerAnswer.status).toBe(403);
    expect(firstRow(await db.select().from(contests).where(eq(contests.id, contest.id)))!.status).toBe("open");
  });
});
