/**
 * The "corrective_action.overdue" webhook event (decision 038): once per action, when its due date
 * has passed (in the inspectorate's time zone, as the pages reckon "overdue") while it is still
 * open or in progress. The job runner sweeps for them (runner.server.ts). Several processes may
 * sweep at once: each action is claimed by a conditional update of `overdue_notified_at` in the
 * transaction that writes its event, so exactly one sweep writes it.
 *
 * An action is claimed whether or not anyone subscribes: an organisation subscribing later is not
 * sent the backlog of actions that fell due before it listened.
 */
import { and, eq, inArray, isNull } from "drizzle-orm";
import { changedRows, inTransaction, rawAll, type Db } from "#db/client";
import { correctiveActions } from "#db/schema";
import { emitWebhookEvent } from "../webhooks/subscriptions.server";
import { isOverdue } from "./audit-views.server";
import { addLocalDays, localDay } from "./local-time";
import { companyCanSeeAudit } from "./visibility.server";

interface Candidate {
  id: number;
  orgId: number;
  companyOrgId: number;
  auditId: number;
  findingId: number;
  supplierId: number;
  owner: string;
  dueOn: string;
  status: string;
  indicator: string;
  severity: string;
  zone: string;
}

/** Writes the event for every action that has become overdue and was not yet announced; returns their ids. */
export async function announceOverdueActions(db: Db, now = Date.now()): Promise<number[]> {
  // No zone's today is later than the UTC day after: a cheap bound in SQL, the exact day per zone below.
  const bound = addLocalDays(localDay(now, "UTC"), 1);
  const candidates = await rawAll<Candidate>(
    db,
    `select a.id, a.org_id as orgId, a.company_org_id as companyOrgId, a.audit_id as auditId, a.finding_id as findingId, a.supplier_id as supplierId, a.owner, a.due_on as dueOn, a.status,
            f.indicator, f.result as severity, coalesce(st.time_zone, 'UTC') as zone
       from corrective_actions a join findings f on f.id = a.finding_id left join inspectorate_settings st on st.org_id = a.org_id
      where a.overdue_notified_at is null and a.status in ('open', 'in_progress') and a.due_on < ? order by a.id`,
    bound,
  );
  const announced: number[] = [];
  for (const a of candidates) {
    if (!isOverdue(a, localDay(now, a.zone))) continue;
    // The company is told only of what its pages show it (an unannounced audit's actions once it has started).
    const companySees = await companyCanSeeAudit(db, a.auditId, now);
    const claimed = await inTransaction(db, async () => {
      const changed = changedRows(
        await db
          .update(correctiveActions)
          .set({ overdueNotifiedAt: new Date(now) })
          .where(and(eq(correctiveActions.id, a.id), isNull(correctiveActions.overdueNotifiedAt), inArray(correctiveActions.status, ["open", "in_progress"]))),
      );
      if (changed === 0) return false;
      const data = [{ correctiveAction: { id: a.id, auditId: a.auditId, findingId: a.findingId, supplierId: a.supplierId, owner: a.owner, dueOn: a.dueOn, status: a.status }, finding: { indicator: a.indicator, result: a.severity } }];
      await emitWebhookEvent(db, a.orgId, "corrective_action.overdue", data, now);
      if (companySees) await emitWebhookEvent(db, a.companyOrgId, "corrective_action.overdue", data, now);
      return true;
    });
    if (claimed) announced.push(a.id);
  }
  return announced;
}
