/**
 * The API benchmark on PostgreSQL (issue 22), run by `npm run bench` as a child process:
 * `node --import tsx tests/bench/api-postgres.ts <rows> <seconds> <bulk rows, comma-separated>`.
 *
 * As load-postgres.ts: starts a disposable PostgreSQL server, sets DATABASE_URL to it before
 * anything loads db/schema.ts (which chooses the engine's tables once per process), runs the same
 * benchmark as on SQLite (tests/bench/api.ts) and prints its figures as one JSON line on stdout.
 * The PostgreSQL server is stopped at the end, whatever happens.
 */
import { startPostgres } from "../support/postgres";

const [rows, seconds] = process.argv.slice(2, 4).map(Number);
const bulkRows = (process.argv[4] ?? "").split(",").filter(Boolean).map(Number);
if (!rows || !seconds) {
  console.error("usage: node --import tsx tests/bench/api-postgres.ts <rows> <seconds> <bulk rows,…>");
  process.exit(2);
}

const database = await startPostgres();
// A signal ends the process through its exit handlers: load.ts stops the server, postgres.ts the database server.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(130));

let code = 0;
try {
  process.env.DATABASE_URL = database.url;
  const { apiBenchHere } = await import("./api");
  const result = await apiBenchHere(database.url, rows, seconds, bulkRows);
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (error) {
  console.error("The PostgreSQL API benchmark failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
