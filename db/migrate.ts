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
  migrate(drizzle({ client: db.$writer }), { migrationsFolder: MIGRATIONS_FOLDER });
}
