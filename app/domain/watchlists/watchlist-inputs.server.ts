/** Confirmed watchlist matches read as scoring inputs (kept apart from the review code: the scorer's reader imports it). */
import { rawAll, type Db } from "#db/client";
import type { WatchlistHit } from "../risk/types";

/**
 * The confirmed matches of an organisation's suppliers or recruiters (active editions only), as scoring inputs,
 * sorted so that the same facts always give the same inputs hash.
 */
export async function confirmedWatchlistHits(db: Db, orgId: number, supplierIds?: readonly number[], entityType: "supplier" | "recruiter" = "supplier"): Promise<Map<number, WatchlistHit[]>> {
  const only = supplierIds ? `and m.entity_id in (select value from json_each(?))` : "";
  const rows = await rawAll<{ entity_id: number; data: string; edition: string; decided_at: number | null }>(
    db,
    `select m.entity_id, rr.data, s.name || ' ' || s.edition as edition, m.decided_at from watchlist_matches m
       join reference_sources s on s.id = m.source_id and s.status = 'active'
       join reference_rows rr on rr.source_id = m.source_id and rr.key = m.entry_key
       where m.org_id = ? and m.entity_type = ? and m.status = 'confirmed' ${only}
       order by m.entity_id, s.id, m.entry_key`,
    ...(supplierIds ? [orgId, entityType, JSON.stringify(supplierIds)] : [orgId, entityType]),
  );
  const map = new Map<number, WatchlistHit[]>();
  for (const { entity_id: id, data, edition, decided_at: decidedAt } of rows) {
    const r = JSON.parse(data) as Record<string, string>;
    let list = map.get(id);
    if (!list) map.set(id, (list = []));
    list.push({ entry: r.name!, list: r.list!, listedOn: r.listed_on!, entrySource: r.source!, edition, confirmedOn: decidedAt ? new Date(decidedAt).toISOString().slice(0, 10) : "" });
  }
  return map;
}
