/**
 * The audit lifecycle as an inspector lives it (issue 17): permanent changes confirmed first with
 * their consequence, and a completion that says what it did to the score and why.
 */
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditEvents, audits, shares, suppliers } from "#db/schema";
import { saveFindings, type FindingInput } from "~/domain/audits/findings.server";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { changeAuditStatus, scheduleAudit, type ScheduleInput } from "~/domain/audits/scheduling.server";
import { updateSettings, DEFAULT_SETTINGS } from "~/domain/audits/settings.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import * as auditRoute from "~/routes/audits.$auditId";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { firstRow, onlyRow, rawRun } from "../../db/client";

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
    expect(body.confirm.consequence.join(" ")).toContain("counts as a recent clean audit for 12 months");
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
