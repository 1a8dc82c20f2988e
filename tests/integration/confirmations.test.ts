/**
 * Permanent actions ask first (issue 17): submitting a report to a regulator, activating a
 * methodology or a reference edition (both rescore everyone), revoking a share. The first post,
 * without `confirm=yes`, answers what the action would do, computed, and changes nothing; the post
 * with `confirm=yes` does it. Refusals still come before the question.
 */
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { methodologies, organisations, referenceSources, reports, shares, users } from "#db/schema";
import { seedDemo } from "#db/seed";
import { issueReport } from "~/domain/reports/issue.server";
import { addMethodologyVersion } from "~/domain/risk/methodology-store.server";
import { rescoresSettled } from "~/domain/risk/rescore.server";
import { stageReferenceUpload } from "~/domain/reference/editions.server";
import * as reportPage from "~/routes/reports.$reportId";
import * as methodologyAdmin from "~/routes/admin.methodology";
import * as referenceEdition from "~/routes/admin.reference.$sourceId";
import * as sharingPage from "~/routes/sharing";
import { createTestDb } from "../support/db";
import { actorFor, makeUser } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, post, responseOf } from "../support/routes";
import { firstRow, rawColumn, rawGet } from "../../db/client";

async function world() {
  const db = createTestDb();
  await seedDemo(db);
  const org = async (name: string) => firstRow(await db.select().from(organisations).where(eq(organisations.name, name)))!.id;
  const user = async (email: string) => firstRow(await db.select().from(users).where(eq(users.email, email)))!.id;
  const companyId = await org("Northwind Fresh Foods GmbH");
  const companyUser = await user("compliance@northwind.example");
  const admin = await makeUser(db, { platformAdmin: true });
  return {
    db,
    companyId,
    regulatorId: await org("Supply Chain Supervisory Authority"),
    unionId: await org("Plantation and Construction Workers' Union"),
    company: await actorFor(db, companyUser, companyId),
    companyCtx: await contextFor(db, companyUser, companyId),
    admin: await actorFor(db, admin.id, null),
    adminCtx: await contextFor(db, admin.id, null),
  };
}

/** The action's answer: status, JSON body (a refused form, or the confirmation), the redirect. */
async function answer(fn: () => unknown) {
  const res = await responseOf(fn);
  const text = await res.text();
  return { status: res.status, location: res.headers.get("location"), body: (text.startsWith("{") ? JSON.parse(text) : text) as Record<string, unknown> };
}

/** Everything an action could have changed, to compare before and after. */
async function snapshot(db: ReturnType<typeof createTestDb>) {
  return JSON.stringify({
    reports: await db.select().from(reports),
    shares: await db.select().from(shares),
    methodologies: (await db.select({ id: methodologies.id, status: methodologies.status }).from(methodologies)),
    sources: await db.select({ id: referenceSources.id, status: referenceSources.status }).from(referenceSources),
    log: await rawColumn<number>(db, "select count(*) from audit_log"),
    runs: await rawColumn<number>(db, "select count(*) from scoring_runs"),
    scores: await rawColumn<string>(db, "select coalesce(group_concat(risk_score), '') from suppliers"),
  });
}

describe("confirmation of permanent actions", () => {
  it("submitting a report: the first post names the regulator, its readers and the correction, and submits nothing", async () => {
    const w = await world();
    const { id } = await issueReport(w.db, w.company, { type: "company_due_diligence", params: { from: "2026-01-01", to: "2026-12-31" }, pageSize: "A4" }, { dir: path.join(TMP_DIR, `confirm-${process.pid}-${Date.now()}`) });
    const send = (fields: Record<string, string>) => answer(() => reportPage.action({ request: post(`/reports/${id}`, fields), context: w.companyCtx, params: { reportId: id } }));
    const before = await snapshot(w.db);
    // A refusal comes before the question.
    expect(await send({ regulatorId: "999999" })).toMatchObject({ status: 400, body: { errors: { regulatorId: "Choose a regulator." } } });
    const members = (await rawGet<{ n: number }>(w.db, "select count(*) as n from memberships where org_id = ?", w.regulatorId))!.n;
    const asked = await send({ regulatorId: String(w.regulatorId) });
    expect(asked).toMatchObject({ status: 200, body: { ok: true, confirm: { reportId: id, regulatorId: w.regulatorId, regulator: "Supply Chain Supervisory Authority", regulatorMembers: Number(members), corrects: null } } });
    expect(Number(members)).toBeGreaterThan(0);
    // Anything but "yes" is not a confirmation.
    expect((await send({ regulatorId: String(w.regulatorId), confirm: "true" })).status).toBe(200);
    expect(await snapshot(w.db)).toBe(before);

    expect(await send({ regulatorId: String(w.regulatorId), confirm: "yes" })).toMatchObject({ status: 302, location: `/reports/${id}?submitted=1` });
    expect(firstRow(await w.db.select().from(reports).where(eq(reports.id, id)))!.submittedTo).toBe(w.regulatorId);
  });

  it("revoking a share: the first post says how many suppliers the partner stops seeing, and revokes nothing", async () => {
    const w = await world();
    const share = firstRow(await w.db.select().from(shares).where(eq(shares.fromOrgId, w.companyId)))!;
    const send = (fields: Record<string, string>) => answer(() => sharingPage.action({ request: post("/sharing", fields), context: w.companyCtx, params: {} }));
    const before = await snapshot(w.db);
    const partner = firstRow(await w.db.select().from(organisations).where(eq(organisations.id, share.toOrgId)))!.name;
    const asked = await send({ intent: "revoke", shareId: String(share.id) });
    expect(asked).toMatchObject({ status: 200, body: { ok: true, confirm: { shareId: share.id, partner } } });
    const confirm = (asked.body as { confirm: { covered: number; lost: number } }).confirm;
    expect(confirm.covered).toBeGreaterThan(0);
    expect(confirm.lost).toBeLessThanOrEqual(confirm.covered);
    expect(await snapshot(w.db)).toBe(before);
    // Another company's share answers 404 before any question.
    expect((await send({ intent: "revoke", shareId: "999999" })).status).toBe(404);

    expect(await send({ intent: "revoke", shareId: String(share.id), confirm: "yes" })).toMatchObject({ status: 302, location: `/sharing?revoked=${share.id}` });
    expect(firstRow(await w.db.select().from(shares).where(eq(shares.id, share.id)))!.revokedAt).not.toBeNull();
  });

  it("revoking one of two shares to the same partner: only the suppliers no other share covers are lost", async () => {
    const w = await world();
    const shareOf = async (filter: Record<string, unknown>) => (await w.db.insert(shares).values({ fromOrgId: w.companyId, toOrgId: w.unionId, scope: ["identity"], filter, createdBy: w.company.user.id, createdAt: new Date() }).returning({ id: shares.id }))[0]!.id;
    // The demo's own shares to the union end first, so that exactly the two below are active.
    await w.db.update(shares).set({ revokedAt: new Date() }).where(eq(shares.toOrgId, w.unionId));
    const ids = await rawColumn<number>(w.db, "select id from suppliers where org_id = ? order by id limit 3", w.companyId);
    const two = await shareOf({ supplierIds: ids.slice(0, 2) });
    await shareOf({ supplierIds: ids.slice(1, 3) });
    const asked = await answer(() => sharingPage.action({ request: post("/sharing", { intent: "revoke", shareId: String(two) }), context: w.companyCtx, params: {} }));
    // The second supplier stays visible through the other share: one is lost.
    expect((asked.body as { confirm: unknown }).confirm).toMatchObject({ covered: 2, lost: 1 });
  });

  it("activating a methodology: the first post gives the suppliers, companies and band changes, and activates nothing", async () => {
    const w = await world();
    const v1 = readFileSync("fixtures/methodology/v1.json", "utf8");
    const draft = await addMethodologyVersion(w.db, w.admin, v1.replace('"version": "1.0"', '"version": "9.9"'));
    const send = (fields: Record<string, string>) => answer(() => methodologyAdmin.action({ request: post("/admin/methodology", fields), context: w.adminCtx, params: {} }));
    const before = await snapshot(w.db);
    const suppliers = Number((await rawGet<{ n: number }>(w.db, "select count(*) as n from suppliers"))!.n);
    const companies = Number((await rawGet<{ n: number }>(w.db, "select count(distinct org_id) as n from suppliers"))!.n);
    const asked = await send({ intent: "activate", id: String(draft) });
    expect(asked).toMatchObject({ status: 200, body: { ok: true, confirm: { id: draft, version: "9.9", suppliersScored: suppliers, organisations: companies } } });
    const confirm = (asked.body as { confirm: { bandChanged: number; scoreChanged: number } }).confirm;
    expect(confirm.bandChanged).toBeLessThanOrEqual(confirm.scoreChanged);
    expect(await snapshot(w.db)).toBe(before);

    expect(await send({ intent: "activate", id: String(draft), confirm: "yes" })).toMatchObject({ status: 302, location: "/admin/methodology" });
    await rescoresSettled();
    expect(firstRow(await w.db.select().from(methodologies).where(eq(methodologies.id, draft)))!.status).toBe("active");
  });

  it("activating a reference edition: the first post gives the rescoring's effect, and activates nothing", async () => {
    const w = await world();
    const tvpra = readFileSync("fixtures/reference/dol_ilab_tvpra_goods_2022.csv", "utf8");
    const file = path.join(TMP_DIR, `confirm-ref-${process.pid}-${Date.now()}.csv`);
    writeFileSync(file, tvpra.split("\n").filter((l) => !l.includes(",Malaysia,")).join("\n"));
    const id = await stageReferenceUpload(w.db, w.admin, { kind: "tvpra_goods", name: "DOL TVPRA list", edition: "2024 (test)", filePath: file, fileName: "tvpra-2024.csv" });
    const send = (fields: Record<string, string>) => answer(() => referenceEdition.action({ request: post(`/admin/reference/${id}`, fields), context: w.adminCtx, params: { sourceId: String(id) } }));
    const before = await snapshot(w.db);
    const asked = await send({ intent: "activate" });
    expect(asked).toMatchObject({ status: 200, body: { ok: true, confirm: { name: "DOL TVPRA list", edition: "2024 (test)", watchlist: false } } });
    const confirm = (asked.body as { confirm: { suppliersScored: number; scoreChanged: number } }).confirm;
    expect(confirm.suppliersScored).toBeGreaterThan(0);
    expect(confirm.scoreChanged).toBeGreaterThan(0);
    expect(await snapshot(w.db)).toBe(before);

    expect(await send({ intent: "activate", confirm: "yes" })).toMatchObject({ status: 302, location: "/admin/reference" });
    await rescoresSettled();
    expect(firstRow(await w.db.select().from(referenceSources).where(eq(referenceSources.id, id)))!.status).toBe("active");
    // An edition no longer pending is refused before any question.
    expect(await send({ intent: "activate" })).toMatchObject({ status: 400, body: { errors: { status: expect.stringMatching(/only a pending edition/) } } });
  });
});
