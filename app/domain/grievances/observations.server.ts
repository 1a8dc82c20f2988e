/**
 * What substantiated grievance cases observed at a workplace, as the scorer reads it (issue 19,
 * decision 028). `evidence.server.ts` writes a case's indicators into the supplier record once;
 * the scorer also reads them from the cases themselves and merges them like audit findings
 * (a "present" is never erased by a "no"), because the record can be rewritten afterwards — the
 * next supplier list, or a person on the indicators page — and a worker's substantiated account
 * must not vanish from the score because the company's spreadsheet says otherwise.
 *
 * Only cases already applied (`indicators_applied_at` set) count, so a small workplace's case still
 * waits for the end of its quarter here too.
 */
import { and, eq, inArray, isNotNull } from "drizzle-orm";
import type { Db } from "#db/client";
import { grievances, suppliers } from "#db/schema";
import { isIndicatorCode } from "~/domain/indicators";
import type { ObservedIndicator } from "~/domain/risk/types";
import { isSmallWorkplace } from "./routing.server";

const DAY = 86_400_000;
const IDS_PER_STATEMENT = 500;

/** The source a case's indicators carry (read back by risk-text's sourceCitation): the case number, nothing of the worker. */
export const grievanceSource = (id: number) => `grievance:${id}`;

/** The first moment of the calendar quarter after the one that contains `t`, UTC. */
export function nextQuarterStart(t: number): number {
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / 3) * 3 + 3, 1);
}

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

/**
 * The day a case's observation carries, or null while it must wait: the finding's day, or for a
 * small workplace the last day of the finding's quarter once that quarter has ended (a finding
 * dated to the day would date the complaint for a company that knows every one of its workers).
 */
export function observationDay(findingAt: Date | null, workersTotal: number | null, now: number): string | null {
  // A substantiated case without a finding time counts from now.
  const at = findingAt?.getTime() ?? now;
  if (!isSmallWorkplace(workersTotal)) return dayOf(at);
  const end = nextQuarterStart(at);
  return now >= end ? dayOf(end - DAY) : null;
}

/** Per supplier of the company (or of the given ones), the indicators its applied substantiated cases observed. */
export async function grievanceObservations(db: Db, companyOrgId: number, supplierIds?: readonly number[]): Promise<Map<number, Record<string, ObservedIndicator>>> {
  const read = (list: number[] | null) =>
    db
      .select({ id: grievances.id, supplierId: suppliers.id, indicators: grievances.indicators, findingAt: grievances.findingAt, appliedAt: grievances.indicatorsAppliedAt, workersTotal: suppliers.workersTotal })
      .from(grievances)
      .innerJoin(suppliers, eq(suppliers.id, grievances.supplierId))
      .where(and(eq(suppliers.orgId, companyOrgId), eq(grievances.finding, "substantiated"), isNotNull(grievances.indicatorsAppliedAt), list ? inArray(suppliers.id, list) : undefined))
      .orderBy(grievances.id);
  const rows: Awaited<ReturnType<typeof read>> = [];
  if (!supplierIds) rows.push(...(await read(null)));
  else {
    const ids = [...new Set(supplierIds)].sort((a, b) => a - b);
    for (let i = 0; i < ids.length; i += IDS_PER_STATEMENT) rows.push(...(await read(ids.slice(i, i + IDS_PER_STATEMENT))));
  }
  const out = new Map<number, Record<string, ObservedIndicator>>();
  for (const r of rows) {
    const day = observationDay(r.findingAt, r.workersTotal, r.appliedAt!.getTime()) ?? dayOf(r.appliedAt!.getTime());
    const seen = out.get(r.supplierId) ?? {};
    // Oldest case first: the first case that observed an indicator stays its source.
    for (const code of r.indicators.filter(isIndicatorCode)) seen[code] ??= { present: true, source: grievanceSource(r.id), date: day };
    out.set(r.supplierId, seen);
  }
  return out;
}

/** Adds the cases' observations where nothing else says "present" (a "no" from the list or a person does not erase them). */
export function mergeGrievanceObservations(recorded: Record<string, ObservedIndicator>, fromCases: Record<string, ObservedIndicator> | undefined): Record<string, ObservedIndicator> {
  if (!fromCases) return recorded;
  const merged = { ...recorded };
  for (const [code, o] of Object.entries(fromCases)) if (!merged[code]?.present) merged[code] = o;
  return Object.fromEntries(Object.keys(merged).sort().map((k) => [k, merged[k]!]));
}
