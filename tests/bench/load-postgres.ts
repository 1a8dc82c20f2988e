/**
 * The mixed load on PostgreSQL (issue 16), run by `npm run bench` as a child process:
 * `node --import tsx tests/bench/load-postgres.ts <rows> <seconds> <nodes>`.
 *
 * Starts a disposable PostgreSQL server (tests/support/postgres.ts), sets DATABASE_URL to it before
 * anything loads db/schema.ts (which chooses the engine's tables once per process), prepares the
 * same data as the SQLite run, starts `nodes` servers on it and runs the same load
 * (tests/bench/load.ts). Prints its figures as one JSON line on stdout; everything else goes to
 * stderr. The servers and the PostgreSQL server are stopped at the end, whatever happens.
 */
import { startPostgres } from "../support/postgres";

const [rows, seconds, nodes] = process.argv.slice(2, 5).map(Number);
if (!rows || !seconds || !nodes) {
  console.error("usage: node --import tsx tests/bench/load-postgres.ts <rows> <seconds> <nodes>");
  process.exit(2);
}

const database = await startPostgres();
// A signal ends the process through its exit handlers: load.ts stops the servers, postgres.ts the database server.
for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(130));

let code = 0;
try {
  process.env.DATABASE_URL = database.url;
  const { loadTestPostgresHere } = await import("./load");
  const result = await loadTestPostgresHere(database.url, rows, seconds, nodes);
  process.stdout.write(JSON.stringify(result) + "\n");
} catch (error) {
  console.error("The PostgreSQL load test failed:", error instanceof Error ? (error.stack ?? error.message) : error);
  code = 1;
} finally {
  await database.stop();
}
process.exit(code);
