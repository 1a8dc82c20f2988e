/**
 * A supplier's own workplace (issue 20, item 1): its identity, the corrections the supplier made to
 * it (append-only, one row per changed field, shown to every buyer that lists the site) and the
 * buyers that list it. Only the supplier organisation that holds the site reads it; any other
 * organisation's site id answers like one that does not exist.
 */
import { and, asc, eq, min } from "drizzle-orm";
import { firstRow, inTransaction, type Db } from "#db/client";
import { organisations, siteIdentityChanges, supplierSiteLinks, supplierSites } from "#db/schema";
import { authorize, can, type Actor } from "~/auth/permissions.server";
import { recordEvent } from "../activity-log/activity-log.server";
import { Invalid, NotFound } from "../errors";
import { identifierProblem, IDENTIFIER_SCHEMES, normaliseIdentifier } from "./identifiers";
import { identityHistory } from "./invitations.server";
import type { SiteIdentityInput } from "./schemas";

/** Refuses (403/404) unless the site is the actor's organisation's: the correction form checks it before reading its body. */
export async function requireOwnSite(db: Db, actor: Actor, siteId: number): Promise<void> {
  await ownSite(db, actor, siteId);
}

async function ownSite(db: Db, actor: Actor, siteId: number) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "sites.view", { orgId });
  const site = firstRow(await db.select().from(supplierSites).where(and(eq(supplierSites.id, siteId), eq(supplierSites.orgId, orgId))));
  if (!site) throw new NotFound();
  return site;
}

export async function siteView(db: Db, actor: Actor, siteId: number) {
  const site = await ownSite(db, actor, siteId);
  const buyers = await db
    .select({ orgId: supplierSiteLinks.buyerOrgId, name: organisations.name, since: min(supplierSiteLinks.createdAt) })
    .from(supplierSiteLinks)
    .innerJoin(organisations, eq(organisations.id, supplierSiteLinks.buyerOrgId))
    .where(eq(supplierSiteLinks.siteId, site.id))
    .groupBy(supplierSiteLinks.buyerOrgId, organisations.name)
    .orderBy(asc(organisations.name));
  return {
    site: { id: site.id, name: site.name, country: site.country, address: site.address, identifiers: site.identifiers },
    // min() over a timestamp comes back raw on one engine: read it as a time on both.
    buyers: buyers.map((b) => ({ name: b.name, since: b.since === null ? null : new Date(b.since as unknown as number | string | Date) })),
    history: await identityHistory(db, site.id),
    canCorrect: can(actor, "sites.manage", { orgId: site.orgId }),
  };
}

export type SiteViewData = Awaited<ReturnType<typeof siteView>>;

/** The value of each corrected field, as stored: null for an empty one. */
const orNull = (v: string | null | undefined) => (v === undefined || v === null || v === "" ? null : v);

/**
 * Applies the supplier's correction: each field that changed becomes one row of the site's
 * history, all in one transaction with the update; nothing changed, nothing is written. Each
 * identifier is normalised and checked for its scheme's form; a malformed one is refused beside its
 * field, naming the value and the form expected.
 */
export async function correctSiteIdentity(db: Db, actor: Actor, siteId: number, input: SiteIdentityInput, ip: string | null, now = Date.now()): Promise<{ changed: string[] }> {
  const site = await ownSite(db, actor, siteId);
  authorize(actor, "sites.manage", { orgId: site.orgId });
  const identifiers: Record<string, string> = {};
  for (const scheme of IDENTIFIER_SCHEMES) {
    const raw = input[scheme] ?? "";
    const value = normaliseIdentifier(scheme, raw);
    if (!value) continue;
    const problem = identifierProblem(scheme, value);
    // The message names the field, the value as typed and the form expected (one sentence per scheme).
    if (problem) throw new Invalid(scheme, problem, { value: raw.trim() });
    identifiers[scheme] = value;
  }
  const changes: { field: string; before: string | null; after: string | null }[] = [];
  const compare = (field: string, before: string | null | undefined, after: string | null | undefined) => {
    if (orNull(before) !== orNull(after)) changes.push({ field, before: orNull(before), after: orNull(after) });
  };
  compare("name", site.name, input.name);
  compare("country", site.country, input.country);
  compare("address", site.address, input.address);
  for (const scheme of IDENTIFIER_SCHEMES) compare(`identifier:${scheme}`, site.identifiers[scheme], identifiers[scheme]);
  if (changes.length === 0) return { changed: [] };
  await inTransaction(db, async () => {
    await db.update(supplierSites).set({ name: input.name, country: orNull(input.country), address: orNull(input.address), identifiers, updatedAt: new Date(now) }).where(eq(supplierSites.id, site.id));
    await db.insert(siteIdentityChanges).values(changes.map((c) => ({ siteId: site.id, ...c, changedBy: actor.user.id, createdAt: new Date(now) })));
    const fields = changes.map((c) => c.field);
    await recordEvent(db, { action: "supplier.identity_corrected", actorUserId: actor.user.id, orgId: site.orgId, targetType: "site", targetId: site.id, ip, details: { site: input.name, fields } }, now);
    // Each buyer listing the site sees the correction in its own log too, on its own record.
    const links = await db.select({ buyerOrgId: supplierSiteLinks.buyerOrgId, supplierId: supplierSiteLinks.supplierId }).from(supplierSiteLinks).where(eq(supplierSiteLinks.siteId, site.id));
    for (const link of links) {
      await recordEvent(db, { action: "supplier.identity_corrected", actorUserId: actor.user.id, orgId: link.buyerOrgId, targetType: "supplier", targetId: link.supplierId, ip, details: { site: input.name, supplierId: link.supplierId, fields } }, now);
    }
  });
  return { changed: changes.map((c) => c.field) };
}
