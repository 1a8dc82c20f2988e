/**
 * The organisations' work on a grievance case (decision 028), on a real database: who may do what
 * (lead organisation, other recipients, the company, an organisation the case never reached),
 * forwarding only within the worker's consent, escalation after the due time (once, whoever
 * sweeps), and what the worker reads of it all (messages to them, never notes).
 */
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog, grievanceEvents, grievanceRecipients, grievances, organisations, shares, supportServices, suppliers } from "#db/schema";
import {
  assignCase,
  closeCase,
  companyAnswer,
  forwardCase,
  messageOnCase,
  recordFinding,
  referToService,
  showContact,
  triageCase,
} from "~/domain/grievances/cases.server";
import { CasePageSchema } from "~/domain/grievances/cases.schemas";
import { createChannel } from "~/domain/grievances/channels.server";
import { submitGrievance, type IntakeInput } from "~/domain/grievances/intake.server";
import { channelByToken } from "~/domain/grievances/routing.server";
import { runGrievanceSweeps } from "~/domain/grievances/sweeps.server";
import { caseFor, workerCase } from "~/domain/grievances/views.server";
import { onlyRow } from "../../db/client";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { contextFor, get, post, responseOf } from "../support/routes";
import { action as caseAction, loader as caseLoader } from "../../app/routes/grievances.$grievanceId";
import { loader as listLoader } from "../../app/routes/grievances._index";

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 2, 9);

const base: IntakeInput = {
  categories: ["overtime"],
  since: "2026-09",
  peopleCount: 30,
  description: "We work 14 hours a day and cannot refuse.",
  workplaceText: null,
  country: null,
  consent: ["union", "inspectorate", "company"],
  textToCompany: true,
  contact: "+60 12 000 1111",
  language: "ne",
};

async function world() {
  const db = createTestDb();
  const company = await makeOrgWithRoles(db, "company");
  const union = await makeOrgWithRoles(db, "union");
  const inspectorate = await makeOrgWithRoles(db, "inspectorate");
  const otherUnion = await makeOrgWithRoles(db, "union");
  await db.update(organisations).set({ jurisdictions: ["MY"] }).where(eq(organisations.id, inspectorate.org.id));
  const large = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "L1", name: "Factory L1", country: "MY", workersTotal: 400 }).returning());
  const small = onlyRow(await db.insert(suppliers).values({ orgId: company.org.id, externalId: "S1", name: "Factory S1", country: "MY", workersTotal: 6 }).returning());
  await db.insert(shares).values({ fromOrgId: company.org.id, toOrgId: union.org.id, scope: ["identity", "scores"], filter: {} });
  const channelFor = async (supplierId: number) => (await channelByToken(db, (await createChannel(db, company.member.actor, { supplierId, country: null })).token))!;
  const report = async (input: Partial<IntakeInput> = {}, supplierId = large.id, now = T0) => submitGrievance(db, { channel: await channelFor(supplierId), input: { ...base, ...input }, ip: "198.51.100.20" }, now);
  return { db, company, union, inspectorate, otherUnion, large, small, report };
}

const eventsOf = async (db: ReturnType<typeof createTestDb>, id: number) => db.select().from(grievanceEvents).where(eq(grievanceEvents.grievanceId, id)).orderBy(grievanceEvents.id);

describe("case work, per party", () => {
  it("lets the lead union triage, assign, write, record the finding and close; refuses the others", async () => {
    const w = await world();
    const r = await w.report();
    const union = w.union.member.actor;
    await triageCase(w.db, union, r.id, { severity: "high", urgent: false, indicators: ["excessive_overtime", "intimidation_threats"] }, T0 + 1000);
    let row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(row).toMatchObject({ status: "triaged", severity: "high", indicators: ["excessive_overtime", "intimidation_threats"] });
    expect(row.updatedAt?.getTime()).toBe(T0 + 1000);
    await expect(triageCase(w.db, union, r.id, { severity: "low", urgent: false, indicators: ["not_an_indicator"] })).rejects.toMatchObject({ name: "Invalid", field: "indicators", message: "grievances:case.errors.indicator" });

    // The company cannot triage (no permission), nor can a union the case never reached (404), nor a viewer.
    await expect(triageCase(w.db, w.company.admin.actor, r.id, { severity: "low", urgent: false, indicators: [] })).rejects.toMatchObject({ name: "NotFound" });
    await expect(triageCase(w.db, w.otherUnion.admin.actor, r.id, { severity: "low", urgent: false, indicators: [] })).rejects.toMatchObject({ name: "NotFound" });
    await expect(triageCase(w.db, w.union.viewer.actor, r.id, { severity: "low", urgent: false, indicators: [] })).rejects.toMatchObject({ name: "Forbidden" });

    // Assign: a member of the lead organisation; another organisation's user is refused.
    await assignCase(w.db, union, r.id, w.union.admin.user.id);
    await expect(assignCase(w.db, union, r.id, w.inspectorate.admin.user.id)).rejects.toMatchObject({ name: "Invalid", field: "assigneeId", message: "grievances:case.errors.assignee" });
    expect(onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id))).assigneeId).toBe(w.union.admin.user.id);

    await messageOnCase(w.db, union, r.id, { audience: "worker", body: "We have your report and will visit on Monday." });
    await messageOnCase(w.db, union, r.id, { audience: "org", body: "Internal: the shift lead is our member." });
    await messageOnCase(w.db, union, r.id, { audience: "parties", body: "Inspectorate: please join the visit." });
    expect(onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id))).status).toBe("in_progress");

    await expect(recordFinding(w.db, union, r.id, { finding: "substantiated", indicators: [] })).rejects.toMatchObject({ field: "indicators" });
    await recordFinding(w.db, union, r.id, { finding: "substantiated", indicators: ["excessive_overtime"] }, T0 + 5 * DAY);
    row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(row.finding).toBe("substantiated");
    expect(row.findingAt?.getTime()).toBe(T0 + 5 * DAY);

    await closeCase(w.db, union, r.id, "Overtime capped at 2 hours a day; back pay for September.", T0 + 6 * DAY);
    row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(row).toMatchObject({ status: "closed", remedy: "Overtime capped at 2 hours a day; back pay for September." });
    expect(row.closedAt?.getTime()).toBe(T0 + 6 * DAY);
    // Closed: no more changes.
    await expect(messageOnCase(w.db, union, r.id, { audience: "worker", body: "again" })).rejects.toMatchObject({ name: "Conflict" });

    const actions = (await w.db.select().from(auditLog).where(and(eq(auditLog.targetType, "grievance"), eq(auditLog.targetId, String(r.id))))).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["grievance.triaged", "grievance.assigned", "grievance.answered", "grievance.finding_recorded", "grievance.closed"]));
  });

  it("lets a recipient that does not lead write and forward, but not triage or close", async () => {
    const w = await world();
    // Documents taken: urgent, the inspectorate receives it beside the union (which leads).
    const r = await w.report({ categories: ["documents_taken"] });
    const inspector = w.inspectorate.member.actor;
    await expect(triageCase(w.db, inspector, r.id, { severity: "critical", urgent: true, indicators: [] })).rejects.toMatchObject({ name: "Forbidden" });
    await expect(closeCase(w.db, inspector, r.id, "done")).rejects.toMatchObject({ name: "Forbidden" });
    await messageOnCase(w.db, inspector, r.id, { audience: "worker", body: "The inspectorate has your case." });
    // The company was allowed by the worker and has not received it: forwarding adds it.
    const f = await forwardCase(w.db, inspector, r.id, "company");
    expect(f.forwardedTo).toEqual([w.company.org.name]);
    await expect(forwardCase(w.db, inspector, r.id, "company")).rejects.toMatchObject({ name: "Invalid", field: "party", message: "grievances:case.errors.nobodyToForward" });
    const view = await caseFor(w.db, w.company.viewer.actor, r.id);
    expect(view.party).toBe("company");
    expect(view.hasContact).toBe(false);
    // Reached, the company still cannot triage, forward or close: it answers.
    await expect(triageCase(w.db, w.company.admin.actor, r.id, { severity: "low", urgent: false, indicators: [] })).rejects.toMatchObject({ name: "Forbidden" });
    await expect(forwardCase(w.db, w.company.admin.actor, r.id, "union")).rejects.toMatchObject({ name: "Forbidden" });
    await expect(closeCase(w.db, w.company.admin.actor, r.id, "done")).rejects.toMatchObject({ name: "Forbidden" });
    await expect(showContact(w.db, w.company.admin.actor, r.id)).rejects.toMatchObject({ name: "Forbidden" });
    expect(await showContact(w.db, inspector, r.id)).toBe(base.contact);
  });

  it("refuses to forward to a party outside the worker's consent", async () => {
    const w = await world();
    const r = await w.report({ consent: ["union"] });
    await expect(forwardCase(w.db, w.union.member.actor, r.id, "inspectorate")).rejects.toMatchObject({ name: "Invalid", field: "party", message: "grievances:case.errors.notConsented" });
    await expect(forwardCase(w.db, w.union.member.actor, r.id, "company")).rejects.toMatchObject({ name: "Invalid", message: "grievances:case.errors.notConsented" });
    // The inspectorate never received it: it cannot read it.
    await expect(caseFor(w.db, w.inspectorate.admin.actor, r.id)).rejects.toMatchObject({ name: "NotFound" });
    expect((await w.db.select().from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, r.id))).map((x) => x.party)).toEqual(["union"]);
  });

  it("lets the company answer with a remedy (large workplace), never act on a small workplace's case, and not message as a handler", async () => {
    const w = await world();
    const r = await w.report({ consent: ["company"] });
    await expect(messageOnCase(w.db, w.company.admin.actor, r.id, { audience: "worker", body: "hi" })).rejects.toMatchObject({ name: "Forbidden" });
    await expect(companyAnswer(w.db, w.union.admin.actor, r.id, { body: "x", remedy: "y" })).rejects.toMatchObject({ name: "NotFound" });
    await expect(companyAnswer(w.db, w.company.viewer.actor, r.id, { body: "x", remedy: "y" })).rejects.toMatchObject({ name: "Forbidden" });
    await companyAnswer(w.db, w.company.member.actor, r.id, { body: "We have stopped compulsory overtime.", remedy: "Overtime is voluntary and paid at 1.5x from 1 December." });
    expect(onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id))).status).toBe("answered");

    const s = await w.report({ consent: ["company", "union"] }, w.small.id);
    // The union leads; forwarding to the small workplace's company is allowed (it will only see counts)...
    await forwardCase(w.db, w.union.member.actor, s.id, "company");
    // ...and the company still cannot open or answer the case itself.
    await expect(caseFor(w.db, w.company.admin.actor, s.id)).rejects.toMatchObject({ name: "NotFound" });
    await expect(companyAnswer(w.db, w.company.admin.actor, s.id, { body: "x", remedy: "y" })).rejects.toMatchObject({ name: "NotFound" });
  });

  it("refers the worker to a current support service of the case's country only", async () => {
    const w = await world();
    const r = await w.report();
    const svc = (country: string, retiredAt: Date | null) =>
      w.db.insert(supportServices).values({ country, kind: "hotline", name: `Hotline ${country}`, phone: "+60 3 1234 5678", url: "https://example.org/help", source: "https://example.org/list", verifiedAt: new Date(T0), retiredAt }).returning();
    const my = onlyRow(await svc("MY", null));
    const th = onlyRow(await svc("TH", null));
    const retired = onlyRow(await svc("MY", new Date(T0)));
    await expect(referToService(w.db, w.union.member.actor, r.id, th.id)).rejects.toMatchObject({ name: "Invalid", field: "serviceId" });
    await expect(referToService(w.db, w.union.member.actor, r.id, retired.id)).rejects.toMatchObject({ name: "Invalid", field: "serviceId" });
    await referToService(w.db, w.union.member.actor, r.id, my.id);
    const referral = (await eventsOf(w.db, r.id)).find((e) => e.type === "referral")!;
    expect(referral.audience).toBe("worker");
    expect(referral.data).toMatchObject({ name: "Hotline MY", phone: "+60 3 1234 5678", url: "https://example.org/help" });
    // The worker is the one to call it: the worker's page carries who, what kind and how to reach them, nothing else of the event.
    const view = await workerCase(w.db, r.caseCode, r.secret, "203.0.113.51");
    const seen = view.timeline.find((e) => e.type === "referral")!;
    expect(seen).toMatchObject({ party: "union", referral: { name: "Hotline MY", kind: "hotline", phone: "+60 3 1234 5678", url: "https://example.org/help" } });
    expect(Object.keys(seen)).not.toContain("data");
    expect(JSON.stringify(view)).not.toContain(`"serviceId"`);
  });
});

describe("escalation", () => {
  it("escalates an unanswered case after its due time, once, and adds the inspectorate the worker allowed", async () => {
    const w = await world();
    const r = await w.report(); // overtime: not urgent, union only, due in 7 days
    const answered = await w.report();
    await messageOnCase(w.db, w.union.member.actor, answered.id, { audience: "worker", body: "Answered." }, T0 + DAY);
    // A note is not an answer.
    await messageOnCase(w.db, w.union.member.actor, r.id, { audience: "org", body: "Call the shop steward." }, T0 + DAY);

    expect((await runGrievanceSweeps(w.db, T0 + 6 * DAY)).escalated).toEqual([]);
    expect((await runGrievanceSweeps(w.db, T0 + 8 * DAY)).escalated).toEqual([r.id]);
    // Twice, or from a second process: nothing more.
    const [again, other] = await Promise.all([runGrievanceSweeps(w.db, T0 + 9 * DAY), runGrievanceSweeps(w.db, T0 + 9 * DAY)]);
    expect([...again.escalated, ...other.escalated]).toEqual([]);

    const row = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(row.escalatedAt?.getTime()).toBe(T0 + 8 * DAY);
    const recipients = await w.db.select().from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, r.id));
    expect(recipients.map((x) => [x.party, x.reason])).toEqual([
      ["union", "first"],
      ["inspectorate", "escalated"],
    ]);
    expect((await eventsOf(w.db, r.id)).filter((e) => e.type === "escalated").map((e) => e.audience)).toEqual(["parties"]);
    expect(onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, answered.id))).escalatedAt).toBeNull();
    // The inspectorate reads it now.
    expect((await caseFor(w.db, w.inspectorate.member.actor, r.id)).escalatedAt?.getTime()).toBe(T0 + 8 * DAY);
  });

  it("escalates a retaliation report after two days, without adding an inspectorate the worker did not allow", async () => {
    const w = await world();
    const r = await w.report({ categories: ["retaliation"], consent: ["union"] });
    expect((await runGrievanceSweeps(w.db, T0 + DAY)).escalated).toEqual([]);
    expect((await runGrievanceSweeps(w.db, T0 + 3 * DAY)).escalated).toEqual([r.id]);
    expect((await w.db.select().from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, r.id))).map((x) => x.party)).toEqual(["union"]);
  });
});

describe("what the worker reads", () => {
  it("shows the worker the messages, the company's answer and the closing, never notes or triage", async () => {
    const w = await world();
    const r = await w.report();
    const union = w.union.member.actor;
    await triageCase(w.db, union, r.id, { severity: "medium", urgent: false, indicators: ["excessive_overtime"] });
    await messageOnCase(w.db, union, r.id, { audience: "worker", body: "We will visit on Monday." });
    await messageOnCase(w.db, union, r.id, { audience: "org", body: "SECRET-ORG-NOTE" });
    await messageOnCase(w.db, union, r.id, { audience: "parties", body: "SECRET-PARTIES-NOTE" });
    await forwardCase(w.db, union, r.id, "company");
    await companyAnswer(w.db, w.company.member.actor, r.id, { body: "Overtime is now voluntary.", remedy: "Back pay for September." });
    await closeCase(w.db, union, r.id, "Back pay received by 30 workers.");

    const view = await workerCase(w.db, r.caseCode, r.secret, "203.0.113.50");
    const text = JSON.stringify(view);
    expect(view.timeline.map((e) => e.type)).toEqual(["reported", "message", "company_answer", "closed"]);
    // The company's answer comes with the remedy it offers: the worker reads both on that event.
    expect(view.timeline.find((e) => e.type === "company_answer")).toMatchObject({ party: "company", orgName: null, body: "Overtime is now voluntary.", remedy: "Back pay for September." });
    expect(view.timeline.filter((e) => e.type !== "company_answer").every((e) => e.remedy === null)).toBe(true);
    expect(text).not.toContain("SECRET-ORG-NOTE");
    expect(text).not.toContain("SECRET-PARTIES-NOTE");
    expect(view.status).toBe("closed");

    // The org note is the union's alone; the parties' note reaches the company too.
    const company = await caseFor(w.db, w.company.viewer.actor, r.id);
    expect(JSON.stringify(company.timeline)).not.toContain("SECRET-ORG-NOTE");
    expect(JSON.stringify(company.timeline)).toContain("SECRET-PARTIES-NOTE");
  });
});

describe("the case page's forms", () => {
  it("refuses nonsense with a field and a key, never a crash", () => {
    const bad = (form: Record<string, unknown>) => CasePageSchema.safeParse(form);
    expect(bad({ intent: "triage", severity: "extreme" }).success).toBe(false);
    expect(bad({ intent: "message", audience: "everyone", body: "x" }).success).toBe(false);
    expect(bad({ intent: "message", audience: "worker", body: "   " }).success).toBe(false);
    expect(bad({ intent: "close", remedy: "" }).success).toBe(false);
    expect(bad({ intent: "assign", assigneeId: "abc" }).success).toBe(false);
    expect(bad({ intent: "drop-table" }).success).toBe(false);
    const ok = CasePageSchema.parse({ intent: "triage", severity: "high", urgent: "yes", indicators: "deception" });
    expect(ok).toEqual({ intent: "triage", severity: "high", urgent: true, indicators: ["deception"] });
  });
});

describe("the case page", () => {
  it("answers a bad form with the field's message in the reader's language, keeps the input, and changes nothing", async () => {
    const w = await world();
    const r = await w.report();
    const ctx = await contextFor(w.db, w.union.member.user.id, w.union.org.id, "de");
    const params = { grievanceId: String(r.id) };
    const before = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    const bad = await responseOf(() => caseAction({ request: post(`/grievances/${r.id}`, { intent: "triage", severity: "extreme", indicators: "deception" }), context: ctx, params }));
    expect(bad.status).toBe(400);
    const body = (await bad.json()) as { errors: Record<string, string>; values: Record<string, string>; intent: string };
    expect(body.intent).toBe("triage");
    expect(body.errors.severity).toBe("Wählen Sie eine Schwere.");
    expect(body.values.indicators).toBe("deception");
    const unknown = await responseOf(() => caseAction({ request: post(`/grievances/${r.id}`, { intent: "triage", severity: "high", indicators: "made_up" }), context: ctx, params }));
    expect(unknown.status).toBe(400);
    expect(((await unknown.json()) as { errors: Record<string, string> }).errors.indicators).toBe("„made_up“ ist kein Indikator.");
    const after = onlyRow(await w.db.select().from(grievances).where(eq(grievances.id, r.id)));
    expect(after.severity).toBe(before.severity);
    expect(after.status).toBe("new");
  });

  it("refuses a forward outside the consent beside the field, shows the contact once on request, and lists the case", async () => {
    const w = await world();
    const r = await w.report({ consent: ["union"] });
    const ctx = await contextFor(w.db, w.union.member.user.id, w.union.org.id);
    const params = { grievanceId: String(r.id) };
    const refused = await responseOf(() => caseAction({ request: post(`/grievances/${r.id}`, { intent: "forward", party: "inspectorate" }), context: ctx, params }));
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { errors: Record<string, string> }).errors.party).toBe("The worker did not allow this party to receive the case.");
    const shown = await responseOf(() => caseAction({ request: post(`/grievances/${r.id}`, { intent: "contact" }), context: ctx, params }));
    expect(await shown.json()).toEqual({ ok: true, contact: base.contact });
    const done = await responseOf(() => caseAction({ request: post(`/grievances/${r.id}`, { intent: "message", audience: "worker", body: "We are on it." }), context: ctx, params }));
    expect(done.status).toBe(302);
    const page = (await (await responseOf(() => caseLoader({ request: get(`/grievances/${r.id}`), context: ctx, params }))).json()) as { c: { timeline: { type: string }[] }; forms: { canLead: boolean } };
    expect(page.c.timeline.map((e) => e.type)).toEqual(["reported", "message"]);
    expect(page.forms.canLead).toBe(true);
    const list = (await (await responseOf(() => listLoader({ request: get("/grievances"), context: ctx, params: {} }))).json()) as { cases: { id: number }[] };
    expect(list.cases.map((c) => c.id)).toEqual([r.id]);
    // The list page itself offers recording a grievance and the channels, to those who may (the navigation lists /grievances only).
    const actionsFor = async (userId: number, orgId: number) => {
      const data = (await (await responseOf(async () => listLoader({ request: get("/grievances"), context: await contextFor(w.db, userId, orgId), params: {} }))).json()) as { canChannels: boolean; canRecord: boolean };
      return { canChannels: data.canChannels, canRecord: data.canRecord };
    };
    expect(await actionsFor(w.union.member.user.id, w.union.org.id)).toEqual({ canChannels: true, canRecord: true });
    expect(await actionsFor(w.union.viewer.user.id, w.union.org.id)).toEqual({ canChannels: false, canRecord: false });
    expect(await actionsFor(w.inspectorate.member.user.id, w.inspectorate.org.id)).toEqual({ canChannels: false, canRecord: true });
    expect(await actionsFor(w.company.member.user.id, w.company.org.id)).toEqual({ canChannels: true, canRecord: false });
    // A viewer reads but does not act: 403 before the form is read.
    const viewer = await contextFor(w.db, w.union.viewer.user.id, w.union.org.id);
    expect((await responseOf(() => caseAction({ request: post(`/grievances/${r.id}`, { intent: "contact" }), context: viewer, params }))).status).toBe(403);
  });
});
