/**
 * A supplier's observed indicators over the API (decision 037), read and recorded through the
 * indicators page's own domain functions (`supplierIndicators`, `recordSupplierIndicators`): the
 * same permission checks, the same source kept with each value, the same activity-log entry and
 * the same rescoring of the supplier.
 */
import type { z } from "zod";
import type { Db } from "#db/client";
import type { Actor } from "~/auth/permissions.server";
import { recordSupplierIndicators, supplierIndicators } from "../suppliers/supplier-indicators.server";
import type { IndicatorSchema, RecordIndicatorsRequestSchema, RecordIndicatorsResultSchema, SupplierIndicatorsSchema } from "./operations";

type Indicator = z.output<typeof IndicatorSchema>;

function indicatorsOf(detail: Awaited<ReturnType<typeof supplierIndicators>>): Indicator[] {
  return detail.rows.map((r) => ({
    code: r.code,
    label: r.label,
    group: r.group,
    value: r.value,
    // The page says the same three things: a person's record (its stored text), the list, or nothing.
    source: r.recordedSource !== null ? "recorded" : r.fromList ? "list" : null,
    note: r.recordedSource,
    importId: r.fromList ? detail.lastImportId : null,
    date: r.date,
  }));
}

export async function apiSupplierIndicators(db: Db, actor: Actor, orgId: number, supplierId: number): Promise<z.output<typeof SupplierIndicatorsSchema>> {
  const detail = await supplierIndicators(db, actor, orgId, supplierId);
  return { supplierId: detail.id, indicators: indicatorsOf(detail) };
}

export async function apiRecordSupplierIndicators(
  db: Db,
  actor: Actor,
  orgId: number,
  supplierId: number,
  body: z.output<typeof RecordIndicatorsRequestSchema>,
  ip: string | null,
): Promise<z.output<typeof RecordIndicatorsResultSchema>> {
  const values = Object.fromEntries(Object.entries(body.values).filter((e): e is [string, "yes" | "no" | "unknown"] => e[1] !== undefined));
  const { changedCodes, change } = await recordSupplierIndicators(db, actor, orgId, supplierId, { values, note: body.note, ip });
  return { changed: changedCodes, before: change.before, after: change.after, indicators: indicatorsOf(await supplierIndicators(db, actor, orgId, supplierId)) };
}
