/**
 * Watchlists (ADR 016) on a real database: an entity list uploaded as a reference edition, names
 * matched with normalisation, candidates reviewed by the company, a confirmed match a red flag
 * with the edition as source; another organisation never sees the candidates.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { INDICATOR_CODES } from "~/domain/indicators";
import { loadMethodologyFile } from "~/domain/risk/default-methodology.server";
import { scoreSupplier } from "~/domain/risk/score-supplier";
import type { SupplierInputs, WatchlistHit } from "~/domain/risk/types";
import { recruiters, riskScores, suppliers, watchlistMatches } from "#db/schema";
import { activateReference, stageReferenceUpload } from "~/domain/reference/editions.server";
import { loadReferenceData } from "~/domain/reference/reference-data.server";
import { parseReferenceCsv } from "~/domain/reference/sources.server";
import { referenceRefusalText } from "~/lib/reference-refusals.server";
import { rescoresSettled } from "~/domain/risk/rescore.server";
import { expandFactors } from "~/domain/risk/stored-factors";
import { activeMethodology } from "~/domain/risk/methodology-store.server";
import { entityWatchlistMatches } from "~/domain/watchlists/entity-matches.server";
import { startWatchlistMatching, watchlistMatchingSettled, watchlistMatchingStatus } from "~/domain/watchlists/match-runs.server";
import { decideWatchlistMatch, listWatchlistMatches, matchOrganisation } from "~/domain/watchlists/watchlists.server";
import { Conflict } from "~/domain/errors";
import * as recruiterPage from "~/routes/recruiters.$recruiterId";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import * as page from "~/routes/watchlists._index";
import { createTestDb } from "../support/db";
import { actorFor, makeOrgWithRoles, makeUser } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, post, responseOf } from "../support/routes";
import { onlyRow, rawColumn } from "../../db/client";
import { firstRow } from "../../db/client";

// Fictional entries, written for this test: no real list ships with the platform.
const LIST = `# Test watchlist (fictional entries, for tests only)
# Compiled for tests/integration/watchlists.test.ts, 2026-12-01
name,aliases,country,list,listed_on,source
"Sinar Jaya Gloves Sdn Bhd","SJ Gloves",MY,CBP Withhold Release Order,2026-03-01,Test notice 1
"天山多晶硅有限公司","Tianshan Polysilicon Co Ltd",CN,UFLPA Entity List,2025-06-01,Test notice 2
"Al-Rashid Manpower Services",,NP,Recruiter blacklist,2024-01-15,Test notice 3
`;

function file(text: string) {
  const p = path.join(TMP_DIR, `wl-${Date.now()}-${Math.random().toString(36).slice(2)}.csv`);
  writeFileSync(p, text);
  return p;
}

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const other = await makeOrgWithRoles(db, "company");
  const add = async (orgId: number, externalId: string, name: string, country: string, sector = "Manufacturing", products: string[] = []) =>
    onlyRow(await db.insert(suppliers).values({ orgId, externalId, name, country, sector, products }).returning());
  const gloves = await add(company.org.id, "S1", "SINAR JAYA GLOVES SDN. BHD.", "MY", "Manufacturing", ["gloves"]);
  const poly = await add(company.org.id, "S2", "天山多晶硅股份有限公司", "CN");
  const controlNear = await add(company.org.id, "S3", "Sinar Jaya Rubber Sdn Bhd", "MY");
  const controlAbroad = await add(company.org.id, "S4", "Sinar Jaya Gloves GmbH", "DE");
  const controlPlain = await add(company.org.id, "S5", "Nordic Oats AB", "SE", "Food processing", ["oats"]);
  const recruiter = onlyRow(await db.insert(recruiters).values({ orgId: company.org.id, externalId: "R1", name: "Al Rasheed Manpower Services", country: "NP" }).returning());
  const theirs = await add(other.org.id, "X1", "Sinar Jaya Gloves Berhad", "MY");
  const admin = await actorFor(db, (await makeUser(db, { platformAdmin: true })).id, null);
  return { db, company, other, admin, gloves, poly, controlNear, controlAbroad, controlPlain, recruiter, theirs };
}

/** Stages and activates an edition; its matching runs in a worker thread, awaited here. */
async function upload(w: Awaited<ReturnType<typeof world>>, edition: string, text = LIST) {
  const id = await stageReferenceUpload(w.db, w.admin, { kind: "watchlist", name: "Test watchlist", edition, filePath: file(text), fileName: "watchlist.csv" });
  await activateReference(w.db, w.admin, id);
  await watchlistMatchingSettled();
  return id;
}

describe("watchlists", () => {
  it("refuse a list without a source or with a bad date, naming row and column", () => {
    // Refusals carry catalog keys (issue 18): read as an English reader does.
    const english = (fn: () => unknown) => {
      try {
        fn();
      } catch (error) {
        return referenceRefusalText("en", error);
      }
      return null;
    };
    expect(english(() => parseReferenceCsv("watchlist", LIST.split("\n").filter((l) => !l.startsWith("#")).join("\n")))).toMatch(/must say where it comes from/);
    expect(english(() => parseReferenceCsv("watchlist", `# Test\nname,aliases,country,list,listed_on,source\nA Co,,MY,X,01/03/2026,notice\n`))).toMatch(/row 2, listed_on: "01\/03\/2026" should be a date as YYYY-MM-DD/);
  });

  it("an uploaded edition finds the right suppliers and recruiters (not the controls), and a dismissal stays dismissed when the same edition is matched again", async () => {
    const w = await world();
    // Activation answers at once: the matching of every company's names runs in a worker thread.
    const staged = await stageReferenceUpload(w.db, w.admin, { kind: "watchlist", name: "Test watchlist", edition: "2026-11", filePath: file(LIST), fileName: "watchlist.csv" });
    await activateReference(w.db, w.admin, staged);
    // Shown to a company without the counts, which are of every company's names.
    expect((await watchlistMatchingStatus(w.db, w.company.admin.actor, w.company.org.id)).run).toMatchObject({ status: "running", platform: true, done: 0, total: 0 });
    await watchlistMatchingSettled();
    expect((await watchlistMatchingStatus(w.db, w.company.admin.actor, w.company.org.id)).run).toBeNull();
    await rescoresSettled();
    const mine = await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id);
    const found = new Set(mine.map((m) => `${m.entityType}:${m.entityId}`));
    expect(found).toEqual(new Set([`supplier:${w.gloves.id}`, `supplier:${w.poly.id}`, `recruiter:${w.recruiter.id}`]));
    expect(mine.every((m) => m.status === "candidate" && m.edition === "Test watchlist 2026-11")).toBe(true);
    for (const control of [w.controlNear, w.controlAbroad, w.controlPlain]) expect(found.has(`supplier:${control.id}`)).toBe(false);

    const gloves = mine.find((m) => m.entityType === "supplier" && m.entityId === w.gloves.id)!;
    await expect(async () => await decideWatchlistMatch(w.db, w.company.member.actor, w.company.org.id, { id: gloves.id, decision: "dismissed", reason: "" })).rejects.toThrow("watchlists:errors.reason");
    await expect(async () => await decideWatchlistMatch(w.db, w.company.viewer.actor, w.company.org.id, { id: gloves.id, decision: "dismissed", reason: "different company" })).rejects.toThrow();
    await decideWatchlistMatch(w.db, w.company.member.actor, w.company.org.id, { id: gloves.id, decision: "dismissed", reason: "Different registration number (MY 123456-A)" });
    expect(await matchOrganisation(w.db, w.company.org.id)).toBe(0);
    const again = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).find((m) => m.entityType === "supplier" && m.entityId === w.gloves.id)!;
    expect(again).toMatchObject({ id: gloves.id, status: "dismissed", reason: "Different registration number (MY 123456-A)", decidedBy: w.company.member.user.name });
    expect((await w.db.select().from(watchlistMatches).where(eq(watchlistMatches.entityId, w.gloves.id))).filter((m) => m.entityType === "supplier")).toHaveLength(1);

    // A new edition is matched afresh: the dismissal was for the earlier edition.
    await upload(w, "2026-12");
    await rescoresSettled();
    const fresh = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).find((m) => m.entityType === "supplier" && m.entityId === w.gloves.id)!;
    expect(fresh).toMatchObject({ status: "candidate", edition: "Test watchlist 2026-12" });
  });

  it("a confirmed match is a red flag citing the list edition and lifts the band to at least high; the lines still add up to the score", async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    const before = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.gloves.id)))!;
    expect(before.riskRedFlags).toBe(0);
    const match = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).find((m) => m.entityType === "supplier" && m.entityId === w.gloves.id)!;
    await decideWatchlistMatch(w.db, w.company.member.actor, w.company.org.id, { id: match.id, decision: "confirmed", reason: "Same address and registration number as the CBP notice" });
    const after = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.gloves.id)))!;
    expect(["high", "critical"]).toContain(after.riskBand);
    expect(after.riskScore!).toBeGreaterThanOrEqual(50);
    expect(after.riskRedFlags).toBeGreaterThan(0);
    const stored = firstRow(await w.db.select().from(riskScores).where(eq(riskScores.id, after.riskScoreId!)))!;
    expect(stored.redFlags).toContain("watchlist.Test watchlist 2026-11");
    const factors = expandFactors(stored.factors as unknown[], (await activeMethodology(w.db)).methodology, "supplier");
    const line = factors.find((f) => f.code === "watchlist")!;
    expect(line).toMatchObject({ redFlag: true, known: true });
    expect(line.sources[0]).toMatch(/^Test watchlist 2026-11: Sinar Jaya Gloves Sdn Bhd — CBP Withhold Release Order, listed 2026-03-01/);
    expect(Math.round(factors.reduce((t, f) => t + f.contribution, 0) * 10) / 10).toBe(after.riskScore);
    // Dismissing it again takes the flag away (rescored at once).
    await decideWatchlistMatch(w.db, w.company.member.actor, w.company.org.id, { id: match.id, decision: "dismissed", reason: "Confirmed in error" });
    expect(firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.gloves.id)))!.riskRedFlags).toBe(0);
  });

  it("a confirmed recruiter match is a red flag on the recruiter's score; a list alone changes no score", async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    expect((await loadReferenceData(w.db)).versionIds).not.toContain(firstRow(await w.db.select().from(watchlistMatches))!.sourceId);
    const match = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).find((m) => m.entityType === "recruiter")!;
    expect(match.matchedName).toBe("Al-Rashid Manpower Services");
    await decideWatchlistMatch(w.db, w.company.admin.actor, w.company.org.id, { id: match.id, decision: "confirmed", reason: "Same licence number as the blacklist entry" });
    const after = firstRow(await w.db.select().from(recruiters).where(eq(recruiters.id, w.recruiter.id)))!;
    expect(["high", "critical"]).toContain(after.riskBand);
    expect(after.riskRedFlags).toBeGreaterThan(0);
  });

  it("another organisation never sees the candidates: its page lists only its own, and deciding ours is a 404", async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    const ours = await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id);
    const theirs = await listWatchlistMatches(w.db, w.other.member.actor, w.other.org.id);
    expect(theirs.map((m) => m.entityId)).toEqual([w.theirs.id]);
    const otherCtx = await contextFor(w.db, w.other.admin.user.id, w.other.org.id);
    const res = await responseOf(() => page.action({ request: post("/watchlists", { id: String(ours[0]!.id), decision: "confirmed", reason: "not ours to decide" }), context: otherCtx, params: {} }));
    expect(res.status).toBe(404);
    const loaded = (await page.loader({ request: get("/watchlists"), context: otherCtx, params: {} })) as Awaited<ReturnType<typeof page.loader>>;
    expect(JSON.stringify(loaded)).not.toContain("SINAR JAYA GLOVES SDN. BHD.");
    // The platform administrator loads lists but has no queue (decision 010: aggregates only).
    const adminRes = await responseOf(async () => page.loader({ request: get("/watchlists"), context: await contextFor(w.db, w.admin.user.id, null), params: {} }));
    expect(adminRes.status).toBe(404);
  });

  it("the page's decision form refuses a bad decision through the route: 400 with the message beside its field, the reason kept, nothing decided or logged", async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    const gloves = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).find((m) => m.entityType === "supplier" && m.entityId === w.gloves.id)!;
    const ctx = await contextFor(w.db, w.company.member.user.id, w.company.org.id);
    const decide = (fields: Record<string, string>) => statusOf(() => page.action({ request: post("/watchlists", fields), context: ctx, params: {} }));
    const decisions = async () => (await w.db.select().from(watchlistMatches).where(eq(watchlistMatches.id, gloves.id))).map((m) => [m.status, m.reason, m.decidedBy]);
    const logged = async () => await rawColumn<number>(w.db, "select count(*) from audit_log where action = 'watchlist.match_decided'");
    const before = await decisions();

    const short = await decide({ id: String(gloves.id), decision: "confirmed", reason: "no" });
    expect(short.status).toBe(400);
    expect(short.body).toMatchObject({ ok: false, errors: { reason: expect.stringMatching(/^Say why \(3 to 500 characters\)/) }, values: { id: String(gloves.id), reason: "no" } });
    const wrong = await decide({ id: String(gloves.id), decision: "deleted", reason: "Different registration number" });
    expect(wrong).toMatchObject({ status: 400, body: { errors: { decision: "Choose confirm or dismiss." } } });
    const noId = await decide({ id: "abc", decision: "confirmed", reason: "Different registration number" });
    expect(noId).toMatchObject({ status: 400, body: { errors: { id: "Choose a match to decide." } } });
    // A request that is neither form is a message for the form as a whole, not a 500.
    expect(await decide({ intent: "delete-all" })).toMatchObject({ status: 400, body: { errors: { form: "Unknown request." } } });
    expect(await decisions()).toEqual(before);
    expect(await logged()).toEqual([0]);

    // In the reader's language (issue 18): a German and a Thai reader get the same refusals in theirs.
    const inLanguage = async (locale: string, fields: Record<string, string>) => await statusOf(async () => page.action({ request: post("/watchlists", fields), context: await contextFor(w.db, w.company.member.user.id, w.company.org.id, locale), params: {} }));
    expect(await inLanguage("de", { id: String(gloves.id), decision: "confirmed", reason: "no" })).toMatchObject({ status: 400, body: { errors: { reason: expect.stringMatching(/^Begründen Sie die Entscheidung \(3 bis 500 Zeichen\)/) } } });
    expect(await inLanguage("th", { id: String(gloves.id), decision: "deleted", reason: "Different registration number" })).toMatchObject({ status: 400, body: { errors: { decision: "โปรดเลือกยืนยันหรือปัดตก" } } });
    expect(await inLanguage("de", { intent: "delete-all" })).toMatchObject({ status: 400, body: { errors: { form: "Unbekannte Anfrage." } } });

    // The same form with a reason is taken.
    expect((await decide({ id: String(gloves.id), decision: "dismissed", reason: "Different registration number" })).status).toBe(302);
    expect(await decisions()).toEqual([["dismissed", "Different registration number", w.company.member.user.id]]);
    expect(await logged()).toEqual([1]);
  });

  it("in the scorer: version 1 is unchanged by a confirmed match; version 2 is at least high, with the red flag, and its lines add up to the score (property)", async () => {
    const db = createTestDb();
    const reference = await loadReferenceData(db);
    const v1 = loadMethodologyFile("fixtures/methodology/v1.json");
    const v2 = loadMethodologyFile("fixtures/methodology/v2.json");
    const hit: WatchlistHit = { entry: "Example Gloves Sdn Bhd", list: "CBP Withhold Release Order", listedOn: "2026-03-01", entrySource: "Test notice", edition: "Test watchlist 2026-11", confirmedOn: "2026-12-01" };
    const observation = fc.record({ present: fc.boolean(), source: fc.constant("supplier list, import 1"), date: fc.constant("2026-03-04") });
    const inputs = fc.record<SupplierInputs>({
      country: fc.option(fc.constantFrom("IN", "MY", "CN", "DE", "DK", "BR"), { nil: null }),
      sector: fc.option(fc.constantFrom("Software", "Manufacturing", "Agriculture"), { nil: null }),
      products: fc.subarray(["Bricks", "Rubber gloves", "Machine parts", "Cotton"]),
      workersTotal: fc.constant(null),
      migrantShare: fc.option(fc.double({ min: 0, max: 1, noNaN: true }), { nil: null }),
      femaleShare: fc.constant(null),
      indicators: fc.dictionary(fc.constantFrom(...INDICATOR_CODES), observation, { maxKeys: 6 }),
      recruiters: fc.constant([]),
      mitigations: fc.dictionary(fc.constantFrom("recent_audit_clean", "grievance_channel", "union_presence"), observation.map((o) => ({ ...o, present: true })), { maxKeys: 3 }),
    });
    fc.assert(
      fc.property(inputs, (plain) => {
        const listed = { ...plain, watchlist: [hit] };
        expect(scoreSupplier(listed, v1, reference)).toEqual(scoreSupplier(plain, v1, reference));
        const r = scoreSupplier(listed, v2, reference);
        expect(r.score).toBeGreaterThanOrEqual(v2.bands.high);
        expect(r.score).toBeGreaterThanOrEqual(scoreSupplier(plain, v2, reference).score);
        expect(r.redFlags).toContain("watchlist.Test watchlist 2026-11");
        expect(r.factors.find((f) => f.code === "watchlist")).toMatchObject({ redFlag: true, contribution: 0 });
        expect(Math.round(r.factors.reduce((t, f) => t + f.contribution, 0) * 10) / 10 + 0).toBe(r.score);
        expect(r.range.low).toBeGreaterThanOrEqual(v2.bands.high);
      }),
      { numRuns: 200 },
    );
  });
});

/** The status a route answered with (thrown, returned or `data(..., { status })`) and its JSON body, if any. */
async function statusOf(fn: () => unknown): Promise<{ status: number; body: unknown }> {
  const res = await responseOf(fn);
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? (JSON.parse(text) as unknown) : null;
  } catch {
    // Not JSON (a plain "Forbidden"): the status says it all.
  }
  return { status: res.status, body };
}

describe("Match again now, in a worker thread", () => {
  it("starts in a worker, refuses a second start while it runs (409, no 500), shows N of M from the run's counts, and finds the new names", { timeout: 120_000 }, async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    // Names added after the edition was matched: only a new run can find them. Filler names make the run compare a few thousand.
    const late = onlyRow(await w.db.insert(suppliers).values({ orgId: w.company.org.id, externalId: "S9", name: "PT Sinar Jaya Gloves Sdn. Bhd", country: "MY" }).returning());
    for (let from = 0; from < 3000; from += 500) {
      const batch = Array.from({ length: 500 }, (_, k) => ({ orgId: w.company.org.id, externalId: `F${from + k}`, name: `Filler Maschinenbau ${from + k} GmbH`, country: "DE" }));
      await w.db.insert(suppliers).values(batch);
    }
    const before = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).length;
    const total = 6 + 3000 + 1; // five suppliers and a recruiter of world(), the filler, the late one
    const ctx = await contextFor(w.db, w.company.member.user.id, w.company.org.id);

    const started = await statusOf(() => page.action({ request: post("/watchlists", { intent: "rematch" }), context: ctx, params: {} }));
    expect(started.status).toBe(302);
    const running = (await watchlistMatchingStatus(w.db, w.company.viewer.actor, w.company.org.id)).run!;
    expect(running).toMatchObject({ status: "running", total, startedBy: w.company.member.user.name });
    expect(running.done).toBeLessThan(total);

    // A second start while it runs: refused with a message naming the run, through the route and the domain function.
    const again = await statusOf(async () => page.action({ request: post("/watchlists", { intent: "rematch" }), context: await contextFor(w.db, w.company.admin.user.id, w.company.org.id), params: {} }));
    expect(again.status).toBe(409);
    expect((again.body as { errors: Record<string, string> }).errors.rematch).toMatch(/^Matching is already running: started by .+, \d+ of 3007 names compared\. Wait for it to finish\.$/);
    await expect(async () => await startWatchlistMatching(w.db, w.company.admin.actor, w.company.org.id)).rejects.toThrow(Conflict);
    // A viewer may not start one; another company cannot see this one.
    expect((await statusOf(async () => page.action({ request: post("/watchlists", { intent: "rematch" }), context: await contextFor(w.db, w.company.viewer.user.id, w.company.org.id), params: {} }))).status).toBe(403);
    const theirs = (await page.loader({ request: get("/watchlists"), context: await contextFor(w.db, w.other.member.user.id, w.other.org.id), params: {} })) as Awaited<ReturnType<typeof page.loader>>;
    expect(theirs.matching.run).toBeNull();
    await expect(async () => await watchlistMatchingStatus(w.db, w.other.member.actor, w.company.org.id)).rejects.toThrow();

    // The page reads the run while it goes on.
    const during = (await page.loader({ request: get("/watchlists"), context: ctx, params: {} })) as Awaited<ReturnType<typeof page.loader>>;
    expect(during.matching.run?.total).toBe(total);

    await watchlistMatchingSettled();
    const status = await watchlistMatchingStatus(w.db, w.company.member.actor, w.company.org.id);
    expect(status.run).toMatchObject({ status: "done", done: total, total, added: 1, failure: null });
    expect(status.last).toMatchObject({ by: w.company.member.user.name, added: 1, names: total, editions: 1 });
    const after = await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id);
    expect(after).toHaveLength(before + 1);
    expect(after.find((m) => m.entityType === "supplier" && m.entityId === late.id)).toMatchObject({ status: "candidate", matchedName: "Sinar Jaya Gloves Sdn Bhd", edition: "Test watchlist 2026-11" });
    // The other company's names were not compared by this run.
    expect(await listWatchlistMatches(w.db, w.other.member.actor, w.other.org.id)).toHaveLength(1);
    expect((await watchlistMatchingStatus(w.db, w.other.member.actor, w.other.org.id)).last?.by ?? null).toBeNull();

    // Once it has finished, it may start again (and finds nothing new: existing pairs are left as they are).
    await startWatchlistMatching(w.db, w.company.admin.actor, w.company.org.id);
    await watchlistMatchingSettled();
    expect(await watchlistMatchingStatus(w.db, w.company.member.actor, w.company.org.id)).toMatchObject({ run: { status: "done", added: 0 }, last: { by: w.company.admin.user.name, added: 0, names: total } });
    expect(await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).toHaveLength(before + 1);
  });

  it("refuses to start when no watchlist is active", async () => {
    const w = await world();
    const res = await statusOf(async () => page.action({ request: post("/watchlists", { intent: "rematch" }), context: await contextFor(w.db, w.company.member.user.id, w.company.org.id), params: {} }));
    expect(res.status).toBe(409);
    expect((res.body as { errors: Record<string, string> }).errors.rematch).toMatch(/No watchlist is active/);
    const thai = await statusOf(async () => page.action({ request: post("/watchlists", { intent: "rematch" }), context: await contextFor(w.db, w.company.member.user.id, w.company.org.id, "th"), params: {} }));
    expect((thai.body as { errors: Record<string, string> }).errors.rematch).toBe("ไม่มีรายชื่อเฝ้าระวังที่ใช้งานอยู่ในแพลตฟอร์ม: จึงไม่มีรายชื่อให้เปรียบเทียบกับชื่อของท่าน");
    expect((await watchlistMatchingStatus(w.db, w.company.member.actor, w.company.org.id)).run).toBeNull();
  });
});

describe("watchlist matches on the supplier and recruiter pages", () => {
  it("show confirmed matches with edition, citation and decision, candidates to those who may decide (a count to viewers), dismissed ones with who and why; nothing of another company's", async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    const all = await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id);
    const gloves = all.find((m) => m.entityType === "supplier" && m.entityId === w.gloves.id)!;
    const poly = all.find((m) => m.entityType === "supplier" && m.entityId === w.poly.id)!;
    await decideWatchlistMatch(w.db, w.company.member.actor, w.company.org.id, { id: gloves.id, decision: "confirmed", reason: "Same registration number as the notice" });
    await decideWatchlistMatch(w.db, w.company.admin.actor, w.company.org.id, { id: poly.id, decision: "dismissed", reason: "Different city and registration" });

    const load = async (userId: number, supplierId: number, orgId = w.company.org.id) =>
      ((await supplierPage.loader({ request: get(`/suppliers/${supplierId}`), context: await contextFor(w.db, userId, orgId), params: { supplierId: String(supplierId) } })) as Awaited<ReturnType<typeof supplierPage.loader>>).watchlists;
    const confirmed = await load(w.company.viewer.user.id, w.gloves.id);
    expect(confirmed.confirmed).toHaveLength(1);
    expect(confirmed.confirmed[0]).toMatchObject({
      entryName: "Sinar Jaya Gloves Sdn Bhd",
      list: "CBP Withhold Release Order",
      listedOn: "2026-03-01",
      entrySource: "Test notice 1",
      edition: "Test watchlist 2026-11",
      reason: "Same registration number as the notice",
      decidedBy: w.company.member.user.name,
    });
    expect(confirmed.confirmed[0]!.citation).toContain("Compiled for tests/integration/watchlists.test.ts");
    expect(confirmed.confirmed[0]!.similarity).toBeGreaterThanOrEqual(0.75);
    expect(confirmed.confirmed[0]!.decidedAt).toBeGreaterThan(0);
    expect(confirmed.confirmed[0]!.editionActivatedAt).toBeGreaterThan(0);

    const dismissed = await load(w.company.member.user.id, w.poly.id);
    expect(dismissed).toMatchObject({ confirmed: [], candidates: [], candidateCount: 0, canReview: true });
    expect(dismissed.dismissed).toMatchObject([{ reason: "Different city and registration", decidedBy: w.company.admin.user.name, status: "dismissed" }]);

    // The recruiter's candidate: listed for a member, counted for a viewer.
    const loadRecruiter = async (userId: number) =>
      ((await recruiterPage.loader({ request: get(`/recruiters/${w.recruiter.id}`), context: await contextFor(w.db, userId, w.company.org.id), params: { recruiterId: String(w.recruiter.id) } })) as Awaited<ReturnType<typeof recruiterPage.loader>>).watchlists;
    const forMember = await loadRecruiter(w.company.member.user.id);
    expect(forMember.candidates?.map((m) => m.matchedName)).toEqual(["Al-Rashid Manpower Services"]);
    const forViewer = await loadRecruiter(w.company.viewer.user.id);
    expect(forViewer).toMatchObject({ candidates: null, candidateCount: 1, canReview: false });
    expect(JSON.stringify(forViewer)).not.toContain("Al-Rashid");

    // A control has none, and says what it was compared with.
    expect(await load(w.company.member.user.id, w.controlPlain.id)).toMatchObject({ confirmed: [], dismissed: [], candidateCount: 0, activeEditions: 1 });

    // Company B: its own supplier page shows only its own match; company A's supplier is a 404; the domain function refuses A's organisation.
    const theirs = await load(w.other.member.user.id, w.theirs.id, w.other.org.id);
    expect(theirs.candidates?.map((m) => m.id)).toEqual((await listWatchlistMatches(w.db, w.other.member.actor, w.other.org.id)).map((m) => m.id));
    expect(JSON.stringify(theirs)).not.toContain("registration");
    const res = await responseOf(async () => supplierPage.loader({ request: get(`/suppliers/${w.gloves.id}`), context: await contextFor(w.db, w.other.member.user.id, w.other.org.id), params: { supplierId: String(w.gloves.id) } }));
    expect(res.status).toBe(404);
    await expect(entityWatchlistMatches(w.db, w.other.member.actor, w.company.org.id, { type: "supplier", id: w.gloves.id })).rejects.toThrow();
    // Asked for another organisation's supplier id under its own organisation: nothing (rows are read by organisation).
    expect(await entityWatchlistMatches(w.db, w.other.member.actor, w.other.org.id, { type: "supplier", id: w.gloves.id })).toMatchObject({ confirmed: [], dismissed: [], candidateCount: 0 });
  });

  it("a candidate on a new edition says what was decided on the earlier one", async () => {
    const w = await world();
    await upload(w, "2026-11");
    await rescoresSettled();
    const poly = (await listWatchlistMatches(w.db, w.company.member.actor, w.company.org.id)).find((m) => m.entityType === "supplier" && m.entityId === w.poly.id)!;
    await decideWatchlistMatch(w.db, w.company.member.actor, w.company.org.id, { id: poly.id, decision: "dismissed", reason: "Different registration number" });
    await upload(w, "2026-12");
    await rescoresSettled();
    const view = await entityWatchlistMatches(w.db, w.company.member.actor, w.company.org.id, { type: "supplier", id: w.poly.id });
    expect(view.dismissed).toEqual([]); // the dismissal was for the superseded edition
    expect(view.candidates).toHaveLength(1);
    expect(view.candidates![0]).toMatchObject({ edition: "Test watchlist 2026-12", earlier: { status: "dismissed", edition: "Test watchlist 2026-11", reason: "Different registration number", decidedBy: w.company.member.user.name } });
  });
});
