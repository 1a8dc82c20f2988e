/** The watchlist red-flag line and floor (ADR 016), shared by the supplier and recruiter scores. */
import type { Methodology } from "./methodology";
import { factorLine, type Floor } from "./score-common";
import type { Factor, WatchlistHit } from "./types";

/**
 * Version 2: a confirmed watchlist match (ADR 016) is a red flag of its own, with the list edition
 * as source, and lifts the score to at least the "high" threshold. A line of weight 0 (the floor
 * line carries the points), so the lines still add up to the score; version 1 ignores it.
 */
export function watchlistLine(hits: WatchlistHit[], m: Methodology, redFlags: string[], floors: Floor[]): Factor {
  const sources = hits.map((h) => `${h.edition}: ${h.entry} — ${h.list}, listed ${h.listedOn} (${h.entrySource})`);
  const value = hits.map((h) => `"${h.entry}" on ${h.list} (${h.edition}), confirmed ${h.confirmedOn}`).join("; ");
  const line = factorLine({ label: "Named on a watchlist", weight: 0 }, "watchlist", "observed", 0, value, sources);
  line.redFlag = true;
  for (const edition of new Set(hits.map((h) => h.edition))) redFlags.push(`watchlist.${edition}`);
  floors.push({ code: "watchlist_floor", label: "Watchlist floor", level: m.bands.high, value: `a confirmed watchlist match lifts the score to ${m.bands.high} (the "high" band) whatever else is known`, sources });
  return line;
}
