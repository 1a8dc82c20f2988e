/**
 * The JSON API (issue 22, decision 037) under load: the production server (one serving process)
 * on a database of `rows` scored suppliers, an API token of their company, and autocannon with 32
 * connections on
 *   - GET /api/v1/suppliers?limit=100, the first page and a page deep in the list (its cursor
 *     taken from a real walk of the whole list by cursor),
 *   - GET /api/v1/suppliers/{id}, a random supplier with its score's breakdown,
 * beside the raw baseline of the same run: a bare Node HTTP server (its own process, as the
 * server is) answering the same SQL as JSON of the same rows, through the bare driver.
 *
 * Then a bulk import through the API (POST /api/v1/imports, polled until done: checked, written
 * and scored in the server's import worker) beside the same rows as a CSV through the import
 * pipeline in this process (tests/bench/import.ts `importFile` + the scoring after it, as the
 * import part measures), each into an empty company of the same database.
 *
 * Every API call also authenticates its token, upserts its rate window and writes an activity-log
 * entry: their share of one call is measured in this process, call by call (one connection), the
 * server stopped, so that the product code is measured as it is rather than changed to be.
 *
 * On either engine, like load.ts: `apiBench` on a SQLite file, `apiBenchOnPostgres` in a child
 * process (tests/bench/on-postgres.ts) on a disposable PostgreSQL server.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import { readFileSync, rmSync } from "node:fs";
import autocannon from "autocannon";
import Papa from "papaparse";
import { closeDatabase, engineKind, openDatabase, rawGet, rawRun, type Db } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { apiRateWindows, suppliers } from "../../db/schema";
import { sql } from "drizzle-orm";
import { prepareScoring } from "../../app/domain/risk/setup.server";
import { scoreAfterImport } from "../../app/domain/import/run.server";
import { createApiToken, authenticateApiToken } from "../../app/domain/api/tokens.server";
import { apiListSuppliers } from "../../app/domain/api/suppliers.server";
import { recordEvent } from "../../app/domain/activity-log/activity-log.server";
import type { Actor } from "../../app/auth/permissions.server";
import { importFile, prepareFile } from "./import";
import { errorLines, percentile, startServer, stopServer } from "./load";
import { onPostgres } from "./on-postgres";
import { scopeFields } from "../support/api";

/** Calls per token per minute for the server under test: far above what 32 connections make, so that no call is refused. */
export const BENCH_API_RATE_LIMIT = 1_000_000;

const DIR = path.resolve("tests/.tmp/bench");

export interface ApiLatency {
  requests: number;
  perSecond: number;
  p50: number;
  p95: number;
  p99: number;
  /** 5xx, timeouts, resets and any other non-2xx (a refusal would mean the bench is wrong). */
  errors: number;
}

export interface ApiBenchResult {
  engine: "sqlite" | "postgres";
  rows: number;
  seconds: number;
  /** The walk of the whole list by cursor, 500 a page, before the load. */
  walk: { seconds: number; pages: number; suppliers: number; deepAfter: number };
  /** Body sizes (bytes) of one answer: the API's and the bare server's. */
  bytes: { api: number; bare: number };
  api: Record<"first" | "deep" | "detail", ApiLatency>;
  bare: Record<"first" | "deep" | "detail", ApiLatency>;
  /** One call in this process (median ms): the whole route, its domain function alone, and the per-call bookkeeping. */
  perCall: { route: number; handler: number; authenticate: number; rateWindow: number; activityLog: number; calls: number };
  /** One supplier written in this process (median ms): created and changed through their routes, and the bare insert. */
  oneWrite: { create: number; patch: number; bareInsert: number; calls: number };
  bulk: { rows: number; apiSeconds: number; csvSeconds: number; status: string }[];
  serverErrors: string[];
}

async function id(db: Db, sqlText: string, ...params: unknown[]): Promise<number> {
  return Number((await rawGet<{ id: number | string }>(db, sqlText, ...params))!.id);
}

/** A company and its administrator (tokens are created by one), engine-neutral. */
async function company(db: Db, name: string): Promise<{ orgId: number; actor: Actor }> {
  const orgId = await id(db, `insert into organisations (type, name) values ('company', ?) returning id`, name);
  const email = `admin@${name.toLowerCase().replace(/\W+/g, "-")}.example`;
  const userId = await id(db, `insert into users (email, name) values (?, ?) returning id`, email, name);
  await rawRun(db, `insert into memberships (user_id, org_id, role) values (?, ?, 'admin')`, userId, orgId);
  return { orgId, actor: { user: { id: userId, email, name, isPlatformAdmin: false }, membership: { orgId, orgType: "company", orgName: name, role: "admin" } } };
}

/**
 * A generated list of `rows` suppliers through the import pipeline and the scoring that follows an
 * import (as the import worker runs them; on PostgreSQL it ends with ANALYZE, so that the load
 * below meets the statistics a real import leaves).
 */
async function importThenScore(db: Db, actor: Actor, orgId: number, rows: number, file?: string): Promise<void> {
  await importFile(db, actor, orgId, file ?? (await prepareFile(rows)), rows);
  const last = await rawGet<{ id: number | string }>(db, `select max(id) as id from imports where org_id = ?`, orgId);
  await scoreAfterImport(db, Number(last!.id));
}

/** 32 connections on one path each for `seconds`; every response time kept (autocannon has no p95). */
async function hammer(base: string, seconds: number, headers: Record<string, string>, nextPath: () => string): Promise<ApiLatency> {
  const times: number[] = [];
  let failed = 0;
  const instance = autocannon({ url: base, connections: 32, duration: seconds, timeout: 30, headers, requests: [{ setupRequest: (req: autocannon.Request) => ({ ...req, path: nextPath() }) as autocannon.Request }] }, () => undefined);
  instance.on("response", (_client: unknown, status: number, _bytes: number, responseTime: number) => {
    times.push(responseTime);
    if (status < 200 || status >= 300) failed++;
  });
  const result = await new Promise<autocannon.Result>((resolve) => instance.on("done", resolve));
  times.sort((a, b) => a - b);
  return { requests: times.length, perSecond: times.length / seconds, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: failed + result.errors + result.timeouts };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/** Median ms of `fn` over `n` calls, after a few unmeasured ones. */
async function timeEach(n: number, fn: () => Promise<unknown>): Promise<number> {
  for (let i = 0; i < 20; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return median(times);
}

/** The generated CSV's rows as the API's JSON rows (the template's field keys). */
function jsonRows(file: string): Record<string, unknown>[] {
  const [header, ...data] = Papa.parse<string[]>(readFileSync(file, "utf8"), { skipEmptyLines: true }).data;
  const at = (name: string) => header!.indexOf(name);
  const yesNo = (cell: string) => (cell === "yes" ? true : cell === "no" ? false : null);
  return data.map((r) => ({
    externalId: r[at("external_id")],
    name: r[at("name")],
    address: r[at("address")],
    country: r[at("country")],
    sector: r[at("sector")],
    products: r[at("products")]!.split(";"),
    tier: Number(r[at("tier")]),
    workersTotal: Number(r[at("workers_total")]),
    migrantShare: parseFloat(r[at("migrant_share")]!),
    femaleShare: Number(r[at("female_share")]),
    "indicator:worker_paid_fees": yesNo(r[at("worker_paid_fees")]!),
    "indicator:retention_of_documents": yesNo(r[at("retention_of_documents")]!),
    "indicator:excessive_overtime": yesNo(r[at("excessive_overtime")]!),
  }));
}

/** The bare baseline's process: `node --import tsx tests/bench/api.ts --bare <engine> <location> <orgId> <port>`. */
function startBare(engine: "sqlite" | "postgres", location: string, orgId: number, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/bench/api.ts", "--bare", engine, location, String(orgId), String(port)], { stdio: ["ignore", "pipe", "inherit"] });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (c: Buffer) => c.toString().includes("listening") && resolve(child));
    child.once("exit", (code) => reject(new Error(`the bare server exited with ${code}`)));
  });
}

/** The whole run on the database at `location` (a SQLite file path or a PostgreSQL URL, empty). */
export async function apiBenchHere(location: string, rows: number, seconds: number, bulkRows: number[]): Promise<ApiBenchResult> {
  let db = openDatabase(location);
  const engine = engineKind(db);
  await migrateDatabase(db);
  await prepareScoring(db);
  const { orgId, actor } = await company(db, "Bench Co");
  await importThenScore(db, actor, orgId, rows);
  const { token } = await createApiToken(db, actor, orgId, { intent: "create", name: "bench", lifetime: 30, ...scopeFields({ suppliers: "write" }) }, null);
  if (engine === "sqlite") db.$client.pragma("wal_checkpoint(TRUNCATE)");
  await closeDatabase(db);

  const port = 3800 + Math.floor(Math.random() * 150);
  const base = `http://127.0.0.1:${port}`;
  const auth = { authorization: `Bearer ${token}` };
  const server = await startServer({ ...(engine === "sqlite" ? { DATABASE_PATH: location } : { DATABASE_URL: location }), WEB_CONCURRENCY: "1", API_RATE_LIMIT: String(BENCH_API_RATE_LIMIT) }, port, path.join(DIR, `api-uploads-${engine}`));
  const call = async <T>(p: string, init: RequestInit = {}): Promise<T> => {
    const res = await fetch(`${base}/api/v1${p}`, { ...init, headers: { ...auth, ...(init.body ? { "content-type": "application/json" } : {}) } });
    const text = await res.text();
    if (!res.ok) throw new Error(`${init.method ?? "GET"} ${p} answered ${res.status}: ${text.slice(0, 300)}`);
    return JSON.parse(text) as T;
  };

  let walk: ApiBenchResult["walk"];
  let deepCursor = "";
  let deepAfter = 0;
  const ids: number[] = [];
  const api = {} as ApiBenchResult["api"];
  const bulk: ApiBenchResult["bulk"] = [];
  const bytes = { api: 0, bare: 0 };
  try {
    // The whole list by cursor, as a system that mirrors it would read it; the deep page's cursor is
    // the one that follows nine tenths of the list.
    const t = performance.now();
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { data: { id: number }[]; nextCursor: string | null } = await call(`/suppliers?limit=500${cursor ? `&cursor=${cursor}` : ""}`);
      ids.push(...page.data.map((s) => s.id));
      cursor = page.nextCursor;
      pages++;
      if (!deepCursor && cursor && ids.length >= rows * 0.9) {
        deepCursor = cursor;
        deepAfter = ids.length;
      }
    } while (cursor);
    walk = { seconds: (performance.now() - t) / 1000, pages, suppliers: ids.length, deepAfter };
    if (ids.length !== rows) throw new Error(`the walk by cursor found ${ids.length} suppliers, not ${rows}`);
    bytes.api = JSON.stringify(await call("/suppliers?limit=100")).length;

    const random = () => ids[Math.floor(Math.random() * ids.length)]!;
    api.first = await hammer(base, seconds, auth, () => "/api/v1/suppliers?limit=100");
    api.deep = await hammer(base, seconds, auth, () => `/api/v1/suppliers?limit=100&cursor=${deepCursor}`);
    api.detail = await hammer(base, seconds, auth, () => `/api/v1/suppliers/${random()}`);

    // Bulk imports, each into an empty company of its own (its own token).
    for (const n of bulkRows) {
      const into = await (async () => {
        const d = openDatabase(location);
        try {
          const c = await company(d, `API Import ${n}`);
          return (await createApiToken(d, c.actor, c.orgId, { intent: "create", name: `bulk ${n}`, lifetime: 30, ...scopeFields({ suppliers: "write" }) }, null)).token;
        } finally {
          await closeDatabase(d);
        }
      })();
      const body = JSON.stringify({ rows: jsonRows(await prepareFile(n)) });
      const t0 = performance.now();
      const post = await fetch(`${base}/api/v1/imports`, { method: "POST", body, headers: { authorization: `Bearer ${into}`, "content-type": "application/json" } });
      const job = (await post.json()) as { id: number; status: string };
      if (post.status !== 202) throw new Error(`POST /imports (${n} rows) answered ${post.status}: ${JSON.stringify(job).slice(0, 300)}`);
      let state = job;
      while (!["done", "refused", "failed"].includes(state.status)) {
        await new Promise((r) => setTimeout(r, 100));
        const res = await fetch(`${base}/api/v1/imports/${job.id}`, { headers: { authorization: `Bearer ${into}` } });
        state = (await res.json()) as typeof state;
      }
      bulk.push({ rows: n, apiSeconds: (performance.now() - t0) / 1000, csvSeconds: 0, status: state.status });
    }
  } finally {
    await stopServer(server);
  }

  // The bare baseline, the server stopped: the same SQL, straight from the driver, as JSON.
  const bare = {} as ApiBenchResult["bare"];
  const barePort = port + 200;
  const bareServer = await startBare(engine, location, orgId, barePort);
  try {
    const bareBase = `http://127.0.0.1:${barePort}`;
    // The deep page's cursor names the last supplier before it.
    const lastBefore = ids[deepAfter - 1]!;
    bytes.bare = (await (await fetch(`${bareBase}/list?after=0`)).text()).length;
    const random = () => ids[Math.floor(Math.random() * ids.length)]!;
    bare.first = await hammer(bareBase, seconds, {}, () => "/list?after=0");
    bare.deep = await hammer(bareBase, seconds, {}, () => `/list?after=${lastBefore}`);
    bare.detail = await hammer(bareBase, seconds, {}, () => `/detail?id=${random()}`);
  } finally {
    bareServer.kill("SIGTERM");
  }

  // One call at a time in this process: the route as the server runs it, and its parts alone.
  db = openDatabase(location);
  let perCall: ApiBenchResult["perCall"];
  let oneWrite: ApiBenchResult["oneWrite"];
  try {
    const { loader } = await import("../../app/routes/api.v1.suppliers");
    const context = { db, ip: "127.0.0.1", apiRateLimit: BENCH_API_RATE_LIMIT, uploads: { dir: DIR } };
    const header = `Bearer ${token}`;
    const n = 300;
    const route = await timeEach(n, async () => (await loader({ request: new Request("http://localhost/api/v1/suppliers?limit=100", { headers: { authorization: header } }), params: {}, context })).text());
    const tokenActor = await authenticateApiToken(db, header);
    const handler = await timeEach(n, async () => JSON.stringify(await apiListSuppliers(db, tokenActor, orgId, { limit: 100 })));
    const authenticate = await timeEach(n, () => authenticateApiToken(db, header));
    // The route's window upsert, as written in app/lib/api.server.ts (countCall), on a window of its own.
    const windowStart = Date.now() - (Date.now() % 60_000) - 3_600_000;
    const rateWindow = await timeEach(n, () =>
      db
        .insert(apiRateWindows)
        .values({ tokenId: tokenActor.token.id, windowStart, calls: 1 })
        .onConflictDoUpdate({ target: [apiRateWindows.tokenId, apiRateWindows.windowStart], set: { calls: sql`${apiRateWindows.calls} + 1` } })
        .returning({ calls: apiRateWindows.calls }),
    );
    const activityLog = await timeEach(n, () => recordEvent(db, { action: "api.call", actorUserId: tokenActor.user.id, orgId, targetType: "api_token", targetId: tokenActor.token.id, ip: "127.0.0.1", details: { token: "bench", method: "GET", path: "/suppliers", status: 200 } }));
    perCall = { route, handler, authenticate, rateWindow, activityLog, calls: n };

    // One supplier created and changed through the routes (checked as a list's row, logged, matched
    // against the watchlists and scored before the answer), beside a bare insert of the same row.
    const { action: createRoute } = await import("../../app/routes/api.v1.suppliers");
    const { action: patchRoute } = await import("../../app/routes/api.v1.suppliers_.$supplierId");
    const writes = 100;
    let k = 0;
    const send = async (answer: Promise<Response>, status: number) => {
      const res = await answer;
      if (res.status !== status) throw new Error(`one-record write answered ${res.status}: ${(await res.text()).slice(0, 300)}`);
    };
    const jsonInit = (method: string, body: unknown) => ({ method, headers: { authorization: header, "content-type": "application/json" }, body: JSON.stringify(body) });
    const row = () => ({ externalId: `ONE-${++k}`, name: `One Write Seafood ${k}`, country: "TH", sector: "Seafood processing", products: ["Shrimp"], workersTotal: 300, migrantShare: 0.4 });
    const create = await timeEach(writes, () => send(createRoute({ request: new Request("http://localhost/api/v1/suppliers", jsonInit("POST", row())), params: {}, context }), 201));
    const patch = await timeEach(writes, () => {
      const supplierId = String(ids[++k % ids.length]);
      return send(patchRoute({ request: new Request(`http://localhost/api/v1/suppliers/${supplierId}`, jsonInit("PATCH", { workersTotal: 100 + k })), params: { supplierId }, context }), 200);
    });
    const bareInsert = await timeEach(writes, () => {
      const r = row();
      return db.insert(suppliers).values({ orgId, externalId: r.externalId, name: r.name, nameKey: `${r.name.toLowerCase()}|TH`, country: r.country, sector: r.sector, products: r.products, workersTotal: r.workersTotal, migrantShare: r.migrantShare });
    });
    oneWrite = { create, patch, bareInsert, calls: writes };

    // The CSV pipeline on the same rows, each into an empty company of its own, in this process.
    for (const b of bulk) {
      const c = await company(db, `CSV Import ${b.rows}`);
      const file = await prepareFile(b.rows);
      const t = performance.now();
      await importThenScore(db, c.actor, c.orgId, b.rows, file);
      b.csvSeconds = (performance.now() - t) / 1000;
    }
  } finally {
    await closeDatabase(db);
  }
  return { engine, rows, seconds, walk, bytes, api, bare, perCall, oneWrite, bulk, serverErrors: errorLines(server.stderrText()) };
}

/** On a fresh SQLite file. */
export async function apiBench(rows: number, seconds: number, bulkRows: number[]): Promise<ApiBenchResult> {
  const file = path.join(DIR, "api.db");
  for (const s of ["", "-wal", "-shm"]) rmSync(file + s, { force: true });
  return apiBenchHere(file, rows, seconds, bulkRows);
}

/** On a disposable PostgreSQL server, in a child process (tests/bench/on-postgres.ts); throws with the child's last words. */
export function apiBenchOnPostgres(rows: number, seconds: number, bulkRows: number[]): Promise<ApiBenchResult> {
  return onPostgres<ApiBenchResult>("api", [String(rows), String(seconds), bulkRows.join(",")], { timeoutMs: (seconds * 4 + 3_600) * 1000 });
}

/**
 * The bare baseline: node:http and the driver (better-sqlite3 or pg), no framework, no token, no
 * log. /list?after=<id>: the API list's query (tests/bench/api.ts reads the same columns, 101 rows
 * for "is there a next page"); /detail?id=: the supplier's row and its stored score's row.
 */
async function bareServer(engine: string, location: string, orgId: number, port: number): Promise<void> {
  const columns = `id, external_id, name, country, sector, products, tier, workers_total, migrant_share, risk_score, risk_band, risk_confidence, risk_score_low, risk_score_high, risk_red_flags, created_at, updated_at`;
  const list = `select ${columns} from suppliers where org_id = ? and merged_into_id is null and id > ? order by id limit 101`;
  const one = `select * from suppliers where id = ? and org_id = ?`;
  const score = `select * from risk_scores where id = ?`;
  let query: (text: string, params: unknown[]) => Promise<Record<string, unknown>[]>;
  if (engine === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const raw = new Database(location, { readonly: true });
    const statements = new Map([list, one, score].map((s) => [s, raw.prepare(s)]));
    query = async (text, params) => statements.get(text)!.all(...params) as Record<string, unknown>[];
  } else {
    const { default: pg } = await import("pg");
    const pool = new pg.Pool({ connectionString: location, max: 10 });
    query = async (text, params) => (await pool.query({ text: text.replace(/\?/g, ((n) => () => `$${++n}`)(0)), values: params })).rows as Record<string, unknown>[];
  }
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const answer = async () => {
      if (url.pathname === "/list") {
        const rows = await query(list, [orgId, Number(url.searchParams.get("after"))]);
        return { data: rows.slice(0, 100), next: rows.length > 100 ? rows[99]!.id : null };
      }
      const [supplier] = await query(one, [Number(url.searchParams.get("id")), orgId]);
      return { ...supplier, score: supplier?.risk_score_id ? (await query(score, [supplier.risk_score_id]))[0] : null };
    };
    answer().then(
      (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
  });
  server.listen(port, "127.0.0.1", () => process.stdout.write("listening\n"));
  process.once("SIGTERM", () => process.exit(0));
}

if (process.argv[2] === "--bare") {
  const [engine, location, orgId, port] = process.argv.slice(3);
  await bareServer(engine!, location!, Number(orgId), Number(port));
}

/** The table's lines for one run (run.ts). */
export function apiLines(r: ApiBenchResult) {
  const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");
  const on = r.engine === "sqlite" ? "SQLite" : "PostgreSQL";
  const ms = (l: ApiLatency) => (l.requests ? `${l.p50.toFixed(0)} / ${l.p95.toFixed(0)} / ${l.p99.toFixed(0)}` : `no answer within ${r.seconds} s`);
  const ratio = (l: ApiLatency, base: ApiLatency) => (l.requests && base.requests && base.p95 ? (l.p95 / base.p95).toFixed(1) : "");
  const names = { first: "GET /api/v1/suppliers?limit=100, first page", deep: `GET /api/v1/suppliers?limit=100, cursor after ${fmt(r.walk.deepAfter)}`, detail: "GET /api/v1/suppliers/{id} with breakdown, random id" } as const;
  const bare = { first: "the list query, first page", deep: "the list query, same page", detail: "supplier row + score row" } as const;
  const lines = [
    {
      figure: `API (${on}, 1 process, API_RATE_LIMIT=${fmt(BENCH_API_RATE_LIMIT)}/min: no call refused): walk of all ${fmt(r.walk.suppliers)} suppliers by cursor, ${r.walk.pages} pages of 500 (s)`,
      value: r.walk.seconds.toFixed(1),
      target: "",
      baseline: `one page of 100: ${fmt(r.bytes.api)} bytes of JSON (bare: ${fmt(r.bytes.bare)})`,
      ratio: "",
    },
  ];
  for (const kind of ["first", "deep", "detail"] as const) {
    const l = r.api[kind];
    const b = r.bare[kind];
    lines.push({ figure: `${names[kind]}, ${fmt(r.rows)} suppliers, 32 connections (${on}): p50 / p95 / p99 (ms)`, value: ms(l), target: "p95 ≤ 50, 0 errors", baseline: `${ms(b)} (bare http + SQL: ${bare[kind]})`, ratio: ratio(l, b) });
    lines.push({ figure: `  ${names[kind]} (${on}): requests/s; requests / errors`, value: `${fmt(l.perSecond)}; ${fmt(l.requests)} / ${l.errors}`, target: "", baseline: `${fmt(b.perSecond)}/s bare`, ratio: l.perSecond ? (b.perSecond / l.perSecond).toFixed(1) : "" });
  }
  const c = r.perCall;
  const share = (ms: number) => `${ms.toFixed(2)} ms, ${((100 * ms) / c.route).toFixed(0)} %`;
  lines.push({
    figure: `  one list call alone, in process, ${c.calls} calls (${on}): route / domain function + JSON (ms, median)`,
    value: `${c.route.toFixed(2)} / ${c.handler.toFixed(2)}`,
    target: "",
    baseline: `of the route: token ${share(c.authenticate)}; rate window upsert ${share(c.rateWindow)}; activity log entry ${share(c.activityLog)}`,
    ratio: "",
  });
  const w = r.oneWrite;
  for (const [what, ms] of [["POST /api/v1/suppliers (one supplier: checked, logged, matched, scored)", w.create], ["PATCH /api/v1/suppliers/{id} (workersTotal: logged, rescored)", w.patch]] as const) {
    lines.push({ figure: `${what}, in process, ${w.calls} calls, ${fmt(r.rows)} suppliers (${on}) (ms, median)`, value: ms.toFixed(2), target: "", baseline: `${w.bareInsert.toFixed(2)} (a bare insert of the row)`, ratio: (ms / w.bareInsert).toFixed(1) });
  }
  for (const b of r.bulk) {
    lines.push({
      figure: `POST /api/v1/imports ${fmt(b.rows)} rows, polled until ${b.status} (checked, written, scored) (${on}) (rows/s)`,
      value: `${fmt(b.rows / b.apiSeconds)} (${b.apiSeconds.toFixed(1)} s)`,
      target: "",
      baseline: `${fmt(b.rows / b.csvSeconds)} (${b.csvSeconds.toFixed(1)} s: the same rows as CSV through the import pipeline, in process)`,
      ratio: (b.apiSeconds / b.csvSeconds).toFixed(2),
    });
  }
  return lines;
}
