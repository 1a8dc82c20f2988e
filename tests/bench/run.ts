/**
 * `npm run bench` (or `npm run bench -- --quick`): every benchmark of the project, one table:
 * figure, target, raw baseline of the same run, ratio, and the machine. Not part of `npm test`.
 *
 * `--only=<part>[,<part>…]` runs only those parts (import, scoring, watchlists, audits, reports,
 * rescore, pages, questionnaire, search, photos, load, api), e.g. `npm run bench -- --quick --only=load`.
 */
import { execFileSync } from "node:child_process";
import os from "node:os";
import { WORKER_HEAP_MB } from "../../app/domain/import/jobs.server";
import { importEndToEnd, prepareFile, rawBaseline, responsivenessDuringImport } from "./import";
import { pagesUnderLoad, type Latency } from "./pages";
import { questionnaireUnderLoad } from "./questionnaire";
import { queueAndPlan } from "./audits";
import { loadTest, loadTestOnPostgres, type LoadResult } from "./load";
import { rescoreStored } from "./rescore";
import { searchBench, searchLines } from "./search";
import { reportTimes } from "./reports";
import { photoCleaning } from "./photos";
import { benchScoringInMemory } from "./scoring";
import { labelledPairs, matchTiming } from "./watchlists";
import { apiBench, apiBenchOnPostgres, apiLines, type ApiBenchResult } from "./api";

const quick = process.argv.includes("--quick");
const PARTS = ["import", "scoring", "watchlists", "audits", "reports", "rescore", "pages", "questionnaire", "search", "photos", "load", "api"];
const only = process.argv.find((a) => a.startsWith("--only="))?.slice("--only=".length).split(",").filter(Boolean);
const unknown = (only ?? []).filter((p) => !PARTS.includes(p));
if (unknown.length) throw new Error(`--only: unknown part(s) ${unknown.join(", ")}; the parts are ${PARTS.join(", ")}`);
const want = (part: string) => !only || only.includes(part);
const rows = quick ? 20_000 : 100_000;
const bigRows = quick ? 100_000 : 1_000_000;

interface Line {
  figure: string;
  value: string;
  target: string;
  baseline: string;
  ratio: string;
}
const lines: Line[] = [];
/** Printed below the table: what explains a failure (the servers' error lines). */
const notes: string[] = [];
const fmt = (n: number) => Math.round(n).toLocaleString("en-GB");

// The supplier file most parts share (made once, by whichever part runs first).
let sharedFile: Promise<string> | undefined;
const supplierFile = () => (sharedFile ??= prepareFile(rows));

if (want("import")) {
  const file = await supplierFile();
  await rawBaseline(file, rows); // warm-up of the file cache and the JIT, for both sides alike
  const raw = await rawBaseline(file, rows);
  const e2e = await importEndToEnd(file, rows);
  lines.push({
    figure: `import ${fmt(rows)} rows end to end, until every row is scored (rows/s)`,
    value: fmt(e2e.rowsPerSecond),
    target: "≥ 100,000 and ratio ≤ 2",
    baseline: `${fmt(raw.rowsPerSecond)} (papaparse + better-sqlite3)`,
    ratio: (e2e.seconds / raw.seconds).toFixed(2),
  });
  lines.push({
    figure: "  of which upload / check / import / scoring (s)",
    value: `${e2e.phases.upload!.toFixed(2)} / ${e2e.phases.analyse!.toFixed(2)} / ${e2e.phases.commit!.toFixed(2)} / ${e2e.phases.score!.toFixed(2)}`,
    target: "",
    baseline: `${raw.seconds.toFixed(2)} s total`,
    ratio: "",
  });

  const responsive = await responsivenessDuringImport(file);
  lines.push({
    figure: `while importing ${fmt(rows)} rows: event-loop delay p99 / max (ms)`,
    value: `${responsive.p99LoopDelayMs.toFixed(1)} / ${responsive.maxLoopDelayMs.toFixed(1)}`,
    target: "max ≤ 100",
    baseline: "",
    ratio: "",
  });
  lines.push({ figure: `while importing: slowest page query of ${responsive.queries} (ms)`, value: responsive.maxQueryMs.toFixed(1), target: "", baseline: "", ratio: "" });

  const big = JSON.parse(execFileSync(process.execPath, [`--max-old-space-size=${WORKER_HEAP_MB}`, "--import", "tsx", "tests/bench/import.ts", "--child", String(bigRows)], { encoding: "utf8", maxBuffer: 1 << 20 }).trim().split("\n").pop()!);
  lines.push({ figure: `import ${fmt(bigRows)} rows until every row is scored: time (s)`, value: big.seconds.toFixed(1), target: "", baseline: "", ratio: "" });
  // The child runs with the same heap limit as the import worker thread in the server.
  lines.push({ figure: `import ${fmt(bigRows)} rows: peak RSS (MB)`, value: fmt(big.peakRssMb), target: "≤ 512", baseline: "", ratio: "" });
}

if (want("scoring")) {
  const scoringCount = quick ? 100_000 : 1_000_000;
  const inMemory = await benchScoringInMemory(scoringCount);
  lines.push({
    figure: `score ${fmt(scoringCount)} suppliers in memory (s)`,
    value: inMemory.seconds.toFixed(2),
    target: "≤ 10",
    baseline: `${inMemory.baselineSeconds.toFixed(2)} s (bare weighted sum, no explanation)`,
    ratio: (inMemory.seconds / inMemory.baselineSeconds).toFixed(1),
  });
  lines.push({ figure: `  inputs hashes (SHA-256) of the same ${fmt(scoringCount)} (s)`, value: inMemory.hashSeconds.toFixed(2), target: "", baseline: "", ratio: "" });
}

if (want("watchlists")) {
  const labelled = labelledPairs();
  lines.push({ figure: `watchlist matcher on ${labelled.pairs} labelled name pairs: precision / recall`, value: `${labelled.precision.toFixed(3)} / ${labelled.recall.toFixed(3)}`, target: "", baseline: `TP ${labelled.truePositives}, FP ${labelled.falsePositives}, FN ${labelled.falseNegatives}`, ratio: "" });
  const watch = matchTiming(rows, 1_000);
  lines.push({
    figure: `watchlist matching ${fmt(rows)} suppliers × 1,000 entries (s)`,
    value: watch.seconds.toFixed(2),
    target: "",
    baseline: `${watch.baselineSeconds.toFixed(3)} s (exact Map lookup: ${watch.exactFound} of ${watch.planted} planted variants; matcher ${watch.plantedFound})`,
    ratio: (watch.seconds / watch.baselineSeconds).toFixed(0),
  });
}

if (want("audits")) {
  const file = await supplierFile();
  const audits = await queueAndPlan(file, rows);
  lines.push({
    figure: `priority queue of ${fmt(rows)} shared workplaces (ms)`,
    value: audits.queueMs.toFixed(0),
    target: "",
    baseline: `${audits.baselineMs.toFixed(0)} (SQL: same rows by score)`,
    ratio: (audits.queueMs / audits.baselineMs).toFixed(1),
  });
  lines.push({ figure: `  plan for 4 weeks, 3 inspectors: ${audits.proposals} proposals (ms)`, value: audits.planMs.toFixed(0), target: "", baseline: "", ratio: "" });
}

if (want("reports")) {
  const reportRows = quick ? 2_000 : 10_000;
  const reportFile = await prepareFile(reportRows);
  const rep = await reportTimes(reportFile, reportRows);
  lines.push({ figure: "supplier risk profile PDF, issued (ms, median)", value: rep.profileMs.toFixed(0), target: "≤ 200", baseline: "", ratio: "" });
  lines.push({
    figure: `company due-diligence report, ${fmt(reportRows)} suppliers (s)`,
    value: (rep.companyMs / 1000).toFixed(2),
    target: "≤ 5",
    baseline: `${(rep.rawMs / 1000).toFixed(2)} (bare pdfkit, ${fmt(rep.annexRows + 25)} plain lines)`,
    ratio: (rep.companyMs / rep.rawMs).toFixed(1),
  });
  lines.push({ figure: `  ${rep.pages} pages, ${fmt(rep.annexRows)} annex rows; peak RSS (MB)`, value: fmt(rep.peakRssMb), target: "", baseline: "", ratio: "" });
}

if (want("rescore")) {
  const file = await supplierFile();
  const rescore = await rescoreStored(file, rows);
  lines.push({
    figure: `re-score ${fmt(rows)} stored suppliers after a methodology change (s)`,
    value: rescore.seconds.toFixed(2),
    target: "≤ 3",
    baseline: `${rescore.baselineSeconds.toFixed(2)} s (inserting the same score rows)`,
    ratio: (rescore.seconds / rescore.baselineSeconds).toFixed(2),
  });
  lines.push({ figure: `  first scoring of the same ${fmt(rows)} suppliers (s)`, value: rescore.firstSeconds.toFixed(2), target: "", baseline: "", ratio: "" });
}

if (want("pages")) {
  const file = await supplierFile();
  const pages = await pagesUnderLoad(file, rows, quick ? 3 : 8);
  // A page that completed no request in the window has no latency: autocannon reports 0 / 0 / 0,
  // which read as the fastest page of the run (ratio 0.0) when it was the slowest.
  const answered = (l: Latency) => l.requests > 0;
  const latencies = (l: Latency) => (answered(l) ? `${l.p50} / ${l.p97_5} / ${l.p99}` : `no answer within ${pages.seconds} s`);
  const ratioOf = (l: Latency, base: Latency, digits: number) => (answered(l) && answered(base) && base.p97_5 ? (l.p97_5 / base.p97_5).toFixed(digits) : "");
  for (const [name, l] of Object.entries(pages.results)) {
    lines.push({
      figure: `${name}, ${fmt(rows)} suppliers, 32 connections: p50 / p97.5 / p99 (ms)`,
      value: latencies(l),
      target: "p95 ≤ 50, 0 errors",
      baseline: `${latencies(pages.baseline)} (bare http + SQL)`,
      ratio: ratioOf(l, pages.baseline, 1),
    });
    lines.push({ figure: `  ${name}: requests / errors; first view before the load (ms)`, value: `${fmt(l.requests)} / ${l.errors}; ${Math.round(pages.firstViewMs[name] ?? 0)}`, target: "", baseline: "", ratio: "" });
  }
  // The price of the reader's language: the same page in German and Thai beside English, same run.
  const english = pages.results["supplier list"]!;
  for (const name of ["supplier list in German", "supplier list in Thai"]) {
    const l = pages.results[name]!;
    lines.push({
      figure: `  i18n: ${name} vs in English, p50 / p97.5 (ms)`,
      value: answered(l) ? `${l.p50} / ${l.p97_5}` : `no answer within ${pages.seconds} s`,
      target: "ratio ≤ 1.2",
      baseline: `${answered(english) ? `${english.p50} / ${english.p97_5}` : `no answer within ${pages.seconds} s`} (English)`,
      ratio: ratioOf(l, english, 2),
    });
  }
  lines.push({
    figure: "  i18n: catalogs fetched once per language before hydration, gzip on the wire (KB) en / de / th",
    value: ["en", "de", "th"].map((l) => ((pages.catalogBytes[l] ?? 0) / 1024).toFixed(0)).join(" / "),
    target: "",
    baseline: "",
    ratio: "",
  });
}

// The supplier questionnaire (issue 20): its page, an answer save and the buyer's answers page,
// with the buyer holding `rows` suppliers, beside a bare server reading / writing the same draft.
if (want("questionnaire")) {
  const file = await supplierFile();
  const q = await questionnaireUnderLoad(file, rows, quick ? 3 : 8);
  const answered = (l: Latency) => l.requests > 0;
  const latencies = (l: Latency) => (answered(l) ? `${l.p50} / ${l.p97_5} / ${l.p99}` : `no answer within ${q.seconds} s`);
  const ratioOf = (l: Latency, base: Latency) => (answered(l) && answered(base) && base.p97_5 ? (l.p97_5 / base.p97_5).toFixed(1) : "");
  for (const [name, l] of Object.entries(q.results)) {
    const base = name === "answer save" ? q.baseline.write : q.baseline.read;
    lines.push({
      figure: `${name}, ${fmt(rows)} suppliers, 32 connections: p50 / p97.5 / p99 (ms)`,
      value: latencies(l),
      target: "p95 ≤ 50, 0 errors",
      baseline: `${latencies(base)} (bare http + SQL ${name === "answer save" ? "update" : "read"} of the draft)`,
      ratio: ratioOf(l, base),
    });
    const first = q.firstView[name];
    lines.push({ figure: `  ${name}: requests / errors; first answer (status, ms)`, value: `${fmt(l.requests)} / ${l.errors}; ${first?.status ?? "?"}, ${Math.round(first?.ms ?? 0)}`, target: "", baseline: "", ratio: "" });
  }
  lines.push({ figure: `  questionnaire: database of ${fmt(rows)} scored suppliers + a shared site built in (s)`, value: q.seedSeconds.toFixed(1), target: "", baseline: "", ratio: "" });
}

if (want("search")) {
  const file = await supplierFile();
  lines.push(...searchLines(await searchBench(file, rows), rows));
}

// The same mixed load on SQLite with one serving process and with one per core (`npm start`'s
// default, ADR 020), then on PostgreSQL with one node and with two (one process each, the same
// database; issue 16). The PostgreSQL runs happen in a child process each (on-postgres.ts).
if (want("photos")) {
  const photo = await photoCleaning(quick ? 3 : 9);
  lines.push({
    figure: `worker photo cleaned of its metadata at intake: ${photo.megapixels} MP JPEG, ${fmt(photo.inputKb)} kB (ms, median)`,
    value: photo.cleanMs.toFixed(0),
    target: "",
    baseline: `${photo.rawMs.toFixed(1)} (stored byte for byte: read, SHA-256, write)`,
    ratio: (photo.cleanMs / photo.rawMs).toFixed(1),
  });
}

if (want("load")) {
  const loadSeconds = quick ? 10 : 60;
  const runs: { on: string; engine: "sqlite" | "postgres"; run: () => Promise<LoadResult> }[] = [
    ...[...new Set([1, os.availableParallelism()])].map((processes) => ({ on: `SQLite, ${processes} process${processes === 1 ? "" : "es"}`, engine: "sqlite" as const, run: () => loadTest(rows, loadSeconds, processes) })),
    ...[1, 2].map((nodes) => ({ on: `PostgreSQL, ${nodes} node${nodes === 1 ? "" : "s"}`, engine: "postgres" as const, run: () => loadTestOnPostgres(rows, loadSeconds, nodes) })),
  ];
  for (const { on, engine, run } of runs) {
    let mixed: LoadResult;
    try {
      mixed = await run();
    } catch (error) {
      // A run that could not happen is said so in its row, not left out of the table.
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 400);
      lines.push({ figure: `mixed load (${on}), ${fmt(rows)} suppliers, 32 connections: not run`, value: "failed", target: "0 errors", baseline: message, ratio: "" });
      continue;
    }
    for (const f of mixed.figures) {
      lines.push({
        figure: `mixed load (${on}) ${mixed.seconds.toFixed(0)} s, ${fmt(rows)} suppliers, 32 connections: ${f.name}: p50 / p95 / p99 (ms)`,
        value: `${f.p50.toFixed(0)} / ${f.p95.toFixed(0)} / ${f.p99.toFixed(0)}`,
        target: f.name.includes("POST") ? "0 errors" : "p95 ≤ 50, 0 errors",
        baseline: `${fmt(f.requests)} requests, ${f.errors} errors, ${f.refused} refused (4xx)`,
        ratio: "",
      });
    }
    lines.push({ figure: `  mixed load (${on}): requests answered in all`, value: fmt(mixed.figures.reduce((n, f) => n + f.requests, 0)), target: "", baseline: "", ratio: "" });
    lines.push({ figure: `  mixed load (${on}): 10k-row import uploaded, analysed and committed meanwhile (s)`, value: `${mixed.imported.seconds.toFixed(1)} (${mixed.imported.status})`, target: "", baseline: "", ratio: "" });
    if (engine === "sqlite") {
      lines.push({ figure: `  mixed load (${on}): event-loop delay max / p99 of the worst process (ms); SQLITE_BUSY in the log`, value: `${mixed.eventLoop.maxMs} / ${mixed.eventLoop.p99Ms}; ${mixed.busy}`, target: "max ≤ 100; 0", baseline: "", ratio: "" });
    } else {
      lines.push({ figure: `  mixed load (${on}): event-loop delay max / p99 of the worst node (ms)`, value: `${mixed.eventLoop.maxMs} / ${mixed.eventLoop.p99Ms}`, target: "max ≤ 100", baseline: "", ratio: "" });
    }
    const failing = mixed.afterwards.filter((a) => typeof a.status !== "number" || a.status >= 500);
    lines.push({ figure: `  mixed load (${on}): afterwards, one request of each kind per ${engine === "sqlite" ? "server" : "node"}: kinds answered without 5xx`, value: `${mixed.afterwards.length - failing.length} of ${mixed.afterwards.length}`, target: "all", baseline: failing.map((a) => `${a.name}: ${a.status}`).join("; "), ratio: "" });
    if ((failing.length || mixed.figures.some((f) => f.errors > 0)) && mixed.serverErrors.length) notes.push(`mixed load (${on}): the servers' error lines:`, ...mixed.serverErrors.map((l) => `  ${l}`));
  }
}

// The JSON API (issue 22): list, deep page and detail under 32 connections beside a bare server,
// and bulk imports through the API beside the same rows through the CSV pipeline; on both engines.
if (want("api")) {
  const apiSeconds = quick ? 5 : 20;
  // 50,000 rows (the API's largest request) in the full run only: 1.5 min more on SQLite, 3 on PostgreSQL (2 cores).
  const bulkRows = quick ? [10_000] : [10_000, 50_000];
  const runs: [string, () => Promise<ApiBenchResult>][] = [
    ["SQLite", () => apiBench(rows, apiSeconds, bulkRows)],
    ["PostgreSQL", () => apiBenchOnPostgres(rows, apiSeconds, bulkRows)],
  ];
  for (const [on, run] of runs) {
    try {
      const result = await run();
      lines.push(...apiLines(result));
      if (result.serverErrors.length) notes.push(`API (${on}): the server's error lines:`, ...result.serverErrors.map((l) => `  ${l}`));
    } catch (error) {
      const message = (error instanceof Error ? error.message : String(error)).replace(/\s+/g, " ").slice(0, 400);
      lines.push({ figure: `API (${on}), ${fmt(rows)} suppliers: not run`, value: "failed", target: "", baseline: message, ratio: "" });
    }
  }
}

console.log(`\nBenchmarks${quick ? " (quick)" : ""} · ${os.cpus().length} cores · ${os.cpus()[0]?.model ?? "cpu"} · Node ${process.version}\n`);
const cols: (keyof Line)[] = ["figure", "value", "target", "baseline", "ratio"];
const width = Object.fromEntries(cols.map((c) => [c, Math.max(c.length, ...lines.map((l) => l[c].length))])) as Record<keyof Line, number>;
console.log(cols.map((c) => c.padEnd(width[c])).join(" | "));
console.log(cols.map((c) => "-".repeat(width[c])).join("-|-"));
for (const l of lines) console.log(cols.map((c) => l[c].padEnd(width[c])).join(" | "));
if (notes.length) console.log(`\n${notes.join("\n")}`);
