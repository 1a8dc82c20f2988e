/**
 * What a supplier risk profile shows, read for the company that owns the supplier: its identity,
 * current score and breakdown, the audits the company may see (never an unannounced one before it
 * started) with findings and evidence fingerprints, corrective actions and the score history.
 */
import { rawAll, rawGet, type Db } from "#db/client";
import { countryWithCode, methodologyTitle } from "~/lib/format";
import { authorize, type Actor } from "~/auth/permissions.server";
import type { ActionLine, AuditLine, SupplierProfileData } from "#reports/types";
import { findingsOf, isOverdue } from "../audits/audit-views.server";
import { COMPANY_VISIBLE } from "../audits/visibility.server";
import { windowInZones } from "../audits/zone-text";
import { workplaceZone } from "../reference/country-zones";
import { INDICATORS } from "../indicators";
import { countryName } from "../reference/countries.server";
import { scoreHistory, storedScore } from "../risk/score-history.server";
import { supplierDetail } from "../suppliers/suppliers.server";

const LABEL = new Map<string, string>(INDICATORS.map((i) => [i.code, i.label]));

/**
 * Corrective actions for a report, each with when it last changed: the latest of its creation,
 * response and verification, taken here (SQL has no many-argument max on both engines).
 */
export async function actionRowsWhere(db: Db, where: string, ...params: unknown[]) {
  const rows = await rawAll<{ description: string; owner: string; dueOn: string; status: string; indicator: string; createdAt: number; respondedAt: number | null; verifiedAt: number | null }>(
    db,
    `select c.description, c.owner, c.due_on as dueOn, c.status, f.indicator, c.created_at as createdAt, c.responded_at as respondedAt, c.verified_at as verifiedAt
       from corrective_actions c join findings f on f.id = c.finding_id
       where ${where} order by c.due_on, c.id`,
    ...params,
  );
  return rows.map(({ createdAt, respondedAt, verifiedAt, ...a }) => ({ ...a, changedAt: Math.max(createdAt, respondedAt ?? 0, verifiedAt ?? 0) }));
}

export interface Loaded<T> {
  data: T;
  dataAsOf: number;
  methodologyVersion: string | null;
  referenceVersions: number[];
  references: string[];
}

export async function supplierProfileData(db: Db, actor: Actor, orgId: number, supplierId: number, now: number): Promise<Loaded<SupplierProfileData>> {
  authorize(actor, "suppliers.view", { orgId });
  const detail = await supplierDetail(db, actor, orgId, supplierId);
  const s = detail.supplier;
  const score = await storedScore(db, orgId, "supplier", s.id, s.riskScoreId);
  const company = (await rawGet<{ name: string }>(db, `select name from organisations where id = ?`, orgId))!.name;
  // An audit changed when it was last updated and, unannounced, when it started (the company sees
  // it from then): the later of the two, taken here (SQL has no two-argument max on both engines).
  const audits = (
    await rawAll<{ id: number; inspectorate: string; type: string; status: string; startsAt: number; endsAt: number; zone: string; country: string | null; updatedAt: number }>(
      db,
      `select a.id, o.name as inspectorate, a.type, a.status, a.starts_at as startsAt, a.ends_at as endsAt, coalesce(st.time_zone, 'UTC') as zone, a.workplace_country as country,
                coalesce(a.updated_at, a.created_at) as updatedAt
         from audits a join organisations o on o.id = a.org_id left join inspectorate_settings st on st.org_id = a.org_id
         where a.company_org_id = ? and a.supplier_id = ? and ${COMPANY_VISIBLE} order by a.starts_at, a.id`,
      orgId,
      s.id,
      new Date(now),
    )
  ).map(({ updatedAt, ...a }) => ({ ...a, changedAt: Math.max(updatedAt, a.type === "unannounced" ? a.startsAt : 0) }));
  const auditLines: AuditLine[] = [];
  for (const a of audits) {
    auditLines.push({
      id: a.id,
      inspectorate: a.inspectorate,
      type: a.type,
      status: a.status,
      // Where it happened, labelled (issue 17, item 5): the country recorded with the audit, so the same data reads the same.
      window: windowInZones(a.startsAt, a.endsAt, workplaceZone(a.country, a.zone)),
      findings: (await findingsOf(db, a.id)).map((f) => ({ indicator: LABEL.get(f.indicator) ?? f.indicator, result: f.result, description: f.description, workersInterviewed: f.workersInterviewed, evidence: f.evidence.map((e) => ({ name: e.fileName, sha256: e.sha256 })) })),
    });
  }
  const visible = audits.map((a) => a.id);
  const actionRows = await actionRowsWhere(db, `c.supplier_id = ? and c.audit_id in (select value from json_each(?))`, s.id, JSON.stringify(visible));
  const findingTimes = visible.length
    ? ((await rawGet<{ t: number | null }>(db, `select max(recorded_at) as t from findings where audit_id in (select value from json_each(?))`, JSON.stringify(visible)))!.t ?? 0)
    : 0;
  // The report is as of the latest change to anything it shows, so that it reads the same whenever it is generated.
  const dataAsOf = Math.max(s.createdAt.getTime(), s.updatedAt?.getTime() ?? 0, score?.computedAt ?? 0, findingTimes, ...audits.map((a) => a.changedAt), ...actionRows.map((a) => a.changedAt));
  const asOfDay = new Date(dataAsOf).toISOString().slice(0, 10);
  const actions: ActionLine[] = actionRows.map((a) => ({ description: a.description, owner: a.owner, dueOn: a.dueOn, status: a.status, overdue: isOverdue(a, asOfDay), indicator: LABEL.get(a.indicator) ?? a.indicator }));
  const history = (await scoreHistory(db, "supplier", s.id, 200)).map((h) => ({ at: h.at, score: h.score }));
  const data: SupplierProfileData = {
    company,
    supplier: {
      externalId: s.externalId,
      name: s.name,
      address: s.address,
      country: s.country ? countryWithCode(countryName(s.country), s.country) : "—",
      sector: s.sector,
      products: s.products,
      tier: s.tier,
      workersTotal: s.workersTotal,
      migrantShare: s.migrantShare,
      femaleShare: s.femaleShare,
    },
    score: score ? { score: score.score, band: score.band, confidence: score.confidence, low: score.scoreLow, high: score.scoreHigh, redFlags: score.redFlags.map((code) => INDICATORS.find((i) => i.code === code)?.label ?? code), computedAt: score.computedAt, inputsHash: score.inputsHash } : null,
    factors: score?.factors ?? [],
    audits: auditLines,
    actions,
    history,
    recruiters: detail.recruiters.map((x) => ({
      name: x.name,
      licence: `${x.licenceStatus}${x.licenceNumber ? ` (${x.licenceNumber})` : ""}`,
      fees: x.feesChargedToWorkers === null ? "unknown" : x.feesChargedToWorkers ? `yes${x.feeAmount !== null ? `, ${x.feeAmount} ${x.feeCurrency ?? ""}`.trimEnd() : ""}` : "no",
      corridors: x.origins.length ? x.origins.map((o) => `${o} → ${s.country ?? "?"}`).join(", ") : "—",
    })),
  };
  return {
    data,
    dataAsOf,
    methodologyVersion: score ? methodologyTitle(score.methodologyName, score.methodologyVersion) : null,
    referenceVersions: score?.referenceVersions ?? [],
    references: score?.references.map((r) => `${r.name} ${r.edition}`) ?? [],
  };
}
