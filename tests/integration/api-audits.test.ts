/**
 * Audits, findings and corrective actions over the API (issue 22, decision 037), on both engines,
 * with the webhook events "finding.recorded" and "corrective_action.overdue" (decision 038). Every
 * answer goes through tests/support/api.ts, which checks it against the OpenAPI document.
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, correctiveActions, shares, suppliers, webhookDeliveries } from "#db/schema";
import { databaseLocation, firstRow, onlyRow, rawGet, rawRun } from "#db/client";
import { addCorrectiveAction } from "~/domain/audits/corrective-actions.server";
import { addLocalDays, localDay } from "~/domain/audits/local-time";
import { announceOverdueActions } from "~/domain/audits/overdue-actions.server";
import { JobRunner } from "~/domain/jobs/runner.server";
import { changeAuditStatus, scheduleAudit, type ScheduleInput } from "~/domain/audits/scheduling.server";
import { DEFAULT_SETTINGS, updateSettings } from "~/domain/audits/settings.server";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { createSubscription } from "~/domain/webhooks/subscriptions.server";
import type { WebhookEvent } from "~/domain/webhooks/events";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { apiClient, apiFetch, tokenFor } from "../support/api";

const ZONE = "Asia/Kuala_Lumpur";
const now = Date.now();
const localIn = (days: number, time: string) => `${addLocalDays(localDay(now, ZONE), days)}T${time}`;

/** A company sharing an estate with an inspectorate, which audits it; API clients for both. */
async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  await rawRun(db, `update organisations set jurisdictions = '["MY"]' where id = ?`, inspectorate.org.id);
  await updateSettings(db, inspectorate.admin.actor, inspectorate.org.id, { ...DEFAULT_SETTINGS, timeZone: ZONE }, null);
  const estate = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "MY1", name: "Estate MY1", country: "MY", sector: "Agriculture", products: ["Palm oil"], indicators: {} }).returning());
  // A second workplace: audits of one workplace must be months apart (scheduling rules).
  const estate2 = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "MY2", name: "Estate MY2", country: "MY", sector: "Agriculture", products: ["Palm oil"], indicators: {} }).returning());
  await scoreOrganisation(db, company.org.id, { cause: "test" });
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: inspectorate.org.id, scope: ["identity", "scores", "indicators", "audits"], filter: {} });
  const actor = inspectorate.member.actor;
  const schedule = async (over: Partial<ScheduleInput> = {}) =>
    await scheduleAudit(db, actor, { supplierId: estate.id, type: "announced", startsAt: localIn(-1, "09:00"), endsAt: localIn(-1, "13:00"), leadInspectorId: actor.user.id, teamIds: [], notes: "", ...over });
  /** An audit under way: findings may be recorded. */
  const started = async (over: Partial<ScheduleInput> = {}) => {
    const id = await schedule(over);
    await changeAuditStatus(db, actor, id, "confirmed", "");
    await changeAuditStatus(db, actor, id, "in_progress", "");
    return id;
  };
  const harness = apiFetch(db);
  const inspector = apiClient(harness, await tokenFor(db, inspectorate.admin.actor, { audits: "write" }));
  const buyer = apiClient(harness, await tokenFor(db, company.admin.actor, { audits: "write" }));
  const subscribe = async (orgAdmin: typeof company.admin, events: WebhookEvent[]) =>
    await createSubscription(db, orgAdmin.actor, orgAdmin.actor.membership!.orgId, { url: "http://127.0.0.1:9/hook", events, allowPrivate: true }, null);
  return { db, company, inspectorate, estate, estate2, actor, schedule, started, inspector, buyer, subscribe };
}

type World = Awaited<ReturnType<typeof world>>;

const finding = (w: World, auditId: number, body: { indicator: string; result: "not_observed" | "minor" | "major" | "critical"; description?: string; workersInterviewed?: number | null }) =>
  w.inspector.POST("/audits/{auditId}/findings", { params: { path: { auditId } }, body: body as never });

const actionsLogged = async (w: World, action: string) => (await w.db.select().from(auditLog).where(eq(auditLog.action, action))).length;

describe("audits over the API", () => {
  it("lists, reads, records a finding and moves its corrective action, as the pages do, for each side", async () => {
    const w = await world();
    const id = await w.started();
    const later = await w.schedule({ supplierId: w.estate2.id, startsAt: localIn(5, "09:00"), endsAt: localIn(5, "12:00") });

    const list = await w.inspector.GET("/audits");
    expect(list.data!.data.map((a) => [a.id, a.status, a.supplierName])).toEqual([
      [id, "in_progress", "Estate MY1"],
      [later, "planned", "Estate MY2"],
    ]);
    expect(list.data!.nextCursor).toBeNull();
    const first = await w.inspector.GET("/audits", { params: { query: { limit: 1 } } });
    expect(first.data!.data.map((a) => a.id)).toEqual([id]);
    const second = await w.inspector.GET("/audits", { params: { query: { limit: 1, cursor: first.data!.nextCursor! } } });
    expect(second.data!.data.map((a) => a.id)).toEqual([later]);
    expect((await w.inspector.GET("/audits", { params: { query: { status: "planned" } } })).data!.data.map((a) => a.id)).toEqual([later]);
    expect((await w.inspector.GET("/audits", { params: { query: { scheduledFrom: new Date(now).toISOString() } } })).data!.data.map((a) => a.id)).toEqual([later]);
    expect((await w.inspector.GET("/audits", { params: { query: { supplierId: w.estate2.id } } })).data!.data.map((a) => a.id)).toEqual([later]);
    expect((await w.inspector.GET("/audits", { params: { query: { supplierId: w.estate2.id + 1000 } } })).data!.data).toEqual([]);

    // Recording: the findings page's save (its activity-log entry and rescoring).
    const logged = await actionsLogged(w, "finding.recorded");
    const recorded = await finding(w, id, { indicator: "withholding_of_wages", result: "major", description: "Wages held back for two months.", workersInterviewed: 12 });
    expect(recorded.response.status).toBe(201);
    expect(recorded.data).toMatchObject({ indicator: "withholding_of_wages", result: "major", workersInterviewed: 12, evidence: [] });
    expect(await actionsLogged(w, "finding.recorded")).toBe(logged + 1);
    expect(await rawGet(w.db, `select 1 from risk_scores where entity_id = ? and cause = ?`, w.estate.id, `findings of audit #${id}`)).toBeDefined();
    const actionId = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "Pay the wages held back.", owner: "company" });

    const audit = await w.inspector.GET("/audits/{auditId}", { params: { path: { auditId: id } } });
    expect(audit.data).toMatchObject({ id, status: "in_progress", supplierName: "Estate MY1", companyName: w.company.org.name, inspectorateName: w.inspectorate.org.name });
    expect(audit.data!.findings.map((f) => f.indicator)).toEqual(["withholding_of_wages"]);
    expect(audit.data!.correctiveActions).toEqual([expect.objectContaining({ id: actionId, findingId: recorded.data!.id, status: "open", overdue: false })]);

    // The company sees the same audit, as its audit page shows it.
    const seen = await w.buyer.GET("/audits/{auditId}", { params: { path: { auditId: id } } });
    expect(seen.data!.findings.map((f) => f.id)).toEqual([recorded.data!.id]);
    expect((await w.buyer.GET("/audits")).data!.data.map((a) => a.id)).toEqual([id, later]);

    // The company answers; the inspectorate verifies it closed.
    const answered = await w.buyer.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "submitted", response: "Wages paid on 3 December." } });
    expect(answered.data).toMatchObject({ id: actionId, status: "submitted" });
    const closed = await w.inspector.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "verified_closed", note: "Payslips checked." } });
    expect(closed.data).toMatchObject({ id: actionId, status: "verified_closed" });
    expect(await actionsLogged(w, "corrective_action.answered")).toBe(1);
    expect(await actionsLogged(w, "corrective_action.verified")).toBe(1);
    expect((await w.buyer.GET("/audits")).data!.data.find((a) => a.id === id)).toMatchObject({ findings: 1, openActions: 0 });
  });

  it("answers another organisation's audit or action exactly as a missing one, and hides an unannounced audit from the company until it starts", async () => {
    const w = await world();
    const id = await w.started();
    const recorded = await finding(w, id, { indicator: "deception", result: "minor", description: "Contract in a language the worker cannot read." });
    const actionId = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "Contracts in the workers' languages.", owner: "company" });
    const stranger = await makeOrgWithRoles(w.db, "inspectorate");
    const harness = apiFetch(w.db);
    const other = apiClient(harness, await tokenFor(w.db, stranger.admin.actor, { audits: "write" }));
    const pairs = [
      [await other.GET("/audits/{auditId}", { params: { path: { auditId: id } } }), await other.GET("/audits/{auditId}", { params: { path: { auditId: 999_999 } } })],
      [await other.POST("/audits/{auditId}/findings", { params: { path: { auditId: id } }, body: { indicator: "deception", result: "critical", description: "x" } }), await other.POST("/audits/{auditId}/findings", { params: { path: { auditId: 999_999 } }, body: { indicator: "deception", result: "critical", description: "x" } })],
      [await other.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "verified_closed" } }), await other.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId: 999_999 } }, body: { status: "verified_closed" } })],
    ];
    for (const [foreign, missing] of pairs) {
      expect(foreign!.response.status).toBe(404);
      expect(foreign!.error).toEqual(missing!.error);
    }
    expect((await other.GET("/audits")).data!.data).toEqual([]);
    expect(firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)))!.status).toBe("open");

    // Unannounced and not yet started: nothing for the company, in the list or by id.
    const secret = await w.schedule({ supplierId: w.estate2.id, type: "unannounced", startsAt: localIn(4, "09:00"), endsAt: localIn(4, "12:00") });
    expect((await w.buyer.GET("/audits")).data!.data.map((a) => a.id)).toEqual([id]);
    const hidden = await w.buyer.GET("/audits/{auditId}", { params: { path: { auditId: secret } } });
    expect(hidden.error).toEqual((await w.buyer.GET("/audits/{auditId}", { params: { path: { auditId: 999_999 } } })).error);
    // A company does not record findings: its page has no such form.
    expect((await w.buyer.POST("/audits/{auditId}/findings", { params: { path: { auditId: id } }, body: { indicator: "deception", result: "critical", description: "x" } })).response.status).toBe(404);
  });

  it("refuses bad input with a 400 naming the field, and writes nothing", async () => {
    const w = await world();
    const id = await w.started();
    const fields = async (call: Promise<{ error?: { status: number; errors?: { field: string }[] } }>) => {
      const { error } = await call;
      expect(error?.status).toBe(400);
      return error!.errors!.map((e) => e.field).sort();
    };
    expect(await fields(finding(w, id, { indicator: "nope", result: "major", description: "x" }))).toEqual(["indicator"]);
    expect(await fields(finding(w, id, { indicator: "deception", result: "bad" as never }))).toEqual(["result"]);
    expect(await fields(finding(w, id, { indicator: "deception", result: "major", workersInterviewed: -1 }))).toEqual(["workersInterviewed"]);
    expect(await fields(w.inspector.POST("/audits/{auditId}/findings", { params: { path: { auditId: id } }, body: { indicator: "deception", result: "minor", description: "x", colour: "red" } as never }))).toEqual(["colour"]);
    // The findings page's own check (an observed finding is described), named by the API's field.
    const undescribed = await finding(w, id, { indicator: "deception", result: "major" });
    expect(undescribed.error!.errors).toEqual([{ field: "description", message: expect.stringContaining("describe what was found") as string }]);
    // An audit not under way takes no findings (the page's refusal, of the whole body).
    const planned = await w.schedule({ supplierId: w.estate2.id, startsAt: localIn(5, "09:00"), endsAt: localIn(5, "12:00") });
    expect(await fields(finding(w, planned, { indicator: "deception", result: "minor", description: "x" }))).toEqual(["body"]);
    expect(await fields(w.inspector.GET("/audits", { params: { query: { status: "done" as never, scheduledFrom: "yesterday" } } }))).toEqual(["scheduledFrom", "status"]);
    expect((await w.inspector.GET("/audits/{auditId}", { params: { path: { auditId: id } } })).data!.findings).toEqual([]);

    const recorded = await finding(w, id, { indicator: "deception", result: "minor", description: "Contract in a language the worker cannot read." });
    const actionId = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "Contracts in the workers' languages.", owner: "company" });
    // Only a submitted action is verified; each side writes its own text.
    expect(await fields(w.inspector.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "verified_closed" } }))).toEqual(["status"]);
    expect(await fields(w.inspector.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "in_progress", response: "done" } }))).toEqual(["response"]);
    expect(await fields(w.buyer.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "submitted", note: "done" } }))).toEqual(["note"]);
    expect(await fields(w.buyer.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "submitted" } }))).toEqual(["response"]);
    expect(await fields(w.buyer.PATCH("/corrective-actions/{actionId}", { params: { path: { actionId } }, body: { status: "open" as never } }))).toEqual(["status"]);
    expect(firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)))!.status).toBe("open");
  });
});

describe("webhook events", () => {
  const deliveries = async (w: World, type: string) => (await w.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, type))).map((d) => ({ orgId: d.orgId, payload: JSON.parse(d.payload) as { type: string; data: Record<string, Record<string, unknown>> } }));

  it("writes finding.recorded with the finding, to the inspectorate and the audited company; nothing when nobody subscribes or nothing changed", async () => {
    const w = await world();
    const id = await w.started();
    await finding(w, id, { indicator: "deception", result: "minor", description: "Contract in a language the worker cannot read." });
    expect(await w.db.select().from(webhookDeliveries)).toEqual([]);

    await w.subscribe(w.inspectorate.admin, ["finding.recorded"]);
    await w.subscribe(w.company.admin, ["finding.recorded", "score.band_changed"]);
    const recorded = await finding(w, id, { indicator: "withholding_of_wages", result: "critical", description: "No wages for three months." });
    const written = await deliveries(w, "finding.recorded");
    expect(written.map((d) => d.orgId).sort()).toEqual([w.company.org.id, w.inspectorate.org.id].sort());
    for (const d of written) {
      expect(d.payload.data).toEqual({ audit: { id, supplierId: w.estate.id }, finding: { id: recorded.data!.id, indicator: "withholding_of_wages", result: "critical", previousResult: null } });
    }
    // The same finding again changes nothing: no event.
    await finding(w, id, { indicator: "withholding_of_wages", result: "critical", description: "No wages for three months." });
    expect(await deliveries(w, "finding.recorded")).toHaveLength(2);
  });

  it("writes corrective_action.overdue once per action when it falls due while open, across ticks and racing sweeps; never for a closed one", async () => {
    const w = await world();
    const id = await w.started();
    const recorded = await finding(w, id, { indicator: "deception", result: "major", description: "False promises." });
    const open = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "True contracts.", owner: "company" });
    const closed = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "Retrain recruiters.", owner: "supplier" });
    const notYet = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "Publish the policy.", owner: "company" });
    const yesterday = addLocalDays(localDay(now, ZONE), -1);
    await w.db.update(correctiveActions).set({ dueOn: yesterday }).where(eq(correctiveActions.id, open));
    await w.db.update(correctiveActions).set({ dueOn: yesterday, status: "verified_closed" }).where(eq(correctiveActions.id, closed));
    await w.subscribe(w.inspectorate.admin, ["corrective_action.overdue"]);

    // Two processes sweeping at once, then the next tick: one event.
    const [a, b] = await Promise.all([announceOverdueActions(w.db, now), announceOverdueActions(w.db, now)]);
    expect([...a!, ...b!]).toEqual([open]);
    expect(await announceOverdueActions(w.db, now + 60_000)).toEqual([]);
    const written = await deliveries(w, "corrective_action.overdue");
    expect(written).toHaveLength(1);
    expect(written[0]).toMatchObject({ orgId: w.inspectorate.org.id, payload: { type: "corrective_action.overdue", data: { correctiveAction: { id: open, auditId: id, dueOn: yesterday, status: "open" }, finding: { indicator: "deception", result: "major" } } } });
    const row = async (actionId: number) => firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, actionId)))!;
    expect((await row(open)).overdueNotifiedAt).not.toBeNull();
    expect((await row(closed)).overdueNotifiedAt).toBeNull();
    expect((await row(notYet)).overdueNotifiedAt).toBeNull();

    // Claimed also when nobody listens (no backlog for a later subscriber), and nothing written.
    await w.db.update(correctiveActions).set({ dueOn: yesterday }).where(eq(correctiveActions.id, notYet));
    await w.db.delete(webhookDeliveries);
    await rawRun(w.db, `update webhook_subscriptions set disabled_at = ?`, new Date(now));
    expect(await announceOverdueActions(w.db, now)).toEqual([notYet]);
    expect(await w.db.select().from(webhookDeliveries).where(and(eq(webhookDeliveries.eventType, "corrective_action.overdue")))).toEqual([]);
  });

  it("is found by the job runner's tick: two runners (two processes' connections) on one database write it once", async () => {
    const w = await world();
    const id = await w.started();
    const recorded = await finding(w, id, { indicator: "deception", result: "major", description: "False promises." });
    const open = await addCorrectiveAction(w.db, w.actor, recorded.data!.id, { description: "True contracts.", owner: "company" });
    await w.db.update(correctiveActions).set({ dueOn: addLocalDays(localDay(now, ZONE), -1) }).where(eq(correctiveActions.id, open));
    await w.subscribe(w.company.admin, ["corrective_action.overdue"]);
    const runners = [new JobRunner(databaseLocation(w.db), 1), new JobRunner(databaseLocation(w.db), 1)];
    try {
      const claimed = async () => firstRow(await w.db.select().from(correctiveActions).where(eq(correctiveActions.id, open)))!.overdueNotifiedAt;
      for (let i = 0; i < 3; i++) for (const r of runners) r.tick();
      for (let waited = 0; !(await claimed()) && waited < 10_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
      // Both runners' first sweeps have run (or run now): give the slower one time to finish.
      await new Promise((resolve) => setTimeout(resolve, 500));
      for (const r of runners) r.tick();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await claimed()).not.toBeNull();
      const written = await w.db.select().from(webhookDeliveries).where(eq(webhookDeliveries.eventType, "corrective_action.overdue"));
      expect(written.map((d) => d.orgId)).toEqual([w.company.org.id]);
    } finally {
      for (const r of runners) r.stop();
      for (const r of runners) {
        await r.idle();
        await r.close();
      }
    }
  });
});
