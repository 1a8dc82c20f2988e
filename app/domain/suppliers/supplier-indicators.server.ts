/**
 * A person records what they observed at a supplier (an indicator present, absent, or no longer
 * known), with their name and the date as its source; the supplier's score follows at once.
 */
import { and, eq } from "drizzle-orm";
import type { Db } from "#db/client";
import { suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { INDICATORS, isIndicatorCode } from "../indicators";
import { scoreOrganisation, type ScoringOutcome } from "../risk/scoring.server";
import { firstRow } from "#db/client";

export type IndicatorValue = "yes" | "no" | "unknown";

export async function supplierIndicators(db: Db, actor: Actor, orgId: number, supplierId: number) {
  authorize(actor, "suppliers.view", { orgId });
  const s = firstRow(await db
      .select({ id: suppliers.id, name: suppliers.name, indicators: suppliers.indicators, indicatorSources: suppliers.indicatorSources, lastImportId: suppliers.lastImportId })
      .from(suppliers)
      .where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId))));
  if (!s) throw new NotFound();
  return {
    ...s,
    rows: INDICATORS.map((i) => ({
      ...i,
      value: (i.code in s.indicators ? (s.indicators[i.code] ? "yes" : "no") : "unknown") as IndicatorValue,
      source: s.indicatorSources[i.code]?.source ?? (i.code in s.indicators ? (s.lastImportId ? `supplier list, import ${s.lastImportId}` : "supplier list") : null),
      date: s.indicatorSources[i.code]?.date ?? null,
    })),
  };
}

export async function recordSupplierIndicators(
  db: Db,
  actor: Actor,
  orgId: number,
  supplierId: number,
  input: { values: Record<string, string>; note: string; ip?: string | null; now?: Date },
): Promise<ScoringOutcome & { changedCodes: string[] }> {
  authorize(actor, "suppliers.edit", { orgId });
  const current = await supplierIndicators(db, actor, orgId, supplierId);
  const note = input.note.trim();
  if (note.length > 500) throw new Invalid("note", `The note may be up to 500 characters (this one has ${note.length}).`);
  const now = input.now ?? new Date();
  const date = now.toISOString().slice(0, 10);
  const source = `recorded by ${actor.user.name} on ${date}${note ? `: ${note}` : ""}`;
  const indicators = { ...current.indicators };
  const sources = { ...current.indicatorSources };
  const changedCodes: string[] = [];
  for (const [code, value] of Object.entries(input.values)) {
    if (!isIndicatorCode(code)) throw new Invalid(code, `"${code}" is not an indicator the platform knows.`);
    if (value !== "yes" && value !== "no" && value !== "unknown") throw new Invalid(code, `Choose yes, no or unknown (got "${value}").`);
    const before = current.rows.find((r) => r.code === code)!.value;
    if (before === value) continue;
    changedCodes.push(code);
    if (value === "unknown") {
      delete indicators[code];
      delete sources[code];
    } else {
      indicators[code] = value === "yes";
      sources[code] = { source, date };
    }
  }
  if (changedCodes.length === 0) return { scored: 0, changed: 0, changedCodes };
  await db.update(suppliers).set({ indicators, indicatorSources: sources, updatedAt: now }).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId)));
  await recordEvent(db, { action: "supplier.indicators_changed", actorUserId: actor.user.id, orgId, targetType: "supplier", targetId: supplierId, ip: input.ip, details: { changed: Object.fromEntries(changedCodes.map((c) => [c, input.values[c]])), note } });
  const outcome = await scoreOrganisation(db, orgId, { supplierIds: [supplierId], cause: `indicators recorded by ${actor.user.name}` });
  return { ...outcome, changedCodes };
}
