/**
 * Runs queued jobs (queue.server.ts) in worker threads: one runner per process and database, which
 * claims jobs while it has room, renews their leases, writes their progress to the job row, and
 * records how they ended. Every job kind runs through one typed helper, `runWorker`, with one
 * message protocol (progress, done, failed).
 *
 * The runner's own connection never waits for the write lock (busy timeout 0): a long import
 * commit holds it for seconds, and a wait here would stop the whole process (better-sqlite3 is
 * synchronous). A claim or a progress write that finds the lock taken is simply tried again at the
 * next tick; only the end of a job is kept until it can be written.
 */
import { hostname } from "node:os";
import path from "node:path";
import { randomBytes } from "node:crypto";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { closeDatabase, openDatabase, type Db, firstRow, engineError, engineKind } from "#db/client";
import { and, inArray } from "drizzle-orm";
import { jobs, type JobKind, type JobProgress } from "#db/schema";
import { announceOverdueActions } from "../audits/overdue-actions.server";
import { runGrievanceSweeps } from "../grievances/sweeps.server";
import { deliverDueWebhooks } from "../webhooks/delivery.server";
import { dropJobProgress, writeJobProgress } from "./progress.server";
import { claimJob, finishJob, LEASE_MS, onJobQueued, renewLeases, type Job } from "./queue.server";

/** What a worker thread posts to the runner. */
export type WorkerMessage =
  | { type: "progress"; step: string; done: number; total: number; fraction: number; estimated: boolean }
  | { type: "done"; result?: Record<string, unknown> }
  | { type: "failed"; message: string };

const BOOTSTRAP = path.resolve("app/domain/jobs/worker-bootstrap.mjs");

/** Starts a TypeScript module (path from the project root) in a worker thread, with `workerData`. */
export function startWorker(entry: string, workerData: Record<string, unknown>, options: { heapMb?: number } = {}): Worker {
  return new Worker(BOOTSTRAP, {
    workerData: { ...workerData, entry: pathToFileURL(path.resolve(entry)).href },
    ...(options.heapMb ? { resourceLimits: { maxOldGenerationSizeMb: options.heapMb } } : {}),
  });
}

export interface JobHandler {
  /** Starts the job's worker (given the job's payload and the database file). */
  start(job: Job, databasePath: string): Worker;
  /**
   * The job will not be finished: its worker died without a word (out of memory, a crash), or it
   * was claimed MAX_ATTEMPTS times. Puts the domain back where a person can act, saying why.
   */
  abandoned?(db: Db, job: Job, why: string): void | Promise<void>;
}

/** Handlers by kind, registered by the modules that own each kind (on globalThis, see queue.server.ts). */
const handlers: Map<JobKind, JobHandler> = ((globalThis as { __jobHandlers?: Map<JobKind, JobHandler> }).__jobHandlers ??= new Map());

export function registerJobHandler(kind: JobKind, handler: JobHandler): void {
  handlers.set(kind, handler);
}

const RUNNER_ID = `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;
const POLL_MS = 1000;
/** Timed sweeps (grievance escalation, overdue corrective actions) run at most this often per process: a minute late is soon enough, and each is a query. */
const SWEEP_EVERY_MS = 60_000;
/** Progress is written at most this often per job. */
const PROGRESS_EVERY_MS = 100;

interface Running {
  job: Job;
  done: Promise<void>;
  progress: JobProgress | null;
  progressWrittenAt: number;
  progressDirty: boolean;
  /** A progress write is under way (PostgreSQL's is asynchronous). */
  progressWriting: boolean;
}

export class JobRunner {
  readonly id = RUNNER_ID;
  private readonly db: Db;
  private readonly running = new Map<number, Running>();
  private readonly unfinished: { jobId: number; outcome: Parameters<typeof finishJob>[3] }[] = [];
  private readonly poll: NodeJS.Timeout;
  private readonly heartbeat: NodeJS.Timeout;
  private readonly unsubscribe: () => void;
  private stopped = false;

  constructor(
    readonly databasePath: string,
    private readonly concurrency: number,
  ) {
    this.db = openDatabase(databasePath);
    // SQLite: the runner never waits on the writer lock (a busy write is kept for the next tick).
    if (engineKind(this.db) === "sqlite") this.db.$writer.pragma("busy_timeout = 0");
    this.poll = setInterval(() => this.tick(), POLL_MS);
    this.heartbeat = setInterval(() => this.renew(), LEASE_MS / 6);
    // A process that only runs jobs is kept alive by its server; the timers alone must not (tests, scripts).
    this.poll.unref();
    this.heartbeat.unref();
    this.unsubscribe = onJobQueued(() => setImmediate(() => this.tick()));
  }

  /** Whether a job of these kinds (any, without) is queued or running in this runner's database. */
  async hasActiveJobs(kinds?: readonly JobKind[]): Promise<boolean> {
    const active = firstRow(await this.db
          .select({ id: jobs.id })
          .from(jobs)
          .where(and(inArray(jobs.status, ["queued", "running"]), kinds ? inArray(jobs.kind, [...kinds]) : undefined))
          .limit(1));
    return Boolean(active);
  }

  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()].map((r) => r.done));
  }

  /** Stops claiming; jobs already running go on until their workers end. */
  stop(): void {
    this.stopped = true;
    clearInterval(this.poll);
    clearInterval(this.heartbeat);
    this.unsubscribe();
  }

  /** Closes the runner's own connection (after stop() and idle()). */
  async close(): Promise<void> {
    await closeDatabase(this.db);
  }

  tick(): void {
    if (this.stopped) return;
    if (this.claiming) {
      // A tick while one is claiming: claim again when it is done (a job may have been queued since).
      this.tickAgain = true;
      return;
    }
    this.claiming = true;
    this.claimAndRun()
      .catch((error: unknown) => {
        // A database that fails (disk full, a file gone) must not take the serving process down with
        // it from a timer: say so once per distinct failure and try again at the next tick.
        const message = messageOf(error);
        if (message !== this.lastFailure) console.error(`job runner (${this.databasePath}):`, message);
        this.lastFailure = message;
      })
      .finally(() => {
        this.claiming = false;
        if (this.tickAgain) {
          this.tickAgain = false;
          this.tick();
        }
      });
  }

  private lastFailure: string | null = null;
  private claiming = false;
  private tickAgain = false;

  private lastSweepAt = 0;

  /** The timed sweeps, once a minute: conditional updates, so runners in other processes may sweep too. */
  private async sweep(): Promise<void> {
    const now = Date.now();
    if (now - this.lastSweepAt < SWEEP_EVERY_MS) return;
    this.lastSweepAt = now;
    // A busy write lock skips this minute's sweep; the next one finds the same cases. A failing
    // sweep is reported and must not keep the jobs behind it from being claimed.
    await this.tryWrite(() => runGrievanceSweeps(this.db, now)).catch((error: unknown) => console.error(`grievance sweep (${this.databasePath}):`, messageOf(error)));
    // Corrective actions that became overdue: their webhook event, claimed per action (overdue-actions.server.ts).
    await this.tryWrite(() => announceOverdueActions(this.db, now)).catch((error: unknown) => console.error(`overdue actions sweep (${this.databasePath}):`, messageOf(error)));
  }

  private delivering = false;

  /**
   * Webhook deliveries that are due (decision 038), at each tick: detached, so that a slow
   * receiver (up to 10 s an attempt) never holds up the jobs; one round at a time per process,
   * other processes' rounds kept apart by the deliveries' claims.
   */
  private deliverWebhooks(): void {
    if (this.delivering || this.stopped) return;
    this.delivering = true;
    void deliverDueWebhooks(this.db)
      .catch((error: unknown) => console.error(`webhook deliveries (${this.databasePath}):`, messageOf(error)))
      .finally(() => {
        this.delivering = false;
      });
  }

  private async claimAndRun(): Promise<void> {
    await this.sweep();
    this.deliverWebhooks();
    await this.flushUnfinished();
    for (const r of this.running.values()) this.flushProgress(r, false);
    while (this.running.size < this.concurrency && !this.stopped) {
      const job = await this.tryWrite(() => claimJob(this.db, this.id, [...handlers.keys()]));
      if (!job) return;
      if (job.status === "failed") {
        await handlers.get(job.kind)?.abandoned?.(this.db, job, job.failure ?? "it did not finish");
        continue;
      }
      this.run(job);
    }
  }

  private run(job: Job): void {
    const handler = handlers.get(job.kind)!;
    const entry: Running = { job, done: Promise.resolve(), progress: null, progressWrittenAt: 0, progressDirty: false, progressWriting: false };
    let outcome: Parameters<typeof finishJob>[3] | null = null;
    entry.done = new Promise<void>((resolve) => {
      let worker: Worker;
      try {
        worker = handler.start(job, this.databasePath);
      } catch (error) {
        void this.finish(job.id, { status: "failed", failure: messageOf(error) })
          .catch((failure: unknown) => console.error(`job ${job.id} (${job.kind}): could not record the failure:`, messageOf(failure)))
          .finally(resolve);
        return;
      }
      worker.on("message", (message: WorkerMessage) => {
        if (message.type === "progress") {
          const { type: _type, step, ...p } = message;
          const startedAt = entry.progress?.step === step ? entry.progress.startedAt : Date.now();
          entry.progress = { step, ...p, startedAt };
          entry.progressDirty = true;
          this.flushProgress(entry, false);
        } else if (message.type === "done") {
          outcome = { status: "done", result: message.result };
        } else if (message.type === "failed") {
          outcome = { status: "failed", failure: message.message };
        }
      });
      worker.on("error", (error) => console.error(`job ${job.id} (${job.kind}) failed:`, error));
      worker.on("exit", () => {
        void (async () => {
          this.flushProgress(entry, true);
          if (!outcome) {
            const why = "it stopped unexpectedly (the file may be too large for the memory available)";
            try {
              await handler.abandoned?.(this.db, job, why);
            } catch (error) {
              console.error(`job ${job.id} (${job.kind}): could not record the failure:`, error);
            }
            outcome = { status: "failed", failure: why };
          }
          // A write that still fails (not a busy lock, which finish keeps for later) is logged:
          // the lease then runs out and another runner takes the job again.
          await this.finish(job.id, outcome).catch((error: unknown) => console.error(`job ${job.id} (${job.kind}): could not record its end:`, messageOf(error)));
          dropJobProgress(this.databasePath, job.id);
          this.running.delete(job.id);
          resolve();
          // Room for the next job.
          setImmediate(() => this.tick());
        })();
      });
    });
    this.running.set(job.id, entry);
  }

  private flushProgress(r: Running, force: boolean): void {
    if (!r.progressDirty || !r.progress || r.progressWriting) return;
    if (!force && Date.now() - r.progressWrittenAt < PROGRESS_EVERY_MS) return;
    const progress = r.progress;
    r.progressDirty = false;
    r.progressWriting = true;
    // One write at a time per job; a busy store (SQLite) or a failed write marks it to be written again.
    writeJobProgress(this.db, this.databasePath, r.job.id, progress)
      .then((written) => {
        if (written) r.progressWrittenAt = Date.now();
        else r.progressDirty = true;
      })
      .catch((error: unknown) => {
        r.progressDirty = true;
        console.error(`job ${r.job.id}: could not record its progress:`, messageOf(error));
      })
      .finally(() => {
        r.progressWriting = false;
      });
  }

  private async finish(jobId: number, outcome: Parameters<typeof finishJob>[3]): Promise<void> {
    this.unfinished.push({ jobId, outcome });
    await this.flushUnfinished();
  }

  private flushing: Promise<void> | null = null;

  /** Writes the outcomes not yet written, one flush at a time. */
  private flushUnfinished(): Promise<void> {
    // `finally` runs after the assignment, also when the loop has nothing to do.
    this.flushing ??= this.writeUnfinished().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async writeUnfinished(): Promise<void> {
    while (this.unfinished.length) {
      const { jobId, outcome } = this.unfinished[0]!;
      const written = await this.tryWrite(async () => {
        await finishJob(this.db, jobId, this.id, outcome);
        return true;
      });
      if (!written) {
        // Kept until the lock is free; a timer, because no other tick may come (an idle test process).
        setTimeout(() => void this.flushUnfinished().catch(() => undefined), 50).unref();
        return;
      }
      this.unfinished.shift();
    }
  }

  private renew(): void {
    this.tryWrite(async () => {
      await renewLeases(this.db, this.id, [...this.running.keys()]);
      return true;
    }).catch((error: unknown) => console.error(`job runner (${this.databasePath}): could not renew leases:`, messageOf(error)));
  }

  /** Runs a write; null when another connection holds the write lock (tried again later). */
  private async tryWrite<T>(fn: () => Promise<T>): Promise<T | null> {
    try {
      return await fn();
    } catch (error) {
      if ((engineError(error) as { code?: string }).code === "SQLITE_BUSY") return null;
      throw error;
    }
  }
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

const runners: Map<string, JobRunner> = ((globalThis as { __jobRunners?: Map<string, JobRunner> }).__jobRunners ??= new Map());

/** Jobs one process runs at a time (each in its own worker thread). */
const DEFAULT_CONCURRENCY = Math.max(1, Number(process.env.JOB_CONCURRENCY) || 2);

const flags: { off?: boolean } = ((globalThis as { __jobRunnerFlags?: { off?: boolean } }).__jobRunnerFlags ??= {});

/**
 * For the supervising process of a cluster (server.ts), which serves nothing and runs no job: the
 * jobs it queues at start-up (a rescore to catch up) are left to the serving processes.
 */
export function runNoJobsInThisProcess(): void {
  flags.off = true;
}

/** The process's runner for a database file, started on first use (none where jobs are off). */
export function jobRunnerFor(databasePath: string): JobRunner | null {
  if (flags.off) return null;
  let runner = runners.get(databasePath);
  if (!runner) {
    runner = new JobRunner(databasePath, DEFAULT_CONCURRENCY);
    runners.set(databasePath, runner);
  }
  return runner;
}

/**
 * Waits until no job of the given kinds is queued or running in any database this process runs
 * jobs for (tests, and scripts that must not exit before their work is done).
 */
export async function jobsSettled(kinds?: readonly JobKind[]): Promise<void> {
  for (const runner of runners.values()) {
    for (;;) {
      runner.tick();
      if (!(await runner.hasActiveJobs(kinds))) break;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    await runner.idle();
  }
}

export function stopJobRunners(): void {
  for (const r of runners.values()) r.stop();
}

/**
 * Stops and forgets this process's runner for one database, once its running jobs have ended, and
 * closes its connection: for a database about to be dropped or deleted (each test's own database),
 * which a remembered runner would otherwise go on polling.
 */
export async function forgetJobRunner(databasePath: string): Promise<void> {
  const runner = runners.get(databasePath);
  if (!runner) return;
  runners.delete(databasePath);
  runner.stop();
  await runner.idle();
  await runner.close();
}
