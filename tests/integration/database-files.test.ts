/**
 * The database file under adverse conditions: backups taken while another process writes, restored
 * and checked; and the server refusing, with a clear sentence, to start on a file it cannot use.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { backupDatabase, checkDatabaseFile, restoreDatabase } from "../../db/backup";
import { explainDatabaseError, newestKnownMigration } from "../../db/health";
import { ON_POSTGRES } from "../support/db";
import { TEMPLATE_DB, TMP_DIR } from "../support/paths";

const dir = path.join(TMP_DIR, `dbfiles-${process.pid}`);
mkdirSync(dir, { recursive: true });
const fresh = (name: string) => {
  const file = path.join(dir, name);
  copyFileSync(TEMPLATE_DB, file);
  return file;
};

// The SQLite database file: its backups, its restore and the server refusing a file it cannot use.
// Under the postgres project there is no SQLite template to copy and the server would open the
// PostgreSQL database of DATABASE_URL; a PostgreSQL deployment's backups are the server's (pg_dump,
// docs/deploy.md). The message test below runs on both.
describe.skipIf(ON_POSTGRES)("backups", () => {
  it("are consistent while another process writes, and restore to a working database", async () => {
    const live = fresh(`live-${Date.now()}.db`);
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/writer-child.ts", live], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => child.stdout!.once("data", () => resolve()));
    await new Promise((r) => setTimeout(r, 300));
    const db = openDatabase(live);
    const before = (db.$client.prepare(`select count(*) as n from audit_log`).get() as { n: number }).n;
    const backup = backupDatabase(db, path.join(dir, `backup-${Date.now()}.db`));
    await new Promise((r) => setTimeout(r, 200));
    const after = (db.$client.prepare(`select count(*) as n from audit_log`).get() as { n: number }).n;
    child.kill("SIGKILL");
    db.$client.close();
    expect(before).toBeGreaterThan(0);
    expect(backup.auditLogEntries).toBeGreaterThanOrEqual(before);
    expect(backup.auditLogEntries).toBeLessThanOrEqual(after);
    expect(backup.auditLogEntries % 50).toBe(0); // whole transactions only

    const target = fresh(`target-${Date.now()}.db`);
    const { restored, previous } = restoreDatabase(backup.file, target);
    expect(restored.auditLogEntries).toBe(backup.auditLogEntries);
    expect(previous).toMatch(/before-restore-/);
    expect(checkDatabaseFile(target).auditLogEntries).toBe(backup.auditLogEntries);
    expect(checkDatabaseFile(previous!).auditLogEntries).toBe(0);
  }, 30_000);

  it("refuse to restore a file that is not a whole database of this platform", () => {
    const junk = path.join(dir, "junk.db");
    writeFileSync(junk, "this is not a database");
    expect(() => restoreDatabase(junk, fresh("t1.db"))).toThrow(/is not a usable SQLite database/);
    expect(() => restoreDatabase(path.join(dir, "missing.db"), fresh("t2.db"))).toThrow(/does not exist/);
    const foreign = path.join(dir, `foreign-${Date.now()}.db`);
    const other = openDatabase(foreign);
    other.$client.exec("create table notes (text)");
    other.$client.close();
    expect(() => restoreDatabase(foreign, fresh("t3.db"))).toThrow(/not one of this platform's/);
  });
});

describe("start-up on a database it cannot use", () => {
  const onSqliteFile = it.skipIf(ON_POSTGRES);
  const start = (databasePath: string) =>
    spawnSync(process.execPath, ["--import", "tsx", "server.ts"], { env: { ...process.env, NODE_ENV: "development", DATABASE_PATH: databasePath, PORT: "39999", SEED_DEMO: "false" }, encoding: "utf8", timeout: 60_000 });

  onSqliteFile("names the problem instead of printing a stack trace", () => {
    const junk = path.join(dir, "not-sqlite.db");
    writeFileSync(junk, "x".repeat(4096));
    let run = start(junk);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("is not a usable SQLite database");
    expect(run.stderr).not.toMatch(/\n\s+at /);

    const newer = fresh(`newer-${Date.now()}.db`);
    const db = openDatabase(newer);
    db.$client.prepare(`insert into __drizzle_migrations (hash, created_at) values ('future', ?)`).run(newestKnownMigration().when + 86_400_000);
    db.$client.close();
    run = start(newer);
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("was written by a newer version of the platform");

    const blocker = path.join(dir, "a-file");
    writeFileSync(blocker, "");
    run = start(path.join(blocker, "app.db"));
    expect(run.status).toBe(1);
    expect(run.stderr).toContain("cannot be opened or created");
  }, 120_000);

  it("explains a read-only database (the code SQLite gives; root cannot make a file read-only here)", () => {
    expect(explainDatabaseError(Object.assign(new Error("attempt to write a readonly database"), { code: "SQLITE_READONLY" }), "data/app.db").message).toMatch(/is read-only for the platform/);
  });
});
