/**
 * Reading a company's suppliers. Every query is scoped to the organisation the permission module
 * allowed; a supplier of another organisation is never returned.
 */
import { and, asc, count, countDistinct, desc, eq, or, sql } from "drizzle-orm";
import type { Db } from "#db/client";
import { recruiters, suppliers } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";

export const PAGE_SIZE = 50;

export function supplierOverview(db: Db, actor: Actor, orgId: number) {
  authorize(actor, "suppliers.view", { orgId });
  const totals = db
    .select({ suppliers: count(), countries: countDistinct(suppliers.country), workers: sql<number>`coalesce(sum(${suppliers.workersTotal}), 0)` })
    .from(suppliers)
    .where(eq(suppliers.orgId, orgId))
    .get()!;
  const recruiterCount = db.select({ n: count() }).from(recruiters).where(eq(recruiters.orgId, orgId)).get()?.n ?? 0;
  const byCountry = db
    .select({ country: suppliers.country, suppliers: count(), workers: sql<number>`coalesce(sum(${suppliers.workersTotal}), 0)` })
    .from(suppliers)
    .where(eq(suppliers.orgId, orgId))
    .groupBy(suppliers.country)
    .orderBy(desc(count()), asc(suppliers.country))
    .limit(8)
    .all();
  return { ...totals, recruiters: recruiterCount, byCountry };
}

/** Escapes LIKE wildcards so that a search for "50%" means the text "50%". */
const likePattern = (q: string) => `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function listSuppliers(db: Db, actor: Actor, orgId: number, options: { q?: string; page?: number } = {}) {
  authorize(actor, "suppliers.view", { orgId });
  const q = options.q?.trim().slice(0, 200) ?? "";
  const page = Math.max(1, Math.floor(options.page ?? 1));
  const pattern = likePattern(q);
  const where = q
    ? and(eq(suppliers.orgId, orgId), or(sql`${suppliers.name} like ${pattern} escape '\\'`, sql`${suppliers.externalId} like ${pattern} escape '\\'`, eq(suppliers.country, q.toUpperCase())))
    : eq(suppliers.orgId, orgId);
  const total = db.select({ n: count() }).from(suppliers).where(where).get()?.n ?? 0;
  const rows = db
    .select({
      id: suppliers.id,
      externalId: suppliers.externalId,
      name: suppliers.name,
      country: suppliers.country,
      sector: suppliers.sector,
      products: suppliers.products,
      tier: suppliers.tier,
      workersTotal: suppliers.workersTotal,
      migrantShare: suppliers.migrantShare,
    })
    .from(suppliers)
    .where(where)
    .orderBy(asc(suppliers.name), asc(suppliers.id))
    .limit(PAGE_SIZE)
    .offset((page - 1) * PAGE_SIZE)
    .all();
  return { q, page, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), rows };
}
