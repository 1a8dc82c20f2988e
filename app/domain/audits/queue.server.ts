/**
 * The inspectorate's priority queue: every workplace in its jurisdiction shared with it, ranked
 * by priority.ts, each with the reasons for its rank and its next planned audit, if any.
 */
import type { Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { localDay } from "./local-time";
import { byPriority, priorityOf, type PriorityReason } from "./priority";
import { settingsOf } from "./settings.server";
import { workplaceScope } from "./workplaces.server";

export interface QueueRow {
  supplierId: number;
  name: string;
  country: string | null;
  sector: string | null;
  companyName: string;
  riskScore: number | null;
  riskBand: string | null;
  priority: number;
  reasons: PriorityReason[];
  lastAuditOn: string | null;
  nextAudit: { id: number; startsAt: number; type: string } | null;
}

interface Row {
  id: number;
  name: string;
  country: string | null;
  sector: string | null;
  companyName: string;
  riskScore: number | null;
  riskBand: string | null;
  lastAuditAt: number | null;
  nextAuditId: number | null;
  nextAuditAt: number | null;
  nextAuditType: string | null;
  grievances: number;
}

const YEAR = 365 * 86_400_000;

/** The whole ranked queue (the caller pages it). */
export function priorityQueue(db: Db, actor: Actor, now = Date.now(), filter: { q?: string } = {}): QueueRow[] {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const scope = workplaceScope(db, orgId);
  if (!scope.sql) return [];
  const zone = settingsOf(db, orgId).timeZone;
  const today = localDay(now, zone);
  const q = filter.q?.trim().slice(0, 100) ?? "";
  const search = q ? `and s.name like ? escape '\\'` : "";
  const rows = db.$client
    .prepare(
      `select s.id, s.name, s.country, s.sector, o.name as companyName, s.risk_score as riskScore, s.risk_band as riskBand,
              (select max(a.starts_at) from audits a where a.supplier_id = s.id and a.org_id = ? and a.status in ('in_progress', 'completed', 'report_issued')) as lastAuditAt,
              n.id as nextAuditId, n.starts_at as nextAuditAt, n.type as nextAuditType,
              (select count(*) from contests c where c.supplier_id = s.id and c.created_at > ?) as grievances
       from suppliers s join organisations o on o.id = s.org_id
       left join audits n on n.id = (select a.id from audits a where a.supplier_id = s.id and a.org_id = ? and a.status in ('planned', 'confirmed') order by a.starts_at limit 1)
       where ${scope.sql} ${search}`,
    )
    .all(orgId, now - YEAR, orgId, ...scope.params, ...(q ? [`%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`] : [])) as Row[];
  const actions = new Map(
    (
      db.$client
        .prepare(`select supplier_id, count(*), sum(due_on < ? and status in ('open', 'in_progress')) from corrective_actions where org_id = ? and status != 'verified_closed' group by supplier_id`)
        .raw()
        .all(today, orgId) as [number, number, number][]
    ).map(([id, open, overdue]) => [id, { open, overdue }]),
  );
  return rows
    .map((r) => {
      const a = actions.get(r.id) ?? { open: 0, overdue: 0 };
      const lastAuditOn = r.lastAuditAt === null ? null : localDay(r.lastAuditAt, zone);
      const p = priorityOf({ score: r.riskScore, band: r.riskBand, lastAuditOn, openActions: a.open, overdueActions: a.overdue, recentGrievances: r.grievances, today });
      return {
        supplierId: r.id,
        name: r.name,
        country: r.country,
        sector: r.sector,
        companyName: r.companyName,
        riskScore: r.riskScore,
        riskBand: r.riskBand,
        priority: p.priority,
        reasons: p.reasons,
        lastAuditOn,
        nextAudit: r.nextAuditId === null ? null : { id: r.nextAuditId, startsAt: r.nextAuditAt!, type: r.nextAuditType! },
      };
    })
    .sort(byPriority);
}

/** One line for a proposal: "rank 3 · priority 112: risk score 82 (critical) +82, never audited +20". */
export function reasonLine(rank: number, row: Pick<QueueRow, "priority" | "reasons">): string {
  return `Rank ${rank}, priority ${row.priority}: ${row.reasons.map((r) => `${r.label} +${r.points}`).join(", ")}`;
}
