/**
 * Audits on a real SQLite file, through the domain functions and the route modules: scheduling
 * with its rules, the status workflow, findings feeding the score, corrective actions on both
 * sides, the calendar feed, the secrecy of unannounced audits, and other organisations' 404s.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, audits, correctiveActions, evidence, findings, memberships, recruiters, riskScores, shares, supplierRecruiters, suppliers } from "#db/schema";
import { addCorrectiveAction, answerAction, listActions, verifyAction } from "~/domain/audits/corrective-actions.server";
import { createFeed, feedCalendar, revokeFeed } from "~/domain/audits/calendar.server";
import { saveFindings, type FindingInput } from "~/domain/audits/findings.server";
import { addLocalDays, localDateTime, localDay } from "~/domain/audits/local-time";
import { acceptProposal, generatePlan, pendingProposals, rejectProposal } from "~/domain/audits/plan.server";
import { priorityQueue } from "~/domain/audits/queue.server";
import { changeAuditStatus, scheduleAudit, SchedulingConflict, type ScheduleInput } from "~/domain/audits/scheduling.server";
import { updateSettings, DEFAULT_SETTINGS } from "~/domain/audits/settings.server";
import { companySupplierAudits } from "~/domain/audits/visibility.server";
import { InputError } from "~/domain/errors";
import { readFactors } from "~/domain/risk/methodology-store.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { storeEvidence } from "~/lib/evidence.server";
import * as actionRoute from "~/routes/actions.$actionId";
import * as actionsList from "~/routes/actions._index";
import * as auditRoute from "~/routes/audits.$auditId";
import * as findingsRoute from "~/routes/audits.$auditId_.findings";
import * as newAudit from "~/routes/audits.new";
import * as evidenceRoute from "~/routes/evidence.$evidenceId";
import * as home from "~/routes/_index";
import * as auditsList from "~/routes/audits._index";
import * as editAudit from "~/routes/audits.$auditId_.edit";
import * as availabilityPage from "~/routes/audits.availability";
import * as calendarPage from "~/routes/audits.calendar";
import * as planPage from "~/routes/audits.plan";
import * as queuePage from "~/routes/audits.queue";
import * as settingsPage from "~/routes/audits.settings";
import * as sharedList from "~/routes/shared._index";
import * as sharedPage from "~/routes/shared.$supplierId";
import * as sharingPage from "~/routes/sharing";
import * as supplierPage from "~/routes/suppliers.$supplierId";
import * as feedRoute from "~/routes/calendar.$feed";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";
import { contextFor, get, post, responseOf } from "../support/routes";
import { firstRow, onlyRow, rawAll, rawRun } from "../../db/client";

const ZONE = "Asia/Kuala_Lumpur";
const DAY = 86_400_000;

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  const otherInspectorate = await makeOrgWithRoles(db, "inspectorate");
  const otherCompany = await makeOrgWithRoles(db, "company");
  await rawRun(db, `update organisations set jurisdictions = '["MY"]' where id in (?, ?)`, inspectorate.org.id, otherInspectorate.org.id);
  await updateSettings(db, inspectorate.admin.actor, inspectorate.org.id, { ...DEFAULT_SETTINGS, timeZone: ZONE }, null);
  const add = async (externalId: string, country: string, indicators: Record<string, boolean> = {}) =>
    onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId, name: `Estate ${externalId}`, country, sector: "Agriculture", products: ["Palm oil"], indicators }).returning());
  const estate = await add("MY1", "MY");
  const listed = await add("MY2", "MY", { retention_of_documents: true });
  const abroad = await add("TH1", "TH");
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope: ["identity", "scores", "indicators", "audits"], filter: {} });
  return { db, company, inspectorate, otherInspectorate, otherCompany, estate, listed, abroad };
}

const now = Date.now();

/** The supplier's current score breakdown, restored in full. */
async function currentFactors(db: Awaited<ReturnType<typeof world>>["db"], supplierId: number) {
  const s = firstRow(await db.select().from(suppliers).where(eq(suppliers.id, supplierId)))!;
  const stored = firstRow(await db.select().from(riskScores).where(eq(riskScores.id, s.riskScoreId!)))!;
  return await readFactors(db, stored.methodologyId, "supplier", JSON.stringify(stored.factors));
}
const localIn = (days: number, time: string) => `${addLocalDays(localDay(now, ZONE), days)}T${time}`;

async function schedule(w: Awaited<ReturnType<typeof world>>, over: Partial<ScheduleInput> = {}, actor = w.inspectorate.member.actor) {
  return await scheduleAudit(w.db, actor, { supplierId: w.estate.id, type: "announced", startsAt: localIn(-1, "09:00"), endsAt: localIn(-1, "13:00"), leadInspectorId: actor.user.id, teamIds: [], notes: "", ...over });
}

async function startAudit(w: Awaited<ReturnType<typeof world>>, auditId: number) {
  await changeAuditStatus(w.db, w.inspectorate.member.actor, auditId, "confirmed", "");
  await changeAuditStatus(w.db, w.inspectorate.member.actor, auditId, "in_progress", "");
}

const checklist = (rows: Partial<Record<string, Partial<FindingInput>>>): FindingInput[] =>
  Object.entries(rows).map(([indicator, r]) => ({ indicator, result: "", description: "", workersInterviewed: "", ...r }) as FindingInput);

describe("scheduling", () => {
  it("schedules a workplace in the jurisdiction and records who, when and why", async () => {
    const w = await world();
    const id = await schedule(w);
    const audit = firstRow(await w.db.select().from(audits).where(eq(audits.id, id)))!;
    expect(audit).toMatchObject({ status: "planned", companyOrgId: w.company.org.id, type: "announced" });
    expect(localDateTime(audit.startsAt.getTime(), ZONE)).toBe(localIn(-1, "09:00"));
    await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "confirmed", "");
    await expect(async () => await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "cancelled", " ")).rejects.toThrow("Say why the audit is cancelled.");
    await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "cancelled", "workplace closed for a strike");
    const events = await w.db.select().from(auditEvents).where(eq(auditEvents.auditId, id));
    expect(events.map((e) => [e.kind, e.toStatus, e.reason, e.byUserId])).toEqual([
      ["created", "planned", null, w.inspectorate.member.user.id],
      ["status", "confirmed", null, w.inspectorate.member.user.id],
      ["status", "cancelled", "workplace closed for a strike", w.inspectorate.member.user.id],
    ]);
  });

  it("refuses workplaces outside the jurisdiction or the shares (404), and viewers and companies (403)", async () => {
    const w = await world();
    const status = async (fn: () => unknown) => (await responseOf(fn)).status;
    expect(await status(async () => await schedule(w, { supplierId: w.abroad.id }))).toBe(404);
    expect(await status(async () => await schedule(w, {}, w.otherInspectorate.member.actor))).toBe(404);
    expect(await status(async () => await schedule(w, {}, w.inspectorate.viewer.actor))).toBe(403);
    expect(await status(async () => await schedule(w, {}, w.company.admin.actor))).toBe(403);
    expect(await w.db.select().from(audits)).toHaveLength(0);
  });

  it("explains conflicts through the route and keeps what was typed", async () => {
    const w = await world();
    await schedule(w, { startsAt: localIn(3, "09:00"), endsAt: localIn(3, "12:00") });
    const ctx = await contextFor(w.db, w.inspectorate.member.user.id, w.inspectorate.org.id);
    const fields = { supplierId: String(w.listed.id), type: "announced", startsAt: localIn(3, "11:00"), endsAt: localIn(3, "15:00"), leadInspectorId: String(w.inspectorate.member.user.id), notes: "bring an interpreter" };
    const result = (await newAudit.action({ request: post("/audits/new", fields), context: ctx, params: {} })) as unknown as { data: { conflicts: { code: string }[]; values: Record<string, string> }; init: { status: number } };
    expect(result.init.status).toBe(400);
    expect(result.data.conflicts.map((c) => c.code)).toEqual(["inspector_booked"]);
    expect(result.data.values.notes).toBe("bring an interpreter");
    expect(await w.db.select().from(audits)).toHaveLength(1);
    // The same workplace again within the interval: refused unless it is a follow-up.
    await expect(async () => await schedule(w, { startsAt: localIn(30, "09:00"), endsAt: localIn(30, "12:00") })).rejects.toThrow(SchedulingConflict);
    await schedule(w, { type: "follow_up", startsAt: localIn(30, "09:00"), endsAt: localIn(30, "12:00") });
  });

  it("refuses a malformed window with the field named", async () => {
    const w = await world();
    const attempt = async (over: Partial<ScheduleInput>) => {
      try {
        await schedule(w, over);
        return null;
      } catch (error) {
        return error instanceof InputError ? [error.field, error.message] : error;
      }
    };
    expect(await attempt({ startsAt: "2026-02-31T09:00" })).toEqual(["startsAt", "Enter the start as a date and time."]);
    expect(await attempt({ endsAt: localIn(-1, "08:00") })).toEqual(["endsAt", "The end must be after the start."]);
    expect(await attempt({ leadInspectorId: w.inspectorate.viewer.user.id })).toEqual(["leadInspectorId", "Choose a lead inspector from the inspectorate (admins and members)."]);
    expect(await attempt({ teamIds: [w.otherInspectorate.member.user.id] })).toEqual(["teamIds", "The team may only include the inspectorate's inspectors."]);
  });

  it("proposes a plan from the priority queue; accepting schedules, rejecting keeps the reason", async () => {
    const w = await world();
    const queue = await priorityQueue(w.db, w.inspectorate.viewer.actor);
    expect(queue.map((q) => q.supplierId)).toEqual([w.listed.id, w.estate.id]);
    expect(queue[0]!.reasons.map((r) => r.label)).toContain("never audited");
    const plan = await generatePlan(w.db, w.inspectorate.admin.actor, { from: addLocalDays(localDay(now, ZONE), 7), weeks: 2, type: "announced", dayStarts: "09:00", dayEnds: "17:00" });
    expect(plan.proposals).toHaveLength(2);
    const [first, second] = await pendingProposals(w.db, w.inspectorate.admin.actor);
    expect(first!.reason).toMatch(/^Rank 1, priority/);
    const auditId = await acceptProposal(w.db, w.inspectorate.member.actor, first!.id, null);
    expect(firstRow(await w.db.select().from(audits).where(eq(audits.id, auditId)))!.supplierId).toBe(first!.supplierId);
    await rejectProposal(w.db, w.inspectorate.member.actor, second!.id, "workplace closed in December");
    expect(await pendingProposals(w.db, w.inspectorate.admin.actor)).toHaveLength(0);
    await expect(async () => await acceptProposal(w.db, w.inspectorate.member.actor, second!.id, null)).rejects.toThrow("already rejected");
  });
});

describe("findings feed the score", () => {
  it("a critical finding raises the score at once, with the audit as its source, and proposes a follow-up", async () => {
    const w = await world();
    const id = await schedule(w);
    await startAudit(w, id);
    const before = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.estate.id)))!;
    const result = await saveFindings(w.db, w.inspectorate.member.actor, id, checklist({ retention_of_documents: { result: "critical", description: "Passports kept in the office safe.", workersInterviewed: "12" } }), new Map());
    expect(result.changed).toBe(1);
    expect(result.followUpProposed).toBe(true);
    const after = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.estate.id)))!;
    expect(after.riskScore!).toBeGreaterThan(before.riskScore!);
    expect(["high", "critical"]).toContain(after.riskBand);
    const factors = await currentFactors(w.db, w.estate.id);
    const line = factors.find((f) => f.code === "indicator.retention_of_documents")!;
    expect(line.value).toContain(`audit of ${localIn(-1, "09:00").slice(0, 10)}, critical: Retention of identity documents`);
    expect((await pendingProposals(w.db, w.inspectorate.admin.actor)).map((p) => [p.type, p.followUpOf])).toEqual([["follow_up", id]]);
  });

  it("'not observed' never erases a 'present' from the list, and a later audit outranks an earlier one", async () => {
    const w = await world();
    const first = await schedule(w, { supplierId: w.listed.id, startsAt: localIn(-200, "09:00"), endsAt: localIn(-200, "12:00") });
    await startAudit(w, first);
    await saveFindings(w.db, w.inspectorate.member.actor, first, checklist({ retention_of_documents: { result: "not_observed" }, debt_bondage: { result: "major", description: "Advances deducted from wages." } }), new Map());
    const present = async (code: string) => (await currentFactors(w.db, w.listed.id)).find((f) => f.code === `indicator.${code}`)!;
    expect((await present("retention_of_documents")).contribution).toBeGreaterThan(0);
    expect((await present("debt_bondage")).contribution).toBeGreaterThan(0);
    const second = await schedule(w, { supplierId: w.listed.id, startsAt: localIn(-2, "09:00"), endsAt: localIn(-2, "12:00") });
    await startAudit(w, second);
    await saveFindings(w.db, w.inspectorate.member.actor, second, checklist({ debt_bondage: { result: "not_observed" } }), new Map());
    expect((await present("debt_bondage")).contribution).toBe(0);
    expect((await present("debt_bondage")).value).toContain("not observed");
  });

  it("refuses findings before the audit started, and an observed finding without a description, saving nothing", async () => {
    const w = await world();
    const id = await schedule(w);
    await expect(async () => await saveFindings(w.db, w.inspectorate.member.actor, id, checklist({ deception: { result: "minor", description: "x" } }), new Map())).rejects.toMatchObject({ message: "actions:errors.findingsNotRecording", values: { status: "planned" } });
    await startAudit(w, id);
    await expect(async () => await saveFindings(w.db, w.inspectorate.member.actor, id, checklist({ deception: { result: "major" } }), new Map())).rejects.toMatchObject({ message: "actions:errors.findingDescribe", values: { indicator: "deception", result: "major" } });
    await expect(async () => await saveFindings(w.db, w.inspectorate.member.actor, id, checklist({ deception: { result: "minor", description: "x", workersInterviewed: "many" } }), new Map())).rejects.toMatchObject({ message: "actions:errors.findingWorkers", values: { got: "many" } });
    expect(await w.db.select().from(findings)).toHaveLength(0);
  });

  it("stores evidence with its SHA-256 through the route, refuses an HTML file and keeps nothing of a refused save", async () => {
    const w = await world();
    const id = await schedule(w);
    await startAudit(w, id);
    const ctx = await contextFor(w.db, w.inspectorate.member.user.id, w.inspectorate.org.id);
    const uploads = path.join(TMP_DIR, `uploads-audit-${process.pid}-${Date.now()}`);
    const request = (files: { name: string; content: string }[]) => {
      const form = new FormData();
      form.set("result.retention_of_documents", "critical");
      form.set("description.retention_of_documents", "Passports in the office safe");
      for (const f of files) form.append("evidence.retention_of_documents", new Blob([f.content]), f.name);
      return new Request(`http://localhost/audits/${id}/findings`, { method: "POST", body: form });
    };
    const refused = (await findingsRoute.action({ request: request([{ name: "photo.pdf", content: "%PDF-1.4 fine" }, { name: "page.html", content: "<html><script>alert(1)</script>" }]), context: { ...ctx, uploads: { ...ctx.uploads, dir: uploads } }, params: { auditId: String(id) } })) as unknown as { data: { errors: Record<string, string> }; init: { status: number } };
    expect(refused.init.status).toBe(400);
    expect(refused.data.errors["evidence.retention_of_documents"]).toMatch(/"page.html" is not a PDF, PNG, JPEG, Office document or plain text file/);
    expect(await w.db.select().from(findings)).toHaveLength(0);
    const stored = () => (existsSync(path.join(uploads, "evidence")) ? readdirSync(path.join(uploads, "evidence")) : []);
    expect(stored()).toEqual([]);
    const saved = await responseOf(() => findingsRoute.action({ request: request([{ name: "../../etc/safe photo.pdf", content: "%PDF-1.4 evidence" }]), context: { ...ctx, uploads: { ...ctx.uploads, dir: uploads } }, params: { auditId: String(id) } }));
    expect(saved.status).toBe(302);
    const [file] = await w.db.select().from(evidence);
    expect(file).toMatchObject({ fileName: "safe photo.pdf", sha256: createHash("sha256").update("%PDF-1.4 evidence").digest("hex"), mime: "application/pdf" });
    expect(stored()).toHaveLength(1);
    const download = await responseOf(() => evidenceRoute.loader({ request: get(`/evidence/${file!.id}`), context: ctx, params: { evidenceId: String(file!.id) } }));
    expect(download.headers.get("Content-Disposition")).toMatch(/^attachment;/);
    const stranger = await contextFor(w.db, w.otherCompany.admin.user.id, w.otherCompany.org.id);
    expect((await responseOf(() => evidenceRoute.loader({ request: get(`/evidence/${file!.id}`), context: stranger, params: { evidenceId: String(file!.id) } }))).status).toBe(404);
    // The download is in the audit log; the refused one is not.
    const downloads = await rawAll(w.db, `select org_id as orgId, actor_user_id as userId, target_type as type, target_id as target from audit_log where action = 'evidence.downloaded'`);
    expect(downloads).toEqual([{ orgId: w.inspectorate.org.id, userId: w.inspectorate.member.user.id, type: "evidence", target: String(file!.id) }]);
  });
});

describe("corrective actions", () => {
  it("go from the inspector to the company and back to closure; the score follows", async () => {
    const w = await world();
    const id = await schedule(w);
    await startAudit(w, id);
    await saveFindings(w.db, w.inspectorate.member.actor, id, checklist({ excessive_overtime: { result: "major", description: "14-hour shifts" } }), new Map());
    const finding = firstRow(await w.db.select().from(findings))!;
    const actionId = await addCorrectiveAction(w.db, w.inspectorate.member.actor, finding.id, { description: "Cap shifts at 12 hours", owner: "supplier" });
    const action = firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)))!;
    expect(action.dueOn).toBe(addLocalDays(localDay(finding.recordedAt.getTime(), ZONE), 60));
    // The company sees it and answers; the other company does not.
    expect((await listActions(w.db, w.company.viewer.actor, {})).rows.map((r) => r.id)).toEqual([actionId]);
    expect((await listActions(w.db, w.otherCompany.admin.actor, {})).rows).toEqual([]);
    const other = await contextFor(w.db, w.otherCompany.admin.user.id, w.otherCompany.org.id);
    expect((await responseOf(() => actionRoute.loader({ request: get(`/actions/${actionId}`), context: other, params: { actionId: String(actionId) } }))).status).toBe(404);
    await expect(async () => await answerAction(w.db, w.company.member.actor, actionId, { status: "submitted", response: "" }, [])).rejects.toMatchObject({ field: "response", message: "actions:errors.responseRequired" });
    expect((await responseOf(async () => await answerAction(w.db, w.company.viewer.actor, actionId, { status: "in_progress", response: "" }, [])))).toHaveProperty("status", 403);
    const file = path.join(TMP_DIR, `rota-${process.pid}-${Date.now()}.pdf`);
    writeFileSync(file, "%PDF-1.4 new rota");
    const proof = storeEvidence({ path: file, name: "new rota.pdf", size: 17 }, path.join(TMP_DIR, "uploads"));
    await answerAction(w.db, w.company.member.actor, actionId, { status: "submitted", response: "New rota from 1 March, time records attached." }, [proof]);
    await expect(async () => await verifyAction(w.db, w.inspectorate.member.actor, actionId, { decision: "reopen", note: "" }, {})).rejects.toMatchObject({ field: "note", message: "actions:errors.reasonRequired" });
    await verifyAction(w.db, w.inspectorate.member.actor, actionId, { decision: "close", note: "Checked the time records on site." });
    const closed = firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)))!;
    expect(closed.status).toBe("verified_closed");
    const score = await currentFactors(w.db, w.estate.id);
    expect(score.find((f) => f.code === "mitigation.corrective_actions_closed")!.contribution).toBeLessThan(0);
  });

  it("are flagged overdue past their due date on both sides", async () => {
    const w = await world();
    const id = await schedule(w, { startsAt: localIn(-100, "09:00"), endsAt: localIn(-100, "12:00") });
    await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "confirmed", "");
    await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "in_progress", "");
    await saveFindings(w.db, w.inspectorate.member.actor, id, checklist({ deception: { result: "critical", description: "False contracts" } }), new Map(), { now: now - 99 * DAY });
    const finding = firstRow(await w.db.select().from(findings))!;
    await addCorrectiveAction(w.db, w.inspectorate.member.actor, finding.id, { description: "Issue true contracts", owner: "company" });
    expect((await listActions(w.db, w.company.viewer.actor, {})).overdue).toBe(1);
    expect((await listActions(w.db, w.inspectorate.viewer.actor, { overdue: true })).rows).toHaveLength(1);
    expect((await priorityQueue(w.db, w.inspectorate.viewer.actor)).find((q) => q.supplierId === w.estate.id)!.reasons.map((r) => r.label)).toContain("1 open corrective action, 1 overdue");
  });
});

describe("unannounced audits stay secret from the company until they start", () => {
  it("in no page, list, count or file before the start; visible once it has started", async () => {
    const w = await world();
    const startsAt = localIn(5, "06:00");
    const id = await schedule(w, { type: "unannounced", startsAt, endsAt: localIn(5, "12:00") });
    const company = await contextFor(w.db, w.company.admin.user.id, w.company.org.id);
    expect(await companySupplierAudits(w.db, w.company.admin.actor, w.company.org.id, w.estate.id)).toEqual([]);
    expect((await responseOf(() => auditRoute.loader({ request: get(`/audits/${id}`), context: company, params: { auditId: String(id) } }))).status).toBe(404);
    const page = (await actionsList.loader({ request: get("/actions"), context: company, params: {} })) as { total: number };
    expect(page.total).toBe(0);
    // The inspectorate sees it, and so does the moment it starts.
    expect(await companySupplierAudits(w.db, w.company.admin.actor, w.company.org.id, w.estate.id, now + 6 * DAY)).toHaveLength(1);
    const inspector = await contextFor(w.db, w.inspectorate.viewer.user.id, w.inspectorate.org.id);
    expect((await responseOf(() => auditRoute.loader({ request: get(`/audits/${id}`), context: inspector, params: { auditId: String(id) } }))).status).toBe(200);
    // Starting early, which would reveal it, is refused.
    await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "confirmed", "");
    await expect(async () => await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "in_progress", "")).rejects.toThrow(/starts at its scheduled time/);
    // A cancelled unannounced audit never appears.
    await changeAuditStatus(w.db, w.inspectorate.member.actor, id, "cancelled", "tip-off withdrawn");
    expect(await companySupplierAudits(w.db, w.company.admin.actor, w.company.org.id, w.estate.id, now + 6 * DAY)).toEqual([]);
  });

  it("another inspectorate gets 404 for the audit, as for anything that does not exist", async () => {
    const w = await world();
    const id = await schedule(w);
    const other = await contextFor(w.db, w.otherInspectorate.admin.user.id, w.otherInspectorate.org.id);
    expect((await responseOf(() => auditRoute.loader({ request: get(`/audits/${id}`), context: other, params: { auditId: String(id) } }))).status).toBe(404);
    expect((await responseOf(() => auditRoute.loader({ request: get(`/audits/999999`), context: other, params: { auditId: "999999" } }))).status).toBe(404);
  });
});

describe("calendar feed", () => {
  it("serves the inspector's audits as iCalendar until revoked or the member leaves", async () => {
    const w = await world();
    await schedule(w, { startsAt: localIn(3, "09:00"), endsAt: localIn(3, "12:00"), type: "unannounced" });
    const token = await createFeed(w.db, w.inspectorate.member.actor, null);
    const fetch = () => responseOf(async () => feedRoute.loader({ request: get(`/calendar/${token}.ics`), context: await contextFor(w.db, null), params: { feed: `${token}.ics` } }));
    const res = await fetch();
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Type")).toBe("text/calendar; charset=utf-8");
    const text = await res.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR/);
    expect(text).toContain("SUMMARY:Unannounced audit: Estate MY1");
    expect(text.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(await feedCalendar(w.db, "not-a-token", "http://x")).toBeNull();
    await revokeFeed(w.db, w.inspectorate.member.actor, null);
    expect((await fetch()).status).toBe(404);
    const again = await createFeed(w.db, w.inspectorate.member.actor, null);
    await w.db.delete(memberships).where(eq(memberships.userId, w.inspectorate.member.user.id));
    expect(await feedCalendar(w.db, again, "http://x")).toBeNull();
  });
});

describe("pages", () => {
  it("every page of the inspectorate, and the audits on the company's and the partner's pages, load with audits, findings and actions in them", async () => {
    const w = await world();
    const past = await schedule(w, { startsAt: localIn(-3, "09:00"), endsAt: localIn(-3, "12:00") });
    await startAudit(w, past);
    await saveFindings(w.db, w.inspectorate.member.actor, past, checklist({ excessive_overtime: { result: "major", description: "14-hour shifts" } }), new Map());
    await addCorrectiveAction(w.db, w.inspectorate.member.actor, firstRow(await w.db.select().from(findings))!.id, { description: "Cap shifts at 12 hours", owner: "supplier" });
    const next = await schedule(w, { supplierId: w.listed.id, type: "unannounced", startsAt: localIn(4, "09:00"), endsAt: localIn(4, "12:00") });
    await generatePlan(w.db, w.inspectorate.admin.actor, { from: addLocalDays(localDay(now, ZONE), 7), weeks: 2, type: "announced", dayStarts: "09:00", dayEnds: "17:00" });
    // A second share adds the recruiters scope for one workplace: the shared page shows its recruiter.
    const agency = onlyRow(await w.db.insert(recruiters).values({ orgId: w.company.org.id, externalId: "R1", name: "Agency One", originCountries: ["NP"], feesChargedToWorkers: true }).returning());
    await w.db.insert(supplierRecruiters).values({ supplierId: w.estate.id, recruiterId: agency.id, originCountry: "NP" });
    await w.db.insert(shares).values({ fromOrgId: w.company.org.id, toOrgId: w.inspectorate.org.id, scope: ["recruiters"], filter: { supplierIds: [w.estate.id] } });
    const inspector = await contextFor(w.db, w.inspectorate.admin.user.id, w.inspectorate.org.id);
    const company = await contextFor(w.db, w.company.admin.user.id, w.company.org.id);
    const load = async (context: typeof inspector, path: string, route: { loader: (args: never) => unknown }, params: Record<string, string> = {}) => {
      const res = await responseOf(() => route.loader({ request: get(path), context, params } as never));
      expect([path, res.status]).toEqual([path, 200]);
      return (await res.json()) as Record<string, unknown>;
    };
    const overview = ((await load(inspector, "/", home)).home as { overview: unknown }).overview as { workplaces: number; upcomingTotal: number; overdueActions: number; proposals: number };
    expect(overview).toMatchObject({ workplaces: 2, upcomingTotal: 1, overdueActions: 0 });
    expect(JSON.stringify(await load(inspector, "/audits/queue", queuePage))).toContain("Estate MY1");
    expect(JSON.stringify(await load(inspector, "/audits/queue?q=estate%20my2", queuePage))).toContain("Estate MY2");
    expect(JSON.stringify(await load(inspector, "/audits/queue?q=ESTATE%20MY2", queuePage))).not.toContain("Estate MY1");
    for (const when of ["", "?when=upcoming", "?when=past", "?when=all"]) await load(inspector, `/audits${when}`, auditsList);
    expect(JSON.stringify(await load(inspector, "/audits/calendar", calendarPage))).toContain("Estate MY2");
    await load(inspector, `/audits/calendar?view=week&date=${localIn(4, "09:00").slice(0, 10)}&inspector=${w.inspectorate.member.user.id}`, calendarPage);
    await load(inspector, "/audits/plan", planPage);
    await load(inspector, "/audits/availability", availabilityPage);
    await load(inspector, "/audits/settings", settingsPage);
    await load(inspector, `/audits/new?q=estate`, newAudit);
    for (const id of [past, next]) await load(inspector, `/audits/${id}`, auditRoute, { auditId: String(id) });
    await load(inspector, `/audits/${past}/findings`, findingsRoute, { auditId: String(past) });
    await load(inspector, `/audits/${next}/edit`, editAudit, { auditId: String(next) });
    await load(inspector, "/actions", actionsList);
    expect(JSON.stringify(await load(inspector, "/shared?q=my1", sharedList))).toContain("Estate MY1");
    const shared = await load(inspector, `/shared/${w.estate.id}`, sharedPage, { supplierId: String(w.estate.id) });
    expect(JSON.stringify(shared)).toContain("Estate MY1");
    expect(JSON.stringify(shared)).toContain(`"recruiters":[{"name":"Agency One","country":null,"licenceStatus":"unknown","feesChargedToWorkers":true,"certification":null,"originCountries":["NP"]}]`);
    expect(JSON.stringify(shared)).toContain(`"audits":[{"id":${past},`);
    expect(JSON.stringify(await load(inspector, `/shared/${w.listed.id}`, sharedPage, { supplierId: String(w.listed.id) }))).toContain(`"recruiters":null`);
    // The company: its sharing page, and its supplier's page with the audit (the unannounced one not yet).
    await load(company, "/sharing", sharingPage);
    const auditsOn = async (supplierId: number) => ((await load(company, `/suppliers/${supplierId}`, supplierPage, { supplierId: String(supplierId) })).audits as { id: number }[]).map((a) => a.id);
    expect(await auditsOn(w.estate.id)).toEqual([past]);
    expect(await auditsOn(w.listed.id)).toEqual([]);
    await load(company, "/actions", actionsList);
  });
});
