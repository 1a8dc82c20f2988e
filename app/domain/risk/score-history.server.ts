/**
 * The stored scores of one supplier or recruiter, oldest first, and one stored score with its
 * breakdown. These read by entity id only: the caller has already authorised the actor for the
 * entity's organisation (supplierDetail, recruiterDetail, the shared view) and passes the org id
 * where it has it, as a second guard.
 */
import { rawAll, rawGet, type Db } from "#db/client";
import { readFactors } from "./methodology-store.server";
import type { ScoredEntity } from "#db/schema";
import type { Factor } from "./types";

export interface HistoryEntry {
  id: number;
  /** Milliseconds since the epoch (UTC). */
  at: number;
  score: number;
  band: string;
  confidence: number;
  cause: string;
  methodologyVersion: string;
}

/** The latest `limit` scores of the entity, returned oldest first (the order a chart draws). */
export async function scoreHistory(db: Db, entityType: ScoredEntity, entityId: number, limit = 200): Promise<HistoryEntry[]> {
  const rows = await rawAll<HistoryEntry>(
    db,
    `select r.id, r.computed_at as at, r.score, r.band, r.confidence, r.cause, m.version as methodologyVersion
       from risk_scores r join methodologies m on m.id = r.methodology_id
       where r.entity_type = ? and r.entity_id = ?
       order by r.computed_at desc, r.id desc
       limit ?`,
    entityType,
    entityId,
    Math.max(1, Math.min(5000, Math.floor(limit)))
  );
  return rows.reverse();
}

export interface StoredScore {
  id: number;
  score: number;
  band: string;
  confidence: number;
  /** The range (every unknown absent / present); null for scores stored before methodology 2 shipped. */
  scoreLow: number | null;
  scoreHigh: number | null;
  redFlags: string[];
  factors: Factor[];
  inputsHash: string;
  cause: string;
  computedAt: number;
  methodologyVersion: string;
  methodologyName: string;
  referenceVersions: number[];
  /** The reference editions the score used, as people name them. */
  references: { id: number; name: string; edition: string }[];
}

/** One stored score with its factors, or null; only if it belongs to `orgId` and the entity. */
export async function storedScore(db: Db, orgId: number, entityType: ScoredEntity, entityId: number, scoreId: number | null): Promise<StoredScore | null> {
  if (scoreId === null) return null;
  const row = await rawGet<Omit<StoredScore, "redFlags" | "factors" | "referenceVersions"> & { redFlags: string; factors: string; referenceVersions: string; methodologyId: number }>(
    db,
    `select r.id, r.score, r.band, r.confidence, r.score_low as scoreLow, r.score_high as scoreHigh, r.red_flags as redFlags, r.factors, r.inputs_hash as inputsHash, r.cause, r.computed_at as computedAt,
              r.reference_versions as referenceVersions, r.methodology_id as methodologyId, m.version as methodologyVersion, m.name as methodologyName
       from risk_scores r join methodologies m on m.id = r.methodology_id
       where r.id = ? and r.org_id = ? and r.entity_type = ? and r.entity_id = ?`,
    scoreId,
    orgId,
    entityType,
    entityId
  );
  if (!row) return null;
  const referenceVersions = JSON.parse(row.referenceVersions) as number[];
  const { methodologyId, ...rest } = row;
  return { ...rest, redFlags: JSON.parse(row.redFlags) as string[], factors: await readFactors(db, methodologyId, entityType, row.factors), referenceVersions, references: await referenceEditions(db, referenceVersions) };
}

/** Names and editions of reference_sources rows, in the order given. */
export async function referenceEditions(db: Db, ids: number[]): Promise<{ id: number; name: string; edition: string }[]> {
  const wanted = ids.filter((id) => Number.isSafeInteger(id)).slice(0, 100);
  if (wanted.length === 0) return [];
  const rows = await rawAll<{ id: number; name: string; edition: string }>(db, `select id, name, edition from reference_sources where id in (${wanted.map(() => "?").join(",")})`, ...wanted);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return wanted.flatMap((id) => byId.get(id) ?? []);
}
