/**
 * db/schema.ts hands the domain the engine's tables (ADR 022): every table of the SQLite schema
 * must be exported there, or domain code importing it would get the SQLite table on PostgreSQL.
 */
import { getTableName, isTable, type Table } from "drizzle-orm";
import { expect, it } from "vitest";
import * as chosen from "../../db/schema";
import * as postgres from "../../db/schema.pg";
import * as sqlite from "../../db/schema.sqlite";

it("exports every table of the SQLite schema, from the engine this process runs on", () => {
  const tables = (Object.entries(sqlite) as [string, unknown][]).filter((entry): entry is [string, Table] => isTable(entry[1]));
  expect(tables.length).toBeGreaterThan(30);
  const engine = chosen.ON_POSTGRES ? postgres : sqlite;
  for (const [name, table] of tables) {
    const exported = (chosen as Record<string, unknown>)[name];
    expect(exported, `db/schema.ts does not export ${name}`).toBe((engine as Record<string, unknown>)[name]);
    expect(getTableName(exported as Table)).toBe(getTableName(table));
  }
});
