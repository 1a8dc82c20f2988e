/**
 * `npm run backtest` (or `npm run backtest -- --csv other.csv`): scores a labelled list of known
 * forced-labour cases and controls with the platform's own import and scoring, and prints how
 * many of each land in each band. Evidence for a person to read, not a test: it fails only when
 * it cannot run.
 *
 * The list goes through the real pipeline, as the import page uses it: a fresh database
 * (migrations + reference data + the shipped methodology, no demo), a company, the upload
 * (createImport), the column mapping (confirmMapping), the check and the commit (runImportPhase)
 * and the scoring after an import (scoreAfterImport). Whatever methodology is active in that
 * database is the one measured; its version is printed.
 *
 * The file needs a `case_id` column (kept as the supplier id) and a `label` column (known_case or
 * control); the other columns are mapped by their names as the import page proposes, and the
 * columns the importer does not know (label, region, source...) are left out of the import.
 *
 * A second table scores the same suppliers as if each had answered a self-assessment "no" to every
 * indicator and "yes" to every mitigation (methodology 2.2, decision 031): a known case must not
 * drop a band on its own word; the controls show where a low-risk supplier lands.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import Papa from "papaparse";
import { openDatabase, type Db, firstRow } from "../../db/client";
import { migrateDatabase } from "../../db/migrate";
import { imports, importIssues } from "../../db/schema";
import type { Actor } from "../../app/auth/permissions.server";
import { prepareScoring } from "../../app/domain/risk/setup.server";
import { activeMethodology } from "../../app/domain/risk/methodology-store.server";
import { createImport, confirmImport, confirmMapping } from "../../app/domain/import/imports.server";
import { proposeMapping } from "../../app/domain/import/mapping";
import { normaliseHeader } from "../../app/domain/import/fields";
import { runImportPhase, scoreAfterImport } from "../../app/domain/import/run.server";
import { loadReferenceData } from "../../app/domain/reference/reference-data.server";
import type { Methodology } from "../../app/domain/risk/methodology";
import { mergeSelfReported } from "../../app/domain/risk/observation-basis";
import { scoreSupplier } from "../../app/domain/risk/score-supplier";
import { supplierInputs } from "../../app/domain/risk/scoring-inputs.server";
import type { ObservedIndicator, ScoreResult } from "../../app/domain/risk/types";

const DEFAULT_CSV = "fixtures/backtest/known-cases.csv";
const LABELS = ["known_case", "control"] as const;
type Label = (typeof LABELS)[number];
const BANDS = ["low", "medium", "high", "critical"];

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  if (i >= 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`${name}=`));
  return inline?.slice(name.length + 1);
}

/** The labels, by case id, read apart from the import (the importer has no field for them). */
function readLabels(file: string): Map<string, Label> {
  const parsed = Papa.parse<Record<string, string>>(readFileSync(file, "utf8").replace(/^\uFEFF/, ""), { header: true, skipEmptyLines: "greedy" });
  if (parsed.errors.length) throw new Error(`${file}: ${parsed.errors[0]!.message} (row ${parsed.errors[0]!.row})`);
  const labels = new Map<string, Label>();
  for (const [i, row] of parsed.data.entries()) {
    const id = row.case_id?.trim();
    const label = row.label?.trim() as Label;
    if (!id) throw new Error(`${file}: row ${i + 2} has no case_id`);
    if (!LABELS.includes(label)) throw new Error(`${file}: row ${i + 2} (${id}) has label "${row.label ?? ""}"; expected ${LABELS.join(" or ")}`);
    if (labels.has(id)) throw new Error(`${file}: case_id ${id} appears twice`);
    labels.set(id, label);
  }
  return labels;
}

function companyActor(db: Db): { actor: Actor; orgId: number } {
  const org = db.$client.prepare("insert into organisations (type, name) values ('company', 'Backtest Co') returning id").get() as { id: number };
  const user = db.$client.prepare("insert into users (email, name) values ('backtest@example.org', 'Backtest') returning id").get() as { id: number };
  db.$client.prepare("insert into memberships (user_id, org_id, role) values (?, ?, 'member')").run(user.id, org.id);
  return {
    orgId: org.id,
    actor: { user: { id: user.id, email: "backtest@example.org", name: "Backtest", isPlatformAdmin: false }, membership: { orgId: org.id, orgType: "company", orgName: "Backtest Co", role: "member" } },
  };
}

const pad = (s: string, n: number) => (s.length >= n ? s : s + " ".repeat(n - s.length));
const padL = (s: string, n: number) => (s.length >= n ? s : " ".repeat(n - s.length) + s);
const cut = (s: string, n: number) => (s.length <= n ? s : s.slice(0, n - 1) + "…");

/** "country,indicator.a,indicator.b,sector" → "country, indicator×2, sector": readable when many indicators count. */
function compactDrivers(drivers: string | null): string {
  const groups = new Map<string, number>();
  for (const code of (drivers ?? "").split(",").filter(Boolean)) {
    const key = code.includes(".") ? code.slice(0, code.indexOf(".")) : code;
    groups.set(key, (groups.get(key) ?? 0) + (code.includes(".") ? 1 : 0));
  }
  return [...groups].map(([k, n]) => (n > 1 ? `${k}×${n}` : k)).join(", ");
}

interface Scored {
  externalId: string;
  name: string;
  score: number | null;
  band: string | null;
  confidence: number | null;
  redFlags: number | null;
  drivers: string | null;
}

/**
 * A supplier that answers the self-assessment questionnaire "no" to every indicator and "yes" to
 * every mitigation (the most a supplier's own word can claim), merged with what is verified as the
 * scoring inputs merge it (observation-basis.ts). Under a method without `selfReported` (before
 * 2.2) such answers earn no credit.
 */
function deniesEverything(inputs: Parameters<typeof scoreSupplier>[0], m: Methodology): Parameters<typeof scoreSupplier>[0] {
  const answer = (present: boolean): ObservedIndicator => ({ present, source: "backtest: questionnaire answered no everywhere", date: "2026-12-03", basis: "self-reported" });
  const indicators = Object.fromEntries(m.supplier.indicators.map((i) => [i.code, answer(false)]));
  const mitigations = Object.fromEntries(m.supplier.mitigations.map((x) => [x.code, answer(true)]));
  return { ...inputs, indicators: mergeSelfReported(inputs.indicators, indicators), mitigations: mergeSelfReported(inputs.mitigations, mitigations, "mitigation") };
}

const span = (r: ScoreResult) => `${r.range.low.toFixed(1)}–${r.range.high.toFixed(1)}`;

async function main() {
  const csv = path.resolve(argValue("--csv") ?? DEFAULT_CSV);
  const labels = readLabels(csv);

  const dir = mkdtempSync(path.join(os.tmpdir(), "backtest-"));
  const db = openDatabase(path.join(dir, "backtest.db"));
  try {
    await migrateDatabase(db);
    await prepareScoring(db);
    const { actor, orgId } = companyActor(db);

    // Upload, as the import page does (the upload is moved into the uploads folder).
    const upload = path.join(dir, "upload.tmp");
    copyFileSync(csv, upload);
    const importId = await createImport(db, actor, orgId, { kind: "suppliers", fileName: path.basename(csv), tempPath: upload, uploadsDir: path.join(dir, "uploads") }, null);
    const imp = firstRow(await db.select().from(imports).where(eq(imports.id, importId)))!;

    // The mapping the page proposes from the header names, with case_id as the supplier id.
    const mapping = proposeMapping(imp.headers, "suppliers");
    const caseColumn = imp.headers.findIndex((h) => normaliseHeader(h) === "case_id");
    if (caseColumn < 0) throw new Error(`${csv}: no case_id column`);
    for (let i = 0; i < mapping.length; i++) if (mapping[i] === "externalId") mapping[i] = null;
    mapping[caseColumn] = "externalId";
    const used = imp.headers.map((h, i) => (mapping[i] ? `${h}→${mapping[i]}` : null)).filter(Boolean);
    const dropped = imp.headers.filter((_, i) => !mapping[i]);
    await confirmMapping(db, actor, importId, mapping);

    const counts = await runImportPhase(db, importId, "analyse");
    const issues = await db.select().from(importIssues).where(eq(importIssues.importId, importId));
    await confirmImport(db, actor, importId);
    await runImportPhase(db, importId, "commit");
    const scoring = await scoreAfterImport(db, importId);

    const { version, methodology } = await activeMethodology(db);
    const rows = db.$client
      .prepare(
        `select external_id as externalId, name, risk_score as score, risk_band as band, risk_confidence as confidence, risk_red_flags as redFlags, risk_drivers as drivers
         from suppliers where org_id = ? order by external_id`,
      )
      .all(orgId) as Scored[];

    // ---- Report -------------------------------------------------------------------------------
    const out: string[] = [];
    const shown = path.relative(process.cwd(), csv);
    out.push(`Backtest of ${shown && !shown.startsWith("..") ? shown : csv}`);
    out.push(`Methodology: ${version}${methodology.name ? ` (${methodology.name})` : ""}`);
    const thresholds = (methodology as { bands?: unknown }).bands;
    if (thresholds && typeof thresholds === "object") out.push(`Band thresholds: ${JSON.stringify(thresholds)}`);
    out.push(`Import: ${counts.rows} rows, ${counts.new} new, ${counts.invalid} invalid, ${counts.warnings} warning(s); ${scoring.scored} scored`);
    out.push(`Columns imported: ${used.join(", ")}`);
    out.push(`Columns left out (no platform field): ${dropped.join(", ") || "none"}`);
    for (const i of issues.slice(0, 20)) out.push(`  ${i.severity} row ${i.row}${i.column ? ` [${i.column}]` : ""}: ${i.message}${i.value ? ` (${JSON.stringify(i.value)})` : ""}`);
    if (issues.length > 20) out.push(`  … and ${issues.length - 20} more`);
    out.push("");

    const byId = new Map(rows.map((r) => [r.externalId, r]));
    const missing = [...labels.keys()].filter((id) => !byId.has(id));
    const bands = [...BANDS, ...new Set(rows.map((r) => r.band ?? "unscored").filter((b) => !BANDS.includes(b)))];
    const table = new Map(bands.map((b) => [b, { known_case: 0, control: 0 } as Record<Label, number>]));
    for (const r of rows) {
      const label = labels.get(r.externalId);
      if (!label) continue;
      table.get(r.band ?? "unscored")![label]++;
    }
    const totals = { known_case: 0, control: 0 } as Record<Label, number>;
    for (const t of table.values()) for (const l of LABELS) totals[l] += t[l];

    out.push(`${pad("band", 10)}${padL("known_case", 12)}${padL("control", 10)}`);
    out.push("-".repeat(32));
    for (const b of bands) out.push(`${pad(b, 10)}${padL(String(table.get(b)!.known_case), 12)}${padL(String(table.get(b)!.control), 10)}`);
    out.push("-".repeat(32));
    out.push(`${pad("total", 10)}${padL(String(totals.known_case), 12)}${padL(String(totals.control), 10)}`);
    out.push("");
    const atLeastHigh = (table.get("high")?.known_case ?? 0) + (table.get("critical")?.known_case ?? 0);
    const belowHigh = totals.known_case - atLeastHigh;
    const controlsLow = table.get("low")?.control ?? 0;
    out.push(`Known cases high or critical: ${atLeastHigh}/${totals.known_case}; known cases low or medium: ${belowHigh}/${totals.known_case}`);
    out.push(`Controls low: ${controlsLow}/${totals.control}; controls high or critical: ${(table.get("high")?.control ?? 0) + (table.get("critical")?.control ?? 0)}/${totals.control}`);
    if (missing.length) out.push(`Not imported (see the issues above): ${missing.join(", ")}`);
    out.push("");

    out.push(`${pad("case_id", 8)}${pad("label", 11)}${padL("score", 6)}  ${pad("band", 9)}${padL("conf.", 6)}${padL("flags", 6)}  ${pad("name", 44)} drivers`);
    const sorted = [...rows].sort((a, b) => (labels.get(a.externalId) ?? "").localeCompare(labels.get(b.externalId) ?? "") || a.externalId.localeCompare(b.externalId));
    for (const r of sorted) {
      const conf = r.confidence === null ? "—" : r.confidence <= 1 ? `${Math.round(r.confidence * 100)}%` : String(r.confidence);
      out.push(
        `${pad(r.externalId, 8)}${pad(labels.get(r.externalId) ?? "?", 11)}${padL(r.score === null ? "—" : r.score.toFixed(1), 6)}  ${pad(r.band ?? "unscored", 9)}${padL(conf, 6)}${padL(String(r.redFlags ?? 0), 6)}  ${pad(cut(r.name, 44), 44)} ${compactDrivers(r.drivers)}`,
      );
    }

    // ---- What if each supplier denied everything in a self-assessment (methodology 2.2) -------
    const reference = await loadReferenceData(db);
    const whatIf = new Map<string, { as: ScoreResult; denied: ScoreResult }>();
    const ids = new Map(rows.map((r) => [r.externalId, r]));
    const external = new Map((db.$client.prepare(`select id, external_id as externalId from suppliers where org_id = ?`).all(orgId) as { id: number; externalId: string }[]).map((r) => [r.id, r.externalId]));
    for await (const page of await supplierInputs(db, orgId)) {
      for (const s of page) {
        const id = external.get(s.id)!;
        if (!ids.has(id)) continue;
        whatIf.set(id, { as: scoreSupplier(s.inputs, methodology, reference), denied: scoreSupplier(deniesEverything(s.inputs, methodology), methodology, reference) });
      }
    }
    const credit = methodology.selfReported?.credit;
    out.push("");
    out.push(`Self-assessment "no" to every indicator and "yes" to every mitigation (self-reported, ${credit === undefined ? "no credit: this method has no selfReported section" : `credit ${credit}`}):`);
    const deniedTable = new Map(BANDS.map((b) => [b, { known_case: 0, control: 0 } as Record<Label, number>]));
    let fell = 0;
    for (const [id, { as, denied }] of whatIf) {
      const label = labels.get(id);
      if (!label) continue;
      deniedTable.get(denied.band)![label]++;
      if (label === "known_case" && BANDS.indexOf(denied.band) < BANDS.indexOf(as.band)) fell++;
    }
    out.push(`${pad("band", 10)}${padL("known_case", 12)}${padL("control", 10)}`);
    for (const b of BANDS) out.push(`${pad(b, 10)}${padL(String(deniedTable.get(b)!.known_case), 12)}${padL(String(deniedTable.get(b)!.control), 10)}`);
    const deniedHigh = (deniedTable.get("high")?.known_case ?? 0) + (deniedTable.get("critical")?.known_case ?? 0);
    out.push(`Known cases high or critical after denying everything: ${deniedHigh}/${totals.known_case}; known cases that drop a band: ${fell}`);
    out.push(`${pad("case_id", 8)}${pad("label", 11)}${padL("score", 6)}  ${pad("band", 9)}${padL("range", 12)}${padL("conf.", 6)}  →${padL("denied", 7)}  ${pad("band", 9)}${padL("range", 12)}${padL("conf.", 6)}`);
    for (const r of sorted) {
      const w = whatIf.get(r.externalId);
      if (!w) continue;
      const pct = (x: number) => `${Math.round(x * 100)}%`;
      out.push(
        `${pad(r.externalId, 8)}${pad(labels.get(r.externalId) ?? "?", 11)}${padL(w.as.score.toFixed(1), 6)}  ${pad(w.as.band, 9)}${padL(span(w.as), 12)}${padL(pct(w.as.confidence), 6)}  →${padL(w.denied.score.toFixed(1), 7)}  ${pad(w.denied.band, 9)}${padL(span(w.denied), 12)}${padL(pct(w.denied.confidence), 6)}`,
      );
    }
    process.stdout.write(out.join("\n") + "\n");
  } finally {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

try {
  await main();
} catch (error) {
  process.stderr.write(`backtest: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
