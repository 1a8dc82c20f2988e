/** Which data and which renderer each report type uses, and who may issue it. */
import type { Db } from "#db/client";
import type { ReportType } from "#db/schema";
import { auditReport } from "#reports/audit-report";
import { companyReport } from "#reports/company-report";
import { regulatorSummary } from "#reports/regulator-summary";
import { filingReport } from "#reports/filing";
import { supplierProfile } from "#reports/supplier-profile";
import type { RenderedReport } from "#reports/lib/pdf";
import type { Provenance } from "#reports/types";
import { wordsFor } from "#reports/lib/words";
import type { Actor } from "~/auth/permissions.server";
import { changeAuditStatus } from "../audits/scheduling.server";
import { filingData, markIssued } from "../filings/filings.server";
import { REGIMES } from "../filings/regimes";
import { Forbidden, Invalid } from "../errors";
import { auditReportData } from "./audit-report-data.server";
import { checkPeriod, companyReportData } from "./company-report-data.server";
import { regulatorSummaryData } from "./regulator-data.server";
import { supplierProfileData, type Loaded } from "./supplier-profile-data.server";

export interface PreparedReport {
  title: string;
  periodStart?: string;
  periodEnd?: string;
  subjectId?: number;
  loaded: Loaded<unknown>;
  render: (p: Provenance) => RenderedReport;
  /** Runs in the transaction that records the report (the audit becomes "report issued"). */
  afterIssue?: (reportId: string) => Promise<void> | void;
}

/** Which organisation type issues which report. */
export const REPORT_ISSUERS: Record<ReportType, string> = {
  supplier_profile: "company",
  company_due_diligence: "company",
  audit: "inspectorate",
  regulator_summary: "regulator",
  filing: "company",
};

function positiveId(value: unknown, field: string): number {
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n <= 0) throw new Invalid(field, "reports:validation.subject");
  return n;
}

export async function prepareReport(db: Db, actor: Actor, request: { type: ReportType; params: Record<string, string | number> }, now: number): Promise<PreparedReport> {
  const m = actor.membership!;
  if (REPORT_ISSUERS[request.type] !== m.orgType) throw new Forbidden();
  // The title is the document's: in the report's language.
  const { t } = wordsFor(String(request.params.language ?? ""));
  switch (request.type) {
    case "supplier_profile": {
      const supplierId = positiveId(request.params.supplierId, "supplierId");
      const loaded = await supplierProfileData(db, actor, m.orgId, supplierId, now);
      return { title: t("pdf.profile.title", { name: loaded.data.supplier.name }), subjectId: supplierId, loaded, render: (p) => supplierProfile(loaded.data, p) };
    }
    case "company_due_diligence": {
      const period = checkPeriod(request.params.from, request.params.to);
      const loaded = await companyReportData(db, actor, m.orgId, period, now);
      return { title: t("pdf.company.title", period), periodStart: period.from, periodEnd: period.to, loaded, render: (p) => companyReport(loaded.data, p) };
    }
    case "audit": {
      const auditId = positiveId(request.params.auditId, "auditId");
      const loaded = await auditReportData(db, actor, auditId);
      return {
        title: t("pdf.audit.title", { id: auditId, name: loaded.data.workplace.name }),
        subjectId: auditId,
        loaded,
        render: (p) => auditReport(loaded.data, p),
        afterIssue: loaded.status === "completed" ? async () => await changeAuditStatus(db, actor, auditId, "report_issued", "", { now }) : undefined,
      };
    }
    case "regulator_summary": {
      const period = checkPeriod(request.params.from, request.params.to);
      const loaded = await regulatorSummaryData(db, actor, period);
      return { title: t("pdf.regulator.title", period), periodStart: period.from, periodEnd: period.to, loaded, render: (p) => regulatorSummary(loaded.data, p) };
    }
    case "filing": {
      const filingId = positiveId(request.params.filingId, "filingId");
      const words = wordsFor(String(request.params.language ?? ""));
      const { data, dataAsOf } = await filingData(db, actor, filingId);
      const regime = REGIMES[data.regime];
      const loaded: Loaded<typeof data> = { data, dataAsOf, methodologyVersion: null, referenceVersions: [], references: [regime.templateVersion] };
      return {
        title: t("filing.title", { regime: t(`filing.regime.${data.regime}`), from: words.f.date(data.period.from), to: words.f.date(data.period.to) }),
        periodStart: data.period.from,
        periodEnd: data.period.to,
        subjectId: filingId,
        loaded,
        render: (p) => {
          const rendered = filingReport(data, p);
          // Canada's guidance: at most 10 pages (decision 036). Refused before anything is written.
          if (regime.pageLimit && rendered.pages > regime.pageLimit) throw new Invalid("filingId", "filings:errors.pageLimit", { pages: rendered.pages, limit: regime.pageLimit });
          return rendered;
        },
        afterIssue: (id) => markIssued(db, filingId, id),
      };
    }
  }
}
