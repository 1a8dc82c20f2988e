/**
 * The PostgreSQL side of an import's analysis and commit (process.server.ts has the SQLite side,
 * on prepared statements). The same steps and the same results, in what PostgreSQL does well:
 * - the analysis looks up what a batch of the file needs in a few set queries (ids, name keys,
 *   link targets) instead of one query per row, and stages rows a few thousand per statement;
 * - the staging tables keep JSON as text and booleans as integers (as on SQLite), so the commit
 *   casts them to the target's jsonb and boolean; a JSON map is merged with `||` (SQLite's
 *   `json_patch`: the maps' values are never null or nested, where the two differ);
 * - the staging tables have no rowid: the commit goes through the import's rows by file row.
 */
import { inTransaction, rawAll, rawColumn, rawRun, type Db } from "#db/client";
import type { ImportKind } from "#db/schema";
import { COLUMNS, DEFAULTS, JSON_LISTS, JSON_MAPS } from "./prepare.server";
import type { AnalyseStore, Existing, Progress } from "./process.server";

const stagingTable = (kind: ImportKind) => (kind === "suppliers" ? "staged_suppliers" : "staged_recruiters");

/** Rows per insert statement. */
const INSERT_ROWS = 5000;

/**
 * Inserts rows (arrays of values, in `columns`' order) into `table`: the rows go as one JSON
 * parameter that PostgreSQL expands to the table's row type (json_populate_recordset), which is
 * faster than multi-row VALUES (one short statement to parse, no parameter limit).
 */
async function insertRows(db: Db, table: string, columns: readonly string[], rows: readonly unknown[][]): Promise<void> {
  const names = columns.map((c) => `"${c}"`).join(", ");
  for (let at = 0; at < rows.length; at += INSERT_ROWS) {
    const records = rows.slice(at, at + INSERT_ROWS).map((row) => Object.fromEntries(columns.map((c, i) => [c, row[i]])));
    await rawRun(db, `insert into ${table} (${names}) select ${names} from json_populate_recordset(null::${table}, ?)`, JSON.stringify(records));
  }
}

const unique = (values: Iterable<string>) => [...new Set(values)];

export function postgresAnalyseStore(db: Db, job: { id: number; orgId: number; kind: ImportKind }): AnalyseStore {
  const table = job.kind;
  const staging = stagingTable(job.kind);
  const cols = COLUMNS[job.kind].map(([, c]) => c);
  const other = job.kind === "suppliers" ? "recruiters" : "suppliers";
  const address = table === "suppliers" ? ", address" : "";
  // What the current batch needs, fetched by `prefetch`.
  let byId = new Map<string, Existing>();
  let byKey = new Map<string, Existing[]>();
  let targets = new Map<string, number>();
  const mergeSql = `update ${staging} set ${cols
    .map((c) => (JSON_MAPS.has(c) ? `${c} = (coalesce(${c}, '{}')::jsonb || coalesce(?, '{}')::jsonb)::text` : `${c} = coalesce(?, ${c})`))
    .join(", ")}, row_hash = ?,
    verdict = case when target_id is null then 'new' when (select t.row_hash from ${table} t where t.id = target_id) = ? then 'unchanged' else 'updated' end
    where import_id = ? and external_id = ?`;
  return {
    existingCount: async () => (await rawColumn<number>(db, `select count(*) from ${table} where org_id = ?`, job.orgId))[0] ?? 0,
    preload: async (into) => {
      for (const r of await rawAll<{ external_id: string; id: number; row_hash: string | null }>(db, `select external_id, id, row_hash from ${table} where org_id = ?`, job.orgId)) {
        into.set(r.external_id, { id: r.id, row_hash: r.row_hash });
      }
    },
    prefetch: async (rows, ids, withExternalIds) => {
      byId = new Map();
      byKey = new Map();
      targets = new Map();
      const refs = unique(rows.flatMap((r) => r.links ?? []));
      if (refs.length) {
        const found = await rawAll<{ external_id: string; id: number }>(db, `select external_id, id from ${other} where org_id = ? and external_id in (select value from json_each(?))`, job.orgId, JSON.stringify(refs));
        for (const r of found) targets.set(r.external_id, r.id);
      }
      const keys = unique(rows.filter((r) => !r.given).map((r) => r.key));
      if (keys.length) {
        const found = await rawAll<Existing & { name_key: string }>(db, `select id, row_hash, name_key${address} from ${table} where org_id = ? and name_key in (select value from json_each(?)) order by id`, job.orgId, JSON.stringify(keys));
        for (const { name_key, ...r } of found) {
          const list = byKey.get(name_key) ?? [];
          // As SQLite's `limit 5` per name.
          if (list.length < 5) list.push(r);
          byKey.set(name_key, list);
        }
      }
      const wanted = withExternalIds ? unique([...rows.map((r) => r.externalId), ...ids]) : [];
      if (wanted.length) {
        const found = await rawAll<{ external_id: string; id: number; row_hash: string | null }>(db, `select external_id, id, row_hash from ${table} where org_id = ? and external_id in (select value from json_each(?))`, job.orgId, JSON.stringify(wanted));
        for (const r of found) byId.set(r.external_id, { id: r.id, row_hash: r.row_hash });
      }
    },
    byExternalId: (externalId) => byId.get(externalId),
    byNameKey: (key) => byKey.get(key) ?? [],
    linkTarget: (ref) => targets.get(ref),
    flush: async (staged, merges, links, issues) =>
      await inTransaction(db, async () => {
        await insertRows(db, staging, ["import_id", "row", "verdict", "target_id", "external_id", "name_key", "row_hash", ...cols], staged);
        // One at a time and in order: a record repeated three times is merged twice into its first row.
        for (const p of merges) await rawRun(db, mergeSql, ...p);
        await insertRows(db, "staged_links", ["import_id", "external_id", "other_id"], links);
        await insertRows(db, "import_issues", ["import_id", "row", "severity", "column", "value", "message"], issues);
      }),
    verdictCounts: async () => await rawAll<{ verdict: "new" | "updated" | "unchanged"; n: number }>(db, `select verdict, count(*) as n from ${staging} where import_id = ? group by verdict`, job.id),
  };
}

/** A staged column's value as the target column takes it (JSON text → jsonb, 0/1 → boolean). */
function targetValue(column: string, expr: string): string {
  if (JSON_LISTS.has(column) || JSON_MAPS.has(column)) return `(${expr})::jsonb`;
  if (column === "fees_charged_to_workers") return `((${expr}) <> 0)`;
  return expr;
}

/** SQLite's INDICATOR_SOURCES_FROM_LIST (process.server.ts): the notes of indicators the list states again are dropped. */
const INDICATOR_SOURCES_FROM_LIST = `, indicator_sources = case when suppliers.indicator_sources = '{}'::jsonb or s.indicators is null then suppliers.indicator_sources
  else suppliers.indicator_sources - array(select jsonb_object_keys(s.indicators::jsonb)) end`;

/** Chunks the commit makes at most, each a step of its progress (each scans the import's staged rows). */
const COMMIT_STEPS = 50;

export async function commitStagedPostgres(
  db: Db,
  job: { id: number; orgId: number; kind: ImportKind },
  chunkRows: number,
  finish: () => Promise<void> | void,
  onProgress?: (p: Progress) => void,
): Promise<void> {
  const table = job.kind;
  const staging = stagingTable(job.kind);
  const cols = COLUMNS[job.kind].map(([, c]) => c);
  const now = new Date();
  const insert = `insert into ${table} (org_id, external_id, name_key, row_hash, last_import_id, ${cols.join(", ")})
    select cast(? as integer), external_id, name_key, row_hash, import_id, ${cols.map((c) => targetValue(c, DEFAULTS[c] ? `coalesce(${c}, ${DEFAULTS[c]})` : c)).join(", ")}
    from ${staging} where import_id = ? and verdict = 'new' and row between ? and ? order by row`;
  const update = `update ${table} set name_key = s.name_key, row_hash = s.row_hash, last_import_id = s.import_id, updated_at = ?,
    ${cols.map((c) => (JSON_MAPS.has(c) ? `${c} = ${table}.${c} || coalesce(s.${c}, '{}')::jsonb` : `${c} = coalesce(${targetValue(c, `s.${c}`)}, ${table}.${c})`)).join(", ")}
    ${job.kind === "suppliers" ? INDICATOR_SOURCES_FROM_LIST : ""}
    from ${staging} s where s.import_id = ? and s.verdict = 'updated' and s.row between ? and ? and ${table}.id = s.target_id and ${table}.org_id = ?`;
  await inTransaction(db, async () => {
    const range = (await rawAll<{ lo: number | null; hi: number | null; writes: number | null }>(
      db,
      `select min(row) as lo, max(row) as hi, sum(case when verdict in ('new', 'updated') then 1 else 0 end) as writes from ${staging} where import_id = ?`,
      job.id,
    ))[0]!;
    const total = range.writes ?? 0;
    let done = 0;
    onProgress?.({ done, total, fraction: total ? 0 : 1, estimated: false });
    if (range.lo !== null && range.hi !== null) {
      const step = Math.max(chunkRows, Math.ceil((range.hi - range.lo + 1) / COMMIT_STEPS));
      for (let from = range.lo; from <= range.hi; from += step) {
        const to = Math.min(range.hi, from + step - 1);
        done += await rawRun(db, insert, job.orgId, job.id, from, to);
        done += await rawRun(db, update, now, job.id, from, to, job.orgId);
        onProgress?.({ done: Math.min(done, total), total, fraction: total ? Math.min(1, done / total) : 1, estimated: false });
      }
    }
    const [supplierSide, recruiterSide] = job.kind === "suppliers" ? ["r.id", "l.other_id"] : ["l.other_id", "r.id"];
    await rawRun(
      db,
      `insert into supplier_recruiters (supplier_id, recruiter_id, origin_country)
       select ${supplierSide}, ${recruiterSide}, '' from staged_links l join ${table} r on r.org_id = ? and r.external_id = l.external_id
       where l.import_id = ? on conflict do nothing`,
      job.orgId,
      job.id,
    );
    if (job.kind === "suppliers") {
      await rawRun(
        db,
        `update suppliers set parent_id = (select p.id from suppliers p where p.org_id = suppliers.org_id and p.external_id = suppliers.parent_external_id)
         where org_id = ? and parent_external_id is not null`,
        job.orgId,
      );
    }
    await finish();
  });
}
