/** Names of the report kinds, for pages and documents alike. */
import type { ReportType } from "#db/schema";

export const REPORT_TYPE_LABELS: Record<ReportType, string> = {
  supplier_profile: "Supplier risk profile",
  company_due_diligence: "Due-diligence report",
  audit: "Audit report",
  regulator_summary: "Jurisdiction summary",
};
