/**
 * A substantiated grievance becomes evidence in the workplace's score (issue 19, decision 028):
 * each ILO indicator the case is tagged with is recorded as observed on the company's supplier
 * record, with the case as its source ("grievance:42" — the case number, never the case code nor
 * anything the worker said or is), and the supplier is rescored the way a person's recording
 * rescores it (`recordSupplierIndicators`).
 *
 * When:
 * - a workplace with 20 workers or more: as soon as the finding is recorded (`applyFindingNow`), or
 *   by the sweep (`applyGrievanceFindings`) for any that were missed;
 * - a small workplace (routing.server.ts `isSmallWorkplace`, unknown headcount included): only once
 *   the calendar quarter of the finding has ended, and dated the quarter's last day. Its company
 *   sees its cases only as quarterly counts; a score that moved on a Tuesday, dated that Tuesday,
 *   would tell it which week a handful of workers complained.
 *
 * Safe with several processes: a case is claimed by a conditional update of
 * `indicators_applied_at` (only where it is still null) in the same transaction as the supplier's
 * indicators and the activity-log entry, so a case is written into the record exactly once;
 * applying again changes nothing.
 */
import { and, eq, isNotNull, isNull } from "drizzle-orm";
import { changedRows, firstRow, inTransaction, type Db } from "#db/client";
import { grievances, suppliers } from "#db/schema";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { isIndicatorCode } from "~/domain/indicators";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { grievanceSource, observationDay } from "./observations.server";

export { grievanceSource, nextQuarterStart } from "./observations.server";
import { isSmallWorkplace } from "./routing.server";

export interface Applied {
  grievanceId: number;
  supplierId: number;
  indicators: string[];
}

type Candidate = { id: number; supplierId: number; indicators: string[]; findingAt: Date | null; workersTotal: number | null; orgId: number };

async function candidates(db: Db, only?: number): Promise<Candidate[]> {
  return await db
    .select({ id: grievances.id, supplierId: suppliers.id, indicators: grievances.indicators, findingAt: grievances.findingAt, workersTotal: suppliers.workersTotal, orgId: suppliers.orgId })
    .from(grievances)
    .innerJoin(suppliers, eq(suppliers.id, grievances.supplierId))
    .where(and(eq(grievances.finding, "substantiated"), isNotNull(grievances.supplierId), isNull(grievances.indicatorsAppliedAt), only === undefined ? undefined : eq(grievances.id, only)))
    .orderBy(grievances.id);
}

/** Writes one case into its supplier's record if it is due and still unclaimed; the supplier to rescore, or null. */
async function applyOne(db: Db, c: Candidate, now: number): Promise<Applied | null> {
  const day = observationDay(c.findingAt, c.workersTotal, now);
  if (day === null) return null;
  const codes = [...new Set(c.indicators.filter(isIndicatorCode))].sort();
  return await inTransaction(db, async () => {
    // The claim: whoever sets it first applies the case; everyone else finds it set and stops.
    const claimed = changedRows(await db.update(grievances).set({ indicatorsAppliedAt: new Date(now) }).where(and(eq(grievances.id, c.id), isNull(grievances.indicatorsAppliedAt), eq(grievances.finding, "substantiated"))));
    if (claimed !== 1) return null;
    // A case tagged with no indicator is claimed all the same (nothing to write, nothing to retry).
    if (codes.length === 0) return { grievanceId: c.id, supplierId: c.supplierId, indicators: [] };
    const s = firstRow(await db.select({ indicators: suppliers.indicators, indicatorSources: suppliers.indicatorSources }).from(suppliers).where(eq(suppliers.id, c.supplierId)));
    if (!s) return null;
    const indicators = { ...s.indicators };
    const sources = { ...s.indicatorSources };
    // A substantiated case is first-hand evidence: it replaces an earlier "not observed" and becomes the cited source.
    for (const code of codes) {
      indicators[code] = true;
      sources[code] = { source: grievanceSource(c.id), date: day };
    }
    await db.update(suppliers).set({ indicators, indicatorSources: sources, updatedAt: new Date(now) }).where(eq(suppliers.id, c.supplierId));
    await recordEvent(db, { action: "supplier.grievance_applied", actorUserId: null, orgId: c.orgId, targetType: "grievance", targetId: c.id, details: { supplierId: c.supplierId, changed: Object.fromEntries(codes.map((code) => [code, "yes"])) } }, now);
    return { grievanceId: c.id, supplierId: c.supplierId, indicators: codes };
  });
}

async function rescore(db: Db, applied: readonly Applied[], orgOf: Map<number, number>, now: number): Promise<void> {
  const byOrg = new Map<number, Map<number, number>>();
  for (const a of applied) {
    if (a.indicators.length === 0) continue;
    const org = orgOf.get(a.supplierId)!;
    const m = byOrg.get(org) ?? new Map<number, number>();
    m.set(a.supplierId, a.grievanceId);
    byOrg.set(org, m);
  }
  for (const [orgId, suppliersToCase] of byOrg) {
    const ids = [...suppliersToCase.keys()];
    // One case: its number is the cause; several at once (the sweep): the first names the run.
    await scoreOrganisation(db, orgId, { supplierIds: ids, cause: `grievance case ${suppliersToCase.get(ids[0]!)} substantiated`, now });
  }
}

/**
 * Every substantiated case on a supplier record not yet written into it, where it is due (small
 * workplaces: after the finding's quarter). Idempotent; returns what it applied.
 */
export async function applyGrievanceFindings(db: Db, now = Date.now()): Promise<Applied[]> {
  const applied: Applied[] = [];
  const orgOf = new Map<number, number>();
  for (const c of await candidates(db)) {
    const a = await applyOne(db, c, now);
    if (a) {
      applied.push(a);
      orgOf.set(a.supplierId, c.orgId);
    }
  }
  await rescore(db, applied, orgOf, now);
  return applied;
}

/**
 * One case, right after its finding was recorded: applied at once unless its workplace is small
 * (then the sweep applies it after the quarter). Null when nothing was applied.
 */
export async function applyFindingNow(db: Db, grievanceId: number, now = Date.now()): Promise<Applied | null> {
  const c = (await candidates(db, grievanceId))[0];
  if (!c || isSmallWorkplace(c.workersTotal)) return null;
  const a = await applyOne(db, c, now);
  if (a) await rescore(db, [a], new Map([[a.supplierId, c.orgId]]), now);
  return a;
}
