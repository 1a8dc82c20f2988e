import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/node-postgres";
import { migrate as migratePostgres } from "drizzle-orm/node-postgres/migrator";
import { engineKind, postgresPool, type Db } from "./client";

/** Where drizzle-kit writes migrations; resolved from the project root (the working directory). */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");
/** The PostgreSQL engine's migrations (drizzle.pg.config.ts, ADR 021). */
export const POSTGRES_MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations-pg");

/** Applies every committed migration not yet applied (drizzle records them in __drizzle_migrations). */
export async function migrateDatabase(db: Db): Promise<void> {
  if (engineKind(db) === "postgres") {
    // drizzle's migrator takes no lock: server.ts runs it inside duringStartup (one node at a time).
    await migratePostgres(drizzlePostgres({ client: postgresPool(db) }), { migrationsFolder: POSTGRES_MIGRATIONS_FOLDER });
    return;
  }
  // drizzle's migrator is per driver: it runs on the writer connection, before anything else does.
  // Foreign keys are off while it runs, as SQLite's table-rebuild procedure requires: a migration
  // that changes a CHECK (organisations.type, issue 20) rebuilds the table (create __new_, copy,
  // drop, rename), and with foreign keys on, the drop would cascade-delete every row that refers
  // to the old table. The pragma cannot change inside a transaction, and drizzle runs the
  // migrations in one, so it is set here; the check afterwards refuses a migration that left a
  // dangling reference.
  const writer = db.$writer;
  writer.pragma("foreign_keys = OFF");
  try {
    migrate(drizzle({ client: writer }), { migrationsFolder: MIGRATIONS_FOLDER });
    const dangling = writer.pragma("foreign_key_check") as unknown[];
    if (dangling.length > 0) throw new Error(`a migration left ${dangling.length} rows referring to missing rows: ${JSON.stringify(dangling.slice(0, 5))}`);
  } finally {
    writer.pragma("foreign_keys = ON");
  }
}
