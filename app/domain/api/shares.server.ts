/**
 * Shares over the API (decision 037), through the sharing pages' own domain functions: a company's
 * shares through `sharesFrom`, made through `createShare` and revoked through `revokeShare` (the
 * same `shares.manage` check, the same refusals naming the form's fields, the same activity-log
 * entries); a partner's through `activeSharesTo`, after the `shared.view` check the shared
 * suppliers page makes. Another organisation's share answers 404 like a missing one.
 */
import type { z } from "zod";
import type { Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { NotFound } from "../errors";
import { createShare, revokeShare, sharesFrom } from "../sharing/share-management.server";
import { sharedSupplierView } from "../sharing/shared-suppliers.server";
import { activeSharesTo } from "../sharing/sharing.server";
import type { Band } from "../risk/types";
import { decodeCursor, DEFAULT_LIMIT, iso, pageFrom, CURSOR } from "./paging.server";
import type { ListSharedSuppliersQuery, SharedSupplierPageSchema, ShareListSchema, ShareRequestSchema, ShareSchema } from "./operations";

type Share = z.output<typeof ShareSchema>;

function shareOf(s: Awaited<ReturnType<typeof sharesFrom>>[number]): Share {
  return {
    direction: "given",
    id: s.id,
    partner: { id: s.toOrgId, name: s.to, type: s.toType },
    scope: s.scope,
    filter: { ...s.filter },
    filterText: s.filterText,
    createdAt: iso(s.createdAt)!,
    createdBy: s.by,
    revokedAt: iso(s.revokedAt),
    covers: s.covers && { covered: s.covers.covered, total: s.covers.total },
  };
}

async function ownShare(db: Db, actor: Actor, shareId: number): Promise<Share> {
  const share = (await sharesFrom(db, actor)).find((s) => s.id === shareId);
  if (!share) throw new NotFound();
  return shareOf(share);
}

export async function apiListShares(db: Db, actor: Actor, orgId: number): Promise<z.output<typeof ShareListSchema>> {
  if (actor.membership?.orgType === "company") return { data: (await sharesFrom(db, actor)).map(shareOf) };
  // A partner: what the shared suppliers page names (its shares, without their filters: which of
  // the company's suppliers are covered is the company's business; the partner sees the suppliers).
  authorize(actor, "shared.view", { orgId });
  return { data: (await activeSharesTo(db, orgId)).map((s) => ({ direction: "received" as const, id: s.id, company: { id: s.fromOrgId, name: s.companyName }, scope: s.scope, since: iso(s.since)! })) };
}

export async function apiCreateShare(db: Db, actor: Actor, body: z.output<typeof ShareRequestSchema>, ip: string): Promise<Share> {
  const id = await createShare(db, actor, { toOrgId: body.toOrgId, scope: body.scope, countries: body.countries ?? [], sectors: body.sectors ?? [], bands: body.bands ?? [], suppliers: body.suppliers ?? [] }, ip);
  return await ownShare(db, actor, id);
}

export async function apiRevokeShare(db: Db, actor: Actor, shareId: number, ip: string): Promise<Share> {
  await revokeShare(db, actor, shareId, ip);
  return await ownShare(db, actor, shareId);
}

/**
 * The suppliers companies share with a partner organisation, through `sharedSupplierView`, the
 * one scoped reading every partner-facing page, export and feed uses (after the same `shared.view`
 * check as the shared suppliers page): a field outside the shares' scopes is null there and here.
 */
export async function apiListSharedSuppliers(db: Db, actor: Actor, orgId: number, query: z.output<typeof ListSharedSuppliersQuery>): Promise<z.output<typeof SharedSupplierPageSchema>> {
  authorize(actor, "shared.view", { orgId });
  const limit = query.limit ?? DEFAULT_LIMIT;
  const rows = await sharedSupplierView(db, orgId, { afterId: query.cursor ? decodeCursor(CURSOR.sharedSuppliers, query.cursor) : 0, limit: limit + 1, ...(query.country ? { countries: [query.country] } : {}) });
  return pageFrom(CURSOR.sharedSuppliers, rows, limit, (v) => ({
    id: v.id,
    company: { id: v.companyOrgId, name: v.companyName },
    scope: v.scope,
    since: iso(v.since)!,
    name: v.name,
    externalId: v.externalId,
    address: v.address,
    country: v.country,
    sector: v.sector,
    products: v.products,
    tier: v.tier,
    workersTotal: v.workersTotal,
    migrantShare: v.migrantShare,
    femaleShare: v.femaleShare,
    risk:
      v.scoreShared && v.riskScore !== null && v.riskBand !== null
        ? { score: v.riskScore, band: v.riskBand as Band, confidence: v.riskConfidence, range: v.riskScoreLow !== null && v.riskScoreHigh !== null ? { low: v.riskScoreLow, high: v.riskScoreHigh } : null, redFlags: v.riskRedFlags ?? 0 }
        : null,
  }));
}
