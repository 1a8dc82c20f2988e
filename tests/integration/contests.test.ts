/**
 * Contests tied to a factor of the breakdown, of the data (the company answers) or of the method
 * (the platform administrator answers); the union's "My contests"; and the attacker's cases: a
 * supplier not shared, a score not shared, a factor not in the breakdown, a company answering a
 * method contest, another organisation's contest.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { contests, shares, suppliers } from "#db/schema";
import { describeEvent } from "~/domain/activity-log/sentences.server";
import { answerContest, contestDetail, myContests, raiseContest } from "~/domain/contests/contests.server";
import { companyHome } from "~/domain/home/company.server";
import { platformHome } from "~/domain/home/platform.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as contestPage from "~/routes/contests.$contestId";
import * as contestList from "~/routes/contests._index";
import * as sharedDetail from "~/routes/shared.$supplierId";
import { createTestDb } from "../support/db";
import { actorFor, makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { onlyRow, rawAll } from "../../db/client";

const WAGES = "indicator.withholding_of_wages";
const PASSPORTS = "indicator.retention_of_documents";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const otherUnion = await makeOrgWithRoles(db, "union");
  const adminUser = await makeUser(db, { platformAdmin: true });
  const admin = { user: adminUser, actor: await actorFor(db, adminUser.id, null) };
  const add = async (externalId: string, country: string, indicators: Record<string, boolean> = {}) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Kebun ${externalId}`, country, sector: "Agriculture", products: ["Palm oil"], indicators }).returning());
  // Wages withheld observed, passports observed not kept: the breakdown says both, in words.
  const my1 = await add("MY1", "MY", { withholding_of_wages: true, retention_of_documents: false });
  const my2 = await add("MY2", "MY");
  const th = await add("TH1", "TH");
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  const share = onlyRow(await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores", "indicators"], filter: { countries: ["MY"] } }).returning());
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: otherUnion.org.id, scope: ["identity", "scores"], filter: {} });
  return { db, company, union, otherUnion, admin, my1, my2, th, share };
}

const count = async (db: ReturnType<typeof createTestDb>) => (await db.select({ id: contests.id }).from(contests)).length;

describe("a contest tied to a factor of the breakdown", () => {
  it("stores the factor's key and says it in words, to the union and to the company, never the key", async () => {
    const w = await world();
    const wages = await raiseContest(w.db, w.union.member.actor, w.my1.id, { comment: "Wages are paid on time since May.", evidence: null, factor: WAGES });
    const passports = await raiseContest(w.db, w.union.member.actor, w.my1.id, { comment: "Passports are kept in the office.", evidence: null, factor: PASSPORTS });
    expect(wages).toMatchObject({ kind: "score", factor: WAGES });

    const mine = await contestDetail(w.db, w.union.member.actor, wages.id);
    expect(mine.contest.factorText).toBe("Withholding of wages: observed");
    expect((await contestDetail(w.db, w.union.member.actor, passports.id)).contest.factorText).toBe("Retention of identity documents: not observed");
    const theirs = await contestDetail(w.db, w.company.viewer.actor, wages.id);
    expect(theirs).toMatchObject({ as: "company", canAnswer: false, contest: { factorText: "Withholding of wages: observed", supplierName: "Kebun MY1" } });

    // The company's answering page, rendered data: the words, not the key.
    const page = await responseOf(async () => contestPage.loader({ request: get(`/contests/${wages.id}`), context: await contextFor(w.db, w.company.member.user.id, w.company.org.id), params: { contestId: String(wages.id) } }));
    const body = await page.text();
    expect(page.status).toBe(200);
    expect(body).toContain("Withholding of wages: observed");
    expect(body).not.toContain(WAGES);
    expect(JSON.parse(body)).toMatchObject({ canAnswer: true, as: "company" });
  });

  it("offers the breakdown's lines in words on the shared supplier's page, without the rules' lines", async () => {
    const w = await world();
    const page = (await sharedDetail.loader({ request: get(`/shared/${w.my1.id}`), context: await contextFor(w.db, w.union.member.user.id, w.union.org.id), params: { supplierId: String(w.my1.id) } })) as { factorOptions: { code: string; layer: string; text: string }[] };
    expect(page.factorOptions).toContainEqual({ code: WAGES, layer: "Observed indicators", text: "Withholding of wages: observed" });
    expect(page.factorOptions.map((o) => o.code)).not.toContain("red_flag_floor");
    expect(page.factorOptions.map((o) => o.code)).toContain("country");
    // A line's "Contest" link chooses it in the form; anything else chooses nothing.
    const chosen = async (factor: string) =>
      ((await sharedDetail.loader({ request: get(`/shared/${w.my1.id}?factor=${encodeURIComponent(factor)}`), context: await contextFor(w.db, w.union.member.user.id, w.union.org.id), params: { supplierId: String(w.my1.id) } })) as { chosenFactor: string }).chosenFactor;
    expect(await chosen(WAGES)).toBe(WAGES);
    expect(await chosen("red_flag_floor")).toBe("");
    expect(await chosen("indicator.nothing")).toBe("");
  });

  it("refuses a factor that is not a line of this supplier's score, or a rule's line, beside the field with the input kept and nothing stored", async () => {
    const w = await world();
    for (const factor of ["indicator.no_such_thing", "red_flag_floor", "<script>"]) {
      await expect(raiseContest(w.db, w.union.member.actor, w.my1.id, { comment: "Wrong.", evidence: null, factor })).rejects.toMatchObject({
        name: "Invalid",
        field: "factor",
        message: "contests:validation.unknownFactor",
      });
    }
    // Through the page's form: the message beside the field, the comment kept.
    const form = new FormData();
    form.set("comment", "Passports are kept.");
    form.set("kind", "score");
    form.set("factor", "indicator.no_such_thing");
    const answer = await responseOf(async () => sharedDetail.action({ request: new Request(`http://localhost/shared/${w.my1.id}`, { method: "POST", body: form }), context: await contextFor(w.db, w.union.member.user.id, w.union.org.id), params: { supplierId: String(w.my1.id) } }));
    expect(answer.status).toBe(400);
    expect(await answer.json()).toMatchObject({ ok: false, errors: { factor: expect.stringMatching(/^Choose a factor from the list/) }, values: { comment: "Passports are kept.", factor: "indicator.no_such_thing" } });
    // A kind that is neither.
    form.set("kind", "everything");
    form.set("factor", WAGES);
    const badKind = await responseOf(async () => sharedDetail.action({ request: new Request(`http://localhost/shared/${w.my1.id}`, { method: "POST", body: form }), context: await contextFor(w.db, w.union.member.user.id, w.union.org.id), params: { supplierId: String(w.my1.id) } }));
    expect(badKind.status).toBe(400);
    expect(await badKind.json()).toMatchObject({ errors: { kind: "Choose whether the data about this supplier or the method is wrong." } });
    expect(await count(w.db)).toBe(0);
  });

  it("refuses a factor of a supplier that has no score yet", async () => {
    const w = await world();
    await w.db.update(suppliers).set({ riskScoreId: null }).where(eq(suppliers.id, w.my2.id));
    await expect(raiseContest(w.db, w.union.member.actor, w.my2.id, { comment: "x", evidence: null, factor: WAGES })).rejects.toMatchObject({ field: "factor", message: "contests:validation.noScoreYet" });
    expect(await count(w.db)).toBe(0);
  });

  it("answers 404 for a supplier not shared with the union, and for a score the share does not include", async () => {
    const w = await world();
    const outside = await responseOf(async () => await raiseContest(w.db, w.union.member.actor, w.th.id, { comment: "x", evidence: null, factor: WAGES }));
    expect(outside.status).toBe(404);
    await w.db.update(shares).set({ scope: ["identity"] }).where(eq(shares.id, w.share.id));
    const noScores = await responseOf(async () => await raiseContest(w.db, w.union.member.actor, w.my1.id, { comment: "x", evidence: null, factor: WAGES, kind: "method" }));
    expect(noScores.status).toBe(404);
    expect(await count(w.db)).toBe(0);
  });

  it("says only the line's name to a union whose share withholds the indicators", async () => {
    const w = await world();
    const c = await raiseContest(w.db, w.otherUnion.member.actor, w.my1.id, { comment: "Wages are withheld.", evidence: null, factor: WAGES });
    expect((await contestDetail(w.db, w.otherUnion.member.actor, c.id)).contest.factorText).toBe("Withholding of wages (observed indicator)");
  });
});

describe("a contest of the method", () => {
  it("goes to the platform administrator, who answers; the company sees it read-only and may not answer it", async () => {
    const w = await world();
    const method = await raiseContest(w.db, w.union.admin.actor, w.my1.id, { comment: "One unpaid month should not weigh as much as debt bondage.", evidence: null, kind: "method", factor: WAGES });
    const data = await raiseContest(w.db, w.union.admin.actor, w.my2.id, { comment: "The sector is wrong.", evidence: null });

    // The administrator: the method contest only, without the supplier's name, company or state.
    const admin = await myContests(w.db, w.admin.actor);
    expect(admin.as).toBe("platform");
    expect(admin.contests.map((c) => c.id)).toEqual([method.id]);
    expect(admin.contests[0]).toMatchObject({ supplierName: null, companyName: null, orgName: w.union.org.name, factorText: "Withholding of wages (observed indicator)", methodologyVersion: expect.any(String) });
    expect((await platformHome(w.db, w.admin.actor)).methodContests).toMatchObject({ total: 1, latest: [{ id: method.id, unionName: w.union.org.name }] });
    // A contest of the data is none of the administrator's business: 404, as for one that does not exist.
    expect((await responseOf(async () => await contestDetail(w.db, w.admin.actor, data.id))).status).toBe(404);
    expect((await responseOf(async () => await answerContest(w.db, w.admin.actor, data.id, { response: "no", close: true }))).status).toBe(404);

    // The company sees both, answers the data one only (403 for the method one: it sees it).
    const company = await myContests(w.db, w.company.member.actor);
    expect(company.contests.map((c) => c.id).sort()).toEqual([method.id, data.id].sort());
    expect((await contestDetail(w.db, w.company.member.actor, method.id)).canAnswer).toBe(false);
    expect((await responseOf(async () => await answerContest(w.db, w.company.admin.actor, method.id, { response: "We disagree.", close: true }))).status).toBe(403);
    // Its home counts what waits for its answer: the data contest, not the method one.
    expect((await companyHome(w.db, w.company.member.actor, w.company.org.id)).openContests).toMatchObject({ total: 1, latest: [{ id: data.id }] });
    // The union may not answer its own contest either.
    expect((await responseOf(async () => await answerContest(w.db, w.union.admin.actor, method.id, { response: "Settled.", close: true }))).status).toBe(403);

    // The administrator answers through the page; the union and the company then read the answer.
    const ctx = await contextFor(w.db, w.admin.user.id, null);
    const loaded = await responseOf(async () => contestPage.loader({ request: get(`/contests/${method.id}`), context: ctx, params: { contestId: String(method.id) } }));
    expect(await loaded.json()).toMatchObject({ as: "platform", canAnswer: true, supplierLink: null, contest: { supplierName: null } });
    const empty = await responseOf(async () => contestPage.action({ request: post(`/contests/${method.id}`, { response: "  " }), context: ctx, params: { contestId: String(method.id) } }));
    expect(empty.status).toBe(400);
    expect(await empty.json()).toMatchObject({ errors: { response: "Write your answer." } });
    const sent = await responseOf(async () => contestPage.action({ request: post(`/contests/${method.id}`, { response: "The weights follow the ILO's indicators; version 3 will weigh duration.", close: "yes" }), context: ctx, params: { contestId: String(method.id) } }));
    expect(sent.status).toBe(302);
    const seen = await contestDetail(w.db, w.union.member.actor, method.id);
    expect(seen.contest).toMatchObject({ status: "closed", response: "The weights follow the ILO's indicators; version 3 will weigh duration." });
    expect((await contestDetail(w.db, w.company.viewer.actor, method.id)).contest.status).toBe("closed");
    const log = await rawAll<{ orgId: number; details: string }>(w.db, `select org_id as orgId, details from audit_log where action = 'contest.answered'`);
    expect(log).toHaveLength(1);
    expect(log[0]!.orgId).toBe(w.union.org.id);
    // The activity log says which kind in words (the factor's key stays in the export's details).
    const raised = (await rawAll<{ details: unknown }>(w.db, `select details from audit_log where action = 'contest.raised' and target_id = ?`, String(method.id)))[0]!;
    const sentence = describeEvent({ action: "contest.raised", actorName: "Siti", targetType: "contest", targetId: String(method.id), details: raised.details }, { orgs: { [w.company.org.id]: "Northwind" }, suppliers: { [w.my1.id]: "Kebun MY1" }, users: {} });
    expect(sentence).toBe(`Siti contested the risk method as applied to the score of Kebun MY1 of Northwind (contest ${method.id}).`);
  });

  it("answers another organisation's contest id with 404, like a missing one", async () => {
    const w = await world();
    const theirs = await raiseContest(w.db, w.otherUnion.member.actor, w.my1.id, { comment: "Ours.", evidence: null, kind: "method" });
    for (const id of [theirs.id, 999_999]) {
      const res = await responseOf(async () => contestPage.loader({ request: get(`/contests/${id}`), context: await contextFor(w.db, w.union.member.user.id, w.union.org.id), params: { contestId: String(id) } }));
      expect(res.status).toBe(404);
      const stranger = await makeOrgWithRoles(w.db, "company");
      expect((await responseOf(async () => await answerContest(w.db, stranger.admin.actor, id, { response: "no", close: false }))).status).toBe(404);
    }
  });
});

describe("My contests", () => {
  it("lists the union's own contests with status, supplier, subject and answer, filtered by status with counts of each", async () => {
    const w = await world();
    const a = await raiseContest(w.db, w.union.member.actor, w.my1.id, { comment: "Wages.", evidence: null, factor: WAGES });
    const b = await raiseContest(w.db, w.union.member.actor, w.my2.id, { comment: "Method.", evidence: null, kind: "method" });
    await raiseContest(w.db, w.otherUnion.member.actor, w.my1.id, { comment: "Not ours.", evidence: null });
    await answerContest(w.db, w.company.member.actor, a.id, { response: "Checked the payroll.", close: false });

    const ctx = await contextFor(w.db, w.union.viewer.user.id, w.union.org.id);
    const all = (await contestList.loader({ request: get("/contests"), context: ctx, params: {} })) as Awaited<ReturnType<typeof contestList.loader>>;
    expect(all).toMatchObject({ as: "union", total: 2, counts: { open: 1, answered: 1, closed: 0 }, status: null });
    expect(all.contests.map((c) => c.id)).toEqual([b.id, a.id]);
    expect(all.contests[1]).toMatchObject({ supplierName: "Kebun MY1", companyName: w.company.org.name, kind: "score", factorText: "Withholding of wages: observed", status: "answered", response: "Checked the payroll." });
    expect(all.contests[0]).toMatchObject({ supplierName: "Kebun MY2", kind: "method", factorText: null, status: "open" });

    const answered = (await contestList.loader({ request: get("/contests?status=answered"), context: ctx, params: {} })) as Awaited<ReturnType<typeof contestList.loader>>;
    expect(answered.contests.map((c) => c.id)).toEqual([a.id]);
    expect(answered).toMatchObject({ status: "answered", total: 2 });
    // An unknown status shows everything rather than failing.
    const odd = (await contestList.loader({ request: get("/contests?status=maybe"), context: ctx, params: {} })) as Awaited<ReturnType<typeof contestList.loader>>;
    expect(odd.contests).toHaveLength(2);
    // Only a union raises contests: an inspectorate has no such list.
    const inspectorate = await makeOrgWithRoles(w.db, "inspectorate");
    const refused = await responseOf(async () => contestList.loader({ request: get("/contests"), context: await contextFor(w.db, inspectorate.member.user.id, inspectorate.org.id), params: {} }));
    expect(refused.status).toBe(403);
  });
});

describe("a contest once the supplier is no longer shared", () => {
  it("keeps the union's own contest and answer readable, without the supplier's name or the line's state, and without a link to a 404", async () => {
    const w = await world();
    const raised = await raiseContest(w.db, w.union.member.actor, w.my1.id, { comment: "Wages are paid on time since May.", evidence: null, factor: WAGES });
    await answerContest(w.db, w.company.member.actor, raised.id, { response: "Checked the payroll.", close: false });
    const ctx = await contextFor(w.db, w.union.viewer.user.id, w.union.org.id);
    const open = async () => (await contestPage.loader({ request: get(`/contests/${raised.id}`), context: ctx, params: { contestId: String(raised.id) } })) as Awaited<ReturnType<typeof contestPage.loader>>;
    const list = async () => (await contestList.loader({ request: get("/contests"), context: ctx, params: {} })) as Awaited<ReturnType<typeof contestList.loader>>;
    // While shared: the name, the line's state and a link to the shared supplier.
    expect(await open()).toMatchObject({ supplierLink: `/shared/${w.my1.id}`, contest: { shared: true, supplierName: "Kebun MY1", factorText: "Withholding of wages: observed" } });

    // Narrowed past this supplier (Thailand only), then revoked altogether: the same answer both times.
    for (const change of [{ filter: { countries: ["TH"] } }, { revokedAt: new Date() }]) {
      await w.db.update(shares).set(change).where(eq(shares.id, w.share.id));
      const page = await open();
      expect(page.supplierLink).toBeNull();
      expect(page.contest).toMatchObject({ shared: false, supplierName: `Supplier ${w.my1.id}`, comment: "Wages are paid on time since May.", status: "answered", response: "Checked the payroll.", factorText: "Withholding of wages (observed indicator)" });
      expect(JSON.stringify(page)).not.toContain("Kebun");
      expect(JSON.stringify(page)).not.toMatch(/: observed/);
      const mine = await list();
      expect(mine.contests).toHaveLength(1);
      expect(mine.contests[0]).toMatchObject({ id: raised.id, shared: false, supplierName: `Supplier ${w.my1.id}`, response: "Checked the payroll." });
      expect(JSON.stringify(mine)).not.toContain("Kebun");
      // The shared supplier's page itself stays a 404.
      const shared = await responseOf(async () => sharedDetail.loader({ request: get(`/shared/${w.my1.id}`), context: ctx, params: { supplierId: String(w.my1.id) } }));
      expect(shared.status).toBe(404);
    }
    // Still nobody else's: another union, and a union answering its own contest.
    const other = await responseOf(async () => contestPage.loader({ request: get(`/contests/${raised.id}`), context: await contextFor(w.db, w.otherUnion.member.user.id, w.otherUnion.org.id), params: { contestId: String(raised.id) } }));
    expect(other.status).toBe(404);
    // Answering is the company's (its organisation's scope: 404 to anyone else), and the answer stays.
    expect((await responseOf(async () => await answerContest(w.db, w.union.admin.actor, raised.id, { response: "Self.", close: true }))).status).toBe(404);
    expect((await open()).contest).toMatchObject({ status: "answered", response: "Checked the payroll." });
  });
});
