/**
 * Computes and stores scores. A new history row is written only when what the score rests on
 * changed (the inputs hash covers the inputs, the methodology version and the reference
 * editions); the entity's current score is copied onto its row for fast lists. Writes go in
 * small transactions, each one consistent (history row and current score together), so that an
 * interrupted batch leaves every entity either on its old score or on its new one, and running
 * it again finishes the job with the same result.
 */
import { inTransaction, rawColumn, type Db } from "#db/client";
import { loadReferenceData } from "../reference/reference-data.server";
import { hashedInputs } from "./inputs-hash.server";
import { compactFactors } from "./stored-factors";
import { activeMethodology, type ActiveMethodology } from "./methodology-store.server";
import { FLOOR_CODES } from "./score-common";
import { scoreRecruiter } from "./score-recruiter";
import { scoreSupplier } from "./score-supplier";
import { recruiterInputs, supplierInputs, type CurrentScore } from "./scoring-inputs.server";
import type { ReferenceData, ScoreResult } from "./types";

export interface ScoringContext {
  methodology: ActiveMethodology;
  reference: ReferenceData;
}

export async function scoringContext(db: Db): Promise<ScoringContext> {
  return { methodology: await activeMethodology(db), reference: await loadReferenceData(db) };
}

export interface ScoringOutcome {
  scored: number;
  changed: number;
}

const CHUNK = 2_000;

/** One entity's new score, written as soon as it is computed (inside its chunk's transaction). */
interface Pending {
  id: number;
  result: ScoreResult;
  /** The inputs as canonical JSON (stored as they were hashed). */
  inputs: string;
  hash: string;
  /** Score and band as on the entity's row already: the listed (indexed) columns are left alone. */
  unchanged: boolean;
}

/** The observed or known factors that add points (the score's drivers), as the dashboard counts them; expected values of unknown lines are not drivers. */
const driverCodes = (r: ScoreResult) =>
  r.factors
    .filter((f) => f.contribution > 0 && f.known && !FLOOR_CODES.has(f.code))
    .map((f) => f.code)
    .join(",");

/**
 * The score writer stays on the raw writer connection (ADR 022's bulk path): it runs once per
 * changed entity inside a chunk's transaction (100k times for a large organisation), where an
 * awaited statement per row would cost the batch its speed.
 */
function writer(db: Db, orgId: number, entity: "supplier" | "recruiter", context: ScoringContext, cause: string, now: number) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `insert into risk_scores (org_id, entity_type, entity_id, score, band, confidence, score_low, score_high, red_flags, factors, methodology_id, reference_versions, inputs, inputs_hash, cause, computed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const table = entity === "supplier" ? "suppliers" : "recruiters";
  // Suppliers also carry the dashboard's drivers; both carry the range.
  const extra = entity === "supplier" ? ", risk_drivers = ?, risk_score_low = ?, risk_score_high = ?" : ", risk_score_low = ?, risk_score_high = ?";
  // risk_score and risk_band are in the list indexes (organisation × score, × band): when a new
  // score row leaves them as they were (a new method version often does), the update does not
  // name them, and SQLite leaves those indexes untouched.
  const update = sqlite.prepare(`update ${table} set risk_score = ?, risk_band = ?, risk_confidence = ?, risk_red_flags = ?, risk_score_id = ?${extra} where id = ? and org_id = ?`);
  const keep = sqlite.prepare(`update ${table} set risk_confidence = ?, risk_red_flags = ?, risk_score_id = ?${extra} where id = ? and org_id = ?`);
  const versions = JSON.stringify(context.reference.versionIds);
  const m = context.methodology.methodology;
  return (p: Pending) => {
    const r = p.result;
    const { lastInsertRowid } = insert.run(orgId, entity, p.id, r.score, r.band, r.confidence, r.range.low, r.range.high, JSON.stringify(r.redFlags), JSON.stringify(compactFactors(r.factors, m, entity)), context.methodology.id, versions, p.inputs, p.hash, cause, now);
    const tail = entity === "supplier" ? [driverCodes(r), r.range.low, r.range.high, p.id, orgId] : [r.range.low, r.range.high, p.id, orgId];
    if (p.unchanged) keep.run(r.confidence, r.redFlags.length, lastInsertRowid, ...tail);
    else update.run(r.score, r.band, r.confidence, r.redFlags.length, lastInsertRowid, ...tail);
  };
}

/**
 * Entities are taken CHUNK at a time, each chunk in one transaction, and every new score is
 * written as soon as it is computed: no chunk of results waits in memory (which made the garbage
 * collector promote and then sweep every breakdown), and each transaction still holds whole
 * entities only (history row and current score together).
 */
async function scoreAll<I extends object>(
  db: Db,
  entities: Iterable<CurrentScore & { inputs: I }>,
  kind: "supplier" | "recruiter",
  score: (inputs: I) => ScoreResult,
  context: ScoringContext,
  write: (p: Pending) => void,
  onProgress?: (scored: number) => void | Promise<void>,
): Promise<ScoringOutcome> {
  const version = context.methodology.version;
  const ids = context.reference.versionIds;
  let scored = 0;
  let changed = 0;
  const iterator = entities[Symbol.iterator]();
  let finished = false;
  const chunk = () => {
    for (let n = 0; n < CHUNK; n++) {
      const next = iterator.next();
      if (next.done) {
        finished = true;
        return;
      }
      const entity = next.value;
      scored++;
      const { hash, json } = hashedInputs(kind, entity.inputs, version, ids);
      if (hash === entity.currentHash) continue;
      const result = score(entity.inputs);
      write({ id: entity.id, inputs: json, hash, result, unchanged: result.score === entity.currentScore && result.band === entity.currentBand });
      changed++;
    }
  };
  try {
    while (!finished) {
      await inTransaction(db, chunk);
      if (!finished) await onProgress?.(scored);
    }
  } finally {
    iterator.return?.();
  }
  await onProgress?.(scored);
  return { scored, changed };
}

/**
 * Scores an organisation's suppliers (all, or the given ones), then its recruiters (whose score
 * depends on the suppliers they serve). Returns how many were scored and how many changed.
 */
export async function scoreOrganisation(
  db: Db,
  orgId: number,
  options: { cause: string; supplierIds?: readonly number[]; context?: ScoringContext; now?: number; onProgress?: (scored: number) => void | Promise<void> },
): Promise<ScoringOutcome> {
  const context = options.context ?? await scoringContext(db);
  const now = options.now ?? Date.now();
  // A whole organisation: a larger page cache for the run (the list indexes and the history's
  // entity index are updated all over), given back afterwards. A few suppliers need none of it.
  if (options.supplierIds) return await scoreEntities(db, orgId, options, context, now);
  const sqlite = db.$writer;
  const cacheSize = sqlite.pragma("cache_size", { simple: true }) as number;
  sqlite.pragma(`cache_size = ${BATCH_CACHE_KIB}`);
  try {
    return await scoreEntities(db, orgId, options, context, now);
  } finally {
    sqlite.pragma(`cache_size = ${cacheSize}`);
  }
}

/** Page cache for a whole-organisation run, in KiB (negative: SQLite's unit for KiB). */
const BATCH_CACHE_KIB = -32_000;

async function scoreEntities(
  db: Db,
  orgId: number,
  options: { cause: string; supplierIds?: readonly number[]; onProgress?: (scored: number) => void | Promise<void> },
  context: ScoringContext,
  now: number,
): Promise<ScoringOutcome> {
  const m = context.methodology.methodology;
  const suppliers = await scoreAll(
      db,
      await supplierInputs(db, orgId, options.supplierIds, now),
      "supplier",
      (inputs) => scoreSupplier(inputs, m, context.reference),
      context,
      writer(db, orgId, "supplier", context, options.cause, now),
      options.onProgress,
    );
  // Scoring a few suppliers moves only the recruiters that serve them.
  const recruiterIds = options.supplierIds
    ? await rawColumn<number>(db, `select distinct recruiter_id from supplier_recruiters where supplier_id in (select value from json_each(?)) order by recruiter_id`, JSON.stringify(options.supplierIds))
    : undefined;
  const recruiters = await scoreAll(
      db,
      await recruiterInputs(db, orgId, recruiterIds),
      "recruiter",
      (inputs) => scoreRecruiter(inputs, m, context.reference),
      context,
      writer(db, orgId, "recruiter", context, options.cause, now),
      options.onProgress && ((n) => options.onProgress!(suppliers.scored + n)),
    );
  return { scored: suppliers.scored + recruiters.scored, changed: suppliers.changed + recruiters.changed };
}
