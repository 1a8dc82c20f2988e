/**
 * A fresh, migrated SQLite file per test: real database, real constraints and triggers, no state
 * shared between tests.
 */
import { copyFileSync, rmSync } from "node:fs";
import path from "node:path";
import { afterEach } from "vitest";
import { openDatabase, type Db } from "../../db/client";
import { TEMPLATE_DB, TMP_DIR } from "./paths";

const opened: { db: Db; file: string }[] = [];

export function createTestDb(): Db {
  const file = path.join(TMP_DIR, `test-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.db`);
  copyFileSync(TEMPLATE_DB, file);
  const db = openDatabase(file);
  opened.push({ db, file });
  return db;
}

afterEach(() => {
  for (const { db, file } of opened.splice(0)) {
    db.$client.close();
    for (const suffix of ["", "-wal", "-shm"]) rmSync(file + suffix, { force: true });
  }
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
