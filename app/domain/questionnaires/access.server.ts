/**
 * Who may reach a site or a supplier record in questionnaire sharing: the permission first (403 for
 * a role or kind of organisation that may not), then the thing itself inside the actor's own
 * organisation: another organisation's site or record answers 404 exactly like a missing one.
 */
import { and, asc, eq } from "drizzle-orm";
import { firstRow, type Db } from "#db/client";
import { supplierSiteLinks, supplierSites, suppliers } from "#db/schema";
import { authorize, type Action, type Actor } from "~/auth/permissions.server";
import { NotFound } from "../errors";

const ownOrgId = (actor: Actor) => actor.membership?.orgId ?? -1;

/** Whole positive ids only: anything else is a thing that does not exist. */
const isId = (id: number) => Number.isSafeInteger(id) && id > 0;

/** One of the supplier organisation's own sites, after `action` is allowed. */
export async function ownSite(db: Db, actor: Actor, action: Action, siteId: number) {
  const orgId = ownOrgId(actor);
  authorize(actor, action, { orgId });
  const site = isId(siteId) ? firstRow(await db.select({ id: supplierSites.id, orgId: supplierSites.orgId, name: supplierSites.name }).from(supplierSites).where(and(eq(supplierSites.id, siteId), eq(supplierSites.orgId, orgId)))) : undefined;
  if (!site) throw new NotFound();
  return site;
}

/** One of the buying company's own supplier records, after `action` is allowed, with the site it is linked to (if claimed). */
export async function ownRecord(db: Db, actor: Actor, action: Action, supplierId: number) {
  const orgId = ownOrgId(actor);
  authorize(actor, action, { orgId });
  const record = isId(supplierId) ? firstRow(await db.select({ id: suppliers.id, orgId: suppliers.orgId, name: suppliers.name }).from(suppliers).where(and(eq(suppliers.id, supplierId), eq(suppliers.orgId, orgId)))) : undefined;
  if (!record) throw new NotFound();
  // The link's buyer is the record's company by construction; asked for anyway, so that a link
  // written wrongly can never show one company's supplier another company's answers.
  const link = firstRow(
    await db
      .select({ siteId: supplierSiteLinks.siteId, siteName: supplierSites.name, supplierOrgId: supplierSites.orgId })
      .from(supplierSiteLinks)
      .innerJoin(supplierSites, eq(supplierSites.id, supplierSiteLinks.siteId))
      .where(and(eq(supplierSiteLinks.supplierId, record.id), eq(supplierSiteLinks.buyerOrgId, orgId))),
  );
  return { ...record, buyerOrgId: orgId, link: link ?? null };
}

/** The buyer's record(s) linked to a site, oldest first: the one a buyer's log entry names. */
export async function recordOfBuyer(db: Db, siteId: number, buyerOrgId: number): Promise<number | null> {
  const row = firstRow(
    await db
      .select({ supplierId: supplierSiteLinks.supplierId })
      .from(supplierSiteLinks)
      .where(and(eq(supplierSiteLinks.siteId, siteId), eq(supplierSiteLinks.buyerOrgId, buyerOrgId)))
      .orderBy(asc(supplierSiteLinks.supplierId)),
  );
  return row?.supplierId ?? null;
}
