/**
 * The end of a reporting period: the production server on a database of 100k scored suppliers,
 * a company, an inspectorate, a union and a regulator all at work on it for a fixed time with 32
 * connections in total — supplier list, detail, filters and dashboard; shared views; the audit
 * queue and scheduling; report generation; indicator changes that rescore; and one 10k-row import
 * uploaded, analysed and committed meanwhile. Prints p50 / p95 / p99 per kind of request, the
 * errors (5xx, timeouts, resets) and the refusals (4xx, e.g. scheduling conflicts) separately, and
 * the server's event-loop delay (max, p99) over the run, read from /healthz. Stops by itself.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { get as httpGet } from "node:http";
import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { companyActor, freshDb, importFile, prepareFile } from "./import";

export interface PageFigures {
  name: string;
  requests: number;
  p50: number;
  p95: number;
  p99: number;
  errors: number;
  refused: number;
}

/** Lets this run, and only it, start the server's event-loop figures over (see app/routes/healthz.ts). */
const HEALTHZ_RESET_TOKEN = randomBytes(16).toString("hex");

const percentile = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! : 0);

function startServer(databasePath: string, port: number, uploads: string, processes: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, UPLOADS_DIR: uploads, SEED_DEMO: "false", COOKIE_SECURE: "false", LOG_REQUESTS: "false", HEALTHZ_RESET_TOKEN, WEB_CONCURRENCY: String(processes) },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr!.on("data", (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("http://")) resolve(Object.assign(child, { stderrText: () => stderr }));
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}: ${stderr}`)));
  });
}

/**
 * The mixed load against `npm start` with `processes` serving processes (1: one thread, as before
 * ADR 020; the number of cores: what `npm start` does by default).
 */
export async function loadTest(rows: number, seconds: number, processes: number) {
  const db = await freshDb(`load-${processes}.db`);
  const company = companyActor(db);
  await importFile(db, company.actor, company.orgId, await prepareFile(rows), rows);
  await scoreOrganisation(db, company.orgId, { cause: "bench" });
  const q = db.$client;
  // Partners: an inspectorate with one country's workplaces, a union, a regulator.
  const country = (q.prepare(`select country from suppliers where org_id = ? group by country order by count(*) limit 1`).get(company.orgId) as { country: string }).country;
  const org = (type: string, name: string, jurisdictions: string[] = []) => (q.prepare(`insert into organisations (type, name, jurisdictions) values (?, ?, ?) returning id`).get(type, name, JSON.stringify(jurisdictions)) as { id: number }).id;
  const member = (orgId: number, email: string, role = "admin") => {
    const id = (q.prepare(`insert into users (email, name) values (?, ?) returning id`).get(email, email.split("@")[0]) as { id: number }).id;
    q.prepare(`insert into memberships (user_id, org_id, role) values (?, ?, ?)`).run(id, orgId, role);
    return id;
  };
  const inspectorate = org("inspectorate", "Load Inspectorate", [country]);
  const union = org("union", "Load Union");
  const regulator = org("regulator", "Load Regulator");
  const inspector = member(inspectorate, "inspector@load.example");
  const unionRep = member(union, "rep@load.example");
  const supervisor = member(regulator, "supervisor@load.example");
  q.prepare(`insert into shares (from_org_id, to_org_id, scope, filter) values (?, ?, '["identity","scores","audits"]', ?)`).run(company.orgId, inspectorate, JSON.stringify({ countries: [country] }));
  q.prepare(`insert into shares (from_org_id, to_org_id, scope, filter) values (?, ?, '["identity","scores"]', ?)`).run(company.orgId, union, JSON.stringify({ countries: [country] }));
  const cookie = async (userId: number, orgId: number) => `${SESSION_COOKIE}=${(await createSession(db, userId, orgId)).token}`;
  const cookies = { company: await cookie(company.actor.user.id, company.orgId), inspector: await cookie(inspector, inspectorate), union: await cookie(unionRep, union), regulator: await cookie(supervisor, regulator) };
  const workplaces = (q.prepare(`select id from suppliers where org_id = ? and country = ? order by id limit 400`).raw().all(company.orgId, country) as [number][]).map(([id]) => id);
  const maxId = (q.prepare(`select max(id) as n from suppliers`).get() as { n: number }).n;
  const databasePath = db.$client.name;
  q.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();

  // The 10k-row list uploaded during the run: new suppliers (their own ids).
  const importRows = Math.min(10_000, rows);
  const listFile = path.resolve("tests/.tmp/bench/load-import.csv");
  const source = readFileSync(await prepareFile(importRows), "utf8").split("\n");
  writeFileSync(listFile, [source[0], ...source.slice(1).map((l) => (l ? `L-${l}` : l))].join("\n"));

  const port = 3600 + Math.floor(Math.random() * 200);
  const base = `http://127.0.0.1:${port}`;
  const server = (await startServer(databasePath, port, path.resolve("tests/.tmp/bench/load-uploads"), processes)) as ChildProcess & { stderrText: () => string };
  const random = (n: number) => Math.floor(Math.random() * n);
  const day = () => new Date(Date.now() + (7 + random(300)) * 86_400_000).toISOString().slice(0, 10);
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = { method: "POST" as const, headers: { "content-type": "application/x-www-form-urlencoded", origin: base } };

  interface Mix {
    name: string;
    connections: number;
    who: keyof typeof cookies;
    request: () => { path: string; method?: "GET" | "POST"; body?: string; headers?: Record<string, string> };
  }
  // A morning on a random future day for a random workplace (many collide: refusals are expected).
  const scheduling = () => {
    const d = day();
    return { path: "/audits/new", ...post, body: form({ supplierId: String(workplaces[random(workplaces.length)]), type: "announced", startsAt: `${d}T09:00`, endsAt: `${d}T12:00`, leadInspectorId: String(inspector), notes: "" }) };
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
    { name: "record an indicator, rescore (POST)", connections: 2, who: "company", request: () => ({ path: `/suppliers/${1 + random(maxId)}/indicators`, ...post, body: form({ excessive_overtime: random(2) ? "yes" : "no", note: "load" }) }) },
    { name: "issue a supplier profile (POST)", connections: 2, who: "company", request: () => ({ path: "/reports", ...post, body: form({ type: "supplier_profile", supplierId: String(1 + random(maxId)), pageSize: "A4" }) }) },
  ];

  // Each serving process keeps its own event-loop figures: reset them all (a connection each, so
  // that the cluster hands them to different processes), and read them all at the end.
  const healthz = (query: string) =>
    Promise.all(
      Array.from(
        { length: processes * 4 },
        () =>
          new Promise<{ eventLoopDelay: { maxMs: number; p99Ms: number } }>((resolve, reject) => {
            const req = httpGet(`${base}/healthz${query}`, { agent: false, headers: { "X-Healthz-Reset-Token": HEALTHZ_RESET_TOKEN } }, (res) => {
              let body = "";
              res.on("data", (c: Buffer) => (body += c.toString()));
              res.on("end", () => resolve(JSON.parse(body)));
            });
            req.on("error", reject);
          }),
      ),
    );
  await healthz("?reset=1");
  const started = Date.now();
  const importDone = runImport(base, cookies.company, listFile, databasePath);
  const figures = await Promise.all(
    mixes.map(async (mix): Promise<PageFigures> => {
      const times: number[] = [];
      let errors = 0;
      let refused = 0;
      const instance = autocannon(
        {
        url: base,
        connections: mix.connections,
        duration: seconds,
        timeout: 30,
        headers: { cookie: cookies[mix.who] },
        requests: [
          {
            setupRequest: (req: autocannon.Request) => {
              const r = mix.request();
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
      times.sort((a, b) => a - b);
      return { name: mix.name, requests: times.length, p50: percentile(times, 50), p95: percentile(times, 95), p99: percentile(times, 99), errors: errors + result.errors + result.timeouts, refused };
    }),
  );
  const imported = await importDone;
  const healths = await healthz("");
  const health = { eventLoopDelay: { maxMs: Math.max(...healths.map((h) => h.eventLoopDelay.maxMs)), p99Ms: Math.max(...healths.map((h) => h.eventLoopDelay.p99Ms)) } };
  server.kill("SIGTERM");
  await new Promise((resolve) => server.once("exit", resolve));
  const busy = (server.stderrText().match(/SQLITE_BUSY/g) ?? []).length;
  return { seconds: (Date.now() - started) / 1000, figures, eventLoop: health.eventLoopDelay, imported, busy, rows };
}

/** Uploads the list, confirms the proposed mapping, waits for the analysis, commits, waits. */
async function runImport(base: string, cookie: string, file: string, databasePath: string): Promise<{ seconds: number; status: string }> {
  const t = performance.now();
  const body = new FormData();
  body.set("kind", "suppliers");
  body.set("file", new Blob([readFileSync(file)]), "load-import.csv");
  const res = await fetch(`${base}/imports`, { method: "POST", body, headers: { cookie, origin: base }, redirect: "manual" });
  const id = Number((res.headers.get("location") ?? "").split("/").pop());
  if (!id) return { seconds: 0, status: `upload failed (${res.status})` };
  const status = () => (new Database(databasePath, { readonly: true }).prepare(`select status, mapping from imports where id = ?`).get(id) as { status: string; mapping: string });
  const wait = async (until: string[]) => {
    for (let i = 0; i < 1200; i++) {
      const s = status();
      if (until.includes(s.status)) return s;
      await new Promise((r) => setTimeout(r, 250));
    }
    return status();
  };
  const uploaded = await wait(["uploaded", "analysed", "failed"]);
  const mapping = JSON.parse(uploaded.mapping) as (string | null)[];
  const fields = new URLSearchParams({ intent: "analyse", ...Object.fromEntries(mapping.map((m, i) => [`map-${i}`, m ?? ""])) });
  await fetch(`${base}/imports/${id}`, { method: "POST", body: fields, headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
  await wait(["analysed", "failed"]);
  await fetch(`${base}/imports/${id}`, { method: "POST", body: new URLSearchParams({ intent: "import" }), headers: { cookie, origin: base, "content-type": "application/x-www-form-urlencoded" }, redirect: "manual" });
  const done = await wait(["imported", "failed"]);
  return { seconds: (performance.now() - t) / 1000, status: done.status };
}
