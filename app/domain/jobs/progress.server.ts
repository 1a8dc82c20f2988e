/**
 * Where a running job's progress is kept, readable by every process (and, on PostgreSQL, every node).
 * - SQLite: a small SQLite file beside the database (`<file>-progress`), not the database itself:
 *   an import commit is one transaction that holds the database's only write lock for seconds, and
 *   progress written there would wait for the very commit it reports on. A file of its own has its
 *   own lock, held for a single-row write at a time. Progress is a display, not a record: losing
 *   the file loses nothing (it is not backed up, and is re-created on first use). See ADR 020.
 * - PostgreSQL: the job's own row (`jobs.progress`), updated outside any transaction: a row lock
 *   only, which the import's commit does not hold, so the update never waits for it.
 */
import Database from "better-sqlite3";
import { databaseLocation, engineKind, isPostgresUrl, rawRun, type Db } from "#db/client";
import type { JobProgress } from "#db/schema";
import type { Job } from "./queue.server";

interface Store {
  write: Database.Statement<[number, string, number]>;
  read: Database.Statement<[number], { progress: string }>;
  drop: Database.Statement<[number]>;
}

const stores: Map<string, Store> = ((globalThis as { __jobProgressStores?: Map<string, Store> }).__jobProgressStores ??= new Map());

/** Beside the SQLite file (PostgreSQL keeps progress in the jobs table: no file). */
function progressFile(databasePath: string): string {
  if (isPostgresUrl(databasePath)) throw new Error("PostgreSQL keeps job progress in the jobs table, not in a file");
  return `${databasePath}-progress`;
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
export async function writeJobProgress(db: Db, databasePath: string, jobId: number, progress: JobProgress): Promise<boolean> {
  if (engineKind(db) === "postgres") {
    await rawRun(db, `update jobs set progress = ? where id = ? and status = 'running'`, JSON.stringify(progress), jobId);
    return true;
  }
  try {
    storeFor(databasePath).write.run(jobId, JSON.stringify(progress), Date.now());
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === "SQLITE_BUSY") return false;
    throw error;
  }
}

/** The progress of a running job (`job` as read from the jobs table, which holds it on PostgreSQL). */
export function readJobProgress(db: Db, job: Job): JobProgress | null {
  if (job.status !== "running") return null;
  if (engineKind(db) === "postgres") return job.progress ?? null;
  const row = storeFor(databaseLocation(db)).read.get(job.id);
  return row ? (JSON.parse(row.progress) as JobProgress) : null;
}

/** Forgets a finished job's progress (on PostgreSQL it stays on the finished row, where nothing reads it). */
export function dropJobProgress(databasePath: string, jobId: number): void {
  if (isPostgresUrl(databasePath)) return;
  try {
    storeFor(databasePath).drop.run(jobId);
  } catch (error) {
    if ((error as { code?: string }).code !== "SQLITE_BUSY") throw error;
  }
}
