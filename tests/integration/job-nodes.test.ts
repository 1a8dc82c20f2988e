/**
 * Jobs across processes (ADR 020, issue 16): two processes run jobs on one database — the SQLite
 * file, as the serving processes of `npm start` do, or one PostgreSQL database, as two app nodes do. What one process starts, the other can see the progress of; when
 * the process running an import is killed, the other finishes it and nothing is lost or doubled.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { writeSupplierFile } from "../../fixtures/generators/suppliers";
import { databaseLocation, engineKind, rawGet } from "#db/client";
import { imports } from "#db/schema";
import { confirmImport, confirmMapping, createImport } from "~/domain/import/imports.server";
import { liveProgress } from "~/domain/import/jobs.server";
import { enqueueJob, findJob, releaseLeasesOf, waitForJob } from "~/domain/jobs/queue.server";
import { createTestDb } from "../support/db";
import { makeOrgWithRoles } from "../support/factories";
import { TMP_DIR } from "../support/paths";

const ROWS = 30_000;
const nodes: ChildProcess[] = [];
afterEach(() => {
  for (const node of nodes.splice(0)) node.kill("SIGKILL");
});

/** Starts a job-running process on the database; resolves with its runner id once it runs jobs. */
function startNode(databasePath: string): Promise<{ child: ChildProcess; runner: string }> {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/integration/support/job-node.ts", databasePath], { stdio: ["ignore", "pipe", "inherit"] });
  nodes.push(child);
  return new Promise((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      const m = /ready (\S+)/.exec(out);
      if (m) resolve({ child, runner: m[1]! });
    });
    child.once("exit", (code) => reject(new Error(`job node exited early (${code})`)));
  });
}

async function until<T>(what: string, fn: () => Promise<T | null | undefined | false> | T | null | undefined | false, ms = 120_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("jobs on two processes", () => {
  it("an import whose process is killed mid-way is finished by the other process: every row once, every score", { timeout: 300_000 }, async () => {
    const db = createTestDb();
    const { org, member } = await makeOrgWithRoles(db, "company");
    const dir = path.join(TMP_DIR, `nodes-${process.pid}-${Date.now()}`);
    mkdirSync(dir, { recursive: true });
    const tempPath = path.join(dir, "list.csv.upload");
    await writeSupplierFile(tempPath, ROWS);
    const id = await createImport(db, member.actor, org.id, { kind: "suppliers", fileName: "list.csv", tempPath, uploadsDir: path.join(dir, "uploads") }, null);
    await confirmMapping(db, member.actor, id, (await db.select().from(imports)).find((i) => i.id === id)!.mapping);

    const a = await startNode(databaseLocation(db));
    // The check: queued here (this test process runs no jobs), run by the other process, its
    // progress visible here while it runs.
    const check = await enqueueJob(db, { kind: "import.analyse", subject: `import:${id}`, payload: { importId: id } });
    const seen = await until("progress of the check", async () => {
      const p = await liveProgress(db, id);
      return p && p.done > 0 && p.fraction < 1 ? p : null;
    });
    expect(seen.step).toBe("check");
    expect((await waitForJob(db, check.id, 120_000))?.status).toBe("done");
    expect((await findJob(db, check.id))?.result).toMatchObject({ counts: { rows: ROWS, new: ROWS } });

    await confirmImport(db, member.actor, id);
    const commit = await enqueueJob(db, { kind: "import.commit", subject: `import:${id}`, payload: { importId: id } });
    const b = await startNode(databaseLocation(db));
    // Wait until one of the two holds it and has started, then kill that one.
    const held = await until("the commit to be claimed and under way", async () => {
      const job = await findJob(db, commit.id);
      return job?.status === "running" && job.runner && (await liveProgress(db, id))?.done ? job.runner : null;
    });
    const [victim, survivor] = held === a.runner ? [a, b] : [b, a];
    victim.child.kill("SIGKILL");
    await new Promise((r) => victim.child.once("exit", r));
    // What the supervisor (server.ts) does when one of its processes dies.
    expect(await releaseLeasesOf(db, victim.runner.split(":").slice(0, 2).join(":") + ":")).toBe(1);

    const finished = await waitForJob(db, commit.id, 240_000);
    expect(finished).toMatchObject({ status: "done", attempts: 2 });
    expect(survivor.child.exitCode).toBeNull();
    if (engineKind(db) === "sqlite") expect(db.$client.pragma("integrity_check", { simple: true })).toBe("ok");
    const counts = await rawGet<{ n: number; ids: number; unscored: number }>(
      db,
      `select count(*) as n, count(distinct external_id) as ids, sum(case when risk_score_id is null then 1 else 0 end) as unscored from suppliers where org_id = ?`,
      org.id,
    );
    expect(counts).toEqual({ n: ROWS, ids: ROWS, unscored: 0 });
    expect((await db.select().from(imports)).find((i) => i.id === id)?.status).toBe("imported");
    expect(await liveProgress(db, id)).toBeNull();
  });
});
