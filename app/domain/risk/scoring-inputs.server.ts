/**
 * Reads what a score depends on from the database, in bulk, as the plain inputs the scorer takes.
 * Lists are sorted so that the same facts always give the same inputs (and inputs hash).
 */
import { rawAll, rawColumn, type Db } from "#db/client";
import { auditObservations, mergeObservations, type AuditObservations } from "../audits/audit-observations.server";
import { selfReportedObservations } from "../questionnaires/score-inputs.server";
import { thirdPartyObservations, type ThirdPartyObservations } from "../third-party-audits/observations.server";
import { grievanceChannelMitigations } from "../grievances/channel-mitigation.server";
import { grievanceObservations, mergeGrievanceObservations } from "../grievances/observations.server";
import { confirmedWatchlistHits } from "../watchlists/watchlist-inputs.server";
import { mergeSelfReported } from "./observation-basis";
import type { ObservedIndicator, RecruiterInputs, SupplierInputs } from "./types";

/**
 * Rows are read a page at a time (keyset on id) rather than with one open cursor: the caller
 * writes scores between pages in the same transaction, which an open cursor would forbid, and a
 * million rows never sit in memory at once. The `+` before org_id keeps SQLite on the primary
 * key: through an (org_id, …) index it would sort the whole organisation again for every page.
 *
 * The rows come as an async generator of pages (one awaited read per PAGE rows, never one per
 * row), read through the routed raw helpers, so that they run in the caller's transaction on
 * either engine. What is read once before the rows (recruiter links, audits, watchlist hits,
 * served scores) is awaited by supplierInputs and recruiterInputs, which return the generator.
 */
const PAGE = 5_000;

/** Ids per `in (?, ?, …)` list: well under either engine's limit on bound parameters. */
const IDS_PER_STATEMENT = 500;

/** The ids, sorted and without repeats, in lists of at most IDS_PER_STATEMENT (none for none). */

/** What an entity's stored score is (to tell whether scoring it again changes anything). */
function stored(row: { id: number; current_hash: string | null; risk_score: number | null; risk_band: string | null }) {
  return { id: row.id, currentHash: row.current_hash, currentScore: row.risk_score, currentBand: row.risk_band };
}

export function idChunks(ids: readonly number[]): number[][] {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  const chunks: number[][] = [];
  for (let i = 0; i < sorted.length; i += IDS_PER_STATEMENT) chunks.push(sorted.slice(i, i + IDS_PER_STATEMENT));
  return chunks;
}

/** `?, ?, …` for an `in (…)` list of n values. */
export const placeholders = (n: number) => Array.from({ length: n }, () => "?").join(", ");

/**
 * The rows of `select(inList)`, a statement that takes `afterId, orgId` and then, with ids, the
 * values of `inList` (`in (?, …)`, or null for all), in id order, a page at a time. With ids, a
 * list of IDS_PER_STATEMENT ids is one statement (fewer rows than a page); without, keyset pages.
 */
async function* pages<T extends { id: number }>(db: Db, select: (inList: string | null) => string, orgId: number, ids: readonly number[] | undefined): AsyncGenerator<T[]> {
  if (ids) {
    for (const chunk of idChunks(ids)) {
      const rows = await rawAll<T>(db, select(`in (${placeholders(chunk.length)})`), 0, orgId, ...chunk);
      if (rows.length) yield rows;
    }
    return;
  }
  const sqlText = select(null);
  let after = 0;
  for (;;) {
    const rows = await rawAll<T>(db, sqlText, after, orgId);
    if (rows.length) yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

/** The entities of one organisation (or the given ones), a page at a time, in id order. */
export type EntityPages<I> = AsyncGenerator<(CurrentScore & { inputs: I })[]>;

const day = (ms: number | null) => (ms === null ? "" : new Date(ms).toISOString().slice(0, 10));
const parse = <T>(json: string | null, fallback: T): T => (json ? (JSON.parse(json) as T) : fallback);

export interface CurrentScore {
  id: number;
  /** The inputs hash of the entity's current score, or null when it was never scored. */
  currentHash: string | null;
  currentScore: number | null;
  currentBand: string | null;
}

type GrievanceChannel = Awaited<ReturnType<typeof grievanceChannelMitigations>>;
type GrievanceCases = Awaited<ReturnType<typeof grievanceObservations>>;

/**
 * A supplier's own answers as observations (basis "self-reported", methodology 2.2, decision 031),
 * by supplier id. The questionnaire (issue 20 item 2) is their source; until it feeds them in, no
 * supplier has any, and the inputs (and hashes) are exactly those of before.
 */
/**
 * The audits by others (SMETA, BSCI, a labour inspection…) the buyer may rely on, folded into the
 * inspectorate's audit observations: an indicator the platform's own audit saw stays as it saw it
 * unless the other audit found it present; the inspectorate's verdict on the mitigation, when it
 * has one, stands (a clean audit elsewhere does not cancel a critical finding here).
 */
function combineAudits(own: AuditObservations | undefined, others: ThirdPartyObservations): AuditObservations {
  const indicators = mergeObservations(others.indicators as Record<string, ObservedIndicator>, own ? { indicators: own.indicators, mitigations: {} } : undefined);
  return { indicators, mitigations: { ...others.mitigations, ...own?.mitigations } };
}

/** The supplier's own questionnaire answers (shared with this buyer, still current) as self-reported indicators. */
async function suppliersOwnAnswers(db: Db, orgId: number, now: number, supplierIds?: readonly number[]): Promise<SelfReportedAnswers> {
  const out: SelfReportedAnswers = new Map();
  for (const [id, indicators] of await selfReportedObservations(db, orgId, now, supplierIds)) out.set(id, { indicators, mitigations: {} });
  return out;
}

export type SelfReportedAnswers = Map<number, { indicators: Record<string, ObservedIndicator>; mitigations: Record<string, ObservedIndicator> }>;

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
  type Link = { supplier_id: number; id: number; licence_status: string; fees_charged_to_workers: number | null; certification: string | null };
  const select = (inList: string | null) =>
    `select distinct sr.supplier_id, r.id, r.licence_status, r.fees_charged_to_workers, r.certification
       from supplier_recruiters sr join recruiters r on r.id = sr.recruiter_id
       where r.org_id = ? ${inList ? `and sr.supplier_id ${inList}` : ""} order by sr.supplier_id, r.id`;
  // Each supplier's links are read by one statement, so its list keeps its order.
  const rows: Link[] = [];
  if (!supplierIds) rows.push(...(await rawAll<Link>(db, select(null), orgId)));
  else for (const chunk of idChunks(supplierIds)) rows.push(...(await rawAll<Link>(db, select(`in (${placeholders(chunk.length)})`), orgId, ...chunk)));
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
export async function supplierInputs(db: Db, orgId: number, supplierIds?: readonly number[], now = Date.now()): Promise<EntityPages<SupplierInputs>> {
  const recruiters = await recruitersBySupplier(db, orgId, supplierIds);
  const audited = await auditObservations(db, orgId, now, supplierIds);
  const watchlisted = await confirmedWatchlistHits(db, orgId, supplierIds);
  const channel = await grievanceChannelMitigations(db, orgId, now, supplierIds);
  const cases = await grievanceObservations(db, orgId, supplierIds);
  const answers = await suppliersOwnAnswers(db, orgId, now, supplierIds);
  const thirdParty = await thirdPartyObservations(db, orgId, now, supplierIds);
  for (const [id, found] of thirdParty) audited.set(id, combineAudits(audited.get(id), found));
  return supplierRows(db, orgId, supplierIds, recruiters, audited, watchlisted, channel, cases, answers);
}

async function* supplierRows(
  db: Db,
  orgId: number,
  supplierIds: readonly number[] | undefined,
  recruiters: Map<number, SupplierInputs["recruiters"]>,
  audited: Awaited<ReturnType<typeof auditObservations>>,
  watchlisted: Awaited<ReturnType<typeof confirmedWatchlistHits>>,
  channel: GrievanceChannel,
  cases: GrievanceCases,
  answers: SelfReportedAnswers,
): EntityPages<SupplierInputs> {
  const select = (inList: string | null) =>
    `select s.id, s.address, s.region, s.country, s.sector, s.products, s.workers_total, s.migrant_share, s.female_share, s.indicators, s.indicator_sources,
            s.last_import_id, s.created_at, s.updated_at, rs.inputs_hash as current_hash, s.risk_score, s.risk_band
     from suppliers s left join risk_scores rs on rs.id = s.risk_score_id
     where s.id > ? and +s.org_id = ? and s.merged_into_id is null ${inList ? `and s.id ${inList}` : ""} order by s.id limit ${PAGE}`;
  for await (const rows of pages<SupplierRow>(db, select, orgId, supplierIds)) yield rows.map((row) => supplierEntity(row, recruiters, audited, watchlisted, channel, cases, answers));
}

function supplierEntity(
  row: SupplierRow,
  recruiters: Map<number, SupplierInputs["recruiters"]>,
  audited: Awaited<ReturnType<typeof auditObservations>>,
  watchlisted: Awaited<ReturnType<typeof confirmedWatchlistHits>>,
  channel: GrievanceChannel,
  cases: GrievanceCases,
  answers: SelfReportedAnswers,
): CurrentScore & { inputs: SupplierInputs } {
  const observedOn = day(row.updated_at ?? row.created_at);
  const source = row.last_import_id ? `supplier list, import ${row.last_import_id}` : "supplier list";
  const indicators: Record<string, ObservedIndicator> = {};
  const flags = parse<Record<string, boolean>>(row.indicators, {});
  const recorded = parse<Record<string, { source: string; date: string }>>(row.indicator_sources, {});
  for (const code of Object.keys(flags).sort()) {
    indicators[code] = { present: flags[code] === true, source: recorded[code]?.source ?? source, date: recorded[code]?.date ?? observedOn };
  }
  const audit = audited.get(row.id);
  const own = answers.get(row.id);
  return {
    ...stored(row),
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
      // Substantiated grievance cases hold even where the list or a person later wrote "no" (observations.server.ts).
      // The supplier's own answers last: every verified observation replaces them (observation-basis.ts).
      indicators: mergeSelfReported(mergeGrievanceObservations(mergeObservations(indicators, audit), cases.get(row.id)), own?.indicators),
      recruiters: recruiters.get(row.id) ?? [],
      // The grievance channel is computed from the platform's grievances (never ticked by hand): every
      // supplier has it, present or absent with the reason (channel-mitigation.server.ts).
      mitigations: mergeSelfReported({ ...audit?.mitigations, grievance_channel: channel(row.id) }, own?.mitigations, "mitigation"),
      // Left out when none, so that suppliers without a confirmed match keep their inputs hash.
      ...(watchlisted.has(row.id) ? { watchlist: watchlisted.get(row.id) } : {}),
    },
  };
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
export async function recruiterInputs(db: Db, orgId: number, recruiterIds?: readonly number[]): Promise<EntityPages<RecruiterInputs>> {
  const served = new Map<number, (number | null)[]>();
  type Served = { recruiter_id: number; id: number; risk_score: number | null };
  const select = (inList: string | null) =>
    `select distinct sr.recruiter_id, s.id, s.risk_score from supplier_recruiters sr
       join suppliers s on s.id = sr.supplier_id where s.org_id = ? and s.merged_into_id is null ${inList ? `and sr.recruiter_id ${inList}` : ""} order by sr.recruiter_id, s.id`;
  // Each recruiter's suppliers are read by one statement, so its list keeps its order.
  const scores: Served[] = [];
  if (!recruiterIds) scores.push(...(await rawAll<Served>(db, select(null), orgId)));
  else for (const chunk of idChunks(recruiterIds)) scores.push(...(await rawAll<Served>(db, select(`in (${placeholders(chunk.length)})`), orgId, ...chunk)));
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

async function* recruiterRows(
  db: Db,
  orgId: number,
  recruiterIds: readonly number[] | undefined,
  served: Map<number, (number | null)[]>,
  users: Map<string, number>,
  watchlisted: Awaited<ReturnType<typeof confirmedWatchlistHits>>,
): EntityPages<RecruiterInputs> {
  const select = (inList: string | null) =>
    `select r.id, r.name_key, r.country, r.licence_status, r.fees_charged_to_workers, r.fee_amount, r.fee_currency, r.certification,
            r.origin_countries, rs.inputs_hash as current_hash, r.risk_score, r.risk_band
     from recruiters r left join risk_scores rs on rs.id = r.risk_score_id where r.id > ? and +r.org_id = ? ${inList ? `and r.id ${inList}` : ""} order by r.id limit ${PAGE}`;
  for await (const rows of pages<RecruiterRow>(db, select, orgId, recruiterIds)) {
    yield rows.map((row) => ({
      ...stored(row),
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
    }));
  }
}

/** Organisations that own suppliers or recruiters (the ones a platform-wide rescore visits). */
export async function scoredOrganisations(db: Db): Promise<number[]> {
  return await rawColumn<number>(db, `select id from organisations where type = 'company' order by id`);
}

/** Suppliers plus recruiters, of one organisation or of the whole platform (the totals progress counts towards). */
export async function countScoredEntities(db: Db, orgId?: number): Promise<number> {
  if (orgId === undefined) return (await rawColumn<number>(db, `select (select count(*) from suppliers where merged_into_id is null) + (select count(*) from recruiters)`))[0] ?? 0;
  return (await rawColumn<number>(db, `select (select count(*) from suppliers where org_id = ? and merged_into_id is null) + (select count(*) from recruiters where org_id = ?)`, orgId, orgId))[0] ?? 0;
}
