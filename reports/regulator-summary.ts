/** The regulator's summary for its jurisdiction: submissions and patterns, no group under five suppliers. */
import { barChart } from "./lib/charts";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type RenderedReport } from "./lib/pdf";
import { number } from "./lib/text";
import { groupIn } from "./lib/risk-words";
import { wordsFor } from "./lib/words";
import type { Provenance, RegulatorSummaryData } from "./types";

export function regulatorSummary(data: RegulatorSummaryData, p: Provenance): RenderedReport {
  const w = wordsFor(p.language);
  const { t } = w;
  const n = (x: number | null) => number(w, x);
  const min = n(data.minimumGroup);
  const r = new Report({
    id: p.id,
    // The title keeps the period's ISO days: it names the report in lists, in every language alike.
    title: t("pdf.regulator.title", data.period),
    subtitle: t("pdf.regulator.subtitle", { regulator: data.regulator }),
    author: p.issuer,
    subject: t("pdf.regulator.subject"),
    keywords: [t("pdf.regulator.keyword"), t("pdf.keywords.supplyChain"), t("pdf.keywords.forcedLabour"), data.period.from, data.period.to],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
    words: w,
    verifyUrl: p.verifyUrl,
  });
  r.cover(
    [
      [t("pdf.regulator.regulator"), data.regulator],
      [t("pdf.regulator.period"), t("pdf.period", { from: w.f.date(data.period.from), to: w.f.date(data.period.to) })],
      [t("pdf.regulator.companies"), n(data.companies)],
      [t("pdf.regulator.received"), n(data.submissions.length)],
      [t("pdf.provenance.reportId"), p.id],
    ],
    t("pdf.regulator.coverNote", { min }),
  );
  r.contentsPage();
  r.section(t("pdf.regulator.received"));
  r.table(
    [
      { header: t("pdf.col.company"), width: 0.26 },
      { header: t("pdf.regulator.report"), width: 0.32 },
      { header: t("pdf.col.id"), width: 0.27 },
      { header: t("pdf.regulator.submitted"), width: 0.15 },
    ],
    data.submissions.map((s) => [s.company, s.supersedes ? t("pdf.regulator.corrects", { title: s.title, id: s.supersedes }) : s.title, s.reportId, s.submittedAt]),
    { fontSize: 8, emptyText: t("pdf.regulator.noSubmission") },
  );
  r.section(t("pdf.regulator.riskSection"));
  r.keyValues([
    [t("pdf.regulator.companies"), n(data.companies)],
    [t("pdf.col.suppliers"), n(data.suppliers)],
    [t("pdf.regulator.pooled"), n(data.pooled)],
    [t("pdf.regulator.leftOut", { min }), t("pdf.regulator.leftOutValue", { suppliers: n(data.suppressedSuppliers), groups: n(data.suppressed) })],
  ]);
  r.subsection(t("pdf.bandsHeading"));
  barChart(r, data.bands.map((b) => ({ label: groupIn(w, b), value: b.suppliers, colour: COLOURS.band[b.label.toLowerCase()] ?? COLOURS.band.none })));
  r.table(
    [
      { header: t("pdf.col.band"), width: 0.4 },
      { header: t("pdf.col.suppliers"), width: 0.25, align: "right" },
      { header: t("pdf.regulator.higherBand"), width: 0.35, align: "right" },
    ],
    data.bands.map((b) => [groupIn(w, b), n(b.suppliers), n(b.higher ?? null)]),
    { emptyText: t("pdf.regulator.noBand", { min }) },
  );
  r.subsection(t("pdf.regulator.byCountry"));
  barChart(r, data.countries.map((c) => ({ label: groupIn(w, c), value: c.suppliers })), { labelWidth: 200 });
  r.subsection(t("pdf.regulator.bySector"));
  barChart(r, data.sectors.map((c) => ({ label: groupIn(w, c), value: c.suppliers })), { labelWidth: 200 });
  r.section(t("pdf.regulator.sharedRecruitersSection"), { newPage: false });
  r.table(
    [
      { header: t("pdf.col.recruiter"), width: 0.5 },
      { header: t("pdf.regulator.companies"), width: 0.25, align: "right" },
      { header: t("pdf.col.suppliers"), width: 0.25, align: "right" },
    ],
    data.sharedRecruiters.map((g) => [groupIn(w, g), n(g.companies ?? null), n(g.suppliers)]),
    { emptyText: t("pdf.regulator.noSharedRecruiter", { min }) },
  );
  r.section(t("pdf.regulator.corridorsSection"), { newPage: false });
  r.table(
    [
      { header: t("pdf.regulator.corridor"), width: 0.46 },
      { header: t("pdf.col.suppliers"), width: 0.18, align: "right" },
      { header: t("pdf.regulator.charging"), width: 0.36, align: "right" },
    ],
    data.corridors.map((c) => [groupIn(w, c), n(c.suppliers), n(c.charging)]),
    { emptyText: t("pdf.regulator.noCorridor", { min }) },
  );
  provenance(r, p);
  return r.finish();
}
