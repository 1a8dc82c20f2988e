/**
 * The company's home as a to-do list: what waits for someone of the company to act, each item
 * counted from the database when the page is asked for (never from the dashboard snapshot, which
 * may be a few seconds behind), with its latest entries and the page where they are dealt with.
 */
import { rawAll, rawGet, type Db } from "#db/client";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { listActions } from "../audits/corrective-actions.server";
import { COMPANY_VISIBLE } from "../audits/visibility.server";
import { feeTotals, workerPaidFeeSuppliers, type CurrencyTotals, type WorkerPaidFeeSuppliers } from "../fees/fees.server";

/** How far back "recent" goes for reports issued and bands that rose. */
export const RECENT_DAYS = 30;
const LATEST = 5;

export interface CompanyHome {
  suppliers: number;
  openContests: { total: number; latest: { id: number; supplierId: number; supplierName: string; partner: string; createdAt: number }[] };
  overdueActions: { total: number; latest: { id: number; supplierName: string; description: string; dueOn: string }[] };
  reportedAudits: { total: number; latest: { id: number; supplierName: string; inspectorate: string; reportedAt: number }[] };
  bandRises: { total: number; latest: { id: number; name: string; before: string; after: string; score: number; at: number }[] };
  waitingImports: { total: number; latest: { id: number; fileName: string; kind: string; status: "uploaded" | "analysed"; createdAt: number }[] };
  /** Submitted reports a regulator asked to correct, not yet answered by a correcting report. */
  correctionsRequested: { total: number; latest: { id: string; title: string; regulator: string; reason: string; at: number }[] };
  /**
   * The recruitment-fee ledger in figures, per currency, computed from the instalments and the
   * workers' answers; the suppliers whose indicators show workers paying fees (and how many have no
   * fee case yet); whether the reader may record a case (fees.manage).
   */
  fees: { currencies: CurrencyTotals[]; overdue: number; workerPaid: WorkerPaidFeeSuppliers; canRecord: boolean };
}

export async function companyHome(db: Db, actor: Actor, orgId: number, now = Date.now()): Promise<CompanyHome> {
  authorize(actor, "suppliers.view", { orgId });
  const since = new Date(now - RECENT_DAYS * 86_400_000);

  const suppliers = (await rawGet<{ n: number }>(db, `select count(*) as n from suppliers where org_id = ? and merged_into_id is null`, orgId))?.n ?? 0;

  const contestRows = await rawAll<{ id: number; supplierId: number; supplierName: string; partner: string; createdAt: number }>(
    db,
    `select c.id, c.supplier_id as supplierId, s.name as supplierName, o.name as partner, c.created_at as createdAt
       from contests c join suppliers s on s.id = c.supplier_id join organisations o on o.id = c.org_id
       where c.company_org_id = ? and c.status = 'open' and c.kind = 'score' order by c.created_at desc, c.id desc`,
    orgId,
  );

  // The same list, and the same "overdue" (past its due day in the inspectorate's zone), as /actions?overdue=1.
  const overdue = await listActions(db, actor, { overdue: true }, now);

  // Reports issued on audits of the company's suppliers: never an unannounced audit before it began.
  const auditWhere = `a.company_org_id = ? and a.status = 'report_issued' and coalesce(a.updated_at, a.created_at) >= ? and ${COMPANY_VISIBLE}`;
  const auditParams = [orgId, since, new Date(now)];
  const auditsTotal = (await rawGet<{ n: number }>(db, `select count(*) as n from audits a where ${auditWhere}`, ...auditParams))?.n ?? 0;
  const audits = await rawAll<{ id: number; supplierName: string; inspectorate: string; reportedAt: number }>(
    db,
    `select a.id, s.name as supplierName, o.name as inspectorate, coalesce(a.updated_at, a.created_at) as reportedAt
       from audits a join suppliers s on s.id = a.supplier_id join organisations o on o.id = a.org_id
       where ${auditWhere} order by coalesce(a.updated_at, a.created_at) desc, a.id desc limit ?`,
    ...auditParams,
    LATEST,
  );

  // A band rose when the supplier's current score (computed recently) is in a higher band than the
  // score stored before it. The scoring writes both onto the supplier's row as it stores a score
  // (risk_band_before, and risk_rose_at only for a rise), so this reads the partial index of the
  // rises alone: at 100,000 suppliers, joining each one's current score and looking up the one
  // before it took 4-7 s per view.
  const riseWhere = `org_id = ? and risk_rose_at is not null and risk_rose_at >= ? and merged_into_id is null`;
  const risesTotal = (await rawGet<{ n: number }>(db, `select count(*) as n from suppliers where ${riseWhere}`, orgId, since))?.n ?? 0;
  const rises = await rawAll<{ id: number; name: string; before: string; after: string; score: number; at: number }>(
    db,
    `select id, name, risk_band_before as before, risk_band as after, risk_score as score, risk_rose_at as at
       from suppliers where ${riseWhere} order by risk_rose_at desc, risk_score desc, id limit ?`,
    orgId,
    since,
    LATEST,
  );

  // Waiting for the person: a mapping to confirm (uploaded) or a checked list to import (analysed).
  const importRows = await rawAll<{ id: number; fileName: string; kind: string; status: "uploaded" | "analysed"; createdAt: number }>(
    db,
    `select id, file_name as fileName, kind, status, created_at as createdAt from imports where org_id = ? and status in ('uploaded', 'analysed') order by created_at desc, id desc`,
    orgId,
  );

  // The same state as the report page reads (review-states.ts): the latest review step is a
  // correction request and no submitted report supersedes the report yet.
  const corrections = await rawAll<{ id: string; title: string; regulator: string; reason: string | null; at: number }>(
    db,
    `select r.id, r.title, g.name as regulator, rr.reason, rr.created_at as at
       from reports r join organisations g on g.id = r.submitted_to
       join report_reviews rr on rr.id = (select max(x.id) from report_reviews x where x.report_id = r.id)
       where r.org_id = ? and rr.action = 'correction_requested'
         and not exists (select 1 from reports n where n.supersedes = r.id and n.submitted_at is not null)
       order by rr.created_at desc, r.id`,
    orgId,
  );

  // The same figures as /fees (one function computes both): identified, repaid, confirmed, and the overdue instalments.
  const fees = await feeTotals(db, actor, {}, now);

  return {
    suppliers,
    fees: { currencies: fees.currencies, overdue: fees.overdue.length, workerPaid: await workerPaidFeeSuppliers(db, actor), canRecord: can(actor, "fees.manage", { orgId }) },
    openContests: { total: contestRows.length, latest: contestRows.slice(0, LATEST) },
    overdueActions: { total: overdue.total, latest: overdue.rows.slice(0, LATEST).map((a) => ({ id: a.id, supplierName: a.supplierName, description: a.description, dueOn: a.dueOn })) },
    reportedAudits: { total: auditsTotal, latest: audits },
    bandRises: { total: risesTotal, latest: rises },
    waitingImports: { total: importRows.length, latest: importRows.slice(0, LATEST) },
    correctionsRequested: { total: corrections.length, latest: corrections.slice(0, LATEST).map((c) => ({ ...c, reason: c.reason ?? "", at: Number(new Date(c.at)) })) },
  };
}
