/**
 * The company dashboard: bands, a country × sector heatmap, the most frequent risk drivers,
 * recruitment corridors and the suppliers whose score rose most since the last import.
 *
 * The aggregates read every supplier of the company (about two seconds at 100k suppliers), so
 * they are never computed on the thread that answers requests: they are stored in the database
 * per organisation with the data version they were computed from (`dashboard_snapshots`), written
 * by a worker thread or by the job that changed the scores, and read by every process and node.
 */
import { eq } from "drizzle-orm";
import { engineKind, firstRow, rawAll, rawColumn, rawGet, type Db, databaseLocation } from "#db/client";
import { dashboardSnapshots } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { INDICATORS } from "../indicators";
import { startWorker } from "../jobs/runner.server";
import type { CountryFigures } from "../maps/world-map.server";
import { activeMethodology } from "../risk/methodology-store.server";
import type { Methodology } from "../risk/methodology";

export const HEATMAP_COUNTRIES = 8;
export const HEATMAP_SECTORS = 6;

export interface Dashboard {
  suppliers: number;
  recruiters: number;
  countries: number;
  workers: number;
  bands: { band: string; suppliers: number }[];
  /** The countries and sectors with the most suppliers; `allCountries`/`allSectors` count every one, so the page can say what it leaves out. */
  heatmap: { countries: string[]; sectors: string[]; allCountries: number; allSectors: number; cells: { country: string; sector: string; suppliers: number; meanScore: number | null }[] };
  /** Every country with suppliers: how many, how many scored, their mean score (the world map and its table). */
  byCountry: CountryFigures[];
  /**
   * The factor's code and the active methodology's English label: the page names a driver from its
   * code in the reader's language (factorLabel in risk-text.tsx) and shows `label` as written only
   * where an administrator renamed the factor.
   */
  drivers: { code: string; label: string; suppliers: number }[];
  corridors: { origin: string; destination: string; suppliers: number; recruiters: number; charging: number }[];
  risers: { id: number; name: string; country: string | null; before: number; after: number; band: string | null; low: number | null; high: number | null; confidence: number }[];
  lastImportAt: number | null;
}

const BAND_ORDER = ["critical", "high", "medium", "low", "not scored"];

function factorLabel(code: string, m: Methodology): string {
  const s = m.supplier;
  const fixed: Record<string, string> = {
    country: s.country.label,
    sector: s.sector.label,
    commodity: s.commodity.label,
    uflpa: s.uflpa.label,
    migrant_share: s.migrantShare.label,
    recruiter_licence: s.recruiterLicence.label,
    recruiter_fees: s.recruiterFees.label,
  };
  if (fixed[code]) return fixed[code];
  if (code.startsWith("indicator.")) return INDICATORS.find((i) => `indicator.${i.code}` === code)?.label ?? code;
  if (code.startsWith("country_index.")) return `${s.countryIndex.label}: ${code.slice("country_index.".length)}`;
  return code;
}

/** When the organisation's latest list import was committed (ms), or null before its first. */
async function lastImportAt(db: Db, orgId: number): Promise<number | null> {
  return (await rawGet<{ at: number | null }>(db, `select max(committed_at) as at from imports where org_id = ? and status = 'imported'`, orgId))?.at ?? null;
}

/** All the dashboard's aggregates for one organisation (run in the dashboard worker). */
export async function computeDashboard(db: Db, orgId: number): Promise<Dashboard> {
  const totals = (await rawGet<{ countries: number; workers: number; recruiters: number }>(
    db,
    `select count(distinct country) as countries, coalesce(sum(workers_total), 0) as workers, (select count(*) from recruiters where org_id = ?) as recruiters from suppliers where org_id = ? and merged_into_id is null`,
    orgId,
    orgId,
  )) ?? { countries: 0, workers: 0, recruiters: 0 };
  const bandRows = await rawAll<{ band: string; n: number }>(db, `select coalesce(risk_band, 'not scored') as band, count(*) as n from suppliers where org_id = ? and merged_into_id is null group by 1`, orgId);
  const byBand = new Map(bandRows.map((r) => [r.band, r.n]));
  const suppliers = bandRows.reduce((t, r) => t + r.n, 0);

  const cells = await rawAll<Dashboard["heatmap"]["cells"][number]>(
    db,
    `select coalesce(country, '—') as country, coalesce(sector, 'Unknown') as sector, count(*) as suppliers, avg(risk_score) as meanScore from suppliers where org_id = ? and merged_into_id is null group by 1, 2`,
    orgId,
  );
  const top = (key: "country" | "sector", n: number) => {
    const totals = new Map<string, number>();
    for (const c of cells) totals.set(c[key], (totals.get(c[key]) ?? 0) + c.suppliers);
    return [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, n).map(([k]) => k);
  };
  const countries = top("country", HEATMAP_COUNTRIES);
  const byCountry = await rawAll<CountryFigures>(
    db,
    `select country, count(*) as suppliers, count(risk_score) as scored, avg(risk_score) as meanScore
       from suppliers where org_id = ? and merged_into_id is null and country is not null group by country order by suppliers desc, country`,
    orgId,
  );
  const sectors = top("sector", HEATMAP_SECTORS);

  const counts = new Map<string, number>();
  for (const drivers of await rawColumn<string>(db, `select risk_drivers from suppliers where org_id = ? and merged_into_id is null and risk_drivers is not null and risk_drivers != ''`, orgId)) {
    for (const code of drivers.split(",")) counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const m = (await activeMethodology(db)).methodology;
  const drivers = [...counts]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([code, n]) => ({ code, label: factorLabel(code, m), suppliers: n }));

  // Each link's origins: its own origin country, else the recruiter's declared ones (a JSON list).
  // Expanding a JSON list into rows is the one thing here the engines spell differently (SQLite's
  // json_each, PostgreSQL's jsonb_array_elements_text; the adapter translates only json_each(?)).
  const origins =
    engineKind(db) === "postgres"
      ? `jsonb_array_elements_text(case when sr.origin_country != '' then jsonb_build_array(sr.origin_country) else r.origin_countries end) as o(value)`
      : `json_each(case when sr.origin_country != '' then json_array(sr.origin_country) else r.origin_countries end) o`;
  const corridors = await rawAll<Dashboard["corridors"][number]>(
    db,
    `select o.value as origin, coalesce(s.country, '—') as destination, count(distinct s.id) as suppliers, count(distinct r.id) as recruiters,
              count(distinct case when r.fees_charged_to_workers = true then r.id end) as charging
       from supplier_recruiters sr join suppliers s on s.id = sr.supplier_id join recruiters r on r.id = sr.recruiter_id,
            ${origins}
       where s.org_id = ? and s.merged_into_id is null group by 1, 2 order by suppliers desc, recruiters desc, origin limit 15`,
    orgId,
  );

  const lastImport = { at: await lastImportAt(db, orgId) };
  const risers = lastImport.at
    ? (
        await rawAll<Dashboard["risers"][number] & { before: number | null }>(
          db,
          `select s.id, s.name, s.country, s.risk_band as band, cur.score as after, cur.score_low as low, cur.score_high as high, cur.confidence,
                  (select p.score from risk_scores p where p.entity_type = 'supplier' and p.entity_id = s.id and p.computed_at < ? order by p.computed_at desc, p.id desc limit 1) as before
           from suppliers s join risk_scores cur on cur.id = s.risk_score_id
           where s.org_id = ? and s.merged_into_id is null and cur.computed_at >= ?`,
          new Date(lastImport.at),
          orgId,
          new Date(lastImport.at),
        )
      )
        .filter((r): r is Dashboard["risers"][number] => r.before !== null && r.after > r.before)
        .sort((a, b) => b.after - b.before - (a.after - a.before) || a.id - b.id)
        .slice(0, 10)
    : [];

  return {
    suppliers,
    ...totals,
    bands: BAND_ORDER.map((band) => ({ band, suppliers: byBand.get(band) ?? 0 })),
    heatmap: { countries, sectors, allCountries: new Set(cells.map((c) => c.country)).size, allSectors: new Set(cells.map((c) => c.sector)).size, cells: cells.filter((c) => countries.includes(c.country) && sectors.includes(c.sector)) },
    byCountry,
    drivers,
    corridors,
    risers,
    lastImportAt: lastImport.at,
  };
}

/**
 * What the dashboard is computed from, as one string: the latest score written, the latest import
 * committed and the number of recruiter links. Any change to these changes the dashboard.
 * The parts are read as values and joined here: a time column is a number on SQLite and a
 * timestamptz on PostgreSQL (raw rows give both as epoch milliseconds).
 */
/** Raised when the Dashboard's fields change, so that snapshots stored before are computed again. */
const SNAPSHOT_SHAPE = 2;

async function dataVersion(db: Db, orgId: number): Promise<string> {
  const parts = await rawGet<{ scored: number | null; imported: number | null; links: number; merges: number }>(
    db,
    `select (select max(computed_at) from risk_scores where org_id = ?) as scored,
            (select max(committed_at) from imports where org_id = ?) as imported,
            (select count(*) from supplier_recruiters sr join recruiters r on r.id = sr.recruiter_id where r.org_id = ?) as links,
            (select count(*) + count(undone_at) from supplier_duplicate_decisions where org_id = ?) as merges`,
    orgId,
    orgId,
    orgId,
    orgId,
  );
  // A merge or its undo changes which records count (decision 033): each one, and each undo, moves "merges".
  return parts ? `${SNAPSHOT_SHAPE}:${parts.scored ?? 0}:${parts.imported ?? 0}:${parts.links}:${parts.merges}` : "";
}

/**
 * Computes the organisation's dashboard on this connection and stores it with the data version read
 * *before* computing: if the data changes meanwhile, the stored version is already behind and the
 * next view computes again, so a snapshot is never shown as current for data it has not seen. Runs
 * off the request thread: in the dashboard worker, or at the end of the job that changed the scores
 * (an import, a rescore), so that the first view after it finds the snapshot ready.
 */
export async function refreshDashboard(db: Db, orgId: number): Promise<Dashboard> {
  const version = await dataVersion(db, orgId);
  const data = await computeDashboard(db, orgId);
  const values = { version, data: data as unknown as Record<string, unknown>, computedAt: new Date() };
  await db.insert(dashboardSnapshots).values({ orgId, ...values }).onConflictDoUpdate({ target: dashboardSnapshots.orgId, set: values });
  return data;
}

/**
 * Up to this many suppliers, a dashboard behind its data is computed in the request: about 20 ms
 * at 1,000 suppliers (0.4 s at 20,000 would stall every other request of the process).
 */
const INLINE_UP_TO = 1000;

/** Per process: the computation under way for an organisation (a burst of views starts one). */
const computing = new Map<string, Promise<Dashboard>>();

function refreshInWorker(db: Db, orgId: number): Promise<Dashboard> {
  const key = `${databaseLocation(db)}#${orgId}`;
  let pending = computing.get(key);
  if (!pending) {
    pending = new Promise<Dashboard>((resolve, reject) => {
      const worker = startWorker("app/domain/dashboard/dashboard-worker.ts", { databasePath: databaseLocation(db), orgId });
      worker.once("message", (m: { data?: Dashboard; error?: string }) => (m.data ? resolve(m.data) : reject(new Error(m.error))));
      worker.once("error", reject);
      worker.once("exit", (code) => code !== 0 && reject(new Error(`the dashboard worker stopped (${code})`)));
    }).finally(() => computing.delete(key));
    computing.set(key, pending);
  }
  return pending;
}

/**
 * The dashboard of the company, and whether a newer version is being computed. A view reads the
 * stored snapshot (one row) and the data version. Behind its data, a small company's is computed
 * in the request; a larger one's stale snapshot is shown, marked as updating, while a worker
 * computes the new one (only its very first view waits for that, without blocking anyone else).
 */
export async function companyDashboard(db: Db, actor: Actor, orgId: number, options: { inlineUpTo?: number } = {}): Promise<Dashboard & { updating: boolean; importedAt: number | null }> {
  authorize(actor, "suppliers.view", { orgId });
  const [version, stored] = [await dataVersion(db, orgId), firstRow(await db.select().from(dashboardSnapshots).where(eq(dashboardSnapshots.orgId, orgId)))];
  // Whether there was an import is read live (one indexed max): a snapshot shown while a newer one
  // is computed must not say "No import yet" just after one (issue 17). The risers stay the
  // snapshot's, and the page says which import they are about.
  const importedAt = await lastImportAt(db, orgId);
  if (stored?.version === version) return { ...(stored.data as unknown as Dashboard), updating: false, importedAt };
  // Most companies are small: their aggregates take milliseconds, computed here and current at once
  // (no "updating" after recording an indicator, no wait for a worker thread to start on a first view).
  const inlineUpTo = options.inlineUpTo ?? INLINE_UP_TO;
  if (inlineUpTo > 0 && ((await rawGet<{ n: number }>(db, `select count(*) as n from suppliers where org_id = ? and merged_into_id is null`, orgId))?.n ?? 0) <= inlineUpTo) {
    return { ...(await refreshDashboard(db, orgId)), updating: false, importedAt };
  }
  const pending = refreshInWorker(db, orgId);
  if (stored) {
    pending.catch((error) => console.error(`dashboard of organisation ${orgId}:`, error));
    return { ...(stored.data as unknown as Dashboard), updating: true, importedAt };
  }
  return { ...(await pending), updating: false, importedAt };
}
