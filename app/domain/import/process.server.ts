/**
 * Analysis and commit of a stored upload, shared by suppliers and recruiters.
 *
 * - analyse: one streaming pass: parse, validate, classify every row (new, updated, unchanged,
 *   or a duplicate of an earlier row, which is merged into it) against what the organisation has,
 *   store row problems, and stage the valid rows, normalised, in staged_suppliers/recruiters.
 *   Nothing the users see changes.
 * - commit: set-based SQL from the staging tables into the real ones, in ONE transaction. A crash
 *   at any moment leaves either all of it or none of it, and the write lock is held only for the
 *   copy, not for the parsing.
 *
 * Runs in a worker thread (jobs.server.ts) with its own connection. This is the hot path of a
 * million-row import, so its database side is written per engine: on SQLite with prepared
 * statements on the raw connection (below), on PostgreSQL with set queries and batched inserts
 * (postgres.server.ts). The classification of the rows is shared.
 */
import { engineKind, inTransaction, rawRun, type Db } from "#db/client";
import type { ImportCounts, ImportKind } from "#db/schema";
import { normaliseAddress } from "./dedupe";
import { mappedColumns, type Mapping } from "./mapping";
import { storedMessage } from "./messages";
import { loadReferenceData } from "../reference/reference-data.server";
import { unmatchedTerms } from "../risk/goods-matching";
import { activeMethodology } from "../risk/methodology-store.server";
import { isKnownSector } from "../risk/score-supplier";
import { COLUMNS, DEFAULTS, JSON_MAPS, prepareRows, rowHash, type PrepareJob } from "./prepare.server";
import { commitStagedPostgres, postgresAnalyseStore } from "./postgres.server";
import type { RowIssue } from "./rows";

export interface ImportJob {
  id: number;
  orgId: number;
  kind: ImportKind;
  filePath: string;
  fileSize: number;
  encoding: string;
  delimiter: string;
  headers: string[];
  mapping: Mapping;
}

/**
 * The steps of an import that report progress: checking the file, writing it, then comparing the
 * organisation's names with the watchlists and scoring (both after the commit).
 */
export type ImportStep = "check" | "import" | "match" | "score";

/** How far one step of an import (check, import, scoring) has got, as the progress page shows it. */
export interface Progress {
  /** Rows read (check), rows written (import), or suppliers and recruiters scored (scoring). */
  done: number;
  /**
   * How many there are in all. Exact for the import and the scoring; for the check, the rows read
   * so far scaled to the whole file (`estimated`) until the last row is read.
   */
  total: number;
  /** Share of the step done, 0 to 1 (for the check: bytes read of the file's size, exact). */
  fraction: number;
  estimated: boolean;
}

const stagingTable = (kind: ImportKind) => (kind === "suppliers" ? "staged_suppliers" : "staged_recruiters");

/** Rows with problems beyond this many keep being counted, but their details are not stored. */
export const MAX_STORED_ISSUES = 100_000;
const STAGE_BATCH = 5000;
/** Up to this many existing records, their ids are read into memory once instead of per row. */
const PRELOAD_LIMIT = 250_000;

export interface Existing {
  id: number;
  row_hash: string | null;
  address?: string | null;
}

/**
 * Settings for the connection that runs an import: large sorts and temporary b-trees go to a
 * temporary file rather than memory, so that a million-row import stays within its memory budget.
 * SQLite only (PostgreSQL's server spills to disk by itself).
 */
export function tuneForImport(db: Db): void {
  if (engineKind(db) !== "sqlite") return;
  db.$client.pragma("temp_store = FILE");
  db.$client.pragma("cache_size = -16000");
}

/** What the active risk method recognises as a product (goods and synonyms) and a sector. */
export async function recogniser(db: Db): Promise<NonNullable<PrepareJob["recognise"]>> {
  const { productTerms } = await loadReferenceData(db);
  const { methodology } = await activeMethodology(db);
  return { product: (term) => unmatchedTerms([term], productTerms).length === 0, sector: (text) => isKnownSector(text, methodology) };
}

/**
 * The database side of the analysis, per engine. Lookups are synchronous in the row loop (the hot
 * path of a million-row file): SQLite answers them with prepared statements; PostgreSQL fetches
 * what a batch needs in a few queries first (`prefetch`) and answers from memory.
 */
export interface AnalyseStore {
  existingCount(): Promise<number>;
  /** Every existing record's id and hash, by external id (only called under PRELOAD_LIMIT). */
  preload(into: Map<string, Existing>): Promise<void>;
  /** PostgreSQL: reads what the lookups below will be asked about these rows (and ids). */
  prefetch?(rows: readonly { externalId: string; given: boolean; key: string; links: string[] | null }[], ids: readonly string[], withExternalIds: boolean): Promise<void>;
  byExternalId(externalId: string): Existing | undefined;
  byNameKey(key: string): Existing[];
  linkTarget(ref: string): number | undefined;
  /** Writes the waiting rows, in one transaction. */
  flush(staged: unknown[][], merges: unknown[][], links: unknown[][], issues: unknown[][]): Promise<void>;
  verdictCounts(): Promise<{ verdict: "new" | "updated" | "unchanged"; n: number }[]>;
}

function sqliteAnalyseStore(db: Db, job: ImportJob): AnalyseStore {
  const sqlite = db.$client;
  const table = job.kind;
  const staging = stagingTable(job.kind);
  const cols = COLUMNS[job.kind];
  const st = {
    byExternalId: sqlite.prepare(`select id, row_hash from ${table} where org_id = ? and external_id = ?`),
    byNameKey: sqlite.prepare(`select id, row_hash${table === "suppliers" ? ", address" : ""} from ${table} where org_id = ? and name_key = ? limit 5`),
    stage: sqlite.prepare(
      `insert into ${staging} (import_id, row, verdict, target_id, external_id, name_key, row_hash, ${cols.map((c) => c[1]).join(", ")})
       values (?, ?, ?, ?, ?, ?, ?, ${cols.map(() => "?").join(", ")})`,
    ),
    mergeDuplicate: sqlite.prepare(
      `update ${staging} set ${cols
        .map(([, c]) => (JSON_MAPS.has(c) ? `${c} = json_patch(coalesce(${c}, '{}'), coalesce(?, '{}'))` : `${c} = coalesce(?, ${c})`))
        .join(", ")}, row_hash = ?,
        verdict = case when target_id is null then 'new' when (select t.row_hash from ${table} t where t.id = target_id) = ? then 'unchanged' else 'updated' end
        where import_id = ? and external_id = ?`,
    ),
    linkTarget: sqlite.prepare(`select id from ${table === "suppliers" ? "recruiters" : "suppliers"} where org_id = ? and external_id = ?`),
    stageLink: sqlite.prepare(`insert into staged_links (import_id, external_id, other_id) values (?, ?, ?)`),
    insertIssue: sqlite.prepare(`insert into import_issues (import_id, row, severity, "column", value, message) values (?, ?, ?, ?, ?, ?)`),
  };
  return {
    existingCount: async () => sqlite.prepare(`select count(*) from ${table} where org_id = ?`).pluck().get(job.orgId) as number,
    preload: async (into) => {
      for (const r of sqlite.prepare(`select external_id, id, row_hash from ${table} where org_id = ?`).raw().iterate(job.orgId) as Iterable<[string, number, string | null]>) {
        into.set(r[0], { id: r[1], row_hash: r[2] });
      }
    },
    byExternalId: (externalId) => st.byExternalId.get(job.orgId, externalId) as Existing | undefined,
    byNameKey: (key) => st.byNameKey.all(job.orgId, key) as Existing[],
    linkTarget: (ref) => (st.linkTarget.get(job.orgId, ref) as { id: number } | undefined)?.id,
    flush: async (staged, merges, links, issues) =>
      await inTransaction(db, () => {
        for (const p of staged) st.stage.run(p);
        for (const p of merges) st.mergeDuplicate.run(p);
        for (const p of links) st.stageLink.run(p);
        for (const p of issues) st.insertIssue.run(p);
      }),
    verdictCounts: async () => sqlite.prepare(`select verdict, count(*) as n from ${staging} where import_id = ? group by verdict`).all(job.id) as { verdict: "new" | "updated" | "unchanged"; n: number }[],
  };
}

/** The database half of the analysis, over the rows that prepare.server.ts prepares. */
export async function analyseImport(db: Db, job: ImportJob, onProgress?: (p: Progress) => void): Promise<ImportCounts> {
  const store = engineKind(db) === "postgres" ? postgresAnalyseStore(db, job) : sqliteAnalyseStore(db, job);
  await discardStaged(db, job.id, { withIssues: true });

  // Look existing records up in memory when the organisation's list is small enough (always the
  // case for a first import); otherwise one indexed query per row (SQLite) or per batch (PostgreSQL).
  const existingCount = await store.existingCount();
  const preloaded = existingCount <= PRELOAD_LIMIT ? new Map<string, Existing>() : null;
  if (preloaded) await store.preload(preloaded);
  const findExisting = (externalId: string) => (preloaded ? preloaded.get(externalId) : store.byExternalId(externalId));
  const columns = mappedColumns(job.mapping, job.kind, job.headers);
  const linkColumn = columns.find((c) => c.field.key === "links")?.header ?? null;
  const counts: ImportCounts = { rows: 0, valid: 0, invalid: 0, new: 0, updated: 0, unchanged: 0, duplicates: 0, warnings: 0 };
  /** Each record of the file: the row it first appeared on, and the hash of its (merged) values. */
  const seen = new Map<string, { row: number; hash: string }>();
  const parentRefs: { row: number; parent: string }[] = [];
  let storedIssues = 0;
  // Writes wait in plain arrays (no closure per row: a million of them keep the GC busy) and go
  // to the database in one transaction per batch.
  const staged: unknown[][] = [];
  const merges: unknown[][] = [];
  const links: unknown[][] = [];
  const issues: unknown[][] = [];
  const flush = async () => {
    await store.flush(staged, merges, links, issues);
    staged.length = merges.length = links.length = issues.length = 0;
  };
  const addIssue = (issue: RowIssue) => {
    if (issue.severity === "warning") counts.warnings++;
    if (storedIssues >= MAX_STORED_ISSUES) return;
    storedIssues++;
    issues.push([job.id, issue.row, issue.severity, issue.column, issue.value, issue.message]);
  };

  for await (const batch of prepareRows({ ...job, recognise: job.kind === "suppliers" ? await recogniser(db) : undefined })) {
    counts.rows += batch.read;
    counts.invalid += batch.invalid;
    counts.valid += batch.read - batch.invalid;
    batch.issues.forEach(addIssue);
    if (store.prefetch) await store.prefetch(batch.rows, [], !preloaded);
    for (const p of batch.rows) {
      for (const ref of p.links ?? []) {
        const target = store.linkTarget(ref);
        if (target !== undefined) {
          links.push([job.id, p.externalId, target]);
        } else {
          addIssue({ row: p.row, severity: "warning", column: linkColumn, value: ref, message: storedMessage(`imports:problem.linkMissing.${job.kind}`, { ref }) });
        }
      }
      if (p.parent) parentRefs.push({ row: p.row, parent: p.parent });

      const first = seen.get(p.externalId);
      if (first !== undefined) {
        counts.duplicates++;
        addIssue({ row: p.row, severity: "warning", column: null, value: null, message: storedMessage(`imports:problem.sameRecord.${job.kind}`, { row: first.row }) });
        // The merged record's hash covers both rows, so that the same file again is "unchanged"
        // and a file with only one of the rows is not.
        first.hash = rowHash([first.hash, ...p.values]);
        merges.push([...p.values, first.hash, first.hash, job.id, p.externalId]);
        continue;
      }
      let existing = findExisting(p.externalId);
      if (!existing && !p.given) {
        // No id in the file: the same normalised name in the same country (and address, when both have one).
        const candidates = store.byNameKey(p.key);
        existing = candidates.find((c) => !p.address || !c.address || normaliseAddress(c.address) === p.address);
      }
      seen.set(p.externalId, { row: p.row, hash: p.hash });
      const verdict = !existing ? "new" : existing.row_hash === p.hash ? "unchanged" : "updated";
      staged.push([job.id, p.row, verdict, existing?.id ?? null, p.externalId, p.key, p.hash, ...p.values]);
    }
    if (staged.length >= STAGE_BATCH) await flush();
    // One report per batch (about a megabyte of the file): the share read is exact, the total
    // number of rows is the rows so far scaled to the whole file until the end.
    if (onProgress && job.fileSize > 0) {
      const fraction = Math.min(1, batch.bytes / job.fileSize);
      onProgress({ done: counts.rows, total: fraction > 0 ? Math.max(counts.rows, Math.round(counts.rows / fraction)) : 0, fraction, estimated: true });
    }
  }
  if (store.prefetch && !preloaded) await store.prefetch([], parentRefs.filter((r) => !seen.has(r.parent)).map((r) => r.parent), true);
  for (const ref of parentRefs) {
    if (!seen.has(ref.parent) && !findExisting(ref.parent)) {
      addIssue({ row: ref.row, severity: "warning", column: null, value: ref.parent, message: storedMessage("imports:problem.parentMissing", { ref: ref.parent }) });
    }
  }
  await flush();
  // New / updated / unchanged are counted from what was staged, after every merge.
  for (const { verdict, n } of await store.verdictCounts()) {
    counts[verdict] = n;
  }
  onProgress?.({ done: counts.rows, total: counts.rows, fraction: 1, estimated: false });
  return counts;
}

/**
 * Copies the staged rows into the organisation's records in one transaction, then runs `finish`
 * (which records the outcome) inside the same transaction. An empty cell never erases what the
 * platform already knows; indicator and identifier maps are merged.
 */
/**
 * An indicator the list now states again comes from the list: drop the note of the person who
 * had recorded it by hand (the common case, no notes at all, costs nothing).
 */
const INDICATOR_SOURCES_FROM_LIST = `, indicator_sources = case when suppliers.indicator_sources = '{}' or s.indicators is null then suppliers.indicator_sources
  else (select coalesce(json_group_object(n.key, json(n.value)), '{}') from json_each(suppliers.indicator_sources) n
        where n.key not in (select key from json_each(s.indicators))) end`;

/** Staged rows copied per statement during the commit: the unit of its progress. */
const COMMIT_CHUNK = 5000;

export async function commitStaged(db: Db, job: Pick<ImportJob, "id" | "orgId" | "kind">, finish: () => Promise<void> | void, onProgress?: (p: Progress) => void): Promise<void> {
  if (engineKind(db) === "postgres") return await commitStagedPostgres(db, job, COMMIT_CHUNK, finish, onProgress);
  const sqlite = db.$client;
  const table = job.kind;
  const staging = stagingTable(job.kind);
  const cols = COLUMNS[job.kind].map((c) => c[1]);
  const now = Date.now();
  await inTransaction(db, async () => {
        // Still one transaction, but the copy goes a range of the staging table's rowids at a time
        // (from the import's first staged row to its last; rows of another import staged meanwhile
        // are only skipped), so that its progress can be reported between statements.
        const insert = sqlite.prepare(
          `insert into ${table} (org_id, external_id, name_key, row_hash, last_import_id, ${cols.join(", ")})
       select ?, external_id, name_key, row_hash, import_id, ${cols.map((c) => (DEFAULTS[c] ? `coalesce(${c}, ${DEFAULTS[c]})` : c)).join(", ")}
       from ${staging} where import_id = ? and verdict = 'new' and rowid between ? and ?`,
        );
        const update = sqlite.prepare(
          `update ${table} set name_key = s.name_key, row_hash = s.row_hash, last_import_id = s.import_id, updated_at = ?,
       ${cols.map((c) => (JSON_MAPS.has(c) ? `${c} = json_patch(${table}.${c}, coalesce(s.${c}, '{}'))` : `${c} = coalesce(s.${c}, ${table}.${c})`)).join(", ")}
       ${job.kind === "suppliers" ? INDICATOR_SOURCES_FROM_LIST : ""}
       from ${staging} s where s.import_id = ? and s.verdict = 'updated' and s.rowid between ? and ? and ${table}.id = s.target_id and ${table}.org_id = ?`,
        );
        const range = sqlite
          .prepare(`select min(rowid) as first, max(rowid) as last, sum(verdict in ('new', 'updated')) as writes from ${staging} where import_id = ?`)
          .get(job.id) as { first: number | null; last: number | null; writes: number | null };
        const total = range.writes ?? 0;
        let done = 0;
        onProgress?.({ done, total, fraction: total ? 0 : 1, estimated: false });
        for (let from = range.first ?? 1; range.last !== null && from <= range.last; from += COMMIT_CHUNK) {
          const to = Math.min(range.last, from + COMMIT_CHUNK - 1);
          done += insert.run(job.orgId, job.id, from, to).changes;
          done += update.run(now, job.id, from, to, job.orgId).changes;
          onProgress?.({ done: Math.min(done, total), total, fraction: total ? Math.min(1, done / total) : 1, estimated: false });
        }
        const [supplierSide, recruiterSide] = job.kind === "suppliers" ? ["r.id", "l.other_id"] : ["l.other_id", "r.id"];
        sqlite
          .prepare(
            `insert into supplier_recruiters (supplier_id, recruiter_id, origin_country)
         select ${supplierSide}, ${recruiterSide}, '' from staged_links l join ${table} r on r.org_id = ? and r.external_id = l.external_id
         where l.import_id = ? on conflict do nothing`,
          )
          .run(job.orgId, job.id);
        if (job.kind === "suppliers") {
          sqlite
            .prepare(
              `update suppliers set parent_id = (select p.id from suppliers p where p.org_id = suppliers.org_id and p.external_id = suppliers.parent_external_id)
           where org_id = ? and parent_external_id is not null`,
            )
            .run(job.orgId);
        }
        await finish();
      });
}

/**
 * Drops the staged rows of an import (once it is committed or cancelled), and with `withIssues`
 * its analysis too (before a new one, or when the mapping is reopened).
 */
export async function discardStaged(db: Db, importId: number, options: { withIssues?: boolean } = {}): Promise<void> {
  const tables = ["staged_suppliers", "staged_recruiters", "staged_links", ...(options.withIssues ? ["import_issues"] : [])];
  await inTransaction(db, async () => {
        for (const t of tables) await rawRun(db, `delete from ${t} where import_id = ?`, importId);
      });
}
