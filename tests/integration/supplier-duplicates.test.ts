/**
 * One identity per workplace (issue 20 item 6, decision 033) on a real database, through the
 * review page's route: candidate pairs by identifier, by claimed site and by name; keep apart takes
 * a pair out of the queue (and its undo puts it back); a merge hides the record from the list, the
 * count, the CSV export, the home count and the scoring run, and its undo restores it with both
 * rows kept in the history. And the attacks: another organisation's ids answer 404 like missing
 * ones, a record cannot be merged into itself nor into a merged record, a bad form keeps the input
 * and saves nothing.
 */
import { and, count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, supplierDuplicateDecisions, supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import { firstRow, onlyRow, type Db } from "#db/client";
import { duplicateCandidates, mergeSuppliers } from "~/domain/suppliers/duplicates.server";
import { companyHome } from "~/domain/home/company.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { listSuppliers } from "~/domain/suppliers/suppliers.server";
import * as duplicatesPage from "~/routes/suppliers.duplicates";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import * as supplierCsv from "~/routes/suppliers[.csv]";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";

const OS_ID = "KH2019123ABC456";

async function world(db: Db) {
  const company = await makeOrgWithRoles(db, "company");
  const add = async (externalId: string, name: string, identifiers: Record<string, string> = {}, country = "KH") =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name, country, sector: "Garments", identifiers, nameKey: `${name.toLowerCase()}|${country.toLowerCase()}` }).returning());
  // The same OS ID written two ways (lower case, a space): the same workplace.
  const a = await add("A-1", "Mekong Sewing", { os_id: OS_ID });
  const b = await add("B-7", "Mekong Sewing Factory No. 2", { "OS ID": `${OS_ID.toLowerCase().slice(0, 6)} ${OS_ID.slice(6)}` });
  // Same name and country, no identifier: the weaker evidence.
  const c = await add("C-1", "Angkor Knit", {});
  const d = await add("C-2", "Angkor Knit", {});
  // A record alone.
  const e = await add("E-1", "Tonle Dyeing", { duns: "150483782" });
  return { company, a, b, c, d, e };
}

async function pageAs(db: Db, userId: number, orgId: number) {
  const ctx = await contextFor(db, userId, orgId);
  return {
    load: async () => (await duplicatesPage.loader({ request: get("/suppliers/duplicates"), context: ctx, params: {} })) as Awaited<ReturnType<typeof duplicatesPage.loader>>,
    send: (form: Record<string, string>) => responseOf(() => duplicatesPage.action({ request: post("/suppliers/duplicates", form), context: ctx, params: {} })),
  };
}

const csvOf = async (db: Db, userId: number, orgId: number) => {
  const ctx = await contextFor(db, userId, orgId);
  const response = await responseOf(() => supplierCsv.loader({ request: get("/suppliers.csv"), context: ctx, params: {} }));
  return await response.text();
};

describe("the duplicate review queue", () => {
  it("proposes pairs by identifier (strongest first, the scheme and value named) and by name", async () => {
    const db = createTestDb();
    const { company, a, b, c, d } = await world(db);
    const page = await pageAs(db, company.viewer.user.id, company.org.id);
    const data = await page.load();
    expect(data.total).toBe(2);
    expect(data.canMerge).toBe(false);
    const [first, second] = data.pairs;
    expect([first!.left.id, first!.right.id]).toEqual([a.id, b.id]);
    expect(first!.evidence).toEqual([{ kind: "identifier", scheme: "os_id", value: OS_ID }]);
    expect([second!.left.id, second!.right.id]).toEqual([c.id, d.id]);
    expect(second!.evidence).toEqual([{ kind: "name" }]);
  });

  it("proposes two records linked to the same claimed site, and never another buyer's records", async () => {
    const db = createTestDb();
    const { company, a, e } = await world(db);
    const other = await makeOrgWithRoles(db, "company");
    const theirs = onlyRow(await db.insert(suppliers).values({ orgId: other.org.id, externalId: "T-1", name: "Mekong Sewing", country: "KH", identifiers: { os_id: OS_ID }, nameKey: "mekong sewing|kh" }).returning());
    const supplierOrg = await makeOrgWithRoles(db, "supplier");
    const site = onlyRow(await db.insert(supplierSites).values({ orgId: supplierOrg.org.id, name: "Mekong Sewing", country: "KH" }).returning());
    for (const [supplierId, buyerOrgId] of [
      [a.id, company.org.id],
      [e.id, company.org.id],
      [theirs.id, other.org.id],
    ] as const)
      await db.insert(supplierSiteLinks).values({ siteId: site.id, supplierId, buyerOrgId });
    const mine = await duplicateCandidates(db, company.member.actor, company.org.id);
    const ids = mine.pairs.flatMap((p) => [p.left.id, p.right.id]);
    expect(ids).not.toContain(theirs.id);
    const siteLinked = mine.pairs.find((p) => p.left.id === a.id && p.right.id === e.id)!;
    expect(siteLinked.evidence).toEqual([{ kind: "site" }]);
    // The other buyer sees its record alone: nothing of ours.
    expect((await duplicateCandidates(db, other.member.actor, other.org.id)).total).toBe(0);
  });

  it("keep apart takes the pair out of the queue; undoing it puts the pair back", async () => {
    const db = createTestDb();
    const { company, c, d } = await world(db);
    const page = await pageAs(db, company.member.user.id, company.org.id);
    const kept = await page.send({ intent: "keep-apart", leftId: String(c.id), rightId: String(d.id), note: "Two mills, two towns" });
    expect(kept.status).toBe(200);
    let data = await page.load();
    expect(data.total).toBe(1);
    expect(data.history[0]).toMatchObject({ decision: "kept_apart", note: "Two mills, two towns", undoneAt: null });
    // Twice: refused, nothing added.
    const again = await page.send({ intent: "keep-apart", leftId: String(d.id), rightId: String(c.id), note: "" });
    expect(again.status).toBe(409);
    const undone = await page.send({ intent: "undo", decisionId: String(data.history[0]!.id), reason: "Same mill after all" });
    expect(undone.status).toBe(200);
    data = await page.load();
    expect(data.total).toBe(2);
    expect(data.history).toHaveLength(1);
    expect(data.history[0]).toMatchObject({ undoReason: "Same mill after all" });
    expect(data.history[0]!.undoneAt).not.toBeNull();
  });
});

describe("merge and split", () => {
  it("a merge hides the record from the list, count, export, home and scoring; the undo restores it and the history keeps both rows", async () => {
    const db = createTestDb();
    const { company, a, b } = await world(db);
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    const page = await pageAs(db, company.member.user.id, company.org.id);
    const listed = async () => (await listSuppliers(db, company.member.actor, company.org.id, {})).rows.map((r) => r.id);
    expect(await listed()).toContain(b.id);

    const merged = await page.send({ intent: "merge-into-left", leftId: String(a.id), rightId: String(b.id), note: "Same OS ID" });
    expect(merged.status).toBe(200);
    expect(firstRow(await db.select().from(suppliers).where(eq(suppliers.id, b.id)))!.mergedIntoId).toBe(a.id);
    const list = await listSuppliers(db, company.member.actor, company.org.id, {});
    expect(list.rows.map((r) => r.id)).not.toContain(b.id);
    expect(list.total).toBe(4);
    expect((await listSuppliers(db, company.member.actor, company.org.id, { q: "Mekong" })).rows.map((r) => r.id)).toEqual([a.id]);
    const csv = await csvOf(db, company.member.user.id, company.org.id);
    expect(csv).not.toContain("B-7");
    expect(csv).toContain("A-1");
    expect((await companyHome(db, company.member.actor, company.org.id)).suppliers).toBe(4);
    expect((await scoreOrganisation(db, company.org.id, { cause: "after merge" })).scored).toBe(4);
    // The queue no longer proposes the merged record.
    expect((await page.load()).pairs.flatMap((p) => [p.left.id, p.right.id])).not.toContain(b.id);

    // The merged record's page still opens, with the notice; the kept one lists it.
    const ctx = await contextFor(db, company.member.user.id, company.org.id);
    const otherPage = (await supplierPage.loader({ request: get(`/suppliers/${b.id}`), context: ctx, params: { supplierId: String(b.id) } })) as { merges: { mergedInto: { id: number; decisionId: number } | null } };
    expect(otherPage.merges.mergedInto).toMatchObject({ id: a.id });
    const keptPage = (await supplierPage.loader({ request: get(`/suppliers/${a.id}`), context: ctx, params: { supplierId: String(a.id) } })) as { merges: { merged: { id: number }[] } };
    expect(keptPage.merges.merged.map((m) => m.id)).toEqual([b.id]);

    // Undo: a reason is required (kept, nothing changed), then the split.
    const decisionId = otherPage.merges.mergedInto!.decisionId;
    const noReason = await page.send({ intent: "undo", decisionId: String(decisionId), reason: " " });
    expect(noReason.status).toBe(400);
    const refused = (await noReason.json()) as { errors: Record<string, string>; values: Record<string, string> };
    expect(refused.errors.reason).toMatch(/reason|why/i);
    expect(firstRow(await db.select().from(suppliers).where(eq(suppliers.id, b.id)))!.mergedIntoId).toBe(a.id);
    const split = await page.send({ intent: "undo", decisionId: String(decisionId), reason: "Two factories on one OS ID" });
    expect(split.status).toBe(200);
    expect(firstRow(await db.select().from(suppliers).where(eq(suppliers.id, b.id)))!.mergedIntoId).toBeNull();
    expect(await listed()).toContain(b.id);
    expect(await csvOf(db, company.member.user.id, company.org.id)).toContain("B-7");
    expect((await companyHome(db, company.member.actor, company.org.id)).suppliers).toBe(5);
    // A second undo of the same decision: refused.
    expect((await page.send({ intent: "undo", decisionId: String(decisionId), reason: "again" })).status).toBe(409);

    // Merge again the other way round: the history keeps both decisions, the first one undone.
    expect((await page.send({ intent: "merge-into-right", leftId: String(a.id), rightId: String(b.id), note: "" })).status).toBe(200);
    const rows = await db.select().from(supplierDuplicateDecisions).where(eq(supplierDuplicateDecisions.orgId, company.org.id));
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.id === decisionId)).toMatchObject({ keptId: a.id, otherId: b.id, undoReason: "Two factories on one OS ID", evidence: [{ kind: "identifier", scheme: "os_id", value: OS_ID }] });
    expect(rows.find((r) => r.id !== decisionId)).toMatchObject({ keptId: b.id, otherId: a.id, undoneAt: null });
    const events = (await db.select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.orgId, company.org.id))).map((r) => r.action);
    expect(events.filter((x) => x.startsWith("supplier.merge"))).toEqual(["supplier.merged", "supplier.merge_undone", "supplier.merged"]);
  });

  it("a child whose parent was merged shows the kept record as its parent, naming the listed one; after the undo, its own parent again", async () => {
    const db = createTestDb();
    const { company, a, b } = await world(db);
    const child = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "K-1", name: "Kampot Trims", country: "KH", parentId: b.id, parentExternalId: "B-7" }).returning());
    const page = await pageAs(db, company.member.user.id, company.org.id);
    const ctx = await contextFor(db, company.member.user.id, company.org.id);
    const parentOf = async () => ((await supplierPage.loader({ request: get(`/suppliers/${child.id}`), context: ctx, params: { supplierId: String(child.id) } })) as { parent: unknown }).parent;
    expect(await parentOf()).toMatchObject({ id: b.id, mergedFrom: null });
    expect((await page.send({ intent: "merge-into-left", leftId: String(a.id), rightId: String(b.id), note: "" })).status).toBe(200);
    expect(await parentOf()).toMatchObject({ id: a.id, name: "Mekong Sewing", externalId: "A-1", mergedFrom: { name: "Mekong Sewing Factory No. 2", externalId: "B-7" } });
    const decisionId = firstRow(await db.select().from(supplierDuplicateDecisions).where(eq(supplierDuplicateDecisions.otherId, b.id)))!.id;
    expect((await page.send({ intent: "undo", decisionId: String(decisionId), reason: "Two workplaces" })).status).toBe(200);
    expect(await parentOf()).toMatchObject({ id: b.id, mergedFrom: null });
  });

  it("refuses a record into itself, into a merged record, an already merged record, and one with records merged into it", async () => {
    const db = createTestDb();
    const { company, a, b, c, d } = await world(db);
    const page = await pageAs(db, company.member.user.id, company.org.id);
    const self = await page.send({ intent: "merge-into-left", leftId: String(a.id), rightId: String(a.id), note: "kept" });
    expect(self.status).toBe(400);
    expect(((await self.json()) as { values: Record<string, string> }).values.note).toBe("kept");
    await mergeSuppliers(db, company.member.actor, company.org.id, { keptId: a.id, otherId: b.id });
    // Into the merged record b.
    expect((await page.send({ intent: "merge-into-left", leftId: String(b.id), rightId: String(c.id), note: "" })).status).toBe(409);
    // b again, into another.
    expect((await page.send({ intent: "merge-into-left", leftId: String(c.id), rightId: String(b.id), note: "" })).status).toBe(409);
    // a has b merged into it: merging a into d is refused (merge d into a instead).
    const chain = await page.send({ intent: "merge-into-left", leftId: String(d.id), rightId: String(a.id), note: "" });
    expect(chain.status).toBe(409);
    expect(((await chain.json()) as { errors: Record<string, string> }).errors.form).toContain("Mekong Sewing");
    expect((await page.send({ intent: "merge-into-left", leftId: String(a.id), rightId: String(d.id), note: "" })).status).toBe(200);
    // A bad form: a message per field, nothing saved.
    const bad = await page.send({ intent: "merge-into-left", leftId: "x", rightId: String(c.id), note: "n".repeat(1001) });
    expect(bad.status).toBe(400);
    const errors = ((await bad.json()) as { errors: Record<string, string> }).errors;
    expect(errors.leftId).toBeTruthy();
    expect(errors.note).toBeTruthy();
    expect(firstRow(await db.select({ n: count() }).from(supplierDuplicateDecisions))!.n).toBe(2);
  });

  it("answers another organisation's records and decisions with 404, like missing ones; a viewer may not decide", async () => {
    const db = createTestDb();
    const mine = await world(db);
    const theirs = await world(db);
    const page = await pageAs(db, mine.company.member.user.id, mine.company.org.id);
    expect((await page.send({ intent: "merge-into-left", leftId: String(mine.a.id), rightId: String(theirs.b.id), note: "" })).status).toBe(404);
    expect((await page.send({ intent: "keep-apart", leftId: String(theirs.c.id), rightId: String(theirs.d.id), note: "" })).status).toBe(404);
    expect((await page.send({ intent: "merge-into-left", leftId: "999999", rightId: String(mine.b.id), note: "" })).status).toBe(404);
    const theirDecision = await mergeSuppliers(db, theirs.company.member.actor, theirs.company.org.id, { keptId: theirs.a.id, otherId: theirs.b.id });
    expect((await page.send({ intent: "undo", decisionId: String(theirDecision.decisionId), reason: "not mine" })).status).toBe(404);
    expect(firstRow(await db.select().from(suppliers).where(eq(suppliers.id, theirs.b.id)))!.mergedIntoId).toBe(theirs.a.id);
    // Their merged record's page: 404 for us.
    const ctx = await contextFor(db, mine.company.member.user.id, mine.company.org.id);
    expect((await responseOf(() => supplierPage.loader({ request: get(`/suppliers/${theirs.b.id}`), context: ctx, params: { supplierId: String(theirs.b.id) } }))).status).toBe(404);
    const viewer = await pageAs(db, mine.company.viewer.user.id, mine.company.org.id);
    expect((await viewer.send({ intent: "keep-apart", leftId: String(mine.c.id), rightId: String(mine.d.id), note: "" })).status).toBe(403);
    expect(firstRow(await db.select({ n: count() }).from(supplierDuplicateDecisions).where(and(eq(supplierDuplicateDecisions.orgId, mine.company.org.id))))!.n).toBe(0);
  });
});
