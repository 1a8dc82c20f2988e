/**
 * The PostgreSQL schema (db/schema.pg.ts, db/migrations-pg) against the SQLite one (db/schema.ts,
 * db/migrations), on a real PostgreSQL server started by tests/support/postgres.ts (ADR 021):
 *  (a) parity: every table, column (nullability, default, primary key), index (columns, unique,
 *      partial predicate), foreign key (with ON DELETE), CHECK constraint and trigger of the
 *      SQLite database built by its migrations exists, the same, on PostgreSQL, and nothing more
 *      (SQLite's FTS5 name search standing for PostgreSQL's trigram indexes, and PostgreSQL's two
 *      TRUNCATE triggers, which SQLite has no need of, the only known differences);
 *      and the drizzle columns follow the type mapping under the same property names;
 *  (b) the append-only and immutable-report triggers refuse what SQLite's refuse, with the same
 *      messages, and the CHECK constraints hold;
 *  (c) rows written and read back through drizzle are the same JavaScript values on both engines.
 */
import { getTableColumns, getTableName, is, Table } from "drizzle-orm";
import { drizzle, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import * as sqliteSchema from "../../db/schema.sqlite";
import * as pgSchema from "../../db/schema.pg";
import { createTestDb } from "../support/db";
import { startPostgres, type TestPostgres } from "../support/postgres";
import { onlyRow } from "../../db/client";

const PG_MIGRATIONS = path.resolve("db/migrations-pg");

let server: TestPostgres;
let pool: pg.Pool;
let pgDb: NodePgDatabase<typeof pgSchema>;

beforeAll(async () => {
  server = await startPostgres();
  pool = new pg.Pool({ connectionString: server.url, max: 2 });
  pgDb = drizzle({ client: pool, schema: pgSchema });
  await migrate(pgDb, { migrationsFolder: PG_MIGRATIONS });
}, 120_000);

afterAll(async () => {
  await pool?.end();
  await server?.stop();
}, 60_000);

/* ------------------------------------------------------------------------------------------ *
 * Each database described as a set of facts, one line each, so that a difference reads plainly.
 * ------------------------------------------------------------------------------------------ */

/** Quotes, backticks, casts, brackets and spaces removed: `status = 'active'` ≈ `(status = 'active'::text)`. */
const normaliseSql = (s: string) =>
  s
    .replace(/::[a-z ]+/gi, "")
    .replace(/[`"()\s]/g, "")
    .toLowerCase();

/** Splits "a, lower(b), c" at the commas outside brackets. */
function splitTopLevel(list: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let current = "";
  for (const ch of list) {
    if (ch === "(") depth++;
    if (ch === ")") depth--;
    if (ch === "," && depth === 0) {
      parts.push(current.trim());
      current = "";
    } else current += ch;
  }
  parts.push(current.trim());
  return parts;
}

const fact = {
  table: (t: string) => `table ${t}`,
  column: (t: string, c: string, notNull: boolean, hasDefault: boolean, pk: boolean) =>
    `column ${t}.${c} ${notNull ? "not null" : "null"}${hasDefault ? " default" : ""}${pk ? " primary key" : ""}`,
  index: (t: string, name: string, columns: string[], unique: boolean, predicate: string | null) =>
    `index ${t}.${name} (${columns.join(", ")})${unique ? " unique" : ""}${predicate ? ` where ${normaliseSql(predicate)}` : ""}`,
  foreignKey: (t: string, from: string[], ref: string, to: string[], onDelete: string) => `foreign key ${t}(${from.join(", ")}) → ${ref}(${to.join(", ")}) on delete ${onDelete}`,
  check: (t: string, name: string) => `check ${t}.${name}`,
  trigger: (t: string, name: string) => `trigger ${t}.${name}`,
  search: (t: string, column: string) => `search ${t}(${column}) by trigrams`,
};

function describeSqlite(db: Db): string[] {
  const client = db.$client;
  const facts: string[] = [];
  const objects = client.prepare(`select type, name, tbl_name as tbl, sql from sqlite_master where name not like 'sqlite_%' and name not like '__drizzle%'`).all() as {
    type: string;
    name: string;
    tbl: string;
    sql: string | null;
  }[];
  // Name search (db/migrations/0015): an external-content FTS5 table over a table, its shadow
  // tables and the triggers that keep it in step are, on PostgreSQL, one trigram GIN index per
  // searched column (db/migrations-pg/0002, 0003). Described as what they are for: "search T(c)".
  const searchTables = new Set<string>();
  for (const { name, sql } of objects.filter((o) => o.type === "table" && /^CREATE VIRTUAL TABLE/i.test(o.sql ?? ""))) {
    const args = splitTopLevel(/USING\s+fts5\s*\((.*)\)/is.exec(sql!)?.[1] ?? "");
    const content = args.map((a) => /^content\s*=\s*'(\w+)'$/.exec(a)?.[1]).find(Boolean);
    if (!content) throw new Error(`${name}: only external-content FTS5 tables have a PostgreSQL counterpart here`);
    for (const column of args.filter((a) => !a.includes("="))) facts.push(fact.search(content, column));
    searchTables.add(name);
  }
  const isSearchTable = (table: string) => [...searchTables].some((v) => table === v || new RegExp(`^${v}_(data|idx|config|docsize|content)$`).test(table));
  const feedsSearchTable = (triggerSql: string) => [...searchTables].some((v) => new RegExp(`\\bINTO\\s+[\`"]?${v}\\b`, "i").test(triggerSql));

  for (const { name: table, sql } of objects.filter((o) => o.type === "table" && !isSearchTable(o.name))) {
    facts.push(fact.table(table));
    const columns = client.pragma(`table_info("${table}")`) as { name: string; notnull: number; dflt_value: string | null; pk: number }[];
    for (const c of columns) facts.push(fact.column(table, c.name, c.notnull === 1 || c.pk > 0, c.dflt_value !== null, c.pk > 0));
    const indexes = client.pragma(`index_list("${table}")`) as { name: string; unique: number; origin: string; partial: number }[];
    for (const index of indexes.filter((i) => i.origin !== "pk")) {
      const indexSql = objects.find((o) => o.type === "index" && o.name === index.name)?.sql ?? "";
      const [, keyList = "", predicate = null] = /\bON\s+\S+\s*\((.*)\)\s*(?:WHERE\s+(.*))?$/is.exec(indexSql) ?? [];
      const keys = (client.pragma(`index_info("${index.name}")`) as { seqno: number; name: string | null }[]).sort((a, b) => a.seqno - b.seqno);
      // An expression key (lower(name)) has no column name: take its text from the index's SQL.
      const columns = keys.map((k) => k.name ?? normaliseSql(splitTopLevel(keyList)[k.seqno] ?? "?"));
      facts.push(fact.index(table, index.name, columns, index.unique === 1, index.partial === 1 ? predicate : null));
    }
    const fks = client.pragma(`foreign_key_list("${table}")`) as { id: number; seq: number; table: string; from: string; to: string; on_delete: string }[];
    for (const id of new Set(fks.map((f) => f.id))) {
      const parts = fks.filter((f) => f.id === id).sort((a, b) => a.seq - b.seq);
      facts.push(fact.foreignKey(table, parts.map((p) => p.from), parts[0]!.table, parts.map((p) => p.to), parts[0]!.on_delete.toUpperCase()));
    }
    for (const [, check] of (sql ?? "").matchAll(/CONSTRAINT\s+["`]?(\w+)["`]?\s+CHECK/gi)) facts.push(fact.check(table, check!));
  }
  for (const trigger of objects.filter((o) => o.type === "trigger" && !feedsSearchTable(o.sql ?? ""))) facts.push(fact.trigger(trigger.tbl, trigger.name));
  return facts.sort();
}

const PG_ON_DELETE: Record<string, string> = { a: "NO ACTION", r: "RESTRICT", c: "CASCADE", n: "SET NULL", d: "SET DEFAULT" };

async function describePostgres(): Promise<string[]> {
  const facts: string[] = [];
  const q = async <T,>(text: string) => (await pool.query(text)).rows as T[];
  const tables = await q<{ name: string }>(`select table_name as name from information_schema.tables where table_schema = 'public' and table_type = 'BASE TABLE'`);
  for (const { name } of tables) facts.push(fact.table(name));
  const columns = await q<{ table: string; name: string; nullable: string; dflt: string | null; pk: boolean }>(`
    select c.table_name as table, c.column_name as name, c.is_nullable as nullable, c.column_default as dflt,
           exists (select 1 from information_schema.key_column_usage k join information_schema.table_constraints tc using (constraint_schema, constraint_name)
                   where tc.constraint_type = 'PRIMARY KEY' and k.table_schema = c.table_schema and k.table_name = c.table_name and k.column_name = c.column_name) as pk
    from information_schema.columns c where c.table_schema = 'public'`);
  // An identity column has no column_default, as SQLite's autoincrement key has no dflt_value.
  for (const c of columns) facts.push(fact.column(c.table, c.name, c.nullable === "NO", c.dflt !== null, c.pk));
  const indexes = await q<{ table: string; name: string; unique: boolean; predicate: string | null; columns: string[]; definition: string }>(`
    select t.relname as table, i.relname as name, x.indisunique as unique, pg_get_expr(x.indpred, x.indrelid) as predicate, pg_get_indexdef(x.indexrelid) as definition,
           array(select pg_get_indexdef(x.indexrelid, k, true) from generate_series(1, x.indnkeyatts) k order by k)::text[] as columns
    from pg_index x join pg_class i on i.oid = x.indexrelid join pg_class t on t.oid = x.indrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and not x.indisprimary`);
  for (const i of indexes) {
    const trigrams = /USING gin \((\w+) gin_trgm_ops\)$/.exec(i.definition);
    if (trigrams) facts.push(fact.search(i.table, trigrams[1]!));
    else facts.push(fact.index(i.table, i.name, i.columns.map((c) => (/^"?\w+"?$/.test(c) ? c.replace(/"/g, "") : normaliseSql(c))), i.unique, i.predicate));
  }
  const constraints = await q<{ table: string; name: string; type: string; ref: string | null; on_delete: string; from: string[]; to: string[] }>(`
    select t.relname as table, c.conname as name, c.contype as type, r.relname as ref, c.confdeltype as on_delete,
           array(select a.attname from unnest(c.conkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.o)::text[] as from,
           array(select a.attname from unnest(c.confkey) with ordinality k(n, o) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.o)::text[] as to
    from pg_constraint c join pg_class t on t.oid = c.conrelid left join pg_class r on r.oid = c.confrelid join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = 'public' and c.contype in ('f', 'c')`);
  for (const c of constraints) {
    if (c.type === "f") facts.push(fact.foreignKey(c.table, c.from, c.ref!, c.to, PG_ON_DELETE[c.on_delete] ?? c.on_delete));
    else facts.push(fact.check(c.table, c.name));
  }
  const triggers = await q<{ table: string; name: string }>(`
    select c.relname as table, g.tgname as name from pg_trigger g join pg_class c on c.oid = g.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = 'public' and not g.tgisinternal`);
  for (const t of triggers) facts.push(fact.trigger(t.table, t.name));
  return facts.sort();
}

/** Triggers PostgreSQL needs and SQLite has no use for: TRUNCATE skips row triggers. */
const PG_ONLY = [fact.trigger("audit_log", "audit_log_no_truncate"), fact.trigger("report_reviews", "report_reviews_no_truncate"), fact.trigger("reports", "reports_submitted_untruncatable")];

function differences(sqlite: string[], postgres: string[]) {
  const inPg = new Set(postgres);
  const inSqlite = new Set(sqlite);
  return {
    missingOnPostgres: sqlite.filter((f) => !inPg.has(f)),
    missingOnSqlite: postgres.filter((f) => !inSqlite.has(f) && !PG_ONLY.includes(f)),
  };
}

describe("PostgreSQL schema parity with SQLite", () => {
  it("has every table, column, index, foreign key, check and trigger of the SQLite database, and nothing else", async () => {
    const sqlite = describeSqlite(createTestDb());
    const postgres = await describePostgres();
    // Sanity: the descriptions are not trivially empty.
    expect(sqlite.filter((f) => f.startsWith("table ")).length).toBeGreaterThan(40);
    expect(sqlite).toContain("index suppliers.suppliers_org_red_flags_idx (org_id, risk_score) where risk_red_flags>0");
    expect(sqlite).toContain("index organisations.organisations_name_unique (lowername) unique");
    expect(sqlite).toContain("foreign key reports(submitted_to) → organisations(id) on delete NO ACTION");
    expect(sqlite).toContain("check evidence.evidence_owner_check");
    expect(sqlite).toContain("search recruiters(licence_number) by trigrams");
    expect(differences(sqlite, postgres)).toEqual({ missingOnPostgres: [], missingOnSqlite: [] });
    for (const extra of PG_ONLY) expect(postgres).toContain(extra);

    // The comparison notices a column missing on either side.
    const dropOne = (facts: string[], prefix: string) => facts.filter((f) => !f.startsWith(prefix));
    expect(differences(sqlite, dropOne(postgres, "column suppliers.risk_drivers ")).missingOnPostgres).toEqual(["column suppliers.risk_drivers null"]);
    expect(differences(dropOne(sqlite, "column jobs.runner "), postgres).missingOnSqlite).toEqual(["column jobs.runner null"]);
  });

  it("maps every drizzle column by the documented type mapping, under the same property names", () => {
    const tables = <T extends object>(schema: T) => Object.fromEntries(Object.values(schema).filter((v) => is(v, Table)).map((t: Table) => [getTableName(t), t]));
    const sqliteTables = tables(sqliteSchema);
    const pgTables = tables(pgSchema);
    expect(Object.keys(pgTables).sort()).toEqual(Object.keys(sqliteTables).sort());
    // SQLite column type → the PostgreSQL one that gives the domain the same JavaScript value.
    const mapping: Record<string, string> = {
      SQLiteInteger: "PgInteger",
      SQLiteTimestamp: "PgTimestamp",
      SQLiteBoolean: "PgBoolean",
      SQLiteTextJson: "PgJsonb",
      SQLiteText: "PgText",
      SQLiteReal: "PgDoublePrecision",
    };
    const WIDE = new Set(["api_rate_windows.windowStart"]);
    const mismatches: string[] = [];
    for (const [name, table] of Object.entries(sqliteTables)) {
      const sqliteColumns = getTableColumns(table);
      const pgColumns = getTableColumns(pgTables[name]!);
      expect(Object.keys(pgColumns), name).toEqual(Object.keys(sqliteColumns));
      for (const [key, column] of Object.entries(sqliteColumns)) {
        const other = pgColumns[key]!;
        // SQLite's integer is 64 bits; PostgreSQL's is 32: a column holding epoch milliseconds as a number is bigint there.
        const expected = WIDE.has(`${name}.${key}`) ? "PgBigInt53" : (mapping[column.columnType] ?? `unmapped ${column.columnType}`);
        if (other.columnType !== expected || other.name !== column.name) mismatches.push(`${name}.${key}: ${column.columnType} ${column.name} → ${other.columnType} ${other.name}`);
        if (column.enumValues?.length || other.enumValues?.length) expect(other.enumValues, `${name}.${key}`).toEqual(column.enumValues);
      }
    }
    expect(mismatches).toEqual([]);
  });
});

/* ------------------------------------------------------------------------------------------ */

async function pgError(query: Promise<unknown>): Promise<string> {
  try {
    await query;
  } catch (error) {
    // drizzle wraps the driver's error ("Failed query: …") and keeps it as the cause.
    const e = error as { cause?: { message?: string }; message: string };
    return e.cause?.message ?? e.message;
  }
  throw new Error("expected the statement to be refused");
}

function sqliteError(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("expected the statement to be refused");
}

describe("PostgreSQL triggers and constraints", () => {
  it("refuses UPDATE, DELETE and TRUNCATE of the audit log with SQLite's message", async () => {
    const sqlite = createTestDb();
    await sqlite.insert(sqliteSchema.auditLog).values({ at: new Date(), action: "test.entry" });
    const sqliteUpdate = sqliteError(() => sqlite.$client.prepare(`update audit_log set action = 'rewritten'`).run());
    const sqliteDelete = sqliteError(() => sqlite.$client.prepare(`delete from audit_log`).run());
    expect(sqliteUpdate).toBe("audit_log is append-only");
    expect(sqliteDelete).toBe("audit_log is append-only");

    await pgDb.insert(pgSchema.auditLog).values({ at: new Date(), action: "test.entry" });
    expect(await pgError(pool.query(`update audit_log set action = 'rewritten'`))).toBe(sqliteUpdate);
    expect(await pgError(pool.query(`delete from audit_log`))).toBe(sqliteDelete);
    expect(await pgError(pool.query(`truncate audit_log`))).toBe(sqliteDelete);
    const rows = await pool.query(`select action from audit_log`);
    expect(rows.rows).toEqual([{ action: "test.entry" }]);
  });

  it("lets an unsubmitted report change and go, but never a submitted one (also not through a cascade)", async () => {
    const [org] = await pgDb.insert(pgSchema.organisations).values({ type: "company", name: "Report Co" }).returning();
    const [regulator] = await pgDb.insert(pgSchema.organisations).values({ type: "regulator", name: "Regulator" }).returning();
    const report = (id: string) => ({
      id,
      orgId: org!.id,
      type: "company_due_diligence" as const,
      title: "Due diligence 2026",
      params: { year: 2026 },
      dataAsOf: new Date(),
      referenceVersions: [1, 2],
      dataHash: "3".repeat(64),
      filePath: `/reports/${id}.pdf`,
      sha256: id.padEnd(64, "0"),
      size: 1000,
      pages: 3,
      issuedAt: new Date(),
    });
    await pgDb.insert(pgSchema.reports).values([report("a"), report("b")]);
    // Not yet submitted: may change (submitting it is such a change) and may be deleted.
    await pool.query(`update reports set title = 'Retitled' where id = 'b'`);
    await pool.query(`delete from reports where id = 'b'`);
    await pool.query(`update reports set submitted_to = $1, submitted_at = now() where id = 'a'`, [regulator!.id]);

    expect(await pgError(pool.query(`update reports set title = 'Rewritten' where id = 'a'`))).toBe("a submitted report is immutable");
    expect(await pgError(pool.query(`delete from reports where id = 'a'`))).toBe("a submitted report cannot be deleted");
    expect(await pgError(pool.query(`delete from organisations where id = $1`, [org!.id]))).toBe("a submitted report cannot be deleted");
    expect(await pgError(pool.query(`truncate reports cascade`))).toBe("a submitted report cannot be deleted");
    const rows = await pool.query(`select id, title from reports`);
    expect(rows.rows).toEqual([{ id: "a", title: "Due diligence 2026" }]);

    // The same messages as SQLite's triggers.
    const sqlite = createTestDb();
    const sqliteOrg = onlyRow(await sqlite.insert(sqliteSchema.organisations).values({ type: "company", name: "Report Co" }).returning());
    await sqlite
            .insert(sqliteSchema.reports)
            .values({ ...report("a"), orgId: sqliteOrg.id, submittedAt: new Date() });
    expect(sqliteError(() => sqlite.$client.prepare(`update reports set title = 'Rewritten'`).run())).toBe("a submitted report is immutable");
    expect(sqliteError(() => sqlite.$client.prepare(`delete from reports`).run())).toBe("a submitted report cannot be deleted");
  });

  it("enforces the CHECK constraints, the partial unique indexes and the foreign keys", async () => {
    expect(await pgError(pool.query(`insert into organisations (type, name) values ('bank', 'Bank')`))).toMatch(/organisations_type_check/);
    expect(await pgError(pool.query(`insert into organisations (type, name) values ('union', 'ACME Union'), ('union', 'acme union')`))).toMatch(/organisations_name_unique/);
    expect(await pgError(pool.query(`insert into jobs (kind, subject, payload, status) values ('rescore', 'rescore', '{}', 'lost')`))).toMatch(/jobs_status_check/);
    await pool.query(`insert into jobs (kind, subject, payload) values ('rescore', 's', '{}'), ('rescore', 's', '{}') on conflict do nothing`);
    expect((await pool.query(`select count(*)::int as n from jobs where subject = 's'`)).rows).toEqual([{ n: 1 }]);
    expect(await pgError(pool.query(`insert into evidence (org_id, file_name, file_path, sha256, size, mime) values (1, 'a', 'b', 'c', 1, 'text/plain')`))).toMatch(
      /evidence_owner_check/,
    );
    expect(await pgError(pool.query(`insert into memberships (user_id, org_id, role) values (999999, 999999, 'admin')`))).toMatch(/foreign key/);
    expect(await pgError(pool.query(`insert into audit_log (id, at, action) values (1, now(), 'x')`))).toMatch(/non-DEFAULT value into column "id"/);
  });
});

/* ------------------------------------------------------------------------------------------ */

describe("a row round-trip through drizzle", () => {
  it("gives the same JavaScript values on both engines", async () => {
    const sqlite = createTestDb();
    // Distinct names from the other tests' rows (the PostgreSQL database is shared in this file).
    const createdAt = new Date("2026-03-04T05:06:07.089Z");
    const org = { type: "inspectorate" as const, name: "Round Trip Inspectorate", jurisdictions: ["GB", "FR"], createdAt };
    const user = (orgName: string) => ({ email: `${orgName.toLowerCase().replace(/\W/g, "")}@example.org`, name: "Ana Ruiz", passwordHash: null, isPlatformAdmin: true, disabledAt: new Date("2026-05-01T00:00:00.001Z"), createdAt });
    const supplier = (orgId: number) => ({
      orgId,
      externalId: "S-1",
      name: "Factory “Ünïcode” 工厂",
      country: "CN",
      products: ["cotton yarn", "fabric"],
      identifiers: { lei: "5493001KJTIIGC8Y1R12" },
      indicators: { forced_overtime: true, wage_deductions: false },
      indicatorSources: { forced_overtime: { source: "union report", date: "2026-01-02" } },
      migrantShare: 0.1 + 0.2,
      riskScore: 72.5,
      riskRedFlags: 2,
      tier: null,
      createdAt,
      updatedAt: null,
    });
    const logEntry = (orgId: number) => ({ at: createdAt, orgId, action: "round.trip", details: { nested: { list: [1, 2.5, "three", null, true] }, empty: {} } });
    const recruiter = (orgId: number) => ({ orgId, externalId: "R-1", name: "Agency", feesChargedToWorkers: false, feeAmount: 1234.56, originCountries: ["NP"], createdAt });

    const s = {
      org: onlyRow(await sqlite.insert(sqliteSchema.organisations).values(org).returning()),
      defaults: onlyRow(await sqlite.insert(sqliteSchema.organisations).values({ type: "union", name: "Defaults Union" }).returning()),
    };
    const sUser = onlyRow(await sqlite.insert(sqliteSchema.users).values(user(org.name)).returning());
    const sSupplier = onlyRow(await sqlite.insert(sqliteSchema.suppliers).values(supplier(s.org.id)).returning());
    const sLog = onlyRow(await sqlite.insert(sqliteSchema.auditLog).values(logEntry(s.org.id)).returning());
    const sRecruiter = onlyRow(await sqlite.insert(sqliteSchema.recruiters).values(recruiter(s.org.id)).returning());

    const [pOrg] = await pgDb.insert(pgSchema.organisations).values(org).returning();
    const [pDefaults] = await pgDb.insert(pgSchema.organisations).values({ type: "union", name: "Defaults Union" }).returning();
    const [pUser] = await pgDb.insert(pgSchema.users).values(user(org.name)).returning();
    const [pSupplier] = await pgDb.insert(pgSchema.suppliers).values(supplier(pOrg!.id)).returning();
    const [pLog] = await pgDb.insert(pgSchema.auditLog).values(logEntry(pOrg!.id)).returning();
    const [pRecruiter] = await pgDb.insert(pgSchema.recruiters).values(recruiter(pOrg!.id)).returning();

    // Read back with select (not only returning), through each engine's relational query too.
    const readSqlite = {
      org: await sqlite.query.organisations.findFirst({ where: (o, { eq }) => eq(o.id, s.org.id) }),
      user: await sqlite.query.users.findFirst({ where: (u, { eq }) => eq(u.id, sUser.id) }),
      supplier: (await sqlite.select().from(sqliteSchema.suppliers)).find((r) => r.id === sSupplier.id),
      log: (await sqlite.select().from(sqliteSchema.auditLog)).find((r) => r.id === sLog.id),
      recruiter: (await sqlite.select().from(sqliteSchema.recruiters)).find((r) => r.id === sRecruiter.id),
    };
    const readPg = {
      org: await pgDb.query.organisations.findFirst({ where: (o, { eq }) => eq(o.id, pOrg!.id) }),
      user: await pgDb.query.users.findFirst({ where: (u, { eq }) => eq(u.id, pUser!.id) }),
      supplier: (await pgDb.select().from(pgSchema.suppliers)).find((r) => r.id === pSupplier!.id),
      log: (await pgDb.select().from(pgSchema.auditLog)).find((r) => r.id === pLog!.id),
      recruiter: (await pgDb.select().from(pgSchema.recruiters)).find((r) => r.id === pRecruiter!.id),
    };

    // Ids are engine-assigned (the PostgreSQL database is shared by this file's tests): plain numbers on both.
    const withoutIds = (row: object | undefined) => {
      expect(row).toBeDefined();
      const copy: Record<string, unknown> = { ...row };
      for (const key of ["id", "orgId"]) {
        if (key in copy) {
          expect(typeof copy[key]).toBe("number");
          delete copy[key];
        }
      }
      return copy;
    };
    for (const key of Object.keys(readSqlite) as (keyof typeof readSqlite)[]) {
      expect(withoutIds(readPg[key]), key).toStrictEqual(withoutIds(readSqlite[key]));
    }
    expect(readPg.user!.createdAt).toStrictEqual(createdAt);
    expect(readPg.user!.disabledAt!.getTime()).toBe(Date.parse("2026-05-01T00:00:00.001Z"));
    expect(readPg.supplier!.migrantShare).toBe(0.1 + 0.2);
    expect(readPg.recruiter!.feesChargedToWorkers).toBe(false);

    // Defaults: created_at is "now" as a Date on both, JSON defaults are parsed values.
    for (const row of [s.defaults, pDefaults!]) {
      expect(row.createdAt).toBeInstanceOf(Date);
      expect(Math.abs(row.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
      expect(row.jurisdictions).toStrictEqual([]);
    }
  });
});
