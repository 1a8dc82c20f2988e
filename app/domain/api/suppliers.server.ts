/**
 * Suppliers over the API (decision 037): the list in id order with a cursor, and one supplier with
 * its stored score's full breakdown. Both read as the token's actor through the permission module;
 * the one supplier through `supplierDetail`, the page's own reading, so the API cannot show more
 * or other than the page.
 */
import { and, asc, eq, gt, gte, isNull, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#db/client";
import { suppliers, type ImportKind } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { createRecord, updateRecord, type RecordFields, type RecordWarning } from "../suppliers/record-writes.server";
import { decodeCursor, DEFAULT_LIMIT, iso, pageFrom, CURSOR } from "./paging.server";
import { listColumns, supplierDetail } from "../suppliers/suppliers.server";
import type { Band } from "../risk/types";
import type { StoredScore } from "../risk/score-history.server";
import type { ListSuppliersQuery, RiskSummarySchema, ScoreSchema, SupplierPageSchema, SupplierSchema } from "./operations";

export function riskOf(row: { riskScore: number | null; riskBand: string | null; riskConfidence: number | null; riskScoreLow: number | null; riskScoreHigh: number | null; riskRedFlags: number }): z.output<typeof RiskSummarySchema> | null {
  if (row.riskScore === null || row.riskBand === null) return null;
  return {
    score: row.riskScore,
    band: row.riskBand as Band,
    confidence: row.riskConfidence ?? 0,
    range: row.riskScoreLow !== null && row.riskScoreHigh !== null ? { low: row.riskScoreLow, high: row.riskScoreHigh } : null,
    redFlags: row.riskRedFlags,
  };
}

export async function apiListSuppliers(db: Db, actor: Actor, orgId: number, query: z.output<typeof ListSuppliersQuery>): Promise<z.output<typeof SupplierPageSchema>> {
  authorize(actor, "suppliers.view", { orgId });
  const limit = query.limit ?? DEFAULT_LIMIT;
  const conditions: (SQL | undefined)[] = [eq(suppliers.orgId, orgId), isNull(suppliers.mergedIntoId)];
  if (query.cursor) conditions.push(gt(suppliers.id, decodeCursor(CURSOR.suppliers, query.cursor)));
  if (query.country) conditions.push(eq(suppliers.country, query.country));
  if (query.band === "unscored") conditions.push(isNull(suppliers.riskBand));
  else if (query.band) conditions.push(eq(suppliers.riskBand, query.band));
  if (query.externalId) conditions.push(eq(suppliers.externalId, query.externalId));
  if (query.updatedSince) {
    const since = new Date(query.updatedSince);
    conditions.push(or(gte(suppliers.updatedAt, since), and(isNull(suppliers.updatedAt), gte(suppliers.createdAt, since))));
  }
  // One more than the page: whether a next page exists, without counting.
  const rows = await db
    .select(listColumns)
    .from(suppliers)
    .where(and(...conditions))
    .orderBy(asc(suppliers.id))
    .limit(limit + 1);
  return pageFrom(CURSOR.suppliers, rows, limit, (r) => ({
      id: r.id,
      externalId: r.externalId,
      name: r.name,
      country: r.country,
      sector: r.sector,
      products: r.products,
      tier: r.tier,
      workersTotal: r.workersTotal,
      migrantShare: r.migrantShare,
      risk: riskOf(r),
      updatedAt: iso(r.updatedAt)!,
  }));
}

/** A stored score as the API gives it, with its full breakdown (suppliers and recruiters alike). */
export function scoreOf(score: StoredScore): z.output<typeof ScoreSchema> {
  return {
    id: score.id,
    score: score.score,
    band: score.band as Band,
    confidence: score.confidence,
    range: score.scoreLow !== null && score.scoreHigh !== null ? { low: score.scoreLow, high: score.scoreHigh } : null,
    redFlags: score.redFlags,
    factors: score.factors.map((f) => ({
      code: f.code,
      layer: f.layer,
      label: f.label,
      value: f.value,
      weight: f.weight,
      contribution: f.contribution,
      known: f.known,
      sources: f.sources,
      redFlag: f.redFlag === true,
      basis: f.basis ?? "recorded",
    })),
    computedAt: iso(score.computedAt)!,
    cause: score.cause,
    inputsHash: score.inputsHash,
    methodology: { version: score.methodologyVersion, name: score.methodologyName },
    references: score.references.map((r) => ({ name: r.name, edition: r.edition })),
  };
}

export async function apiSupplier(db: Db, actor: Actor, orgId: number, supplierId: number): Promise<z.output<typeof SupplierSchema>> {
  const { supplier: s, score } = await supplierDetail(db, actor, orgId, supplierId);
  return {
    id: s.id,
    externalId: s.externalId,
    name: s.name,
    address: s.address,
    country: s.country,
    region: s.region,
    sector: s.sector,
    products: s.products,
    tier: s.tier,
    parentExternalId: s.parentExternalId,
    workersTotal: s.workersTotal,
    migrantShare: s.migrantShare,
    femaleShare: s.femaleShare,
    identifiers: s.identifiers,
    mergedIntoId: s.mergedIntoId,
    score: score ? scoreOf(score) : null,
    updatedAt: iso(s.updatedAt ?? s.createdAt)!,
  };
}

/**
 * One supplier or recruiter created or changed (decision 037) through the record writer
 * (records-write.server.ts: the import's checks, the activity log, the score at once), answered
 * with the record as its GET reads it (`read`). `via` names the token in the log and the score's sources.
 */
export async function apiWriteRecord<T>(
  db: Db,
  actor: Actor,
  orgId: number,
  kind: ImportKind,
  write: { id?: number; fields: Record<string, unknown> },
  context: { ip: string | null; via: string },
  read: (id: number) => Promise<T>,
): Promise<{ record: T; changed: string[]; warnings: RecordWarning[] }> {
  // The operation's row and patch shapes (operations.suppliers.ts) admit only these JSON values.
  const fields = write.fields as RecordFields;
  const done = write.id === undefined ? await createRecord(db, actor, orgId, kind, fields, context) : await updateRecord(db, actor, orgId, kind, write.id, fields, context);
  return { record: await read(done.id), changed: done.changed, warnings: done.warnings };
}
