/**
 * What a partner organisation (inspectorate, union, regulator) may see of a company's suppliers:
 * the suppliers named by the company's active shares with it, within each share's scope. A
 * supplier outside every share answers 404, exactly like one that does not exist.
 */
import { and, eq, isNull } from "drizzle-orm";
import { rawGet, type Db } from "#db/client";
import { organisations, shares } from "#db/schema";
import { authorize, type Actor } from "~/auth/permissions.server";
import { NotFound } from "../errors";

export const SHARE_SCOPES = ["identity", "scores", "indicators", "audits", "recruiters"] as const;
export type ShareScope = (typeof SHARE_SCOPES)[number];

export interface ShareFilter {
  countries?: string[];
  sectors?: string[];
  bands?: string[];
  supplierIds?: number[];
}

export interface ActiveShare {
  id: number;
  fromOrgId: number;
  companyName: string;
  since: Date;
  scope: ShareScope[];
  filter: ShareFilter;
}

export async function activeSharesTo(db: Db, partnerOrgId: number): Promise<ActiveShare[]> {
  return (await db
      .select({ id: shares.id, fromOrgId: shares.fromOrgId, companyName: organisations.name, since: shares.createdAt, scope: shares.scope, filter: shares.filter })
      .from(shares)
      .innerJoin(organisations, eq(organisations.id, shares.fromOrgId))
      .where(and(eq(shares.toOrgId, partnerOrgId), isNull(shares.revokedAt)))
      .orderBy(shares.id))
    .map((s) => ({ ...s, scope: s.scope as ShareScope[], filter: s.filter as ShareFilter }));
}

/**
 * SQL (over alias `s` = suppliers) selecting the suppliers one share covers, with its parameters.
 * Filters are lists bound as JSON, never spliced into the SQL.
 */
export function shareCondition(share: ActiveShare): { sql: string; params: unknown[] } {
  // A record merged into another as a duplicate is not shared: its kept record is (decision 033).
  const parts = ["s.org_id = ?", "s.merged_into_id is null"];
  const params: unknown[] = [share.fromOrgId];
  const list = (column: string, values: unknown[] | undefined) => {
    if (!values?.length) return;
    parts.push(`${column} in (select value from json_each(?))`);
    params.push(JSON.stringify(values));
  };
  list("s.country", share.filter.countries);
  list("s.sector", share.filter.sectors);
  list("s.risk_band", share.filter.bands);
  list("s.id", share.filter.supplierIds);
  return { sql: `(${parts.join(" and ")})`, params };
}

/**
 * The share through which the partner sees this supplier, or null (then: 404). When several
 * shares cover it, their scopes add up, as in the scoped view (shared-suppliers.server.ts): the
 * oldest covering share is returned with the union of their scopes.
 */
export async function shareCovering(db: Db, partnerOrgId: number, supplierId: number): Promise<ActiveShare | null> {
  const covering: ActiveShare[] = [];
  for (const share of await activeSharesTo(db, partnerOrgId)) {
    const condition = shareCondition(share);
    if (await rawGet(db, `select 1 from suppliers s where s.id = ? and ${condition.sql}`, supplierId, ...condition.params)) covering.push(share);
  }
  const [first] = covering;
  if (!first) return null;
  const scope = SHARE_SCOPES.filter((s) => covering.some((share) => share.scope.includes(s)));
  return { ...first, scope };
}

/** Authorises a partner and returns the share that covers the supplier, or throws 404. */
export async function requireSharedSupplier(db: Db, actor: Actor, supplierId: number): Promise<ActiveShare> {
  const orgId = actor.membership?.orgId ?? -1;
  authorize(actor, "shared.view", { orgId });
  const share = await shareCovering(db, orgId, supplierId);
  if (!share) throw new NotFound();
  return share;
}
