/**
 * "Match again now" (ADR 016) off the request thread: comparing 100k names with the watchlists
 * takes seconds, so the run goes to a worker thread (as imports and rescoring do) and the page
 * shows its progress, "N of M names compared", from the counts the worker reports.
 *
 * Where the state lives, and why no table: the live state of a run (running, N of M, failed) is
 * kept here, in the process that owns the worker, the way import progress is (import/jobs.server):
 * only this process can know whether its worker is alive, so "one run at a time per company" is
 * decided here and can never be left stuck by a crash. What must outlive the process is in the
 * audit log: each finished run appends a `watchlist.matched` event (who asked, names compared,
 * new candidates), which the page reads as "last matched". A run cut short by a restart wrote
 * nothing (its hits are inserted in one transaction at the end) and is simply started again;
 * matching is idempotent (existing pairs are left as they are).
 */
import path from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import type { Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { InputError } from "../errors";
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
  /** A new watchlist edition being matched against every company's names (no counts shown). */
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
  /** The latest finished matching of the company, from the audit log. */
  last: LastMatching | null;
}

interface LiveRun extends MatchRunView {
  orgId: number;
}

// Keyed by database file and organisation (a process may open more than one database: the tests do).
const runs = new Map<string, LiveRun>();
const running = new Map<string, Promise<void>>();
const keyOf = (db: Db, orgId: number) => `${db.$client.name}\u0000${orgId}`;

/**
 * Starts matching the company's names in a worker thread. Refused (an InputError naming the run
 * in progress) while one is running for the company, and when no watchlist is active.
 */
export function startWatchlistMatching(db: Db, actor: Actor, orgId: number): MatchRunView {
  authorize(actor, "suppliers.edit", { orgId });
  const key = keyOf(db, orgId);
  const current = runs.get(key);
  if (current && running.has(key)) {
    throw new InputError(
      "rematch",
      `Matching is already running: started by ${current.startedBy} at ${new Date(current.startedAt).toISOString().slice(11, 19)} UTC, ${current.done} of ${current.total} names compared. Wait for it to finish.`,
    );
  }
  if (activeWatchlists(db).length === 0) throw new InputError("rematch", "No watchlist is active on the platform: there is nothing to match your names against.");
  const total = countScoredEntities(db, orgId);
  const run: LiveRun = { orgId, status: "running", done: 0, total, startedAt: Date.now(), startedBy: actor.user.name, finishedAt: null, added: null, failure: null };
  runInWorker(db, key, run, actor.user.id);
  return view(run);
}

/**
 * After a watchlist edition is activated: every company's names are matched in a worker thread
 * (100k names take seconds; the administrator's request returns at once). A run already going
 * on is left to finish and this one starts after it, so the new edition is never missed.
 */
export function startPlatformMatching(db: Db, startedBy: string): void {
  const key = keyOf(db, PLATFORM);
  const previous = running.get(key) ?? Promise.resolve();
  const total = countScoredEntities(db);
  const run: LiveRun = { orgId: PLATFORM, status: "running", done: 0, total, startedAt: Date.now(), startedBy, finishedAt: null, added: null, failure: null };
  runs.set(key, run);
  const chained: Promise<void> = previous
    .then(() => runInWorker(db, key, run, null))
    .finally(() => {
      if (running.get(key) === chained) running.delete(key);
    });
  running.set(key, chained);
}

/** The organisation id under which the platform-wide run is kept (no organisation has it). */
const PLATFORM = 0;

function runInWorker(db: Db, key: string, run: LiveRun, userId: number | null): Promise<void> {
  runs.set(key, run);
  const worker = new Worker(path.resolve("app/domain/import/worker-bootstrap.mjs"), {
    workerData: { databasePath: db.$client.name, orgId: run.orgId === PLATFORM ? null : run.orgId, userId, entry: pathToFileURL(path.resolve("app/domain/watchlists/match-worker.ts")).href },
  });
  const finished = new Promise<void>((resolve) => {
    worker.on("message", (message: { type: string; done?: number; total?: number; added?: number; message?: string }) => {
      if (message.type === "progress") Object.assign(run, { done: message.done ?? run.done, total: message.total ?? run.total });
      if (message.type === "done") Object.assign(run, { status: "done", done: run.total, added: message.added ?? 0, finishedAt: Date.now() });
      if (message.type === "failed") Object.assign(run, { status: "failed", failure: message.message ?? "unknown error", finishedAt: Date.now() });
    });
    worker.on("error", (error) => console.error(`watchlist matching ${run.orgId === PLATFORM ? "of every company" : `for organisation ${run.orgId}`} failed:`, error));
    worker.on("exit", () => {
      if (run.status === "running") Object.assign(run, { status: "failed", failure: "the matching stopped unexpectedly; nothing was written, start it again", finishedAt: Date.now() });
      if (running.get(key) === finished) running.delete(key);
      resolve();
    });
  });
  if (run.orgId !== PLATFORM) running.set(key, finished);
  return finished;
}

const view = ({ orgId: _orgId, ...run }: LiveRun): MatchRunView => ({ ...run });

/** The company's run in this process (live) and its last finished matching (audit log). */
export function watchlistMatchingStatus(db: Db, actor: Actor, orgId: number): MatchingStatus {
  authorize(actor, "suppliers.view", { orgId });
  // A company's own run, or else a platform-wide one (a new edition) while it is going on.
  const platform = runs.get(keyOf(db, PLATFORM));
  // The platform run is shown to a company without its counts, which are of every company's names.
  const run = runs.get(keyOf(db, orgId)) ?? (platform?.status === "running" ? { ...platform, done: 0, total: 0, startedBy: "the platform administrator", platform: true } : undefined);
  const row = db.$client
    .prepare(
      `select a.at, a.details, u.name from audit_log a left join users u on u.id = a.actor_user_id
       where a.org_id = ? and a.action = 'watchlist.matched' order by a.id desc limit 1`,
    )
    .get(orgId) as { at: number; details: string | null; name: string | null } | undefined;
  let last: LastMatching | null = null;
  if (row) {
    const d = (row.details ? JSON.parse(row.details) : {}) as { added?: number; names?: number; editions?: unknown[] };
    last = { at: row.at, by: row.name, added: d.added ?? 0, names: d.names ?? null, editions: Array.isArray(d.editions) ? d.editions.length : 0 };
  }
  return { run: run ? view(run) : null, last };
}

/** Waits for the running matches (tests, graceful shutdown). */
export async function watchlistMatchingSettled(): Promise<void> {
  await Promise.all(running.values());
}
