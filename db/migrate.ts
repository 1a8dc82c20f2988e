import path from "node:path";
import { drizzle } from "drizzle-orm/better-sqlite3";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client";

/** Where drizzle-kit writes migrations; resolved from the project root (the working directory). */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** Applies every committed migration not yet applied (drizzle records them in __drizzle_migrations). */
export function migrateDatabase(db: Db): void {
  // drizzle's migrator is per driver: it runs on the writer connection, before anything else does.
  migrate(drizzle({ client: db.$writer }), { migrationsFolder: MIGRATIONS_FOLDER });
}
