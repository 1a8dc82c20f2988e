/**
 * The HTTP server: `npm start` runs this file. It builds the app when the build is missing or
 * older than the sources, opens and migrates the database (seeding the demo workspace on first
 * run), then serves Remix behind the request-level defences: security headers, the cross-site
 * check for state-changing requests, and session validation (once per request).
 *
 * On every core (ADR 020): the first process prepares the database, then starts WEB_CONCURRENCY
 * serving processes (Node's cluster; default one per core) that share the port and the database
 * file, and starts one again when it dies. Nothing a request needs lives in one process's memory
 * (sessions, throttles, rate limits and jobs with their progress are in the database), so any
 * process can answer any request; each also runs queued jobs. With WEB_CONCURRENCY=1 the one
 * process does everything, as before. SIGHUP replaces the serving processes one at a time (a
 * rolling restart, e.g. after building a new version).
 */
import { randomBytes } from "node:crypto";
import { spawnSync } from "node:child_process";
// First: the libraries below choose their build from NODE_ENV as they load.
import "./app/node-env.server";
import cluster from "node:cluster";
import { hostname } from "node:os";
import { existsSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { createRequestHandler } from "@remix-run/express";
import { broadcastDevReady, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import morgan from "morgan";
import { awaitLocks, duringStartup, openDatabase, type Db } from "./db/client";
import { migrateDatabase } from "./db/migrate";
import { assertContactKey } from "./app/domain/grievances/contact-seal.server";
import { assertSigningKey } from "./app/domain/reports/signature.server";
import { assertSchemaNotNewer, assertWritable, DatabaseUnusable, explainDatabaseError } from "./db/health";
import { DEMO_LOGINS, isDatabaseEmpty, seedDemo } from "./db/seed";
import onHeaders from "on-headers";
import { isApiPath, isCrossSiteRequest } from "./app/auth/origin-check";
import { blankSessionCookie, readSessionToken, validateSessionToken } from "./app/auth/session.server";
import { resolveLocaleWithSource } from "./app/i18n/locale.server";
import { ConfigError, parseEnv, type Env } from "./app/env.server";
import { recoverInterruptedImports } from "./app/domain/import/imports.server";
import { catchUpScores, prepareScoring } from "./app/domain/risk/setup.server";
import { releaseLeasesOf, releaseStaleLeases } from "./app/domain/jobs/queue.server";
import { jobRunnerFor, runNoJobsInThisProcess, stopJobRunners } from "./app/domain/jobs/runner.server";
// Each registers how its jobs run, so that this process can run the jobs it claims.
import "./app/domain/import/jobs.server";
import "./app/domain/risk/rescore.server";
import "./app/domain/watchlists/match-runs.server";
import "./app/load-context";

const BUILD_FILE = path.resolve("build/index.js");
const SOURCE_DIRS = ["app", "db", "reports"];

function newestSourceMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds when there is no build, or a source file changed since the last one. */
function buildIfNeeded(): void {
  const built = existsSync(BUILD_FILE) ? statSync(BUILD_FILE).mtimeMs : 0;
  const sources = Math.max(...SOURCE_DIRS.filter((d) => existsSync(d)).map(newestSourceMtime), statSync("remix.config.js").mtimeMs);
  if (built >= sources) return;
  console.log(built ? "Sources changed since the last build; rebuilding…" : "No build yet; building…");
  const result = spawnSync(process.execPath, [path.resolve("node_modules/@remix-run/dev/dist/cli.js"), "build"], { stdio: "inherit" });
  if (result.status !== 0) throw new Error("The build failed; see the messages above.");
}

/** The database this server runs on: PostgreSQL when DATABASE_URL is set, else the SQLite file. */
function databaseOf(env: Env): string {
  return env.DATABASE_URL ?? env.DATABASE_PATH;
}

/** Opens and migrates the database; seeds the demo workspace when the database is new. */
async function prepareDatabase(env: Env): Promise<Db> {
  const location = databaseOf(env);
  const postgres = env.DATABASE_URL !== undefined;
  const isNew = !postgres && !existsSync(location);
  let db: Db;
  try {
    db = openDatabase(location);
    if (!postgres) {
      // Before migrating: never let an older version touch a newer schema, or start on a read-only file.
      assertSchemaNotNewer(db, location);
      assertWritable(db, location);
    }
  } catch (error) {
    throw postgres ? error : explainDatabaseError(error, location);
  }
  // On PostgreSQL, nodes starting together take turns here: one migrates and seeds, the next finds it done.
  await duringStartup(db, async () => {
    try {
      await migrateDatabase(db);
    } catch (error) {
      throw postgres ? error : explainDatabaseError(error, location);
    }
    await prepareScoring(db);
    await assertContactKey(db);
    await assertSigningKey(db);
    if (!postgres) {
      // The file has one machine and this is the server starting on it: jobs still marked running were
      // held by the stopped server, and are run again straight away (not after their lease). On
      // PostgreSQL other nodes may be running them: their leases end by themselves if they are not.
      const resumed = await releaseStaleLeases(db);
      if (resumed) console.log(`${resumed} job(s) interrupted by the last stop will run again.`);
      const interrupted = await recoverInterruptedImports(db);
      if (interrupted) console.log(`${interrupted} import(s) were interrupted by the last stop; nothing of them was written.`);
    }
    if (env.SEED_DEMO && (isNew || (await isDatabaseEmpty(db)))) {
      console.log(`Seeding the demo workspace into ${postgres ? "the PostgreSQL database" : location}…`);
      await seedDemo(db, { uploadsDir: path.resolve(env.UPLOADS_DIR) });
    }
  });
  if (await catchUpScores(db) !== null) console.log("Bringing risk scores up to date in the background…");
  return db;
}

function printDemoLogins(): void {
  console.log("\nDemo logins (password for all: %s)", DEMO_LOGINS[0]!.password);
  const width = Math.max(...DEMO_LOGINS.map((l) => l.label.length));
  for (const login of DEMO_LOGINS) console.log(`  ${login.label.padEnd(width)}  ${login.email}`);
  console.log("");
}

function securityHeaders(env: Env): express.RequestHandler {
  return (_req, res, next) => {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "same-origin");
    res.setHeader("X-Frame-Options", "DENY");
    res.setHeader("Cross-Origin-Opener-Policy", "same-origin");
    if (env.COOKIE_SECURE) res.setHeader("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
    next();
  };
}

function rejectCrossSite(): express.RequestHandler {
  return (req, res, next) => {
    const headers = { get: (name: string) => req.get(name) ?? null };
    // The API carries no cookie authentication (a bearer token the browser never adds by itself),
    // so a cross-site request to it cannot act for anyone; its callers are servers, without Origin.
    if (!isApiPath(req.path) && isCrossSiteRequest(req.method, headers, req.get("host") ?? null)) {
      res.status(403).type("text/plain").send("Cross-site request refused: this form must be sent from the platform's own pages.");
      return;
    }
    next();
  };
}

/** Serves requests (and runs jobs) on an open database, until SIGTERM or SIGINT. */
async function serve(env: Env, db: Db, options: { printLogins: boolean }): Promise<void> {
  const cookie = { secure: env.COOKIE_SECURE };
  const uploads = { dir: path.resolve(env.UPLOADS_DIR), maxBytes: Math.round(env.IMPORT_MAX_MB * 1024 * 1024) };
  // A request's write that meets a job's commit waits without stopping the other requests.
  awaitLocks(db);
  jobRunnerFor(databaseOf(env));
  let build = (await import(pathToFileURL(BUILD_FILE).href)) as ServerBuild;
  let buildStamp = statSync(BUILD_FILE).mtimeMs;
  // In development (`npm run dev`), pick up each rebuild without restarting.
  const getBuild = async (): Promise<ServerBuild> => {
    if (env.NODE_ENV === "development") {
      const stamp = statSync(BUILD_FILE).mtimeMs;
      if (stamp !== buildStamp) {
        buildStamp = stamp;
        build = (await import(`${pathToFileURL(BUILD_FILE).href}?t=${stamp}`)) as ServerBuild;
      }
    }
    return build;
  };

  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", env.TRUST_PROXY);
  app.use(compression());
  app.use(securityHeaders(env));
  app.use("/build", express.static("public/build", { immutable: true, maxAge: "1y" }));
  // The one other public file, by name: a static middleware over all of public/ would look for
  // every page's path on disk first (a file-system call per request, measured at about 1 ms).
  app.get("/favicon.svg", (_req, res) => res.sendFile(path.resolve("public/favicon.svg"), { maxAge: "1h" }));
  if (env.LOG_REQUESTS) app.use(morgan(env.NODE_ENV === "production" ? "tiny" : "dev"));
  app.use(rejectCrossSite());
  app.all(
    "*",
    // Express 4 ignores the promise; Remix's handler answers every failure itself.
    // eslint-disable-next-line @typescript-eslint/no-misused-promises
    createRequestHandler({
      // Remix derives its route table (flattening and ranking every route) on each request when
      // given a function: only development, which swaps builds, pays that; production hands over
      // the build itself, derived once (profiled at about a tenth of an API call's time).
      build: env.NODE_ENV === "development" ? getBuild : build,
      mode: env.NODE_ENV,
      async getLoadContext(req, res): Promise<AppLoadContext> {
        // Route discovery (/__manifest) needs no session; validating there would also clear an
        // ended session's cookie before the page request could say "your session has ended".
        // The API (/api/…) never reads the session cookie: it authenticates by token only, so no page
        // can make a signed-in browser call it (decision 037).
        const token = req.path === "/__manifest" || isApiPath(req.path) ? null : readSessionToken(req.get("cookie"));
        const session = token ? await validateSessionToken(db, token, Date.now(), env.SESSION_IDLE_MINUTES * 60_000) : null;
        if (token && !session) res.append("Set-Cookie", blankSessionCookie(cookie));
        // Every answer to a signed-in request (pages, data, CSV exports, evidence, report files)
        // holds an organisation's data: no browser, back-forward or proxy cache may keep it. Set
        // as the headers go out, so a route's own Cache-Control stands instead of being doubled.
        if (session) {
          onHeaders(res, () => {
            if (!res.hasHeader("Cache-Control")) res.setHeader("Cache-Control", "no-store");
          });
        }
        const { locale, source: localeSource } = await resolveLocaleWithSource(new Request(`http://app.invalid${req.originalUrl}`, { headers: { cookie: req.get("cookie") ?? "", "accept-language": req.get("accept-language") ?? "" } }), session?.user.locale ?? null);
        return { db, session, sessionEnded: Boolean(token && !session), ip: req.ip ?? "unknown", cookie, uploads, locale, localeSource, cspNonce: randomBytes(16).toString("base64"), publicBaseUrl: env.PUBLIC_BASE_URL, apiRateLimit: env.API_RATE_LIMIT };
      },
    }),
  );

  const server = app.listen(env.PORT, env.HOST, () => {
    if (options.printLogins) {
      console.log(`Labour due-diligence platform listening on http://localhost:${env.PORT}`);
      if (env.SEED_DEMO) printDemoLogins();
    }
    if (env.NODE_ENV === "development") void broadcastDevReady(build);
    process.send?.({ type: "listening" });
  });

  let stopping = false;
  const shutdown = (signal: string) => {
    // A terminal's Ctrl-C reaches every process of the group, and the supervisor passes it on too.
    if (stopping) return;
    stopping = true;
    if (options.printLogins) console.log(`${signal} received: finishing open requests, then closing the database.`);
    stopJobRunners();
    server.close(() => {
      db.close();
      process.exit(0);
    });
    server.closeIdleConnections();
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

/** The first process: prepares the database, then serves itself or supervises WEB_CONCURRENCY processes. */
async function main(): Promise<void> {
  const env = parseEnv();
  process.env.NODE_ENV = env.NODE_ENV;
  if (!cluster.isPrimary) {
    // A serving process of the cluster: the database is prepared already.
    let db: Db;
    try {
      db = openDatabase(databaseOf(env));
    } catch (error) {
      throw env.DATABASE_URL ? error : explainDatabaseError(error, env.DATABASE_PATH);
    }
    await serve(env, db, { printLogins: false });
    return;
  }
  if (env.NODE_ENV !== "development") buildIfNeeded();
  const processes = env.NODE_ENV === "development" ? 1 : env.WEB_CONCURRENCY;
  // A supervisor serves nothing and runs no job: what it queues at start-up is for the others.
  if (processes > 1) runNoJobsInThisProcess();
  const db = await prepareDatabase(env);
  if (processes === 1) {
    await serve(env, db, { printLogins: true });
    return;
  }
  supervise(env, db, processes);
}

/**
 * Starts the serving processes and keeps their number: one that dies is started again (after its
 * jobs' leases are ended, so that another process takes them over at once). SIGTERM and SIGINT
 * are passed on; each process finishes its open requests, and the supervisor ends after the last.
 */
function supervise(env: Env, db: Db, processes: number): void {
  let stopping = false;
  let announced = false;
  // Processes retired by a rolling restart: their exit is expected, and nobody replaces them.
  const retired = new Set<number>();
  const start = () =>
    new Promise<void>((resolve) => {
      const worker = cluster.fork();
      worker.on("message", (message: { type?: string }) => {
        if (message?.type !== "listening") return;
        resolve();
        if (announced) return;
        announced = true;
        console.log(`Labour due-diligence platform listening on http://localhost:${env.PORT} (${processes} processes)`);
        if (env.SEED_DEMO) printDemoLogins();
      });
      worker.once("exit", () => resolve());
    });
  // eslint-disable-next-line @typescript-eslint/no-misused-promises -- the handler catches its own failure
  cluster.on("exit", async (worker, code, signal) => {
    const pid = worker.process.pid;
    if (pid) {
      try {
        await releaseLeasesOf(db, `${hostname()}:${pid}:`);
      } catch (error) {
        // Its leases then run out by themselves (60 s); the supervisor must not die of it.
        console.error(`Could not release the jobs of process ${pid}:`, error instanceof Error ? error.message : error);
      }
    }
    if (stopping) {
      if (Object.keys(cluster.workers ?? {}).length === 0) {
        db.close();
        process.exit(0);
      }
      return;
    }
    if (retired.delete(worker.id)) return;
    console.error(`Serving process ${pid} ended (${signal ?? `exit code ${code}`}); starting another.`);
    setTimeout(() => void start(), 500);
  });
  for (let i = 0; i < processes; i++) void start();

  /**
   * SIGHUP: a rolling restart (after `npm run build` of a new version, say). One process at a time,
   * a new one is started and listening before the old one is asked to finish its requests and stop,
   * so the port is never without a process that answers.
   */
  let restarting = false;
  const rollingRestart = async () => {
    if (restarting || stopping) return;
    restarting = true;
    console.log("SIGHUP received: replacing the serving processes one at a time.");
    for (const old of Object.values(cluster.workers ?? {})) {
      if (!old || stopping) continue;
      await start();
      retired.add(old.id);
      const gone = new Promise((resolve) => old.once("exit", resolve));
      old.process.kill("SIGTERM");
      await gone;
    }
    restarting = false;
    console.log("Rolling restart done.");
  };
  process.on("SIGHUP", () => void rollingRestart());

  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal} received: finishing open requests, then closing the database.`);
    for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill("SIGTERM");
    setTimeout(() => process.exit(1), 12_000).unref();
  };
  process.once("SIGTERM", () => shutdown("SIGTERM"));
  process.once("SIGINT", () => shutdown("SIGINT"));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof DatabaseUnusable) console.error(error.message);
  // An unexpected failure: the stack says where, for whoever has to fix it.
  else console.error("The server could not start:", error instanceof Error ? (error.stack ?? error.message) : error);
  process.exit(1);
});
