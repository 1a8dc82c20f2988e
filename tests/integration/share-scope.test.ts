/**
 * A share's scope holds on every page an inspectorate reads a shared supplier through: the queue,
 * the schedule form's search, the audit pages, the calendar and its feed, the plan, the audit
 * report's data and the shared-supplier pages. And after the company revokes the share, the
 * inspectorate keeps its audits with the workplace as it stood, and nothing live.
 * (docs/audits.md, "What a share lets an inspectorate see" and "After a share is revoked".)
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { shares, suppliers } from "#db/schema";
import { createFeed } from "~/domain/audits/calendar.server";
import { saveFindings, type FindingInput } from "~/domain/audits/findings.server";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { generatePlan } from "~/domain/audits/plan.server";
import { priorityQueue } from "~/domain/audits/queue.server";
import { changeAuditStatus, rescheduleAudit, scheduleAudit, type ScheduleInput } from "~/domain/audits/scheduling.server";
import { DEFAULT_SETTINGS, updateSettings } from "~/domain/audits/settings.server";
import { raiseContest } from "~/domain/contests/contests.server";
import { InputError } from "~/domain/errors";
import { auditReportData } from "~/domain/reports/audit-report-data.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createShare, revokeShare, sharesFrom } from "~/domain/sharing/share-management.server";
import { sharedSupplierView } from "~/domain/sharing/shared-suppliers.server";
import * as home from "~/routes/_index";
import * as auditRoute from "~/routes/audits.$auditId";
import * as editRoute from "~/routes/audits.$auditId_.edit";
import * as findingsRoute from "~/routes/audits.$auditId_.findings";
import * as auditList from "~/routes/audits._index";
import * as calendarRoute from "~/routes/audits.calendar";
import * as newAudit from "~/routes/audits.new";
import * as planRoute from "~/routes/audits.plan";
import * as queueRoute from "~/routes/audits.queue";
import * as feedRoute from "~/routes/calendar.$feed";
import * as sharedDetail from "~/routes/shared.$supplierId";
import * as sharedList from "~/routes/shared._index";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, responseOf } from "../support/routes";
import { firstRow, onlyRow, rawRun } from "../../db/client";

const ZONE = "Asia/Kuala_Lumpur";
const now = Date.now();
const localIn = (days: number, time: string) => `${addLocalDays(localDay(now, ZONE), days)}T${time}`;
const OLD_ADDRESS = "Lot 12, Jalan Ladang, 81000 Kulai";
const NEW_ADDRESS = "Lot 99, Jalan Baru, 81000 Kulai";

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  const union = await makeOrgWithRoles(db, "union");
  await rawRun(db, `update organisations set jurisdictions = '["MY"]' where id = ?`, inspectorate.org.id);
  await updateSettings(db, inspectorate.admin.actor, inspectorate.org.id, { ...DEFAULT_SETTINGS, timeZone: ZONE }, null);
  const add = async (externalId: string, indicators: Record<string, boolean>) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Estate ${externalId}`, address: OLD_ADDRESS, country: "MY", sector: "Agriculture", products: ["Palm oil"], indicators }).returning());
  // Three workplaces with scores: one audited (in progress, then completed), one planned, one left for the planner.
  const audited = await add("MY1", { retention_of_documents: true, excessive_overtime: true });
  const planned = await add("MY2", { retention_of_documents: true });
  const waiting = await add("MY3", { abusive_working_conditions: true });
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  // The company shares everything in Malaysia with the inspectorate, identity only; and with a union, with scores.
  const identityOnly = await createShare(db, company.admin.actor, { toOrgId: inspectorate.org.id, scope: ["identity"], countries: "MY", sectors: "", bands: [] }, null);
  await createShare(db, company.admin.actor, { toOrgId: union.org.id, scope: ["identity", "scores"], countries: "MY", sectors: "", bands: [] }, null);
  const inspector = inspectorate.member;
  const ctx = await contextFor(db, inspector.user.id, inspectorate.org.id);
  const schedule = async (over: Partial<ScheduleInput>) =>
    await scheduleAudit(db, inspector.actor, { supplierId: audited.id, type: "announced", startsAt: localIn(-1, "09:00"), endsAt: localIn(-1, "13:00"), leadInspectorId: inspector.user.id, teamIds: [], notes: "", ...over });
  const auditA = await schedule({});
  await changeAuditStatus(db, inspector.actor, auditA, "confirmed", "");
  await changeAuditStatus(db, inspector.actor, auditA, "in_progress", "");
  const auditB = await schedule({ supplierId: planned.id, startsAt: localIn(10, "09:00"), endsAt: localIn(10, "13:00") });
  await generatePlan(db, inspectorate.admin.actor, { from: addLocalDays(localDay(now, ZONE), 14), weeks: 2, type: "announced", dayStarts: "09:00", dayEnds: "17:00" });
  const feedToken = await createFeed(db, inspector.actor, null);
  return { db, company, inspectorate, union, inspector, ctx, audited, planned, waiting, auditA, auditB, identityOnly, feedToken };
}
type World = Awaited<ReturnType<typeof world>>;

const checklist = (rows: Record<string, Partial<FindingInput>>): FindingInput[] =>
  Object.entries(rows).map(([indicator, r]) => ({ indicator, result: "", description: "", workersInterviewed: "", ...r }) as FindingInput);

/** The bodies of every page, feed and report an inspector reads a workplace on, by name. */
async function inspectorPages(w: World, options: { report?: boolean } = {}): Promise<Record<string, string>> {
  const call = async (name: string, fn: () => unknown) => {
    const res = await responseOf(fn);
    expect(res.status, name).toBe(200);
    return [name, await res.text()] as const;
  };
  const loaderArgs = (path: string, params: Record<string, string> = {}) => ({ request: get(path), context: w.ctx, params });
  const a = String(w.auditA);
  const b = String(w.auditB);
  const pages = [
    await call("home", () => home.loader(loaderArgs("/"))),
    await call("queue", () => queueRoute.loader(loaderArgs("/audits/queue"))),
    await call("new?q=", () => newAudit.loader(loaderArgs("/audits/new?q=Estate"))),
    await call("new?supplier=", () => newAudit.loader(loaderArgs(`/audits/new?supplier=${w.waiting.id}`))),
    await call("audit list", () => auditList.loader(loaderArgs("/audits"))),
    await call("audit page", () => auditRoute.loader(loaderArgs(`/audits/${a}`, { auditId: a }))),
    await call("findings", () => findingsRoute.loader(loaderArgs(`/audits/${a}/findings`, { auditId: a }))),
    await call("planned audit page", () => auditRoute.loader(loaderArgs(`/audits/${b}`, { auditId: b }))),
    await call("calendar (audit)", () => calendarRoute.loader(loaderArgs(`/audits/calendar?date=${localIn(-1, "09:00").slice(0, 10)}`))),
    await call("calendar (planned)", () => calendarRoute.loader(loaderArgs(`/audits/calendar?date=${localIn(10, "09:00").slice(0, 10)}`))),
    await call("feed", async () => feedRoute.loader({ request: get(`/calendar/${w.feedToken}.ics`), context: await contextFor(w.db, null), params: { feed: `${w.feedToken}.ics` } })),
    await call("plan", () => planRoute.loader(loaderArgs("/audits/plan"))),
  ];
  // The edit page exists while the planned audit can still be moved (a redirect otherwise).
  const edit = await responseOf(() => editRoute.loader(loaderArgs(`/audits/${b}/edit`, { auditId: b })));
  if (edit.status === 200) pages.push(["edit", await edit.text()]);
  if (options.report) pages.push(["audit report data", JSON.stringify((await auditReportData(w.db, w.inspector.actor, w.auditA)).data)]);
  return Object.fromEntries(pages);
}

async function currentScores(w: World) {
  const rows = [];
  for (const s of [w.audited, w.planned, w.waiting]) rows.push(firstRow(await w.db.select({ id: suppliers.id, score: suppliers.riskScore, band: suppliers.riskBand }).from(suppliers).where(eq(suppliers.id, s.id)))!);
  return rows;
}

/** Ways a score or band shows in a loader's JSON or a report's data ("riskScore":54.8, "risk score 54.8 (high)"). */
function traces(score: number, band?: string): string[] {
  return [`"riskScore":${score}`, `"score":${score}`, `"workplaceScore":${score}`, `risk score ${score}`, ...(band ? [`"riskBand":"${band}"`, `"band":"${band}"`, `(${band})`] : [])];
}

/** The score's range and confidence (methodology 2) as they are stored for the three suppliers. */
async function currentRanges(w: World) {
  const rows = [];
  for (const s of [w.audited, w.planned, w.waiting]) rows.push(firstRow(await w.db.select({ low: suppliers.riskScoreLow, high: suppliers.riskScoreHigh, confidence: suppliers.riskConfidence }).from(suppliers).where(eq(suppliers.id, s.id)))!);
  return rows;
}

/** Range and confidence are score fields: withheld with the score, in every form a page or report prints them. */
function expectNoRanges(pages: Record<string, string>, ranges: { low: number | null; high: number | null; confidence: number | null }[]) {
  for (const { low, high, confidence } of ranges) {
    expect(low).not.toBeNull();
    expect(high).not.toBeNull();
    expect(confidence).not.toBeNull();
    for (const [name, body] of Object.entries(pages)) {
      for (const pattern of [/"(riskScoreLow|riskScoreHigh|riskConfidence|scoreLow|scoreHigh|confidence)":\d/, /% observed/, /range \d/]) expect(body, `${name} shows ${pattern}`).not.toMatch(pattern);
      expect(body, `${name} shows the range ${low}–${high}`).not.toContain(`${low}–${high}`);
    }
  }
}

function expectNoScores(pages: Record<string, string>, scores: { score: number | null; band: string | null }[]) {
  for (const { score, band } of scores) {
    expect(score).not.toBeNull();
    for (const [name, body] of Object.entries(pages)) {
      for (const trace of traces(score!, band!)) expect(body, `${name} shows ${trace}`).not.toContain(trace);
    }
  }
}

describe("a share with scope identity only", () => {
  it("shows no score or band on any page, feed or report data of the inspectorate", async () => {
    const w = await world();
    await saveFindings(w.db, w.inspector.actor, w.auditA, checklist({ excessive_overtime: { result: "major", description: "Seventy-hour weeks in the harvest." } }), new Map());
    await changeAuditStatus(w.db, w.inspector.actor, w.auditA, "completed", "");
    const pages = await inspectorPages(w, { report: true });
    expect(pages["queue"]).toContain("Estate MY1");
    expect(pages["feed"]).toContain("Estate MY1");
    expectNoScores(pages, await currentScores(w));
    expectNoRanges(pages, await currentRanges(w));
    // The shared-supplier pages read through the same view.
    const list = await responseOf(() => sharedList.loader({ request: get("/shared"), context: w.ctx, params: {} }));
    const detail = await responseOf(() => sharedDetail.loader({ request: get(`/shared/${w.audited.id}`), context: w.ctx, params: { supplierId: String(w.audited.id) } }));
    const shared = { "shared list": await list.text(), "shared detail": await detail.text() };
    expectNoScores(shared, await currentScores(w));
    expectNoRanges(shared, await currentRanges(w));
    const view = (await sharedSupplierView(w.db, w.inspectorate.org.id)).find((v) => v.id === w.audited.id)!;
    expect(view).toMatchObject({ scoreShared: false, riskScore: null, riskBand: null, riskScoreLow: null, riskScoreHigh: null, riskConfidence: null });
  });

  it("ranks a withheld score as unscored, so that the priority does not reveal it", async () => {
    const w = await world();
    const row = (await priorityQueue(w.db, w.inspector.actor)).find((r) => r.supplierId === w.waiting.id)!;
    expect(row).toMatchObject({ scoreShared: false, riskScore: null, riskBand: null });
    expect(row.reasons[0]).toEqual({ label: "risk score not shared with you (counted as 50)", points: 50 });
    expect(row.priority).toBe(70); // 50 + never audited 20
  });

  it("finds no workplace by a withheld name, and orders search results without the withheld score", async () => {
    const w = await world();
    await rawRun(w.db, `update shares set scope = '[]' where id = ?`, w.identityOnly);
    const res = await responseOf(() => newAudit.loader({ request: get("/audits/new?q=Estate"), context: w.ctx, params: {} }));
    expect(((await res.json()) as { matches: unknown[] }).matches).toEqual([]);
  });
});

describe("grievances in the queue", () => {
  it("count only the inspectorate's own, never a union's contests", async () => {
    const w = await world();
    await raiseContest(w.db, w.union.member.actor, w.waiting.id, { comment: "Workers say the score is too low.", evidence: null });
    await raiseContest(w.db, w.union.member.actor, w.waiting.id, { comment: "And the recruiters charge fees.", evidence: null });
    const row = (await priorityQueue(w.db, w.inspector.actor)).find((r) => r.supplierId === w.waiting.id)!;
    expect(row.reasons.map((r) => r.label).join(" ")).not.toMatch(/grievance/);
    expect(row.priority).toBe(70);
    const queue = await responseOf(() => queueRoute.loader({ request: get("/audits/queue"), context: w.ctx, params: {} }));
    expect(await queue.text()).not.toMatch(/grievance/);
  });
});

/**
 * A second active share to the same partner, as data from before one-share-per-partner may hold
 * (createShare refuses one now): the view must still add up the scopes of both.
 */
async function parallelShare(w: Awaited<ReturnType<typeof world>>, toOrgId: number, scope: string[], filter: Record<string, unknown>): Promise<number> {
  return onlyRow(await w.db.insert(shares).values({ fromOrgId: w.company.org.id, toOrgId, scope, filter, createdBy: w.company.admin.user.id, createdAt: new Date() }).returning({ id: shares.id })).id;
}

describe("adding the scores scope", () => {
  it("shows the score on the queue, the search, and the audit pages", async () => {
    const w = await world();
    await parallelShare(w, w.inspectorate.org.id, ["identity", "scores"], { countries: ["MY"] });
    const pages = await inspectorPages(w);
    const [audited, planned, waiting] = await currentScores(w);
    expect(pages["queue"]).toContain(`"riskScore":${audited!.score}`);
    expect(pages["queue"]).toContain(`risk score ${waiting!.score} (${waiting!.band})`);
    expect(pages["new?q="]).toContain(`"riskScore":${waiting!.score}`);
    expect(pages["new?supplier="]).toContain(`"riskScore":${waiting!.score}`);
    expect(pages["audit page"]).toContain(`"riskScore":${audited!.score}`);
    expect(pages["planned audit page"]).toContain(`"riskBand":"${planned!.band}"`);
    const row = (await priorityQueue(w.db, w.inspector.actor)).find((r) => r.supplierId === w.waiting.id)!;
    expect(row).toMatchObject({ scoreShared: true, riskScore: waiting!.score, riskBand: waiting!.band });
    // The range and confidence come with the score.
    const [auditedRange, , waitingRange] = await currentRanges(w);
    expect(row).toMatchObject({ riskScoreLow: waitingRange!.low, riskScoreHigh: waitingRange!.high, riskConfidence: waitingRange!.confidence });
    expect(pages["audit page"]).toContain(`"riskScoreLow":${auditedRange!.low}`);
    expect(pages["audit page"]).toContain(`"riskConfidence":${auditedRange!.confidence}`);
  });

  it("adds up the scopes of two shares of the same supplier for a union too: it may contest once one includes scores", async () => {
    const w = await world();
    const union = w.union;
    // The union's share (identity and scores) is revoked and replaced by identity only, then scores are added again by a second share.
    for (const share of (await sharesFrom(w.db, w.company.admin.actor)).filter((s) => s.to === union.org.name)) await revokeShare(w.db, w.company.admin.actor, share.id, null);
    await createShare(w.db, w.company.admin.actor, { toOrgId: union.org.id, scope: ["identity"], countries: "MY", sectors: "", bands: [] }, null);
    expect((await responseOf(async () => await raiseContest(w.db, union.member.actor, w.waiting.id, { comment: "Too low.", evidence: null }))).status).toBe(404);
    await parallelShare(w, union.org.id, ["identity", "scores"], { supplierIds: [w.waiting.id] });
    expect((await raiseContest(w.db, union.member.actor, w.waiting.id, { comment: "Too low.", evidence: null })).supplierId).toBe(w.waiting.id);
    const detail = await responseOf(async () => sharedDetail.loader({ request: get(`/shared/${w.waiting.id}`), context: await contextFor(w.db, union.member.user.id, union.org.id), params: { supplierId: String(w.waiting.id) } }));
    expect(((await detail.json()) as { canContest: boolean }).canContest).toBe(true);
  });

  it("takes the score out of a proposal's reason once the scope no longer includes scores", async () => {
    const w = await world();
    const scores = await parallelShare(w, w.inspectorate.org.id, ["identity", "scores"], { countries: ["MY"] });
    await generatePlan(w.db, w.inspectorate.admin.actor, { from: addLocalDays(localDay(now, ZONE), 14), weeks: 2, type: "announced", dayStarts: "09:00", dayEnds: "17:00" });
    const [, , waiting] = await currentScores(w);
    const before = await (await responseOf(() => planRoute.loader({ request: get("/audits/plan"), context: w.ctx, params: {} }))).text();
    expect(before).toContain(`risk score ${waiting!.score} (${waiting!.band})`);
    await revokeShare(w.db, w.company.admin.actor, scores, null);
    const after = await (await responseOf(() => planRoute.loader({ request: get("/audits/plan"), context: w.ctx, params: {} }))).text();
    expect(after).toContain("risk score not shared with you");
    expectNoScores({ plan: after }, [waiting!]);
  });
});

describe("after the company revokes the share", () => {
  async function revokedWorld() {
    const w = await world();
    const scores = await parallelShare(w, w.inspectorate.org.id, ["identity", "scores"], { countries: ["MY"] });
    // Recording on the audit while shared keeps the workplace as it stands then.
    await saveFindings(w.db, w.inspector.actor, w.auditA, checklist({ excessive_overtime: { result: "major", description: "Seventy-hour weeks in the harvest." } }), new Map());
    await changeAuditStatus(w.db, w.inspector.actor, w.auditA, "completed", "");
    const [recorded] = await currentScores(w);
    for (const id of [w.identityOnly, scores]) await revokeShare(w.db, w.company.admin.actor, id, null);
    expect((await sharesFrom(w.db, w.company.admin.actor)).filter((s) => s.revokedAt === null).map((s) => s.to)).toEqual([w.union.org.name]);
    // The world moves on: the company's list changes the workplace, and its score moves.
    await w.db.update(suppliers).set({ name: "Estate MY1 (renamed)", address: NEW_ADDRESS, indicators: { retention_of_documents: true, excessive_overtime: true, debt_bondage: true, withholding_of_wages: true } }).where(eq(suppliers.id, w.audited.id));
    await scoreOrganisation(w.db, w.company.org.id, { cause: "new list" });
    const [moved] = await currentScores(w);
    expect(moved!.score).not.toBe(recorded!.score);
    return { ...w, recorded: recorded!, moved: moved! };
  }

  /** What the inspectorate can still open about the revoked workplace: its audits, calendar, feed and report. */
  async function ownRecordPages(w: Awaited<ReturnType<typeof revokedWorld>>) {
    const read = async (fn: () => unknown) => (await responseOf(fn)).text();
    const args = (path: string, params: Record<string, string> = {}) => ({ request: get(path), context: w.ctx, params });
    const a = String(w.auditA);
    return {
      "audit page": await read(() => auditRoute.loader(args(`/audits/${a}`, { auditId: a }))),
      findings: await read(() => findingsRoute.loader(args(`/audits/${a}/findings`, { auditId: a }))),
      "audit list": await read(() => auditList.loader(args("/audits?when=all"))),
      calendar: await read(() => calendarRoute.loader(args(`/audits/calendar?date=${localIn(-1, "09:00").slice(0, 10)}`))),
      feed: await read(async () => feedRoute.loader({ request: get(`/calendar/${w.feedToken}.ics`), context: await contextFor(w.db, null), params: { feed: `${w.feedToken}.ics` } })),
      "audit report data": JSON.stringify((await auditReportData(w.db, w.inspector.actor, w.auditA)).data),
    };
  }

  it("keeps the audit with the workplace and score as recorded, and shows nothing live", async () => {
    const w = await revokedWorld();
    const body = (await (await responseOf(() => auditRoute.loader({ request: get(`/audits/${w.auditA}`), context: w.ctx, params: { auditId: String(w.auditA) } }))).json()) as Record<string, unknown>;
    expect(body).toMatchObject({ supplierName: "Estate MY1", address: OLD_ADDRESS, riskScore: w.recorded.score, riskBand: w.recorded.band, shared: false });
    expect(typeof body.asOf).toBe("number");
    for (const [name, text] of Object.entries(await ownRecordPages(w))) {
      expect(text, name).toContain("Estate MY1");
      expect(text, name).not.toContain("renamed");
      expect(text, name).not.toContain(NEW_ADDRESS);
      for (const trace of traces(w.moved.score!)) expect(text, `${name} shows ${trace}`).not.toContain(trace);
    }
    const report = (await auditReportData(w.db, w.inspector.actor, w.auditA)).data.workplace;
    expect(report).toMatchObject({ name: "Estate MY1", address: OLD_ADDRESS, externalId: "MY1" });
  });

  it("drops the address and every live field from the iCalendar feed, keeping the audit's title and time", async () => {
    const w = await revokedWorld();
    const res = await responseOf(async () => feedRoute.loader({ request: get(`/calendar/${w.feedToken}.ics`), context: await contextFor(w.db, null), params: { feed: `${w.feedToken}.ics` } }));
    const ics = (await res.text()).replace(/\r\n[ \t]/g, "");
    expect(ics).toContain("SUMMARY:Announced audit: Estate MY1");
    expect(ics).not.toContain("LOCATION");
    expect(ics).not.toContain("Jalan");
    expect(ics).not.toContain("renamed");
  });

  it("lists and proposes the workplace no more, and refuses to schedule or move audits of it", async () => {
    const w = await revokedWorld();
    expect(await priorityQueue(w.db, w.inspector.actor)).toEqual([]);
    const status = async (fn: () => unknown) => (await responseOf(fn)).status;
    expect(await status(() => newAudit.loader({ request: get(`/audits/new?supplier=${w.audited.id}`), context: w.ctx, params: {} }))).toBe(404);
    expect(await status(async () => await scheduleAudit(w.db, w.inspector.actor, { supplierId: w.waiting.id, type: "announced", startsAt: localIn(40, "09:00"), endsAt: localIn(40, "12:00"), leadInspectorId: w.inspector.user.id, teamIds: [], notes: "" }))).toBe(404);
    const b = await responseOf(() => auditRoute.loader({ request: get(`/audits/${w.auditB}`), context: w.ctx, params: { auditId: String(w.auditB) } }));
    expect(b.status).toBe(200);
    await expect(async () => await rescheduleAudit(w.db, w.inspector.actor, w.auditB, { startsAt: localIn(12, "09:00"), endsAt: localIn(12, "12:00"), leadInspectorId: w.inspector.user.id, teamIds: [], reason: "rain" })).rejects.toThrow(InputError);
    expect((await responseOf(() => editRoute.loader({ request: get(`/audits/${w.auditB}/edit`), context: w.ctx, params: { auditId: String(w.auditB) } }))).status).toBe(302);
    const plan = (await (await responseOf(() => planRoute.loader({ request: get("/audits/plan"), context: w.ctx, params: {} }))).json()) as { proposals: unknown[] };
    expect(plan.proposals).toEqual([]);
    // Its own audit goes on: it can still be cancelled.
    await changeAuditStatus(w.db, w.inspector.actor, w.auditB, "cancelled", "the company withdrew the workplace");
  });

  it("keeps the snapshot frozen when the inspectorate records on the audit afterwards", async () => {
    const w = await revokedWorld();
    const read = async () => (await (await responseOf(() => auditRoute.loader({ request: get(`/audits/${w.auditA}`), context: w.ctx, params: { auditId: String(w.auditA) } }))).json()) as Record<string, unknown>;
    const before = await read();
    await saveFindings(w.db, w.inspector.actor, w.auditA, checklist({ debt_bondage: { result: "critical", description: "Recruitment debts of six months' wages." } }), new Map());
    const after = await read();
    expect(after).toMatchObject({ supplierName: "Estate MY1", address: OLD_ADDRESS, riskScore: w.recorded.score, shared: false, asOf: before.asOf });
    expect(JSON.stringify(after)).not.toContain("renamed");
  });
});
