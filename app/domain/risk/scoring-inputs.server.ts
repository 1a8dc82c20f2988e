/**
 * Reads what a score depends on from the database, in bulk, as the plain inputs the scorer takes.
 * Lists are sorted so that the same facts always give the same inputs (and inputs hash).
 */
import { rawAll, rawColumn, type Db } from "#db/client";
import { auditObservations, mergeObservations } from "../audits/audit-observations.server";
import { confirmedWatchlistHits } from "../watchlists/watchlist-inputs.server";
import type { ObservedIndicator, RecruiterInputs, SupplierInputs } from "./types";

/**
 * Rows are read a page at a time (keyset on id) rather than with one open cursor: the caller
 * writes scores between pages on the same connection, which an open cursor would forbid, and a
 * million rows never sit in memory at once. The `+` before org_id keeps SQLite on the primary
 * key: through an (org_id, …) index it would sort the whole organisation again for every page.
 *
 * The pages are read on the raw writer connection (`db.$client`, ADR 022's bulk path), not
 * through the awaited helpers: the scorer consumes the rows one by one inside its chunk
 * transactions, and an async iterator would add an await per row (100k rows per organisation).
 * What is read once before the rows (recruiter links, watchlist hits, served scores) is awaited,
 * which is why supplierInputs and recruiterInputs are async and return the row iterator.
 */
const PAGE = 5_000;

function* pages<T extends { id: number }>(read: (afterId: number) => T[]): Generator<T> {
  let after = 0;
  for (;;) {
    const rows = read(after);
    yield* rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

const day = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 10));
const parse = <T>(json: string | null, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback);

export interface CurrentScore {
  id: number;
  /** The inputs hash of the entity's current score, or null when it was never scored. */
  currentHash: string | null;
  currentScore: number | null;
  currentBand: string | null;
}

interface SupplierRow {
  id: number;
  address: string | null;
  region: string | null;
  country: string | null;
  sector: string | null;
  products: string;
  workers_total: number | null;
  migrant_share: number | null;
  female_share: number | null;
  indicators: string;
  indicator_sources: string;
  last_import_id: number | null;
  created_at: number;
  updated_at: number | null;
  current_hash: string | null;
  risk_score: number | null;
  risk_band: string | null;
}

async function recruitersBySupplier(db: Db, orgId: number, supplierIds?: readonly number[]): Promise<Map<number, SupplierInputs["recruiters"]>> {
  // For a few suppliers (an indicator recorded, a finding saved) read only their links, not the organisation's.
  const only = supplierIds ? `and sr.supplier_id in (select value from json_each(?))` : "";
  const rows = await rawAll<{ supplier_id: number; id: number; licence_status: string; fees_charged_to_workers: number | null; certification: string | null }>(
    db,
    `select distinct sr.supplier_id, r.id, r.licence_status, r.fees_charged_to_workers, r.certification
       from supplier_recruiters sr join recruiters r on r.id = sr.recruiter_id
       where r.org_id = ? ${only} order by sr.supplier_id, r.id`,
    ...(supplierIds ? [orgId, JSON.stringify(supplierIds)] : [orgId]),
  );
  const map = new Map<number, SupplierInputs["recruiters"]>();
  for (const { supplier_id: supplierId, licence_status: licenceStatus, fees_charged_to_workers: fees, certification } of rows) {
    let list = map.get(supplierId);
    if (!list) map.set(supplierId, (list = []));
    list.push({ licenceStatus, feesChargedToWorkers: fees === null ? null : fees === 1, certification });
  }
  return map;
}

/**
 * The suppliers of one organisation (or the given ones) with their inputs and current score.
 * `now` decides which audits are recent enough to count as a mitigation.
 */
export async function supplierInputs(db: Db, orgId: number, supplierIds?: readonly number[], now = Date.now()): Promise<Generator<CurrentScore & { inputs: SupplierInputs }>> {
  const recruiters = await recruitersBySupplier(db, orgId, supplierIds);
  const audited = auditObservations(db, orgId, now, supplierIds);
  const watchlisted = await confirmedWatchlistHits(db, orgId, supplierIds);
  return supplierRows(db, orgId, supplierIds, recruiters, audited, watchlisted);
}

function* supplierRows(
  db: Db,
  orgId: number,
  supplierIds: readonly number[] | undefined,
  recruiters: Map<number, SupplierInputs["recruiters"]>,
  audited: ReturnType<typeof auditObservations>,
  watchlisted: Awaited<ReturnType<typeof confirmedWatchlistHits>>,
): Generator<CurrentScore & { inputs: SupplierInputs }> {
  const filter = supplierIds ? `and s.id in (select value from json_each(?))` : "";
  const statement = db.$client.prepare(
    `select s.id, s.address, s.region, s.country, s.sector, s.products, s.workers_total, s.migrant_share, s.female_share, s.indicators, s.indicator_sources,
            s.last_import_id, s.created_at, s.updated_at, rs.inputs_hash as current_hash, s.risk_score, s.risk_band
     from suppliers s left join risk_scores rs on rs.id = s.risk_score_id
     where s.id > ? and +s.org_id = ? ${filter} order by s.id limit ${PAGE}`,
  );
  const rows = pages<SupplierRow>((after) => (supplierIds ? statement.all(after, orgId, JSON.stringify(supplierIds)) : statement.all(after, orgId)) as SupplierRow[]);
  for (const row of rows) {
    const observedOn = day(row.updated_at ?? row.created_at);
    const source = row.last_import_id ? `supplier list, import ${row.last_import_id}` : "supplier list";
    const indicators: Record<string, ObservedIndicator> = {};
    const flags = parse<Record<string, boolean>>(row.indicators, {});
    const recorded = parse<Record<string, { source: string; date: string }>>(row.indicator_sources, {});
    for (const code of Object.keys(flags).sort()) {
      indicators[code] = { present: flags[code] === true, source: recorded[code]?.source ?? source, date: recorded[code]?.date ?? observedOn };
    }
    const audit = audited.get(row.id);
    yield {
      id: row.id,
      currentHash: row.current_hash,
      currentScore: row.risk_score,
      currentBand: row.risk_band,
      inputs: {
        country: row.country,
        // Left out when empty, so that a supplier without them keeps the inputs (and hash) it had.
        ...(row.address?.trim() ? { address: row.address } : {}),
        ...(row.region?.trim() ? { region: row.region } : {}),
        sector: row.sector,
        products: parse<string[]>(row.products, []).slice().sort(),
        workersTotal: row.workers_total,
        migrantShare: row.migrant_share,
        femaleShare: row.female_share,
        indicators: mergeObservations(indicators, audit),
        recruiters: recruiters.get(row.id) ?? [],
        mitigations: audit?.mitigations ?? {},
        // Left out when none, so that suppliers without a confirmed match keep their inputs hash.
        ...(watchlisted.has(row.id) ? { watchlist: watchlisted.get(row.id) } : {}),
      },
    };
  }
}

interface RecruiterRow {
  id: number;
  name_key: string | null;
  country: string | null;
  licence_status: string;
  fees_charged_to_workers: number | null;
  fee_amount: number | null;
  fee_currency: string | null;
  certification: string | null;
  origin_countries: string;
  current_hash: string | null;
  risk_score: number | null;
  risk_band: string | null;
}

/**
 * The recruiters of one organisation (or the given ones) with their inputs, after the suppliers
 * were scored (a recruiter's score depends on the suppliers it serves).
 */
export async function recruiterInputs(db: Db, orgId: number, recruiterIds?: readonly number[]): Promise<Generator<CurrentScore & { inputs: RecruiterInputs }>> {
  const served = new Map<number, (number | null)[]>();
  const onlyServed = recruiterIds ? `and sr.recruiter_id in (select value from json_each(?))` : "";
  const scores = await rawAll<{ recruiter_id: number; id: number; risk_score: number | null }>(
    db,
    `select distinct sr.recruiter_id, s.id, s.risk_score from supplier_recruiters sr
       join suppliers s on s.id = sr.supplier_id where s.org_id = ? ${onlyServed} order by sr.recruiter_id, s.id`,
    ...(recruiterIds ? [orgId, JSON.stringify(recruiterIds)] : [orgId]),
  );
  for (const { recruiter_id: recruiterId, risk_score: score } of scores) {
    let list = served.get(recruiterId);
    if (!list) served.set(recruiterId, (list = []));
    list.push(score);
  }
  // How many organisations list the same agency (same normalised name and country).
  // The count's column is unnamed (its name differs between engines): the row's two values, in order.
  const users = new Map(
    (await rawAll<Record<string, string | number>>(db, `select name_key, count(distinct org_id) from recruiters where name_key in (select name_key from recruiters where org_id = ?) group by name_key`, orgId)).map(
      (r) => Object.values(r) as [string, number],
    ),
  );
  const watchlisted = await confirmedWatchlistHits(db, orgId, recruiterIds, "recruiter");
  return recruiterRows(db, orgId, recruiterIds, served, users, watchlisted);
}

function* recruiterRows(
  db: Db,
  orgId: number,
  recruiterIds: readonly number[] | undefined,
  served: Map<number, (number | null)[]>,
  users: Map<string, number>,
  watchlisted: Awaited<ReturnType<typeof confirmedWatchlistHits>>,
): Generator<CurrentScore & { inputs: RecruiterInputs }> {
  const onlyRecruiters = recruiterIds ? `and r.id in (select value from json_each(?))` : "";
  const statement = db.$client.prepare(
    `select r.id, r.name_key, r.country, r.licence_status, r.fees_charged_to_workers, r.fee_amount, r.fee_currency, r.certification,
            r.origin_countries, rs.inputs_hash as current_hash, r.risk_score, r.risk_band
     from recruiters r left join risk_scores rs on rs.id = r.risk_score_id where r.id > ? and +r.org_id = ? ${onlyRecruiters} order by r.id limit ${PAGE}`,
  );
  const rows = pages<RecruiterRow>((after) => (recruiterIds ? statement.all(after, orgId, JSON.stringify(recruiterIds)) : statement.all(after, orgId)) as RecruiterRow[]);
  for (const row of rows) {
    yield {
      id: row.id,
      currentHash: row.current_hash,
      currentScore: row.risk_score,
      currentBand: row.risk_band,
      inputs: {
        country: row.country,
        licenceStatus: row.licence_status,
        feesChargedToWorkers: row.fees_charged_to_workers === null ? null : row.fees_charged_to_workers === 1,
        feeAmount: row.fee_amount,
        feeCurrency: row.fee_currency,
        certification: row.certification,
        originCountries: parse<string[]>(row.origin_countries, []).slice().sort(),
        complaints: 0,
        servedSupplierScores: served.get(row.id) ?? [],
        organisationsUsing: (row.name_key && users.get(row.name_key)) || 1,
        ...(watchlisted.has(row.id) ? { watchlist: watchlisted.get(row.id) } : {}),
      },
    };
  }
}

/** Organisations that own suppliers or recruiters (the ones a platform-wide rescore visits). */
export async function scoredOrganisations(db: Db): Promise<number[]> {
  return await rawColumn<number>(db, `select id from organisations where type = 'company' order by id`);
}

/** Suppliers plus recruiters, of one organisation or of the whole platform (the totals progress counts towards). */
export async function countScoredEntities(db: Db, orgId?: number): Promise<number> {
  if (orgId === undefined) return (await rawColumn<number>(db, `select (select count(*) from suppliers) + (select count(*) from recruiters)`))[0] ?? 0;
  return (await rawColumn<number>(db, `select (select count(*) from suppliers where org_id = ?) + (select count(*) from recruiters where org_id = ?)`, orgId, orgId))[0] ?? 0;
}
