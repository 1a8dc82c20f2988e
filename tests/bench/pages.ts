/**
 * Page latency under load: the production server on a database holding 100k scored suppliers,
 * 32 concurrent connections (autocannon) on the supplier list (plain, filtered, sorted) and the
 * dashboard, each for a few seconds. Beside it, the raw baseline of the same run: a bare Node HTTP
 * server answering the list's main query as JSON from the same file, under the same load.
 */
import { spawn, type ChildProcess } from "node:child_process";
import http from "node:http";
import path from "node:path";
import autocannon from "autocannon";
import Database from "better-sqlite3";
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import { companyActor, freshDb, importFile } from "./import";

export interface Latency {
  p50: number;
  /** autocannon has no p95; p97.5 is reported instead (an upper bound of p95). */
  p97_5: number;
  p99: number;
  requests: number;
  errors: number;
}

/** `redirectIsAnswer`: a form post answered with a redirect (post/redirect/get) is a success, not a non-2xx error. */
export async function load(url: string, headers: Record<string, string>, seconds: number, init: { method?: "GET" | "POST"; body?: string; redirectIsAnswer?: boolean } = {}): Promise<Latency> {
  const result = await autocannon({ url, connections: 32, duration: seconds, headers, method: init.method ?? "GET", ...(init.body === undefined ? {} : { body: init.body }) });
  const redirects = init.redirectIsAnswer ? Object.entries(result.statusCodeStats ?? {}).reduce((n, [code, stat]) => (code.startsWith("3") ? n + (stat.count ?? 0) : n), 0) : 0;
  const errors = result.errors + result.timeouts + result.non2xx - redirects;
  return { p50: result.latency.p50, p97_5: result.latency.p97_5, p99: result.latency.p99, requests: result.requests.total, errors };
}

/** The body's size as sent (gzip), which fetch() would hide by decompressing it. */
function bytesOnTheWire(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { "accept-encoding": "gzip" } }, (res) => {
        let bytes = 0;
        res.on("data", (chunk: Buffer) => (bytes += chunk.length));
        res.on("end", () => (res.statusCode === 200 && res.headers["content-encoding"] === "gzip" ? resolve(bytes) : reject(new Error(`${url}: ${res.statusCode}, ${res.headers["content-encoding"] ?? "not compressed"}`))));
      })
      .on("error", reject);
  });
}

export function startServer(databasePath: string, port: number): Promise<ChildProcess> {
  const child = spawn(process.execPath, ["--import", "tsx", "server.ts"], {
    env: { ...process.env, NODE_ENV: "production", PORT: String(port), DATABASE_PATH: databasePath, SEED_DEMO: "false", COOKIE_SECURE: "false", LOG_REQUESTS: "false" },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    child.stdout!.on("data", (chunk: Buffer) => {
      if (chunk.toString().includes("http://")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`server exited with ${code}`)));
  });
}

export async function pagesUnderLoad(file: string, rows: number, seconds: number) {
  const db = await freshDb("pages.db");
  const { actor, orgId } = companyActor(db);
  await importFile(db, actor, orgId, file, rows);
  await scoreOrganisation(db, orgId, { cause: "bench" });
  const { token } = await createSession(db, actor.user.id, orgId);
  const databasePath = db.$client.name;
  db.$client.pragma("wal_checkpoint(TRUNCATE)");
  db.$client.close();

  const port = 3400 + Math.floor(Math.random() * 200);
  const server = await startServer(databasePath, port);
  const headers = { cookie: `${SESSION_COOKIE}=${token}` };
  // Like with like: the list in German and Thai right after it in English (the i18n cost, issue
  // 18, compared under the same conditions), and the home/dashboard, a different page, last.
  const pages: Record<string, string> = {
    "supplier list": "/suppliers",
    // The language comes from the switcher's cookie, as for a reader who chose it.
    "supplier list in German": "/suppliers#lng=de",
    "supplier list in Thai": "/suppliers#lng=th",
    "supplier list, filtered + sorted": "/suppliers?band=high&band=critical&country=MY&sort=score",
    "supplier search": "/suppliers?q=Harapan",
    dashboard: "/",
  };
  const results: Record<string, Latency> = {};
  // Each page once before its load: the dashboard's first view after scoring computes its snapshot
  // (an import or rescore job computes it as it ends; this database was scored in-process), and
  // that one-off is reported on its own rather than hidden in, or excluded from, the load figures.
  const firstViewMs: Record<string, number> = {};
  const catalogBytes: Record<string, number> = {};
  try {
    for (const [name, address] of Object.entries(pages)) {
      const [pathname, language] = address.split("#lng=");
      const pageHeaders = language ? { cookie: `${headers.cookie}; lng=${language}` } : headers;
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${pathname}`, { headers: pageHeaders });
      const html = await res.text();
      if (res.status !== 200) throw new Error(`${pathname} answered ${res.status}`);
      if (language && !html.includes(`lang="${language}"`)) throw new Error(`${pathname} was not served in ${language}`);
      firstViewMs[name] = performance.now() - started;
      results[name] = await load(`http://127.0.0.1:${port}${pathname}`, pageHeaders, seconds);
    }
    // What a reader's browser fetches once per language before the page becomes interactive.
    for (const language of ["en", "de", "th"]) {
      catalogBytes[language] = await bytesOnTheWire(`http://127.0.0.1:${port}/locales/${language}.json`);
    }
  } finally {
    server.kill("SIGTERM");
  }

  // Raw baseline: the same first page of the list straight from SQLite, as JSON.
  const raw = new Database(databasePath, { readonly: true });
  const query = raw.prepare(`select id, external_id, name, country, sector, products, risk_score, risk_band from suppliers where org_id = ? order by risk_score desc, id limit 50`);
  const count = raw.prepare(`select count(*) as n from suppliers where org_id = ?`);
  const bare = http.createServer((_req, res) => {
    const body = JSON.stringify({ total: (count.get(orgId) as { n: number }).n, rows: query.all(orgId) });
    res.writeHead(200, { "content-type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => bare.listen(port + 1, "127.0.0.1", resolve));
  const baseline = await load(`http://127.0.0.1:${port + 1}/`, {}, seconds);
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  raw.close();
  return { results, firstViewMs, catalogBytes, baseline, seconds, databasePath: path.relative(process.cwd(), databasePath) };
}
