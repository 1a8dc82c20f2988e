/**
 * Where a running job's progress is kept, readable by every process. On the embedded engine it is
 * a small SQLite file beside the database (`<file>-progress`), not the database itself: an import
 * commit is one transaction that holds the database's only write lock for seconds, and progress
 * written there would wait for the very commit it reports on. A file of its own has its own lock,
 * held for a single-row write at a time. Progress is a display, not a record: losing the file
 * loses nothing (it is not backed up, and is re-created on first use). See ADR 020.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { isPostgresUrl } from "#db/client";
import type { JobProgress } from "#db/schema";

interface Store {
  write: Database.Statement<[number, string, number]>;
  read: Database.Statement<[number], { progress: string }>;
  drop: Database.Statement<[number]>;
}

const stores: Map<string, Store> = ((globalThis as { __jobProgressStores?: Map<string, Store> }).__jobProgressStores ??= new Map());

/**
 * Beside the SQLite file; for PostgreSQL, a file per database in the machine's temporary directory,
 * so progress is shared by the processes of one machine. Across machines it is not (yet): on
 * PostgreSQL it belongs in the jobs table, where writers do not block each other (ADR 020).
 */
function progressFile(databasePath: string): string {
  if (!isPostgresUrl(databasePath)) return `${databasePath}-progress`;
  return path.join(os.tmpdir(), `ldd-progress-${createHash("sha256").update(databasePath).digest("hex").slice(0, 16)}.db`);
}

function storeFor(databasePath: string): Store {
  let store = stores.get(databasePath);
  if (!store) {
    const file = new Database(progressFile(databasePath));
    file.pragma("busy_timeout = 200");
    file.pragma("journal_mode = WAL");
    file.pragma("synchronous = OFF");
    file.exec(`create table if not exists job_progress (job_id integer primary key, progress text not null, updated_at integer not null)`);
    store = {
      write: file.prepare(`insert into job_progress (job_id, progress, updated_at) values (?, ?, ?) on conflict (job_id) do update set progress = excluded.progress, updated_at = excluded.updated_at`),
      read: file.prepare(`select progress from job_progress where job_id = ?`),
      drop: file.prepare(`delete from job_progress where job_id = ?`),
    };
    stores.set(databasePath, store);
  }
  return store;
}

/** Records a job's progress; false when the store was busy (the caller tries again later). */
export function writeJobProgress(databasePath: string, jobId: number, progress: JobProgress): boolean {
  try {
    storeFor(databasePath).write.run(jobId, JSON.stringify(progress), Date.now());
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
    throw error;
  }
}

export function readJobProgress(databasePath: string, jobId: number): JobProgress | null {
  const row = storeFor(databasePath).read.get(jobId);
  return row ? (JSON.parse(row.progress) as JobProgress) : null;
}

export function dropJobProgress(databasePath: string, jobId: number): void {
  try {
    storeFor(databasePath).drop.run(jobId);
  } catch (error) {
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
  }
}
