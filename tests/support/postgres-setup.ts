/**
 * Global setup of the "postgres" vitest project (ADR 022): starts a real PostgreSQL server
 * (tests/support/postgres.ts), builds a template database as the SQLite template is built
 * (migrations, scoring prepared), and provides its address to the test processes, whose setup file
 * (postgres-env.ts) sets DATABASE_URL before anything loads the schema, so that they choose
 * PostgreSQL's tables (db/schema.ts). Each test gets its own database copied from the template
 * (tests/support/db.ts).
 *
 * The template is built in a child process: this process also runs the SQLite project's setup,
 * and the engine's tables are chosen once per process.
 */
import { execFileSync } from "node:child_process";
import pg from "pg";
import type { TestProject } from "vitest/node";
import { startPostgres } from "./postgres";

export default async function setup(project: TestProject) {
  const server = await startPostgres();
  const admin = new URL(server.url);
  admin.pathname = "/postgres";
  const template = new URL(server.url);
  template.pathname = "/app_template";
  const pool = new pg.Pool({ connectionString: admin.toString(), max: 1 });
  await pool.query("CREATE DATABASE app_template");
  await pool.end();
  execFileSync(process.execPath, ["--import", "tsx", "tests/support/postgres-template.ts"], {
    env: { ...process.env, DATABASE_URL: template.toString() },
    stdio: "inherit",
  });
  project.provide("postgresAdminUrl", admin.toString());
  project.provide("postgresTemplateUrl", template.toString());
  return async () => {
    await server.stop();
  };
}

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
    postgresTemplateUrl: string;
  }
}
