/**
 * Checks that the database file can be used before the platform starts on it, and turns the
 * ways it can fail into sentences a person can act on: a file that is not an SQLite database, a
 * path that cannot be created, a read-only file or disk, or a schema written by a newer version.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { engineError, type Db } from "./client";
import { MIGRATIONS_FOLDER } from "./migrate";

export class DatabaseUnusable extends Error {
  override name = "DatabaseUnusable";
}

interface Journal {
  entries: { tag: string; when: number }[];
}

/** The newest migration this version of the platform knows (its drizzle "when" stamp). */
export function newestKnownMigration(): { tag: string; when: number } {
  const journal = JSON.parse(readFileSync(path.join(MIGRATIONS_FOLDER, "meta/_journal.json"), "utf8")) as Journal;
  return journal.entries.reduce((a, b) => (b.when > a.when ? b : a));
}

/** Refuses a database whose schema a newer version of the platform wrote. */
export function assertSchemaNotNewer(db: Db, file: string): void {
  const table = db.$client.prepare(`select name from sqlite_master where type = 'table' and name = '__drizzle_migrations'`).get();
  if (!table) return;
  const newest = (db.$client.prepare(`select max(created_at) as t from __drizzle_migrations`).get() as { t: number | null }).t;
  const known = newestKnownMigration();
  if (newest !== null && newest > known.when) {
    throw new DatabaseUnusable(
      `The database ${file} was written by a newer version of the platform: its schema includes a change from ${new Date(newest).toISOString().slice(0, 10)}, after this version's last one (${known.tag}). Start the newer version, or restore a backup made with this one (npm run db:restore FILE).`,
    );
  }
}

/** Refuses a database the platform could read but not write (read-only file, directory or disk). */
export function assertWritable(db: Db, file: string): void {
  try {
    db.$client.exec("BEGIN IMMEDIATE; ROLLBACK");
  } catch (error) {
    throw explainDatabaseError(error, file);
  }
}

/** A clear message for an error met while opening or preparing the database file. */
export function explainDatabaseError(error: unknown, file: string): Error {
  if (error instanceof DatabaseUnusable) return error;
  const code = (engineError(error) as { code?: string }).code ?? "";
  const where = path.resolve(file);
  if (code === "SQLITE_READONLY" || code.startsWith("SQLITE_READONLY_") || code === "EROFS" || code === "EACCES" || code === "EPERM")
    return new DatabaseUnusable(`The database ${where} is read-only for the platform: it must be able to write to the file and to its directory (for the WAL journal). Check the permissions and that the disk is not mounted read-only.`);
  if (code === "SQLITE_NOTADB" || code === "SQLITE_CORRUPT")
    return new DatabaseUnusable(`The file ${where} is not a usable SQLite database (${code}). Point DATABASE_PATH at the platform's database, or restore a backup (npm run db:restore FILE).`);
  if (code === "SQLITE_CANTOPEN" || code === "ENOTDIR" || code === "ENOENT" || code === "EEXIST")
    return new DatabaseUnusable(`The database ${where} cannot be opened or created: check that DATABASE_PATH names a file in a directory that exists or can be created.`);
  return error instanceof Error ? error : new Error(String(error));
}
