/** The regulator's summary for its jurisdiction: submissions and patterns, no group under five suppliers. */
import { barChart } from "./lib/charts";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type RenderedReport } from "./lib/pdf";
import { capital, number } from "./lib/text";
import type { Provenance, RegulatorSummaryData } from "./types";

export function regulatorSummary(data: RegulatorSummaryData, p: Provenance): RenderedReport {
  const r = new Report({
    id: p.id,
    title: `Jurisdiction summary ${data.period.from} to ${data.period.to}`,
    subtitle: `${data.regulator}: due-diligence reports received and the patterns across companies`,
    author: p.issuer,
    subject: "Aggregated supply-chain forced-labour risk across the companies that reported",
    keywords: ["regulator summary", "supply chain", "forced labour", data.period.from, data.period.to],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
  });
  r.cover(
    [
      ["Regulator", data.regulator],
      ["Period", `${data.period.from} to ${data.period.to}`],
      ["Companies", number(data.companies)],
      ["Reports received", number(data.submissions.length)],
      ["Report id", p.id],
    ],
    `Aggregated over the companies that submitted reports in the period. It holds no personal data, and no group of fewer than ${data.minimumGroup} suppliers is shown: smaller groups are pooled or left out.`,
  );
  r.contentsPage();
  r.section("Reports received");
  r.table(
    [
      { header: "Company", width: 0.26 },
      { header: "Report", width: 0.32 },
      { header: "Id", width: 0.27 },
      { header: "Submitted", width: 0.15 },
    ],
    data.submissions.map((s) => [s.company, `${s.title}${s.supersedes ? ` (corrects ${s.supersedes})` : ""}`, s.reportId, s.submittedAt]),
    { fontSize: 8, emptyText: "No report was submitted in the period." },
  );
  r.section("Risk across the reporting companies");
  r.keyValues([
    ["Companies", number(data.companies)],
    ["Suppliers", number(data.suppliers)],
    ["Small groups pooled into regions, sector families or 'other'", number(data.pooled)],
    ["Left out even after pooling (under 5 suppliers)", `${number(data.suppressedSuppliers)} supplier entries in ${number(data.suppressed)} groups`],
  ]);
  r.subsection("Suppliers by risk band");
  barChart(r, data.bands.map((b) => ({ label: capital(b.label), value: b.suppliers, colour: COLOURS.band[b.label.toLowerCase()] ?? COLOURS.band.none })));
  r.table(
    [
      { header: "Band", width: 0.4 },
      { header: "Suppliers", width: 0.25, align: "right" },
      { header: "Range reaches a higher band", width: 0.35, align: "right" },
    ],
    data.bands.map((b) => [capital(b.label), number(b.suppliers), number(b.higher ?? null)]),
    { emptyText: "No band with 5 suppliers or more." },
  );
  r.subsection("Suppliers by country");
  barChart(r, data.countries.map((c) => ({ label: c.label, value: c.suppliers })), { labelWidth: 200 });
  r.subsection("Suppliers by sector");
  barChart(r, data.sectors.map((c) => ({ label: c.label, value: c.suppliers })), { labelWidth: 200 });
  r.section("Recruiters used by several companies", { newPage: false });
  r.table(
    [
      { header: "Recruiter", width: 0.5 },
      { header: "Companies", width: 0.25, align: "right" },
      { header: "Suppliers", width: 0.25, align: "right" },
    ],
    data.sharedRecruiters.map((g) => [g.label, number(g.companies ?? null), number(g.suppliers)]),
    { emptyText: "No recruiter appears in several companies' lists (in groups of 5 suppliers or more)." },
  );
  r.section("Recruitment corridors and fee practices", { newPage: false });
  r.table(
    [
      { header: "Corridor", width: 0.46 },
      { header: "Suppliers", width: 0.18, align: "right" },
      { header: "With recruiters charging workers fees", width: 0.36, align: "right" },
    ],
    data.corridors.map((c) => [c.label, number(c.suppliers), number(c.charging)]),
    { emptyText: "No corridor with 5 suppliers or more." },
  );
  provenance(r, p);
  return r.finish();
}
