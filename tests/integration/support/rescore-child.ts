/**
 * Child process for the rescoring kill test: runs a platform-wide rescore on this thread (its
 * progress is in scoring_runs, where the parent watches it to kill the process half-way).
 */
import { openDatabase } from "../../../db/client";
import { runRescore } from "../../../app/domain/risk/rescore.server";

const [databasePath, runId] = process.argv.slice(2);
const db = openDatabase(databasePath!);
await runRescore(db, Number(runId));
db.$client.close();
