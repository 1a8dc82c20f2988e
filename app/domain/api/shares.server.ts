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
import { activeSharesTo } from "../sharing/sharing.server";
import { iso } from "./paging.server";
import type { ShareListSchema, ShareRequestSchema, ShareSchema } from "./operations";

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
