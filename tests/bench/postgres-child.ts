/** The child of tests/bench/on-postgres.ts: one benchmark part on a disposable PostgreSQL server. */
import { startPostgres } from "../support/postgres";

async function child(part: string, args: string[]): Promise<number> {
  const database = await startPostgres();
  // A signal ends the process through its exit handlers: the part stops its servers, postgres.ts the database server.
  for (const signal of ["SIGTERM", "SIGINT"] as const) process.once(signal, () => process.exit(130));
  try {
    process.env.DATABASE_URL = database.url;
    let result: unknown;
    if (part === "load") {
      const [rows, seconds, nodes] = args.map(Number);
      result = await (await import("./load")).loadTestPostgresHere(database.url, rows!, seconds!, nodes!);
    } else if (part === "api") {
      const [rows, seconds] = args.slice(0, 2).map(Number);
      const bulkRows = (args[2] ?? "").split(",").filter(Boolean).map(Number);
      result = await (await import("./api")).apiBenchHere(database.url, rows!, seconds!, bulkRows);
    } else throw new Error(`unknown part ${part}; expected load or api`);
    process.stdout.write(JSON.stringify(result) + "\n");
    return 0;
  } catch (error) {
    console.error(`The PostgreSQL ${part} benchmark failed:`, error instanceof Error ? (error.stack ?? error.message) : error);
    return 1;
  } finally {
    await database.stop();
  }
}

process.exit(await child(process.argv[2] ?? "", process.argv.slice(3)));
