/**
 * Computes and stores scores. A new history row is written only when what the score rests on
 * changed (the inputs hash covers the inputs, the methodology version and the reference
 * editions); the entity's current score is copied onto its row for fast lists. Writes go in
 * small transactions, each one consistent (history row and current score together), so that an
 * interrupted batch leaves every entity either on its old score or on its new one, and running
 * it again finishes the job with the same result.
 */
import { engineKind, inTransaction, rawAll, rawColumn, rawRun, type Db } from "#db/client";
import { loadReferenceData } from "../reference/reference-data.server";
import { hashedInputs } from "./inputs-hash.server";
import { compactFactors } from "./stored-factors";
import { activeMethodology, type ActiveMethodology } from "./methodology-store.server";
import { bandRose, FLOOR_CODES } from "./score-common";
import { scoreRecruiter } from "./score-recruiter";
import { scoreSupplier } from "./score-supplier";
import { idChunks, placeholders, recruiterInputs, supplierInputs, type EntityPages } from "./scoring-inputs.server";
import type { ReferenceData, ScoreResult } from "./types";
import { emitWebhookEvent, hasWebhookSubscribers } from "../webhooks/subscriptions.server";

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

/** How many new scores one multi-row insert writes (16 values each: well under either engine's limit). */
const WRITE_BATCH = 512;

/**
 * n as a sum of powers of two, largest first: multi-row statements are written for these sizes
 * only, so that a few statements are prepared and cached, not one per row count.
 */
function sizes(n: number): number[] {
  const out: number[] = [];
  for (let size = WRITE_BATCH; size >= 1; size /= 2) if (n & size) out.push(size);
  return out;
}

/** One entity's new score, written with its batch (inside its chunk's transaction). */
interface Pending {
  id: number;
  result: ScoreResult;
  /** The inputs as canonical JSON (stored as they were hashed). */
  inputs: string;
  hash: string;
  /** Score and band as on the entity's row already: the listed (indexed) columns are left alone. */
  unchanged: boolean;
  /** The band of the score this one replaces (the entity's latest), null for its first score. */
  before: string | null;
}

/** The observed or known factors that add points (the score's drivers), as the dashboard counts them; expected values of unknown lines are not drivers. */
const driverCodes = (r: ScoreResult) =>
  r.factors
    .filter((f) => f.contribution > 0 && f.known && !FLOOR_CODES.has(f.code))
    .map((f) => f.code)
    .join(",");

/**
 * The score writer: a batch of new scores is one multi-row insert of history rows (returning
 * their ids), then each entity's current score is copied onto its row. It runs inside a chunk's
 * transaction, through the routed data layer, so on either engine.
 */
function writer(db: Db, orgId: number, entity: "supplier" | "recruiter", context: ScoringContext, cause: string, now: number) {
  const table = entity === "supplier" ? "suppliers" : "recruiters";
  // risk_score and risk_band are in the list indexes (organisation × score, × band): when a new
  // score row leaves them as they were (a new method version often does), the update does not
  // name them, and SQLite leaves those indexes untouched. Suppliers also carry the dashboard's
  // drivers and the band their new score replaced, with when it rose if it did (the company
  // home's "band rises", read through a partial index of the rises alone; naming risk_rose_at
  // costs that index nothing while it stays null); both carry the range.
  const kept: [string, string][] = [
    ["risk_confidence", "double precision"],
    ["risk_red_flags", "integer"],
    ["risk_score_id", "integer"],
    ...(entity === "supplier"
      ? ([
          ["risk_drivers", "text"],
          ["risk_band_before", "text"],
          ["risk_rose_at", "timestamptz"],
        ] as [string, string][])
      : []),
    ["risk_score_low", "double precision"],
    ["risk_score_high", "double precision"],
  ];
  const moved: [string, string][] = [["risk_score", "double precision"], ["risk_band", "text"], ...kept];
  // The rows' new values as a VALUES list joined on id. Each value is cast so that PostgreSQL
  // knows the list's column types (SQLite reads the same casts). On PostgreSQL a batch is a few
  // statements (a round trip each: 20,000 suppliers rescored in 11 s instead of 24 s one row at a
  // time); on SQLite, where a statement costs no round trip, one row per statement measured
  // a little faster (rescoring 20,000: about 6.0 s against 6.5 s, on a loaded machine).
  const perRow = engineKind(db) === "sqlite";
  const updates = new Map<string, string>();
  const update = (set: [string, string][], n: number) => {
    const key = `${set.length}:${n}`;
    let text = updates.get(key);
    if (!text) {
      const row = `(${[...set, ["id", "integer"]].map(([, type]) => `cast(? as ${type})`).join(", ")})`;
      text = `update ${table} set ${set.map(([column], i) => `${column} = v.column${i + 1}`).join(", ")}
         from (values ${Array.from({ length: n }, () => row).join(", ")}) as v
         where ${table}.id = v.column${set.length + 1} and ${table}.org_id = ?`;
      updates.set(key, text);
    }
    return text;
  };
  const columns = "(org_id, entity_type, entity_id, score, band, confidence, score_low, score_high, red_flags, factors, methodology_id, reference_versions, inputs, inputs_hash, cause, computed_at)";
  const row = `(${placeholders(16)})`;
  // Statements by size (each is prepared once per connection).
  const inserts = new Map<number, string>();
  const insert = (n: number) => {
    let text = inserts.get(n);
    if (!text) inserts.set(n, (text = `insert into risk_scores ${columns} values ${Array.from({ length: n }, () => row).join(", ")} returning id, entity_id`));
    return text;
  };
  const versions = JSON.stringify(context.reference.versionIds);
  // A time column takes a Date (bound as epoch ms on SQLite, as a timestamp on PostgreSQL).
  const computedAt = new Date(now);
  const m = context.methodology.methodology;
  // Webhooks (decision 038): a supplier whose band changed from one stored score to the next is an
  // event, written to the outbox in this chunk's transaction (kept exactly when the score is).
  // A first score is not a change. Whether anyone listens is asked once per run.
  let subscribed: boolean | undefined;
  const emitBandChanges = async (batch: readonly Pending[]) => {
    if (entity !== "supplier") return;
    const changes = batch.filter((p) => p.before !== null && p.before !== p.result.band);
    if (changes.length === 0) return;
    subscribed ??= await hasWebhookSubscribers(db, orgId, "score.band_changed");
    if (!subscribed) return;
    const names = new Map((await rawAll<{ id: number; external_id: string; name: string }>(db, `select id, external_id, name from suppliers where org_id = ? and id in (${placeholders(changes.length)})`, orgId, ...changes.map((p) => p.id))).map((r) => [r.id, r]));
    await emitWebhookEvent(
      db,
      orgId,
      "score.band_changed",
      changes.map((p) => ({
        supplier: { id: p.id, externalId: names.get(p.id)?.external_id ?? null, name: names.get(p.id)?.name ?? null },
        before: p.before,
        after: p.result.band,
        score: p.result.score,
        confidence: p.result.confidence,
        range: p.result.range,
        redFlags: p.result.redFlags,
        cause,
      })),
      now,
    );
  };
  // A red flag newly raised (issue 22): a stored score carrying a red flag that the record's
  // previous score did not carry, suppliers and recruiters alike. A FIRST score with a red flag is
  // news too and is sent: a record imported with retained passports has never been reported on, and
  // waiting for a second score would hide exactly the records a subscriber most needs to hear of
  // (unlike a band, which has no "change" on a first score). A rescore that keeps the same flags
  // sends nothing. Read before the entity rows point at their new score, in this chunk's transaction.
  let redFlagSubscribed: boolean | undefined;
  const emitRedFlags = async (batch: readonly Pending[], scoreIds: Map<number, number>) => {
    const flagged = batch.filter((p) => p.result.redFlags.length > 0);
    if (flagged.length === 0) return;
    redFlagSubscribed ??= await hasWebhookSubscribers(db, orgId, "score.red_flag_raised");
    if (!redFlagSubscribed) return;
    const previous = await rawAll<{ id: number; external_id: string; red_flags: string | string[] | null }>(
      db,
      `select e.id, e.external_id, rs.red_flags from ${table} e left join risk_scores rs on rs.id = e.risk_score_id where e.org_id = ? and e.id in (${placeholders(flagged.length)})`,
      orgId,
      ...flagged.map((p) => p.id),
    );
    const byId = new Map(previous.map((r) => [r.id, { externalId: r.external_id, flags: new Set<string>(r.red_flags === null ? [] : typeof r.red_flags === "string" ? (JSON.parse(r.red_flags) as string[]) : r.red_flags) }]));
    const raised = flagged.flatMap((p) => {
      const before = byId.get(p.id);
      const codes = p.result.redFlags.filter((code) => !before?.flags.has(code));
      return codes.length === 0 ? [] : [{ kind: entity, id: p.id, externalId: before?.externalId ?? null, redFlags: codes, scoreId: scoreIds.get(p.id) ?? null, score: p.result.score, band: p.result.band, cause }];
    });
    await emitWebhookEvent(db, orgId, "score.red_flag_raised", raised, now);
  };
  return async (batch: readonly Pending[]) => {
    if (batch.length === 0) return;
    // Raw rather than the query builder: building a 500-row insert through drizzle made a rescore
    // about 45 % slower (mostly its garbage). The JSON columns are given as text, the inputs
    // exactly as they were hashed.
    const values: unknown[] = [];
    for (const p of batch) {
      const r = p.result;
      values.push(orgId, entity, p.id, r.score, r.band, r.confidence, r.range.low, r.range.high, JSON.stringify(r.redFlags), JSON.stringify(compactFactors(r.factors, m, entity)), context.methodology.id, versions, p.inputs, p.hash, cause, computedAt);
    }
    const written: { id: number; entity_id: number }[] = [];
    let at = 0;
    for (const n of sizes(batch.length)) {
      written.push(...(await rawAll<{ id: number; entity_id: number }>(db, insert(n), ...values.slice(at, (at += n * 16)))));
    }
    // Matched by entity, not by position: neither engine promises RETURNING's order.
    const scoreIds = new Map(written.map((w) => [w.entity_id, w.id]));
    const changedValues: unknown[] = [];
    const keptValues: unknown[] = [];
    for (const p of batch) {
      const r = p.result;
      const scoreId = scoreIds.get(p.id);
      if (scoreId === undefined) throw new Error(`no risk_scores row returned for ${entity} ${p.id}`);
      const values = p.unchanged ? keptValues : changedValues;
      if (!p.unchanged) values.push(r.score, r.band);
      values.push(r.confidence, r.redFlags.length, scoreId);
      // The replaced score is the entity's latest (each written score becomes current at once,
      // stamped with the run's time), so its band is the band "stored just before" this one.
      if (entity === "supplier") values.push(driverCodes(r), p.before, bandRose(p.before, r.band) ? computedAt : null);
      values.push(r.range.low, r.range.high, p.id);
    }
    await emitBandChanges(batch);
    await emitRedFlags(batch, scoreIds);
    for (const [set, list] of [[moved, changedValues], [kept, keptValues]] as const) {
      const width = set.length + 1;
      let from = 0;
      if (perRow) {
        const one = `update ${table} set ${set.map(([column]) => `${column} = ?`).join(", ")} where id = ? and org_id = ?`;
        for (; from < list.length; from += width) await rawRun(db, one, ...list.slice(from, from + width), orgId);
      } else {
        for (const n of sizes(list.length / width)) await rawRun(db, update(set, n), ...list.slice(from, (from += n * width)), orgId);
      }
    }
  };
}

/**
 * Entities are taken CHUNK at a time, each chunk in one transaction; new scores are written in
 * batches of WRITE_BATCH as they are computed, so that no more than a batch of results waits in
 * memory, and each transaction holds whole entities only (history row and current score together).
 * Pages of entities are read inside the chunk's transaction, where they are consumed.
 */
async function scoreAll<I extends object>(
  db: Db,
  entities: EntityPages<I>,
  kind: "supplier" | "recruiter",
  score: (inputs: I) => ScoreResult,
  context: ScoringContext,
  write: (batch: readonly Pending[]) => Promise<void>,
  onProgress?: (scored: number) => void | Promise<void>,
): Promise<ScoringOutcome> {
  const version = context.methodology.version;
  const ids = context.reference.versionIds;
  let scored = 0;
  let changed = 0;
  let page: Awaited<ReturnType<EntityPages<I>["next"]>>["value"] = [];
  let at = 0;
  let finished = false;
  const chunk = async () => {
    let batch: Pending[] = [];
    for (let n = 0; n < CHUNK; n++) {
      if (at === page.length) {
        const next = await entities.next();
        if (next.done) {
          finished = true;
          break;
        }
        page = next.value;
        at = 0;
      }
      const entity = page[at++]!;
      scored++;
      const { hash, json } = hashedInputs(kind, entity.inputs, version, ids);
      if (hash === entity.currentHash) continue;
      const result = score(entity.inputs);
      batch.push({ id: entity.id, inputs: json, hash, result, unchanged: result.score === entity.currentScore && result.band === entity.currentBand, before: entity.currentBand });
      changed++;
      if (batch.length === WRITE_BATCH) {
        await write(batch);
        batch = [];
      }
    }
    await write(batch);
  };
  try {
    while (!finished) {
      await inTransaction(db, chunk);
      if (!finished) await onProgress?.(scored);
    }
  } finally {
    await entities.return(undefined);
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
  options: { cause: string; supplierIds?: readonly number[]; recruiterIds?: readonly number[]; context?: ScoringContext; now?: number; onProgress?: (scored: number) => void | Promise<void> },
): Promise<ScoringOutcome> {
  const context = options.context ?? await scoringContext(db);
  const now = options.now ?? Date.now();
  // A whole organisation: a larger page cache for the run (the list indexes and the history's
  // entity index are updated all over), given back afterwards. A few suppliers need none of it,
  // and PostgreSQL's shared buffers are the server's to size.
  if (options.recruiterIds && !options.supplierIds) throw new Error("recruiterIds need supplierIds (the suppliers they serve, or none)");
  if (options.supplierIds || engineKind(db) !== "sqlite") return await scoreEntities(db, orgId, options, context, now);
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
  options: { cause: string; supplierIds?: readonly number[]; recruiterIds?: readonly number[]; onProgress?: (scored: number) => void | Promise<void> },
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
  // Scoring a few suppliers moves only the recruiters that serve them (and any recruiter named).
  const recruiterIds = options.supplierIds ? [...new Set([...(await servingRecruiters(db, options.supplierIds)), ...(options.recruiterIds ?? [])])].sort((a, b) => a - b) : undefined;
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

/** The recruiters that serve any of the given suppliers, in id order. */
async function servingRecruiters(db: Db, supplierIds: readonly number[]): Promise<number[]> {
  const found = new Set<number>();
  for (const chunk of idChunks(supplierIds)) {
    for (const id of await rawColumn<number>(db, `select distinct recruiter_id from supplier_recruiters where supplier_id in (${placeholders(chunk.length)})`, ...chunk)) found.add(id);
  }
  return [...found].sort((a, b) => a - b);
}
