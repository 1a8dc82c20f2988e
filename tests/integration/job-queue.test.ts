/**
 * The job queue's rules (ADR 020), on a real database file, with the clock passed in: who may claim
 * what and when, leases, attempts, one waiting job per subject.
 */
import { describe, expect, it } from "vitest";
import { jobs } from "#db/schema";
import { openDatabase, firstRow } from "#db/client";
import { activeJob, claimJob, enqueueJob, finishJob, LEASE_MS, MAX_ATTEMPTS, releaseLeasesOf, releaseStaleLeases, renewLeases } from "~/domain/jobs/queue.server";
import { createTestDb, ON_POSTGRES } from "../support/db";

const KINDS = ["rescore", "import.analyse", "import.commit", "watchlist.match"] as const;
const T = 1_900_000_000_000;

describe("job queue", () => {
  it("gives a job to one runner at a time, in order, and only runs one job per subject at once", async () => {
    const db = createTestDb();
    const a = await enqueueJob(db, { kind: "import.analyse", subject: "import:1", payload: { importId: 1 } });
    const b = await enqueueJob(db, { kind: "import.commit", subject: "import:2", payload: { importId: 2 } });
    // Asking again while one waits returns the waiting one.
    expect((await enqueueJob(db, { kind: "import.analyse", subject: "import:1", payload: { importId: 1 } })).id).toBe(a.id);
    expect(await db.select().from(jobs)).toHaveLength(2);

    const first = (await claimJob(db, "r1", KINDS, T))!;
    expect(first).toMatchObject({ id: a.id, status: "running", runner: "r1", attempts: 1 });
    expect(first.leaseUntil!.getTime()).toBe(T + LEASE_MS);
    // Another job of the same subject may wait, but not run beside it.
    const a2 = await enqueueJob(db, { kind: "import.commit", subject: "import:1", payload: { importId: 1 } });
    expect((await claimJob(db, "r2", KINDS, T))!.id).toBe(b.id);
    expect(await claimJob(db, "r2", KINDS, T)).toBeNull();
    // Only kinds the runner knows.
    await finishJob(db, a.id, "r1", { status: "done", result: { ok: true } });
    expect(await claimJob(db, "r3", ["rescore"], T)).toBeNull();
    expect((await claimJob(db, "r3", KINDS, T))!.id).toBe(a2.id);
    expect((await activeJob(db, "import:1"))!.id).toBe(a2.id);
  });

  it("lets another runner take a job whose lease ran out, counts attempts, and fails it after the last", async () => {
    const db = createTestDb();
    const job = await enqueueJob(db, { kind: "rescore", subject: "rescore", payload: { runId: 1 } });
    expect((await claimJob(db, "r1", KINDS, T))!.attempts).toBe(1);
    // Renewed, the lease holds; not renewed, it runs out.
    await renewLeases(db, "r1", [job.id], T + LEASE_MS - 1);
    expect(await claimJob(db, "r2", KINDS, T + LEASE_MS + 1)).toBeNull();
    const taken = (await claimJob(db, "r2", KINDS, T + 2 * LEASE_MS))!;
    expect(taken).toMatchObject({ id: job.id, runner: "r2", attempts: 2 });
    // The runner that lost it cannot record an end any more.
    await finishJob(db, job.id, "r1", { status: "done" });
    expect((await activeJob(db, "rescore"))?.status).toBe("running");
    for (let i = 3; i <= MAX_ATTEMPTS; i++) expect((await claimJob(db, `r${i}`, KINDS, T + i * 10 * LEASE_MS))!.attempts).toBe(i);
    const given = (await claimJob(db, "rx", KINDS, T + 100 * LEASE_MS))!;
    expect(given).toMatchObject({ id: job.id, status: "failed" });
    expect(firstRow(await db.select().from(jobs))).toMatchObject({ status: "failed", failure: `it stopped ${MAX_ATTEMPTS} times before finishing (each time the process running it ended)` });
    expect(await claimJob(db, "ry", KINDS, T + 200 * LEASE_MS)).toBeNull();
  });

  it("ends the leases of a dead process (the supervisor) or of a stopped server (start-up) at once", async () => {
    const db = createTestDb();
    const now = Date.now();
    await enqueueJob(db, { kind: "rescore", subject: "rescore", payload: {} });
    await enqueueJob(db, { kind: "watchlist.match", subject: "watchlist:1", payload: {} });
    await claimJob(db, "host:101:aa", KINDS, now);
    await claimJob(db, "host:1012:bb", KINDS, now);
    // "host:101:" names process 101 only, not 1012.
    expect(await releaseLeasesOf(db, "host:101:", now)).toBe(1);
    expect((await claimJob(db, "host:202:cc", KINDS, now))!.subject).toBe("rescore");
    expect(await releaseStaleLeases(db, now)).toBe(2);
    expect(await claimJob(db, "host:303:dd", KINDS, now)).not.toBeNull();
  });

  // SQLite's own writer lock (PostgreSQL's writers queue on an advisory lock; job-nodes.test.ts runs both).
  it.skipIf(ON_POSTGRES)("claims on a connection that never waits: a held write lock is a miss, not a stall", async () => {
    const db = createTestDb();
    await enqueueJob(db, { kind: "rescore", subject: "rescore", payload: {} });
    const runner = openDatabase(db.$client.name);
    runner.$client.pragma("busy_timeout = 0");
    db.$client.prepare("begin immediate").run();
    const started = performance.now();
    await expect(async () => await claimJob(runner, "r1", KINDS)).rejects.toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
    // A connection with the default busy timeout would have waited 5 s before failing.
    expect(performance.now() - started).toBeLessThan(4000);
    db.$client.prepare("rollback").run();
    expect((await claimJob(runner, "r1", KINDS))?.runner).toBe("r1");
    runner.$client.close();
  });
});
