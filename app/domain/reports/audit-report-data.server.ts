/**
 * What an audit report shows: the inspectorate's own audit, complete, with its checklist and
 * actions. The workplace is read as the audit page reads it (auditDetail): within the share's
 * scope while shared, the audit's snapshot after a revocation; never the supplier row itself.
 */
import { rawGet, type Db } from "#db/client";
import { INTERVIEW_GENDERS } from "#db/schema";
import type { AuditReportData } from "#reports/types";
import type { Actor } from "~/auth/permissions.server";
import { auditDetail, findingsOf, isOverdue } from "../audits/audit-views.server";
import { interviewsOf } from "../audits/interviews.server";
import { localDay, localTime } from "../audits/local-time";
import { Invalid } from "../errors";
import { INDICATORS } from "../indicators";
import { countryName } from "../reference/countries.server";
import { countryWithCode } from "~/lib/format";
import { actionRowsWhere, type Loaded } from "./supplier-profile-data.server";

const LABEL = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));

export async function auditReportData(db: Db, actor: Actor, auditId: number): Promise<Loaded<AuditReportData> & { status: string }> {
  const d = await auditDetail(db, actor, auditId);
  if (d.audit.status !== "completed" && d.audit.status !== "report_issued") throw new Invalid("auditId", "reports:errors.auditNotCompleted");
  // The visit's times where it happened (the workplace's zone); the inspectorate's beside where the clocks differ.
  const zone = d.placeZone;
  const own = d.settings.timeZone;
  const findings = await findingsOf(db, auditId);
  const byCode = new Map(findings.map((f) => [f.indicator, f]));
  const actionRows = await actionRowsWhere(db, `c.audit_id = ?`, auditId);
  // Issuing the report moves the audit to "report issued"; that change is not part of what the report shows.
  const lastChange = (await rawGet<{ t: number | null }>(db, `select max(at) as t from audit_events where audit_id = ? and not (kind = 'status' and to_status = 'report_issued')`, auditId))!;
  // Interview counts are recorded in the activity log only (they have no row time of their own).
  const interviewsAt = (await rawGet<{ t: number | null }>(db, `select max(at) as t from audit_log where action = 'audit.interviews_recorded' and target_type = 'audit' and target_id = ?`, String(auditId)))!;
  const counts = await interviewsOf(db, auditId);
  const sum = (ns: (number | null)[]) => (ns.every((n) => n === null) ? null : ns.reduce<number>((a, b) => a + (b ?? 0), 0));
  const interviews =
    counts.total === null
      ? null
      : [
          ...INTERVIEW_GENDERS.map((g) => ({ group: g, migrant: counts.cells[g].migrant, national: counts.cells[g].national, all: sum([counts.cells[g].migrant, counts.cells[g].national]) })),
          { group: "all" as const, migrant: sum(INTERVIEW_GENDERS.map((g) => counts.cells[g].migrant)), national: sum(INTERVIEW_GENDERS.map((g) => counts.cells[g].national)), all: counts.total },
        ];
  const dataAsOf = Math.max(lastChange.t ?? 0, interviewsAt.t ?? 0, ...findings.map((f) => f.recordedAt), ...findings.flatMap((f) => f.evidence.map((e) => e.createdAt)), ...actionRows.map((a) => a.changedAt));
  const asOfDay = localDay(dataAsOf, zone);
  const when = (ms: number, z = zone) => `${localDay(ms, z)} ${localTime(ms, z)}`;
  const window = (z: string) => `${when(d.audit.startsAt, z)} – ${when(d.audit.endsAt, z)}`;
  const lead = d.team.find((t) => t.role === "lead")?.name ?? "";
  const data: AuditReportData = {
    inspectorate: actor.membership!.orgName,
    // The workplace through the audit's scoped view (its snapshot once the share is revoked).
    workplace: { name: d.supplierName, externalId: d.externalId ?? "—", address: d.address, country: d.country ? countryWithCode(countryName(d.country), d.country) : "—", sector: d.sector, company: d.companyName },
    audit: { id: auditId, type: d.audit.type, status: "completed", window: window(zone), zone, inspectorateWindow: window(own) === window(zone) ? null : { window: window(own), zone: own }, followUpOf: d.audit.followUpOf, followedUpBy: d.followedUpBy.map((f) => f.id) },
    team: d.team.map((t) => ({ name: t.name, role: t.role })),
    checklist: INDICATORS.map((i) => {
      const f = byCode.get(i.code);
      return { indicator: `${i.group === "ilo" ? `ILO ${i.iloNumber}. ` : "Recruitment: "}${i.label}`, result: f?.result ?? null, description: f?.description ?? "", workersInterviewed: f?.workersInterviewed ?? null, evidence: f?.evidence.map((e) => ({ name: e.fileName, sha256: e.sha256 })) ?? [] };
    }),
    interviews,
    actions: actionRows.map((a) => ({ description: a.description, owner: a.owner, dueOn: a.dueOn, status: a.status, overdue: isOverdue(a, asOfDay), indicator: LABEL.get(a.indicator) ?? a.indicator })),
    lead,
  };
  return { data, dataAsOf, methodologyVersion: null, referenceVersions: [], references: [], status: d.audit.status };
}
