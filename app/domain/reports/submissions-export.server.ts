/**
 * The regulator's submissions as CSV (issue 17, item 13): the same rows and filters as the list of
 * submitted reports, codes for machines (ids, kinds, review states) beside words for people, every
 * cell neutralised against formula injection (app/lib/csv.ts). The export is recorded in the
 * regulator's activity log before the file is answered.
 *
 * The words for people (the kind, the review state) are in the reader's language, as on the list.
 * The header and the codes stay in machine form in every language, like the project's other CSV
 * exports (suppliers, activity log): a program finds its columns by these names, and
 * `kind_code`/`review_state_code` are what it should read; a translated header would break it for
 * every reader who is not English.
 */
import type { Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { serverT } from "~/i18n/i18n.server";
import { toCsv } from "~/lib/csv";
import { recordEvent } from "../activity-log/activity-log.server";
import { isLocalDate } from "../audits/local-time";
import { stateOfRow } from "./jurisdiction-companies.server";
import { receivedReports, type RegulatorFilter } from "./reports.server";

/** The list's filters from its address; anything malformed is left out, as the list does. */
export function parseRegulatorFilter(params: URLSearchParams): RegulatorFilter {
  const date = (name: string) => {
    const v = params.get(name) ?? "";
    return isLocalDate(v) ? v : undefined;
  };
  const status = params.get("status");
  return {
    company: Number(params.get("company")) || undefined,
    type: params.get("type") || undefined,
    from: date("from"),
    to: date("to"),
    status: status === "current" || status === "superseded" ? status : undefined,
  };
}

export const SUBMISSIONS_HEADER = [
  "report_id",
  "company_id",
  "company",
  "kind_code",
  "kind",
  "title",
  "period_start",
  "period_end",
  "submitted_at_utc",
  "review_state_code",
  "review_state",
  "supersedes",
  "superseded_by",
  "sha256",
];

/** `locale`: the reader's language (the request's), for the words for people. */
export async function exportSubmissions(db: Db, actor: Actor, filter: RegulatorFilter, ip: string | null, locale: string, now = Date.now()): Promise<{ fileName: string; csv: string; rows: number }> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "regulator.portal", { orgId });
  const { rows } = await receivedReports(db, actor, filter);
  const reportsT = serverT(locale, "reports");
  const regulatorT = serverT(locale, "regulator");
  const lines = rows.map((r) => {
    const state = stateOfRow(r);
    return [
      r.id,
      String(r.issuerId),
      r.issuer,
      r.type,
      reportsT(`type.${r.type}`),
      r.title,
      r.periodStart ?? "",
      r.periodEnd ?? "",
      r.submittedAt ? new Date(r.submittedAt).toISOString() : "",
      state,
      regulatorT(`reviewState.${state}`),
      r.supersedes ?? "",
      r.supersededBy ?? "",
      r.sha256,
    ];
  });
  await recordEvent(db, { action: "export.submissions", actorUserId: actor.user.id, orgId, ip, details: { filters: filter, rows: rows.length } }, now);
  const day = new Date(now).toISOString().slice(0, 10);
  // A byte order mark first, so that spreadsheets read the names' accents correctly.
  return { fileName: `submissions-${day}.csv`, csv: "\uFEFF" + toCsv([SUBMISSIONS_HEADER, ...lines]), rows: rows.length };
}
