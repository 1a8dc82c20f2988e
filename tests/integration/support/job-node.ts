/**
 * One "node" for the job tests: a process that runs queued jobs on the database file given as its
 * argument, exactly as a serving process of the cluster does (server.ts), and nothing else.
 */
import "~/domain/import/jobs.server";
import "~/domain/risk/rescore.server";
import "~/domain/watchlists/match-runs.server";
import { jobRunnerFor } from "~/domain/jobs/runner.server";

const runner = jobRunnerFor(process.argv[2]!)!;
process.stdout.write(`ready ${runner.id}\n`);
// The runner's timers do not hold a process open (tests, scripts); this one lives until killed.
setInterval(() => {}, 60_000);
