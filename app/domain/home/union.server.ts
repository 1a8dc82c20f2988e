/**
 * The union's home: the suppliers companies share with it (read only through the scoped view, so
 * a name or score outside a share's scope is never shown) and its own contests with their status.
 */
import { rawAll, type Db } from "#db/client";
import { authorize, type Actor } from "~/auth/permissions.server";
import { countSharedSuppliers, sharedSupplierSummaries } from "../sharing/shared-suppliers.server";

const LATEST = 5;

export async function unionHome(db: Db, actor: Actor) {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shared.view", { orgId });
  const shared = await countSharedSuppliers(db, orgId);
  // Highest shared risk first (the view's own order, on the scoped score).
  const top = shared ? await sharedSupplierSummaries(db, orgId, { limit: LATEST }) : [];
  const companies = (await rawAll<{ n: number }>(db, `select count(distinct from_org_id) as n from shares where to_org_id = ? and revoked_at is null`, orgId))[0]?.n ?? 0;

  // The union's own contests only. The supplier's name comes from the scoped view too: a contest
  // on a supplier no longer shared, or shared without its identity, shows "Supplier <id>".
  const contests = await rawAll<{ id: number; supplierId: number; kind: "score" | "method"; status: "open" | "answered" | "closed"; createdAt: number; respondedAt: number | null }>(
    db,
    `select id, supplier_id as supplierId, kind, status, created_at as createdAt, responded_at as respondedAt from contests where org_id = ? order by coalesce(responded_at, created_at) desc, id desc`,
    orgId,
  );
  const latest = contests.slice(0, LATEST);
  const names = new Map((await sharedSupplierSummaries(db, orgId, { ids: latest.map((c) => c.supplierId), ordered: false })).map((v) => [v.id, v.name]));
  const byStatus = { open: 0, answered: 0, closed: 0 };
  for (const c of contests) byStatus[c.status] += 1;

  return {
    shared,
    companies,
    top: top.map((s) => ({ id: s.id, name: s.name, companyName: s.companyName, country: s.country, scoreShared: s.scoreShared, riskScore: s.riskScore, riskBand: s.riskBand, riskScoreLow: s.riskScoreLow, riskScoreHigh: s.riskScoreHigh, riskConfidence: s.riskConfidence })),
    contests: { total: contests.length, byStatus, latest: latest.map((c) => ({ ...c, supplierName: names.get(c.supplierId) ?? `Supplier ${c.supplierId}` })) },
  };
}

export type UnionHomeData = Awaited<ReturnType<typeof unionHome>>;
