/** The inspector's audit report: workplace, team, dates, findings per indicator, evidence, actions, signatures. */
import { serverT } from "~/i18n/i18n.server";
import { zoneName } from "~/lib/format";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type RenderedReport } from "./lib/pdf";
import { actionLabel, number, resultLabel, typeLabel } from "./lib/text";
import { indicatorLabelIn } from "./lib/risk-words";
import { wordsFor } from "./lib/words";
import type { AuditReportData, Provenance } from "./types";

export function auditReport(data: AuditReportData, p: Provenance): RenderedReport {
  const w = wordsFor(p.language);
  const { t } = w;
  const site = data.workplace;
  const type = typeLabel(w, data.audit.type);
  const r = new Report({
    id: p.id,
    title: t("pdf.audit.title", { id: data.audit.id, name: site.name }),
    subtitle: t("pdf.audit.subtitle", { type, window: data.audit.window, zone: zoneName(data.audit.zone) }),
    author: p.issuer,
    subject: t("pdf.audit.subject"),
    keywords: [t("pdf.audit.keywordReport"), t("pdf.audit.keywordInspection"), t("pdf.keywords.forcedLabour"), site.externalId],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
    words: w,
    verifyUrl: p.verifyUrl,
  });
  const observed = data.checklist.filter((c) => c.result && c.result !== "not_observed");
  r.cover(
    [
      [t("pdf.audit.workplace"), `${site.name}, ${site.country}`],
      [t("pdf.audit.audit"), t("pdf.audit.auditValue", { id: data.audit.id, type })],
      [t("pdf.audit.findings"), t("pdf.audit.findingsValue", { count: observed.length, observed: number(w, observed.length), critical: number(w, observed.filter((c) => c.result === "critical").length) })],
      [t("pdf.provenance.reportId"), p.id],
    ],
    t("pdf.audit.coverNote"),
  );
  r.contentsPage();

  const auditRef = (id: number) => t("pdf.audit.auditRef", { id });
  r.section(t("pdf.audit.workplaceSection"));
  r.keyValues([
    [t("pdf.audit.workplace"), site.name],
    [t("pdf.col.companyId"), site.externalId],
    [t("pdf.col.address"), site.address ?? "—"],
    [t("pdf.col.country"), site.country],
    [t("pdf.col.sector"), site.sector ?? "—"],
    [t("pdf.audit.supplierOf"), site.company],
    [t("pdf.col.type"), type],
    [t("pdf.audit.onSite"), t("pdf.audit.onSiteValue", { window: data.audit.window, zone: zoneName(data.audit.zone) })],
    ...(data.audit.inspectorateWindow ? [[t("pdf.audit.inspectorateTime"), `${data.audit.inspectorateWindow.window} (${zoneName(data.audit.inspectorateWindow.zone)})`] as [string, string]] : []),
    [t("pdf.audit.followsUp"), data.audit.followUpOf ? auditRef(data.audit.followUpOf) : "—"],
    [t("pdf.audit.followedUpBy"), data.audit.followedUpBy?.length ? w.f.list(data.audit.followedUpBy.map(auditRef)) : "—"],
    [t("pdf.audit.team"), data.team.map((m) => (m.role === "lead" ? t("pdf.audit.lead", { name: m.name }) : m.name)).join(", ")],
  ]);

  r.section(t("pdf.audit.findingsSection"));
  r.table(
    [
      { header: t("pdf.col.indicator"), width: 0.28 },
      { header: t("pdf.col.result"), width: 0.12 },
      { header: t("pdf.audit.whatWasFound"), width: 0.44 },
      { header: t("pdf.col.workers"), width: 0.16, align: "right" },
    ],
    data.checklist.map((c) => [indicatorLabelIn(w, c.indicator), c.result ? resultLabel(w, c.result) : t("pdf.audit.notAssessed"), c.description || "—", number(w, c.workersInterviewed)]),
    { fontSize: 8 },
  );

  r.section(t("pdf.audit.interviewsSection"), { newPage: false });
  // The groups are named as on the audit page (the "actions" catalog), in the report's language.
  const groupT = serverT(w.lang, "actions");
  // Blank: the cell was not recorded (0 means nobody of the group was interviewed).
  const cell = (c: number | null) => (c === null ? t("pdf.audit.notRecorded") : number(w, c));
  r.table(
    [
      { header: t("pdf.audit.gender"), width: 0.34 },
      { header: t("pdf.audit.migrant"), width: 0.22, align: "right" },
      { header: t("pdf.audit.national"), width: 0.22, align: "right" },
      { header: t("pdf.audit.all"), width: 0.22, align: "right" },
    ],
    (data.interviews ?? []).map((row) => [row.group === "all" ? t("pdf.audit.all") : groupT(`interviews.genders.${row.group}`), cell(row.migrant), cell(row.national), cell(row.all)]),
    { fontSize: 8, emptyText: t("pdf.audit.noInterviews") },
  );

  r.section(t("pdf.audit.evidenceSection"), { newPage: false });
  const files = data.checklist.flatMap((c) => c.evidence.map((e) => [indicatorLabelIn(w, c.indicator), e.name, e.sha256]));
  r.table(
    [
      { header: t("pdf.col.indicator"), width: 0.26 },
      { header: t("pdf.audit.file"), width: 0.26 },
      { header: "SHA-256", width: 0.48 },
    ],
    files,
    { fontSize: 7.5, emptyText: t("pdf.audit.noEvidence") },
  );

  r.section(t("pdf.actions.heading"), { newPage: false });
  r.table(
    [
      { header: t("pdf.col.action"), width: 0.4 },
      { header: t("pdf.col.indicator"), width: 0.2 },
      { header: t("pdf.col.owner"), width: 0.1 },
      { header: t("pdf.col.due"), width: 0.12 },
      { header: t("pdf.col.status"), width: 0.18 },
    ],
    data.actions.map((a) => [a.description, indicatorLabelIn(w, a.indicator), a.owner, w.f.date(a.dueOn), a.overdue ? t("pdf.actions.overdueStatus", { status: actionLabel(w, a.status) }) : actionLabel(w, a.status)]),
    { fontSize: 8, emptyText: t("pdf.actions.none") },
  );

  r.section(t("pdf.audit.signaturesSection"), { newPage: false });
  r.ensureSpace(120);
  const d = r.doc;
  const y = d.y + 40;
  const half = (r.width - 30) / 2;
  for (const [i, label] of [t("pdf.audit.leadInspector", { name: data.lead }), t("pdf.audit.forInspectorate")].entries()) {
    const x = 56 + i * (half + 30);
    r.artifact(() => d.moveTo(x, y).lineTo(x + half, y).lineWidth(0.7).strokeColor(COLOURS.ink).stroke());
    d.fontSize(8.5).fillColor(COLOURS.muted);
    r.tag("P", () => {
      r.write(label, x, y + 4, { width: half });
      r.write(t("pdf.audit.dateAndSignature"), x, y + 16, { width: half });
    });
  }
  d.x = 56;
  d.y = y + 40;
  provenance(r, p);
  return r.finish();
}
