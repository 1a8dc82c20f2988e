/** Supplier risk profile: identity, score and why, observed indicators, audits, actions, history. */
import { historyChart } from "./lib/charts";
import { provenance } from "./lib/closing";
import { Report, type RenderedReport } from "./lib/pdf";
import { indicatorStatus, narrowingQuestions } from "~/domain/risk/narrow-range";
import { factorLabelIn, factorValueIn, indicatorLabelIn, questionIn, rangeIn, sourceIn, statusIn } from "./lib/risk-words";
import { actionLabel, bandName, number, percent, resultLabel, score1, statusLabel, typeLabel } from "./lib/text";
import { wordsFor } from "./lib/words";
import type { Provenance, SupplierProfileData } from "./types";

const LAYERS = ["inherent", "observed", "mitigation"] as const;

export function supplierProfile(data: SupplierProfileData, p: Provenance): RenderedReport {
  const w = wordsFor(p.language);
  const { t } = w;
  const s = data.supplier;
  const r = new Report({
    id: p.id,
    title: t("pdf.profile.title", { name: s.name }),
    subtitle: t("pdf.profile.subtitle", { country: s.country, sector: s.sector ?? t("pdf.profile.sectorNotStated"), company: data.company }),
    author: p.issuer,
    subject: t("pdf.profile.subject"),
    keywords: [t("pdf.profile.keywordProfile"), t("pdf.keywords.forcedLabour"), t("pdf.keywords.dueDiligence"), s.externalId],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
    words: w,
    verifyUrl: p.verifyUrl,
  });
  const sc = data.score;
  r.cover(
    [
      [t("pdf.col.supplier"), `${s.name} (${s.externalId})`],
      [t("pdf.profile.riskScore"), sc ? t("pdf.profile.scoreWithBand", { score: score1(w, sc.score), band: bandName(w, sc.band) }) : t("pdf.profile.notScoredYet")],
      [t("pdf.profile.rangeAndConfidence"), sc ? rangeIn(w, sc.low, sc.high, sc.confidence) || "—" : "—"],
      [t("pdf.profile.redFlags"), sc ? (sc.redFlags.length ? w.f.list(sc.redFlags.map((flag) => indicatorLabelIn(w, flag))) : t("pdf.profile.noRedFlags")) : "—"],
      [t("pdf.provenance.reportId"), p.id],
    ],
    t("pdf.profile.coverNote"),
  );
  r.contentsPage();

  r.section(t("pdf.profile.identity"));
  r.keyValues([
    [t("pdf.col.companyId"), s.externalId],
    [t("pdf.col.name"), s.name],
    [t("pdf.col.address"), s.address ?? "—"],
    [t("pdf.col.country"), s.country],
    [t("pdf.col.sector"), s.sector ?? "—"],
    [t("pdf.profile.products"), w.f.list(s.products) || "—"],
    [t("pdf.profile.tier"), s.tier === null ? "—" : number(w, s.tier)],
    [t("pdf.col.workers"), number(w, s.workersTotal)],
    [t("pdf.profile.migrantWorkers"), percent(w, s.migrantShare)],
    [t("pdf.profile.women"), percent(w, s.femaleShare)],
  ]);
  if (data.recruiters.length) {
    r.subsection(t("pdf.profile.recruiters"));
    r.table(
      [
        { header: t("pdf.col.recruiter"), width: 0.34 },
        { header: t("pdf.col.licence"), width: 0.2 },
        { header: t("pdf.profile.feesCharged"), width: 0.24 },
        { header: t("pdf.profile.corridors"), width: 0.22 },
      ],
      data.recruiters.map((x) => [x.name, x.licence, x.fees, x.corridors]),
    );
  }

  r.section(t("pdf.profile.scoreSection"));
  if (!sc) r.paragraph(t("pdf.profile.notScoredParagraph"));
  else {
    r.keyValues([
      [t("pdf.col.score"), t("pdf.profile.scoreOf100", { score: score1(w, sc.score) })],
      [t("pdf.col.band"), bandName(w, sc.band)],
      [t("pdf.profile.range"), sc.low === null || sc.high === null ? t("pdf.profile.rangeNotComputed") : t("pdf.profile.rangeValue", { low: score1(w, sc.low), high: score1(w, sc.high) })],
      [t("pdf.profile.confidence"), t("pdf.profile.confidenceValue", { share: percent(w, sc.confidence) })],
      [t("pdf.profile.computed"), w.dateTime(sc.computedAt)],
      [t("pdf.profile.inputsHash"), sc.inputsHash],
    ]);
    for (const layer of LAYERS) {
      const lines = data.factors.filter((f) => f.layer === layer);
      if (!lines.length) continue;
      r.subsection(t(`pdf.profile.layer.${layer}`));
      r.table(
        [
          { header: t("pdf.col.factor"), width: 0.23 },
          { header: t("pdf.col.value"), width: 0.29 },
          { header: t("pdf.col.weight"), width: 0.1, align: "right" },
          { header: t("pdf.col.points"), width: 0.09, align: "right" },
          { header: t("pdf.col.source"), width: 0.29 },
        ],
        lines.map((f) => {
          const status = indicatorStatus(f);
          const label = factorLabelIn(w, f);
          const value = factorValueIn(w, f);
          return [f.redFlag ? t("pdf.profile.redFlagFactor", { label }) : label, status ? t("pdf.profile.statusValue", { status: statusIn(w, status), value }) : value, number(w, f.weight), w.f.number(f.contribution, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), f.sources.map((source) => sourceIn(w, source)).join("; ") || "—"];
        }),
        { fontSize: 8 },
      );
    }
    const questions = narrowingQuestions(data.factors);
    if (questions.length) {
      r.subsection(t("pdf.profile.narrowHeading"));
      r.paragraph(t("pdf.profile.narrowIntro"));
      // A numbered list for a screen reader (L/LI); the numbers are in the catalog's words.
      r.list(
        questions.map((q, i) =>
          q.prior === null
            ? t("pdf.profile.narrowQuestion", { n: i + 1, question: questionIn(w, q.code, q.question), label: factorLabelIn(w, { code: `indicator.${q.code}`, label: q.label }), points: w.f.number(q.narrowsBy, { minimumFractionDigits: 1, maximumFractionDigits: 1 }) })
            : t("pdf.profile.narrowQuestionPrior", { n: i + 1, question: questionIn(w, q.code, q.question), label: factorLabelIn(w, { code: `indicator.${q.code}`, label: q.label }), points: w.f.number(q.narrowsBy, { minimumFractionDigits: 1, maximumFractionDigits: 1 }), prior: w.f.number(q.prior, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) }),
        ),
        { bullets: false },
      );
    }
  }

  r.section(t("pdf.profile.auditsSection"));
  if (!data.audits.length) r.paragraph(t("pdf.profile.noAudit"), { muted: true });
  for (const a of data.audits) {
    r.subsection(t("pdf.profile.auditHeading", { id: a.id, window: a.window }));
    r.keyValues([
      [t("pdf.col.inspectorate"), a.inspectorate],
      [t("pdf.col.type"), typeLabel(w, a.type)],
      [t("pdf.col.status"), statusLabel(w, a.status)],
    ]);
    r.table(
      [
        { header: t("pdf.col.indicator"), width: 0.2 },
        { header: t("pdf.col.result"), width: 0.1 },
        { header: t("pdf.col.finding"), width: 0.34 },
        { header: t("pdf.col.workers"), width: 0.11, align: "right" },
        { header: t("pdf.col.evidence"), width: 0.25 },
      ],
      a.findings.map((f) => [indicatorLabelIn(w, f.indicator), resultLabel(w, f.result), f.description || "—", number(w, f.workersInterviewed), f.evidence.map((e) => `${e.name} ${e.sha256}`).join("\n") || "—"]),
      { fontSize: 8, emptyText: t("pdf.profile.noFindings") },
    );
  }

  r.section(t("pdf.actions.heading"), { newPage: false });
  r.table(
    [
      { header: t("pdf.col.action"), width: 0.38 },
      { header: t("pdf.col.indicator"), width: 0.2 },
      { header: t("pdf.col.owner"), width: 0.1 },
      { header: t("pdf.col.due"), width: 0.12 },
      { header: t("pdf.col.status"), width: 0.2 },
    ],
    data.actions.map((a) => [a.description, indicatorLabelIn(w, a.indicator), a.owner, w.f.date(a.dueOn), a.overdue ? t("pdf.actions.overdueStatus", { status: actionLabel(w, a.status) }) : actionLabel(w, a.status)]),
    { fontSize: 8, emptyText: t("pdf.actions.none") },
  );

  r.section(t("pdf.profile.historySection"), { newPage: false });
  if (data.history.length) historyChart(r, data.history);
  else r.paragraph(t("pdf.profile.noHistory"), { muted: true });

  provenance(r, p);
  return r.finish();
}
