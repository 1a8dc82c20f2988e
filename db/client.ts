/**
 * Opens the one SQLite file with the pragmas the whole platform relies on. The HTTP server opens
 * it once and hands it to Remix through the load context; scripts and tests open their own.
 */
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle, type BetterSQLite3Database } from "drizzle-orm/better-sqlite3";
import * as schema from "./schema";

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

export interface OpenOptions {
  readonly?: boolean;
  /** Milliseconds a writer waits for the lock before SQLITE_BUSY; long enough to ride out an import batch. */
  busyTimeoutMs?: number;
}

export function openDatabase(file: string, options: OpenOptions = {}): Db {
  if (file !== ":memory:" && !options.readonly) mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  sqlite.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  if (!options.readonly) {
    // WAL lets readers go on while one writer commits; NORMAL is durable across application
    // crashes in WAL mode (only an OS crash can lose the last commits, never corrupt the file).
    sqlite.pragma("journal_mode = WAL");
    sqlite.pragma("synchronous = NORMAL");
  }
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("temp_store = MEMORY");
  return drizzle({ client: sqlite, schema }) as Db;
}

/** Runs `fn` in one IMMEDIATE transaction: all of it is committed, or none of it. */
export function inTransaction<T>(db: Db, fn: () => T): T {
  return db.$client.transaction(fn).immediate();
}
