/**
 * Re-scoring stored suppliers after a methodology change: 100k suppliers imported through the real
 * import, scored once, then a new methodology version is activated and every supplier is scored
 * again (read inputs, score, hash, write a history row and the current score). Beside it, the raw
 * baseline of the same run: better-sqlite3 inserting the same history rows, precomputed, in one
 * transaction.
 */
import { eq } from "drizzle-orm";
import { methodologies } from "../../db/schema";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { companyActor, freshDb, importFile } from "./import";
import { firstRow } from "../../db/client";

export async function rescoreStored(file: string, rows: number) {
  const db = await freshDb("rescore.db");
  const { actor, orgId } = companyActor(db);
  await importFile(db, actor, orgId, file, rows);
  let t = performance.now();
  const first = await scoreOrganisation(db, orgId, { cause: "bench: first scoring" });
  const firstSeconds = (performance.now() - t) / 1000;

  const current = firstRow(await db.select().from(methodologies).where(eq(methodologies.status, "active")))!;
  await db.update(methodologies).set({ status: "retired" }).where(eq(methodologies.id, current.id));
  await db.insert(methodologies).values({ version: `${current.version}-bench`, name: current.name, definition: current.definition, status: "active" });
  t = performance.now();
  const cpu = process.cpuUsage();
  const again = await scoreOrganisation(db, orgId, { cause: "bench: methodology change" });
  const seconds = (performance.now() - t) / 1000;
  // CPU time of this process beside the wall time: on a shared machine the wall time varies by run.
  const used = process.cpuUsage(cpu);
  const cpuSeconds = (used.user + used.system) / 1e6;
  if (first.changed !== rows || again.changed !== rows) throw new Error(`expected ${rows} rescored, got ${first.changed} / ${again.changed}`);

  // Raw baseline: the same rows, already computed, inserted in one transaction.
  const sqlite = db.$client;
  const written = sqlite.prepare(`select * from risk_scores where cause = 'bench: methodology change' and entity_type = 'supplier'`).raw().all() as unknown[][];
  sqlite.exec(`create table raw_scores as select * from risk_scores where 0`);
  const columns = (sqlite.prepare(`select * from risk_scores limit 1`).columns() as { name: string }[]).map((c) => c.name);
  const insert = sqlite.prepare(`insert into raw_scores (${columns.join(", ")}) values (${columns.map(() => "?").join(", ")})`);
  t = performance.now();
  const baselineCpu = process.cpuUsage();
  sqlite.transaction(() => {
    for (const row of written) insert.run(...row);
  })();
  const baselineSeconds = (performance.now() - t) / 1000;
  const baselineUsed = process.cpuUsage(baselineCpu);
  const baselineCpuSeconds = (baselineUsed.user + baselineUsed.system) / 1e6;
  sqlite.close();
  return { firstSeconds, seconds, baselineSeconds, cpuSeconds, baselineCpuSeconds, perSecond: rows / seconds };
}
