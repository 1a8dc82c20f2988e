/**
 * Issues the reports that can be large (a company's due-diligence report over its whole list, a
 * regulator's summary) in a worker thread: the request waits, the event loop does not. Small ones
 * (one supplier, one audit) take about 100 ms and are issued in the request itself.
 */
import { databaseLocation, type Db } from "#db/client";
import { takeRateLimit } from "~/auth/rate-limit.server";
import { authorize, type Actor } from "~/auth/permissions.server";
import { Conflict, Forbidden, Invalid, NotFound, type MessageValues } from "../errors";
import { startWorker } from "../jobs/runner.server";
import { issueReport, type IssuedReport, type IssueRequest } from "./issue.server";

const LARGE: IssueRequest["type"][] = ["company_due_diligence", "regulator_summary"];

/** A refusal crosses the thread as its kind, field, message (a catalog key) and values, and is thrown again as itself. */
export type Refusal = { kind: "NotFound" | "Forbidden" | "Invalid" | "Conflict"; field?: string; message: string; values?: MessageValues };
type Reply = { type: "done"; issued: IssuedReport } | { type: "refused"; refusal: Refusal } | { type: "response"; status: number; statusText: string } | { type: "failed"; message: string };

function rethrow({ kind, field, message, values }: Refusal): never {
  if (kind === "NotFound") throw new NotFound(message);
  if (kind === "Forbidden") throw new Forbidden(message);
  if (kind === "Conflict") throw new Conflict(field ?? "form", message, values);
  throw new Invalid(field ?? "form", message, values);
}

export async function issueReportOffThread(db: Db, actor: Actor, request: IssueRequest, options: { dir: string; ip?: string | null; now?: number; publicBaseUrl?: string }): Promise<IssuedReport> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "reports.issue", { orgId });
  // Counted here, before the work goes to a worker (which would otherwise count it again).
  await takeRateLimit(db, "reports.issue", orgId, options.now);
  if (!LARGE.includes(request.type)) return issueReport(db, actor, request, { ...options, skipRateLimit: true });
  const worker = startWorker("app/domain/reports/report-worker.ts", {
    databasePath: databaseLocation(db),
    actor,
    request,
    dir: options.dir,
    now: options.now ?? Date.now(),
    ip: options.ip ?? null,
    publicBaseUrl: options.publicBaseUrl,
  });
  const reply = await new Promise<Reply>((resolve, reject) => {
    worker.once("message", resolve);
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the report worker stopped (exit code ${code}) before answering`)));
  });
  if (reply.type === "done") return reply.issued;
  if (reply.type === "refused") rethrow(reply.refusal);
  if (reply.type === "response") throw new Response(reply.statusText, { status: reply.status, statusText: reply.statusText });
  throw new Error(`The report could not be generated: ${reply.message}`);
}
