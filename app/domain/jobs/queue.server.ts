/**
 * The job queue: work that runs off the request thread, kept as rows of `jobs` so that every app
 * process (and, with PostgreSQL, every node) sees the same queue and the same progress (ADR 020).
 *
 * A job is claimed in an IMMEDIATE transaction and held by a lease that its runner renews while it
 * runs. A runner that dies stops renewing; when the lease has run out another runner claims the
 * job and runs it again from the start, which every job kind is written to make safe (an import
 * phase is one transaction; scoring skips what is already current). After MAX_ATTEMPTS claims the
 * job is failed instead, so a job that kills its process cannot take every process down in turn.
 */
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { changedRows, inTransaction, type Db, firstRow } from "#db/client";
import { jobs, type JobKind } from "#db/schema";

export type Job = typeof jobs.$inferSelect;

/** How long a claim holds without renewal; runners renew every LEASE_MS / 6. */
export const LEASE_MS = 60_000;
export const MAX_ATTEMPTS = 3;

/**
 * Processes that run jobs register a wake-up here, so that a job queued by a request is claimed at
 * once by the same process instead of at the next poll. On globalThis: the server's own modules
 * and the Remix build each load this file, and both must reach the one runner.
 */
const wakers: Set<() => void> = ((globalThis as { __jobWakers?: Set<() => void> }).__jobWakers ??= new Set());

export function onJobQueued(wake: () => void): () => void {
  wakers.add(wake);
  return () => wakers.delete(wake);
}

/**
 * Queues a job; with one already waiting for the same subject, that one is returned instead (it
 * will read the latest data when it runs, so a second would only repeat it).
 */
export async function enqueueJob(db: Db, job: { kind: JobKind; subject: string; payload: Record<string, unknown>; requestedBy?: number | null }): Promise<Job> {
  const row = await inTransaction(db, async () => {
      const inserted = firstRow(await db
            .insert(jobs)
            .values({ kind: job.kind, subject: job.subject, payload: job.payload, requestedBy: job.requestedBy ?? null })
            .onConflictDoNothing()
            .returning());
      return inserted ?? firstRow(await db.select().from(jobs).where(and(eq(jobs.subject, job.subject), eq(jobs.status, "queued"))))!;
    });
  for (const wake of wakers) wake();
  return row;
}

/** Jobs a runner may take now: queued ones whose subject has no live running job, and running ones whose lease ran out. */
function claimable(now: number) {
  // The time is bound through the lease column, so that each engine gets its own time type.
  const at = sql.param(new Date(now), jobs.leaseUntil);
  return sql`(${jobs.status} = 'queued' and not exists (
      select 1 from jobs r where r.subject = ${jobs.subject} and r.status = 'running' and r.lease_until >= ${at}))
    or (${jobs.status} = 'running' and ${jobs.leaseUntil} < ${at})`;
}

/**
 * Claims the oldest job of the given kinds that may run now, or returns null. Looks first with a
 * plain read (which never waits for a writer), and only then takes the write lock.
 */
export async function claimJob(db: Db, runner: string, kinds: readonly JobKind[], now = Date.now()): Promise<Job | null> {
  if (kinds.length === 0) return null;
  const pick = async () =>
    firstRow(await db
            .select()
            .from(jobs)
            .where(and(inArray(jobs.kind, kinds), claimable(now)))
            .orderBy(jobs.id)
            .limit(1));
  if (!(await pick())) return null;
  return await inTransaction(db, async (): Promise<Job | null> => {
      const job = await pick();
      if (!job) return null;
      if (job.attempts >= MAX_ATTEMPTS) {
        await db.update(jobs)
                  .set({ status: "failed", runner: null, leaseUntil: null, finishedAt: new Date(now), failure: `it stopped ${job.attempts} times before finishing (each time the process running it ended)` })
                  .where(eq(jobs.id, job.id));
        return { ...job, status: "failed" as const };
      }
      return firstRow(await db
            .update(jobs)
            .set({ status: "running", runner, leaseUntil: new Date(now + LEASE_MS), attempts: job.attempts + 1, startedAt: job.startedAt ?? new Date(now) })
            .where(eq(jobs.id, job.id))
            .returning()) ?? null;
    });
}

/** Renews the leases of the jobs this runner holds. */
export async function renewLeases(db: Db, runner: string, ids: readonly number[], now = Date.now()): Promise<void> {
  if (ids.length === 0) return;
  await db.update(jobs)
        .set({ leaseUntil: new Date(now + LEASE_MS) })
        .where(and(inArray(jobs.id, [...ids]), eq(jobs.runner, runner), eq(jobs.status, "running")));
}

/** Records the end of a job; a runner that lost its lease (it was presumed dead) records nothing. */
export async function finishJob(db: Db, jobId: number, runner: string, outcome: { status: "done"; result?: Record<string, unknown> } | { status: "failed"; failure: string }): Promise<void> {
  await db.update(jobs)
        .set({
          status: outcome.status,
          result: outcome.status === "done" ? (outcome.result ?? null) : null,
          failure: outcome.status === "failed" ? outcome.failure : null,
          runner: null,
          leaseUntil: null,
          finishedAt: new Date(),
        })
        .where(and(eq(jobs.id, jobId), eq(jobs.runner, runner), eq(jobs.status, "running")));
}

export async function findJob(db: Db, jobId: number): Promise<Job | null> {
  return firstRow(await db.select().from(jobs).where(eq(jobs.id, jobId))) ?? null;
}

/** The job of a subject that is queued or running, or null. */
export async function activeJob(db: Db, subject: string): Promise<Job | null> {
  return (
    firstRow(await db
            .select()
            .from(jobs)
            .where(and(eq(jobs.subject, subject), inArray(jobs.status, ["queued", "running"])))
            .orderBy(desc(jobs.id))
            .limit(1)) ?? null
  );
}

/** The newest job of a subject, whatever its state, or null. */
export async function latestJob(db: Db, subject: string): Promise<Job | null> {
  return firstRow(await db.select().from(jobs).where(eq(jobs.subject, subject)).orderBy(desc(jobs.id)).limit(1)) ?? null;
}

/**
 * At start-up on the embedded engine: the file has one machine, and the server starting now is the
 * only one serving it, so a job still marked running was held by the stopped server. Its lease
 * is ended at once (rather than after LEASE_MS) so that a runner takes it again straight away.
 */
export async function releaseStaleLeases(db: Db, now = Date.now()): Promise<number> {
  return changedRows(await db
      .update(jobs)
      .set({ leaseUntil: new Date(now - 1) })
      .where(and(eq(jobs.status, "running"), lt(jobs.leaseUntil, new Date(now + LEASE_MS + 1)))));
}

/**
 * Ends the leases held by runners whose id starts with `runnerPrefix` ("host:pid:"): the cluster's
 * supervisor calls it when one of its processes has died, so that another runs its jobs at once.
 */
export async function releaseLeasesOf(db: Db, runnerPrefix: string, now = Date.now()): Promise<number> {
  return changedRows(await db
      .update(jobs)
      .set({ leaseUntil: new Date(now - 1) })
      .where(and(eq(jobs.status, "running"), sql`substr(${jobs.runner}, 1, ${runnerPrefix.length}) = ${runnerPrefix}`)));
}

/** Waits until the job has finished or `ms` have passed; returns the job as it then is. */
export async function waitForJob(db: Db, jobId: number, ms: number, pollMs = 25): Promise<Job | null> {
  const until = Date.now() + ms;
  for (;;) {
    const job = await findJob(db, jobId);
    if (!job || job.status === "done" || job.status === "failed" || Date.now() >= until) return job;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pollMs, Math.max(1, until - Date.now()))));
  }
}
