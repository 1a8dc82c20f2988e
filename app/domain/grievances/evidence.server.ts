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
 *
 * A finding reversed later (`withdrawFinding`) takes back what this case wrote, and only that.
 */
import { and, eq, isNotNull, isNull, ne } from "drizzle-orm";
import { changedRows, firstRow, inTransaction, type Db } from "#db/client";
import { grievanceEvents, grievances, suppliers } from "#db/schema";
import { recordEvent } from "~/domain/activity-log/activity-log.server";
import { isIndicatorCode } from "~/domain/indicators";
import { scoreOrganisation } from "~/domain/risk/scoring.server";
import { grievanceObservations, grievanceSource, observationDay } from "./observations.server";

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

/**
 * A finding reversed (recorded again as not substantiated) after the case was written into its
 * supplier's record: every indicator whose recorded source is still this case goes back to unknown
 * — a withdrawn complaint is no evidence of absence either — and the supplier is rescored. An
 * indicator whose source is now something else (a later audit, a person's recording, a list
 * import) is that source's evidence and stays as it is. The scorer reads substantiated cases only
 * (observations.server.ts), so the case stops counting there too.
 *
 * The claim mirrors applyOne's: `indicators_applied_at` is cleared only where it is set and the
 * finding is no longer substantiated, in the same transaction as the record, the timeline and the
 * activity log, so a reversal is withdrawn once however many processes see it. A case never
 * applied (a small workplace's, waiting for its quarter) claims nothing: the finding alone changes.
 * `by`: the organisation and person who reversed the finding, named on the case's timeline.
 */
export async function withdrawFinding(db: Db, grievanceId: number, by: { orgId: number; userId: number }, now = Date.now()): Promise<Applied | null> {
  const c = firstRow(await db.select({ id: grievances.id, supplierId: suppliers.id, orgId: suppliers.orgId }).from(grievances).innerJoin(suppliers, eq(suppliers.id, grievances.supplierId)).where(eq(grievances.id, grievanceId)));
  if (!c) return null;
  const withdrawn = await inTransaction(db, async () => {
    const claimed = changedRows(await db.update(grievances).set({ indicatorsAppliedAt: null, updatedAt: new Date(now) }).where(and(eq(grievances.id, c.id), isNotNull(grievances.indicatorsAppliedAt), ne(grievances.finding, "substantiated"))));
    if (claimed !== 1) return null;
    const s = firstRow(await db.select({ indicators: suppliers.indicators, indicatorSources: suppliers.indicatorSources }).from(suppliers).where(eq(suppliers.id, c.supplierId)));
    const source = grievanceSource(c.id);
    const codes = s ? Object.keys(s.indicatorSources).filter((code) => s.indicatorSources[code]?.source === source).sort() : [];
    // Another substantiated case at the workplace that observed the same indicator becomes its source
    // (the oldest, as the scorer reads it); only what no other case observed goes back to unknown.
    const others = codes.length > 0 ? ((await grievanceObservations(db, c.orgId, [c.supplierId])).get(c.supplierId) ?? {}) : {};
    const changed: Record<string, "yes" | "unknown"> = {};
    if (s && codes.length > 0) {
      const indicators = { ...s.indicators };
      const sources = { ...s.indicatorSources };
      for (const code of codes) {
        const other = others[code];
        if (other?.present && other.source && other.date) {
          sources[code] = { source: other.source, date: other.date };
          changed[code] = "yes";
        } else {
          delete indicators[code];
          delete sources[code];
          changed[code] = "unknown";
        }
      }
      await db.update(suppliers).set({ indicators, indicatorSources: sources, updatedAt: new Date(now) }).where(eq(suppliers.id, c.supplierId));
    }
    // The parties read on the case what left the record (the company too: its supplier's record changed).
    await db.insert(grievanceEvents).values({ grievanceId: c.id, type: "evidence_withdrawn", audience: "parties", orgId: by.orgId, userId: by.userId, body: null, data: { indicators: codes }, createdAt: new Date(now) });
    await recordEvent(db, { action: "supplier.grievance_withdrawn", actorUserId: null, orgId: c.orgId, targetType: "grievance", targetId: c.id, details: { supplierId: c.supplierId, changed } }, now);
    return { grievanceId: c.id, supplierId: c.supplierId, indicators: codes };
  });
  // Rescored even when every code had been re-sourced: the case itself no longer counts in the score.
  if (withdrawn) await scoreOrganisation(db, c.orgId, { supplierIds: [c.supplierId], cause: `grievance case ${c.id} no longer substantiated`, now });
  return withdrawn;
}
