/** The inspectorate's home: what needs attention now. */
import type { Db } from "#db/client";
import type { Actor } from "~/auth/permissions.server";
import { listAudits } from "./audit-views.server";
import { listActions } from "./corrective-actions.server";
import { pendingProposals } from "./plan.server";
import { priorityQueue } from "./queue.server";
import { settingsOf } from "./settings.server";

export async function inspectorateOverview(db: Db, actor: Actor, now = Date.now()) {
  const orgId = actor.membership!.orgId;
  const queue = await priorityQueue(db, actor, now);
  const upcoming = await listAudits(db, actor, { when: "upcoming" }, now);
  const actions = await listActions(db, actor, {}, now);
  return {
    zone: (await settingsOf(db, orgId)).timeZone,
    workplaces: queue.length,
    unplanned: queue.filter((q) => q.nextAudit === null).length,
    top: queue.slice(0, 5).map((q) => ({ supplierId: q.supplierId, name: q.name, companyName: q.companyName, priority: q.priority, riskBand: q.riskBand, riskScore: q.riskScore, planned: q.nextAudit !== null })),
    upcoming: upcoming.rows.slice(0, 5),
    upcomingTotal: upcoming.total,
    overdueActions: actions.overdue,
    toVerify: actions.rows.filter((a) => a.status === "submitted").length,
    proposals: (await pendingProposals(db, actor)).length,
  };
}

export type InspectorateOverview = Awaited<ReturnType<typeof inspectorateOverview>>;
