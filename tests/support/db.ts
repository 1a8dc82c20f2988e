/**
 * A fresh, migrated database per test: real database, real constraints and triggers, no state
 * shared between tests. On SQLite a copy of the migrated template file; on PostgreSQL (the
 * "postgres" vitest project, tests/support/postgres-setup.ts) a database created from the migrated
 * template database, which PostgreSQL copies file by file (tens of milliseconds).
 */
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { afterEach } from "vitest";
import { databaseLocation, openDatabase, postgresPool, type Db } from "../../db/client";
import { forgetJobRunner } from "../../app/domain/jobs/runner.server";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

const opened: { db: Db; file?: string; database?: string }[] = [];

/** Set by the postgres project's global setup: the server's admin URL and the template's name. */
const POSTGRES = process.env.TEST_POSTGRES_ADMIN_URL;
const POSTGRES_TEMPLATE = process.env.TEST_POSTGRES_TEMPLATE ?? "app_template";
let admin: pg.Pool | null = null;
/** Whether this test process runs on PostgreSQL (for the few tests of one engine's own behaviour). */
export const ON_POSTGRES = Boolean(POSTGRES);

function postgresTestDb(adminUrl: string): Db {
  admin ??= new pg.Pool({ connectionString: adminUrl, max: 2 });
  const database = `t_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
  // Queries wait for the database to exist: tests create their database synchronously.
  const ready = admin.query(`CREATE DATABASE ${database} TEMPLATE ${POSTGRES_TEMPLATE}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const db = openDatabase(url.toString(), { postgresReady: ready });
  opened.push({ db, database });
  return db;
}

/**
 * One database for a whole file (a beforeAll world), on either engine; the caller drops it with
 * the returned function in its afterAll (createTestDb's databases go after each test).
 */
export function createSuiteDb(): { db: Db; drop: () => Promise<void> } {
  const db = createTestDb();
  const entry = opened.pop()!;
  return { db, drop: () => dropOpened(entry) };
}

export function createTestDb(): Db {
  if (POSTGRES) return postgresTestDb(POSTGRES);
  const file = path.join(TMP_DIR, `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(TEMPLATE_DB, file);
  const db = openDatabase(file);
  opened.push({ db, file });
  return db;
}

async function dropOpened({ db, file, database }: (typeof opened)[number]): Promise<void> {
  // A job runner this test started on its database must not poll it once it is gone.
  await forgetJobRunner(databaseLocation(db));
  if (database) {
    await postgresPool(db).end();
    await admin!.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    return;
  }
  db.close();
  for (const suffix of ["", "-wal", "-shm"]) rmSync(file! + suffix, { force: true });
}

afterEach(async () => {
  for (const entry of opened.splice(0)) await dropOpened(entry);
});

/**
 * The message with which the database refused a statement (a trigger's or a constraint's). The
 * async driver wraps the engine's error ("Failed query: …") and keeps it as the cause.
 */
export async function databaseRefusal(statement: PromiseLike<unknown>): Promise<string> {
  try {
    await statement;
  } catch (error) {
    const e = error as { cause?: { message?: string }; message: string };
    return e.cause?.message ?? e.message;
  }
  throw new Error("expected the statement to be refused");
}
