/**
 * The supplier organisation's home (issue 20): its workplaces, each with the buyers whose lists it
 * claimed, and what those buyers asked of it. Counts are read, never assumed: a supplier that has
 * claimed nothing yet is told so because the query found no site.
 */
import { rawAll, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";

export async function supplierHome(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "sites.view", { orgId });
  const sites = await rawAll<{ id: number; name: string; country: string | null; buyers: number; openRequests: number }>(
    db,
    `select s.id, s.name, s.country,
            (select count(distinct l.buyer_org_id) from supplier_site_links l where l.site_id = s.id) as buyers,
            (select count(*) from questionnaire_requests r join supplier_site_links l on l.supplier_id = r.supplier_id
              where l.site_id = s.id and r.answered_at is null) as "openRequests"
       from supplier_sites s where s.org_id = ? order by s.name, s.id`,
    orgId,
  );
  return { sites: sites.map((s) => ({ ...s, buyers: Number(s.buyers), openRequests: Number(s.openRequests) })) };
}

export type SupplierHomeData = Awaited<ReturnType<typeof supplierHome>>;
