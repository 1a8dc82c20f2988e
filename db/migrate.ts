import path from "node:path";
import { migrate } from "drizzle-orm/better-sqlite3/migrator";
import type { Db } from "./client";

/** Where drizzle-kit writes migrations; resolved from the project root (the working directory). */
export const MIGRATIONS_FOLDER = path.resolve(process.cwd(), "db/migrations");

/** Applies every committed migration not yet applied (drizzle records them in __drizzle_migrations). */
export function migrateDatabase(db: Db): void {
  migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
}
