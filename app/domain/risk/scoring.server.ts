/**
 * Computes and stores scores. A new history row is written only when what the score rests on
 * changed (the inputs hash covers the inputs, the methodology version and the reference
 * editions); the entity's current score is copied onto its row for fast lists. Writes go in
 * small transactions, each one consistent (history row and current score together), so that an
 * interrupted batch leaves every entity either on its old score or on its new one, and running
 * it again finishes the job with the same result.
 */
import { inTransaction, type Db } from "#db/client";
import { loadReferenceData } from "../reference/reference-data.server";
import { inputsHash } from "./inputs-hash.server";
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

export function scoringContext(db: Db): ScoringContext {
  return { methodology: activeMethodology(db), reference: loadReferenceData(db) };
}

export interface ScoringOutcome {
  scored: number;
  changed: number;
}

const CHUNK = 2_000;

interface Pending {
  id: number;
  result: ScoreResult;
  inputs: object;
  hash: string;
}

/** The observed or known factors that add points (the score's drivers), as the dashboard counts them; expected values of unknown lines are not drivers. */
const driverCodes = (r: ScoreResult) =>
  r.factors
    .filter((f) => f.contribution > 0 && f.known && !FLOOR_CODES.has(f.code))
    .map((f) => f.code)
    .join(",");

function writer(db: Db, orgId: number, entity: "supplier" | "recruiter", context: ScoringContext, cause: string, now: number) {
  const sqlite = db.$client;
  const insert = sqlite.prepare(
    `insert into risk_scores (org_id, entity_type, entity_id, score, band, confidence, score_low, score_high, red_flags, factors, methodology_id, reference_versions, inputs, inputs_hash, cause, computed_at)
     values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const table = entity === "supplier" ? "suppliers" : "recruiters";
  const drivers = entity === "supplier" ? ", risk_drivers = ?, risk_score_low = ?, risk_score_high = ?" : "";
  const update = sqlite.prepare(`update ${table} set risk_score = ?, risk_band = ?, risk_confidence = ?, risk_red_flags = ?, risk_score_id = ?${drivers} where id = ? and org_id = ?`);
  const versions = JSON.stringify(context.reference.versionIds);
  return (batch: Pending[]) => inTransaction(db, () => {
    for (const p of batch) {
      const r = p.result;
      const { lastInsertRowid } = insert.run(orgId, entity, p.id, r.score, r.band, r.confidence, r.range.low, r.range.high, JSON.stringify(r.redFlags), JSON.stringify(compactFactors(r.factors, context.methodology.methodology, entity)), context.methodology.id, versions, JSON.stringify(p.inputs), p.hash, cause, now);
      if (drivers) update.run(r.score, r.band, r.confidence, r.redFlags.length, lastInsertRowid, driverCodes(r), r.range.low, r.range.high, p.id, orgId);
      else update.run(r.score, r.band, r.confidence, r.redFlags.length, lastInsertRowid, p.id, orgId);
    }
  });
}

function scoreAll<I extends object>(
  entities: Iterable<CurrentScore & { inputs: I }>,
  kind: "supplier" | "recruiter",
  score: (inputs: I) => ScoreResult,
  context: ScoringContext,
  write: (batch: Pending[]) => void,
  onProgress?: (scored: number) => void,
): ScoringOutcome {
  const version = context.methodology.version;
  const ids = context.reference.versionIds;
  let scored = 0;
  let changed = 0;
  let batch: Pending[] = [];
  for (const entity of entities) {
    scored++;
    const hash = inputsHash(kind, entity.inputs, version, ids);
    if (hash !== entity.currentHash) {
      batch.push({ id: entity.id, inputs: entity.inputs, hash, result: score(entity.inputs) });
      changed++;
    }
    if (batch.length >= CHUNK) {
      write(batch);
      batch = [];
    }
    if (onProgress && scored % CHUNK === 0) onProgress(scored);
  }
  if (batch.length) write(batch);
  onProgress?.(scored);
  return { scored, changed };
}

/**
 * Scores an organisation's suppliers (all, or the given ones), then its recruiters (whose score
 * depends on the suppliers they serve). Returns how many were scored and how many changed.
 */
export function scoreOrganisation(
  db: Db,
  orgId: number,
  options: { cause: string; supplierIds?: readonly number[]; context?: ScoringContext; now?: number; onProgress?: (scored: number) => void },
): ScoringOutcome {
  const context = options.context ?? scoringContext(db);
  const now = options.now ?? Date.now();
  const m = context.methodology.methodology;
  const suppliers = scoreAll(
    supplierInputs(db, orgId, options.supplierIds, now),
    "supplier",
    (inputs) => scoreSupplier(inputs, m, context.reference),
    context,
    writer(db, orgId, "supplier", context, options.cause, now),
    options.onProgress,
  );
  // Scoring a few suppliers moves only the recruiters that serve them.
  const recruiterIds = options.supplierIds
    ? (db.$client.prepare(`select distinct recruiter_id from supplier_recruiters where supplier_id in (select value from json_each(?)) order by recruiter_id`).raw().all(JSON.stringify(options.supplierIds)) as [number][]).map(([id]) => id)
    : undefined;
  const recruiters = scoreAll(
    recruiterInputs(db, orgId, recruiterIds),
    "recruiter",
    (inputs) => scoreRecruiter(inputs, m, context.reference),
    context,
    writer(db, orgId, "recruiter", context, options.cause, now),
    options.onProgress && ((n) => options.onProgress!(suppliers.scored + n)),
  );
  return { scored: suppliers.scored + recruiters.scored, changed: suppliers.changed + recruiters.changed };
}
