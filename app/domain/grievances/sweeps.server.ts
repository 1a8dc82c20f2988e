/**
 * Timed work on grievance cases, run by the job runner at most once a minute per process
 * (runner.server.ts). Several processes may sweep at once: every change is a conditional update,
 * so a case escalates exactly once whoever gets there first.
 */
import { applyGrievanceFindings } from "./evidence.server";
import { and, eq, inArray, isNotNull, isNull, lt } from "drizzle-orm";
import { changedRows, inTransaction, type Db } from "#db/client";
import { grievanceEvents, grievanceRecipients, grievances, suppliers } from "#db/schema";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { emitWebhookEvent } from "~/domain/webhooks/subscriptions.server";
import { ANSWER_TYPES } from "./cases.server";
import { channelById, isSmallWorkplace, partiesFor } from "./routing.server";

/**
 * Open cases past their due time that no recipient has written to the worker about escalate: the
 * parties see that it is overdue, and the labour inspectorate receives it if the worker allowed
 * that and it had not yet. A retaliation report (urgent, due in two days) escalates the same way.
 * Returns the ids escalated now.
 */
export async function escalateOverdue(db: Db, now = Date.now()): Promise<number[]> {
  const due = await db
    .select({ id: grievances.id, channelId: grievances.channelId, country: grievances.country, consent: grievances.consent, intake: grievances.intake, urgent: grievances.urgent, dueAt: grievances.dueAt, workersTotal: suppliers.workersTotal })
    .from(grievances)
    .leftJoin(suppliers, eq(suppliers.id, grievances.supplierId))
    .where(and(isNull(grievances.closedAt), isNull(grievances.escalatedAt), isNotNull(grievances.dueAt), lt(grievances.dueAt, new Date(now))));
  if (due.length === 0) return [];
  const answered = new Set(
    (
      await db
        .select({ id: grievanceEvents.grievanceId })
        .from(grievanceEvents)
        .where(and(inArray(grievanceEvents.grievanceId, due.map((d) => d.id)), eq(grievanceEvents.audience, "worker"), inArray(grievanceEvents.type, [...ANSWER_TYPES])))
    ).map((r) => r.id),
  );
  const escalated: number[] = [];
  for (const g of due) {
    if (answered.has(g.id)) continue;
    const inspectorates = g.consent.includes("inspectorate") ? ((await partiesFor(db, await channelById(db, g.channelId), g.country)).find((p) => p.party === "inspectorate")?.orgs ?? []) : [];
    const added = await inTransaction(db, async () => {
      // The claim: only the process whose update changed the row writes the rest.
      const claimed = changedRows(await db.update(grievances).set({ escalatedAt: new Date(now), updatedAt: new Date(now) }).where(and(eq(grievances.id, g.id), isNull(grievances.escalatedAt), isNull(grievances.closedAt))));
      if (claimed === 0) return null;
      const already = new Set((await db.select({ orgId: grievanceRecipients.orgId }).from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, g.id))).map((r) => r.orgId));
      const fresh = inspectorates.filter((o) => !already.has(o.id));
      for (const o of fresh) await db.insert(grievanceRecipients).values({ grievanceId: g.id, orgId: o.id, party: "inspectorate", reason: "escalated", createdAt: new Date(now) });
      await db.insert(grievanceEvents).values({ grievanceId: g.id, type: "escalated", audience: "parties", orgId: null, userId: null, data: { orgIds: fresh.map((o) => o.id) }, createdAt: new Date(now) });
      const reachedOrgs = await db.select({ orgId: grievanceRecipients.orgId, party: grievanceRecipients.party }).from(grievanceRecipients).where(eq(grievanceRecipients.grievanceId, g.id));
      // The webhook event in the escalation's own transaction (decision 038's outbox), to every
      // organisation the case has reached — except a small workplace's company, which never sees
      // such a case one by one (views.server.ts), so must not learn of it by a webhook either.
      // No personal data: the case's number (the parties' reference to it; never the worker's case code),
      // its channel, its new state and the time. What happened and where stays on the case page.
      for (const r of reachedOrgs) {
        if (r.party === "company" && isSmallWorkplace(g.workersTotal)) continue;
        await emitWebhookEvent(
          db,
          r.orgId,
          "grievance.escalated",
          [{ grievance: { id: g.id }, channel: { id: g.channelId, intake: g.intake }, state: "escalated", urgent: g.urgent, dueAt: g.dueAt?.toISOString() ?? null, escalatedAt: new Date(now).toISOString(), inspectorateAdded: fresh.some((o) => o.id === r.orgId) }],
          now,
        );
      }
      return { fresh, reachedOrgs };
    });
    if (added === null) continue;
    escalated.push(g.id);
    const recipients = added.reachedOrgs;
    for (const r of recipients) await recordEvent(db, { action: "grievance.escalated", orgId: r.orgId, actorUserId: null, targetType: "grievance", targetId: g.id, details: { inspectorateAdded: added.fresh.some((o) => o.id === r.orgId) } }, now);
  }
  return escalated;
}

/** Every timed grievance task; the job runner calls it (runner.server.ts). */
export async function runGrievanceSweeps(db: Db, now = Date.now()): Promise<{ escalated: number[]; applied: number }> {
  const escalated = await escalateOverdue(db, now);
  // Substantiated findings not yet in the score: a small workplace's once its quarter has ended.
  const applied = (await applyGrievanceFindings(db, now)).length;
  return { escalated, applied };
}
