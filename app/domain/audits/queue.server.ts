/**
 * The inspectorate's priority queue: every workplace in its jurisdiction shared with it, ranked
 * by priority.ts, each with the reasons for its rank and its next planned audit, if any.
 */
import { workplaceZone } from "../reference/country-zones";
import { rawAll, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { activeMethodology } from "../risk/methodology-store.server";
import { localDay } from "./local-time";
import { byPriority, priorityOf, type KeyedReason, type PriorityReason } from "./priority";
import { settingsOf } from "./settings.server";
import type { SharedScoreFields } from "../sharing/shared-suppliers.server";
import { allWorkplaces } from "./workplaces.server";

export interface QueueRow extends SharedScoreFields {
  supplierId: number;
  name: string;
  country: string | null;
  sector: string | null;
  companyName: string;
  priority: number;
  reasons: PriorityReason[];
  /** The same reasons as catalog keys, for the page in the reader's language. */
  why: KeyedReason[];
  lastAuditOn: string | null;
  nextAudit: { id: number; startsAt: number; type: string; placeZone: string } | null;
}

const YEAR = 365 * 86_400_000;

/**
 * The whole ranked queue (the caller pages it). Workplaces come from the scoped view, so a
 * score the shares withhold is neither shown nor used: such a workplace counts as unscored, or
 * its priority would give the score away. Everything else in the priority is the inspectorate's
 * own: its audits, its corrective actions, and the grievances it may see (see grievancesOf).
 */
export async function priorityQueue(db: Db, actor: Actor, now = Date.now(), filter: { q?: string } = {}): Promise<QueueRow[]> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const places = await allWorkplaces(db, actor, { q: filter.q?.trim().slice(0, 100) });
  if (places.length === 0) return [];
  const zone = (await settingsOf(db, orgId)).timeZone;
  const today = localDay(now, zone);
  const lastAudit = new Map(
    (
      await rawAll<{ supplierId: number; lastAt: number }>(
        db,
        `select supplier_id as supplierId, max(starts_at) as lastAt from audits where org_id = ? and status in ('in_progress', 'completed', 'report_issued') group by supplier_id`,
        orgId,
      )
    ).map((r) => [r.supplierId, r.lastAt]),
  );
  const nextAudit = new Map<number, NonNullable<QueueRow["nextAudit"]>>();
  for (const a of await rawAll<{ id: number; supplierId: number; startsAt: number; type: string; country: string | null }>(db, `select id, supplier_id as supplierId, starts_at as startsAt, type, workplace_country as country from audits where org_id = ? and status in ('planned', 'confirmed') order by starts_at desc, id desc`, orgId)) {
    // The zone the audit was scheduled in: the country recorded with it (issue 17, item 5).
    nextAudit.set(a.supplierId, { id: a.id, startsAt: a.startsAt, type: a.type, placeZone: workplaceZone(a.country, zone) }); // the earliest wins: rows come latest first
  }
  const actions = new Map(
    (
      await rawAll<{ supplierId: number; open: number; overdue: number }>(
        db,
        `select supplier_id as supplierId, count(*) as open, sum(case when due_on < ? and status in ('open', 'in_progress') then 1 else 0 end) as overdue from corrective_actions where org_id = ? and status != 'verified_closed' group by supplier_id`,
        today,
        orgId,
      )
    ).map(({ supplierId, open, overdue }) => [supplierId, { open, overdue }]),
  );
  const grievances = await grievancesOf(db, orgId, now - YEAR);
  const cases = await grievanceCasesOf(db, orgId, now - YEAR);
  const { bands } = (await activeMethodology(db)).methodology;
  return places
    .map((w) => {
      const a = actions.get(w.id) ?? { open: 0, overdue: 0 };
      const last = lastAudit.get(w.id);
      const lastAuditOn = last === undefined ? null : localDay(last, zone);
      const range = w.riskScoreLow !== null && w.riskScoreHigh !== null ? { low: w.riskScoreLow, high: w.riskScoreHigh } : null;
      const p = priorityOf({
        score: w.riskScore,
        band: w.riskBand,
        scoreWithheld: !w.scoreShared,
        range,
        confidence: w.riskConfidence,
        bands,
        lastAuditOn,
        openActions: a.open,
        overdueActions: a.overdue,
        recentGrievances: grievances.get(w.id) ?? 0,
        recentCases: cases.get(w.id) ?? 0,
        today,
      });
      return {
        supplierId: w.id,
        name: w.name,
        country: w.country,
        sector: w.sector,
        companyName: w.companyName,
        scoreShared: w.scoreShared,
        riskScore: w.riskScore,
        riskBand: w.riskBand,
        riskScoreLow: w.riskScoreLow,
        riskScoreHigh: w.riskScoreHigh,
        riskConfidence: w.riskConfidence,
        priority: p.priority,
        reasons: p.reasons,
        why: p.why,
        lastAuditOn,
        nextAudit: nextAudit.get(w.id) ?? null,
      };
    })
    .sort(byPriority);
}

/**
 * Grievances per supplier since `since`, counting only those the inspectorate may see: contests
 * its own organisation raised. A contest is a conversation between the organisation that raised
 * it (usually a union) and the company; the inspectorate is not party to it and no share scope
 * includes it, so counting another organisation's contests would tell the inspectorate that they
 * exist (the priority moves by 5 for each). Today inspectorates cannot raise contests, so this is
 * zero until they can record grievances of their own.
 */
async function grievancesOf(db: Db, orgId: number, since: number): Promise<Map<number, number>> {
  const rows = await rawAll<{ supplierId: number; n: number }>(db, `select supplier_id as supplierId, count(*) as n from contests where org_id = ? and created_at > ? group by supplier_id`, orgId, new Date(since));
  return new Map(rows.map((r) => [r.supplierId, r.n]));
}

/**
 * Workers' grievance cases per workplace since `since` that reached this inspectorate (it is among
 * the case's recipients: by the worker's consent, at once for an urgent case, or forwarded) and
 * are substantiated or urgent. Only cases that reached it: a case the worker let only the union or
 * the company see must not move the inspectorate's queue, or the queue would tell it the case
 * exists. A count of cases it may open one by one, so nothing of any case is read here.
 */
async function grievanceCasesOf(db: Db, orgId: number, since: number): Promise<Map<number, number>> {
  const rows = await rawAll<{ supplierId: number; n: number }>(
    db,
    `select g.supplier_id as supplierId, count(*) as n from grievances g join grievance_recipients r on r.grievance_id = g.id
     where r.org_id = ? and g.supplier_id is not null and g.created_at > ? and (g.finding = 'substantiated' or g.urgent = true) group by g.supplier_id`,
    orgId,
    new Date(since),
  );
  return new Map(rows.map((r) => [r.supplierId, Number(r.n)]));
}

/** One line for a proposal: "rank 3 · priority 112: risk score 82 (critical) +82, never audited +20". */
export function reasonLine(rank: number, row: Pick<QueueRow, "priority" | "reasons">): string {
  return `Rank ${rank}, priority ${row.priority}: ${row.reasons.map((r) => `${r.label} +${r.points}`).join(", ")}`;
}

/**
 * A reason line (reasonLine) written while the workplace's score was shared, with the score taken
 * out now that the shares no longer include it: the risk part, the range part (its top and the
 * share observed) and the total (from which the score would follow by subtraction). "Rank 3,
 * priority 127: risk score 36 (medium) +36, range reaches critical (100.0) with 20 % observed: an
 * audit would narrow it +15, never audited +20" becomes "Rank 3: risk score not shared with you,
 * never audited +20".
 */
export function withoutScore(reason: string): string {
  return reason
    .replace(/^(Rank \d+), priority \d+(?:\.\d+)?:/, "$1:")
    .replace(/,? ?range reaches [a-z]+ \([^)]*\)[^+]* \+\d+(?:\.\d+)?/g, "")
    .replace(/risk score \d+(?:\.\d+)?(?: \([a-z]+\))? \+\d+(?:\.\d+)?/g, "risk score not shared with you");
}
