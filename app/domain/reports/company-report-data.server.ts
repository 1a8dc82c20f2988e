/**
 * The company's due-diligence report for a period, organised like the statutory annual reports
 * regulators ask for (e.g. Germany's supply-chain act): risk analysis, prevention, remedy,
 * complaints, effectiveness, and the method. Everything is aggregated from the company's own
 * records; audit data only as far as the company may see it (no unannounced audit before its start).
 */
import { methodologyTitle } from "~/lib/format";
import { rawAll, rawGet, type Db } from "#db/client";
import type { CompanyReportData, SupplierRow } from "#reports/types";
import { authorize, type Actor } from "~/auth/permissions.server";
import { isLocalDate } from "../audits/local-time";
import { COMPANY_VISIBLE } from "../audits/visibility.server";
import { computeDashboard } from "../dashboard/dashboard.server";
import { Invalid } from "../errors";
import { INDICATORS } from "../indicators";
import { feeTotals } from "../fees/fees.server";
import { countryName } from "../reference/countries.server";
import { activeMethodology } from "../risk/methodology-store.server";
import type { Loaded } from "./supplier-profile-data.server";

/** How many suppliers "Highest risks" lists. */
export const HIGHEST_RISKS = 10;

const LABEL = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));
const DAY = 86_400_000;

export function checkPeriod(from: unknown, to: unknown): { from: string; to: string } {
  if (typeof from !== "string" || !isLocalDate(from)) throw new Invalid("from", "reports:errors.period.from");
  if (typeof to !== "string" || !isLocalDate(to)) throw new Invalid("to", "reports:errors.period.to");
  if (to < from) throw new Invalid("to", "reports:errors.period.order");
  if (Date.parse(to) - Date.parse(from) > 3 * 366 * DAY) throw new Invalid("to", "reports:errors.period.tooLong");
  return { from, to };
}

export async function companyReportData(db: Db, actor: Actor, orgId: number, period: { from: string; to: string }, now: number): Promise<Loaded<CompanyReportData>> {
  authorize(actor, "suppliers.view", { orgId });
  // Times are bound as Dates (each engine compares its own time type with them).
  const start = new Date(Date.parse(`${period.from}T00:00:00Z`));
  const end = new Date(Date.parse(`${period.to}T00:00:00Z`) + DAY);
  const nowAt = new Date(now);
  const company = (await rawGet<{ name: string }>(db, `select name from organisations where id = ?`, orgId))!.name;
  const dash = await computeDashboard(db, orgId);
  const m = await activeMethodology(db);
  const totals = (await rawGet<{ suppliers: number; scored: number; redFlagSuppliers: number | null; meanScore: number | null }>(
    db,
    `select count(*) as suppliers, count(risk_score) as scored, sum(case when risk_red_flags > 0 then 1 else 0 end) as redFlagSuppliers, avg(risk_score) as meanScore from suppliers where org_id = ? and merged_into_id is null`,
    orgId,
  ))!;
  // The section names the highest few and says where the rest are (the annex, the supplier list): a
  // table of every supplier there buried the point (issue 17).
  const row = (r: SupplierRow) => ({ ...r, score: r.score === null ? null : Math.round(r.score * 10) / 10 });
  const columns = `external_id as externalId, name, country, sector, risk_score as score, risk_band as band, risk_red_flags as redFlags, risk_score_low as low, risk_score_high as high, risk_confidence as confidence`;
  const topRisks = (await rawAll<SupplierRow>(db, `select ${columns} from suppliers where org_id = ? and merged_into_id is null and risk_score is not null order by risk_score desc, id limit ${HIGHEST_RISKS}`, orgId)).map(row);
  const annex = (await rawAll<SupplierRow>(db, `select ${columns} from suppliers where org_id = ? and merged_into_id is null and risk_band in ('high', 'critical') order by risk_score desc, id`, orgId)).map(row);
  const recruiters = await rawAll<{ name: string; country: string | null; licence: string; fees: number | null; score: number | null; band: string | null; low: number | null; high: number | null; confidence: number | null; suppliers: number }>(
    db,
    `select r.name, r.country, r.licence_status as licence, r.fees_charged_to_workers as fees, r.risk_score as score, r.risk_band as band,
              rs.score_low as low, rs.score_high as high, r.risk_confidence as confidence,
              (select count(distinct sr.supplier_id) from supplier_recruiters sr where sr.recruiter_id = r.id) as suppliers
       from recruiters r left join risk_scores rs on rs.id = r.risk_score_id where r.org_id = ? order by r.risk_score desc nulls last, r.id limit 20`,
    orgId,
  );

  const visibleAudits = `from audits a where a.company_org_id = ? and ${COMPANY_VISIBLE} and a.starts_at >= ? and a.starts_at < ? and a.status != 'cancelled'`;
  const auditArgs = [orgId, nowAt, start, end];
  const byType = (await rawAll<{ type: string; n: number }>(db, `select a.type, count(*) as n ${visibleAudits} group by a.type order by a.type`, ...auditArgs)).map((r): [string, number] => [r.type, r.n]);
  const byStatus = (await rawAll<{ status: string; n: number }>(db, `select a.status, count(*) as n ${visibleAudits} group by a.status order by a.status`, ...auditArgs)).map((r): [string, number] => [r.status, r.n]);
  const findings = (
    await rawAll<{ indicator: string; minor: number; major: number; critical: number }>(
      db,
      `select f.indicator, sum(case when f.result = 'minor' then 1 else 0 end) as minor, sum(case when f.result = 'major' then 1 else 0 end) as major, sum(case when f.result = 'critical' then 1 else 0 end) as critical
         from findings f where f.audit_id in (select a.id ${visibleAudits}) and f.result != 'not_observed' group by f.indicator order by f.indicator`,
      ...auditArgs,
    )
  ).map(({ indicator, minor, major, critical }) => ({ indicator: LABEL.get(indicator) ?? indicator, minor, major, critical }));
  const actionRows = (
    await rawAll<{ status: string; dueOn: string }>(db, `select c.status, c.due_on as dueOn from corrective_actions c where c.company_org_id = ? and c.audit_id in (select a.id ${visibleAudits}) order by c.id`, orgId, ...auditArgs)
  ).map((r): [string, string] => [r.status, r.dueOn]);
  const statusCounts = new Map<string, number>();
  for (const [status] of actionRows) statusCounts.set(status, (statusCounts.get(status) ?? 0) + 1);
  const contests = (await rawGet<CompanyReportData["contests"]>(
    db,
    `select count(*) as raised, coalesce(sum(case when status = 'open' then 1 else 0 end), 0) as open, coalesce(sum(case when status = 'answered' then 1 else 0 end), 0) as answered, coalesce(sum(case when status = 'closed' then 1 else 0 end), 0) as closed from contests where company_org_id = ? and created_at >= ? and created_at < ?`,
    orgId,
    start,
    end,
  ))!;
  // Effectiveness: how stored scores moved within the period (first and last score of each supplier in it).
  const moves = (await rawGet<CompanyReportData["scoreChanges"]>(
    db,
    `select count(*) as rescored, coalesce(sum(case when last_score > first_score then 1 else 0 end), 0) as rose,
            coalesce(sum(case when last_score < first_score then 1 else 0 end), 0) as fell from (
         select entity_id,
                (select score from risk_scores x where x.entity_type = 'supplier' and x.entity_id = r.entity_id and x.computed_at >= ? and x.computed_at < ? order by computed_at, id limit 1) as first_score,
                (select score from risk_scores x where x.entity_type = 'supplier' and x.entity_id = r.entity_id and x.computed_at >= ? and x.computed_at < ? order by computed_at desc, id desc limit 1) as last_score
         from risk_scores r where r.org_id = ? and r.entity_type = 'supplier' and r.computed_at >= ? and r.computed_at < ? group by entity_id) as moves`,
    start,
    end,
    start,
    end,
    orgId,
    start,
    end,
  ))!;
  const refs = await rawAll<{ id: number; name: string; edition: string; citation: string }>(db, `select id, name, edition, citation from reference_sources where status = 'active' order by kind, name, id`);
  // The latest change to anything the report shows; each null when there is none. An unannounced
  // audit also changes what the company sees when it starts; an action when it is answered or
  // verified, a contest when it is answered (the latest of each column, as both engines say it).
  const latest = (await rawGet<Record<"suppliersAt" | "scoresAt" | "importsAt" | "auditsAt" | "unannouncedAt" | "actionsAt" | "respondedAt" | "verifiedAt" | "contestsAt" | "answeredAt" | "feeCasesAt" | "feePlansAt" | "feeEventsAt", number | null>>(
    db,
    `select (select max(coalesce(updated_at, created_at)) from suppliers where org_id = ?) as suppliersAt,
            (select max(computed_at) from risk_scores where org_id = ?) as scoresAt,
            (select max(committed_at) from imports where org_id = ?) as importsAt,
            (select max(coalesce(a.updated_at, a.created_at)) from audits a where a.company_org_id = ? and ${COMPANY_VISIBLE}) as auditsAt,
            (select max(a.starts_at) from audits a where a.company_org_id = ? and a.type = 'unannounced' and ${COMPANY_VISIBLE}) as unannouncedAt,
            (select max(c.created_at) from corrective_actions c where c.company_org_id = ?) as actionsAt,
            (select max(c.responded_at) from corrective_actions c where c.company_org_id = ?) as respondedAt,
            (select max(c.verified_at) from corrective_actions c where c.company_org_id = ?) as verifiedAt,
            (select max(created_at) from contests where company_org_id = ?) as contestsAt,
            (select max(responded_at) from contests where company_org_id = ?) as answeredAt,
            (select max(created_at) from fee_cases where org_id = ?) as feeCasesAt,
            (select max(i.created_at) from fee_instalments i join fee_cases c on c.id = i.fee_case_id where c.org_id = ?) as feePlansAt,
            (select max(at) from audit_log where org_id = ? and action in ('fee.case_recorded', 'fee.instalment_paid', 'fee.confirmed')) as feeEventsAt`,
    orgId,
    orgId,
    orgId,
    orgId,
    nowAt,
    orgId,
    nowAt,
    orgId,
    orgId,
    orgId,
    orgId,
    orgId,
    // The fee ledger: a payment or a worker's answer changes no timestamp column of its own row, so
    // its time is the activity log's entry for it (written in the same request).
    orgId,
    orgId,
    orgId,
  ))!;
  const dataAsOf = Math.max(0, ...Object.values(latest).map((t) => t ?? 0));
  // Overdue as of the data-as-of time, so that the same data always reads the same.
  const asOfDay = new Date(dataAsOf).toISOString().slice(0, 10);
  // The fee figures as of the same moment: an instalment is overdue if it was unpaid past its due day then.
  const fees = (await feeTotals(db, actor, {}, dataAsOf)).currencies;
  const overdue = actionRows.filter(([status, due]) => (status === "open" || status === "in_progress") && due < asOfDay).length;
  const s = m.methodology.supplier;
  const weights: [string, string, number][] = [
    ["Inherent", s.country.label, s.country.weight],
    ["Inherent", s.sector.label, s.sector.weight],
    ["Inherent", s.commodity.label, s.commodity.weight],
    ["Inherent", s.uflpa.label, s.uflpa.weight],
    ...s.indicators.map((i): [string, string, number] => ["Observed", `${LABEL.get(i.code) ?? i.code}${i.redFlag ? " (red flag)" : ""}`, i.weight]),
    ["Observed", s.migrantShare.label, s.migrantShare.weight],
    ["Observed", s.recruiterLicence.label, s.recruiterLicence.weight],
    ["Observed", s.recruiterFees.label, s.recruiterFees.weight],
    ...s.mitigations.map((x): [string, string, number] => ["Mitigation", x.label, -x.weight]),
  ];
  const name = (code: string) => (code === "—" ? "Unknown" : countryName(code));
  const data: CompanyReportData = {
    company,
    period,
    totals: { suppliers: totals.suppliers, scored: totals.scored, recruiters: dash.recruiters, countries: dash.countries, workers: dash.workers, redFlagSuppliers: totals.redFlagSuppliers ?? 0, meanScore: totals.meanScore === null ? null : Math.round(totals.meanScore * 10) / 10 },
    bands: dash.bands,
    heatmap: { ...dash.heatmap, countries: dash.heatmap.countries.map(name), cells: dash.heatmap.cells.map((c) => ({ ...c, country: name(c.country), meanScore: c.meanScore === null ? null : Math.round(c.meanScore * 10) / 10 })) },
    drivers: dash.drivers.map((d) => ({ code: d.code, label: d.label, suppliers: d.suppliers })),
    topRisks,
    recruiters: recruiters.map((r) => ({ ...r, score: r.score === null ? null : Math.round(r.score * 10) / 10, fees: r.fees === null ? "unknown" : r.fees ? "yes" : "no" })),
    corridors: dash.corridors.map((c) => ({ ...c, origin: name(c.origin), destination: name(c.destination) })),
    audits: { total: byType.reduce((t, [, n]) => t + n, 0), byType, byStatus },
    findings,
    actions: { byStatus: [...statusCounts.entries()].sort(), overdue, total: actionRows.length },
    contests,
    fees,
    scoreChanges: moves,
    methodology: { name: m.methodology.name, version: m.version, effective: m.methodology.effective, summary: m.methodology.summary, weights },
    references: refs.map((r) => ({ name: r.name, edition: r.edition, citation: r.citation })),
    annex,
  };
  return { data, dataAsOf, methodologyVersion: methodologyTitle(m.methodology.name, m.version), referenceVersions: refs.map((r) => r.id), references: refs.map((r) => `${r.name} ${r.edition}`) };
}
