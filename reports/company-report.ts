/**
 * The company's due-diligence report for a period, in the order of the statutory annual reports
 * (Germany's LkSG §10: risk analysis and the risks found; prevention; remedial action; the
 * complaints procedure; review of effectiveness), with a methodology appendix and an annex.
 */
import { barChart, heatmap } from "./lib/charts";
import { methodologyTitle } from "~/lib/format";
import { formatMoney } from "~/domain/fees/money";
import { serverT } from "~/i18n/i18n.server";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type Column, type RenderedReport } from "./lib/pdf";
import { factorLabelIn, indicatorLabelIn, rangeIn } from "./lib/risk-words";
import { actionLabel, bandName, number, score1, statusLabel, typeLabel } from "./lib/text";
import { wordsFor, type Words } from "./lib/words";
import type { CompanyReportData, Provenance, SupplierRow } from "./types";

const supplierColumns = ({ t }: Words): Column[] => [
  { header: t("pdf.col.id"), width: 0.1 },
  { header: t("pdf.col.supplier"), width: 0.3 },
  { header: t("pdf.col.country"), width: 0.1 },
  { header: t("pdf.col.sector"), width: 0.14 },
  { header: t("pdf.col.score"), width: 0.08, align: "right" },
  { header: t("pdf.col.bandRange"), width: 0.28 },
];
/** The band, then the range and the confidence on lines of their own (the pages' wording, in the report's language, broken at its " · "). */
const bandCell = (w: Words, band: string | null, low: number | null, high: number | null, confidence: number | null, redFlags = 0) => {
  const extra = band ? rangeIn(w, low, high, confidence).split(" · ").join("\n") : "";
  const name = redFlags ? w.t("pdf.company.bandWithFlags", { band: bandName(w, band), count: redFlags }) : bandName(w, band);
  return `${name}${extra ? `\n${extra}` : ""}`;
};
const supplierCells = (w: Words) => (s: SupplierRow) => [s.externalId, s.name, s.country ?? "—", s.sector ?? "—", score1(w, s.score), bandCell(w, s.band, s.low, s.high, s.confidence, s.redFlags)];

export function companyReport(data: CompanyReportData, p: Provenance): RenderedReport {
  const w = wordsFor(p.language);
  const { t } = w;
  const n = (x: number | null) => number(w, x);
  const tot = data.totals;
  const period = { from: w.f.date(data.period.from), to: w.f.date(data.period.to) };
  const r = new Report({
    id: p.id,
    // The title keeps the period's ISO days: it names the report in lists, in every language alike.
    title: t("pdf.company.title", data.period),
    subtitle: t("pdf.company.subtitle", { company: data.company }),
    author: p.issuer,
    subject: t("pdf.company.subject"),
    keywords: [t("pdf.keywords.dueDiligence"), t("pdf.keywords.forcedLabour"), "LkSG", t("pdf.keywords.supplyChain"), data.period.from, data.period.to],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
    words: w,
    verifyUrl: p.verifyUrl,
  });
  r.cover(
    [
      [t("pdf.col.company"), data.company],
      [t("pdf.company.period"), t("pdf.period", period)],
      [t("pdf.company.assessed"), t("pdf.company.assessedValue", { scored: n(tot.scored), total: n(tot.suppliers) })],
      [t("pdf.provenance.reportId"), p.id],
    ],
    t("pdf.company.coverNote"),
  );
  r.contentsPage();
  companyReportBody(r, data, p);
  provenance(r, p);
  return r.finish();
}

/**
 * The report's sections, from the summary to the annex, drawn into `r`: the report itself, and the
 * data annex of a filing (reports/filing.ts, decision 036), which prints them after its own parts.
 */
export function companyReportBody(r: Report, data: CompanyReportData, p: Provenance): void {
  const w = r.words;
  const { t } = w;
  const n = (x: number | null) => number(w, x);
  const tot = data.totals;

  r.section(t("pdf.company.summary"));
  r.keyValues([
    [t("pdf.col.suppliers"), t("pdf.company.suppliersValue", { suppliers: n(tot.suppliers), countries: n(tot.countries), workers: n(tot.workers) })],
    [t("pdf.col.recruiters"), n(tot.recruiters)],
    [t("pdf.company.meanScore"), tot.meanScore === null ? "—" : t("pdf.profile.scoreOf100", { score: score1(w, tot.meanScore) })],
    [t("pdf.company.redFlagSuppliers"), n(tot.redFlagSuppliers)],
    [t("pdf.company.auditsInPeriod"), n(data.audits.total)],
    [t("pdf.actions.heading"), t("pdf.company.actionsValue", { total: n(data.actions.total), overdue: n(data.actions.overdue) })],
    [t("pdf.company.grievances"), n(data.contests.raised)],
  ]);
  r.subsection(t("pdf.bandsHeading"));
  barChart(r, data.bands.map((b) => ({ label: bandName(w, b.band), value: b.suppliers, colour: COLOURS.band[b.band] ?? COLOURS.band.none })));

  r.section(t("pdf.company.riskSection"));
  const { countries, sectors, allCountries, allSectors } = data.heatmap;
  const cut = [
    allCountries > countries.length ? t("pdf.company.heatmapCountries", { shown: n(countries.length), all: n(allCountries) }) : "",
    allSectors > sectors.length ? t("pdf.company.heatmapSectors", { shown: n(sectors.length), all: n(allSectors) }) : "",
  ].filter(Boolean);
  r.paragraph(cut.length ? t("pdf.company.heatmapIntroCut", { what: w.f.list(cut) }) : t("pdf.company.heatmapIntroAll"));
  const cell = new Map(data.heatmap.cells.map((c) => [`${c.country}|${c.sector}`, c]));
  heatmap(r, data.heatmap.countries, data.heatmap.sectors, (row, col) => {
    const c = cell.get(`${row}|${col}`);
    return c ? { mean: c.meanScore, count: c.suppliers } : undefined;
  });
  r.subsection(t("pdf.company.drivers"));
  barChart(r, data.drivers.map((d) => ({ label: d.code ? factorLabelIn(w, { code: d.code, label: d.label }) : d.label, value: d.suppliers })), { labelWidth: 200 });
  r.subsection(t("pdf.company.highestRisks"));
  const more = data.totals.scored - data.topRisks.length;
  r.paragraph(
    more > 0
      ? t("pdf.company.highestRisksCapped", { top: n(data.topRisks.length), scored: n(data.totals.scored), more: n(more), annex: n(data.annex.length) })
      : t("pdf.company.highestRisksAll", { all: n(data.topRisks.length) }),
    { size: 9 },
  );
  r.table(supplierColumns(w), data.topRisks.map(supplierCells(w)), { fontSize: 8 });

  r.section(t("pdf.company.recruitersSection"));
  r.table(
    [
      { header: t("pdf.col.recruiter"), width: 0.21 },
      { header: t("pdf.col.country"), width: 0.1 },
      { header: t("pdf.col.licence"), width: 0.1 },
      { header: t("pdf.company.workerFees"), width: 0.1 },
      { header: t("pdf.col.suppliers"), width: 0.12, align: "right" },
      { header: t("pdf.col.score"), width: 0.08, align: "right" },
      { header: t("pdf.col.bandRange"), width: 0.29 },
    ],
    data.recruiters.map((x) => [x.name, x.country ?? "—", x.licence, x.fees, n(x.suppliers), score1(w, x.score), x.band ? bandCell(w, x.band, x.low, x.high, x.confidence) : "—"]),
    { fontSize: 8, emptyText: t("pdf.company.noRecruiter") },
  );
  r.subsection(t("pdf.company.corridors"));
  r.table(
    [
      { header: t("pdf.col.from"), width: 0.25 },
      { header: t("pdf.col.to"), width: 0.25 },
      { header: t("pdf.col.suppliers"), width: 0.16, align: "right" },
      { header: t("pdf.col.recruiters"), width: 0.16, align: "right" },
      { header: t("pdf.company.charging"), width: 0.18, align: "right" },
    ],
    data.corridors.map((c) => [c.origin, c.destination, n(c.suppliers), n(c.recruiters), n(c.charging)]),
    { fontSize: 8, emptyText: t("pdf.company.noCorridor") },
  );

  r.section(t("pdf.company.preventionSection"));
  const counts = (pairs: [string, number][], label: (k: string) => string) => w.f.list(pairs.map(([k, c]) => t("pdf.company.countOf", { label: label(k), n: n(c) }))) || "—";
  r.keyValues([
    [t("pdf.company.auditsInPeriod"), n(data.audits.total)],
    [t("pdf.company.byType"), counts(data.audits.byType, (k) => typeLabel(w, k))],
    [t("pdf.company.byStatus"), counts(data.audits.byStatus, (k) => statusLabel(w, k))],
  ]);
  r.subsection(t("pdf.company.findingsByIndicator"));
  r.table(
    [
      { header: t("pdf.col.indicator"), width: 0.46 },
      { header: t("pdf.result.minor"), width: 0.18, align: "right" },
      { header: t("pdf.result.major"), width: 0.18, align: "right" },
      { header: t("pdf.result.critical"), width: 0.18, align: "right" },
    ],
    data.findings.map((f) => [indicatorLabelIn(w, f.indicator), n(f.minor), n(f.major), n(f.critical)]),
    { emptyText: t("pdf.company.noFindings") },
  );

  r.section(t("pdf.company.remedialSection"), { newPage: false });
  r.keyValues([
    [t("pdf.actions.heading"), n(data.actions.total)],
    ...data.actions.byStatus.map(([k, c]): [string, string] => [actionLabel(w, k), n(c)]),
    [t("pdf.company.overdue"), n(data.actions.overdue)],
  ]);

  r.section(t("pdf.company.complaintsSection"), { newPage: false });
  r.paragraph(t("pdf.company.complaintsIntro"));
  r.keyValues([
    [t("pdf.company.raised"), n(data.contests.raised)],
    [t("pdf.company.open"), n(data.contests.open)],
    [t("pdf.company.answered"), n(data.contests.answered)],
    [t("pdf.company.closed"), n(data.contests.closed)],
  ]);

  if (data.fees) {
    // Employer Pays Principle: the ledger's figures per currency (never added across currencies).
    const tf = serverT(p.language, "fees");
    const money = (minor: number, currency: string) => formatMoney(minor, currency, w.f.locale);
    r.section(tf("pdf.section"), { newPage: false });
    r.paragraph(tf("pdf.intro"));
    r.table(
      [
        { header: tf("totals.currency"), width: 0.12 },
        { header: tf("totals.identified"), width: 0.22, align: "right" },
        { header: tf("totals.repaid"), width: 0.22, align: "right" },
        { header: tf("totals.confirmed"), width: 0.22, align: "right" },
        { header: tf("totals.overdue"), width: 0.22, align: "right" },
      ],
      data.fees.map((x) => [x.currency, money(x.identified, x.currency), money(x.repaid, x.currency), money(x.confirmed, x.currency), x.overdue ? `${n(x.overdue)} · ${money(x.overdueAmount, x.currency)}` : n(0)]),
      { fontSize: 8, emptyText: tf("totals.none") },
    );
  }

  r.section(t("pdf.company.effectivenessSection"), { newPage: false });
  r.keyValues([
    [t("pdf.company.rescored"), n(data.scoreChanges.rescored)],
    [t("pdf.company.rose"), n(data.scoreChanges.rose)],
    [t("pdf.company.fell"), n(data.scoreChanges.fell)],
  ]);

  r.section(t("pdf.company.appendixSection"));
  r.keyValues([[t("pdf.company.method"), t("pdf.company.methodValue", { method: methodologyTitle(data.methodology.name, data.methodology.version), since: w.f.date(data.methodology.effective) })]]);
  r.paragraph(data.methodology.summary, { size: 9 });
  r.table(
    [
      { header: t("pdf.col.layer"), width: 0.16 },
      { header: t("pdf.col.factor"), width: 0.68 },
      { header: t("pdf.col.weight"), width: 0.16, align: "right" },
    ],
    data.methodology.weights.map(([layer, label, wt]) => [layer, label, n(wt)]),
    { fontSize: 8 },
  );
  r.subsection(t("pdf.company.referenceSources"));
  r.table(
    [
      { header: t("pdf.col.source"), width: 0.3 },
      { header: t("pdf.col.edition"), width: 0.12 },
      { header: t("pdf.col.citation"), width: 0.58 },
    ],
    data.references.map((x) => [x.name, x.edition, x.citation]),
    { fontSize: 7.5 },
  );

  r.section(t("pdf.company.annexSection"));
  r.table(supplierColumns(w), data.annex.map(supplierCells(w)), { fontSize: 7.5, emptyText: t("pdf.company.annexEmpty") });
}
