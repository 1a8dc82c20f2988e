/**
 * A supplier's evidence changed (a share given or revoked, an audit recorded): the records of the
 * buyers it reaches are scored again at once, so that a buyer's page never shows a score computed
 * without evidence the supplier has shared (or with evidence it has taken back).
 */
import { rawAll, type Db } from "#db/client";
import { scoreOrganisation } from "../risk/scoring.server";

/** Scores again the buyers' records linked to the site: one buyer's, or every buyer's when `buyerOrgId` is null. */
export async function rescoreBuyerRecords(db: Db, siteId: number, buyerOrgId: number | null, cause: string, now: number): Promise<void> {
  const links = await rawAll<{ buyerOrgId: number; supplierId: number }>(
    db,
    `select buyer_org_id as "buyerOrgId", supplier_id as "supplierId" from supplier_site_links where site_id = ? ${buyerOrgId === null ? "" : "and buyer_org_id = ?"} order by buyer_org_id, supplier_id`,
    siteId,
    ...(buyerOrgId === null ? [] : [buyerOrgId]),
  );
  const byBuyer = new Map<number, number[]>();
  for (const l of links) byBuyer.set(l.buyerOrgId, [...(byBuyer.get(l.buyerOrgId) ?? []), l.supplierId]);
  for (const [orgId, supplierIds] of byBuyer) await scoreOrganisation(db, orgId, { supplierIds, cause, now });
}
