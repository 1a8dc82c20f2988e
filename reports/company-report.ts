/**
 * The company's due-diligence report for a period, in the order of the statutory annual reports
 * (Germany's LkSG §10: risk analysis and the risks found; prevention; remedial action; the
 * complaints procedure; review of effectiveness), with a methodology appendix and an annex.
 */
import { barChart, heatmap } from "./lib/charts";
import { methodologyTitle } from "~/lib/format";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type RenderedReport } from "./lib/pdf";
import { rangeText } from "~/domain/risk/range-text";
import { ACTION_LABELS, capital, number, score1, STATUS_LABELS, TYPE_LABELS } from "./lib/text";
import type { CompanyReportData, Provenance, SupplierRow } from "./types";

const supplierColumns = [
  { header: "Id", width: 0.1 },
  { header: "Supplier", width: 0.3 },
  { header: "Country", width: 0.1 },
  { header: "Sector", width: 0.14 },
  { header: "Score", width: 0.08, align: "right" as const },
  { header: "Band, range and confidence", width: 0.28 },
];
/** The band, then the range and the confidence on lines of their own (the pages' wording, rangeText, broken at its " · "). */
const bandCell = (band: string | null, low: number | null, high: number | null, confidence: number | null, redFlags = 0) => {
  const extra = band ? rangeText(low, high, confidence).split(" · ").join("\n") : "";
  return `${capital(band ?? "not scored")}${redFlags ? ` · ${redFlags} red flag${redFlags === 1 ? "" : "s"}` : ""}${extra ? `\n${extra}` : ""}`;
};
const supplierCells = (s: SupplierRow) => [s.externalId, s.name, s.country ?? "—", s.sector ?? "—", score1(s.score), bandCell(s.band, s.low, s.high, s.confidence, s.redFlags)];

export function companyReport(data: CompanyReportData, p: Provenance): RenderedReport {
  const t = data.totals;
  const r = new Report({
    id: p.id,
    title: `Due-diligence report ${data.period.from} to ${data.period.to}`,
    subtitle: `${data.company}: forced labour and trafficking risks in the supply chain`,
    author: p.issuer,
    subject: "Annual human-rights due-diligence report on forced labour and trafficking risks",
    keywords: ["due diligence", "forced labour", "LkSG", "supply chain", data.period.from, data.period.to],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
  });
  r.cover(
    [
      ["Company", data.company],
      ["Reporting period", `${data.period.from} to ${data.period.to}`],
      ["Suppliers assessed", `${number(t.scored)} of ${number(t.suppliers)}`],
      ["Report id", p.id],
    ],
    "Prepared from the company's records on the platform. Scores follow the published risk methodology (appendix A); audit information is shown as far as the company may see it. The last page explains how to verify this document.",
  );
  r.contentsPage();

  r.section("Summary");
  r.keyValues([
    ["Suppliers", `${number(t.suppliers)} in ${number(t.countries)} countries, ${number(t.workers)} workers`],
    ["Recruiters", number(t.recruiters)],
    ["Mean risk score", t.meanScore === null ? "—" : `${score1(t.meanScore)} of 100`],
    ["Suppliers with a red flag", number(t.redFlagSuppliers)],
    ["Audits in the period", number(data.audits.total)],
    ["Corrective actions", `${number(data.actions.total)} (${number(data.actions.overdue)} overdue)`],
    ["Grievances and contests", number(data.contests.raised)],
  ]);
  r.subsection("Suppliers by risk band");
  barChart(r, data.bands.map((b) => ({ label: capital(b.band), value: b.suppliers, colour: COLOURS.band[b.band] ?? COLOURS.band.none })));

  r.section("Risk analysis and the risks found");
  const { countries, sectors, allCountries, allSectors } = data.heatmap;
  r.paragraph(
    `Where the risk lies: mean score by country and sector. ${
      allCountries > countries.length || allSectors > sectors.length
        ? `${[allCountries > countries.length ? `${countries.length} of ${allCountries} countries` : "", allSectors > sectors.length ? `${sectors.length} of ${allSectors} sectors` : ""].filter(Boolean).join(" and ")} are shown, those with the most suppliers first; the annex lists every supplier in the high and critical bands.`
        : `Every country and sector of the supplier list is shown.`
    }`,
  );
  const cell = new Map(data.heatmap.cells.map((c) => [`${c.country}|${c.sector}`, c]));
  heatmap(r, data.heatmap.countries, data.heatmap.sectors, (row, col) => {
    const c = cell.get(`${row}|${col}`);
    return c ? { mean: c.meanScore, count: c.suppliers } : undefined;
  });
  r.subsection("What drives the scores");
  barChart(r, data.drivers.map((d) => ({ label: d.label, value: d.suppliers })), { labelWidth: 200 });
  r.subsection("Highest risks");
  const more = data.totals.scored - data.topRisks.length;
  r.paragraph(
    more > 0
      ? `The ${data.topRisks.length} highest scores of the ${number(data.totals.scored)} scored suppliers. The other ${number(more)}: the annex lists the ${number(data.annex.length)} suppliers in the high and critical bands; the supplier list on the platform (and its CSV export) has every one.`
      : `All ${number(data.topRisks.length)} scored suppliers, highest score first.`,
    { size: 9 },
  );
  r.table(supplierColumns, data.topRisks.map(supplierCells), { fontSize: 8 });

  r.section("Recruiters and corridors");
  r.table(
    [
      { header: "Recruiter", width: 0.21 },
      { header: "Country", width: 0.1 },
      { header: "Licence", width: 0.1 },
      { header: "Worker fees", width: 0.1 },
      { header: "Suppliers", width: 0.12, align: "right" },
      { header: "Score", width: 0.08, align: "right" },
      { header: "Band, range and confidence", width: 0.29 },
    ],
    data.recruiters.map((x) => [x.name, x.country ?? "—", x.licence, x.fees, number(x.suppliers), score1(x.score), x.band ? bandCell(x.band, x.low, x.high, x.confidence) : "—"]),
    { fontSize: 8, emptyText: "No recruiter listed." },
  );
  r.subsection("Recruitment corridors");
  r.table(
    [
      { header: "From", width: 0.25 },
      { header: "To", width: 0.25 },
      { header: "Suppliers", width: 0.16, align: "right" },
      { header: "Recruiters", width: 0.16, align: "right" },
      { header: "Charging workers fees", width: 0.18, align: "right" },
    ],
    data.corridors.map((c) => [c.origin, c.destination, number(c.suppliers), number(c.recruiters), number(c.charging)]),
    { fontSize: 8, emptyText: "No corridor recorded." },
  );

  r.section("Prevention measures: audits");
  r.keyValues([
    ["Audits in the period", number(data.audits.total)],
    ["By type", data.audits.byType.map(([k, n]) => `${TYPE_LABELS[k] ?? k}: ${n}`).join(", ") || "—"],
    ["By status", data.audits.byStatus.map(([k, n]) => `${STATUS_LABELS[k] ?? k}: ${n}`).join(", ") || "—"],
  ]);
  r.subsection("Findings by indicator");
  r.table(
    [
      { header: "Indicator", width: 0.46 },
      { header: "Minor", width: 0.18, align: "right" },
      { header: "Major", width: 0.18, align: "right" },
      { header: "Critical", width: 0.18, align: "right" },
    ],
    data.findings.map((f) => [f.indicator, number(f.minor), number(f.major), number(f.critical)]),
    { emptyText: "No findings in the period." },
  );

  r.section("Remedial action", { newPage: false });
  r.keyValues([
    ["Corrective actions", number(data.actions.total)],
    ...data.actions.byStatus.map(([k, n]): [string, string] => [ACTION_LABELS[k] ?? k, number(n)]),
    ["Overdue", number(data.actions.overdue)],
  ]);

  r.section("Complaints procedure", { newPage: false });
  r.paragraph("Partners who see the company's data (unions, inspectorates) can contest a supplier's score with evidence; the company answers each contest.");
  r.keyValues([
    ["Raised in the period", number(data.contests.raised)],
    ["Open", number(data.contests.open)],
    ["Answered", number(data.contests.answered)],
    ["Closed", number(data.contests.closed)],
  ]);

  r.section("Review of effectiveness", { newPage: false });
  r.keyValues([
    ["Suppliers re-scored in the period", number(data.scoreChanges.rescored)],
    ["of which the score rose", number(data.scoreChanges.rose)],
    ["of which the score fell", number(data.scoreChanges.fell)],
  ]);

  r.section("Appendix A: methodology and reference data");
  r.keyValues([
    ["Method", `${methodologyTitle(data.methodology.name, data.methodology.version)}, in effect since ${data.methodology.effective}`],
  ]);
  r.paragraph(data.methodology.summary, { size: 9 });
  r.table(
    [
      { header: "Layer", width: 0.16 },
      { header: "Factor", width: 0.68 },
      { header: "Weight", width: 0.16, align: "right" },
    ],
    data.methodology.weights.map(([layer, label, w]) => [layer, label, String(w)]),
    { fontSize: 8 },
  );
  r.subsection("Reference sources");
  r.table(
    [
      { header: "Source", width: 0.3 },
      { header: "Edition", width: 0.12 },
      { header: "Citation", width: 0.58 },
    ],
    data.references.map((x) => [x.name, x.edition, x.citation]),
    { fontSize: 7.5 },
  );

  r.section("Annex: suppliers in the high and critical bands");
  r.table(supplierColumns, data.annex.map(supplierCells), { fontSize: 7.5, emptyText: "No supplier in the high or critical band." });

  provenance(r, p);
  return r.finish();
}
