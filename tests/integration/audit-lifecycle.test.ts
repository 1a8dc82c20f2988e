/**
 * The audit lifecycle as an inspector lives it (issue 17): permanent changes confirmed first with
 * their consequence, and a completion that says what it did to the score and why.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, audits, correctiveActions, findings, shares, suppliers } from "#db/schema";
import { auditDetail, overduePlannedAudits } from "~/domain/audits/audit-views.server";
import { addCorrectiveAction } from "~/domain/audits/corrective-actions.server";
import { auditReportData } from "~/domain/reports/audit-report-data.server";
import * as auditsList from "~/routes/audits._index";
import * as findingsRoute from "~/routes/audits.$auditId_.findings";
import { INDICATORS } from "~/domain/indicators";
import { saveFindings, type FindingInput } from "~/domain/audits/findings.server";
import { addLocalDays, fromLocal, localDay } from "~/domain/audits/local-time";
import { changeAuditStatus, scheduleAudit, startAuditNow, type ScheduleInput } from "~/domain/audits/scheduling.server";
import { updateSettings, DEFAULT_SETTINGS } from "~/domain/audits/settings.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as auditRoute from "~/routes/audits.$auditId";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { firstRow, onlyRow, rawAll, rawRun } from "../../db/client";

const ZONE = "Asia/Kuala_Lumpur";
const now = Date.now();
const localIn = (days: number, time: string) => `${addLocalDays(localDay(now, ZONE), days)}T${time}`;

async function world(scope: string[] = ["identity", "scores", "indicators", "audits"]) {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await rawRun(db, `update organisations set jurisdictions = '["MY", "TH"]' where id = ?`, inspectorate.org.id);
  await updateSettings(db, inspectorate.admin.actor, inspectorate.org.id, { ...DEFAULT_SETTINGS, timeZone: ZONE }, null);
  const estate = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "MY1", name: "Estate MY1", country: "MY", sector: "Agriculture", products: ["Palm oil"], indicators: {} }).returning());
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope, filter: {} });
  const actor = inspectorate.member.actor;
  const schedule = async (over: Partial<ScheduleInput> = {}) =>
    await scheduleAudit(db, actor, { supplierId: estate.id, type: "announced", startsAt: localIn(-1, "09:00"), endsAt: localIn(-1, "13:00"), leadInspectorId: actor.user.id, teamIds: [], notes: "", ...over });
  const ctx = await contextFor(db, inspectorate.member.user.id, inspectorate.org.id);
  const act = async (id: number, fields: Record<string, string>) => await responseOf(() => auditRoute.action({ request: post(`/audits/${id}`, fields), context: ctx, params: { auditId: String(id) } }));
  const page = async (id: number, query = "") => (await auditRoute.loader({ request: get(`/audits/${id}${query}`), context: ctx, params: { auditId: String(id) } })) as Extract<Awaited<ReturnType<typeof auditRoute.loader>>, { side: "inspectorate" }>;
  return { db, company, inspectorate, estate, actor, schedule, act, page };
}

const checklist = (rows: Record<string, Partial<FindingInput>>): FindingInput[] => Object.entries(rows).map(([indicator, r]) => ({ indicator, result: "", description: "", workersInterviewed: "", ...r }) as FindingInput);
const statusOf = async (w: Awaited<ReturnType<typeof world>>, id: number) => firstRow(await w.db.select({ status: audits.status }).from(audits).where(eq(audits.id, id)))!.status;

describe("permanent changes are confirmed, with their consequence, without script", () => {
  it("completing: the first POST changes nothing and says what will happen; the second (confirm=yes) does it", async () => {
    const w = await world();
    const id = await w.schedule();
    await changeAuditStatus(w.db, w.actor, id, "confirmed", "");
    await changeAuditStatus(w.db, w.actor, id, "in_progress", "");
    await saveFindings(w.db, w.actor, id, checklist({ withholding_of_wages: { result: "major", description: "Wages held back for 2 months." }, deception: { result: "not_observed" } }), new Map());
    const events = (await w.db.select().from(auditEvents)).length;
    const ask = await w.act(id, { intent: "status", to: "completed", reason: "" });
    expect(ask.status).toBe(200);
    const body = (await ask.json()) as { ok: true; confirm: { to: string; consequence: string[] } };
    expect(body.confirm.to).toBe("completed");
    expect(body.confirm.consequence.join(" ")).toContain("This cannot be undone");
    expect(body.confirm.consequence.join(" ")).toContain("(1 major found, 1 indicator not observed)");
    expect(body.confirm.consequence.join(" ")).toContain("counts as a recent clean audit for 12 months, which lowers the score.");
    expect(await statusOf(w, id)).toBe("in_progress");
    expect(await w.db.select().from(auditEvents)).toHaveLength(events);
    const done = await w.act(id, { intent: "status", to: "completed", reason: "", confirm: "yes" });
    expect(done.status).toBe(302);
    expect(done.headers.get("Location")).toBe(`/audits/${id}?changed=status`);
    expect(await statusOf(w, id)).toBe("completed");
  });

  it("cancelling: the reason is asked at the first step, beside its field; the confirmation quotes it and names the team", async () => {
    const w = await world();
    const id = await w.schedule({ startsAt: localIn(3, "09:00"), endsAt: localIn(3, "12:00") });
    const refused = await w.act(id, { intent: "status", to: "cancelled", reason: " " });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.reason).toBe("Say why the audit is cancelled.");
    const ask = (await (await w.act(id, { intent: "status", to: "cancelled", reason: "workplace closed for a strike" })).json()) as { confirm: { consequence: string[]; reason: string } };
    expect(ask.confirm.reason).toBe("workplace closed for a strike");
    expect(ask.confirm.consequence.join(" ")).toContain(`freed for ${w.inspectorate.member.user.name}`);
    expect(ask.confirm.consequence.join(" ")).toContain('"workplace closed for a strike"');
    expect(await statusOf(w, id)).toBe("planned");
    expect((await w.act(id, { intent: "status", to: "cancelled", reason: "workplace closed for a strike", confirm: "yes" })).status).toBe(302);
    expect(await statusOf(w, id)).toBe("cancelled");
  });
});

describe("a completion says what it did to the score and why", () => {
  it("keeps the score before and after with the lines that moved, and the page shows it in words", async () => {
    const w = await world();
    const id = await w.schedule();
    await changeAuditStatus(w.db, w.actor, id, "confirmed", "");
    await changeAuditStatus(w.db, w.actor, id, "in_progress", "");
    await saveFindings(w.db, w.actor, id, checklist({ deception: { result: "not_observed" } }), new Map());
    const before = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.estate.id)))!.riskScore!;
    await w.act(id, { intent: "status", to: "completed", reason: "", confirm: "yes" });
    const after = firstRow(await w.db.select().from(suppliers).where(eq(suppliers.id, w.estate.id)))!.riskScore!;
    expect(after).toBeLessThan(before);
    const event = firstRow(await w.db.select().from(auditEvents).where(eq(auditEvents.toStatus, "completed")))!;
    const score = (event.details as { score: { from: number; to: number; because: { label: string; delta: number; value: string }[] } }).score;
    expect(score.from).toBe(Math.round(before * 10) / 10);
    expect(score.to).toBe(Math.round(after * 10) / 10);
    const clean = score.because.find((l) => l.value.includes(`audit #${id}`))!;
    expect(clean.delta).toBeLessThan(0);
    expect(clean.value).toContain("no critical findings");
    // The page after the redirect, and the history, say it from the stored event.
    const data = await w.page(id, "?changed=status");
    const kept = data.history.find((e) => e.toStatus === "completed")!;
    expect(kept.details).toHaveProperty("score.to", score.to);
    const { scoreChangeText } = await import("~/domain/audits/score-change");
    expect(scoreChangeText(score as never)).toMatch(new RegExp(`^score ${score.from.toFixed(1)} → ${score.to.toFixed(1)}.*: ${clean.label} −`));
  });
});

const windowOf = async (w: Awaited<ReturnType<typeof world>>, id: number) => firstRow(await w.db.select({ status: audits.status, startsAt: audits.startsAt, endsAt: audits.endsAt }).from(audits).where(eq(audits.id, id)))!;

describe("the lifecycle bends to the visit", () => {
  it("completed before its planned end, the visit ends then, and the clean-audit mitigation applies at once", async () => {
    const w = await world();
    const start = now - 3_600_000;
    const { localDateTime } = await import("~/domain/audits/local-time");
    const id = await w.schedule({ startsAt: localDateTime(start, ZONE), endsAt: localDateTime(now + 3 * 3_600_000, ZONE) });
    await startAuditNow(w.db, w.actor, id);
    const finished = Date.now();
    await changeAuditStatus(w.db, w.actor, id, "completed", "", { now: finished });
    expect((await windowOf(w, id)).endsAt.getTime()).toBe(finished);
    const event = firstRow(await w.db.select().from(auditEvents).where(eq(auditEvents.toStatus, "completed")))!;
    const score = (event.details as { score: { because: { delta: number; value: string }[] } }).score;
    expect(score.because.find((l) => l.value.includes(`audit #${id}`))!.delta).toBeLessThan(0);
  });

  it("start now: early on the audit's day moves the start to the real one; the day before is a reschedule; 'Mark in progress' still waits for the time", async () => {
    const w = await world();
    const id = await w.schedule({ startsAt: localIn(2, "09:00"), endsAt: localIn(2, "13:00") });
    const dayBefore = fromLocal(localIn(1, "16:00"), ZONE)!;
    await expect(async () => await startAuditNow(w.db, w.actor, id, { now: dayBefore })).rejects.toThrow(`The audit is planned for ${localIn(2, "09:00").slice(0, 10)}: it can be started early on that day.`);
    await changeAuditStatus(w.db, w.actor, id, "confirmed", "");
    await expect(async () => await changeAuditStatus(w.db, w.actor, id, "in_progress", "", { now: fromLocal(localIn(2, "08:20"), ZONE)! })).rejects.toThrow(/starts at its scheduled time/);
    expect((await windowOf(w, id)).status).toBe("confirmed");
    const arrived = fromLocal(localIn(2, "08:20"), ZONE)!;
    await startAuditNow(w.db, w.actor, id, { now: arrived });
    const row = await windowOf(w, id);
    expect(row.status).toBe("in_progress");
    expect(row.startsAt.getTime()).toBe(arrived);
    expect(row.endsAt.getTime()).toBe(fromLocal(localIn(2, "13:00"), ZONE));
    const event = firstRow(await w.db.select().from(auditEvents).where(eq(auditEvents.toStatus, "in_progress")))!;
    expect(event.reason).toBe(`started early, at ${localIn(2, "08:20").replace("T", " ")} (planned for ${localIn(2, "09:00").replace("T", " ")}), Kuala Lumpur time`);
    // Findings can now be recorded, as the visit goes on.
    await saveFindings(w.db, w.actor, id, checklist({ deception: { result: "minor", description: "Contract in a language the workers do not read." } }), new Map(), { now: arrived + 60_000 });
    expect(await w.db.select().from(findings)).toHaveLength(1);
  });

  it("start now after the window records the audit late through the page, keeping its planned window", async () => {
    const w = await world();
    const id = await w.schedule({ startsAt: localIn(-3, "09:00"), endsAt: localIn(-3, "12:00") });
    const planned = await windowOf(w, id);
    const answer = await w.act(id, { intent: "start" });
    expect(answer.status).toBe(302);
    const row = await windowOf(w, id);
    expect(row).toMatchObject({ status: "in_progress", startsAt: planned.startsAt, endsAt: planned.endsAt });
    expect(firstRow(await w.db.select().from(auditEvents).where(eq(auditEvents.toStatus, "in_progress")))!.reason).toMatch(/: recorded late$/);
    // Nothing to start twice.
    const again = await w.act(id, { intent: "start" });
    expect(again.status).toBe(400);
    expect(((await again.json()) as { errors: Record<string, string> }).errors.form).toBe("This audit is in progress: only a planned or confirmed audit can be started.");
  });

  it("planned audits past their time are flagged: overduePlannedAudits, and on the list's upcoming view; another inspectorate gets 404", async () => {
    const w = await world();
    const late = await w.schedule({ startsAt: localIn(-3, "09:00"), endsAt: localIn(-3, "12:00") });
    const ahead = await w.schedule({ startsAt: localIn(200, "09:00"), endsAt: localIn(200, "12:00"), type: "follow_up" });
    expect((await overduePlannedAudits(w.db, w.actor, w.inspectorate.org.id)).map((a) => [a.id, a.supplierName, a.status])).toEqual([[late, "Estate MY1", "planned"]]);
    const other = await makeOrgWithRoles(w.db, "inspectorate");
    expect((await responseOf(() => overduePlannedAudits(w.db, other.admin.actor, w.inspectorate.org.id))).status).toBe(404);
    const ctx = await contextFor(w.db, w.inspectorate.member.user.id, w.inspectorate.org.id);
    const list = (await auditsList.loader({ request: get("/audits"), context: ctx, params: {} })) as Awaited<ReturnType<typeof auditsList.loader>>;
    expect(list.rows.map((r) => [r.id, r.overdue])).toEqual([[late, true], [ahead, false]]);
    expect(list.overdue.map((a) => a.id)).toEqual([late]);
    // Started, it is no longer overdue.
    await startAuditNow(w.db, w.actor, late);
    expect(await overduePlannedAudits(w.db, w.actor, w.inspectorate.org.id)).toEqual([]);
  });

  it("a follow-up names the audit it follows, and that audit (page and report) names its follow-up", async () => {
    const w = await world();
    const first = await w.schedule({ startsAt: localIn(-20, "09:00"), endsAt: localIn(-20, "12:00") });
    await startAuditNow(w.db, w.actor, first);
    await changeAuditStatus(w.db, w.actor, first, "completed", "");
    // Scheduled by hand as a follow-up, without naming the audit: it follows the latest carried out.
    const second = await w.schedule({ type: "follow_up", startsAt: localIn(5, "09:00"), endsAt: localIn(5, "12:00") });
    expect(firstRow(await w.db.select({ f: audits.followUpOf }).from(audits).where(eq(audits.id, second)))!.f).toBe(first);
    expect((await auditDetail(w.db, w.actor, first)).followedUpBy.map((f) => [f.id, f.status])).toEqual([[second, "planned"]]);
    const report = await auditReportData(w.db, w.actor, first);
    expect(report.data.audit).toMatchObject({ followUpOf: null, followedUpBy: [second] });
  });

  it("a corrective action's due date is the inspector's choice within the rule's bounds; outside them it is refused beside the field", async () => {
    const w = await world();
    const id = await w.schedule();
    await startAuditNow(w.db, w.actor, id);
    await saveFindings(w.db, w.actor, id, checklist({ excessive_overtime: { result: "major", description: "14-hour shifts" } }), new Map());
    const finding = firstRow(await w.db.select().from(findings))!;
    const today = localDay(now, ZONE);
    const latest = addLocalDays(localDay(finding.recordedAt.getTime(), ZONE), DEFAULT_SETTINGS.majorDueDays);
    const actionId = await addCorrectiveAction(w.db, w.actor, finding.id, { description: "Cap shifts at 12 hours", owner: "supplier", dueOn: addLocalDays(today, 7) });
    expect(firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)))!.dueOn).toBe(addLocalDays(today, 7));
    const refuse = async (dueOn: string) => {
      const answer = await w.act(id, { intent: "add-action", findingId: String(finding.id), description: "Pay overtime", owner: "supplier", dueOn });
      expect(answer.status).toBe(400);
      const body = (await answer.json()) as { errors: Record<string, string>; values: Record<string, string> };
      expect(body.values).toMatchObject({ description: "Pay overtime", dueOn });
      return body.errors.dueOn;
    };
    expect(await refuse(addLocalDays(latest, 1))).toBe(`The inspectorate's rules allow at most until ${latest} for this finding; choose that date or an earlier one.`);
    expect(await refuse(addLocalDays(today, -1))).toBe(`The due date cannot be in the past; choose a date from ${today} to ${latest}.`);
    expect(await refuse("next week")).toBe('Enter the due date as a date (YYYY-MM-DD); got "next week".');
    expect(await w.db.select().from(correctiveActions)).toHaveLength(1);
    // Left empty, the rule's date.
    const ruled = await addCorrectiveAction(w.db, w.actor, finding.id, { description: "Pay overtime", owner: "supplier", dueOn: "" });
    expect(firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, ruled)))!.dueOn).toBe(latest);
  });
});

describe("findings one indicator at a time (a phone)", () => {
  it("saves the one indicator sent, leaves the others as they are, and goes on to the next; a photo from the camera is evidence like any file", async () => {
    const w = await world();
    const id = await w.schedule();
    await startAuditNow(w.db, w.actor, id);
    await saveFindings(w.db, w.actor, id, checklist({ deception: { result: "major", description: "False promises of pay." } }), new Map());
    const ctx = await contextFor(w.db, w.inspectorate.member.user.id, w.inspectorate.org.id);
    const [first, second] = INDICATORS;
    const page = (await findingsRoute.loader({ request: get(`/audits/${id}/findings?one=${first!.code}`), context: ctx, params: { auditId: String(id) } })) as Awaited<ReturnType<typeof findingsRoute.loader>>;
    expect(page.one).toBe(first!.code);
    const form = new FormData();
    form.set(`result.${first!.code}`, "critical");
    form.set(`description.${first!.code}`, "Workers may not leave the compound.");
    form.set(`workers.${first!.code}`, "6");
    // A JPEG as a phone's camera sends it.
    form.append(`evidence.${first!.code}`, new Blob([Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46])], { type: "image/jpeg" }), "image.jpg");
    form.set("next", second!.code);
    const answer = await responseOf(() => findingsRoute.action({ request: new Request(`http://localhost/audits/${id}/findings?one=${first!.code}`, { method: "POST", body: form }), context: { ...ctx, uploads: { ...ctx.uploads, dir: `tests/.tmp/uploads-one-${process.pid}` } }, params: { auditId: String(id) } }));
    expect(answer.status).toBe(302);
    expect(answer.headers.get("Location")).toBe(`/audits/${id}/findings?one=${second!.code}`);
    const rows = await w.db.select({ indicator: findings.indicator, result: findings.result }).from(findings).orderBy(findings.indicator);
    expect(rows).toEqual([{ indicator: "deception", result: "major" }, { indicator: first!.code, result: "critical" }].sort((a, b) => a.indicator.localeCompare(b.indicator)));
    const photo = await rawAll<{ mime: string }>(w.db, `select mime from evidence`);
    expect(photo).toEqual([{ mime: "image/jpeg" }]);
  });
});

describe("scoreChangeText", () => {
  it("names a line whose input changed even when the score kept, and says when nothing changed", async () => {
    const { explainScoreChange, scoreChangeText } = await import("~/domain/audits/score-change");
    const line = (value: string, contribution: number) => ({ code: "mitigation.recent_audit_clean", label: "Recent clean audit", layer: "mitigation" as const, value, weight: 5, contribution, known: true, sources: [] });
    const before = { score: 86.94, band: "critical", factors: [line("audit #1 of 2026-09-18, no critical findings", -5)] };
    expect(scoreChangeText(explainScoreChange(before, { ...before, factors: [line("audit #4 of 2026-12-02, no critical findings", -5)] }))).toBe("score unchanged at 86.9: Recent clean audit ±0.0 (audit #4 of 2026-12-02, no critical findings)");
    expect(scoreChangeText(explainScoreChange(before, before))).toBe("score unchanged at 86.9: nothing in its breakdown depends on this change");
    expect(scoreChangeText(explainScoreChange({ ...before, factors: [] }, { score: 81.94, band: "high", factors: [line("audit #4", -5)] }))).toBe("score 86.9 → 81.9 (critical → high): Recent clean audit −5.0 (audit #4)");
  });
});
