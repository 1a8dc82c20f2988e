/**
 * The job queue's rules (ADR 020), on a real database file, with the clock passed in: who may claim
 * what and when, leases, attempts, one waiting job per subject.
 */
import { describe, expect, it } from "vitest";
import { jobs } from "#db/schema";
import { openDatabase } from "#db/client";
import { activeJob, claimJob, enqueueJob, finishJob, LEASE_MS, MAX_ATTEMPTS, releaseLeasesOf, releaseStaleLeases, renewLeases } from "~/domain/jobs/queue.server";
import { createTestDb } from "../support/db";

const KINDS = ["rescore", "import.analyse", "import.commit", "watchlist.match"] as const;
const T = 1_900_000_000_000;

describe("job queue", () => {
  it("gives a job to one runner at a time, in order, and only runs one job per subject at once", () => {
    const db = createTestDb();
    const a = enqueueJob(db, { kind: "import.analyse", subject: "import:1", payload: { importId: 1 } });
    const b = enqueueJob(db, { kind: "import.commit", subject: "import:2", payload: { importId: 2 } });
    // Asking again while one waits returns the waiting one.
    expect(enqueueJob(db, { kind: "import.analyse", subject: "import:1", payload: { importId: 1 } }).id).toBe(a.id);
    expect(db.select().from(jobs).all()).toHaveLength(2);

    const first = claimJob(db, "r1", KINDS, T)!;
    expect(first).toMatchObject({ id: a.id, status: "running", runner: "r1", attempts: 1 });
    expect(first.leaseUntil!.getTime()).toBe(T + LEASE_MS);
    // Another job of the same subject may wait, but not run beside it.
    const a2 = enqueueJob(db, { kind: "import.commit", subject: "import:1", payload: { importId: 1 } });
    expect(claimJob(db, "r2", KINDS, T)!.id).toBe(b.id);
    expect(claimJob(db, "r2", KINDS, T)).toBeNull();
    // Only kinds the runner knows.
    finishJob(db, a.id, "r1", { status: "done", result: { ok: true } });
    expect(claimJob(db, "r3", ["rescore"], T)).toBeNull();
    expect(claimJob(db, "r3", KINDS, T)!.id).toBe(a2.id);
    expect(activeJob(db, "import:1")!.id).toBe(a2.id);
  });

  it("lets another runner take a job whose lease ran out, counts attempts, and fails it after the last", () => {
    const db = createTestDb();
    const job = enqueueJob(db, { kind: "rescore", subject: "rescore", payload: { runId: 1 } });
    expect(claimJob(db, "r1", KINDS, T)!.attempts).toBe(1);
    // Renewed, the lease holds; not renewed, it runs out.
    renewLeases(db, "r1", [job.id], T + LEASE_MS - 1);
    expect(claimJob(db, "r2", KINDS, T + LEASE_MS + 1)).toBeNull();
    const taken = claimJob(db, "r2", KINDS, T + 2 * LEASE_MS)!;
    expect(taken).toMatchObject({ id: job.id, runner: "r2", attempts: 2 });
    // The runner that lost it cannot record an end any more.
    finishJob(db, job.id, "r1", { status: "done" });
    expect(activeJob(db, "rescore")?.status).toBe("running");
    for (let i = 3; i <= MAX_ATTEMPTS; i++) expect(claimJob(db, `r${i}`, KINDS, T + i * 10 * LEASE_MS)!.attempts).toBe(i);
    const given = claimJob(db, "rx", KINDS, T + 100 * LEASE_MS)!;
    expect(given).toMatchObject({ id: job.id, status: "failed" });
    expect(db.select().from(jobs).get()).toMatchObject({ status: "failed", failure: `it stopped ${MAX_ATTEMPTS} times before finishing (each time the process running it ended)` });
    expect(claimJob(db, "ry", KINDS, T + 200 * LEASE_MS)).toBeNull();
  });

  it("ends the leases of a dead process (the supervisor) or of a stopped server (start-up) at once", () => {
    const db = createTestDb();
    const now = Date.now();
    enqueueJob(db, { kind: "rescore", subject: "rescore", payload: {} });
    enqueueJob(db, { kind: "watchlist.match", subject: "watchlist:1", payload: {} });
    claimJob(db, "host:101:aa", KINDS, now);
    claimJob(db, "host:1012:bb", KINDS, now);
    // "host:101:" names process 101 only, not 1012.
    expect(releaseLeasesOf(db, "host:101:", now)).toBe(1);
    expect(claimJob(db, "host:202:cc", KINDS, now)!.subject).toBe("rescore");
    expect(releaseStaleLeases(db, now)).toBe(2);
    expect(claimJob(db, "host:303:dd", KINDS, now)).not.toBeNull();
  });

  it("claims on a connection that never waits: a held write lock is a miss, not a stall", () => {
    const db = createTestDb();
    enqueueJob(db, { kind: "rescore", subject: "rescore", payload: {} });
    const runner = openDatabase(db.$client.name);
    runner.$client.pragma("busy_timeout = 0");
    db.$client.prepare("begin immediate").run();
    const started = performance.now();
    expect(() => claimJob(runner, "r1", KINDS)).toThrow(expect.objectContaining({ code: "SQLITE_BUSY" }));
    // A connection with the default busy timeout would have waited 5 s before failing.
    expect(performance.now() - started).toBeLessThan(4000);
    db.$client.prepare("rollback").run();
    expect(claimJob(runner, "r1", KINDS)?.runner).toBe("r1");
    runner.$client.close();
  });
});
