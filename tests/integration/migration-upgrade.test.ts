/**
 * An existing database upgrades without losing a row. Migration 0023 (issue 20) rebuilds the
 * organisations table to widen its CHECK to the supplier kind; with SQLite's foreign keys on, the
 * DROP of the old table would cascade-delete every member, supplier and report that refers to it.
 * db/migrate.ts turns them off around the migrator: this test builds a database at the migration
 * before, fills it, migrates it the way the server does, and counts.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { afterEach, describe, expect, it } from "vitest";
import { openDatabase, rawAll, rawGet, rawRun } from "#db/client";
import { migrateDatabase, MIGRATIONS_FOLDER } from "#db/migrate";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A copy of the migrations folder that stops before the named migration. */
function migrationsBefore(tag: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), "ldd-migrations-"));
  dirs.push(dir);
  cpSync(MIGRATIONS_FOLDER, dir, { recursive: true });
  const journalPath = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as { entries: { tag: string }[] };
  const at = journal.entries.findIndex((e) => e.tag === tag);
  expect(at).toBeGreaterThan(0);
  journal.entries = journal.entries.slice(0, at);
  writeFileSync(journalPath, JSON.stringify(journal));
  return dir;
}

describe("upgrading a SQLite database across the organisations rebuild (0023)", () => {
  it("keeps every organisation, member and supplier, and then accepts the supplier kind", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "ldd-upgrade-"));
    dirs.push(dir);
    const file = path.join(dir, "app.db");
    const old = new Database(file);
    old.pragma("foreign_keys = ON");
    migrate(drizzle({ client: old }), { migrationsFolder: migrationsBefore("0023_supplier_portal") });
    old.exec(`
      insert into organisations (type, name) values ('company', 'Northwind'), ('union', 'Workers United');
      insert into users (email, name) values ('a@northwind.example', 'A'), ('b@union.example', 'B');
      insert into memberships (user_id, org_id, role) values (1, 1, 'admin'), (2, 2, 'member');
      insert into suppliers (org_id, external_id, name) values (1, 'S-1', 'Plant one'), (1, 'S-2', 'Plant two');
    `);
    old.close();

    const db = openDatabase(file);
    try {
      await migrateDatabase(db);
      const count = async (table: string) => Number((await rawGet<{ n: number }>(db, `select count(*) as n from ${table}`))!.n);
      expect(await count("organisations")).toBe(2);
      expect(await count("memberships")).toBe(2);
      expect(await count("suppliers")).toBe(2);
      expect(await rawAll(db, "pragma foreign_key_check")).toEqual([]);
      // The widened CHECK, and still a CHECK.
      await rawRun(db, `insert into organisations (type, name) values ('supplier', 'Mekong Garment')`);
      await expect(rawRun(db, `insert into organisations (type, name) values ('bogus', 'Nobody')`)).rejects.toThrow(/CHECK/);
      // Foreign keys are on again for everything after the migration: a cascade still cascades.
      await rawRun(db, `delete from organisations where name = 'Workers United'`);
      expect(await count("memberships")).toBe(1);
    } finally {
      db.close();
    }
  });
});
