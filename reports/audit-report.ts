/** The inspector's audit report: workplace, team, dates, findings per indicator, evidence, actions, signatures. */
import { zoneName } from "~/lib/format";
import { provenance } from "./lib/closing";
import { COLOURS, Report, type RenderedReport } from "./lib/pdf";
import { ACTION_LABELS, number, RESULT_LABELS, TYPE_LABELS } from "./lib/text";
import type { AuditReportData, Provenance } from "./types";

export function auditReport(data: AuditReportData, p: Provenance): RenderedReport {
  const w = data.workplace;
  const r = new Report({
    id: p.id,
    title: `Audit report #${data.audit.id}: ${w.name}`,
    subtitle: `${TYPE_LABELS[data.audit.type] ?? data.audit.type} audit, ${data.audit.window} (${zoneName(data.audit.zone)})`,
    author: p.issuer,
    subject: "Labour inspection audit report: findings against the ILO forced-labour and recruitment indicators",
    keywords: ["audit report", "labour inspection", "forced labour", w.externalId],
    dataAsOf: p.dataAsOf,
    pageSize: p.pageSize,
  });
  const observed = data.checklist.filter((c) => c.result && c.result !== "not_observed");
  r.cover(
    [
      ["Workplace", `${w.name}, ${w.country}`],
      ["Audit", `#${data.audit.id}, ${TYPE_LABELS[data.audit.type] ?? data.audit.type}`],
      ["Findings", `${observed.length} indicator${observed.length === 1 ? "" : "s"} observed, ${observed.filter((c) => c.result === "critical").length} critical`],
      ["Report id", p.id],
    ],
    "Findings are recorded against the 11 ILO indicators of forced labour and the recruitment indicators. Evidence files are listed with their SHA-256 so that each can be matched to the file held by the inspectorate.",
  );
  r.contentsPage();

  r.section("Workplace and audit");
  r.keyValues([
    ["Workplace", w.name],
    ["Company's id", w.externalId],
    ["Address", w.address ?? "—"],
    ["Country", w.country],
    ["Sector", w.sector ?? "—"],
    ["Supplier of", w.company],
    ["Type", TYPE_LABELS[data.audit.type] ?? data.audit.type],
    ["On site", `${data.audit.window} (${zoneName(data.audit.zone)}, the workplace's)`],
    ...(data.audit.inspectorateWindow ? [["Inspectorate's time", `${data.audit.inspectorateWindow.window} (${zoneName(data.audit.inspectorateWindow.zone)})`] as [string, string]] : []),
    ["Follows up", data.audit.followUpOf ? `audit #${data.audit.followUpOf}` : "—"],
    ["Followed up by", data.audit.followedUpBy?.length ? data.audit.followedUpBy.map((id) => `audit #${id}`).join(", ") : "—"],
    ["Team", data.team.map((t) => `${t.name}${t.role === "lead" ? " (lead)" : ""}`).join(", ")],
  ]);

  r.section("Findings by indicator");
  r.table(
    [
      { header: "Indicator", width: 0.28 },
      { header: "Result", width: 0.12 },
      { header: "What was found", width: 0.44 },
      { header: "Workers", width: 0.16, align: "right" },
    ],
    data.checklist.map((c) => [c.indicator, c.result ? (RESULT_LABELS[c.result] ?? c.result) : "Not assessed", c.description || "—", number(c.workersInterviewed)]),
    { fontSize: 8 },
  );

  r.section("Workers interviewed", { newPage: false });
  // Blank: the cell was not recorded (0 means nobody of the group was interviewed).
  const cell = (n: number | null) => (n === null ? "not recorded" : String(n));
  r.table(
    [
      { header: "Gender", width: 0.34 },
      { header: "Migrant", width: 0.22, align: "right" },
      { header: "National", width: 0.22, align: "right" },
      { header: "All", width: 0.22, align: "right" },
    ],
    (data.interviews ?? []).map((row) => [row.group, cell(row.migrant), cell(row.national), cell(row.all)]),
    { fontSize: 8, emptyText: "No interview counts recorded." },
  );

  r.section("Evidence", { newPage: false });
  const files = data.checklist.flatMap((c) => c.evidence.map((e) => [c.indicator, e.name, e.sha256]));
  r.table(
    [
      { header: "Indicator", width: 0.26 },
      { header: "File", width: 0.26 },
      { header: "SHA-256", width: 0.48 },
    ],
    files,
    { fontSize: 7.5, emptyText: "No evidence files." },
  );

  r.section("Corrective actions", { newPage: false });
  r.table(
    [
      { header: "Action", width: 0.4 },
      { header: "Indicator", width: 0.2 },
      { header: "Owner", width: 0.1 },
      { header: "Due", width: 0.12 },
      { header: "Status", width: 0.18 },
    ],
    data.actions.map((a) => [a.description, a.indicator, a.owner, a.dueOn, `${ACTION_LABELS[a.status] ?? a.status}${a.overdue ? " (overdue)" : ""}`]),
    { fontSize: 8, emptyText: "No corrective actions." },
  );

  r.section("Signatures", { newPage: false });
  r.ensureSpace(120);
  const d = r.doc;
  const y = d.y + 40;
  const half = (r.width - 30) / 2;
  for (const [i, label] of [`Lead inspector: ${data.lead}`, "For the inspectorate"].entries()) {
    const x = 56 + i * (half + 30);
    d.moveTo(x, y).lineTo(x + half, y).lineWidth(0.7).strokeColor(COLOURS.ink).stroke();
    d.font("Sans").fontSize(8.5).fillColor(COLOURS.muted).text(label, x, y + 4, { width: half });
    d.text("Date and signature", x, y + 16, { width: half });
  }
  d.x = 56;
  d.y = y + 40;
  provenance(r, p);
  return r.finish();
}
