/**
 * Worker thread that issues one report (data gathering, rendering, hashing, storing) on its own
 * database connection, so that a large report never blocks the server's event loop.
 */
import { parentPort, workerData } from "node:worker_threads";
import { openDatabase } from "../../../db/client";
import type { Actor } from "~/auth/permissions.server";
import { Conflict, DomainError, Forbidden, Invalid, NotFound } from "../errors";
import type { Refusal } from "./issue-in-worker.server";
import { issueReport, type IssueRequest } from "./issue.server";

const { databasePath, actor, request, dir, now, ip, publicBaseUrl } = workerData as { databasePath: string; actor: Actor; request: IssueRequest; dir: string; now: number; ip: string | null; publicBaseUrl?: string };
// A long busy timeout: storing the report waits for any other writer rather than failing.
const db = openDatabase(databasePath, { busyTimeoutMs: 30_000 });
try {
  const issued = await issueReport(db, actor, request, { dir, now, ip, skipRateLimit: true, publicBaseUrl });
  parentPort!.postMessage({ type: "done", issued });
} catch (error) {
  if (error instanceof DomainError) {
    // Every typed refusal goes back as itself (the request answers 404, 403, 400 or 409 as usual).
    const refusal: Refusal =
      error instanceof NotFound
        ? { kind: "NotFound", message: error.message }
        : error instanceof Forbidden
          ? { kind: "Forbidden", message: error.message }
          : error instanceof Conflict
            ? { kind: "Conflict", field: error.field, message: error.message, values: error.values }
            : { kind: "Invalid", field: error instanceof Invalid ? error.field : "form", message: error.message, values: error instanceof Invalid ? error.values : undefined };
    parentPort!.postMessage({ type: "refused", refusal });
  } else if (error instanceof Response) parentPort!.postMessage({ type: "response", status: error.status, statusText: error.statusText });
  else parentPort!.postMessage({ type: "failed", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
} finally {
  db.close();
}
