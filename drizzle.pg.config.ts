/**
 * drizzle-kit for the PostgreSQL engine (issue 16, ADR 021): migrations for db/schema.pg.ts are
 * generated into db/migrations-pg, beside the SQLite ones (drizzle.config.ts → db/migrations).
 *   npx drizzle-kit generate --config drizzle.pg.config.ts
 */
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema.pg.ts",
  out: "./db/migrations-pg",
  strict: true,
  verbose: true,
});
