/**
 * The supplier organisation's home (issue 20): its workplaces, each with the buyers whose lists it
 * claimed, and what those buyers asked of it. Counts are read, never assumed: a supplier that has
 * claimed nothing yet is told so because the query found no site.
 */
import { rawAll, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { questionnaireStatus } from "../questionnaires/responses.server";

const dayOf = (t: number) => new Date(t).toISOString().slice(0, 10);

export async function supplierHome(db: Db, actor: Actor, now = Date.now()) {
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
  // The open request due soonest (any site of the organisation): the reminder at the top of the home.
  const nearest = await rawAll<{ siteId: number; site: string; buyer: string; dueOn: string }>(
    db,
    `select s.id as "siteId", s.name as site, o.name as buyer, r.due_on as "dueOn"
       from questionnaire_requests r
       join supplier_site_links l on l.supplier_id = r.supplier_id and l.buyer_org_id = r.buyer_org_id
       join supplier_sites s on s.id = l.site_id
       join organisations o on o.id = r.buyer_org_id
      where s.org_id = ? and r.answered_at is null
      order by r.due_on, r.id limit 1`,
    orgId,
  );
  const next = nearest[0] ? { ...nearest[0], siteId: Number(nearest[0].siteId), overdue: nearest[0].dueOn < dayOf(now) } : null;
  const withStatus = [];
  // Each site's questionnaire as its rows say (a draft's progress is counted, never assumed).
  for (const s of sites) withStatus.push({ ...s, buyers: Number(s.buyers), openRequests: Number(s.openRequests), questionnaire: (await questionnaireStatus(db, s.id, now)).status });
  return { sites: withStatus, nextRequest: next };
}

export type SupplierHomeData = Awaited<ReturnType<typeof supplierHome>>;
