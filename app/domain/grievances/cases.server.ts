/**
 * The organisations' work on a case (decision 028): the lead organisation triages, assigns, records
 * the finding and closes; any union or inspectorate the case reached writes to the worker, keeps
 * notes, forwards within the worker's consent and refers to support services; the company answers
 * with the remedy it offers. Every function takes the actor, finds the case through the one scoped
 * access of views.server.ts (a case that did not reach the actor's organisation: 404), writes in
 * one transaction and appends to the timeline (grievance_events, append-only).
 */
import { applyFindingNow, withdrawFinding } from "./evidence.server";
import { and, eq, inArray, isNull } from "drizzle-orm";
import { changedRows, firstRow, inTransaction, type Db } from "#db/client";
import { grievanceEvents, grievanceRecipients, grievances, memberships, supportServices, users, type GrievanceFinding, type GrievanceParty, type GrievanceSeverity } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { recordEvent, type AuditAction } from "~/domain/activity-log/activity-log.server";
import { Conflict, Forbidden, Invalid, NotFound } from "~/domain/errors";
import { INDICATORS } from "~/domain/indicators";
import { channelById, partiesFor } from "./routing.server";
import { reached, revealContact, type CaseView } from "./views.server";

type Row = typeof grievances.$inferSelect;
type Audience = "worker" | "parties" | "org";

/** Timeline types a recipient writes to the worker: the first of them is the case's answer (escalation looks for one). */
export const ANSWER_TYPES = ["message", "company_answer"] as const;

const INDICATOR_CODES: ReadonlySet<string> = new Set(INDICATORS.map((i) => i.code));

interface Handling {
  g: Row;
  party: GrievanceParty;
  orgId: number;
}

/**
 * The case as the actor's organisation may change it: reached (else 404), with the permission
 * (`grievances.handle` for a union or inspectorate, `grievances.answer` for the company), and
 * still open. `lead`: only the organisation that leads the case (another recipient reads it but
 * may not do this: 403).
 */
async function handling(db: Db, actor: Actor, grievanceId: number, options: { permission: "grievances.handle" | "grievances.answer"; lead?: boolean }): Promise<Handling> {
  const { g, party } = await reached(db, actor, grievanceId);
  const orgId = actor.membership!.orgId;
  authorize(actor, options.permission, { orgId });
  if (options.permission === "grievances.handle" && party === "company") throw new Forbidden();
  if (options.permission === "grievances.answer" && party !== "company") throw new Forbidden();
  if (options.lead && g.leadOrgId !== orgId) throw new Forbidden();
  if (g.closedAt) throw new Conflict("form", "grievances:case.errors.closed");
  return { g, party, orgId };
}

async function appendEvent(db: Db, grievanceId: number, e: { type: string; audience: Audience; orgId: number | null; userId: number | null; body?: string | null; data?: Record<string, unknown> }, now: number) {
  await db.insert(grievanceEvents).values({ grievanceId, type: e.type, audience: e.audience, orgId: e.orgId, userId: e.userId, body: e.body ?? null, data: e.data ?? {}, createdAt: new Date(now) });
}

async function logAction(db: Db, action: AuditAction, actor: Actor | null, orgIds: number[], grievanceId: number, details: Record<string, unknown>, now: number) {
  for (const orgId of new Set(orgIds)) await recordEvent(db, { action, orgId, actorUserId: actor?.user.id ?? null, targetType: "grievance", targetId: grievanceId, details }, now);
}

function checkIndicators(indicators: readonly string[], field = "indicators"): string[] {
  const unknown = indicators.find((c) => !INDICATOR_CODES.has(c));
  if (unknown !== undefined) throw new Invalid(field, "grievances:case.errors.indicator", { code: unknown.slice(0, 60) });
  return [...new Set(indicators)];
}

/**
 * The organisations of `party` that would receive this case and have not yet: resolved as at intake
 * (routing.server.ts partiesFor) from the case's channel, or its country for a general report.
 */
async function newOrgsOf(db: Db, g: Pick<Row, "id" | "channelId" | "country">, party: GrievanceParty): Promise<{ id: number; name: string }[]> {
  const channel = await channelById(db, g.channelId);
  const parties = await partiesFor(db, channel, g.country);
  const already = new Set((await db.select({ orgId: grievanceRecipients.orgId }).from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, g.id))).map((r) => r.orgId));
  return (parties.find((p) => p.party === party)?.orgs ?? []).filter((o) => !already.has(o.id));
}

async function addRecipients(db: Db, grievanceId: number, orgs: { id: number }[], party: GrievanceParty, reason: string, addedBy: number | null, now: number) {
  for (const o of orgs) await db.insert(grievanceRecipients).values({ grievanceId, orgId: o.id, party, reason, addedBy, createdAt: new Date(now) });
}

/** The lead organisation sets severity, urgency and indicators; a new case becomes "triaged". Made urgent, it reaches the inspectorate at once where the worker allowed it. */
export async function triageCase(db: Db, actor: Actor, grievanceId: number, input: { severity: GrievanceSeverity; urgent: boolean; indicators: string[] }, now = Date.now()): Promise<void> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle", lead: true });
  const indicators = checkIndicators(input.indicators);
  const inspectorates = input.urgent && !g.urgent && g.consent.includes("inspectorate") ? await newOrgsOf(db, g, "inspectorate") : [];
  await inTransaction(db, async () => {
    await db
      .update(grievances)
      .set({ severity: input.severity, urgent: input.urgent, indicators, status: g.status === "new" ? "triaged" : g.status, updatedAt: new Date(now) })
      .where(eq(grievances.id, g.id));
    await addRecipients(db, g.id, inspectorates, "inspectorate", "urgent", actor.user.id, now);
    await appendEvent(db, g.id, { type: "triaged", audience: "parties", orgId, userId: actor.user.id, data: { severity: input.severity, urgent: input.urgent, indicators } }, now);
  });
  await logAction(db, "grievance.triaged", actor, [orgId], g.id, { severity: input.severity, urgent: input.urgent }, now);
  for (const o of inspectorates) await recordEvent(db, { action: "grievance.received", orgId: o.id, actorUserId: actor.user.id, targetType: "grievance", targetId: g.id, details: { urgent: true } }, now);
}

/** The lead organisation assigns the case to one of its own members. */
export async function assignCase(db: Db, actor: Actor, grievanceId: number, assigneeId: number, now = Date.now()): Promise<void> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle", lead: true });
  const member = firstRow(await db.select({ id: memberships.id }).from(memberships).where(and(eq(memberships.userId, assigneeId), eq(memberships.orgId, orgId))));
  if (!member) throw new Invalid("assigneeId", "grievances:case.errors.assignee");
  await inTransaction(db, async () => {
    await db.update(grievances).set({ assigneeId, updatedAt: new Date(now) }).where(eq(grievances.id, g.id));
    // Who works on it is the organisation's own business: a note for the organisation.
    await appendEvent(db, g.id, { type: "assigned", audience: "org", orgId, userId: actor.user.id, data: { assigneeId } }, now);
  });
  await logAction(db, "grievance.assigned", actor, [orgId], g.id, { assigneeId }, now);
}

/**
 * A message to the worker (audience "worker": read with the case code; the first one is the case's
 * answer and puts it in progress) or a note (audience "parties": every organisation on the case;
 * "org": the writer's own organisation).
 */
export async function messageOnCase(db: Db, actor: Actor, grievanceId: number, input: { audience: Audience; body: string }, now = Date.now()): Promise<void> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle" });
  const toWorker = input.audience === "worker";
  const answeredBefore = toWorker && (await hasAnswer(db, g.id));
  await inTransaction(db, async () => {
    await appendEvent(db, g.id, { type: toWorker ? "message" : "note", audience: input.audience, orgId, userId: actor.user.id, body: input.body }, now);
    const status = toWorker && (g.status === "new" || g.status === "triaged") ? "in_progress" : g.status;
    await db.update(grievances).set({ status, updatedAt: new Date(now) }).where(eq(grievances.id, g.id));
  });
  if (toWorker && !answeredBefore) await logAction(db, "grievance.answered", actor, [orgId], g.id, { by: "message" }, now);
}

/** Whether a recipient has written to the worker yet (a message or the company's answer). */
async function hasAnswer(db: Db, grievanceId: number): Promise<boolean> {
  const row = firstRow(
    await db
      .select({ id: grievanceEvents.id })
      .from(grievanceEvents)
      .where(and(eq(grievanceEvents.grievanceId, grievanceId), eq(grievanceEvents.audience, "worker"), inArray(grievanceEvents.type, [...ANSWER_TYPES])))
      .limit(1),
  );
  return Boolean(row);
}

/**
 * Forwards the case to another kind of party the worker allowed (a party outside the consent is
 * refused, whoever asks). The company of a small workplace may receive it: it then sees the case
 * only in its quarterly counts (views.server.ts), which the page says before the form is sent.
 */
export async function forwardCase(db: Db, actor: Actor, grievanceId: number, party: GrievanceParty, now = Date.now()): Promise<{ forwardedTo: string[] }> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle" });
  if (!g.consent.includes(party)) throw new Invalid("party", "grievances:case.errors.notConsented");
  const orgs = await newOrgsOf(db, g, party);
  if (orgs.length === 0) throw new Invalid("party", "grievances:case.errors.nobodyToForward");
  await inTransaction(db, async () => {
    await addRecipients(db, g.id, orgs, party, "forwarded", actor.user.id, now);
    await db.update(grievances).set({ updatedAt: new Date(now) }).where(eq(grievances.id, g.id));
    await appendEvent(db, g.id, { type: "forwarded", audience: "parties", orgId, userId: actor.user.id, data: { party, orgIds: orgs.map((o) => o.id) } }, now);
  });
  await logAction(db, "grievance.forwarded", actor, [orgId, ...orgs.map((o) => o.id)], g.id, { party }, now);
  return { forwardedTo: orgs.map((o) => o.name) };
}

/**
 * The lead organisation's finding, with the indicators it found (evidence.server.ts writes
 * substantiated ones into the score, and takes them back out when a finding is reversed).
 */
export async function recordFinding(db: Db, actor: Actor, grievanceId: number, input: { finding: Exclude<GrievanceFinding, "unknown">; indicators: string[] }, now = Date.now()): Promise<void> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle", lead: true });
  const indicators = checkIndicators(input.indicators);
  if (input.finding === "substantiated" && indicators.length === 0) throw new Invalid("indicators", "grievances:case.errors.findingIndicators");
  await inTransaction(db, async () => {
    await db
      .update(grievances)
      .set({ finding: input.finding, findingAt: new Date(now), indicators: indicators.length ? indicators : g.indicators, updatedAt: new Date(now) })
      .where(eq(grievances.id, g.id));
    await appendEvent(db, g.id, { type: "finding", audience: "parties", orgId, userId: actor.user.id, data: { finding: input.finding, indicators } }, now);
  });
  await logAction(db, "grievance.finding_recorded", actor, [orgId], g.id, { finding: input.finding }, now);
  // Into the score at once, except a small workplace's (it waits for its quarter's end: the sweep).
  if (input.finding === "substantiated") await applyFindingNow(db, g.id, now);
  // Reversed: what the case wrote into the supplier's record is withdrawn (nothing, if it was never applied).
  else await withdrawFinding(db, g.id, { orgId, userId: actor.user.id }, now);
}

/** The company's answer to the worker, with the remedy it offers: the case is "answered". */
export async function companyAnswer(db: Db, actor: Actor, grievanceId: number, input: { body: string; remedy: string }, now = Date.now()): Promise<void> {
  // A small workplace's case never reaches its company one by one: `reached` answers 404.
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.answer" });
  await inTransaction(db, async () => {
    await appendEvent(db, g.id, { type: "company_answer", audience: "worker", orgId, userId: actor.user.id, body: input.body, data: { remedy: input.remedy } }, now);
    await db.update(grievances).set({ status: "answered", updatedAt: new Date(now) }).where(eq(grievances.id, g.id));
  });
  await logAction(db, "grievance.answered", actor, [orgId], g.id, { by: "company" }, now);
}

/** The lead organisation closes the case with the remedy provided (the worker then rates it). */
export async function closeCase(db: Db, actor: Actor, grievanceId: number, remedy: string, now = Date.now()): Promise<void> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle", lead: true });
  await inTransaction(db, async () => {
    // Conditional: two people closing at once write one closing event.
    const closed = changedRows(await db.update(grievances).set({ status: "closed", remedy, closedAt: new Date(now), updatedAt: new Date(now) }).where(and(eq(grievances.id, g.id), isNull(grievances.closedAt))));
    if (closed === 0) throw new Conflict("form", "grievances:case.errors.closed");
    await appendEvent(db, g.id, { type: "closed", audience: "worker", orgId, userId: actor.user.id, body: remedy }, now);
  });
  await logAction(db, "grievance.closed", actor, [orgId], g.id, {}, now);
}

/** The support services a case can be referred to: the directory's current entries for the case's country. */
export async function servicesForCase(db: Db, country: string | null) {
  if (!country) return [];
  return db
    .select({ id: supportServices.id, kind: supportServices.kind, name: supportServices.name, phone: supportServices.phone, url: supportServices.url, languages: supportServices.languages })
    .from(supportServices)
    .where(and(eq(supportServices.country, country), isNull(supportServices.retiredAt)))
    .orderBy(supportServices.kind, supportServices.name);
}

/** Refers the worker to a support service of the case's country: the worker reads its name, phone and address with the case code. */
export async function referToService(db: Db, actor: Actor, grievanceId: number, serviceId: number, now = Date.now()): Promise<void> {
  const { g, orgId } = await handling(db, actor, grievanceId, { permission: "grievances.handle" });
  const service = (await servicesForCase(db, g.country)).find((s) => s.id === serviceId);
  if (!service) throw new Invalid("serviceId", "grievances:case.errors.service");
  await inTransaction(db, async () => {
    // The service's details are copied: the worker's page still says where to call if the entry is retired later.
    await appendEvent(db, g.id, { type: "referral", audience: "worker", orgId, userId: actor.user.id, data: { serviceId: service.id, kind: service.kind, name: service.name, phone: service.phone, url: service.url } }, now);
    await db.update(grievances).set({ updatedAt: new Date(now) }).where(eq(grievances.id, g.id));
  });
}

/** The worker's contact for the union or inspectorate following the case: logged on the case (views.server.ts) and in the activity log. */
export async function showContact(db: Db, actor: Actor, grievanceId: number, now = Date.now()): Promise<string> {
  const contact = await revealContact(db, actor, grievanceId, now);
  if (contact === null) throw new NotFound();
  await logAction(db, "grievance.contact_revealed", actor, [actor.membership!.orgId], grievanceId, {}, now);
  return contact;
}

/**
 * Before a case page's form is read: the case must have reached the actor's organisation (404
 * otherwise) and the actor must be one who acts on cases (a viewer reads only: 403).
 */
export async function requireCaseActor(db: Db, actor: Actor, grievanceId: number): Promise<void> {
  const { party } = await reached(db, actor, grievanceId);
  const orgId = actor.membership!.orgId;
  if (!can(actor, party === "company" ? "grievances.answer" : "grievances.handle", { orgId })) throw new Forbidden();
}

export interface CaseForms {
  /** A union or inspectorate the case reached, with the right to act: message, note, forward, refer. */
  canHandle: boolean;
  /** The lead organisation's own forms: triage, assign, finding, close. */
  canLead: boolean;
  /** The company answers with the remedy it offers. */
  canAnswer: boolean;
  members: { id: number; name: string }[];
  services: { id: number; kind: string; name: string; phone: string | null; url: string | null }[];
  /** Parties the worker allowed that have organisations not yet reached; `small`: the company will see only counts. */
  forward: { party: GrievanceParty; orgs: string[]; small: boolean }[];
}

/** What the actor may do on a case already read with caseFor, and the choices its forms offer. */
export async function caseForms(db: Db, actor: Actor, view: CaseView): Promise<CaseForms> {
  const orgId = actor.membership!.orgId;
  const open = view.closedAt === null;
  const canHandle = open && view.party !== "company" && can(actor, "grievances.handle", { orgId });
  const canLead = canHandle && view.isLead;
  const canAnswer = open && view.party === "company" && can(actor, "grievances.answer", { orgId });
  const members = canLead
    ? await db.select({ id: users.id, name: users.name }).from(memberships).innerJoin(users, eq(users.id, memberships.userId)).where(eq(memberships.orgId, orgId)).orderBy(users.name)
    : [];
  const services = canHandle ? await servicesForCase(db, view.workplace.country) : [];
  const forward: CaseForms["forward"] = [];
  if (canHandle) {
    const row = firstRow(await db.select({ id: grievances.id, channelId: grievances.channelId, country: grievances.country }).from(grievances).where(eq(grievances.id, view.id)))!;
    for (const party of view.consent) {
      const orgs = await newOrgsOf(db, row, party);
      if (orgs.length) forward.push({ party, orgs: orgs.map((o) => o.name), small: party === "company" && view.workplace.small });
    }
  }
  return { canHandle, canLead, canAnswer, members, services, forward };
}
