/**
 * The end of a reporting period: the production server on a database of 100k scored suppliers,
 * a company, an inspectorate, a union and a regulator all at work on it for a fixed time with 32
 * connections in total — supplier list, detail, filters and dashboard; shared views; the audit
 * queue and scheduling; report generation; indicator changes that rescore; and one 10k-row import
 * uploaded, analysed and committed meanwhile. Prints p50 / p95 / p99 per kind of request, the
 * errors (5xx, timeouts, resets) and the refusals (4xx, e.g. scheduling conflicts) separately, and
 * the server's event-loop delay (max, p99) over the run, read from /healthz. Stops by itself.
 *
 * On either engine (issue 16): `loadTest` runs it on a SQLite file with 1 or more serving processes
 * (`npm start`'s cluster); `loadTestOnPostgres` runs it on PostgreSQL with 1 or more nodes (one
 * `server.ts` each, WEB_CONCURRENCY=1, on the same DATABASE_URL and uploads directory), the same
 * connections spread over the nodes. The PostgreSQL run happens in a child process
 * (tests/bench/on-postgres.ts): db/schema.ts chooses the engine's tables once per process, from
 * DATABASE_URL. The data is prepared through the domain and the raw helpers, in SQL both engines
 * accept, so both runs start from the same rows, partners, shares and sessions.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { get as httpGet } from "node:http";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import { closeDatabase, databaseLocation, engineKind, openDatabase, rawColumn, rawGet, rawRun, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { prepareScoring } from "../../app/domain/risk/setup.server";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import type { Actor } from "../../app/auth/permissions.server";
import { freshDb, importFile, prepareFile } from "./import";
import { onPostgres } from "./on-postgres";

export interface PageFigures {
  name: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  refused: number;
}

export interface LoadResult {
  engine: "sqlite" | "postgres";
  /** Serving processes (SQLite) or nodes (PostgreSQL). */
  processes: number;
  seconds: number;
  figures: PageFigures[];
  eventLoop: { maxMs: number; p99Ms: number };
  imported: { seconds: number; status: string };
  /** SQLITE_BUSY in the servers' log (SQLite only; null on PostgreSQL). */
  busy: number | null;
  rows: number;
  /** Distinct error lines the servers wrote to stderr (the first few), to say why requests failed. */
  serverErrors: string[];
  /**
   * After the timed run (so it changes none of its figures): one request of each kind on each
   * node, and the HTTP status it got (the worst over the nodes): a kind that answered nothing
   * within the run is still shown to work or to fail.
   */
  afterwards: { name: string; status: number | string }[];
}

/** Lets this run, and only it, start the server's event-loop figures over (see app/routes/healthz.ts). */
const HEALTHZ_RESET_TOKEN = randomBytes(16).toString("hex");

const DIR = path.resolve("tests/.tmp/bench");

export const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

export type Server = ChildProcess & { stderrText: () => string };

/** Children started by this process (servers, the PostgreSQL run): asked to stop when it exits, whatever happens. */
const running = new Set<ChildProcess>();
process.once("exit", () => {
  for (const child of running) if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
});

/** `server.ts` in production mode on `port`; `database`: DATABASE_PATH or DATABASE_URL, WEB_CONCURRENCY. */
export function startServer(database: Record<string, string>, port: number, uploads: string): Promise<Server> {
  const env: NodeJS.ProcessEnv = { ...process.env, NODE_ENV: "production", PORT: String(port), UPLOADS_DIR: uploads, SEED_DEMO: "false", COOKIE_SECURE: "false", LOG_REQUESTS: "false", HEALTHZ_RESET_TOKEN, ...database };
  if (!database.DATABASE_URL) delete env.DATABASE_URL;
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], { env, stdio: ["ignore", "pipe", "pipe"] });
  running.add(child);
  child.once("exit", () => running.delete(child));
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("http://")) resolve(Object.assign(child, { stderrText: () => stderr }));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

export async function stopServer(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const gone = new Promise((resolve) => server.once("exit", resolve));
  server.kill("SIGTERM");
  const timer = setTimeout(() => server.kill("SIGKILL"), 15_000);
  await gone;
  clearTimeout(timer);
}

/** The first few distinct lines of the servers' stderr that report a failure. */
export function errorLines(text: string): string[] {
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("at ") && /error|fail|exception|violat|does not exist|SQLITE_/i.test(l));
  return [...new Set(lines.map((l) => l.slice(0, 300)))].slice(0, 12);
}

interface Prepared {
  cookies: { company: string; inspector: string; union: string; regulator: string };
  country: string;
  workplaces: number[];
  maxId: number;
  inspector: number;
}

/** The company, its scored suppliers, its partners and their sessions: engine-neutral (raw helpers and domain functions). */
async function prepareData(db: Db, rows: number): Promise<Prepared> {
  const id = async (sqlText: string, ...params: unknown[]) => Number((await rawGet<{ id: number | string }>(db, sqlText, ...params))!.id);
  const org = (type: string, name: string, jurisdictions: string[] = []) => id(`insert into organisations (type, name, jurisdictions) values (?, ?, ?) returning id`, type, name, JSON.stringify(jurisdictions));
  const member = async (orgId: number, email: string, role: string) => {
    const userId = await id(`insert into users (email, name) values (?, ?) returning id`, email, email.split("@")[0]);
    await rawRun(db, `insert into memberships (user_id, org_id, role) values (?, ?, ?)`, userId, orgId, role);
    return userId;
  };
  const companyId = await org("company", "Bench Co");
  const companyUser = await member(companyId, "bench@example.org", "member");
  const actor: Actor = { user: { id: companyUser, email: "bench@example.org", name: "Bench", isPlatformAdmin: false }, membership: { orgId: companyId, orgType: "company", orgName: "Bench Co", role: "member" } };
  await importFile(db, actor, companyId, await prepareFile(rows), rows);
  await scoreOrganisation(db, companyId, { cause: "bench" });
  // Partners: an inspectorate with one country's workplaces (the country with the fewest), a union, a regulator.
  const country = (await rawColumn<string>(db, `select country from suppliers where org_id = ? group by country order by count(*), country limit 1`, companyId))[0]!;
  const inspectorate = await org("inspectorate", "Load Inspectorate", [country]);
  const union = await org("union", "Load Union");
  const regulator = await org("regulator", "Load Regulator");
  const inspector = await member(inspectorate, "inspector@load.example", "admin");
  const unionRep = await member(union, "rep@load.example", "admin");
  const supervisor = await member(regulator, "supervisor@load.example", "admin");
  await rawRun(db, `insert into shares (from_org_id, to_org_id, scope, filter) values (?, ?, '["identity","scores","audits"]', ?)`, companyId, inspectorate, JSON.stringify({ countries: [country] }));
  await rawRun(db, `insert into shares (from_org_id, to_org_id, scope, filter) values (?, ?, '["identity","scores"]', ?)`, companyId, union, JSON.stringify({ countries: [country] }));
  const cookie = async (userId: number, orgId: number) => `${SESSION_COOKIE}=${(await createSession(db, userId, orgId)).token}`;
  const cookies = { company: await cookie(companyUser, companyId), inspector: await cookie(inspector, inspectorate), union: await cookie(unionRep, union), regulator: await cookie(supervisor, regulator) };
  const workplaces = (await rawColumn<number | string>(db, `select id from suppliers where org_id = ? and country = ? order by id limit 400`, companyId, country)).map(Number);
  const maxId = Number(await rawGet<{ n: number | string }>(db, `select max(id) as n from suppliers`).then((r) => r!.n));
  return { cookies, country, workplaces, maxId, inspector };
}

/** The 10k-row list uploaded during the run: new suppliers (their own ids). */
async function importList(rows: number): Promise<string> {
  const importRows = Math.min(10_000, rows);
  const listFile = path.join(DIR, "load-import.csv");
  const source = readFileSync(await prepareFile(importRows), "utf8").split("\n");
  writeFileSync(listFile, [source[0], ...source.slice(1).map((l) => (l ? `L-${l}` : l))].join("\n"));
  return listFile;
}

const freePortBase = () => 3600 + Math.floor(Math.random() * 200);

/**
 * The mixed load against `npm start` with `processes` serving processes on a SQLite file (1: one
 * thread, as before ADR 020; the number of cores: what `npm start` does by default).
 */
export async function loadTest(rows: number, seconds: number, processes: number): Promise<LoadResult> {
  const db = await freshDb(`load-${processes}.db`);
  const data = await prepareData(db, rows);
  const databasePath = databaseLocation(db);
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  await closeDatabase(db);
  const listFile = await importList(rows);
  const port = freePortBase();
  const server = await startServer({ DATABASE_PATH: databasePath, WEB_CONCURRENCY: String(processes) }, port, path.join(DIR, "load-uploads"));
  let result: Omit<LoadResult, "busy" | "serverErrors" | "processes">;
  let timedLog = "";
  try {
    // SQLITE_BUSY counted over the timed run only, as before the check of each kind that follows it.
    result = await mixedLoad({ engine: "sqlite", location: databasePath, bases: [`http://127.0.0.1:${port}`], processesPerBase: processes, data, listFile, rows, seconds, timedRunOver: () => (timedLog = server.stderrText()) });
  } finally {
    await stopServer(server);
  }
  const log = server.stderrText();
  return { ...result, processes, busy: (timedLog.match(/SQLITE_BUSY/g) ?? []).length, serverErrors: errorLines(log) };
}

/**
 * The same mixed load on PostgreSQL with `nodes` nodes, in a child process that starts and stops a
 * disposable PostgreSQL server (tests/bench/on-postgres.ts). Preparation (import and scoring of
 * `rows`) plus the run; a child stuck beyond that is stopped.
 */
export function loadTestOnPostgres(rows: number, seconds: number, nodes: number): Promise<LoadResult> {
  return onPostgres<LoadResult>("load", [String(rows), String(seconds), String(nodes)], { timeoutMs: (seconds + 1_800) * 1000, track: running });
}

/** In the child process, DATABASE_URL set to `url` before anything loaded the schema (on-postgres.ts). */
export async function loadTestPostgresHere(url: string, rows: number, seconds: number, nodes: number): Promise<LoadResult> {
  const db = openDatabase(url);
  let data: Prepared;
  try {
    if (engineKind(db) !== "postgres") throw new Error(`${url} is not a PostgreSQL URL`);
    await migrateDatabase(db);
    await prepareScoring(db);
    data = await prepareData(db, rows);
  } finally {
    await closeDatabase(db);
  }
  const listFile = await importList(rows);
  const port = freePortBase();
  const servers: Server[] = [];
  let result: Omit<LoadResult, "busy" | "serverErrors" | "processes">;
  try {
    // One after the other: each takes its turn at start-up work anyway (duringStartup).
    for (let i = 0; i < nodes; i++) servers.push(await startServer({ DATABASE_URL: url, WEB_CONCURRENCY: "1" }, port + i, path.join(DIR, "load-uploads-pg")));
    result = await mixedLoad({ engine: "postgres", location: url, bases: servers.map((_, i) => `http://127.0.0.1:${port + i}`), processesPerBase: 1, data, listFile, rows, seconds });
  } finally {
    await Promise.all(servers.map(stopServer));
  }
  return { ...result, processes: nodes, busy: null, serverErrors: errorLines(servers.map((s) => s.stderrText()).join("\n")) };
}

interface Mix {
  name: string;
  connections: number;
  who: keyof Prepared["cookies"];
  request: (base: string) => { path: string; method?: "GET" | "POST"; body?: string; headers?: Record<string, string> };
}

/**
 * The run itself, against one or more addresses (nodes): each kind of request keeps its number of
 * connections in all, spread over the nodes; the import is uploaded to the first.
 */
async function mixedLoad(options: { engine: "sqlite" | "postgres"; location: string; bases: string[]; processesPerBase: number; data: Prepared; listFile: string; rows: number; seconds: number; timedRunOver?: () => void }): Promise<Omit<LoadResult, "busy" | "serverErrors" | "processes">> {
  const { bases, data, seconds } = options;
  const { cookies, country, workplaces, maxId, inspector } = data;
  const random = (n: number) => Math.floor(Math.random() * n);
  const day = () => new Date(Date.now() + (7 + random(300)) * 86_400_000).toISOString().slice(0, 10);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (base: string) => ({ method: "POST" as const, headers: { "content-type": "application/x-www-form-urlencoded", origin: base } });

  // A morning on a random future day for a random workplace (many collide: refusals are expected).
  const scheduling = (base: string) => {
    const d = day();
    return { path: "/audits/new", ...post(base), body: form({ supplierId: String(workplaces[random(workplaces.length)]), type: "announced", startsAt: `${d}T09:00`, endsAt: `${d}T12:00`, leadInspectorId: String(inspector), notes: "" }) };
  };
  const mixes: Mix[] = [
    { name: "supplier list", connections: 5, who: "company", request: () => ({ path: "/suppliers" }) },
    { name: "supplier list, filtered", connections: 4, who: "company", request: () => ({ path: `/suppliers?band=high&band=critical&country=${country}&sort=score` }) },
    { name: "supplier detail", connections: 4, who: "company", request: () => ({ path: `/suppliers/${1 + random(maxId)}` }) },
    { name: "dashboard", connections: 3, who: "company", request: () => ({ path: "/" }) },
    { name: "shared suppliers (union)", connections: 2, who: "union", request: () => ({ path: "/shared" }) },
    { name: "audit priority queue", connections: 2, who: "inspector", request: () => ({ path: "/audits/queue" }) },
    { name: "regulator: submitted reports", connections: 2, who: "regulator", request: () => ({ path: "/regulator" }) },
    { name: "schedule an audit (POST)", connections: 2, who: "inspector", request: scheduling },
    { name: "record an indicator, rescore (POST)", connections: 2, who: "company", request: (base) => ({ path: `/suppliers/${1 + random(maxId)}/indicators`, ...post(base), body: form({ excessive_overtime: random(2) ? "yes" : "no", note: "load" }) }) },
    { name: "issue a supplier profile (POST)", connections: 2, who: "company", request: (base) => ({ path: "/reports", ...post(base), body: form({ type: "supplier_profile", supplierId: String(1 + random(maxId)), pageSize: "A4" }) }) },
  ];
  // Each kind's connections over the nodes: an even share each, the remainders handed round in turn
  // so that every node carries about as many connections in all.
  let turn = 0;
  const shares = mixes.map((mix) => {
    const share = bases.map((_, i) => Math.floor(mix.connections / bases.length) + ((i - turn + bases.length) % bases.length < mix.connections % bases.length ? 1 : 0));
    turn = (turn + (mix.connections % bases.length)) % bases.length;
    return share;
  });

  // Each serving process keeps its own event-loop figures: reset them all (a connection each, so
  // that the cluster hands them to different processes), and read them all at the end.
  const healthz = (query: string) =>
    Promise.all(
      bases.flatMap((base) =>
        Array.from(
          { length: options.processesPerBase * 4 },
          () =>
            new Promise<{ eventLoopDelay: { maxMs: number; p99Ms: number } }>((resolve, reject) => {
              const req = httpGet(`${base}/healthz${query}`, { agent: false, headers: { "X-Healthz-Reset-Token": HEALTHZ_RESET_TOKEN } }, (res) => {
                let body = "";
                res.on("data", (c: Buffer) => (body += c.toString()));
                res.on("end", () => {
                  try {
                    resolve(JSON.parse(body) as { eventLoopDelay: { maxMs: number; p99Ms: number } });
                  } catch {
                    reject(new Error(`/healthz answered ${res.statusCode}: ${body.slice(0, 200)}`));
                  }
                });
              });
              req.on("error", reject);
            }),
        ),
      ),
    );
  await healthz("?reset=1");
  const started = Date.now();
  const importDone = runImport(bases[0]!, cookies.company, options.listFile, options.location, options.engine);
  const figures = await Promise.all(
    mixes.map(async (mix, m): Promise<PageFigures> => {
      const times: number[] = [];
      let errors = 0;
      let refused = 0;
      const runs = bases.map(async (base, i) => {
        const connections = shares[m]![i]!;
        if (!connections) return;
        const instance = autocannon(
          {
            url: base,
            connections,
            duration: seconds,
            timeout: 30,
            headers: { cookie: cookies[mix.who] },
            requests: [
              {
                setupRequest: (req: autocannon.Request) => {
                  const r = mix.request(base);
                  return { ...req, ...r, headers: { ...req.headers, ...r.headers } } as autocannon.Request;
                },
              },
            ],
          },
          () => undefined,
        );
        instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
          times.push(responseTime);
          if (status >= 500) errors++;
          else if (status >= 400) refused++;
        });
        const result = await new Promise<autocannon.Result>((resolve) => instance.on("done", resolve));
        errors += result.errors + result.timeouts;
      });
      await Promise.all(runs);
      times.sort((a, b) => a - b);
      return { name: mix.name, requests: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors, refused };
    }),
  );
  const imported = await importDone;
  const healths = await healthz("");
  const eventLoop = { maxMs: Math.max(...healths.map((h) => h.eventLoopDelay.maxMs)), p99Ms: Math.max(...healths.map((h) => h.eventLoopDelay.p99Ms)) };
  const elapsed = (Date.now() - started) / 1000;
  options.timedRunOver?.();
  const afterwards: LoadResult["afterwards"] = [];
  for (const mix of mixes) {
    let worst: number | string = 0;
    for (const base of bases) {
      const r = mix.request(base);
      let status: number | string;
      try {
        const res = await fetch(`${base}${r.path}`, { method: r.method ?? "GET", body: r.body, headers: { cookie: cookies[mix.who], ...r.headers }, redirect: "manual", signal: AbortSignal.timeout(60_000) });
        await res.arrayBuffer();
        status = res.status;
      } catch (error) {
        status = error instanceof Error ? error.name : "failed";
      }
      if (typeof status === "string" || (typeof worst === "number" && status > worst)) worst = status;
    }
    afterwards.push({ name: mix.name, status: worst });
  }
  return { engine: options.engine, seconds: elapsed, figures, eventLoop, imported, rows: options.rows, afterwards };
}

/** Uploads the list, confirms the proposed mapping, waits for the analysis, commits, waits. */
async function runImport(base: string, cookie: string, file: string, location: string, engine: "sqlite" | "postgres"): Promise<{ seconds: number; status: string }> {
  const t = performance.now();
  const body = new FormData();
  body.set("kind", "suppliers");
  body.set("file", new Blob([readFileSync(file)]), "load-import.csv");
  const res = await fetch(`${base}/imports`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  const id = Number((res.headers.get("location") ?? "").split("/").pop());
  if (!id) return { seconds: 0, status: `upload failed (${res.status})` };
  // Its own connection, read-only on SQLite (as a second process would read the file).
  const db = openDatabase(location, engine === "sqlite" ? { readonly: true } : {});
  try {
    const status = async () => (await rawGet<{ status: string; mapping: string }>(db, `select status, mapping from imports where id = ?`, id))!;
    const wait = async (until: string[]) => {
      for (let i = 0; i < 1200; i++) {
        const s = await status();
        if (until.includes(s.status)) return s;
        await new Promise((r) => setTimeout(r, 250));
      }
      return status();
    };
    const uploaded = await wait(["uploaded", "analysed", "failed"]);
    const mapping = (typeof uploaded.mapping === "string" ? JSON.parse(uploaded.mapping) : uploaded.mapping) as (string | null)[];
    const fields = new URLSearchParams({ intent: "analyse", ...Object.fromEntries(mapping.map((m, i) => [`map-${i}`, m ?? ""])) });
    const analyse = await fetch(`${base}/imports/${id}`, { method: "POST", body: fields, headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    if (analyse.status >= 500) return { seconds: (performance.now() - t) / 1000, status: `analyse request failed (${analyse.status})` };
    const analysed = await wait(["analysed", "failed"]);
    if (analysed.status !== "analysed") return { seconds: (performance.now() - t) / 1000, status: analysed.status };
    const commit = await fetch(`${base}/imports/${id}`, { method: "POST", body: new URLSearchParams({ intent: "import" }), headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
    if (commit.status >= 500) return { seconds: (performance.now() - t) / 1000, status: `import request failed (${commit.status})` };
    const done = await wait(["imported", "failed"]);
    return { seconds: (performance.now() - t) / 1000, status: done.status };
  } finally {
    await closeDatabase(db);
  }
}
