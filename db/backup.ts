/**
 * Backups of the live database and their restoration. A backup is `VACUUM INTO`: one read
 * transaction, so a consistent snapshot even while the platform writes (in WAL mode writers go on;
 * the online backup API, by contrast, starts over whenever another process writes, and under
 * steady load never finishes). The copy is checked (integrity, schema) before it is reported done. A restore checks the file first and keeps the current database
 * aside, so a mistaken restore can itself be undone.
 */
import { copyFileSync, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import path from "node:path";
import { openDatabase, type Db } from "./client";
import { assertSchemaNotNewer, DatabaseUnusable, explainDatabaseError } from "./health";

const stamp = (now: Date) => now.toISOString().replace(/[-:]/g, "").replace(/\.\d+Z$/, "Z");

export interface CheckedFile {
  file: string;
  bytes: number;
  suppliers: number;
  auditLogEntries: number;
}

/** Opens a database file read-only and checks it is whole and ours; throws a clear error if not. */
export function checkDatabaseFile(file: string): CheckedFile {
  if (!existsSync(file)) throw new DatabaseUnusable(`${file} does not exist.`);
  let db: Db | null = null;
  try {
    db = openDatabase(file, { readonly: true });
    const result = db.$client.pragma("integrity_check", { simple: true });
    if (result !== "ok") throw new DatabaseUnusable(`${file} failed SQLite's integrity check: ${String(result)}.`);
    const tables = new Set((db.$client.prepare(`select name from sqlite_master where type = 'table'`).raw().all() as [string][]).map(([n]) => n));
    for (const t of ["__drizzle_migrations", "organisations", "suppliers", "audit_log"]) {
      if (!tables.has(t)) throw new DatabaseUnusable(`${file} is an SQLite database but not one of this platform's (no ${t} table).`);
    }
    assertSchemaNotNewer(db, file);
    const count = (t: string) => (db!.$client.prepare(`select count(*) as n from ${t}`).get() as { n: number }).n;
    return { file, bytes: statSync(file).size, suppliers: count("suppliers"), auditLogEntries: count("audit_log") };
  } catch (error) {
    throw explainDatabaseError(error, file);
  } finally {
    db?.close();
  }
}

/** Copies the live database to `target` (default data/backups/app-TIMESTAMP.db) and checks the copy. */
export function backupDatabase(db: Db, target: string | null, now = new Date()): CheckedFile {
  const file = target ?? path.join("data/backups", `app-${stamp(now)}.db`);
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  if (existsSync(file)) throw new DatabaseUnusable(`${file} exists already; choose another name.`);
  const partial = `${file}.partial`;
  rmSync(partial, { force: true });
  db.$client.prepare("VACUUM INTO ?").run(partial);
  renameSync(partial, file);
  return checkDatabaseFile(file);
}

/**
 * Replaces the database at `target` with the backup `source`, after checking the backup. The
 * current database is kept next to it as `…before-restore-TIMESTAMP.db`. The platform must be
 * stopped: a running server keeps the old file open.
 */
export function restoreDatabase(source: string, target: string, now = new Date()): { restored: CheckedFile; previous: string | null } {
  const restored = checkDatabaseFile(source);
  let previous: string | null = null;
  if (existsSync(target)) {
    previous = `${target.replace(/\.db$/, "")}.before-restore-${stamp(now)}.db`;
    // Fold the WAL into the main file first, so that the copy kept aside is complete.
    const current = openDatabase(target);
    current.$client.pragma("wal_checkpoint(TRUNCATE)");
    current.close();
    copyFileSync(target, previous);
  }
  mkdirSync(path.dirname(path.resolve(target)), { recursive: true });
  for (const suffix of ["-wal", "-shm"]) rmSync(target + suffix, { force: true });
  copyFileSync(source, `${target}.restoring`);
  renameSync(`${target}.restoring`, target);
  return { restored, previous };
}
