/**
 * Every role's home page on a real database: the counts and latest items come from what is stored
 * (another organisation's data never counts), each item links to the page where it is dealt with,
 * and an empty state shows only when the count is 0. The union case is the one the outside review
 * found: five suppliers shared, and the home said none were.
 *
 * The pages are rendered to HTML from the loader's own data (the component the browser gets), so
 * a text that claims a state without the count behind it fails here.
 */
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { StaticRouter } from "react-router-dom/server";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { audits, contests, correctiveActions, dashboardSnapshots, findings, imports, recruiters, reportDownloads, reportReviews, reports, riskScores, shares, suppliers } from "#db/schema";
import { CompanyHome, InspectorateHome, PlatformHome, RegulatorHome, UnionHome } from "~/components/home/homes";
import { companyHome } from "~/domain/home/company.server";
import { inspectorateHome } from "~/domain/home/inspectorate.server";
import { regulatorHome } from "~/domain/home/regulator.server";
import { unionHome } from "~/domain/home/union.server";
import { platformHome } from "~/domain/home/platform.server";
import { companyDashboard } from "~/domain/dashboard/dashboard.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { ensureDefaultMethodology } from "~/domain/risk/methodology-store.server";
import * as home from "~/routes/_index";
import * as indicatorsPage from "~/routes/suppliers.$supplierId_.indicators";
import { createTestDb, ON_POSTGRES } from "../support/db";
import { actorFor, makeOrgWithRoles, makeUser } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { firstRow, onlyRow, rawAll, rawRun, type Db } from "../../db/client";

const DAY = 86_400_000;
const now = Date.now();

async function loadHome(db: Db, userId: number, orgId: number | null): Promise<Record<string, unknown> & { kind: string }> {
  const res = await responseOf(async () => home.loader({ request: get("/"), context: await contextFor(db, userId, orgId), params: {} }));
  expect(res.status).toBe(200);
  return (await res.json()) as Record<string, unknown> & { kind: string };
}

/** The page as the server renders it (inside a router, for its links). */
function html(element: ReactElement): string {
  return renderToStaticMarkup(createElement(StaticRouter, { location: "/" }, element));
}

/** Every href on the page. */
const hrefs = (page: string) => [...page.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));
/** The count a to-do card shows (its data-count), by the card's id. */
const countOf = (page: string, id: string) => Number(new RegExp(`data-todo="${id}" data-count="(\\d+)"`).exec(page)?.[1] ?? NaN);

async function addSupplier(db: Db, orgId: number, externalId: string, country = "MY", indicators: Record<string, boolean> = {}) {
  return onlyRow(await db.insert(suppliers).values({ orgId, externalId, name: `Estate ${externalId}`, country, sector: "Agriculture", products: ["Palm oil"], indicators }).returning());
}

describe("the union's home", () => {
  it("lists the suppliers shared with it (five shared: five listed, no 'none shared'), through the scoped view", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const otherCompany = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    const sharedIds: number[] = [];
    for (const id of ["A", "B", "C", "D", "E"]) sharedIds.push((await addSupplier(db, company.org.id, id)).id);
    const notShared = await addSupplier(db, company.org.id, "TH", "TH");
    const foreign = await addSupplier(db, otherCompany.org.id, "Z");
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    // Only Malaysian suppliers are shared; the other company shares nothing.
    await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores"], filter: { countries: ["MY"] } });
    // The union's contests: one open, one answered; another union's contest is not its own.
    const otherUnion = await makeOrgWithRoles(db, "union");
    const open = onlyRow(await db.insert(contests).values({ orgId: union.org.id, supplierId: sharedIds[0]!, companyOrgId: company.org.id, comment: "wages withheld" }).returning());
    const answered = onlyRow(await db.insert(contests).values({ orgId: union.org.id, supplierId: sharedIds[1]!, companyOrgId: company.org.id, comment: "passports kept", status: "answered", response: "checked", respondedAt: new Date(now) }).returning());
    await db.insert(contests).values({ orgId: otherUnion.org.id, supplierId: sharedIds[2]!, companyOrgId: company.org.id, comment: "not ours" });

    const data = await loadHome(db, union.viewer.user.id, union.org.id);
    expect(data.kind).toBe("union");
    const h = data.home as Awaited<ReturnType<typeof unionHome>>;
    expect(h.shared).toBe(5);
    expect(h.companies).toBe(1);
    expect(h.top.map((s) => s.id).sort()).toEqual([...sharedIds].sort());
    expect(h.contests).toMatchObject({ total: 2, byStatus: { open: 1, answered: 1, closed: 0 } });
    expect(h.contests.latest.map((c) => c.id).sort()).toEqual([open.id, answered.id].sort());

    const page = html(createElement(UnionHome, { greeting: { name: "Rep", orgName: "Union" }, places: [], home: h }));
    expect(page).not.toContain("No suppliers shared with your union yet");
    expect(countOf(page, "shared")).toBe(5);
    expect(countOf(page, "contests")).toBe(2);
    const links = hrefs(page);
    for (const id of sharedIds) expect(links).toContain(`/shared/${id}`);
    expect(links).not.toContain(`/shared/${notShared.id}`);
    expect(links).not.toContain(`/shared/${foreign.id}`);
    expect(links).toEqual(expect.arrayContaining([`/contests/${open.id}`, `/contests/${answered.id}`, "/shared"]));
    expect(page).toContain("1 open · 1 answered · 0 closed");
  });

  it("withholds names outside the share's scope, and shows the empty state only with nothing shared", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    const s = await addSupplier(db, company.org.id, "A");
    await scoreOrganisation(db, company.org.id, { cause: "test" });

    const empty = await unionHome(db, union.member.actor);
    expect(empty).toMatchObject({ shared: 0, contests: { total: 0 } });
    expect(html(createElement(UnionHome, { greeting: { name: "Rep", orgName: null }, places: [], home: empty }))).toContain("No suppliers shared with your union yet");

    // Scores only: the name is withheld, and so is its score-free ranking.
    await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["scores"], filter: {} });
    await db.insert(contests).values({ orgId: union.org.id, supplierId: s.id, companyOrgId: company.org.id, comment: "x" });
    const h = await unionHome(db, union.member.actor);
    expect(h.top[0]!.name).toBe(`Supplier ${s.id}`);
    expect(h.contests.latest[0]!.supplierName).toBe(`Supplier ${s.id}`);
    expect(JSON.stringify(h)).not.toContain("Estate A");

    // A company has no union home; the union none of the company's.
    expect((await responseOf(() => unionHome(db, company.admin.actor))).status).toBe(403);
    expect((await responseOf(() => companyHome(db, union.admin.actor, company.org.id))).status).toBe(404);
  });
});

describe("the company's home, a to-do list", () => {
  it("counts open contests, overdue actions, audits reported, bands that rose and imports waiting, each linked where it is dealt with", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const other = await makeOrgWithRoles(db, "company");
    const union = await makeOrgWithRoles(db, "union");
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    const a = await addSupplier(db, company.org.id, "A");
    const b = await addSupplier(db, company.org.id, "B");
    const z = await addSupplier(db, other.org.id, "Z");
    await scoreOrganisation(db, company.org.id, { cause: "first", now: now - 2 * 60_000 });
    await scoreOrganisation(db, other.org.id, { cause: "first", now: now - 2 * 60_000 });

    // A's band rises: many indicators observed, scored again.
    const bandBefore = firstRow(await db.select({ band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.id, a.id)))!.band;
    const heavy = { debt_bondage: true, retention_of_documents: true, withholding_of_wages: true, physical_sexual_violence: true, restriction_of_movement: true, intimidation_threats: true };
    await db.update(suppliers).set({ indicators: heavy }).where(eq(suppliers.id, a.id));
    await db.update(suppliers).set({ indicators: heavy }).where(eq(suppliers.id, z.id));
    await scoreOrganisation(db, company.org.id, { cause: "observed", now: now - 60_000 });
    await scoreOrganisation(db, other.org.id, { cause: "observed", now: now - 60_000 });
    const bandAfter = firstRow(await db.select({ band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.id, a.id)))!.band;
    expect(bandAfter).not.toBe(bandBefore);

    // Contests: one open, one closed; one on the other company.
    const openContest = onlyRow(await db.insert(contests).values({ orgId: union.org.id, supplierId: b.id, companyOrgId: company.org.id, comment: "c" }).returning());
    await db.insert(contests).values({ orgId: union.org.id, supplierId: a.id, companyOrgId: company.org.id, comment: "c", status: "closed" });
    await db.insert(contests).values({ orgId: union.org.id, supplierId: z.id, companyOrgId: other.org.id, comment: "c" });

    // Audits: one reported a week ago, one reported 40 days ago (not recent), one unannounced still
    // in the future (never visible to the company, whatever its status), one of the other company.
    const lead = inspectorate.member.user.id;
    const audit = async (orgId: number, supplierId: number, over: Partial<typeof audits.$inferInsert>) =>
      onlyRow(await db.insert(audits).values({ orgId: inspectorate.org.id, supplierId, companyOrgId: orgId, type: "announced", status: "report_issued", startsAt: new Date(now - 10 * DAY), endsAt: new Date(now - 10 * DAY + 3_600_000), leadInspectorId: lead, ...over }).returning());
    const reported = await audit(company.org.id, a.id, { updatedAt: new Date(now - 7 * DAY) });
    const old = await audit(company.org.id, b.id, { updatedAt: new Date(now - 40 * DAY), createdAt: new Date(now - 41 * DAY) });
    const secret = await audit(company.org.id, b.id, { type: "unannounced", startsAt: new Date(now + DAY), endsAt: new Date(now + DAY + 3_600_000), updatedAt: new Date(now) });
    await audit(other.org.id, z.id, { updatedAt: new Date(now - DAY) });

    // Corrective actions on the reported audit: one overdue, one due later, one overdue but closed.
    const finding = onlyRow(await db.insert(findings).values({ auditId: reported.id, indicator: "withholding_of_wages", result: "major", recordedAt: new Date(now - 10 * DAY) }).returning());
    const action = async (dueOn: string, status: "open" | "verified_closed" = "open") =>
      onlyRow(await db.insert(correctiveActions).values({ findingId: finding.id, auditId: reported.id, orgId: inspectorate.org.id, companyOrgId: company.org.id, supplierId: a.id, description: `pay wages (${dueOn})`, owner: "supplier", dueOn, status }).returning());
    const day = (offset: number) => new Date(now + offset * DAY).toISOString().slice(0, 10);
    const overdue = await action(day(-3));
    await action(day(20));
    await action(day(-5), "verified_closed");

    // Imports: one waiting for its mapping, one checked and waiting, one imported, one of the other company.
    const imp = async (orgId: number, status: "uploaded" | "analysed" | "imported", fileName: string) =>
      onlyRow(await db.insert(imports).values({ orgId, kind: "suppliers", status, fileName, filePath: "x", fileSize: 1, fileSha256: fileName, encoding: "utf-8", delimiter: ",", headers: [], mapping: [], committedAt: status === "imported" ? new Date(now - DAY) : null }).returning());
    const uploaded = await imp(company.org.id, "uploaded", "new-list.csv");
    const analysed = await imp(company.org.id, "analysed", "checked-list.csv");
    await imp(company.org.id, "imported", "done.csv");
    await imp(other.org.id, "uploaded", "theirs.csv");

    // Submitted reports: one a regulator asked to correct (waiting), one whose correction was
    // submitted (done), one only acknowledged, and the other company's correction request.
    const regulator = await makeOrgWithRoles(db, "regulator");
    let n = 0;
    const report = async (orgId: number, supersedes: string | null = null) => {
      const id = `R-HOME${++n}`;
      await db.insert(reports).values({ id, orgId, type: "supplier_profile", title: `Profile ${n}`, params: {}, dataAsOf: new Date(now - DAY), referenceVersions: [], dataHash: String(n).padStart(64, "0"), filePath: "x", sha256: String(n).padStart(64, "a"), size: 1, pages: 1, supersedes, submittedTo: regulator.org.id, submittedAt: new Date(now - DAY + n), issuedAt: new Date(now - DAY) });
      return id;
    };
    const review = async (reportId: string, action: "acknowledged" | "correction_requested", reason: string | null = null) =>
      await db.insert(reportReviews).values({ reportId, orgId: regulator.org.id, action, reason, createdBy: regulator.member.user.id, createdAt: new Date(now - 3_600_000) });
    const waiting = await report(company.org.id);
    await review(waiting, "acknowledged");
    await review(waiting, "correction_requested", "Section 2 lacks the March audit.");
    const answered = await report(company.org.id);
    await review(answered, "correction_requested", "wrong period");
    await report(company.org.id, answered);
    await review(await report(company.org.id), "acknowledged");
    await review(await report(other.org.id), "correction_requested", "theirs");

    const h = await companyHome(db, company.viewer.actor, company.org.id, now);
    expect(h.correctionsRequested).toMatchObject({ total: 1, latest: [{ id: waiting, regulator: regulator.org.name, reason: "Section 2 lacks the March audit." }] });
    expect(h.suppliers).toBe(2);
    expect(h.openContests).toMatchObject({ total: 1, latest: [{ id: openContest.id, supplierId: b.id }] });
    expect(h.overdueActions).toMatchObject({ total: 1, latest: [{ id: overdue.id }] });
    expect(h.reportedAudits.total).toBe(1);
    expect(h.reportedAudits.latest.map((x) => x.id)).toEqual([reported.id]);
    expect(h.bandRises.latest).toEqual([expect.objectContaining({ id: a.id, before: bandBefore, after: bandAfter })]);
    expect(h.bandRises.total).toBe(1);
    expect(h.waitingImports.total).toBe(2);
    expect(h.waitingImports.latest.map((i) => i.id).sort()).toEqual([uploaded.id, analysed.id].sort());

    // Through the route, as the page gets it, and rendered.
    const data = await loadHome(db, company.viewer.user.id, company.org.id);
    expect(data.kind).toBe("company");
    const page = html(createElement(CompanyHome, data as unknown as Parameters<typeof CompanyHome>[0]));
    expect(countOf(page, "contests")).toBe(1);
    expect(countOf(page, "overdue")).toBe(1);
    expect(countOf(page, "audits")).toBe(1);
    expect(countOf(page, "rises")).toBe(1);
    expect(countOf(page, "imports")).toBe(2);
    expect(countOf(page, "corrections")).toBe(1);
    expect(page).toContain("Section 2 lacks the March audit.");
    const links = hrefs(page);
    expect(links).toContain(`/reports/${waiting}#review`);
    expect(links).toEqual(
      expect.arrayContaining(["/contests", `/contests/${openContest.id}`, "/actions?overdue=1", `/actions/${overdue.id}`, `/audits/${reported.id}`, `/suppliers/${a.id}#why`, "/imports", `/imports/${uploaded.id}`, `/imports/${analysed.id}`]),
    );
    for (const hidden of [`/audits/${old.id}`, `/audits/${secret.id}`, `/suppliers/${z.id}#why`]) expect(links).not.toContain(hidden);
    expect(page).not.toContain("Nothing waiting");
    expect(page).not.toContain("No suppliers yet");
  });

  it("says 'none' only where the count is 0, and 'no suppliers' only without suppliers", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const data = await loadHome(db, company.admin.user.id, company.org.id);
    const page = html(createElement(CompanyHome, data as unknown as Parameters<typeof CompanyHome>[0]));
    for (const id of ["contests", "overdue", "audits", "rises", "imports"]) expect(countOf(page, id)).toBe(0);
    expect(page).toContain("No suppliers yet");
    expect(page).toContain("<strong><span>0</span> open contests</strong>: partners have nothing waiting for your answer");
    expect(page).toContain("<strong><span>0</span> imports waiting for you</strong>: no uploaded list waits");
    expect(hrefs(page)).toContain("/imports");
  });
});

describe("the company home's band rises, as the scoring records them", () => {
  const heavy = { debt_bondage: true, retention_of_documents: true, withholding_of_wages: true, physical_sexual_violence: true, restriction_of_movement: true, intimidation_threats: true };
  const bandOf = async (db: Db, id: number) => firstRow(await db.select({ band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.id, id)))!.band;
  const RANK: Record<string, number> = { low: 0, medium: 1, high: 2, critical: 3 };

  /**
   * The rises as the home computed them until the scoring recorded them (the reference): every
   * supplier's current score, recent, against the score stored just before it in the history.
   */
  async function risesFromHistory(db: Db, orgId: number) {
    const scored = await rawAll<{ id: number; name: string; after: string; score: number; at: number; before: string | null }>(
      db,
      `select s.id, s.name, cur.band as after, cur.score, cur.computed_at as at,
              (select p.band from risk_scores p where p.entity_type = 'supplier' and p.entity_id = s.id and (p.computed_at < cur.computed_at or (p.computed_at = cur.computed_at and p.id < cur.id))
                order by p.computed_at desc, p.id desc limit 1) as before
         from suppliers s join risk_scores cur on cur.id = s.risk_score_id
         where s.org_id = ? and cur.computed_at >= ?`,
      orgId,
      new Date(now - 30 * DAY),
    );
    const rises = scored
      .filter((r): r is typeof r & { before: string } => r.before !== null && (RANK[r.after] ?? -1) > (RANK[r.before] ?? 99))
      .sort((a, b) => b.at - a.at || b.score - a.score || a.id - b.id);
    return { total: rises.length, latest: rises.slice(0, 5).map((r) => ({ id: r.id, name: r.name, before: r.before, after: r.after, score: r.score, at: r.at })) };
  }

  it("shows a rescore that raises a band, not one that lowers it, nor one that keeps it", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const a = await addSupplier(db, company.org.id, "A");
    await scoreOrganisation(db, company.org.id, { cause: "first", now: now - 3 * 60_000 });
    const low = await bandOf(db, a.id);
    expect((await companyHome(db, company.viewer.actor, company.org.id, now)).bandRises).toEqual({ total: 0, latest: [] });

    await db.update(suppliers).set({ indicators: heavy }).where(eq(suppliers.id, a.id));
    await scoreOrganisation(db, company.org.id, { cause: "raised", now: now - 2 * 60_000 });
    const high = await bandOf(db, a.id);
    expect(RANK[high!]).toBeGreaterThan(RANK[low!]!);
    const raised = await companyHome(db, company.viewer.actor, company.org.id, now);
    expect(raised.bandRises).toEqual({ total: 1, latest: [expect.objectContaining({ id: a.id, before: low, after: high, at: now - 2 * 60_000 })] });
    expect(raised.bandRises).toEqual(await risesFromHistory(db, company.org.id));

    // Scored again in the same band (a new score row: the address is an input): no longer a rise.
    await db.update(suppliers).set({ address: "Lot 7, Jalan Kebun" }).where(eq(suppliers.id, a.id));
    await scoreOrganisation(db, company.org.id, { cause: "address", now: now - 90_000 });
    expect(await bandOf(db, a.id)).toBe(high);
    expect((await companyHome(db, company.viewer.actor, company.org.id, now)).bandRises).toEqual({ total: 0, latest: [] });

    // Lowered: not a rise either.
    await db.update(suppliers).set({ indicators: {} }).where(eq(suppliers.id, a.id));
    await scoreOrganisation(db, company.org.id, { cause: "lowered", now: now - 60_000 });
    expect(await bandOf(db, a.id)).toBe(low);
    const lowered = await companyHome(db, company.viewer.actor, company.org.id, now);
    expect(lowered.bandRises).toEqual({ total: 0, latest: [] });
    expect(lowered.bandRises).toEqual(await risesFromHistory(db, company.org.id));
  });

  it("gives, after the migration's backfill, the rises the score history gave before", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const s: Record<string, Awaited<ReturnType<typeof addSupplier>>> = {};
    for (const id of ["A", "B", "C", "D", "E", "F"]) s[id] = await addSupplier(db, company.org.id, id, "MY", id === "B" ? heavy : {});
    // A recruiter too: its score rows share entity ids with the suppliers' (entity_type tells them apart).
    await db.insert(recruiters).values({ orgId: company.org.id, externalId: "R1", name: "Agency One", country: "NP" });
    const round = async (at: number, change: Record<string, Partial<typeof suppliers.$inferInsert>>) => {
      for (const [id, set] of Object.entries(change)) await db.update(suppliers).set(set).where(eq(suppliers.id, s[id]!.id));
      await scoreOrganisation(db, company.org.id, { cause: "history", now: at });
    };
    await round(now - 40 * DAY, {});
    await round(now - 35 * DAY, { E: { indicators: heavy } }); // a rise, but not recent
    await round(now - 2 * DAY, { A: { indicators: heavy }, B: { indicators: {} }, D: { indicators: heavy } }); // A and D rise, B falls
    await round(now - DAY, { D: { address: "Lot 7" } }); // D scored again in its band
    // F: two scores at the same instant, told apart by id (the same band, then a higher one).
    await round(now - 3_600_000, { F: { address: "Lot 9" } });
    await round(now - 3_600_000, { F: { indicators: heavy } });

    const fromHistory = await risesFromHistory(db, company.org.id);
    expect(fromHistory.latest.map((r) => r.id)).toEqual([s.F!.id, s.A!.id]);
    const written = await companyHome(db, company.viewer.actor, company.org.id, now);
    expect(written.bandRises).toEqual(fromHistory);

    // A database scored before the migration: the columns empty, then the migration's data statements.
    const recorded = await db.select({ id: suppliers.id, before: suppliers.riskBandBefore, roseAt: suppliers.riskRoseAt }).from(suppliers).orderBy(suppliers.id);
    await db.update(suppliers).set({ riskBandBefore: null, riskRoseAt: null });
    expect((await companyHome(db, company.viewer.actor, company.org.id, now)).bandRises.total).toBe(0);
    const migration = readFileSync(ON_POSTGRES ? "db/migrations-pg/0009_band_rises.sql" : "db/migrations/0020_band_rises.sql", "utf8");
    const backfill = migration
      .split("--> statement-breakpoint")
      .map((statement) => statement.replace(/^--.*$/gm, "").trim())
      .filter((statement) => statement.startsWith("UPDATE"));
    expect(backfill).toHaveLength(2);
    for (const statement of backfill) await rawRun(db, statement);
    expect(await db.select({ id: suppliers.id, before: suppliers.riskBandBefore, roseAt: suppliers.riskRoseAt }).from(suppliers).orderBy(suppliers.id)).toEqual(recorded);
    expect((await companyHome(db, company.viewer.actor, company.org.id, now)).bandRises).toEqual(fromHistory);
  });
});

describe("the company dashboard after an import", () => {
  it("never says 'No import yet' once an import is on record, even while the snapshot is being recomputed", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    await addSupplier(db, company.org.id, "A");
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    const before = await companyDashboard(db, company.admin.actor, company.org.id);
    expect(before).toMatchObject({ lastImportAt: null, importedAt: null, updating: false });

    // An import is committed; the stored snapshot is the one from before it (in a company too
    // large to compute its dashboard in the request, which a small one would do at once).
    const large = { inlineUpTo: 0 };
    const committedAt = now - 1000;
    await db.insert(imports).values({ orgId: company.org.id, kind: "suppliers", status: "imported", fileName: "f.csv", filePath: "x", fileSize: 1, fileSha256: "0", encoding: "utf-8", delimiter: ",", headers: [], mapping: [], committedAt: new Date(committedAt) });
    const stale = await companyDashboard(db, company.admin.actor, company.org.id, large);
    expect(stale).toMatchObject({ updating: true, lastImportAt: null, importedAt: committedAt });
    const home0 = await companyHome(db, company.admin.actor, company.org.id);
    const page = html(createElement(CompanyHome, { greeting: { name: "C", orgName: null }, home: home0, dashboard: stale, countryName: {} }));
    expect(page).not.toContain("No import yet");
    expect(page).toContain("is being taken into account");

    await expect.poll(async () => (await companyDashboard(db, company.admin.actor, company.org.id, large)).updating, { timeout: 20_000 }).toBe(false);
    const fresh = await companyDashboard(db, company.admin.actor, company.org.id);
    expect(fresh).toMatchObject({ lastImportAt: committedAt, importedAt: committedAt });
    const stored = onlyRow(await db.select().from(dashboardSnapshots).where(eq(dashboardSnapshots.orgId, company.org.id)));
    expect((stored.data as { lastImportAt: number }).lastImportAt).toBe(committedAt);
  });
});

describe("the indicator page after saving", () => {
  it("says the score before → after, from the stored scores, and what was recorded", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const s = await addSupplier(db, company.org.id, "A");
    await scoreOrganisation(db, company.org.id, { cause: "first" });
    const scoreOf = async () => {
      const row = firstRow(await db.select({ score: riskScores.score, band: riskScores.band }).from(suppliers).innerJoin(riskScores, eq(riskScores.id, suppliers.riskScoreId)).where(eq(suppliers.id, s.id)))!;
      return row;
    };
    const before = await scoreOf();
    const context = await contextFor(db, company.member.user.id, company.org.id);
    const res = await responseOf(() => indicatorsPage.action({ request: post(`/suppliers/${s.id}/indicators`, { withholding_of_wages: "yes", deception: "no", note: "payslips" }), context, params: { supplierId: String(s.id) } }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { ok: boolean; changed: boolean; message: string };
    const after = await scoreOf();
    expect(after.score).not.toBe(before.score);
    const bands = before.band === after.band ? ` (${after.band})` : ` (${before.band} → ${after.band})`;
    expect(body).toEqual({
      ok: true,
      changed: true,
      // In the page's order of indicators (ILO 2 before ILO 8).
      message: `Score ${before.score.toFixed(1)} → ${after.score.toFixed(1)}${bands}: Deception recorded as not present; Withholding of wages recorded as present.`,
    });

    // The same choices again: nothing changed, and the page says so rather than a score change.
    const again = (await (await responseOf(() => indicatorsPage.action({ request: post(`/suppliers/${s.id}/indicators`, { withholding_of_wages: "yes", deception: "no", note: "" }), context, params: { supplierId: String(s.id) } }))).json()) as { changed: boolean; message: string };
    expect(again).toMatchObject({ changed: false, message: expect.stringMatching(/^Nothing changed/) });
    expect((await scoreOf()).score).toBe(after.score);

    // Bad input still answers beside the field, nothing written.
    const bad = await responseOf(() => indicatorsPage.action({ request: post(`/suppliers/${s.id}/indicators`, { debt_bondage: "maybe", note: "" }), context, params: { supplierId: String(s.id) } }));
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { errors: Record<string, string> }).errors.debt_bondage).toMatch(/Choose one of the answers offered \(received "maybe"\)/);
  });
});

describe("the inspectorate's home", () => {
  it("counts today's audits, planned audits past their window and open corrective actions of its own", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const inspectorate = await makeOrgWithRoles(db, "inspectorate");
    const otherInspectorate = await makeOrgWithRoles(db, "inspectorate");
    const s = await addSupplier(db, company.org.id, "A");
    await scoreOrganisation(db, company.org.id, { cause: "test" });
    await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope: ["identity", "scores", "audits"], filter: {} });
    const lead = inspectorate.member.user.id;
    const audit = async (orgId: number, status: "planned" | "confirmed" | "in_progress" | "cancelled", startsAt: number, hours = 2) =>
      onlyRow(await db.insert(audits).values({ orgId, supplierId: s.id, companyOrgId: company.org.id, type: "announced", status, startsAt: new Date(startsAt), endsAt: new Date(startsAt + hours * 3_600_000), leadInspectorId: lead, workplaceName: "Estate A" }).returning());
    // The test's zone is UTC (the default setting): "today" is the UTC day of `now`.
    const midnight = Date.parse(`${new Date(now).toISOString().slice(0, 10)}T00:00:00Z`);
    const today = await audit(inspectorate.org.id, "in_progress", midnight + 3_600_000, 20);
    await audit(inspectorate.org.id, "cancelled", midnight + 3_600_000);
    const missed = await audit(inspectorate.org.id, "planned", midnight - 3 * DAY);
    const missedConfirmed = await audit(inspectorate.org.id, "confirmed", midnight - 2 * DAY);
    await audit(inspectorate.org.id, "planned", midnight + 3 * DAY);
    await audit(otherInspectorate.org.id, "planned", midnight - 3 * DAY);
    const finding = onlyRow(await db.insert(findings).values({ auditId: today.id, indicator: "debt_bondage", result: "critical", recordedAt: new Date(now) }).returning());
    for (const status of ["open", "submitted", "verified_closed"] as const)
      await db.insert(correctiveActions).values({ findingId: finding.id, auditId: today.id, orgId: inspectorate.org.id, companyOrgId: company.org.id, supplierId: s.id, description: status, owner: "company", dueOn: "2099-01-01", status });

    const h = await inspectorateHome(db, inspectorate.viewer.actor, now);
    expect(h.auditsToday).toMatchObject({ total: 1, latest: [{ id: today.id }] });
    expect(h.overduePlanned.total).toBe(2);
    expect(h.overduePlanned.latest.map((a) => a.id)).toEqual([missed.id, missedConfirmed.id]);
    expect(h.openActions).toBe(2);
    expect(h.overview.toVerify).toBe(1);

    const data = await loadHome(db, inspectorate.viewer.user.id, inspectorate.org.id);
    const page = html(createElement(InspectorateHome, data as unknown as Parameters<typeof InspectorateHome>[0]));
    expect(countOf(page, "today")).toBe(1);
    expect(countOf(page, "overdue-audits")).toBe(2);
    expect(countOf(page, "open-actions")).toBe(2);
    expect(hrefs(page)).toEqual(expect.arrayContaining([`/audits/${today.id}`, `/audits/${missed.id}`, "/audits?when=past&status=planned", "/actions", "/actions?status=submitted", "/audits/calendar"]));
    expect((await responseOf(() => inspectorateHome(db, company.admin.actor))).status).toBe(403);
  });
});

describe("the regulator's home", () => {
  it("counts the reports submitted to it and those nobody of it has downloaded yet", async () => {
    const db = createTestDb();
    const company = await makeOrgWithRoles(db, "company");
    const regulator = await makeOrgWithRoles(db, "regulator");
    const otherRegulator = await makeOrgWithRoles(db, "regulator");
    const report = async (id: string, submittedTo: number | null) =>
      onlyRow(await db.insert(reports).values({ id, orgId: company.org.id, type: "company_due_diligence", title: `Report ${id}`, params: {}, dataAsOf: new Date(now), referenceVersions: [], dataHash: id, filePath: "x", sha256: id, size: 1, pages: 1, issuedAt: new Date(now - DAY), submittedTo, submittedAt: submittedTo ? new Date(now) : null }).returning());
    const read = await report("R1", regulator.org.id);
    const unread = await report("R2", regulator.org.id);
    await report("R3", otherRegulator.org.id);
    await report("R4", null);
    await db.insert(reportDownloads).values({ reportId: read.id, userId: regulator.viewer.user.id, orgId: regulator.org.id, at: new Date(now) });
    // The company's own download does not make it read by the regulator.
    await db.insert(reportDownloads).values({ reportId: unread.id, userId: company.admin.user.id, orgId: company.org.id, at: new Date(now) });

    const h = await regulatorHome(db, regulator.viewer.actor);
    expect(h).toMatchObject({ received: 2, companies: 1, awaitingReview: { total: 1, latest: [{ id: unread.id }] } });
    const data = await loadHome(db, regulator.viewer.user.id, regulator.org.id);
    const page = html(createElement(RegulatorHome, data as unknown as Parameters<typeof RegulatorHome>[0]));
    expect(page).not.toContain("No reports submitted yet");
    expect(countOf(page, "received")).toBe(2);
    expect(countOf(page, "unopened")).toBe(1);
    expect(hrefs(page)).toEqual(expect.arrayContaining(["/regulator", `/reports/${read.id}`, `/reports/${unread.id}`]));
    expect(hrefs(page)).not.toContain("/reports/R3");

    const none = await regulatorHome(db, otherRegulator.admin.actor);
    expect(none.received).toBe(1);
    const empty = await makeOrgWithRoles(db, "regulator");
    const emptyPage = html(createElement(RegulatorHome, { greeting: { name: "R", orgName: null }, places: [], home: await regulatorHome(db, empty.admin.actor) }));
    expect(emptyPage).toContain("No reports submitted yet");
    expect((await responseOf(() => regulatorHome(db, company.admin.actor))).status).toBe(403);
  });
});

describe("the platform administrator's home", () => {
  it("counts organisations, people, the active methodology and reference editions", async () => {
    const db = createTestDb();
    await ensureDefaultMethodology(db);
    await makeOrgWithRoles(db, "company");
    await makeOrgWithRoles(db, "union");
    const admin = await makeUser(db, { platformAdmin: true });
    const h = await platformHome(db, await actorFor(db, admin.id, null));
    expect(h.organisations).toBe(2);
    expect(h.byType).toMatchObject({ company: 1, union: 1 });
    expect(h.people).toBe(7);
    expect(h.methodology?.version).toBeTruthy();
    const data = await loadHome(db, admin.id, null);
    expect(data.kind).toBe("platform");
    const page = html(createElement(PlatformHome, data as unknown as Parameters<typeof PlatformHome>[0]));
    expect(countOf(page, "orgs")).toBe(2);
    expect(countOf(page, "references")).toBe(h.references.length);
    expect(page).toContain(h.methodology!.version);
    expect(hrefs(page)).toEqual(expect.arrayContaining(["/admin/organisations", "/admin/methodology", "/admin/reference"]));
    const company = await makeOrgWithRoles(db, "company");
    expect((await responseOf(() => platformHome(db, company.admin.actor))).status).toBe(403);
  });
});
