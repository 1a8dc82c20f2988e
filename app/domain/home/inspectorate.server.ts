/**
 * The inspectorate's home: today's audits, planned audits whose window has passed without being
 * started, open corrective actions, and the overview the team plans from (queue, proposals).
 */
import { workplaceZone } from "../reference/country-zones";
import { rawAll, rawGet, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { inspectorateOverview } from "../audits/overview.server";
import { addLocalDays, fromLocal, localDay } from "../audits/local-time";
import { settingsOf } from "../audits/settings.server";
import { SNAPSHOT_NAME, stillShared } from "../audits/workplaces.server";

const LATEST = 5;

interface AuditLine {
  id: number;
  supplierId: number;
  supplierName: string;
  country: string | null;
  startsAt: number;
  endsAt: number;
  status: string;
}

export async function inspectorateHome(db: Db, actor: Actor, now = Date.now()) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "audits.view", { orgId });
  const zone = (await settingsOf(db, orgId)).timeZone;
  const today = localDay(now, zone);
  // Today in the inspectorate's own time zone: from its midnight to the next one.
  const dayStart = new Date(fromLocal(`${today}T00:00`, zone) ?? now);
  const dayEnd = new Date(fromLocal(`${addLocalDays(today, 1)}T00:00`, zone) ?? now + 86_400_000);

  const select = `select a.id, a.supplier_id as supplierId, ${SNAPSHOT_NAME} as supplierName, a.workplace_country as country, a.starts_at as startsAt, a.ends_at as endsAt, a.status from audits a`;
  const todayWhere = `a.org_id = ? and a.status != 'cancelled' and a.starts_at < ? and a.ends_at > ?`;
  const todayRows = await rawAll<AuditLine>(db, `${select} where ${todayWhere} order by a.starts_at, a.id`, orgId, dayEnd, dayStart);
  // Planned or confirmed, yet its window is over: the audit was neither started nor rescheduled.
  const overdueWhere = `a.org_id = ? and a.status in ('planned', 'confirmed') and a.ends_at < ?`;
  const overdueRows = await rawAll<AuditLine>(db, `${select} where ${overdueWhere} order by a.ends_at, a.id`, orgId, new Date(now));
  const openActions = (await rawGet<{ n: number }>(db, `select count(*) as n from corrective_actions where org_id = ? and status != 'verified_closed'`, orgId))?.n ?? 0;

  // The workplace's current name where it is still shared, its audit's snapshot otherwise (as /audits).
  const live = await stillShared(db, orgId, [...todayRows, ...overdueRows].map((r) => r.supplierId));
  // Each audit's times in its workplace's zone (and the inspectorate's beside, on the page).
  const named = (rows: AuditLine[]) => rows.slice(0, LATEST).map(({ country, ...r }) => ({ ...r, supplierName: live.get(r.supplierId)?.name ?? r.supplierName, placeZone: workplaceZone(country, zone) }));

  return {
    zone,
    today,
    auditsToday: { total: todayRows.length, latest: named(todayRows) },
    overduePlanned: { total: overdueRows.length, latest: named(overdueRows) },
    openActions,
    overview: await inspectorateOverview(db, actor, now),
  };
}

export type InspectorateHomeData = Awaited<ReturnType<typeof inspectorateHome>>;
