/**
 * Name search at 100k suppliers (issue 16, item 5): the supplier list's search through the trigram
 * FTS5 index (listSuppliers, the real code) beside the raw LIKE search it replaces (the count and
 * the first page of ids by score, as the list's "scan" plan read them, straight through
 * better-sqlite3): p50 / p95 of 50 queries over a spread of terms, and the broadest term alone.
 * And what the index costs the import: the commit of the same file with the index's triggers and
 * without them, and what one statement putting the imported rows into the index would add instead
 * (the bulk path the commit could take).
 *
 *   node --import tsx tests/bench/search.ts [rows]     (prints its lines alone)
 */
import type { Actor } from "../../app/auth/permissions.server";
import { likePattern } from "../../app/domain/list-query.server";
import { listSuppliers } from "../../app/domain/suppliers/suppliers.server";
import { companyActor, freshDb, importFile, prepareFile } from "./import";

/** Specific names, ids and numbers as people type them, a few broad ones, one that finds nothing. */
const TERMS = ["Harapan 12", "mekong 4", "S-00123", "Golden Field 999", "Łódź Logistics 5", "tarım 77", "Bright Star", "Sdn Bhd", "Ltd", "zzz-none"];
/** Every supplier's external id starts "S-00": the index's worst case (its ids are the whole table). */
const BROADEST = "S-00";

const percentile = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;

export async function searchBench(file: string, rows: number) {
  // The commit with and without the index's triggers, alternately twice (the least of each: the
  // machine's other work only ever adds).
  const commit = { with: Infinity, without: Infinity };
  let bulkSeconds = Infinity;
  for (let round = 0; round < 2; round++) {
    for (const triggers of [true, false]) {
      const db = await freshDb(`search-import-${triggers ? "with" : "without"}.db`);
      if (!triggers) for (const t of ["insert", "update", "delete"]) db.$client.exec(`drop trigger suppliers_fts_${t}; drop trigger recruiters_fts_${t}`);
      const { actor, orgId } = companyActor(db);
      const { phases } = await importFile(db, actor, orgId, file, rows);
      commit[triggers ? "with" : "without"] = Math.min(commit[triggers ? "with" : "without"], phases.commit!);
      if (!triggers) {
        // What a bulk path in the commit would add instead of the triggers: the import's new rows
        // into the index in one statement.
        const t = performance.now();
        db.$client.prepare("insert into suppliers_fts (rowid, name, external_id) select id, name, external_id from suppliers where org_id = ?").run(orgId);
        bulkSeconds = Math.min(bulkSeconds, (performance.now() - t) / 1000);
      }
      db.$client.close();
    }
  }

  // The searches: the list as an import leaves it (not scored: the score sort then orders by id,
  // the same work for both sides).
  const searchDb = await freshDb("search.db");
  const { actor, orgId } = companyActor(searchDb);
  await importFile(searchDb, actor, orgId, file, rows);
  const sqlite = searchDb.$client;
  const span = sqlite.prepare("select min(id) as lo, max(id) as hi from suppliers where org_id = ?").get(orgId) as { lo: number; hi: number };
  // Today's LIKE search, as the list read it: the matching rows counted, the first page of ids by score.
  const likeWhere = `id between ? and ? and +org_id = ? and (name like ? escape '\\' or external_id like ? escape '\\')`;
  const likeCount = sqlite.prepare(`select count(*) from suppliers where ${likeWhere}`).pluck();
  const likePage = sqlite.prepare(`select id from suppliers where ${likeWhere} order by +risk_score desc, id desc limit 50`).pluck();
  const like = (q: string) => {
    const p = likePattern(q);
    return { total: likeCount.get(span.lo, span.hi, orgId, p, p) as number, ids: likePage.all(span.lo, span.hi, orgId, p, p) as number[] };
  };
  const fts = async (q: string) => {
    const r = await listSuppliers(searchDb, actor as Actor, orgId, { q });
    return { total: r.total, ids: r.rows.map((row) => row.id) };
  };
  const time = async (search: (q: string) => Promise<{ total: number; ids: number[] }> | { total: number; ids: number[] }, terms: string[]) => {
    const ms: number[] = [];
    for (const q of terms) {
      const t = performance.now();
      await search(q);
      ms.push(performance.now() - t);
    }
    return ms;
  };
  // The same rows both ways (a benchmark of a different answer would be no comparison).
  for (const q of [...TERMS, BROADEST]) {
    const [a, b] = [await fts(q), like(q)];
    if (a.total !== b.total || JSON.stringify(a.ids) !== JSON.stringify(b.ids)) throw new Error(`search "${q}": FTS ${a.total} rows, LIKE ${b.total}`);
  }
  const fifty = Array.from({ length: 50 }, (_, i) => TERMS[i % TERMS.length]!);
  await time(fts, TERMS); // warm-up of both, alike
  await time(like, TERMS);
  const ftsMs = await time(fts, fifty);
  const likeMs = await time(like, fifty);
  const ftsBroad = await time(fts, Array(9).fill(BROADEST));
  const likeBroad = await time(like, Array(9).fill(BROADEST));
  sqlite.close();
  return {
    search: { p50: percentile(ftsMs, 50), p95: percentile(ftsMs, 95), likeP50: percentile(likeMs, 50), likeP95: percentile(likeMs, 95) },
    broadest: { term: BROADEST, fts: percentile(ftsBroad, 50), like: percentile(likeBroad, 50) },
    commit: { withTriggers: commit.with, withoutTriggers: commit.without, bulk: bulkSeconds },
  };
}

/** The benchmark's lines for tests/bench/run.ts's table. */
export function searchLines(r: Awaited<ReturnType<typeof searchBench>>, rows: number) {
  const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
  return [
    {
      figure: `supplier search, ${fmt(rows)} suppliers, 50 queries (trigram FTS5, 3+ characters): p50 / p95 (ms)`,
      value: `${r.search.p50.toFixed(1)} / ${r.search.p95.toFixed(1)}`,
      target: "",
      baseline: `${r.search.likeP50.toFixed(1)} / ${r.search.likeP95.toFixed(1)} (LIKE '%…%', count + first page)`,
      ratio: (r.search.p50 / r.search.likeP50).toFixed(2),
    },
    {
      figure: `  search "${r.broadest.term}" (every row holds it: read by the scan after the index's capped count), p50 (ms)`,
      value: r.broadest.fts.toFixed(1),
      target: "",
      baseline: `${r.broadest.like.toFixed(1)} (LIKE)`,
      ratio: (r.broadest.fts / r.broadest.like).toFixed(2),
    },
    {
      figure: `import ${fmt(rows)} rows: commit with the search index's triggers (s)`,
      value: r.commit.withTriggers.toFixed(2),
      target: "≤ 1.15 × without",
      baseline: `${r.commit.withoutTriggers.toFixed(2)} s without; + ${r.commit.bulk.toFixed(2)} s for the rows into the index in one statement`,
      ratio: (r.commit.withTriggers / r.commit.withoutTriggers).toFixed(2),
    },
  ];
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop()!)) {
  const rows = Number(process.argv[2] ?? 100_000);
  const file = await prepareFile(rows);
  for (const l of searchLines(await searchBench(file, rows), rows)) console.log([l.figure, l.value, l.target, l.baseline, l.ratio].join(" | "));
}
