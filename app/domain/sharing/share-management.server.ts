/**
 * A company admin shares all its suppliers, or a filtered subset, with a partner organisation
 * (inspectorate, union or regulator), choosing what the partner sees. Shares take effect at once
 * and end at once when revoked: every partner query reads the active shares (sharing.server.ts).
 * Commercial fields and workers' personal data are never part of any scope: the platform does
 * not share them at all.
 */
import { and, desc, eq, inArray, isNull, ne } from "drizzle-orm";
import { rawGet, type Db } from "#db/client";
import { organisations, shares, suppliers, users } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { resolveCountry } from "../reference/countries.server";
import { BANDS } from "../risk/types";
import { SHARE_SCOPES, shareCondition, type ActiveShare, type ShareFilter, type ShareScope } from "./sharing.server";
import { firstRow } from "#db/client";
import { onlyRow } from "#db/client";

export const SCOPE_LABELS: Record<ShareScope, string> = {
  identity: "Identity and location",
  scores: "Risk scores and their breakdown",
  indicators: "Observed indicators (evidence about working conditions)",
  audits: "Audits and corrective actions",
  recruiters: "Labour recruiters and corridors",
};

export async function partnerOrganisations(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shares.manage", { orgId });
  return await db.select({ id: organisations.id, name: organisations.name, type: organisations.type }).from(organisations).where(and(ne(organisations.type, "company"), isNull(organisations.deactivatedAt))).orderBy(organisations.type, organisations.name);
}

export async function sharesFrom(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shares.manage", { orgId });
  return (await db
      .select({ id: shares.id, to: organisations.name, toType: organisations.type, scope: shares.scope, filter: shares.filter, createdAt: shares.createdAt, revokedAt: shares.revokedAt, by: users.name })
      .from(shares)
      .innerJoin(organisations, eq(organisations.id, shares.toOrgId))
      .leftJoin(users, eq(users.id, shares.createdBy))
      .where(eq(shares.fromOrgId, orgId))
      .orderBy(desc(shares.createdAt), desc(shares.id)))
    .map((s) => ({ ...s, scope: s.scope as ShareScope[], filter: s.filter as ShareFilter, createdAt: s.createdAt.getTime(), revokedAt: s.revokedAt?.getTime() ?? null }));
}

export interface ShareInput {
  toOrgId: number;
  scope: string[];
  countries: string;
  sectors: string;
  bands: string[];
  supplierIds: string;
}

const splitList = (text: string) => text.split(/[,;\n]/).map((s) => s.trim()).filter(Boolean);

export async function createShare(db: Db, actor: Actor, input: ShareInput, ip: string | null, now = Date.now()): Promise<number> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shares.manage", { orgId });
  const partner = (await partnerOrganisations(db, actor)).find((p) => p.id === input.toOrgId);
  if (!partner) throw new Invalid("toOrgId", "Choose the inspectorate, union or regulator to share with.");
  const scope = [...new Set(input.scope)];
  const unknown = scope.find((s) => !(SHARE_SCOPES as readonly string[]).includes(s));
  if (unknown) throw new Invalid("scope", `"${unknown}" is not something that can be shared.`);
  if (!scope.includes("identity")) scope.unshift("identity");
  const filter: ShareFilter = {};
  const countries: string[] = [];
  for (const part of splitList(input.countries)) {
    const match = resolveCountry(part);
    if (!match.ok) throw new Invalid("countries", `"${part}" is not a country code or name we know${match.suggestion ? ` (did you mean ${match.suggestion.name}?)` : " (use ISO codes such as MY, TH)"}.`);
    if (!countries.includes(match.code)) countries.push(match.code);
  }
  if (countries.length) filter.countries = countries;
  const sectors = splitList(input.sectors);
  if (sectors.some((s) => s.length > 100)) throw new Invalid("sectors", "A sector name may be up to 100 characters.");
  if (sectors.length) filter.sectors = sectors;
  const badBand = input.bands.find((b) => !(BANDS as readonly string[]).includes(b));
  if (badBand) throw new Invalid("bands", `"${badBand}" is not a risk band.`);
  if (input.bands.length) filter.bands = input.bands;
  const externalIds = splitList(input.supplierIds);
  if (externalIds.length > 5000) throw new Invalid("supplierIds", "List at most 5000 suppliers; share by country, sector or band for more.");
  if (externalIds.length) {
    const found = await db.select({ id: suppliers.id, externalId: suppliers.externalId }).from(suppliers).where(and(eq(suppliers.orgId, orgId), inArray(suppliers.externalId, externalIds)));
    const known = new Set(found.map((f) => f.externalId));
    const missing = externalIds.filter((e) => !known.has(e));
    if (missing.length) throw new Invalid("supplierIds", `Not among your suppliers: ${missing.slice(0, 10).join(", ")}${missing.length > 10 ? ` and ${missing.length - 10} more` : ""}.`);
    filter.supplierIds = found.map((f) => f.id).sort((a, b) => a - b);
  }
  const id = onlyRow(await db.insert(shares).values({ fromOrgId: orgId, toOrgId: partner.id, scope, filter: { ...filter }, createdBy: actor.user.id, createdAt: new Date(now) }).returning({ id: shares.id })).id;
  await recordEvent(db, { action: "share.created", actorUserId: actor.user.id, orgId, targetType: "share", targetId: id, ip, details: { to: partner.id, scope, filter: { ...filter } } }, now);
  return id;
}

/** What revoking a share would do, for the confirmation; changes nothing. */
export interface RevocationPreview {
  shareId: number;
  partner: string;
  /** Suppliers the share covers now. */
  covered: number;
  /** Of those, the ones the partner stops seeing: no other active share of ours to them covers them. */
  lost: number;
  alreadyRevoked: boolean;
}

export async function previewRevocation(db: Db, actor: Actor, shareId: number): Promise<RevocationPreview> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shares.manage", { orgId });
  const share = firstRow(await db.select({ id: shares.id, toOrgId: shares.toOrgId, filter: shares.filter, scope: shares.scope, revokedAt: shares.revokedAt, partner: organisations.name }).from(shares).innerJoin(organisations, eq(organisations.id, shares.toOrgId)).where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId))));
  if (!share) throw new NotFound();
  const asActive = (s: { id: number; filter: unknown; scope: unknown }): ActiveShare => ({ id: s.id, fromOrgId: orgId, companyName: "", since: new Date(0), scope: s.scope as ShareScope[], filter: s.filter as ShareFilter });
  const own = shareCondition(asActive(share));
  const others = (await db.select({ id: shares.id, filter: shares.filter, scope: shares.scope }).from(shares).where(and(eq(shares.fromOrgId, orgId), eq(shares.toOrgId, share.toOrgId), isNull(shares.revokedAt), ne(shares.id, shareId)))).map((o) => shareCondition(asActive(o)));
  const covered = Number((await rawGet<{ n: number }>(db, `select count(*) as n from suppliers s where ${own.sql}`, ...own.params))!.n);
  const stillSeen = others.length ? ` and not (${others.map((o) => o.sql).join(" or ")})` : "";
  const lost = Number((await rawGet<{ n: number }>(db, `select count(*) as n from suppliers s where ${own.sql}${stillSeen}`, ...own.params, ...others.flatMap((o) => o.params)))!.n);
  return { shareId: share.id, partner: share.partner, covered, lost, alreadyRevoked: share.revokedAt !== null };
}

export async function revokeShare(db: Db, actor: Actor, shareId: number, ip: string | null, now = Date.now()): Promise<void> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shares.manage", { orgId });
  const share = firstRow(await db.select().from(shares).where(and(eq(shares.id, shareId), eq(shares.fromOrgId, orgId))));
  if (!share) throw new NotFound();
  if (share.revokedAt) return;
  await db.update(shares).set({ revokedAt: new Date(now) }).where(and(eq(shares.id, shareId), isNull(shares.revokedAt)));
  await recordEvent(db, { action: "share.revoked", actorUserId: actor.user.id, orgId, targetType: "share", targetId: shareId, ip, details: { to: share.toOrgId } }, now);
}
