/**
 * The e2e server on PostgreSQL (issue 16): starts a disposable PostgreSQL server on E2E_PG_PORT
 * (tests/support/postgres.ts), then the platform on it exactly as `DATABASE_URL=… npm start` does
 * (migrated and seeded on first start). Playwright stops it with SIGTERM: the platform is stopped
 * first, then the database server, and its directory is removed.
 */
import { spawn } from "node:child_process";
import { startPostgres } from "../support/postgres";

const port = Number(process.env.E2E_PG_PORT);
if (!port) throw new Error("E2E_PG_PORT must name the port PostgreSQL is to listen on");
const database = await startPostgres({ port });
const app = spawn(process.execPath, ["--import", "tsx", "server.ts"], { stdio: "inherit", env: { ...process.env, DATABASE_URL: database.url } });

let stopping = false;
async function stop(code: number) {
  if (stopping) return;
  stopping = true;
  if (app.exitCode === null) {
    app.kill("SIGTERM");
    await new Promise((resolve) => app.once("exit", resolve));
  }
  await database.stop();
  process.exit(code);
}
process.on("SIGTERM", () => void stop(0));
process.on("SIGINT", () => void stop(0));
app.once("exit", (code) => void stop(code ?? 1));
