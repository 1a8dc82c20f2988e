/**
 * Recruiters over the API (decision 037): the list in id order with a cursor, and one recruiter
 * with its stored score's full breakdown. Both read as the token's actor through the permission
 * module ("suppliers.view" covers the company's suppliers and recruiters, as on the pages); the one
 * recruiter through `recruiterDetail`, the recruiter page's own reading, so the API cannot show
 * more or other than the page.
 */
import { and, asc, eq, gt, gte, isNull, or, type SQL } from "drizzle-orm";
import type { z } from "zod";
import type { Db } from "#db/client";
import { recruiters } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recruiterDetail } from "../recruiters/recruiters.server";
import { decodeCursor, DEFAULT_LIMIT, iso, pageFrom, CURSOR } from "./paging.server";
import { riskOf, scoreOf } from "./suppliers.server";
import type { ListRecruitersQuery, RecruiterPageSchema, RecruiterSchema } from "./operations";

/**
 * The list's cursor letter ("s" is the suppliers'): a supplier cursor is refused here. Capital,
 * leaving the lower-case "r" to reports, the likelier claimant of the initial.
 */
const LIST = CURSOR.recruiters;

export async function apiListRecruiters(db: Db, actor: Actor, orgId: number, query: z.output<typeof ListRecruitersQuery>): Promise<z.output<typeof RecruiterPageSchema>> {
  authorize(actor, "suppliers.view", { orgId });
  const limit = query.limit ?? DEFAULT_LIMIT;
  const conditions: (SQL | undefined)[] = [eq(recruiters.orgId, orgId)];
  if (query.cursor) conditions.push(gt(recruiters.id, decodeCursor(LIST, query.cursor)));
  if (query.country) conditions.push(eq(recruiters.country, query.country));
  if (query.band === "unscored") conditions.push(isNull(recruiters.riskBand));
  else if (query.band) conditions.push(eq(recruiters.riskBand, query.band));
  if (query.externalId) conditions.push(eq(recruiters.externalId, query.externalId));
  if (query.updatedSince) {
    const since = new Date(query.updatedSince);
    conditions.push(or(gte(recruiters.updatedAt, since), and(isNull(recruiters.updatedAt), gte(recruiters.createdAt, since))));
  }
  // One more than the page: whether a next page exists, without counting.
  const rows = await db
    .select({
      id: recruiters.id,
      externalId: recruiters.externalId,
      name: recruiters.name,
      country: recruiters.country,
      licenceNumber: recruiters.licenceNumber,
      licenceStatus: recruiters.licenceStatus,
      originCountries: recruiters.originCountries,
      feesChargedToWorkers: recruiters.feesChargedToWorkers,
      feeAmount: recruiters.feeAmount,
      feeCurrency: recruiters.feeCurrency,
      certification: recruiters.certification,
      riskScore: recruiters.riskScore,
      riskBand: recruiters.riskBand,
      riskConfidence: recruiters.riskConfidence,
      riskScoreLow: recruiters.riskScoreLow,
      riskScoreHigh: recruiters.riskScoreHigh,
      riskRedFlags: recruiters.riskRedFlags,
      createdAt: recruiters.createdAt,
      updatedAt: recruiters.updatedAt,
    })
    .from(recruiters)
    .where(and(...conditions))
    .orderBy(asc(recruiters.id))
    .limit(limit + 1);
  return pageFrom(LIST, rows, limit, (r) => ({
    id: r.id,
    ...recordFields(r),
    risk: riskOf(r),
    updatedAt: iso(r.updatedAt ?? r.createdAt)!,
  }));
}

export async function apiRecruiter(db: Db, actor: Actor, orgId: number, recruiterId: number): Promise<z.output<typeof RecruiterSchema>> {
  const { recruiter: r, score, suppliers, suppliersTotal } = await recruiterDetail(db, actor, orgId, recruiterId);
  return {
    id: r.id,
    ...recordFields(r),
    score: score ? scoreOf(score) : null,
    suppliers: suppliers.map((s) => ({ id: s.id, externalId: s.externalId, name: s.name, country: s.country, origins: s.origins })),
    suppliersTotal,
    updatedAt: iso(r.updatedAt ?? r.createdAt)!,
  };
}

/** What the list and the one recruiter both say of the record itself. */
function recordFields(r: Pick<typeof recruiters.$inferSelect, "externalId" | "name" | "country" | "licenceNumber" | "licenceStatus" | "originCountries" | "feesChargedToWorkers" | "feeAmount" | "feeCurrency" | "certification">) {
  return {
    externalId: r.externalId,
    name: r.name,
    country: r.country,
    licenceNumber: r.licenceNumber,
    licenceStatus: r.licenceStatus,
    originCountries: r.originCountries,
    feesChargedToWorkers: r.feesChargedToWorkers,
    feeAmount: r.feeAmount,
    feeCurrency: r.feeCurrency,
    certification: r.certification,
  };
}

