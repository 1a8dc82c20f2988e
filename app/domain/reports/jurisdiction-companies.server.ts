/**
 * The companies in a regulator's jurisdiction and whether each submitted its due-diligence report
 * for a period (issue 17, item 13).
 *
 * "In the jurisdiction" (docs/regulator.md): a company whose own jurisdictions (the countries it is
 * established in, `organisations.jurisdictions`, set by the platform administrator) include one of
 * the regulator's. A supply-chain due-diligence duty falls on a company by where it is established,
 * not by where its suppliers are; a company is not answerable to the German regulator because one
 * of its suppliers is in Germany. A company that submitted to the regulator is listed as well,
 * even if its jurisdictions were never set, so that nothing the regulator received is missing.
 * A deactivated company is listed only when it submitted, and marked.
 */
import { eq } from "drizzle-orm";
import { firstRow, type Db } from "#db/client";
import { organisations, type ReportReviewAction } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { receivedReports, type ReportRow } from "./reports.server";
import { reviewState, type ReviewState } from "./review-states";

export interface JurisdictionCompany {
  id: number;
  name: string;
  jurisdictions: string[];
  deactivated: boolean;
  /** The current (not superseded) due-diligence report covering the period, if any. */
  report: { id: string; title: string; periodStart: string | null; periodEnd: string | null; submittedAt: number; state: ReviewState; corrects: string | null } | null;
  /** Every report it submitted that falls in the period (corrections and supplier profiles included). */
  submissions: number;
}

export function stateOfRow(row: Pick<ReportRow, "reviewAction" | "supersededBy">): ReviewState {
  return reviewState(row.reviewAction as ReportReviewAction | null, Boolean(row.supersededBy));
}

export async function jurisdictionCompanies(db: Db, actor: Actor, period: { from: string; to: string }): Promise<{ jurisdictions: string[]; companies: JurisdictionCompany[] }> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "regulator.portal", { orgId });
  const regulator = firstRow(await db.select({ jurisdictions: organisations.jurisdictions }).from(organisations).where(eq(organisations.id, orgId)));
  const mine = new Set(regulator?.jurisdictions ?? []);
  const { rows } = await receivedReports(db, actor, period);
  const submitted = new Set(rows.map((r) => r.issuerId));
  const allCompanies = await db
    .select({ id: organisations.id, name: organisations.name, jurisdictions: organisations.jurisdictions, deactivatedAt: organisations.deactivatedAt })
    .from(organisations)
    .where(eq(organisations.type, "company"))
    .orderBy(organisations.name, organisations.id);
  // Everyone who ever submitted to this regulator, not only in the period: a company that did
  // once and stopped must show as "not submitted", not vanish.
  const everSubmitted = new Set((await receivedReports(db, actor, {})).rows.map((r) => r.issuerId));
  const companies = allCompanies
    .filter((c) => everSubmitted.has(c.id) || submitted.has(c.id) || (!c.deactivatedAt && c.jurisdictions.some((j) => mine.has(j))))
    .map((c) => {
      const own = rows.filter((r) => r.issuerId === c.id);
      const current = own.filter((r) => r.type === "company_due_diligence" && !r.supersededBy).sort((a, b) => (b.submittedAt ?? 0) - (a.submittedAt ?? 0))[0];
      return {
        id: c.id,
        name: c.name,
        jurisdictions: c.jurisdictions,
        deactivated: Boolean(c.deactivatedAt),
        report: current
          ? { id: current.id, title: current.title, periodStart: current.periodStart, periodEnd: current.periodEnd, submittedAt: Number(new Date(current.submittedAt!)), state: stateOfRow(current), corrects: current.supersedes }
          : null,
        submissions: own.length,
      };
    });
  return { jurisdictions: [...mine], companies };
}
