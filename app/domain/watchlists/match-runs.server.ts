/**
 * "Match again now" (ADR 016) off the request thread: comparing 100k names with the watchlists
 * takes seconds, so the run is a job (ADR 020) that a worker thread of whichever process claims it
 * runs, and the page shows its progress, "N of M names compared", from the job's progress.
 *
 * Where the state lives: the run is the job row (queued, running, done, failed; who asked; how
 * many were added), so "one run at a time per company" holds across processes, and a run whose
 * process stopped is claimed again by another (matching is idempotent: its hits are inserted in
 * one transaction at the end, existing pairs are left as they are). What must outlive the job is
 * in the activity log: each finished run appends a `watchlist.matched` event (who asked, names
 * compared, new candidates), which the page reads as "last matched".
 */
import { rawGet, type Db, databaseLocation } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { Conflict } from "../errors";
import { readJobProgress } from "../jobs/progress.server";
import { activeJob, enqueueJob, latestJob, type Job } from "../jobs/queue.server";
import { jobRunnerFor, jobsSettled, registerJobHandler, startWorker } from "../jobs/runner.server";
import { countScoredEntities } from "../risk/scoring-inputs.server";
import { activeWatchlists } from "./watchlists.server";

export interface MatchRunView {
  status: "running" | "done" | "failed";
  /** Names compared so far, of `total` (the company's suppliers and recruiters). */
  done: number;
  total: number;
  startedAt: number;
  startedBy: string;
  finishedAt: number | null;
  /** New candidate rows (when done). */
  added: number | null;
  failure: string | null;
  /** A new watchlist edition being matched against every company's names (no counts shown; the page names the platform administrator as who started it). */
  platform?: boolean;
}

export interface LastMatching {
  at: number;
  /** The person who asked ("Match again now"), or null when it ran after an import or a new edition. */
  by: string | null;
  added: number;
  /** Names compared (absent in events written before it was recorded). */
  names: number | null;
  editions: number;
}

export interface MatchingStatus {
  /** The run of this company started in this process, while it runs and after it ended. */
  run: MatchRunView | null;
  /** The latest finished matching of the company, from the activity log. */
  last: LastMatching | null;
}

/** The organisation id under which the platform-wide run is kept (no organisation has it). */
const PLATFORM = 0;
const subjectOf = (orgId: number) => (orgId === PLATFORM ? "watchlist:platform" : `watchlist:${orgId}`);

registerJobHandler("watchlist.match", {
  start: (job, databasePath) =>
    startWorker("app/domain/watchlists/match-worker.ts", { databasePath, orgId: job.payload.orgId === PLATFORM ? null : Number(job.payload.orgId), userId: job.payload.userId ?? null }),
});

async function queue(db: Db, orgId: number, startedBy: string, userId: number | null): Promise<Job> {
  jobRunnerFor(databaseLocation(db));
  return await enqueueJob(db, { kind: "watchlist.match", subject: subjectOf(orgId), payload: { orgId, userId, startedBy, total: await countScoredEntities(db, orgId === PLATFORM ? undefined : orgId) }, requestedBy: userId });
}

/** A job as the page shows a run: queued counts as running (it starts as soon as a process has room). */
function view(db: Db, job: Job): MatchRunView {
  const progress = readJobProgress(db, job);
  const total = Number(job.payload.total ?? 0);
  const done = job.status === "done" ? total : (progress?.done ?? 0);
  return {
    status: job.status === "queued" ? "running" : job.status,
    done,
    total: progress?.total ?? total,
    startedAt: (job.startedAt ?? job.createdAt).getTime(),
    startedBy: String(job.payload.startedBy ?? ""),
    finishedAt: job.finishedAt?.getTime() ?? null,
    added: job.status === "done" ? Number(job.result?.added ?? 0) : null,
    failure: job.failure,
  };
}

/**
 * Starts matching the company's names in a worker thread. Refused (a Conflict naming the run
 * in progress) while one is running for the company, and when no watchlist is active.
 */
export async function startWatchlistMatching(db: Db, actor: Actor, orgId: number): Promise<MatchRunView> {
  authorize(actor, "suppliers.edit", { orgId });
  const current = await activeJob(db, subjectOf(orgId));
  if (current) {
    const run = view(db, current);
    // A clash with the current state, not a wrong form: 409.
    throw new Conflict("rematch", "watchlists:errors.alreadyRunning", { who: run.startedBy, time: `${new Date(run.startedAt).toISOString().slice(11, 19)} UTC`, done: run.done, total: run.total });
  }
  if ((await activeWatchlists(db)).length === 0) throw new Conflict("rematch", "watchlists:errors.noneActive");
  return view(db, await queue(db, orgId, actor.user.name, actor.user.id));
}

/**
 * After a watchlist edition is activated: every company's names are matched in a worker thread
 * (100k names take seconds; the administrator's request returns at once). A run already going
 * on is left to finish and this one starts after it, so the new edition is never missed.
 */
export async function startPlatformMatching(db: Db, startedBy: string): Promise<void> {
  await queue(db, PLATFORM, startedBy, null);
}

/** The company's latest run (live while it runs) and its last finished matching (activity log). */
export async function watchlistMatchingStatus(db: Db, actor: Actor, orgId: number): Promise<MatchingStatus> {
  authorize(actor, "suppliers.view", { orgId });
  // A company's own run, or else a platform-wide one (a new edition) while it is going on.
  const own = await latestJob(db, subjectOf(orgId));
  const platform = await activeJob(db, subjectOf(PLATFORM));
  // The platform run is shown to a company without its counts, which are of every company's names.
  const run = own && (own.status === "queued" || own.status === "running" || !platform) ? view(db, own) : platform ? { ...view(db, platform), done: 0, total: 0, startedBy: "", platform: true } : null;
  const row = await rawGet<{ at: number; details: string | null; name: string | null }>(
    db,
    `select a.at, a.details, u.name from audit_log a left join users u on u.id = a.actor_user_id
       where a.org_id = ? and a.action = 'watchlist.matched' order by a.id desc limit 1`,
    orgId,
  );
  let last: LastMatching | null = null;
  if (row) {
    const d = (row.details ? JSON.parse(row.details) : {}) as { added?: number; names?: number; editions?: unknown[] };
    last = { at: row.at, by: row.name, added: d.added ?? 0, names: d.names ?? null, editions: Array.isArray(d.editions) ? d.editions.length : 0 };
  }
  return { run, last };
}

/** Waits for the running matches (tests, graceful shutdown). */
export async function watchlistMatchingSettled(): Promise<void> {
  await jobsSettled(["watchlist.match"]);
}
