/**
 * The supplier questionnaire at scale (issue 20, "bench: questionnaire page and answer save at 100k
 * suppliers"): the production server on a database whose buyer holds 100k scored suppliers, one of
 * them linked to a claimed site that shares its submitted answers with the buyer. Measured over
 * real HTTP, 32 connections each, like pages.ts:
 *   (a) the supplier's questionnaire page, GET /sites/:id/questionnaire;
 *   (b) an answer save, POST /sites/:id/questionnaire (fields = question ids, intent=save);
 *   (c) the buyer's answers page, GET /suppliers/:id/answers.
 * Beside them, the raw baseline of the same run: a bare Node HTTP server on the same file that
 * reads the site's draft as JSON (for a and c) and writes an answer into it (for b), under the same
 * load. `--seed-only` (node --import tsx tests/bench/questionnaire.ts --seed-only [rows]) builds the
 * database and prints what it made, without starting a server.
 */
import { createSession, SESSION_COOKIE } from "../../app/auth/session.server";
import { SAQ_QUESTIONNAIRE } from "../../app/domain/questionnaires/constants";
import { loadQuestionnaire } from "../../app/domain/questionnaires/registry.server";
import { scoreOrganisation } from "../../app/domain/risk/scoring.server";
import http from "node:http";
import path from "node:path";
import Database from "better-sqlite3";
import { companyActor, freshDb, importFile, prepareFile } from "./import";
import { load, startServer, type Latency } from "./pages";

export interface QuestionnaireWorld {
  databasePath: string;
  buyerOrgId: number;
  supplierId: number;
  siteId: number;
  responseId: number;
  buyerToken: string;
  supplierToken: string;
  /** The save's form: two unconditional questions of the current version, and intent=save. */
  saveForm: Record<string, string>;
  seedSeconds: number;
}

/** The database: the buyer's 100k suppliers imported and scored, a supplier organisation whose site is linked to one of them and shared, a submitted answer set and a draft. */
export async function seedQuestionnaireWorld(file: string, rows: number): Promise<QuestionnaireWorld> {
  const started = performance.now();
  const db = await freshDb("questionnaire.db");
  const { actor, orgId } = companyActor(db);
  await importFile(db, actor, orgId, file, rows);
  await scoreOrganisation(db, orgId, { cause: "bench" });
  const sqlite = db.$client;
  // The record in the middle of the list: neither the first nor the last row an index finds.
  const supplierId = (sqlite.prepare(`select id from suppliers where org_id = ? order by id limit 1 offset ?`).get(orgId, Math.floor(rows / 2)) as { id: number }).id;
  const supplierOrg = (sqlite.prepare(`insert into organisations (type, name) values ('supplier', 'Bench Garment Co') returning id`).get() as { id: number }).id;
  const supplierUser = (sqlite.prepare(`insert into users (email, name) values ('supplier-bench@example.org', 'Supplier Bench') returning id`).get() as { id: number }).id;
  sqlite.prepare(`insert into memberships (user_id, org_id, role) values (?, ?, 'admin')`).run(supplierUser, supplierOrg);
  const siteId = (sqlite.prepare(`insert into supplier_sites (org_id, name, country) values (?, 'Bench Garment, Phnom Penh', 'KH') returning id`).get(supplierOrg) as { id: number }).id;
  sqlite.prepare(`insert into supplier_site_links (site_id, supplier_id, buyer_org_id) values (?, ?, ?)`).run(siteId, supplierId, orgId);
  sqlite.prepare(`insert into questionnaire_shares (site_id, buyer_org_id, created_by) values (?, ?, ?)`).run(siteId, orgId, supplierUser);

  // Answers to every unconditional question of the current version: a submitted set the buyer reads, and the draft the supplier continues.
  const definition = loadQuestionnaire(SAQ_QUESTIONNAIRE);
  const answers: Record<string, unknown> = {};
  const unconditional = definition.sections.flatMap((s) => s.questions).filter((q) => !q.showIf);
  for (const q of unconditional) {
    if (q.type === "yes_no") answers[q.id] = false;
    else if (q.type === "number") answers[q.id] = 1;
  }
  const now = Date.now();
  sqlite
    .prepare(`insert into questionnaire_responses (site_id, questionnaire, version, answers, status, submitted_at, submitted_by, created_at) values (?, ?, ?, ?, 'submitted', ?, ?, ?)`)
    .run(siteId, definition.id, definition.version, JSON.stringify(answers), now, supplierUser, now);
  const responseId = (sqlite.prepare(`insert into questionnaire_responses (site_id, questionnaire, version, answers, status, created_at) values (?, ?, ?, ?, 'draft', ?) returning id`).get(siteId, definition.id, definition.version, JSON.stringify(answers), now) as { id: number }).id;

  const yesNo = unconditional.find((q) => q.type === "yes_no");
  const number = unconditional.find((q) => q.type === "number");
  const saveForm: Record<string, string> = { intent: "save" };
  if (yesNo) saveForm[yesNo.id] = "no";
  if (number) saveForm[number.id] = "2";

  const buyerToken = (await createSession(db, actor.user.id, orgId)).token;
  const supplierToken = (await createSession(db, supplierUser, supplierOrg)).token;
  const databasePath = sqlite.name;
  sqlite.pragma("wal_checkpoint(TRUNCATE)");
  sqlite.close();
  return { databasePath, buyerOrgId: orgId, supplierId, siteId, responseId, buyerToken, supplierToken, saveForm, seedSeconds: (performance.now() - started) / 1000 };
}

export interface QuestionnaireBench {
  rows: number;
  seconds: number;
  results: Record<"questionnaire page" | "answer save" | "buyer's answers page", Latency>;
  firstView: Record<string, { ms: number; status: number }>;
  baseline: { read: Latency; write: Latency };
  seedSeconds: number;
  databasePath: string;
}

export async function questionnaireUnderLoad(file: string, rows: number, seconds: number): Promise<QuestionnaireBench> {
  const w = await seedQuestionnaireWorld(file, rows);
  const port = 3600 + Math.floor(Math.random() * 200);
  const origin = `http://127.0.0.1:${port}`;
  const supplier = { cookie: `${SESSION_COOKIE}=${w.supplierToken}` };
  const buyer = { cookie: `${SESSION_COOKIE}=${w.buyerToken}` };
  const body = new URLSearchParams(w.saveForm).toString();
  // A browser's form post: same origin (the server refuses cross-site writes), multipart like the
  // page's form (it carries the evidence files), with no file this time.
  const boundary = "----bench-questionnaire-save";
  const multipart = Object.entries(w.saveForm).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`).join("") + `--${boundary}--\r\n`;
  const postHeaders = { ...supplier, origin, "content-type": `multipart/form-data; boundary=${boundary}` };
  const cases: { name: keyof QuestionnaireBench["results"]; path: string; headers: Record<string, string>; method: "GET" | "POST"; body?: string }[] = [
    { name: "questionnaire page", path: `/sites/${w.siteId}/questionnaire`, headers: supplier, method: "GET" },
    { name: "answer save", path: `/sites/${w.siteId}/questionnaire`, headers: postHeaders, method: "POST", body: multipart },
    { name: "buyer's answers page", path: `/suppliers/${w.supplierId}/answers`, headers: buyer, method: "GET" },
  ];
  const server = await startServer(w.databasePath, port);
  const results = {} as QuestionnaireBench["results"];
  const firstView: QuestionnaireBench["firstView"] = {};
  try {
    for (const c of cases) {
      const started = performance.now();
      const res = await fetch(`${origin}${c.path}`, { method: c.method, headers: c.headers, body: c.body, redirect: "manual" });
      await res.text();
      firstView[c.name] = { ms: performance.now() - started, status: res.status };
      // A page that is not there (yet) is a failure of the bench, not a fast answer.
      if (res.status >= 400) throw new Error(`${c.method} ${c.path} answered ${res.status}`);
      results[c.name] = await load(`${origin}${c.path}`, c.headers, seconds, { method: c.method, body: c.body, redirectIsAnswer: c.method === "POST" });
    }
  } finally {
    server.kill("SIGTERM");
  }

  // Raw baseline: the same draft read (GET) and written (POST) straight from SQLite, as JSON.
  const raw = new Database(w.databasePath);
  const read = raw.prepare(`select r.answers, r.version from questionnaire_responses r join supplier_sites s on s.id = r.site_id where r.site_id = ? and r.status = 'draft' order by r.id desc limit 1`);
  const write = raw.prepare(`update questionnaire_responses set answers = json_set(answers, '$.' || ?, ?), updated_at = ? where id = ?`);
  const bare = http.createServer((req, res) => {
    if (req.method === "POST") {
      let text = "";
      req.on("data", (chunk: Buffer) => (text += chunk.toString()));
      req.on("end", () => {
        for (const [k, v] of new URLSearchParams(text)) if (k !== "intent") write.run(k, v, Date.now(), w.responseId);
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(read.get(w.siteId)));
      });
      return;
    }
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(read.get(w.siteId)));
  });
  await new Promise<void>((resolve) => bare.listen(port + 1, "127.0.0.1", resolve));
  const baseline = {
    read: await load(`http://127.0.0.1:${port + 1}/`, {}, seconds),
    write: await load(`http://127.0.0.1:${port + 1}/`, { "content-type": "application/x-www-form-urlencoded" }, seconds, { method: "POST", body }),
  };
  await new Promise<void>((resolve) => bare.close(() => resolve()));
  raw.close();
  return { rows, seconds, results, firstView, baseline, seedSeconds: w.seedSeconds, databasePath: path.relative(process.cwd(), w.databasePath) };
}

// The seeding alone, to check it (and to look at the database) without the pages being there.
if (process.argv[2] === "--seed-only") {
  const rows = Number(process.argv[3] ?? 100_000);
  const w = await seedQuestionnaireWorld(await prepareFile(rows), rows);
  process.stdout.write(JSON.stringify({ ...w, buyerToken: "…", supplierToken: "…" }) + "\n");
}
