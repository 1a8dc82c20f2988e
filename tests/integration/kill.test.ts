/**
 * Killing the process (SIGKILL) in the middle of issuing a report and of saving an audit's
 * findings, at several moments: afterwards the database passes its integrity check, nothing is
 * half-written (no report row without its whole file, no findings without the rest of their save,
 * no evidence row without its file), and doing the work again gives the result of an uninterrupted run.
 * (Imports and batch rescoring have their own kill tests in import.test.ts and scoring.test.ts.)
 */
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { createHash } from "node:crypto";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { seedDemo } from "../../db/seed";
import { TEMPLATE_DB, TMP_DIR } from "../support/paths";

const dir = path.join(TMP_DIR, `kill-${process.pid}`);
mkdirSync(dir, { recursive: true });

let seeded: string | null = null;
async function seededCopy(name: string): Promise<string> {
  if (!seeded) {
    seeded = path.join(dir, "seeded.db");
    copyFileSync(TEMPLATE_DB, seeded);
    const db = openDatabase(seeded);
    await seedDemo(db);
    db.$client.pragma("wal_checkpoint(TRUNCATE)");
    db.$client.close();
  }
  const file = path.join(dir, `${name}-${Date.now()}.db`);
  copyFileSync(seeded, file);
  return file;
}

/** Runs the child; kills it `afterMs` after it says "start" (or lets it finish when null). Returns how long the work took. */
function run(database: string, work: "report" | "findings", files: string, afterMs: number | null, extra: string[] = []): Promise<{ finished: boolean; ms: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/work-child.ts", database, work, files, ...extra], { stdio: ["ignore", "pipe", "inherit"] });
    let started = 0;
    let finished = false;
    child.stdout!.on("data", (chunk: Buffer) => {
      const text = chunk.toString();
      if (text.includes("start") && !started) {
        started = performance.now();
        if (afterMs !== null) setTimeout(() => child.kill("SIGKILL"), afterMs);
      }
      if (text.includes("done")) finished = true;
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ finished, ms: started ? performance.now() - started : 0 }));
  });
}

const sha = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

describe("SIGKILL in the middle of", () => {
  it("issuing a report: no row without its whole file; issuing again gives the uninterrupted report", { timeout: 180_000 }, async () => {
    const clean = await seededCopy("report-clean");
    const files = path.join(dir, "report-files-clean");
    const calibration = await run(clean, "report", files, null);
    expect(calibration.finished).toBe(true);
    const cleanDb = openDatabase(clean);
    // The unsigned content is what the same data reproduces; the signed file differs per signing
    // (its signature carries the signing time, and each copy's organisation gets its own certificate: decision 034).
    const expected = cleanDb.$client.prepare(`select id, content_sha256 as contentSha256 from reports`).get() as { id: string; contentSha256: string };
    expect(expected.contentSha256).toMatch(/^[0-9a-f]{64}$/);
    cleanDb.$client.close();
    for (const fraction of [0.1, 0.4, 0.7, 0.95]) {
      const database = await seededCopy(`report-${fraction}`);
      const out = path.join(dir, `report-files-${fraction}`);
      await run(database, "report", out, Math.max(1, calibration.ms * fraction));
      const db = openDatabase(database);
      expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      for (const row of db.$client.prepare(`select id, file_path as filePath, sha256, content_sha256 as contentSha256, content_size as contentSize from reports`).all() as { id: string; filePath: string; sha256: string; contentSha256: string; contentSize: number }[]) {
        expect(existsSync(row.filePath), `report ${row.id} has its file`).toBe(true);
        expect(sha(row.filePath)).toBe(row.sha256);
        expect(createHash("sha256").update(readFileSync(row.filePath).subarray(0, row.contentSize)).digest("hex")).toBe(row.contentSha256);
      }
      db.$client.close();
      // Again, uninterrupted: the same report as the clean run.
      expect((await run(database, "report", out, null)).finished).toBe(true);
      const after = openDatabase(database);
      expect(after.$client.prepare(`select id, content_sha256 as contentSha256 from reports`).get()).toEqual(expected);
      after.$client.close();
    }
  });

  it("saving an audit's findings: all of the save or none of it, no evidence row without its file", { timeout: 180_000 }, async () => {
    const prepare = async (name: string) => {
      const database = await seededCopy(name);
      const db = openDatabase(database);
      // The confirmed demo audit, started (its time moved to the past).
      const audit = db.$client.prepare(`select id from audits where status = 'confirmed'`).get() as { id: number };
      db.$client.prepare(`update audits set status = 'in_progress', starts_at = ?, ends_at = ? where id = ?`).run(Date.now() - 3_600_000, Date.now() + 3_600_000, audit.id);
      db.$client.close();
      return { database, auditId: String(audit.id) };
    };
    const clean = await prepare("findings-clean");
    const calibration = await run(clean.database, "findings", path.join(dir, "findings-clean"), null, [clean.auditId]);
    expect(calibration.finished).toBe(true);
    const summary = (database: string, auditId: string) => {
      const db = openDatabase(database);
      expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
      const findings = db.$client.prepare(`select indicator, result from findings where audit_id = ? order by indicator`).all(auditId);
      const evidence = db.$client.prepare(`select e.file_name as name, e.file_path as path, e.sha256 from evidence e join findings f on f.id = e.finding_id where f.audit_id = ? order by e.file_name`).all(auditId) as { name: string; path: string; sha256: string }[];
      for (const e of evidence) expect(sha(e.path)).toBe(e.sha256);
      db.$client.close();
      return { findings, evidence: evidence.map((e) => [e.name, e.sha256]) };
    };
    const expected = summary(clean.database, clean.auditId);
    expect(expected.findings).toHaveLength(16);
    expect(expected.evidence).toHaveLength(2);
    for (const fraction of [0.1, 0.5, 0.9]) {
      const { database, auditId } = await prepare(`findings-${fraction}`);
      await run(database, "findings", path.join(dir, `findings-${fraction}`), Math.max(1, calibration.ms * fraction), [auditId]);
      const state = summary(database, auditId);
      expect([0, 16]).toContain(state.findings.length);
      expect(state.evidence.length).toBe(state.findings.length ? 2 : 0);
      await run(database, "findings", path.join(dir, `findings-${fraction}`), null, [auditId]);
      expect(summary(database, auditId)).toEqual(expected);
    }
  });
});
