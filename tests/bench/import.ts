/**
 * Import benchmark: a generated supplier list, end to end (upload stored and hashed → analysed →
 * committed) through the real code, beside the raw baseline of the same run: papaparse parsing
 * the whole file + better-sqlite3 inserting the same rows in one transaction.
 */
import { copyFileSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import Papa from "papaparse";
import { writeSupplierFile } from "../../fixtures/generators/suppliers";
import { openDatabase, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { prepareScoring } from "../../app/domain/risk/setup.server";
import { createImport, confirmImport, confirmMapping } from "../../app/domain/import/imports.server";
import { runImportPhase, scoreAfterImport } from "../../app/domain/import/run.server";
import { imports } from "../../db/schema";
import type { Actor } from "../../app/auth/permissions.server";

const DIR = path.resolve("tests/.tmp/bench");

export async function freshDb(name: string): Promise<Db> {
  for (const s of ["", "-wal", "-shm"]) rmSync(path.join(DIR, name + s), { force: true });
  const db = openDatabase(path.join(DIR, name));
  await migrateDatabase(db);
  await prepareScoring(db);
  return db;
}

export function companyActor(db: Db): { actor: Actor; orgId: number } {
  const org = db.$client.prepare("insert into organisations (type, name) values ('company', 'Bench Co') returning id").get() as { id: number };
  const user = db.$client.prepare("insert into users (email, name) values ('bench@example.org', 'Bench') returning id").get() as { id: number };
  db.$client.prepare("insert into memberships (user_id, org_id, role) values (?, ?, 'member')").run(user.id, org.id);
  return { orgId: org.id, actor: { user: { id: user.id, email: "bench@example.org", name: "Bench", isPlatformAdmin: false }, membership: { orgId: org.id, orgType: "company", orgName: "Bench Co", role: "member" } } };
}

/** Imports the file through the real code (in this thread); returns the phases' durations. */
export async function importFile(db: Db, actor: Actor, orgId: number, file: string, rows: number) {
  const upload = path.join(DIR, "upload.tmp");
  copyFileSync(file, upload);
  const t0 = performance.now();
  const id = await createImport(db, actor, orgId, { kind: "suppliers", fileName: "bench.csv", tempPath: upload, uploadsDir: path.join(DIR, "uploads") }, null);
  const t1 = performance.now();
  const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
  await confirmMapping(db, actor, id, imp.mapping);
  const counts = await runImportPhase(db, id, "analyse");
  const t2 = performance.now();
  await confirmImport(db, actor, id);
  await runImportPhase(db, id, "commit");
  const t3 = performance.now();
  if (counts.new !== rows) throw new Error(`expected ${rows} new rows, got ${JSON.stringify(counts)}`);
  return { seconds: (t3 - t0) / 1000, phases: { upload: (t1 - t0) / 1000, analyse: (t2 - t1) / 1000, commit: (t3 - t2) / 1000 } };
}

/**
 * Upload → check → import → every imported supplier scored: the import is not done for its user
 * until the list shows scores, so the scoring after the commit is part of the figure.
 */
export async function importEndToEnd(file: string, rows: number): Promise<{ seconds: number; rowsPerSecond: number; phases: Record<string, number> }> {
  const db = await freshDb("import.db");
  const { actor, orgId } = companyActor(db);
  const { seconds, phases } = await importFile(db, actor, orgId, file, rows);
  const t = performance.now();
  const scored = await scoreAfterImport(db, (await db.select().from(imports)).at(-1)!.id);
  const score = (performance.now() - t) / 1000;
  const unscored = db.$client.prepare(`select count(*) from suppliers where risk_score_id is null`).pluck().get() as number;
  db.$client.close();
  if (scored.changed < rows || unscored !== 0) throw new Error(`expected ${rows} scored, got ${scored.changed} (${unscored} unscored)`);
  return { seconds: seconds + score, rowsPerSecond: rows / (seconds + score), phases: { ...phases, score } };
}

export async function rawBaseline(file: string, rows: number): Promise<{ seconds: number; rowsPerSecond: number }> {
  const db = await freshDb("raw.db");
  db.$client.exec("insert into organisations (type, name) values ('company', 'Raw Co')");
  const t0 = performance.now();
  const parsed = Papa.parse<string[]>(readFileSync(file, "utf8"), { skipEmptyLines: true }).data;
  const insert = db.$client.prepare(
    "insert into suppliers (org_id, external_id, name, address, country, sector, products, tier, workers_total, migrant_share, female_share) values (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  db.$client.transaction(() => {
    for (let i = 1; i < parsed.length; i++) {
      const r = parsed[i]!;
      insert.run(r[0], r[1], r[2], r[3], r[4], JSON.stringify(r[5]!.split(";")), Number(r[6]), Number(r[7]), parseFloat(r[8]!) / 100, Number(r[9]));
    }
  })();
  const seconds = (performance.now() - t0) / 1000;
  db.$client.close();
  if (parsed.length - 1 !== rows) throw new Error("baseline row count");
  return { seconds, rowsPerSecond: rows / seconds };
}

export async function prepareFile(rows: number): Promise<string> {
  mkdirSync(DIR, { recursive: true });
  const file = path.join(DIR, `suppliers-${rows}.csv`);
  await writeSupplierFile(file, rows);
  return file;
}

// Run as a child for the large run, so that its peak RSS is its own.
if (process.argv[2] === "--child") {
  const rows = Number(process.argv[3]);
  const file = await prepareFile(rows);
  const result = await importEndToEnd(file, rows);
  process.stdout.write(JSON.stringify({ ...result, peakRssMb: process.resourceUsage().maxRSS / 1024 }) + "\n");
}

/**
 * How the server's own thread fares while an import runs in its worker: the event-loop delay
 * and the latency of a typical page query (50 suppliers), sampled every 20 ms during both phases.
 */
export async function responsivenessDuringImport(file: string): Promise<{ maxLoopDelayMs: number; p99LoopDelayMs: number; maxQueryMs: number; queries: number }> {
  const { monitorEventLoopDelay } = await import("node:perf_hooks");
  const { startImportPhase } = await import("../../app/domain/import/jobs.server");
  const db = await freshDb("responsive.db");
  const { actor, orgId } = companyActor(db);
  const upload = path.join(DIR, "upload-responsive.tmp");
  copyFileSync(file, upload);
  const id = await createImport(db, actor, orgId, { kind: "suppliers", fileName: "bench.csv", tempPath: upload, uploadsDir: path.join(DIR, "uploads") }, null);
  const imp = (await db.select().from(imports)).find((i) => i.id === id)!;
  await confirmMapping(db, actor, id, imp.mapping);
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  const page = db.$client.prepare("select id, external_id, name, country from suppliers where org_id = ? order by name limit 50");
  let maxQueryMs = 0;
  let queries = 0;
  const sampler = setInterval(() => {
    const t = performance.now();
    page.all(orgId);
    maxQueryMs = Math.max(maxQueryMs, performance.now() - t);
    queries++;
  }, 20);
  histogram.enable();
  await startImportPhase(db, id, "analyse");
  await confirmImport(db, actor, id);
  await startImportPhase(db, id, "commit");
  histogram.disable();
  clearInterval(sampler);
  const status = (await db.select().from(imports)).find((i) => i.id === id)!.status;
  db.$client.close();
  if (status !== "imported") throw new Error(`the import ended as ${status}`);
  return { maxLoopDelayMs: histogram.max / 1e6, p99LoopDelayMs: histogram.percentile(99) / 1e6, maxQueryMs, queries };
}
