/** Supplier risk profile: identity, score and why, observed indicators, audits, actions, history. */
import { historyChart } from "./lib/charts";
import { provenance } from "./lib/closing";
import { Report, type RenderedReport } from "./lib/pdf";
import { indicatorStatus, narrowingQuestions } from "~/domain/risk/narrow-range";
import { rangeText } from "~/domain/risk/range-text";
import { ACTION_LABELS, capital, number, percent, RESULT_LABELS, score1, STATUS_LABELS, TYPE_LABELS } from "./lib/text";
import type { Provenance, SupplierProfileData } from "./types";

const LAYERS = [
  ["inherent", "Inherent risk (context)"],
  ["observed", "Observed indicators"],
  ["mitigation", "Mitigations"],
] as const;

export function supplierProfile(data: SupplierProfileData, p: Provenance): RenderedReport {
  const s = data.supplier;
  const r = new Report({
    id: p.id,
    title: `Supplier risk profile: ${s.name}`,
    subtitle: `${s.country} · ${s.sector ?? "sector not stated"} · supplier of ${data.company}`,
    author: p.issuer,
    subject: "Forced-labour and trafficking risk profile of one supplier",
    keywords: ["supplier risk profile", "forced labour", "due diligence", s.externalId],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
  });
  r.cover(
    [
      ["Supplier", `${s.name} (${s.externalId})`],
      ["Risk score", data.score ? `${score1(data.score.score)} of 100 — ${capital(data.score.band)}` : "not scored yet"],
      ["Range and confidence", data.score ? rangeText(data.score.low, data.score.high, data.score.confidence) || "—" : "—"],
      ["Red flags", data.score ? (data.score.redFlags.length ? data.score.redFlags.join(", ") : "none") : "—"],
      ["Report id", p.id],
    ],
    "This profile explains a supplier's forced-labour and trafficking risk score: every factor with its value, weight, points and source. It is generated from the platform's records as of the date shown and can be verified as described on its last page.",
  );
  r.contentsPage();

  r.section("Identity");
  r.keyValues([
    ["Company's id", s.externalId],
    ["Name", s.name],
    ["Address", s.address ?? "—"],
    ["Country", s.country],
    ["Sector", s.sector ?? "—"],
    ["Products", s.products.join(", ") || "—"],
    ["Tier", s.tier === null ? "—" : String(s.tier)],
    ["Workers", number(s.workersTotal)],
    ["Migrant workers", percent(s.migrantShare)],
    ["Women", percent(s.femaleShare)],
  ]);
  if (data.recruiters.length) {
    r.subsection("Labour recruiters");
    r.table(
      [
        { header: "Recruiter", width: 0.34 },
        { header: "Licence", width: 0.2 },
        { header: "Fees charged to workers", width: 0.24 },
        { header: "Corridors", width: 0.22 },
      ],
      data.recruiters.map((x) => [x.name, x.licence, x.fees, x.corridors]),
    );
  }

  r.section("Risk score and its factors");
  if (!data.score) r.paragraph("The supplier has not been scored yet.");
  else {
    r.keyValues([
      ["Score", `${score1(data.score.score)} of 100`],
      ["Band", capital(data.score.band)],
      ["Range", data.score.low === null || data.score.high === null ? "not computed (score stored before methodology 2)" : `${score1(data.score.low)} to ${score1(data.score.high)}: the score if every unknown input were absent, or present`],
      ["Confidence", `${percent(data.score.confidence)} of the method's inputs were known`],
      ["Computed", new Date(data.score.computedAt).toISOString().slice(0, 16).replace("T", " ") + " UTC"],
      ["Inputs hash", data.score.inputsHash],
    ]);
    for (const [layer, label] of LAYERS) {
      const lines = data.factors.filter((f) => f.layer === layer);
      if (!lines.length) continue;
      r.subsection(label);
      r.table(
        [
          { header: "Factor", width: 0.23 },
          { header: "Value", width: 0.29 },
          { header: "Weight", width: 0.1, align: "right" },
          { header: "Points", width: 0.09, align: "right" },
          { header: "Source", width: 0.29 },
        ],
        lines.map((f) => {
          const status = indicatorStatus(f);
          return [f.redFlag ? `${f.label} (red flag)` : f.label, status ? `${status}: ${f.value}` : f.value, String(f.weight), f.contribution.toFixed(1), f.sources.join("; ") || "—"];
        }),
        { fontSize: 8 },
      );
    }
    const questions = narrowingQuestions(data.factors);
    if (questions.length) {
      r.subsection("What would narrow this range most");
      r.paragraph("The unknown indicators that span the most points of the range. Either answer narrows it: a “no” takes up to that many points off the top, a “yes” raises the bottom.");
      questions.forEach((q, i) => r.paragraph(`${i + 1}. ${q.question} (${q.label}: up to ${q.narrowsBy.toFixed(1)} points${q.prior === null ? "" : `; counts now at its prior ${q.prior.toFixed(2)}`})`));
    }
  }

  r.section("Audits and findings");
  if (!data.audits.length) r.paragraph("No audit recorded.", { muted: true });
  for (const a of data.audits) {
    r.subsection(`Audit #${a.id}: ${a.window}`);
    r.keyValues([
      ["Inspectorate", a.inspectorate],
      ["Type", TYPE_LABELS[a.type] ?? a.type],
      ["Status", STATUS_LABELS[a.status] ?? a.status],
    ]);
    r.table(
      [
        { header: "Indicator", width: 0.2 },
        { header: "Result", width: 0.1 },
        { header: "Finding", width: 0.34 },
        { header: "Workers", width: 0.11, align: "right" },
        { header: "Evidence (SHA-256)", width: 0.25 },
      ],
      a.findings.map((f) => [f.indicator, RESULT_LABELS[f.result] ?? f.result, f.description || "—", number(f.workersInterviewed), f.evidence.map((e) => `${e.name} ${e.sha256}`).join("\n") || "—"]),
      { fontSize: 8, emptyText: "No findings recorded." },
    );
  }

  r.section("Corrective actions", { newPage: false });
  r.table(
    [
      { header: "Action", width: 0.38 },
      { header: "Indicator", width: 0.2 },
      { header: "Owner", width: 0.1 },
      { header: "Due", width: 0.12 },
      { header: "Status", width: 0.2 },
    ],
    data.actions.map((a) => [a.description, a.indicator, a.owner, a.dueOn, `${ACTION_LABELS[a.status] ?? a.status}${a.overdue ? " (overdue)" : ""}`]),
    { fontSize: 8, emptyText: "No corrective actions." },
  );

  r.section("Score history", { newPage: false });
  if (data.history.length) historyChart(r, data.history);
  else r.paragraph("No score yet.", { muted: true });

  provenance(r, p);
  return r.finish();
}
